//! The columnar store and the engine's grouping (sorted integer keys, window slices) agree
//! with a straightforward row-by-row reference: for random observation sets of the Sundgau
//! plan (every measure, yearly, monthly and plan windows, rows in random order, dates inside
//! and outside the period, after `as_of`, participants repeated, zero denominators), every
//! window's observation count and value are recomputed here from the public row views by
//! filtering and folding, and must be equal. The same rows read back from CSV evaluate to
//! the same JSON.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::HashSet;

use chrono::{Datelike, NaiveDate};
use ctg_core::eval::{evaluate, EvalOptions, ResultKind};
use ctg_core::io::{
    read_csv, Assessment, IngestOptions, NewObservation, Observation, Observations,
    ObservationsBuilder, ObservedValue,
};
use ctg_core::model::{Aggregation, Measure, Plan, Window};
use proptest::prelude::*;

/// One generated row: indicator position, day offset, value seed, participant, denominator.
type Gen = (usize, i64, u32, u8, u8);

fn plan() -> Plan {
    ctg_core::plans::sundgau().unwrap()
}

fn value_of(measure: Measure, seed: u32) -> ObservedValue {
    match measure {
        Measure::Milestone => ObservedValue::Done(seed.is_multiple_of(3)),
        Measure::Qualitative => ObservedValue::Assessment(match seed % 3 {
            0 => Assessment::Achieved,
            1 => Assessment::Partial,
            _ => Assessment::NotAchieved,
        }),
        Measure::Score => ObservedValue::Number(f64::from(seed % 50) / 10.0),
        // A distinct-count row with 0 is refused: present participants only.
        Measure::DistinctCount => ObservedValue::Number(f64::from(seed % 40 + 1)),
        _ => ObservedValue::Number(f64::from(seed % 40)),
    }
}

fn build(plan: &Plan, gens: &[Gen]) -> (Observations, String) {
    let indicators: Vec<_> = plan.indicators().map(|(_, i)| i).collect();
    let first = NaiveDate::from_ymd_opt(2023, 6, 1).unwrap();
    let mut b = ObservationsBuilder::new();
    let mut csv = String::from("indicator,date,value,participant,denominator\n");
    let names = ["P1", "P2", "P3", "P4", "P5"];
    for (n, &(at, offset, seed, who, den)) in gens.iter().enumerate() {
        let ind = indicators[at % indicators.len()];
        let date = first + chrono::Duration::days(offset);
        let value = value_of(ind.measure, seed);
        let mut o = NewObservation::new(&ind.id, date, value);
        o.row = n + 2;
        let participant = (ind.measure == Measure::DistinctCount).then(|| names[who as usize % 5]);
        o.participant = participant;
        let denominator = (ind.measure == Measure::Ratio).then(|| f64::from(den % 4) * 5.0);
        o.denominator = denominator;
        b.push(o);
        let text = match value {
            ObservedValue::Number(v) => v.to_string(),
            ObservedValue::Done(d) => if d { "oui" } else { "non" }.to_string(),
            ObservedValue::Assessment(a) => a.label(ctg_core::Lang::Fr).to_string(),
        };
        csv.push_str(&format!(
            "{},{date},{text},{},{}\n",
            ind.id,
            participant.unwrap_or(""),
            denominator.map(|d| d.to_string()).unwrap_or_default()
        ));
    }
    (b.finish(), csv)
}

/// The year an observation counts in for an indicator's windows.
fn year_of(window: Window, d: NaiveDate) -> i32 {
    match window {
        Window::Week => d.iso_week().year(),
        _ => d.year(),
    }
}

