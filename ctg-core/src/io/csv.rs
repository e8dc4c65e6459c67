//! CSV ingest, French Excel flavour included: `;`, `,` or tab delimiter, UTF-8 with or
//! without BOM or Windows-1252, CRLF, `#` comment lines, French headers.

use std::collections::{BTreeMap, BTreeSet};

use super::fuzzy::mentions_fictional;
use super::gather::{validate_all, Gather};
use super::route::{Routing, Scope};
use super::text::decode;
use super::validate::RowCells;
use super::CellValue;
use super::{ByTerritory, Column, IngestOptions, Observations};
use super::{Note, ObservationError, ObservationErrorKind as K, ObservationIssue};
use crate::model::Plan;

/// Read observations from CSV bytes, validated against a plan.
///
/// - One row is one observation; the header (the first line that is not a `#` comment)
///   names the columns, in English or French, case- and accent-insensitively
///   (`indicateur`, `date`, `valeur`, `participant`, `dénominateur`, `commune`,
///   `commentaire`); unknown columns are ignored with a note.
/// - The delimiter (`;`, `,` or tab) is detected from the header line, or taken from an
///   Excel `sep=;` first line.
/// - UTF-8 with or without BOM; bytes that are not UTF-8 are read as Windows-1252 (French
///   Excel's « CSV (séparateur : point-virgule) »), with a note.
/// - `#` lines are comments, kept in [`Observations::notes`] ([`Note::Comment`], or
///   [`Note::CommentedOutRow`] without its cells for a data row put aside); a comment saying the data is
///   fictional (`# Données fictives`) sets [`Observations::fictional`]. Blank lines are
///   skipped.
/// - Rows are numbered as a spreadsheet shows them: the header is row 1 when nothing comes
///   before it, comment and blank lines count, and a quoted cell spanning several lines
///   stays in one row.
///
/// Strict mode (the default) fails with every problem of the input; lenient mode drops the
/// bad rows into [`Observations::skipped`].
///
/// ```
/// use ctg_core::io::{read_csv, IngestOptions, ObservedValue};
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
/// let csv = "# Données fictives\r\nIndicateur;Date;Valeur\r\nf1.1;31/03/2026;1 234,5\r\n";
/// let obs = read_csv(&plan, csv.as_bytes(), &IngestOptions::default()).unwrap();
/// assert!(obs.fictional);
/// assert_eq!(obs.rows()[0].value, ObservedValue::Number(1234.5));
/// assert_eq!(obs.rows()[0].row, 3);
///
/// let err = read_csv(&plan, b"indicateur;date;valeur\nf1.1;31/02/2026;-1\n", &IngestOptions::default())
///     .unwrap_err();
/// let codes: Vec<&str> = err.issues.iter().map(|i| i.code().as_str()).collect();
/// assert_eq!(codes, ["type_error", "constraint_error"]);
/// ```
pub fn read_csv(
    plan: &Plan,
    input: &[u8],
    opts: &IngestOptions,
) -> Result<Observations, ObservationError> {
    let decoded = decode(input)?;
    read_csv_text(Scope::One(plan), &decoded.text, decoded.note, opts).map(ByTerritory::into_one)
}

/// Read the observations of several plans from one CSV table, each row going to the plan
/// its `territory` column names (plan id, or territory name): [`read_csv`]'s rules, with
/// the routing of [`read_rows_territories`](super::read_rows_territories). The
/// `territory` column is required when more than one plan is given.
///
/// ```
/// use ctg_core::io::{read_csv_territories, IngestOptions};
/// let sundgau = ctg_core::plans::sundgau().unwrap();
/// let mut other = sundgau.clone();
/// other.id = "ctg-autre".into();
/// other.territory = "Territoire fictif".into();
/// let csv = "territoire;indicateur;date;valeur\n\
///            sundgau-2025-2029;f8.1;31/12/2026;30\n\
///            ctg-autre;f8.1;31/12/2026;12\n\
///            ctg-autre;f2.1;15/09/2026;240\n";
/// let read = read_csv_territories(&[&sundgau, &other], csv.as_bytes(), &IngestOptions::default())
///     .unwrap();
/// assert_eq!(read.observations[0].len(), 1);
/// assert_eq!(read.observations[1].len(), 2);
///
/// let bad = "territoire;indicateur;date;valeur\nctg-autr;f8.1;31/12/2026;30\n";
/// let err = read_csv_territories(&[&sundgau, &other], bad.as_bytes(), &IngestOptions::default())
///     .unwrap_err();
/// assert_eq!(err.issues[0].code().as_str(), "unknown_territory");
/// assert_eq!(err.issues[0].hint(ctg_core::Lang::En).as_deref(), Some("did you mean `ctg-autre`?"));
/// ```
pub fn read_csv_territories(
    plans: &[&Plan],
    input: &[u8],
    opts: &IngestOptions,
) -> Result<ByTerritory, ObservationError> {
    let decoded = decode(input)?;
    read_csv_text(Scope::Many(plans), &decoded.text, decoded.note, opts)
}

