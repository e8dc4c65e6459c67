//! The privacy sweep (issue 16): distinctive participant-like ids (`SECRET_ID_<n>`, one per
//! place) are planted in every column of every input kind — CSV with `;` and `,`, JSON,
//! records, a workbook, comment lines, header cells, the territory column, several plans at
//! once — and every output is searched for them: errors (messages, hints, JSON, problems,
//! `Debug`), notes, diagnostics, skipped rows, the HTML, Markdown, CSV, text and JSON reports,
//! the results workbook's XML. Then one regression test per finding.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::{Cursor, Read};

use ctg_core::eval::{evaluate, evaluate_many, EvalOptions, Evaluation, Rollup};
use ctg_core::io::{
    read_csv, read_csv_territories, read_json, read_records, read_xlsx, text_is_data, ByTerritory,
    IngestOptions, Note, ObservationError, Observations, Record, RecordCell, RecordItem,
};
use ctg_core::model::Plan;
use ctg_core::report::{self, CsvFlavour, ReportOptions, ViewOptions};
use ctg_core::Lang;

const SECRET: &str = "SECRET_ID";

fn plan() -> Plan {
    ctg_core::plans::sundgau().unwrap()
}

fn second_plan() -> Plan {
    let mut b = plan();
    b.id = "ctg-0001".into();
    b.territory = "Territoire fictif 1".into();
    b
}

fn strict() -> IngestOptions {
    IngestOptions::default()
}

fn lenient() -> IngestOptions {
    IngestOptions {
        lenient: true,
        ..Default::default()
    }
}

/// Every text a failed read gives.
fn error_outputs(e: &ObservationError) -> Vec<String> {
    let mut out = vec![
        e.to_string(),
        format!("{e:?}"),
        serde_json::to_string(e).unwrap(),
    ];
    for lang in [Lang::Fr, Lang::En] {
        out.push(e.render(lang));
        out.push(serde_json::to_string(&e.problems(lang)).unwrap());
        for i in &e.issues {
            out.push(format!("{:?}", i.problem(lang)));
            out.push(i.hint(lang).unwrap_or_default());
        }
    }
    out
}

/// Every text an input read leniently gives: notes, skipped rows, and the evaluation's
/// every report and view.
fn observation_outputs(obs: &Observations) -> Vec<String> {
    let mut out = vec![
        format!("{obs:?}"),
        format!("{:?}", obs.skipped),
        serde_json::to_string(&obs.skipped).unwrap(),
        serde_json::to_string(&obs.notes).unwrap(),
    ];
    for lang in [Lang::Fr, Lang::En] {
        out.extend(obs.notes.iter().map(|n| n.render(lang)));
        out.extend(obs.skipped.iter().map(|i| i.render(lang)));
    }
    out
}

fn evaluation_outputs(ev: &Evaluation) -> Vec<String> {
    let mut out = vec![
        ev.to_json(),
        serde_json::to_string(&ev.diagnostics).unwrap(),
        format!("{:?}", ev.diagnostics),
    ];
    for lang in [Lang::Fr, Lang::En] {
        let opts = ReportOptions {
            lang,
            ..Default::default()
        };
        out.push(report::render_html(ev, &opts));
        out.push(report::render_markdown(ev, &opts));
        out.push(report::render_text(ev, &opts));
        out.push(report::render_csv(ev, &opts, CsvFlavour::French));
        out.push(report::render_csv(ev, &opts, CsvFlavour::Plain));
        out.extend(report::notes(ev, lang));
        out.extend(report::explanations(ev, &opts));
        out.push(report::render_json(
            ev,
            &ViewOptions {
                lang,
                explanations: true,
                suppress_below: None,
            },
        ));
        out.extend(workbook_xml(ev, &opts));
    }
    out
}

/// The XML parts of the results workbook.
fn workbook_xml(ev: &Evaluation, opts: &ReportOptions) -> Vec<String> {
    let Ok(bytes) = report::results_workbook(ev, opts) else {
        return Vec::new();
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut s = String::new();
            let _ = zip.by_index(i).unwrap().read_to_string(&mut s);
            s
        })
        .collect()
}

