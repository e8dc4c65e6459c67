//! Many plans from one table: routing by territory, its errors, the columnar path and the
//! equivalence of one-call and per-plan evaluation.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;

use chrono::NaiveDate;
use ctg_core::eval::{evaluate, evaluate_many, EvalOptions};
use ctg_core::io::{
    read_csv, read_csv_territories, read_json_territories, read_rows, read_tables,
    read_tables_territories, CellColumn, CellValue, Column, IngestOptions, RawRow, Table,
};
use ctg_core::model::Plan;
use ctg_core::Lang;

fn plans() -> (Plan, Plan) {
    let a = ctg_core::plans::sundgau().unwrap();
    let mut b = a.clone();
    b.id = "ctg-0001".into();
    b.territory = "Territoire fictif 1".into();
    (a, b)
}

const TABLE: &str = "\
# Données fictives
territoire;indicateur;date;valeur;participant
sundgau-2025-2029;f8.1;31/12/2026;30;
ctg-0001;f8.1;31/12/2026;12;
Territoire Fictif 1;f4.1;03/03/2026;;P1
territoire fictif 1;f4.1;04/03/2026;;P2
";

#[test]
fn rows_go_to_their_plan() {
    let (a, b) = plans();
    let read =
        read_csv_territories(&[&a, &b], TABLE.as_bytes(), &IngestOptions::default()).unwrap();
    assert_eq!(read.observations.len(), 2);
    assert_eq!(read.observations[0].len(), 1);
    assert_eq!(read.observations[1].len(), 3);
    // Rows keep the numbers the file shows; notes and the fictional flag go to every plan.
    assert_eq!(read.observations[1].rows()[0].row, 4);
    assert!(read.observations.iter().all(|o| o.fictional));
    assert!(read.skipped.is_empty());
}

#[test]
fn territory_errors_name_row_column_and_plan() {
    let (a, b) = plans();
    let csv = "territoire;indicateur;date;valeur\n\
               ctg-0002;f8.1;31/12/2026;30\n\
               ;f8.1;31/12/2026;30\n\
               ctg-0001;f99;31/12/2026;30\n";
    let err =
        read_csv_territories(&[&a, &b], csv.as_bytes(), &IngestOptions::default()).unwrap_err();
    let got: Vec<(&str, Option<usize>, Option<&str>)> = err
        .issues
        .iter()
        .map(|i| (i.code().as_str(), i.row, i.column.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("unknown_territory", Some(2), Some("territoire")),
            ("missing_cell", Some(3), Some("territoire")),
            ("unknown_indicator", Some(4), Some("indicateur")),
        ]
    );
    assert_eq!(
        err.issues[0].hint(Lang::En).as_deref(),
        Some("did you mean `ctg-0001`?")
    );

    // Lenient: the good rows stay; rows without a known plan are set aside.
    let lenient = IngestOptions {
        lenient: true,
        ..Default::default()
    };
    let read = read_csv_territories(&[&a, &b], csv.as_bytes(), &lenient).unwrap();
    assert_eq!(read.skipped.len(), 2);
    assert_eq!(read.observations[1].skipped.len(), 1);
    assert!(read.observations.iter().all(|o| o.is_empty()));
}

#[test]
fn territory_column_is_required_for_several_plans_only() {
    let (a, b) = plans();
    let csv = "indicateur;date;valeur\nf8.1;31/12/2026;30\n";
    let err =
        read_csv_territories(&[&a, &b], csv.as_bytes(), &IngestOptions::default()).unwrap_err();
    assert_eq!(err.issues[0].code().as_str(), "missing_column");
    assert_eq!(err.issues[0].column.as_deref(), Some("territory"));
    let one = read_csv_territories(&[&a], csv.as_bytes(), &IngestOptions::default()).unwrap();
    assert_eq!(one.observations[0].len(), 1);
}

#[test]
fn one_plan_refuses_another_territorys_rows() {
    let (a, _) = plans();
    let err = read_csv(&a, TABLE.as_bytes(), &IngestOptions::default()).unwrap_err();
    assert_eq!(err.issues.len(), 3);
    assert!(err
        .issues
        .iter()
        .all(|i| i.code().as_str() == "unknown_territory"));
    assert!(err.issues[0]
        .message(Lang::Fr)
        .contains("n'est pas celui de ce plan"));
}

#[test]
fn a_territory_naming_two_plans_is_ambiguous() {
    let (a, mut b) = plans();
    b.territory = a.territory.clone();
    let csv = format!(
        "territory,indicator,date,value\n{},f8.1,2026-12-31,3\n",
        a.territory
    );
    let err =
        read_csv_territories(&[&a, &b], csv.as_bytes(), &IngestOptions::default()).unwrap_err();
    assert_eq!(err.issues[0].code().as_str(), "unknown_territory");
    assert!(err.issues[0].message(Lang::En).contains("several"));
    // By plan id it is not.
    let csv = "territory,indicator,date,value\nctg-0001,f8.1,2026-12-31,3\n";
    assert!(read_csv_territories(&[&a, &b], csv.as_bytes(), &IngestOptions::default()).is_ok());
}

