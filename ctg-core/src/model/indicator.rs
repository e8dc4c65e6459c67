//! Evaluation indicators (*indicateurs d'évaluation*).

use serde::{Deserialize, Serialize};

use super::{Aggregation, Direction, Measure, Window};
use crate::target::{Comparator, Target, TargetKind};

/// One evaluation indicator of a fiche.
///
/// `measure` is required; `aggregation`, `window` and `direction` may be left out of a plan
/// file, in which case they are derived ([`Indicator::aggregation`], [`Indicator::window`],
/// [`Indicator::direction`]). The target is written as text in plan files
/// (`target = "> 200"`) and parsed with [`crate::target::parse`].
///
/// ```
/// use ctg_core::model::{Indicator, Measure, Window};
/// let ind: Indicator = toml::from_str(r#"
///     id = "f8.1"
///     label = "Nombre d'actions de soutien à la parentalité recensées"
///     measure = "count"
///     target = ">24/an"
/// "#).unwrap();
/// assert_eq!(ind.measure, Measure::Count);
/// assert_eq!(ind.window(), Window::Year);
/// assert_eq!(ind.target.unwrap().to_string(), "> 24 / an");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// Stable id, `f<fiche>.<n>` in the plan's order (`f1.1`, `f12.3`).
    pub id: String,
    /// Short label, without the target (*libellé*).
    #[serde(alias = "libellé", alias = "libelle")]
    pub label: String,
    /// The plan's own wording when it differs from `label` (e.g. the target written in
    /// parentheses: « Fréquentation du SIJ (>10/mois) »).
    #[serde(
        default,
        alias = "formulation",
        skip_serializing_if = "Option::is_none"
    )]
    pub wording: Option<String>,
    /// What is measured.
    #[serde(alias = "mesure")]
    pub measure: Measure,
    /// How observations combine within a window; default: [`Measure::default_aggregation`].
    #[serde(
        default,
        alias = "agrégation",
        alias = "agregation",
        skip_serializing_if = "Option::is_none"
    )]
    pub aggregation: Option<Aggregation>,
    /// The evaluation window; default: the target's period suffix, else a year
    /// (see [`Indicator::window`]).
    #[serde(
        default,
        alias = "fenêtre",
        alias = "fenetre",
        alias = "période",
        alias = "periode",
        skip_serializing_if = "Option::is_none"
    )]
    pub window: Option<Window>,
    /// Whether bigger is better; default derived from the target.
    #[serde(default, alias = "sens", skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// Unit of the values, as a label (`personnes`, `places`, `%`).
    #[serde(
        default,
        alias = "unité",
        alias = "unite",
        skip_serializing_if = "Option::is_none"
    )]
    pub unit: Option<String>,
    /// The target, if the plan sets one (*cible*): text (`target = "> 200"`), or a table
    /// of per-year levels (`cibles = { 2026 = "≥ 20", 2028 = "≥ 30" }`).
    #[serde(
        default,
        alias = "cible",
        alias = "cibles",
        alias = "targets",
        alias = "cibles_annuelles",
        alias = "annual_targets",
        with = "crate::target::text_serde",
        skip_serializing_if = "Option::is_none"
    )]
    pub target: Option<Target>,
    /// Where the target comes from when it is not written next to the indicator (e.g.
    /// fiche 3's `+20%` comes from its expected result).
    #[serde(
        default,
        alias = "origine_cible",
        skip_serializing_if = "Option::is_none"
    )]
    pub target_source: Option<String>,
    /// The reference against which relative targets are measured.
    #[serde(
        default,
        alias = "référence",
        alias = "reference",
        skip_serializing_if = "Option::is_none"
    )]
    pub baseline: Option<Baseline>,
    /// Weight in the fiche's score (default 1).
    #[serde(default, alias = "poids", skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    /// Where the data comes from (*source*).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Interpretation notes: every reading of the plan that is not written in it (a
    /// window, an aggregation) is said here.
    #[serde(
        default,
        alias = "interprétation",
        alias = "interpretation",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub notes: Vec<String>,
}

/// The baseline (*référence*) of an indicator: a given value, or the same aggregation over
/// a baseline year (by default the year before the plan starts).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Baseline {
    /// A given baseline value; when set, it is used as is.
    #[serde(default, alias = "valeur", skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// The year over which observations give the baseline (default: the year before the
    /// plan starts).
    #[serde(
        default,
        alias = "année",
        alias = "annee",
        skip_serializing_if = "Option::is_none"
    )]
    pub year: Option<i32>,
    /// A note on where the baseline comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Indicator {
    /// The aggregation in force: the plan's, else the measure's default.
    pub fn aggregation(&self) -> Aggregation {
        self.aggregation
            .unwrap_or_else(|| self.measure.default_aggregation())
    }

    /// The window in force: the target's period suffix (`/an`, `/mois`) if any, else the
    /// plan's `window`, else [`Window::Plan`] for milestones and [`Window::Year`] otherwise.
    pub fn window(&self) -> Window {
        if let Some(per) = self.target.as_ref().and_then(|t| t.per) {
            return per;
        }
        match (self.window, self.measure) {
            (Some(w), _) => w,
            (None, Measure::Milestone) => Window::Plan,
            (None, _) => Window::Year,
        }
    }

    /// Whether bigger is better: the plan's `direction`, else what the target says
    /// (`<`, `≤` and negative relative changes mean smaller is better), else increasing.
    pub fn direction(&self) -> Direction {
        if let Some(d) = self.direction {
            return d;
        }
        match self.target.as_ref().map(|t| &t.kind) {
            Some(TargetKind::Compare {
                op: Comparator::Lt | Comparator::Le,
                ..
            }) => Direction::Decreasing,
            Some(TargetKind::Relative { percent, .. }) if *percent < 0.0 => Direction::Decreasing,
            Some(TargetKind::Points { points, .. }) if *points < 0.0 => Direction::Decreasing,
            Some(TargetKind::Schedule {
                op: Some(Comparator::Lt | Comparator::Le),
                ..
            }) => Direction::Decreasing,
            // Levels written without comparator that go down over the years.
            Some(TargetKind::Schedule {
                op: None, steps, ..
            }) if matches!((steps.first(), steps.last()), (Some(a), Some(b)) if b.value < a.value) => {
                Direction::Decreasing
            }
            _ => Direction::Increasing,
        }
    }

    /// The weight in force (default 1).
    pub fn weight(&self) -> f64 {
        self.weight.unwrap_or(1.0)
    }

    /// The fiche number encoded in a `f<fiche>.<n>` id, if the id has that shape.
    pub fn fiche_number_from_id(&self) -> Option<u32> {
        let rest = self.id.strip_prefix('f')?;
        let (fiche, n) = rest.split_once('.')?;
        n.parse::<u32>().ok()?;
        fiche.parse().ok()
    }
}
