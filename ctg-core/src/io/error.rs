//! Observation ingest errors and diagnostics: typed kinds ([`ObservationErrorKind`])
//! rendered in French or English on demand.

use serde::Serialize;

use super::CellText;
use crate::problem::{render_list, Problem, ProblemKind, Segment};
use crate::Lang;

/// Stable snake_case codes of observation problems (in the spirit of Frictionless).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ObservationErrorCode {
    /// The input is not readable text (bad UTF-8), or not CSV/JSON at all.
    EncodingError,
    /// The CSV or JSON structure is broken (unbalanced quotes, not an array of objects…).
    FormatError,
    /// A required column (`indicator`, `date`, `value`) is absent from the header.
    MissingColumn,
    /// A column appears twice in the header (after French/English aliasing).
    DuplicateColumn,
    /// A required cell is empty.
    MissingCell,
    /// The indicator id is not in the plan.
    UnknownIndicator,
    /// The territory names no plan given (or several), or, with one plan, another plan.
    UnknownTerritory,
    /// A cell cannot be read as the type it must have (date, number, done flag, assessment).
    TypeError,
    /// A value breaks a constraint: negative count or stock, NaN or infinity, a
    /// distinct-count row without participant, a ratio row without denominator or with a
    /// negative one.
    ConstraintError,
    /// The sheet asked for is not in the workbook.
    UnknownSheet,
    /// The input is over one of the [`Limits`](crate::Limits) (its size, rows, columns, an
    /// id's length), or the problems kept reached `max_issues` (the last one counts the
    /// rest).
    LimitExceeded,
    /// A key is written twice in the JSON object around the observations (`fictional`,
    /// `observations`…): JSON readers keep the last one silently.
    DuplicateKey,
    /// A date outside the years 1900 to 2200 (`01/01/0000`, a typo `31/12/20026`).
    DateOutOfRange,
}

impl ObservationErrorCode {
    /// The stable snake_case code.
    pub fn as_str(self) -> &'static str {
        match self {
            ObservationErrorCode::EncodingError => "encoding_error",
            ObservationErrorCode::FormatError => "format_error",
            ObservationErrorCode::MissingColumn => "missing_column",
            ObservationErrorCode::DuplicateColumn => "duplicate_column",
            ObservationErrorCode::MissingCell => "missing_cell",
            ObservationErrorCode::UnknownIndicator => "unknown_indicator",
            ObservationErrorCode::UnknownTerritory => "unknown_territory",
            ObservationErrorCode::TypeError => "type_error",
            ObservationErrorCode::ConstraintError => "constraint_error",
            ObservationErrorCode::UnknownSheet => "unknown_sheet",
            ObservationErrorCode::LimitExceeded => "limit_exceeded",
            ObservationErrorCode::DuplicateKey => "duplicate_key",
            ObservationErrorCode::DateOutOfRange => "date_out_of_range",
        }
    }
}

impl std::fmt::Display for ObservationErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The kind of a value that is not what it should be (a JSON value, a Python or
/// JavaScript value given as a cell or a row), as messages name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueKind {
    /// `null`.
    Null,
    /// JavaScript's `undefined`.
    Undefined,
    /// A boolean.
    Boolean,
    /// A number.
    Number,
    /// A string.
    String,
    /// An array (a list).
    Array,
    /// An object (a map).
    Object,
    /// A function.
    Function,
    /// A JavaScript symbol.
    Symbol,
    /// A JavaScript bigint.
    BigInt,
    /// An object whose keys cannot be read (a revoked proxy).
    UnreadableObject,
    /// A property that cannot be read (a getter that throws).
    UnreadableProperty,
}

impl ValueKind {
    /// The kind of a JSON value.
    pub fn of_json(v: &serde_json::Value) -> Self {
        use serde_json::Value as J;
        match v {
            J::Null => ValueKind::Null,
            J::Bool(_) => ValueKind::Boolean,
            J::Number(_) => ValueKind::Number,
            J::String(_) => ValueKind::String,
            J::Array(_) => ValueKind::Array,
            J::Object(_) => ValueKind::Object,
        }
    }

    /// The kind with its article (« un tableau », `an array`).
    pub fn render(self, lang: Lang) -> &'static str {
        use ValueKind as V;
        match (self, lang) {
            (V::Null, _) => "null",
            (V::Undefined, _) => "undefined",
            (V::Boolean, Lang::Fr) => "un booléen",
            (V::Boolean, Lang::En) => "a boolean",
            (V::Number, Lang::Fr) => "un nombre",
            (V::Number, Lang::En) => "a number",
            (V::String, Lang::Fr) => "une chaîne",
            (V::String, Lang::En) => "a string",
            (V::Array, Lang::Fr) => "un tableau",
            (V::Array, Lang::En) => "an array",
            (V::Object, Lang::Fr) => "un objet",
            (V::Object, Lang::En) => "an object",
            (V::Function, Lang::Fr) => "une fonction",
            (V::Function, Lang::En) => "a function",
            (V::Symbol, Lang::Fr) => "un symbole",
            (V::Symbol, Lang::En) => "a symbol",
            (V::BigInt, Lang::Fr) => "un bigint",
            (V::BigInt, Lang::En) => "a bigint",
            (V::UnreadableObject, Lang::Fr) => "un objet illisible",
            (V::UnreadableObject, Lang::En) => "an unreadable object",
            (V::UnreadableProperty, Lang::Fr) => "une propriété illisible",
            (V::UnreadableProperty, Lang::En) => "an unreadable property",
        }
    }
}

/// A did-you-mean for an unknown id or territory, among the known ones.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Suggestion {
    /// The same id but for case and accents.
    Exact(String),
    /// The closest ids (edit distance ≤ 2), at most three.
    Close(Vec<String>),
    /// Nothing is known.
    NoneKnown,
    /// A few of the known ids, and how many there are.
    Known {
        /// The first five.
        shown: Vec<String>,
        /// How many in all.
        total: usize,
    },
}

impl Suggestion {
    /// Whether the unknown text was matched to known ids (but for case and accents, or
    /// within two edits): then it is a misspelt id, shown in messages ([`CellText::of_id`]).
    pub fn is_close(&self) -> bool {
        matches!(self, Suggestion::Exact(_) | Suggestion::Close(_))
    }

    /// The hint, in the given language (« vouliez-vous dire `f1.1` ? »).
    pub fn render(&self, lang: Lang) -> String {
        let quoted =
            |items: &[String]| -> Vec<String> { items.iter().map(|i| format!("`{i}`")).collect() };
        match self {
            Suggestion::Exact(id) => match lang {
                Lang::Fr => format!("vouliez-vous dire `{id}` ?"),
                Lang::En => format!("did you mean `{id}`?"),
            },
            Suggestion::Close(ids) => {
                let q = quoted(ids);
                let or = lang.pick("ou", "or");
                let list = match q.split_last() {
                    Some((last, rest)) if !rest.is_empty() => {
                        format!("{} {or} {last}", rest.join(", "))
                    }
                    Some((last, _)) => last.clone(),
                    None => String::new(),
                };
                match lang {
                    Lang::Fr => format!("vouliez-vous dire {list} ?"),
                    Lang::En => format!("did you mean {list}?"),
                }
            }
            Suggestion::NoneKnown => lang
                .pick("le plan n'a aucun indicateur", "the plan has no indicators")
                .to_string(),
            Suggestion::Known { shown, total } => {
                let list = quoted(shown).join(", ");
                let more = if *total > shown.len() { ", …" } else { "" };
                match lang {
                    Lang::Fr => format!("identifiants valides : {list}{more} ({total} au total)"),
                    Lang::En => format!("valid ids include {list}{more} ({total} in all)"),
                }
            }
        }
    }
}

