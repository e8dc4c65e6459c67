//! The evaluation engine: observations in, statuses out.
//!
//! # Semantics (the contract shared by Rust, Python and JS)
//!
//! **Observations kept.** Rows dated after `as_of`, and rows whose year is outside the plan
//! period and is not the indicator's baseline year, are ignored and counted in
//! [`Diagnostics::after_as_of`] / [`Diagnostics::outside_period`]. A row's year is its
//! calendar year, except for weekly indicators: its ISO year (below).
//!
//! **Windows.** ISO weeks, calendar months, quarters, half-years (1 January – 30 June,
//! 1 July – 31 December), years, or the whole plan (from its first day, cumulative). A
//! target's period suffix (`/an`, `/mois`) fixes the window, else the indicator's. **An ISO
//! week runs Monday to Sunday and belongs to the ISO year of its Thursday**: the weekly
//! windows of a plan 2025-2029 are the 52 or 53 weeks of ISO years 2025 to 2029, from
//! Monday 30/12/2024 (week 1 of 2025) to Sunday 30/12/2029 (31/12/2029 is in week 1 of
//! 2030); an observation dated 30/12/2024 counts in 2025 for a weekly indicator, one dated
//! 29/12/2024 in 2024. [`WindowResult::year`] gives the year a result belongs to. `as_of`
//! (default: the latest observation's date; with no observation at all, the plan's first
//! day) splits windows into *closed* (ended on or before `as_of`), one *open* window, and
//! future ones (not reported). Milestones are cumulative: a window's milestone value is
//! whether it was done between the plan's start (or its baseline year) and the window's end.
//!
//! **Aggregation within a window**: `sum`; `distinct` (distinct participants: a row counts
//! its participant as present; its value may be left out, and a `0` is refused at
//! ingest, never counted); `last` (the
//! latest date's values, summed across rows of that date, e.g. several communes); `mean`,
//! `min`, `max`; `ratio` = Σ value / Σ denominator × 100 (never a mean of percentages);
//! milestone = done on the earliest truthy date; qualitative = the latest assessment. No
//! observation in a window → [`Status::NoData`]; an explicit `0` is data.
//! **Overflow**: a number that goes beyond the range of a float (a sum of `1e308` and
//! `1e308`, a ratio's denominators, a mean, a baseline, a projection, a trajectory's level
//! or a change) is never judged: the window is [`Status::NotEvaluable`] with
//! [`Reason::Overflow`] and no value, and so is its year's summary.
//!
//! **Comparison.** `>` and `<` are strict (`> 200` is not met by 200); ranges are inclusive.
//! Relative targets compare the window value v with the baseline b: change = (v − b) / |b|.
//! The baseline is the indicator's given value, or the same aggregation over its baseline
//! year — the year the target writes (`+10 % par rapport à 2024`, `vs 2023`), else the
//! indicator's `baseline.year`, else the year before the plan starts (an ISO year for
//! weekly indicators); for
//! weekly, monthly, quarterly and half-year indicators, the mean of the baseline year's
//! windows with data. b missing or 0 → [`Status::NotEvaluable`] with the reason.
//! `+n points` compares percentage-point differences (v − b).
//!
//! **Statuses.**
//! - closed window: `achieved` if the target holds, else `not_achieved`;
//! - open window: `achieved` if the target already holds and more data cannot undo it
//!   (sum, distinct, max against `>`/`≥`); otherwise, for additive aggregations (sum,
//!   distinct — for distinct counts a linear projection is an approximation that can
//!   overestimate), the value is projected linearly (value × window days / elapsed days,
//!   `as_of` included) → `on_track` if the projection meets the target, else `at_risk`; for
//!   non-additive ones (mean, last, min, ratio…), the current value decides;
//! - relative and point targets are reached at the plan's end along a linear trajectory from
//!   the baseline year: before the final year, meeting the trajectory's value for the
//!   window's year (its ISO year for weeks) is `on_track` and missing it `at_risk`; reaching
//!   the full target early is `achieved`; the final year (a window ending on the plan's last
//!   day, or for weeks on the last Sunday of the plan's last ISO year) decides `achieved` /
//!   `not_achieved` once closed. A change with a deadline (`−10 % d'ici 2028`) reaches its
//!   goal in the deadline's year instead: the trajectory ends there, and that year and the
//!   later ones are final;
//! - **levels due in a year** (`au moins 8 jeunes en 2025`, `≥ 4 / an d'ici 2027`,
//!   `> 200 avant 2027` — due in 2026): windows of the due year and later are judged against
//!   the level as above. Earlier windows are judged against a linear trajectory from the
//!   baseline (given, or observed over the baseline year, as for relative targets) to the
//!   level in the due year: meeting the trajectory's value for the window's year is
//!   `on_track`, missing it `at_risk`, meeting the due level already is `achieved`. Without a
//!   baseline, earlier windows are `tracked` with the reason [`Reason::NotYetDue`]. A range
//!   with a deadline is judged from its due year on and tracked before (no trajectory). A
//!   whole-plan window, which ends with the plan, counts as the plan's last year: it is
//!   judged against the level;
//! - **per-year schedules** (*cibles annuelles*: `55 % en 2025, 60 % en 2030`,
//!   `2025 : 20 ; 2026 : 25`): each window is judged, as a level, against its year's level
//!   (the ISO year for weeks): a listed year's level; between two listed years, the linear
//!   interpolation; after the last listed year, the last level kept; before the first, a
//!   trajectory from the baseline as for levels due in a year (else `tracked`,
//!   `not_yet_due`). The comparator is the one written; a schedule written without one is
//!   read `≥`, or `≤` when the indicator decreases (its `direction`, or levels that go down
//!   from the first year to the last), and that reading is flagged
//!   ([`YearTarget::comparator_inferred`]) and said in the explanation. Yearly summaries of
//!   monthly, weekly… windows use the same year's level. [`WindowResult::year_target`]
//!   carries the level, its comparator and where it comes from
//!   ([`TargetBasis`]: listed, interpolated, kept, trajectory), for levels due in a year and
//!   schedules;
//! - milestones: done by the due date (the target's deadline, else the plan's last day) →
//!   `achieved`; done late → `not_achieved`; not done and the due date passed →
//!   `not_achieved`; otherwise `on_track`. A milestone with no report at all is `no_data`;
//! - qualitative: atteint → `achieved`, partiellement → `at_risk`, non atteint →
//!   `not_achieved`;
//! - no target: `tracked`.
//!
//! **Achievement ratio** (*taux de réalisation*): v / t for at-least targets; for at-most
//! targets (b − v) / (b − t) when a baseline b > t is known, else t / v; actual change /
//! target change for relative ones; 1 or 0 for milestones; for ranges 1 inside, v / low
//! below, high / v above.
//!
//! **Headline**: the latest closed window (or the open one if none is closed). Weekly,
//! monthly, quarterly and half-year indicators are also summarised per year: the mean of the
//! year's windows with data (coverage `with_data/total` over the year's windows reported so
//! far, e.g. `9/12 mois renseignés`) against the per-window target, judged like a
//! non-additive value; that yearly summary is their headline. Weeks are summarised per ISO
//! year: the summary spans Monday of week 1 to Sunday of the last week (52 or 53), so it
//! closes when its last week closes.
//!
//! **Roll-up**: headline scores achieved 1, on track 1, at risk 0.5, not achieved 0;
//! tracked, no data and not evaluable are left out of scores and reported as counts.
//! Fiche score = weighted mean of its indicators (weight default 1), axis = mean of its
//! scored fiches, plan = mean of its scored axes.
//!
//! ```
//! use ctg_core::{eval::{evaluate, EvalOptions, Status}, io::{read_csv, IngestOptions}};
//! let plan = ctg_core::plans::sundgau().unwrap();
//! let csv = "indicateur;date;valeur\nf2.1;15/09/2026;240\nf8.1;31/12/2026;20\n";
//! let obs = read_csv(&plan, csv.as_bytes(), &IngestOptions::default()).unwrap();
//! let as_of = chrono::NaiveDate::from_ymd_opt(2026, 12, 31);
//! let ev = evaluate(&plan, &obs, &EvalOptions { as_of, ..Default::default() });
//! assert_eq!(ev.indicator("f2.1").unwrap().headline.status, Status::Achieved);
//! assert_eq!(ev.indicator("f8.1").unwrap().headline.status, Status::NotAchieved);
//! assert_eq!(ev.indicator("f1.1").unwrap().headline.status, Status::NoData);
//! ```

