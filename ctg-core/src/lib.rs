//! # ctg-core
//!
//! Model a French *Convention Territoriale Globale* (CTG) action plan and evaluate its
//! indicators against observed data.
//!
//! - [`model`]: the plan (axes, *fiches d'action*, indicators), loaded from TOML or JSON;
//! - [`target`]: the target language (`> 200`, `+20%`, `>24/an`, `Réduction de 10%`…);
//! - [`window`]: evaluation windows (a leaf module: `target` and `model` both use it, and
//!   `target` does not depend on `model`);
//! - [`plans`]: bundled plans (the Sundgau plan 2025-2029);
//! - [`problem`]: the one serialisable shape of every problem (plan, target, observation),
//!   rendered in the asked language.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod eval;
pub mod fmt;
pub mod io;
pub mod lang;
pub mod model;
pub mod plans;
pub mod problem;
pub mod report;
pub mod target;
pub mod window;
pub mod workload;

pub use lang::Lang;
