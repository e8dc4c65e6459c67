//! The shared row validator: CSV, JSON and the bindings' rows all converge on
//! [`validate`], through [`finish`].

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rustc_hash::FxHashMap;

use chrono::NaiveDate;

use super::fuzzy::{did_you_mean, words};
use super::store::{self, day_of, Entry, Interner, Store, NONE};
use super::table::CellValue;
use super::values::{self, DateError, NumberError};
use super::{
    Amount, Expected, Note, NumberProblem, Observation, ObservationError,
    ObservationErrorKind as K, ObservationIssue, ObservedValue,
};
use crate::model::{Measure, Plan};

/// The columns of an observation input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    /// The territory (the plan) a row belongs to, when one table holds several plans'
    /// observations (`territory`, `territoire`, `plan_id`, `id_plan`, `territory_id`): the
    /// plan's id (`sundgau-2025-2029`) or its territory's name (`Sundgau`, matched
    /// case-, accent- and punctuation-insensitively). Required when several plans are read
    /// at once ([`read_rows_territories`]); with one plan, a row naming another territory
    /// is an error.
    Territory,
    /// The indicator id (`indicator`, `indicateur`, `id_indicateur`, `indicator_id`); required.
    Indicator,
    /// The date of the observation (`date`, `date_observation`); required.
    Date,
    /// The value (`value`, `valeur`); required (a cell may be empty for distinct counts).
    Value,
    /// The participant, for distinct counts (`participant`, `participant_id`, `personne`,
    /// `bénéficiaire`).
    Participant,
    /// The denominator, for ratios (`denominator`, `dénominateur`).
    Denominator,
    /// A dimension (`commune`).
    Commune,
    /// A free comment (`comment`, `commentaire`).
    Comment,
}

impl Column {
    /// Every column, in canonical order.
    pub const ALL: [Column; 8] = [
        Column::Territory,
        Column::Indicator,
        Column::Date,
        Column::Value,
        Column::Participant,
        Column::Denominator,
        Column::Commune,
        Column::Comment,
    ];

    /// The canonical (English) name.
    pub fn name(self) -> &'static str {
        match self {
            Column::Territory => "territory",
            Column::Indicator => "indicator",
            Column::Date => "date",
            Column::Value => "value",
            Column::Participant => "participant",
            Column::Denominator => "denominator",
            Column::Commune => "commune",
            Column::Comment => "comment",
        }
    }

    /// The header names accepted for this column (matched case-, accent- and
    /// punctuation-insensitively: `Bénéficiaire`, `ID Indicateur`, `date-observation`).
    pub fn accepted_names(self) -> &'static [&'static str] {
        match self {
            Column::Territory => &[
                "territory",
                "territoire",
                "plan_id",
                "id_plan",
                "territory_id",
            ],
            Column::Indicator => &["indicator", "indicateur", "id_indicateur", "indicator_id"],
            Column::Date => &["date", "date_observation"],
            Column::Value => &["value", "valeur"],
            Column::Participant => &["participant", "participant_id", "personne", "bénéficiaire"],
            Column::Denominator => &["denominator", "dénominateur"],
            Column::Commune => &["commune"],
            Column::Comment => &["comment", "commentaire"],
        }
    }

    /// The column a header names, if any.
    ///
    /// ```
    /// use ctg_core::io::Column;
    /// assert_eq!(Column::from_header(" Dénominateur "), Some(Column::Denominator));
    /// assert_eq!(Column::from_header("ID indicateur"), Some(Column::Indicator));
    /// assert_eq!(Column::from_header("responsable"), None);
    /// ```
    pub fn from_header(header: &str) -> Option<Column> {
        let key = words(header, '_');
        if key.is_empty() {
            return None;
        }
        Column::ALL.into_iter().find(|c| {
            c.accepted_names()
                .iter()
                .any(|name| words(name, '_') == key)
        })
    }

    /// Whether the header must have this column (`indicator`, `date`, `value`).
    pub fn is_required(self) -> bool {
        matches!(self, Column::Indicator | Column::Date | Column::Value)
    }
}

/// One row of observation input, as text cells, before validation.
///
/// This is what the bindings build from a Python list of dicts or a JS array; CSV and JSON
/// rows go through it too. An empty or whitespace-only cell counts as absent.
///
/// Its `Debug` output never shows the participant.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct RawRow {
    /// The row number reported in messages (1-based).
    pub row: usize,
    /// The territory (plan id or territory name), when one table holds several plans.
    pub territory: Option<String>,
    /// The indicator id.
    pub indicator: Option<String>,
    /// The date.
    pub date: Option<String>,
    /// The value.
    pub value: Option<String>,
    /// The participant id (distinct counts).
    pub participant: Option<String>,
    /// The denominator (ratios).
    pub denominator: Option<String>,
    /// The commune.
    pub commune: Option<String>,
    /// A free comment.
    pub comment: Option<String>,
    /// The header (or key) of each column as written in the source, for messages; a column
    /// not in this map is named by its canonical name ([`Column::name`]).
    pub headers: BTreeMap<Column, String>,
}

impl RawRow {
    /// An empty row with this number.
    pub fn new(row: usize) -> Self {
        RawRow {
            row,
            ..Default::default()
        }
    }

