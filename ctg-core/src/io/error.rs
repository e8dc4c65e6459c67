//! Observation ingest errors and diagnostics.

use serde::Serialize;

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
    /// A cell cannot be read as the type it must have (date, number, done flag, assessment).
    TypeError,
    /// A value breaks a constraint: negative count or stock, NaN or infinity, a
    /// distinct-count row without participant, a ratio row without denominator or with a
    /// negative one.
    ConstraintError,
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
            ObservationErrorCode::TypeError => "type_error",
            ObservationErrorCode::ConstraintError => "constraint_error",
        }
    }
}

impl std::fmt::Display for ObservationErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem in an observation input, with its row and column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ObservationIssue {
    /// Stable code.
    pub code: ObservationErrorCode,
    /// The 1-based row (the CSV header is row 1; JSON objects count from 1); `None` for
    /// problems of the whole input.
    pub row: Option<usize>,
    /// The column as its header (or JSON key) is written in the input (`Valeur`,
    /// `dénominateur`); its canonical name (`indicator`, `date`, `value`, `participant`,
    /// `denominator`, `commune`, `comment`) when the input has no such column.
    pub column: Option<String>,
    /// What is wrong, in English. Never contains a participant id.
    pub message: String,
    /// What is wrong, in French. Never contains a participant id.
    pub message_fr: String,
    /// How to fix it (e.g. a did-you-mean for an unknown indicator).
    pub hint: Option<String>,
}

impl ObservationIssue {
    /// The message in the given language.
    pub fn message(&self, lang: crate::Lang) -> &str {
        match lang {
            crate::Lang::Fr => &self.message_fr,
            crate::Lang::En => &self.message,
        }
    }
}

impl std::fmt::Display for ObservationIssue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "[{}]", self.code)?;
        match (self.row, &self.column) {
            (Some(r), Some(c)) => write!(f, " row {r}, column `{c}`:")?,
            (Some(r), None) => write!(f, " row {r}:")?,
            (None, Some(c)) => write!(f, " column `{c}`:")?,
            (None, None) => f.write_str(" input:")?,
        }
        write!(f, " {}", self.message)?;
        if let Some(h) = &self.hint {
            write!(f, " (hint: {h})")?;
        }
        Ok(())
    }
}

/// Every problem of an observation input (strict mode), never empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
pub struct ObservationError {
    /// The problems, in input order.
    pub issues: Vec<ObservationIssue>,
}

impl std::fmt::Display for ObservationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.issues.len();
        write!(
            f,
            "the observations have {n} problem{}:",
            if n == 1 { "" } else { "s" }
        )?;
        for issue in &self.issues {
            write!(f, "\n- {issue}")?;
        }
        Ok(())
    }
}
