//! Evaluation results: plain serde data, identical across Rust, Python and JS.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Status;
use crate::io::{Assessment, ObservationIssue};
use crate::model::{Aggregation, Direction, Measure, PlanPeriod, Window};
use crate::target::{Comparator, ScheduleStep, Target, TargetKind};

/// The evaluation of a plan against observations, as of a date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    /// The plan id.
    pub plan_id: String,
    /// The plan title.
    pub plan_title: String,
    /// The territory.
    pub territory: String,
    /// The plan period.
    pub period: PlanPeriod,
    /// The evaluation date: windows ending on or before it are closed.
    pub as_of: NaiveDate,
    /// Whether `as_of` was given (`false`: it defaulted to the latest observation's date).
    pub as_of_given: bool,
    /// Whether the observations declared themselves fictional.
    pub fictional: bool,
    /// Per indicator, in plan order.
    pub indicators: Vec<IndicatorEvaluation>,
    /// Per fiche, in plan order.
    pub fiches: Vec<FicheScore>,
    /// Per axis, in plan order.
    pub axes: Vec<AxisScore>,
    /// The whole plan.
    pub plan: PlanScore,
    /// What was ignored or rejected, and why.
    pub diagnostics: Diagnostics,
}

impl Evaluation {
    /// Every window result (and yearly summary) in deterministic order: axis, fiche,
    /// indicator, window start; a yearly summary follows the windows of its year.
    pub fn results(&self) -> impl Iterator<Item = &WindowResult> {
        self.indicators.iter().flat_map(|i| i.rows())
    }

    /// The headline result of every indicator, in plan order.
    pub fn headlines(&self) -> impl Iterator<Item = &WindowResult> {
        self.indicators.iter().map(|i| &i.headline)
    }

    /// The evaluation of one indicator.
    pub fn indicator(&self, id: &str) -> Option<&IndicatorEvaluation> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// The evaluation's data as pretty-printed JSON: language-neutral (no explanation, no
    /// target text). The JSON the bindings hand out, with those texts in a language, is
    /// [`crate::report::render_json`].
    ///
    /// ```
    /// use ctg_core::{eval::{evaluate, EvalOptions}, io::Observations};
    /// let plan = ctg_core::plans::sundgau().unwrap();
    /// let ev = evaluate(&plan, &Observations::default(), &EvalOptions::default());
    /// let v: serde_json::Value = serde_json::from_str(&ev.to_json()).unwrap();
    /// assert_eq!(v["indicators"].as_array().unwrap().len(), 25);
    /// ```
    pub fn to_json(&self) -> String {
        // Serialising plain data with string keys cannot fail; an empty object is returned
        // rather than a panic should it ever.
        serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".to_string())
    }
}

/// One indicator's evaluation: every reported window, yearly summaries for weekly, monthly,
/// quarterly and half-year indicators, and the headline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorEvaluation {
    /// Axis number.
    pub axis: u32,
    /// Fiche number.
    pub fiche: u32,
    /// Indicator id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Measure.
    pub measure: Measure,
    /// Aggregation in force.
    pub aggregation: Aggregation,
    /// Window in force.
    pub window: Window,
    /// Direction in force.
    pub direction: Direction,
    /// Unit label, if any.
    pub unit: Option<String>,
    /// The target, if any.
    pub target: Option<Target>,
    /// The baseline, for relative targets (and whenever one is given).
    pub baseline: Option<BaselineValue>,
    /// Weight in the fiche score.
    pub weight: f64,
    /// Closed windows and the open one, by start date (future windows are not reported).
    pub windows: Vec<WindowResult>,
    /// Weekly, monthly, quarterly and half-year indicators: one summary per year (mean of
    /// the windows with data against the per-window target); ISO years for weeks.
    pub yearly: Vec<WindowResult>,
    /// The headline: the latest closed window (or the open one if none is closed); for
    /// weekly, monthly, quarterly and half-year indicators, the matching yearly summary.
    pub headline: WindowResult,
}

impl IndicatorEvaluation {
    /// Windows and yearly summaries merged in order (a summary after its year's windows).
    pub fn rows(&self) -> impl Iterator<Item = &WindowResult> {
        let mut rows: Vec<&WindowResult> = self.windows.iter().chain(self.yearly.iter()).collect();
        rows.sort_by_key(|r| (r.end, r.kind == ResultKind::YearSummary, r.start));
        rows.into_iter()
    }