/// The reference: a window's rows by filtering, then its value by folding.
fn reference(
    plan: &Plan,
    rows: &[Observation],
    id: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> (usize, Option<f64>, Option<NaiveDate>, Option<Assessment>) {
    let (_, ind) = plan.indicators().find(|(_, i)| i.id == id).unwrap();
    let baseline = plan.baseline_year(ind);
    let mut mine: Vec<&Observation> = rows
        .iter()
        .filter(|o| &*o.indicator == id && o.date >= from && o.date <= to)
        .filter(|o| {
            let y = year_of(ind.window(), o.date);
            plan.period.contains_year(y) || y == baseline
        })
        .collect();
    mine.sort_by_key(|o| (o.date, o.row));
    let numbers: Vec<f64> = mine.iter().filter_map(|o| o.value.as_number()).collect();
    let n = mine.len();
    if n == 0 {
        return (0, None, None, None);
    }
    match ind.aggregation() {
        Aggregation::Sum => (n, Some(numbers.iter().sum()), None, None),
        Aggregation::Distinct => {
            let set: HashSet<_> = mine.iter().filter_map(|o| o.participant).collect();
            (n, Some(set.len() as f64), None, None)
        }
        Aggregation::Last => {
            let last = mine.iter().map(|o| o.date).max().unwrap();
            let v = mine
                .iter()
                .filter(|o| o.date == last)
                .filter_map(|o| o.value.as_number())
                .sum();
            (n, Some(v), None, None)
        }
        Aggregation::Mean => (
            n,
            (!numbers.is_empty()).then(|| numbers.iter().sum::<f64>() / numbers.len() as f64),
            None,
            None,
        ),
        Aggregation::Min => (n, numbers.iter().copied().reduce(f64::min), None, None),
        Aggregation::Max => (n, numbers.iter().copied().reduce(f64::max), None, None),
        Aggregation::Ratio => {
            let num: f64 = numbers.iter().sum();
            let den: f64 = mine.iter().filter_map(|o| o.denominator).sum();
            (n, (den != 0.0).then(|| num / den * 100.0), None, None)
        }
        Aggregation::FirstDone => {
            let done = mine
                .iter()
                .filter(|o| o.value == ObservedValue::Done(true))
                .map(|o| o.date)
                .min();
            (n, Some(if done.is_some() { 1.0 } else { 0.0 }), done, None)
        }
        Aggregation::Latest => {
            let a = mine.iter().rev().find_map(|o| match o.value {
                ObservedValue::Assessment(a) => Some(a),
                _ => None,
            });
            (n, None, None, a)
        }
    }
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * x.abs().max(1.0),
        (None, None) => true,
        _ => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn store_agrees_with_a_row_by_row_reference(
        gens in proptest::collection::vec(
            (0usize..40, 0i64..(365 * 7), any::<u32>(), any::<u8>(), any::<u8>()),
            0..300,
        ),
        as_of_offset in 0i64..(365 * 6),
    ) {
        let plan = plan();
        let (obs, csv) = build(&plan, &gens);
        let as_of = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap() + chrono::Duration::days(as_of_offset);
        let opts = EvalOptions { as_of: Some(as_of), ..Default::default() };
        let ev = evaluate(&plan, &obs, &opts);
        let rows = obs.rows();
        prop_assert_eq!(rows.len(), gens.len());
        for ind in &ev.indicators {
            let measure = plan.indicators().find(|(_, i)| i.id == ind.id).unwrap().1.measure;
            for w in ind.windows.iter().filter(|w| w.kind == ResultKind::Window) {
                let from = if measure == Measure::Milestone { NaiveDate::MIN } else { w.start };
                let (n, value, done, assessment) =
                    reference(&plan, &rows, &ind.id, from, w.end.min(as_of));
                prop_assert_eq!(w.observations, n, "{} {}", ind.id, w.start);
                if measure == Measure::Qualitative {
                    prop_assert_eq!(w.assessment, assessment, "{} {}", ind.id, w.start);
                } else {
                    prop_assert!(close(w.value, value), "{} {}: {:?} vs {:?}", ind.id, w.start, w.value, value);
                    prop_assert_eq!(w.done_on, done);
                }
            }
        }
        // The same rows through the CSV reader: the same evaluation.
        let read = read_csv(&plan, csv.as_bytes(), &IngestOptions::default()).unwrap();
        let again = evaluate(&plan, &read, &opts);
        prop_assert_eq!(serde_json::to_value(&ev).unwrap(), serde_json::to_value(&again).unwrap());
    }
}
