//! The target AST.

use serde::{Deserialize, Serialize};

use crate::window::Window;

/// A parsed target, e.g. `> 200`, `≥ 24 / an`, `+20 %`, `entre 10 et 20`, `réalisé d'ici 2027`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// What must hold.
    pub kind: TargetKind,
    /// The per-period suffix (`/an`, `/mois`, `/trimestre`), which fixes the evaluation
    /// window. Never [`Window::Plan`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per: Option<Window>,
    /// A unit kept as a label, as written (`COPIL`, `Cotech`, `places`, `rendez-vous`,
    /// `places pour 100 enfants`): levels, ranges and schedules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// What a relative change or a change in points applies to, kept for display
    /// (`Réduction de 10 % des vacances de postes` → `des vacances de postes`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
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
        /// When the level is due (`au moins 8 jeunes en 2025`, `≥ 4 / an d'ici 2027`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        deadline: Option<Deadline>,
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
        /// When the range is due (`entre 10 et 20 d'ici 2027`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        deadline: Option<Deadline>,
    },
    /// A relative change against the baseline, in percent, signed: `+20%` is `20.0`,
    /// `réduction de 10 %` is `-10.0`, `doubler` is `100.0`, `maintien` is `0.0` (no
    /// decrease).
    Relative {
        /// Signed change in percent of the baseline.
        percent: f64,
        /// The baseline year written in the target (`+10 % par rapport à 2024`); it
        /// overrides the indicator's baseline year.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        baseline_year: Option<i32>,
        /// When the change is due (`−10 % d'ici 2028`); default: the plan's last year.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        deadline: Option<Deadline>,
    },
    /// A change in percentage points against the baseline: `+5 points` is `5.0`.
    Points {
        /// Signed change in percentage points.
        points: f64,
        /// The baseline year written in the target (`+5 points vs 2023`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        baseline_year: Option<i32>,
        /// When the change is due; default: the plan's last year.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        deadline: Option<Deadline>,
    },
    /// Per-year levels (*cibles annuelles*): `55 % en 2025, 60 % en 2030`,
    /// `2025 : 20 ; 2026 : 25 ; 2027 : 30`. Years between two listed years are
    /// interpolated linearly, years after the last keep the last level.
    Schedule {
        /// The comparator, if written (`≥ 20 en 2026, ≥ 30 en 2028`, `au plus …`). When it
        /// is not, the evaluation reads `≥`, or `≤` for a decreasing indicator, and says so.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        op: Option<Comparator>,
        /// The listed years and their levels, by increasing year (at least two).
        steps: Vec<ScheduleStep>,
        /// Whether the levels were written as percentages (`55 %`).
        #[serde(default)]
        percent: bool,
    },
    /// A milestone: `réalisé`, `fait`, `done`, optionally with a deadline.
    Milestone {
        /// The deadline, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        deadline: Option<Deadline>,
    },
}

/// One listed year of a [`TargetKind::Schedule`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ScheduleStep {
    /// The year.
    pub year: i32,
    /// The level to reach that year.
    pub value: f64,
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

/// A deadline, by year: of a milestone, or of a level, range or change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Deadline {
    /// How the year bounds the milestone.
    pub relation: DeadlineRelation,
    /// The year.
    pub year: i32,
}

/// How a deadline year bounds a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineRelation {
    /// `avant 2026`, `before 2026`: done on or before 31 December of the previous year.
    Before,
    /// `d'ici 2027`, `by 2027`, `avant fin 2027`, `d'ici fin 2027`, `à l'horizon 2027`,
    /// `au plus tard en 2027`: done on or before 31 December of that year.
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
        chrono::NaiveDate::from_ymd_opt(self.due_year()?, 12, 31)
    }

    /// The last year in which the target counts as met in time (`avant 2026` → 2025).
    ///
    /// ```
    /// use ctg_core::target::{Deadline, DeadlineRelation};
    /// assert_eq!(Deadline { relation: DeadlineRelation::Before, year: 2026 }.due_year(), Some(2025));
    /// assert_eq!(Deadline { relation: DeadlineRelation::In, year: 2026 }.due_year(), Some(2026));
    /// ```
    pub fn due_year(&self) -> Option<i32> {
        match self.relation {
            DeadlineRelation::Before => self.year.checked_sub(1),
            DeadlineRelation::By | DeadlineRelation::In => Some(self.year),
        }
    }
}

impl TargetKind {
    /// The stable snake_case code of the kind, as in the serde form's `type`:
    /// `compare`, `range`, `relative`, `points`, `milestone` or `schedule`.
    ///
    /// ```
    /// assert_eq!(ctg_core::target::parse("20 en 2026, 30 en 2028").unwrap().kind.code(), "schedule");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            TargetKind::Compare { .. } => "compare",
            TargetKind::Range { .. } => "range",
            TargetKind::Relative { .. } => "relative",
            TargetKind::Points { .. } => "points",
            TargetKind::Milestone { .. } => "milestone",
            TargetKind::Schedule { .. } => "schedule",
        }
    }
}

impl Target {
    /// A target of this kind, without period, unit or subject.
    ///
    /// ```
    /// use ctg_core::target::{parse, Target, TargetKind};
    /// let t = Target::of(TargetKind::Milestone { deadline: None });
    /// assert_eq!(parse("réalisé").unwrap(), t);
    /// ```
    pub fn of(kind: TargetKind) -> Target {
        Target {
            kind,
            per: None,
            unit: None,
            subject: None,
        }
    }

    /// The target's deadline, whatever its kind (a schedule's listed years are not one).
    ///
    /// ```
    /// let t = ctg_core::target::parse("≥ 4 / an d'ici 2027").unwrap();
    /// assert_eq!(t.deadline().map(|d| d.year), Some(2027));
    /// ```
    pub fn deadline(&self) -> Option<Deadline> {
        match &self.kind {
            TargetKind::Compare { deadline, .. }
            | TargetKind::Range { deadline, .. }
            | TargetKind::Relative { deadline, .. }
            | TargetKind::Points { deadline, .. }
            | TargetKind::Milestone { deadline } => *deadline,
            TargetKind::Schedule { .. } => None,
        }
    }

    /// The baseline year written in a relative or points target (`+10 % par rapport à
    /// 2024`).
    ///
    /// ```
    /// let t = ctg_core::target::parse("-10 % vs 2023").unwrap();
    /// assert_eq!(t.baseline_year(), Some(2023));
    /// ```
    pub fn baseline_year(&self) -> Option<i32> {
        match &self.kind {
            TargetKind::Relative { baseline_year, .. }
            | TargetKind::Points { baseline_year, .. } => *baseline_year,
            _ => None,
        }
    }

    /// Whether the target is measured against a baseline (relative changes and changes in
    /// points).
    pub fn is_change(&self) -> bool {
        matches!(
            self.kind,
            TargetKind::Relative { .. } | TargetKind::Points { .. }
        )
    }
}
