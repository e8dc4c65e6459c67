//! Calendar windows.

use chrono::{Months, NaiveDate};

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
}

/// The last day of a window starting at `start`.
fn window_end(w: Window, start: NaiveDate, plan_last: NaiveDate) -> Option<NaiveDate> {
    let months = match w {
        Window::Week => return start.checked_add_days(chrono::Days::new(6)),
        Window::Month => 1,
        Window::Quarter => 3,
        Window::HalfYear => 6,
        Window::Year => 12,
        Window::Plan => return Some(plan_last),
    };
    start.checked_add_months(Months::new(months))?.pred_opt()
}

/// The windows of kind `w` within the plan period that have started on `as_of`, in order:
/// the closed ones, then the open one (future windows are not reported).
pub(crate) fn enumerate(w: Window, period: PlanPeriod, as_of: NaiveDate) -> Vec<Span> {
    let (Some(first), Some(last)) = (period.first_day(), period.last_day()) else {
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

/// The span of the year `y`, with its state on `as_of`.
pub(crate) fn year_span(y: i32, as_of: NaiveDate) -> Option<Span> {
    let start = NaiveDate::from_ymd_opt(y, 1, 1)?;
    let end = NaiveDate::from_ymd_opt(y, 12, 31)?;
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
}
