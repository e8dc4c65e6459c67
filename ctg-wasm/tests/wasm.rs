//! wasm-bindgen tests of the JS glue, run under node:
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner cargo test -p ctg-wasm --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ctg_wasm::{evaluate_many, is_ctg_error, parse_target, JsPlan};
use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const SUNDGAU_CSV: &str = include_str!("../../examples/sundgau/observations.csv");

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

fn stringify(v: &JsValue) -> String {
    JSON::stringify(v).unwrap().as_string().unwrap()
}

fn options(json: &str) -> Option<ctg_wasm::EvaluateOptions> {
    Some(JSON::parse(json).unwrap().unchecked_into())
}

/// A corpus case: the evaluation equals the golden JSON written by ctg-core's test.
fn corpus_case(toml_text: &str, golden: &str) {
    let case: toml::Table = toml::from_str(toml_text).unwrap();
    let plan = JsPlan::from_toml(
        JsValue::from_str(case["plan"].as_str().unwrap()),
        JsValue::UNDEFINED,
    )
    .unwrap();
    let as_of = case.get("as_of").and_then(|v| v.as_str());
    let opts = match as_of {
        Some(d) => format!(r#"{{"asOf": "{d}"}}"#),
        None => "{}".to_string(),
    };
    let csv = JsValue::from_str(case["observations"].as_str().unwrap());
    let ev = plan.evaluate(csv, options(&opts)).unwrap().data().unwrap();
    assert_eq!(stringify(&ev), stringify(&JSON::parse(golden).unwrap()));
}

#[wasm_bindgen_test]
fn corpus_cases_equal_the_golden_json() {
    corpus_case(
        include_str!("../../ctg-core/tests/corpus/eval/01_comparators.toml"),
        include_str!("../../ctg-core/tests/corpus/eval/golden/01_comparators.json"),
    );
    corpus_case(
        include_str!("../../ctg-core/tests/corpus/eval/07_distinct.toml"),
        include_str!("../../ctg-core/tests/corpus/eval/golden/07_distinct.json"),
    );
    corpus_case(
        include_str!("../../ctg-core/tests/corpus/eval/15_monthly.toml"),
        include_str!("../../ctg-core/tests/corpus/eval/golden/15_monthly.json"),
    );
}

#[wasm_bindgen_test]
fn sundgau_from_csv_text_and_records() {
    let plan = JsPlan::sundgau().unwrap();
    assert_eq!(plan.id(), "sundgau-2025-2029");
    let ev = plan
        .evaluate(
            JsValue::from_str(SUNDGAU_CSV),
            options(r#"{"asOf": "2026-12-31"}"#),
        )
        .unwrap()
        .data()
        .unwrap();
    assert_eq!(Array::from(&get(&ev, "indicators")).length(), 25);
    assert_eq!(get(&get(&ev, "diagnostics"), "used").as_f64(), Some(605.0));
    assert_eq!(get(&ev, "fictional").as_bool(), Some(true));

    let record = Object::new();
    Reflect::set(&record, &"Indicateur".into(), &"f2.1".into()).unwrap();
    Reflect::set(&record, &"date".into(), &"15/09/2026".into()).unwrap();
    Reflect::set(&record, &"valeur".into(), &JsValue::from_f64(240.0)).unwrap();
    let ev = plan
        .evaluate(
            Array::of1(&record).into(),
            options(r#"{"asOf": "2026-12-31"}"#),
        )
        .unwrap()
        .data()
        .unwrap();
    let f21 = Array::from(&get(&ev, "indicators"))
        .iter()
        .find(|i| get(i, "id").as_string().as_deref() == Some("f2.1"))
        .unwrap();
    assert_eq!(
        get(&get(&f21, "headline"), "status").as_string().as_deref(),
        Some("achieved")
    );
    assert_eq!(get(&get(&f21, "headline"), "value").as_f64(), Some(240.0));
}

#[wasm_bindgen_test]
fn errors_are_thrown_objects_and_the_module_survives() {
    let plan = JsPlan::sundgau().unwrap();

    let err = plan
        .evaluate(
            JsValue::from_str("indicateur;date;valeur\nf2.1;31/02/2026;3\n"),
            None,
        )
        .unwrap_err();
    assert!(is_ctg_error(err.clone()));
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("type_error"));
    assert_eq!(get(&err, "row").as_f64(), Some(2.0));
    assert_eq!(get(&err, "column").as_string().as_deref(), Some("date"));
    assert_eq!(Array::from(&get(&err, "errors")).length(), 1);

    let err = parse_target(JsValue::from_str("≥ abc"), JsValue::UNDEFINED).unwrap_err();
    assert_eq!(get(&err, "kind").as_string().as_deref(), Some("target"));
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("expected_number")
    );
    let span = get(&err, "span");
    assert_eq!(
        (get(&span, "start").as_f64(), get(&span, "end").as_f64()),
        (Some(2.0), Some(5.0))
    );

    let err = JsPlan::from_toml(
        JsValue::from_str(include_str!(
            "../../ctg-core/tests/plans/broken_targets.toml"
        )),
        JsValue::UNDEFINED,
    )
    .unwrap_err();
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("invalid_target")
    );
    assert_eq!(get(&err, "line").as_f64(), Some(19.0));
    assert_eq!(Array::from(&get(&err, "errors")).length(), 4);
    // The same problems, in one language, with the span in JS string indices.
    let problems = Array::from(&get(&err, "problems"));
    assert_eq!(problems.length(), 4);
    let first = problems.get(0);
    assert_eq!(get(&first, "line").as_f64(), Some(19.0));
    // French unless asked, like every other text.
    assert_eq!(get(&first, "lang").as_string().as_deref(), Some("fr"));
    let err = parse_target(JsValue::from_str("≥ abc"), JsValue::from_str("en")).unwrap_err();
    let problem = Array::from(&get(&err, "problems")).get(0);
    assert_eq!(get(&problem, "lang").as_string().as_deref(), Some("en"));
    let span = get(&problem, "span");
    assert_eq!(
        (get(&span, "start").as_f64(), get(&span, "end").as_f64()),
        (Some(2.0), Some(5.0))
    );

    let err = plan
        .evaluate(JsValue::from_f64(3.0), options(r#"{"strict": "no"}"#))
        .unwrap_err();
    assert_eq!(get(&err, "kind").as_string().as_deref(), Some("options"));
    assert!(!is_ctg_error(JsValue::from_str("CtgError")));

    // Still alive.
    let ev = plan
        .evaluate(JsValue::from_str(SUNDGAU_CSV), None)
        .unwrap()
        .data()
        .unwrap();
    assert_eq!(get(&ev, "as_of").as_string().as_deref(), Some("2027-01-15"));
}

#[wasm_bindgen_test]
fn many_plans_and_reports_from_rust() {
    let a = JsPlan::sundgau().unwrap();
    let b = JsPlan::from_json(
        JsValue::from_str(
            &a.to_json()
                .unwrap()
                .replace("sundgau-2025-2029", "ctg-0001"),
        ),
        JsValue::UNDEFINED,
    )
    .unwrap();
    let plans = Array::of2(&JsValue::from(a), &JsValue::from(b));
    let csv = "territoire;indicateur;date;valeur\nctg-0001;f8.1;31/12/2026;30\n";
    let evs = evaluate_many(plans.clone().into(), JsValue::from_str(csv), None).unwrap();
    assert_eq!(evs.length(), 2);
    assert_eq!(evs.keys(), ["sundgau-2025-2029", "ctg-0001"]);
    let second = evs.at(JsValue::from_f64(-1.0)).unwrap().unwrap();
    assert_eq!(second.plan_id(), "ctg-0001");
    let html = second.to_html(None).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"), "{}", &html[..40]);
    // The plans are still usable after the call (they were not moved into it).
    let first = plans.get(0);
    assert_eq!(
        get(&first, "id").as_string().as_deref(),
        Some("sundgau-2025-2029")
    );
}