/// What must not be negative, in a [`ObservationErrorKind::Negative`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Amount {
    /// A count.
    Count,
    /// A stock.
    Stock,
    /// A ratio's numerator.
    RatioNumerator,
    /// A distinct count.
    DistinctCount,
    /// A ratio's denominator.
    RatioDenominator,
}

impl Amount {
    fn render(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Amount::Count, Lang::Fr) => "un nombre",
            (Amount::Count, Lang::En) => "a count",
            (Amount::Stock, Lang::Fr) => "un stock",
            (Amount::Stock, Lang::En) => "a stock",
            (Amount::RatioNumerator, Lang::Fr) => "le numérateur d'un taux",
            (Amount::RatioNumerator, Lang::En) => "a ratio's numerator",
            (Amount::DistinctCount, Lang::Fr) => "un nombre de personnes distinctes",
            (Amount::DistinctCount, Lang::En) => "a distinct count",
            (Amount::RatioDenominator, Lang::Fr) => "le dénominateur d'un taux",
            (Amount::RatioDenominator, Lang::En) => "a ratio's denominator",
        }
    }
}

/// Why a number cell does not read, in a [`ObservationErrorKind::NotANumber`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NumberProblem {
    /// A percentage (`45 %`) where a count is expected.
    Percent,
    /// Several decimal separators (`1.234,5`).
    Separators,
    /// Thousands grouped wrongly (`1 23 456`).
    Grouping,
    /// Not a number at all.
    NotANumber,
}

/// What an empty required cell should hold, for the hint of an
/// [`ObservationErrorKind::EmptyCell`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Expected {
    /// A territory (plan id or territory name).
    Territory,
    /// An indicator id.
    Indicator,
    /// A date.
    Date,
    /// A milestone's done flag.
    Flag,
    /// A qualitative assessment.
    Assessment,
    /// A number.
    Number,
}

/// What a key of a JSON object must be, in an [`ObservationErrorKind::JsonKeyType`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyType {
    /// `observations`: an array of objects.
    Observations,
    /// `notes`: an array of strings.
    Notes,
    /// `fictional`: true or false.
    Flag,
}

/// What of the observations given to a binding cannot be read, in an
/// [`ObservationErrorKind::Unreadable`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unreadable {
    /// The bytes of a buffer.
    Bytes,
    /// An array of objects.
    Array,
}

const HINT_HEADER: (&str, &str) = (
    "la première ligne qui n'est pas un commentaire `#` doit être l'en-tête, par exemple `indicateur;date;valeur`",
    "the first line that is not a `#` comment must be the header, e.g. `indicateur;date;valeur`",
);
const HINT_SHAPE: (&str, &str) = (
    "écrivez un tableau d'objets observation, `[{\"indicateur\": \"f1.1\", \"date\": \"2026-03-31\", \"valeur\": 12}]`, ou un objet `{\"observations\": [...]}`",
    "write an array of observation objects, `[{\"indicator\": \"f1.1\", \"date\": \"2026-03-31\", \"value\": 12}]`, or an object `{\"observations\": [...]}`",
);
const HINT_DATE: (&str, &str) = (
    "écrivez les dates au format jj/mm/aaaa (31/03/2026) ou aaaa-mm-jj (2026-03-31), le jour avant le mois",
    "write dates as dd/mm/yyyy (31/03/2026) or yyyy-mm-dd (2026-03-31), day before month",
);
const HINT_FLAG: (&str, &str) = (
    "écrivez 1, oui ou fait quand le jalon est réalisé ; 0 ou non sinon",
    "write 1, oui or fait when the milestone is done; 0 or non when it is not",
);
const HINT_ASSESSMENT: (&str, &str) = (
    "écrivez `atteint`, `partiellement atteint` ou `non atteint` ; mettez la justification dans la colonne des commentaires",
    "write `atteint`, `partiellement atteint` or `non atteint` (or achieved, partly achieved, not achieved); put the reasoning in the comment column",
);

