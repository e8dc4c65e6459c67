//! The records corpus (`tests/corpus/records/*.json`): records with typed cells — numbers,
//! dates, zoned and naive timestamps, nulls, duplicate keys, unsupported values, items that
//! are not records — read against `tests/corpus/records/plan.toml` by
//! [`ctg_core::io::read_records`], then evaluated. The answer (what the evaluation saw, or
//! the problems in French and English, in the `Problem` shape) is pinned in
//! `golden/<case>.json`; Python (`ctg-py/tests/test_records.py`, with `datetime`s and
//! `pd.Timestamp`s) and JavaScript (`ctg-wasm/tests/records.test.mjs`, with `Date`s) build
//! the same records as native values and get the same answers. `CTG_BLESS=1` rewrites them
//! (review the diff).
//!
//! A case's `records` is an array of items: an item is an array of `[key, cell]` pairs (a
//! record, keys in order, a key may repeat) or `{"$item": value}` (an item that is not a
//! record). A cell is JSON `null`, a string, a number (an integer literal is an integer
//! cell), a boolean, `{"$date": "2026-03-31"}`, `{"$timestamp": "2026-03-31T23:30:00Z",
//! "offset": 120}` (an instant and its zone's offset in minutes), `{"$naive":
//! "2026-03-31T23:30:00"}` (a wall-clock date-time) or `{"$unsupported": "object"}`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use ctg_core::eval::{evaluate, EvalOptions};
use ctg_core::io::records::{read_records, Record, RecordCell, RecordItem, Timestamp};
use ctg_core::io::{IngestOptions, ValueKind};
use ctg_core::model::Plan;
use ctg_core::report::{render_json, ViewOptions};
use ctg_core::Lang;
use serde_json::{json, Value};

fn kind(name: &str) -> ValueKind {
    match name {
        "null" => ValueKind::Null,
        "number" => ValueKind::Number,
        "string" => ValueKind::String,
        "boolean" => ValueKind::Boolean,
        "object" => ValueKind::Object,
        "array" => ValueKind::Array,
        "function" => ValueKind::Function,
        "symbol" => ValueKind::Symbol,
        other => panic!("unknown kind {other}"),
    }
}

fn cell(v: &Value) -> RecordCell {
    match v {
        Value::Null => RecordCell::Null,
        Value::Bool(b) => RecordCell::Bool(*b),
        Value::String(s) => RecordCell::Text(s.clone()),
        Value::Number(n) => match n.as_i64() {
            Some(i) => RecordCell::Int(i),
            None => RecordCell::Number(n.as_f64().unwrap()),
        },
        Value::Object(o) => {
            if let Some(d) = o.get("$date") {
                RecordCell::Date(
                    NaiveDate::parse_from_str(d.as_str().unwrap(), "%Y-%m-%d").unwrap(),
                )
            } else if let Some(t) = o.get("$timestamp") {
                let at = DateTime::parse_from_rfc3339(t.as_str().unwrap()).unwrap();
                RecordCell::Timestamp(Timestamp::Zoned {
                    utc_micros: at.timestamp_micros(),
                    offset_minutes: o["offset"].as_i64().unwrap() as i32,
                })
            } else if let Some(t) = o.get("$naive") {
                let at = NaiveDateTime::parse_from_str(t.as_str().unwrap(), "%Y-%m-%dT%H:%M:%S")
                    .unwrap();
                RecordCell::Timestamp(Timestamp::Naive(at))
            } else if let Some(k) = o.get("$unsupported") {
                RecordCell::Unsupported(kind(k.as_str().unwrap()))
            } else {
                panic!("unknown cell {v}")
            }
        }
        Value::Array(_) => panic!("unknown cell {v}"),
    }
}

fn item(v: &Value) -> RecordItem {
    match v {
        Value::Array(pairs) => {
            let mut record = Record::new();
            for pair in pairs {
                record.push(pair[0].as_str().unwrap(), cell(&pair[1]));
            }
            RecordItem::Record(record)
        }
        Value::Object(o) => {
            let found = match &o["$item"] {
                Value::Null => ValueKind::Null,
                other => ValueKind::of_json(other),
            };
            RecordItem::NotAnObject(found)
        }
        other => panic!("unknown item {other}"),
    }
}

/// What the evaluation saw (the same projection of the evaluation's JSON view in every
/// runtime): each window that has observations, with its count, value, day done and
/// assessment; the rows used, rejected (lenient mode) and the notes.
fn seen(view: &Value) -> Value {
    let mut windows = Vec::new();
    for ind in view["indicators"].as_array().unwrap() {
        for w in ind["windows"].as_array().unwrap() {
            if w["observations"].as_u64().unwrap_or(0) > 0 {
                windows.push(json!([
                    ind["id"],
                    w["start"],
                    w["observations"],
                    w["value"],
                    w["done_on"],
                    w["assessment"]
                ]));
            }
        }
    }
    let d = &view["diagnostics"];
    json!({
        "windows": windows,
        "used": d["used"],
        "rejected": d["rejected"],
        "notes": d["notes"],
    })
}

