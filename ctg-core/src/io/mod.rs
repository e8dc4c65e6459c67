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
pub(crate) mod fuzzy;
mod gather;
mod json;
mod note;
mod observation;
mod observations;
mod privacy;
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
pub use privacy::{file_error_message, names_parquet, text_is_data, text_source_is_data, CellText};
pub use records::{
    read_records, read_records_territories, Record, RecordCell, RecordItem, Timestamp,
};
pub use rows::{read_rows, read_rows_territories};
pub use store::{NewObservation, ObservationsBuilder};
pub use table::{
    metadata_declares_fictional, read_tables, read_tables_territories, CellColumn, Table,
    FICTIONAL_METADATA_KEY,
};
pub use xlsx::{is_workbook, HEADER_ROWS, MAX_CELLS, MAX_WORKBOOK_BYTES};
#[cfg(feature = "spreadsheet")]
pub use xlsx::{read_xlsx, read_xlsx_territories};

use route::Scope;
pub use route::{Route, TerritoryRouter};

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
    let (reader, over) = Bounded::new(reader, opts);
    let result = read_auto_reader_unbounded(scope, reader, opts);
    bounded_result(result, &over, opts)
}

fn read_auto_reader_unbounded(
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
    check_size(input.len(), opts)?;
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
/// forms the CSV reader accepts, e.g. `31/03/2026 00:00`), between [`MIN_DATE`] and
/// [`MAX_DATE`] (the years 1900 to 2200, as for plans and targets). The bindings use it for
/// `as_of`, so every runtime accepts the same forms and range.
///
/// ```
/// use ctg_core::io::parse_date;
/// let d = chrono::NaiveDate::from_ymd_opt(2026, 12, 31);
/// assert_eq!(parse_date("31/12/2026"), d);
/// assert_eq!(parse_date(" 2026-12-31 "), d);
/// assert_eq!(parse_date("31/02/2026"), None);
/// assert_eq!(parse_date("01/01/0000"), None);
/// ```
pub fn parse_date(text: &str) -> Option<chrono::NaiveDate> {
    values::parse_date(text.trim())
        .ok()
        .filter(|d| date_in_range(*d))
}

/// The first day an observation (or `as_of`) may have: 1 January 1900.
pub const MIN_DATE: chrono::NaiveDate = match chrono::NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(d) => d,
    None => chrono::NaiveDate::MIN,
};

/// The last day an observation (or `as_of`) may have: 31 December 2200.
pub const MAX_DATE: chrono::NaiveDate = match chrono::NaiveDate::from_ymd_opt(2200, 12, 31) {
    Some(d) => d,
    None => chrono::NaiveDate::MAX,
};

/// Whether a date lies between [`MIN_DATE`] and [`MAX_DATE`]: the years 1900 to 2200 that
/// plans and targets may name. Observation dates outside are a `date_out_of_range` error
/// at their row and column, in every input (CSV, JSON, records, workbooks, frames).
///
/// ```
/// use ctg_core::io::date_in_range;
/// use chrono::NaiveDate;
/// assert!(date_in_range(NaiveDate::from_ymd_opt(2026, 3, 31).unwrap()));
/// assert!(!date_in_range(NaiveDate::from_ymd_opt(1, 1, 1).unwrap()));
/// ```
pub fn date_in_range(d: chrono::NaiveDate) -> bool {
    (MIN_DATE..=MAX_DATE).contains(&d)
}

/// An evaluation refused by a limit (`max_windows`), as the one problem of an
/// [`ObservationError`]: how the bindings raise it with the input's problems.
impl From<crate::limits::LimitExceeded> for ObservationError {
    fn from(e: crate::limits::LimitExceeded) -> Self {
        over_limit(e)
    }
}

/// The `limit_exceeded` error of an input over a limit.
pub(crate) fn over_limit(e: crate::limits::LimitExceeded) -> ObservationError {
    ObservationError {
        issues: vec![ObservationIssue::new(
            ObservationErrorKind::LimitExceeded(e),
            None,
        )],
    }
}

/// Refuse an input of more than `max_input_bytes` bytes.
pub(crate) fn check_size(len: usize, opts: &IngestOptions) -> Result<(), ObservationError> {
    let len = u64::try_from(len).unwrap_or(u64::MAX);
    opts.limits
        .check(crate::limits::Limit::MaxInputBytes, len)
        .map_err(|e| over_limit(crate::limits::LimitExceeded { found: None, ..e }))
}

/// A reader read with `take(max_input_bytes + 1)`: `over` is set once a byte past the
/// limit has been read (the read then ends, and the reader's caller refuses the input).
pub(crate) struct Bounded<R> {
    inner: R,
    left: u64,
    over: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl<R: std::io::Read> Bounded<R> {
    /// `reader` bounded by `opts`' `max_input_bytes`, and the flag set past it.
    pub(crate) fn new(
        reader: R,
        opts: &IngestOptions,
    ) -> (Self, std::sync::Arc<std::sync::atomic::AtomicBool>) {
        let over = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let bounded = Bounded {
            inner: reader,
            left: opts.limits.max_input_bytes.saturating_add(1),
            over: std::sync::Arc::clone(&over),
        };
        (bounded, over)
    }
}

impl<R: std::io::Read> std::io::Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            self.over.store(true, std::sync::atomic::Ordering::Relaxed);
            return Ok(0);
        }
        let max = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = self.inner.read(buf.get_mut(..max).unwrap_or_default())?;
        self.left = self
            .left
            .saturating_sub(u64::try_from(n).unwrap_or(u64::MAX));
        if self.left == 0 {
            self.over.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        Ok(n)
    }
}

/// The result of a bounded read: the size refusal if the reader went past the limit.
pub(crate) fn bounded_result<T>(
    result: Result<T, ObservationError>,
    over: &std::sync::atomic::AtomicBool,
    opts: &IngestOptions,
) -> Result<T, ObservationError> {
    if over.load(std::sync::atomic::Ordering::Relaxed) {
        return Err(over_limit(crate::limits::LimitExceeded {
            limit: crate::limits::Limit::MaxInputBytes,
            value: opts.limits.max_input_bytes,
            found: None,
        }));
    }
    result
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
