//! CSV ingest, French Excel flavour included: `;`, `,` or tab delimiter, UTF-8 with or
//! without BOM or Windows-1252, CRLF, `#` comment lines, French headers.

use std::collections::BTreeSet;
use std::io::Read;

use super::fuzzy::mentions_fictional;
use super::gather::{Chunk, Gather};
use super::route::{Routing, Scope};
use super::text::{decode, ReadText};
use super::validate::RowCells;
use super::CellValue;
use super::{ByTerritory, Column, Header, IngestOptions, Observations};
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
/// - `#` lines are comments, noted in [`Observations::notes`] by their rows only, never
///   their text ([`Note::CommentLines`], or [`Note::CommentedOutRow`] for a data row put
///   aside); a comment saying the data is
///   fictional (`# Données fictives`) sets [`Observations::fictional`]. Blank lines are
///   skipped. Exception: after the header, a `#` line whose first cell is a spreadsheet
///   error value (`#N/A;02/07/2026;3`, an Excel lookup that failed; `#DIV/0!`, `#VALEUR!`,
///   `#REF!`…) is a data row, never a comment: a `cell_error` (`type_error`) at its row and
///   first column, in strict and lenient mode. An error value in any other cell is a
///   `cell_error` at its column, as in a workbook.
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
    super::check_size(input.len(), opts)?;
    let decoded = decode(input)?;
    read_csv_text(Scope::One(plan), decoded.text, decoded.note, opts).map(ByTerritory::into_one)
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
    super::check_size(input.len(), opts)?;
    let decoded = decode(input)?;
    read_csv_text(Scope::Many(plans), decoded.text, decoded.note, opts)
}

/// How the CSV reader cuts its work: not a stable interface (tests force tiny sizes so that
/// piece and block boundaries fall everywhere).
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvTuning {
    /// Bytes of text per piece, parsed and validated on one task (cut after a line end).
    pub piece_bytes: usize,
    /// Pieces per wave: a wave is parsed in parallel, then gathered in order (0: four per
    /// thread).
    pub wave_pieces: usize,
    /// Bytes taken from a reader at a time ([`read_csv_reader`]).
    pub block_bytes: usize,
    /// The longest record (or line) accepted from a reader, in bytes.
    pub max_record_bytes: usize,
    /// Read every record with the sequential reader (the reference the parallel reader
    /// must equal).
    pub sequential: bool,
}

impl Default for CsvTuning {
    fn default() -> Self {
        CsvTuning {
            piece_bytes: PIECE_BYTES,
            wave_pieces: 0,
            block_bytes: BLOCK_BYTES,
            max_record_bytes: MAX_RECORD_BYTES,
            sequential: false,
        }
    }
}

/// Bytes of text per piece: with four pieces a thread in a wave, a few MiB of text (and of
/// validated rows) are in flight.
const PIECE_BYTES: usize = 512 << 10;
/// Bytes read from a reader at a time.
pub(crate) const BLOCK_BYTES: usize = 16 << 20;
/// The longest record a reader may hold: 64 MiB.
pub const MAX_RECORD_BYTES: usize = 64 << 20;

/// The plans a tuned read is for (tests).
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub enum CsvPlans<'p> {
    /// [`read_csv`]'s scope.
    One(&'p Plan),
    /// [`read_csv_territories`]'s scope.
    Many(&'p [&'p Plan]),
}

impl<'p> CsvPlans<'p> {
    fn scope(self) -> Scope<'p> {
        match self {
            CsvPlans::One(p) => Scope::One(p),
            CsvPlans::Many(p) => Scope::Many(p),
        }
    }
}

/// [`read_csv`] or [`read_csv_territories`] with the work cut as `tuning` says (tests).
#[doc(hidden)]
pub fn read_csv_tuned(
    plans: CsvPlans<'_>,
    input: &[u8],
    opts: &IngestOptions,
    tuning: &CsvTuning,
) -> Result<ByTerritory, ObservationError> {
    super::check_size(input.len(), opts)?;
    let decoded = decode(input)?;
    read_csv_engine(
        plans.scope(),
        decoded.text,
        &mut Whole(decoded.note),
        true,
        opts,
        tuning,
    )
}

