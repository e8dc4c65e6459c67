//! The boundary corpus (`tests/corpus/ffi/*.toml`): each case is a call name and its JSON
//! input; `ctg_core::ffi::call_json` answers it, and the answer is pinned in
//! `golden/<case>.json`. Python (`ctg.call_json`, `ctg-py/tests/test_ffi.py`) and
//! JavaScript (`callJson`, `ctg-wasm/tests/ffi.test.mjs`) answer the same calls with the same
//! bytes. `CTG_BLESS=1` rewrites the answers (review the diff).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;

use ctg_core::ffi::call_json;

#[test]
fn answers_are_pinned() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/ffi");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 10);
    let bless = std::env::var_os("CTG_BLESS").is_some();
    let mut fails = Vec::new();
    for path in &paths {
        let case: toml::Table = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let answer = call_json(
            case["call"].as_str().unwrap(),
            case["input"].as_str().unwrap(),
        ) + "\n";
        // Every answer is JSON with a status.
        let v: serde_json::Value = serde_json::from_str(&answer).unwrap();
        assert!(
            v["status"] == "success" || v["status"] == "failure",
            "{}",
            path.display()
        );
        let golden = dir
            .join("golden")
            .join(path.file_name().unwrap())
            .with_extension("json");
        if bless {
            std::fs::write(&golden, &answer).unwrap();
        } else if std::fs::read_to_string(&golden).ok().as_deref() != Some(answer.as_str()) {
            fails.push(format!(
                "{} differs (CTG_BLESS=1 to update)",
                golden.display()
            ));
        }
    }
    assert!(fails.is_empty(), "{}", fails.join("\n"));
}

fn answer(name: &str, input: &str) -> serde_json::Value {
    serde_json::from_str(&call_json(name, input)).unwrap()
}

/// What the answers say, checked by hand.
#[test]
fn answers_say_what_they_must() {
    let a = answer(
        "parse_target",
        r#"{"text": "> deux cents familles", "lang": "en"}"#,
    );
    assert_eq!(a["status"], "success", "{a}");
    assert_eq!(a["result"]["display"], "> 200 familles");
    let a = answer("parse_target", r#"{"text": "plus de", "lang": "fr"}"#);
    assert_eq!(a["status"], "failure");
    assert_eq!(a["errors"][0]["kind"], "target");
    assert_eq!(a["errors"][0]["lang"], "fr");
    // Lenient: the two bad rows are warnings, the good one is used.
    let a = answer(
        "evaluate",
        r#"{"plan": {"format": "bundled", "name": "sundgau"},
            "observations": "indicateur;date;valeur\nf8.1;31/12/2026;30\nf8.1;31/12/2026;-4\nf2.1;31/13/2026;250\n",
            "as_of": "2026-12-31", "strict": false}"#,
    );
    assert_eq!(a["status"], "success");
    let warnings = a["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 2);
    assert!(warnings.iter().all(|w| w["severity"] == "warning"));
    assert_eq!(a["result"]["evaluation"]["diagnostics"]["used"], 1);
    // Strict: the same rows fail the call, every problem listed.
    let a = answer(
        "evaluate",
        r#"{"plan": {"format": "bundled", "name": "sundgau"},
            "observations": "indicateur;date;valeur\nf8.1;31/12/2026;-4\nf2.1;31/13/2026;250\n"}"#,
    );
    assert_eq!(a["status"], "failure");
    assert_eq!(a["errors"].as_array().unwrap().len(), 2);
    // A bad date and an unknown bundled plan: both reported at once.
    let a = answer(
        "evaluate",
        r#"{"plan": {"format": "bundled", "name": "nulle-part"}, "observations": "", "as_of": "demain"}"#,
    );
    let codes: Vec<&str> = a["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["invalid_as_of", "unknown_plan"]);
    // Not JSON at all, and an unknown call.
    assert_eq!(answer("evaluate", "{")["errors"][0]["code"], "invalid_call");
    assert_eq!(answer("nope", "{}")["errors"][0]["code"], "unknown_call");
}
