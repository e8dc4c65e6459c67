//! Typed notes of an observation input: a French Excel export (Windows-1252, `sep=;` line,
//! a comment line, an unknown column, a commented-out data row) gives typed notes, shown
//! in the reports in the asked language, and never a comment's text or a column's header.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ctg_core::eval::{evaluate, EvalOptions, Evaluation};
use ctg_core::io::{read_auto, read_csv, Encoding, IngestOptions, Note};
use ctg_core::report::{self, ReportOptions, ViewOptions};
use ctg_core::Lang;

/// A participant id in the commented-out row: it must appear nowhere.
const SECRET: &str = "PARTICIPANT-SECRET-42";

/// The export, in Windows-1252 (`é` is 0xE9, `—` is 0x97).
fn export() -> Vec<u8> {
    let mut bytes = Vec::new();
    bytes.extend_from_slice(b"sep=;\r\n");
    bytes.extend_from_slice(b"# Donn\xe9es fictives \x97 saisie de l'\xe9t\xe9\r\n");
    bytes.extend_from_slice(b"indicateur;date;valeur;participant;responsable\r\n");
    bytes.extend_from_slice(b"f8.1;31/12/2026;30;;\xc9lodie\r\n");
    bytes.extend_from_slice(b"#f8.1;31/12/2026;5;PARTICIPANT-SECRET-42;x\r\n");
    bytes
}

fn evaluation() -> Evaluation {
    let plan = ctg_core::plans::sundgau().unwrap();
    let obs = read_csv(&plan, &export(), &IngestOptions::default()).unwrap();
    evaluate(&plan, &obs, &EvalOptions::default())
}

fn expected_notes() -> Vec<Note> {
    vec![
        // Comment lines by their rows, never their text (issue 16).
        Note::CommentLines {
            rows: vec![2],
            count: 1,
        },
        Note::CommentedOutRow { row: 5 },
        Note::Decoded {
            encoding: Encoding::Windows1252,
        },
        Note::SepDirective { delimiter: ';' },
        // Unknown columns by their position, never their header.
        Note::IgnoredColumnAt {
            position: 5,
            letters: None,
        },
    ]
}

const FR: [&str; 5] = [
    "1 ligne de commentaire (`#`), ligne 2, non reprise",
    "la ligne 5 est mise en commentaire (`#`) et a été ignorée",
    "l'entrée n'est pas en UTF-8 : elle a été décodée en Windows-1252",
    "la ligne `sep=;` fixe le séparateur",
    "colonne 5 ignorée : son en-tête ne nomme aucune colonne connue",
];

const EN: [&str; 5] = [
    "1 comment line (`#`), row 2, not copied",
    "row 5 is commented out (`#`) and was ignored",
    "the input is not UTF-8: decoded as Windows-1252",
    "the `sep=;` line sets the delimiter",
    "ignored column 5: its header names no known column",
];

/// White space collapsed (the text report wraps its lines).
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_french_excel_export_gives_typed_notes() {
    let plan = ctg_core::plans::sundgau().unwrap();
    let obs = read_csv(&plan, &export(), &IngestOptions::default()).unwrap();
    assert!(obs.fictional);
    assert_eq!(obs.len(), 1);
    assert_eq!(obs.notes, expected_notes());
    // `read_auto` reads it the same way.
    let auto = read_auto(&plan, &export(), &IngestOptions::default()).unwrap();
    assert_eq!(auto.notes, obs.notes);
    // The evaluation keeps them as data.
    let ev = evaluate(&plan, &obs, &EvalOptions::default());
    assert_eq!(ev.diagnostics.notes, expected_notes());
}

#[test]
fn notes_render_in_the_asked_language() {
    let ev = evaluation();
    assert_eq!(report::notes(&ev, Lang::Fr), FR);
    assert_eq!(report::notes(&ev, Lang::En), EN);
}

#[test]
fn text_and_html_reports_show_the_notes_in_their_language() {
    let ev = evaluation();
    for (lang, notes, other) in [(Lang::Fr, FR, EN), (Lang::En, EN, FR)] {
        let opts = ReportOptions {
            lang,
            ..Default::default()
        };
        let text = flat(&report::render_text(&ev, &opts));
        let html = report::render_html(&ev, &opts);
        let markdown = flat(&report::render_markdown(&ev, &opts));
        for note in notes {
            assert!(text.contains(note), "{lang:?} text report lacks {note:?}");
            let html_note = report::escape_html(note);
            assert!(
                html.contains(&html_note),
                "{lang:?} HTML report lacks {note:?}"
            );
            let md_note = report::escape_markdown(note);
            assert!(
                markdown.contains(&md_note),
                "{lang:?} Markdown report lacks {note:?}"
            );
        }
        // The other language's wording of the notes that differ is absent.
        for note in &other[1..] {
            assert!(!text.contains(note), "{lang:?} text report has {note:?}");
            assert!(
                !html.contains(&report::escape_html(note)),
                "{lang:?} HTML report has {note:?}"
            );
        }
    }
}

#[test]
fn json_view_renders_the_notes_and_data_json_types_them() {
    let ev = evaluation();
    for (lang, notes) in [(Lang::Fr, FR), (Lang::En, EN)] {
        let view: serde_json::Value = serde_json::from_str(&report::render_json(
            &ev,
            &ViewOptions {
                lang,
                explanations: true,
                suppress_below: None,
            },
        ))
        .unwrap();
        assert_eq!(view["diagnostics"]["notes"], serde_json::json!(notes));
    }
    let data: serde_json::Value = serde_json::from_str(&ev.to_json()).unwrap();
    assert_eq!(
        data["diagnostics"]["notes"],
        serde_json::json!([
            {"code": "comment_lines", "rows": [2], "count": 1},
            {"code": "commented_out_row", "row": 5},
            {"code": "decoded", "encoding": "windows1252"},
            {"code": "sep_directive", "delimiter": ";"},
            {"code": "ignored_column_at", "position": 5, "letters": null},
        ])
    );
}

#[test]
fn a_commented_out_row_never_shows_its_cells() {
    let ev = evaluation();
    let mut outputs = vec![ev.to_json(), format!("{:?}", ev.diagnostics)];
    for lang in [Lang::Fr, Lang::En] {
        let opts = ReportOptions {
            lang,
            ..Default::default()
        };
        outputs.push(report::render_text(&ev, &opts));
        outputs.push(report::render_html(&ev, &opts));
        outputs.push(report::render_markdown(&ev, &opts));
        outputs.push(report::render_json(
            &ev,
            &ViewOptions {
                lang,
                explanations: true,
                suppress_below: None,
            },
        ));
    }
    for out in &outputs {
        assert!(!out.contains(SECRET), "participant id in {out}");
        // Nor the rest of the row, nor the ignored column's cells.
        assert!(!out.contains("31/12/2026;5"), "commented-out row in {out}");
        assert!(!out.contains("Élodie"), "ignored cell in {out}");
    }
}