/// [`read_csv_reader`] or [`read_csv_reader_territories`] with the work cut as `tuning`
/// says (tests).
#[doc(hidden)]
pub fn read_csv_reader_tuned(
    plans: CsvPlans<'_>,
    reader: impl Read,
    opts: &IngestOptions,
    tuning: &CsvTuning,
) -> Result<ByTerritory, ObservationError> {
    let (reader, over) = super::Bounded::new(reader, opts);
    let mut source = ReadText::new(reader, tuning.block_bytes);
    let result = read_csv_source(
        plans.scope(),
        String::new(),
        &mut source,
        false,
        opts,
        tuning,
    );
    super::bounded_result(result, &over, opts)
}

/// Read CSV observations from a reader (a file, a pipe), validated against a plan:
/// [`read_csv`]'s rules, with bounded memory whatever the input's size.
///
/// The input is read in blocks of 16 MiB; the encoding is decided on the first block
/// (UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252 with a
/// [`Note::Decoded`]). If a later block is not UTF-8 while the first was, that block and the
/// rest are read as Windows-1252 and a [`Note::DecodedFrom`] says from which byte (the whole
/// input reader, [`read_csv`], would have read every byte as Windows-1252). A record (or a
/// line) longer than [`MAX_RECORD_BYTES`] stops the read with a `record_too_long` problem
/// (`format_error`), so that an input that never ends a line (`/dev/zero`, a binary file)
/// cannot exhaust memory; NUL bytes stop it as [`read_csv`] does (`encoding_error`). A
/// quoted cell left open more than 64 MiB before the end is reported as `record_too_long`
/// rather than `unclosed_quote`. A bad header fails once at most 64 MiB more has been looked
/// at for NUL bytes or broken UTF-16 (which the whole-input reader reports first).
///
/// ```
/// use ctg_core::io::{read_csv, read_csv_reader, IngestOptions};
/// let plan = ctg_core::plans::sundgau().unwrap();
/// let csv = "indicateur;date;valeur\nf8.1;31/12/2026;30\n";
/// let opts = IngestOptions::default();
/// let streamed = read_csv_reader(&plan, csv.as_bytes(), &opts).unwrap();
/// let whole = read_csv(&plan, csv.as_bytes(), &opts).unwrap();
/// assert_eq!(streamed.rows(), whole.rows());
///
/// // A reader that never ends a line stops with a typed problem, never runs out of memory.
/// let endless = std::io::repeat(b'a');
/// let err = read_csv_reader(&plan, endless, &opts).unwrap_err();
/// assert_eq!(err.issues[0].code().as_str(), "format_error");
/// ```
pub fn read_csv_reader(
    plan: &Plan,
    reader: impl Read,
    opts: &IngestOptions,
) -> Result<Observations, ObservationError> {
    read_csv_reader_tuned(CsvPlans::One(plan), reader, opts, &CsvTuning::default())
        .map(ByTerritory::into_one)
}

/// Read the observations of several plans from a CSV reader: [`read_csv_territories`]'s
/// routing with [`read_csv_reader`]'s bounded memory.
pub fn read_csv_reader_territories(
    plans: &[&Plan],
    reader: impl Read,
    opts: &IngestOptions,
) -> Result<ByTerritory, ObservationError> {
    read_csv_reader_tuned(CsvPlans::Many(plans), reader, opts, &CsvTuning::default())
}

/// Read CSV text (already decoded); `note` says how it was decoded.
pub(crate) fn read_csv_text(
    scope: Scope<'_>,
    text: String,
    note: Option<Note>,
    opts: &IngestOptions,
) -> Result<ByTerritory, ObservationError> {
    read_csv_engine(
        scope,
        text,
        &mut Whole(note),
        true,
        opts,
        &CsvTuning::default(),
    )
}

/// Read CSV from a text source that may hold more: on an early failure (a bad header), up
/// to the record limit more is read for the problems the whole-input reader would have found
/// first (NUL bytes, broken UTF-16).
pub(crate) fn read_csv_source(
    scope: Scope<'_>,
    buf: String,
    source: &mut dyn TextSource,
    eof: bool,
    opts: &IngestOptions,
    tuning: &CsvTuning,
) -> Result<ByTerritory, ObservationError> {
    let result = read_csv_engine(scope, buf, source, eof, opts, tuning);
    if let Err(e) = &result {
        let decoding = e.issues.iter().any(|i| {
            matches!(
                i.kind,
                K::NulBytes
                    | K::BrokenUtf16
                    | K::InvalidUtf8 { .. }
                    | K::ReadFailed { .. }
                    | K::RecordTooLong { .. }
            )
        });
        if !decoding && !source.ended() {
            // At most the record limit more: an endless reader must still stop.
            let mut scratch = String::new();
            let mut read = 0usize;
            while read <= tuning.max_record_bytes {
                scratch.clear();
                let more = source.more(&mut scratch)?;
                read += scratch.len();
                if !more || scratch.is_empty() {
                    break;
                }
            }
        }
    }
    result
}