#[test]
fn json_rows_are_routed_too() {
    let (a, b) = plans();
    let json = r#"[{"territoire": "ctg-0001", "indicateur": "f8.1", "date": "2026-12-31", "valeur": 3},
                   {"territoire": "Sundgau 2025 2029", "indicateur": "f8.1", "date": "2026-12-31", "valeur": 4}]"#;
    let read = read_json_territories(&[&a, &b], json, &IngestOptions::default()).unwrap();
    assert_eq!(read.observations[0].rows()[0].row, 2);
    assert_eq!(read.observations[1].rows()[0].row, 1);
}

/// A typed column for the tests.
struct Cells(Vec<CellValue<'static>>);

impl CellColumn for Cells {
    fn cell(&self, row: usize) -> CellValue<'_> {
        self.0.get(row).copied().unwrap_or(CellValue::Empty)
    }
}

#[test]
fn typed_cells_read_as_their_text_does() {
    let plan = ctg_core::plans::sundgau().unwrap();
    let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    use CellValue as V;
    // (indicator, date, value, participant, denominator) typed, and the same as text.
    let typed: Vec<[CellValue<'static>; 5]> = vec![
        [
            V::Text("f8.1"),
            V::Date(d(12, 31)),
            V::Int(30),
            V::Empty,
            V::Empty,
        ],
        [
            V::Text("f2.1"),
            V::Date(d(9, 15)),
            V::Number(240.5),
            V::Empty,
            V::Empty,
        ],
        [
            V::Text("f4.1"),
            V::Date(d(3, 3)),
            V::Empty,
            V::Int(1234),
            V::Empty,
        ],
        [
            V::Text("f5.2"),
            V::Date(d(6, 30)),
            V::Number(12.0),
            V::Empty,
            V::Int(40),
        ],
        [
            V::Text("f1.4"),
            V::Date(d(5, 1)),
            V::Bool(true),
            V::Empty,
            V::Empty,
        ],
        [
            V::Text("f1.5"),
            V::Date(d(5, 1)),
            V::Number(1.0),
            V::Empty,
            V::Empty,
        ],
        [
            V::Text("f3.3"),
            V::Text("01/06/2026"),
            V::Number(-2.5),
            V::Empty,
            V::Empty,
        ],
    ];
    let text = [
        ["f8.1", "2026-12-31", "30", "", ""],
        ["f2.1", "2026-09-15", "240.5", "", ""],
        ["f4.1", "2026-03-03", "", "1234", ""],
        ["f5.2", "2026-06-30", "12", "", "40"],
        ["f1.4", "2026-05-01", "true", "", ""],
        ["f1.5", "2026-05-01", "1", "", ""],
        ["f3.3", "01/06/2026", "-2.5", "", ""],
    ];
    let columns = [
        Column::Indicator,
        Column::Date,
        Column::Value,
        Column::Participant,
        Column::Denominator,
    ];
    let table = Table {
        len: typed.len(),
        first_row: 1,
        columns: columns
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let cells: Box<dyn CellColumn> =
                    Box::new(Cells(typed.iter().map(|r| r[k]).collect()));
                (*c, cells)
            })
            .collect(),
    };
    let opts = IngestOptions::default();
    let from_table = read_tables(&plan, [table], &BTreeMap::new(), &opts).unwrap();
    let rows = text.iter().enumerate().map(|(i, cells)| {
        let mut raw = RawRow::new(i + 1);
        for (c, t) in columns.iter().zip(cells) {
            if !t.is_empty() {
                raw = raw.with(*c, *t);
            }
        }
        raw
    });
    let from_text = read_rows(&plan, rows, &opts).unwrap();
    assert_eq!(from_table.rows(), from_text.rows());
}

#[test]
fn typed_cells_keep_every_check() {
    let plan = ctg_core::plans::sundgau().unwrap();
    use CellValue as V;
    let d = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let rows: Vec<[CellValue<'static>; 4]> = vec![
        [
            V::Text("ctg-0001"),
            V::Text("f8.1"),
            V::Date(d),
            V::Number(-1.0),
        ],
        [
            V::Text("ctg-0001"),
            V::Text("f8.1"),
            V::Int(20260101),
            V::Number(1.0),
        ],
        [
            V::Text("ctg-0001"),
            V::Text("f6.3"),
            V::Date(d),
            V::Number(1.0),
        ],
        [
            V::Text("nulle-part"),
            V::Text("f8.1"),
            V::Date(d),
            V::Number(f64::INFINITY),
        ],
        [
            V::Text("ctg-0001"),
            V::Text("f8.1"),
            V::Date(d),
            V::Number(f64::INFINITY),
        ],
    ];
    let (a, b) = plans();
    let columns = [
        Column::Territory,
        Column::Indicator,
        Column::Date,
        Column::Value,
    ];
    let table = Table {
        len: rows.len(),
        first_row: 2,
        columns: columns
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let cells: Box<dyn CellColumn> =
                    Box::new(Cells(rows.iter().map(|r| r[k]).collect()));
                (*c, cells)
            })
            .collect(),
    };
    let err = read_tables_territories(
        &[&a, &b],
        [table],
        &BTreeMap::new(),
        &IngestOptions::default(),
    )
    .unwrap_err();
    let got: Vec<(&str, Option<usize>)> = err
        .issues
        .iter()
        .map(|i| (i.code().as_str(), i.row))
        .collect();
    assert_eq!(
        got,
        [
            ("constraint_error", Some(2)),
            ("type_error", Some(3)),
            ("type_error", Some(4)),
            ("unknown_territory", Some(5)),
            ("constraint_error", Some(6)),
        ]
    );
    let _ = plan;
}

