//! CSV export of results: one row per indicator × window (and yearly summary).

use super::ReportOptions;
use crate::eval::Evaluation;
use crate::fmt::date;
use crate::report::table::{indicator_rows, Cell, CellOptions, Rows, CSV_COLUMNS, TERRITORY};
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
/// order, with the columns of [`crate::report::table::CSV_COLUMNS`]: axis, fiche, indicator,
/// label, kind, window, start, end, state, value, value_text, target, status,
/// status_label, achievement, baseline, expected, projection, change, coverage,
/// observations, explanation. The plain flavour's headers are the columns' names, the
/// French flavour's their French names (`axe;fiche;indicateur;libellé;…`). Numbers are
/// written in full precision (in the French flavour with a decimal comma); small-count
/// suppression, when asked, blanks the columns that would reveal a small count (value,
/// achievement, baseline, projection, change, and the number of observations: the
/// schema's [`suppressible`](crate::report::table::Column::suppressible) columns). A text
/// cell that a spreadsheet would run as a formula (a label `=HYPERLINK(…)`) is written with
/// a leading `'` ([`escape_csv`](crate::report::escape_csv)).
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
    write_csv(std::iter::once(ev), false, opts, flavour)
}

/// The results of `evaluations` as CSV, with a leading territory column (the plan id) if
/// `territory`: the one writer of [`render_csv`] and [`render_many_csv`].
fn write_csv<'a>(
    evaluations: impl IntoIterator<Item = &'a Evaluation>,
    territory: bool,
    opts: &ReportOptions,
    flavour: CsvFlavour,
) -> String {
    let lang = opts.lang;
    let (delimiter, header_lang, date_lang) = match flavour {
        CsvFlavour::French => (b';', Lang::Fr, Lang::Fr),
        CsvFlavour::Plain => (b',', Lang::En, Lang::En),
    };
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::new());
    let lead = territory.then(|| TERRITORY.header(header_lang));
    let mut ok = w
        .write_record(
            lead.into_iter()
                .chain(CSV_COLUMNS.iter().map(|c| c.header(header_lang))),
        )
        .is_ok();
    let cells = CellOptions {
        lang,
        explanations: true,
        suppress_below: opts.suppress_below,
    };
    let mut record: Vec<String> = Vec::with_capacity(CSV_COLUMNS.len() + 1);
    for ev in evaluations {
        for ind in ev
            .indicators
            .iter()
            .filter(|i| opts.includes(i.fiche, i.axis))
        {
            for row in indicator_rows(ev, ind, Rows::All) {
                record.clear();
                if territory {
                    record.push(ev.plan_id.clone());
                }
                record.extend(CSV_COLUMNS.iter().map(|c| match row.cell(c, &cells) {
                    Cell::Null => String::new(),
                    Cell::Int(n) => n.to_string(),
                    Cell::Float(v) => num(v, flavour),
                    Cell::Date(d) => date(d, date_lang),
                    Cell::Bool(b) => b.to_string(),
                    // Text a spreadsheet would run as a formula gets a leading `'`.
                    Cell::Text(t) => super::escape_csv(&t).into_owned(),
                    Cell::Status(s) => s.code().to_string(),
                }));
                ok &= w.write_record(&record).is_ok();
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

/// Export the results of many plans as one CSV: a leading territory column (the plan id;
/// headed `territory`, or `territoire` in the French flavour), then exactly the columns and
/// cells of [`render_csv`] for each evaluation, in order (one header; in the French flavour
/// one BOM).
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
    write_csv(evaluations, true, opts, flavour)
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
        evaluate(
            &plan,
            &obs,
            &EvalOptions {
                as_of,
                ..Default::default()
            },
        )
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
            let (bom, territory) = if flavour == CsvFlavour::French {
                ("\u{feff}", "territoire")
            } else {
                ("", "territory")
            };
            let expected = format!(
                "{bom}{territory}{sep}{header}\n{}{}",
                prefixed(&a, "a;b"),
                prefixed(&b, "ctg-0002"),
            );
            assert_eq!(many, expected);
            assert!(many.contains(&format!("\n{quoted_a}{sep}")), "{many}");
            assert_eq!(many.matches(territory).count(), 1);
            assert!(many.contains("\"x; \"\"y\"\",\nz: "), "{many}");
        }
    }

    /// Issue 16: a label `=HYPERLINK(…)` was written as is and Excel ran it. Text cells
    /// starting with `=`, `+`, `-`, `@`, a tab or a carriage return get a leading `'`;
    /// numbers (negative ones too) do not.
    #[test]
    fn csv_formula_injection_neutralised() {
        let mut a = ev("p", "indicator,date,value\nf8.1,2026-12-31,30\n");
        for ind in &mut a.indicators {
            ind.label = "=HYPERLINK(\"http://evil\",\"x\")".to_string();
        }
        for flavour in [CsvFlavour::French, CsvFlavour::Plain] {
            let csv = render_csv(&a, &ReportOptions::default(), flavour);
            let sep = if flavour == CsvFlavour::French {
                b';'
            } else {
                b','
            };
            let mut r = csv::ReaderBuilder::new()
                .delimiter(sep)
                .from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
            for rec in r.records() {
                let rec = rec.unwrap();
                for cell in rec.iter() {
                    assert!(
                        !cell.starts_with(['=', '+', '@', '\t', '\r'])
                            && (!cell.starts_with('-')
                                || cell.replace(',', ".").parse::<f64>().is_ok()),
                        "{cell:?}"
                    );
                }
            }
            assert!(csv.contains("'=HYPERLINK(\"\"http://evil"), "{csv}");
        }
        for (cell, out) in [
            ("+33 6", "'+33 6"),
            ("-", "'-"),
            ("\rx", "'\rx"),
            ("-12", "-12"),
            ("-0,5", "-0,5"),
            ("x=1", "x=1"),
        ] {
            assert_eq!(crate::report::escape_csv(cell), out);
        }
    }

    #[test]
    fn no_plan_is_the_header_alone() {
        let csv = render_many_csv(&[], &ReportOptions::default(), CsvFlavour::Plain);
        assert!(csv.starts_with("territory,axis,fiche,indicator,"));
        assert_eq!(csv.lines().count(), 1);
        let fr = render_many_csv(&[], &ReportOptions::default(), CsvFlavour::French);
        assert!(fr.starts_with("\u{feff}territoire;axe;"));
    }

    #[test]
    fn flavours_by_name() {
        assert_eq!("fr".parse(), Ok(CsvFlavour::French));
        assert_eq!(" Plain ".parse(), Ok(CsvFlavour::Plain));
        assert!("xlsx".parse::<CsvFlavour>().unwrap_err().contains("`xlsx`"));
    }
}
