//! JSON ingest: an array of observation objects, or
//! `{ "fictional": bool, "notes": [..], "observations": [..] }`.

use serde_json::{Map, Value};
use std::collections::BTreeMap;

use super::fuzzy::{mentions_fictional, words};
use super::rows::{
    finish_scoped, ByTerritory, Column, IngestOptions, Observations, Pending, RawRow, Scope,
};
use super::{
    KeyType, Note, ObservationError, ObservationErrorKind as K, ObservationIssue, ValueKind,
};
use crate::model::Plan;

/// Read observations from JSON, validated against a plan.
///
/// The input is an array of objects, one observation each, or an object
/// `{ "fictional": true, "notes": ["…"], "observations": [ … ] }`. Keys are the CSV
/// column names (English or French, case- and accent-insensitive); cells are JSON strings or
/// numbers (or booleans for milestones), `null` being an empty cell. Rows are numbered
/// from 1 in the array. Unknown keys are ignored with a note ([`Note::IgnoredKey`]); the
/// object's `notes` are kept as [`Note::InputNote`]s.
///
/// Strict mode (the default) fails with every problem of the input; lenient mode drops the
/// bad rows into [`Observations::skipped`].
///
/// ```
/// use ctg_core::io::{read_json, IngestOptions, ObservedValue};
/// # let plan: ctg_core::model::Plan = toml::from_str(r#"
/// # id = "demo"
/// # title = "Démo"
/// # territory = "Sundgau"
/// # period = { start = 2025, end = 2029 }
/// # [[fiches]]
/// # number = 1
/// # title = "Accueil"
/// # axis = 1
/// # schedule = { start = 2025, end = 2029 }
/// # [[fiches.indicators]]
/// # id = "f1.1"
/// # label = "Familles accueillies"
/// # measure = "count"
/// # "#).unwrap();
/// let json = r#"{ "fictional": true, "observations": [
///     { "indicateur": "f1.1", "date": "2026-03-31", "valeur": 12 },
///     { "indicator": "f1.1", "date": "30/06/2026", "value": "7,5" }
/// ] }"#;
/// let obs = read_json(&plan, json, &IngestOptions::default()).unwrap();
/// assert!(obs.fictional);
/// assert_eq!(obs.rows()[1].value, ObservedValue::Number(7.5));
/// assert_eq!(obs.rows()[1].row, 2);
///
/// let err = read_json(&plan, "[1, 2", &IngestOptions::default()).unwrap_err();
/// assert_eq!(err.issues[0].code().as_str(), "format_error");
/// ```
pub fn read_json(
    plan: &Plan,
    input: &str,
    opts: &IngestOptions,
) -> Result<Observations, ObservationError> {
    read_json_text(
        Scope::One(plan),
        input.strip_prefix('\u{feff}').unwrap_or(input),
        None,
        opts,
    )
    .map(ByTerritory::into_one)
}

/// Read the observations of several plans from JSON, each row going to the plan its
/// `territory` key names (plan id, or territory name): [`read_json`]'s rules, with the
/// routing of [`read_rows_territories`](super::read_rows_territories).
pub fn read_json_territories(
    plans: &[&Plan],
    input: &str,
    opts: &IngestOptions,
) -> Result<ByTerritory, ObservationError> {
    read_json_text(
        Scope::Many(plans),
        input.strip_prefix('\u{feff}').unwrap_or(input),
        None,
        opts,
    )
}

