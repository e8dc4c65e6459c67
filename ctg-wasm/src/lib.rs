//! WebAssembly bindings for ctg: a thin wasm-bindgen layer over `ctg-core`.
//!
//! The JS API (`Plan.sundgau()`, `Plan.fromToml`, `Plan.fromJson`, `plan.toJson()`,
//! `plan.evaluate(observations, { asOf, lang, strict, explanations })`, `evaluateMany`,
//! `parseTarget`, `statuses`, `resultColumns`) only converts types: every rule lives in
//! `ctg-core`. An evaluation reaches JS as an `Evaluation` object holding ctg-core's
//! evaluation: its data (`toJSON()`, equal to `JSON.parse(Evaluation::to_json())`, and a
//! getter per field), its results table (`rows()`, ctg-core's `report::table`) and its
//! reports (`toHtml`, `toMarkdown`, `toCsv`: ctg-core's renderers). Problems are thrown as
//! `Error` objects carrying `code`, `row`/`column`, `line`/`column` or `span`, and `errors`.
//! See `ctg-wasm/README.md`.
//!
//! On the host only [`convert`] is built (and unit-tested); the JS glue needs wasm32.

pub mod convert;

#[cfg(target_arch = "wasm32")]
mod js;
#[cfg(target_arch = "wasm32")]
mod typings;

#[cfg(target_arch = "wasm32")]
pub use js::{
    evaluate_many, is_ctg_error, parse_target, result_columns, score_status, statuses,
    EvaluateOptions, JsEvaluation, JsEvaluations, JsPlan,
};