#[test]
fn one_call_equals_plan_by_plan() {
    let template = ctg_core::plans::sundgau().unwrap();
    let national = ctg_core::workload::national(&template, 5, 36, 3_000, 11);
    let mut csv = Vec::new();
    ctg_core::workload::write_observations_csv(&national, &mut csv).unwrap();
    let plans: Vec<&Plan> = national.iter().map(|t| &t.plan).collect();
    let read = read_csv_territories(&plans, &csv, &IngestOptions::default()).unwrap();
    let opts = EvalOptions {
        as_of: NaiveDate::from_ymd_opt(2026, 6, 30),
        ..Default::default()
    };
    let items: Vec<_> = plans
        .iter()
        .copied()
        .zip(read.observations.iter())
        .collect();
    let many = evaluate_many(&items, &opts);
    for (t, ev) in national.iter().zip(&many) {
        let alone = evaluate(&t.plan, &t.observations, &opts);
        assert_eq!(ev.plan_id, t.plan.id);
        // Same windows, values and statuses as the generated observations evaluated alone.
        for (x, y) in ev.indicators.iter().zip(&alone.indicators) {
            assert_eq!(x.windows.len(), y.windows.len(), "{}", x.id);
            for (u, v) in x.windows.iter().zip(&y.windows) {
                assert_eq!(
                    (u.value, u.status),
                    (v.value, v.status),
                    "{} {}",
                    x.id,
                    u.start
                );
            }
        }
        assert!(ev.fictional);
    }
}

#[test]
fn without_explanations_only_the_sentences_change() {
    use ctg_core::report::{render_json, ViewOptions};
    let plan = ctg_core::plans::sundgau().unwrap();
    let obs = ctg_core::workload::daily(&plan, 3);
    let ev = evaluate(&plan, &obs, &EvalOptions::default());
    let view = |explanations| {
        let json = render_json(
            &ev,
            &ViewOptions {
                lang: ctg_core::Lang::Fr,
                explanations,
                suppress_below: None,
            },
        );
        serde_json::from_str::<serde_json::Value>(&json).unwrap()
    };
    /// Blank every text key, counting the non-empty explanations; drop the view's keys.
    fn blank(v: &mut serde_json::Value) -> usize {
        match v {
            serde_json::Value::Object(map) => {
                map.remove("target_text");
                map.remove("lang");
                let mut n = 0;
                if let Some(x) = map.remove("explanation") {
                    n += usize::from(x.as_str().is_some_and(|s| !s.is_empty()));
                }
                n + map.values_mut().map(blank).sum::<usize>()
            }
            serde_json::Value::Array(items) => items.iter_mut().map(blank).sum(),
            _ => 0,
        }
    }
    let mut full = view(true);
    let mut brief = view(false);
    assert!(blank(&mut full) > 100);
    assert_eq!(blank(&mut brief), 0);
    assert_eq!(full, brief);
    // Without its texts, the view is the evaluation's language-neutral data; the notes are
    // rendered in the view, typed in the data.
    let mut data: serde_json::Value = serde_json::from_str(&ev.to_json()).unwrap();
    let rendered = full["diagnostics"]
        .as_object_mut()
        .and_then(|d| d.remove("notes"));
    assert_eq!(
        rendered,
        Some(serde_json::json!([
            "Données fictives générées (ctg_core::workload)."
        ]))
    );
    let typed = data["diagnostics"]
        .as_object_mut()
        .and_then(|d| d.remove("notes"));
    assert_eq!(typed, Some(serde_json::json!([{"code": "generated_data"}])));
    assert_eq!(full, data);
    let text = ev.to_json();
    assert!(!text.contains("\"explanation\"") && !text.contains("\"target_text\""));
}

#[test]
fn no_plan_drops_no_row_silently() {
    let csv = "territoire;indicateur;date;valeur\nctg-0001;f8.1;31/12/2026;30\n";
    let err = read_csv_territories(&[], csv.as_bytes(), &IngestOptions::default()).unwrap_err();
    assert_eq!(err.issues[0].code().as_str(), "unknown_territory");
    let bare = "indicateur;date;valeur\nf8.1;31/12/2026;30\n";
    let err = read_csv_territories(&[], bare.as_bytes(), &IngestOptions::default()).unwrap_err();
    assert_eq!(err.issues[0].code().as_str(), "missing_column");
}
