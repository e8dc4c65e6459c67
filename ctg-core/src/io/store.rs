//! The columnar observation store: one plan's valid observations held as columns.
//!
//! Each observation is a position in a few flat columns: the indicator as a small integer
//! into the store's indicator dictionary, the date as days (`i32`), the value as `f64` with a
//! one-byte tag saying whether it is a number, a milestone flag or an assessment, the
//! denominator `f64` with a validity bitmap, the participant **interned to a `u32`**, the
//! commune and the comment interned into a text dictionary shared by the plans of one input,
//! and the source row (`u32`). Columns no row uses (denominator, participant, commune,
//! comment) take no memory.
//!
//! Participants are interned while the input is read, and their raw ids are dropped when the
//! reader finishes: after ingest, a participant is a number that only compares equal to
//! itself, and no raw id is left anywhere to leak.
//!
//! Grouping (by indicator, then date and row) is a sort of integer keys; distinct counts hash
//! `u32`s; no step allocates per row. The public [`Observation`] view is built on demand by
//! [`Observations::get`] and [`Observations::iter`] for callers that iterate.

use std::sync::Arc;

use chrono::NaiveDate;
use hashbrown::HashTable;
use rustc_hash::{FxHashMap, FxHasher};

use super::{Assessment, Observation, Observations, ObservedValue, Participant};

/// No value in an interned column.
pub(crate) const NONE: u32 = u32::MAX;

/// The value tag of a number.
const NUMBER: u8 = 0;
/// The value tag of a milestone flag (the value is 0 or 1).
const FLAG: u8 = 1;
/// The value tag of an assessment (the value is its position in [`ASSESSMENTS`]).
const ASSESSMENT: u8 = 2;
const ASSESSMENTS: [Assessment; 3] = [
    Assessment::Achieved,
    Assessment::Partial,
    Assessment::NotAchieved,
];

/// A value as the store holds it: a number and its tag.
pub(crate) fn encode(value: ObservedValue) -> (f64, u8) {
    match value {
        ObservedValue::Number(v) => (v, NUMBER),
        ObservedValue::Done(done) => (if done { 1.0 } else { 0.0 }, FLAG),
        ObservedValue::Assessment(a) => {
            let at = ASSESSMENTS.iter().position(|x| *x == a).unwrap_or(0);
            (at as f64, ASSESSMENT)
        }
    }
}

/// The value a number and its tag stand for.
pub(crate) fn decode(value: f64, tag: u8) -> ObservedValue {
    match tag {
        FLAG => ObservedValue::Done(value != 0.0),
        ASSESSMENT => {
            let a = ASSESSMENTS
                .get(value as usize)
                .copied()
                .unwrap_or(Assessment::NotAchieved);
            ObservedValue::Assessment(a)
        }
        _ => ObservedValue::Number(value),
    }
}

/// A date as days from the common era (1 January of year 1 is day 1).
pub(crate) fn day_of(date: NaiveDate) -> i32 {
    chrono::Datelike::num_days_from_ce(&date)
}

/// The date of a day number.
pub(crate) fn date_of(day: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(day).unwrap_or(NaiveDate::MIN)
}

fn hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = FxHasher::default();
    text.hash(&mut h);
    h.finish()
}

/// Distinct strings, each given a dense `u32` id in order of first appearance: one text
/// buffer and one span per distinct string (no allocation per occurrence).
#[derive(Clone, Default)]
pub(crate) struct Interner {
    text: String,
    spans: Vec<(usize, usize)>,
    table: HashTable<u32>,
}

impl Interner {
    /// The id of `s`, added if new. Past `u32::MAX - 1` distinct strings, [`NONE`].
    pub(crate) fn intern(&mut self, s: &str) -> u32 {
        let h = hash(s);
        let Interner { text, spans, table } = self;
        let found = table.find(h, |&id| {
            spans
                .get(id as usize)
                .and_then(|&(a, b)| text.get(a..b))
                .is_some_and(|t| t == s)
        });
        if let Some(&id) = found {
            return id;
        }
        let Ok(id) = u32::try_from(spans.len()) else {
            return NONE;
        };
        if id == NONE {
            return NONE;
        }
        let start = text.len();
        text.push_str(s);
        spans.push((start, text.len()));
        table.insert_unique(h, id, |&id| {
            spans
                .get(id as usize)
                .and_then(|&(a, b)| text.get(a..b))
                .map_or(0, hash)
        });
        id
    }

    /// The string of an id.
    pub(crate) fn get(&self, id: u32) -> Option<&str> {
        let &(a, b) = self.spans.get(id as usize)?;
        self.text.get(a..b)
    }

    /// The number of distinct strings.
    pub(crate) fn len(&self) -> usize {
        self.spans.len()
    }