    /// The same row with a cell set.
    ///
    /// ```
    /// use ctg_core::io::{Column, RawRow};
    /// let row = RawRow::new(1).with(Column::Indicator, "f1.1").with(Column::Value, "12");
    /// assert_eq!(row.cell(Column::Value), Some("12"));
    /// assert_eq!(row.header(Column::Value), "value");
    /// ```
    pub fn with(mut self, column: Column, value: impl Into<String>) -> Self {
        *self.cell_mut(column) = Some(value.into());
        self
    }

    /// The same row, naming a column's header as the source writes it (`Valeur`).
    pub fn with_header(mut self, column: Column, header: impl Into<String>) -> Self {
        self.headers.insert(column, header.into());
        self
    }

    /// A cell's text, if given.
    pub fn cell(&self, column: Column) -> Option<&str> {
        match column {
            Column::Territory => self.territory.as_deref(),
            Column::Indicator => self.indicator.as_deref(),
            Column::Date => self.date.as_deref(),
            Column::Value => self.value.as_deref(),
            Column::Participant => self.participant.as_deref(),
            Column::Denominator => self.denominator.as_deref(),
            Column::Commune => self.commune.as_deref(),
            Column::Comment => self.comment.as_deref(),
        }
    }

    /// A cell, to set it.
    pub fn cell_mut(&mut self, column: Column) -> &mut Option<String> {
        match column {
            Column::Territory => &mut self.territory,
            Column::Indicator => &mut self.indicator,
            Column::Date => &mut self.date,
            Column::Value => &mut self.value,
            Column::Participant => &mut self.participant,
            Column::Denominator => &mut self.denominator,
            Column::Commune => &mut self.commune,
            Column::Comment => &mut self.comment,
        }
    }

    /// A column's header as written in the source, else its canonical name.
    pub fn header(&self, column: Column) -> &str {
        self.headers
            .get(&column)
            .map(String::as_str)
            .unwrap_or(column.name())
    }
}

impl std::fmt::Debug for RawRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RawRow")
            .field("row", &self.row)
            .field("territory", &self.territory)
            .field("indicator", &self.indicator)
            .field("date", &self.date)
            .field("value", &self.value)
            .field(
                "participant",
                &self.participant.as_ref().map(|_| "<redacted>"),
            )
            .field("denominator", &self.denominator)
            .field("commune", &self.commune)
            .field("comment", &self.comment)
            .field("headers", &self.headers)
            .finish()
    }
}

/// How to ingest observations.
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// Lenient mode: drop the bad rows and report their problems in
    /// [`Observations::skipped`] instead of failing. Problems of the whole input (a missing
    /// required column, broken CSV, not JSON) still fail. Strict (`false`) is the default.
    pub lenient: bool,
}

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

/// A row on its way to validation.
#[derive(Debug)]
pub(crate) enum Pending {
    /// A row to validate, with the problems its reader already found (`bad` lists the
    /// columns whose cells were unusable, which the validator skips).
    Row {
        raw: RawRow,
        found: Vec<(Column, ObservationIssue)>,
        bad: Vec<Column>,
    },
}

impl Pending {
    /// A row with nothing found yet.
    pub(crate) fn row(raw: RawRow) -> Self {
        Pending::Row {
            raw,
            found: Vec::new(),
            bad: Vec::new(),
        }
    }
}

/// A cell's text for a message: on one line, and cut after 40 characters.
pub(crate) fn shown(cell: &str) -> String {
    let mut out: String = cell
        .chars()
        .take(40)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if cell.chars().nth(40).is_some() {
        out.push('…');
    }
    out
}

/// The plans an input is read against: one plan, or several keyed by a territory column.
#[derive(Clone, Copy)]
pub(crate) enum Scope<'p> {
    /// One plan: every row is its (a row naming another territory is an error).
    One(&'p Plan),
    /// Several plans: each row goes to the plan its territory cell names.
    Many(&'p [&'p Plan]),
}

impl<'p> Scope<'p> {
    fn plans(&self) -> &[&'p Plan] {
        match self {
            Scope::One(plan) => std::slice::from_ref(plan),
            Scope::Many(plans) => plans,
        }
    }