/// Read CSV text (already decoded); `note` says how it was decoded.
pub(crate) fn read_csv_text(
    scope: Scope<'_>,
    text: &str,
    note: Option<Note>,
    opts: &IngestOptions,
) -> Result<ByTerritory, ObservationError> {
    let bytes = text.as_bytes();
    let mut ingest_notes: Vec<Note> = note.into_iter().collect();

    // The first record: an Excel `sep=` directive, or the header to detect the delimiter.
    let first = skip_gap(bytes, 0, &mut Vec::new());
    let first_bytes = bytes.get(first..).unwrap_or_default();
    if first_bytes.is_empty() {
        return Err(single(ObservationIssue::new(K::EmptyInput, None)));
    }
    let directive = sep_directive(first_bytes);
    let delimiter = match directive {
        Some(d) => {
            ingest_notes.push(Note::SepDirective {
                delimiter: char::from(d),
            });
            d
        }
        None => detect_delimiter(first_bytes),
    };

    // Every record, with its row number as a spreadsheet shows it.
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .comment(Some(b'#'))
        .from_reader(bytes);
    let newlines: Vec<usize> = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i)
        .collect();
    // Comment lines: (row, text).
    let mut comments: Vec<(usize, String)> = Vec::new();
    let mut gap_comments: Vec<(usize, String)> = Vec::new();
    let mut inner_newlines = 0usize;
    // Offsets only grow: the line of an offset is found by walking forward.
    let mut passed = 0usize;
    let mut line_of = |offset: usize| {
        while newlines.get(passed).is_some_and(|&n| n < offset) {
            passed += 1;
        }
        passed + 1
    };

    // The next record with its start and row; `None` at the end (comments gathered).
    let mut last: Option<(usize, usize)> = None;
    let mut read_next =
        |record: &mut ::csv::StringRecord| -> Result<Option<usize>, ObservationError> {
            let more = reader.read_record(record).map_err(|e| {
                single(ObservationIssue::new(
                    K::CsvUnreadable {
                        error: e.to_string(),
                    },
                    None,
                ))
            })?;
            let at = record
                .position()
                .and_then(|p| usize::try_from(p.byte()).ok())
                .unwrap_or(bytes.len());
            let start = skip_gap(bytes, at, &mut gap_comments);
            for (offset, text) in gap_comments.drain(..) {
                let line = line_of(offset);
                comments.push((line.saturating_sub(inner_newlines).max(1), text));
            }
            if !more {
                return Ok(None);
            }
            let row = line_of(start).saturating_sub(inner_newlines).max(1);
            if record.as_slice().contains('\n') {
                inner_newlines += record
                    .iter()
                    .map(|f| f.matches('\n').count())
                    .sum::<usize>();
            }
            last = Some((start, row));
            Ok(Some(row))
        };

    // The header (after the `sep=` directive, if any).
    let mut record = ::csv::StringRecord::new();
    if directive.is_some() {
        read_next(&mut record)?;
    }
    let header = match read_next(&mut record)? {
        Some(row) => Some(Header::parse(
            &record,
            row,
            scope.needs_territory(),
            &mut ingest_notes,
        )?),
        None => None,
    };

    // Then the rows, read and validated chunk by chunk (record buffers reused), so memory
    // stays bounded and validation runs on every core while the file is read.
    let mut gather = Gather::new(scope, Observations::default());
    let mut unnamed_with_data = BTreeSet::new();
    if let Some(header) = &header {
        let mut at: [Option<usize>; 8] = [None; 8];
        for &(column, i) in &header.columns {
            if let Some(slot) = at.get_mut(column as usize) {
                *slot = Some(i);
            }
        }
        let routing = Routing::new(scope, &header.names);
        let mut chunk: Vec<CsvItem> = Vec::with_capacity(CHUNK);
        let mut pool: Vec<::csv::StringRecord> = Vec::new();
        loop {
            if chunk.len() >= CHUNK {
                validate_chunk(&mut chunk, &mut pool, &routing, &at, &mut gather);
            }
            let mut record = pool.pop().unwrap_or_default();
            let Some(row) = read_next(&mut record)? else {
                break;
            };
            if record.iter().all(|c| c.trim().is_empty()) {
                pool.push(record);
                continue;
            }
            for &i in &header.unnamed {
                if record.get(i).is_some_and(|c| !c.trim().is_empty()) {
                    unnamed_with_data.insert(i);
                }
            }
            let width = record.len();
            let extra_has_data = record
                .iter()
                .skip(header.width)
                .any(|c| !c.trim().is_empty());
            if width < header.width || extra_has_data {
                chunk.push(CsvItem::Broken(ObservationIssue::new(
                    K::RaggedRow {
                        row,
                        width,
                        columns: header.width,
                    },
                    Some(row),
                )));
                pool.push(record);
                continue;
            }
            chunk.push(CsvItem::Row(row, record));
        }
        validate_chunk(&mut chunk, &mut pool, &routing, &at, &mut gather);
    }

    // A quote left open swallows the rest of the file into the last record.
    if let Some((start, row)) = last {
        if scan_record(bytes.get(start..).unwrap_or_default(), &[delimiter]).unclosed {
            return Err(single(ObservationIssue::new(
                K::UnclosedQuote { row },
                Some(row),
            )));
        }
    }
    let Some(header) = header else {
        return Err(single(ObservationIssue::new(K::EmptyInput, None)));
    };
    for i in unnamed_with_data {
        ingest_notes.push(Note::UnnamedColumnWithData { position: i + 1 });
    }

    // A commented-out row may hold a participant id: it is not kept as a note.
    let participant_at = header
        .columns
        .iter()
        .find(|(c, _)| *c == Column::Participant)
        .map(|(_, i)| *i);
    let fictional = comments.iter().any(|(_, c)| mentions_fictional(c));
    let mut notes: Vec<Note> = comments
        .into_iter()
        .map(|(row, text)| {
            if is_commented_out_row(&text, delimiter, participant_at) {
                Note::CommentedOutRow { row }
            } else {
                Note::Comment { row, text }
            }
        })
        .collect();
    notes.append(&mut ingest_notes);
    gather.describe(fictional, &notes);
    gather.finish(opts)
}