/// Every kind of observation problem, with its context: one
/// [`ObservationErrorKind::code`], and its message and hint rendered in either language on
/// demand. Cell values are kept as shown in messages ([`CellText`]: on one line, cut after
/// 40 characters, and masked — « `S…3` (13 caractères) » — when they could be a
/// participant id, as in a shifted row); a participant's is never kept.
///
/// ```
/// use ctg_core::io::{Expected, ObservationErrorKind};
/// use ctg_core::Lang;
/// let kind = ObservationErrorKind::EmptyCell { header: "valeur".into(), expected: Expected::Number };
/// assert_eq!(kind.code().as_str(), "missing_cell");
/// assert_eq!(kind.message(Lang::Fr), "la cellule `valeur` est vide");
/// assert_eq!(kind.hint(Lang::En).as_deref(), Some("give the observed number, e.g. 12 or 12,5"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ObservationErrorKind {
    /// NUL bytes: not text, or UTF-16 without a byte-order mark.
    NulBytes,
    /// A UTF-16 byte-order mark, but not valid UTF-16.
    BrokenUtf16,
    /// UTF-8 text but for a few bytes (a damaged file, a line pasted from another
    /// encoding): not re-decoded as Windows-1252 (see `io::text`'s rule).
    InvalidUtf8 {
        /// The first bad byte.
        byte: u8,
        /// Its line in the file (1-based, counted by line feeds).
        line: usize,
        /// Its character in the line (1-based).
        column: usize,
        /// How many other invalid sequences follow it.
        others: usize,
    },
    /// No header row.
    EmptyInput,
    /// The CSV reader failed (`error` is its English text).
    CsvUnreadable {
        /// The reader's message.
        error: String,
    },
    /// A row with fewer cells than the header, or with data beyond it.
    RaggedRow {
        /// The row.
        row: usize,
        /// Its cells.
        width: usize,
        /// The header's columns.
        columns: usize,
    },
    /// A record (or a line) of a streamed input longer than the limit: not an observation
    /// file, or a quote never closed.
    RecordTooLong {
        /// The row it starts in.
        row: usize,
        /// The limit, in bytes.
        limit: usize,
    },
    /// The reader of a streamed input failed (`error` is its English text).
    ReadFailed {
        /// The reader's message.
        error: String,
    },
    /// A quoted cell never closed.
    UnclosedQuote {
        /// The row it opens in.
        row: usize,
    },
    /// Two header columns read as the same column.
    DuplicateColumn {
        /// The second header.
        header: String,
        /// The first one.
        first: String,
        /// The column both name.
        column: super::Column,
    },
    /// A required column absent from the header.
    MissingColumn {
        /// The column.
        column: super::Column,
    },
    /// Not JSON (`error` is serde_json's English text).
    InvalidJson {
        /// The parser's message.
        error: String,
    },
    /// A key of the JSON object of the wrong type.
    JsonKeyType {
        /// The key as written.
        key: String,
        /// What it must be.
        expected: KeyType,
        /// What it is.
        found: ValueKind,
    },
    /// A JSON object without `observations`.
    NoObservationsArray,
    /// JSON that is neither an array nor an object.
    JsonNotArray {
        /// What it is.
        found: ValueKind,
    },
    /// An item of a JSON array that is not an object.
    NotAnObject {
        /// Its position (1-based).
        row: usize,
        /// What it is.
        found: ValueKind,
    },
    /// An item of an array given to a binding that is not an object (a JavaScript array of
    /// records).
    RecordNotAnObject {
        /// Its position (1-based).
        row: usize,
        /// What it is.
        found: ValueKind,
    },
    /// Two keys of one object read as the same column.
    DuplicateKey {
        /// The second key.
        key: String,
        /// The first one.
        first: String,
        /// The column both name.
        column: super::Column,
    },
    /// A JSON cell that is an array or an object.
    CellNotScalar {
        /// The key.
        key: String,
        /// What it is.
        found: ValueKind,
    },
    /// A cell given to a binding that is not a string, a number, a boolean, a date or null
    /// (a JavaScript object, array, function…).
    RecordCellType {
        /// The key.
        key: String,
        /// What it is.
        found: ValueKind,
    },
    /// Observations given to a binding that cannot be read.
    Unreadable(Unreadable),
    /// Observations given to a binding that are neither text, bytes nor an array of
    /// objects.
    WrongInput {
        /// What they are.
        found: ValueKind,
    },
    /// Observations given to a binding as one column or an array without column names (a
    /// pandas or polars `Series`, a numpy array) where a table is expected.
    NotADataFrame {
        /// What they are, as the host names its type (`pandas.Series`, `numpy.ndarray`).
        found: String,
    },
    /// A required cell that is empty.
    EmptyCell {
        /// The column's header.
        header: String,
        /// What it should hold (for the hint).
        expected: Expected,
    },
    /// A territory that names several of the plans given.
    SeveralTerritories {
        /// The cell, as shown: masked when it could be a participant id.
        value: CellText,
        /// The column's header.
        header: String,
    },
    /// A territory that is not the one plan's.
    OtherTerritory {
        /// The cell, as shown: masked when it could be a participant id.
        value: CellText,
        /// The column's header.
        header: String,
        /// The plan's id.
        plan: String,
        /// The plan's territory.
        territory: String,
    },
    /// A territory that names none of the plans given.
    UnknownTerritory {
        /// The cell, as shown: masked when it could be a participant id.
        value: CellText,
        /// The column's header.
        header: String,
        /// The did-you-mean.
        suggestion: Suggestion,
    },
    /// An indicator id that is not in the plan.
    UnknownIndicator {
        /// The cell, as shown: masked when it could be a participant id.
        value: CellText,
        /// The column's header.
        header: String,
        /// The did-you-mean.
        suggestion: Suggestion,
    },
    /// A date cell that is not a date.
    NotADate {
        /// The cell, as shown: masked when it could be a participant id.
        value: CellText,
        /// The column's header.
        header: String,
    },
    /// A date that does not exist (`31/02/2026`).
    NoSuchDay {
        /// The cell, as shown: masked when it could be a participant id.
        value: CellText,
        /// The column's header.
        header: String,
    },
    /// A negative number where it cannot be.
    Negative {
        /// The cell, as shown: masked when it could be a participant id.
        value: CellText,
        /// The column's header.
        header: String,
        /// Whether it is the denominator (else the value).
        denominator: bool,
        /// What it is.
        amount: Amount,
    },
    /// NaN or infinity.
    NotFinite {
        /// The cell, as shown: masked when it could be a participant id.
        value: CellText,
        /// The column's header.
        header: String,
        /// Whether it is the denominator (else the value).
        denominator: bool,
    },
    /// A number cell that does not read.
    NotANumber {
        /// The cell, as shown: masked when it could be a participant id.
        value: CellText,
        /// The column's header.
        header: String,
        /// Whether it is the denominator (else the value).
        denominator: bool,
        /// Why.
        problem: NumberProblem,
    },
    /// A milestone's cell that does not say whether it is done.
    NotAFlag {
        /// The cell, as shown: masked when it could be a participant id.
        value: CellText,
        /// The column's header.
        header: String,
        /// The milestone's indicator id.
        indicator: String,
    },
    /// A qualitative indicator's cell that is not an assessment.
    NotAnAssessment {
        /// The cell, as shown: masked when it could be a participant id.
        value: CellText,
        /// The column's header.
        header: String,
    },
    /// A distinct-count row without participant (the message never shows one).
    MissingParticipant {
        /// The indicator id.
        indicator: String,
        /// The participant column's header.
        header: String,
    },
    /// A ratio row without denominator.
    MissingDenominator {
        /// The indicator id.
        indicator: String,
        /// The denominator column's header.
        header: String,
        /// The value column's header.
        value_header: String,
    },
    /// A row that could not be read (should not happen: a missing piece always comes with
    /// its own problem).
    RowUnreadable,
    /// Bytes given as a workbook that are not one (`found`: what they look like).
    NotAWorkbook {
        /// What the bytes are.
        found: NotWorkbook,
    },
    /// The workbook is protected by a password (encrypted): it cannot be read.
    EncryptedWorkbook,
    /// The workbook's structure is broken (a truncated or damaged file).
    WorkbookUnreadable,
    /// The workbook is larger than the reader accepts (bytes, once uncompressed).
    WorkbookTooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// A sheet that expands to more cells than the reader accepts (an .ods's repeated rows
    /// and cells).
    SheetTooLarge {
        /// The limit, in cells.
        cells: u64,
    },
    /// A workbook, but this build of ctg reads no spreadsheets (the main web module).
    SpreadsheetUnsupported,
    /// The sheet asked for is not in the workbook.
    UnknownSheet {
        /// The sheet asked for.
        sheet: String,
        /// The workbook's sheets.
        sheets: Vec<String>,
    },
    /// No sheet of the workbook has an observation header in its first rows.
    NoHeaderSheet {
        /// The sheets looked at.
        sheets: Vec<String>,
        /// How many rows of each were looked at.
        rows: usize,
    },
    /// A spreadsheet cell holding an error value (`#N/A`, `#DIV/0!`…), often a formula
    /// that failed.
    CellError {
        /// The error as the spreadsheet shows it.
        error: String,
        /// The column's header.
        header: String,
    },
    /// A date cell where a number is expected (the value or the denominator column).
    DateInNumberColumn {
        /// The date, as `dd/mm/yyyy`.
        date: String,
        /// The column's header.
        header: String,
    },
    /// The input is over one of the [`Limits`](crate::Limits), or (`max_issues`, last
    /// problem of a list) the problems past the limit, counted.
    LimitExceeded(crate::limits::LimitExceeded),
    /// A key written twice in the JSON object that holds the observations
    /// (`{"fictional": false, "fictional": true, …}`): refused, not the last one kept. (Two
    /// keys of one observation naming the same column are [`Self::DuplicateKey`].)
    JsonDuplicateKey {
        /// The key, as shown: one of the object's own keys (`observations`, `fictional`,
        /// `notes`) as written, any other masked ([`CellText`]).
        key: CellText,
        /// Its position among the object's keys, from 1.
        position: usize,
    },
    /// A date outside the years [`crate::io::MIN_DATE`] to [`crate::io::MAX_DATE`]
    /// (1900–2200, the years a plan and its targets may name): `01/01/0000`, a typo.
    DateOutOfRange {
        /// The cell, as shown (a date cell as `dd/mm/yyyy`; masked if it could be an id).
        value: CellText,
        /// The column's header.
        header: String,
    },
    /// A distinct-count row whose value is `0`: a row counts its participant as present,
    /// so a `0` (absent) would still count them. Refused (strict mode) or dropped into
    /// [`super::Observations::skipped`] (lenient mode), never counted. An empty value or a
    /// positive number count the participant once.
    DistinctZero {
        /// The indicator id.
        indicator: String,
        /// The value column's header.
        header: String,
    },
}

/// A column's accepted header names as hints list them: `` `date`, `date_observation` ``.
fn accepted_list(column: super::Column) -> String {
    let names: Vec<String> = column
        .accepted_names()
        .iter()
        .map(|n| format!("`{n}`"))
        .collect();
    names.join(", ")
}

/// Sheet names as messages list them: « A », « B » (the first 10, then `…`).
fn sheet_list(sheets: &[String]) -> String {
    let mut shown: Vec<String> = sheets.iter().take(10).map(|s| format!("« {s} »")).collect();
    if sheets.len() > 10 {
        shown.push("…".to_string());
    }
    if shown.is_empty() {
        "—".to_string()
    } else {
        shown.join(", ")
    }
}

/// What bytes given as a workbook turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NotWorkbook {
    /// A Word document (.docx).
    WordDocument,
    /// A zip archive that holds no workbook.
    OtherZip,
    /// Anything else.
    Unknown,
}