mod aggregate;
mod judge;
mod many;
mod result;
mod status;
mod windows;

use rustc_hash::FxHashMap as HashMap;

use chrono::NaiveDate;

pub use many::{DateRange, PlanRow, Rollup};
pub use result::{
    AxisScore, BaselineSource, BaselineValue, Coverage, Diagnostics, Evaluation, FicheScore,
    IndicatorEvaluation, PlanScore, Reason, ResultKind, StatusCounts, TargetBasis, WindowResult,
    WindowState, YearTarget,
};
pub use status::{score_status, statuses, Status, StatusInfo};

use aggregate::{aggregate, Aggregate, Rows};
use judge::{Ctx, Growth, Judgement};
use windows::Span;

use crate::io::store::{date_of, day_of};
use crate::io::Observations;
use crate::model::{Aggregation, Fiche, Indicator, Measure, Plan, Window};
use crate::target::TargetKind;

/// Evaluation options.
///
/// The evaluation is language-neutral data: explanations, target texts and notes are
/// rendered on demand by [`crate::report`] (`report::explain`, `report::render_json`…) in
/// the language the caller asks for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EvalOptions {
    /// The evaluation date; default: the latest observation's date.
    pub as_of: Option<NaiveDate>,
    /// The limits ([`Limits`](crate::Limits)): [`try_evaluate`] refuses a plan that would
    /// make more than `max_windows` windows.
    pub limits: crate::Limits,
}

