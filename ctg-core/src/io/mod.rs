//! Observation ingest: CSV (French Excel flavour included) and JSON.
//!
//! Every input converges on one row validator, which types each cell by the indicator's
//! measure:
//! - [`read_csv`]: CSV bytes (`;`, `,` or tab; UTF-8 or Windows-1252; `#` comments);
//! - [`read_json`]: an array of objects, or `{ "fictional", "notes", "observations" }`;
//! - [`read_records`]: `(key, cell)` records — JS objects, Python dicts — with typed cells
//!   ([`records`]: keys, duplicates, unsupported cells, timestamps → dates);
//! - [`read_rows`]: rows built by a caller as text cells;
//! - `read_xlsx` (feature `spreadsheet`, on by default): a workbook (.xlsx, .xlsm, .xlsb,
//!   .xls, .ods), the first sheet with an observation header or a named one, every problem
//!   naming its cell (`feuille « Saisie », cellule C12`);
//! - [`read_auto`]: a workbook by its first bytes, else JSON or CSV by the first character;
//! - [`read_csv_reader`], [`read_auto_reader`]: the same from a reader (a file), CSV streamed
//!   in blocks with bounded memory.
//!
//! The CSV reader parses on every core (`parallel` feature): the text is cut at line ends
//! into pieces, each parsed and validated on its own task, gathered in input order; text
//! with a quote (a quoted cell may span lines) is read by one reader until no quote is near.
//!
//! Strict mode (the default) fails with every problem of the input at once, each with its
//! row, column, a typed kind ([`ObservationErrorKind`]) whose message and hint render in
//! French or English ([`ObservationIssue::render`], [`ObservationError::render`],
//! [`ObservationError::problems`]); lenient mode ([`IngestOptions::lenient`]) keeps the good rows and
//! reports the others in [`Observations::skipped`]. What the reader noticed without it being
//! a problem (decoding, ignored columns, comment lines) is kept as typed [`Note`]s in
//! [`Observations::notes`], rendered in French or English by [`Note::render`].
//! Participant ids never appear in any message, hint or note.

mod columns;
mod csv;
mod error;
mod fuzzy;
mod gather;
mod json;
mod note;
mod observation;
mod observations;
pub mod pseudonymise;
pub mod records;
mod route;
mod rows;
pub(crate) mod store;
mod table;
mod text;
mod validate;
mod values;
mod xlsx;

pub use self::csv::{
    read_csv, read_csv_reader, read_csv_reader_territories, read_csv_territories, MAX_RECORD_BYTES,
};
#[doc(hidden)]
pub use self::csv::{read_csv_reader_tuned, read_csv_tuned, CsvPlans, CsvTuning};
pub use columns::{CellValue, Column, Header, IngestOptions, RawRow};
pub use error::{
    Amount, Expected, KeyType, NotWorkbook, NumberProblem, ObservationError, ObservationErrorCode,
    ObservationErrorKind, ObservationIssue, SheetPlace, Suggestion, Unreadable, ValueKind,
};
pub use json::{read_json, read_json_territories};
pub use note::{Encoding, Note};
pub use observation::{Assessment, Observation, ObservedValue, Participant};
pub use observations::{ByTerritory, Observations};
pub use records::{
    read_records, read_records_territories, Record, RecordCell, RecordItem, Timestamp,
};
pub use rows::{read_rows, read_rows_territories};
pub use store::{NewObservation, ObservationsBuilder};
pub use table::{read_tables, read_tables_territories, CellColumn, Table};
pub use xlsx::{is_workbook, HEADER_ROWS, MAX_CELLS, MAX_WORKBOOK_BYTES};
#[cfg(feature = "spreadsheet")]
pub use xlsx::{read_xlsx, read_xlsx_territories};

use route::Scope;

use crate::model::Plan;

/// Read observations from workbook, CSV or JSON bytes: a workbook (.xlsx, .xlsm, .xlsb,
/// .xls, .ods: a zip archive or an OLE file, by the first bytes) is read by `read_xlsx`'s
/// rules; else JSON when the first character that is not white space (after a byte-order
/// mark) is `[` or `{`, CSV otherwise.
///
/// The bytes are decoded as for [`read_csv`] (UTF-8, UTF-16 with BOM, else
/// Windows-1252), then read by [`read_json`]'s or [`read_csv`]'s rules.
///
/// ```
/// use ctg_core::io::{read_auto, IngestOptions};
/// # let plan: ctg_core::model::Plan = toml::from_str(r#"
/// # id = "demo"
/// # title = "Démo"
/// # territory = "Sundgau"
/// # period = { start = 2025, end = 2029 }
/// # [[fiches]]
/// # number = 1
/// # title = "Accueil"
/// # axis = 1
/// # schedule = { start = 2025, end = 2029 }
/// # [[fiches.indicators]]
/// # id = "f1.1"
/// # label = "Familles accueillies"
/// # measure = "count"
/// # "#).unwrap();
/// let opts = IngestOptions::default();
/// let csv = read_auto(&plan, b"indicator,date,value\nf1.1,2026-03-31,12\n", &opts).unwrap();
/// let json = read_auto(
///     &plan,
///     br#" [{"indicator": "f1.1", "date": "2026-03-31", "value": 12}]"#,
///     &opts,
/// )
/// .unwrap();
/// assert_eq!(csv.rows()[0].value, json.rows()[0].value);
/// ```
pub fn read_auto(
    plan: &Plan,
    input: &[u8],
    opts: &IngestOptions,
) -> Result<Observations, ObservationError> {
    read_auto_scoped(Scope::One(plan), input, opts).map(ByTerritory::into_one)
}

