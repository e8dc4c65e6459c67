//! Workbooks: observations read from a spreadsheet (.xlsx, .xlsm, .xlsb, .xls, .ods) with
//! `calamine`, through the one row validator that CSV, JSON and tables use.
//!
//! - **Which sheet**: the one [`IngestOptions::sheet`] names (as its tab writes it, else
//!   case- and space-insensitively), or the first sheet with an observation header in its
//!   first [`HEADER_ROWS`] rows. A [`Note::Sheet`] says which sheet was read, at which row
//!   its header is, and how many sheets were not read.
//! - **The header** is the first row naming at least two observation columns (the names
//!   of a CSV header, [`Column::from_header`]). The rows above it are title rows: skipped,
//!   and their text is never copied anywhere. A title row saying `Données fictives`, or the
//!   workbook's properties (title, subject, keywords, comments, category: File > Info in
//!   Excel) saying so, mark the observations as fictional, as a CSV comment line does.
//! - **Cells**: a date cell is its calendar day; a number in the date column is an Excel
//!   serial number, read in the workbook's date system (1900, or 1904 for workbooks that
//!   say so); date text (`31/03/2026`, `2026-03-31`) reads as in CSV; a number as text
//!   (`1 234,5`) reads as in CSV; a formula is read by its cached value; a cell holding an
//!   error (`#N/A`, `#DIV/0!`) is a `type_error`, as is a date cell in the value or the
//!   denominator column. Rows with nothing in the observation columns are skipped (empty
//!   trailing rows, spacer rows).
//! - **Where**: every problem names its sheet and cell as Excel shows them
//!   ([`ObservationIssue::sheet`]; rendered `feuille « Saisie », cellule C12`), and its
//!   row is the sheet's row number.
//! - **Bounds and damaged files**: at most [`MAX_WORKBOOK_BYTES`] once uncompressed (a zip
//!   bomb is refused from its directory, before it is inflated); every XML part is checked
//!   well formed before calamine reads it (its .ods reader loops forever on a table that
//!   never closes); an .ods sheet expands to at most [`MAX_CELLS`] cells (its repeated
//!   rows and cells counted first); an .xls's OLE container is read by the `cfb` crate and
//!   rebuilt before calamine sees it (calamine's container reader panics on damaged
//!   files); an .xlsx sheet is read cell by cell, so its memory follows the cells it has,
//!   not the rectangle they span. `tests/spreadsheets_fuzz.rs` mutates workbooks to keep
//!   it so.
//!
//! Many plans in one workbook work as in CSV: a `territoire` column routes each row.
//!
//! ```
//! # #[cfg(feature = "spreadsheet")] {
//! use ctg_core::io::{read_xlsx, IngestOptions, Note};
//! let plan = ctg_core::plans::sundgau().unwrap();
//! // A workbook as a coordinator keeps it: a title row, then the header, then rows.
//! let mut book = rust_xlsxwriter::Workbook::new();
//! let sheet = book.add_worksheet().set_name("Suivi").unwrap();
//! sheet.write_string(0, 0, "Suivi CTG 2026").unwrap();
//! for (col, name) in ["indicateur", "date", "valeur"].into_iter().enumerate() {
//!     sheet.write_string(1, col as u16, name).unwrap();
//! }
//! sheet.write_string(2, 0, "f8.1").unwrap();
//! sheet.write_string(2, 1, "31/12/2026").unwrap();
//! sheet.write_number(2, 2, 30.0).unwrap();
//! let bytes = book.save_to_buffer().unwrap();
//!
//! let obs = read_xlsx(&plan, &bytes, &IngestOptions::default()).unwrap();
//! assert_eq!(obs.len(), 1);
//! assert_eq!(obs.notes, [Note::Sheet { sheet: "Suivi".into(), header_row: 2, sheets: 1 }]);
//!
//! // A problem names its cell, as Excel shows it.
//! let sheet = book.worksheet_from_index(0).unwrap();
//! sheet.write_string(3, 0, "f8.1").unwrap();
//! sheet.write_string(3, 1, "31/12/2026").unwrap();
//! sheet.write_string(3, 2, "trente").unwrap();
//! let bytes = book.save_to_buffer().unwrap();
//! let err = read_xlsx(&plan, &bytes, &IngestOptions::default()).unwrap_err();
//! assert_eq!(
//!     err.issues[0].render(ctg_core::Lang::Fr),
//!     "feuille « Suivi », cellule C4 [type_error] : la valeur `t…e` (6 caractères) de la colonne `valeur` \
//!      n'est pas un nombre (écrivez un nombre, avec une virgule ou un point décimal : 12 ou 12,5)"
//! );
//! # }
//! ```