    /// The unit in force: the indicator's, else the target's (`> 200 familles`), trimmed;
    /// `None` when neither gives one. The one rule every report and explanation uses.
    ///
    /// ```
    /// use ctg_core::{eval::{evaluate, EvalOptions}, io::Observations};
    /// let plan = ctg_core::plans::sundgau().unwrap();
    /// let ev = evaluate(&plan, &Observations::default(), &EvalOptions::default());
    /// // f2.1 `> 200` has the unit `personnes` in the plan.
    /// assert_eq!(ev.indicator("f2.1").unwrap().unit_in_force(), Some("personnes"));
    /// ```
    pub fn unit_in_force(&self) -> Option<&str> {
        self.unit
            .as_deref()
            .or(self.target.as_ref().and_then(|t| t.unit.as_deref()))
            .map(str::trim)
            .filter(|u| !u.is_empty())
    }

    /// Whether the target is a relative change (`+20 %`, `Réduction de 10 %`).
    pub fn is_relative(&self) -> bool {
        matches!(
            self.target.as_ref().map(|t| &t.kind),
            Some(TargetKind::Relative { .. })
        )
    }

    /// Whether the target is a change in percentage points (`+5 points`).
    pub fn is_points(&self) -> bool {
        matches!(
            self.target.as_ref().map(|t| &t.kind),
            Some(TargetKind::Points { .. })
        )
    }

    /// The baseline year in force: the baseline's (given or observed), else the year
    /// before the plan.
    pub fn baseline_year(&self, period: PlanPeriod) -> i32 {
        self.baseline
            .as_ref()
            .map_or(period.start.saturating_sub(1), |b| b.year)
    }

    /// The year a change reaches its goal: its deadline's when before the plan's end
    /// (`−10 % d'ici 2028`), else the plan's last year.
    pub fn goal_year(&self, period: PlanPeriod) -> i32 {
        self.target
            .as_ref()
            .filter(|t| t.is_change())
            .and_then(|t| t.deadline())
            .and_then(|d| d.due_year())
            .filter(|y| *y < period.end)
            .unwrap_or(period.end)
    }

    /// The first year a dated level, a dated range or a schedule is due, if any.
    pub fn due_year(&self) -> Option<i32> {
        match self.target.as_ref().map(|t| &t.kind) {
            Some(TargetKind::Schedule { steps, .. }) => steps.first().map(|s| s.year),
            Some(TargetKind::Compare { deadline, .. } | TargetKind::Range { deadline, .. }) => {
                deadline.and_then(|d| d.due_year())
            }
            _ => None,
        }
    }
}

/// The baseline of an indicator, and where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BaselineValue {
    /// The baseline year (given, or the year before the plan).
    pub year: i32,
    /// The value, if known.
    pub value: Option<f64>,
    /// `given` (written in the plan) or `observed` (aggregated over the baseline year).
    pub source: BaselineSource,
}

/// Where a baseline value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BaselineSource {
    /// Written in the plan.
    Given,
    /// Aggregated from the observations of the baseline year.
    Observed,
}

/// Whether a row is a window or a yearly summary of shorter windows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResultKind {
    /// One evaluation window.
    Window,
    /// A year's summary of a weekly, monthly, quarterly or half-year indicator (the ISO
    /// year for weeks: Monday of week 1 to Sunday of the last week).
    YearSummary,
}

/// Whether a window has ended on or before `as_of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WindowState {
    /// Ended on or before `as_of`.
    Closed,
    /// Contains `as_of`.
    Open,
}

/// Why a result has no value or cannot be judged (stable snake_case codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// No observation in the window.
    NoObservation,
    /// The plan period has not started on `as_of`: no window to report.
    NotStarted,
    /// The relative target's baseline has no observation and no given value.
    BaselineMissing,
    /// The relative target's baseline is 0: a relative change is undefined.
    BaselineZero,
    /// The ratio's denominators add up to 0.
    DenominatorZero,
    /// The target is due in a later year and no baseline gives a trajectory to it: the
    /// window is tracked, not judged.
    NotYetDue,
    /// A number the evaluation computed (a sum, a mean, a ratio, a baseline, a change, a
    /// projection) is beyond the range of a 64-bit float (above about 1.8 × 10³⁰⁸): the
    /// window is not judged rather than judged on an infinite value.
    Overflow,
}

impl Reason {
    /// Stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            Reason::NoObservation => "no_observation",
            Reason::NotStarted => "not_started",
            Reason::BaselineMissing => "baseline_missing",
            Reason::BaselineZero => "baseline_zero",
            Reason::DenominatorZero => "denominator_zero",
            Reason::NotYetDue => "not_yet_due",
            Reason::Overflow => "overflow",
        }
    }
}

