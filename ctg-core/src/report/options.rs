//! Report options.

use crate::Lang;

/// What a report shows and how.
///
/// ```
/// use ctg_core::{report::ReportOptions, Lang};
/// let opts = ReportOptions { lang: Lang::En, suppress_below: Some(5), ..Default::default() };
/// assert!(opts.includes(3, 1));
/// let only = ReportOptions { fiches: Some(vec![7]), ..Default::default() };
/// assert!(only.includes(7, 2) && !only.includes(8, 2));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportOptions {
    /// The language (default: French).
    pub lang: Lang,
    /// Only these fiches (default: all).
    pub fiches: Option<Vec<u32>>,
    /// Only these axes (default: all).
    pub axes: Option<Vec<u32>>,
    /// Small-count suppression for published reports: counts (and distinct counts) below
    /// this threshold are shown as `< n`, and what would reveal them (achievement,
    /// projection, change) is left out. The evaluation's data is never changed.
    pub suppress_below: Option<u32>,
}

impl ReportOptions {
    /// Whether fiche `fiche` of axis `axis` is shown.
    pub fn includes(&self, fiche: u32, axis: u32) -> bool {
        self.fiches.as_ref().is_none_or(|f| f.contains(&fiche))
            && self.axes.as_ref().is_none_or(|a| a.contains(&axis))
    }

    /// Whether axis `axis` is shown.
    pub fn includes_axis(&self, axis: u32) -> bool {
        self.axes.as_ref().is_none_or(|a| a.contains(&axis))
    }

    pub(crate) fn threshold(&self) -> Option<f64> {
        self.suppress_below.map(f64::from)
    }
}