    /// Empty the interner for reuse, keeping its buffers.
    pub(crate) fn reset(&mut self) {
        self.text.clear();
        self.spans.clear();
        self.table.clear();
    }

    /// Forget every string (the ids given stay distinct from each other, but no string is
    /// kept): what the participant interner does when a reader finishes.
    pub(crate) fn clear(&mut self) {
        *self = Interner::default();
    }

    /// The strings only, without the lookup table (for a dictionary that is read, not
    /// extended).
    pub(crate) fn frozen(mut self) -> Interner {
        self.table = HashTable::new();
        self.text.shrink_to_fit();
        self.spans.shrink_to_fit();
        self
    }
}

/// A bitmap, one bit per row.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Bitmap {
    words: Vec<u64>,
    len: usize,
}

impl Bitmap {
    pub(crate) fn push(&mut self, bit: bool) {
        let (word, at) = (self.len / 64, self.len % 64);
        if word == self.words.len() {
            self.words.push(0);
        }
        if bit && let Some(w) = self.words.get_mut(word) {
            *w |= 1 << at;
        }
        self.len += 1;
    }

    pub(crate) fn get(&self, i: usize) -> bool {
        i < self.len
            && self
                .words
                .get(i / 64)
                .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    fn extend_false(&mut self, n: usize) {
        self.len += n;
        self.words.resize(self.len.div_ceil(64), 0);
    }
}

/// One plan's observations as columns (see the module docs).
#[derive(Clone, Default)]
pub(crate) struct Store {
    /// The indicator dictionary: an indicator column value is a position here.
    pub(crate) indicators: Vec<Arc<str>>,
    pub(crate) indicator: Vec<u32>,
    pub(crate) day: Vec<i32>,
    pub(crate) value: Vec<f64>,
    pub(crate) tag: Vec<u8>,
    /// Empty while no row has a denominator; then one per row, valid where the bitmap says.
    pub(crate) denominator: Vec<f64>,
    pub(crate) has_denominator: Bitmap,
    /// Empty while no row has one; then one per row ([`NONE`] when absent).
    pub(crate) participant: Vec<u32>,
    pub(crate) commune: Vec<u32>,
    pub(crate) comment: Vec<u32>,
    /// The 1-based source row of each observation (saturated at `u32::MAX`).
    pub(crate) row: Vec<u32>,
    /// The commune and comment strings (shared by the plans of one input).
    pub(crate) texts: Arc<Interner>,
}

/// One valid row, as the validator gives it to the store: interned columns hold ids of the
/// interners of whoever pushes it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Entry {
    pub(crate) indicator: u32,
    pub(crate) day: i32,
    pub(crate) value: f64,
    pub(crate) tag: u8,
    pub(crate) denominator: Option<f64>,
    pub(crate) participant: u32,
    pub(crate) commune: u32,
    pub(crate) comment: u32,
    pub(crate) row: u32,
}

/// Push `v` on an optional column, creating it (filled with `fill`) on the first value.
fn push_optional<T: Copy>(column: &mut Vec<T>, len: usize, v: T, fill: T, present: bool) {
    if column.is_empty() && !present {
        return;
    }
    if column.len() < len {
        column.resize(len, fill);
    }
    column.push(v);
}

impl Store {
    /// An empty store whose indicator dictionary is `indicators`.
    pub(crate) fn with_indicators(indicators: Vec<Arc<str>>) -> Self {
        Store {
            indicators,
            ..Default::default()
        }
    }

    /// The number of observations.
    pub(crate) fn len(&self) -> usize {
        self.day.len()
    }

    /// Add one row.
    pub(crate) fn push(&mut self, e: Entry) {
        let len = self.len();
        push_optional(
            &mut self.participant,
            len,
            e.participant,
            NONE,
            e.participant != NONE,
        );
        push_optional(&mut self.commune, len, e.commune, NONE, e.commune != NONE);
        push_optional(&mut self.comment, len, e.comment, NONE, e.comment != NONE);
        match e.denominator {
            Some(d) => {
                if self.denominator.len() < len {
                    self.denominator.resize(len, 0.0);
                    self.has_denominator
                        .extend_false(len - self.has_denominator.len);
                }
                self.denominator.push(d);
                self.has_denominator.push(true);
            }
            None if !self.denominator.is_empty() => {
                self.denominator.push(0.0);
                self.has_denominator.push(false);
            }
            None => {}
        }
        self.indicator.push(e.indicator);
        self.day.push(e.day);
        self.value.push(e.value);
        self.tag.push(e.tag);
        self.row.push(e.row);
    }

    /// The participant of row `i`, if any.
    pub(crate) fn participant_at(&self, i: usize) -> Option<u32> {
        self.participant.get(i).copied().filter(|&p| p != NONE)
    }

