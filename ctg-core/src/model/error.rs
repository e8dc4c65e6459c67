//! Plan loading and validation errors.

use serde::Serialize;

use crate::target::TargetError;

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
}

impl std::fmt::Display for PlanLocation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut parts = Vec::new();
        if let Some(a) = self.axis {
            parts.push(format!("axis {a}"));
        }
        if let Some(n) = self.fiche {
            parts.push(format!("fiche {n}"));
        }
        if let Some(id) = &self.indicator {
            parts.push(format!("indicator {id}"));
        }
        if let Some(field) = &self.field {
            parts.push(format!("field `{field}`"));
        }
        match (self.line, self.column) {
            (Some(l), Some(c)) => parts.push(format!("line {l}, column {c}")),
            (Some(l), None) => parts.push(format!("line {l}")),
            _ => {}
        }
        if parts.is_empty() {
            f.write_str("plan")
        } else {
            f.write_str(&parts.join(", "))
        }
    }
}

/// One problem found in a plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanIssue {
    /// Stable code.
    pub code: PlanErrorCode,
    /// What is wrong (English).
    pub message: String,
    /// Where.
    pub location: PlanLocation,
    /// How to fix it, when there is an obvious way.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The target-expression error behind an [`PlanErrorCode::InvalidTarget`].
    #[serde(skip)]
    pub target_error: Option<TargetError>,
}

impl PlanIssue {
    /// A new issue.
    pub fn new(code: PlanErrorCode, location: PlanLocation, message: impl Into<String>) -> Self {
        PlanIssue {
            code,
            message: message.into(),
            location,
            hint: None,
            target_error: None,
        }
    }

    /// The same issue with a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl std::fmt::Display for PlanIssue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "[{}] {}: {}", self.code, self.location, self.message)?;
        if let Some(h) = &self.hint {
            write!(f, " (hint: {h})")?;
        }
        if let Some(t) = &self.target_error {
            write!(f, "\n{}", t.render())?;
        }
        Ok(())
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
}

impl std::fmt::Display for PlanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.issues.len();
        write!(
            f,
            "the plan has {n} problem{}:",
            if n == 1 { "" } else { "s" }
        )?;
        for issue in &self.issues {
            write!(f, "\n- {issue}")?;
        }
        Ok(())
    }
}
