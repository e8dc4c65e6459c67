//! The problems of one bad plan, one bad target and one bad CSV, in French and English,
//! against a golden file that the Python (`ctg-py/tests/test_errors.py`) and JavaScript
//! (`ctg-wasm/tests/errors.test.mjs`) tests read too: every runtime shows the same
//! problems. `CTG_UPDATE_GOLDEN=1 cargo test -p ctg-core --test problems` rewrites it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ctg_core::io::{read_csv, IngestOptions};
use ctg_core::model::Plan;
use ctg_core::problem::{render_list, Problem};
use ctg_core::Lang;
use serde_json::{json, Value};

const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/problems/golden.json");
const PLAN: &str = include_str!("plans/broken_targets.toml");
const TARGET: &str = "> abc";
const CSV: &str = include_str!("problems/observations.csv");

fn problems(lang: Lang) -> Value {
    let plan = Plan::from_toml(PLAN).unwrap_err().problems(lang);
    let target = vec![ctg_core::target::parse(TARGET).unwrap_err().problem(lang)];
    let sundgau = ctg_core::plans::sundgau().unwrap();
    let csv = read_csv(&sundgau, CSV.as_bytes(), &IngestOptions::default())
        .unwrap_err()
        .problems(lang);
    let with_text = |p: &[Problem]| json!({ "problems": p, "text": render_list(p, None) });
    json!({ "plan": with_text(&plan), "target": with_text(&target), "csv": with_text(&csv) })
}

#[test]
fn every_runtime_shows_these_problems() {
    let got = json!({ "fr": problems(Lang::Fr), "en": problems(Lang::En) });
    if std::env::var_os("CTG_UPDATE_GOLDEN").is_some() {
        let text = serde_json::to_string_pretty(&got).unwrap();
        std::fs::write(GOLDEN, text + "\n").unwrap();
    }
    let golden: Value = serde_json::from_str(&std::fs::read_to_string(GOLDEN).unwrap()).unwrap();
    for lang in ["fr", "en"] {
        for input in ["plan", "target", "csv"] {
            let pretty = |v: &Value| serde_json::to_string_pretty(&v[lang][input]).unwrap();
            assert_eq!(
                pretty(&got),
                pretty(&golden),
                "{lang} {input}: CTG_UPDATE_GOLDEN=1 rewrites the golden file"
            );
        }
    }
    assert_eq!(got, golden);
}

#[test]
fn problems_differ_only_in_their_language() {
    let (fr, en) = (problems(Lang::Fr), problems(Lang::En));
    for input in ["plan", "target", "csv"] {
        let (fr, en) = (
            fr[input]["problems"].as_array().unwrap(),
            en[input]["problems"].as_array().unwrap(),
        );
        assert_eq!(fr.len(), en.len());
        assert!(!fr.is_empty());
        for (f, e) in fr.iter().zip(en) {
            for key in [
                "code", "kind", "severity", "loc", "line", "column", "row", "span", "input",
            ] {
                assert_eq!(f[key], e[key], "{input}: {key}");
            }
            assert_eq!(
                (f["lang"].as_str(), e["lang"].as_str()),
                (Some("fr"), Some("en"))
            );
            assert_ne!(
                f["message"], e["message"],
                "{input}: a message in each language"
            );
        }
    }
}