/// Evaluate a plan against observations. Never fails: whatever cannot be judged gets a
/// status (`no_data`, `not_evaluable`) and a reason. It does not check
/// [`EvalOptions::limits`]: [`try_evaluate`] does.
pub fn evaluate(plan: &Plan, observations: &Observations, options: &EvalOptions) -> Evaluation {
    let as_of = options
        .as_of
        .or_else(|| observations.last_date())
        .or_else(|| plan.period.first_day())
        .unwrap_or(NaiveDate::MIN);
    let mut diagnostics = Diagnostics {
        rejected: observations.skipped.clone(),
        notes: observations.notes.clone(),
        ..Default::default()
    };

    // Group the kept observations by indicator, sorted by (date, row): a sort of integer
    // keys over the store's columns. For each of the store's indicators, its position in
    // the plan and the days it keeps (the plan's years and its baseline year; ISO years
    // for weekly indicators).
    let store = &observations.store;
    let indicators: Vec<(&Fiche, &Indicator)> = plan.indicators().collect();
    let position: HashMap<&str, usize> = indicators
        .iter()
        .enumerate()
        .map(|(at, (_, i))| (i.id.as_str(), at))
        .collect();
    let kept: Vec<Option<(u32, Kept)>> = store
        .indicators
        .iter()
        .map(|id| {
            let at = *position.get(&**id)?;
            let (_, ind) = indicators.get(at)?;
            let kept = Kept::new(plan, ind);
            Some((u32::try_from(at).ok()?, kept))
        })
        .collect();
    let as_of_day = day_of(as_of);
    let mut keys: Vec<(u64, u32, u32)> = Vec::with_capacity(store.len());
    let mut unknown = 0usize;
    for (i, (&ind, &day)) in store.indicator.iter().zip(&store.day).enumerate() {
        let Some(Some((at, kept))) = kept.get(ind as usize) else {
            unknown += 1;
            continue;
        };
        if day > as_of_day {
            diagnostics.after_as_of += 1;
            continue;
        }
        if !kept.keeps(day) {
            diagnostics.outside_period += 1;
            continue;
        }
        diagnostics.used += 1;
        let row = store.row.get(i).copied().unwrap_or(0);
        // Days are shifted to sort as unsigned numbers.
        let key = (u64::from(*at) << 32) | u64::from((day as u32) ^ 0x8000_0000);
        keys.push((key, row, u32::try_from(i).unwrap_or(u32::MAX)));
    }
    diagnostics.not_in_plan = unknown;
    if !keys.is_sorted() {
        sort_keys(&mut keys);
    }
    let order: Vec<u32> = keys.iter().map(|k| k.2).collect();
    let days: Vec<i32> = keys
        .iter()
        .map(|k| ((k.0 as u32) ^ 0x8000_0000) as i32)
        .collect();
    // Each plan indicator's range of `order`.
    let mut ranges = vec![(0usize, 0usize); indicators.len()];
    let mut from = 0usize;
    while let Some(&(key, _, _)) = keys.get(from) {
        let at = (key >> 32) as usize;
        let to = from
            + keys
                .get(from..)
                .map_or(0, |rest| rest.partition_point(|k| k.0 >> 32 == key >> 32));
        if let Some(r) = ranges.get_mut(at) {
            *r = (from, to);
        }
        from = to.max(from + 1);
    }
    let each = |((fiche, ind), &(a, b)): (&(&Fiche, &Indicator), &(usize, usize))| {
        let obs = Rows {
            store,
            order: order.get(a..b).unwrap_or_default(),
            days: days.get(a..b).unwrap_or_default(),
        };
        evaluate_indicator(plan, fiche, ind, obs, as_of)
    };
    // A large plan's indicators are evaluated across the cores.
    #[cfg(feature = "parallel")]
    let indicators: Vec<IndicatorEvaluation> = if store.len() >= PARALLEL_ROWS {
        use rayon::prelude::*;
        indicators
            .par_iter()
            .zip(ranges.par_iter())
            .map(each)
            .collect()
    } else {
        indicators.iter().zip(&ranges).map(each).collect()
    };
    #[cfg(not(feature = "parallel"))]
    let indicators: Vec<IndicatorEvaluation> = indicators.iter().zip(&ranges).map(each).collect();
    let (fiches, axes, plan_score) = rollup(plan, &indicators);
    Evaluation {
        plan_id: plan.id.clone(),
        plan_title: plan.title.clone(),
        territory: plan.territory.clone(),
        period: plan.period,
        as_of,
        as_of_given: options.as_of.is_some(),
        fictional: observations.fictional,
        indicators,
        fiches,
        axes,
        plan: plan_score,
        diagnostics,
    }
}

