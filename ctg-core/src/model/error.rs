//! Plan loading and validation errors.

use serde::Serialize;

use crate::target::TargetError;
use crate::Lang;

/// Stable snake_case codes of plan problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanErrorCode {
    /// The file could not be read.
    IoError,
    /// The file is not valid TOML or JSON.
    SyntaxError,
    /// A field is missing, unknown in an enumeration, or of the wrong type.
    SchemaError,
    /// A target expression does not parse.
    InvalidTarget,
    /// Two axes share a number.
    DuplicateAxis,
    /// Two fiches share a number.
    DuplicateFiche,
    /// Two indicators share an id.
    DuplicateIndicator,
    /// A fiche names an axis the plan does not have.
    UnknownAxis,
    /// An id is empty or has characters other than letters, digits, `.`, `-`, `_`.
    InvalidId,
    /// A required text (title, label) is empty.
    EmptyField,
    /// The plan period is reversed or absurd.
    InvalidPeriod,
    /// A schedule (or a schedule milestone, or a baseline) lies outside the plan period.
    OutsidePeriod,
    /// The target does not fit the indicator's measure (e.g. `+10%` on a milestone).
    IncompatibleTarget,
    /// The aggregation does not fit the measure (e.g. `sum` on a ratio).
    IncompatibleAggregation,
    /// The indicator's window contradicts its target's period suffix.
    WindowConflict,
    /// A relative target has no way to get a baseline.
    MissingBaseline,
    /// The target writes a baseline year that contradicts the indicator's `baseline.year`.
    BaselineConflict,
    /// A number (weight, baseline value) is negative, zero where it must not be, or not finite.
    InvalidNumber,
    /// The plan could not be written out.
    SerializeError,
}

impl PlanErrorCode {
    /// The stable snake_case code.
    pub fn as_str(self) -> &'static str {
        match self {
            PlanErrorCode::IoError => "io_error",
            PlanErrorCode::SyntaxError => "syntax_error",
            PlanErrorCode::SchemaError => "schema_error",
            PlanErrorCode::InvalidTarget => "invalid_target",
            PlanErrorCode::DuplicateAxis => "duplicate_axis",
            PlanErrorCode::DuplicateFiche => "duplicate_fiche",
            PlanErrorCode::DuplicateIndicator => "duplicate_indicator",
            PlanErrorCode::UnknownAxis => "unknown_axis",
            PlanErrorCode::InvalidId => "invalid_id",
            PlanErrorCode::EmptyField => "empty_field",
            PlanErrorCode::InvalidPeriod => "invalid_period",
            PlanErrorCode::OutsidePeriod => "outside_period",
            PlanErrorCode::IncompatibleTarget => "incompatible_target",
            PlanErrorCode::IncompatibleAggregation => "incompatible_aggregation",
            PlanErrorCode::WindowConflict => "window_conflict",
            PlanErrorCode::MissingBaseline => "missing_baseline",
            PlanErrorCode::BaselineConflict => "baseline_conflict",
            PlanErrorCode::InvalidNumber => "invalid_number",
            PlanErrorCode::SerializeError => "serialize_error",
        }
    }
}

impl std::fmt::Display for PlanErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a plan problem is: axis, fiche, indicator, field, and the line and column in the
/// source file when known (1-based; columns count characters).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PlanLocation {
    /// Axis number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub axis: Option<u32>,
    /// Fiche number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fiche: Option<u32>,
    /// Indicator id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    /// Field name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Line in the source (1-based).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Column in the source (1-based, in characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

impl PlanLocation {
    /// The location of a fiche.
    pub fn fiche(number: u32) -> Self {
        PlanLocation {
            fiche: Some(number),
            ..Default::default()
        }
    }

    /// The location of an indicator of a fiche.
    pub fn indicator(fiche: u32, id: &str) -> Self {
        PlanLocation {
            fiche: Some(fiche),
            indicator: Some(id.to_string()),
            ..Default::default()
        }
    }

    /// The same location, narrowed to a field.
    pub fn field(mut self, field: &str) -> Self {
        self.field = Some(field.to_string());
        self
    }

    /// Whether nothing is known of the location.
    pub fn is_empty(&self) -> bool {
        *self == PlanLocation::default()
    }

