//! Result statuses.

use serde::{Deserialize, Serialize};

use crate::Lang;

/// The status of an indicator in a window (stable snake_case codes).
///
/// Colours follow scorecard conventions (green, yellow, red, grey, white); every status
/// also has an icon and a label, so that it never relies on colour alone.
///
/// ```
/// use ctg_core::eval::Status;
/// assert_eq!(Status::OnTrack.code(), "on_track");
/// assert_eq!(Status::NotAchieved.label(ctg_core::Lang::Fr), "Non atteint");
/// assert_eq!(Status::AtRisk.score(), Some(0.5));
/// assert_eq!(Status::Tracked.score(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The target holds (*Atteint*).
    Achieved,
    /// On the way to the target (*En bonne voie*).
    OnTrack,
    /// Progress, but more effort required (*À surveiller*).
    AtRisk,
    /// The target does not hold (*Non atteint*).
    NotAchieved,
    /// No observation in the window (*Sans données*).
    NoData,
    /// Data exists but the target cannot be judged, e.g. no baseline (*Non évaluable*).
    NotEvaluable,
    /// No target: the value is followed only (*Suivi*).
    Tracked,
}

impl Status {
    /// Every status, from best to worst, then the unscored ones.
    pub const ALL: [Status; 7] = [
        Status::Achieved,
        Status::OnTrack,
        Status::AtRisk,
        Status::NotAchieved,
        Status::NoData,
        Status::NotEvaluable,
        Status::Tracked,
    ];

    /// Stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::OnTrack => "on_track",
            Status::AtRisk => "at_risk",
            Status::NotAchieved => "not_achieved",
            Status::NoData => "no_data",
            Status::NotEvaluable => "not_evaluable",
            Status::Tracked => "tracked",
        }
    }

    /// Label in the given language.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Status::Achieved => lang.pick("Atteint", "Achieved"),
            Status::OnTrack => lang.pick("En bonne voie", "On track"),
            Status::AtRisk => lang.pick("À surveiller", "At risk"),
            Status::NotAchieved => lang.pick("Non atteint", "Not achieved"),
            Status::NoData => lang.pick("Sans données", "No data"),
            Status::NotEvaluable => lang.pick("Non évaluable", "Not evaluable"),
            Status::Tracked => lang.pick("Suivi", "Tracked"),
        }
    }

    /// A colour (CSS hex) for charts and chips.
    pub fn colour(self) -> &'static str {
        match self {
            Status::Achieved => "#1a7f37",
            Status::OnTrack => "#4caf50",
            Status::AtRisk => "#f2b01e",
            Status::NotAchieved => "#cf222e",
            Status::NoData => "#ffffff",
            Status::NotEvaluable => "#8c959f",
            Status::Tracked => "#0969da",
        }
    }

    /// A text icon that distinguishes the status without colour.
    pub fn icon(self) -> &'static str {
        match self {
            Status::Achieved => "✔",
            Status::OnTrack => "↗",
            Status::AtRisk => "⚠",
            Status::NotAchieved => "✖",
            Status::NoData => "∅",
            Status::NotEvaluable => "?",
            Status::Tracked => "•",
        }
    }

    /// The score in roll-ups: achieved and on track 1, at risk 0.5, not achieved 0;
    /// `None` for statuses left out of scores (no data, not evaluable, tracked).
    pub fn score(self) -> Option<f64> {
        match self {
            Status::Achieved | Status::OnTrack => Some(1.0),
            Status::AtRisk => Some(0.5),
            Status::NotAchieved => Some(0.0),
            Status::NoData | Status::NotEvaluable | Status::Tracked => None,
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}