    /// The denominator of row `i`, if any.
    pub(crate) fn denominator_at(&self, i: usize) -> Option<f64> {
        if self.has_denominator.get(i) {
            self.denominator.get(i).copied()
        } else {
            None
        }
    }

    /// The comment of row `i`, if any.
    pub(crate) fn comment_at(&self, i: usize) -> Option<&str> {
        let id = self.comment.get(i).copied().filter(|&c| c != NONE)?;
        self.texts.get(id)
    }

    /// The commune of row `i`, if any.
    pub(crate) fn commune_at(&self, i: usize) -> Option<&str> {
        let id = self.commune.get(i).copied().filter(|&c| c != NONE)?;
        self.texts.get(id)
    }

    /// The view of row `i`.
    pub(crate) fn observation(&self, i: usize) -> Option<Observation> {
        let indicator = self.indicators.get(*self.indicator.get(i)? as usize)?;
        Some(Observation {
            indicator: Arc::clone(indicator),
            date: date_of(*self.day.get(i)?),
            value: decode(*self.value.get(i)?, *self.tag.get(i)?),
            participant: self.participant_at(i).map(Participant),
            denominator: self.denominator_at(i),
            commune: self.commune_at(i).map(str::to_string),
            comment: self.comment_at(i).map(str::to_string),
            row: *self.row.get(i)? as usize,
        })
    }

    /// Free the capacity the columns grew into.
    pub(crate) fn shrink(&mut self) {
        self.indicator.shrink_to_fit();
        self.day.shrink_to_fit();
        self.value.shrink_to_fit();
        self.tag.shrink_to_fit();
        self.denominator.shrink_to_fit();
        self.participant.shrink_to_fit();
        self.commune.shrink_to_fit();
        self.comment.shrink_to_fit();
        self.row.shrink_to_fit();
    }

    /// The approximate heap size of the columns, in bytes.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.indicator.capacity() * 4
            + self.day.capacity() * 4
            + self.value.capacity() * 8
            + self.tag.capacity()
            + self.denominator.capacity() * 8
            + self.has_denominator.words.capacity() * 8
            + self.participant.capacity() * 4
            + self.commune.capacity() * 4
            + self.comment.capacity() * 4
            + self.row.capacity() * 4
    }
}

/// A row for [`ObservationsBuilder::push`]: what a caller building observations by hand
/// (a test, a generator) gives; the builder interns the participant and the texts.
///
/// Its `Debug` output never shows the participant.
#[derive(Clone, PartialEq)]
pub struct NewObservation<'a> {
    /// The indicator id.
    pub indicator: &'a str,
    /// The date.
    pub date: NaiveDate,
    /// The value.
    pub value: ObservedValue,
    /// The participant's raw id (distinct counts); interned, then dropped by
    /// [`ObservationsBuilder::finish`].
    pub participant: Option<&'a str>,
    /// The denominator (ratios).
    pub denominator: Option<f64>,
    /// The commune.
    pub commune: Option<&'a str>,
    /// A free comment.
    pub comment: Option<&'a str>,
    /// The 1-based source row.
    pub row: usize,
}

impl<'a> NewObservation<'a> {
    /// A row with only an indicator, a date and a value (row 0).
    pub fn new(indicator: &'a str, date: NaiveDate, value: ObservedValue) -> Self {
        NewObservation {
            indicator,
            date,
            value,
            participant: None,
            denominator: None,
            commune: None,
            comment: None,
            row: 0,
        }
    }
}

impl std::fmt::Debug for NewObservation<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewObservation")
            .field("indicator", &self.indicator)
            .field("date", &self.date)
            .field("value", &self.value)
            .field("participant", &self.participant.map(|_| "<redacted>"))
            .field("denominator", &self.denominator)
            .field("commune", &self.commune)
            .field("comment", &self.comment)
            .field("row", &self.row)
            .finish()
    }
}

/// Builds [`Observations`] row by row, outside the readers (tests, synthetic workloads):
/// participants are interned as they come and their raw ids dropped by
/// [`finish`](ObservationsBuilder::finish). Rows are not validated against a plan: an
/// indicator the plan does not have is counted as `not_in_plan` by the evaluation.
///
/// ```
/// use ctg_core::io::{NewObservation, ObservationsBuilder, ObservedValue};
/// let d = chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
/// let mut b = ObservationsBuilder::new();
/// for (row, who) in [(2, "P1"), (3, "P2"), (4, "P1")] {
///     let mut o = NewObservation::new("f4.1", d, ObservedValue::Number(1.0));
///     o.participant = Some(who);
///     o.row = row;
///     b.push(o);
/// }
/// let obs = b.finish();
/// assert_eq!(obs.len(), 3);
/// let rows = obs.rows();
/// assert_eq!(rows[0].participant, rows[2].participant);
/// assert_ne!(rows[0].participant, rows[1].participant);
/// assert_eq!(format!("{:?}", rows[0].participant.unwrap()).contains("P1"), false);
/// ```
#[derive(Default)]
pub struct ObservationsBuilder {
    store: Store,
    indicators: FxHashMap<Arc<str>, u32>,
    participants: Interner,
    texts: Interner,
    out: Observations,
}