    /// The location in the given language: the known parts joined with `, `, or `plan`
    /// when nothing is known. The English rendering is the [`Display`](std::fmt::Display)
    /// output.
    ///
    /// ```
    /// use ctg_core::model::PlanLocation;
    /// use ctg_core::Lang;
    /// let loc = PlanLocation {
    ///     line: Some(19),
    ///     column: Some(13),
    ///     ..PlanLocation::indicator(3, "f3.1").field("target")
    /// };
    /// assert_eq!(
    ///     loc.render(Lang::Fr),
    ///     "fiche 3, indicateur f3.1, champ `target`, ligne 19, colonne 13"
    /// );
    /// assert_eq!(
    ///     loc.render(Lang::En),
    ///     "fiche 3, indicator f3.1, field `target`, line 19, column 13"
    /// );
    /// assert_eq!(PlanLocation::default().render(Lang::Fr), "plan");
    /// ```
    pub fn render(&self, lang: Lang) -> String {
        let [axis, indicator, field, line, column] = match lang {
            Lang::Fr => ["axe", "indicateur", "champ", "ligne", "colonne"],
            Lang::En => ["axis", "indicator", "field", "line", "column"],
        };
        let mut parts = Vec::new();
        if let Some(a) = self.axis {
            parts.push(format!("{axis} {a}"));
        }
        if let Some(n) = self.fiche {
            parts.push(format!("fiche {n}"));
        }
        if let Some(id) = &self.indicator {
            parts.push(format!("{indicator} {id}"));
        }
        if let Some(f) = &self.field {
            parts.push(format!("{field} `{f}`"));
        }
        match (self.line, self.column) {
            (Some(l), Some(c)) => parts.push(format!("{line} {l}, {column} {c}")),
            (Some(l), None) => parts.push(format!("{line} {l}")),
            _ => {}
        }
        if parts.is_empty() {
            "plan".to_string()
        } else {
            parts.join(", ")
        }
    }
}

impl std::fmt::Display for PlanLocation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// One problem found in a plan, in English and French.
///
/// Two kinds of messages are only partly French, because their substance comes from a
/// parser that speaks English:
/// - syntax and schema errors ([`PlanErrorCode::SyntaxError`],
///   [`PlanErrorCode::SchemaError`]): the French message is a French prefix followed by the
///   `toml` or `serde_json` parser's English text (« syntaxe TOML invalide : expected `.`,
///   `=` »); likewise the operating system's text of an [`PlanErrorCode::IoError`];
/// - target-expression errors ([`PlanErrorCode::InvalidTarget`]): the French message is
///   « la cible `…` ne se lit pas : » followed by the target parser's English message, and
///   [`PlanIssue::hint_fr`] repeats the parser's English hint (which usually shows French
///   target examples such as `> 24 / an`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanIssue {
    /// Stable code.
    pub code: PlanErrorCode,
    /// What is wrong (English).
    pub message: String,
    /// What is wrong (French).
    pub message_fr: String,
    /// Where.
    pub location: PlanLocation,
    /// How to fix it (English), when there is an obvious way.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// How to fix it (French); set exactly when [`PlanIssue::hint`] is. For target-expression
    /// errors it is the target parser's (English) hint.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint_fr: Option<String>,
    /// The target-expression error behind an [`PlanErrorCode::InvalidTarget`].
    #[serde(skip)]
    pub target_error: Option<TargetError>,
}

impl PlanIssue {
    /// A new issue, with its message in English and in French.
    pub fn new(
        code: PlanErrorCode,
        location: PlanLocation,
        message: impl Into<String>,
        message_fr: impl Into<String>,
    ) -> Self {
        PlanIssue {
            code,
            message: message.into(),
            message_fr: message_fr.into(),
            location,
            hint: None,
            hint_fr: None,
            target_error: None,
        }
    }

    /// The same issue with a hint, in English and in French.
    pub fn with_hint(mut self, hint: impl Into<String>, hint_fr: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self.hint_fr = Some(hint_fr.into());
        self
    }

