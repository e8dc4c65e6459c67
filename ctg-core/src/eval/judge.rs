//! Status rules: a window's value against the target.

use chrono::{Datelike, NaiveDate};

use super::windows::Span;
use super::{Reason, Status, TargetBasis, WindowState, YearTarget};
use crate::io::Assessment;
use crate::target::{Comparator, ScheduleStep, Target, TargetKind};

/// What the rules need to know besides the value.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx<'a> {
    pub target: Option<&'a Target>,
    /// The baseline value (relative targets, and at-most achievement).
    pub baseline: Option<f64>,
    pub baseline_year: i32,
    /// The plan's last year.
    pub end_year: i32,
    /// The last day of the indicator's last window: the plan's last day, or for weekly
    /// indicators the Sunday ending the last ISO week of the plan's last year. A window
    /// ending on it is in the final year.
    pub final_day: NaiveDate,
    pub as_of: NaiveDate,
    /// Whether the indicator decreases (smaller is better): a schedule written without
    /// comparator then reads `≤`.
    pub decreasing: bool,
    /// Whether the windows are the whole plan (one cumulative window, which ends with the
    /// plan: its year, for targets that depend on the year, is the plan's last).
    pub whole_plan: bool,
}

/// How a value can evolve as more observations arrive in an open window.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Growth {
    /// Project linearly (sums, distinct counts).
    pub additive: bool,
    /// More data cannot lower the value (sums, distinct counts, max).
    pub monotone: bool,
}

/// The outcome of the rules.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct Judgement {
    pub status: Option<Status>,
    pub achievement: Option<f64>,
    pub expected: Option<f64>,
    pub projection: Option<f64>,
    pub change: Option<f64>,
    pub reason: Option<Reason>,
    pub year_target: Option<YearTarget>,
}

const EPS: f64 = 1e-9;

fn holds(op: Comparator, v: f64, t: f64) -> bool {
    match op {
        Comparator::Gt => v > t,
        Comparator::Ge => v >= t - EPS,
        Comparator::Lt => v < t,
        Comparator::Le => v <= t + EPS,
        Comparator::Eq => (v - t).abs() <= EPS,
    }
}

fn ratio(num: f64, den: f64) -> Option<f64> {
    (den != 0.0 && (num / den).is_finite()).then(|| num / den)
}

/// Judge a numeric value `v` of a window. A value, a baseline or a number the rules
/// compute (projection, trajectory level, change) that is not finite makes the window
/// `not_evaluable` with [`Reason::Overflow`]: no status is drawn from an infinite number.
pub(crate) fn judge_number(ctx: &Ctx<'_>, v: f64, span: &Span, growth: Growth) -> Judgement {
    let overflow = Judgement {
        status: Some(Status::NotEvaluable),
        reason: Some(Reason::Overflow),
        ..Default::default()
    };
    if !v.is_finite() || ctx.baseline.is_some_and(|b| !b.is_finite()) {
        return overflow;
    }
    let j = judge_finite(ctx, v, span, growth);
    let finite = |x: Option<f64>| x.is_none_or(f64::is_finite);
    if finite(j.projection)
        && finite(j.expected)
        && finite(j.change)
        && finite(j.achievement)
        && finite(j.year_target.map(|y| y.value))
    {
        j
    } else {
        overflow
    }
}

