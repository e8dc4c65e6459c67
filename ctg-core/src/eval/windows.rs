//! Calendar windows: ISO weeks, months, quarters, half-years, years, the whole plan.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::WindowState;
use crate::model::{PlanPeriod, Window};

/// A concrete window: its first and last day, and its state on `as_of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub state: WindowState,
}

impl Span {
    /// Days in the window.
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }

    /// Days from the window's start to `as_of`, inclusive, clamped to the window.
    pub fn elapsed(&self, as_of: NaiveDate) -> i64 {
        ((as_of.min(self.end) - self.start).num_days() + 1).clamp(0, self.days())
    }

    /// The year the window belongs to (see [`year_of`]).
    pub fn year(&self) -> i32 {
        year_of(self.start)
    }
}

/// The year a window (or a yearly summary) starting on `start` belongs to: the year of
/// `start` + 3 days. An ISO week starts on a Monday, so that is its Thursday's year, the ISO
/// year (and an ISO year's summary starts on the Monday of its week 1); every other window
/// starts on the 1st of a month, so that is the calendar year of its start.
pub(crate) fn year_of(start: NaiveDate) -> i32 {
    start.checked_add_days(Days::new(3)).unwrap_or(start).year()
}

/// The year an observation dated `d` counts in for an indicator with windows of kind `w`:
/// the ISO year for weekly indicators (29/12/2025 is in week 1 of 2026), the calendar year
/// otherwise.
pub(crate) fn year_of_date(w: Window, d: NaiveDate) -> i32 {
    match w {
        Window::Week => d.iso_week().year(),
        _ => d.year(),
    }
}

/// Whether indicators with windows of kind `w` are also summarised per year (and their
/// observed baseline is the mean of the baseline year's windows): the windows shorter than
/// a year.
pub(crate) fn summarised_per_year(w: Window) -> bool {
    match w {
        Window::Week | Window::Month | Window::Quarter | Window::HalfYear => true,
        Window::Year | Window::Plan => false,
    }
}

/// Monday of ISO week 1 of `y` .. Sunday of its last week (52 or 53).
fn iso_year(y: i32) -> Option<(NaiveDate, NaiveDate)> {
    let start = NaiveDate::from_isoywd_opt(y, 1, Weekday::Mon)?;
    let end = NaiveDate::from_isoywd_opt(y.checked_add(1)?, 1, Weekday::Mon)?.pred_opt()?;
    Some((start, end))
}

/// The first and last day covered by the windows of kind `w` over the years `from..=to`:
/// 1 January .. 31 December, or for ISO weeks the ISO years (a plan 2025-2029 has weeks from
/// Monday 30/12/2024 to Sunday 30/12/2029).
pub(crate) fn bounds(w: Window, from: i32, to: i32) -> Option<(NaiveDate, NaiveDate)> {
    match w {
        Window::Week => Some((iso_year(from)?.0, iso_year(to)?.1)),
        _ => Some((
            NaiveDate::from_ymd_opt(from, 1, 1)?,
            NaiveDate::from_ymd_opt(to, 12, 31)?,
        )),
    }
}

/// The last day of a window starting at `start`.
fn window_end(w: Window, start: NaiveDate, last: NaiveDate) -> Option<NaiveDate> {
    let months = match w {
        Window::Week => return start.checked_add_days(Days::new(6)),
        Window::Month => 1,
        Window::Quarter => 3,
        Window::HalfYear => 6,
        Window::Year => 12,
        Window::Plan => return Some(last),
    };
    start.checked_add_months(Months::new(months))?.pred_opt()
}

/// The windows of kind `w` within the plan period that have started on `as_of`, in order:
/// the closed ones, then the open one (future windows are not reported). Weekly windows are
/// the ISO weeks of the plan's years (see [`bounds`]).
pub(crate) fn enumerate(w: Window, period: PlanPeriod, as_of: NaiveDate) -> Vec<Span> {
    let Some((first, last)) = bounds(w, period.start, period.end) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut start = first;
    while start <= as_of && start <= last {
        let Some(end) = window_end(w, start, last) else {
            break;
        };
        let end = end.min(last);
        let state = if end <= as_of {
            WindowState::Closed
        } else {
            WindowState::Open
        };
        out.push(Span { start, end, state });
        let Some(next) = end.succ_opt() else { break };
        start = next;
    }
    out
}