/// Read JSON text; `note` says how it was decoded.
pub(crate) fn read_json_text(
    scope: Scope<'_>,
    text: &str,
    note: Option<Note>,
    opts: &IngestOptions,
) -> Result<ByTerritory, ObservationError> {
    let value: Value = serde_json::from_str(text).map_err(|e| ObservationError {
        issues: vec![ObservationIssue::new(
            K::InvalidJson {
                error: e.to_string(),
            },
            None,
        )],
    })?;
    let mut ingest_notes: Vec<Note> = note.into_iter().collect();
    let mut notes: Vec<String> = Vec::new();
    let mut fictional = None;
    let items = match value {
        Value::Array(items) => items,
        Value::Object(map) => {
            let mut issues = Vec::new();
            let mut observations = None;
            for (key, v) in map {
                match (words(&key, '_').as_str(), v) {
                    ("observations", Value::Array(items)) => observations = Some(items),
                    ("fictional" | "fictif" | "fictive", Value::Bool(b)) => fictional = Some(b),
                    ("fictional" | "fictif" | "fictive" | "notes", Value::Null) => {}
                    ("notes", Value::String(s)) => notes.push(s),
                    ("notes", Value::Array(items)) if items.iter().all(Value::is_string) => {
                        notes.extend(items.into_iter().filter_map(|i| match i {
                            Value::String(s) => Some(s),
                            _ => None,
                        }));
                    }
                    (k @ ("observations" | "fictional" | "fictif" | "fictive" | "notes"), v) => {
                        let expected = match k {
                            "observations" => KeyType::Observations,
                            "notes" => KeyType::Notes,
                            _ => KeyType::Flag,
                        };
                        let kind = K::JsonKeyType {
                            key: key.clone(),
                            expected,
                            found: ValueKind::of_json(&v),
                        };
                        issues.push(ObservationIssue::new(kind, None));
                    }
                    _ => ingest_notes.push(Note::IgnoredKey { key }),
                }
            }
            match observations {
                Some(items) if issues.is_empty() => items,
                _ => {
                    if issues.is_empty() {
                        issues.push(ObservationIssue::new(K::NoObservationsArray, None));
                    }
                    return Err(ObservationError { issues });
                }
            }
        }
        other => {
            let kind = K::JsonNotArray {
                found: ValueKind::of_json(&other),
            };
            return Err(ObservationError {
                issues: vec![ObservationIssue::new(kind, None)],
            });
        }
    };

    let mut ignored = Vec::new();
    let pending: Vec<Pending> = items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let row = i + 1;
            match item {
                Value::Object(map) => row_from_object(map, row, &mut ignored),
                other => {
                    let kind = K::NotAnObject {
                        row,
                        found: ValueKind::of_json(&other),
                    };
                    Pending::Broken(ObservationIssue::new(kind, Some(row)))
                }
            }
        })
        .collect();
    ingest_notes.extend(ignored.into_iter().map(|key| Note::IgnoredKey { key }));

    let mut out = Observations {
        fictional: fictional.unwrap_or_else(|| notes.iter().any(|n| mentions_fictional(n))),
        notes: notes
            .into_iter()
            .map(|text| Note::InputNote { text })
            .collect(),
        ..Default::default()
    };
    out.notes.append(&mut ingest_notes);
    finish_scoped(scope, pending, opts, out, &BTreeMap::new())
}

/// One JSON object as a row: keys name the columns; strings, numbers and booleans are the
/// cells' text, `null` an empty cell; arrays and objects are format errors.
fn row_from_object(map: Map<String, Value>, row: usize, ignored: &mut Vec<String>) -> Pending {
    let mut raw = RawRow::new(row);
    let mut found: Vec<(Column, ObservationIssue)> = Vec::new();
    let mut bad = Vec::new();
    for (key, value) in map {
        let Some(column) = Column::from_header(&key) else {
            if !ignored.contains(&key) {
                ignored.push(key);
            }
            continue;
        };
        if let Some(first) = raw.headers.get(&column) {
            let kind = K::DuplicateKey {
                key: key.clone(),
                first: first.clone(),
                column,
            };
            found.push((column, ObservationIssue::cell(kind, row, key.as_str())));
            if !bad.contains(&column) {
                bad.push(column);
            }
            continue;
        }
        let cell = match value {
            Value::Null => None,
            Value::String(s) => Some(s),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            other @ (Value::Array(_) | Value::Object(_)) => {
                // Never echo the cell: it may be a participant.
                let kind = K::CellNotScalar {
                    key: key.clone(),
                    found: ValueKind::of_json(&other),
                };
                found.push((column, ObservationIssue::cell(kind, row, key.as_str())));
                bad.push(column);
                None
            }
        };
        raw.headers.insert(column, key);
        *raw.cell_mut(column) = cell;
    }
    Pending::Row { raw, found, bad }
}
