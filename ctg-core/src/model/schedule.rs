//! Schedules (*échéancier*).

use serde::{Deserialize, Serialize};

/// A fiche's schedule (*échéancier*): a span of years, with optional dated milestones
/// (`Ouverture du SIJ : 2025`), a cadence (`Échéancier annuel`) and notes.
///
/// ```
/// use ctg_core::model::{Cadence, Schedule};
/// let s: Schedule = toml::from_str(r#"
///     start = 2025
///     end = 2029
///     cadence = "annuel"
///     text = "2025-2029 (Échéancier annuel)"
/// "#).unwrap();
/// assert_eq!(s.cadence, Some(Cadence::Annual));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Schedule {
    /// First year.
    #[serde(alias = "début", alias = "debut")]
    pub start: i32,
    /// Last year (inclusive).
    #[serde(alias = "fin")]
    pub end: i32,
    /// The schedule as written in the plan (`2025-2029 (Ouverture du SIJ : 2025)`).
    #[serde(default, alias = "texte", skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// A recurring cadence.
    #[serde(default, alias = "rythme", skip_serializing_if = "Option::is_none")]
    pub cadence: Option<Cadence>,
    /// Dated milestones.
    #[serde(default, alias = "jalons", skip_serializing_if = "Vec::is_empty")]
    pub milestones: Vec<ScheduledMilestone>,
    /// Free notes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// A recurring cadence of a schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    /// Every year (*annuel*).
    #[serde(alias = "annuel", alias = "annuelle", alias = "yearly")]
    Annual,
    /// Every quarter (*trimestriel*).
    #[serde(alias = "trimestriel", alias = "trimestrielle")]
    Quarterly,
    /// Every month (*mensuel*).
    #[serde(alias = "mensuel", alias = "mensuelle")]
    Monthly,
}

/// A dated milestone in a schedule (`Ouverture du SIJ : 2025`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScheduledMilestone {
    /// What happens (`Ouverture du SIJ`).
    #[serde(alias = "libellé", alias = "libelle")]
    pub label: String,
    /// The year.
    #[serde(alias = "année", alias = "annee")]
    pub year: i32,
}
