//! Evaluation windows.

use serde::{Deserialize, Serialize};

use crate::Lang;

/// The time window over which an indicator's observations are aggregated and compared
/// with its target.
///
/// Windows are calendar periods: a month, a quarter, a year, or the whole plan (from the
/// plan's first day, cumulative). A target's period suffix (`/an`, `/mois`) fixes the
/// window; otherwise the indicator's own window applies.
///
/// ```
/// use ctg_core::model::Window;
/// let w: Window = serde_json::from_str("\"mois\"").unwrap();
/// assert_eq!(w, Window::Month);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Window {
    /// An ISO week, Monday to Sunday (*semaine*); it belongs to the year of its Thursday.
    #[serde(alias = "semaine", alias = "hebdomadaire", alias = "weekly")]
    Week,
    /// A calendar month (*mois*).
    #[serde(alias = "mois", alias = "monthly", alias = "mensuel")]
    Month,
    /// A calendar quarter (*trimestre*).
    #[serde(alias = "trimestre", alias = "quarterly", alias = "trimestriel")]
    Quarter,
    /// A half-year, January–June or July–December (*semestre*).
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
    /// Stable snake_case code (`month`, `quarter`, `year`, `plan`).
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
