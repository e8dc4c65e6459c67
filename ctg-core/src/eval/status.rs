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

    /// The text colour (CSS hex) that stays readable on [`Status::colour`] (contrast of at
    /// least 4.5:1, WCAG AA).
    ///
    /// ```
    /// use ctg_core::eval::Status;
    /// assert_eq!(Status::Achieved.ink(), "#ffffff");
    /// assert_eq!(Status::AtRisk.ink(), "#3b2a00");
    /// ```
    pub fn ink(self) -> &'static str {
        match self {
            Status::Achieved | Status::NotAchieved | Status::Tracked => "#ffffff",
            Status::OnTrack => "#0b2e13",
            Status::AtRisk => "#3b2a00",
            Status::NoData => "#1f2328",
            Status::NotEvaluable => "#111418",
        }
    }

    /// The fill of the status in charts and gauges: its colour, except white (no data),
    /// drawn light grey so that it shows on a white page.
    pub fn fill(self) -> &'static str {
        match self {
            Status::NoData => "#e6e9ee",
            other => other.colour(),
        }
    }

    /// How the status looks and scores, in `lang`: what every frontend shows (chips,
    /// legends, dashboards) comes from here.
    ///
    /// ```
    /// use ctg_core::{eval::Status, Lang};
    /// let info = Status::OnTrack.info(Lang::En);
    /// assert_eq!((info.code, info.label, info.icon), ("on_track", "On track", "↗"));
    /// ```
    pub fn info(self, lang: Lang) -> StatusInfo {
        StatusInfo {
            code: self.code(),
            label: self.label(lang),
            icon: self.icon(),
            colour: self.colour(),
            ink: self.ink(),
            fill: self.fill(),
            score: self.score(),
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

/// How a status looks and scores (see [`Status::info`], [`statuses`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct StatusInfo {
    /// The stable code (`on_track`).
    pub code: &'static str,
    /// The label in the asked language (`En bonne voie`).
    pub label: &'static str,
    /// The icon that tells it without colour (`↗`).
    pub icon: &'static str,
    /// The background colour of its chip (CSS hex).
    pub colour: &'static str,
    /// The text colour readable on `colour`.
    pub ink: &'static str,
    /// Its fill in charts and gauges.
    pub fill: &'static str,
    /// Its score in roll-ups, `None` when left out.
    pub score: Option<f64>,
}

/// Every status in [`Status::ALL`]'s order (best to worst, then the unscored ones), with
/// its label in `lang`, icon, colours and score: the one table frontends draw from.
///
/// ```
/// let all = ctg_core::eval::statuses(ctg_core::Lang::Fr);
/// assert_eq!(all.len(), 7);
/// assert_eq!(all[0].label, "Atteint");
/// ```
pub fn statuses(lang: Lang) -> Vec<StatusInfo> {
    Status::ALL.iter().map(|s| s.info(lang)).collect()
}

/// The status a score (0..=1, fiche, axis or plan) is drawn as in gauges: ≥ 0.75 achieved,
/// ≥ 0.5 on track, ≥ 0.25 at risk, else not achieved.
///
/// ```
/// use ctg_core::eval::{score_status, Status};
/// assert_eq!(score_status(0.8), Status::Achieved);
/// assert_eq!(score_status(0.3), Status::AtRisk);
/// ```
pub fn score_status(score: f64) -> Status {
    if score >= 0.75 {
        Status::Achieved
    } else if score >= 0.5 {
        Status::OnTrack
    } else if score >= 0.25 {
        Status::AtRisk
    } else {
        Status::NotAchieved
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG relative luminance of a `#rrggbb` colour.
    fn luminance(hex: &str) -> f64 {
        let hex = hex.trim_start_matches('#');
        let channel = |i: usize| {
            let v = hex
                .get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .map_or(0.0, |b| f64::from(b) / 255.0);
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
    }

    #[test]
    fn ink_is_readable_on_every_colour() {
        for s in Status::ALL {
            let (a, b) = (luminance(s.colour()), luminance(s.ink()));
            let contrast = (a.max(b) + 0.05) / (a.min(b) + 0.05);
            assert!(contrast >= 4.5, "{s}: {contrast:.2}");
            assert_ne!(s.fill(), "#ffffff", "{s}: a white fill does not show");
        }
    }

    #[test]
    fn statuses_follow_all() {
        let codes: Vec<&str> = statuses(Lang::En).iter().map(|i| i.code).collect();
        let all: Vec<&str> = Status::ALL.iter().map(|s| s.code()).collect();
        assert_eq!(codes, all);
    }
}
