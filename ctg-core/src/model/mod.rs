//! The plan model: plan, axes, *fiches d'action*, indicators.
//!
//! One concept per file. Every type derives serde with English field names and the CTG
//! template's French headings as aliases, so the same model loads from and saves to TOML
//! and JSON ([`Plan::from_toml`], [`Plan::to_toml`], [`Plan::from_json`], [`Plan::to_json`]).

mod axis;
mod error;
mod fiche;
mod indicator;
mod load;
mod measure;
mod partner;
mod plan;
mod schedule;
mod validate;

/// The evaluation window, defined in the leaf module [`crate::window`] (the target language
/// needs it too, and must not depend on the plan model).
pub use crate::window::Window;
pub use axis::Axis;
pub use error::{
    EmptyText, PlanError, PlanErrorCode, PlanErrorKind, PlanIssue, PlanLocation, TargetShape,
    TargetSubject,
};
pub use fiche::{Fiche, Item, SubAction};
pub use indicator::{Baseline, Indicator};
pub use measure::{Aggregation, Direction, Measure};
pub use partner::Partner;
pub use plan::{Plan, PlanPeriod, TextSection};
pub use schedule::{Cadence, Schedule, ScheduledMilestone};
