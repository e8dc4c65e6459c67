//! Reports rendered from an [`crate::eval::Evaluation`], used by all three runtimes.
//!
//! - [`render_text`]: plain text for the terminal;
//! - [`render_html`]: one self-contained HTML document for the COPIL (inline CSS and SVG
//!   charts, no script, prints on A4);
//! - [`render_markdown`]: the same content for wikis and e-mails;
//! - [`render_csv`]: one row per indicator × window (French or plain flavour);
//! - JSON: [`crate::eval::Evaluation::to_json`].
//!
//! French number and date formatting in French output (`1 234`, `12,5 %`, `31/12/2026`);
//! optional small-count suppression ([`ReportOptions::suppress_below`]).

mod csv;
mod escape;
mod html;
mod markdown;
mod options;
mod svg;
mod text;
pub(crate) mod view;

pub use self::csv::{render_csv, CsvFlavour};
pub use escape::{escape as escape_html, escape_markdown};
pub use html::render_html;
pub use markdown::render_markdown;
pub use options::ReportOptions;
pub use text::render_text;
pub use view::window_label;
