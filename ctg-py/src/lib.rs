//! Python bindings for ctg (placeholder until the ctg-py issue lands).
//!
//! The crate compiles and re-exports `ctg_core` so that the workspace shape is in place;
//! the PyO3 module arrives with its own issue.
pub use ctg_core;
