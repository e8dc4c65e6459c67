//! CSV export of results: one row per indicator × window (and yearly summary).

use super::ReportOptions;
use crate::eval::table::{indicator_rows, Cell, CellOptions, Rows, CSV_COLUMNS};
use crate::eval::Evaluation;
use crate::fmt::date;
use crate::Lang;

/// The CSV dialect of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CsvFlavour {
    /// French Excel: `;` separator, decimal comma, `31/12/2026` dates, UTF-8 BOM.
    #[default]
    French,
    /// Scripts: `,` separator, decimal point, ISO dates, no BOM.
    Plain,
}

fn num(v: f64, flavour: CsvFlavour) -> String {
    match flavour {
        CsvFlavour::French => v.to_string().replace('.', ","),
        CsvFlavour::Plain => v.to_string(),
    }
}

/// Export every result as CSV, one row per indicator × window (and yearly summary), in plan
/// order, with the columns of [`crate::eval::table::CSV_COLUMNS`]: axis, fiche, indicator,
/// label, kind, window, start, end, state, value, value_text, target, status,
/// status_label, achievement, baseline, expected, projection, change, coverage,
/// observations, explanation. The plain flavour's headers are the columns' names, the
/// French flavour's their French names (`axe;fiche;indicateur;libellé;…`). Numbers are
/// written in full precision (in the French flavour with a decimal comma); small-count
/// suppression, when asked, blanks the columns that would reveal a small count (value,
/// achievement, baseline, projection, change, and the number of observations: the
/// schema's [`suppressible`](crate::eval::table::Column::suppressible) columns).
///
/// ```
/// use ctg_core::{eval::{evaluate, EvalOptions}, io::Observations, report::{render_csv, CsvFlavour, ReportOptions}};
/// let plan = ctg_core::plans::sundgau().unwrap();
/// let ev = evaluate(&plan, &Observations::default(), &EvalOptions::default());
/// let csv = render_csv(&ev, &ReportOptions::default(), CsvFlavour::Plain);
/// assert!(csv.starts_with("axis,fiche,indicator,label,"));
/// let fr = render_csv(&ev, &ReportOptions::default(), CsvFlavour::French);
/// assert!(fr.starts_with("\u{feff}axe;fiche;indicateur;libellé;"));
/// ```
pub fn render_csv(ev: &Evaluation, opts: &ReportOptions, flavour: CsvFlavour) -> String {
    let lang = opts.lang_or(ev.lang);
    let (delimiter, header_lang, date_lang) = match flavour {
        CsvFlavour::French => (b';', Lang::Fr, Lang::Fr),
        CsvFlavour::Plain => (b',', Lang::En, Lang::En),
    };
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::new());
    let mut ok = w
        .write_record(CSV_COLUMNS.iter().map(|c| c.header(header_lang)))
        .is_ok();
    let cells = CellOptions {
        lang,
        explanations: true,
        suppress_below: opts.suppress_below,
    };
    let mut record: Vec<String> = Vec::with_capacity(CSV_COLUMNS.len());
    for ind in ev
        .indicators
        .iter()
        .filter(|i| opts.includes(i.fiche, i.axis))
    {
        for row in indicator_rows(ev, ind, Rows::All) {
            record.clear();
            record.extend(CSV_COLUMNS.iter().map(|c| match row.cell(c, &cells) {
                Cell::Null => String::new(),
                Cell::Int(n) => n.to_string(),
                Cell::Float(v) => num(v, flavour),
                Cell::Date(d) => date(d, date_lang),
                Cell::Bool(b) => b.to_string(),
                Cell::Text(t) => t.into_owned(),
                Cell::Status(s) => s.code().to_string(),
            }));
            ok &= w.write_record(&record).is_ok();
        }
    }
    let bytes = w.into_inner().unwrap_or_default();
    let text = String::from_utf8(bytes).unwrap_or_default();
    match (ok, flavour) {
        (false, _) => String::new(),
        (true, CsvFlavour::French) => format!("\u{feff}{text}"),
        (true, CsvFlavour::Plain) => text,
    }
}
