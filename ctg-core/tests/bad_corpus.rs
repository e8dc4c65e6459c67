//! The shared bad-input corpus (`tests/corpus/bad/`, issue 16): each input of
//! `cases.toml` — targets, plans in TOML and JSON, observations in CSV and JSON for the
//! Sundgau plan, read strictly and leniently — against the problems of `expected.json`
//! (code, kind, position, message and hint in French and English). Python
//! (`ctg-py/tests/test_bad_corpus.py`) and JavaScript (`ctg-wasm/tests/bad-corpus.test.mjs`)
//! replay the same file through their own APIs: every runtime reports the same problems.
//!
//! Positions are runtime-neutral: a target span counts characters. `CTG_BLESS=1 cargo
//! test -p ctg-core --test bad_corpus` rewrites `expected.json`: read the diff.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;

use chrono::NaiveDate;
use ctg_core::eval::{evaluate, EvalOptions};
use ctg_core::io::{read_auto, IngestOptions, ObservationIssue};
use ctg_core::model::Plan;
use ctg_core::problem::Problem;
use ctg_core::Lang;
use serde_json::{json, Value};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/bad");

/// The inputs of `cases.toml`, expanded: the `mini` plan with its replacements, a hex
/// input as bytes; observation texts end with a line break, as files do.
fn cases() -> Vec<Value> {
    let text = std::fs::read_to_string(format!("{DIR}/cases.toml")).unwrap();
    let doc: toml::Value = toml::from_str(&text).unwrap();
    let mini = &doc["mini"];
    let mut names = BTreeSet::new();
    let mut out = Vec::new();
    for case in doc["case"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        assert!(
            names.insert(name.to_string()),
            "{name}: two cases of that name"
        );
        let input = case["input"].as_str().unwrap();
        assert!(
            ["target", "plan_toml", "plan_json", "csv", "json"].contains(&input),
            "{name}: input {input}"
        );
        let mut entry = json!({ "name": name, "input": input });
        if let Some(hex) = case.get("hex") {
            entry["hex"] = json!(hex.as_str().unwrap());
        } else {
            let mut text = match case.get("base") {
                Some(base) => {
                    assert_eq!(base.as_str(), Some("mini"), "{name}");
                    let key = if input == "plan_json" { "json" } else { "toml" };
                    mini[key].as_str().unwrap().to_string()
                }
                None => case["text"].as_str().unwrap().to_string(),
            };
            for pair in case
                .get("replace")
                .and_then(|r| r.as_array())
                .into_iter()
                .flatten()
            {
                let (from, to) = (pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
                assert_eq!(
                    text.matches(from).count(),
                    1,
                    "{name}: {from:?} is not found once"
                );
                text = text.replacen(from, to, 1);
            }
            if let Some(more) = case.get("append") {
                text.push_str(more.as_str().unwrap());
            }
            if matches!(input, "csv" | "json") && !text.ends_with('\n') {
                text.push('\n');
            }
            entry["text"] = json!(text);
        }
        out.push(entry);
    }
    out
}

fn bytes(case: &Value) -> Vec<u8> {
    match case.get("hex") {
        Some(hex) => {
            let hex = hex.as_str().unwrap();
            (0..hex.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
                .collect()
        }
        None => case["text"].as_str().unwrap().as_bytes().to_vec(),
    }
}

/// A byte offset of `input` as a character offset.
fn chars(input: &str, byte: usize) -> usize {
    input.get(..byte).map_or(byte, |s| s.chars().count())
}

/// One problem in both languages, runtime-neutral: the span in characters of its input.
fn problem(fr: &Problem, en: &Problem) -> Value {
    assert_eq!(
        (&fr.code, fr.kind, &fr.loc, fr.line, fr.column, fr.row, fr.span),
        (&en.code, en.kind, &en.loc, en.line, en.column, en.row, en.span)
    );
    let span = match (fr.span, &fr.input) {
        (Some(s), Some(input)) => json!([chars(input, s.start), chars(input, s.end)]),
        _ => Value::Null,
    };
    json!({
        "code": fr.code,
        "kind": fr.kind.as_str(),
        "loc": fr.loc,
        "line": fr.line,
        "column": fr.column,
        "row": fr.row,
        "span": span,
        "message_fr": fr.message,
        "message_en": en.message,
        "hint_fr": fr.hint,
        "hint_en": en.hint,
    })
}

fn problems(fr: &[Problem], en: &[Problem]) -> Value {
    assert_eq!(fr.len(), en.len());
    assert!(!fr.is_empty());
    Value::Array(fr.iter().zip(en).map(|(f, e)| problem(f, e)).collect())
}

/// A rejected row of a lenient read, as every runtime's `diagnostics.rejected` holds it.
fn rejected(issue: &ObservationIssue) -> Value {
    json!({
        "code": issue.code().as_str(),
        "row": issue.row,
        "column": issue.column,
        "message_fr": issue.message(Lang::Fr),
        "message_en": issue.message(Lang::En),
        "hint_fr": issue.hint(Lang::Fr),
        "hint_en": issue.hint(Lang::En),
    })
}

fn as_of() -> EvalOptions {
    EvalOptions {
        as_of: NaiveDate::from_ymd_opt(2026, 12, 31),
        ..Default::default()
    }
}

/// What ctg answers for one input.
fn answer(case: &Value, sundgau: &Plan) -> Value {
    let input = case["input"].as_str().unwrap();
    let bytes = bytes(case);
    match input {
        "target" => {
            let text = std::str::from_utf8(&bytes).unwrap();
            match ctg_core::target::parse(text) {
                Ok(_) => json!({ "strict": { "ok": true } }),
                Err(e) => json!({
                    "strict": { "problems": problems(&[e.problem(Lang::Fr)], &[e.problem(Lang::En)]) }
                }),
            }
        }
        "plan_toml" | "plan_json" => {
            let text = std::str::from_utf8(&bytes).unwrap();
            let loaded = if input == "plan_toml" {
                Plan::from_toml(text)
            } else {
                Plan::from_json(text)
            };
            match loaded {
                Ok(_) => json!({ "strict": { "ok": true } }),
                Err(e) => json!({
                    "strict": { "problems": problems(&e.problems(Lang::Fr), &e.problems(Lang::En)) }
                }),
            }
        }
        _ => {
            let read = |lenient: bool| {
                let opts = IngestOptions {
                    lenient,
                    ..Default::default()
                };
                match read_auto(sundgau, &bytes, &opts) {
                    Ok(obs) => {
                        let ev = evaluate(sundgau, &obs, &as_of());
                        let mut v = json!({ "used": ev.diagnostics.used });
                        if lenient {
                            v["rejected"] = Value::Array(
                                ev.diagnostics.rejected.iter().map(rejected).collect(),
                            );
                        } else {
                            v["ok"] = json!(true);
                        }
                        v
                    }
                    Err(e) => json!({
                        "problems": problems(&e.problems(Lang::Fr), &e.problems(Lang::En))
                    }),
                }
            };
            json!({ "strict": read(false), "lenient": read(true) })
        }
    }
}

#[test]
fn bad_inputs_give_their_expected_problems() {
    let sundgau = ctg_core::plans::sundgau().unwrap();
    let cases = cases();
    assert!(cases.len() >= 150, "{} cases", cases.len());
    let got: Vec<Value> = cases
        .iter()
        .map(|case| {
            let mut entry = case.clone();
            let answer = answer(case, &sundgau);
            for (k, v) in answer.as_object().unwrap() {
                entry[k] = v.clone();
            }
            entry
        })
        .collect();
    let got = json!({
        "note": "Generated by ctg-core/tests/bad_corpus.rs from cases.toml (CTG_BLESS=1); every entry checked by hand. Fictional data.",
        "as_of": "2026-12-31",
        "cases": got,
    });
    let path = format!("{DIR}/expected.json");
    if std::env::var_os("CTG_BLESS").is_some() {
        std::fs::write(&path, serde_json::to_string_pretty(&got).unwrap() + "\n").unwrap();
    }
    let expected: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let (g, e) = (
        got["cases"].as_array().unwrap(),
        expected["cases"].as_array().unwrap(),
    );
    for (g, e) in g.iter().zip(e) {
        assert_eq!(
            serde_json::to_string_pretty(g).unwrap(),
            serde_json::to_string_pretty(e).unwrap(),
            "{}: CTG_BLESS=1 rewrites expected.json",
            g["name"]
        );
    }
    assert_eq!(got, expected, "CTG_BLESS=1 rewrites expected.json");
}

/// The corpus is what it says: every kind of input, most of them refused.
#[test]
fn the_corpus_covers_every_input_kind() {
    let cases = cases();
    for kind in ["target", "plan_toml", "plan_json", "csv", "json"] {
        let n = cases.iter().filter(|c| c["input"] == kind).count();
        assert!(n >= 15, "{kind}: {n} cases");
    }
}
