//! JSON ingest: an array of observation objects, or
//! `{ "fictional": bool, "notes": [..], "observations": [..] }`.

use serde_json::Value;
use std::collections::BTreeMap;

use super::fuzzy::{mentions_fictional, words};
use super::records::{self, Origin, Record, RecordCell, RecordItem};
use super::route::Scope;
use super::CellText;
use super::{ByTerritory, IngestOptions, Observations};
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
/// from 1 in the array. Unknown keys are ignored with a note naming their place, never the key ([`Note::IgnoredKeyAt`]); the
/// object's `notes` are kept as [`Note::InputNote`]s. A key written twice is never resolved
/// by keeping the last one: in the wrapping object it is a `duplicate_key` error
/// ([`ObservationErrorKind::JsonDuplicateKey`](super::ObservationErrorKind::JsonDuplicateKey)),
/// in an observation a `duplicate_column` error at its row.
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

/// Input that the automatic reader would take as CSV but that is a whole JSON scalar
/// (`42`, `null`, `true`, `"x"`): not observations, said so as
/// [`K::JsonNotArray`] (`format_error`) rather than read as a one-column CSV.
///
/// Only text whose first character can start a JSON scalar is parsed, so a CSV costs
/// nothing; a CSV whose header is a lone number or quoted word is no observation file
/// either.
pub(crate) fn scalar_json(text: &str) -> Option<ObservationError> {
    let t = text.trim();
    let first = t.chars().next()?;
    if !(first.is_ascii_digit() || matches!(first, '-' | '"' | 'n' | 't' | 'f')) {
        return None;
    }
    let v: Value = serde_json::from_str(t).ok()?;
    if v.is_array() || v.is_object() {
        return None;
    }
    Some(ObservationError {
        issues: vec![ObservationIssue::new(
            K::JsonNotArray {
                found: ValueKind::of_json(&v),
            },
            None,
        )],
    })
}

/// A JSON value as the reader needs it: objects keep their pairs (with any key written
/// twice), scalars are serde_json values. serde_json's `Map` would drop a repeated key.
enum Node {
    Object(Vec<(String, Node)>),
    Array(Vec<Node>),
    Scalar(Value),
}