/// Records validated at a time.
const CHUNK: usize = 1 << 15;

/// Validate a chunk of records into `gather`, and give their buffers back to `pool`.
fn validate_chunk(
    chunk: &mut Vec<CsvItem>,
    pool: &mut Vec<::csv::StringRecord>,
    routing: &Routing<'_, '_>,
    at: &[Option<usize>; 8],
    gather: &mut Gather,
) {
    validate_all(
        chunk,
        |chunk, item| match item {
            CsvItem::Broken(issue) => chunk.broken(issue.clone()),
            CsvItem::Row(row, record) => routing.take_into(
                chunk,
                &CsvRow {
                    record,
                    at,
                    row: *row,
                },
                Vec::new(),
                &[],
            ),
        },
        gather,
    );
    pool.extend(chunk.drain(..).filter_map(|item| match item {
        CsvItem::Row(_, record) => Some(record),
        CsvItem::Broken(_) => None,
    }));
}

/// A record of the file: a row to validate, or a broken one.
enum CsvItem {
    Row(usize, ::csv::StringRecord),
    Broken(ObservationIssue),
}

/// A CSV row's cells, read in place.
struct CsvRow<'r> {
    record: &'r ::csv::StringRecord,
    /// The record position of each column.
    at: &'r [Option<usize>; 8],
    row: usize,
}

impl RowCells for CsvRow<'_> {
    fn row(&self) -> usize {
        self.row
    }

    fn value(&self, column: Column) -> CellValue<'_> {
        match self
            .at
            .get(column as usize)
            .copied()
            .flatten()
            .and_then(|i| self.record.get(i))
        {
            Some(t) => CellValue::Text(t),
            None => CellValue::Empty,
        }
    }

    fn own_header(&self, _: Column) -> Option<&str> {
        None
    }
}