    /// Whether the input must have a territory column: with several plans (or none, so
    /// that no row is dropped silently).
    pub(crate) fn needs_territory(&self) -> bool {
        matches!(self, Scope::Many(plans) if plans.len() != 1)
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

/// The plans by territory key: plan id (exact, then normalised) and territory name
/// (normalised); `None` when a key names several plans.
struct Router<'p> {
    exact: FxHashMap<&'p str, Option<usize>>,
    normalised: HashMap<String, Option<usize>>,
    /// Plan ids and territory names, for did-you-mean hints.
    names: Vec<&'p str>,
}

impl<'p> Router<'p> {
    fn new(plans: &[&'p Plan]) -> Self {
        let mut exact: FxHashMap<&str, Option<usize>> = FxHashMap::default();
        let mut normalised: HashMap<String, Option<usize>> = HashMap::new();
        let mut names = Vec::new();
        let add = |map: &mut HashMap<String, Option<usize>>, key: String, i: usize| {
            map.entry(key)
                .and_modify(|v| {
                    if *v != Some(i) {
                        *v = None;
                    }
                })
                .or_insert(Some(i));
        };
        for (i, plan) in plans.iter().enumerate() {
            exact
                .entry(plan.id.as_str())
                .and_modify(|v| *v = None)
                .or_insert(Some(i));
            add(&mut normalised, words(&plan.id, '_'), i);
            add(&mut normalised, words(&plan.territory, '_'), i);
            names.push(plan.id.as_str());
            if !names.contains(&plan.territory.as_str()) {
                names.push(plan.territory.as_str());
            }
        }
        Router {
            exact,
            normalised,
            names,
        }
    }

    /// The plan a territory cell names: `Ok(Some(i))`, `Ok(None)` if it names several,
    /// `Err(())` if none.
    fn route(&self, key: &str) -> Result<Option<usize>, ()> {
        if let Some(found) = self.exact.get(key) {
            return Ok(*found);
        }
        self.normalised.get(&words(key, '_')).copied().ok_or(())
    }
}

/// The issue of a row whose territory cell names no plan, or several.
fn territory_issue(
    row: usize,
    h: &str,
    key: &str,
    scope: Scope<'_>,
    router: &Router<'_>,
    several: bool,
) -> ObservationIssue {
    let value = shown(key);
    let header = h.to_string();
    let kind = match scope {
        _ if several => K::SeveralTerritories { value, header },
        Scope::One(plan) => K::OtherTerritory {
            value,
            header,
            plan: plan.id.clone(),
            territory: plan.territory.clone(),
        },
        Scope::Many(_) => K::UnknownTerritory {
            value,
            header,
            suggestion: did_you_mean(key, &router.names),
        },
    };
    ObservationIssue::cell(kind, row, h)
}

/// Validate every pending row and gather the result: in strict mode any problem fails
/// with all of them; in lenient mode the bad rows are dropped into `skipped`.
pub(crate) fn finish(
    plan: &Plan,
    items: impl IntoIterator<Item = Pending>,
    opts: &IngestOptions,
    out: Observations,
    shared_headers: &BTreeMap<Column, String>,
) -> Result<Observations, ObservationError> {
    finish_scoped(Scope::One(plan), items, opts, out, shared_headers).map(ByTerritory::into_one)
}

/// [`finish`] for one plan or several: each row is validated against the plan its
/// territory names.
pub(crate) fn finish_scoped(
    scope: Scope<'_>,
    items: impl IntoIterator<Item = Pending>,
    opts: &IngestOptions,
    out: Observations,
    shared_headers: &BTreeMap<Column, String>,
) -> Result<ByTerritory, ObservationError> {
    let routing = Routing::new(scope, shared_headers);
    let mut gather = Gather::new(scope, out);
    let mut chunk = Chunk::new();
    for item in items {
        match item {
            Pending::Row { raw, found, bad } => routing.take_into(&mut chunk, &raw, found, &bad),
        }
        if chunk.len() >= CHUNK {
            gather.add_chunk(&mut chunk);
        }
    }
    gather.add_chunk(&mut chunk);
    gather.finish(opts)
}

/// Where a row goes (its plan's position, if known) and what it gave.
type Outcome<'r> = (Option<usize>, Result<Valid<'r>, Vec<ObservationIssue>>);

/// A valid row as the validator gives it: its texts borrowed from the source row.
pub(crate) struct Valid<'r> {
    indicator: u32,
    date: NaiveDate,
    value: ObservedValue,
    participant: Option<Cow<'r, str>>,
    denominator: Option<f64>,
    commune: Option<Cow<'r, str>>,
    comment: Option<Cow<'r, str>>,
    row: usize,
}

/// Routes rows to their plan and validates them there.
pub(crate) struct Routing<'p, 'h> {
    scope: Scope<'p>,
    indexes: Vec<PlanIndex<'p>>,
    router: Router<'p>,
    shared_headers: &'h BTreeMap<Column, String>,
}

impl<'p, 'h> Routing<'p, 'h> {
    pub(crate) fn new(scope: Scope<'p>, shared_headers: &'h BTreeMap<Column, String>) -> Self {
        let plans = scope.plans();
        Routing {
            scope,
            indexes: plans.iter().map(|p| PlanIndex::new(p)).collect(),
            router: Router::new(plans),
            shared_headers,
        }
    }

    fn header(&self, raw: &dyn RowCells, column: Column) -> String {
        raw.own_header(column)
            .or_else(|| self.shared_headers.get(&column).map(String::as_str))
            .unwrap_or(column.name())
            .to_string()
    }

    /// Route one row to its plan and validate it there.
    fn take<'r>(
        &self,
        raw: &'r dyn RowCells,
        found: Vec<(Column, ObservationIssue)>,
        bad: &[Column],
    ) -> Outcome<'r> {
        let scope = self.scope;
        let key = if bad.contains(&Column::Territory) {
            // Already reported by the reader.
            return (None, Err(found.into_iter().map(|(_, f)| f).collect()));
        } else {
            cell_text(raw.value(Column::Territory))
        };
        let at = match key {
            None if scope.needs_territory() => {
                let h = self.header(raw, Column::Territory);
                let kind = K::EmptyCell {
                    header: h.clone(),
                    expected: Expected::Territory,
                };
                let issue = ObservationIssue::cell(kind, raw.row(), h);
                return (None, Err(vec![issue]));
            }
            None => 0,
            Some(k) => match self.router.route(&k) {
                Ok(Some(i)) => i,
                found => {
                    let h = self.header(raw, Column::Territory);
                    let issue =
                        territory_issue(raw.row(), &h, &k, scope, &self.router, found.is_ok());
                    return (None, Err(vec![issue]));
                }
            },
        };
        match self.indexes.get(at) {
            Some(index) => (
                Some(at),
                validate(index, raw, found, bad, self.shared_headers),
            ),
            None => (None, Err(Vec::new())),
        }
    }
}

