//! Routing: which plan a row belongs to (the territory column, for several plans), and
//! its validation there.

use std::collections::{BTreeMap, HashMap};

use rustc_hash::FxHashMap;

use super::fuzzy::{words, Suggester};
use super::validate::{cell_text, too_long_id, validate, PlanIndex, RowCells, Valid};
use super::CellText;
use super::{Column, Expected, ObservationErrorKind as K, ObservationIssue};
use crate::model::Plan;

/// The plans an input is read against: one plan, or several keyed by a territory column.
#[derive(Clone, Copy)]
pub(crate) enum Scope<'p> {
    /// One plan: every row is its (a row naming another territory is an error).
    One(&'p Plan),
    /// Several plans: each row goes to the plan its territory cell names.
    Many(&'p [&'p Plan]),
}

impl<'p> Scope<'p> {
    pub(crate) fn plans(&self) -> &[&'p Plan] {
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

/// The plans by territory key: plan id (exact, then normalised) and territory name
/// (normalised); `None` when a key names several plans.
struct Router<'p> {
    exact: FxHashMap<&'p str, Option<usize>>,
    normalised: HashMap<String, Option<usize>>,
    /// Plan ids and territory names, for did-you-mean hints.
    names: Suggester<'p>,
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
            names: Suggester::new(names),
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
    limits: &crate::Limits,
) -> ObservationIssue {
    let echo = limits.echo_chars();
    let header = h.to_string();
    let kind = match (scope, too_long_id(key, limits)) {
        // It names plans given: not a participant's.
        _ if several => K::SeveralTerritories {
            value: CellText::of_id_within(key, true, echo),
            header,
        },
        // A territory that long is not compared with the plans' names.
        (_, Some(kind)) => kind,
        (Scope::One(plan), None) => K::OtherTerritory {
            value: CellText::of_within(key, echo),
            header,
            plan: plan.id.clone(),
            territory: plan.territory.clone(),
        },
        (Scope::Many(_), None) => {
            let suggestion = router.names.suggest(key);
            K::UnknownTerritory {
                value: CellText::of_id_within(key, suggestion.is_close(), echo),
                header,
                suggestion,
            }
        }
    };
    ObservationIssue::cell(kind, row, h)
}

/// Where a row goes (its plan's position, if known) and what it gave.
pub(crate) type Outcome<'r> = (Option<usize>, Result<Valid<'r>, Vec<ObservationIssue>>);

/// Routes rows to their plan and validates them there.
pub(crate) struct Routing<'p, 'h> {
    scope: Scope<'p>,
    indexes: Vec<PlanIndex<'p>>,
    router: Router<'p>,
    shared_headers: &'h BTreeMap<Column, String>,
    limits: crate::Limits,
}

impl<'p, 'h> Routing<'p, 'h> {
    pub(crate) fn new(
        scope: Scope<'p>,
        shared_headers: &'h BTreeMap<Column, String>,
        opts: &super::IngestOptions,
    ) -> Self {
        let plans = scope.plans();
        let limits = opts.limits;
        Routing {
            scope,
            indexes: plans.iter().map(|p| PlanIndex::new(p, limits)).collect(),
            router: Router::new(plans),
            shared_headers,
            limits,
        }
    }

    fn header(&self, raw: &dyn RowCells, column: Column) -> String {
        raw.own_header(column)
            .or_else(|| self.shared_headers.get(&column).map(String::as_str))
            .unwrap_or(column.name())
            .to_string()
    }

    /// Route one row to its plan and validate it there. With a `counter`, the row's
    /// problems are only counted there ([`validate`]).
    pub(crate) fn take<'r>(
        &self,
        raw: &'r dyn RowCells,
        found: Vec<(Column, ObservationIssue)>,
        bad: &[Column],
        cache: &mut RouteCache,
        counter: Option<&mut u64>,
    ) -> Outcome<'r> {
        let scope = self.scope;
        let key = if bad.contains(&Column::Territory) {
            // Already reported by the reader.
            if let Some(counter) = counter {
                let n = u64::try_from(found.len()).unwrap_or(u64::MAX);
                *counter = counter.saturating_add(n);
                return (None, Err(Vec::new()));
            }
            return (None, Err(found.into_iter().map(|(_, f)| f).collect()));
        } else {
            cell_text(raw.value(Column::Territory))
        };
        // One problem for the territory, the row not validated further: only counted.
        let counted = |counter: Option<&mut u64>| {
            counter.map(|c| {
                *c = c.saturating_add(1);
                (None, Err(Vec::new()))
            })
        };
        let at = match key {
            None if scope.needs_territory() => {
                if let Some(out) = counted(counter) {
                    return out;
                }
                let h = self.header(raw, Column::Territory);
                let kind = K::EmptyCell {
                    header: h.clone(),
                    expected: Expected::Territory,
                };
                let issue = ObservationIssue::cell(kind, raw.row(), h);
                return (None, Err(vec![issue]));
            }
            None => 0,
            Some(k) => match cache.route(&self.router, &k) {
                Ok(Some(i)) => i,
                found => {
                    if let Some(out) = counted(counter) {
                        return out;
                    }
                    let h = self.header(raw, Column::Territory);
                    let issue = territory_issue(
                        raw.row(),
                        &h,
                        &k,
                        scope,
                        &self.router,
                        found.is_ok(),
                        &self.limits,
                    );
                    return (None, Err(vec![issue]));
                }
            },
        };
        match self.indexes.get(at) {
            Some(index) => (
                Some(at),
                validate(index, raw, found, bad, self.shared_headers, counter),
            ),
            None => (None, Err(Vec::new())),
        }
    }
}

/// The last territory key routed and where it went: a run of rows of one territory (the
/// common layout) is routed by one string comparison per row, not a lookup.
#[derive(Debug, Default)]
pub(crate) struct RouteCache {
    key: String,
    found: Option<Result<Option<usize>, ()>>,
}

impl RouteCache {
    fn route(&mut self, router: &Router<'_>, key: &str) -> Result<Option<usize>, ()> {
        if let Some(found) = self.found
            && self.key == key
        {
            return found;
        }
        let found = router.route(key);
        self.key.clear();
        self.key.push_str(key);
        self.found = Some(found);
        found
    }
}
