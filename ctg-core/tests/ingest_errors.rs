//! Malformed observation inputs: each one's exact list of `(code, row, column)`, and no
//! participant id in any message, hint or note.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ctg_core::io::{
    read_auto, read_csv, read_json, read_rows, Column, IngestOptions, ObservationError,
    ObservationIssue, RawRow,
};
use ctg_core::model::Plan;
use ctg_core::Lang;

fn plan() -> Plan {
    toml::from_str(include_str!("ingest/plan.toml")).unwrap()
}

/// Participant ids used in these inputs: none may appear in any output text.
const PARTICIPANTS: [&str; 4] = [
    "PSEUDO-ALICE-2011",
    "Jeanne D. 2011",
    "Éloïse-7",
    "participant-secret-42",
];

type Key = (&'static str, Option<usize>, Option<String>);

fn keys(err: &ObservationError) -> Vec<Key> {
    err.issues
        .iter()
        .map(|i| (i.code().as_str(), i.row, i.column.clone()))
        .collect()
}

fn expect(expected: &[(&'static str, Option<usize>, Option<&str>)]) -> Vec<Key> {
    expected
        .iter()
        .map(|(c, r, col)| (*c, *r, col.map(str::to_string)))
        .collect()
}

fn assert_private_issue(issue: &ObservationIssue) {
    let json = serde_json::to_string(issue).unwrap();
    let problems =
        serde_json::to_string(&[issue.problem(Lang::Fr), issue.problem(Lang::En)]).unwrap();
    let texts = [
        Some(issue.message(Lang::En)),
        Some(issue.message(Lang::Fr)),
        issue.hint(Lang::En),
        issue.hint(Lang::Fr),
        issue.column.clone(),
        Some(json),
        Some(problems),
    ];
    let display = issue.to_string();
    let french = issue.render(Lang::Fr);
    for p in PARTICIPANTS {
        for t in texts.iter().flatten() {
            assert!(!t.contains(p), "participant id leaked in {t:?}");
        }
        assert!(!display.contains(p), "participant id leaked in {display:?}");
        assert!(!french.contains(p), "participant id leaked in {french:?}");
    }
    assert!(!issue.message(Lang::En).is_empty() && !issue.message(Lang::Fr).is_empty());
    // A French hint exactly when there is an English one; one line in both languages.
    assert_eq!(
        issue.hint(Lang::Fr).is_some(),
        issue.hint(Lang::En).is_some(),
        "{display}"
    );
    for lang in [Lang::Fr, Lang::En] {
        let p = issue.problem(lang);
        assert_eq!(p.render(), issue.render(lang));
        assert_eq!((p.code.as_str(), p.row), (issue.code().as_str(), issue.row));
        assert_eq!((p.message, p.hint), (issue.message(lang), issue.hint(lang)));
    }
    assert_eq!(issue.render(Lang::En), display);
    assert!(
        !french.contains('\n') && !display.contains('\n'),
        "{french}"
    );
}

fn assert_private(err: &ObservationError) {
    for issue in &err.issues {
        assert_private_issue(issue);
    }
    let display = err.to_string();
    let french = err.render(Lang::Fr);
    for p in PARTICIPANTS {
        assert!(!display.contains(p));
        assert!(!french.contains(p));
    }
    assert_eq!(err.render(Lang::En), display);
}

/// Read CSV in strict mode, expect an error, check privacy, and check that lenient mode
/// reports the same issues as skipped rows (when they are row issues).
fn csv_err(input: &str) -> ObservationError {
    let err = read_csv(&plan(), input.as_bytes(), &IngestOptions::default()).unwrap_err();
    assert_private(&err);
    let auto = read_auto(&plan(), input.as_bytes(), &IngestOptions::default()).unwrap_err();
    assert_eq!(auto, err);
    match read_csv(
        &plan(),
        input.as_bytes(),
        &IngestOptions {
            lenient: true,
            ..Default::default()
        },
    ) {
        Ok(obs) => {
            assert_eq!(obs.skipped, err.issues);
            for n in &obs.notes {
                for lang in [Lang::Fr, Lang::En] {
                    for p in PARTICIPANTS {
                        assert!(!n.render(lang).contains(p));
                    }
                }
            }
        }
        Err(lenient) => assert_eq!(lenient, err),
    }
    err
}

fn json_err(input: &str) -> ObservationError {
    let err = read_json(&plan(), input, &IngestOptions::default()).unwrap_err();
    assert_private(&err);
    // `read_auto` reads JSON only when the input starts with `[` or `{`.
    if input.trim_start().starts_with(['[', '{']) {
        let auto = read_auto(&plan(), input.as_bytes(), &IngestOptions::default()).unwrap_err();
        assert_eq!(auto, err);
    }
    err
}

#[test]
fn e01_unknown_indicator_case() {
    let err = csv_err("indicateur;date;valeur\nF1.1;31/03/2026;3\n");
    assert_eq!(
        keys(&err),
        expect(&[("unknown_indicator", Some(2), Some("indicateur"))])
    );
    let issue = &err.issues[0];
    assert_eq!(
        issue.hint(Lang::En).as_deref(),
        Some("did you mean `f1.1`?")
    );
    assert_eq!(
        issue.message(Lang::En),
        "indicator `F1.1` (column `indicateur`) is not in the plan"
    );
    assert_eq!(
        issue.message(Lang::Fr),
        "l'indicateur `F1.1` (colonne `indicateur`) n'existe pas dans le plan"
    );
}

#[test]
fn e02_unknown_indicator_edit_distance_and_none_close() {
    let err = csv_err(
        "indicator,date,value\nf21,2026-03-31,3\nf12.3x,2026-03-31,3\nzzzzzz,2026-03-31,3\n",
    );
    assert_eq!(
        keys(&err),
        expect(&[
            ("unknown_indicator", Some(2), Some("indicator")),
            ("unknown_indicator", Some(3), Some("indicator")),
            ("unknown_indicator", Some(4), Some("indicator")),
        ])
    );
    assert_eq!(
        err.issues[0].hint(Lang::En).as_deref(),
        Some("did you mean `f2.1`?")
    );
    assert_eq!(
        err.issues[1].hint(Lang::En).as_deref(),
        Some("did you mean `f12.3`?")
    );
    assert_eq!(
        err.issues[2].hint(Lang::En).as_deref(),
        Some("valid ids include `f1.1`, `f1.2`, `f2.1`, `f3.1`, `f3.2`, … (8 in all)")
    );
}

#[test]
fn e03_bad_date() {
    let err = csv_err("Indicateur;Date;Valeur\nf1.1;le 31 mars;3\nf1.1;03/31/2026;3\n");
    assert_eq!(
        keys(&err),
        expect(&[
            ("type_error", Some(2), Some("Date")),
            ("type_error", Some(3), Some("Date")),
        ])
    );
    assert_eq!(
        err.issues[0].message(Lang::En),
        "`l…s` (10 characters) in column `Date` is not a date"
    );
    assert!(err.issues[0]
        .hint(Lang::En)
        .as_deref()
        .unwrap()
        .contains("dd/mm/yyyy"));
}

#[test]
fn e04_no_such_day() {
    let err = csv_err("indicateur;date;valeur\nf1.1;31/02/2026;3\n");
    assert_eq!(keys(&err), expect(&[("type_error", Some(2), Some("date"))]));
    assert!(err.issues[0].message(Lang::En).contains("no such day"));
    assert!(err.issues[0]
        .message(Lang::Fr)
        .contains("ce jour n'existe pas"));
}

#[test]
fn e05_bad_number() {
    let err = csv_err("indicateur;date;valeur\nf1.1;31/03/2026;abc\n");
    assert_eq!(
        keys(&err),
        expect(&[("type_error", Some(2), Some("valeur"))])
    );
    assert_eq!(
        err.issues[0].message(Lang::Fr),
        "la valeur (3 caractères) de la colonne `valeur` n'est pas un nombre"
    );
    assert_eq!(
        err.issues[0].message(Lang::En),
        "the value (3 characters) in column `valeur` is not a number"
    );
}

#[test]
fn e06_several_decimal_separators() {
    let err = csv_err("indicateur;date;valeur\nf1.1;31/03/2026;12,5,3\nf3.2;31/03/2026;1.234,5\n");
    assert_eq!(
        keys(&err),
        expect(&[
            ("type_error", Some(2), Some("valeur")),
            ("type_error", Some(3), Some("valeur")),
        ])
    );
    assert!(err.issues[0]
        .hint(Lang::En)
        .as_deref()
        .unwrap()
        .contains("one decimal separator"));
}

#[test]
fn e07_nan() {
    let err = csv_err("indicateur;date;valeur\nf12.1;31/03/2026;NaN\nf1.1;31/03/2026;nan\n");
    assert_eq!(
        keys(&err),
        expect(&[
            ("constraint_error", Some(2), Some("valeur")),
            ("constraint_error", Some(3), Some("valeur")),
        ])
    );
    assert!(err.issues[0]
        .message(Lang::En)
        .contains("not a finite number"));
}

#[test]
fn e08_infinity() {
    let err = csv_err("indicateur;date;valeur\nf12.1;31/03/2026;inf\nf12.1;31/03/2026;-Infinity\nf1.1;31/03/2026;1e999\n");
    assert_eq!(
        keys(&err),
        expect(&[
            ("constraint_error", Some(2), Some("valeur")),
            ("constraint_error", Some(3), Some("valeur")),
            ("constraint_error", Some(4), Some("valeur")),
        ])
    );
}

#[test]
fn e09_negative_count() {
    let err = csv_err("indicateur;date;valeur\nf1.1;31/03/2026;-3\n");
    assert_eq!(
        keys(&err),
        expect(&[("constraint_error", Some(2), Some("valeur"))])
    );
    assert_eq!(
        err.issues[0].message(Lang::En),
        "the value `-3` in column `valeur` is negative, but a count cannot be negative"
    );
}

#[test]
fn e10_negative_stock() {
    let err = csv_err("indicateur;date;valeur\nf3.2;31/03/2026;-1,5\n");
    assert_eq!(
        keys(&err),
        expect(&[("constraint_error", Some(2), Some("valeur"))])
    );
    assert!(err.issues[0]
        .message(Lang::En)
        .contains("a stock cannot be negative"));
}

#[test]
fn e11_distinct_count_without_participant() {
    let err = csv_err(
        "indicateur;date;valeur;bénéficiaire\n\
         f2.1;01/02/2026;;PSEUDO-ALICE-2011\n\
         f2.1;01/02/2026;;\n\
         f2.1;01/02/2026;1;   \n",
    );
    assert_eq!(
        keys(&err),
        expect(&[
            ("constraint_error", Some(3), Some("bénéficiaire")),
            ("constraint_error", Some(4), Some("bénéficiaire")),
        ])
    );
    assert!(err.issues[0]
        .message(Lang::En)
        .contains("distinct participants"));
    // Without a participant column at all, the canonical name is used.
    let err = csv_err("indicateur;date;valeur\nf2.1;01/02/2026;1\n");
    assert_eq!(
        keys(&err),
        expect(&[("constraint_error", Some(2), Some("participant"))])
    );
}

#[test]
fn e12_ratio_without_denominator() {
    let err = csv_err("indicateur;date;valeur;dénominateur\nf3.1;31/03/2026;45;\n");
    assert_eq!(
        keys(&err),
        expect(&[("constraint_error", Some(2), Some("dénominateur"))])
    );
    let err = csv_err("indicateur;date;valeur\nf3.1;31/03/2026;45\n");
    assert_eq!(
        keys(&err),
        expect(&[("constraint_error", Some(2), Some("denominator"))])
    );
}

#[test]
fn e13_ratio_with_negative_denominator() {
    let err = csv_err(
        "indicateur;date;valeur;dénominateur\nf3.1;31/03/2026;45;-50\nf3.1;31/03/2026;-1;x\n",
    );
    assert_eq!(
        keys(&err),
        expect(&[
            ("constraint_error", Some(2), Some("dénominateur")),
            ("constraint_error", Some(3), Some("valeur")),
            ("type_error", Some(3), Some("dénominateur")),
        ])
    );
    assert_eq!(
        err.issues[0].message(Lang::Fr),
        "le dénominateur `-50` de la colonne `dénominateur` est négatif, or le dénominateur d'un taux ne peut pas être négatif"
    );
}

#[test]
fn e14_bad_milestone_flag() {
    let err = csv_err("indicateur;date;valeur\nf1.2;31/03/2026;peut-être\nf1.2;31/03/2026;2\n");
    assert_eq!(
        keys(&err),
        expect(&[
            ("type_error", Some(2), Some("valeur")),
            ("type_error", Some(3), Some("valeur")),
        ])
    );
    assert!(err.issues[0].message(Lang::En).contains("milestone `f1.2`"));
}

#[test]
fn e15_bad_assessment() {
    let err = csv_err("indicateur;date;valeur\nf12.2;31/12/2026;plutôt bien\nf12.2;31/12/2026;3\n");
    assert_eq!(
        keys(&err),
        expect(&[
            ("type_error", Some(2), Some("valeur")),
            ("type_error", Some(3), Some("valeur")),
        ])
    );
    assert!(err.issues[0]
        .hint(Lang::En)
        .as_deref()
        .unwrap()
        .contains("partiellement atteint"));
}

#[test]
fn e16_missing_date_column() {
    let err = csv_err("indicateur;valeur;participant\nf2.1;1;PSEUDO-ALICE-2011\n");
    assert_eq!(
        keys(&err),
        expect(&[("missing_column", None, Some("date"))])
    );
    let hint = err.issues[0].hint(Lang::En).unwrap();
    assert!(hint.contains("`date`, `date_observation`"), "{hint}");
    // Every required column, when the header is something else.
    let err = csv_err("foo;bar\n1;2\n");
    assert_eq!(
        keys(&err),
        expect(&[
            ("missing_column", None, Some("indicator")),
            ("missing_column", None, Some("date")),
            ("missing_column", None, Some("value")),
        ])
    );
}

#[test]
fn e17_empty_cells() {
    let err = csv_err(
        "indicateur;date;valeur\nf1.1;31/03/2026;\n;31/03/2026;2\nf1.1; ;2\nf12.2;31/03/2026;\n",
    );
    assert_eq!(
        keys(&err),
        expect(&[
            ("missing_cell", Some(2), Some("valeur")),
            ("missing_cell", Some(3), Some("indicateur")),
            ("missing_cell", Some(4), Some("date")),
            ("missing_cell", Some(5), Some("valeur")),
        ])
    );
    assert_eq!(
        err.issues[0].message(Lang::Fr),
        "la cellule `valeur` est vide"
    );
}

#[test]
fn e18_ragged_rows() {
    let err = csv_err(
        "indicateur;date;valeur\n\
         f1.1;31/03/2026\n\
         f1.1;31/03/2026;1;PSEUDO-ALICE-2011\n\
         f1.1;31/03/2026;1;;\n",
    );
    // The last row's extra cells are empty (Excel trailing separators): accepted.
    assert_eq!(
        keys(&err),
        expect(&[
            ("format_error", Some(2), None),
            ("format_error", Some(3), None)
        ])
    );
    assert_eq!(
        err.issues[0].message(Lang::En),
        "row 2 has 2 cells, but the header has 3 columns"
    );
}

#[test]
fn e19_duplicate_column() {
    let err = csv_err("indicateur;date;valeur;Value;Indicator\nf1.1;31/03/2026;1;2;f1.1\n");
    assert_eq!(
        keys(&err),
        expect(&[
            ("duplicate_column", Some(1), Some("Value")),
            ("duplicate_column", Some(1), Some("Indicator")),
        ])
    );
    assert!(err.issues[0]
        .message(Lang::En)
        .contains("repeats column `valeur`"));
}

#[test]
fn e20_not_json() {
    for input in ["[1, 2", "{\"observations\": [}", "[{]"] {
        let err = json_err(input);
        assert_eq!(
            keys(&err),
            expect(&[("format_error", None, None)]),
            "{input}"
        );
        assert!(err.issues[0]
            .message(Lang::En)
            .starts_with("the input is not valid JSON"));
    }
    let err = read_json(&plan(), "indicateur;date;valeur", &IngestOptions::default()).unwrap_err();
    assert_eq!(keys(&err), expect(&[("format_error", None, None)]));
}

#[test]
fn e21_json_not_an_array_of_objects() {
    let err = json_err("[1, \"f1.1\", null, [], {\"indicator\": \"f1.1\", \"date\": \"2026-03-31\", \"value\": 1}]");
    assert_eq!(
        keys(&err),
        expect(&[
            ("format_error", Some(1), None),
            ("format_error", Some(2), None),
            ("format_error", Some(3), None),
            ("format_error", Some(4), None),
        ])
    );
    assert_eq!(
        err.issues[1].message(Lang::En),
        "observation 2 is a string, not an object"
    );
    for input in ["42", "\"f1.1\"", "true", "null"] {
        let err = json_err(input);
        assert_eq!(
            keys(&err),
            expect(&[("format_error", None, None)]),
            "{input}"
        );
    }
    // An object without `observations` (a single observation, say).
    let err = json_err("{\"indicator\": \"f1.1\", \"date\": \"2026-03-31\", \"value\": 1}");
    assert_eq!(keys(&err), expect(&[("format_error", None, None)]));
    assert!(err.issues[0]
        .message(Lang::En)
        .contains("no `observations` array"));
}

#[test]
fn e22_json_wrong_types() {
    let err = json_err("{\"fictional\": \"oui\", \"notes\": 3, \"observations\": {}}");
    assert_eq!(
        keys(&err),
        expect(&[
            ("format_error", None, None),
            ("format_error", None, None),
            ("format_error", None, None),
        ])
    );
    assert_eq!(
        err.issues[0].message(Lang::En),
        "`fictional` must be true or false, not a string"
    );
    // Cells that are arrays or objects; numbers where text is expected.
    let err = json_err(
        r#"[
        {"indicator": "f2.1", "date": "2026-02-01", "participant": ["PSEUDO-ALICE-2011"]},
        {"indicator": ["f1.1"], "date": {"d": 1}, "value": 1},
        {"indicator": 11, "date": 20260331, "value": false},
        {"indicator": "f1.1", "date": "2026-03-31", "value": "1", "participant": {"name": "Jeanne D. 2011"}}
    ]"#,
    );
    assert_eq!(
        keys(&err),
        expect(&[
            ("format_error", Some(1), Some("participant")),
            ("format_error", Some(2), Some("indicator")),
            ("format_error", Some(2), Some("date")),
            ("unknown_indicator", Some(3), Some("indicator")),
            ("type_error", Some(3), Some("date")),
            ("format_error", Some(4), Some("participant")),
        ])
    );
}

#[test]
fn e23_many_issues_collected_together() {
    let err = csv_err(
        "indicateur;date;valeur;participant;dénominateur\n\
         f1.1;31/02/2026;abc;;\n\
         ;2026-01-01;1;;\n\
         f1.1;;;;\n\
         f2.1;01/02/2026;-1;;\n\
         f3.1;31/03/2026;12%;PSEUDO-ALICE-2011;\n\
         f1.1;2026-03-31;1;;\n\
         F1.2;x;oui;Jeanne D. 2011;\n\
         f2.1;01/02/2026;x;participant-secret-42;\n",
    );
    assert_eq!(
        keys(&err),
        expect(&[
            ("type_error", Some(2), Some("date")),
            ("type_error", Some(2), Some("valeur")),
            ("missing_cell", Some(3), Some("indicateur")),
            ("missing_cell", Some(4), Some("date")),
            ("missing_cell", Some(4), Some("valeur")),
            ("constraint_error", Some(5), Some("valeur")),
            ("constraint_error", Some(5), Some("participant")),
            ("type_error", Some(6), Some("valeur")),
            ("constraint_error", Some(6), Some("dénominateur")),
            ("unknown_indicator", Some(8), Some("indicateur")),
            ("type_error", Some(8), Some("date")),
            ("type_error", Some(9), Some("valeur")),
        ])
    );
    // `12%` on a ratio: the hint explains numerator and denominator.
    assert!(err.issues[7]
        .hint(Lang::En)
        .as_deref()
        .unwrap()
        .contains("denominator"));
    // The lenient reading keeps the one good row.
    let obs = read_csv(
        &plan(),
        err_input_many().as_bytes(),
        &IngestOptions {
            lenient: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(obs.len(), 1);
    assert_eq!(obs.rows()[0].row, 7);
}

fn err_input_many() -> &'static str {
    "indicateur;date;valeur;participant;dénominateur\n\
     f1.1;31/02/2026;abc;;\n\
     ;2026-01-01;1;;\n\
     f1.1;;;;\n\
     f2.1;01/02/2026;-1;;\n\
     f3.1;31/03/2026;12%;PSEUDO-ALICE-2011;\n\
     f1.1;2026-03-31;1;;\n\
     F1.2;x;oui;Jeanne D. 2011;\n\
     f2.1;01/02/2026;x;participant-secret-42;\n"
}

#[test]
fn e24_percent_in_a_count() {
    let err = csv_err("indicateur;date;valeur\nf1.1;31/03/2026;12 %\n");
    assert_eq!(
        keys(&err),
        expect(&[("type_error", Some(2), Some("valeur"))])
    );
    assert!(err.issues[0]
        .hint(Lang::En)
        .as_deref()
        .unwrap()
        .contains("not a percentage"));
}

#[test]
fn e25_unclosed_quote() {
    let err = csv_err("indicateur;date;valeur;commentaire\nf1.1;31/03/2026;1;ok\nf1.1;31/03/2026;2;\"oups\nf1.1;31/03/2026;3;\n");
    assert_eq!(keys(&err), expect(&[("format_error", Some(3), None)]));
    assert!(err.issues[0].message(Lang::En).contains("never closed"));
}

#[test]
fn e26_empty_input() {
    for input in [
        "",
        "\u{feff}",
        "\r\n\r\n",
        "# Données fictives\n# rien d'autre\n",
    ] {
        let err = csv_err(input);
        assert_eq!(
            keys(&err),
            expect(&[("format_error", None, None)]),
            "{input:?}"
        );
    }
}

#[test]
fn e27_not_text() {
    let err = read_csv(
        &plan(),
        b"indicateur;date\0;valeur\n",
        &IngestOptions::default(),
    )
    .unwrap_err();
    assert_eq!(keys(&err), expect(&[("encoding_error", None, None)]));
    let err = read_auto(&plan(), &[0xFF, 0xFE, 0x41], &IngestOptions::default()).unwrap_err();
    assert_eq!(keys(&err), expect(&[("encoding_error", None, None)]));
}

#[test]
fn e28_json_duplicate_keys() {
    let err = json_err(
        r#"[{"indicator": "f1.1", "indicateur": "f1.1", "date": "2026-01-01", "value": 1}]"#,
    );
    // Keys are read in sorted order: `indicateur` comes first.
    assert_eq!(
        keys(&err),
        expect(&[("duplicate_column", Some(1), Some("indicator"))])
    );
}

#[test]
fn e29_read_rows_uses_canonical_names() {
    let rows = [
        RawRow::new(10)
            .with(Column::Indicator, "f2.1")
            .with(Column::Date, "2026-02-30")
            .with(Column::Value, "-1"),
        RawRow::new(11)
            .with(Column::Indicator, "f3.1")
            .with_header(Column::Indicator, "Indicateur")
            .with(Column::Date, "2026-02-01")
            .with(Column::Value, "1")
            .with(Column::Participant, "participant-secret-42")
            .with(Column::Denominator, "NaN")
            .with_header(Column::Denominator, "Dénominateur"),
    ];
    let err = read_rows(&plan(), rows, &IngestOptions::default()).unwrap_err();
    assert_private(&err);
    assert_eq!(
        keys(&err),
        expect(&[
            ("type_error", Some(10), Some("date")),
            ("constraint_error", Some(10), Some("value")),
            ("constraint_error", Some(10), Some("participant")),
            ("constraint_error", Some(11), Some("Dénominateur")),
        ])
    );
}

#[test]
fn e30_participants_never_leak_into_notes_or_lenient_results() {
    let csv = "# Données fictives\n\
               indicateur;date;valeur;participant;Responsable\n\
               f2.1;01/02/2026;;PSEUDO-ALICE-2011;x\n\
               f2.1;31/02/2026;zz;Jeanne D. 2011;y\n\
               f2.1;01/02/2026;;Éloïse-7;z\n\
               #f2.1;01/02/2026;;participant-secret-42;w\n";
    let obs = read_csv(
        &plan(),
        csv.as_bytes(),
        &IngestOptions {
            lenient: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(obs.len(), 2);
    assert_eq!(obs.skipped.len(), 2);
    // A data row put aside with `#` is noted without its content; other comment lines by
    // their rows, unknown columns by their position (issue 16).
    let en: Vec<String> = obs.notes.iter().map(|n| n.render(Lang::En)).collect();
    assert_eq!(
        en,
        [
            "1 comment line (`#`), row 1, not copied",
            "row 6 is commented out (`#`) and was ignored",
            "ignored column 5: its header names no known column"
        ]
    );
    for issue in &obs.skipped {
        assert_private_issue(issue);
    }
    for n in &obs.notes {
        for lang in [Lang::Fr, Lang::En] {
            for p in PARTICIPANTS {
                assert!(!n.render(lang).contains(p));
            }
        }
        let json = serde_json::to_string(n).unwrap();
        for p in PARTICIPANTS {
            assert!(!json.contains(p), "participant id in {json}");
        }
    }
    let debug = format!("{obs:?}");
    for p in PARTICIPANTS {
        assert!(!debug.contains(p), "participant id in Debug output");
    }
}

#[test]
fn e31_french_hints_and_renders() {
    // The did-you-mean, in both languages.
    let err = csv_err("indicateur;date;valeur\nF1.1;31/03/2026;3\n");
    let issue = &err.issues[0];
    assert_eq!(
        issue.hint(Lang::Fr).as_deref(),
        Some("vouliez-vous dire `f1.1` ?")
    );
    assert_eq!(
        issue.render(Lang::Fr),
        "ligne 2, colonne `indicateur` [unknown_indicator] : l'indicateur `F1.1` (colonne \
         `indicateur`) n'existe pas dans le plan (vouliez-vous dire `f1.1` ?)"
    );
    assert_eq!(
        issue.render(Lang::En),
        "row 2, column `indicateur` [unknown_indicator]: indicator `F1.1` (column \
         `indicateur`) is not in the plan (hint: did you mean `f1.1`?)"
    );
    let err = csv_err("indicator,date,value\nf9.9,2026-03-31,3\nzzzzzz,2026-03-31,3\n");
    assert_eq!(
        err.issues[0].hint(Lang::Fr).as_deref(),
        Some("vouliez-vous dire `f1.1`, `f1.2` ou `f2.1` ?")
    );
    assert_eq!(
        err.issues[1].hint(Lang::Fr).as_deref(),
        Some("identifiants valides : `f1.1`, `f1.2`, `f2.1`, `f3.1`, `f3.2`, … (8 au total)")
    );

    // A distinct count without participant: the message and hint name only the column.
    let err = csv_err("indicateur;date;valeur;participant\nf2.1;01/02/2026;1;\n");
    assert_eq!(
        err.render(Lang::Fr),
        "les observations ont 1 problème :\n\
         - ligne 2, colonne `participant` [constraint_error] : l'indicateur `f2.1` compte des \
         personnes distinctes, mais la cellule `participant` est vide (donnez à chaque \
         personne un identifiant pseudonyme stable (jamais un nom) : chacune compte une fois \
         par période)"
    );
    assert_eq!(
        err.render(Lang::En),
        "the observations have 1 problem:\n\
         - row 2, column `participant` [constraint_error]: indicator `f2.1` counts distinct \
         participants, but the `participant` cell is empty (hint: give each participant a \
         stable pseudonymous id (never a name): each one counts once per window)"
    );

    // Without a row; without a hint; with neither row nor column.
    let err = csv_err("indicateur;valeur\nf1.1;1\n");
    assert_eq!(
        err.issues[0].render(Lang::Fr),
        "colonne `date` [missing_column] : la colonne obligatoire `date` est absente de \
         l'en-tête (noms acceptés : `date`, `date_observation`, `date d'observation` (sans tenir compte des \
         majuscules ni des accents) ; la première ligne qui n'est pas un commentaire `#` doit \
         être l'en-tête, par exemple `indicateur;date;valeur`)"
    );
    let err = csv_err("indicateur;date;valeur\nf1.1;31/03/2026;-3\nf1.1;31/03/2026;abc\n");
    assert_eq!(err.issues[0].hint(Lang::Fr), None);
    assert_eq!(
        err.render(Lang::Fr),
        "les observations ont 2 problèmes :\n\
         - ligne 2, colonne `valeur` [constraint_error] : la valeur `-3` de la colonne \
         `valeur` est négative, or un nombre ne peut pas être négatif\n\
         - ligne 3, colonne `valeur` [type_error] : la valeur (3 caractères) de la colonne `valeur` \
         n'est pas un nombre (écrivez un nombre, avec une virgule ou un point décimal : 12 ou \
         12,5)"
    );
    let err = csv_err("");
    assert_eq!(
        err.issues[0].render(Lang::Fr),
        "[format_error] : l'entrée est vide : il n'y a pas de ligne d'en-tête (la première \
         ligne qui n'est pas un commentaire `#` doit être l'en-tête, par exemple \
         `indicateur;date;valeur`)"
    );
    assert!(err.issues[0]
        .render(Lang::En)
        .starts_with("[format_error]: the input is empty"));

    // JSON: the French hint shows French keys.
    let err = json_err("[1]");
    assert!(err.issues[0]
        .hint(Lang::Fr)
        .as_deref()
        .unwrap()
        .starts_with("écrivez un tableau d'objets observation, `[{\"indicateur\""));
    assert!(err.issues[0].render(Lang::Fr).starts_with(
        "ligne 1 [format_error] : l'observation 1 est un nombre, pas un objet (écrivez"
    ));
}

#[test]
fn e32_hint_fr_is_serialized() {
    let err = csv_err("indicateur;date;valeur\nF1.1;31/03/2026;3\nf1.1;31/03/2026;-3\n");
    let json = serde_json::to_value(&err).unwrap();
    assert_eq!(json["issues"][0]["hint_fr"], "vouliez-vous dire `f1.1` ?");
    assert_eq!(json["issues"][0]["hint"], "did you mean `f1.1`?");
    assert!(json["issues"][1]["hint_fr"].is_null());
}
