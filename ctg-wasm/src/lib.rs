//! WebAssembly bindings for ctg: a thin wasm-bindgen layer over `ctg-core`.
//!
//! The JS API (`Plan.sundgau()`, `Plan.fromToml`, `Plan.fromJson`, `plan.toJson()`,
//! `plan.evaluate(observations, { asOf, lang, strict })`, `parseTarget`) only converts
//! types: every rule lives in `ctg-core`. Evaluations reach JS as plain objects equal to
//! `JSON.parse(Evaluation::to_json())`; problems are thrown as `Error` objects carrying
//! `code`, `row`/`column`, `line`/`column` or `span`, and `errors`. See `ctg-wasm/README.md`.
//!
//! On the host only [`convert`] is built (and unit-tested); the JS glue needs wasm32.

pub mod convert;

#[cfg(target_arch = "wasm32")]
mod js;
#[cfg(target_arch = "wasm32")]
mod typings;

#[cfg(target_arch = "wasm32")]
pub use js::{is_ctg_error, parse_target, score_status, statuses, EvaluateOptions, JsPlan};
