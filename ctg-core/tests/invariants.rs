//! Invariants of the evaluation, by property test (issue 16, part 5), on the Sundgau plan
//! with its fictional observations and on generated small plans:
//!
//! - shuffling the rows of an input never changes a result;
//! - splitting one input into two, reading each and concatenating them gives the same
//!   evaluation as the whole;
//! - adding an observation dated after `as_of` changes no result;
//! - adding a non-negative row to a sum never lowers its value.
//!
//! "A result" is everything the evaluation says about the plan (every window, yearly
//! summary, headline, fiche, axis and plan score), not its diagnostics, which count rows
//! and name them by position. Case counts are bounded so that the file runs in seconds in
//! a debug build (`PROPTEST_CASES` raises them).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use ctg_core::eval::{evaluate, EvalOptions, Evaluation};
use ctg_core::io::{read_csv, IngestOptions, NewObservation, ObservationsBuilder};
use ctg_core::model::Plan;
use proptest::prelude::*;
use serde_json::Value;

const SUNDGAU_CSV: &str = include_str!("../../examples/sundgau/observations.csv");

fn cases(n: u32) -> ProptestConfig {
    let env = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok());
    ProptestConfig {
        cases: env.unwrap_or(n),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn as_of() -> EvalOptions {
    EvalOptions {
        as_of: NaiveDate::from_ymd_opt(2026, 12, 31),
        ..Default::default()
    }
}

/// What the evaluation says about the plan: the evaluation as data without its
/// diagnostics.
fn results(ev: &Evaluation) -> Value {
    let mut v = serde_json::to_value(ev).unwrap();
    v.as_object_mut().unwrap().remove("diagnostics");
    v
}

/// A CSV input: its comment and header lines, and its data rows.
struct Csv {
    head: Vec<String>,
    rows: Vec<String>,
}

fn split_csv(text: &str) -> Csv {
    let text = text.trim_start_matches('\u{feff}');
    let mut head = Vec::new();
    let mut rows = Vec::new();
    for line in text.lines() {
        if rows.is_empty()
            && (line.starts_with('#') || head.iter().all(|h: &String| h.starts_with('#')))
        {
            head.push(line.to_string());
        } else if !line.trim().is_empty() {
            rows.push(line.to_string());
        }
    }
    Csv { head, rows }
}

fn join(head: &[String], rows: &[String]) -> String {
    let mut out = String::new();
    for line in head.iter().chain(rows) {
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn eval_csv(plan: &Plan, csv: &str) -> Evaluation {
    let obs = read_csv(plan, csv.as_bytes(), &IngestOptions::default())
        .unwrap_or_else(|e| panic!("{}\n{csv}", e.render(ctg_core::Lang::En)));
    evaluate(plan, &obs, &as_of())
}

fn sundgau() -> (Plan, Csv) {
    (ctg_core::plans::sundgau().unwrap(), split_csv(SUNDGAU_CSV))
}

/// A permutation of `0..n` from a seed (Fisher–Yates on a small LCG: proptest shrinks the
/// seed, not a vector of indices).
fn permutation(n: usize, seed: u64) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    let mut s = seed | 1;
    for i in (1..n).rev() {
        s = s
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let j = usize::try_from((s >> 33) % (i as u64 + 1)).unwrap();
        idx.swap(i, j);
    }
    idx
}

/// Split the rows at `cut` into two files with the same header lines, read each on its
/// own, concatenate what was read (each participant by its raw id, taken back from the
/// file's own line: the readers drop raw ids) and evaluate.
fn split_and_concatenate(plan: &Plan, head: &[String], rows: &[String], cut: usize) -> Evaluation {
    let cut = cut.min(rows.len());
    let header = head.last().unwrap();
    let delimiter = if header.contains(';') { ';' } else { ',' };
    let participant_col = header
        .split(delimiter)
        .position(|h| h == "participant")
        .unwrap();
    let mut builder = ObservationsBuilder::new();
    let mut fictional = true;
    let halves = [&rows[..cut], &rows[cut..]];
    let read: Vec<_> = halves
        .iter()
        .map(|half| {
            let obs =
                read_csv(plan, join(head, half).as_bytes(), &IngestOptions::default()).unwrap();
            fictional &= obs.fictional;
            obs
        })
        .collect();
    let first_row = head.len() + 1;
    for (half, obs) in halves.iter().zip(&read) {
        for o in obs.iter() {
            let line = &half[o.row - first_row];
            let raw = line
                .split(delimiter)
                .nth(participant_col)
                .filter(|p| !p.is_empty());
            builder.push(NewObservation {
                indicator: &o.indicator,
                date: o.date,
                value: o.value,
                participant: raw,
                denominator: o.denominator,
                commune: o.commune.as_deref(),
                comment: o.comment.as_deref(),
                row: o.row,
            });
        }
    }
    builder.fictional(fictional);
    evaluate(plan, &builder.finish(), &as_of())
}

// --- generated small plans ---------------------------------------------------------------

/// One indicator of a generated plan: its measure, window and target (combinations the
/// plan accepts), and whether its rows carry a participant or a denominator.
#[derive(Debug, Clone)]
struct Spec {
    measure: &'static str,
    window: &'static str,
    target: &'static str,
}

const MEASURES: &[(&str, &[&str])] = &[
    (
        "count",
        &[
            "> 20",
            "≥ 10",
            "+20%",
            "entre 5 et 50",
            "< 100",
            "Réduction de 10%",
        ],
    ),
    ("stock", &["≥ 30", "> 5", "Réduction de 10%", "≤ 40"]),
    ("ratio", &["≥ 70 %", "+5 points", "< 50 %"]),
    ("score", &["≥ 3", "> 2,5"]),
    ("distinct_count", &["> 3", "≥ 10"]),
];
const WINDOWS: &[&str] = &["year", "quarter", "month", "plan", "half_year"];

fn spec() -> impl Strategy<Value = Spec> {
    (0..MEASURES.len(), 0..WINDOWS.len(), 0..6usize).prop_map(|(m, w, t)| {
        let (measure, targets) = MEASURES[m];
        let target = targets[t % targets.len()];
        // A relative target needs a comparable baseline year: not over the whole plan.
        let relative = target.starts_with('+') || target.starts_with("Réduction");
        let window = match WINDOWS[w] {
            "plan" if relative => "year",
            w => w,
        };
        Spec {
            measure,
            window,
            target,
        }
    })
}

fn plan_toml(specs: &[Vec<Spec>]) -> String {
    let mut out = String::from(
        "id = \"gen\"\ntitle = \"Plan généré (fictif)\"\nterritory = \"Test\"\n\
         period = { start = 2025, end = 2029 }\naxes = [{ number = 1, title = \"A\" }]\n",
    );
    for (f, fiche) in specs.iter().enumerate() {
        out.push_str(&format!(
            "\n[[fiches]]\nnumber = {n}\ntitle = \"F{n}\"\naxis = 1\nschedule = {{ start = 2025, end = 2029 }}\n",
            n = f + 1
        ));
        for (i, s) in fiche.iter().enumerate() {
            out.push_str(&format!(
                "\n[[fiches.indicators]]\nid = \"i{f}_{i}\"\nlabel = \"I{f}.{i}\"\nmeasure = \"{}\"\nwindow = \"{}\"\ntarget = \"{}\"\n",
                s.measure, s.window, s.target
            ));
        }
    }
    out
}

/// One generated row: which indicator, a day of 2025-2026, a value, a participant.
#[derive(Debug, Clone)]
struct Row {
    indicator: usize,
    day: u32,
    value: u32,
    participant: u8,
}

fn row() -> impl Strategy<Value = Row> {
    (0..64usize, 0..730u32, 0..200u32, 0..6u8).prop_map(|(indicator, day, value, participant)| {
        Row {
            indicator,
            day,
            value,
            participant,
        }
    })
}

const HEADER: &str = "indicator,date,value,participant,denominator";

fn date(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Days::new(u64::from(day))
}

fn csv_row(ids: &[(String, &'static str)], r: &Row) -> String {
    let (id, measure) = &ids[r.indicator % ids.len()];
    let d = date(r.day);
    match *measure {
        "ratio" => format!("{id},{d},{},,{}", r.value % 100, 100),
        "score" => format!("{id},{d},{},,", r.value % 5),
        "distinct_count" => format!("{id},{d},1,p{},", r.participant),
        _ => format!("{id},{d},{},,", r.value),
    }
}

/// A generated plan (1–3 fiches of 1–3 indicators) with its rows.
fn generated() -> impl Strategy<Value = (Plan, Vec<(String, &'static str)>, Vec<Row>)> {
    (
        prop::collection::vec(prop::collection::vec(spec(), 1..=3), 1..=3),
        prop::collection::vec(row(), 0..40),
    )
        .prop_map(|(specs, rows)| {
            let toml = plan_toml(&specs);
            let plan = Plan::from_toml(&toml)
                .unwrap_or_else(|e| panic!("{}\n{toml}", e.render(ctg_core::Lang::En)));
            let ids = plan
                .indicators()
                .map(|(_, i)| (i.id.to_string(), measure_name(i.measure)))
                .collect();
            (plan, ids, rows)
        })
}

fn measure_name(m: ctg_core::model::Measure) -> &'static str {
    use ctg_core::model::Measure as M;
    match m {
        M::Ratio => "ratio",
        M::Score => "score",
        M::DistinctCount => "distinct_count",
        M::Stock => "stock",
        _ => "count",
    }
}

fn head() -> Vec<String> {
    vec![HEADER.to_string()]
}

fn lines(ids: &[(String, &'static str)], rows: &[Row]) -> Vec<String> {
    rows.iter().map(|r| csv_row(ids, r)).collect()
}

// --- the properties ----------------------------------------------------------------------

proptest! {
    #![proptest_config(cases(6))]

    /// Sundgau: shuffling its rows changes no result.
    #[test]
    fn sundgau_shuffled_rows_same_results(seed in any::<u64>()) {
        let (plan, csv) = sundgau();
        let whole = eval_csv(&plan, &join(&csv.head, &csv.rows));
        let order = permutation(csv.rows.len(), seed);
        let shuffled: Vec<String> = order.iter().map(|&i| csv.rows[i].clone()).collect();
        let again = eval_csv(&plan, &join(&csv.head, &shuffled));
        prop_assert_eq!(results(&whole), results(&again));
        prop_assert_eq!(whole.diagnostics.used, again.diagnostics.used);
    }

    /// Sundgau: the rows split in two files, each read on its own, then concatenated,
    /// evaluate as the whole.
    #[test]
    fn sundgau_split_and_concatenated_same_evaluation(cut in 0usize..=607) {
        let (plan, csv) = sundgau();
        let whole = eval_csv(&plan, &join(&csv.head, &csv.rows));
        let again = split_and_concatenate(&plan, &csv.head, &csv.rows, cut);
        prop_assert_eq!(results(&whole), results(&again));
    }

    /// Sundgau: an observation after `as_of` changes no result.
    #[test]
    fn sundgau_observation_after_as_of_changes_nothing(
        row in 0usize..607, days in 1u64..2000, value in 0u32..100_000,
    ) {
        let (plan, csv) = sundgau();
        let whole = eval_csv(&plan, &join(&csv.head, &csv.rows));
        let base = &csv.rows[row % csv.rows.len()];
        let cells: Vec<&str> = base.split(';').collect();
        let late = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap() + chrono::Days::new(days);
        let value = if cells[2].is_empty() || cells[2].parse::<f64>().is_err() && !cells[2].contains(',') {
            cells[2].to_string()
        } else {
            value.to_string()
        };
        let mut new = cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        new[1] = late.format("%d/%m/%Y").to_string();
        new[2] = value;
        let mut rows = csv.rows.clone();
        rows.push(new.join(";"));
        let again = eval_csv(&plan, &join(&csv.head, &rows));
        prop_assert_eq!(results(&whole), results(&again));
        prop_assert_eq!(again.diagnostics.after_as_of, whole.diagnostics.after_as_of + 1);
    }
}

proptest! {
    #![proptest_config(cases(64))]

    /// Generated plans: shuffling rows changes no result.
    #[test]
    fn generated_shuffled_rows_same_results((plan, ids, rows) in generated(), seed in any::<u64>()) {
        let lines = lines(&ids, &rows);
        let whole = eval_csv(&plan, &join(&head(), &lines));
        let shuffled: Vec<String> = permutation(lines.len(), seed).iter().map(|&i| lines[i].clone()).collect();
        let again = eval_csv(&plan, &join(&head(), &shuffled));
        prop_assert_eq!(results(&whole), results(&again));
    }

    /// Generated plans: the rows split in two files, each read on its own, then
    /// concatenated, evaluate as the whole.
    #[test]
    fn generated_split_and_concatenated_same_evaluation((plan, ids, rows) in generated(), cut in 0usize..40) {
        let lines = lines(&ids, &rows);
        let whole = eval_csv(&plan, &join(&head(), &lines));
        let again = split_and_concatenate(&plan, &head(), &lines, cut);
        prop_assert_eq!(results(&whole), results(&again));
    }

    /// Generated plans: an observation after `as_of` changes no result.
    #[test]
    fn generated_observation_after_as_of_changes_nothing((plan, ids, rows) in generated(), extra in row(), days in 1u32..1000) {
        let lines = lines(&ids, &rows);
        let whole = eval_csv(&plan, &join(&head(), &lines));
        // 2026-12-31 is day 729 of the rows' calendar.
        let late = Row { day: 729 + days, ..extra };
        let mut more = lines.clone();
        more.push(csv_row(&ids, &late));
        let again = eval_csv(&plan, &join(&head(), &more));
        prop_assert_eq!(results(&whole), results(&again));
    }

    /// Generated plans: a non-negative row added to a summed indicator never lowers the
    /// value of any of its windows. (Not of its yearly summaries: for a monthly or
    /// quarterly target the year's level is the mean of the windows with data, and a
    /// window with a reported 0 is data — missing is not zero.)
    #[test]
    fn generated_non_negative_row_never_lowers_a_sum((plan, ids, rows) in generated(), extra in row()) {
        let sums: Vec<usize> = ids.iter().enumerate().filter(|(_, (_, m))| *m == "count").map(|(i, _)| i).collect();
        prop_assume!(!sums.is_empty());
        let lines = lines(&ids, &rows);
        let whole = eval_csv(&plan, &join(&head(), &lines));
        let extra = Row { indicator: sums[extra.indicator % sums.len()], ..extra };
        let mut more = lines.clone();
        more.push(csv_row(&ids, &extra));
        let again = eval_csv(&plan, &join(&head(), &more));
        let id = &ids[extra.indicator].0;
        let before = whole.indicators.iter().find(|i| &i.id == id).unwrap();
        let after = again.indicators.iter().find(|i| &i.id == id).unwrap();
        let all = |i: &ctg_core::eval::IndicatorEvaluation| {
            i.windows.iter().map(|w| (w.start, w.end, w.value)).collect::<Vec<_>>()
        };
        for ((s, e, b), (s2, e2, a)) in all(before).into_iter().zip(all(after)) {
            prop_assert_eq!((s, e), (s2, e2));
            if let Some(b) = b {
                let a = a.unwrap_or(f64::NEG_INFINITY);
                prop_assert!(a >= b, "{id} {s}..{e}: {b} became {a}");
            }
        }
    }
}

/// The generated plans are valid plans, and a generated CSV reads whole (the properties
/// above test something).
#[test]
fn generated_inputs_are_read() {
    let specs: Vec<Vec<Spec>> = MEASURES
        .iter()
        .map(|(m, targets)| {
            targets
                .iter()
                .zip(WINDOWS.iter().cycle())
                .map(|(t, w)| Spec {
                    measure: m,
                    window: w,
                    target: t,
                })
                .collect()
        })
        .collect();
    let plan = Plan::from_toml(&plan_toml(&specs)).unwrap();
    let ids: Vec<(String, &'static str)> = plan
        .indicators()
        .map(|(_, i)| (i.id.to_string(), measure_name(i.measure)))
        .collect();
    let rows: Vec<Row> = (0..ids.len())
        .map(|i| Row {
            indicator: i,
            day: 100,
            value: 7,
            participant: 1,
        })
        .collect();
    let ev = eval_csv(&plan, &join(&head(), &lines(&ids, &rows)));
    assert_eq!(ev.diagnostics.used, ids.len());
}
