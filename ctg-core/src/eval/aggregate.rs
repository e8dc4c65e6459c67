//! Aggregation of one window's observations.

use chrono::NaiveDate;

use crate::io::{Assessment, Observation, ObservedValue};
use crate::model::Aggregation;

/// What a window's observations aggregate to.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Aggregate {
    /// No observation.
    Empty,
    /// A number.
    Value(f64),
    /// A ratio whose denominators add up to 0.
    DenominatorZero,
    /// A milestone: the earliest date it was reported done, if any.
    Milestone(Option<NaiveDate>),
    /// The latest assessment and its comment.
    Assessment(Assessment, Option<String>),
}

/// Aggregate observations sorted by (date, row).
pub(crate) fn aggregate(agg: Aggregation, obs: &[&Observation]) -> Aggregate {
    if obs.is_empty() {
        return Aggregate::Empty;
    }
    let numbers = || obs.iter().filter_map(|o| o.value.as_number());
    match agg {
        Aggregation::Sum => Aggregate::Value(numbers().sum()),
        Aggregation::Distinct => {
            let set: rustc_hash::FxHashSet<&str> = obs
                .iter()
                .filter_map(|o| o.participant.as_ref().map(|p| p.expose()))
                .collect();
            Aggregate::Value(set.len() as f64)
        }
        Aggregation::Last => {
            let Some(last) = obs.iter().map(|o| o.date).max() else {
                return Aggregate::Empty;
            };
            Aggregate::Value(
                obs.iter()
                    .filter(|o| o.date == last)
                    .filter_map(|o| o.value.as_number())
                    .sum(),
            )
        }
        Aggregation::Mean => {
            let (n, s) = numbers().fold((0usize, 0.0), |(n, s), v| (n + 1, s + v));
            if n == 0 {
                Aggregate::Empty
            } else {
                Aggregate::Value(s / n as f64)
            }
        }
        Aggregation::Min => numbers()
            .reduce(f64::min)
            .map_or(Aggregate::Empty, Aggregate::Value),
        Aggregation::Max => numbers()
            .reduce(f64::max)
            .map_or(Aggregate::Empty, Aggregate::Value),
        Aggregation::Ratio => {
            let num: f64 = numbers().sum();
            let den: f64 = obs.iter().filter_map(|o| o.denominator).sum();
            if den == 0.0 {
                Aggregate::DenominatorZero
            } else {
                Aggregate::Value(num / den * 100.0)
            }
        }
        Aggregation::FirstDone => Aggregate::Milestone(
            obs.iter()
                .filter(|o| matches!(o.value, ObservedValue::Done(true)))
                .map(|o| o.date)
                .min(),
        ),
        Aggregation::Latest => obs
            .iter()
            .rev()
            .find_map(|o| match o.value {
                ObservedValue::Assessment(a) => Some(Aggregate::Assessment(a, o.comment.clone())),
                _ => None,
            })
            .unwrap_or(Aggregate::Empty),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::io::ParticipantId;

    fn obs(day: u32, v: ObservedValue, p: Option<&str>, den: Option<f64>) -> Observation {
        Observation {
            indicator: "x".into(),
            date: NaiveDate::from_ymd_opt(2026, 1, day).unwrap(),
            value: v,
            participant: p.map(ParticipantId::new),
            denominator: den,
            commune: None,
            comment: None,
            row: day as usize,
        }
    }

    #[test]
    fn aggregations() {
        use ObservedValue::Number as N;
        let rows = [
            obs(1, N(2.0), Some("a"), Some(10.0)),
            obs(2, N(3.0), Some("b"), Some(10.0)),
            obs(2, N(5.0), Some("a"), Some(0.0)),
        ];
        let refs: Vec<&Observation> = rows.iter().collect();
        assert_eq!(aggregate(Aggregation::Sum, &refs), Aggregate::Value(10.0));
        assert_eq!(
            aggregate(Aggregation::Distinct, &refs),
            Aggregate::Value(2.0)
        );
        // Last: the latest date's rows, summed (several communes).
        assert_eq!(aggregate(Aggregation::Last, &refs), Aggregate::Value(8.0));
        assert_eq!(aggregate(Aggregation::Min, &refs), Aggregate::Value(2.0));
        assert_eq!(aggregate(Aggregation::Max, &refs), Aggregate::Value(5.0));
        assert_eq!(aggregate(Aggregation::Ratio, &refs), Aggregate::Value(50.0));
        let mean = aggregate(Aggregation::Mean, &refs);
        assert_eq!(mean, Aggregate::Value(10.0 / 3.0));
        assert_eq!(aggregate(Aggregation::Sum, &[]), Aggregate::Empty);
        let zero = [obs(1, N(0.0), None, Some(0.0))];
        let zr: Vec<&Observation> = zero.iter().collect();
        assert_eq!(
            aggregate(Aggregation::Ratio, &zr),
            Aggregate::DenominatorZero
        );
        // An explicit 0 is data.
        assert_eq!(aggregate(Aggregation::Sum, &zr), Aggregate::Value(0.0));
    }

    #[test]
    fn milestones_and_assessments() {
        let rows = [
            obs(1, ObservedValue::Done(false), None, None),
            obs(5, ObservedValue::Done(true), None, None),
            obs(9, ObservedValue::Done(true), None, None),
        ];
        let refs: Vec<&Observation> = rows.iter().collect();
        assert_eq!(
            aggregate(Aggregation::FirstDone, &refs),
            Aggregate::Milestone(NaiveDate::from_ymd_opt(2026, 1, 5))
        );
        let a = [
            obs(
                1,
                ObservedValue::Assessment(Assessment::NotAchieved),
                None,
                None,
            ),
            obs(
                2,
                ObservedValue::Assessment(Assessment::Partial),
                None,
                None,
            ),
        ];
        let ar: Vec<&Observation> = a.iter().collect();
        assert_eq!(
            aggregate(Aggregation::Latest, &ar),
            Aggregate::Assessment(Assessment::Partial, None)
        );
    }
}
