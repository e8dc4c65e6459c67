//! What ingest gives: [`Observations`] (one plan's valid rows in the columnar store, the
//! dropped rows' problems, notes, the fictional flag) and [`ByTerritory`] (several plans'
//! from one input).

use chrono::NaiveDate;

use super::store::Store;
use super::{Note, Observation, ObservationIssue};

/// Observations read from an input, validated against a plan.
///
/// The valid rows are held as columns ([`store`](super::store) module: indicator as an
/// integer, date as days, value `f64`, participant interned to a `u32`); [`get`](Self::get),
/// [`iter`](Self::iter) and [`rows`](Self::rows) give them as [`Observation`] views, in input
/// order.
#[derive(Clone, Default)]
pub struct Observations {
    pub(crate) store: Store,
    /// Lenient mode: the problems of the rows that were dropped, as diagnostics.
    pub skipped: Vec<ObservationIssue>,
    /// Whether the input declares itself fictional (a `# Données fictives` comment line, or
    /// `"fictional": true` in JSON).
    pub fictional: bool,
    /// What the input says of itself and what the reader noticed, typed: the comment lines
    /// of a CSV input ([`Note::Comment`]) or the `notes` of a JSON object
    /// ([`Note::InputNote`]), then the ingest notes (how the bytes were decoded, ignored
    /// columns or keys…). Rendered in a language by [`Note::render`].
    pub notes: Vec<Note>,
}

impl std::fmt::Debug for Observations {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Observations")
            .field("rows", &self.len())
            .field("skipped", &self.skipped)
            .field("fictional", &self.fictional)
            .field("notes", &self.notes)
            .finish()
    }
}

impl Observations {
    /// The number of valid rows.
    pub fn len(&self) -> usize {
        self.store.len()
    }

    /// Whether there is no valid row.
    pub fn is_empty(&self) -> bool {
        self.store.len() == 0
    }

    /// The `i`-th valid row (0-based, input order), as a view.
    pub fn get(&self, i: usize) -> Option<Observation> {
        self.store.observation(i)
    }

    /// The valid rows, in input order, as views built one at a time.
    pub fn iter(&self) -> impl Iterator<Item = Observation> + '_ {
        (0..self.len()).filter_map(|i| self.store.observation(i))
    }

    /// The valid rows, in input order, as a vector of views (for small inputs and tests;
    /// [`iter`](Self::iter) builds them one at a time).
    pub fn rows(&self) -> Vec<Observation> {
        self.iter().collect()
    }

    /// The latest date of a valid row.
    pub fn last_date(&self) -> Option<NaiveDate> {
        self.store
            .day
            .iter()
            .max()
            .map(|&d| super::store::date_of(d))
    }

    /// The approximate memory the columns take, in bytes (the views are not counted).
    pub fn heap_bytes(&self) -> usize {
        self.store.heap_bytes()
    }
}

/// Observations of several plans read from one input, keyed by a territory column.
#[derive(Debug, Clone, Default)]
pub struct ByTerritory {
    /// One [`Observations`] per plan, in the order the plans were given; each holds its
    /// territory's rows (and, in lenient mode, their problems), the input's notes and its
    /// fictional flag.
    pub observations: Vec<Observations>,
    /// Lenient mode: the problems of dropped rows whose territory is unknown or empty.
    pub skipped: Vec<ObservationIssue>,
}

impl ByTerritory {
    /// The observations of the only plan (single-plan reads), with the dropped rows.
    pub(crate) fn into_one(mut self) -> Observations {
        let mut obs = self.observations.pop().unwrap_or_default();
        obs.skipped.append(&mut self.skipped);
        obs
    }
}
