//! Aggregation of one window's observations.

use chrono::NaiveDate;

use crate::io::store::{date_of, day_of, decode, Store};
use crate::io::{Assessment, ObservedValue};
use crate::model::Aggregation;

/// One indicator's observations sorted by (date, row): positions into the store, with
/// their days alongside.
#[derive(Clone, Copy)]
pub(crate) struct Rows<'a> {
    pub(crate) store: &'a Store,
    pub(crate) order: &'a [u32],
    pub(crate) days: &'a [i32],
}

impl<'a> Rows<'a> {
    /// The observations dated in `[start, end]` (inclusive).
    pub(crate) fn slice(&self, start: NaiveDate, end: NaiveDate) -> Rows<'a> {
        let (start, end) = (day_of(start), day_of(end));
        let a = self.days.partition_point(|&d| d < start);
        let b = self.days.partition_point(|&d| d <= end).max(a);
        Rows {
            store: self.store,
            order: self.order.get(a..b).unwrap_or_default(),
            days: self.days.get(a..b).unwrap_or_default(),
        }
    }

    /// The number of observations.
    pub(crate) fn len(&self) -> usize {
        self.order.len()
    }

    fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The store positions, in (date, row) order.
    fn positions(&self) -> impl DoubleEndedIterator<Item = usize> + use<'a> {
        self.order.iter().map(|&i| i as usize)
    }

    fn value(&self, i: usize) -> Option<ObservedValue> {
        Some(decode(*self.store.value.get(i)?, *self.store.tag.get(i)?))
    }

    /// The numbers (values of number rows).
    fn numbers(&self) -> impl Iterator<Item = f64> + use<'a> {
        let store = self.store;
        self.positions().filter_map(move |i| {
            match decode(*store.value.get(i)?, *store.tag.get(i)?) {
                ObservedValue::Number(v) => Some(v),
                _ => None,
            }
        })
    }
}

/// What a window's observations aggregate to.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Aggregate {
    /// No observation.
    Empty,
    /// A number.
    Value(f64),
    /// A ratio whose denominators add up to 0.
    DenominatorZero,
    /// A sum, mean or ratio beyond the range of a float (`1e308` twice): not a value.
    Overflow,
    /// A milestone: the earliest date it was reported done, if any.
    Milestone(Option<NaiveDate>),
    /// The latest assessment and its comment.
    Assessment(Assessment, Option<String>),
}

/// Aggregate observations sorted by (date, row). A number that is not finite (a sum of
/// `1e308` and `1e308`, a ratio whose denominators overflow) is [`Aggregate::Overflow`],
/// never a value.
pub(crate) fn aggregate(agg: Aggregation, obs: Rows<'_>) -> Aggregate {
    if obs.is_empty() {
        return Aggregate::Empty;
    }
    match aggregate_raw(agg, obs) {
        Aggregate::Value(v) if !v.is_finite() => Aggregate::Overflow,
        other => other,
    }
}

