//! Reports rendered from an [`crate::eval::Evaluation`], used by all three runtimes.
//!
//! - [`render_text`]: plain text for the terminal;
//! - [`render_html`]: one self-contained HTML document for the COPIL (inline CSS and SVG
//!   charts, no script, prints on A4);
//! - [`render_markdown`]: the same content for wikis and e-mails;
//! - [`render_csv`]: one row per indicator × window (French or plain flavour);
//! - many plans: [`render_many_html`] and [`render_many_markdown`] (the roll-up of a
//!   [`crate::eval::Rollup`]: status counts over the plans, one row per plan) and
//!   [`render_many_csv`] (every plan's rows, with a leading `territory` column);
//! - [`notebook`]: the notebook views (`_repr_html_`, `repr`) of one evaluation and of many;
//! - JSON: [`crate::eval::Evaluation::to_json`].
//!
//! French number and date formatting in French output (`1 234`, `12,5 %`, `31/12/2026`);
//! optional small-count suppression ([`ReportOptions::suppress_below`]).

mod csv;
mod escape;
mod html;
mod many;
mod markdown;
pub mod notebook;
mod options;
mod svg;
mod text;
mod view;

pub use self::csv::{render_csv, render_many_csv, CsvFlavour};
pub use escape::{escape as escape_html, escape_markdown};
pub use html::render_html;
pub use many::{render_many_html, render_many_markdown};
pub use markdown::render_markdown;
pub use options::ReportOptions;
pub use text::render_text;
pub use view::window_label;
