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
    /// The territory names no plan given (or several), or, with one plan, another plan.
    UnknownTerritory,
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
            ObservationErrorCode::UnknownTerritory => "unknown_territory",
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
    /// How to fix it, in English (e.g. a did-you-mean for an unknown indicator). Never
    /// contains a participant id.
    pub hint: Option<String>,
    /// How to fix it, in French (« vouliez-vous dire `f4.1` ? »); set exactly when
    /// [`ObservationIssue::hint`] is. Never contains a participant id.
    pub hint_fr: Option<String>,
}

impl ObservationIssue {
    /// The message in the given language.
    pub fn message(&self, lang: crate::Lang) -> &str {
        match lang {
            crate::Lang::Fr => &self.message_fr,
            crate::Lang::En => &self.message,
        }
    }

    /// The hint in the given language, if there is one.
    pub fn hint(&self, lang: crate::Lang) -> Option<&str> {
        match lang {
            crate::Lang::Fr => self.hint_fr.as_deref(),
            crate::Lang::En => self.hint.as_deref(),
        }
    }

    /// The issue on one line, in the given language: where (row, column), the code, the
    /// message, then the hint in parentheses. Parts that are unknown are left out. The
    /// English rendering is the [`Display`](std::fmt::Display) output.
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
    pub fn render(&self, lang: crate::Lang) -> String {
        let (row, column, colon) = match lang {
            crate::Lang::Fr => ("ligne", "colonne", " :"),
            crate::Lang::En => ("row", "column", ":"),
        };
        let mut place = Vec::new();
        if let Some(r) = self.row {
            place.push(format!("{row} {r}"));
        }
        if let Some(c) = &self.column {
            place.push(format!("{column} `{c}`"));
        }
        let mut out = place.join(", ");
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&format!("[{}]{colon} {}", self.code, self.message(lang)));
        match (lang, self.hint(lang)) {
            (crate::Lang::Fr, Some(h)) => out.push_str(&format!(" ({h})")),
            (crate::Lang::En, Some(h)) => out.push_str(&format!(" (hint: {h})")),
            (_, None) => {}
        }
        out
    }
}

impl std::fmt::Display for ObservationIssue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(crate::Lang::En))
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
    /// ([`ObservationIssue::render`]). The English rendering is the
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
    pub fn render(&self, lang: crate::Lang) -> String {
        let n = self.issues.len();
        let plural = if n == 1 { "" } else { "s" };
        let mut out = match lang {
            crate::Lang::Fr => format!("les observations ont {n} problème{plural} :"),
            crate::Lang::En => format!("the observations have {n} problem{plural}:"),
        };
        for issue in &self.issues {
            out.push_str("\n- ");
            out.push_str(&issue.render(lang));
        }
        out
    }
}

impl std::fmt::Display for ObservationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(crate::Lang::En))
    }
}