/// Decoded text, block by block.
pub(crate) trait TextSource {
    /// Append the next decoded text to `buf`; `false` when that was the last of it.
    fn more(&mut self, buf: &mut String) -> Result<bool, ObservationError>;
    /// Whether the input has ended.
    fn ended(&self) -> bool;
    /// How the input was decoded, when not plain UTF-8.
    fn notes(&mut self) -> Vec<Note>;
}

/// A whole input, already decoded.
struct Whole(Option<Note>);

impl TextSource for Whole {
    fn more(&mut self, _: &mut String) -> Result<bool, ObservationError> {
        Ok(false)
    }

    fn ended(&self) -> bool {
        true
    }

    fn notes(&mut self) -> Vec<Note> {
        self.0.take().into_iter().collect()
    }
}

/// The candidate delimiters of a header line.
const CANDIDATES: [u8; 3] = [b';', b'\t', b','];

/// The CSV reader: the header on this thread, then the text cut at line ends into pieces
/// parsed and validated in parallel waves, gathered in input order. Text holding a quote
/// (which could make a cell span lines) is read by one sequential reader up to a record
/// end from which no quote comes within a piece, its records still validated in parallel.
/// `buf` holds the text read so far; `source` gives the rest, block by block (`eof`: there is
/// no more).
fn read_csv_engine(
    scope: Scope<'_>,
    mut buf: String,
    source: &mut dyn TextSource,
    mut eof: bool,
    opts: &IngestOptions,
    t: &CsvTuning,
) -> Result<ByTerritory, ObservationError> {
    let limit = t.max_record_bytes.max(1);
    let mut header_notes: Vec<Note> = Vec::new();

    // The first record: an Excel `sep=` directive, or the header to detect the delimiter;
    // then the header, read whole (more blocks are read until it is).
    let (delimiter, directive, header, comments, mut pos, mut lines, mut inner) = loop {
        let bytes = buf.as_bytes();
        let end = complete_end(bytes, 0, eof);
        let first = skip_gap(bytes.get(..end).unwrap_or_default(), 0, &mut Vec::new());
        if first >= end {
            if eof {
                return Err(single(ObservationIssue::new(K::EmptyInput, None)));
            }
            refill(&mut buf, 0, source, &mut eof, limit, 1)?;
            continue;
        }
        let first_bytes = bytes.get(first..).unwrap_or_default();
        if !eof && !scan_record(first_bytes, &CANDIDATES).ended {
            refill(&mut buf, 0, source, &mut eof, limit, 1)?;
            continue;
        }
        let directive = sep_directive(first_bytes);
        let delimiter = directive.unwrap_or_else(|| detect_delimiter(first_bytes));
        let mut region = Region::new(bytes.get(..end).unwrap_or_default(), delimiter, 0, 0, eof);
        let mut record = ::csv::ByteRecord::new();
        if directive.is_some() {
            match region.next(&mut record)? {
                Next::Record(_) => {}
                Next::Cut(_) | Next::End => {
                    // Cannot be the end: the directive's line was seen.
                    refill(&mut buf, 0, source, &mut eof, limit, 1)?;
                    continue;
                }
            }
        }
        let header = match region.next(&mut record)? {
            Next::Cut(_) => {
                refill(&mut buf, 0, source, &mut eof, limit, 1)?;
                continue;
            }
            Next::End if !eof => {
                refill(&mut buf, 0, source, &mut eof, limit, 1)?;
                continue;
            }
            Next::End => None,
            Next::Record(row) => {
                let cells = Cells::of(&record, row)?;
                let header = Header::parse(
                    (0..cells.len()).map(|i| cells.get(i)),
                    row,
                    scope.needs_territory(),
                    &mut header_notes,
                )?;
                header.check_width(opts)?;
                Some(header)
            }
        };
        let at = region.position();
        if eof
            && at >= region.text.len()
            && let Some(row) = region.unclosed()
        {
            return Err(single(ObservationIssue::new(
                K::UnclosedQuote { row },
                Some(row),
            )));
        }
        let Some(header) = header else {
            return Err(single(ObservationIssue::new(K::EmptyInput, None)));
        };
        let lines = region.line_of(at) - 1;
        let inner = region.inner;
        let comments = std::mem::take(&mut region.comments);
        break (delimiter, directive, header, comments, at, lines, inner);
    };
    // The comment lines before the header are always comments.
    let before_header = comments.len();

    // Then the rows.
    let mut at: [Option<usize>; 8] = [None; 8];
    for &(column, i) in &header.columns {
        if let Some(slot) = at.get_mut(column as usize) {
            *slot = Some(i);
        }
    }
    let routing = Routing::new(scope, &header.names, opts);
    let ctx = Ctx {
        routing: &routing,
        at,
        header: &header,
        delimiter,
        keep: opts.limits.issues(),
    };
    let mut waves = Waves {
        ctx: &ctx,
        into: Gathered {
            gather: Gather::new(scope, Observations::default(), opts),
            comments,
            unnamed: BTreeSet::new(),
        },
        pending: Vec::new(),
        size: 0,
    };
    let piece_bytes = t.piece_bytes.max(1);
    let wave_pieces = match t.wave_pieces {
        0 => 4 * threads(),
        n => n,
    };
    waves.size = wave_pieces;
    let mut unclosed = None;
    loop {
        let bytes = buf.as_bytes();
        let end = complete_end(bytes, pos, eof);
        let mut wave: Vec<Piece<'_>> = Vec::new();
        let mut next_quote: Option<usize> = None;
        while pos < end {
            // The quote-free text from `pos`, cut into pieces at line ends.
            if t.sequential {
                next_quote = Some(pos);
            } else if next_quote.is_none_or(|q| q < pos) {
                next_quote = bytes
                    .get(pos..end)
                    .and_then(|rest| memchr::memchr(b'"', rest))
                    .map(|q| pos + q);
            }
            let free_end = match next_quote {
                None => end,
                Some(q) => bytes
                    .get(pos..q)
                    .and_then(|b| memchr::memrchr(b'\n', b))
                    .map_or(pos, |i| pos + i + 1),
            };
            while pos < free_end {
                let cut = piece_end(bytes, pos, free_end, piece_bytes);
                let text = bytes.get(pos..cut).unwrap_or_default();
                wave.push(Piece::Text { text, lines, inner });
                lines += count_newlines(text);
                pos = cut;
                if wave.len() >= waves.size {
                    waves.run(&mut wave)?;
                }
            }
            if pos >= end {
                break;
            }

            // A quote ahead: one sequential reader, up to a record end after which no quote
            // comes within a piece (or the end of the text).
            let text = bytes.get(pos..end).unwrap_or_default();
            let mut region = Region::new(text, delimiter, lines, inner, eof);
            let mut batch = Batch::default();
            let mut batch_from = 0usize;
            let mut quote = next_quote.map(|q| q - pos);
            let mut record = ::csv::ByteRecord::new();
            let (stop, cut) = loop {
                match region.next(&mut record)? {
                    Next::End => break (text.len(), false),
                    Next::Cut(start) => break (start, true),
                    Next::Record(row) => {
                        batch.push(row, &record);
                        let p = region.position();
                        if p - batch_from >= piece_bytes {
                            wave.push(Piece::Parsed {
                                records: std::mem::take(&mut batch),
                                comments: std::mem::take(&mut region.comments),
                            });
                            batch_from = p;
                            if wave.len() >= waves.size {
                                waves.run(&mut wave)?;
                            }
                        }
                        if !t.sequential {
                            if quote.is_none_or(|q| q < p) {
                                quote = text
                                    .get(p..)
                                    .and_then(|rest| memchr::memchr(b'"', rest))
                                    .map(|q| p + q);
                            }
                            if quote.is_none_or(|q| q - p > piece_bytes) {
                                break (p, false);
                            }
                        }
                    }
                }
            };
            if eof && stop >= text.len() && !cut {
                unclosed = region.unclosed();
            }
            if !batch.records.is_empty() || !region.comments.is_empty() {
                wave.push(Piece::Parsed {
                    records: batch,
                    comments: std::mem::take(&mut region.comments),
                });
            }
            lines = region.line_of(stop) - 1;
            inner = region.inner;
            pos += stop;
            next_quote = None;
            if cut {
                break;
            }
        }
        waves.run(&mut wave)?;
        if eof {
            break;
        }
        let row = (lines + 1).saturating_sub(inner).max(1);
        refill(&mut buf, pos, source, &mut eof, limit, row)?;
        pos = 0;
    }

    let Gathered {
        mut gather,
        comments,
        unnamed: unnamed_with_data,
    } = waves.finish()?;

    // A quote left open swallows the rest of the input into the last record.
    if let Some(row) = unclosed {
        return Err(single(ObservationIssue::new(
            K::UnclosedQuote { row },
            Some(row),
        )));
    }

    let mut ingest_notes = source.notes();
    if let Some(d) = directive {
        ingest_notes.push(Note::SepDirective {
            delimiter: char::from(d),
        });
    }
    ingest_notes.append(&mut header_notes);
    for i in unnamed_with_data {
        ingest_notes.push(Note::UnnamedColumnWithData { position: i + 1 });
    }

    // A commented-out row may hold a participant id: it is not kept as a note.
    let participant_at = header
        .columns
        .iter()
        .find(|(c, _)| *c == Column::Participant)
        .map(|(_, i)| *i);
    // After the header, a `#` line whose first cell is a spreadsheet error (`#N/A;…`, an
    // Excel lookup that failed) is a data row, not a comment: a `cell_error` at its row.
    let mut comments = comments;
    let first_header = header
        .columns
        .iter()
        .find(|(_, i)| *i == 0)
        .and_then(|(c, _)| header.names.get(c).cloned())
        .unwrap_or_else(|| "1".to_string());
    let mut kept = Vec::with_capacity(comments.len());
    for (n, (row, text)) in comments.drain(..).enumerate() {
        let first = text.split(char::from(delimiter)).next().unwrap_or_default();
        match super::values::spreadsheet_error(&format!("#{first}")) {
            Some(error) if n >= before_header => {
                let kind = K::CellError {
                    error: error.to_string(),
                    header: first_header.clone(),
                };
                gather.reject(ObservationIssue::cell(kind, row, first_header.as_str()));
            }
            _ => kept.push((row, text)),
        }
    }
    let comments = kept;
    let fictional = comments.iter().any(|(_, c)| mentions_fictional(c));
    // Nor is any comment's text: a data row the heuristic misses (another delimiter, no
    // participant column) may hold one too. Comment lines are noted by their rows only.
    let mut notes: Vec<Note> = Vec::new();
    let mut comment_rows: Vec<usize> = Vec::new();
    let mut comment_count = 0;
    for (row, text) in comments {
        if is_commented_out_row(&text, delimiter, participant_at) {
            notes.push(Note::CommentedOutRow { row });
        } else {
            comment_count += 1;
            if comment_rows.len() < COMMENT_ROWS_NOTED {
                comment_rows.push(row);
            }
        }
    }
    if comment_count > 0 {
        notes.insert(
            0,
            Note::CommentLines {
                rows: comment_rows,
                count: comment_count,
            },
        );
    }
    notes.append(&mut ingest_notes);
    gather.describe(fictional, &notes);
    gather.finish(opts)
}

