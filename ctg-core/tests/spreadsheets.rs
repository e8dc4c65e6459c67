//! The spreadsheet corpus (`tests/corpus/spreadsheets/`, made by
//! `scripts/make-spreadsheet-fixtures.py`): workbooks read to the observations of their
//! CSV twins, malformed workbooks to the expected codes and cells (`cases.toml`).
#![cfg(feature = "spreadsheet")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use ctg_core::eval::{evaluate, EvalOptions};
use ctg_core::io::{
    read_auto, read_auto_reader, read_csv, read_xlsx, read_xlsx_territories, IngestOptions,
    Observation, Observations,
};
use ctg_core::model::Plan;
use ctg_core::Lang;
use serde::Deserialize;

#[derive(Deserialize)]
struct Cases {
    good: Vec<Good>,
    bad: Vec<Bad>,
}

#[derive(Deserialize)]
struct Good {
    file: String,
    csv: String,
    fictional: bool,
    notes: Vec<String>,
}

#[derive(Deserialize)]
struct Bad {
    file: String,
    #[serde(default)]
    sheet: Option<String>,
    #[serde(default)]
    plans: Option<usize>,
    problems: Vec<(String, String)>,
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/spreadsheets")
}

fn cases() -> Cases {
    toml::from_str(&std::fs::read_to_string(dir().join("cases.toml")).unwrap()).unwrap()
}

fn sundgau() -> Plan {
    ctg_core::plans::sundgau().unwrap()
}

fn second_plan() -> Plan {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/records/plan.toml"),
    )
    .unwrap();
    Plan::from_toml(&text).unwrap()
}

/// An observation without its row number (a workbook's rows are the sheet's).
fn content(o: &Observation) -> String {
    format!(
        "{} {} {:?} {:?} {:?} {:?} {:?}",
        o.indicator,
        o.date,
        o.value,
        o.participant.map(|p| p.number()),
        o.denominator,
        o.commune,
        o.comment
    )
}

fn contents(obs: &Observations) -> Vec<String> {
    obs.rows().iter().map(content).collect()
}

#[test]
fn good_workbooks_read_as_their_csv_twins() {
    let plan = sundgau();
    let opts = IngestOptions::default();
    for case in cases().good {
        let bytes = std::fs::read(dir().join(&case.file)).unwrap();
        let read = read_xlsx(&plan, &bytes, &opts)
            .unwrap_or_else(|e| panic!("{}: {}", case.file, e.render(Lang::Fr)));
        let twin = read_csv(
            &plan,
            &std::fs::read(dir().join(&case.csv)).unwrap()[..],
            &opts,
        )
        .unwrap();
        assert_eq!(contents(&read), contents(&twin), "{}", case.file);
        assert_eq!(read.fictional, case.fictional, "{}", case.file);
        let notes: Vec<String> = read.notes.iter().map(|n| n.render(Lang::Fr)).collect();
        assert_eq!(notes, case.notes, "{}", case.file);

        // The same through sniffing, from bytes and from a reader.
        assert_eq!(
            contents(&read_auto(&plan, &bytes, &opts).unwrap()),
            contents(&read)
        );
        assert_eq!(
            contents(&read_auto_reader(&plan, &bytes[..], &opts).unwrap()),
            contents(&read)
        );

        // And the evaluation is the one of the CSV.
        let as_of = EvalOptions {
            as_of: chrono::NaiveDate::from_ymd_opt(2026, 12, 31),
            ..Default::default()
        };
        let a = evaluate(&plan, &read, &as_of);
        let b = evaluate(&plan, &twin, &as_of);
        assert_eq!(a.indicators, b.indicators, "{}", case.file);
        assert_eq!(
            (&a.fiches, &a.axes, &a.plan),
            (&b.fiches, &b.axes, &b.plan),
            "{}",
            case.file
        );
    }
}

#[test]
fn malformed_workbooks_say_what_and_where() {
    let plans = [sundgau(), second_plan()];
    for case in cases().bad {
        let bytes = std::fs::read(dir().join(&case.file)).unwrap();
        let opts = IngestOptions {
            sheet: case.sheet.clone(),
            ..Default::default()
        };
        let err = match case.plans {
            Some(2) => {
                let refs: Vec<&Plan> = plans.iter().collect();
                read_xlsx_territories(&refs, &bytes, &opts)
                    .map(|_| ())
                    .unwrap_err()
            }
            _ => read_xlsx(&plans[0], &bytes, &opts).map(|_| ()).unwrap_err(),
        };
        let got: Vec<(String, String)> = err
            .issues
            .iter()
            .map(|i| {
                let text = i.render(Lang::Fr);
                let code = i.code().as_str().to_string();
                let place = text
                    .split_once(&format!("[{code}]"))
                    .map(|(p, _)| p.trim().to_string())
                    .unwrap_or_default();
                (code, place)
            })
            .collect();
        assert_eq!(
            got,
            case.problems,
            "{}: {}",
            case.file,
            err.render(Lang::Fr)
        );
        // Messages never echo a participant id.
        assert!(!err.render(Lang::Fr).contains("ENF-"), "{}", case.file);
    }
}

