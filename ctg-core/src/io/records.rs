//! Records: observations as `(key, cell)` pairs — a JavaScript object, a Python dict, a
//! JSON object — read by one set of rules for every runtime.
//!
//! A [`Record`] is a sequence of `(key, cell)` pairs in the source's key order (a JS
//! object's own enumerable keys, a dict's insertion order; the JSON reader gives an
//! object's keys in sorted order, as it always has, JSON objects being unordered). Its cells
//! are typed ([`RecordCell`]): the bindings convert native values to these types and
//! nothing else; every rule below is applied here, once:
//!
//! - **keys → columns**: a key names a column as a CSV header does
//!   ([`Column::from_header`]: English or French, case-, accent- and
//!   punctuation-insensitive). A key that names no column is ignored, with one
//!   [`Note::IgnoredKeyAt`] per distinct key for the whole input, naming where it first
//!   appears (observation, position among its keys), never the key itself, which may be a
//!   participant id.
//! - **duplicate keys**: two keys of one record naming the same column (`valeur` and
//!   `value`, or a key written twice in a JSON text) are a `duplicate_column` error
//!   ([`ObservationErrorKind::DuplicateKey`]) at the second key, naming both keys (never the
//!   values); the first key's cell is kept for the rest of the row's checks.
//! - **unsupported cells** ([`RecordCell::Unsupported`]: a nested object or array, a
//!   function, a symbol, a property whose getter throws…) are a `format_error` at the row
//!   and key ([`ObservationErrorKind::RecordCellType`]; `CellNotScalar` for JSON text); the
//!   rest of the row is still checked, so that every problem of the row is reported at once.
//! - **items that are not records** ([`RecordItem::NotAnObject`]) are a `format_error` at
//!   their row ([`ObservationErrorKind::RecordNotAnObject`]; `NotAnObject` for JSON text).
//! - Rows are numbered from 1 in the order of the items; the problems come by row, then by
//!   column (canonical order, [`Column::ALL`]); strict mode fails with all of them, lenient
//!   mode ([`IngestOptions::lenient`]) keeps the good rows and lists the others.
//! - Cells then go through the one row validator that CSV, JSON and tables use: a typed
//!   number or date skips parsing but keeps every check; a typed cell where text is
//!   expected (an id, a participant) reads as its text (`12`, `12.5`, `true`,
//!   `2026-03-31`). A NaN number is not an empty cell here: it is reported as not finite
//!   (a binding whose runtime means "missing" by NaN, like pandas, passes [`RecordCell::Null`]).
//!
//! # Timestamps → dates
//!
//! An observation's date is a calendar day. A timestamp cell ([`Timestamp`]) is read as a
//! day by one rule, [`Timestamp::date`]:
//!
//! - a timestamp **with a zone or an offset** (a tz-aware Python `datetime`, a zoned pandas
//!   `Timestamp`) is read as its calendar date **in that zone**:
//!   `2026-03-31T23:30:00Z` at `+02:00` is 01/04/2026;
//! - a **naive** timestamp (a naive Python `datetime`, a pandas or numpy naive timestamp) is
//!   read as its **wall-clock** date: `2026-03-31T23:30:00` is 31/03/2026;
//! - a JavaScript **`Date`** is an instant without a zone of its own: it is read as its date
//!   in the JS runtime's local zone (the binding passes `-getTimezoneOffset()` for that
//!   instant), **except that an instant at exactly midnight UTC is read as that UTC date**.
//!   So `new Date("2026-03-31")` (midnight UTC) and `new Date(2026, 2, 31)` (local
//!   midnight) both mean 31/03/2026 in every zone. An invalid `Date` is a date that does
//!   not read (`type_error`, shown as `Invalid Date`).
//!
//! ```
//! use ctg_core::io::records::{read_records, Record, RecordCell, RecordItem, Timestamp};
//! use ctg_core::io::{IngestOptions, ObservedValue, ValueKind};
//! use chrono::NaiveDate;
//! let plan = ctg_core::plans::sundgau().unwrap();
//! let zoned = Timestamp::Zoned {
//!     // 2026-12-30T23:30:00Z, in a zone at +02:00: 31/12/2026 there.
//!     utc_micros: 1_798_673_400_000_000,
//!     offset_minutes: 120,
//! };
//! let record = Record::new()
//!     .with("Indicateur", RecordCell::Text("f8.1".into()))
//!     .with("date", RecordCell::Timestamp(zoned))
//!     .with("valeur", RecordCell::Int(30));
//! let obs = read_records(&plan, [RecordItem::from(record)], &IngestOptions::default()).unwrap();
//! assert_eq!(obs.rows()[0].date, NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
//! assert_eq!(obs.rows()[0].value, ObservedValue::Number(30.0));
//!
//! let twice = Record::new()
//!     .with("indicator", RecordCell::Text("f8.1".into()))
//!     .with("date", RecordCell::Text("2026-12-31".into()))
//!     .with("value", RecordCell::Int(30))
//!     .with("valeur", RecordCell::Unsupported(ValueKind::Object));
//! let err = read_records(&plan, [twice.into()], &IngestOptions::default()).unwrap_err();
//! assert_eq!(err.issues[0].code().as_str(), "duplicate_column");
//! assert_eq!(err.issues[0].column.as_deref(), Some("valeur"));
//! ```

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeDelta};