/// Fail with the first output that holds a planted id, and where.
fn assert_clean(case: &str, outputs: &[String]) {
    for o in outputs {
        if let Some(at) = o.find(SECRET) {
            let from = o[..at].char_indices().rev().nth(80).map_or(0, |(i, _)| i);
            let to = (at + 40).min(o.len());
            let to = (to..=o.len())
                .find(|i| o.is_char_boundary(*i))
                .unwrap_or(o.len());
            panic!("{case}: a planted id leaks: …{}…", &o[from..to]);
        }
    }
}

/// Read strictly (the error) and leniently (notes, skipped, every report).
fn sweep_csv(case: &str, text: &str) -> usize {
    let p = plan();
    let mut outputs = Vec::new();
    if let Err(e) = read_csv(&p, text.as_bytes(), &strict()) {
        outputs.extend(error_outputs(&e));
    }
    let mut checked = 0;
    match read_csv(&p, text.as_bytes(), &lenient()) {
        Ok(obs) => {
            checked = obs.skipped.len();
            outputs.extend(observation_outputs(&obs));
            outputs.extend(evaluation_outputs(&evaluate(
                &p,
                &obs,
                &EvalOptions::default(),
            )));
        }
        Err(e) => outputs.extend(error_outputs(&e)),
    }
    assert_clean(case, &outputs);
    checked
}

/// A CSV whose every column holds a planted id somewhere, with `delimiter`.
fn planted_csv(d: char, base: usize) -> String {
    let id = |n: usize| format!("SECRET_ID_{}", base + n);
    let rows = [
        // Header: an unknown column named by an id.
        format!(
            "indicateur{d}date{d}valeur{d}participant{d}dénominateur{d}{}",
            id(0)
        ),
        // Shifted rows: the id in the value, date, indicator and denominator columns.
        format!("f4.1{d}02/07/2026{d}{}{d}{d}{d}", id(1)),
        format!("f8.1{d}{}{d}3{d}{d}{d}", id(2)),
        format!("{}{d}31/03/2026{d}3{d}{d}{d}", id(3)),
        format!("f5.2{d}31/03/2026{d}3{d}{d}{}{d}", id(4)),
        // Milestone and assessment cells.
        format!("f1.4{d}31/03/2026{d}{}{d}{d}{d}", id(5)),
        format!("f6.3{d}31/03/2026{d}{}{d}{d}{d}", id(6)),
        // The participant column, where an id belongs: read, never shown.
        format!("f4.1{d}03/03/2026{d}{d}{}{d}{d}", id(7)),
        // A number-like id (seven digits) in the date and value columns.
        format!("f8.1{d}1234567{d}3{d}{d}{d}",),
        format!("f8.1{d}31/03/2026{d}-7654321{d}{d}{d}"),
        // The unknown column's cell.
        format!("f8.1{d}31/03/2026{d}3{d}{d}{d}{}", id(8)),
    ];
    // Comment lines, one a data row with the other delimiter.
    let other = if d == ';' { ',' } else { ';' };
    format!(
        "# Données fictives\n#f4.1{other}02/07/2026{other}{other}{}\n# note {}\n{}\n",
        id(9),
        id(10),
        rows.join("\n")
    )
}

#[test]
fn privacy_sweep_csv_semicolon_and_comma() {
    let skipped = sweep_csv("csv ;", &planted_csv(';', 100));
    assert!(skipped >= 6, "{skipped}");
    let skipped = sweep_csv("csv ,", &planted_csv(',', 200));
    assert!(skipped >= 6, "{skipped}");
}

#[test]
fn privacy_sweep_json() {
    let p = plan();
    let json = r#"{ "fictional": true, "SECRET_ID_300": 1, "notes": ["Données fictives"],
      "observations": [
        {"indicateur": "f4.1", "date": "02/07/2026", "valeur": "SECRET_ID_301"},
        {"indicateur": "f8.1", "date": "SECRET_ID_302", "valeur": 3},
        {"indicateur": "SECRET_ID_303", "date": "31/03/2026", "valeur": 3},
        {"indicateur": "f5.2", "date": "31/03/2026", "valeur": 3, "denominateur": "SECRET_ID_304"},
        {"indicateur": "f1.4", "date": "31/03/2026", "valeur": "SECRET_ID_305"},
        {"indicateur": "f4.1", "date": "03/03/2026", "participant": "SECRET_ID_306"},
        {"indicateur": "f8.1", "date": "31/03/2026", "valeur": 3, "SECRET_ID_307": "x"}
      ] }"#;
    let mut outputs = Vec::new();
    outputs.extend(error_outputs(&read_json(&p, json, &strict()).unwrap_err()));
    let obs = read_json(&p, json, &lenient()).unwrap();
    assert!(obs.skipped.len() >= 5, "{}", obs.skipped.len());
    outputs.extend(observation_outputs(&obs));
    outputs.extend(evaluation_outputs(&evaluate(
        &p,
        &obs,
        &EvalOptions::default(),
    )));
    assert_clean("json", &outputs);
}