impl ObservationErrorKind {
    /// The stable code.
    pub fn code(&self) -> ObservationErrorCode {
        use ObservationErrorCode as C;
        use ObservationErrorKind as K;
        match self {
            K::NulBytes | K::BrokenUtf16 | K::InvalidUtf8 { .. } | K::ReadFailed { .. } => {
                C::EncodingError
            }
            K::EmptyInput
            | K::RecordTooLong { .. }
            | K::CsvUnreadable { .. }
            | K::RaggedRow { .. }
            | K::UnclosedQuote { .. }
            | K::InvalidJson { .. }
            | K::JsonKeyType { .. }
            | K::NoObservationsArray
            | K::JsonNotArray { .. }
            | K::NotAnObject { .. }
            | K::RecordNotAnObject { .. }
            | K::CellNotScalar { .. }
            | K::RecordCellType { .. }
            | K::Unreadable(_)
            | K::WrongInput { .. }
            | K::NotADataFrame { .. }
            | K::RowUnreadable
            | K::NotAWorkbook { .. }
            | K::EncryptedWorkbook
            | K::WorkbookUnreadable
            | K::WorkbookTooLarge { .. }
            | K::SheetTooLarge { .. }
            | K::SpreadsheetUnsupported => C::FormatError,
            K::UnknownSheet { .. } => C::UnknownSheet,
            K::LimitExceeded(_) => C::LimitExceeded,
            K::JsonDuplicateKey { .. } => C::DuplicateKey,
            K::DateOutOfRange { .. } => C::DateOutOfRange,
            K::DistinctZero { .. } => C::ConstraintError,
            K::NoHeaderSheet { .. } => C::MissingColumn,
            K::CellError { .. } | K::DateInNumberColumn { .. } => C::TypeError,
            K::DuplicateColumn { .. } | K::DuplicateKey { .. } => C::DuplicateColumn,
            K::MissingColumn { .. } => C::MissingColumn,
            K::EmptyCell { .. } => C::MissingCell,
            K::SeveralTerritories { .. }
            | K::OtherTerritory { .. }
            | K::UnknownTerritory { .. } => C::UnknownTerritory,
            K::UnknownIndicator { .. } => C::UnknownIndicator,
            K::NotADate { .. }
            | K::NoSuchDay { .. }
            | K::NotANumber { .. }
            | K::NotAFlag { .. }
            | K::NotAnAssessment { .. } => C::TypeError,
            K::Negative { .. }
            | K::NotFinite { .. }
            | K::MissingParticipant { .. }
            | K::MissingDenominator { .. } => C::ConstraintError,
        }
    }