/// The most windows an evaluation of `plan` makes: every indicator's windows over the
/// plan's period (53 ISO weeks, 12 months, 4 quarters, 2 half-years or 1 year per year,
/// or one window for the whole plan) and the yearly summaries of the numeric ones shorter
/// than a year. What [`Limits::max_windows`](crate::Limits) is checked against: a bound
/// known from the plan alone, before any window is made.
///
/// ```
/// let plan = ctg_core::plans::sundgau().unwrap();
/// let n = ctg_core::eval::window_count(&plan);
/// assert!(n > 0 && n < ctg_core::Limits::default().max_windows);
/// ```
pub fn window_count(plan: &Plan) -> u64 {
    let years = u64::try_from(
        i64::from(plan.period.end)
            .saturating_sub(i64::from(plan.period.start))
            .saturating_add(1),
    )
    .unwrap_or(0);
    plan.indicators()
        .map(|(_, ind)| {
            let window = ind.window();
            let per_year: u64 = match window {
                Window::Week => 53,
                Window::Month => 12,
                Window::Quarter => 4,
                Window::HalfYear => 2,
                Window::Year => 1,
                Window::Plan => 0,
            };
            let windows = match window {
                Window::Plan => 1,
                _ => per_year.saturating_mul(years),
            };
            let summaries = if windows::summarised_per_year(window) && ind.measure.is_numeric() {
                years
            } else {
                0
            };
            windows.saturating_add(summaries)
        })
        .fold(0u64, u64::saturating_add)
}

/// Check an evaluation of `plan` against the limits of `options`: more windows than
/// `max_windows` ([`window_count`]) is a `limit_exceeded` refusal.
///
/// ```
/// use ctg_core::eval::{check_limits, EvalOptions};
/// use ctg_core::Limits;
/// let plan = ctg_core::plans::sundgau().unwrap();
/// assert!(check_limits(&plan, &EvalOptions::default()).is_ok());
/// let tight = EvalOptions { limits: Limits { max_windows: 10, ..Limits::default() }, ..Default::default() };
/// assert_eq!(check_limits(&plan, &tight).unwrap_err().code(), "limit_exceeded");
/// ```
pub fn check_limits(
    plan: &Plan,
    options: &EvalOptions,
) -> Result<(), crate::limits::LimitExceeded> {
    options
        .limits
        .check(crate::limits::Limit::MaxWindows, window_count(plan))
}

/// [`evaluate`], within the limits of `options` ([`check_limits`]): a plan that would make
/// more than `max_windows` windows (1,000 monthly indicators over 1900–2200 make 3.6
/// million, and a JSON view of gigabytes) is refused before any window is made. The
/// bindings and [`crate::ffi`] evaluate through it.
pub fn try_evaluate(
    plan: &Plan,
    observations: &Observations,
    options: &EvalOptions,
) -> Result<Evaluation, crate::limits::LimitExceeded> {
    check_limits(plan, options)?;
    Ok(evaluate(plan, observations, options))
}

/// [`evaluate_many`], within the limits of `options`: every plan is checked first
/// ([`check_limits`]); the first plan over a limit refuses the call.
pub fn try_evaluate_many(
    items: &[(&Plan, &Observations)],
    options: &EvalOptions,
) -> Result<Vec<Evaluation>, crate::limits::LimitExceeded> {
    for (plan, _) in items {
        check_limits(plan, options)?;
    }
    Ok(evaluate_many(items, options))
}

/// Evaluate many plans, each with its own observations, in one call: in parallel across the
/// available cores when the `parallel` feature is on, one after the other otherwise.
/// Results come in the order of `items`.
///
/// ```
/// use ctg_core::eval::{evaluate_many, EvalOptions};
/// let template = ctg_core::plans::sundgau().unwrap();
/// let national = ctg_core::workload::national(&template, 4, 24, 400, 7);
/// let items: Vec<_> = national.iter().map(|t| (&t.plan, &t.observations)).collect();
/// let results = evaluate_many(&items, &EvalOptions::default());
/// assert_eq!(results.len(), 4);
/// assert_eq!(results[3].plan_id, "ctg-0003");
/// ```
pub fn evaluate_many(items: &[(&Plan, &Observations)], options: &EvalOptions) -> Vec<Evaluation> {
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        items
            .par_iter()
            .map(|(p, o)| evaluate(p, o, options))
            .collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        items.iter().map(|(p, o)| evaluate(p, o, options)).collect()
    }
}

/// From this many rows, one plan's sort and indicators use every core (`parallel` feature).
#[cfg(feature = "parallel")]
const PARALLEL_ROWS: usize = 1 << 16;

/// Sort the grouping keys (on every core for a large plan, with the `parallel` feature).
fn sort_keys(keys: &mut [(u64, u32, u32)]) {
    #[cfg(feature = "parallel")]
    if keys.len() >= PARALLEL_ROWS {
        use rayon::slice::ParallelSliceMut;
        keys.par_sort_unstable();
        return;
    }
    keys.sort_unstable();
}

/// Which days of an indicator's observations the evaluation keeps: those of the plan's
/// years and of its baseline year (ISO years for weekly indicators).
#[derive(Clone, Copy)]
struct Kept {
    window: Window,
    baseline_year: i32,
    period: crate::model::PlanPeriod,
    /// The same as day ranges, when the years have bounds.
    ranges: Option<[(i32, i32); 2]>,
}

impl Kept {
    fn new(plan: &Plan, ind: &Indicator) -> Self {
        let window = ind.window();
        let baseline_year = plan.baseline_year(ind);
        let range =
            |from, to| windows::bounds(window, from, to).map(|(a, b)| (day_of(a), day_of(b)));
        let ranges = match (
            range(plan.period.start, plan.period.end),
            range(baseline_year, baseline_year),
        ) {
            (Some(a), Some(b)) if plan.period.start <= plan.period.end => Some([a, b]),
            _ => None,
        };
        Kept {
            window,
            baseline_year,
            period: plan.period,
            ranges,
        }
    }