#[cfg(feature = "spreadsheet")]
use super::Note;
use super::{
    route::Scope, ByTerritory, IngestOptions, ObservationError, ObservationErrorKind as K,
    ObservationIssue,
};

/// The most a workbook may hold once uncompressed, in bytes (1 GiB).
pub const MAX_WORKBOOK_BYTES: u64 = 1 << 30;

/// The most cells an .ods sheet may expand to (its repeated rows and cells counted).
pub const MAX_CELLS: u64 = 8_000_000;

/// How many rows of a sheet are looked at for its header.
pub const HEADER_ROWS: usize = 30;

/// The first bytes of an OLE compound file (an .xls, or an encrypted .xlsx).
const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Whether bytes are a workbook (a zip archive, or an OLE compound file), by their first
/// bytes: no text input starts so. [`read_auto`](super::read_auto) reads such bytes as a
/// workbook; a page uses it to load the spreadsheet module only when needed.
///
/// ```
/// use ctg_core::io::is_workbook;
/// assert!(is_workbook(b"PK\x03\x04\x14\x00"));
/// assert!(!is_workbook(b"indicateur;date;valeur\n"));
/// ```
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&CFB_MAGIC)
}

fn single(kind: K) -> ObservationError {
    ObservationError {
        issues: vec![ObservationIssue::new(kind, None)],
    }
}

/// Read a workbook for one plan or several (the module's rules).
pub(crate) fn read_workbook(
    scope: Scope<'_>,
    bytes: &[u8],
    opts: &IngestOptions,
) -> Result<ByTerritory, ObservationError> {
    #[cfg(feature = "spreadsheet")]
    {
        imp::read(scope, bytes, opts)
    }
    #[cfg(not(feature = "spreadsheet"))]
    {
        let _ = (scope, bytes, opts);
        Err(single(K::SpreadsheetUnsupported))
    }
}

/// Read observations from a workbook's bytes (.xlsx, .xlsm, .xlsb, .xls, .ods; the
/// module's rules): the observations, or every problem in strict mode, each naming its
/// sheet and cell.
#[cfg(feature = "spreadsheet")]
pub fn read_xlsx(
    plan: &crate::model::Plan,
    bytes: &[u8],
    opts: &IngestOptions,
) -> Result<super::Observations, ObservationError> {
    read_workbook(Scope::One(plan), bytes, opts).map(ByTerritory::into_one)
}

/// [`read_xlsx`] for several plans at once: each row goes to the plan its `territoire`
/// column names.
#[cfg(feature = "spreadsheet")]
pub fn read_xlsx_territories(
    plans: &[&crate::model::Plan],
    bytes: &[u8],
    opts: &IngestOptions,
) -> Result<ByTerritory, ObservationError> {
    read_workbook(Scope::Many(plans), bytes, opts)
}

#[cfg(feature = "spreadsheet")]
mod imp {
    use std::borrow::Cow;
    use std::collections::BTreeMap;
    use std::io::{Cursor, Read, Write};

    use calamine::{
        Data, ExcelDateTime, ExcelDateTimeType, Ods, Reader, SheetType, Xls, Xlsb, Xlsx,
    };
    use chrono::NaiveDate;

    use super::super::columns::Header;
    use super::super::fuzzy::{mentions_fictional, words};
    use super::super::gather::{validate_all, Gather};
    use super::super::route::{Routing, Scope};
    use super::super::validate::RowCells;
    use super::super::Column;
    use super::super::{
        ByTerritory, CellValue, IngestOptions, NotWorkbook, ObservationError, ObservationIssue,
        Observations, SheetPlace,
    };
    use super::{single, Note, CFB_MAGIC, HEADER_ROWS, K, MAX_CELLS, MAX_WORKBOOK_BYTES};