#[test]
fn the_corpus_has_at_least_fifteen_malformed_workbooks() {
    assert!(cases().bad.len() >= 15);
}

/// The round trip: the Sundgau entry workbook (`report::entry_workbook`), filled with
/// openpyxl with the fictional example observations (`sundgau-grille-remplie.xlsx`, made
/// by the fixtures script), evaluates to exactly the results of the CSV of the same rows.
/// The Python and JavaScript tests replay the same workbook.
#[test]
fn the_filled_entry_workbook_evaluates_as_the_csv() {
    use calamine::Reader;
    let plan = sundgau();
    let filled = std::fs::read(dir().join("sundgau-grille-remplie.xlsx")).unwrap();
    // The fixture was made from the entry workbook as it is today: same sheets, same header.
    let today = ctg_core::report::entry_workbook(&plan, Lang::Fr).unwrap();
    let header = |bytes: &[u8]| {
        let mut book =
            calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
        let names = book.sheet_names();
        let range = book.worksheet_range(&names[0]).unwrap();
        let first: Vec<String> = range
            .rows()
            .next()
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect();
        (names, first)
    };
    assert_eq!(header(&filled), header(&today));

    let opts = IngestOptions::default();
    let from_workbook = read_xlsx(&plan, &filled, &opts).unwrap();
    let csv = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/sundgau/observations.csv"),
    )
    .unwrap();
    let from_csv = read_csv(&plan, &csv[..], &opts).unwrap();
    assert_eq!(from_workbook.len(), from_csv.len());
    // Its properties say « Données fictives », as the CSV's comment line does.
    assert!(from_workbook.fictional && from_csv.fictional);
    assert_eq!(contents(&from_workbook), contents(&from_csv));
    let as_of = EvalOptions {
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 12, 31),
        ..Default::default()
    };
    let a = evaluate(&plan, &from_workbook, &as_of);
    let b = evaluate(&plan, &from_csv, &as_of);
    assert_eq!(a.indicators, b.indicators);
    assert_eq!((&a.fiches, &a.axes, &a.plan), (&b.fiches, &b.axes, &b.plan));
    // The results workbook of that evaluation reads back with the reader: it finds its
    // « Résultats » sheet (its header names `indicateur` and `valeur`) and says it is no
    // observation sheet (it has no `date` column).
    let results = ctg_core::report::results_workbook(&a, &Default::default()).unwrap();
    let err = read_xlsx(&plan, &results, &opts).unwrap_err();
    let shown = err.issues[0].render(Lang::Fr);
    assert!(
        shown.starts_with("feuille « Résultats » [missing_column]"),
        "{shown}"
    );
}

#[test]
fn many_plans_in_one_workbook() {
    let plans = [sundgau(), second_plan()];
    let refs: Vec<&Plan> = plans.iter().collect();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, name) in ["territoire", "indicateur", "date", "valeur"]
        .into_iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, name).unwrap();
    }
    let rows = [
        ("sundgau-2025-2029", "f8.1", 30.0),
        ("Territoire fictif", "c", 4.0),
        ("sundgau-2025-2029", "f8.1", 2.0),
    ];
    for (r, (territory, id, value)) in rows.into_iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, territory).unwrap();
        sheet.write_string(r, 1, id).unwrap();
        sheet.write_string(r, 2, "31/12/2026").unwrap();
        sheet.write_number(r, 3, value).unwrap();
    }
    let bytes = book.save_to_buffer().unwrap();
    let read = read_xlsx_territories(&refs, &bytes, &IngestOptions::default()).unwrap();
    let counts: Vec<usize> = read.observations.iter().map(Observations::len).collect();
    assert_eq!(counts, [2, 1]);
    // Without a territory column, several plans cannot be told apart.
    let err = read_xlsx_territories(
        &refs,
        &std::fs::read(dir().join("formule.xlsx")).unwrap(),
        &IngestOptions::default(),
    )
    .unwrap_err();
    assert_eq!(err.issues[0].code().as_str(), "missing_column");
}
