//! The target AST.

use serde::{Deserialize, Serialize};

use crate::model::Window;

/// A parsed target, e.g. `> 200`, `≥ 24 / an`, `+20 %`, `entre 10 et 20`, `réalisé d'ici 2027`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// What must hold.
    pub kind: TargetKind,
    /// The per-period suffix (`/an`, `/mois`, `/trimestre`), which fixes the evaluation
    /// window. Never [`Window::Plan`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per: Option<Window>,
    /// A unit word kept as a label, as written (`COPIL`, `Cotech`, `places`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// The shape of a target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TargetKind {
    /// A level compared with a threshold: `> 200`, `≥ 70 %`, `au moins 4`, `1 COPIL/an`
    /// (a bare number means *at least*).
    Compare {
        /// The comparator.
        op: Comparator,
        /// The threshold.
        value: f64,
        /// Whether the threshold was written as a percentage level (`≥ 70 %`).
        #[serde(default)]
        percent: bool,
    },
    /// An inclusive range: `entre 10 et 20`.
    Range {
        /// Lower bound (inclusive).
        low: f64,
        /// Upper bound (inclusive).
        high: f64,
        /// Whether the bounds were written as percentage levels.
        #[serde(default)]
        percent: bool,
    },
    /// A relative change against the baseline, in percent, signed: `+20%` is `20.0`,
    /// `réduction de 10 %` is `-10.0`.
    Relative {
        /// Signed change in percent of the baseline.
        percent: f64,
    },
    /// A change in percentage points against the baseline: `+5 points` is `5.0`.
    Points {
        /// Signed change in percentage points.
        points: f64,
    },
    /// A milestone: `réalisé`, `fait`, `done`, optionally with a deadline.
    Milestone {
        /// The deadline, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        deadline: Option<Deadline>,
    },
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    /// `>`, strictly greater (`> 200` is not met by 200), `plus de`, `more than`.
    Gt,
    /// `>=`, `≥`, `au moins`, `at least`, and a bare number.
    Ge,
    /// `<`, strictly less, `moins de`, `less than`.
    Lt,
    /// `<=`, `≤`, `au plus`, `at most`.
    Le,
    /// `=`, exactly.
    Eq,
}

/// A milestone deadline, by year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Deadline {
    /// How the year bounds the milestone.
    pub relation: DeadlineRelation,
    /// The year.
    pub year: i32,
}

/// How a deadline year bounds a milestone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineRelation {
    /// `avant 2026`, `before 2026`: done on or before 31 December of the previous year.
    Before,
    /// `d'ici 2027`, `by 2027`: done on or before 31 December of that year.
    By,
    /// `en 2025`, `in 2025`: done during that year (on or before its 31 December).
    In,
}

impl Deadline {
    /// The last day on which the milestone counts as done in time.
    ///
    /// ```
    /// use ctg_core::target::{Deadline, DeadlineRelation};
    /// let d = Deadline { relation: DeadlineRelation::Before, year: 2026 };
    /// assert_eq!(d.due_date().map(|d| d.to_string()), Some("2025-12-31".to_string()));
    /// ```
    pub fn due_date(&self) -> Option<chrono::NaiveDate> {
        let year = match self.relation {
            DeadlineRelation::Before => self.year.checked_sub(1)?,
            DeadlineRelation::By | DeadlineRelation::In => self.year,
        };
        chrono::NaiveDate::from_ymd_opt(year, 12, 31)
    }
}