fn record(pairs: &[(&str, RecordCell)]) -> RecordItem {
    RecordItem::Record(Record {
        pairs: pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
    })
}

#[test]
fn privacy_sweep_records() {
    let p = plan();
    let t = |s: &str| RecordCell::Text(s.to_string());
    let items = || {
        vec![
            record(&[
                ("indicator", t("f4.1")),
                ("date", t("02/07/2026")),
                ("value", t("SECRET_ID_401")),
            ]),
            record(&[
                ("indicator", t("f8.1")),
                ("date", t("SECRET_ID_402")),
                ("value", RecordCell::Int(3)),
            ]),
            record(&[
                ("indicator", t("SECRET_ID_403")),
                ("date", t("31/03/2026")),
                ("value", RecordCell::Int(3)),
            ]),
            record(&[
                ("indicator", t("f6.3")),
                ("date", t("31/03/2026")),
                ("value", t("SECRET_ID_404")),
            ]),
            record(&[
                ("indicator", t("f4.1")),
                ("date", t("03/03/2026")),
                ("participant", t("SECRET_ID_405")),
            ]),
            record(&[
                ("indicator", t("f8.1")),
                ("date", t("31/03/2026")),
                ("value", RecordCell::Int(3)),
                ("SECRET_ID_406", RecordCell::Int(1)),
            ]),
        ]
    };
    let mut outputs = error_outputs(&read_records(&p, items(), &strict()).unwrap_err());
    let obs = read_records(&p, items(), &lenient()).unwrap();
    assert!(obs.skipped.len() >= 4, "{}", obs.skipped.len());
    assert!(obs.notes.contains(&Note::IgnoredKeyAt {
        row: Some(6),
        position: 4
    }));
    outputs.extend(observation_outputs(&obs));
    outputs.extend(evaluation_outputs(&evaluate(
        &p,
        &obs,
        &EvalOptions::default(),
    )));
    assert_clean("records", &outputs);
}

#[test]
fn privacy_sweep_workbook() {
    let p = plan();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let header = [
        "indicateur",
        "date",
        "valeur",
        "participant",
        "SECRET_ID_500",
    ];
    for (c, name) in header.into_iter().enumerate() {
        sheet.write_string(0, c as u16, name).unwrap();
    }
    let rows = [
        ["f4.1", "02/07/2026", "SECRET_ID_501", "", ""],
        ["f8.1", "SECRET_ID_502", "3", "", ""],
        ["SECRET_ID_503", "31/03/2026", "3", "", ""],
        ["f4.1", "03/03/2026", "", "SECRET_ID_504", ""],
        ["f8.1", "31/03/2026", "3", "", "SECRET_ID_505"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                sheet.write_string(r as u32 + 1, c as u16, *cell).unwrap();
            }
        }
    }
    let bytes = book.save_to_buffer().unwrap();
    let mut outputs = error_outputs(&read_xlsx(&p, &bytes, &strict()).unwrap_err());
    let obs = read_xlsx(&p, &bytes, &lenient()).unwrap();
    assert!(obs.skipped.len() >= 3, "{}", obs.skipped.len());
    assert!(obs.notes.contains(&Note::IgnoredColumnAt {
        position: 5,
        letters: Some("E".into())
    }));
    outputs.extend(observation_outputs(&obs));
    outputs.extend(evaluation_outputs(&evaluate(
        &p,
        &obs,
        &EvalOptions::default(),
    )));
    assert_clean("workbook", &outputs);
}