    /// What is wrong, in the given language. Never contains a participant id.
    pub fn message(&self, lang: Lang) -> String {
        use ObservationErrorKind as K;
        let fr = lang == Lang::Fr;
        let v = self.cell().map(|c| c.render(lang)).unwrap_or_default();
        let what = |denominator: bool| match (denominator, lang) {
            (true, Lang::Fr) => "le dénominateur",
            (true, Lang::En) => "the denominator",
            (false, Lang::Fr) => "la valeur",
            (false, Lang::En) => "the value",
        };
        match self {
            K::NulBytes => lang.pick(
                "l'entrée contient des octets NUL : ce n'est pas du texte (ou c'est de l'UTF-16 sans marque d'ordre des octets)",
                "the input contains NUL bytes: it is not text (or it is UTF-16 without a byte-order mark)",
            ).to_string(),
            K::BrokenUtf16 => lang.pick(
                "l'entrée commence par une marque d'ordre des octets UTF-16 mais n'est pas de l'UTF-16 valide",
                "the input starts with a UTF-16 byte-order mark but is not valid UTF-16",
            ).to_string(),
            K::InvalidUtf8 { byte, line, column, others } => {
                let more = match (others, fr) {
                    (0, _) => String::new(),
                    (n, true) => format!(" (et {n} autre{} plus loin)", if *n > 1 { "s" } else { "" }),
                    (n, false) => format!(" (and {n} more further on)"),
                };
                if fr {
                    format!("le fichier est en UTF-8 sauf l'octet 0x{byte:02X} ligne {line}, caractère {column}{more} : il n'est pas relu en Windows-1252, ce qui changerait tous ses accents")
                } else {
                    format!("the file is UTF-8 but for the byte 0x{byte:02X} at line {line}, character {column}{more}: it is not re-read as Windows-1252, which would change all its accents")
                }
            }
            K::EmptyInput => lang.pick(
                "l'entrée est vide : il n'y a pas de ligne d'en-tête",
                "the input is empty: there is no header row",
            ).to_string(),
            K::CsvUnreadable { error } => if fr {
                format!("le CSV est illisible : {error}")
            } else {
                format!("the CSV cannot be read: {error}")
            },
            K::RaggedRow { row, width, columns } => if fr {
                format!("la ligne {row} a {width} cellules, mais l'en-tête a {columns} colonnes")
            } else {
                format!("row {row} has {width} cells, but the header has {columns} columns")
            },
            K::RecordTooLong { row, limit } => if fr {
                format!("la ligne {row} dépasse {limit} octets sans fin de ligne : ce n'est pas un fichier d'observations, ou un guillemet n'est jamais fermé")
            } else {
                format!("row {row} runs over {limit} bytes without a line end: this is not an observation file, or a quote is never closed")
            },
            K::ReadFailed { error } => if fr {
                format!("l'entrée n'a pas pu être lue : {error}")
            } else {
                format!("the input could not be read: {error}")
            },
            K::UnclosedQuote { row } => if fr {
                format!("une cellule entre guillemets ouverte à la ligne {row} n'est jamais fermée")
            } else {
                format!("a quoted cell opened in row {row} is never closed")
            },
            K::DuplicateColumn { header, first, column } => if fr {
                format!(
                    "la colonne `{header}` fait double emploi avec la colonne `{first}` : toutes deux sont lues comme `{}`",
                    column.name()
                )
            } else {
                format!(
                    "column `{header}` repeats column `{first}`: both are read as `{}`",
                    column.name()
                )
            },
            K::MissingColumn { column } => if fr {
                format!("la colonne obligatoire `{}` est absente de l'en-tête", column.name())
            } else {
                format!("the required column `{}` is missing from the header", column.name())
            },
            K::InvalidJson { error } => if fr {
                format!("l'entrée n'est pas du JSON valide : {error}")
            } else {
                format!("the input is not valid JSON: {error}")
            },
            K::JsonKeyType { key, expected, found } => {
                let expected = match (expected, lang) {
                    (KeyType::Observations, Lang::Fr) => "un tableau d'objets",
                    (KeyType::Observations, Lang::En) => "an array of objects",
                    (KeyType::Notes, Lang::Fr) => "un tableau de chaînes",
                    (KeyType::Notes, Lang::En) => "an array of strings",
                    (KeyType::Flag, Lang::Fr) => "true ou false",
                    (KeyType::Flag, Lang::En) => "true or false",
                };
                let found = found.render(lang);
                if fr {
                    format!("`{key}` doit être {expected}, pas {found}")
                } else {
                    format!("`{key}` must be {expected}, not {found}")
                }
            }
            K::NoObservationsArray => lang.pick(
                "l'objet JSON n'a pas de tableau `observations`",
                "the JSON object has no `observations` array",
            ).to_string(),
            K::JsonNotArray { found } => if fr {
                format!("le JSON doit être un tableau d'observations ou un objet avec un tableau `observations`, pas {}", found.render(lang))
            } else {
                format!("the JSON must be an array of observations or an object with an `observations` array, not {}", found.render(lang))
            },
            K::NotAnObject { row, found } | K::RecordNotAnObject { row, found } => if fr {
                format!("l'observation {row} est {}, pas un objet", found.render(lang))
            } else {
                format!("observation {row} is {}, not an object", found.render(lang))
            },
            K::DuplicateKey { key, first, column } => if fr {
                format!(
                    "la clé `{key}` fait double emploi avec la clé `{first}` : toutes deux sont lues comme `{}`",
                    column.name()
                )
            } else {
                format!(
                    "key `{key}` repeats key `{first}`: both are read as `{}`",
                    column.name()
                )
            },
            K::CellNotScalar { key, found } => if fr {
                format!("`{key}` doit être une chaîne, un nombre, un booléen ou null, pas {}", found.render(lang))
            } else {
                format!("`{key}` must be a string, a number, a boolean or null, not {}", found.render(lang))
            },
            K::RecordCellType { key, found } => if fr {
                format!("`{key}` doit être une chaîne, un nombre, un booléen, une Date ou null, pas {}", found.render(lang))
            } else {
                format!("`{key}` must be a string, a number, a boolean, a Date or null, not {}", found.render(lang))
            },
            K::Unreadable(what) => match (what, lang) {
                (Unreadable::Bytes, Lang::Fr) => "les octets des observations ne peuvent pas être lus",
                (Unreadable::Bytes, Lang::En) => "the bytes of the observations cannot be read",
                (Unreadable::Array, Lang::Fr) => "le tableau d'observations ne peut pas être lu",
                (Unreadable::Array, Lang::En) => "the array of observations cannot be read",
            }
            .to_string(),
            K::WrongInput { found } => if fr {
                format!("les observations doivent être du texte CSV ou JSON, des octets ou un tableau d'objets, pas {}", found.render(lang))
            } else {
                format!("the observations must be CSV or JSON text, bytes or an array of objects, not {}", found.render(lang))
            },
            K::NotADataFrame { found } => if fr {
                format!("les observations sont un `{found}`, sans noms de colonnes : ctg lit un tableau (un DataFrame) dont l'en-tête nomme les colonnes `indicateur`, `date`, `valeur`…")
            } else {
                format!("the observations are a `{found}`, without column names: ctg reads a table (a DataFrame) whose header names the columns `indicator`, `date`, `value`…")
            },
            K::EmptyCell { header, .. } => if fr {
                format!("la cellule `{header}` est vide")
            } else {
                format!("the `{header}` cell is empty")
            },
            K::SeveralTerritories { value: _, header } => if fr {
                format!("le territoire {v} (colonne `{header}`) désigne plusieurs des plans fournis")
            } else {
                format!("territory {v} (column `{header}`) names several of the plans given")
            },
            K::OtherTerritory { value: _, header, plan, territory } => if fr {
                format!("le territoire {v} (colonne `{header}`) n'est pas celui de ce plan (`{plan}`, {territory})")
            } else {
                format!("territory {v} (column `{header}`) is not this plan's (`{plan}`, {territory})")
            },
            K::UnknownTerritory { value: _, header, .. } => if fr {
                format!("le territoire {v} (colonne `{header}`) ne correspond à aucun des plans fournis")
            } else {
                format!("territory {v} (column `{header}`) is not one of the plans given")
            },
            K::UnknownIndicator { value: _, header, .. } => if fr {
                format!("l'indicateur {v} (colonne `{header}`) n'existe pas dans le plan")
            } else {
                format!("indicator {v} (column `{header}`) is not in the plan")
            },
            K::NotADate { value: _, header } => if fr {
                format!("{v} (colonne `{header}`) n'est pas une date")
            } else {
                format!("{v} in column `{header}` is not a date")
            },
            K::NoSuchDay { value: _, header } => if fr {
                format!("{v} (colonne `{header}`) n'est pas une date valide : ce jour n'existe pas")
            } else {
                format!("{v} in column `{header}` is not a valid date: there is no such day")
            },
            K::Negative { value: _, header, denominator, amount } => {
                let w = what(*denominator);
                if fr {
                    let negative = if *denominator { "négatif" } else { "négative" };
                    format!(
                        "{w} {v} de la colonne `{header}` est {negative}, or {} ne peut pas être négatif",
                        amount.render(lang)
                    )
                } else {
                    format!(
                        "{w} {v} in column `{header}` is negative, but {} cannot be negative",
                        amount.render(lang)
                    )
                }
            }
            K::NotFinite { value: _, header, denominator } => {
                let w = what(*denominator);
                if fr {
                    format!("{w} {v} de la colonne `{header}` n'est pas un nombre fini")
                } else {
                    format!("{w} {v} in column `{header}` is not a finite number")
                }
            }
            K::NotANumber { value: _, header, denominator, .. } => {
                let w = what(*denominator);
                if fr {
                    format!("{w} {v} de la colonne `{header}` n'est pas un nombre")
                } else {
                    format!("{w} {v} in column `{header}` is not a number")
                }
            }
            K::NotAFlag { value: _, header, indicator } => if fr {
                format!("{v} (colonne `{header}`) n'indique pas si le jalon `{indicator}` est réalisé")
            } else {
                format!("{v} in column `{header}` does not say whether milestone `{indicator}` is done")
            },
            K::NotAnAssessment { value: _, header } => if fr {
                format!("{v} (colonne `{header}`) n'est pas une appréciation")
            } else {
                format!("{v} in column `{header}` is not an assessment")
            },
            K::MissingParticipant { indicator, header } => if fr {
                format!("l'indicateur `{indicator}` compte des personnes distinctes, mais la cellule `{header}` est vide")
            } else {
                format!("indicator `{indicator}` counts distinct participants, but the `{header}` cell is empty")
            },
            K::MissingDenominator { indicator, header, .. } => if fr {
                format!("l'indicateur `{indicator}` est un taux, mais la cellule `{header}` est vide")
            } else {
                format!("indicator `{indicator}` is a ratio, but the `{header}` cell is empty")
            },
            K::RowUnreadable => lang
                .pick("la ligne n'a pas pu être lue", "the row could not be read")
                .to_string(),
            K::NotAWorkbook { found } => match found {
                NotWorkbook::WordDocument => lang.pick(
                    "le fichier est un document Word (.docx), pas un classeur",
                    "the file is a Word document (.docx), not a workbook",
                ),
                NotWorkbook::OtherZip => lang.pick(
                    "le fichier est une archive zip qui ne contient pas de classeur (.xlsx, .xlsm, .ods)",
                    "the file is a zip archive that holds no workbook (.xlsx, .xlsm, .ods)",
                ),
                NotWorkbook::Unknown => lang.pick(
                    "le fichier n'est pas un classeur lisible (.xlsx, .xlsm, .xls, .ods)",
                    "the file is not a readable workbook (.xlsx, .xlsm, .xls, .ods)",
                ),
            }
            .to_string(),
            K::EncryptedWorkbook => lang
                .pick(
                    "le classeur est protégé par un mot de passe : il ne peut pas être lu",
                    "the workbook is protected by a password: it cannot be read",
                )
                .to_string(),
            K::WorkbookUnreadable => lang
                .pick(
                    "le classeur est endommagé ou incomplet : il ne peut pas être lu",
                    "the workbook is damaged or incomplete: it cannot be read",
                )
                .to_string(),
            K::WorkbookTooLarge { limit } => if fr {
                format!("le classeur dépasse {} Mio une fois décompressé", limit / (1 << 20))
            } else {
                format!("the workbook is over {} MiB once uncompressed", limit / (1 << 20))
            },
            K::SheetTooLarge { cells } => if fr {
                format!("une feuille du classeur dépasse {} cellules (lignes et cellules répétées comprises)", crate::fmt::number(*cells as f64, 0, lang))
            } else {
                format!("a sheet of the workbook is over {} cells (repeated rows and cells included)", crate::fmt::number(*cells as f64, 0, lang))
            },
            K::SpreadsheetUnsupported => lang
                .pick(
                    "le fichier est un classeur, mais ce module ne lit pas les classeurs",
                    "the file is a workbook, but this module reads no workbooks",
                )
                .to_string(),
            K::UnknownSheet { sheet, sheets } => {
                let list = sheet_list(sheets);
                if fr {
                    format!("le classeur n'a pas de feuille « {sheet} » (feuilles : {list})")
                } else {
                    format!("the workbook has no sheet “{sheet}” (sheets: {list})")
                }
            }
            K::NoHeaderSheet { sheets, rows } => {
                let list = sheet_list(sheets);
                if fr {
                    format!("aucune feuille n'a de ligne d'en-tête d'observations dans ses {rows} premières lignes (feuilles : {list})")
                } else {
                    format!("no sheet has an observation header row in its first {rows} rows (sheets: {list})")
                }
            }
            K::CellError { error, header } => if fr {
                format!("la cellule `{header}` contient l'erreur {error}")
            } else {
                format!("the `{header}` cell holds the error {error}")
            },
            K::DateInNumberColumn { date, header } => if fr {
                format!("la cellule `{header}` contient une date ({date}), or un nombre est attendu")
            } else {
                format!("the `{header}` cell holds a date ({date}), but a number is expected")
            },
            K::LimitExceeded(e) => e.message(lang),
            K::DistinctZero { indicator, header } => if fr {
                format!("l'indicateur `{indicator}` compte des personnes distinctes : la valeur 0 (colonne `{header}`) compterait quand même la personne")
            } else {
                format!("indicator `{indicator}` counts distinct participants: the value 0 (column `{header}`) would still count the participant")
            },
            K::DateOutOfRange { value, header } => {
                let value = value.render(lang);
                if fr {
                    format!("{value} (colonne `{header}`) est hors des années 1900 à 2200")
                } else {
                    format!("{value} in column `{header}` is outside the years 1900 to 2200")
                }
            }
            K::JsonDuplicateKey { key, position } => {
                let key = key.render(lang);
                if fr {
                    format!("la clé {key} (clé n° {position}) est écrite deux fois dans l'objet JSON")
                } else {
                    format!("key {key} (key no. {position}) is written twice in the JSON object")
                }
            }
        }
    }

