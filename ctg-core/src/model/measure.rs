//! What an indicator measures, and how its observations aggregate within a window.

use serde::{Deserialize, Serialize};

use crate::Lang;

/// What an indicator measures.
///
/// The measure decides which observation values are valid (numbers, a done flag, an
/// assessment), the default [`Aggregation`] and default [`super::Window`], and which
/// targets make sense.
///
/// ```
/// use ctg_core::model::{Aggregation, Measure};
/// let m: Measure = toml::from_str::<toml::Table>("m = \"nombre_distinct\"")
///     .unwrap()["m"].clone().try_into().unwrap();
/// assert_eq!(m, Measure::DistinctCount);
/// assert_eq!(m.default_aggregation(), Aggregation::Distinct);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// A number of events, people or things counted per window (*nombre*); values add up.
    #[serde(alias = "nombre", alias = "comptage")]
    Count,
    /// A number of **distinct** participants (*nombre de personnes différentes*); each
    /// observation names a participant, and a participant counts once per window.
    #[serde(alias = "nombre_distinct", alias = "distinct")]
    DistinctCount,
    /// A ratio in percent: Σ numerator / Σ denominator × 100 (*taux*).
    #[serde(alias = "taux", alias = "percent", alias = "pourcentage")]
    Ratio,
    /// A level at a date, of which the latest value counts (*stock*: places, posts…).
    #[serde(alias = "niveau")]
    Stock,
    /// Something to do once (*jalon*: a leaflet, a template letter), done or not yet.
    #[serde(alias = "jalon", alias = "réalisation", alias = "realisation")]
    Milestone,
    /// A survey score (*satisfaction*), averaged over the window.
    #[serde(alias = "note", alias = "satisfaction")]
    Score,
    /// A qualitative assessment (*atteint*, *partiellement atteint*, *non atteint*).
    #[serde(alias = "qualitatif", alias = "qualitative_assessment")]
    Qualitative,
}

impl Measure {
    /// Stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            Measure::Count => "count",
            Measure::DistinctCount => "distinct_count",
            Measure::Ratio => "ratio",
            Measure::Stock => "stock",
            Measure::Milestone => "milestone",
            Measure::Score => "score",
            Measure::Qualitative => "qualitative",
        }
    }

    /// A human label in the given language.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Measure::Count => lang.pick("nombre", "count"),
            Measure::DistinctCount => lang.pick("nombre de personnes distinctes", "distinct count"),
            Measure::Ratio => lang.pick("taux", "ratio"),
            Measure::Stock => lang.pick("stock", "stock"),
            Measure::Milestone => lang.pick("jalon", "milestone"),
            Measure::Score => lang.pick("score", "score"),
            Measure::Qualitative => lang.pick("appréciation qualitative", "qualitative assessment"),
        }
    }

    /// The aggregation used when the plan names none.
    pub fn default_aggregation(self) -> Aggregation {
        match self {
            Measure::Count => Aggregation::Sum,
            Measure::DistinctCount => Aggregation::Distinct,
            Measure::Ratio => Aggregation::Ratio,
            Measure::Stock => Aggregation::Last,
            Measure::Milestone => Aggregation::FirstDone,
            Measure::Score => Aggregation::Mean,
            Measure::Qualitative => Aggregation::Latest,
        }
    }

    /// The aggregations that make sense for this measure.
    pub fn allowed_aggregations(self) -> &'static [Aggregation] {
        use Aggregation::*;
        match self {
            Measure::Count => &[Sum, Last, Mean, Min, Max],
            Measure::DistinctCount => &[Distinct],
            Measure::Ratio => &[Ratio],
            Measure::Stock => &[Last, Mean, Min, Max],
            Measure::Milestone => &[FirstDone],
            Measure::Score => &[Mean, Last, Min, Max],
            Measure::Qualitative => &[Latest],
        }
    }

    /// Whether observations carry a number (as opposed to a done flag or an assessment).
    pub fn is_numeric(self) -> bool {
        !matches!(self, Measure::Milestone | Measure::Qualitative)
    }
}

/// How the observations of one window combine into the window's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    /// Σ values (*somme*).
    #[serde(alias = "somme")]
    Sum,
    /// Number of distinct participants (*distinct*).
    Distinct,
    /// The latest date's values, summed across the rows of that date (e.g. several
    /// communes) (*dernière valeur*).
    #[serde(alias = "dernier", alias = "derniere", alias = "dernière")]
    Last,
    /// Arithmetic mean of the values (*moyenne*).
    #[serde(alias = "moyenne", alias = "average")]
    Mean,
    /// Smallest value.
    Min,
    /// Largest value.
    Max,
    /// Σ value / Σ denominator × 100 (*taux*).
    #[serde(alias = "taux")]
    Ratio,
    /// Milestones: done on the earliest truthy date.
    #[serde(alias = "premier_fait", alias = "milestone", alias = "jalon")]
    FirstDone,
    /// Qualitative: the latest assessment.
    #[serde(alias = "dernière_appréciation", alias = "qualitative")]
    Latest,
}

impl Aggregation {
    /// Stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            Aggregation::Sum => "sum",
            Aggregation::Distinct => "distinct",
            Aggregation::Last => "last",
            Aggregation::Mean => "mean",
            Aggregation::Min => "min",
            Aggregation::Max => "max",
            Aggregation::Ratio => "ratio",
            Aggregation::FirstDone => "first_done",
            Aggregation::Latest => "latest",
        }
    }

    /// Whether a window's value can only grow as observations are added (sum of
    /// non-negative values, distinct count, max): once such a value meets an at-least
    /// target, more data cannot undo it.
    pub fn is_monotone_increasing(self) -> bool {
        matches!(
            self,
            Aggregation::Sum | Aggregation::Distinct | Aggregation::Max
        )
    }

    /// Whether the value of a partial window can be projected linearly to the full window
    /// (sums and distinct counts accumulate with time; means, ratios and stocks do not).
    pub fn is_additive(self) -> bool {
        matches!(self, Aggregation::Sum | Aggregation::Distinct)
    }
}

/// Whether bigger values are better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Bigger is better (*à la hausse*).
    #[serde(
        alias = "hausse",
        alias = "croissant",
        alias = "ascending",
        alias = "up"
    )]
    Increasing,
    /// Smaller is better (*à la baisse*), e.g. vacant posts.
    #[serde(
        alias = "baisse",
        alias = "décroissant",
        alias = "decroissant",
        alias = "descending",
        alias = "down"
    )]
    Decreasing,
}
