//! The shapes of observation input before validation: the columns ([`Column`]) and their
//! accepted header names, a row of text cells built by a caller ([`RawRow`]), and the
//! ingest options ([`IngestOptions`]), and a typed cell ([`CellValue`]).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::fuzzy::words;
use super::{Note, ObservationError, ObservationErrorKind as K, ObservationIssue};

/// The columns of an observation input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    /// The territory (the plan) a row belongs to, when one table holds several plans'
    /// observations (`territory`, `territoire`, `plan_id`, `id_plan`, `territory_id`): the
    /// plan's id (`sundgau-2025-2029`) or its territory's name (`Sundgau`, matched
    /// case-, accent- and punctuation-insensitively). Required when several plans are read
    /// at once ([`read_rows_territories`]); with one plan, a row naming another territory
    /// is an error.
    Territory,
    /// The indicator id (`indicator`, `indicateur`, `id_indicateur`, `indicator_id`); required.
    Indicator,
    /// The date of the observation (`date`, `date_observation`); required.
    Date,
    /// The value (`value`, `valeur`); required (a cell may be empty for distinct counts).
    Value,
    /// The participant, for distinct counts (`participant`, `participant_id`, `personne`,
    /// `bénéficiaire`).
    Participant,
    /// The denominator, for ratios (`denominator`, `dénominateur`).
    Denominator,
    /// A dimension (`commune`).
    Commune,
    /// A free comment (`comment`, `commentaire`).
    Comment,
}

impl Column {
    /// Every column, in canonical order.
    pub const ALL: [Column; 8] = [
        Column::Territory,
        Column::Indicator,
        Column::Date,
        Column::Value,
        Column::Participant,
        Column::Denominator,
        Column::Commune,
        Column::Comment,
    ];

    /// The canonical (English) name.
    pub fn name(self) -> &'static str {
        match self {
            Column::Territory => "territory",
            Column::Indicator => "indicator",
            Column::Date => "date",
            Column::Value => "value",
            Column::Participant => "participant",
            Column::Denominator => "denominator",
            Column::Commune => "commune",
            Column::Comment => "comment",
        }
    }

    /// The header names accepted for this column (matched case-, accent- and
    /// punctuation-insensitively: `Bénéficiaire`, `ID Indicateur`, `date-observation`).
    pub fn accepted_names(self) -> &'static [&'static str] {
        match self {
            Column::Territory => &[
                "territory",
                "territoire",
                "plan_id",
                "id_plan",
                "territory_id",
            ],
            Column::Indicator => &["indicator", "indicateur", "id_indicateur", "indicator_id"],
            Column::Date => &["date", "date_observation", "date d'observation"],
            Column::Value => &["value", "valeur"],
            Column::Participant => &["participant", "participant_id", "personne", "bénéficiaire"],
            Column::Denominator => &["denominator", "dénominateur"],
            Column::Commune => &["commune"],
            Column::Comment => &["comment", "commentaire"],
        }
    }

    /// The column a header names, if any.
    ///
    /// ```
    /// use ctg_core::io::Column;
    /// assert_eq!(Column::from_header(" Dénominateur "), Some(Column::Denominator));
    /// assert_eq!(Column::from_header("ID indicateur"), Some(Column::Indicator));
    /// assert_eq!(Column::from_header("responsable"), None);
    /// ```
    pub fn from_header(header: &str) -> Option<Column> {
        let key = words(header, '_');
        if key.is_empty() {
            return None;
        }
        Column::ALL.into_iter().find(|c| {
            c.accepted_names()
                .iter()
                .any(|name| words(name, '_') == key)
        })
    }

    /// Whether the header must have this column (`indicator`, `date`, `value`).
    pub fn is_required(self) -> bool {
        matches!(self, Column::Indicator | Column::Date | Column::Value)
    }
}

/// One row of observation input, as text cells, before validation.
///
/// This is what the bindings build from a Python list of dicts or a JS array; CSV and JSON
/// rows go through it too. An empty or whitespace-only cell counts as absent.
///
/// Its `Debug` output never shows the participant.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct RawRow {
    /// The row number reported in messages (1-based).
    pub row: usize,
    /// The territory (plan id or territory name), when one table holds several plans.
    pub territory: Option<String>,
    /// The indicator id.
    pub indicator: Option<String>,
    /// The date.
    pub date: Option<String>,
    /// The value.
    pub value: Option<String>,
    /// The participant id (distinct counts).
    pub participant: Option<String>,
    /// The denominator (ratios).
    pub denominator: Option<String>,
    /// The commune.
    pub commune: Option<String>,
    /// A free comment.
    pub comment: Option<String>,
    /// The header (or key) of each column as written in the source, for messages; a column
    /// not in this map is named by its canonical name ([`Column::name`]).
    pub headers: BTreeMap<Column, String>,
}

impl RawRow {
    /// An empty row with this number.
    pub fn new(row: usize) -> Self {
        RawRow {
            row,
            ..Default::default()
        }
    }

