//! Reports rendered from an [`crate::eval::Evaluation`], used by all three runtimes.
//!
//! - [`render_text`]: plain text for the terminal;
//! - [`render_html`]: one self-contained HTML document for the COPIL (inline CSS and SVG
//!   charts, no script, prints on A4);
//! - [`render_markdown`]: the same content for wikis and e-mails;
//! - [`render_csv`]: one row per indicator × window (French or plain flavour);
//! - [`render_json`]: the evaluation's data with its texts in a language (what the bindings
//!   hand out); the data alone is [`crate::eval::Evaluation::to_json`];
//! - [`explain`], [`target_text`], [`notes`]: the texts of one result, indicator or
//!   evaluation, in French or English, rendered on demand (the evaluation is
//!   language-neutral data).
//! - many plans: [`render_many_html`] and [`render_many_markdown`] (the roll-up of a
//!   [`crate::eval::Rollup`]: status counts over the plans, one row per plan) and
//!   [`render_many_csv`] (every plan's rows, with a leading `territory` column);
//! - [`notebook`]: the notebook views (`_repr_html_`, `repr`) of one evaluation and of many;
//! - Excel workbooks (feature `spreadsheet`): `entry_workbook`, the data-entry workbook of a
//!   plan (*grille de saisie*: the observation sheet with its checks, the indicators and
//!   what to enter for each, how to fill it), whose sheets are also [`entry_csv`] and
//!   [`entry_guide_csv`]; `results_workbook`, the results, scores and notes of an
//!   evaluation for the COPIL, as typed cells; their error is [`WorkbookError`];
//!
//! French number and date formatting in French output (`1 234`, `12,5 %`, `31/12/2026`);
//! optional small-count suppression ([`ReportOptions::suppress_below`]).

mod csv;
mod entry;
mod escape;
mod explain;
mod html;
mod json;
mod many;
mod markdown;
pub mod notebook;
mod options;
mod svg;
pub mod table;
mod text;
pub(crate) mod view;
mod workbook;

pub use self::csv::{render_csv, render_many_csv, CsvFlavour};
pub use entry::{entry_csv, entry_guide_csv, entry_workbook};
pub use escape::{escape as escape_html, escape_csv, escape_markdown};
pub use explain::{explain, explanations, target_text};
pub use html::render_html;
pub use json::{render_json, DiagnosticsView, EvaluationView, IndicatorView, ViewOptions};
pub use many::{render_many_html, render_many_markdown};
pub use markdown::render_markdown;
pub use options::ReportOptions;
pub use text::render_text;
pub use view::window_label;
pub use workbook::{results_workbook, WorkbookError};

/// The notes of an evaluation in `lang`: the input's ([`crate::io::Note::render`]: comment
/// lines by their rows, decoding, ignored columns by position…), then the evaluation's own (observations
/// of indicators the plan does not have). Every report lists these.
///
/// ```
/// use ctg_core::{eval::{evaluate, EvalOptions}, io::{read_csv, IngestOptions}, report, Lang};
/// let plan = ctg_core::plans::sundgau().unwrap();
/// let obs = read_csv(&plan, "indicator,date,value\nf8.1,2026-12-31,3\n".as_bytes(),
///     &IngestOptions { lenient: true, ..Default::default() }).unwrap();
/// let mut ev = evaluate(&plan, &obs, &EvalOptions::default());
/// ev.diagnostics.not_in_plan = 2;
/// assert_eq!(report::notes(&ev, Lang::En), ["2 observation(s) of indicators not in the plan ignored"]);
///
/// let obs = read_csv(&plan, "# Données fictives\nindicator,date,value,x\nf8.1,2026-12-31,3,\n".as_bytes(),
///     &IngestOptions::default()).unwrap();
/// let ev = evaluate(&plan, &obs, &EvalOptions::default());
/// assert_eq!(report::notes(&ev, Lang::Fr), [
///     "1 ligne de commentaire (`#`), ligne 1, non reprise",
///     "colonne 4 ignorée : son en-tête ne nomme aucune colonne connue",
/// ]);
/// assert_eq!(report::notes(&ev, Lang::En), [
///     "1 comment line (`#`), row 1, not copied",
///     "ignored column 4: its header names no known column",
/// ]);
/// ```
pub fn notes(ev: &crate::eval::Evaluation, lang: crate::Lang) -> Vec<String> {
    let d = &ev.diagnostics;
    let mut out: Vec<String> = d.notes.iter().map(|n| n.render(lang)).collect();
    if d.not_in_plan > 0 {
        out.push(format!(
            "{} {}",
            d.not_in_plan,
            lang.pick(
                "observation(s) d'indicateurs absents du plan ignorée(s)",
                "observation(s) of indicators not in the plan ignored"
            )
        ));
    }
    out
}