/// How many comment lines' rows a [`Note::CommentLines`] lists (the rest are counted).
const COMMENT_ROWS_NOTED: usize = 20;

/// The threads a wave is spread on.
fn threads() -> usize {
    #[cfg(feature = "parallel")]
    {
        rayon::current_num_threads().max(1)
    }
    #[cfg(not(feature = "parallel"))]
    {
        1
    }
}

/// Keep `buf[keep..]` and append the next block; a record longer than `limit` fails.
fn refill(
    buf: &mut String,
    keep: usize,
    source: &mut dyn TextSource,
    eof: &mut bool,
    limit: usize,
    row: usize,
) -> Result<(), ObservationError> {
    if buf.len().saturating_sub(keep) > limit {
        return Err(single(ObservationIssue::new(
            K::RecordTooLong { row, limit },
            Some(row),
        )));
    }
    buf.drain(..keep.min(buf.len()));
    *eof = !source.more(buf)?;
    Ok(())
}

/// Where the complete lines of `bytes[from..]` end: after its last line feed, or at its end
/// when the input has ended.
fn complete_end(bytes: &[u8], from: usize, eof: bool) -> usize {
    if eof {
        return bytes.len();
    }
    bytes
        .get(from..)
        .and_then(|rest| memchr::memrchr(b'\n', rest))
        .map_or(from, |i| from + i + 1)
}