use super::gather::{validate_all, Gather};
use super::route::{Routing, Scope};
use super::validate::RowCells;
use super::{
    ByTerritory, CellValue, Column, IngestOptions, Note, ObservationError,
    ObservationErrorKind as K, ObservationIssue, Observations, ValueKind,
};
use crate::model::Plan;

/// A point in time, as runtimes hold it; read as a calendar day by [`Timestamp::date`]
/// (the module's rule).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Timestamp {
    /// A wall-clock date-time without zone (a naive Python `datetime`, a naive pandas or
    /// numpy timestamp): its wall-clock date.
    Naive(NaiveDateTime),
    /// A wall-clock date-time without zone as microseconds since 1970-01-01T00:00 (an Arrow
    /// or numpy naive timestamp): its wall-clock date, by day count.
    NaiveMicros(i64),
    /// An instant with the UTC offset of its own zone for that instant (a tz-aware Python
    /// `datetime`, a zoned pandas `Timestamp`): its calendar date in that zone.
    Zoned {
        /// Microseconds since 1970-01-01T00:00:00Z.
        utc_micros: i64,
        /// The zone's offset from UTC at that instant, in minutes (`120` for `+02:00`).
        offset_minutes: i32,
    },
    /// An instant without zone (a JavaScript `Date`): its date in the runtime's local
    /// zone, except at exactly midnight UTC, read as that UTC date.
    Instant {
        /// Milliseconds since 1970-01-01T00:00:00Z (`getTime()`; NaN for an invalid
        /// `Date`).
        utc_millis: f64,
        /// The runtime's local offset from UTC at that instant, in minutes
        /// (`-getTimezoneOffset()`).
        local_offset_minutes: i32,
    },
}

const DAY_MILLIS: i64 = 86_400_000;
/// 1970-01-01 in days from the common era (`Datelike::num_days_from_ce`).
const EPOCH_DAY: i32 = 719_163;

