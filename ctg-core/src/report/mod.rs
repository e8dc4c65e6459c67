//! Reports rendered from an [`crate::eval::Evaluation`].
//!
//! - [`render_text`]: a plain-text report for the terminal (French by default).

mod text;

pub use text::render_text;