/// The end of a piece from `from`: after the last line feed within `size` bytes (or the
/// first one after, for a longer line), at most `end`.
fn piece_end(bytes: &[u8], from: usize, end: usize, size: usize) -> usize {
    let target = from.saturating_add(size);
    if target >= end {
        return end;
    }
    if let Some(i) = bytes
        .get(from..target)
        .and_then(|b| memchr::memrchr(b'\n', b))
    {
        return from + i + 1;
    }
    bytes
        .get(target..end)
        .and_then(|b| memchr::memchr(b'\n', b))
        .map_or(end, |i| target + i + 1)
}

fn count_newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| **b == b'\n').count()
}

/// What a region's reader gives next.
enum Next {
    /// A record, with its row.
    Record(usize),
    /// A record cut by the end of the text read so far, starting there: read it again with
    /// more text.
    Cut(usize),
    /// The end of the region.
    End,
}

/// A sequential reader of records over a region of text starting at a record start, with
/// each record's row as a spreadsheet shows it and the comment lines between them.
struct Region<'t> {
    text: &'t [u8],
    reader: ::csv::Reader<&'t [u8]>,
    delimiter: u8,
    /// Line feeds before the region.
    lines: usize,
    /// Line feeds in `text[..counted]`.
    passed: usize,
    counted: usize,
    /// Line feeds inside cells, before the reader's position (from the input's start).
    inner: usize,
    /// The region ends the input, or at a record end: no record is cut.
    whole: bool,
    /// Comment lines: (row, text).
    comments: Vec<(usize, String)>,
    gap: Vec<(usize, String)>,
    /// The last record's start and row.
    last: Option<(usize, usize)>,
}

