//! Evaluation windows (also re-exported as [`crate::model::Window`]).

use serde::{Deserialize, Serialize};

use crate::Lang;

/// The time window over which an indicator's observations are aggregated and compared
/// with its target.
///
/// Windows are calendar periods: an ISO week (Monday to Sunday, belonging to the ISO year of
/// its Thursday), a month, a quarter, a half-year, a year, or the whole plan (from the
/// plan's first day, cumulative). A target's period suffix (`/an`, `/mois`) fixes the
/// window; otherwise the indicator's own window applies.
///
/// The variants are declared from the shortest window to the longest, which is their
/// `Ord` order.
///
/// ```
/// use ctg_core::model::Window;
/// let w: Window = serde_json::from_str("\"mois\"").unwrap();
/// assert_eq!(w, Window::Month);
/// let w: Window = serde_json::from_str("\"semestre\"").unwrap();
/// assert_eq!(w, Window::HalfYear);
/// assert!(Window::Week < Window::Month && Window::HalfYear < Window::Year);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Window {
    /// An ISO week (*semaine*), Monday to Sunday; it belongs to the ISO year of its
    /// Thursday, so a week can start in December of the year before.
    #[serde(alias = "semaine", alias = "hebdomadaire", alias = "weekly")]
    Week,
    /// A calendar month (*mois*).
    #[serde(alias = "mois", alias = "monthly", alias = "mensuel")]
    Month,
    /// A calendar quarter (*trimestre*).
    #[serde(alias = "trimestre", alias = "quarterly", alias = "trimestriel")]
    Quarter,
    /// A calendar half-year (*semestre*): 1 January – 30 June, 1 July – 31 December.
    #[serde(
        alias = "semestre",
        alias = "semestriel",
        alias = "half-year",
        alias = "halfyear",
        alias = "semiannual",
        alias = "half_yearly"
    )]
    HalfYear,
    /// A calendar year (*année*).
    #[serde(
        alias = "an",
        alias = "année",
        alias = "annee",
        alias = "yearly",
        alias = "annuel"
    )]
    Year,
    /// The whole plan period, cumulative from its first day (*durée du plan*).
    #[serde(
        alias = "whole_plan",
        alias = "durée_du_plan",
        alias = "duree_du_plan",
        alias = "cumulative",
        alias = "cumulé",
        alias = "cumule"
    )]
    Plan,
}

impl Window {
    /// Stable snake_case code (`week`, `month`, `quarter`, `half_year`, `year`, `plan`).
    pub fn code(self) -> &'static str {
        match self {
            Window::Week => "week",
            Window::Month => "month",
            Window::Quarter => "quarter",
            Window::HalfYear => "half_year",
            Window::Year => "year",
            Window::Plan => "plan",
        }
    }

    /// A human label in the given language.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Window::Week, Lang::Fr) => "semaine",
            (Window::Week, Lang::En) => "week",
            (Window::Month, Lang::Fr) => "mois",
            (Window::Month, Lang::En) => "month",
            (Window::Quarter, Lang::Fr) => "trimestre",
            (Window::Quarter, Lang::En) => "quarter",
            (Window::HalfYear, Lang::Fr) => "semestre",
            (Window::HalfYear, Lang::En) => "half-year",
            (Window::Year, Lang::Fr) => "an",
            (Window::Year, Lang::En) => "year",
            (Window::Plan, Lang::Fr) => "durée du plan",
            (Window::Plan, Lang::En) => "plan period",
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn codes_aliases_and_labels() {
        let all = [
            Window::Week,
            Window::Month,
            Window::Quarter,
            Window::HalfYear,
            Window::Year,
            Window::Plan,
        ];
        for w in all {
            // The code is what serde writes, and reads back.
            let json = serde_json::to_string(&w).unwrap();
            assert_eq!(json, format!("\"{}\"", w.code()));
            assert_eq!(serde_json::from_str::<Window>(&json).unwrap(), w);
        }
        // Declared shortest first.
        assert!(all.windows(2).all(|p| p[0] < p[1]));
        for a in ["semaine", "hebdomadaire", "weekly"] {
            let w: Window = serde_json::from_str(&format!("\"{a}\"")).unwrap();
            assert_eq!(w, Window::Week, "{a}");
        }
        for a in [
            "semestre",
            "semestriel",
            "half-year",
            "halfyear",
            "semiannual",
            "half_yearly",
        ] {
            let w: Window = serde_json::from_str(&format!("\"{a}\"")).unwrap();
            assert_eq!(w, Window::HalfYear, "{a}");
        }
        assert_eq!(Window::Week.label(Lang::Fr), "semaine");
        assert_eq!(Window::Week.label(Lang::En), "week");
        assert_eq!(Window::HalfYear.label(Lang::Fr), "semestre");
        assert_eq!(Window::HalfYear.label(Lang::En), "half-year");
    }
}