#[test]
fn privacy_sweep_territories_and_evaluate_many() {
    let (a, b) = (plan(), second_plan());
    let csv = "\
# SECRET_ID_600
territoire;indicateur;date;valeur;participant;SECRET_ID_601
SECRET_ID_602;f8.1;31/12/2026;30;;
sundgau-2025-2029;f4.1;03/03/2026;;SECRET_ID_603;
ctg-0001;f8.1;SECRET_ID_604;12;;
ctg-0001;f4.1;02/07/2026;SECRET_ID_605;;
";
    let mut outputs =
        error_outputs(&read_csv_territories(&[&a, &b], csv.as_bytes(), &strict()).unwrap_err());
    let read: ByTerritory = read_csv_territories(&[&a, &b], csv.as_bytes(), &lenient()).unwrap();
    assert_eq!(read.skipped.len(), 1);
    outputs.push(format!("{:?}", read.skipped));
    outputs.push(serde_json::to_string(&read.skipped).unwrap());
    for obs in &read.observations {
        outputs.extend(observation_outputs(obs));
    }
    let items = [(&a, &read.observations[0]), (&b, &read.observations[1])];
    let evaluations = evaluate_many(&items, &EvalOptions::default());
    for ev in &evaluations {
        outputs.extend(evaluation_outputs(ev));
    }
    let rollup = Rollup::new(&evaluations, read.skipped.len());
    for lang in [Lang::Fr, Lang::En] {
        outputs.push(report::render_many_html(&rollup, lang));
        outputs.push(report::render_many_markdown(&rollup, lang));
        let opts = ReportOptions {
            lang,
            ..Default::default()
        };
        outputs.push(report::render_many_csv(
            &evaluations,
            &opts,
            CsvFlavour::French,
        ));
    }
    // One plan, a territory column naming another: masked too.
    let one = "territoire;indicateur;date;valeur\nSECRET_ID_606;f8.1;31/12/2026;30\n";
    outputs.extend(error_outputs(
        &read_csv(&a, one.as_bytes(), &strict()).unwrap_err(),
    ));
    assert_clean("territories", &outputs);
}

// One regression test per finding.

#[test]
fn privacy_shifted_row_id_not_quoted() {
    let p = plan();
    let csv = "indicateur;date;valeur;participant\nf4.1;02/07/2026;SECRET_ID_123;\n";
    let e = read_csv(&p, csv.as_bytes(), &strict()).unwrap_err();
    // The value is masked; the empty participant cell is a problem of its own.
    assert_eq!(
        e.issues[0].render(Lang::Fr),
        "ligne 2, colonne `valeur` [type_error] : \
         la valeur `S…3` (13 caractères) de la colonne `valeur` n'est pas un nombre \
         (écrivez un nombre, avec une virgule ou un point décimal : 12 ou 12,5)"
    );
    assert!(e.to_string().contains("`S…3` (13 characters)"));
    assert_eq!(e.issues[0].problem(Lang::En).input, None);
    assert!(!format!("{e:?}").contains("SECRET"));
    // A number or a date stays quoted, and so does a misspelt indicator id.
    let csv = "indicateur;date;valeur\nF8.1;31/02/2026;12,5.3\n";
    let e = read_csv(&p, csv.as_bytes(), &strict()).unwrap_err();
    let text = e.render(Lang::En);
    assert!(text.contains("indicator `F8.1`"), "{text}");
    let csv = "indicateur;date;valeur\nf8.1;31/02/2026;12,5.3\n";
    let text = read_csv(&p, csv.as_bytes(), &strict())
        .unwrap_err()
        .render(Lang::En);
    assert!(
        text.contains("`31/02/2026`") && text.contains("`12,5.3`"),
        "{text}"
    );
}

#[test]
fn privacy_commented_out_row_not_in_notes_or_reports() {
    let p = plan();
    let csv = "# Données fictives\nindicateur;date;valeur;participant\n\
               #f4.1,02/07/2026,,SECRET_ID_777\nf8.1;31/12/2026;30;\n";
    let obs = read_csv(&p, csv.as_bytes(), &strict()).unwrap();
    assert!(obs.fictional);
    assert_eq!(
        obs.notes,
        [Note::CommentLines {
            rows: vec![1, 3],
            count: 2
        }]
    );
    let ev = evaluate(&p, &obs, &EvalOptions::default());
    assert_eq!(
        report::notes(&ev, Lang::Fr),
        ["2 lignes de commentaire (`#`), lignes 1, 3, non reprises"]
    );
    assert_clean("commented out", &evaluation_outputs(&ev));
}