impl<'t> Region<'t> {
    fn new(text: &'t [u8], delimiter: u8, lines: usize, inner: usize, whole: bool) -> Self {
        let reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .comment(Some(b'#'))
            .from_reader(text);
        Region {
            text,
            reader,
            delimiter,
            lines,
            passed: 0,
            counted: 0,
            inner,
            whole,
            comments: Vec::new(),
            gap: Vec::new(),
            last: None,
        }
    }

    /// The line (from 1, counting from the input's start) of a region offset; offsets only
    /// grow.
    fn line_of(&mut self, offset: usize) -> usize {
        let upto = offset.min(self.text.len());
        if upto > self.counted {
            self.passed += count_newlines(self.text.get(self.counted..upto).unwrap_or_default());
            self.counted = upto;
        }
        self.lines + self.passed + 1
    }

    /// Where the reader is (after the last record read).
    fn position(&self) -> usize {
        usize::try_from(self.reader.position().byte()).unwrap_or(self.text.len())
    }

    /// The last record's row, if its quoted cell is never closed.
    fn unclosed(&self) -> Option<usize> {
        let (start, row) = self.last?;
        scan_record(
            self.text.get(start..).unwrap_or_default(),
            &[self.delimiter],
        )
        .unclosed
        .then_some(row)
    }

    fn next(&mut self, record: &mut ::csv::ByteRecord) -> Result<Next, ObservationError> {
        let more = self.reader.read_byte_record(record).map_err(|e| {
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
            .unwrap_or(self.text.len());
        let start = skip_gap(self.text, at, &mut self.gap);
        let mut gap = std::mem::take(&mut self.gap);
        for (offset, text) in gap.drain(..) {
            let line = self.line_of(offset);
            self.comments
                .push((line.saturating_sub(self.inner).max(1), text));
        }
        self.gap = gap;
        if !more {
            return Ok(Next::End);
        }
        if !self.whole
            && self.position() >= self.text.len()
            && scan_record(
                self.text.get(start..).unwrap_or_default(),
                &[self.delimiter],
            )
            .unclosed
        {
            return Ok(Next::Cut(start));
        }
        let row = self.line_of(start).saturating_sub(self.inner).max(1);
        let cells = record.as_slice();
        if memchr::memchr(b'\n', cells).is_some() {
            self.inner += count_newlines(cells);
        }
        self.last = Some((start, row));
        Ok(Next::Record(row))
    }
}

/// A piece of work of a wave.
enum Piece<'t> {
    /// Text without quotes, starting at a record start: `lines` line feeds and `inner`
    /// line feeds inside cells before it.
    Text {
        text: &'t [u8],
        lines: usize,
        inner: usize,
    },
    /// Records read by the sequential reader, with the comment lines among them.
    Parsed {
        records: Batch,
        comments: Vec<(usize, String)>,
    },
}

/// What a piece gives.
struct PieceOut {
    chunk: Chunk,
    comments: Vec<(usize, String)>,
    unnamed: BTreeSet<usize>,
    error: Option<ObservationError>,
}

/// What every piece of a read shares.
struct Ctx<'a, 'p, 'h> {
    routing: &'a Routing<'p, 'h>,
    at: [Option<usize>; 8],
    header: &'a Header,
    delimiter: u8,
    /// The problems a piece keeps at most (`max_issues`).
    keep: usize,
}