impl Timestamp {
    /// The calendar day this timestamp means (the one rule, see the module docs); `None`
    /// for an invalid or out-of-range instant.
    ///
    /// ```
    /// use ctg_core::io::records::Timestamp;
    /// use chrono::NaiveDate;
    /// let day = |d| NaiveDate::from_ymd_opt(2026, 3, d);
    /// // 2026-03-31T23:30:00Z
    /// let utc_millis = 1_774_999_800_000.0;
    /// let zoned = Timestamp::Zoned { utc_micros: 1_774_999_800_000_000, offset_minutes: 120 };
    /// assert_eq!(zoned.date(), NaiveDate::from_ymd_opt(2026, 4, 1));
    /// let js = Timestamp::Instant { utc_millis, local_offset_minutes: -300 };
    /// assert_eq!(js.date(), day(31));
    /// // `new Date("2026-03-31")` in New York: midnight UTC, read as the UTC date.
    /// let midnight = Timestamp::Instant { utc_millis: 1_774_915_200_000.0, local_offset_minutes: -240 };
    /// assert_eq!(midnight.date(), day(31));
    /// let naive = Timestamp::Naive(day(31).unwrap().and_hms_opt(23, 30, 0).unwrap());
    /// assert_eq!(naive.date(), day(31));
    /// // The same wall clock as microseconds since 1970-01-01T00:00 (Arrow, numpy).
    /// assert_eq!(Timestamp::NaiveMicros(1_774_999_800_000_000).date(), day(31));
    /// assert_eq!(Timestamp::NaiveMicros(-1).date(), NaiveDate::from_ymd_opt(1969, 12, 31));
    /// ```
    pub fn date(&self) -> Option<NaiveDate> {
        match *self {
            Timestamp::Naive(dt) => Some(dt.date()),
            Timestamp::NaiveMicros(micros) => {
                let days = i32::try_from(micros.div_euclid(DAY_MILLIS * 1000)).ok()?;
                NaiveDate::from_num_days_from_ce_opt(days.checked_add(EPOCH_DAY)?)
            }
            Timestamp::Zoned {
                utc_micros,
                offset_minutes,
            } => local_date(
                DateTime::from_timestamp_micros(utc_micros)?.naive_utc(),
                offset_minutes,
            ),
            Timestamp::Instant {
                utc_millis,
                local_offset_minutes,
            } => {
                if !utc_millis.is_finite() || utc_millis.abs() > 8.64e15 {
                    return None;
                }
                let millis = utc_millis.floor() as i64;
                let utc = DateTime::from_timestamp_millis(millis)?.naive_utc();
                if millis.rem_euclid(DAY_MILLIS) == 0 {
                    Some(utc.date())
                } else {
                    local_date(utc, local_offset_minutes)
                }
            }
        }
    }
}

fn local_date(utc: NaiveDateTime, offset_minutes: i32) -> Option<NaiveDate> {
    let offset = TimeDelta::try_minutes(i64::from(offset_minutes))?;
    utc.checked_add_signed(offset).map(|t| t.date())
}

/// A cell of a [`Record`], typed as the runtime holds it.
#[derive(Clone, PartialEq)]
pub enum RecordCell {
    /// No value (`null`, `undefined`, `None`, pandas' `NA`/`NaT`/NaN): an empty cell.
    Null,
    /// Text, as is (an empty or blank text is an empty cell).
    Text(String),
    /// A floating-point number (NaN and infinities are reported as not finite).
    Number(f64),
    /// An integer.
    Int(i64),
    /// A boolean (a milestone's flag).
    Bool(bool),
    /// A calendar date (a Python `date`).
    Date(NaiveDate),
    /// A timestamp, read as a day by [`Timestamp::date`].
    Timestamp(Timestamp),
    /// A value the runtime cannot map to a cell (a nested object or array, a function, a
    /// symbol, a property that cannot be read): a `format_error` at its row and key.
    Unsupported(ValueKind),
}

impl std::fmt::Debug for RecordCell {
    /// The cell's type only: a cell may be a participant, which never shows.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RecordCell::Null => f.write_str("Null"),
            RecordCell::Text(_) => f.write_str("Text(..)"),
            RecordCell::Number(_) => f.write_str("Number(..)"),
            RecordCell::Int(_) => f.write_str("Int(..)"),
            RecordCell::Bool(_) => f.write_str("Bool(..)"),
            RecordCell::Date(_) => f.write_str("Date(..)"),
            RecordCell::Timestamp(_) => f.write_str("Timestamp(..)"),
            RecordCell::Unsupported(kind) => write!(f, "Unsupported({kind:?})"),
        }
    }
}