/// Rows validated per chunk (in parallel with the `parallel` feature), then gathered in
/// order.
const CHUNK: usize = 1 << 15;

/// The validated rows of one chunk of input, in input order, ready to be gathered
/// ([`Gather::add_chunk`]). A reader fills a chunk on any thread ([`Routing::take_into`],
/// [`Chunk::broken`]) and hands the chunks to one [`Gather`] in input order.
///
/// Valid rows are kept as store entries whose participant and texts are interned into the
/// chunk's own dictionaries (no allocation per row); [`Gather::add_chunk`] maps those to the
/// input's dictionaries once per distinct value.
#[derive(Default)]
pub(crate) struct Chunk {
    items: Vec<Item>,
    participants: Interner,
    texts: Interner,
}

/// A row of a chunk: valid, for a plan, or its problems.
enum Item {
    Row(u32, Entry),
    Issues(Option<usize>, Vec<ObservationIssue>),
}

impl Chunk {
    /// An empty chunk.
    pub(crate) fn new() -> Self {
        Chunk::default()
    }

    /// A row whose structure is broken (already reported by its reader).
    pub(crate) fn broken(&mut self, issue: ObservationIssue) {
        self.items.push(Item::Issues(None, vec![issue]));
    }

    /// The number of rows (and broken rows) in the chunk.
    pub(crate) fn len(&self) -> usize {
        self.items.len()
    }

    fn add(&mut self, (at, result): Outcome<'_>) {
        let item = match (at, result) {
            (Some(plan), Ok(v)) => {
                let (value, tag) = store::encode(v.value);
                let texts = &mut self.texts;
                let mut text = |t: Option<Cow<'_, str>>| t.map_or(NONE, |t| texts.intern(&t));
                let commune = text(v.commune);
                let comment = text(v.comment);
                Item::Row(
                    u32::try_from(plan).unwrap_or(NONE),
                    Entry {
                        indicator: v.indicator,
                        day: day_of(v.date),
                        value,
                        tag,
                        denominator: v.denominator,
                        participant: v
                            .participant
                            .map_or(NONE, |p| self.participants.intern(p.trim())),
                        commune,
                        comment,
                        row: u32::try_from(v.row).unwrap_or(u32::MAX),
                    },
                )
            }
            (None, Ok(_)) => Item::Issues(None, Vec::new()),
            (at, Err(issues)) => Item::Issues(at, issues),
        };
        self.items.push(item);
    }
}

impl Routing<'_, '_> {
    /// Route one row to its plan, validate it there, and add the outcome to `chunk`.
    pub(crate) fn take_into(
        &self,
        chunk: &mut Chunk,
        raw: &dyn RowCells,
        found: Vec<(Column, ObservationIssue)>,
        bad: &[Column],
    ) {
        chunk.add(self.take(raw, found, bad));
    }
}

/// Validate every item with `take` and gather the outcomes in order: chunk by chunk, each
/// chunk across the cores with the `parallel` feature.
pub(crate) fn validate_all<T: Sync>(
    items: &[T],
    take: impl Fn(&mut Chunk, &T) + Sync,
    gather: &mut Gather,
) {
    // Chunks are reused from block to block: their buffers are allocated once.
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        // Pieces of a block are validated on every core, then gathered in order.
        let piece = (CHUNK / (4 * rayon::current_num_threads().max(1))).max(1024);
        let mut chunks: Vec<Chunk> = Vec::new();
        for block in items.chunks(CHUNK) {
            let parts: Vec<&[T]> = block.chunks(piece).collect();
            if chunks.len() < parts.len() {
                chunks.resize_with(parts.len(), Chunk::new);
            }
            chunks
                .par_iter_mut()
                .zip(parts.par_iter())
                .for_each(|(chunk, part)| {
                    for item in *part {
                        take(chunk, item);
                    }
                });
            for chunk in chunks.iter_mut().take(parts.len()) {
                gather.add_chunk(chunk);
            }
        }
    }
    #[cfg(not(feature = "parallel"))]
    {
        let mut chunk = Chunk::new();
        for block in items.chunks(CHUNK) {
            for item in block {
                take(&mut chunk, item);
            }
            gather.add_chunk(&mut chunk);
        }
    }
}

/// Gathers chunks: rows into their plan's store, problems aside; participants and texts
/// interned into the input's dictionaries (participants' raw ids dropped at the end).
pub(crate) struct Gather {
    routed: ByTerritory,
    issues: Vec<(Option<usize>, ObservationIssue)>,
    participants: Interner,
    texts: Interner,
    /// Per chunk, the input's id of each of the chunk's participants and texts.
    participant_ids: Vec<u32>,
    text_ids: Vec<u32>,
}