fn single(issue: ObservationIssue) -> ObservationError {
    ObservationError {
        issues: vec![issue],
    }
}

/// The columns of the header.
struct Header {
    /// Where each known column is.
    columns: Vec<(Column, usize)>,
    /// Each known column's header as written.
    names: BTreeMap<Column, String>,
    /// The columns without a header.
    unnamed: Vec<usize>,
    /// The number of columns.
    width: usize,
}

impl Header {
    fn parse(
        record: &::csv::StringRecord,
        row: usize,
        needs_territory: bool,
        notes: &mut Vec<Note>,
    ) -> Result<Header, ObservationError> {
        let mut header = Header {
            columns: Vec::new(),
            names: BTreeMap::new(),
            unnamed: Vec::new(),
            width: record.len(),
        };
        let mut issues = Vec::new();
        for (i, cell) in record.iter().enumerate() {
            let name = cell.trim();
            if name.is_empty() {
                header.unnamed.push(i);
                continue;
            }
            match Column::from_header(name) {
                None => notes.push(Note::IgnoredColumn {
                    name: name.to_string(),
                }),
                Some(column) => match header.names.get(&column) {
                    Some(first) => issues.push(ObservationIssue::cell(
                        K::DuplicateColumn {
                            header: name.to_string(),
                            first: first.clone(),
                            column,
                        },
                        row,
                        name,
                    )),
                    None => {
                        header.names.insert(column, name.to_string());
                        header.columns.push((column, i));
                    }
                },
            }
        }
        issues.extend(missing_columns(
            |c| header.names.contains_key(&c),
            needs_territory,
        ));
        if issues.is_empty() {
            Ok(header)
        } else {
            Err(ObservationError { issues })
        }
    }
}

/// The `missing_column` issues of a header.
fn missing_columns(has: impl Fn(Column) -> bool, needs_territory: bool) -> Vec<ObservationIssue> {
    Column::ALL
        .into_iter()
        .filter(|c| (c.is_required() || (needs_territory && *c == Column::Territory)) && !has(*c))
        .map(|column| ObservationIssue {
            kind: K::MissingColumn { column },
            row: None,
            column: Some(column.name().to_string()),
        })
        .collect()
}

/// Skip what csv-core skips before a record (line ends, `#` comment lines), from `at`;
/// collect the comments' byte offset and text; return where the record starts.
fn skip_gap(bytes: &[u8], mut at: usize, comments: &mut Vec<(usize, String)>) -> usize {
    loop {
        match bytes.get(at) {
            Some(b'\r' | b'\n') => at += 1,
            Some(b'#') => {
                let rest = bytes.get(at + 1..).unwrap_or_default();
                let len = rest.iter().position(|b| *b == b'\n').unwrap_or(rest.len());
                let text = String::from_utf8_lossy(rest.get(..len).unwrap_or_default());
                let text = text.trim();
                if !text.is_empty() {
                    comments.push((at, text.to_string()));
                }
                at += 1 + len;
            }
            _ => return at,
        }
    }
}

/// Whether a comment line is a data row put aside with `#` that has a participant cell.
fn is_commented_out_row(text: &str, delimiter: u8, participant_at: Option<usize>) -> bool {
    participant_at.is_some_and(|p| {
        text.split(char::from(delimiter))
            .nth(p)
            .is_some_and(|cell| !cell.trim().is_empty())
    })
}

/// What a quote-aware scan of one record finds.
struct RecordScan {
    /// How many times each candidate delimiter occurs outside quotes.
    counts: Vec<usize>,
    /// The record ends inside a quoted cell (at the end of the input).
    unclosed: bool,
}

/// Scan one record from its first byte, with csv-core's quoting rules (a quote opens a
/// quoted cell only at the start of a cell; `""` inside is a quote).
fn scan_record(bytes: &[u8], delimiters: &[u8]) -> RecordScan {
    #[derive(PartialEq)]
    enum State {
        Start,
        Field,
        Quoted,
        QuoteInQuoted,
    }
    let mut counts = vec![0; delimiters.len()];
    let mut state = State::Start;
    for &b in bytes {
        state = match state {
            State::Quoted if b == b'"' => State::QuoteInQuoted,
            State::Quoted => State::Quoted,
            State::Start | State::QuoteInQuoted if b == b'"' => State::Quoted,
            _ if b == b'\n' || b == b'\r' => {
                return RecordScan {
                    counts,
                    unclosed: false,
                }
            }
            _ => match delimiters.iter().position(|d| *d == b) {
                Some(k) => {
                    if let Some(c) = counts.get_mut(k) {
                        *c += 1;
                    }
                    State::Start
                }
                None => State::Field,
            },
        };
    }
    RecordScan {
        counts,
        unclosed: state == State::Quoted,
    }
}

