//! Status rules: a window's value against the target.

use chrono::NaiveDate;

use super::windows::Span;
use super::{Reason, Status, WindowState};
use crate::io::Assessment;
use crate::target::{Comparator, Target, TargetKind};

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

/// Judge a numeric value `v` of a window.
pub(crate) fn judge_number(ctx: &Ctx<'_>, v: f64, span: &Span, growth: Growth) -> Judgement {
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
    match &target.kind {
        TargetKind::Compare { op, value: t, .. } => {
            let (op, t) = (*op, *t);
            j.expected = Some(t);
            j.status = Some(if !open {
                if holds(op, v, t) {
                    Status::Achieved
                } else {
                    Status::NotAchieved
                }
            } else if holds(op, v, t)
                && growth.monotone
                && matches!(op, Comparator::Gt | Comparator::Ge)
            {
                Status::Achieved
            } else if holds(op, decisive, t) {
                Status::OnTrack
            } else {
                Status::AtRisk
            });
            j.achievement = match op {
                Comparator::Gt | Comparator::Ge | Comparator::Eq => ratio(v, t),
                Comparator::Lt | Comparator::Le => match ctx.baseline {
                    Some(b) if b > t => ratio(b - v, b - t),
                    _ => ratio(t, v),
                },
            };
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
    #![allow(clippy::unwrap_used)]
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
}