fn aggregate_raw(agg: Aggregation, obs: Rows<'_>) -> Aggregate {
    match agg {
        Aggregation::Sum => Aggregate::Value(obs.numbers().sum()),
        Aggregation::Distinct => {
            let mut seen: Vec<u32> = obs
                .positions()
                .filter_map(|i| obs.store.participant_at(i))
                .collect();
            seen.sort_unstable();
            seen.dedup();
            Aggregate::Value(seen.len() as f64)
        }
        Aggregation::Last => {
            // Sorted by date: the last rows are the latest date's.
            let Some(&last) = obs.days.last() else {
                return Aggregate::Empty;
            };
            let from = obs.days.partition_point(|&d| d < last);
            let latest = Rows {
                store: obs.store,
                order: obs.order.get(from..).unwrap_or_default(),
                days: obs.days.get(from..).unwrap_or_default(),
            };
            Aggregate::Value(latest.numbers().sum())
        }
        Aggregation::Mean => {
            let (n, s) = obs
                .numbers()
                .fold((0usize, 0.0), |(n, s), v| (n + 1, s + v));
            if n == 0 {
                Aggregate::Empty
            } else {
                Aggregate::Value(s / n as f64)
            }
        }
        Aggregation::Min => obs
            .numbers()
            .reduce(f64::min)
            .map_or(Aggregate::Empty, Aggregate::Value),
        Aggregation::Max => obs
            .numbers()
            .reduce(f64::max)
            .map_or(Aggregate::Empty, Aggregate::Value),
        Aggregation::Ratio => {
            let num: f64 = obs.numbers().sum();
            let den: f64 = obs
                .positions()
                .filter_map(|i| obs.store.denominator_at(i))
                .sum();
            if !num.is_finite() || !den.is_finite() {
                Aggregate::Overflow
            } else if den == 0.0 {
                Aggregate::DenominatorZero
            } else {
                Aggregate::Value(num / den * 100.0)
            }
        }
        Aggregation::FirstDone => Aggregate::Milestone(
            obs.positions()
                .zip(obs.days)
                .find(|&(i, _)| obs.value(i) == Some(ObservedValue::Done(true)))
                .map(|(_, &d)| date_of(d)),
        ),
        Aggregation::Latest => obs
            .positions()
            .rev()
            .find_map(|i| match obs.value(i) {
                Some(ObservedValue::Assessment(a)) => Some(Aggregate::Assessment(
                    a,
                    obs.store.comment_at(i).map(str::to_string),
                )),
                _ => None,
            })
            .unwrap_or(Aggregate::Empty),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::io::{NewObservation, Observations, ObservationsBuilder};

    /// Rows of (day of January 2026, value, participant, denominator), in date order.
    fn build(rows: &[(u32, ObservedValue, Option<&str>, Option<f64>)]) -> Observations {
        let mut b = ObservationsBuilder::new();
        for (n, &(day, v, p, den)) in rows.iter().enumerate() {
            let date = NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
            let mut o = NewObservation::new("x", date, v);
            o.participant = p;
            o.denominator = den;
            o.row = n + 1;
            b.push(o);
        }
        b.finish()
    }

    fn agg(a: Aggregation, obs: &Observations) -> Aggregate {
        let order: Vec<u32> = (0..obs.len() as u32).collect();
        let rows = Rows {
            store: &obs.store,
            order: &order,
            days: &obs.store.day,
        };
        aggregate(a, rows)
    }

    #[test]
    fn aggregations() {
        use ObservedValue::Number as N;
        let rows = build(&[
            (1, N(2.0), Some("a"), Some(10.0)),
            (2, N(3.0), Some("b"), Some(10.0)),
            (2, N(5.0), Some("a"), Some(0.0)),
        ]);
        assert_eq!(agg(Aggregation::Sum, &rows), Aggregate::Value(10.0));
        assert_eq!(agg(Aggregation::Distinct, &rows), Aggregate::Value(2.0));
        // Last: the latest date's rows, summed (several communes).
        assert_eq!(agg(Aggregation::Last, &rows), Aggregate::Value(8.0));
        assert_eq!(agg(Aggregation::Min, &rows), Aggregate::Value(2.0));
        assert_eq!(agg(Aggregation::Max, &rows), Aggregate::Value(5.0));
        assert_eq!(agg(Aggregation::Ratio, &rows), Aggregate::Value(50.0));
        assert_eq!(agg(Aggregation::Mean, &rows), Aggregate::Value(10.0 / 3.0));
        assert_eq!(
            agg(Aggregation::Sum, &ObservationsBuilder::new().finish()),
            Aggregate::Empty
        );
        let zero = build(&[(1, N(0.0), None, Some(0.0))]);
        assert_eq!(agg(Aggregation::Ratio, &zero), Aggregate::DenominatorZero);
        // An explicit 0 is data.
        assert_eq!(agg(Aggregation::Sum, &zero), Aggregate::Value(0.0));
        // A window's slice.
        let order: Vec<u32> = vec![0, 1, 2];
        let all = Rows {
            store: &rows.store,
            order: &order,
            days: &rows.store.day,
        };
        let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
        assert_eq!(all.slice(d(2), d(31)).len(), 2);
        assert_eq!(all.slice(d(3), d(31)).len(), 0);
        assert_eq!(all.slice(d(1), d(1)).len(), 1);
    }

    /// Issue 16: sums overflowing to infinity were values; every aggregation that can
    /// overflow says so.
    #[test]
    fn overflow_aggregations() {
        use ObservedValue::Number as N;
        let rows = build(&[
            (1, N(1e308), Some("a"), Some(1e308)),
            (1, N(1e308), Some("b"), Some(1e308)),
        ]);
        for a in [
            Aggregation::Sum,
            Aggregation::Last,
            Aggregation::Mean,
            Aggregation::Ratio,
        ] {
            assert_eq!(agg(a, &rows), Aggregate::Overflow, "{a:?}");
        }
        assert_eq!(agg(Aggregation::Max, &rows), Aggregate::Value(1e308));
        assert_eq!(agg(Aggregation::Distinct, &rows), Aggregate::Value(2.0));
    }

    #[test]
    fn milestones_and_assessments() {
        let rows = build(&[
            (1, ObservedValue::Done(false), None, None),
            (5, ObservedValue::Done(true), None, None),
            (9, ObservedValue::Done(true), None, None),
        ]);
        assert_eq!(
            agg(Aggregation::FirstDone, &rows),
            Aggregate::Milestone(NaiveDate::from_ymd_opt(2026, 1, 5))
        );
        let a = build(&[
            (
                1,
                ObservedValue::Assessment(Assessment::NotAchieved),
                None,
                None,
            ),
            (
                2,
                ObservedValue::Assessment(Assessment::Partial),
                None,
                None,
            ),
        ]);
        assert_eq!(
            agg(Aggregation::Latest, &a),
            Aggregate::Assessment(Assessment::Partial, None)
        );
    }
}