#[test]
fn privacy_unknown_columns_named_by_position() {
    let p = plan();
    let csv = "indicateur;date;valeur;SECRET_ID_123;SECRET_ID_124\nf8.1;31/12/2026;30;1;2\n";
    let obs = read_csv(&p, csv.as_bytes(), &strict()).unwrap();
    let ev = evaluate(&p, &obs, &EvalOptions::default());
    assert_eq!(
        report::notes(&ev, Lang::Fr),
        [
            "colonne 4 ignorée : son en-tête ne nomme aucune colonne connue",
            "colonne 5 ignorée : son en-tête ne nomme aucune colonne connue"
        ]
    );
    assert_eq!(
        report::notes(&ev, Lang::En)[0],
        "ignored column 4: its header names no known column"
    );
    assert_clean("columns", &evaluation_outputs(&ev));
}

#[test]
fn privacy_one_line_csv_string_is_data_not_a_path() {
    assert!(text_is_data("f4.1;02/07/2026;SECRET_ID_123;"));
    assert!(text_is_data("indicator,date,value"));
    assert!(!text_is_data("observations.csv"));
    let msg = ctg_core::io::file_error_message(std::io::ErrorKind::NotFound, Lang::Fr);
    assert!(
        msg.starts_with("le fichier d'observations est introuvable"),
        "{msg}"
    );
}

#[test]
fn privacy_json_export_suppressed() {
    let p = plan();
    let csv = "indicateur;date;valeur;participant\nf8.1;31/12/2026;3;\n\
               f4.1;03/03/2026;;P1\nf4.1;04/03/2026;;P2\n";
    let obs = read_csv(&p, csv.as_bytes(), &strict()).unwrap();
    let ev = evaluate(&p, &obs, &EvalOptions::default());
    let view = |suppress_below| {
        let json = report::render_json(
            &ev,
            &ViewOptions {
                suppress_below,
                ..Default::default()
            },
        );
        serde_json::from_str::<serde_json::Value>(&json).unwrap()
    };
    let find = |v: &serde_json::Value, id: &str| {
        v["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap()
            .clone()
    };
    let open = view(None);
    assert_eq!(find(&open, "f8.1")["headline"]["value"], 3.0);
    assert!(find(&open, "f8.1")["headline"].get("suppressed").is_none());
    let shut = view(Some(5));
    for id in ["f8.1", "f4.1"] {
        let ind = find(&shut, id);
        for r in ind["windows"]
            .as_array()
            .unwrap()
            .iter()
            .chain(std::iter::once(&ind["headline"]))
            .filter(|r| r["suppressed"] == true)
        {
            for key in ["value", "achievement", "projection", "change", "baseline"] {
                assert!(r[key].is_null(), "{id} {key}: {r}");
            }
            assert_eq!(r["observations"], 0);
        }
        assert_eq!(ind["headline"]["suppressed"], true, "{id}");
        let explanation = ind["headline"]["explanation"].as_str().unwrap();
        assert!(explanation.contains("< 5"), "{explanation}");
    }
}

#[test]
fn privacy_ffi_evaluation_view_suppressed_with_the_reports() {
    use ctg_core::ffi::{evaluate as ffi_evaluate, Answer, EvaluateCall, PlanSource};
    let call = EvaluateCall {
        plan: PlanSource::Bundled {
            name: "sundgau".into(),
        },
        observations: "indicateur;date;valeur\nf8.1;31/12/2026;3\n".into(),
        as_of: Some("31/12/2026".into()),
        lang: Lang::Fr,
        strict: true,
        explanations: true,
        reports: vec![],
        fiches: None,
        axes: None,
        suppress_below: Some(5),
        limits: Default::default(),
    };
    let Answer::Success { result, .. } = ffi_evaluate(&call) else {
        panic!("the call fails")
    };
    let v = serde_json::to_value(&result).unwrap();
    let f8 = v["evaluation"]["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "f8.1")
        .unwrap();
    assert_eq!(f8["headline"]["suppressed"], true);
    assert!(f8["headline"]["value"].is_null());
}