    /// The bytes calamine reads: the input, or an .xls's rebuilt container.
    type Source<'b> = Cursor<Cow<'b, [u8]>>;

    /// An open workbook.
    enum Book<'b> {
        Xlsx(Xlsx<Source<'b>>),
        Xlsb(Xlsb<Source<'b>>),
        Xls(Xls<Source<'b>>),
        Ods(Ods<Source<'b>>),
    }

    /// A cell's value, as the reader keeps it.
    #[derive(Debug, Clone, PartialEq)]
    enum Value {
        Text(String),
        Number(f64),
        Int(i64),
        Bool(bool),
        Date(NaiveDate),
        Error(String),
    }

    /// A sheet's cells that hold something, by row then column (0-based positions).
    struct Sheet {
        name: String,
        cells: Vec<(u32, u32, Value)>,
    }

    fn value_of_data(data: &Data) -> Option<Value> {
        Some(match data {
            Data::Empty => return None,
            Data::String(s) => Value::Text(s.clone()),
            Data::Float(f) => Value::Number(*f),
            Data::Int(i) => Value::Int(*i),
            Data::Bool(b) => Value::Bool(*b),
            Data::DateTime(dt) => datetime(dt),
            Data::DateTimeIso(s) => iso(s),
            Data::DurationIso(s) => Value::Text(s.clone()),
            Data::Error(e) => Value::Error(e.to_string()),
        })
    }

    /// A date or date-time cell: its calendar day; a duration (a time of day) stays a
    /// number, as Excel holds it.
    fn datetime(dt: &ExcelDateTime) -> Value {
        if dt.is_duration() {
            return Value::Number(dt.as_f64());
        }
        match dt.as_datetime() {
            Some(t) => Value::Date(t.date()),
            None => Value::Number(dt.as_f64()),
        }
    }

    /// An ISO 8601 date or date-time (OpenDocument's `office:date-value`).
    fn iso(s: &str) -> Value {
        s.get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .map_or_else(|| Value::Text(s.to_string()), Value::Date)
    }

    /// An Excel serial number as a day, in the workbook's date system.
    fn serial_day(serial: f64, is_1904: bool) -> Option<NaiveDate> {
        if !(1.0..3_000_000.0).contains(&serial) {
            return None;
        }
        ExcelDateTime::new(serial, ExcelDateTimeType::DateTime, is_1904)
            .as_datetime()
            .map(|t| t.date())
    }

    /// What zip bytes hold, and whether they are within the size limit.
    fn zip_kind(bytes: &[u8]) -> Result<Kind, ObservationError> {
        let mut archive =
            zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| single(K::WorkbookUnreadable))?;
        let mut total: u64 = 0;
        let mut names = Vec::with_capacity(archive.len());
        for i in 0..archive.len() {
            let entry = archive
                .by_index_raw(i)
                .map_err(|_| single(K::WorkbookUnreadable))?;
            total = total.saturating_add(entry.size());
            names.push(entry.name().to_string());
        }
        if total > MAX_WORKBOOK_BYTES {
            return Err(single(K::WorkbookTooLarge {
                limit: MAX_WORKBOOK_BYTES,
            }));
        }
        // Every XML part must be well formed before calamine reads it: its readers loop
        // forever on some truncated parts (an .ods table that never closes).
        let mut budget = MAX_WORKBOOK_BYTES;
        for (i, name) in names.iter().enumerate() {
            if name.ends_with(".xml") || name.ends_with(".rels") {
                let entry = archive
                    .by_index(i)
                    .map_err(|_| single(K::WorkbookUnreadable))?;
                budget = well_formed(entry.take(budget), name == "content.xml")?;
            }
        }
        let has = |n: &str| names.iter().any(|x| x == n);
        Ok(if has("xl/workbook.xml") {
            Kind::Xlsx
        } else if has("xl/workbook.bin") {
            Kind::Xlsb
        } else if has("content.xml") {
            Kind::Ods
        } else if has("word/document.xml") {
            return Err(single(K::NotAWorkbook {
                found: NotWorkbook::WordDocument,
            }));
        } else {
            return Err(single(K::NotAWorkbook {
                found: NotWorkbook::OtherZip,
            }));
        })
    }

    /// Check that an XML part is well formed (every element closed, nothing after the
    /// end), reading at most what `part` allows; the bytes left in the budget. An .ods
    /// `content.xml` (`ods`) is also measured: calamine expands its repeated rows and
    /// cells into a dense rectangle, so the cells it would hold are counted first
    /// (at most [`MAX_CELLS`]).
    fn well_formed<R: Read>(part: std::io::Take<R>, ods: bool) -> Result<u64, ObservationError> {
        use quick_xml::events::{BytesStart, Event};
        let broken = || single(K::WorkbookUnreadable);
        let too_large = || {
            single(K::WorkbookTooLarge {
                limit: MAX_WORKBOOK_BYTES,
            })
        };
        let repeats = |e: &BytesStart<'_>, key: &str| -> u64 {
            e.try_get_attribute(key)
                .ok()
                .flatten()
                .and_then(|a| a.value.trim().parse().ok())
                .unwrap_or(1)
        };
        let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(part));
        let mut buf = Vec::new();
        let mut depth: u64 = 0;
        // An .ods table's cells: the current row's repeat and its valued cells, the total.
        let (mut row_repeat, mut row_cells, mut cells) = (1u64, 0u64, 0u64);
        loop {
            let event = reader.read_event_into(&mut buf).map_err(|_| broken())?;
            match &event {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth = depth.saturating_sub(1),
                Event::Eof => break,
                _ => {}
            }
            if ods {
                match &event {
                    Event::Start(e) if e.name().as_ref() == "table:table-row" => {
                        row_repeat = repeats(e, "table:number-rows-repeated");
                        row_cells = 0;
                    }
                    Event::End(e) if e.name().as_ref() == "table:table-row" => {
                        cells = cells.saturating_add(row_repeat.saturating_mul(row_cells));
                        if cells > MAX_CELLS {
                            return Err(single(K::SheetTooLarge { cells: MAX_CELLS }));
                        }
                    }
                    Event::Start(e) | Event::Empty(e)
                        if matches!(
                            e.name().as_ref(),
                            "table:table-cell" | "table:covered-table-cell"
                        ) && (matches!(event, Event::Start(_))
                            || e.try_get_attribute("office:value-type")
                                .ok()
                                .flatten()
                                .is_some()) =>
                    {
                        row_cells =
                            row_cells.saturating_add(repeats(e, "table:number-columns-repeated"));
                    }
                    _ => {}
                }
            }
            buf.clear();
        }
        let left = reader.into_inner().into_inner().limit();
        if depth != 0 {
            return Err(broken());
        }
        if left == 0 {
            return Err(too_large());
        }
        Ok(left)
    }