impl Ctx<'_, '_, '_> {
    fn piece(&self, piece: Piece<'_>) -> PieceOut {
        let mut out = PieceOut {
            chunk: Chunk::new(self.keep),
            comments: Vec::new(),
            unnamed: BTreeSet::new(),
            error: None,
        };
        match piece {
            Piece::Text { text, lines, inner } => {
                let mut region = Region::new(text, self.delimiter, lines, inner, true);
                let mut record = ::csv::ByteRecord::new();
                loop {
                    match region.next(&mut record) {
                        Ok(Next::Record(row)) => match Cells::of(&record, row) {
                            Ok(cells) => self.take(&mut out, row, cells),
                            Err(_) => out
                                .chunk
                                .broken(ObservationIssue::new(K::RowUnreadable, Some(row))),
                        },
                        Ok(Next::End | Next::Cut(_)) => break,
                        Err(e) => {
                            out.error = Some(e);
                            break;
                        }
                    }
                }
                out.comments = region.comments;
            }
            Piece::Parsed { records, comments } => {
                for (row, cells) in records.iter() {
                    match cells {
                        Some(cells) => self.take(&mut out, row, cells),
                        None => out
                            .chunk
                            .broken(ObservationIssue::new(K::RowUnreadable, Some(row))),
                    }
                }
                out.comments = comments;
            }
        }
        out
    }

    /// Validate one record into the piece's chunk.
    fn take(&self, out: &mut PieceOut, row: usize, cells: Cells<'_>) {
        let width = cells.len();
        if (0..width).all(|i| cells.get(i).trim().is_empty()) {
            return;
        }
        let header = self.header;
        for &i in &header.unnamed {
            if !cells.get(i).trim().is_empty() {
                out.unnamed.insert(i);
            }
        }
        let extra_has_data = (header.width..width).any(|i| !cells.get(i).trim().is_empty());
        if width < header.width || extra_has_data {
            out.chunk.broken(ObservationIssue::new(
                K::RaggedRow {
                    row,
                    width,
                    columns: header.width,
                },
                Some(row),
            ));
            return;
        }
        self.routing.take_into(
            &mut out.chunk,
            &CsvRow {
                cells,
                at: &self.at,
                row,
            },
            Vec::new(),
            &[],
        );
    }
}

/// Runs waves of pieces and gathers what they give, in order.
struct Waves<'w, 'a, 'p, 'h> {
    ctx: &'w Ctx<'a, 'p, 'h>,
    into: Gathered,
    /// The outcomes of the last wave, gathered while the next wave runs.
    pending: Vec<PieceOut>,
    size: usize,
}

/// What the waves gathered.
struct Gathered {
    gather: Gather,
    comments: Vec<(usize, String)>,
    unnamed: BTreeSet<usize>,
}

impl Gathered {
    fn add(&mut self, outs: Vec<PieceOut>) -> Result<(), ObservationError> {
        for mut out in outs {
            if let Some(e) = out.error {
                return Err(e);
            }
            self.gather.add_chunk(&mut out.chunk);
            self.comments.extend(out.comments);
            self.unnamed.extend(out.unnamed);
        }
        Ok(())
    }
}

