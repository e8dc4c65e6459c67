//! Observation ingest: CSV (French Excel and plain), JSON (both shapes), lenient mode,
//! Windows-1252, and the other readers agreeing with them.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use ctg_core::io::{
    read_auto, read_csv, read_json, read_rows, Assessment, Column, Encoding, IngestOptions, Note,
    Observation, Observations, ObservedValue, RawRow,
};
use ctg_core::model::Plan;
use ctg_core::Lang;

/// The notes of `obs`, rendered in English.
fn en(obs: &Observations) -> Vec<String> {
    obs.notes.iter().map(|n| n.render(Lang::En)).collect()
}

fn plan() -> Plan {
    toml::from_str(include_str!("ingest/plan.toml")).unwrap()
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

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

type Essence = (
    String,
    NaiveDate,
    ObservedValue,
    Option<String>,
    Option<f64>,
    Option<String>,
    Option<String>,
);

/// An observation without its row number (participants by their interned number, in order
/// of first appearance).
fn essence(o: &Observation) -> Essence {
    (
        o.indicator.to_string(),
        o.date,
        o.value,
        o.participant.map(|p| format!("{p:?}")),
        o.denominator,
        o.commune.clone(),
        o.comment.clone(),
    )
}

/// The observations every fixture of this file holds.
fn expected() -> Vec<Essence> {
    let s = |x: &str| Some(x.to_string());
    vec![
        (
            "f1.1".into(),
            date(2026, 3, 31),
            ObservedValue::Number(12.0),
            None,
            None,
            s("Altkirch"),
            None,
        ),
        (
            "f1.1".into(),
            date(2026, 6, 30),
            ObservedValue::Number(7.5),
            None,
            None,
            s("Dannemarie"),
            s("second quarter, estimated"),
        ),
        (
            "f1.2".into(),
            date(2026, 5, 15),
            ObservedValue::Done(true),
            None,
            None,
            None,
            None,
        ),
        (
            "f2.1".into(),
            date(2026, 2, 1),
            ObservedValue::Number(1.0),
            s("Participant(#0)"),
            None,
            None,
            None,
        ),
        (
            "f2.1".into(),
            date(2026, 2, 3),
            ObservedValue::Number(1.0),
            s("Participant(#1)"),
            None,
            None,
            None,
        ),
        (
            "f3.1".into(),
            date(2026, 3, 31),
            ObservedValue::Number(45.0),
            None,
            Some(50.0),
            None,
            None,
        ),
        (
            "f3.2".into(),
            date(2026, 12, 31),
            ObservedValue::Number(1234.5),
            None,
            None,
            None,
            None,
        ),
        (
            "f12.1".into(),
            date(2026, 4, 1),
            ObservedValue::Number(-0.5),
            None,
            None,
            None,
            None,
        ),
        (
            "f12.2".into(),
            date(2026, 12, 31),
            ObservedValue::Assessment(Assessment::Partial),
            None,
            None,
            None,
            s("Two of three committees held"),
        ),
    ]
}

/// French Excel's « CSV (séparateur : point-virgule) » in UTF-8: BOM, CRLF, `;`, decimal
/// comma, dd/mm/yyyy, French headers, a comment line saying the data is fictional, an
/// extra column, a time after some dates, NBSP thousands separator.
fn excel_fr_bytes() -> Vec<u8> {
    let lines = [
        "# Données fictives — jeu de démonstration",
        "Indicateur;Date;Valeur;Bénéficiaire;Dénominateur;Commune;Commentaire;Responsable",
        "f1.1;31/03/2026;12;;;Altkirch;;Mme A",
        "f1.1;30/06/2026 00:00;7,5;;;Dannemarie;\"second quarter, estimated\";Mme A",
        "f1.2;15/05/2026;Oui;;;;;",
        "f2.1;01/02/2026;;P-0001;;;;",
        "f2.1;03/02/2026 00:00:00;;P-0002;;;;",
        "f3.1;31/03/2026;45;;50;;;",
        "f3.2;31/12/2026;1\u{a0}234,5;;;;;",
        "f12.1;01/04/2026;-0,5;;;;;",
        "f12.2;31/12/2026;Partiellement atteint;;;;Two of three committees held;",
    ];
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    for line in lines {
        bytes.extend_from_slice(line.as_bytes());
        bytes.extend_from_slice(b"\r\n");
    }
    bytes
}

#[test]
fn french_excel_csv() {
    let bytes = excel_fr_bytes();
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
    assert!(bytes.windows(2).any(|w| w == b"\r\n"));
    let obs = read_csv(&plan(), &bytes, &strict()).unwrap();
    let got: Vec<Essence> = obs.rows().iter().map(essence).collect();
    assert_eq!(got, expected());
    // The comment line is row 1, the header row 2: data starts on row 3.
    let rows: Vec<usize> = obs.rows().iter().map(|o| o.row).collect();
    assert_eq!(rows, (3..=11).collect::<Vec<_>>());
    assert!(obs.fictional);
    assert_eq!(
        obs.notes[0],
        Note::CommentLines {
            rows: vec![1],
            count: 1
        }
    );
    // Named by its position, never its header (issue 16).
    assert!(obs.notes.contains(&Note::IgnoredColumnAt {
        position: 8,
        letters: None
    }));
    assert!(en(&obs).contains(&"ignored column 8: its header names no known column".to_string()));
    assert!(obs.skipped.is_empty());
}

#[test]
fn plain_csv() {
    let obs = read_csv(&plan(), include_bytes!("ingest/plain.csv"), &strict()).unwrap();
    let got: Vec<Essence> = obs.rows().iter().map(essence).collect();
    assert_eq!(got, expected());
    let rows: Vec<usize> = obs.rows().iter().map(|o| o.row).collect();
    assert_eq!(rows, (2..=10).collect::<Vec<_>>());
    assert!(!obs.fictional);
    assert!(obs.notes.is_empty());
}

#[test]
fn json_array() {
    let obs = read_json(&plan(), include_str!("ingest/observations.json"), &strict()).unwrap();
    let got: Vec<Essence> = obs.rows().iter().map(essence).collect();
    assert_eq!(got, expected());
    let rows: Vec<usize> = obs.rows().iter().map(|o| o.row).collect();
    assert_eq!(rows, (1..=9).collect::<Vec<_>>());
    assert!(!obs.fictional);
}

#[test]
fn json_object_with_notes() {
    let obs = read_json(&plan(), include_str!("ingest/wrapped.json"), &strict()).unwrap();
    let got: Vec<Essence> = obs.rows().iter().map(essence).collect();
    assert_eq!(got, expected());
    assert!(obs.fictional);
    assert_eq!(
        obs.notes,
        [
            Note::InputNote {
                text: "Jeu de démonstration".into()
            },
            Note::InputNote {
                text: "Saisie par le service enfance-jeunesse".into()
            },
            // By its place, never by itself (issue 16).
            Note::IgnoredKeyAt {
                row: None,
                position: 4
            },
        ]
    );
    assert_eq!(
        en(&obs),
        [
            "Jeu de démonstration",
            "Saisie par le service enfance-jeunesse",
            "ignored key 4 of the JSON object: it is neither `observations`, `fictional` nor `notes`"
        ]
    );
}

#[test]
fn json_notes_can_declare_fiction() {
    let json = r#"{"notes": ["Données fictives"], "observations": []}"#;
    let obs = read_json(&plan(), json, &strict()).unwrap();
    assert!(obs.fictional);
    assert!(obs.is_empty());
    // An explicit `fictional` wins.
    let json = r#"{"fictional": false, "notes": ["Données fictives"], "observations": []}"#;
    assert!(!read_json(&plan(), json, &strict()).unwrap().fictional);
}

/// Issue 16: a JSON object with a key written twice kept the last value silently. The
/// wrapping object's keys are `duplicate_key` errors (both modes); an observation's keys
/// naming one column twice are `duplicate_column`, at their row.
#[test]
fn duplicate_key_json_observations() {
    let row = r#"{"indicateur": "f2.1", "date": "31/03/2026", "valeur": 3}"#;
    let json = format!(r#"{{"fictional": false, "fictional": true, "observations": [{row}]}}"#);
    for opts in [strict(), lenient()] {
        let err = read_json(&plan(), &json, &opts).unwrap_err();
        assert_eq!(err.issues.len(), 1);
        let issue = &err.issues[0];
        assert_eq!(issue.code().as_str(), "duplicate_key");
        assert_eq!(issue.row, None);
        assert_eq!(
            issue.message(Lang::Fr),
            "la clé `fictional` (clé n° 2) est écrite deux fois dans l'objet JSON"
        );
    }
    let json = format!(r#"{{"observations": [], "observations": [{row}]}}"#);
    let err = read_json(&plan(), &json, &strict()).unwrap_err();
    assert_eq!(err.issues[0].code().as_str(), "duplicate_key");
    let json = r#"[{"indicateur": "f2.1", "date": "31/03/2026", "valeur": 3, "valeur": 4}]"#;
    let err = read_json(&plan(), json, &strict()).unwrap_err();
    assert_eq!(err.issues[0].code().as_str(), "duplicate_column");
    assert_eq!(err.issues[0].row, Some(1));
    assert_eq!(err.issues[0].column.as_deref(), Some("valeur"));
}

/// Issue 16: `01/01/0000` was accepted. Dates outside 1900–2200 are `date_out_of_range`
/// at their row and column, in CSV, JSON and records; `as_of` text too.
#[test]
fn date_out_of_range_refused() {
    let csv = "indicateur;date;valeur\nf1.1;01/01/0000;3\nf1.1;31/12/2026;3\nf1.1;31/12/2201;1\nf1.1;01/01/1900;1\n";
    let err = read_csv(&plan(), csv.as_bytes(), &strict()).unwrap_err();
    let got: Vec<(&str, Option<usize>, Option<&str>)> = err
        .issues
        .iter()
        .map(|i| (i.code().as_str(), i.row, i.column.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("date_out_of_range", Some(2), Some("date")),
            ("date_out_of_range", Some(4), Some("date"))
        ]
    );
    assert_eq!(
        err.issues[0].message(Lang::Fr),
        "`01/01/0000` (colonne `date`) est hors des années 1900 à 2200"
    );
    let obs = read_csv(&plan(), csv.as_bytes(), &lenient()).unwrap();
    assert_eq!(obs.len(), 2);
    let json = r#"[{"indicateur": "f1.1", "date": "0000-01-01", "valeur": 3}]"#;
    let err = read_json(&plan(), json, &strict()).unwrap_err();
    assert_eq!(err.issues[0].code().as_str(), "date_out_of_range");
    assert_eq!(err.issues[0].row, Some(1));
    let record = ctg_core::io::records::Record::new()
        .with(
            "indicateur",
            ctg_core::io::records::RecordCell::Text("f1.1".into()),
        )
        .with(
            "date",
            ctg_core::io::records::RecordCell::Date(
                chrono::NaiveDate::from_ymd_opt(1, 1, 1).unwrap(),
            ),
        )
        .with("valeur", ctg_core::io::records::RecordCell::Int(3));
    let err = ctg_core::io::read_records(&plan(), [record.into()], &strict()).unwrap_err();
    assert_eq!(err.issues[0].code().as_str(), "date_out_of_range");
    assert_eq!(
        err.issues[0].message(Lang::En),
        "`01/01/0001` in column `date` is outside the years 1900 to 2200"
    );
    assert_eq!(ctg_core::io::parse_date("01/01/0000"), None);
    assert_eq!(
        ctg_core::io::parse_date("31/12/2200")
            .map(|d| d.to_string())
            .as_deref(),
        Some("2200-12-31")
    );
}

/// Issue 16: a distinct-count row with `valeur` 0 still counted its participant. It is
/// refused (`constraint_error` at the value cell; lenient mode drops it into `skipped`);
/// an empty value, or a positive one, counts the participant as present.
#[test]
fn distinct_zero_refused() {
    let csv = "indicateur;date;valeur;participant\nf2.1;31/03/2026;0;p1\nf2.1;31/03/2026;;p2\nf2.1;31/03/2026;1;p3\n";
    let err = read_csv(&plan(), csv.as_bytes(), &strict()).unwrap_err();
    assert_eq!(err.issues.len(), 1);
    let issue = &err.issues[0];
    assert_eq!(
        (issue.code().as_str(), issue.row, issue.column.as_deref()),
        ("constraint_error", Some(2), Some("valeur"))
    );
    let fr = issue.message(Lang::Fr);
    assert!(fr.contains("la valeur 0"), "{fr}");
    assert!(!fr.contains("p1"));
    let obs = read_csv(&plan(), csv.as_bytes(), &lenient()).unwrap();
    assert_eq!(obs.len(), 2);
    assert_eq!(obs.skipped.len(), 1);
}

/// Issue 16: the README said `valeur` is optional for distinct counts and the code required
/// the column. A header with a participant column may leave the value column out: a
/// distinct-count row counts its participant as present; a row of another measure is then
/// a `missing_cell` at its value. Without a participant column, the value column stays
/// required.
#[test]
fn distinct_value_column_optional() {
    let csv =
        "indicateur;date;participant\nf2.1;31/03/2026;p1\nf2.1;30/04/2026;p2\nf2.1;30/04/2026;p1\n";
    let obs = read_csv(&plan(), csv.as_bytes(), &strict()).unwrap();
    assert_eq!(obs.len(), 3);
    let csv = "indicateur;date;participant\nf1.1;31/03/2026;p1\n";
    let err = read_csv(&plan(), csv.as_bytes(), &strict()).unwrap_err();
    let issue = &err.issues[0];
    assert_eq!(
        (issue.code().as_str(), issue.row, issue.column.as_deref()),
        ("missing_cell", Some(2), Some("value"))
    );
    let err = read_csv(
        &plan(),
        "indicateur;date\nf2.1;31/03/2026\n".as_bytes(),
        &strict(),
    )
    .unwrap_err();
    assert_eq!(err.issues[0].code().as_str(), "missing_column");
    assert_eq!(err.issues[0].column.as_deref(), Some("value"));
}

/// Issue 16: in strict mode a data row starting with `#` (`#N/A` from Excel) was dropped
/// as a comment. After the header, a `#` line whose first cell is a spreadsheet error is a
/// data row: a `cell_error` (`type_error`) at its row and first column, in both modes; a
/// spreadsheet error in any other cell is a `cell_error` at its column. Other `#` lines
/// stay comments.
#[test]
fn hash_error_row_not_a_comment() {
    let csv = "# Données fictives\nindicateur;date;valeur\n#N/A;02/07/2026;3\nf1.1;02/07/2026;#DIV/0!\n# une note\nf1.1;03/07/2026;4\n#valeur!;04/07/2026;1\n";
    let err = read_csv(&plan(), csv.as_bytes(), &strict()).unwrap_err();
    let got: Vec<(&str, Option<usize>, Option<&str>)> = err
        .issues
        .iter()
        .map(|i| (i.code().as_str(), i.row, i.column.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("type_error", Some(3), Some("indicateur")),
            ("type_error", Some(4), Some("valeur")),
            ("type_error", Some(7), Some("indicateur")),
        ]
    );
    assert_eq!(
        err.issues[0].message(Lang::Fr),
        "la cellule `indicateur` contient l'erreur #N/A"
    );
    assert_eq!(
        err.issues[2].message(Lang::En),
        "the `indicateur` cell holds the error #VALEUR!"
    );
    let obs = read_csv(&plan(), csv.as_bytes(), &lenient()).unwrap();
    assert_eq!(obs.len(), 1);
    assert_eq!(obs.skipped.len(), 3);
    assert!(obs.fictional);
    // The `# une note` line stays a comment: counted by its row, never quoted.
    let notes = en(&obs);
    assert!(notes.iter().all(|n| !n.contains("une note")), "{notes:?}");
    assert!(notes.iter().any(|n| n.contains("comment")), "{notes:?}");
    // JSON cells too.
    let json = r##"[{"indicateur": "f1.1", "date": "#N/A", "valeur": 3}]"##;
    let err = read_json(&plan(), json, &strict()).unwrap_err();
    assert_eq!(err.issues[0].code().as_str(), "type_error");
    assert_eq!(err.issues[0].column.as_deref(), Some("date"));
}

#[test]
fn read_auto_sniffs_json_and_csv() {
    let from_csv = read_auto(&plan(), &excel_fr_bytes(), &strict()).unwrap();
    let json = format!("\u{feff}\n  {}", include_str!("ingest/observations.json"));
    let from_json = read_auto(&plan(), json.as_bytes(), &strict()).unwrap();
    let a: Vec<Essence> = from_csv.rows().iter().map(essence).collect();
    let b: Vec<Essence> = from_json.rows().iter().map(essence).collect();
    assert_eq!(a, b);
    let wrapped = read_auto(&plan(), include_bytes!("ingest/wrapped.json"), &strict()).unwrap();
    assert!(wrapped.fictional);
}

#[test]
fn read_rows_matches_csv() {
    let csv = read_csv(&plan(), include_bytes!("ingest/plain.csv"), &strict()).unwrap();
    let rows = expected().into_iter().enumerate().map(|(i, e)| {
        let mut raw = RawRow::new(i + 1)
            .with(Column::Indicator, e.0)
            .with(Column::Date, e.1.format("%d/%m/%Y").to_string());
        raw.value = match e.2 {
            ObservedValue::Number(_) if raw.indicator.as_deref() == Some("f2.1") => None,
            ObservedValue::Number(n) => Some(n.to_string().replace('.', ",")),
            ObservedValue::Done(d) => Some(if d { "fait" } else { "non" }.into()),
            ObservedValue::Assessment(_) => Some("partiellement atteint".into()),
        };
        raw.participant = e.3;
        raw.denominator = e.4.map(|d| d.to_string());
        raw.commune = e.5;
        raw.comment = e.6;
        raw
    });
    let obs = read_rows(&plan(), rows, &strict()).unwrap();
    let a: Vec<Essence> = obs.rows().iter().map(essence).collect();
    let b: Vec<Essence> = csv.rows().iter().map(essence).collect();
    assert_eq!(a, b);
}

#[test]
fn windows_1252_csv() {
    // « Dénominateur », « Bénéficiaire » and a comment with curly quotes, an ellipsis and a
    // euro sign, all as Windows-1252 bytes (not valid UTF-8).
    let mut bytes: Vec<u8> = Vec::new();
    bytes.extend_from_slice(b"# Donn\xe9es fictives\r\n");
    bytes.extend_from_slice(
        b"Indicateur;Date;Valeur;B\xe9n\xe9ficiaire;D\xe9nominateur;Commentaire\r\n",
    );
    bytes.extend_from_slice(
        b"f3.1;31/03/2026;45;;50;r\xe9union \x93parents\x94\x85 co\xfbt 12\x80\r\n",
    );
    bytes.extend_from_slice(b"f2.1;01/02/2026;;\xc9lo\xefse-7;;\r\n");
    assert!(std::str::from_utf8(&bytes).is_err());
    let obs = read_csv(&plan(), &bytes, &strict()).unwrap();
    assert_eq!(obs.len(), 2);
    assert_eq!(
        obs.rows()[0].comment.as_deref(),
        Some("réunion “parents”… coût 12€")
    );
    assert_eq!(obs.rows()[0].denominator, Some(50.0));
    // The participant is interned (its raw id is gone once read).
    assert!(obs.rows()[1].participant.is_some());
    assert!(obs.fictional);
    assert_eq!(en(&obs)[0], "1 comment line (`#`), row 1, not copied");
    assert!(obs.notes.contains(&Note::Decoded {
        encoding: Encoding::Windows1252
    }));
    assert!(en(&obs).iter().any(|n| n.contains("Windows-1252")));
    for lang in [Lang::Fr, Lang::En] {
        assert!(!obs.notes.iter().any(|n| n.render(lang).contains("Éloïse")));
    }
}

#[test]
fn utf16_with_bom() {
    // Excel's « Texte Unicode »: UTF-16LE with BOM, tab-delimited.
    let text = "Indicateur\tDate\tValeur\r\nf1.1\t31/03/2026\t3\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    let obs = read_auto(&plan(), &bytes, &strict()).unwrap();
    assert_eq!(obs.len(), 1);
    assert_eq!(obs.rows()[0].value, ObservedValue::Number(3.0));
    assert_eq!(
        obs.notes,
        [Note::Decoded {
            encoding: Encoding::Utf16le
        }]
    );
    assert_eq!(en(&obs), ["decoded as UTF-16LE"]);
}

#[test]
fn lenient_mode_keeps_good_rows() {
    let csv = "indicateur;date;valeur;participant\n\
               f1.1;31/03/2026;12;\n\
               f1.1;31/02/2026;abc;\n\
               f9.9;31/03/2026;1;\n\
               f2.1;01/02/2026;;P-0001\n\
               f1.1;01/04/2026;-2;\n";
    let obs = read_csv(&plan(), csv.as_bytes(), &lenient()).unwrap();
    assert_eq!(obs.len(), 2);
    assert_eq!(obs.rows()[0].row, 2);
    assert_eq!(obs.rows()[1].row, 5);
    let skipped: Vec<(&str, Option<usize>)> = obs
        .skipped
        .iter()
        .map(|i| (i.code().as_str(), i.row))
        .collect();
    assert_eq!(
        skipped,
        [
            ("type_error", Some(3)),
            ("type_error", Some(3)),
            ("unknown_indicator", Some(4)),
            ("constraint_error", Some(6)),
        ]
    );
    // The same input fails in strict mode, with the same issues.
    let err = read_csv(&plan(), csv.as_bytes(), &strict()).unwrap_err();
    assert_eq!(err.issues, obs.skipped);

    // JSON too.
    let json = r#"[{"indicator": "f1.1", "date": "2026-03-31", "value": 1}, 42,
                   {"indicator": "f1.1", "date": "2026-03-31", "value": "x"}]"#;
    let obs = read_json(&plan(), json, &lenient()).unwrap();
    assert_eq!(obs.len(), 1);
    assert_eq!(obs.skipped.len(), 2);
}

#[test]
fn lenient_mode_still_fails_on_the_whole_input() {
    let err = read_csv(&plan(), b"indicateur;valeur\nf1.1;3\n", &lenient()).unwrap_err();
    assert_eq!(err.issues[0].code().as_str(), "missing_column");
    let err = read_json(&plan(), "not json", &lenient()).unwrap_err();
    assert_eq!(err.issues[0].code().as_str(), "format_error");
    let err = read_csv(&plan(), b"indicateur;date;valeur\n\"f1.1;x;1\n", &lenient()).unwrap_err();
    assert_eq!(err.issues[0].code().as_str(), "format_error");
}

#[test]
fn rows_are_numbered_as_a_spreadsheet_shows_them() {
    // Comment lines and blank lines count; a quoted cell over three lines stays one row.
    let csv = "# Données fictives\n\
               # saisie du 1er avril\n\
               indicateur,date,valeur,commentaire\n\
               f1.1,2026-03-31,1,\"une\nremarque\nlongue\"\n\
               \n\
               # une remarque au milieu\n\
               f1.1,2026-03-31,2,\n\
               ,,,\n\
               f1.1,2026-03-31,3,\n";
    let obs = read_csv(&plan(), csv.as_bytes(), &strict()).unwrap();
    let rows: Vec<usize> = obs.rows().iter().map(|o| o.row).collect();
    assert_eq!(rows, [4, 7, 9]);
    assert_eq!(
        obs.rows()[0].comment.as_deref(),
        Some("une\nremarque\nlongue")
    );
    assert_eq!(
        en(&obs),
        [
            // Comment lines by their rows, never their text (issue 16).
            "3 comment lines (`#`), rows 1, 2, 6, not copied"
        ]
    );
    // With CRLF line ends and a blank line right after the header.
    let csv = "indicator;date;value\r\n\r\nf1.1;2026-03-31;1\r\nf1.1;2026-03-31;2\r\n";
    let obs = read_csv(&plan(), csv.as_bytes(), &strict()).unwrap();
    let rows: Vec<usize> = obs.rows().iter().map(|o| o.row).collect();
    assert_eq!(rows, [3, 4]);
}

#[test]
fn delimiters_and_excel_sep_line() {
    for csv in [
        "indicator\tdate\tvalue\nf1.1\t2026-03-31\t1,5\n",
        "indicator;date;value\nf1.1;2026-03-31;1,5\n",
        "indicator,date,value\nf1.1,2026-03-31,\"1,5\"\n",
        "sep=;\nindicator;date;value\nf1.1;2026-03-31;1,5\n",
        "sep=,\nindicator,date,value\nf1.1,2026-03-31,1.5\n",
    ] {
        let obs = read_csv(&plan(), csv.as_bytes(), &strict()).unwrap();
        assert_eq!(obs.len(), 1, "{csv}");
        assert_eq!(obs.rows()[0].value, ObservedValue::Number(1.5), "{csv}");
    }
}

#[test]
fn header_aliases() {
    let csv = "ID_Indicateur;Date_Observation;VALEUR;Participant_ID;denominateur;COMMUNE;Comment\n\
               f3.1;2026-03-31;3;;4;Hirsingue;ok\n";
    let obs = read_csv(&plan(), csv.as_bytes(), &strict()).unwrap();
    assert_eq!(obs.rows()[0].denominator, Some(4.0));
    assert_eq!(obs.rows()[0].commune.as_deref(), Some("Hirsingue"));
    assert_eq!(obs.rows()[0].comment.as_deref(), Some("ok"));
    let csv = "indicator_id,date,value,personne\nf2.1,2026-03-31,,A\n";
    let obs = read_csv(&plan(), csv.as_bytes(), &strict()).unwrap();
    assert!(obs.rows()[0].participant.is_some());
}

#[test]
fn milestones_and_assessments() {
    let csv = "indicateur;date;valeur\n\
               f1.2;2026-01-01;non\n\
               f1.2;2026-02-01;pas fait\n\
               f1.2;2026-03-01;Réalisé\n\
               f1.2;2026-04-01;x\n\
               f12.2;2026-12-31;Atteint\n\
               f12.2;2026-12-31;non atteint\n\
               f12.2;2026-12-31;not met\n";
    let obs = read_csv(&plan(), csv.as_bytes(), &strict()).unwrap();
    let values: Vec<ObservedValue> = obs.rows().iter().map(|o| o.value).collect();
    assert_eq!(
        values,
        [
            ObservedValue::Done(false),
            ObservedValue::Done(false),
            ObservedValue::Done(true),
            ObservedValue::Done(true),
            ObservedValue::Assessment(Assessment::Achieved),
            ObservedValue::Assessment(Assessment::NotAchieved),
            ObservedValue::Assessment(Assessment::NotAchieved),
        ]
    );
}

#[test]
fn empty_inputs() {
    // A header and nothing else: no observations.
    let obs = read_csv(&plan(), b"indicateur;date;valeur\r\n", &strict()).unwrap();
    assert!(obs.is_empty());
    let obs = read_json(&plan(), "[]", &strict()).unwrap();
    assert!(obs.is_empty());
}

#[test]
fn raw_row_debug_hides_the_participant() {
    let row = RawRow::new(1).with(Column::Participant, "Jeanne D. 2011");
    let shown = format!("{row:?}");
    assert!(!shown.contains("Jeanne"));
    assert!(shown.contains("<redacted>"));
}

#[test]
fn columns_without_header_and_old_mac_line_ends() {
    // Excel's trailing separators everywhere: nothing to say.
    let obs = read_csv(
        &plan(),
        b"indicateur;date;valeur;
f1.1;2026-03-31;1;
",
        &strict(),
    )
    .unwrap();
    assert_eq!(obs.len(), 1);
    assert!(obs.notes.is_empty());
    // Data under a column without a header is noted.
    let obs = read_csv(
        &plan(),
        b"indicateur;date;valeur;
f1.1;2026-03-31;1;x
",
        &strict(),
    )
    .unwrap();
    assert_eq!(obs.notes, [Note::UnnamedColumnWithData { position: 4 }]);
    assert_eq!(en(&obs), ["ignored column 4, which has data but no header"]);
    // Classic Mac OS line ends (CR only).
    let obs = read_csv(
        &plan(),
        b"indicateur;date;valeur\rf1.1;2026-03-31;1\rf1.1;2026-03-31;2\r",
        &strict(),
    )
    .unwrap();
    let rows: Vec<usize> = obs.rows().iter().map(|o| o.row).collect();
    assert_eq!(rows, [2, 3]);
}