fn judge_finite(ctx: &Ctx<'_>, v: f64, span: &Span, growth: Growth) -> Judgement {
    let open = span.state == WindowState::Open;
    let projection = (open && growth.additive)
        .then(|| {
            let elapsed = span.elapsed(ctx.as_of);
            (elapsed > 0).then(|| v * span.days() as f64 / elapsed as f64)
        })
        .flatten();
    let mut j = Judgement {
        projection,
        ..Default::default()
    };
    let Some(target) = ctx.target else {
        j.status = Some(Status::Tracked);
        return j;
    };
    // The value that decides an open window: the projection when there is one.
    let decisive = projection.unwrap_or(v);
    let year = if ctx.whole_plan {
        ctx.final_day.year()
    } else {
        span.year()
    };
    match year_level(ctx, target, year) {
        YearLevel::Always => {}
        YearLevel::NotYetDue => {
            j.status = Some(Status::Tracked);
            j.reason = Some(Reason::NotYetDue);
            return j;
        }
        YearLevel::Level(yt) => {
            j.year_target = Some(yt);
            j.expected = Some(yt.value);
            if let TargetBasis::Trajectory { to, .. } = yt.basis {
                // The due level's own comparator decides whether it is reached early.
                let due_op = match &target.kind {
                    TargetKind::Compare { op, .. } | TargetKind::Schedule { op: Some(op), .. } => {
                        *op
                    }
                    _ => yt.op,
                };
                let up = match yt.op {
                    Comparator::Gt | Comparator::Ge => true,
                    Comparator::Lt | Comparator::Le => false,
                    Comparator::Eq => to.value >= yt.value,
                };
                let meets = |x: f64| {
                    if up {
                        x >= yt.value - EPS
                    } else {
                        x <= yt.value + EPS
                    }
                };
                // Reaching the level due later is achieved early; otherwise the
                // trajectory says whether the window is on the way.
                j.status = Some(if holds(due_op, v, to.value) {
                    Status::Achieved
                } else if meets(decisive) {
                    Status::OnTrack
                } else {
                    Status::AtRisk
                });
                j.achievement = level_achievement(ctx, due_op, v, to.value);
            } else {
                judge_level(ctx, &mut j, yt.op, yt.value, v, decisive, open, growth);
            }
            return j;
        }
    }
    match &target.kind {
        TargetKind::Compare { op, value: t, .. } => {
            judge_level(ctx, &mut j, *op, *t, v, decisive, open, growth);
        }
        TargetKind::Range { low, high, .. } => {
            let inside = |x: f64| x >= *low - EPS && x <= *high + EPS;
            j.status = Some(match (open, inside(v), inside(decisive)) {
                (false, true, _) => Status::Achieved,
                (false, false, _) => Status::NotAchieved,
                (true, _, true) => Status::OnTrack,
                (true, _, false) => Status::AtRisk,
            });
            j.achievement = if inside(v) {
                Some(1.0)
            } else if v < *low {
                ratio(v, *low)
            } else {
                ratio(*high, v)
            };
        }
        TargetKind::Relative { percent, .. } => {
            let Some(b) = ctx.baseline else {
                j.status = Some(Status::NotEvaluable);
                j.reason = Some(Reason::BaselineMissing);
                return j;
            };
            if b == 0.0 {
                j.status = Some(Status::NotEvaluable);
                j.reason = Some(Reason::BaselineZero);
                return j;
            }
            let goal = b * (1.0 + percent / 100.0);
            j.change = Some((v - b) / b.abs());
            j.achievement = j.change.and_then(|c| ratio(c * 100.0, *percent));
            trajectory(ctx, &mut j, v, decisive, b, goal, span, growth);
        }
        TargetKind::Points { points, .. } => {
            let Some(b) = ctx.baseline else {
                j.status = Some(Status::NotEvaluable);
                j.reason = Some(Reason::BaselineMissing);
                return j;
            };
            let goal = b + points;
            j.change = Some(v - b);
            j.achievement = ratio(v - b, *points);
            trajectory(ctx, &mut j, v, decisive, b, goal, span, growth);
        }
        // Handled by `year_level` (every year of a schedule has its level).
        TargetKind::Schedule { .. } => {
            j.status = Some(Status::Tracked);
        }
        TargetKind::Milestone { .. } => {
            // A milestone target on a numeric measure is refused by plan validation; a
            // positive value counts as done.
            j.status = Some(if v > 0.0 {
                Status::Achieved
            } else if open {
                Status::OnTrack
            } else {
                Status::NotAchieved
            });
            j.achievement = Some(if v > 0.0 { 1.0 } else { 0.0 });
        }
    }
    j
}

/// A level `t` with comparator `op`: closed windows achieved or not; open windows achieved
/// when more data cannot undo it, else on track or at risk by the decisive value.
#[allow(clippy::too_many_arguments)]
fn judge_level(
    ctx: &Ctx<'_>,
    j: &mut Judgement,
    op: Comparator,
    t: f64,
    v: f64,
    decisive: f64,
    open: bool,
    growth: Growth,
) {
    j.expected = Some(t);
    j.status = Some(if !open {
        if holds(op, v, t) {
            Status::Achieved
        } else {
            Status::NotAchieved
        }
    } else if holds(op, v, t) && growth.monotone && matches!(op, Comparator::Gt | Comparator::Ge) {
        Status::Achieved
    } else if holds(op, decisive, t) {
        Status::OnTrack
    } else {
        Status::AtRisk
    });
    j.achievement = level_achievement(ctx, op, v, t);
}