    fn keeps(&self, day: i32) -> bool {
        match self.ranges {
            Some(ranges) => ranges.iter().any(|&(a, b)| (a..=b).contains(&day)),
            None => {
                let year = windows::year_of_date(self.window, date_of(day));
                self.period.contains_year(year) || year == self.baseline_year
            }
        }
    }
}

fn evaluate_indicator(
    plan: &Plan,
    fiche: &Fiche,
    ind: &Indicator,
    obs: Rows<'_>,
    as_of: NaiveDate,
) -> IndicatorEvaluation {
    let window = ind.window();
    let agg = ind.aggregation();
    let target = ind.target.as_ref();
    let plan_last = plan.period.last_day().unwrap_or(NaiveDate::MAX);
    // The days the indicator's windows cover: the plan's years, or for weekly indicators
    // its ISO years (a plan 2025-2029: Monday 30/12/2024 to Sunday 30/12/2029).
    let (windows_first, windows_last) = windows::bounds(window, plan.period.start, plan.period.end)
        .unwrap_or((NaiveDate::MIN, NaiveDate::MAX));
    let baseline_year = plan.baseline_year(ind);
    let relative = matches!(target.map(|t| &t.kind), Some(TargetKind::Relative { .. }));
    let points = matches!(target.map(|t| &t.kind), Some(TargetKind::Points { .. }));
    // Levels due in a later year and schedules draw a trajectory from the baseline to
    // their first due level.
    let dated_level = matches!(
        target.map(|t| &t.kind),
        Some(
            TargetKind::Compare {
                deadline: Some(_),
                ..
            } | TargetKind::Schedule { .. }
        )
    );
    let uses_baseline = relative || points || dated_level;

    // The baseline: given, or observed over the baseline year.
    let given = ind.baseline.as_ref().and_then(|b| b.value);
    let baseline = if let Some(v) = given {
        Some(BaselineValue {
            year: baseline_year,
            value: Some(v),
            source: BaselineSource::Given,
        })
    } else if uses_baseline {
        let value = observed_baseline(window, agg, obs, baseline_year);
        Some(BaselineValue {
            year: baseline_year,
            value,
            source: BaselineSource::Observed,
        })
    } else {
        None
    };
    let baseline_v = baseline.as_ref().and_then(|b| b.value);
    // A change due before the plan's end (`−10 % d'ici 2028`) reaches its goal that year.
    let (end_year, final_day) = match target
        .filter(|t| t.is_change())
        .and_then(|t| t.deadline())
        .and_then(|d| d.due_year())
    {
        Some(y) if y < plan.period.end => (
            y,
            windows::bounds(window, plan.period.start, y).map_or(windows_last, |(_, last)| last),
        ),
        _ => (plan.period.end, windows_last),
    };
    let ctx = Ctx {
        target,
        baseline: baseline_v,
        baseline_year,
        end_year,
        final_day,
        as_of,
        decreasing: ind.direction() == crate::model::Direction::Decreasing,
        whole_plan: window == Window::Plan,
    };
    let growth = Growth {
        additive: agg.is_additive(),
        monotone: agg.is_monotone_increasing(),
    };
    let due = match target.map(|t| &t.kind) {
        Some(TargetKind::Milestone { deadline: Some(d) }) => d.due_date().unwrap_or(plan_last),
        _ => plan_last,
    };

    let base = |span: &Span, kind: ResultKind, w: Window| WindowResult {
        axis: fiche.axis,
        fiche: fiche.number,
        indicator: ind.id.clone(),
        label: ind.label.clone(),
        kind,
        window: w,
        start: span.start,
        end: span.end,
        state: span.state,
        observations: 0,
        value: None,
        done_on: None,
        assessment: None,
        comment: None,
        baseline: if uses_baseline { baseline_v } else { None },
        change: None,
        expected: None,
        projection: None,
        coverage: None,
        year_target: None,
        status: Status::NoData,
        achievement: None,
        reason: Some(Reason::NoObservation),
    };
    let finish = |mut r: WindowResult, j: Judgement| {
        if let Some(s) = j.status {
            r.status = s;
            r.reason = j.reason;
        }
        r.achievement = j.achievement;
        r.expected = j.expected;
        r.projection = j.projection;
        r.change = j.change;
        r.year_target = j.year_target;
        r
    };

    let spans = windows::enumerate(window, plan.period, as_of);
    let mut results = Vec::with_capacity(spans.len());
    for span in &spans {
        let mut r = base(span, ResultKind::Window, window);
        // Milestones are cumulative from the plan's start (baseline year included).
        let from = if ind.measure == Measure::Milestone {
            NaiveDate::MIN
        } else {
            span.start
        };
        let in_window = obs.slice(from, span.end.min(as_of));
        r.observations = in_window.len();
        let j = match aggregate(agg, in_window) {
            Aggregate::Empty => Judgement::default(),
            Aggregate::DenominatorZero => Judgement {
                status: Some(Status::NotEvaluable),
                reason: Some(Reason::DenominatorZero),
                ..Default::default()
            },
            Aggregate::Overflow => Judgement {
                status: Some(Status::NotEvaluable),
                reason: Some(Reason::Overflow),
                ..Default::default()
            },
            Aggregate::Value(v) => {
                r.value = Some(v);
                judge::judge_number(&ctx, v, span, growth)
            }
            Aggregate::Milestone(done_on) => {
                r.done_on = done_on;
                r.value = Some(if done_on.is_some() { 1.0 } else { 0.0 });
                judge::judge_milestone(done_on, due, as_of)
            }
            Aggregate::Assessment(a, comment) => {
                r.assessment = Some(a);
                r.comment = comment;
                judge::judge_assessment(a)
            }
        };
        results.push(finish(r, j));
    }

    // Yearly summaries of weekly, monthly, quarterly and half-year windows (ISO years for
    // weeks).
    let mut yearly = Vec::new();
    if windows::summarised_per_year(window) && ind.measure.is_numeric() {
        let mut years: Vec<i32> = results.iter().map(WindowResult::year).collect();
        years.dedup();
        for y in years {
            let Some(span) = windows::summary_span(window, y, as_of) else {
                continue;
            };
            let of_year: Vec<&WindowResult> = results.iter().filter(|r| r.year() == y).collect();
            let values: Vec<f64> = of_year.iter().filter_map(|r| r.value).collect();
            let mut r = base(&span, ResultKind::YearSummary, Window::Year);
            r.observations = of_year.iter().map(|r| r.observations).sum();
            r.coverage = Some(Coverage {
                with_data: u32::try_from(values.len()).unwrap_or(u32::MAX),
                total: u32::try_from(of_year.len()).unwrap_or(u32::MAX),
            });
            // A window that overflowed makes its year's summary overflow too.
            let overflowed = of_year.iter().any(|r| r.reason == Some(Reason::Overflow));
            let mean = values.iter().sum::<f64>() / values.len() as f64;
            let j = if overflowed || (!values.is_empty() && !mean.is_finite()) {
                Judgement {
                    status: Some(Status::NotEvaluable),
                    reason: Some(Reason::Overflow),
                    ..Default::default()
                }
            } else if values.is_empty() {
                Judgement::default()
            } else {
                r.value = Some(mean);
                judge::judge_number(
                    &ctx,
                    mean,
                    &span,
                    Growth {
                        additive: false,
                        monotone: false,
                    },
                )
            };
            yearly.push(finish(r, j));
        }
    }

    let pick_headline = |rows: &[WindowResult]| {
        rows.iter()
            .rev()
            .find(|r| r.state == WindowState::Closed)
            .or_else(|| rows.last())
            .cloned()
    };
    let headline = pick_headline(&yearly)
        .or_else(|| pick_headline(&results))
        .unwrap_or_else(|| {
            // The plan has not started on `as_of`: nothing to report.
            let span = Span {
                start: windows_first,
                end: windows_last,
                state: WindowState::Open,
            };
            let mut r = base(&span, ResultKind::Window, window);
            r.reason = Some(Reason::NotStarted);
            r
        });

    IndicatorEvaluation {
        axis: fiche.axis,
        fiche: fiche.number,
        id: ind.id.clone(),
        label: ind.label.clone(),
        measure: ind.measure,
        aggregation: agg,
        window,
        direction: ind.direction(),
        unit: ind.unit.clone(),
        target: ind.target.clone(),
        baseline,
        weight: ind.weight(),
        windows: results,
        yearly,
        headline,
    }
}