impl Waves<'_, '_, '_, '_> {
    /// Run a wave: its pieces in parallel, while this thread gathers the previous wave's.
    fn run(&mut self, wave: &mut Vec<Piece<'_>>) -> Result<(), ObservationError> {
        let pieces = std::mem::take(wave);
        let pending = std::mem::take(&mut self.pending);
        let ctx = self.ctx;
        #[cfg(feature = "parallel")]
        let (gathered, outs) = {
            use rayon::prelude::*;
            let into = &mut self.into;
            rayon::join(
                || into.add(pending),
                || -> Vec<PieceOut> { pieces.into_par_iter().map(|p| ctx.piece(p)).collect() },
            )
        };
        #[cfg(not(feature = "parallel"))]
        let (gathered, outs) = (
            self.into.add(pending),
            pieces.into_iter().map(|p| ctx.piece(p)).collect(),
        );
        gathered?;
        self.pending = outs;
        Ok(())
    }

    /// Gather the last wave.
    fn finish(mut self) -> Result<Gathered, ObservationError> {
        let pending = std::mem::take(&mut self.pending);
        self.into.add(pending)?;
        Ok(self.into)
    }
}

/// A record's cells as text (the input is text, so every cell is).
#[derive(Clone, Copy)]
struct Cells<'r> {
    text: &'r str,
    bounds: Bounds<'r>,
}

/// Where a record's cells end in its text.
#[derive(Clone, Copy)]
enum Bounds<'r> {
    Record(&'r ::csv::ByteRecord),
    /// Each cell's end.
    Ends(&'r [usize]),
}

impl<'r> Cells<'r> {
    fn of(record: &'r ::csv::ByteRecord, row: usize) -> Result<Self, ObservationError> {
        match std::str::from_utf8(record.as_slice()) {
            Ok(text) => Ok(Cells {
                text,
                bounds: Bounds::Record(record),
            }),
            Err(_) => Err(single(ObservationIssue::new(K::RowUnreadable, Some(row)))),
        }
    }

    /// A cell's text (empty when absent).
    fn get(&self, i: usize) -> &'r str {
        let range = match self.bounds {
            Bounds::Record(record) => record.range(i),
            Bounds::Ends(ends) => ends.get(i).map(|&end| {
                let start = match i.checked_sub(1) {
                    Some(j) => ends.get(j).copied().unwrap_or(0),
                    None => 0,
                };
                start..end
            }),
        };
        range.and_then(|r| self.text.get(r)).unwrap_or_default()
    }

    fn len(&self) -> usize {
        match self.bounds {
            Bounds::Record(record) => record.len(),
            Bounds::Ends(ends) => ends.len(),
        }
    }

    fn has(&self, i: usize) -> bool {
        i < self.len()
    }
}

/// Records kept for later validation, in two buffers (no allocation per record).
#[derive(Default)]
struct Batch {
    text: String,
    ends: Vec<usize>,
    /// Each record's row, text range and cell-end range (`None`: not text).
    records: Vec<(usize, Option<[usize; 4]>)>,
}

impl Batch {
    fn push(&mut self, row: usize, record: &::csv::ByteRecord) {
        let Ok(text) = std::str::from_utf8(record.as_slice()) else {
            self.records.push((row, None));
            return;
        };
        let (t0, e0) = (self.text.len(), self.ends.len());
        self.text.push_str(text);
        self.ends.extend(
            (0..record.len())
                .filter_map(|i| record.range(i))
                .map(|r| r.end),
        );
        self.records
            .push((row, Some([t0, self.text.len(), e0, self.ends.len()])));
    }

    fn iter(&self) -> impl Iterator<Item = (usize, Option<Cells<'_>>)> {
        self.records.iter().map(|(row, at)| {
            let cells = at.map(|[t0, t1, e0, e1]| Cells {
                text: self.text.get(t0..t1).unwrap_or_default(),
                bounds: Bounds::Ends(self.ends.get(e0..e1).unwrap_or_default()),
            });
            (*row, cells)
        })
    }
}

/// A CSV row's cells, read in place.
struct CsvRow<'r> {
    cells: Cells<'r>,
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
            .filter(|i| self.cells.has(*i))
        {
            Some(i) => CellValue::Text(self.cells.get(i)),
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
    /// A line end outside quotes ends the record.
    ended: bool,
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
                    ended: true,
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
        ended: false,
    }
}

/// The delimiter of a header line: the most frequent of `;`, tab and `,` outside quotes
/// (ties in that order); `,` when there is none.
pub(crate) fn detect_delimiter(header: &[u8]) -> u8 {
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
pub(crate) fn sep_directive(first: &[u8]) -> Option<u8> {
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