impl RecordCell {
    /// The cell as the row validator reads it.
    fn value(&self) -> CellValue<'_> {
        match self {
            RecordCell::Null | RecordCell::Unsupported(_) => CellValue::Empty,
            RecordCell::Text(t) => CellValue::Text(t),
            // Not a missing value here: the validator reports it as not finite.
            RecordCell::Number(n) if n.is_nan() => CellValue::Text("NaN"),
            RecordCell::Number(n) => CellValue::Number(*n),
            RecordCell::Int(i) => CellValue::Int(*i),
            RecordCell::Bool(b) => CellValue::Bool(*b),
            RecordCell::Date(d) => CellValue::Date(*d),
            RecordCell::Timestamp(t) => match t.date() {
                Some(d) => CellValue::Date(d),
                None => CellValue::Text(INVALID_DATE),
            },
        }
    }
}

/// How an instant that is no day reads in messages.
const INVALID_DATE: &str = "Invalid Date";

/// One record: `(key, cell)` pairs in the source's key order. Its `Debug` output shows the
/// keys and the cells' types, never their values.
#[derive(Clone, Default, PartialEq)]
pub struct Record {
    /// The pairs, in order (a key may repeat: a duplicate is reported).
    pub pairs: Vec<(String, RecordCell)>,
}

impl std::fmt::Debug for Record {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map()
            .entries(self.pairs.iter().map(|(k, v)| (k, v)))
            .finish()
    }
}

impl Record {
    /// An empty record.
    pub fn new() -> Self {
        Record::default()
    }

    /// An empty record with room for `n` pairs.
    pub fn with_capacity(n: usize) -> Self {
        Record {
            pairs: Vec::with_capacity(n),
        }
    }

    /// Add a pair.
    pub fn push(&mut self, key: impl Into<String>, cell: RecordCell) {
        self.pairs.push((key.into(), cell));
    }

    /// The same record with a pair added.
    pub fn with(mut self, key: impl Into<String>, cell: RecordCell) -> Self {
        self.push(key, cell);
        self
    }
}

/// One item of a sequence of records.
#[derive(Debug, Clone, PartialEq)]
pub enum RecordItem {
    /// A record.
    Record(Record),
    /// An item that is not a record (a number, a string, `null`, an array, an object whose
    /// keys cannot be read…): what it is, for the message.
    NotAnObject(ValueKind),
}

impl From<Record> for RecordItem {
    fn from(record: Record) -> Self {
        RecordItem::Record(record)
    }
}

/// Where records come from, for the wording of structural problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    /// A JSON text (cells are JSON values).
    Json,
    /// A runtime's values (Python, JavaScript).
    Runtime,
}

/// Validate records against a plan (the module's rules): the observations, or every
/// problem in strict mode.
pub fn read_records(
    plan: &Plan,
    items: impl IntoIterator<Item = RecordItem>,
    opts: &IngestOptions,
) -> Result<Observations, ObservationError> {
    let items: Vec<RecordItem> = items.into_iter().collect();
    read_scoped(
        Scope::One(plan),
        &items,
        Origin::Runtime,
        Observations::default(),
        opts,
    )
    .map(ByTerritory::into_one)
}

/// [`read_records`] for several plans at once: each record goes to the plan its
/// [`Column::Territory`] key names, as [`read_rows_territories`](super::read_rows_territories)
/// routes rows.
pub fn read_records_territories(
    plans: &[&Plan],
    items: impl IntoIterator<Item = RecordItem>,
    opts: &IngestOptions,
) -> Result<ByTerritory, ObservationError> {
    let items: Vec<RecordItem> = items.into_iter().collect();
    read_scoped(
        Scope::Many(plans),
        &items,
        Origin::Runtime,
        Observations::default(),
        opts,
    )
}