impl std::fmt::Debug for ObservationsBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ObservationsBuilder")
            .field("rows", &self.store.len())
            .finish_non_exhaustive()
    }
}

impl ObservationsBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        ObservationsBuilder::default()
    }

    /// Mark the observations fictional (or not).
    pub fn fictional(&mut self, fictional: bool) -> &mut Self {
        self.out.fictional = fictional;
        self
    }

    /// Add one row.
    pub fn push(&mut self, o: NewObservation<'_>) -> &mut Self {
        let indicator = match self.indicators.get(o.indicator) {
            Some(&i) => i,
            None => {
                let i = u32::try_from(self.store.indicators.len()).unwrap_or(NONE);
                let id: Arc<str> = Arc::from(o.indicator);
                self.store.indicators.push(Arc::clone(&id));
                self.indicators.insert(id, i);
                i
            }
        };
        let (value, tag) = encode(o.value);
        let text = |t: Option<&str>, texts: &mut Interner| t.map_or(NONE, |t| texts.intern(t));
        let entry = Entry {
            indicator,
            day: day_of(o.date),
            value,
            tag,
            denominator: o.denominator,
            participant: o
                .participant
                .map(str::trim)
                .map_or(NONE, |p| self.participants.intern(p)),
            commune: text(o.commune, &mut self.texts),
            comment: text(o.comment, &mut self.texts),
            row: u32::try_from(o.row).unwrap_or(u32::MAX),
        };
        self.store.push(entry);
        self
    }

    /// The number of rows pushed.
    pub fn len(&self) -> usize {
        self.store.len()
    }

    /// Whether no row was pushed.
    pub fn is_empty(&self) -> bool {
        self.store.len() == 0
    }

    /// The observations; the participants' raw ids are dropped.
    pub fn finish(self) -> Observations {
        let ObservationsBuilder {
            mut store,
            texts,
            mut participants,
            mut out,
            ..
        } = self;
        participants.clear();
        store.texts = Arc::new(texts.frozen());
        store.shrink();
        out.store = store;
        out
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn interner_is_exact_and_dense() {
        let mut i = Interner::default();
        let ids: Vec<u32> = ["a", "b", "a", "", "b", "c"]
            .iter()
            .map(|s| i.intern(s))
            .collect();
        assert_eq!(ids, [0, 1, 0, 2, 1, 3]);
        assert_eq!(i.get(1), Some("b"));
        assert_eq!(i.get(2), Some(""));
        assert_eq!(i.len(), 4);
        // Many strings: ids stay exact.
        let mut big = Interner::default();
        for n in 0..100_000u32 {
            assert_eq!(big.intern(&format!("P{n}")), n);
        }
        assert_eq!(big.intern("P77"), 77);
    }

    #[test]
    fn optional_columns_appear_when_used() {
        let d = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let mut b = ObservationsBuilder::new();
        b.push(NewObservation::new("x", d, ObservedValue::Number(1.0)));
        assert!(b.store.denominator.is_empty() && b.store.participant.is_empty());
        let mut o = NewObservation::new("y", d, ObservedValue::Done(true));
        o.denominator = Some(4.0);
        o.comment = Some("ok");
        b.push(o);
        b.push(NewObservation::new(
            "x",
            d,
            ObservedValue::Assessment(Assessment::Partial),
        ));
        let obs = b.finish();
        let rows = obs.rows();
        assert_eq!(rows[0].denominator, None);
        assert_eq!(rows[1].denominator, Some(4.0));
        assert_eq!(rows[2].denominator, None);
        assert_eq!(rows[1].value, ObservedValue::Done(true));
        assert_eq!(rows[1].comment.as_deref(), Some("ok"));
        assert_eq!(rows[0].comment, None);
        assert_eq!(
            rows[2].value,
            ObservedValue::Assessment(Assessment::Partial)
        );
        assert_eq!(&*rows[2].indicator, "x");
    }

    #[test]
    fn bitmap() {
        let mut b = Bitmap::default();
        for i in 0..200 {
            b.push(i % 3 == 0);
        }
        assert!(b.get(0) && !b.get(1) && b.get(198) && !b.get(199) && !b.get(500));
    }

    #[test]
    fn days_round_trip() {
        for d in [
            NaiveDate::from_ymd_opt(1900, 2, 28).unwrap(),
            NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
        ] {
            assert_eq!(date_of(day_of(d)), d);
        }
    }
}
