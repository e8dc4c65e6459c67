//! The plan (*plan d'action*) itself.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Axis, Fiche, Indicator};

/// A CTG action plan: axes, fiches and their indicators, over a period of years.
///
/// Load one with [`Plan::from_toml`] / [`Plan::from_json`] (which validate and report every
/// problem at once), or take the bundled Sundgau plan from [`crate::plans::sundgau`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// Stable id (`sundgau-2025-2029`).
    pub id: String,
    /// Title (`Convention Territoriale Globale du Sundgau — Plan d'action 2025-2029`).
    #[serde(alias = "titre")]
    pub title: String,
    /// The territory (`Communauté de Communes Sundgau (CCS)`).
    #[serde(alias = "territoire")]
    pub territory: String,
    /// The plan period in whole years.
    #[serde(alias = "période", alias = "periode")]
    pub period: PlanPeriod,
    /// Where the plan's text comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Introductory sections (introduction, context, method, conclusion…).
    #[serde(default, alias = "textes", skip_serializing_if = "Vec::is_empty")]
    pub intro: Vec<TextSection>,
    /// Strategic axes.
    #[serde(default, alias = "axe", alias = "axe_strategiques")]
    pub axes: Vec<Axis>,
    /// Action sheets.
    #[serde(default, alias = "fiche")]
    pub fiches: Vec<Fiche>,
}

/// The plan period, in whole calendar years (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PlanPeriod {
    /// First year.
    #[serde(alias = "début", alias = "debut")]
    pub start: i32,
    /// Last year (inclusive).
    #[serde(alias = "fin")]
    pub end: i32,
}

impl PlanPeriod {
    /// 1 January of the first year.
    pub fn first_day(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.start, 1, 1)
    }

    /// 31 December of the last year.
    pub fn last_day(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.end, 12, 31)
    }

    /// Whether a year lies in the period.
    pub fn contains_year(&self, year: i32) -> bool {
        (self.start..=self.end).contains(&year)
    }
}

impl std::fmt::Display for PlanPeriod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.start, self.end)
    }
}

/// A titled block of prose (introduction, context, conclusion).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextSection {
    /// Heading as written.
    #[serde(alias = "titre")]
    pub title: String,
    /// The text.
    #[serde(alias = "texte")]
    pub text: String,
}

impl Plan {
    /// The axis with this number.
    pub fn axis(&self, number: u32) -> Option<&Axis> {
        self.axes.iter().find(|a| a.number == number)
    }

    /// The fiche with this number.
    pub fn fiche(&self, number: u32) -> Option<&Fiche> {
        self.fiches.iter().find(|f| f.number == number)
    }

    /// The fiches of an axis, in plan order.
    pub fn fiches_of_axis(&self, axis: u32) -> impl Iterator<Item = &Fiche> {
        self.fiches.iter().filter(move |f| f.axis == axis)
    }

    /// Every indicator with its fiche, in plan order.
    pub fn indicators(&self) -> impl Iterator<Item = (&Fiche, &Indicator)> {
        self.fiches
            .iter()
            .flat_map(|f| f.indicators.iter().map(move |i| (f, i)))
    }

    /// The indicator with this id, with its fiche.
    pub fn indicator(&self, id: &str) -> Option<(&Fiche, &Indicator)> {
        self.indicators().find(|(_, i)| i.id == id)
    }

    /// The baseline year of an indicator: the one its target writes (`+10 % par rapport à
    /// 2024`), else its own `baseline.year`, else the year before the plan starts.
    ///
    /// ```
    /// let mut plan = ctg_core::plans::sundgau().unwrap();
    /// let (_, ind) = plan.indicator("f3.1").unwrap();
    /// assert_eq!(plan.baseline_year(ind), 2024);
    /// let mut ind = ind.clone();
    /// ind.target = Some(ctg_core::target::parse("+20 % par rapport à 2023").unwrap());
    /// assert_eq!(plan.baseline_year(&ind), 2023);
    /// ```
    pub fn baseline_year(&self, indicator: &Indicator) -> i32 {
        indicator
            .target
            .as_ref()
            .and_then(|t| t.baseline_year())
            .or_else(|| indicator.baseline.as_ref().and_then(|b| b.year))
            .unwrap_or(self.period.start.saturating_sub(1))
    }
}