    /// The same row with a cell set.
    ///
    /// ```
    /// use ctg_core::io::{Column, RawRow};
    /// let row = RawRow::new(1).with(Column::Indicator, "f1.1").with(Column::Value, "12");
    /// assert_eq!(row.cell(Column::Value), Some("12"));
    /// assert_eq!(row.header(Column::Value), "value");
    /// ```
    pub fn with(mut self, column: Column, value: impl Into<String>) -> Self {
        *self.cell_mut(column) = Some(value.into());
        self
    }

    /// The same row, naming a column's header as the source writes it (`Valeur`).
    pub fn with_header(mut self, column: Column, header: impl Into<String>) -> Self {
        self.headers.insert(column, header.into());
        self
    }

    /// A cell's text, if given.
    pub fn cell(&self, column: Column) -> Option<&str> {
        match column {
            Column::Territory => self.territory.as_deref(),
            Column::Indicator => self.indicator.as_deref(),
            Column::Date => self.date.as_deref(),
            Column::Value => self.value.as_deref(),
            Column::Participant => self.participant.as_deref(),
            Column::Denominator => self.denominator.as_deref(),
            Column::Commune => self.commune.as_deref(),
            Column::Comment => self.comment.as_deref(),
        }
    }

    /// A cell, to set it.
    pub fn cell_mut(&mut self, column: Column) -> &mut Option<String> {
        match column {
            Column::Territory => &mut self.territory,
            Column::Indicator => &mut self.indicator,
            Column::Date => &mut self.date,
            Column::Value => &mut self.value,
            Column::Participant => &mut self.participant,
            Column::Denominator => &mut self.denominator,
            Column::Commune => &mut self.commune,
            Column::Comment => &mut self.comment,
        }
    }

    /// A column's header as written in the source, else its canonical name.
    pub fn header(&self, column: Column) -> &str {
        self.headers
            .get(&column)
            .map(String::as_str)
            .unwrap_or(column.name())
    }
}

impl std::fmt::Debug for RawRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RawRow")
            .field("row", &self.row)
            .field("territory", &self.territory)
            .field("indicator", &self.indicator)
            .field("date", &self.date)
            .field("value", &self.value)
            .field(
                "participant",
                &self.participant.as_ref().map(|_| "<redacted>"),
            )
            .field("denominator", &self.denominator)
            .field("commune", &self.commune)
            .field("comment", &self.comment)
            .field("headers", &self.headers)
            .finish()
    }
}

/// How to ingest observations.
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// Lenient mode: drop the bad rows and report their problems in
    /// [`Observations::skipped`] instead of failing. Problems of the whole input (a missing
    /// required column, broken CSV, not JSON) still fail. Strict (`false`) is the default.
    pub lenient: bool,
    /// A workbook's sheet to read, by name (matched as its tab writes it, then case- and
    /// space-insensitively); default: the first sheet with an observation header in its
    /// first rows. Text inputs (CSV, JSON) ignore it.
    pub sheet: Option<String>,
    /// What the reader accepts ([`Limits`](crate::Limits): input bytes, rows, columns, id
    /// length, problems kept, echo length); default: [`Limits::default`](crate::Limits).
    pub limits: crate::Limits,
}

/// A cell as a columnar source holds it.
///
/// Text cells go through the same rules as CSV cells; typed numbers (in the value and
/// denominator columns) and dates (in the date column) skip parsing but keep every check
/// (sign, finiteness, type by measure). A number read where text is expected (an id, a
/// participant) reads as its shortest text (`12`, `12.5`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CellValue<'a> {
    /// No value (null, NaN, an empty string).
    Empty,
    /// Text.
    Text(&'a str),
    /// A floating-point number (NaN is [`CellValue::Empty`]).
    Number(f64),
    /// An integer.
    Int(i64),
    /// A date.
    Date(NaiveDate),
    /// A boolean (`true`/`false`, as a milestone flag).
    Bool(bool),
}

/// The columns of a header — a CSV header line, or the column names of a DataFrame or an
/// Arrow table — by one set of rules: names matched by [`Column::from_header`], unknown
/// ones ignored with a [`Note::IgnoredColumnAt`] (by position, never by name), two names for one column a
/// `duplicate_column` error, a required column missing a `missing_column` error (the
/// territory column too when several plans are read at once).
///
/// ```
/// use ctg_core::io::{Column, Header};
/// let (h, notes) = Header::of_names(["Indicateur", "Date", "Valeur", "responsable"], None).unwrap();
/// assert_eq!(h.columns, [(Column::Indicator, 0), (Column::Date, 1), (Column::Value, 2)]);
/// assert_eq!(h.names[&Column::Value], "Valeur");
/// assert_eq!(notes.len(), 1);
/// // Several plans: the territory column is required.
/// let err = Header::of_names(["indicator", "date", "value"], Some(2)).unwrap_err();
/// assert_eq!(err.issues[0].code().as_str(), "missing_column");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// Where each known column is (its position among the names).
    pub columns: Vec<(Column, usize)>,
    /// Each known column's header as written (trimmed).
    pub names: BTreeMap<Column, String>,
    /// The positions without a name.
    pub unnamed: Vec<usize>,
    /// The number of names.
    pub width: usize,
}