impl Gather {
    pub(crate) fn new(scope: Scope<'_>, out: Observations) -> Self {
        let observations = scope
            .plans()
            .iter()
            .map(|plan| {
                let ids = plan.indicators().map(|(_, i)| Arc::from(i.id.as_str()));
                let mut obs = out.clone();
                obs.store = Store::with_indicators(ids.collect());
                obs
            })
            .collect();
        Gather {
            routed: ByTerritory {
                observations,
                skipped: Vec::new(),
            },
            issues: Vec::new(),
            participants: Interner::default(),
            texts: Interner::default(),
            participant_ids: Vec::new(),
            text_ids: Vec::new(),
        }
    }

    /// Set what the input says of itself on every plan's observations.
    pub(crate) fn describe(&mut self, fictional: bool, notes: &[Note]) {
        for obs in &mut self.routed.observations {
            obs.fictional = fictional;
            obs.notes = notes.to_vec();
        }
    }

    /// Gather a chunk's rows, in order, and empty it (its buffers kept for the next rows).
    pub(crate) fn add_chunk(&mut self, chunk: &mut Chunk) {
        let Chunk {
            items,
            participants,
            texts,
        } = chunk;
        let intern = |ids: &mut Vec<u32>, local: &Interner, global: &mut Interner| {
            ids.clear();
            ids.extend((0..local.len()).map(|i| {
                let id = u32::try_from(i).unwrap_or(NONE);
                local.get(id).map_or(NONE, |s| global.intern(s))
            }));
        };
        intern(
            &mut self.participant_ids,
            participants,
            &mut self.participants,
        );
        intern(&mut self.text_ids, texts, &mut self.texts);
        participants.reset();
        texts.reset();
        let remap = |ids: &[u32], id: u32| {
            if id == NONE {
                NONE
            } else {
                ids.get(id as usize).copied().unwrap_or(NONE)
            }
        };
        for item in items.drain(..) {
            match item {
                Item::Row(plan, mut entry) => {
                    entry.participant = remap(&self.participant_ids, entry.participant);
                    entry.commune = remap(&self.text_ids, entry.commune);
                    entry.comment = remap(&self.text_ids, entry.comment);
                    if let Some(dest) = self.routed.observations.get_mut(plan as usize) {
                        dest.store.push(entry);
                    }
                }
                Item::Issues(at, found) => self.issues.extend(found.into_iter().map(|f| (at, f))),
            }
        }
    }

    /// Strict mode: fail with every problem; lenient: keep them as skipped rows. The
    /// participants' raw ids are dropped either way.
    pub(crate) fn finish(self, opts: &IngestOptions) -> Result<ByTerritory, ObservationError> {
        let Gather {
            mut routed,
            issues,
            mut participants,
            texts,
            ..
        } = self;
        participants.clear();
        let texts = Arc::new(texts.frozen());
        for obs in &mut routed.observations {
            obs.store.texts = Arc::clone(&texts);
            obs.store.shrink();
        }
        if issues.is_empty() {
            Ok(routed)
        } else if opts.lenient {
            for (at, issue) in issues {
                match at.and_then(|i| routed.observations.get_mut(i)) {
                    Some(dest) => dest.skipped.push(issue),
                    None => routed.skipped.push(issue),
                }
            }
            Ok(routed)
        } else {
            Err(ObservationError {
                issues: issues.into_iter().map(|(_, i)| i).collect(),
            })
        }
    }
}

/// The plan's indicators by id.
pub(crate) struct PlanIndex<'a> {
    /// Each indicator's measure and position in the plan.
    measures: FxHashMap<&'a str, (Measure, u32)>,
    ids: Vec<&'a str>,
}

impl<'a> PlanIndex<'a> {
    pub(crate) fn new(plan: &'a Plan) -> Self {
        let ids: Vec<&str> = plan.indicators().map(|(_, i)| i.id.as_str()).collect();
        let measures = plan
            .indicators()
            .enumerate()
            .map(|(at, (_, i))| {
                (
                    i.id.as_str(),
                    (i.measure, u32::try_from(at).unwrap_or(NONE)),
                )
            })
            .collect();
        PlanIndex { measures, ids }
    }
}

#[derive(Clone)]
enum Cell<'a> {
    Empty,
    /// Already reported by the reader.
    Bad,
    Text(Cow<'a, str>),
    /// A finite number from a typed column (value and denominator columns only).
    Number(f64),
    /// A date from a typed column (date column only).
    Date(NaiveDate),
}

/// A typed number's text, as a text cell would hold it (`12`, `12.5`).
fn number_text(n: f64) -> String {
    n.to_string()
}

/// The cells of one row, as its source holds them: a [`RawRow`] (text) or a row of a
/// [`Table`] (typed columns).
pub(crate) trait RowCells {
    /// The row number reported in messages.
    fn row(&self) -> usize;
    /// A cell.
    fn value(&self, column: Column) -> CellValue<'_>;
    /// The row's own header for a column (JSON keys), if any.
    fn own_header(&self, column: Column) -> Option<&str>;
}

impl RowCells for RawRow {
    fn row(&self) -> usize {
        self.row
    }

    fn value(&self, column: Column) -> CellValue<'_> {
        match self.cell(column) {
            None => CellValue::Empty,
            Some(t) => CellValue::Text(t),
        }
    }

    fn own_header(&self, column: Column) -> Option<&str> {
        self.headers.get(&column).map(String::as_str)
    }
}

