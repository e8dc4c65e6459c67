//! Observation ingest: CSV (French Excel flavour included) and JSON.

mod error;
mod observation;

pub use error::{ObservationError, ObservationErrorCode, ObservationIssue};
pub use observation::{Assessment, Observation, ObservedValue, ParticipantId};

// TEMPORARY until the ingest module lands.
#[allow(missing_docs)]
#[derive(Debug, Clone, Default)]
pub struct Observations {
    pub rows: Vec<Observation>,
    pub skipped: Vec<ObservationIssue>,
    pub fictional: bool,
    pub notes: Vec<String>,
}