    /// The message in the given language.
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fr => &self.message_fr,
            Lang::En => &self.message,
        }
    }

    /// The hint in the given language, if there is one.
    pub fn hint(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Fr => self.hint_fr.as_deref(),
            Lang::En => self.hint.as_deref(),
        }
    }

    /// The issue in the given language: the code, the location
    /// ([`PlanLocation::render`]), the message and the hint in parentheses. A target
    /// expression error adds lines showing the target with carets under the culprit (in
    /// English, the target parser's full rendering, [`TargetError::render`]). The English
    /// rendering is the [`Display`](std::fmt::Display) output.
    ///
    /// ```
    /// use ctg_core::model::Plan;
    /// use ctg_core::Lang;
    /// let err = Plan::from_toml(
    ///     "id = \"x\"\ntitle = \"Plan\"\nterritory = \"T\"\nperiod = { start = 2029, end = 2025 }",
    /// )
    /// .unwrap_err();
    /// assert_eq!(
    ///     err.issues[0].render(Lang::Fr),
    ///     "[invalid_period] champ `period` : la période du plan 2029-2025 n'est pas une suite \
    ///      d'années entre 1900 et 2200 avec début ≤ fin (écrivez par exemple \
    ///      period = { start = 2025, end = 2029 })"
    /// );
    /// assert_eq!(err.issues[0].render(Lang::En), err.issues[0].to_string());
    /// ```
    pub fn render(&self, lang: Lang) -> String {
        let mut out = match lang {
            Lang::Fr => format!(
                "[{}] {} : {}",
                self.code,
                self.location.render(lang),
                self.message_fr
            ),
            Lang::En => format!("[{}] {}: {}", self.code, self.location, self.message),
        };
        match (lang, self.hint(lang)) {
            (Lang::Fr, Some(h)) => out.push_str(&format!(" ({h})")),
            (Lang::En, Some(h)) => out.push_str(&format!(" (hint: {h})")),
            (_, None) => {}
        }
        if let Some(t) = &self.target_error {
            out.push('\n');
            match lang {
                Lang::Fr => out.push_str(&carets(t)),
                Lang::En => out.push_str(&t.render()),
            }
        }
        out
    }
}

/// The target with carets under the error's span (the two middle lines of
/// [`TargetError::render`], which are free of English words).
fn carets(t: &TargetError) -> String {
    let start = t.span.start.min(t.input.len());
    let end = t.span.end.clamp(start, t.input.len());
    let before = t.input.get(..start).unwrap_or("");
    let inside = t.input.get(start..end).unwrap_or("");
    let shown: String = t
        .input
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    format!(
        "  | {}\n  | {}{}",
        shown.trim_end(),
        " ".repeat(before.chars().count()),
        "^".repeat(inside.chars().count().max(1))
    )
}

impl std::fmt::Display for PlanIssue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// Every problem found while loading or validating a plan (never empty).
///
/// ```
/// use ctg_core::model::Plan;
/// let err = Plan::from_toml("id = \"x\"\ntitle = \"\"\nterritory = \"T\"\nperiod = { start = 2029, end = 2025 }").unwrap_err();
/// let codes: Vec<_> = err.issues.iter().map(|i| i.code.as_str()).collect();
/// assert_eq!(codes, ["empty_field", "invalid_period"]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, thiserror::Error)]
pub struct PlanError {
    /// The problems, in document order.
    pub issues: Vec<PlanIssue>,
}

impl PlanError {
    /// An error with a single issue.
    pub fn single(issue: PlanIssue) -> Self {
        PlanError {
            issues: vec![issue],
        }
    }

    /// Every problem, in the given language: a header line (« le plan a 2 problèmes : »,
    /// `the plan has 2 problems:`), then one `- ` item per issue ([`PlanIssue::render`]).
    /// The English rendering is the [`Display`](std::fmt::Display) output.
    ///
    /// ```
    /// use ctg_core::model::Plan;
    /// use ctg_core::Lang;
    /// let err = Plan::from_toml("id = \"x\"\ntitle = \"\"\nterritory = \"\"\nperiod = { start = 2025, end = 2029 }")
    ///     .unwrap_err();
    /// assert_eq!(
    ///     err.render(Lang::Fr),
    ///     "le plan a 2 problèmes :\n\
    ///      - [empty_field] champ `title` : le titre du plan est vide\n\
    ///      - [empty_field] champ `territory` : le territoire est vide"
    /// );
    /// assert_eq!(err.render(Lang::En), err.to_string());
    /// ```
    pub fn render(&self, lang: Lang) -> String {
        let n = self.issues.len();
        let plural = if n == 1 { "" } else { "s" };
        let mut out = match lang {
            Lang::Fr => format!("le plan a {n} problème{plural} :"),
            Lang::En => format!("the plan has {n} problem{plural}:"),
        };
        for issue in &self.issues {
            out.push_str("\n- ");
            out.push_str(&issue.render(lang));
        }
        out
    }
}

impl std::fmt::Display for PlanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}