/// A record's keys resolved to columns, with the problems of its keys and cells.
struct Mapped<'r> {
    row: usize,
    /// The cell of each column (by [`Column`] index).
    cells: [Option<&'r RecordCell>; 8],
    /// The key of each column, as written.
    keys: [Option<&'r str>; 8],
    found: Vec<(Column, ObservationIssue)>,
    bad: Vec<Column>,
}

impl RowCells for Mapped<'_> {
    fn row(&self) -> usize {
        self.row
    }

    fn value(&self, column: Column) -> CellValue<'_> {
        match self.cells.get(column as usize) {
            Some(Some(cell)) => cell.value(),
            _ => CellValue::Empty,
        }
    }

    fn own_header(&self, column: Column) -> Option<&str> {
        self.keys.get(column as usize).copied().flatten()
    }
}

/// Keys already resolved (records of one input mostly share their keys).
#[derive(Default)]
struct Keys {
    seen: Vec<(String, Option<Column>)>,
}

impl Keys {
    fn column(&mut self, key: &str) -> Option<Column> {
        if let Some((_, c)) = self.seen.iter().find(|(k, _)| k == key) {
            return *c;
        }
        let c = Column::from_header(key);
        if self.seen.len() < 64 {
            self.seen.push((key.to_string(), c));
        }
        c
    }
}

/// One item's keys and cells, or its structural problem.
enum Prepared<'r> {
    Row(Mapped<'r>),
    Broken(ObservationIssue),
}

fn prepare<'r>(
    row: usize,
    item: &'r RecordItem,
    origin: Origin,
    keys: &mut Keys,
    ignored: &mut BTreeMap<&'r str, (usize, usize)>,
) -> Prepared<'r> {
    let record = match item {
        RecordItem::Record(r) => r,
        RecordItem::NotAnObject(found) => {
            let found = *found;
            let kind = match origin {
                Origin::Json => K::NotAnObject { row, found },
                Origin::Runtime => K::RecordNotAnObject { row, found },
            };
            return Prepared::Broken(ObservationIssue::new(kind, Some(row)));
        }
    };
    let mut mapped = Mapped {
        row,
        cells: [None; 8],
        keys: [None; 8],
        found: Vec::new(),
        bad: Vec::new(),
    };
    for (at, (key, cell)) in record.pairs.iter().enumerate() {
        let Some(column) = keys.column(key) else {
            // Where it first appears: the note names that place, never the key.
            ignored.entry(key.as_str()).or_insert((row, at + 1));
            continue;
        };
        let at = column as usize;
        if let Some(first) = mapped.keys.get(at).copied().flatten() {
            let kind = K::DuplicateKey {
                key: key.clone(),
                first: first.to_string(),
                column,
            };
            mapped
                .found
                .push((column, ObservationIssue::cell(kind, row, key.as_str())));
            if !mapped.bad.contains(&column) {
                mapped.bad.push(column);
            }
            continue;
        }
        if let RecordCell::Unsupported(found) = cell {
            // Never echo the cell: it may be a participant.
            let found = *found;
            let kind = match origin {
                Origin::Json => K::CellNotScalar {
                    key: key.clone(),
                    found,
                },
                Origin::Runtime => K::RecordCellType {
                    key: key.clone(),
                    found,
                },
            };
            mapped
                .found
                .push((column, ObservationIssue::cell(kind, row, key.as_str())));
            mapped.bad.push(column);
        }
        if let (Some(k), Some(c)) = (mapped.keys.get_mut(at), mapped.cells.get_mut(at)) {
            *k = Some(key.as_str());
            *c = Some(cell);
        }
    }
    Prepared::Row(mapped)
}