/// The achievement ratio of `v` against a level `t`.
fn level_achievement(ctx: &Ctx<'_>, op: Comparator, v: f64, t: f64) -> Option<f64> {
    match op {
        Comparator::Gt | Comparator::Ge | Comparator::Eq => ratio(v, t),
        Comparator::Lt | Comparator::Le => match ctx.baseline {
            Some(b) if b > t => ratio(b - v, b - t),
            _ => ratio(t, v),
        },
    }
}

/// What a window of year `y` is judged against.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum YearLevel {
    /// The target does not depend on the year.
    Always,
    /// Due later, and no baseline to draw a trajectory: tracked.
    NotYetDue,
    /// The year's level.
    Level(YearTarget),
}

/// The level of year `y` for targets that depend on the year: a level or a range with a
/// deadline, a schedule. Years from the due year on are judged against the level; earlier
/// years against a linear trajectory from the baseline when there is one (ranges: none),
/// else tracked. A schedule's years between two listed years are interpolated, years after
/// the last keep the last level.
pub(crate) fn year_level(ctx: &Ctx<'_>, target: &Target, y: i32) -> YearLevel {
    let (op, inferred, steps, percent): (Comparator, bool, Vec<ScheduleStep>, bool) =
        match &target.kind {
            TargetKind::Compare {
                op,
                value,
                percent,
                deadline: Some(d),
            } => {
                let Some(year) = d.due_year() else {
                    return YearLevel::Always;
                };
                (
                    *op,
                    false,
                    vec![ScheduleStep {
                        year,
                        value: *value,
                    }],
                    *percent,
                )
            }
            TargetKind::Range {
                deadline: Some(d), ..
            } => {
                return match d.due_year() {
                    Some(due) if y < due => YearLevel::NotYetDue,
                    _ => YearLevel::Always,
                };
            }
            TargetKind::Schedule { op, steps, percent } => {
                let resolved = op.unwrap_or(if ctx.decreasing {
                    Comparator::Le
                } else {
                    Comparator::Ge
                });
                (resolved, op.is_none(), steps.clone(), *percent)
            }
            _ => return YearLevel::Always,
        };
    let (Some(first), Some(last)) = (steps.first().copied(), steps.last().copied()) else {
        return YearLevel::Always;
    };
    // On the way to a level due later, meeting the trajectory's value is enough: `≥` (`≤`)
    // even when the level is strict.
    let op = match op {
        Comparator::Gt if y < first.year => Comparator::Ge,
        Comparator::Lt if y < first.year => Comparator::Le,
        other => other,
    };
    let level = |value: f64, basis: TargetBasis| {
        YearLevel::Level(YearTarget {
            year: y,
            op,
            value,
            percent,
            basis,
            comparator_inferred: inferred,
        })
    };
    if y < first.year {
        return match ctx.baseline {
            Some(b) if ctx.baseline_year < first.year => {
                let span = f64::from(first.year - ctx.baseline_year);
                let done = f64::from(y - ctx.baseline_year).clamp(0.0, span);
                level(
                    b + (first.value - b) * done / span,
                    TargetBasis::Trajectory {
                        baseline_year: ctx.baseline_year,
                        baseline: b,
                        to: first,
                    },
                )
            }
            _ => YearLevel::NotYetDue,
        };
    }
    if y > last.year {
        return level(last.value, TargetBasis::Kept { from: last });
    }
    for pair in steps.windows(2) {
        let [a, b] = pair else { continue };
        if y == a.year {
            return level(a.value, TargetBasis::Listed);
        }
        if a.year < y && y < b.year {
            let t = f64::from(y - a.year) / f64::from(b.year - a.year);
            return level(
                a.value + (b.value - a.value) * t,
                TargetBasis::Interpolated { from: *a, to: *b },
            );
        }
    }
    level(last.value, TargetBasis::Listed)
}

