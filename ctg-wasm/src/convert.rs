//! Pure type conversions between JavaScript values and ctg-core inputs, free of any JS
//! dependency so that they compile and are unit-tested on the host.
//!
//! Nothing here decides what an observation means: cells become text and go through
//! ctg-core's one row validator ([`ctg_core::io::read_rows`]), exactly as CSV and JSON
//! cells do.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use ctg_core::io::{Column, ObservationErrorKind, ObservationIssue, RawRow, ValueKind};

/// A JavaScript cell value, classified.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// `null` or `undefined`: an empty cell.
    Empty,
    /// A string, as is.
    Text(String),
    /// A number.
    Number(f64),
    /// A boolean (milestones: `true` is done).
    Bool(bool),
    /// A calendar date taken from a JS `Date` (local year, month, day); `None` for an
    /// invalid `Date`.
    Date(Option<(i32, u32, u32)>),
    /// A `bigint`, as its decimal text.
    BigInt(String),
    /// Anything else (object, array, function, symbol): its kind, for the message.
    Unsupported(ValueKind),
}

/// The text of a number cell: the shortest decimal text that reads back as the same
/// number (`12`, `12.5`, `0.1`); `NaN`, `inf` and `-inf` are left for ctg-core to reject.
///
/// ```
/// use ctg_wasm::convert::number_text;
/// assert_eq!(number_text(12.0), "12");
/// assert_eq!(number_text(-0.25), "-0.25");
/// ```
pub fn number_text(n: f64) -> String {
    format!("{n}")
}

impl Cell {
    /// The cell as ctg-core's text cell; `Err(kind)` when the value has no text form.
    pub fn into_text(self) -> Result<Option<String>, ValueKind> {
        match self {
            Cell::Empty => Ok(None),
            Cell::Text(s) | Cell::BigInt(s) => Ok(Some(s)),
            Cell::Number(n) => Ok(Some(number_text(n))),
            Cell::Bool(b) => Ok(Some(b.to_string())),
            Cell::Date(Some((y, m, d))) => Ok(Some(format!("{y:04}-{m:02}-{d:02}"))),
            // Left for ctg-core's date check, which reports it at its row and column.
            Cell::Date(None) => Ok(Some("Invalid Date".to_string())),
            Cell::Unsupported(kind) => Err(kind),
        }
    }
}

/// Builds one [`RawRow`] from the (key, value) pairs of a JS object: keys name columns as
/// CSV headers do ([`Column::from_header`]); unknown keys are collected for a note.
#[derive(Debug)]
pub struct RowBuilder {
    raw: RawRow,
}

impl RowBuilder {
    /// An empty row numbered `row` (1-based).
    pub fn new(row: usize) -> Self {
        RowBuilder {
            raw: RawRow::new(row),
        }
    }

    /// Add one key. Unknown keys go to `ignored` (once each).
    pub fn cell(
        &mut self,
        key: &str,
        value: Cell,
        ignored: &mut BTreeSet<String>,
    ) -> Result<(), Box<ObservationIssue>> {
        let row = self.raw.row;
        let Some(column) = Column::from_header(key) else {
            ignored.insert(key.to_string());
            return Ok(());
        };
        if let Some(first) = self.raw.headers.get(&column) {
            let kind = ObservationErrorKind::DuplicateKey {
                key: key.to_string(),
                first: first.clone(),
                column,
            };
            return Err(Box::new(ObservationIssue::cell(kind, row, key)));
        }
        // Never echo the value: it may be a participant.
        let text = value.into_text().map_err(|found| {
            let kind = ObservationErrorKind::RecordCellType {
                key: key.to_string(),
                found,
            };
            Box::new(ObservationIssue::cell(kind, row, key))
        })?;
        self.raw.headers.insert(column, key.to_string());
        *self.raw.cell_mut(column) = text;
        Ok(())
    }

    /// The row.
    pub fn finish(self) -> RawRow {
        self.raw
    }
}