/// Read records for one plan or several; `out` holds what the input says of itself
/// (fictional flag, notes), to which the ignored keys' notes are added.
pub(crate) fn read_scoped(
    scope: Scope<'_>,
    items: &[RecordItem],
    origin: Origin,
    mut out: Observations,
    opts: &IngestOptions,
) -> Result<ByTerritory, ObservationError> {
    let mut keys = Keys::default();
    let mut ignored = BTreeMap::new();
    let prepared: Vec<Prepared<'_>> = items
        .iter()
        .enumerate()
        .map(|(i, item)| prepare(i + 1, item, origin, &mut keys, &mut ignored))
        .collect();
    let mut places: Vec<(usize, usize)> = ignored.into_values().collect();
    places.sort_unstable();
    out.notes.extend(
        places
            .into_iter()
            .map(|(row, position)| Note::IgnoredKeyAt {
                row: Some(row),
                position,
            }),
    );
    let headers = BTreeMap::new();
    let routing = Routing::new(scope, &headers, opts);
    let mut gather = Gather::new(scope, out, opts);
    validate_all(
        &prepared,
        |chunk, item| match item {
            Prepared::Row(mapped) => {
                routing.take_into(chunk, mapped, mapped.found.clone(), &mapped.bad)
            }
            Prepared::Broken(issue) => chunk.broken(issue.clone()),
        },
        &mut gather,
    );
    let mut read = gather.finish(opts)?;
    // Lenient mode: the problems by row (then column, as each row lists them), the items
    // that are not records among them.
    if let (Scope::One(_), [obs]) = (scope, read.observations.as_mut_slice()) {
        obs.skipped.append(&mut read.skipped);
    }
    for obs in &mut read.observations {
        obs.skipped.sort_by_key(|i| i.row);
    }
    read.skipped.sort_by_key(|i| i.row);
    Ok(read)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    fn millis(y: i32, m: u32, d: u32, h: u32, min: u32) -> f64 {
        day(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
            .and_utc()
            .timestamp_millis() as f64
    }

    #[test]
    fn a_js_date_means_the_same_day_in_every_zone() {
        for offset in [-720, -300, -240, 0, 60, 120, 330, 840] {
            // `new Date("2026-03-31")`: midnight UTC.
            let utc_midnight = Timestamp::Instant {
                utc_millis: millis(2026, 3, 31, 0, 0),
                local_offset_minutes: offset,
            };
            assert_eq!(utc_midnight.date(), day(2026, 3, 31), "{offset}");
            // `new Date(2026, 2, 31)`: local midnight.
            let local_midnight = Timestamp::Instant {
                utc_millis: millis(2026, 3, 31, 0, 0) - f64::from(offset) * 60_000.0,
                local_offset_minutes: offset,
            };
            assert_eq!(local_midnight.date(), day(2026, 3, 31), "{offset}");
        }
        let invalid = Timestamp::Instant {
            utc_millis: f64::NAN,
            local_offset_minutes: 0,
        };
        assert_eq!(invalid.date(), None);
        let far = Timestamp::Instant {
            utc_millis: 1e300,
            local_offset_minutes: 0,
        };
        assert_eq!(far.date(), None);
    }

    #[test]
    fn zoned_timestamps_read_in_their_zone() {
        let utc_micros = millis(2026, 3, 31, 23, 30) as i64 * 1000;
        let at = |offset_minutes| Timestamp::Zoned {
            utc_micros,
            offset_minutes,
        };
        assert_eq!(at(0).date(), day(2026, 3, 31));
        assert_eq!(at(120).date(), day(2026, 4, 1));
        assert_eq!(at(-300).date(), day(2026, 3, 31));
        // Midnight UTC in New York is the evening before, there.
        let midnight = Timestamp::Zoned {
            utc_micros: millis(2026, 3, 31, 0, 0) as i64 * 1000,
            offset_minutes: -240,
        };
        assert_eq!(midnight.date(), day(2026, 3, 30));
        let huge = Timestamp::Zoned {
            utc_micros: i64::MAX,
            offset_minutes: i32::MAX,
        };
        assert_eq!(huge.date(), None);
    }

    #[test]
    fn debug_never_shows_a_cell() {
        let r = Record::new().with("participant", RecordCell::Text("Jeanne-2011".into()));
        let shown = format!("{r:?}");
        assert!(!shown.contains("Jeanne"), "{shown}");
        assert!(shown.contains("participant"), "{shown}");
    }
}
