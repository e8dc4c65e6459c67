//! Observation ingest: CSV (French Excel flavour included) and JSON.

mod error;
mod observation;

pub use error::{ObservationError, ObservationErrorCode, ObservationIssue};
pub use observation::{Assessment, Observation, ObservedValue, ParticipantId};