/// Read the observations of several plans from CSV or JSON bytes ([`read_auto`]'s
/// detection), each row going to the plan its `territory` column names
/// ([`read_rows_territories`]).
pub fn read_auto_territories(
    plans: &[&Plan],
    input: &[u8],
    opts: &IngestOptions,
) -> Result<ByTerritory, ObservationError> {
    read_auto_scoped(Scope::Many(plans), input, opts)
}

/// Read observations from a reader holding CSV or JSON ([`read_auto`]'s detection, on the
/// first character that is not white space): CSV is streamed with bounded memory
/// ([`read_csv_reader`]'s rules and limits), JSON is read whole.
///
/// ```
/// use ctg_core::io::{read_auto, read_auto_reader, IngestOptions};
/// let plan = ctg_core::plans::sundgau().unwrap();
/// let opts = IngestOptions::default();
/// for input in [
///     &b"indicateur;date;valeur\nf8.1;31/12/2026;30\n"[..],
///     br#"  [{"indicator": "f8.1", "date": "2026-12-31", "value": 30}]"#,
/// ] {
///     let streamed = read_auto_reader(&plan, input, &opts).unwrap();
///     assert_eq!(streamed.rows(), read_auto(&plan, input, &opts).unwrap().rows());
/// }
/// ```
pub fn read_auto_reader(
    plan: &Plan,
    reader: impl std::io::Read,
    opts: &IngestOptions,
) -> Result<Observations, ObservationError> {
    read_auto_reader_scoped(Scope::One(plan), reader, opts).map(ByTerritory::into_one)
}

/// Read the observations of several plans from a reader holding CSV or JSON
/// ([`read_auto_reader`]), each row going to the plan its `territory` column names.
pub fn read_auto_reader_territories(
    plans: &[&Plan],
    reader: impl std::io::Read,
    opts: &IngestOptions,
) -> Result<ByTerritory, ObservationError> {
    read_auto_reader_scoped(Scope::Many(plans), reader, opts)
}

fn read_auto_reader_scoped(
    scope: Scope<'_>,
    reader: impl std::io::Read,
    opts: &IngestOptions,
) -> Result<ByTerritory, ObservationError> {
    use self::csv::TextSource;
    use std::io::Read;
    // A workbook (a zip or an OLE file, by its first bytes) is read whole, within the limit.
    let mut reader = reader;
    let mut head = Vec::with_capacity(8);
    (&mut reader)
        .take(8)
        .read_to_end(&mut head)
        .map_err(|e| read_failed(&e))?;
    if xlsx::is_workbook(&head) {
        let mut bytes = head;
        (&mut reader)
            .take(MAX_WORKBOOK_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| read_failed(&e))?;
        return xlsx::read_workbook(scope, &bytes, opts);
    }
    let reader = std::io::Cursor::new(head).chain(reader);
    let mut source = text::ReadText::new(reader, self::csv::BLOCK_BYTES);
    let mut buf = String::new();
    let mut eof = false;
    // Enough text to see the first character that is not white space (white space alone
    // goes to the CSV reader, which bounds it).
    while !eof && buf.trim_start().is_empty() && buf.len() <= MAX_RECORD_BYTES {
        eof = !source.more(&mut buf)?;
    }
    match buf.trim_start().chars().next() {
        Some('[' | '{') => {
            while !eof {
                eof = !source.more(&mut buf)?;
            }
            let note = source.notes().into_iter().next();
            json::read_json_text(scope, &buf, note, opts)
        }
        _ => match json::scalar_json(&buf).filter(|_| eof) {
            Some(err) => Err(err),
            None => self::csv::read_csv_source(
                scope,
                buf,
                &mut source,
                eof,
                opts,
                &self::csv::CsvTuning::default(),
            ),
        },
    }
}

fn read_auto_scoped(
    scope: Scope<'_>,
    input: &[u8],
    opts: &IngestOptions,
) -> Result<ByTerritory, ObservationError> {
    if xlsx::is_workbook(input) {
        return xlsx::read_workbook(scope, input, opts);
    }
    let decoded = text::decode(input)?;
    match decoded.text.trim_start().chars().next() {
        Some('[' | '{') => json::read_json_text(scope, &decoded.text, decoded.note, opts),
        _ => match json::scalar_json(&decoded.text) {
            Some(err) => Err(err),
            None => self::csv::read_csv_text(scope, decoded.text, decoded.note, opts),
        },
    }
}

/// Read a date as observation files write it: `31/03/2026`, `2026-03-31` (and the other
/// forms the CSV reader accepts, e.g. `31/03/2026 00:00`). The bindings use it for
/// `as_of`, so every runtime accepts the same forms.
///
/// ```
/// use ctg_core::io::parse_date;
/// let d = chrono::NaiveDate::from_ymd_opt(2026, 12, 31);
/// assert_eq!(parse_date("31/12/2026"), d);
/// assert_eq!(parse_date(" 2026-12-31 "), d);
/// assert_eq!(parse_date("31/02/2026"), None);
/// ```
pub fn parse_date(text: &str) -> Option<chrono::NaiveDate> {
    values::parse_date(text.trim()).ok()
}

fn read_failed(e: &std::io::Error) -> ObservationError {
    ObservationError {
        issues: vec![ObservationIssue::new(
            ObservationErrorKind::ReadFailed {
                error: e.to_string(),
            },
            None,
        )],
    }
}