/// A cell's text, whatever its type (`None` when empty): how a typed cell reads where
/// text is expected (ids, participants, communes, comments).
fn cell_text(value: CellValue<'_>) -> Option<Cow<'_, str>> {
    let text = match value {
        CellValue::Empty => return None,
        CellValue::Text(t) => Cow::Borrowed(t.trim()),
        CellValue::Number(n) if n.is_nan() => return None,
        CellValue::Number(n) => Cow::Owned(number_text(n)),
        CellValue::Int(i) => Cow::Owned(i.to_string()),
        CellValue::Date(d) => Cow::Owned(d.format("%Y-%m-%d").to_string()),
        CellValue::Bool(b) => Cow::Borrowed(if b { "true" } else { "false" }),
    };
    (!text.is_empty()).then_some(text)
}

/// The cell being checked against a sign constraint, for the messages.
#[derive(Clone, Copy)]
enum Quantity {
    /// A value that may be negative (scores).
    Signed,
    /// A value that must not be negative: what it is.
    NonNegative(Amount),
}

struct Check<'r, 'h> {
    raw: &'r dyn RowCells,
    /// Headers as written, shared by every row of a file (a row's own win).
    shared_headers: &'h BTreeMap<Column, String>,
    bad: &'h [Column],
    issues: Vec<(Column, ObservationIssue)>,
}

impl<'r> Check<'r, '_> {
    fn cell(&self, column: Column) -> Cell<'r> {
        if self.bad.contains(&column) {
            return Cell::Bad;
        }
        let value = self.raw.value(column);
        // Typed numbers and dates skip parsing where the column wants them.
        match (column, value) {
            (Column::Value | Column::Denominator, CellValue::Number(n)) if n.is_finite() => {
                return Cell::Number(n)
            }
            (Column::Value | Column::Denominator, CellValue::Int(i))
                if i.unsigned_abs() < (1 << 53) =>
            {
                return Cell::Number(i as f64)
            }
            (Column::Date, CellValue::Date(d)) => return Cell::Date(d),
            _ => {}
        }
        match cell_text(value) {
            None => Cell::Empty,
            Some(t) => Cell::Text(t),
        }
    }

    fn header(&self, column: Column) -> &str {
        match self.raw.own_header(column) {
            Some(h) => h,
            None => self
                .shared_headers
                .get(&column)
                .map_or(column.name(), String::as_str),
        }
    }

    fn push(&mut self, column: Column, kind: K) {
        let issue = ObservationIssue::cell(kind, self.raw.row(), self.header(column));
        self.issues.push((column, issue));
    }

    fn missing(&mut self, column: Column, expected: Expected) {
        let header = self.header(column).to_string();
        self.push(column, K::EmptyCell { header, expected });
    }

    /// Parse a number cell of `column`, reporting type and constraint errors.
    fn number(&mut self, column: Column, text: &str, quantity: Quantity) -> Option<f64> {
        self.checked(column, values::parse_number(text), text, quantity)
    }

    /// A number cell of `column` from a typed column: finite; checked like a text one.
    fn typed_number(&mut self, column: Column, n: f64, quantity: Quantity) -> Option<f64> {
        if n >= 0.0 || matches!(quantity, Quantity::Signed) {
            return Some(n);
        }
        self.checked(column, Ok(n), &number_text(n), quantity)
    }

    /// Report the type and constraint errors of a parsed number cell.
    fn checked(
        &mut self,
        column: Column,
        parsed: Result<f64, NumberError>,
        text: &str,
        quantity: Quantity,
    ) -> Option<f64> {
        // The common case, a valid cell, builds no message text.
        if let Ok(n) = parsed {
            if n >= 0.0 || matches!(quantity, Quantity::Signed) {
                return Some(n);
            }
        }
        let header = self.header(column).to_string();
        let value = shown(text);
        let denominator = column == Column::Denominator;
        match parsed {
            Ok(n) => match quantity {
                Quantity::NonNegative(amount) if n < 0.0 => {
                    self.push(
                        column,
                        K::Negative {
                            value,
                            header,
                            denominator,
                            amount,
                        },
                    );
                    None
                }
                _ => Some(n),
            },
            Err(NumberError::NotFinite) => {
                self.push(
                    column,
                    K::NotFinite {
                        value,
                        header,
                        denominator,
                    },
                );
                None
            }
            Err(e) => {
                let problem = match e {
                    NumberError::Percent => NumberProblem::Percent,
                    NumberError::Separators => NumberProblem::Separators,
                    NumberError::Grouping => NumberProblem::Grouping,
                    NumberError::NotANumber | NumberError::NotFinite => NumberProblem::NotANumber,
                };
                self.push(
                    column,
                    K::NotANumber {
                        value,
                        header,
                        denominator,
                        problem,
                    },
                );
                None
            }
        }
    }
}

/// The sign constraint of a measure's values.
fn quantity_of(measure: Measure) -> Quantity {
    match measure {
        Measure::Count => Quantity::NonNegative(Amount::Count),
        Measure::Stock => Quantity::NonNegative(Amount::Stock),
        Measure::Ratio => Quantity::NonNegative(Amount::RatioNumerator),
        Measure::DistinctCount => Quantity::NonNegative(Amount::DistinctCount),
        _ => Quantity::Signed,
    }
}