/// The baseline observed over `year`: the same aggregation over the year (year and plan
/// windows), or the mean of the year's weekly, monthly, quarterly or half-year windows with
/// data (the ISO year's weeks for weekly indicators).
fn observed_baseline(window: Window, agg: Aggregation, obs: Rows<'_>, year: i32) -> Option<f64> {
    let value_of = |s: &Span| match aggregate(agg, obs.slice(s.start, s.end)) {
        Aggregate::Value(v) => Some(v),
        // An overflowing baseline is not finite: its windows are `not_evaluable`
        // ([`Reason::Overflow`]), not judged as if it were missing.
        Aggregate::Overflow => Some(f64::INFINITY),
        _ => None,
    };
    // Year and plan windows: the one window of the calendar year.
    let spans = windows::of_year(window, year);
    if !windows::summarised_per_year(window) {
        return spans.first().and_then(value_of);
    }
    let values: Vec<f64> = spans.iter().filter_map(value_of).collect();
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

fn mean(values: impl Iterator<Item = (f64, f64)>) -> Option<f64> {
    let (sum, weights) = values.fold((0.0, 0.0), |(s, w), (v, wt)| (s + v * wt, w + wt));
    (weights > 0.0).then(|| sum / weights)
}

fn rollup(
    plan: &Plan,
    indicators: &[IndicatorEvaluation],
) -> (Vec<FicheScore>, Vec<AxisScore>, PlanScore) {
    let fiches: Vec<FicheScore> = plan
        .fiches
        .iter()
        .map(|f| {
            let mine: Vec<&IndicatorEvaluation> =
                indicators.iter().filter(|i| i.fiche == f.number).collect();
            let mut counts = StatusCounts::default();
            for i in &mine {
                counts.add(i.headline.status);
            }
            let score = mean(
                mine.iter()
                    .filter_map(|i| i.headline.status.score().map(|s| (s, i.weight))),
            );
            FicheScore {
                fiche: f.number,
                axis: f.axis,
                title: f.title.clone(),
                objective: f.objective.clone(),
                score,
                counts,
            }
        })
        .collect();
    let axes: Vec<AxisScore> = plan
        .axes
        .iter()
        .map(|a| {
            let mine: Vec<&FicheScore> = fiches.iter().filter(|f| f.axis == a.number).collect();
            let mut counts = StatusCounts::default();
            for f in &mine {
                counts.merge(&f.counts);
            }
            let scored: Vec<f64> = mine.iter().filter_map(|f| f.score).collect();
            AxisScore {
                axis: a.number,
                title: a.title.clone(),
                score: mean(scored.iter().map(|s| (*s, 1.0))),
                fiches_scored: u32::try_from(scored.len()).unwrap_or(u32::MAX),
                fiches: u32::try_from(mine.len()).unwrap_or(u32::MAX),
                counts,
            }
        })
        .collect();
    let mut counts = StatusCounts::default();
    for a in &axes {
        counts.merge(&a.counts);
    }
    let score = mean(axes.iter().filter_map(|a| a.score.map(|s| (s, 1.0))));
    (fiches, axes, PlanScore { score, counts })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::io::{read_csv, IngestOptions};
    use crate::Lang;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn plan(window: &str, target: &str) -> Plan {
        crate::plans::one_indicator(window, target)
    }

    fn run(plan: &Plan, csv: &str, as_of: NaiveDate) -> Evaluation {
        let obs = read_csv(plan, csv.as_bytes(), &IngestOptions::default()).unwrap();
        let opts = EvalOptions {
            as_of: Some(as_of),
            ..Default::default()
        };
        evaluate(plan, &obs, &opts)
    }

    fn window(ev: &Evaluation, start: NaiveDate) -> &WindowResult {
        ev.indicators[0]
            .windows
            .iter()
            .find(|r| r.start == start)
            .unwrap()
    }

    /// Issue 16: `1e308` twice overflowed to infinity and was judged `achieved` with a null
    /// value. Sums, means, ratios, baselines and year summaries that overflow are
    /// `not_evaluable` (`overflow`).
    #[test]
    fn overflow_sum_is_not_evaluable() {
        let csv = "indicator,date,value\nx,2026-03-01,1e308\nx,2026-04-01,1e308\n";
        for (window, target) in [("year", "> 200"), ("month", "≥ 1"), ("year", "+10%")] {
            let ev = run(&plan(window, target), csv, d(2026, 12, 31));
            let ind = &ev.indicators[0];
            let y = ind
                .yearly
                .iter()
                .find(|r| r.year() == 2026)
                .unwrap_or(&ind.headline);
            assert_eq!(
                ind.headline.status,
                Status::NotEvaluable,
                "{window} {target}"
            );
            if window == "year" {
                assert_eq!(ind.headline.reason, Some(Reason::Overflow), "{target}");
                assert_eq!(ind.headline.value, None);
            } else {
                // Each month is finite; their mean over the year overflows.
                assert_eq!(y.reason, Some(Reason::Overflow));
                assert_eq!(y.value, None);
            }
        }
        // A baseline that overflows: the relative target is not judged.
        let csv = "indicator,date,value\nx,2024-03-01,1e308\nx,2024-04-01,1e308\nx,2026-01-01,5\n";
        let ev = run(&plan("year", "+10%"), csv, d(2026, 12, 31));
        assert_eq!(ev.indicators[0].headline.reason, Some(Reason::Overflow));
        // A mean and the latest date's sum.
        let mut p = plan("year", "> 2");
        let csv = "indicator,date,value\nx,2026-03-01,1.5e308\nx,2026-03-01,1.5e308\n";
        for agg in [Aggregation::Mean, Aggregation::Last] {
            for f in &mut p.fiches {
                for i in &mut f.indicators {
                    i.aggregation = Some(agg);
                }
            }
            let ev = run(&p, csv, d(2026, 12, 31));
            let h = &ev.indicators[0].headline;
            assert_eq!(h.status, Status::NotEvaluable, "{agg:?}");
            assert_eq!(h.reason, Some(Reason::Overflow), "{agg:?}");
            let sentence = crate::report::explain(&ev, &ev.indicators[0], h, Lang::Fr, None);
            assert!(sentence.contains("capacité"), "{sentence}");
        }
    }

    /// A cumulative (whole-plan) level due in 2027: the one window ends with the plan, so it
    /// is judged against the level, not left "not yet due".
    #[test]
    fn whole_plan_level_with_a_deadline() {
        let p = plan("plan", "≥ 200 familles d'ici 2027");
        let csv = "indicator,date,value\nx,2025-06-01,120\nx,2027-03-01,90\n";
        let ev = run(&p, csv, d(2027, 12, 31));
        let r = &ev.indicators[0].windows[0];
        assert_eq!(r.value, Some(210.0));
        // 210 ≥ 200 and a sum cannot go down: achieved, with the year's level named.
        assert_eq!(r.status, Status::Achieved);
        let yt = r.year_target.unwrap();
        assert_eq!((yt.year, yt.value), (2029, 200.0));
        assert!(matches!(yt.basis, TargetBasis::Kept { .. }));
    }

    /// A weekly relative target: the baseline is the mean of ISO 2024's weeks with data
    /// (10 in week 1, 30 in week 52: 20; the 31/12/2023 row is ISO 2023, outside, and the
    /// 30/12/2024 row is week 1 of 2025); the goal is 22, the trajectory 20.4 per year.
    const WEEKLY: &str = "indicator,date,value\n\
        x,2023-12-31,99\nx,2024-01-01,10\nx,2024-12-29,30\nx,2024-12-30,21\n\
        x,2026-12-30,21\nx,2029-12-24,21\nx,2029-12-31,5\n";

    #[test]
    fn weekly_baseline_trajectory_and_final_week() {
        let p = plan("week", "+10%");
        let ev = run(&p, WEEKLY, d(2030, 1, 6));
        let ind = &ev.indicators[0];
        assert_eq!(ind.baseline.as_ref().unwrap().value, Some(20.0));
        // 2023-12-31 (ISO 2023) and 2029-12-31 (ISO 2030) are outside.
        assert_eq!(ev.diagnostics.outside_period, 2);
        assert_eq!(ev.diagnostics.used, 5);
        // Week 1 of 2025: 21 ≥ 20.4 (2025's trajectory): on track.
        let w1 = window(&ev, d(2024, 12, 30));
        assert_eq!((w1.value, w1.status), (Some(21.0), Status::OnTrack));
        assert!((w1.expected.unwrap() - 20.4).abs() < 1e-9);
        // Week 53 of 2026 ends in 2027 but is judged on 2026's trajectory (20.8).
        let w53 = window(&ev, d(2026, 12, 28));
        assert_eq!(w53.end, d(2027, 1, 3));
        assert!((w53.expected.unwrap() - 20.8).abs() < 1e-9);
        assert_eq!(w53.status, Status::OnTrack);
        // The last week of the plan (ISO 2029 ends on Sunday 30/12/2029) is final: 21 < 22
        // is not achieved, not merely at risk.
        let last = ind.windows.last().unwrap();
        assert_eq!((last.start, last.end), (d(2029, 12, 24), d(2029, 12, 30)));
        assert!((last.expected.unwrap() - 22.0).abs() < 1e-9);
        assert_eq!(last.status, Status::NotAchieved);
        // So is the ISO 2029 summary, which is the headline.
        let y = ind.yearly.last().unwrap();
        assert_eq!((y.year(), y.end), (2029, d(2029, 12, 30)));
        assert_eq!(y.status, Status::NotAchieved);
        assert_eq!(ind.headline, *y);
        assert_eq!(ind.yearly.len(), 5);
        let weeks: Vec<u32> = ind
            .yearly
            .iter()
            .map(|r| r.coverage.unwrap().total)
            .collect();
        assert_eq!(weeks, [52, 53, 52, 52, 52]);
        // The 2026 summary sentence names the ISO year, not the summary's end year.
        let sentence = crate::report::explain(&ev, ind, &ind.yearly[1], Lang::Fr, None);
        assert!(sentence.contains("en 2026"), "{sentence}");
        assert!(sentence.contains("1/53 semaines renseignées"), "{sentence}");
        // Reached early: 22 in a week before the final year is achieved.
        let ev = run(
            &p,
            "indicator,date,value\nx,2024-06-03,20\nx,2026-06-03,22\n",
            d(2026, 12, 31),
        );
        assert_eq!(window(&ev, d(2026, 6, 1)).status, Status::Achieved);
    }

    #[test]
    fn calendar_years_for_other_windows() {
        // For a monthly indicator the same rows count in their calendar years: 31/12/2023
        // and 31/12/2029 are in 2023 (outside) and 2029 (in the plan); 30/12/2024 and
        // 29/12/2024 are baseline data (2024).
        let p = plan("month", "+10%");
        let ev = run(&p, WEEKLY, d(2030, 1, 6));
        assert_eq!(ev.diagnostics.outside_period, 1);
        // Baseline: January 2024 (10) and December 2024 (30 + 21 = 51): (10 + 51) / 2.
        let b = ev.indicators[0].baseline.as_ref().unwrap().value.unwrap();
        assert!((b - 30.5).abs() < 1e-9);
        // Half-years: the baseline is the mean of 2024's halves (10 and 51).
        let p = plan("half_year", "+10%");
        let ev = run(&p, WEEKLY, d(2030, 1, 6));
        let b = ev.indicators[0].baseline.as_ref().unwrap().value.unwrap();
        assert!((b - 30.5).abs() < 1e-9);
        let h = &ev.indicators[0].windows;
        assert_eq!(h.len(), 10);
        let sentence = crate::report::explain(&ev, &ev.indicators[0], &h[3], Lang::Fr, None);
        assert!(sentence.contains("au S2 2026"), "{sentence}");
    }
}