fn answer(plan: &Plan, case: &Value) -> Value {
    let items: Vec<RecordItem> = case["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(item)
        .collect();
    let opts = IngestOptions {
        lenient: case["lenient"].as_bool().unwrap_or(false),
        ..Default::default()
    };
    match read_records(plan, items, &opts) {
        Ok(obs) => {
            let as_of = NaiveDate::from_ymd_opt(2026, 12, 31);
            let ev = evaluate(
                plan,
                &obs,
                &EvalOptions {
                    as_of,
                    ..Default::default()
                },
            );
            let view = render_json(
                &ev,
                &ViewOptions {
                    lang: Lang::En,
                    explanations: false,
                    suppress_below: None,
                },
            );
            json!({ "seen": seen(&serde_json::from_str(&view).unwrap()) })
        }
        Err(e) => json!({
            "problems": { "en": e.problems(Lang::En), "fr": e.problems(Lang::Fr) }
        }),
    }
}

#[test]
fn records_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/records");
    let plan = Plan::from_toml(&std::fs::read_to_string(dir.join("plan.toml")).unwrap()).unwrap();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 9);
    let bless = std::env::var_os("CTG_BLESS").is_some();
    let mut fails = Vec::new();
    for path in &paths {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let got = serde_json::to_string_pretty(&answer(&plan, &case)).unwrap() + "\n";
        // No participant ever shows in an answer.
        assert!(!got.contains("P-SECRET"), "{}", path.display());
        let golden = dir.join("golden").join(path.file_name().unwrap());
        if bless {
            std::fs::write(&golden, &got).unwrap();
        } else if std::fs::read_to_string(&golden).ok().as_deref() != Some(got.as_str()) {
            fails.push(format!(
                "{} differs (CTG_BLESS=1 to update)",
                golden.display()
            ));
        }
    }
    assert!(fails.is_empty(), "{}", fails.join("\n"));
}

/// The JSON reader applies the same rules to a JSON text's objects (keys sorted, as JSON
/// objects are unordered), with its own wording for JSON values.
#[test]
fn json_text_follows_the_record_rules() {
    let plan = ctg_core::plans::sundgau().unwrap();
    let read = |text: &str| ctg_core::io::read_json(&plan, text, &IngestOptions::default());
    let err = read(r#"[{"indicator": "f8.1", "date": "2026-12-31", "value": 1, "value": 2}]"#)
        .unwrap_err();
    assert_eq!(err.issues.len(), 1);
    assert_eq!(err.issues[0].code().as_str(), "duplicate_column");
    assert_eq!(
        err.issues[0].message(Lang::En),
        "key `value` repeats key `value`: both are read as `value`"
    );
    let err =
        read(r#"[{"indicator": "f8.1", "date": "2026-12-31", "value": {"n": 1}}, 3]"#).unwrap_err();
    assert_eq!(
        err.issues[0].message(Lang::En),
        "`value` must be a string, a number, a boolean or null, not an object"
    );
    assert_eq!(
        err.issues[1].message(Lang::En),
        "observation 2 is a number, not an object"
    );
    // The same through records: the runtime's wording.
    let records = [
        RecordItem::Record(
            Record::new()
                .with("indicator", RecordCell::Text("f8.1".into()))
                .with("date", RecordCell::Text("2026-12-31".into()))
                .with("value", RecordCell::Unsupported(ValueKind::Object)),
        ),
        RecordItem::NotAnObject(ValueKind::Number),
    ];
    let err = read_records(&plan, records, &IngestOptions::default()).unwrap_err();
    assert_eq!(
        err.issues[0].message(Lang::En),
        "`value` must be a string, a number, a boolean, a Date or null, not an object"
    );
    assert_eq!(
        err.issues[1].message(Lang::En),
        "observation 2 is a number, not an object"
    );
}

/// A NaN number is reported as not finite, an invalid JS `Date` as not a date.
#[test]
fn nan_and_invalid_dates() {
    let plan = ctg_core::plans::sundgau().unwrap();
    let record = Record::new()
        .with("indicator", RecordCell::Text("f8.1".into()))
        .with(
            "date",
            RecordCell::Timestamp(Timestamp::Instant {
                utc_millis: f64::NAN,
                local_offset_minutes: 60,
            }),
        )
        .with("value", RecordCell::Number(f64::NAN));
    let err = read_records(&plan, [record.into()], &IngestOptions::default()).unwrap_err();
    let got: Vec<_> = err
        .issues
        .iter()
        .map(|i| (i.code().as_str(), i.message(Lang::En)))
        .collect();
    assert_eq!(
        got,
        [
            (
                "type_error",
                "`Invalid Date` in column `date` is not a date".to_string()
            ),
            (
                "constraint_error",
                "the value `NaN` in column `value` is not a finite number".to_string()
            ),
        ]
    );
}
