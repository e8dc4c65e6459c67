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

impl std::str::FromStr for CsvFlavour {
    type Err = String;

    /// `fr` (also `french`, `excel`) or `plain` (also `en`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "fr" | "french" | "excel" => Ok(CsvFlavour::French),
            "plain" | "en" => Ok(CsvFlavour::Plain),
            other => Err(format!(
                "unknown CSV flavour `{other}` (expected `fr` or `plain`)"
            )),
        }
    }
}

/// Export the results of many plans as one CSV: a leading `territory` column (the plan id),
/// then exactly the columns and cells of [`render_csv`] for each evaluation, in order (one
/// header; in the French flavour one BOM).
///
/// ```
/// use ctg_core::eval::{evaluate_many, EvalOptions};
/// use ctg_core::report::{render_many_csv, CsvFlavour, ReportOptions};
/// let template = ctg_core::plans::sundgau().unwrap();
/// let national = ctg_core::workload::national(&template, 2, 24, 300, 7);
/// let items: Vec<_> = national.iter().map(|t| (&t.plan, &t.observations)).collect();
/// let evaluations = evaluate_many(&items, &EvalOptions::default());
/// let csv = render_many_csv(&evaluations, &ReportOptions::default(), CsvFlavour::Plain);
/// assert!(csv.starts_with("territory,axis,fiche,indicator,"));
/// assert!(csv.lines().nth(1).unwrap().starts_with("ctg-0000,1,1,"));
/// ```
pub fn render_many_csv<'a>(
    evaluations: impl IntoIterator<Item = &'a Evaluation>,
    opts: &ReportOptions,
    flavour: CsvFlavour,
) -> String {
    let delimiter = if flavour == CsvFlavour::French {
        b';'
    } else {
        b','
    };
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::new());
    let mut ok = true;
    let mut header = false;
    // Each plan's CSV, read back and written with its plan id in front: the same cells and
    // quoting, whatever the columns of `render_csv` are.
    for ev in evaluations {
        let text = render_csv(ev, opts, flavour);
        for (i, record) in read_back(&text, delimiter).enumerate() {
            let Ok(record) = record else {
                ok = false;
                continue;
            };
            let first = match (i, header) {
                (0, true) => continue,
                (0, false) => {
                    header = true;
                    "territory"
                }
                _ => ev.plan_id.as_str(),
            };
            ok &= w
                .write_record(std::iter::once(first).chain(&record))
                .is_ok();
        }
    }
    if !header {
        // No plan: the header alone, from an evaluation that shows no fiche.
        if let Ok(plan) = crate::plans::sundgau() {
            let ev = crate::eval::evaluate(
                &plan,
                &crate::io::Observations::default(),
                &crate::eval::EvalOptions::default(),
            );
            let none = ReportOptions {
                fiches: Some(Vec::new()),
                ..opts.clone()
            };
            let text = render_csv(&ev, &none, flavour);
            if let Some(Ok(record)) = read_back(&text, delimiter).next() {
                ok &= w
                    .write_record(std::iter::once("territory").chain(&record))
                    .is_ok();
            }
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

/// The records of a CSV text that [`render_csv`] wrote (its BOM left out).
fn read_back(text: &str, delimiter: u8) -> csv::StringRecordsIntoIter<&[u8]> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(text.as_bytes())
        .into_records()
}

#[cfg(test)]
mod many_tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::eval::{evaluate, EvalOptions};
    use crate::io::{read_csv, IngestOptions};

    fn ev(id: &str, csv: &str) -> Evaluation {
        let mut plan = crate::plans::sundgau().unwrap();
        plan.id = id.to_string();
        let obs = read_csv(&plan, csv.as_bytes(), &IngestOptions::default()).unwrap();
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 12, 31);
        evaluate(&plan, &obs, &EvalOptions { as_of })
    }

    #[test]
    fn every_plan_s_rows_with_a_territory_column() {
        // A label with the delimiters, quotes and a line break survives the round trip.
        let mut a = ev("a;b", "indicator,date,value\nf8.1,2026-12-31,30\n");
        for ind in &mut a.indicators {
            ind.label = "x; \"y\",\nz".to_string();
        }
        let b = ev("ctg-0002", "indicator,date,value\nf8.1,2026-12-31,2\n");
        for flavour in [CsvFlavour::French, CsvFlavour::Plain] {
            let opts = ReportOptions {
                fiches: Some(vec![8]),
                lang: Lang::En,
                ..Default::default()
            };
            let many = render_many_csv([&a, &b], &opts, flavour);
            let sep = if flavour == CsvFlavour::French {
                ';'
            } else {
                ','
            };
            let body = |ev: &Evaluation| {
                let one = render_csv(ev, &opts, flavour);
                let one = one.trim_start_matches('\u{feff}').to_string();
                one.split_once('\n').unwrap().1.to_string()
            };
            let header = render_csv(&a, &opts, flavour);
            let header = header
                .trim_start_matches('\u{feff}')
                .lines()
                .next()
                .unwrap()
                .to_string();
            let prefixed = |ev: &Evaluation, id: &str| {
                let body = body(ev);
                let mut r = csv::ReaderBuilder::new()
                    .delimiter(sep as u8)
                    .has_headers(false)
                    .from_reader(body.as_bytes());
                let mut w = csv::WriterBuilder::new()
                    .delimiter(sep as u8)
                    .from_writer(Vec::new());
                for rec in r.records() {
                    w.write_record(std::iter::once(id).chain(&rec.unwrap()))
                        .unwrap();
                }
                String::from_utf8(w.into_inner().unwrap()).unwrap()
            };
            let quoted_a = if flavour == CsvFlavour::French {
                "\"a;b\""
            } else {
                "a;b"
            };
            let expected = format!(
                "{}territory{sep}{header}\n{}{}",
                if flavour == CsvFlavour::French {
                    "\u{feff}"
                } else {
                    ""
                },
                prefixed(&a, "a;b"),
                prefixed(&b, "ctg-0002"),
            );
            assert_eq!(many, expected);
            assert!(many.contains(&format!("\n{quoted_a}{sep}")), "{many}");
            assert_eq!(many.matches("territory").count(), 1);
            assert!(many.contains("\"x; \"\"y\"\",\nz: "), "{many}");
        }
    }

    #[test]
    fn no_plan_is_the_header_alone() {
        let csv = render_many_csv(&[], &ReportOptions::default(), CsvFlavour::Plain);
        assert!(csv.starts_with("territory,axis,fiche,indicator,"));
        assert_eq!(csv.lines().count(), 1);
        let fr = render_many_csv(&[], &ReportOptions::default(), CsvFlavour::French);
        assert!(fr.starts_with("\u{feff}territory;axis;"));
    }

    #[test]
    fn flavours_by_name() {
        assert_eq!("fr".parse(), Ok(CsvFlavour::French));
        assert_eq!(" Plain ".parse(), Ok(CsvFlavour::Plain));
        assert!("xlsx".parse::<CsvFlavour>().unwrap_err().contains("`xlsx`"));
    }
}
