//! Observations: what was measured on the ground.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One observation: an indicator's value at a date, from one row of an input file — a view
/// of one row of the columnar store ([`Observations::get`](super::Observations::get),
/// [`Observations::iter`](super::Observations::iter)).
///
/// The participant (for distinct counts) is a [`Participant`], interned when the input was
/// read: the raw id is no longer anywhere (participants are minors and families).
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    /// The indicator id (`f4.1`), shared by the rows of an indicator (no copy per row).
    pub indicator: std::sync::Arc<str>,
    /// The date of the observation.
    pub date: NaiveDate,
    /// The observed value, typed by the indicator's measure.
    pub value: ObservedValue,
    /// The participant, for distinct counts.
    pub participant: Option<Participant>,
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

/// A participant, as the store holds it: a number given when the input was read, equal
/// for the rows of one participant within one input, and nothing else — the raw id was
/// dropped once interned, so it cannot leak into a report, a log or a result.
///
/// ```
/// use ctg_core::io::{read_csv, IngestOptions};
/// let plan = ctg_core::plans::sundgau().unwrap();
/// let csv = "indicateur;date;valeur;participant\nf4.1;02/07/2026;;Jeanne D. 2011\n";
/// let obs = read_csv(&plan, csv.as_bytes(), &IngestOptions::default()).unwrap();
/// let p = obs.rows()[0].participant.unwrap();
/// assert!(!format!("{p:?}").contains("Jeanne"));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Participant(pub(crate) u32);

impl Participant {
    /// The number the reader gave this participant (dense, in order of first appearance in
    /// the input): a pseudonym of the pseudonym, never the raw id. Writing `P<n>` back gives
    /// the same distinct counts.
    pub fn number(self) -> u32 {
        self.0
    }
}

impl std::fmt::Debug for Participant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Participant(#{})", self.0)
    }
}