/// Relative and point targets: a linear trajectory from the baseline year's value `b` to
/// `goal` at the plan's last year.
#[allow(clippy::too_many_arguments)]
fn trajectory(
    ctx: &Ctx<'_>,
    j: &mut Judgement,
    v: f64,
    decisive: f64,
    b: f64,
    goal: f64,
    span: &Span,
    growth: Growth,
) {
    let up = goal >= b;
    let meets = |x: f64, level: f64| {
        if up {
            x >= level - EPS
        } else {
            x <= level + EPS
        }
    };
    let is_final = span.end >= ctx.final_day;
    let open = span.state == WindowState::Open;
    let level = if is_final {
        goal
    } else {
        // The window's year: the ISO year for weeks (see `windows::year_of`).
        let years = f64::from(ctx.end_year - ctx.baseline_year);
        let done = f64::from(span.year() - ctx.baseline_year);
        if years > 0.0 {
            b + (goal - b) * (done / years).clamp(0.0, 1.0)
        } else {
            goal
        }
    };
    j.expected = Some(level);
    j.status = Some(if is_final && !open {
        if meets(v, goal) {
            Status::Achieved
        } else {
            Status::NotAchieved
        }
    } else if meets(v, goal) && (!is_final || (growth.monotone && up)) {
        // The full target reached before the end.
        Status::Achieved
    } else if meets(decisive, level) {
        Status::OnTrack
    } else {
        Status::AtRisk
    });
}

/// Judge a milestone: done on `done_on` (if ever), due by `due`.
pub(crate) fn judge_milestone(
    done_on: Option<NaiveDate>,
    due: NaiveDate,
    as_of: NaiveDate,
) -> Judgement {
    let (status, achievement) = match done_on {
        Some(d) if d <= due => (Status::Achieved, 1.0),
        Some(_) => (Status::NotAchieved, 1.0),
        None if as_of > due => (Status::NotAchieved, 0.0),
        None => (Status::OnTrack, 0.0),
    };
    Judgement {
        status: Some(status),
        achievement: Some(achievement),
        ..Default::default()
    }
}