const DENOMINATOR: Quantity = Quantity::NonNegative(Amount::RatioDenominator);

/// The one row validator: type every cell by the indicator's measure, report every problem
/// of the row (in column order) or return the observation.
pub(crate) fn validate<'r>(
    index: &PlanIndex<'_>,
    raw: &'r dyn RowCells,
    found: Vec<(Column, ObservationIssue)>,
    bad: &[Column],
    shared_headers: &BTreeMap<Column, String>,
) -> Result<Valid<'r>, Vec<ObservationIssue>> {
    let mut check = Check {
        raw,
        shared_headers,
        bad,
        issues: found,
    };

    // Indicator.
    let mut indicator: Option<(u32, &str, Measure)> = None;
    match check.cell(Column::Indicator) {
        Cell::Empty => check.missing(Column::Indicator, Expected::Indicator),
        Cell::Bad => {}
        Cell::Number(_) | Cell::Date(_) => {}
        Cell::Text(id) => match index.measures.get(id.as_ref()) {
            Some((m, at)) => {
                let known = index.ids.get(*at as usize).copied().unwrap_or_default();
                indicator = Some((*at, known, *m));
            }
            None => {
                let kind = K::UnknownIndicator {
                    value: shown(&id),
                    header: check.header(Column::Indicator).to_string(),
                    suggestion: did_you_mean(&id, &index.ids),
                };
                check.push(Column::Indicator, kind);
            }
        },
    }

    // Date.
    let mut date = None;
    match check.cell(Column::Date) {
        Cell::Empty => check.missing(Column::Date, Expected::Date),
        Cell::Bad => {}
        Cell::Date(d) => date = Some(d),
        Cell::Number(_) => {}
        Cell::Text(t) => match values::parse_date(&t) {
            Ok(d) => date = Some(d),
            Err(e) => {
                let header = check.header(Column::Date).to_string();
                let value = shown(&t);
                let kind = match e {
                    DateError::NotADate => K::NotADate { value, header },
                    DateError::NoSuchDay => K::NoSuchDay { value, header },
                };
                check.push(Column::Date, kind);
            }
        },
    }

    // Value, participant and denominator, typed by the measure.
    let mut value = None;
    let mut participant = None;
    let mut denominator = None;
    if let Some((_, id, measure)) = indicator {
        let cell = match (measure, check.cell(Column::Value)) {
            // Flags and assessments are read from their text.
            (Measure::Milestone | Measure::Qualitative, Cell::Number(n)) => {
                Cell::Text(Cow::Owned(number_text(n)))
            }
            (_, cell) => cell,
        };
        value = match (measure, cell) {
            (_, Cell::Bad) => None,
            (Measure::DistinctCount, Cell::Empty) => Some(ObservedValue::Number(1.0)),
            (Measure::Milestone, Cell::Empty) => {
                check.missing(Column::Value, Expected::Flag);
                None
            }
            (Measure::Qualitative, Cell::Empty) => {
                check.missing(Column::Value, Expected::Assessment);
                None
            }
            (_, Cell::Empty) => {
                check.missing(Column::Value, Expected::Number);
                None
            }
            (_, Cell::Date(_)) => None,
            (m, Cell::Number(n)) => check
                .typed_number(Column::Value, n, quantity_of(m))
                .map(ObservedValue::Number),
            (Measure::Milestone, Cell::Text(t)) => match values::parse_flag(&t) {
                Some(done) => Some(ObservedValue::Done(done)),
                None => {
                    let kind = K::NotAFlag {
                        value: shown(&t),
                        header: check.header(Column::Value).to_string(),
                        indicator: id.to_string(),
                    };
                    check.push(Column::Value, kind);
                    None
                }
            },
            (Measure::Qualitative, Cell::Text(t)) => match values::parse_assessment(&t) {
                Some(a) => Some(ObservedValue::Assessment(a)),
                None => {
                    let kind = K::NotAnAssessment {
                        value: shown(&t),
                        header: check.header(Column::Value).to_string(),
                    };
                    check.push(Column::Value, kind);
                    None
                }
            },
            (m, Cell::Text(t)) => check
                .number(Column::Value, &t, quantity_of(m))
                .map(ObservedValue::Number),
        };

        match check.cell(Column::Participant) {
            Cell::Text(p) => participant = Some(p),
            Cell::Number(_) | Cell::Date(_) => {}
            Cell::Empty if measure == Measure::DistinctCount => {
                // Never echo a participant id: this message names only the column.
                let kind = K::MissingParticipant {
                    indicator: id.to_string(),
                    header: check.header(Column::Participant).to_string(),
                };
                check.push(Column::Participant, kind);
            }
            Cell::Empty | Cell::Bad => {}
        }

        match check.cell(Column::Denominator) {
            Cell::Text(t) => {
                denominator = check.number(Column::Denominator, &t, DENOMINATOR);
            }
            Cell::Number(n) => {
                denominator = check.typed_number(Column::Denominator, n, DENOMINATOR);
            }
            Cell::Date(_) => {}
            Cell::Empty if measure == Measure::Ratio => {
                let kind = K::MissingDenominator {
                    indicator: id.to_string(),
                    header: check.header(Column::Denominator).to_string(),
                    value_header: check.header(Column::Value).to_string(),
                };
                check.push(Column::Denominator, kind);
            }
            Cell::Empty | Cell::Bad => {}
        }
    }

    let text = |c: Column| match check.cell(c) {
        Cell::Text(t) => Some(t),
        Cell::Empty | Cell::Bad | Cell::Number(_) | Cell::Date(_) => None,
    };
    let commune = text(Column::Commune);
    let comment = text(Column::Comment);

    if !check.issues.is_empty() {
        let mut issues = check.issues;
        issues.sort_by_key(|(c, _)| *c);
        return Err(issues.into_iter().map(|(_, i)| i).collect());
    }
    match (indicator, date, value) {
        (Some((at, _, _)), Some(date), Some(value)) => Ok(Valid {
            indicator: at,
            date,
            value,
            participant,
            denominator,
            commune,
            comment,
            row: raw.row(),
        }),
        // Unreachable in practice: a missing piece always comes with an issue.
        _ => Err(vec![ObservationIssue::new(
            K::RowUnreadable,
            Some(raw.row()),
        )]),
    }
}

