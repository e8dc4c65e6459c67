//! # ctg-core
//!
//! Model a French *Convention Territoriale Globale* (CTG) action plan and evaluate its
//! indicators against observed data.
//!
//! **The boundary rule**: if code decides anything — a rule, a message, a format, a colour,
//! an order, a language choice — it lives in this crate, once. The Python (`ctg-py`) and
//! WebAssembly (`ctg-wasm`) bindings only convert native values to these types and back, so
//! the same input gives the same result, text and error in every runtime. The evaluation is
//! language-neutral data; [`report`] renders every text on demand in French or English.
//!
//! - [`model`]: the plan (axes, *fiches d'action*, indicators), loaded from TOML or JSON;
//! - [`target`]: the target language (`> 200`, `+20%`, `>24/an`, `Réduction de 10%`…);
//! - [`window`]: evaluation windows (a leaf module: `target` and `model` both use it, and
//!   `target` does not depend on `model`);
//! - [`eval`]: the engine (observations in, statuses and scores out);
//! - [`io`]: observations in (CSV, JSON, columns);
//! - [`import`]: plan documents in (the text export of the CTG template, .docx), every
//!   interpretation flagged;
//! - [`report`]: explanations and reports (HTML, Markdown, CSV, text, the JSON view);
//! - [`plans`]: bundled plans (the Sundgau plan 2025-2029);
//! - `workload` (feature `workload`): deterministic synthetic plans and observations for
//!   benchmarks and scale tests, all fictional;
//! - [`ffi`]: the boundary — serialisable calls and answers (JSON in, JSON out) that any
//!   frontend can go through;
//! - [`limits`]: limits as data ([`Limits`]: input size, rows, columns, id length, windows,
//!   problems kept, message length), each refusal a `limit_exceeded` problem;
//! - [`problem`]: the one serialisable shape of every problem (plan, target, observation),
//!   rendered in the asked language.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod eval;
pub mod ffi;
pub mod fmt;
#[cfg(feature = "import")]
pub mod import;
pub mod io;
pub mod lang;
pub mod limits;
pub mod model;
pub mod plans;
pub mod problem;
pub mod report;
pub mod target;
pub mod window;
#[cfg(feature = "workload")]
pub mod workload;

pub use lang::Lang;
pub use limits::Limits;
