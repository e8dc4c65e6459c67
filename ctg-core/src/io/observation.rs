//! Observations: what was measured on the ground.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One observation: an indicator's value at a date, from one row of an input file.
///
/// The participant id (for distinct counts) is held in a [`ParticipantId`], which never
/// prints: participants are minors and families.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    /// The indicator id (`f4.1`), shared by the rows of an indicator (no copy per row).
    pub indicator: std::sync::Arc<str>,
    /// The date of the observation.
    pub date: NaiveDate,
    /// The observed value, typed by the indicator's measure.
    pub value: ObservedValue,
    /// The participant, for distinct counts.
    pub participant: Option<ParticipantId>,
    /// The denominator, for ratios.
    pub denominator: Option<f64>,
    /// A dimension (the commune), if given.
    pub commune: Option<String>,
    /// A free comment (for qualitative assessments, the reasoning).
    pub comment: Option<String>,
    /// The 1-based row in the source (the CSV header is row 1; JSON objects count from 1).
    pub row: usize,
}

/// An observed value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum ObservedValue {
    /// A number (counts, stocks, scores, ratio numerators).
    Number(f64),
    /// A milestone flag: `1`/`oui`/`true`/`fait` is done, `0`/`non`/`false` not yet.
    Done(bool),
    /// A qualitative assessment.
    Assessment(Assessment),
}

impl ObservedValue {
    /// The number, if this is a number.
    pub fn as_number(&self) -> Option<f64> {
        match self {
            ObservedValue::Number(v) => Some(*v),
            _ => None,
        }
    }
}

/// A qualitative assessment (*appréciation*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Assessment {
    /// *Atteint*, achieved.
    Achieved,
    /// *Partiellement atteint*, partly achieved.
    Partial,
    /// *Non atteint*, not achieved.
    NotAchieved,
}

impl Assessment {
    /// The French or English label.
    pub fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            Assessment::Achieved => lang.pick("atteint", "achieved"),
            Assessment::Partial => lang.pick("partiellement atteint", "partly achieved"),
            Assessment::NotAchieved => lang.pick("non atteint", "not achieved"),
        }
    }
}

/// A participant's id, used only to count distinct participants.
///
/// It has no `Display` and no `Serialize`, and its `Debug` is redacted, so it cannot leak
/// into a report, a log or a result by accident.
///
/// ```
/// use ctg_core::io::ParticipantId;
/// let p = ParticipantId::new("Jeanne D. 2011");
/// assert_eq!(format!("{p:?}"), "ParticipantId(<redacted>)");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ParticipantId(String);

impl ParticipantId {
    /// Wrap an id (surrounding whitespace is trimmed).
    pub fn new(id: impl AsRef<str>) -> Self {
        ParticipantId(id.as_ref().trim().to_string())
    }

    /// The raw id, for hashing and comparison only; never print it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for ParticipantId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ParticipantId(<redacted>)")
    }
}
