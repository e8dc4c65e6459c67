//! Gathering: validated rows collected chunk by chunk (chunks filled on any thread, gathered
//! in input order) into each plan's columnar store, participants and texts interned into the
//! input's dictionaries, problems kept aside; strict and lenient endings.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

use super::route::{Outcome, RouteCache, Routing, Scope};
use super::store::{self, day_of, Entry, Interner, Store, NONE};
use super::validate::RowCells;
use super::{
    ByTerritory, Column, IngestOptions, Note, ObservationError, ObservationIssue, Observations,
    RawRow,
};
use crate::model::Plan;

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
    let routing = Routing::new(scope, shared_headers, opts);
    let mut gather = Gather::new(scope, out, opts);
    let mut chunk = Chunk::new(opts.limits.issues());
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

/// Rows validated per chunk (in parallel with the `parallel` feature), then gathered in
/// order.
const CHUNK: usize = 1 << 16;

/// The validated rows of one chunk of input, in input order, ready to be gathered
/// ([`Gather::add_chunk`]). A reader fills a chunk on any thread ([`Routing::take_into`],
/// [`Chunk::broken`]) and hands the chunks to one [`Gather`] in input order.
///
/// Valid rows are kept as store entries whose participant and texts are interned into the
/// chunk's own dictionaries (no allocation per row); [`Gather::add_chunk`] maps those to the
/// input's dictionaries once per distinct value.
///
/// A chunk keeps the problems of its rows until it holds `keep` of them (the input's
/// `max_issues`); the later ones are only counted. The input keeps its first `max_issues`
/// problems in row order, which are among the first `max_issues` of each chunk: what a
/// chunk drops would have been dropped anyway, and a million bad rows cost no more memory
/// than a thousand.
pub(crate) struct Chunk {
    items: Vec<Item>,
    route: RouteCache,
    participants: Interner,
    texts: Interner,
    /// Problems kept at most.
    keep: usize,
    /// Problems kept since the chunk was last gathered.
    kept: usize,
    /// Problems counted past `keep` since the chunk was last gathered.
    dropped: u64,
}

/// A row of a chunk: valid, for a plan, or its problems.
enum Item {
    Row(u32, Entry),
    Issues(Option<usize>, Vec<ObservationIssue>),
}

impl Chunk {
    /// An empty chunk keeping at most `keep` problems (the input's `max_issues`).
    pub(crate) fn new(keep: usize) -> Self {
        Chunk {
            items: Vec::new(),
            route: RouteCache::default(),
            participants: Interner::default(),
            texts: Interner::default(),
            keep,
            kept: 0,
            dropped: 0,
        }
    }

    /// A row whose structure is broken (already reported by its reader).
    pub(crate) fn broken(&mut self, issue: ObservationIssue) {
        self.issues(None, vec![issue]);
    }

    /// A row's problems: kept while the chunk holds fewer than `keep`, counted after.
    fn issues(&mut self, at: Option<usize>, issues: Vec<ObservationIssue>) {
        if self.kept < self.keep {
            self.kept = self.kept.saturating_add(issues.len());
            self.items.push(Item::Issues(at, issues));
        } else {
            let n = u64::try_from(issues.len()).unwrap_or(u64::MAX);
            self.dropped = self.dropped.saturating_add(n);
            // The row is still counted (`max_rows`).
            self.items.push(Item::Issues(at, Vec::new()));
        }
    }

    /// The number of rows (and broken rows) in the chunk.
    pub(crate) fn len(&self) -> usize {
        self.items.len()
    }