/// Judge a qualitative assessment.
pub(crate) fn judge_assessment(a: Assessment) -> Judgement {
    let status = match a {
        Assessment::Achieved => Status::Achieved,
        Assessment::Partial => Status::AtRisk,
        Assessment::NotAchieved => Status::NotAchieved,
    };
    Judgement {
        status: Some(status),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn year(y: i32, as_of: NaiveDate) -> Span {
        super::super::windows::summary_span(crate::model::Window::Year, y, as_of).unwrap()
    }

    fn ctx(t: &Target, as_of: NaiveDate, baseline: Option<f64>) -> Ctx<'_> {
        Ctx {
            target: Some(t),
            baseline,
            baseline_year: 2024,
            end_year: 2029,
            final_day: d(2029, 12, 31),
            as_of,
            decreasing: false,
            whole_plan: false,
        }
    }

    fn t(kind: TargetKind) -> Target {
        Target {
            kind,
            per: None,
            unit: None,
            subject: None,
        }
    }

    const SUM: Growth = Growth {
        additive: true,
        monotone: true,
    };
    const STOCK: Growth = Growth {
        additive: false,
        monotone: false,
    };

    #[test]
    fn strict_greater_than_at_the_boundary() {
        let tg = t(TargetKind::Compare {
            op: Comparator::Gt,
            value: 200.0,
            percent: false,
            deadline: None,
        });
        let as_of = d(2026, 12, 31);
        let c = ctx(&tg, as_of, None);
        let s = year(2026, as_of);
        assert_eq!(
            judge_number(&c, 200.0, &s, SUM).status,
            Some(Status::NotAchieved)
        );
        assert_eq!(
            judge_number(&c, 201.0, &s, SUM).status,
            Some(Status::Achieved)
        );
        assert_eq!(judge_number(&c, 200.0, &s, SUM).achievement, Some(1.0));
    }

    #[test]
    fn open_window_projection() {
        let tg = t(TargetKind::Compare {
            op: Comparator::Gt,
            value: 24.0,
            percent: false,
            deadline: None,
        });
        let as_of = d(2026, 7, 2); // 183 of 365 days elapsed
        let c = ctx(&tg, as_of, None);
        let s = year(2026, as_of);
        // 13 so far → 13 × 365 / 183 ≈ 25.9 > 24: on track.
        let j = judge_number(&c, 13.0, &s, SUM);
        assert_eq!(j.status, Some(Status::OnTrack));
        assert!((j.projection.unwrap() - 13.0 * 365.0 / 183.0).abs() < 1e-9);
        // 11 → ≈ 21.9: at risk.
        assert_eq!(judge_number(&c, 11.0, &s, SUM).status, Some(Status::AtRisk));
        // 25 already: more data cannot undo it.
        assert_eq!(
            judge_number(&c, 25.0, &s, SUM).status,
            Some(Status::Achieved)
        );
        // A stock is not projected: the current value decides.
        assert_eq!(
            judge_number(&c, 25.0, &s, STOCK).status,
            Some(Status::OnTrack)
        );
        assert_eq!(
            judge_number(&c, 13.0, &s, STOCK).status,
            Some(Status::AtRisk)
        );
    }

    #[test]
    fn relative_trajectory() {
        // +20 % from 100 in 2024 → 120 in 2029; trajectory 104 in 2025, 108 in 2026.
        let tg = t(TargetKind::Relative {
            percent: 20.0,
            baseline_year: None,
            deadline: None,
        });
        let as_of = d(2026, 12, 31);
        let c = ctx(&tg, as_of, Some(100.0));
        let s = year(2026, as_of);
        let j = judge_number(&c, 108.0, &s, STOCK);
        assert_eq!(j.status, Some(Status::OnTrack));
        assert!((j.expected.unwrap() - 108.0).abs() < 1e-9);
        assert!((j.achievement.unwrap() - 0.4).abs() < 1e-9);
        assert_eq!(
            judge_number(&c, 107.0, &s, STOCK).status,
            Some(Status::AtRisk)
        );
        assert_eq!(
            judge_number(&c, 125.0, &s, STOCK).status,
            Some(Status::Achieved)
        );
        // Final year decides.
        let as_of = d(2029, 12, 31);
        let c = ctx(&tg, as_of, Some(100.0));
        let s = year(2029, as_of);
        assert_eq!(
            judge_number(&c, 119.0, &s, STOCK).status,
            Some(Status::NotAchieved)
        );
        assert_eq!(
            judge_number(&c, 120.0, &s, STOCK).status,
            Some(Status::Achieved)
        );
    }

    #[test]
    fn decreasing_relative_and_baseline_zero() {
        let tg = t(TargetKind::Relative {
            percent: -10.0,
            baseline_year: None,
            deadline: None,
        });
        let as_of = d(2026, 12, 31);
        let c = ctx(&tg, as_of, Some(20.0));
        let s = year(2026, as_of);
        // 20 → 18 in 2029; trajectory 19.2 in 2026.
        assert_eq!(
            judge_number(&c, 19.0, &s, STOCK).status,
            Some(Status::OnTrack)
        );
        assert_eq!(
            judge_number(&c, 20.0, &s, STOCK).status,
            Some(Status::AtRisk)
        );
        assert_eq!(
            judge_number(&c, 18.0, &s, STOCK).status,
            Some(Status::Achieved)
        );
        let c0 = ctx(&tg, as_of, Some(0.0));
        let j = judge_number(&c0, 3.0, &s, STOCK);
        assert_eq!(
            (j.status, j.reason),
            (Some(Status::NotEvaluable), Some(Reason::BaselineZero))
        );
        let cn = ctx(&tg, as_of, None);
        assert_eq!(
            judge_number(&cn, 3.0, &s, STOCK).reason,
            Some(Reason::BaselineMissing)
        );
    }

    #[test]
    fn at_most_achievement() {
        let tg = t(TargetKind::Compare {
            op: Comparator::Le,
            value: 10.0,
            percent: false,
            deadline: None,
        });
        let as_of = d(2026, 12, 31);
        let s = year(2026, as_of);
        let j = judge_number(&ctx(&tg, as_of, Some(20.0)), 15.0, &s, STOCK);
        assert_eq!(j.status, Some(Status::NotAchieved));
        assert_eq!(j.achievement, Some(0.5));
        let j = judge_number(&ctx(&tg, as_of, None), 8.0, &s, STOCK);
        assert_eq!(j.achievement, Some(1.25));
    }

    #[test]
    fn milestones() {
        let due = d(2029, 12, 31);
        assert_eq!(
            judge_milestone(Some(d(2026, 3, 1)), due, d(2026, 12, 31)).status,
            Some(Status::Achieved)
        );
        assert_eq!(
            judge_milestone(None, due, d(2026, 12, 31)).status,
            Some(Status::OnTrack)
        );
        assert_eq!(
            judge_milestone(None, d(2025, 12, 31), d(2026, 1, 1)).status,
            Some(Status::NotAchieved)
        );
        assert_eq!(
            judge_milestone(Some(d(2026, 1, 1)), d(2025, 12, 31), d(2026, 1, 1)).status,
            Some(Status::NotAchieved)
        );
    }

    #[test]
    fn schedule_levels_by_year() {
        let tg = crate::target::parse("20 en 2026, 30 en 2028").unwrap();
        let as_of = d(2029, 12, 31);
        let level = |c: &Ctx<'_>, y| match year_level(c, &tg, y) {
            YearLevel::Level(yt) => Some((yt.op, yt.value, yt.basis)),
            _ => None,
        };
        let c = ctx(&tg, as_of, None);
        // Before the first year without baseline: not yet due.
        assert_eq!(year_level(&c, &tg, 2025), YearLevel::NotYetDue);
        assert_eq!(
            level(&c, 2026),
            Some((Comparator::Ge, 20.0, TargetBasis::Listed))
        );
        let (op, v, basis) = level(&c, 2027).unwrap();
        assert_eq!((op, v), (Comparator::Ge, 25.0));
        assert!(matches!(basis, TargetBasis::Interpolated { .. }));
        assert_eq!(level(&c, 2028).map(|l| l.1), Some(30.0));
        let (_, v, basis) = level(&c, 2029).unwrap();
        assert_eq!(v, 30.0);
        assert!(matches!(basis, TargetBasis::Kept { .. }));
        // With a baseline of 10 in 2024: 2025 is on the way from 10 to 20 (2026): 15.
        let cb = ctx(&tg, as_of, Some(10.0));
        let (_, v, basis) = level(&cb, 2025).unwrap();
        assert_eq!(v, 15.0);
        assert!(matches!(
            basis,
            TargetBasis::Trajectory {
                baseline_year: 2024,
                ..
            }
        ));
        // A decreasing indicator reads `≤`, and says it was read.
        let mut cd = ctx(&tg, as_of, None);
        cd.decreasing = true;
        match year_level(&cd, &tg, 2026) {
            YearLevel::Level(yt) => {
                assert_eq!(yt.op, Comparator::Le);
                assert!(yt.comparator_inferred);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn dated_level_before_and_after_its_year() {
        let tg = crate::target::parse("≥ 8 d'ici 2027").unwrap();
        let as_of = d(2029, 12, 31);
        let s = |y| year(y, as_of);
        let c = ctx(&tg, as_of, None);
        let j = judge_number(&c, 3.0, &s(2025), SUM);
        assert_eq!(
            (j.status, j.reason),
            (Some(Status::Tracked), Some(Reason::NotYetDue))
        );
        assert_eq!(
            judge_number(&c, 8.0, &s(2027), SUM).status,
            Some(Status::Achieved)
        );
        assert_eq!(
            judge_number(&c, 7.0, &s(2028), SUM).status,
            Some(Status::NotAchieved)
        );
        // Baseline 2 in 2024 → 4 in 2025, 6 in 2026, 8 in 2027.
        let cb = ctx(&tg, as_of, Some(2.0));
        let j = judge_number(&cb, 4.0, &s(2025), SUM);
        assert_eq!(j.status, Some(Status::OnTrack));
        assert_eq!(j.expected, Some(4.0));
        assert_eq!(
            judge_number(&cb, 3.9, &s(2025), SUM).status,
            Some(Status::AtRisk)
        );
        assert_eq!(
            judge_number(&cb, 9.0, &s(2026), SUM).status,
            Some(Status::Achieved)
        );
    }
}
