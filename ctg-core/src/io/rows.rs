//! The shared row validator: CSV, JSON and the bindings' rows all converge on
//! [`validate`], through [`finish`].

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rustc_hash::FxHashMap;

use chrono::NaiveDate;

use super::fuzzy::{did_you_mean, words};
use super::table::CellValue;
use super::values::{self, DateError, NumberError};
use super::{
    Amount, Expected, Note, NumberProblem, Observation, ObservationError,
    ObservationErrorKind as K, ObservationIssue, ObservedValue, ParticipantId,
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
#[derive(Debug, Clone, Default)]
pub struct Observations {
    /// The valid rows, in input order.
    pub rows: Vec<Observation>,
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
            gather.add_chunk(std::mem::take(&mut chunk));
        }
    }
    gather.add_chunk(chunk);
    gather.finish(opts)
}

/// Where a row goes (its plan's position, if known) and what it gave.
pub(crate) type Outcome = (Option<usize>, Result<Observation, Vec<ObservationIssue>>);

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
    fn take(
        &self,
        raw: &dyn RowCells,
        found: Vec<(Column, ObservationIssue)>,
        bad: &[Column],
    ) -> Outcome {
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
#[derive(Default)]
pub(crate) struct Chunk {
    outcomes: Vec<Outcome>,
}

impl Chunk {
    /// An empty chunk.
    pub(crate) fn new() -> Self {
        Chunk::default()
    }

    /// A row whose structure is broken (already reported by its reader).
    pub(crate) fn broken(&mut self, issue: ObservationIssue) {
        self.outcomes.push((None, Err(vec![issue])));
    }

    /// The number of rows (and broken rows) in the chunk.
    pub(crate) fn len(&self) -> usize {
        self.outcomes.len()
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
        chunk.outcomes.push(self.take(raw, found, bad));
    }
}

/// Validate every item with `take` and gather the outcomes in order: chunk by chunk, each
/// chunk across the cores with the `parallel` feature.
pub(crate) fn validate_all<T: Sync>(
    items: &[T],
    take: impl Fn(&mut Chunk, &T) + Sync,
    gather: &mut Gather,
) {
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        // Pieces of a chunk are validated on every core, then gathered in order.
        let piece = (CHUNK / (4 * rayon::current_num_threads().max(1))).max(1024);
        for block in items.chunks(CHUNK) {
            let chunks: Vec<Chunk> = block
                .par_chunks(piece)
                .map(|part| {
                    let mut chunk = Chunk::new();
                    for item in part {
                        take(&mut chunk, item);
                    }
                    chunk
                })
                .collect();
            for chunk in chunks {
                gather.add_chunk(chunk);
            }
        }
    }
    #[cfg(not(feature = "parallel"))]
    for block in items.chunks(CHUNK) {
        let mut chunk = Chunk::new();
        for item in block {
            take(&mut chunk, item);
        }
        gather.add_chunk(chunk);
    }
}

/// Gathers outcomes: rows into their plan's observations, problems aside.
pub(crate) struct Gather {
    routed: ByTerritory,
    issues: Vec<(Option<usize>, ObservationIssue)>,
}

impl Gather {
    pub(crate) fn new(scope: Scope<'_>, out: Observations) -> Self {
        Gather {
            routed: ByTerritory {
                observations: vec![out; scope.plans().len()],
                skipped: Vec::new(),
            },
            issues: Vec::new(),
        }
    }

    /// Set what the input says of itself on every plan's observations.
    pub(crate) fn describe(&mut self, fictional: bool, notes: &[Note]) {
        for obs in &mut self.routed.observations {
            obs.fictional = fictional;
            obs.notes = notes.to_vec();
        }
    }

    /// Gather a chunk's rows, in order.
    pub(crate) fn add_chunk(&mut self, chunk: Chunk) {
        for outcome in chunk.outcomes {
            self.add(outcome);
        }
    }

    fn add(&mut self, (at, result): Outcome) {
        match result {
            Ok(obs) => {
                if let Some(dest) = at.and_then(|i| self.routed.observations.get_mut(i)) {
                    dest.rows.push(obs);
                }
            }
            Err(found) => self.issues.extend(found.into_iter().map(|f| (at, f))),
        }
    }

    /// Strict mode: fail with every problem; lenient: keep them as skipped rows.
    pub(crate) fn finish(self, opts: &IngestOptions) -> Result<ByTerritory, ObservationError> {
        let Gather { mut routed, issues } = self;
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
    /// Each indicator's measure, and its id shared by the observations.
    measures: FxHashMap<&'a str, (Measure, Arc<str>)>,
    ids: Vec<&'a str>,
}

impl<'a> PlanIndex<'a> {
    pub(crate) fn new(plan: &'a Plan) -> Self {
        let ids: Vec<&str> = plan.indicators().map(|(_, i)| i.id.as_str()).collect();
        let measures = plan
            .indicators()
            .map(|(_, i)| (i.id.as_str(), (i.measure, Arc::from(i.id.as_str()))))
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

struct Check<'r> {
    raw: &'r dyn RowCells,
    /// Headers as written, shared by every row of a file (a row's own win).
    shared_headers: &'r BTreeMap<Column, String>,
    bad: &'r [Column],
    issues: Vec<(Column, ObservationIssue)>,
}

impl<'r> Check<'r> {
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

    fn header(&self, column: Column) -> &'r str {
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
pub(crate) fn validate(
    index: &PlanIndex<'_>,
    raw: &dyn RowCells,
    found: Vec<(Column, ObservationIssue)>,
    bad: &[Column],
    shared_headers: &BTreeMap<Column, String>,
) -> Result<Observation, Vec<ObservationIssue>> {
    let mut check = Check {
        raw,
        shared_headers,
        bad,
        issues: found,
    };

    // Indicator.
    let mut indicator: Option<(&Arc<str>, Measure)> = None;
    match check.cell(Column::Indicator) {
        Cell::Empty => check.missing(Column::Indicator, Expected::Indicator),
        Cell::Bad => {}
        Cell::Number(_) | Cell::Date(_) => {}
        Cell::Text(id) => match index.measures.get(id.as_ref()) {
            Some((m, id)) => indicator = Some((id, *m)),
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
    if let Some((id, measure)) = indicator {
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
            Cell::Text(p) => participant = Some(ParticipantId::new(p)),
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
        Cell::Text(t) => Some(t.into_owned()),
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
        (Some((id, _)), Some(date), Some(value)) => Ok(Observation {
            indicator: Arc::clone(id),
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
/// assert_eq!(obs.rows[0].value, ObservedValue::Number(12.5));
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
/// let counts: Vec<usize> = read.observations.iter().map(|o| o.rows.len()).collect();
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