    enum Kind {
        Xlsx,
        Xlsb,
        Ods,
    }

    fn open(bytes: &[u8]) -> Result<Book<'_>, ObservationError> {
        if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > MAX_WORKBOOK_BYTES {
            return Err(single(K::WorkbookTooLarge {
                limit: MAX_WORKBOOK_BYTES,
            }));
        }
        let source: Source<'_> = Cursor::new(Cow::Borrowed(bytes));
        let unreadable = |encrypted: bool| {
            single(if encrypted {
                K::EncryptedWorkbook
            } else {
                K::WorkbookUnreadable
            })
        };
        if bytes.starts_with(&CFB_MAGIC) {
            return open_ole(bytes);
        }
        if !bytes.starts_with(b"PK\x03\x04") {
            return Err(single(K::NotAWorkbook {
                found: NotWorkbook::Unknown,
            }));
        }
        match zip_kind(bytes)? {
            Kind::Xlsx => calamine::open_workbook_from_rs::<Xlsx<_>, _>(source)
                .map(Book::Xlsx)
                .map_err(|e| unreadable(matches!(e, calamine::XlsxError::Password))),
            Kind::Xlsb => calamine::open_workbook_from_rs::<Xlsb<_>, _>(source)
                .map(Book::Xlsb)
                .map_err(|e| unreadable(matches!(e, calamine::XlsbError::Password))),
            Kind::Ods => calamine::open_workbook_from_rs::<Ods<_>, _>(source)
                .map(Book::Ods)
                .map_err(|e| unreadable(matches!(e, calamine::OdsError::Password))),
        }
    }

    /// An OLE compound file: an encrypted .xlsx (an `EncryptedPackage` inside), or an .xls
    /// (a `Workbook` or `Book` stream). The container is read by the `cfb` crate, and the
    /// workbook stream handed to calamine in a container rebuilt by it: calamine's own
    /// container reader panics on damaged files, and a page cannot survive a panic.
    fn open_ole(bytes: &[u8]) -> Result<Book<'static>, ObservationError> {
        let mut ole = cfb::CompoundFile::open(Cursor::new(bytes))
            .map_err(|_| single(K::WorkbookUnreadable))?;
        if ole.exists("/EncryptedPackage") || ole.exists("/EncryptionInfo") {
            return Err(single(K::EncryptedWorkbook));
        }
        let Some(name) = ["/Workbook", "/Book"]
            .into_iter()
            .find(|n| ole.is_stream(n))
        else {
            return Err(single(K::NotAWorkbook {
                found: NotWorkbook::Unknown,
            }));
        };
        let mut stream = Vec::new();
        ole.open_stream(name)
            .and_then(|s| s.take(MAX_WORKBOOK_BYTES + 1).read_to_end(&mut stream))
            .map_err(|_| single(K::WorkbookUnreadable))?;
        if u64::try_from(stream.len()).unwrap_or(u64::MAX) > MAX_WORKBOOK_BYTES {
            return Err(single(K::WorkbookTooLarge {
                limit: MAX_WORKBOOK_BYTES,
            }));
        }
        let rebuilt = (|| {
            // Version 3 (512-byte sectors), as Excel writes .xls files.
            let mut out =
                cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new()))?;
            out.create_stream(name)?.write_all(&stream)?;
            out.flush()?;
            Ok::<_, std::io::Error>(out.into_inner().into_inner())
        })()
        .map_err(|_| single(K::WorkbookUnreadable))?;
        let source: Source<'static> = Cursor::new(Cow::Owned(rebuilt));
        match calamine::open_workbook_from_rs::<Xls<_>, _>(source) {
            Ok(book) => Ok(Book::Xls(book)),
            Err(calamine::XlsError::Password) => Err(single(K::EncryptedWorkbook)),
            Err(_) => Err(single(K::WorkbookUnreadable)),
        }
    }

    impl Book<'_> {
        /// The worksheets' names, in the workbook's order (chart sheets left out).
        fn sheet_names(&self) -> Vec<String> {
            let metadata = match self {
                Book::Xlsx(b) => b.sheets_metadata(),
                Book::Xlsb(b) => b.sheets_metadata(),
                Book::Xls(b) => b.sheets_metadata(),
                Book::Ods(b) => b.sheets_metadata(),
            };
            metadata
                .iter()
                .filter(|s| matches!(s.typ, SheetType::WorkSheet))
                .map(|s| s.name.clone())
                .collect()
        }

        /// Whether the workbook's properties (File > Info: title, subject, keywords,
        /// comments, category) say the data is fictional.
        fn says_fictional(&mut self) -> bool {
            let properties = match self {
                Book::Xlsx(b) => b.workbook_properties().ok(),
                Book::Xlsb(b) => b.workbook_properties().ok(),
                Book::Xls(b) => b.workbook_properties().ok(),
                Book::Ods(b) => b.workbook_properties().ok(),
            };
            properties.is_some_and(|p| {
                [p.title, p.subject, p.keywords, p.description, p.category]
                    .iter()
                    .flatten()
                    .any(|t| mentions_fictional(t))
            })
        }

        fn is_1904(&self) -> bool {
            match self {
                Book::Xlsx(b) => b.has_1904_epoch(),
                Book::Xlsb(b) => b.has_1904_epoch(),
                Book::Xls(b) => b.has_1904_epoch(),
                Book::Ods(_) => false,
            }
        }

        /// A sheet's cells (those holding something), by row then column.
        fn sheet(&mut self, name: &str) -> Result<Sheet, ObservationError> {
            let mut cells: Vec<(u32, u32, Value)> = Vec::new();
            macro_rules! read_cells {
                ($reader:expr) => {{
                    let mut reader = $reader;
                    while let Some(cell) = reader.next_cell().map_err(broken)? {
                        let (r, c) = cell.get_position();
                        if let Some(v) = value_of_data(&Data::from(cell.get_value().clone())) {
                            cells.push((r, c, v));
                        }
                    }
                }};
            }
            match self {
                // Cell by cell: memory follows the cells, not the rectangle they span. (The
                // two readers are distinct types with one API.)
                Book::Xlsx(b) => read_cells!(b.worksheet_cells_reader(name).map_err(broken)?),
                Book::Xlsb(b) => read_cells!(b.worksheet_cells_reader(name).map_err(broken)?),
                Book::Xls(b) => push_range(&mut cells, b.worksheet_range(name).map_err(broken)?),
                Book::Ods(b) => push_range(&mut cells, b.worksheet_range(name).map_err(broken)?),
            }
            cells.sort_by_key(|&(r, c, _)| (r, c));
            Ok(Sheet {
                name: name.to_string(),
                cells,
            })
        }
    }

    fn broken<E>(_: E) -> ObservationError {
        single(K::WorkbookUnreadable)
    }

    fn push_range(cells: &mut Vec<(u32, u32, Value)>, range: calamine::Range<Data>) {
        for (r, c, data) in range.used_cells() {
            if let (Some(v), Some((r0, c0))) = (value_of_data(data), range.start()) {
                let r = u32::try_from(r).unwrap_or(u32::MAX).saturating_add(r0);
                let c = u32::try_from(c).unwrap_or(u32::MAX).saturating_add(c0);
                cells.push((r, c, v));
            }
        }
    }

    impl Sheet {
        /// The cells of each row, in order: `(row, cells)`.
        fn rows(&self) -> impl Iterator<Item = (u32, &[(u32, u32, Value)])> {
            self.cells
                .chunk_by(|a, b| a.0 == b.0)
                .filter_map(|run| run.first().map(|first| (first.0, run)))
        }

        /// The header row (0-based) and its names by column (from `A`), if one of the
        /// first [`HEADER_ROWS`] rows names at least two observation columns.
        fn header(&self) -> Option<(u32, Vec<String>)> {
            for (row, cells) in self.rows() {
                if row as usize >= HEADER_ROWS {
                    break;
                }
                let mut known: Vec<Column> = cells
                    .iter()
                    .filter_map(|(_, _, v)| match v {
                        Value::Text(t) => Column::from_header(t),
                        _ => None,
                    })
                    .collect();
                known.sort();
                known.dedup();
                if known.len() >= 2 {
                    let width = cells.last().map_or(0, |c| c.1 as usize + 1);
                    let mut names = vec![String::new(); width];
                    for (_, c, v) in cells {
                        if let Some(slot) = names.get_mut(*c as usize) {
                            *slot = match v {
                                Value::Text(t) => t.clone(),
                                _ => String::new(),
                            };
                        }
                    }
                    return Some((row, names));
                }
            }
            None
        }
    }

    /// Pick the sheet to read and its header.
    fn choose(
        book: &mut Book<'_>,
        names: &[String],
        wanted: Option<&str>,
    ) -> Result<(Sheet, u32, Vec<String>), ObservationError> {
        let no_header = |sheets: Vec<String>| {
            single(K::NoHeaderSheet {
                sheets,
                rows: HEADER_ROWS,
            })
        };
        if let Some(wanted) = wanted {
            let found = names
                .iter()
                .find(|n| n.as_str() == wanted)
                .or_else(|| {
                    let key = words(wanted, ' ');
                    names.iter().find(|n| words(n, ' ') == key)
                })
                .ok_or_else(|| {
                    single(K::UnknownSheet {
                        sheet: wanted.to_string(),
                        sheets: names.to_vec(),
                    })
                })?;
            let sheet = book.sheet(found)?;
            return match sheet.header() {
                Some((row, header)) => Ok((sheet, row, header)),
                None => Err(no_header(vec![found.clone()])),
            };
        }
        for name in names {
            let sheet = book.sheet(name)?;
            if let Some((row, header)) = sheet.header() {
                return Ok((sheet, row, header));
            }
        }
        Err(no_header(names.to_vec()))
    }

    /// One data row of the sheet.
    struct SheetRow<'s> {
        /// The sheet's row number (1-based).
        row: usize,
        cells: [Option<&'s Value>; 8],
        /// The date column's cell read as a day (a serial number), or its text.
        date: Option<Result<NaiveDate, String>>,
    }

    impl RowCells for SheetRow<'_> {
        fn row(&self) -> usize {
            self.row
        }

        fn value(&self, column: Column) -> CellValue<'_> {
            if column == Column::Date {
                match &self.date {
                    Some(Ok(d)) => return CellValue::Date(*d),
                    Some(Err(text)) => return CellValue::Text(text),
                    None => {}
                }
            }
            match self.cells.get(column as usize).copied().flatten() {
                None | Some(Value::Error(_)) => CellValue::Empty,
                Some(Value::Text(t)) => CellValue::Text(t),
                Some(Value::Number(n)) => CellValue::Number(*n),
                Some(Value::Int(i)) => CellValue::Int(*i),
                Some(Value::Bool(b)) => CellValue::Bool(*b),
                Some(Value::Date(d)) => CellValue::Date(*d),
            }
        }

        fn own_header(&self, _: Column) -> Option<&str> {
            None
        }
    }

    /// A data row with the problems its cells have before validation, and those cells.
    type Prepared<'s> = (SheetRow<'s>, Vec<(Column, ObservationIssue)>, Vec<Column>);

    /// A number as the messages show it (`45123`, `45123.5`).
    fn number_shown(n: f64) -> String {
        super::super::validate::cell_text(CellValue::Number(n))
            .map(|t| t.into_owned())
            .unwrap_or_default()
    }

    pub(super) fn read(
        scope: Scope<'_>,
        bytes: &[u8],
        opts: &IngestOptions,
    ) -> Result<ByTerritory, ObservationError> {
        let mut book = open(bytes)?;
        let names = book.sheet_names();
        let is_1904 = book.is_1904();
        let fictional_book = book.says_fictional();
        let (sheet, header_row, names_in_header) =
            choose(&mut book, &names, opts.sheet.as_deref().map(str::trim))?;
        drop(book);
        let place = |column: Option<u32>| SheetPlace {
            sheet: sheet.name.clone(),
            column,
        };
        let at_sheet = |mut e: ObservationError, columns: &BTreeMap<String, u32>| {
            for issue in &mut e.issues {
                locate(issue, &place, columns);
            }
            e
        };

        // The header, by the CSV header's rules (at the sheet's row number).
        let excel_header_row = header_row as usize + 1;
        let mut notes = vec![Note::Sheet {
            sheet: sheet.name.clone(),
            header_row: excel_header_row,
            sheets: names.len(),
        }];
        let mut by_name: BTreeMap<String, u32> = BTreeMap::new();
        for (c, n) in names_in_header.iter().enumerate() {
            let n = n.trim();
            if !n.is_empty() {
                by_name
                    .entry(n.to_string())
                    .or_insert(u32::try_from(c).unwrap_or(u32::MAX));
            }
        }
        let header = Header::parse(
            names_in_header.iter().map(String::as_str),
            excel_header_row,
            scope.needs_territory(),
            &mut notes,
        )
        .map_err(|e| at_sheet(e, &by_name))?;
        header.check_width(opts)?;
        // An ignored column is named by its position and its letters.
        for note in &mut notes {
            if let Note::IgnoredColumnAt { position, letters } = note {
                let at = u32::try_from(position.saturating_sub(1)).unwrap_or(u32::MAX);
                *letters = Some(super::super::error::column_letters(at));
            }
        }
        // Where each column is, and its header as written.
        let mut position: [Option<u32>; 8] = [None; 8];
        for (column, at) in &header.columns {
            if let Some(slot) = position.get_mut(*column as usize) {
                *slot = u32::try_from(*at).ok();
            }
        }
        let headers = header.names.clone();

        // Title rows: skipped; only whether they say the data is fictional is kept.
        let fictional = fictional_book
            || sheet
                .rows()
                .take_while(|(r, _)| *r < header_row)
                .any(|(_, cells)| {
                    cells
                        .iter()
                        .any(|(_, _, v)| matches!(v, Value::Text(t) if mentions_fictional(t)))
                });

        // Data rows, with the cells the validator must not read reported here.
        let mut unnamed_with_data: Vec<u32> = Vec::new();
        let mut rows: Vec<Prepared<'_>> = Vec::new();
        for (r, cells) in sheet.rows().filter(|(r, _)| *r > header_row) {
            let excel_row = r as usize + 1;
            let mut row = SheetRow {
                row: excel_row,
                cells: [None; 8],
                date: None,
            };
            for (_, c, v) in cells {
                match position.iter().position(|p| *p == Some(*c)) {
                    Some(i) => {
                        if let Some(slot) = row.cells.get_mut(i) {
                            *slot = Some(v);
                        }
                    }
                    None => {
                        let named = names_in_header
                            .get(*c as usize)
                            .is_some_and(|n| !n.trim().is_empty());
                        if !named && !unnamed_with_data.contains(c) {
                            unnamed_with_data.push(*c);
                        }
                    }
                }
            }
            if row.cells.iter().all(Option::is_none) {
                continue;
            }
            let mut found = Vec::new();
            let mut bad = Vec::new();
            let header_of = |column: Column| {
                headers
                    .get(&column)
                    .cloned()
                    .unwrap_or_else(|| column.name().to_string())
            };
            for column in Column::ALL {
                let Some(v) = row.cells.get(column as usize).copied().flatten() else {
                    continue;
                };
                let kind = match (column, v) {
                    (_, Value::Error(error)) => K::CellError {
                        error: error.clone(),
                        header: header_of(column),
                    },
                    (Column::Value | Column::Denominator, Value::Date(d)) => {
                        K::DateInNumberColumn {
                            date: d.format("%d/%m/%Y").to_string(),
                            header: header_of(column),
                        }
                    }
                    (Column::Date, Value::Number(n)) => {
                        row.date = Some(serial_day(*n, is_1904).ok_or_else(|| number_shown(*n)));
                        continue;
                    }
                    (Column::Date, Value::Int(i)) => {
                        row.date =
                            Some(serial_day(*i as f64, is_1904).ok_or_else(|| i.to_string()));
                        continue;
                    }
                    _ => continue,
                };
                let h = header_of(column);
                found.push((column, ObservationIssue::cell(kind, excel_row, h)));
                bad.push(column);
            }
            rows.push((row, found, bad));
        }
        unnamed_with_data.sort_unstable();
        for c in unnamed_with_data {
            notes.push(Note::UnnamedColumnWithData {
                position: c as usize + 1,
            });
        }

        let routing = Routing::new(scope, &headers, opts);
        let mut gather = Gather::new(scope, Observations::default(), opts);
        validate_all(
            &rows,
            |chunk, (row, found, bad)| routing.take_into(chunk, row, found.clone(), bad),
            &mut gather,
        );
        gather.describe(fictional, &notes);
        let mut read = gather.finish(opts).map_err(|e| at_sheet(e, &by_name))?;
        for issue in read.skipped.iter_mut().chain(
            read.observations
                .iter_mut()
                .flat_map(|o| o.skipped.iter_mut()),
        ) {
            locate(issue, &place, &by_name);
        }
        Ok(read)
    }

    /// Give an issue its sheet and cell: the column its header names.
    fn locate(
        issue: &mut ObservationIssue,
        place: &impl Fn(Option<u32>) -> SheetPlace,
        columns: &BTreeMap<String, u32>,
    ) {
        let column = issue
            .column
            .as_deref()
            .and_then(|c| columns.get(c.trim()).copied())
            .filter(|_| issue.row.is_some());
        issue.sheet = Some(place(column));
    }
}