/// The delimiter of a header line: the most frequent of `;`, tab and `,` outside quotes
/// (ties in that order); `,` when there is none.
fn detect_delimiter(header: &[u8]) -> u8 {
    let candidates = [b';', b'\t', b','];
    let scan = scan_record(header, &candidates);
    let mut best = (0, b',');
    for (count, d) in scan.counts.iter().zip(candidates) {
        if *count > best.0 {
            best = (*count, d);
        }
    }
    best.1
}

/// An Excel `sep=;` first line: the delimiter it sets.
fn sep_directive(first: &[u8]) -> Option<u8> {
    let len = first
        .iter()
        .position(|b| *b == b'\n' || *b == b'\r')
        .unwrap_or(first.len());
    let line = first.get(..len)?;
    line.get(..4).filter(|p| p.eq_ignore_ascii_case(b"sep="))?;
    match line.get(4..)? {
        [d @ (b';' | b',' | b'\t' | b'|' | b':')] => Some(*d),
        _ => None,
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests {
    use super::*;

    #[test]
    fn detects_delimiters() {
        assert_eq!(detect_delimiter(b"indicateur;date;valeur\r\nf1.1,x"), b';');
        assert_eq!(detect_delimiter(b"indicator,date,value\n"), b',');
        assert_eq!(detect_delimiter(b"indicator\tdate\tvalue"), b'\t');
        // Delimiters inside quotes do not count.
        assert_eq!(detect_delimiter(b"\"a;b;c\",date,value"), b',');
        assert_eq!(detect_delimiter(b"\"a,b,c\";date;\"x,\"\"y\"\",z\""), b';');
        // A tie goes to `;`; no delimiter at all gives `,`.
        assert_eq!(detect_delimiter(b"a;b,c"), b';');
        assert_eq!(detect_delimiter(b"indicateur"), b',');
        // Only the header line counts.
        assert_eq!(detect_delimiter(b"a;b\nc,d,e,f"), b';');
    }

    #[test]
    fn sep_directives() {
        assert_eq!(sep_directive(b"sep=;\r\nindicateur;date"), Some(b';'));
        assert_eq!(sep_directive(b"SEP=,\n"), Some(b','));
        assert_eq!(sep_directive(b"sep=\t\n"), Some(b'\t'));
        assert_eq!(sep_directive(b"sep=ab\n"), None);
        assert_eq!(sep_directive(b"separateur;date"), None);
        assert_eq!(sep_directive(b"sep"), None);
    }

    #[test]
    fn scans_quotes() {
        assert!(!scan_record(b"a;\"b\nc\";d\ne", b";").unclosed);
        assert!(scan_record(b"a;\"b\nc;d\ne", b";").unclosed);
        assert!(!scan_record(b"a;b\"c;d", b";").unclosed);
        assert!(scan_record(b"\"a\"\"", b";").unclosed);
        assert!(!scan_record(b"\"a\"\"\"", b";").unclosed);
    }

    #[test]
    fn commented_out_rows() {
        assert!(is_commented_out_row("f2.1;01/02/2026;;P-7", b';', Some(3)));
        assert!(!is_commented_out_row("f2.1;01/02/2026;;", b';', Some(3)));
        assert!(!is_commented_out_row(
            "Données fictives; export du 1er avril",
            b';',
            Some(3)
        ));
        assert!(!is_commented_out_row("f2.1;01/02/2026;;P-7", b';', None));
    }

    #[test]
    fn skips_gaps_and_collects_comments() {
        let mut comments = Vec::new();
        let text = b"\r\n# Donn\xc3\xa9es fictives\r\n\n#\nheader";
        let at = skip_gap(text, 0, &mut comments);
        assert_eq!(&text[at..], b"header");
        assert_eq!(comments, [(2, "Données fictives".to_string())]);
    }
}