/// Validate rows built by a caller (the Python and JS bindings build them from a list of
/// dicts or an array of objects), exactly as CSV and JSON rows are validated.
///
/// ```
/// use ctg_core::io::{read_rows, Column, IngestOptions, ObservedValue, RawRow};
/// use ctg_core::Lang;
/// # let plan: ctg_core::model::Plan = toml::from_str(r#"
/// # id = "demo"
/// # title = "Démo"
/// # territory = "Sundgau"
/// # period = { start = 2025, end = 2029 }
/// # [[fiches]]
/// # number = 1
/// # title = "Accueil"
/// # axis = 1
/// # schedule = { start = 2025, end = 2029 }
/// # [[fiches.indicators]]
/// # id = "f1.1"
/// # label = "Familles accueillies"
/// # measure = "count"
/// # "#).unwrap();
/// let row = RawRow::new(1)
///     .with(Column::Indicator, "f1.1")
///     .with(Column::Date, "31/03/2026")
///     .with(Column::Value, "12,5");
/// let obs = read_rows(&plan, [row], &IngestOptions::default()).unwrap();
/// assert_eq!(obs.rows()[0].value, ObservedValue::Number(12.5));
///
/// let bad = RawRow::new(2).with(Column::Indicator, "F1.1").with(Column::Date, "2026-03-31");
/// let err = read_rows(&plan, [bad], &IngestOptions::default()).unwrap_err();
/// assert_eq!(err.issues[0].code().as_str(), "unknown_indicator");
/// assert_eq!(err.issues[0].hint(Lang::En).as_deref(), Some("did you mean `f1.1`?"));
/// assert_eq!(err.issues[0].hint(Lang::Fr).as_deref(), Some("vouliez-vous dire `f1.1` ?"));
/// ```
pub fn read_rows(
    plan: &Plan,
    rows: impl IntoIterator<Item = RawRow>,
    opts: &IngestOptions,
) -> Result<Observations, ObservationError> {
    finish(
        plan,
        rows.into_iter().map(Pending::row),
        opts,
        Observations::default(),
        &BTreeMap::new(),
    )
}

/// Validate rows built by a caller for several plans at once: each row goes to the plan its
/// [`Column::Territory`] cell names — a plan's id (exact, or ignoring case, accents and
/// punctuation) or its territory's name (likewise) — and is validated against that plan as
/// [`read_rows`] does. With more than one plan, a row without territory is a
/// `missing_cell` error; a territory that names no plan (or several) is
/// `unknown_territory`, with a did-you-mean hint.
///
/// The result holds one [`Observations`] per plan, in the order of `plans`, ready for
/// [`evaluate_many`](crate::eval::evaluate_many).
///
/// ```
/// use ctg_core::io::{read_rows_territories, Column, IngestOptions, RawRow};
/// let a = ctg_core::plans::sundgau().unwrap();
/// let mut b = a.clone();
/// b.id = "ctg-0001".into();
/// b.territory = "Territoire fictif 1".into();
/// let row = |n, t: &str| RawRow::new(n)
///     .with(Column::Territory, t)
///     .with(Column::Indicator, "f8.1")
///     .with(Column::Date, "2026-12-31")
///     .with(Column::Value, "30");
/// let rows = [row(1, "ctg-0001"), row(2, "Sundgau 2025-2029"), row(3, "TERRITOIRE FICTIF 1")];
/// let read = read_rows_territories(&[&a, &b], rows, &IngestOptions::default()).unwrap();
/// let counts: Vec<usize> = read.observations.iter().map(|o| o.len()).collect();
/// assert_eq!(counts, [1, 2]);
///
/// let err = read_rows_territories(&[&a, &b], [row(4, "ctg-0002")], &IngestOptions::default())
///     .unwrap_err();
/// assert_eq!(err.issues[0].code().as_str(), "unknown_territory");
/// ```
pub fn read_rows_territories(
    plans: &[&Plan],
    rows: impl IntoIterator<Item = RawRow>,
    opts: &IngestOptions,
) -> Result<ByTerritory, ObservationError> {
    finish_scoped(
        Scope::Many(plans),
        rows.into_iter().map(Pending::row),
        opts,
        Observations::default(),
        &BTreeMap::new(),
    )
}
