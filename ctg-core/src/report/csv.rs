//! CSV export of results: one row per indicator × window (and yearly summary).

use super::view::{hidden, value_text};
use super::ReportOptions;
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

fn num(v: Option<f64>, flavour: CsvFlavour) -> String {
    match v {
        None => String::new(),
        Some(v) if flavour == CsvFlavour::French => v.to_string().replace('.', ","),
        Some(v) => v.to_string(),
    }
}

/// Export every result as CSV, one row per indicator × window, in plan order: axis, fiche,
/// indicator, label, kind, window, start, end, state, value, value_text, target, status,
/// status_label, achievement, baseline, expected, projection, change, coverage,
/// observations, explanation. Numbers are written in full precision (in the French
/// flavour with a decimal comma); small-count suppression, when asked, blanks the numbers
/// that would reveal a small count (value, achievement, baseline, projection, change, and
/// the number of observations).
///
/// ```
/// use ctg_core::{eval::{evaluate, EvalOptions}, io::Observations, report::{render_csv, CsvFlavour, ReportOptions}};
/// let plan = ctg_core::plans::sundgau().unwrap();
/// let ev = evaluate(&plan, &Observations::default(), &EvalOptions::default());
/// let csv = render_csv(&ev, &ReportOptions::default(), CsvFlavour::Plain);
/// assert!(csv.starts_with("axis,fiche,indicator,label,"));
/// ```
pub fn render_csv(ev: &Evaluation, opts: &ReportOptions, flavour: CsvFlavour) -> String {
    let lang = opts.lang;
    let delimiter = if flavour == CsvFlavour::French {
        b';'
    } else {
        b','
    };
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::new());
    let header = [
        "axis",
        "fiche",
        "indicator",
        "label",
        "kind",
        "window",
        "start",
        "end",
        "state",
        "value",
        "value_text",
        "target",
        "status",
        "status_label",
        "achievement",
        "baseline",
        "expected",
        "projection",
        "change",
        "coverage",
        "observations",
        "explanation",
    ];
    let mut ok = w.write_record(header).is_ok();
    let fmt_date = |d| match flavour {
        CsvFlavour::French => date(d, Lang::Fr),
        CsvFlavour::Plain => date(d, Lang::En),
    };
    for ind in ev
        .indicators
        .iter()
        .filter(|i| opts.includes(i.fiche, i.axis))
    {
        let target = ind
            .target
            .as_ref()
            .map(|t| t.display(lang))
            .unwrap_or_default();
        for r in ind.rows() {
            let hide = hidden(ind, r.value, opts);
            let keep = |v: Option<f64>| if hide { None } else { v };
            let kind = if r.kind == crate::eval::ResultKind::YearSummary {
                "year_summary"
            } else {
                "window"
            };
            let state = if r.state == crate::eval::WindowState::Closed {
                "closed"
            } else {
                "open"
            };
            let record = [
                r.axis.to_string(),
                r.fiche.to_string(),
                r.indicator.clone(),
                r.label.clone(),
                kind.to_string(),
                r.window.code().to_string(),
                fmt_date(r.start),
                fmt_date(r.end),
                state.to_string(),
                num(keep(r.value), flavour),
                value_text(ind, r, lang, opts),
                target.clone(),
                r.status.code().to_string(),
                r.status.label(lang).to_string(),
                num(keep(r.achievement), flavour),
                num(keep(r.baseline), flavour),
                num(r.expected, flavour),
                num(keep(r.projection), flavour),
                num(keep(r.change), flavour),
                r.coverage
                    .map(|c| format!("{}/{}", c.with_data, c.total))
                    .unwrap_or_default(),
                if hide {
                    String::new()
                } else {
                    r.observations.to_string()
                },
                super::explain(ev, ind, r, lang, opts.threshold()),
            ];
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