    /// How to fix it, in the given language, when there is an obvious way (a did-you-mean
    /// for an unknown indicator). Never contains a participant id.
    pub fn hint(&self, lang: Lang) -> Option<String> {
        use ObservationErrorKind as K;
        let fr = lang == Lang::Fr;
        let pick = |(fr, en): (&str, &str)| Some(lang.pick(fr, en).to_string());
        match self {
            K::NulBytes => pick((
                "enregistrez le fichier au format CSV UTF-8 ou CSV (séparateur : point-virgule)",
                "save the file as CSV UTF-8 or CSV (séparateur : point-virgule)",
            )),
            K::BrokenUtf16 => pick((
                "enregistrez le fichier au format CSV UTF-8",
                "save the file as CSV UTF-8",
            )),
            K::InvalidUtf8 { .. } => pick((
                "corrigez le caractère à cet endroit (souvent un accent collé d'un autre fichier), puis enregistrez à nouveau au format CSV UTF-8",
                "fix the character there (often an accent pasted from another file), then save again as CSV UTF-8",
            )),
            K::EmptyInput => pick(HINT_HEADER),
            K::RaggedRow { .. } => pick((
                "chaque ligne doit avoir autant de cellules que l'en-tête ; mettez entre guillemets les cellules qui contiennent le séparateur",
                "every row must have as many cells as the header; quote cells that contain the delimiter",
            )),
            K::RecordTooLong { .. } => pick((
                "vérifiez que le fichier est un CSV d'observations, et fermez tout guillemet ouvert (`\"`)",
                "check that the file is an observation CSV, and close any open quote (`\"`)",
            )),
            K::UnclosedQuote { .. } => pick((
                "fermez le guillemet (`\"`), ou doublez les guillemets à l'intérieur d'une cellule entre guillemets (`\"\"`)",
                "close the quote (`\"`), or double the quotes inside a quoted cell (`\"\"`)",
            )),
            K::DuplicateColumn { .. } => pick((
                "n'en gardez qu'une, ou renommez l'autre",
                "keep only one of them, or rename the other",
            )),
            K::MissingColumn { column } => {
                let names = accepted_list(*column);
                Some(if fr {
                    format!(
                        "noms acceptés : {names} (sans tenir compte des majuscules ni des accents) ; {}",
                        HINT_HEADER.0
                    )
                } else {
                    format!(
                        "accepted names: {names} (case and accents do not matter); {}",
                        HINT_HEADER.1
                    )
                })
            }
            K::InvalidJson { .. }
            | K::JsonKeyType { .. }
            | K::NoObservationsArray
            | K::JsonNotArray { .. }
            | K::NotAnObject { .. } => pick(HINT_SHAPE),
            K::DuplicateKey { .. } => pick(("n'en gardez qu'une", "keep only one of them")),
            K::NotADataFrame { .. } => pick((
                "passez un DataFrame : `pd.DataFrame({\"indicateur\": …, \"date\": …, \"valeur\": …})`, ou `serie.to_frame()` pour une colonne nommée",
                "pass a DataFrame: `pd.DataFrame({\"indicator\": …, \"date\": …, \"value\": …})`, or `series.to_frame()` for one named column",
            )),
            K::Unreadable(_) | K::WrongInput { .. } => pick((
                "passez le texte CSV, les octets du fichier, ou un tableau d'objets comme `[{ indicateur: \"f1.1\", date: \"31/03/2026\", valeur: 12 }]`",
                "pass CSV text, the file's bytes, or an array of objects such as `[{ indicator: \"f1.1\", date: \"2026-03-31\", value: 12 }]`",
            )),
            K::EmptyCell { expected, .. } => pick(match expected {
                Expected::Territory => (
                    "indiquez l'identifiant du plan (ou le nom du territoire) de la ligne",
                    "give the plan id (or the territory's name) of the row",
                ),
                Expected::Indicator => (
                    "indiquez l'identifiant de l'indicateur tel qu'il figure dans le plan, par exemple `f1.1`",
                    "give the indicator id of the plan, e.g. `f1.1`",
                ),
                Expected::Date => HINT_DATE,
                Expected::Flag => HINT_FLAG,
                Expected::Assessment => HINT_ASSESSMENT,
                Expected::Number => (
                    "indiquez le nombre observé, par exemple 12 ou 12,5",
                    "give the observed number, e.g. 12 or 12,5",
                ),
            }),
            K::SeveralTerritories { .. } => pick((
                "désignez chaque territoire par l'identifiant de son plan, et fournissez chaque plan une seule fois",
                "name each territory by its plan id, and give each plan once",
            )),
            K::OtherTerritory { .. } => pick((
                "pour évaluer plusieurs territoires à partir d'un même tableau, fournissez tous leurs plans à la fois (evaluate_many) ; sinon ne gardez que les lignes de ce plan",
                "to evaluate several territories from one table, give all their plans at once (evaluate_many); otherwise keep only this plan's rows",
            )),
            K::UnknownTerritory { suggestion, .. } | K::UnknownIndicator { suggestion, .. } => {
                Some(suggestion.render(lang))
            }
            K::NotADate { .. } | K::NoSuchDay { .. } => pick(HINT_DATE),
            K::NotFinite { .. } => pick((
                "écrivez un nombre fini, par exemple 12 ou 12,5",
                "write a finite number, e.g. 12 or 12,5",
            )),
            K::NotANumber { problem, .. } => pick(match problem {
                NumberProblem::Percent => (
                    "pour un taux, indiquez le numérateur dans la colonne des valeurs et le dénominateur dans la colonne `dénominateur`, pas un pourcentage",
                    "for a ratio, give the numerator in the value column and the denominator in the denominator column (`dénominateur`), not a percentage",
                ),
                NumberProblem::Separators => (
                    "un nombre a au plus un séparateur décimal (virgule ou point) ; séparez les milliers par une espace : 1 234,5",
                    "a number has at most one decimal separator (comma or point); separate thousands with a space: 1 234,5",
                ),
                NumberProblem::Grouping => (
                    "séparez les milliers par une espace, par groupes de trois chiffres : 1 234 567",
                    "separate thousands with a space, in groups of three digits: 1 234 567",
                ),
                NumberProblem::NotANumber => (
                    "écrivez un nombre, avec une virgule ou un point décimal : 12 ou 12,5",
                    "write a number, with a decimal comma or point: 12 or 12,5",
                ),
            }),
            K::NotAFlag { .. } => pick(HINT_FLAG),
            K::NotAnAssessment { .. } => pick(HINT_ASSESSMENT),
            K::MissingParticipant { .. } => pick((
                "donnez à chaque personne un identifiant pseudonyme stable (jamais un nom) : chacune compte une fois par période",
                "give each participant a stable pseudonymous id (never a name): each one counts once per window",
            )),
            K::MissingDenominator { header, value_header, .. } => Some(if fr {
                format!("indiquez le numérateur dans la colonne `{value_header}` et le dénominateur dans la colonne `{header}`")
            } else {
                format!("give the numerator in the `{value_header}` column and the denominator in the `{header}` column")
            }),
            K::NotAWorkbook { found: NotWorkbook::WordDocument } => pick((
                "un plan d'action s'importe avec `import_plan` ; les observations sont un classeur (.xlsx, .ods) ou un CSV",
                "an action plan is imported with `import_plan`; observations are a workbook (.xlsx, .ods) or a CSV",
            )),
            K::NotAWorkbook { .. } => pick((
                "enregistrez le classeur au format Excel (.xlsx) ou OpenDocument (.ods), ou exportez-le en CSV",
                "save the workbook as Excel (.xlsx) or OpenDocument (.ods), or export it as CSV",
            )),
            K::EncryptedWorkbook => pick((
                "ouvrez le classeur et enregistrez-en une copie sans mot de passe (Fichier > Informations > Protéger le classeur)",
                "open the workbook and save a copy without password (File > Info > Protect Workbook)",
            )),
            K::WorkbookUnreadable => pick((
                "ouvrez-le dans Excel ou LibreOffice et enregistrez-le à nouveau",
                "open it in Excel or LibreOffice and save it again",
            )),
            K::WorkbookTooLarge { .. } | K::SheetTooLarge { .. } => pick((
                "exportez les observations en CSV : il est lu par blocs, sans limite de taille",
                "export the observations as CSV: it is read in blocks, with no size limit",
            )),
            K::SpreadsheetUnsupported => pick((
                "chargez le module « classeurs » (ctg_wasm_xlsx.js), ou exportez le classeur en CSV",
                "load the spreadsheet module (ctg_wasm_xlsx.js), or export the workbook as CSV",
            )),
            K::UnknownSheet { .. } => pick((
                "donnez le nom de la feuille comme l'onglet l'écrit, ou ne donnez pas de feuille : la première qui a un en-tête d'observations est lue",
                "give the sheet's name as its tab writes it, or give none: the first sheet with an observation header is read",
            )),
            K::NoHeaderSheet { .. } => pick((
                "la ligne d'en-tête nomme au moins les colonnes indicateur, date et valeur",
                "the header row names at least the indicator, date and value columns",
            )),
            K::CellError { .. } => pick((
                "corrigez la formule de la cellule, ou remplacez-la par sa valeur",
                "fix the cell's formula, or replace it by its value",
            )),
            K::DistinctZero { .. } => pick((
                "une ligne compte la personne comme présente : supprimez la ligne d'une personne absente, ou laissez la valeur vide (ou 1) pour une présente",
                "a row counts the participant as present: remove the row of an absent participant, or leave the value empty (or 1) for a present one",
            )),
            K::DateOutOfRange { .. } => pick((
                "vérifiez l'année : une observation est datée entre 1900 et 2200",
                "check the year: an observation is dated between 1900 and 2200",
            )),
            K::JsonDuplicateKey { .. } => pick((
                "n'en gardez qu'une : la lecture JSON garderait la dernière sans rien dire",
                "keep only one: a JSON reader would keep the last one silently",
            )),
            K::DateInNumberColumn { .. } => pick((
                "la cellule est au format date : mettez-la au format Nombre et saisissez le nombre observé",
                "the cell is formatted as a date: format it as Number and type the observed number",
            )),
            K::LimitExceeded(e) => Some(e.hint(lang)),
            K::CsvUnreadable { .. }
            | K::ReadFailed { .. }
            | K::RecordNotAnObject { .. }
            | K::CellNotScalar { .. }
            | K::RecordCellType { .. }
            | K::Negative { .. }
            | K::RowUnreadable => None,
        }
    }