/// The result of one indicator in one window (or one yearly summary).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WindowResult {
    /// Axis number.
    pub axis: u32,
    /// Fiche number.
    pub fiche: u32,
    /// Indicator id.
    pub indicator: String,
    /// Indicator label.
    pub label: String,
    /// Window or yearly summary.
    pub kind: ResultKind,
    /// The window's kind (week, month, quarter, half-year, year, plan); `year` for yearly
    /// summaries.
    pub window: Window,
    /// First day of the window.
    pub start: NaiveDate,
    /// Last day of the window.
    pub end: NaiveDate,
    /// Closed or open on `as_of`.
    pub state: WindowState,
    /// Number of observations used.
    pub observations: usize,
    /// The aggregated value (numbers; 1/0 for milestones; `None` without data).
    pub value: Option<f64>,
    /// Milestones: the date it was done.
    pub done_on: Option<NaiveDate>,
    /// Qualitative: the latest assessment.
    pub assessment: Option<Assessment>,
    /// Qualitative: the comment of the latest assessment.
    pub comment: Option<String>,
    /// The baseline used, for relative targets.
    pub baseline: Option<f64>,
    /// The change against the baseline: a fraction for relative targets (0.2 = +20 %),
    /// points for point targets.
    pub change: Option<f64>,
    /// The level to reach in this window: the threshold, the relative target's level, or
    /// for relative targets before the final year the trajectory's value for that year.
    pub expected: Option<f64>,
    /// Open windows of additive aggregations: the value projected to the window's end.
    pub projection: Option<f64>,
    /// Yearly summaries: windows with data / windows elapsed in the year.
    pub coverage: Option<Coverage>,
    /// For targets whose level depends on the year (a deadline, a per-year schedule): the
    /// level the window is judged against, and where it comes from.
    pub year_target: Option<YearTarget>,
    /// The status.
    pub status: Status,
    /// *Taux de réalisation*: how much of the target is achieved (1.0 = 100 %).
    pub achievement: Option<f64>,
    /// Why there is no value or no judgement.
    pub reason: Option<Reason>,
}

impl WindowResult {
    /// The year the result belongs to: the year of its start + 3 days. That is the ISO year
    /// of a week (its Thursday's year: the week of Monday 30/12/2024 is week 1 of 2025) and
    /// of a weekly indicator's yearly summary, and the calendar year of its start for every
    /// other window (they start on the 1st of a month). Group and label results by it
    /// rather than by `start.year()`.
    ///
    /// ```
    /// use ctg_core::{eval::{evaluate, EvalOptions}, model::Plan, io::{read_csv, IngestOptions}};
    /// let plan = Plan::from_toml(r#"
    /// id = "p"
    /// title = "P"
    /// territory = "T"
    /// period = { start = 2025, end = 2029 }
    /// axes = [{ number = 1, title = "A" }]
    /// [[fiches]]
    /// number = 1
    /// title = "F"
    /// axis = 1
    /// schedule = { start = 2025, end = 2029 }
    /// [[fiches.indicators]]
    /// id = "w"
    /// label = "W"
    /// measure = "count"
    /// window = "week"
    /// "#).unwrap();
    /// let obs = read_csv(&plan, "indicator,date,value\nw,2024-12-30,1\n".as_bytes(),
    ///     &IngestOptions::default()).unwrap();
    /// let ev = evaluate(&plan, &obs, &EvalOptions::default());
    /// let week = &ev.indicator("w").unwrap().windows[0];
    /// assert_eq!((week.start.to_string(), week.year()), ("2024-12-30".to_string(), 2025));
    /// ```
    pub fn year(&self) -> i32 {
        super::windows::year_of(self.start)
    }
}

/// The level a window is judged against when the target's level depends on the year:
/// a level due in a later year, or a per-year schedule (*cibles annuelles*).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct YearTarget {
    /// The window's year (the ISO year for weeks).
    pub year: i32,
    /// The comparator in force.
    pub op: Comparator,
    /// The level for that year.
    pub value: f64,
    /// Whether the level is a percentage.
    pub percent: bool,
    /// Where the level comes from.
    pub basis: TargetBasis,
    /// Whether the comparator is a reading, not written in the plan: a schedule written
    /// without comparator is read `≥`, or `≤` for a decreasing indicator.
    pub comparator_inferred: bool,
}

/// Where a year's level comes from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TargetBasis {
    /// The year is listed (a schedule's year, or a deadline's due year).
    Listed,
    /// Interpolated linearly between two listed years.
    Interpolated {
        /// The listed year before.
        from: ScheduleStep,
        /// The listed year after.
        to: ScheduleStep,
    },
    /// After the last listed year (or the due year): its level is kept.
    Kept {
        /// The last listed year.
        from: ScheduleStep,
    },
    /// Before the first listed year (or the due year): a linear trajectory from the
    /// baseline to it.
    Trajectory {
        /// The baseline year.
        baseline_year: i32,
        /// The baseline value.
        baseline: f64,
        /// The first listed year, or the due year, and its level.
        to: ScheduleStep,
    },
}