impl Header {
    /// The header of a table whose columns have these names (a DataFrame, an Arrow table),
    /// read against one plan (`plans: None`) or several at once (`Some(n)`, the
    /// `*_territories` readers); problems are reported at row 1, as for a CSV header
    /// line; no name at all is `empty_input`, as a CSV input without header. Returns the
    /// header and its notes (ignored columns).
    pub fn of_names<'c>(
        names: impl IntoIterator<Item = &'c str>,
        plans: Option<usize>,
    ) -> Result<(Header, Vec<Note>), ObservationError> {
        let names: Vec<&str> = names.into_iter().collect();
        if names.is_empty() {
            // As for a CSV input with no header line.
            return Err(ObservationError {
                issues: vec![ObservationIssue::new(K::EmptyInput, None)],
            });
        }
        let mut notes = Vec::new();
        let needs_territory = plans.is_some_and(|n| n != 1);
        let header = Header::parse(names.into_iter(), 1, needs_territory, &mut notes)?;
        Ok((header, notes))
    }

    /// Refuse a header of more than `max_columns` columns (`limit_exceeded`).
    pub(crate) fn check_width(&self, opts: &IngestOptions) -> Result<(), ObservationError> {
        let width = u64::try_from(self.width).unwrap_or(u64::MAX);
        opts.limits
            .check(crate::limits::Limit::MaxColumns, width)
            .map_err(super::over_limit)
    }

    /// The `duplicate_column` problems of a table's column names alone (two `valeur`
    /// columns, or `valeur` and `value`), by [`Header::of_names`]'s rules, at row 1: for a
    /// binding that must turn a table into records (a pandas frame without pyarrow), where
    /// a repeated name would silently keep one column. Missing columns are left to the
    /// reader.
    ///
    /// ```
    /// use ctg_core::io::Header;
    /// assert!(Header::check_duplicates(["indicateur", "date", "valeur"]).is_ok());
    /// let err = Header::check_duplicates(["indicateur", "date", "valeur", "valeur"]).unwrap_err();
    /// assert_eq!(err.issues[0].code().as_str(), "duplicate_column");
    /// assert_eq!(err.issues[0].row, Some(1));
    /// ```
    pub fn check_duplicates<'c>(
        names: impl IntoIterator<Item = &'c str>,
    ) -> Result<(), ObservationError> {
        let names: Vec<&str> = names.into_iter().collect();
        let mut notes = Vec::new();
        match Header::parse(names.into_iter(), 1, false, &mut notes) {
            Ok(_) => Ok(()),
            Err(e) => {
                let issues: Vec<ObservationIssue> = e
                    .issues
                    .into_iter()
                    .filter(|i| matches!(i.kind, K::DuplicateColumn { .. }))
                    .collect();
                if issues.is_empty() {
                    Ok(())
                } else {
                    Err(ObservationError { issues })
                }
            }
        }
    }

    /// [`Header::of_names`] for a reader: the header found at `row`, the territory column
    /// required or not, notes added to `notes`.
    pub(crate) fn parse<'c>(
        cells: impl ExactSizeIterator<Item = &'c str>,
        row: usize,
        needs_territory: bool,
        notes: &mut Vec<Note>,
    ) -> Result<Header, ObservationError> {
        let mut header = Header {
            columns: Vec::new(),
            names: BTreeMap::new(),
            unnamed: Vec::new(),
            width: cells.len(),
        };
        let mut issues = Vec::new();
        for (i, cell) in cells.enumerate() {
            let name = cell.trim();
            if name.is_empty() {
                header.unnamed.push(i);
                continue;
            }
            match Column::from_header(name) {
                // Named by position: a header may be a participant id.
                None => notes.push(Note::IgnoredColumnAt {
                    position: i + 1,
                    letters: None,
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

/// The `missing_column` issues of a header. The value column may be left out of a header
/// that has a participant column (a distinct-count sheet, `indicateur;date;participant`):
/// each row then counts its participant as present, and a row of another measure is a
/// `missing_cell` error at its value.
pub(crate) fn missing_columns(
    has: impl Fn(Column) -> bool,
    needs_territory: bool,
) -> Vec<ObservationIssue> {
    let optional_value = has(Column::Participant);
    Column::ALL
        .into_iter()
        .filter(|c| !(optional_value && *c == Column::Value))
        .filter(|c| (c.is_required() || (needs_territory && *c == Column::Territory)) && !has(*c))
        .map(|column| ObservationIssue {
            kind: K::MissingColumn { column },
            row: None,
            column: Some(column.name().to_string()),
            sheet: None,
        })
        .collect()
}