    fn add(&mut self, (at, result): Outcome<'_>) {
        let item = match (at, result) {
            (at, Err(issues)) if !issues.is_empty() => return self.issues(at, issues),
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
        // Once the chunk keeps `max_issues` problems, a bad row's are only counted.
        let counter = (chunk.kept >= chunk.keep).then_some(&mut chunk.dropped);
        let outcome = self.take(raw, found, bad, &mut chunk.route, counter);
        chunk.add(outcome);
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
        // Pieces large enough that a chunk's dictionaries map few values per row.
        let piece = (CHUNK / (2 * rayon::current_num_threads().max(1))).max(4096);
        // A block's rows are gathered while the next block is validated (two sets of
        // chunks, swapped); an unused chunk is empty and gathers nothing.
        let mut ready: Vec<Chunk> = Vec::new();
        let mut next: Vec<Chunk> = Vec::new();
        for block in items.chunks(CHUNK) {
            let parts: Vec<&[T]> = block.chunks(piece).collect();
            if next.len() < parts.len() {
                let keep = gather.limits.issues();
                next.resize_with(parts.len(), || Chunk::new(keep));
            }
            let (into, filling) = (&mut *gather, &mut next);
            rayon::join(
                || {
                    for chunk in ready.iter_mut() {
                        into.add_chunk(chunk);
                    }
                },
                || {
                    filling
                        .par_iter_mut()
                        .zip(parts.par_iter())
                        .for_each(|(chunk, part)| {
                            for item in *part {
                                take(chunk, item);
                            }
                        })
                },
            );
            std::mem::swap(&mut ready, &mut next);
        }
        for chunk in ready.iter_mut() {
            gather.add_chunk(chunk);
        }
    }
    #[cfg(not(feature = "parallel"))]
    {
        let mut chunk = Chunk::new(gather.limits.issues());
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
    /// The input's limits (rows, problems kept).
    limits: crate::Limits,
    /// Rows gathered (good and bad).
    rows: u64,
    /// Problems past `max_issues`, counted and dropped.
    dropped: u64,
    /// Set when the rows went past `max_rows`: the rest are dropped, the read fails.
    over: Option<crate::limits::LimitExceeded>,
}

impl Gather {
    pub(crate) fn new(scope: Scope<'_>, out: Observations, opts: &IngestOptions) -> Self {
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
            limits: opts.limits,
            rows: 0,
            dropped: 0,
            over: None,
        }
    }

    /// A problem of a row found outside the validator (a CSV data row that starts with a
    /// spreadsheet error, taken for a comment by the CSV reader), placed among the others
    /// in row order.
    ///
    /// At most `max_issues` are kept, the first by row: one past them is counted, as the
    /// last of them is when one comes before it.
    pub(crate) fn reject(&mut self, issue: ObservationIssue) {
        let row = issue.row;
        let at = self.issues.partition_point(|(_, i)| i.row <= row);
        let keep = self.limits.issues();
        if at >= keep {
            self.dropped = self.dropped.saturating_add(1);
            return;
        }
        self.issues.insert(at, (None, issue));
        if self.issues.len() > keep {
            self.issues.truncate(keep);
            self.dropped = self.dropped.saturating_add(1);
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
            kept,
            dropped,
            ..
        } = chunk;
        self.dropped = self.dropped.saturating_add(std::mem::take(dropped));
        *kept = 0;
        // Rows past `max_rows` are dropped and the read fails ([`Gather::finish`]).
        self.rows = self
            .rows
            .saturating_add(u64::try_from(items.len()).unwrap_or(u64::MAX));
        if self.over.is_some() || self.rows > self.limits.max_rows {
            self.over = Some(crate::limits::LimitExceeded {
                limit: crate::limits::Limit::MaxRows,
                value: self.limits.max_rows,
                found: None,
            });
            items.clear();
            participants.reset();
            texts.reset();
            return;
        }
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
                Item::Issues(at, found) => {
                    // At most `max_issues` problems are kept; the rest are counted.
                    let room = self.limits.issues().saturating_sub(self.issues.len());
                    let n = found.len();
                    self.issues
                        .extend(found.into_iter().take(room).map(|f| (at, f)));
                    self.dropped = self
                        .dropped
                        .saturating_add(u64::try_from(n.saturating_sub(room)).unwrap_or(0));
                }
            }
        }
    }

    /// Strict mode: fail with every problem; lenient: keep them as skipped rows. The
    /// participants' raw ids are dropped either way. At most `max_issues` problems are
    /// kept: one last `limit_exceeded` problem counts the others (« … et 12 345 autres
    /// problèmes »); past `max_rows`, the read fails with that problem alone.
    pub(crate) fn finish(self, opts: &IngestOptions) -> Result<ByTerritory, ObservationError> {
        let Gather {
            mut routed,
            mut issues,
            mut participants,
            texts,
            limits,
            dropped,
            over,
            ..
        } = self;
        participants.clear();
        if let Some(over) = over {
            return Err(ObservationError {
                issues: vec![ObservationIssue::new(
                    super::ObservationErrorKind::LimitExceeded(over),
                    None,
                )],
            });
        }
        if dropped > 0 {
            let more = crate::limits::LimitExceeded {
                limit: crate::limits::Limit::MaxIssues,
                value: limits.max_issues,
                found: Some(dropped),
            };
            issues.push((
                None,
                ObservationIssue::new(super::ObservationErrorKind::LimitExceeded(more), None),
            ));
        }
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
