//! WebAssembly bindings for ctg (placeholder until the ctg-wasm issue lands).
//!
//! The crate compiles and re-exports `ctg_core` so that the workspace shape is in place;
//! the wasm-bindgen module arrives with its own issue.
pub use ctg_core;