/// How many windows of a year have data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    /// Windows with at least one observation.
    pub with_data: u32,
    /// Windows elapsed in the year (for a closed year: 52 or 53 weeks, 12 months,
    /// 4 quarters, 2 half-years).
    pub total: u32,
}

/// Status counts of headlines.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCounts {
    /// Achieved.
    pub achieved: u32,
    /// On track.
    pub on_track: u32,
    /// At risk.
    pub at_risk: u32,
    /// Not achieved.
    pub not_achieved: u32,
    /// No data.
    pub no_data: u32,
    /// Not evaluable.
    pub not_evaluable: u32,
    /// Tracked (no target).
    pub tracked: u32,
}

impl StatusCounts {
    /// Count one status.
    pub fn add(&mut self, s: Status) {
        let slot = match s {
            Status::Achieved => &mut self.achieved,
            Status::OnTrack => &mut self.on_track,
            Status::AtRisk => &mut self.at_risk,
            Status::NotAchieved => &mut self.not_achieved,
            Status::NoData => &mut self.no_data,
            Status::NotEvaluable => &mut self.not_evaluable,
            Status::Tracked => &mut self.tracked,
        };
        *slot += 1;
    }

    /// Add another count.
    pub fn merge(&mut self, o: &StatusCounts) {
        self.achieved += o.achieved;
        self.on_track += o.on_track;
        self.at_risk += o.at_risk;
        self.not_achieved += o.not_achieved;
        self.no_data += o.no_data;
        self.not_evaluable += o.not_evaluable;
        self.tracked += o.tracked;
    }

    /// The count of one status.
    pub fn get(&self, s: Status) -> u32 {
        match s {
            Status::Achieved => self.achieved,
            Status::OnTrack => self.on_track,
            Status::AtRisk => self.at_risk,
            Status::NotAchieved => self.not_achieved,
            Status::NoData => self.no_data,
            Status::NotEvaluable => self.not_evaluable,
            Status::Tracked => self.tracked,
        }
    }

    /// Headlines that enter the score (achieved, on track, at risk, not achieved).
    pub fn scored(&self) -> u32 {
        self.achieved + self.on_track + self.at_risk + self.not_achieved
    }

    /// All headlines.
    pub fn total(&self) -> u32 {
        self.scored() + self.no_data + self.not_evaluable + self.tracked
    }
}

/// A fiche's score: the weighted mean of its indicators' headline scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FicheScore {
    /// Fiche number.
    pub fiche: u32,
    /// Axis number.
    pub axis: u32,
    /// Title.
    pub title: String,
    /// The fiche's objective (*objectif de l'action*), for reports.
    pub objective: String,
    /// Score in 0..=1, `None` when no indicator is scored.
    pub score: Option<f64>,
    /// Headline status counts (coverage).
    pub counts: StatusCounts,
}

/// An axis's score: the mean of its fiches' scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AxisScore {
    /// Axis number.
    pub axis: u32,
    /// Title.
    pub title: String,
    /// Score in 0..=1, `None` when no fiche is scored.
    pub score: Option<f64>,
    /// Fiches with a score / fiches.
    pub fiches_scored: u32,
    /// Fiches of the axis.
    pub fiches: u32,
    /// Headline status counts (coverage).
    pub counts: StatusCounts,
}

/// The plan's score: the mean of its axes' scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanScore {
    /// Score in 0..=1, `None` when no axis is scored.
    pub score: Option<f64>,
    /// Headline status counts (coverage).
    pub counts: StatusCounts,
}

/// What the evaluation ignored or rejected.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Diagnostics {
    /// Observations used.
    pub used: usize,
    /// Observations dated outside the plan period and its baseline years, ignored.
    pub outside_period: usize,
    /// Observations dated after `as_of`, ignored.
    pub after_as_of: usize,
    /// Rows rejected at ingest (lenient mode), with row, column and code.
    pub rejected: Vec<ObservationIssue>,
    /// Observations of indicators the plan does not have, ignored.
    pub not_in_plan: usize,
    /// Notes from the input (comment lines, decoding, ignored columns), typed
    /// ([`crate::io::Note`], serialised as `{"code": …, …context}`). They and the
    /// evaluation's own notes, from the counts above, are rendered in a language by
    /// [`crate::report::notes`].
    pub notes: Vec<crate::io::Note>,
}