    /// The cell the problem is about, as the message shows it (masked when it could be a
    /// participant id: [`CellText`]).
    pub fn cell(&self) -> Option<&CellText> {
        use ObservationErrorKind as K;
        match self {
            K::SeveralTerritories { value, .. }
            | K::OtherTerritory { value, .. }
            | K::UnknownTerritory { value, .. }
            | K::UnknownIndicator { value, .. }
            | K::NotADate { value, .. }
            | K::NoSuchDay { value, .. }
            | K::DateOutOfRange { value, .. }
            | K::Negative { value, .. }
            | K::NotFinite { value, .. }
            | K::NotANumber { value, .. }
            | K::NotAFlag { value, .. }
            | K::NotAnAssessment { value, .. } => Some(value),
            _ => None,
        }
    }

    /// The cell's text (as shown in the message), when the problem is about one and it is
    /// shown: never a text that could be a participant id ([`CellText`]).
    pub fn input(&self) -> Option<&str> {
        use ObservationErrorKind as K;
        match self {
            K::SeveralTerritories { value, .. }
            | K::OtherTerritory { value, .. }
            | K::UnknownTerritory { value, .. }
            | K::UnknownIndicator { value, .. }
            | K::NotADate { value, .. }
            | K::NoSuchDay { value, .. }
            | K::Negative { value, .. }
            | K::NotFinite { value, .. }
            | K::NotANumber { value, .. }
            | K::NotAFlag { value, .. }
            | K::NotAnAssessment { value, .. } => value.shown(),
            K::CellError { error, .. } => Some(error),
            K::DateInNumberColumn { date, .. } => Some(date),
            _ => None,
        }
    }
}

/// One problem in an observation input: its kind (with its context), its row and column.
///
/// It serialises as before kinds were typed, with both languages rendered: `{code, row,
/// column, message, message_fr, hint, hint_fr}` (what Python's `ObservationError.errors`,
/// JavaScript's `errors` and the evaluation's `diagnostics.rejected` hold);
/// [`ObservationIssue::problem`] gives the one-language [`Problem`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObservationIssue {
    /// What is wrong.
    pub kind: ObservationErrorKind,
    /// The 1-based row (the CSV header is row 1; JSON objects count from 1); `None` for
    /// problems of the whole input.
    pub row: Option<usize>,
    /// The column as its header (or JSON key) is written in the input (`Valeur`,
    /// `dénominateur`); its canonical name (`indicator`, `date`, `value`, `participant`,
    /// `denominator`, `commune`, `comment`) when the input has no such column.
    pub column: Option<String>,
    /// In a workbook: the sheet, and the cell as Excel shows it (`row` is then the sheet's
    /// row number).
    pub sheet: Option<SheetPlace>,
}

/// Where a workbook problem is: the sheet, and the column of the cell when there is one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SheetPlace {
    /// The sheet's name, as its tab writes it.
    pub sheet: String,
    /// The cell's column, from 0 for `A`; `None` for a problem of a whole row or sheet.
    pub column: Option<u32>,
}