impl Node {
    fn kind(&self) -> ValueKind {
        match self {
            Node::Object(_) => ValueKind::Object,
            Node::Array(_) => ValueKind::Array,
            Node::Scalar(v) => ValueKind::of_json(v),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Node {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Node;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_bool<E>(self, b: bool) -> Result<Node, E> {
                Ok(Node::Scalar(Value::Bool(b)))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Node, E> {
                Ok(Node::Scalar(Value::from(n)))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Node, E> {
                Ok(Node::Scalar(Value::from(n)))
            }
            fn visit_f64<E>(self, n: f64) -> Result<Node, E> {
                Ok(Node::Scalar(Value::from(n)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Node, E> {
                Ok(Node::Scalar(Value::String(s.to_string())))
            }
            fn visit_string<E>(self, s: String) -> Result<Node, E> {
                Ok(Node::Scalar(Value::String(s)))
            }
            fn visit_unit<E>(self) -> Result<Node, E> {
                Ok(Node::Scalar(Value::Null))
            }
            fn visit_none<E>(self) -> Result<Node, E> {
                Ok(Node::Scalar(Value::Null))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Node::Array(items))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut pairs = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Node>()? {
                    pairs.push((k, v));
                }
                Ok(Node::Object(pairs))
            }
        }
        d.deserialize_any(V)
    }
}

/// An object's pairs in sorted key order (JSON objects are unordered; the reader has
/// always taken their keys sorted), a repeated key after its first occurrence.
fn sorted(mut pairs: Vec<(String, Node)>) -> Vec<(String, Node)> {
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    pairs
}

/// A JSON value as a record cell: strings, numbers and booleans as typed cells, `null` an
/// empty cell; arrays and objects are unsupported (a format error at their key).
fn cell(node: Node) -> RecordCell {
    match node {
        Node::Scalar(Value::Null) => RecordCell::Null,
        Node::Scalar(Value::String(s)) => RecordCell::Text(s),
        Node::Scalar(Value::Bool(b)) => RecordCell::Bool(b),
        Node::Scalar(Value::Number(n)) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => RecordCell::Int(i),
            // Beyond i64 (a u64): its text, read by the number rules.
            _ if n.is_u64() => RecordCell::Text(n.to_string()),
            (None, Some(f)) => RecordCell::Number(f),
            (None, None) => RecordCell::Text(n.to_string()),
        },
        other => RecordCell::Unsupported(other.kind()),
    }
}

/// The keys of the object around the observations (as folded by `words`): a duplicate of one
/// of them is named in its error; any other key only by its position (it could be anything).
const WRAPPING_KEYS: [&str; 5] = ["observations", "fictional", "fictif", "fictive", "notes"];

/// Read JSON text; `note` says how it was decoded.
pub(crate) fn read_json_text(
    scope: Scope<'_>,
    text: &str,
    note: Option<Note>,
    opts: &IngestOptions,
) -> Result<ByTerritory, ObservationError> {
    super::check_size(text.len(), opts)?;
    let value: Node = serde_json::from_str(text).map_err(|e| ObservationError {
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
        Node::Array(items) => items,
        Node::Object(pairs) => {
            // As a map; a key written twice is refused (never the last one kept).
            let mut map: BTreeMap<String, Node> = BTreeMap::new();
            // Each key's position (from 1), to name an ignored one without quoting it.
            let mut positions: BTreeMap<String, usize> = BTreeMap::new();
            let mut issues = Vec::new();
            for (at, (k, v)) in pairs.into_iter().enumerate() {
                if map.contains_key(&k) {
                    let kind = K::JsonDuplicateKey {
                        key: CellText::of_id(&k, WRAPPING_KEYS.contains(&words(&k, '_').as_str())),
                        position: at + 1,
                    };
                    issues.push(ObservationIssue::new(kind, None));
                }
                positions.entry(k.clone()).or_insert(at + 1);
                map.insert(k, v);
            }
            let mut ignored: Vec<usize> = Vec::new();
            let mut observations = None;
            for (key, v) in map {
                match (words(&key, '_').as_str(), v) {
                    ("observations", Node::Array(items)) => observations = Some(items),
                    ("fictional" | "fictif" | "fictive", Node::Scalar(Value::Bool(b))) => {
                        fictional = Some(b)
                    }
                    ("fictional" | "fictif" | "fictive" | "notes", Node::Scalar(Value::Null)) => {}
                    ("notes", Node::Scalar(Value::String(s))) => notes.push(s),
                    ("notes", Node::Array(items))
                        if items
                            .iter()
                            .all(|i| matches!(i, Node::Scalar(Value::String(_)))) =>
                    {
                        notes.extend(items.into_iter().filter_map(|i| match i {
                            Node::Scalar(Value::String(s)) => Some(s),
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
                            found: v.kind(),
                        };
                        issues.push(ObservationIssue::new(kind, None));
                    }
                    _ => ignored.push(positions.get(&key).copied().unwrap_or(0)),
                }
            }
            ignored.sort_unstable();
            ingest_notes.extend(ignored.into_iter().map(|position| Note::IgnoredKeyAt {
                row: None,
                position,
            }));
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
                found: other.kind(),
            };
            return Err(ObservationError {
                issues: vec![ObservationIssue::new(kind, None)],
            });
        }
    };

    let items: Vec<RecordItem> = items
        .into_iter()
        .map(|item| match item {
            Node::Object(pairs) => RecordItem::Record(Record {
                pairs: sorted(pairs)
                    .into_iter()
                    .map(|(k, v)| (k, cell(v)))
                    .collect(),
            }),
            other => RecordItem::NotAnObject(other.kind()),
        })
        .collect();

    let mut out = Observations {
        fictional: fictional.unwrap_or_else(|| notes.iter().any(|n| mentions_fictional(n))),
        notes: notes
            .into_iter()
            .map(|text| Note::InputNote { text })
            .collect(),
        ..Default::default()
    };
    out.notes.append(&mut ingest_notes);
    records::read_scoped(scope, &items, Origin::Json, out, opts)
}