/// Every window of kind `w` in the year `y` (the ISO year for weeks), all of them, as if
/// closed: the windows a baseline year is made of.
pub(crate) fn of_year(w: Window, y: i32) -> Vec<Span> {
    enumerate(w, PlanPeriod { start: y, end: y }, NaiveDate::MAX)
}

/// The span of the yearly summary of year `y` for windows of kind `w`, with its state on
/// `as_of`: the ISO year for weeks (Monday of week 1 .. Sunday of the last week, so the
/// summary closes with its last week), the calendar year otherwise.
pub(crate) fn summary_span(w: Window, y: i32, as_of: NaiveDate) -> Option<Span> {
    let (start, end) = bounds(w, y, y)?;
    let state = if end <= as_of {
        WindowState::Closed
    } else {
        WindowState::Open
    };
    Some(Span { start, end, state })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    const P: PlanPeriod = PlanPeriod {
        start: 2025,
        end: 2029,
    };

    #[test]
    fn years_closed_then_open() {
        let w = enumerate(Window::Year, P, d(2026, 6, 30));
        assert_eq!(w.len(), 2);
        assert_eq!(
            (w[0].start, w[0].end, w[0].state),
            (d(2025, 1, 1), d(2025, 12, 31), WindowState::Closed)
        );
        assert_eq!(w[1].state, WindowState::Open);
        // On the window's last day, it is closed.
        let w = enumerate(Window::Year, P, d(2026, 12, 31));
        assert!(w.iter().all(|s| s.state == WindowState::Closed));
        // On its first day, it is open with 1 day elapsed.
        let w = enumerate(Window::Year, P, d(2026, 1, 1));
        assert_eq!(w[1].state, WindowState::Open);
        assert_eq!(w[1].elapsed(d(2026, 1, 1)), 1);
        assert_eq!(w[1].days(), 365);
    }

    #[test]
    fn months_quarters_plan() {
        assert_eq!(enumerate(Window::Month, P, d(2025, 3, 15)).len(), 3);
        let q = enumerate(Window::Quarter, P, d(2025, 12, 31));
        assert_eq!(q.len(), 4);
        assert_eq!(q[1].start, d(2025, 4, 1));
        assert_eq!(q[1].end, d(2025, 6, 30));
        let p = enumerate(Window::Plan, P, d(2026, 12, 31));
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].end, d(2029, 12, 31));
        assert_eq!(p[0].state, WindowState::Open);
        assert!(enumerate(Window::Year, P, d(2024, 12, 31)).is_empty());
        // After the plan: everything closed, nothing beyond the plan.
        assert_eq!(enumerate(Window::Year, P, d(2031, 1, 1)).len(), 5);
    }

    #[test]
    fn iso_weeks_of_the_plan() {
        // ISO year 2025 starts on Monday 30/12/2024 (its Thursday is 2/1/2025).
        let w = enumerate(Window::Week, P, d(2024, 12, 30));
        assert_eq!(w.len(), 1);
        assert_eq!(
            (w[0].start, w[0].end, w[0].state),
            (d(2024, 12, 30), d(2025, 1, 5), WindowState::Open)
        );
        assert_eq!(w[0].year(), 2025);
        assert_eq!(w[0].start.iso_week().week(), 1);
        assert_eq!(w[0].days(), 7);
        // Nothing before it: 29/12/2024 is week 52 of 2024.
        assert!(enumerate(Window::Week, P, d(2024, 12, 29)).is_empty());
        // After the plan: every week of ISO years 2025..=2029, all closed, the last one
        // ending on Sunday 30/12/2029 (31/12/2029 is in week 1 of 2030).
        let all = enumerate(Window::Week, P, d(2031, 1, 1));
        // 2025: 52, 2026: 53, 2027: 52, 2028: 52, 2029: 52.
        assert_eq!(all.len(), 52 + 53 + 52 + 52 + 52);
        let last = all.last().unwrap();
        assert_eq!((last.start, last.end), (d(2029, 12, 24), d(2029, 12, 30)));
        assert_eq!(last.year(), 2029);
        assert!(all.iter().all(|s| s.state == WindowState::Closed
            && s.start.weekday() == Weekday::Mon
            && s.days() == 7));
        assert_eq!(
            bounds(Window::Week, 2025, 2029),
            Some((d(2024, 12, 30), d(2029, 12, 30)))
        );
    }

    #[test]
    fn week_53_and_the_calendar_year_boundary() {
        let weeks = of_year(Window::Week, 2026);
        assert_eq!(weeks.len(), 53);
        // Week 53 of 2026: Monday 28/12/2026 to Sunday 3/1/2027, in ISO year 2026.
        let w53 = weeks.last().unwrap();
        assert_eq!((w53.start, w53.end), (d(2026, 12, 28), d(2027, 1, 3)));
        assert_eq!(w53.start.iso_week().week(), 53);
        assert_eq!(w53.year(), 2026);
        // The next week is week 1 of 2027.
        let w = of_year(Window::Week, 2027);
        assert_eq!(w.len(), 52);
        assert_eq!(w[0].start, d(2027, 1, 4));
        // Week 1 of 2026 straddles the calendar years 2025 and 2026.
        let w1 = of_year(Window::Week, 2026)[0];
        assert_eq!((w1.start, w1.end), (d(2025, 12, 29), d(2026, 1, 4)));
        assert_eq!(w1.year(), 2026);
        // An observation's year for a weekly indicator is its ISO year.
        assert_eq!(year_of_date(Window::Week, d(2025, 12, 29)), 2026);
        assert_eq!(year_of_date(Window::Week, d(2024, 12, 30)), 2025);
        assert_eq!(year_of_date(Window::Week, d(2027, 1, 3)), 2026);
        assert_eq!(year_of_date(Window::Month, d(2025, 12, 29)), 2025);
        // The open week of as_of = Wednesday 31/12/2025: 3 of 7 days elapsed.
        let w = enumerate(Window::Week, P, d(2025, 12, 31));
        let open = w.last().unwrap();
        assert_eq!(open.start, d(2025, 12, 29));
        assert_eq!(open.state, WindowState::Open);
        assert_eq!(open.elapsed(d(2025, 12, 31)), 3);
        assert_eq!(w.len(), 53);
        // The summary of an ISO year closes with its last week.
        let s = summary_span(Window::Week, 2026, d(2027, 1, 3)).unwrap();
        assert_eq!(
            (s.start, s.end, s.state),
            (d(2025, 12, 29), d(2027, 1, 3), WindowState::Closed)
        );
        assert_eq!(s.year(), 2026);
        let s = summary_span(Window::Week, 2026, d(2027, 1, 2)).unwrap();
        assert_eq!(s.state, WindowState::Open);
        // Other windows' summaries are calendar years.
        let s = summary_span(Window::Month, 2026, d(2026, 12, 31)).unwrap();
        assert_eq!(
            (s.start, s.end, s.state),
            (d(2026, 1, 1), d(2026, 12, 31), WindowState::Closed)
        );
    }

    #[test]
    fn half_years() {
        let h = enumerate(Window::HalfYear, P, d(2026, 7, 1));
        assert_eq!(h.len(), 4);
        assert_eq!((h[0].start, h[0].end), (d(2025, 1, 1), d(2025, 6, 30)));
        assert_eq!((h[1].start, h[1].end), (d(2025, 7, 1), d(2025, 12, 31)));
        assert_eq!(h[2].state, WindowState::Closed);
        assert_eq!(
            (h[3].start, h[3].end, h[3].state),
            (d(2026, 7, 1), d(2026, 12, 31), WindowState::Open)
        );
        assert_eq!(h[3].elapsed(d(2026, 7, 1)), 1);
        assert_eq!(h[3].days(), 184);
        assert_eq!(h[0].days(), 181);
        assert!(h.iter().all(|s| s.year() == s.start.year()));
        // On 30 June the first half is closed.
        let h = enumerate(Window::HalfYear, P, d(2025, 6, 30));
        assert_eq!((h.len(), h[0].state), (1, WindowState::Closed));
        let all = enumerate(Window::HalfYear, P, d(2031, 1, 1));
        assert_eq!(all.len(), 10);
        assert_eq!(all.last().unwrap().end, d(2029, 12, 31));
        assert_eq!(of_year(Window::HalfYear, 2024).len(), 2);
    }

    #[test]
    fn year_of_is_the_calendar_year_except_for_weeks() {
        for w in [
            Window::Month,
            Window::Quarter,
            Window::HalfYear,
            Window::Year,
        ] {
            for s in enumerate(w, P, d(2031, 1, 1)) {
                assert_eq!(s.year(), s.start.year());
                assert_eq!(s.year(), s.end.year());
            }
        }
    }
}
