//! The results table's schema (`ctg_core::report::table`) is written out in two binding
//! files, which must follow it: the TypeScript `ResultRow` interface
//! (`ctg-wasm/src/typings.rs`) and the column list documented on `RESULT_COLUMNS` in the
//! Python stubs (`ctg-py/python/ctg/__init__.pyi`). These tests fail naming the column that
//! is missing, misplaced, mistyped or described differently.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;

use ctg_core::report::table::{Column, ColumnType, COLUMNS, TERRITORY};

fn read(path: &str) -> String {
    let full = format!("{}/../{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("cannot read {full}: {e}"))
}

/// The text between `start` and the next line that is exactly `end`.
fn block<'a>(text: &'a str, start: &str, end: &str, file: &str) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("{file}: no `{start}`"));
    let rest = &text[from + start.len()..];
    let to = rest
        .lines()
        .scan(0, |at, line| {
            let here = *at;
            *at += line.len() + 1;
            Some((here, line))
        })
        .find(|(_, line)| *line == end)
        .map(|(at, _)| at)
        .unwrap_or_else(|| panic!("{file}: `{start}` has no end `{end}`"));
    &rest[..to]
}

/// The string values of a TypeScript union alias `export type Name = "a" | "b";`.
fn ts_union(typings: &str, name: &str) -> BTreeSet<String> {
    let start = format!("export type {name} = ");
    let from = typings
        .find(&start)
        .unwrap_or_else(|| panic!("typings.rs: no `{start}`"));
    let rest = &typings[from + start.len()..];
    let body = &rest[..rest.find(';').unwrap()];
    body.split('|')
        .map(|v| v.trim().trim_matches('"').to_string())
        .collect()
}

/// The TypeScript type a column must have; for codes, the alias whose values are checked.
fn ts_type(c: &Column) -> Vec<String> {
    let base: Vec<String> = match c.ty {
        ColumnType::Int | ColumnType::Float => vec!["number".into()],
        ColumnType::Date => vec!["IsoDate".into()],
        ColumnType::Bool => vec!["boolean".into()],
        ColumnType::Text => vec!["string".into()],
        ColumnType::Status => vec!["Status".into()],
        // Any alias: its values are compared below.
        ColumnType::Code(_) => vec![],
    };
    if c.nullable {
        base.into_iter().map(|t| format!("{t} | null")).collect()
    } else {
        base
    }
}

#[test]
fn the_typescript_result_row_has_every_column() {
    let file = "ctg-wasm/src/typings.rs";
    let typings = read(file);
    let body = block(&typings, "export interface ResultRow {\n", "}", file);
    // (meaning, name, type) of each field, in order.
    let mut fields: Vec<(String, String, String)> = Vec::new();
    let mut doc = String::new();
    for line in body.lines().map(str::trim) {
        if let Some(d) = line
            .strip_prefix("/** ")
            .and_then(|d| d.strip_suffix(" */"))
        {
            doc = d.to_string();
        } else if let Some((name, ty)) = line.strip_suffix(';').and_then(|l| l.split_once(": ")) {
            fields.push((std::mem::take(&mut doc), name.to_string(), ty.to_string()));
        }
    }
    let expected: Vec<&Column> = std::iter::once(&TERRITORY).chain(COLUMNS).collect();
    for (i, c) in expected.iter().enumerate() {
        let name = if c.name == TERRITORY.name {
            format!("{}?", c.name)
        } else {
            c.name.to_string()
        };
        let Some(at) = fields.iter().position(|(_, n, _)| *n == name) else {
            panic!("{file}: ResultRow has no column `{name}`");
        };
        assert_eq!(
            at, i,
            "{file}: ResultRow's column `{name}` is not at position {i}"
        );
        let (meaning, _, ty) = &fields[at];
        assert_eq!(
            meaning, c.meaning_en,
            "{file}: ResultRow's `{name}` is not described as in the schema"
        );
        match c.ty {
            ColumnType::Code(values) => {
                let alias = ty.trim_end_matches(" | null");
                assert_eq!(
                    ty.ends_with(" | null"),
                    c.nullable,
                    "{file}: ResultRow's `{name}` nullability"
                );
                let want: BTreeSet<String> = values.iter().map(|v| v.to_string()).collect();
                assert_eq!(
                    ts_union(&typings, alias),
                    want,
                    "{file}: the values of `{alias}` (column `{name}`)"
                );
            }
            _ => assert!(
                ts_type(c).contains(ty),
                "{file}: ResultRow's `{name}` is `{ty}`, expected `{}`",
                ts_type(c).join("` or `")
            ),
        }
    }
    assert_eq!(
        fields.len(),
        expected.len(),
        "{file}: ResultRow has columns the schema does not: {:?}",
        fields
            .iter()
            .skip(expected.len())
            .map(|(_, n, _)| n)
            .collect::<Vec<_>>()
    );
    let statuses = ts_union(&typings, "Status");
    let want: BTreeSet<String> = ColumnType::Status
        .values()
        .iter()
        .map(|v| v.to_string())
        .collect();
    assert_eq!(statuses, want, "{file}: the values of `Status`");
}

/// The line documenting a column in the `.pyi`.
fn pyi_line(c: &Column) -> String {
    let ty = match c.ty {
        ColumnType::Int => "int",
        ColumnType::Float => "float",
        ColumnType::Date => "date",
        ColumnType::Bool => "bool",
        ColumnType::Text => "str",
        ColumnType::Code(_) => "code",
        ColumnType::Status => "status",
    };
    let missing = if c.nullable { ", may be missing" } else { "" };
    format!("#: - ``{}`` ({ty}{missing}): {}", c.name, c.meaning_en)
}

#[test]
fn the_python_stubs_document_every_column() {
    let file = "ctg-py/python/ctg/__init__.pyi";
    let pyi = read(file);
    let body = block(
        &pyi,
        "#: The columns of ``Evaluation.to_pandas()``",
        "RESULT_COLUMNS: Tuple[str, ...]",
        file,
    );
    let lines: Vec<&str> = body.lines().filter(|l| l.starts_with("#: - ``")).collect();
    let expected: Vec<String> = COLUMNS.iter().map(pyi_line).collect();
    for (i, (c, want)) in COLUMNS.iter().zip(&expected).enumerate() {
        let prefix = format!("#: - ``{}``", c.name);
        let Some(at) = lines.iter().position(|l| l.starts_with(&prefix)) else {
            panic!(
                "{file}: RESULT_COLUMNS does not document `{}`; add:\n{want}\n\nthe whole list:\n{}",
                c.name,
                expected.join("\n")
            );
        };
        assert_eq!(at, i, "{file}: column `{}` is not at position {i}", c.name);
        assert_eq!(
            lines[at], want,
            "{file}: column `{}` is not documented as in the schema",
            c.name
        );
    }
    assert_eq!(
        lines.len(),
        COLUMNS.len(),
        "{file}: RESULT_COLUMNS documents columns the schema does not have"
    );
}
