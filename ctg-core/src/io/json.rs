//! JSON ingest: an array of observation objects, or
//! `{ "fictional": bool, "notes": [..], "observations": [..] }`.

use serde_json::{Map, Value};
use std::collections::BTreeMap;

use super::fuzzy::{mentions_fictional, words};
use super::rows::{
    cell_issue, finish_scoped, hint, whole_input_issue, ByTerritory, Column, IngestOptions,
    Observations, Pending, RawRow, Scope,
};
use super::{ObservationError, ObservationErrorCode as Code, ObservationIssue};
use crate::model::Plan;

/// Read observations from JSON, validated against a plan.
///
/// The input is an array of objects, one observation each, or an object
/// `{ "fictional": true, "notes": ["…"], "observations": [ … ] }`. Keys are the CSV
/// column names (English or French, case- and accent-insensitive); cells are JSON strings or
/// numbers (or booleans for milestones), `null` being an empty cell. Rows are numbered
/// from 1 in the array. Unknown keys are ignored with a note.
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
/// assert_eq!(obs.rows[1].value, ObservedValue::Number(7.5));
/// assert_eq!(obs.rows[1].row, 2);
///
/// let err = read_json(&plan, "[1, 2", &IngestOptions::default()).unwrap_err();
/// assert_eq!(err.issues[0].code.as_str(), "format_error");
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

const HINT_SHAPE: &str = "write an array of observation objects, `[{\"indicator\": \"f1.1\", \"date\": \"2026-03-31\", \"value\": 12}]`, or an object `{\"observations\": [...]}`";
const HINT_SHAPE_FR: &str = "écrivez un tableau d'objets observation, `[{\"indicateur\": \"f1.1\", \"date\": \"2026-03-31\", \"valeur\": 12}]`, ou un objet `{\"observations\": [...]}`";

/// Read JSON text; `note` says how it was decoded.
pub(crate) fn read_json_text(
    scope: Scope<'_>,
    text: &str,
    note: Option<String>,
    opts: &IngestOptions,
) -> Result<ByTerritory, ObservationError> {
    let value: Value = serde_json::from_str(text).map_err(|e| ObservationError {
        issues: vec![whole_input_issue(
            Code::FormatError,
            None,
            format!("the input is not valid JSON: {e}"),
            format!("l'entrée n'est pas du JSON valide : {e}"),
            hint(HINT_SHAPE, HINT_SHAPE_FR),
        )],
    })?;
    let mut ingest_notes: Vec<String> = note.into_iter().collect();
    let mut notes = Vec::new();
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
                        let (expected_en, expected_fr) = match k {
                            "observations" => ("an array of objects", "un tableau d'objets"),
                            "notes" => ("an array of strings", "un tableau de chaînes"),
                            _ => ("true or false", "true ou false"),
                        };
                        let (kind_en, kind_fr) = kind(&v);
                        issues.push(whole_input_issue(
                            Code::FormatError,
                            None,
                            format!("`{key}` must be {expected_en}, not {kind_en}"),
                            format!("`{key}` doit être {expected_fr}, pas {kind_fr}"),
                            hint(HINT_SHAPE, HINT_SHAPE_FR),
                        ));
                    }
                    _ => ingest_notes.push(format!("ignored key `{key}`")),
                }
            }
            match observations {
                Some(items) if issues.is_empty() => items,
                _ => {
                    if issues.is_empty() {
                        issues.push(whole_input_issue(
                            Code::FormatError,
                            None,
                            "the JSON object has no `observations` array".into(),
                            "l'objet JSON n'a pas de tableau `observations`".into(),
                            hint(HINT_SHAPE, HINT_SHAPE_FR),
                        ));
                    }
                    return Err(ObservationError { issues });
                }
            }
        }
        other => {
            let (kind_en, kind_fr) = kind(&other);
            return Err(ObservationError {
                issues: vec![whole_input_issue(
                    Code::FormatError,
                    None,
                    format!("the JSON must be an array of observations or an object with an `observations` array, not {kind_en}"),
                    format!("le JSON doit être un tableau d'observations ou un objet avec un tableau `observations`, pas {kind_fr}"),
                    hint(HINT_SHAPE, HINT_SHAPE_FR),
                )],
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
                    let (kind_en, kind_fr) = kind(&other);
                    Pending::Broken(whole_input_issue(
                        Code::FormatError,
                        Some(row),
                        format!("observation {row} is {kind_en}, not an object"),
                        format!("l'observation {row} est {kind_fr}, pas un objet"),
                        hint(HINT_SHAPE, HINT_SHAPE_FR),
                    ))
                }
            }
        })
        .collect();
    ingest_notes.extend(ignored.into_iter().map(|k| format!("ignored key `{k}`")));

    let mut out = Observations {
        fictional: fictional.unwrap_or_else(|| notes.iter().any(|n| mentions_fictional(n))),
        notes,
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
            found.push((
                column,
                cell_issue(
                    Code::DuplicateColumn,
                    row,
                    &key,
                    format!("key `{key}` repeats key `{first}`: both are read as `{}`", column.name()),
                    format!("la clé `{key}` fait double emploi avec la clé `{first}` : toutes deux sont lues comme `{}`", column.name()),
                    hint("keep only one of them", "n'en gardez qu'une"),
                ),
            ));
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
                let (kind_en, kind_fr) = kind(&other);
                found.push((
                    column,
                    cell_issue(
                        Code::FormatError,
                        row,
                        &key,
                        format!("`{key}` must be a string, a number, a boolean or null, not {kind_en}"),
                        format!("`{key}` doit être une chaîne, un nombre, un booléen ou null, pas {kind_fr}"),
                        None,
                    ),
                ));
                bad.push(column);
                None
            }
        };
        raw.headers.insert(column, key);
        *raw.cell_mut(column) = cell;
    }
    Pending::Row { raw, found, bad }
}

/// The kind of a JSON value, in English and French.
fn kind(v: &Value) -> (&'static str, &'static str) {
    match v {
        Value::Null => ("null", "null"),
        Value::Bool(_) => ("a boolean", "un booléen"),
        Value::Number(_) => ("a number", "un nombre"),
        Value::String(_) => ("a string", "une chaîne"),
        Value::Array(_) => ("an array", "un tableau"),
        Value::Object(_) => ("an object", "un objet"),
    }
}