impl SheetPlace {
    /// The cell's address at `row` (1-based) as Excel shows it (`C12`), when the column
    /// is known.
    ///
    /// ```
    /// use ctg_core::io::SheetPlace;
    /// let at = SheetPlace { sheet: "Saisie".into(), column: Some(2) };
    /// assert_eq!(at.address(12).as_deref(), Some("C12"));
    /// let far = SheetPlace { sheet: "Saisie".into(), column: Some(27) };
    /// assert_eq!(far.address(1).as_deref(), Some("AB1"));
    /// ```
    pub fn address(&self, row: usize) -> Option<String> {
        self.column.map(|c| format!("{}{row}", column_letters(c)))
    }
}

/// A column's letters as Excel shows them: 0 → `A`, 25 → `Z`, 26 → `AA`.
pub(crate) fn column_letters(column: u32) -> String {
    let mut n = u64::from(column) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

impl ObservationIssue {
    /// An issue of the whole input (or of a row's structure).
    pub fn new(kind: ObservationErrorKind, row: Option<usize>) -> Self {
        ObservationIssue {
            kind,
            row,
            column: None,
            sheet: None,
        }
    }

    /// An issue of one cell.
    pub fn cell(kind: ObservationErrorKind, row: usize, column: impl Into<String>) -> Self {
        ObservationIssue {
            kind,
            row: Some(row),
            column: Some(column.into()),
            sheet: None,
        }
    }

    /// The stable code.
    pub fn code(&self) -> ObservationErrorCode {
        self.kind.code()
    }

    /// The message in the given language. Never contains a participant id.
    pub fn message(&self, lang: Lang) -> String {
        self.kind.message(lang)
    }

    /// The hint in the given language, if there is one (e.g. a did-you-mean for an
    /// unknown indicator: « vouliez-vous dire `f4.1` ? »). Never contains a participant id.
    pub fn hint(&self, lang: Lang) -> Option<String> {
        match (&self.kind, &self.sheet) {
            // A sheet has no `#` comment lines: its header is found under title rows.
            (ObservationErrorKind::MissingColumn { column }, Some(_)) => {
                let names = accepted_list(*column);
                Some(match lang {
                    Lang::Fr => format!("noms acceptés : {names} (sans tenir compte des majuscules ni des accents) ; l'en-tête est la première ligne de la feuille qui nomme au moins deux colonnes d'observations, par exemple indicateur, date, valeur"),
                    Lang::En => format!("accepted names: {names} (case and accents do not matter); the header is the sheet's first row naming at least two observation columns, e.g. indicateur, date, valeur"),
                })
            }
            _ => self.kind.hint(lang),
        }
    }

    /// The issue as a [`Problem`] in the given language: `loc` is `["row", row, column]`
    /// (the parts that are known), `input` the cell's text when it is safe to show.
    ///
    /// ```
    /// use ctg_core::io::{read_csv, IngestOptions};
    /// use ctg_core::Lang;
    /// let plan = ctg_core::plans::sundgau().unwrap();
    /// let csv = "indicateur;date;valeur\nf8.1;31/02/2026;3\n";
    /// let err = read_csv(&plan, csv.as_bytes(), &IngestOptions::default()).unwrap_err();
    /// let p = err.issues[0].problem(Lang::En);
    /// assert_eq!((p.code.as_str(), p.row, p.input.as_deref()), ("type_error", Some(2), Some("31/02/2026")));
    /// assert_eq!(serde_json::to_string(&p.loc).unwrap(), r#"["row",2,"date"]"#);
    /// ```
    pub fn problem(&self, lang: Lang) -> Problem {
        let mut loc = Vec::new();
        if let Some(place) = &self.sheet {
            loc.push(Segment::from("sheet"));
            loc.push(Segment::from(place.sheet.as_str()));
            if let Some(address) = self.row.and_then(|r| place.address(r)) {
                loc.push(Segment::from("cell"));
                loc.push(Segment::Key(address));
            }
        }
        if let Some(r) = self.row {
            loc.push(Segment::from("row"));
            loc.push(Segment::from(r));
        }
        if let Some(c) = &self.column {
            loc.push(Segment::from(c.as_str()));
        }
        Problem {
            loc,
            row: self.row,
            hint: self.hint(lang),
            input: self.kind.input().map(str::to_string),
            ..Problem::new(
                self.code().as_str(),
                ProblemKind::Observation,
                self.message(lang),
                lang,
            )
        }
    }

    /// The issue on one line, in the given language ([`Problem::render`]): where (row,
    /// column), the code, the message, then the hint in parentheses. Parts that are unknown
    /// are left out. The English rendering is the [`Display`](std::fmt::Display) output.
    ///
    /// ```
    /// use ctg_core::io::{read_csv, IngestOptions};
    /// use ctg_core::Lang;
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
    /// let err = read_csv(&plan, b"indicateur;date;valeur\nF1.1;31/03/2026;3\n", &IngestOptions::default())
    ///     .unwrap_err();
    /// assert_eq!(
    ///     err.issues[0].render(Lang::Fr),
    ///     "ligne 2, colonne `indicateur` [unknown_indicator] : l'indicateur `F1.1` \
    ///      (colonne `indicateur`) n'existe pas dans le plan (vouliez-vous dire `f1.1` ?)"
    /// );
    /// assert_eq!(
    ///     err.issues[0].render(Lang::En),
    ///     "row 2, column `indicateur` [unknown_indicator]: indicator `F1.1` \
    ///      (column `indicateur`) is not in the plan (hint: did you mean `f1.1`?)"
    /// );
    /// ```
    pub fn render(&self, lang: Lang) -> String {
        self.problem(lang).render()
    }
}

impl std::fmt::Display for ObservationIssue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl Serialize for ObservationIssue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("code", &self.code())?;
        map.serialize_entry("row", &self.row)?;
        map.serialize_entry("column", &self.column)?;
        if let Some(place) = &self.sheet {
            map.serialize_entry("sheet", &place.sheet)?;
            map.serialize_entry("cell", &self.row.and_then(|r| place.address(r)))?;
        }
        map.serialize_entry("message", &self.message(Lang::En))?;
        map.serialize_entry("message_fr", &self.message(Lang::Fr))?;
        map.serialize_entry("hint", &self.hint(Lang::En))?;
        map.serialize_entry("hint_fr", &self.hint(Lang::Fr))?;
        map.end()
    }
}

/// Every problem of an observation input (strict mode), never empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
pub struct ObservationError {
    /// The problems, in input order.
    pub issues: Vec<ObservationIssue>,
}

impl ObservationError {
    /// Every problem, in the given language: a header line (« les observations ont
    /// 2 problèmes : », `the observations have 2 problems:`), then one `- ` line per issue
    /// ([`ObservationIssue::render`]; [`render_list`]). The English rendering is the
    /// [`Display`](std::fmt::Display) output.
    ///
    /// ```
    /// use ctg_core::io::{read_csv, IngestOptions};
    /// use ctg_core::Lang;
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
    /// let err = read_csv(&plan, b"indicateur;date;valeur\nf1.1;31/03/2026;-3\n", &IngestOptions::default())
    ///     .unwrap_err();
    /// assert_eq!(
    ///     err.render(Lang::Fr),
    ///     "les observations ont 1 problème :\n\
    ///      - ligne 2, colonne `valeur` [constraint_error] : la valeur `-3` de la colonne \
    ///      `valeur` est négative, or un nombre ne peut pas être négatif"
    /// );
    /// assert_eq!(err.render(Lang::En), err.to_string());
    /// ```
    pub fn render(&self, lang: Lang) -> String {
        render_list(&self.problems(lang), None)
    }

    /// Every problem as a [`Problem`] in the given language.
    pub fn problems(&self, lang: Lang) -> Vec<Problem> {
        self.issues.iter().map(|i| i.problem(lang)).collect()
    }
}

impl std::fmt::Display for ObservationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}