/// The problem of an array item that is not an object.
pub fn not_an_object(row: usize, found: ValueKind) -> ObservationIssue {
    ObservationIssue::new(
        ObservationErrorKind::RecordNotAnObject { row, found },
        Some(row),
    )
}

/// Parse the `asOf` option with the core's date reader ([`ctg_core::io::parse_date`]):
/// `2026-12-31` or `31/12/2026`, as in observation files.
///
/// ```
/// use ctg_wasm::convert::parse_as_of;
/// assert_eq!(parse_as_of("31/12/2026"), parse_as_of(" 2026-12-31 "));
/// assert_eq!(parse_as_of("2026-02-30"), None);
/// ```
pub fn parse_as_of(text: &str) -> Option<NaiveDate> {
    ctg_core::io::parse_date(text)
}

/// A byte offset of `text` as a JavaScript string index (UTF-16 code units).
///
/// ```
/// use ctg_wasm::convert::utf16_index;
/// assert_eq!(utf16_index("≥ 70", 4), 2);
/// assert_eq!(utf16_index("abc", 99), 3);
/// ```
pub fn utf16_index(text: &str, byte: usize) -> usize {
    let mut end = byte.min(text.len());
    while end > 0 && !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).map_or(0, |s| s.encode_utf16().count())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn numbers_read_back() {
        for n in [0.0, 1.0, 12.5, 0.1, -3.0, 1e21, 1e-7, 123456789.125] {
            let t = number_text(n);
            assert_eq!(t.parse::<f64>().unwrap(), n, "{t}");
        }
        assert_eq!(number_text(1.0), "1");
        assert_eq!(number_text(f64::NAN), "NaN");
    }

    #[test]
    fn cells_to_text() {
        assert_eq!(Cell::Empty.into_text(), Ok(None));
        assert_eq!(Cell::Bool(true).into_text(), Ok(Some("true".into())));
        assert_eq!(
            Cell::Date(Some((2026, 3, 1))).into_text(),
            Ok(Some("2026-03-01".into()))
        );
        assert_eq!(
            Cell::Unsupported(ValueKind::Array).into_text(),
            Err(ValueKind::Array)
        );
    }

    #[test]
    fn rows_map_keys_like_headers() {
        let mut ignored = BTreeSet::new();
        let mut b = RowBuilder::new(3);
        b.cell("Indicateur", Cell::Text("f1.1".into()), &mut ignored)
            .unwrap();
        b.cell("Valeur", Cell::Number(12.5), &mut ignored).unwrap();
        b.cell("responsable", Cell::Text("x".into()), &mut ignored)
            .unwrap();
        let dup = b
            .cell("indicator", Cell::Text("f1.2".into()), &mut ignored)
            .unwrap_err();
        assert_eq!(
            (dup.code().as_str(), dup.row),
            ("duplicate_column", Some(3))
        );
        let bad = b
            .cell("date", Cell::Unsupported(ValueKind::Object), &mut ignored)
            .unwrap_err();
        assert_eq!(bad.column.as_deref(), Some("date"));
        assert_eq!(
            bad.message(ctg_core::Lang::Fr),
            "`date` doit être une chaîne, un nombre, un booléen, une Date ou null, pas un objet"
        );
        let item = not_an_object(4, ValueKind::Number);
        assert_eq!(
            item.message(ctg_core::Lang::En),
            "observation 4 is a number, not an object"
        );
        let raw = b.finish();
        assert_eq!(raw.cell(Column::Value), Some("12.5"));
        assert_eq!(raw.header(Column::Indicator), "Indicateur");
        assert_eq!(ignored.into_iter().collect::<Vec<_>>(), ["responsable"]);
    }

    #[test]
    fn as_of_and_spans() {
        assert_eq!(
            parse_as_of("2026-12-31"),
            NaiveDate::from_ymd_opt(2026, 12, 31)
        );
        assert_eq!(parse_as_of("demain"), None);
        assert_eq!(utf16_index("é>", 2), 1);
        assert_eq!(utf16_index("é>", 1), 0);
        assert_eq!(utf16_index("😀x", 4), 2);
    }
}
