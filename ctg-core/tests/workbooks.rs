//! The two workbooks ctg writes — the entry workbook of a plan (*grille de saisie*) and the
//! results workbook of an evaluation — read back with calamine and, for what calamine does
//! not show (checks, frozen panes, fills), inspected in the zip; and the CSV forms of the
//! entry workbook's sheets.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ctg_core::io::{read_csv, Column, IngestOptions};
use ctg_core::model::Plan;
use ctg_core::report::{entry_csv, entry_guide_csv, CsvFlavour};
use ctg_core::Lang;

fn plan() -> Plan {
    ctg_core::plans::sundgau().unwrap()
}

const LANGS: [Lang; 2] = [Lang::Fr, Lang::En];
const FLAVOURS: [CsvFlavour; 2] = [CsvFlavour::French, CsvFlavour::Plain];

/// The records of a CSV of a flavour (header included).
fn csv_records(text: &str, flavour: CsvFlavour) -> Vec<Vec<String>> {
    let sep = match flavour {
        CsvFlavour::French => b';',
        CsvFlavour::Plain => b',',
    };
    csv::ReaderBuilder::new()
        .delimiter(sep)
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn the_entry_csv_is_a_header_that_reads_to_no_row() {
    let plan = plan();
    for lang in LANGS {
        for flavour in FLAVOURS {
            let csv = entry_csv(&plan, lang, flavour);
            assert_eq!(csv.starts_with('\u{feff}'), flavour == CsvFlavour::French);
            let records = csv_records(&csv, flavour);
            assert_eq!(records.len(), 1);
            let columns: Vec<Option<Column>> =
                records[0].iter().map(|h| Column::from_header(h)).collect();
            assert_eq!(
                columns,
                [
                    Column::Indicator,
                    Column::Date,
                    Column::Value,
                    Column::Participant,
                    Column::Denominator,
                    Column::Commune,
                    Column::Comment
                ]
                .map(Some)
            );
            let obs = read_csv(&plan, csv.as_bytes(), &IngestOptions::default()).unwrap();
            assert!(
                obs.is_empty() && obs.skipped.is_empty(),
                "{lang} {flavour:?}"
            );
            assert!(obs.notes.is_empty(), "{:?}", obs.notes);
        }
    }
}

#[test]
fn the_guide_csv_has_every_indicator_in_plan_order() {
    let plan = plan();
    let ids: Vec<&str> = plan.indicators().map(|(_, i)| i.id.as_str()).collect();
    for lang in LANGS {
        for flavour in FLAVOURS {
            let records = csv_records(&entry_guide_csv(&plan, lang, flavour), flavour);
            assert_eq!(records.len(), 26);
            assert!(records.iter().all(|r| r.len() == 11));
            let got: Vec<&str> = records[1..].iter().map(|r| r[2].as_str()).collect();
            assert_eq!(got, ids);
            // No header of this sheet is taken for an observation column.
            assert!(records[0].iter().all(|h| Column::from_header(h).is_none()));
            let fiches: Vec<String> = plan
                .indicators()
                .map(|(f, _)| f.number.to_string())
                .collect();
            assert_eq!(
                records[1..]
                    .iter()
                    .map(|r| r[0].clone())
                    .collect::<Vec<_>>(),
                fiches
            );
        }
    }
    let fr = entry_guide_csv(&plan, Lang::Fr, CsvFlavour::Plain);
    let en = entry_guide_csv(&plan, Lang::En, CsvFlavour::Plain);
    assert!(fr.contains("une ligne quand le jalon est atteint : oui"));
    assert!(en.contains("one row when the milestone is reached: yes"));
}

#[cfg(feature = "spreadsheet")]
mod xlsx {
    use super::*;
    use std::io::{Cursor, Read};

    use calamine::{open_workbook_auto_from_rs, Data, Range, Reader};
    use chrono::NaiveDate;
    use ctg_core::eval::{evaluate, EvalOptions, Evaluation, Status};
    use ctg_core::report::{
        entry_workbook, render_csv, results_workbook, ReportOptions, WorkbookError,
    };

    /// The sheets of a workbook, in order, with their cells.
    fn sheets(bytes: &[u8]) -> Vec<(String, Range<Data>)> {
        let mut wb = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).unwrap();
        let names = wb.sheet_names();
        names
            .into_iter()
            .map(|n| {
                let range = wb.worksheet_range(&n).unwrap();
                (n, range)
            })
            .collect()
    }

    /// A cell (absolute position), empty if out of the range.
    fn cell(range: &Range<Data>, row: u32, col: u32) -> Data {
        range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
    }

    fn text(range: &Range<Data>, row: u32, col: u32) -> String {
        match cell(range, row, col) {
            Data::String(s) => s,
            Data::Empty => String::new(),
            other => other.to_string(),
        }
    }

    /// The rows of a range that hold anything, by absolute row number.
    fn filled_rows(range: &Range<Data>) -> Vec<u32> {
        let (top, _) = range.start().unwrap_or((0, 0));
        range
            .rows()
            .enumerate()
            .filter(|(_, r)| r.iter().any(|c| *c != Data::Empty))
            .map(|(i, _)| top + u32::try_from(i).unwrap())
            .collect()
    }

    /// A file of the workbook's zip, as text.
    fn part(bytes: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut out = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut out).unwrap();
        out
    }

    /// Every element `local` of an XML text: its attributes and its text (entities
    /// resolved).
    fn elements(xml: &str, local: &str) -> Vec<(Vec<(String, String)>, String)> {
        use quick_xml::events::{BytesStart, Event};
        let attrs = |e: &BytesStart<'_>| -> Vec<(String, String)> {
            e.attributes()
                .flatten()
                .map(|a| {
                    (
                        a.key.as_ref().to_string(),
                        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .unwrap()
                            .into_owned(),
                    )
                })
                .collect()
        };
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut out = Vec::new();
        let mut open: Option<(Vec<(String, String)>, String)> = None;
        loop {
            match reader.read_event().unwrap() {
                Event::Start(e) if e.local_name().as_ref() == local => {
                    open = Some((attrs(&e), String::new()));
                }
                Event::Empty(e) if e.local_name().as_ref() == local => {
                    out.push((attrs(&e), String::new()));
                }
                Event::Text(t) => {
                    if let Some((_, s)) = open.as_mut() {
                        s.push_str(&t.xml_content(quick_xml::XmlVersion::Implicit1_0));
                    }
                }
                Event::GeneralRef(r) => {
                    if let Some((_, s)) = open.as_mut() {
                        match r.resolve_char_ref().unwrap() {
                            Some(c) => s.push(c),
                            None => s.push_str(
                                quick_xml::escape::resolve_predefined_entity(r.as_ref()).unwrap(),
                            ),
                        }
                    }
                }
                Event::End(e) if e.local_name().as_ref() == local => {
                    out.extend(open.take());
                }
                Event::Eof => break,
                _ => {}
            }
        }
        out
    }

    fn attr<'a>(attrs: &'a [(String, String)], key: &str) -> Option<&'a str> {
        attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn the_entry_workbook_has_its_sheets_in_order_and_an_empty_entry_sheet() {
        let plan = plan();
        let ids: Vec<&str> = plan.indicators().map(|(_, i)| i.id.as_str()).collect();
        for (lang, names) in [
            (Lang::Fr, ["Saisie", "Indicateurs", "Mode d'emploi"]),
            (Lang::En, ["Entry", "Indicators", "How to"]),
        ] {
            let bytes = entry_workbook(&plan, lang).unwrap();
            let sheets = sheets(&bytes);
            let got: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
            assert_eq!(got, names);

            // The entry sheet: the header in row 1, every name an observation column, and
            // nothing else.
            let entry = &sheets[0].1;
            assert_eq!(filled_rows(entry), [0]);
            let columns: Vec<Option<Column>> = (0..7)
                .map(|c| Column::from_header(&text(entry, 0, c)))
                .collect();
            assert_eq!(
                columns,
                [
                    Column::Indicator,
                    Column::Date,
                    Column::Value,
                    Column::Participant,
                    Column::Denominator,
                    Column::Commune,
                    Column::Comment
                ]
                .map(Some)
            );
            assert_eq!(text(entry, 0, 7), "");
            let header: Vec<String> = (0..7).map(|c| text(entry, 0, c)).collect();
            let csv = entry_csv(&plan, lang, CsvFlavour::Plain);
            assert_eq!(csv_records(&csv, CsvFlavour::Plain)[0], header);

            // The indicators: the plan's 25, in order, the same cells as the CSV form.
            let guide = &sheets[1].1;
            assert_eq!(filled_rows(guide), (0..=25).collect::<Vec<u32>>());
            let got: Vec<String> = (1..=25).map(|r| text(guide, r, 2)).collect();
            assert_eq!(got, ids);
            let records = csv_records(
                &entry_guide_csv(&plan, lang, CsvFlavour::Plain),
                CsvFlavour::Plain,
            );
            for (r, record) in (0u32..).zip(&records) {
                for (c, value) in (0u32..).zip(record) {
                    let shown = match cell(guide, r, c) {
                        Data::Float(v) => format!("{v}"),
                        _ => text(guide, r, c),
                    };
                    // The CSV form neutralises formula-like text with a leading `'`.
                    let shown = ctg_core::report::escape_csv(&shown).into_owned();
                    assert_eq!(&shown, value, "row {r}, column {c}");
                }
            }
            assert_eq!(cell(guide, 1, 0), Data::Float(1.0));
            // The hidden column of value kinds, 1 to 4.
            assert!((1..=25)
                .all(|r| matches!(cell(guide, r, 11), Data::Float(k) if (1.0..=4.0).contains(&k))));

            // The how-to sheet: the plan, and the fictional examples under their heading.
            let howto = &sheets[2].1;
            assert_eq!(text(howto, 0, 0), plan.title);
            let heading = lang.pick(
                "Exemple — données fictives, à ne pas recopier",
                "Example — fictional data, do not copy",
            );
            let at = filled_rows(howto)
                .into_iter()
                .find(|r| text(howto, *r, 0) == heading)
                .expect("the examples' heading");
            assert_eq!(text(howto, at + 1, 0), header[0]);
            let examples: Vec<u32> = filled_rows(howto)
                .into_iter()
                .filter(|r| *r > at + 1)
                .collect();
            assert_eq!(examples.len(), 7, "one example per measure of the plan");
            for r in examples {
                assert!(ids.contains(&text(howto, r, 0).as_str()));
                let Data::DateTime(d) = cell(howto, r, 1) else {
                    panic!("a date cell: {:?}", cell(howto, r, 1))
                };
                let d = d.as_datetime().unwrap().date();
                assert!(d.format("%Y").to_string() == "2025", "{d}");
                let participant = text(howto, r, 3);
                assert!(participant.is_empty() || participant == "ENF-001");
            }
        }
    }

    #[test]
    fn the_entry_sheet_is_frozen_and_checked_within_excel_s_limits() {
        let plan = plan();
        for lang in LANGS {
            let bytes = entry_workbook(&plan, lang).unwrap();
            let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
            let panes = elements(&sheet, "pane");
            assert_eq!(panes.len(), 1);
            let (pane, _) = &panes[0];
            assert_eq!(attr(pane, "state"), Some("frozen"));
            assert_eq!(attr(pane, "ySplit"), Some("1"));
            assert_eq!(attr(pane, "xSplit"), None);

            let checks = elements(&sheet, "dataValidation");
            let ranges: Vec<&str> = checks
                .iter()
                .map(|(a, _)| attr(a, "sqref").unwrap())
                .collect();
            assert_eq!(
                ranges,
                [
                    "A2:A10001",
                    "B2:B10001",
                    "C2:C10001",
                    "D2:D10001",
                    "E2:E10001",
                    "F2:F10001",
                    "G2:G10001"
                ]
            );
            for (a, _) in &checks {
                assert_eq!(attr(a, "showInputMessage"), Some("1"));
                assert!(attr(a, "prompt").is_some_and(|p| !p.is_empty()));
            }
            let types: Vec<Option<&str>> = checks.iter().map(|(a, _)| attr(a, "type")).collect();
            assert_eq!(
                types,
                [
                    Some("list"),
                    Some("date"),
                    Some("custom"),
                    None,
                    Some("decimal"),
                    None,
                    None
                ]
            );
            for (a, _) in checks.iter().filter(|(a, _)| attr(a, "type").is_some()) {
                assert_eq!(attr(a, "showErrorMessage"), Some("1"));
                assert!(attr(a, "error").is_some_and(|e| !e.is_empty()));
            }
            let formulas: Vec<String> = elements(&sheet, "formula1")
                .into_iter()
                .chain(elements(&sheet, "formula2"))
                .map(|(_, t)| t)
                .collect();
            assert!(formulas.len() >= 5, "{formulas:?}");
            for f in &formulas {
                assert!(
                    f.encode_utf16().count() <= 255,
                    "{} characters: {f}",
                    f.len()
                );
            }
            assert!(formulas.contains(&"ctg_ids".to_string()), "{formulas:?}");
            let value = formulas.iter().find(|f| f.starts_with("CHOOSE(")).unwrap();
            let (flag, partial) = match lang {
                Lang::Fr => ("C2=\"oui\"", "C2=\"partiellement atteint\""),
                Lang::En => ("C2=\"yes\"", "C2=\"partially achieved\""),
            };
            assert!(value.contains(flag) && value.contains(partial), "{value}");
            // Dates: 1 January 2024 (the baseline year) to 31 December 2029 (serials).
            assert!(formulas.contains(&"45292".to_string()), "{formulas:?}");
            assert!(formulas.contains(&"47483".to_string()), "{formulas:?}");

            // The names the checks use point at the indicators sheet's 25 rows.
            let book = part(&bytes, "xl/workbook.xml");
            let names: Vec<(String, String)> = elements(&book, "definedName")
                .into_iter()
                .map(|(a, t)| (attr(&a, "name").unwrap().to_string(), t))
                .collect();
            let guide = lang.pick("Indicateurs", "Indicators");
            assert!(
                names.contains(&("ctg_ids".into(), format!("'{guide}'!$C$2:$C$26"))),
                "{names:?}"
            );
            assert!(
                names.contains(&("ctg_kinds".into(), format!("'{guide}'!$L$2:$L$26"))),
                "{names:?}"
            );

            // The indicators sheet: frozen header, autofilter, hidden check column.
            let guide_xml = part(&bytes, "xl/worksheets/sheet2.xml");
            assert_eq!(elements(&guide_xml, "pane").len(), 1);
            assert_eq!(
                attr(&elements(&guide_xml, "autoFilter")[0].0, "ref"),
                Some("A1:K26")
            );
            assert!(elements(&guide_xml, "col")
                .iter()
                .any(|(a, _)| attr(a, "min") == Some("12") && attr(a, "hidden") == Some("1")));
        }
    }

    fn observations_csv() -> Vec<u8> {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../examples/sundgau/observations.csv"
        );
        std::fs::read(path).unwrap()
    }

    fn evaluation(csv: &[u8]) -> Evaluation {
        let plan = plan();
        let obs = read_csv(&plan, csv, &IngestOptions::default()).unwrap();
        let as_of = NaiveDate::from_ymd_opt(2026, 12, 31);
        evaluate(
            &plan,
            &obs,
            &EvalOptions {
                as_of,
                ..Default::default()
            },
        )
    }

    /// The fictional observations without their comment lines.
    fn unmarked_csv() -> Vec<u8> {
        let text = String::from_utf8(observations_csv()).unwrap();
        text.trim_start_matches('\u{feff}')
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| format!("{l}\n"))
            .collect::<String>()
            .into_bytes()
    }

    /// The header row of the results sheet: after the banner and the notice lines.
    fn results_header(range: &Range<Data>, lang: Lang) -> u32 {
        let first = lang.pick("axe", "axis");
        (0..4).find(|r| text(range, *r, 0) == first).unwrap()
    }

    #[test]
    fn the_results_sheet_has_the_csv_rows_as_typed_cells() {
        let ev = evaluation(&observations_csv());
        assert!(ev.fictional);
        for opts in [
            ReportOptions::default(),
            ReportOptions {
                lang: Lang::En,
                fiches: Some(vec![7, 8]),
                ..Default::default()
            },
            ReportOptions {
                axes: Some(vec![2]),
                suppress_below: Some(5),
                ..Default::default()
            },
        ] {
            let lang = opts.lang;
            let bytes = results_workbook(&ev, &opts).unwrap();
            let sheets = sheets(&bytes);
            let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
            assert_eq!(
                names,
                [lang.pick("Résultats", "Results"), "Scores", "Notes"]
            );
            let results = &sheets[0].1;
            // The banner above the header says the data is fictional.
            assert!(text(results, 0, 0)
                .starts_with(lang.pick("⚠ Données fictives", "⚠ Fictional data")));
            let header = results_header(results, lang);
            assert_eq!(header, if opts.suppress_below.is_some() { 2 } else { 1 });

            // The rows of the CSV export, in order, cell by cell.
            let csv = csv_records(
                &render_csv(&ev, &opts, CsvFlavour::Plain),
                CsvFlavour::Plain,
            );
            let rows: Vec<u32> = filled_rows(results)
                .into_iter()
                .filter(|r| *r > header)
                .collect();
            assert_eq!(rows.len(), csv.len() - 1);
            let col =
                |name: &str| u32::try_from(csv[0].iter().position(|h| h == name).unwrap()).unwrap();
            let headers: Vec<String> = (0..22).map(|c| text(results, header, c)).collect();
            let expected: Vec<&str> = ctg_core::report::table::CSV_COLUMNS
                .iter()
                .map(|c| c.header(lang))
                .collect();
            assert_eq!(headers, expected);
            for (r, record) in rows.iter().zip(&csv[1..]) {
                let r = *r;
                assert_eq!(
                    text(results, r, col("indicator")),
                    record[col("indicator") as usize]
                );
                assert_eq!(
                    cell(results, r, col("axis")),
                    Data::Float(record[0].parse().unwrap())
                );
                let Data::DateTime(start) = cell(results, r, col("start")) else {
                    panic!("start is a date")
                };
                assert_eq!(
                    start.as_datetime().unwrap().date().to_string(),
                    record[col("start") as usize]
                );
                let value = &record[col("value") as usize];
                let value_text = &record[col("value_text") as usize];
                match cell(results, r, col("value")) {
                    Data::Float(v) => assert_eq!(v, value.parse::<f64>().unwrap()),
                    Data::String(s) => {
                        assert_eq!(s, "< 5");
                        assert!(
                            value.is_empty() && value_text.starts_with("< 5"),
                            "{value_text}"
                        );
                    }
                    Data::Empty => assert!(value.is_empty()),
                    other => panic!("{other:?}"),
                }
                if value_text.starts_with("< ") {
                    // Nothing that would reveal a hidden count.
                    for name in [
                        "achievement",
                        "baseline",
                        "projection",
                        "change",
                        "observations",
                    ] {
                        assert_eq!(cell(results, r, col(name)), Data::Empty, "{name}");
                    }
                }
                let achievement = &record[col("achievement") as usize];
                if !achievement.is_empty() {
                    assert_eq!(
                        cell(results, r, col("achievement")),
                        Data::Float(achievement.parse().unwrap())
                    );
                }
                // The status: its icon and label (its fill is checked in the styles).
                let status = Status::ALL
                    .into_iter()
                    .find(|s| s.code() == record[col("status") as usize])
                    .unwrap();
                assert_eq!(
                    text(results, r, col("status")),
                    format!("{} {}", status.icon(), status.label(lang))
                );
                assert_eq!(
                    text(results, r, col("explanation")),
                    record[col("explanation") as usize]
                );
            }
            let hidden = csv[1..]
                .iter()
                .filter(|r| r[col("value_text") as usize].starts_with("< 5"))
                .count();
            if opts.suppress_below.is_some() {
                assert!(hidden > 0, "some counts are below 5 in axis 2");
            }

            // Frozen header and autofilter.
            let xml = part(&bytes, "xl/worksheets/sheet1.xml");
            let (pane, _) = &elements(&xml, "pane")[0];
            assert_eq!(
                attr(pane, "ySplit"),
                Some((header + 1).to_string().as_str())
            );
            assert_eq!(attr(pane, "state"), Some("frozen"));
            let filter = &elements(&xml, "autoFilter")[0].0;
            assert_eq!(
                attr(filter, "ref"),
                Some(
                    format!(
                        "A{}:V{}",
                        header + 1,
                        header + 1 + u32::try_from(csv.len() - 1).unwrap()
                    )
                    .as_str()
                )
            );
        }
    }

    #[test]
    fn status_cells_are_filled_with_the_status_colour() {
        let ev = evaluation(&observations_csv());
        let bytes = results_workbook(&ev, &ReportOptions::default()).unwrap();
        let styles = part(&bytes, "xl/styles.xml");
        let fills: Vec<String> = elements(&styles, "fgColor")
            .iter()
            .filter_map(|(a, _)| attr(a, "rgb").map(str::to_string))
            .collect();
        let fonts: Vec<String> = elements(&styles, "color")
            .iter()
            .filter_map(|(a, _)| attr(a, "rgb").map(str::to_string))
            .collect();
        for s in Status::ALL {
            let argb = |hex: &str| format!("FF{}", hex.trim_start_matches('#').to_uppercase());
            assert!(fills.contains(&argb(s.colour())), "{s}: {fills:?}");
            assert!(fonts.contains(&argb(s.ink())), "{s}: {fonts:?}");
        }
        // The status cells use a filled style: the style of the first status cell has a
        // solid fill of its status's colour.
        let sheets = sheets(&bytes);
        let results = &sheets[0].1;
        let header = results_header(results, Lang::Fr);
        let first = text(results, header + 1, 12);
        let status = Status::ALL
            .into_iter()
            .find(|s| first.ends_with(s.label(Lang::Fr)))
            .unwrap();
        let xml = part(&bytes, "xl/worksheets/sheet1.xml");
        let cells = elements(&xml, "c");
        let (attrs, _) = cells
            .iter()
            .find(|(a, _)| attr(a, "r") == Some(format!("M{}", header + 2).as_str()))
            .unwrap();
        let style: usize = attr(attrs, "s").unwrap().parse().unwrap();
        let xfs = elements(
            styles
                .split("<cellXfs")
                .nth(1)
                .unwrap()
                .split("</cellXfs>")
                .next()
                .unwrap(),
            "xf",
        );
        let fill: usize = attr(&xfs[style].0, "fillId").unwrap().parse().unwrap();
        let fill_xml = styles
            .split("<fills")
            .nth(1)
            .unwrap()
            .split("</fills>")
            .next()
            .unwrap();
        let fill_def = fill_xml.split("<fill>").nth(fill + 1).unwrap();
        assert!(fill_def.contains("solid"), "{fill_def}");
        assert!(
            fill_def.contains(&format!(
                "FF{}",
                status.colour().trim_start_matches('#').to_uppercase()
            )),
            "{fill_def}"
        );
    }

    #[test]
    fn the_banner_is_there_only_for_fictional_data() {
        let ev = evaluation(&unmarked_csv());
        assert!(!ev.fictional);
        let bytes = results_workbook(&ev, &ReportOptions::default()).unwrap();
        let read = sheets(&bytes);
        let results = &read[0].1;
        assert_eq!(results_header(results, Lang::Fr), 0);
        for (_, range) in &read {
            assert!(!text(range, 0, 0).contains("fictives"));
        }
        let ev = evaluation(&observations_csv());
        let bytes = results_workbook(&ev, &ReportOptions::default()).unwrap();
        for (name, range) in &sheets(&bytes) {
            assert!(
                text(range, 0, 0).starts_with("⚠ Données fictives"),
                "{name}"
            );
        }
    }

    #[test]
    fn scores_follow_the_fiches_and_axes_shown() {
        let ev = evaluation(&observations_csv());
        let all = results_workbook(&ev, &ReportOptions::default()).unwrap();
        let scores = sheets(&all).remove(1).1;
        // The banner, the header, the plan, 3 axes and 12 fiches, the scoring rule.
        let rows = filled_rows(&scores);
        assert_eq!(rows.len(), 1 + 1 + 1 + 3 + 12 + 1);
        assert_eq!(text(&scores, 1, 0), "Niveau");
        assert_eq!(text(&scores, 2, 0), "Plan");
        assert_eq!(cell(&scores, 2, 4), Data::Float(ev.plan.score.unwrap()));
        assert_eq!(text(&scores, 3, 0), "Axe");
        assert_eq!(text(&scores, 3, 3), ev.axes[0].title);
        assert_eq!(text(&scores, 4, 0), "Fiche");
        assert_eq!(text(&scores, 4, 3), ev.fiches[0].title);
        let counts: f64 = (7..14)
            .map(|c| match cell(&scores, 2, c) {
                Data::Float(v) => v,
                other => panic!("{other:?}"),
            })
            .sum();
        assert_eq!(counts, 25.0);

        let only = ReportOptions {
            lang: Lang::En,
            fiches: Some(vec![7]),
            ..Default::default()
        };
        let bytes = results_workbook(&ev, &only).unwrap();
        let scores = sheets(&bytes).remove(1).1;
        let fiches: Vec<String> = filled_rows(&scores)
            .into_iter()
            .filter(|r| text(&scores, *r, 0) == "Fiche")
            .map(|r| text(&scores, r, 3))
            .collect();
        let seven = ev.fiches.iter().find(|f| f.fiche == 7).unwrap();
        assert_eq!(fiches, std::slice::from_ref(&seven.title));
        assert_eq!(text(&scores, 1, 0), "Level");
        let axes = ReportOptions {
            axes: Some(vec![1]),
            ..Default::default()
        };
        let bytes = results_workbook(&ev, &axes).unwrap();
        let scores = sheets(&bytes).remove(1).1;
        let levels: Vec<String> = filled_rows(&scores)
            .into_iter()
            .map(|r| text(&scores, r, 0))
            .collect();
        assert_eq!(levels.iter().filter(|l| *l == "Axe").count(), 1);
        let axis_one = ev.fiches.iter().filter(|f| f.axis == 1).count();
        assert_eq!(levels.iter().filter(|l| *l == "Fiche").count(), axis_one);
    }

    #[test]
    fn notes_say_what_the_evaluation_is() {
        let csv =
            "# Données fictives\nindicateur;date;valeur;x\nf8.1;31/12/2026;3;\nzz;31/12/2026;1;\n";
        let plan = plan();
        let obs = read_csv(
            &plan,
            csv.as_bytes(),
            &IngestOptions {
                lenient: true,
                ..Default::default()
            },
        )
        .unwrap();
        let ev = evaluate(&plan, &obs, &EvalOptions::default());
        for lang in LANGS {
            let opts = ReportOptions {
                lang,
                ..Default::default()
            };
            let bytes = results_workbook(&ev, &opts).unwrap();
            let notes = sheets(&bytes).remove(2).1;
            let lines: Vec<String> = filled_rows(&notes)
                .into_iter()
                .map(|r| format!("{}|{}", text(&notes, r, 0), text(&notes, r, 1)))
                .collect();
            let all = lines.join("\n");
            assert!(
                all.contains(&ev.plan_title) && all.contains(&ev.plan_id),
                "{all}"
            );
            for note in ctg_core::report::notes(&ev, lang) {
                assert!(all.contains(&note), "{note}: {all}");
            }
            assert!(
                all.contains(&format!("ctg {}", env!("CARGO_PKG_VERSION"))),
                "{all}"
            );
            let as_of = filled_rows(&notes)
                .into_iter()
                .find(|r| text(&notes, *r, 0) == lang.pick("Évaluation au", "As of"))
                .unwrap();
            let Data::DateTime(d) = cell(&notes, as_of, 1) else {
                panic!("the as-of date is a date")
            };
            assert_eq!(d.as_datetime().unwrap().date(), ev.as_of);
        }
    }

    #[test]
    fn the_same_input_gives_the_same_bytes() {
        let plan = plan();
        for lang in LANGS {
            assert_eq!(
                entry_workbook(&plan, lang).unwrap(),
                entry_workbook(&plan, lang).unwrap()
            );
        }
        let ev = evaluation(&observations_csv());
        let opts = ReportOptions {
            suppress_below: Some(5),
            ..Default::default()
        };
        let a = results_workbook(&ev, &opts).unwrap();
        assert_eq!(a, results_workbook(&ev, &opts).unwrap());
        // The creation date is the evaluation date.
        let core = part(&a, "docProps/core.xml");
        assert!(core.contains("2026-12-31T00:00:00Z"), "{core}");
        let core = part(
            &entry_workbook(&plan, Lang::Fr).unwrap(),
            "docProps/core.xml",
        );
        assert!(core.contains("2025-01-01T00:00:00Z"), "{core}");
    }

    #[test]
    fn texts_that_look_like_formulas_stay_text() {
        let mut plan = plan();
        plan.title = "=HYPERLINK(\"http://x\")".into();
        for ind in plan.fiches.iter_mut().flat_map(|f| f.indicators.iter_mut()) {
            ind.label = "+cmd|' /C calc'!A0".into();
        }
        let bytes = entry_workbook(&plan, Lang::Fr).unwrap();
        for n in 1..=3 {
            let xml = part(&bytes, &format!("xl/worksheets/sheet{n}.xml"));
            assert!(elements(&xml, "f").is_empty(), "sheet {n} has a formula");
        }
        let read = sheets(&bytes);
        assert_eq!(text(&read[1].1, 1, 3), "+cmd|' /C calc'!A0");
        assert_eq!(text(&read[2].1, 0, 0), "=HYPERLINK(\"http://x\")");

        let obs = read_csv(
            &plan,
            "indicator,date,value\nf8.1,2026-12-31,30\n".as_bytes(),
            &IngestOptions::default(),
        )
        .unwrap();
        let ev = evaluate(&plan, &obs, &EvalOptions::default());
        let bytes = results_workbook(&ev, &ReportOptions::default()).unwrap();
        for n in 1..=3 {
            let xml = part(&bytes, &format!("xl/worksheets/sheet{n}.xml"));
            assert!(elements(&xml, "f").is_empty(), "sheet {n} has a formula");
        }
    }

    #[test]
    fn odd_plans_still_give_a_workbook() {
        // No indicator at all: the names cover one empty row, and nothing fails.
        let mut empty = plan();
        for f in &mut empty.fiches {
            f.indicators.clear();
        }
        let bytes = entry_workbook(&empty, Lang::Fr).unwrap();
        assert_eq!(filled_rows(&sheets(&bytes)[1].1), [0]);
        assert!(
            entry_guide_csv(&empty, Lang::Fr, CsvFlavour::Plain)
                .lines()
                .count()
                == 1
        );
        // Years Excel has no dates for: no date check, the examples' dates as text.
        let mut old = plan();
        old.period.start = 1850;
        old.period.end = 1854;
        let bytes = entry_workbook(&old, Lang::En).unwrap();
        let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
        assert!(!sheet.contains("type=\"date\""));
        // An evaluation without any observation.
        let ev = evaluate(
            &plan(),
            &ctg_core::io::Observations::default(),
            &EvalOptions::default(),
        );
        let bytes = results_workbook(&ev, &ReportOptions::default()).unwrap();
        assert_eq!(sheets(&bytes).len(), 3);
    }

    #[test]
    fn errors_never_quote_data() {
        let e = WorkbookError::file();
        assert_eq!(e.code(), "workbook_failed");
        assert!(!e.render(Lang::En).contains('='));
    }

    #[test]
    fn sizes() {
        let plan = plan();
        let ev = evaluation(&observations_csv());
        let entry = entry_workbook(&plan, Lang::Fr).unwrap().len();
        let results = results_workbook(&ev, &ReportOptions::default())
            .unwrap()
            .len();
        eprintln!("entry workbook: {entry} bytes; results workbook: {results} bytes");
        assert!(entry < 100_000 && results < 500_000);
    }
}
