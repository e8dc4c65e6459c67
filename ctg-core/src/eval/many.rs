//! The roll-up of many evaluations ([`super::evaluate_many`]'s results): the evaluation date
//! they share (or its range), whether the data is fictional, the headline status counts over
//! every plan and one score row per plan. Plain serde data: what every runtime shows of many
//! plans (notebook view, roll-up report, score tables) comes from here.

use chrono::NaiveDate;
use serde::Serialize;

use super::{Evaluation, StatusCounts};

/// What many evaluations add up to (see [`Rollup::new`]).
///
/// ```
/// use ctg_core::eval::{evaluate_many, EvalOptions, Rollup, Status};
/// let template = ctg_core::plans::sundgau().unwrap();
/// let national = ctg_core::workload::national(&template, 3, 12, 300, 7);
/// let items: Vec<_> = national.iter().map(|t| (&t.plan, &t.observations)).collect();
/// let as_of = chrono::NaiveDate::from_ymd_opt(2025, 12, 31);
/// let evaluations = evaluate_many(&items, &EvalOptions { as_of, ..Default::default() });
/// let rollup = Rollup::new(&evaluations, 0);
/// assert_eq!((rollup.plans, rollup.as_of), (3, as_of));
/// assert_eq!(rollup.rows[2].plan_id, "ctg-0002");
/// assert_eq!(rollup.counts.total(), 75);
/// let achieved: u32 = evaluations.iter().map(|e| e.plan.counts.get(Status::Achieved)).sum();
/// assert_eq!(rollup.counts.get(Status::Achieved), achieved);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Rollup {
    /// The number of plans.
    pub plans: usize,
    /// The evaluation date every plan shares; `None` when they differ (each plan evaluated
    /// as of its own latest observation) or when there is no plan.
    pub as_of: Option<NaiveDate>,
    /// The earliest and latest evaluation dates; `None` when there is no plan.
    pub as_of_range: Option<DateRange>,
    /// Whether the observations of any plan declared themselves fictional.
    pub fictional: bool,
    /// The headline status counts over every plan (`counts.total()`: every indicator of
    /// every plan).
    pub counts: StatusCounts,
    /// Rows left out because their territory names no plan (lenient mode), counted.
    pub skipped: usize,
    /// One row per plan, in the order of the evaluations.
    pub rows: Vec<PlanRow>,
}

/// A range of dates, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DateRange {
    /// The earliest date.
    pub first: NaiveDate,
    /// The latest date.
    pub last: NaiveDate,
}

/// One plan of a [`Rollup`]: who, as of when, its score and its headline status counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanRow {
    /// The plan id.
    pub plan_id: String,
    /// The territory's name.
    pub territory: String,
    /// The plan's evaluation date.
    pub as_of: NaiveDate,
    /// Whether the plan's observations declared themselves fictional.
    pub fictional: bool,
    /// The plan score in 0..=1, `None` when nothing is scored.
    pub score: Option<f64>,
    /// The plan's headline status counts.
    pub counts: StatusCounts,
}

impl Rollup {
    /// The roll-up of `evaluations` (in their order), with the number of rows `skipped`
    /// because their territory named no plan.
    pub fn new<'a>(evaluations: impl IntoIterator<Item = &'a Evaluation>, skipped: usize) -> Self {
        let mut counts = StatusCounts::default();
        let rows: Vec<PlanRow> = evaluations
            .into_iter()
            .map(|ev| {
                counts.merge(&ev.plan.counts);
                PlanRow {
                    plan_id: ev.plan_id.clone(),
                    territory: ev.territory.clone(),
                    as_of: ev.as_of,
                    fictional: ev.fictional,
                    score: ev.plan.score,
                    counts: ev.plan.counts.clone(),
                }
            })
            .collect();
        let first = rows.iter().map(|r| r.as_of).min();
        let last = rows.iter().map(|r| r.as_of).max();
        let as_of_range = first
            .zip(last)
            .map(|(first, last)| DateRange { first, last });
        Rollup {
            plans: rows.len(),
            as_of: as_of_range.filter(|r| r.first == r.last).map(|r| r.first),
            as_of_range,
            fictional: rows.iter().any(|r| r.fictional),
            counts,
            skipped,
            rows,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::eval::{evaluate, EvalOptions, Status};
    use crate::io::{read_csv, IngestOptions};

    fn ev(csv: &str, as_of: Option<NaiveDate>) -> Evaluation {
        let plan = crate::plans::sundgau().unwrap();
        let obs = read_csv(&plan, csv.as_bytes(), &IngestOptions::default()).unwrap();
        evaluate(
            &plan,
            &obs,
            &EvalOptions {
                as_of,
                ..Default::default()
            },
        )
    }

    #[test]
    fn dates_counts_and_rows() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        // Each plan as of its latest observation: 31/12/2025 and 30/06/2026.
        let a = ev("indicator,date,value\nf8.1,2025-12-31,30\n", None);
        let b = ev(
            "# Données fictives\nindicator,date,value\nf8.1,2025-12-31,2\nf2.1,2026-06-30,5\n",
            None,
        );
        let r = Rollup::new([&a, &b], 3);
        assert_eq!(r.plans, 2);
        assert_eq!(r.as_of, None);
        assert_eq!(
            r.as_of_range,
            Some(DateRange {
                first: d(2025, 12, 31),
                last: d(2026, 6, 30)
            })
        );
        assert!(r.fictional && !r.rows[0].fictional && r.rows[1].fictional);
        assert_eq!(r.skipped, 3);
        assert_eq!(r.counts.total(), 50);
        // The headlines are the closed year 2025: 30 actions achieved, 2 not.
        assert_eq!(r.counts.get(Status::Achieved), 1);
        assert_eq!(r.counts.get(Status::NotAchieved), 1);
        assert_eq!(r.counts.get(Status::NoData), 48);
        for s in Status::ALL {
            let sum = a.plan.counts.get(s) + b.plan.counts.get(s);
            assert_eq!(r.counts.get(s), sum, "{s}");
        }
        assert_eq!(r.rows[0].score, Some(1.0));
        assert_eq!(r.rows[1].score, Some(0.0));
        assert_eq!(r.rows[1].counts, b.plan.counts);
        assert_eq!(r.rows[1].territory, b.territory);
        assert_eq!(r.rows[1].as_of, d(2026, 6, 30));

        // One date for all: it is the common one.
        let same = Rollup::new([&a, &a], 0);
        assert_eq!(same.as_of, Some(d(2025, 12, 31)));
        assert!(!same.fictional);

        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["as_of"], serde_json::Value::Null);
        assert_eq!(json["as_of_range"]["first"], "2025-12-31");
        assert_eq!(json["rows"][1]["counts"]["not_achieved"], 1);
    }

    #[test]
    fn no_plan() {
        let r = Rollup::new(&[], 0);
        assert_eq!(r, Rollup::default());
        assert_eq!((r.as_of, r.as_of_range, r.counts.total()), (None, None, 0));
    }
}
