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

/// Where a territory cell sends its row, by the readers' rules (see [`TerritoryRouter`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Route {
    /// The plan at this position.
    Plan(usize),
    /// The cell names several plans (two plans of one territory name): the readers'
    /// `unknown_territory` (its message says it names several).
    Several,
    /// The cell names no plan: the readers' `unknown_territory`.
    Unknown,
    /// The cell is empty while several plans are given: the readers' `missing_cell`.
    Empty,
}

impl Route {
    /// The stable code of the readers' problem for a row routed nowhere
    /// (`unknown_territory` for a territory naming no plan or several, `missing_cell` for an
    /// empty one); `None` for a plan.
    pub fn code(self) -> Option<super::ObservationErrorCode> {
        use super::ObservationErrorCode as C;
        match self {
            Route::Plan(_) => None,
            Route::Several | Route::Unknown => Some(C::UnknownTerritory),
            Route::Empty => Some(C::MissingCell),
        }
    }
}

/// The routing of the many-plan readers, on its own: which plan a territory cell names
/// (its id exactly, then its id or territory name with case, accents and punctuation
/// ignored), for callers that split a table by plan before reading it (a distributed
/// evaluation routes each partition's distinct territories, then ships each plan's rows
/// together). The readers route every row by the same rules, so a row routed here to a
/// plan is read there as that plan's.
///
/// ```
/// use ctg_core::io::{Route, TerritoryRouter};
/// let a = ctg_core::plans::sundgau()?;
/// let mut b = a.clone();
/// b.id = "ctg-0001".into();
/// b.territory = "Territoire fictif 1".into();
/// let router = TerritoryRouter::new(&[&a, &b]);
/// assert_eq!(router.route("ctg-0001"), Route::Plan(1));
/// assert_eq!(router.route(" territoire FICTIF 1 "), Route::Plan(1));
/// assert_eq!(router.route("Sundgau-2025-2029"), Route::Plan(0));
/// assert_eq!(router.route("ctg-0002"), Route::Unknown);
/// assert_eq!(router.route(""), Route::Empty);
/// # Ok::<(), ctg_core::model::PlanError>(())
/// ```
pub struct TerritoryRouter<'p> {
    router: Router<'p>,
    plans: usize,
}

impl std::fmt::Debug for TerritoryRouter<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TerritoryRouter")
            .field("plans", &self.plans)
            .finish_non_exhaustive()
    }
}

impl<'p> TerritoryRouter<'p> {
    /// The router of these plans (the positions it answers are theirs).
    pub fn new(plans: &[&'p Plan]) -> Self {
        TerritoryRouter {
            router: Router::new(plans),
            plans: plans.len(),
        }
    }

    /// Where a row whose territory cell holds `cell` goes. With one plan, an empty cell
    /// is that plan's, as the readers read it.
    pub fn route(&self, cell: &str) -> Route {
        match cell_text(super::CellValue::Text(cell)) {
            None if self.plans == 1 => Route::Plan(0),
            None => Route::Empty,
            Some(key) => match self.router.route(&key) {
                Ok(Some(i)) => Route::Plan(i),
                Ok(None) => Route::Several,
                Err(()) => Route::Unknown,
            },
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::{Route, TerritoryRouter};
    use crate::io::{read_csv_territories, IngestOptions};

    /// The router sends each cell where the many-plan reader sends its row, and names the
    /// reader's problem for the others.
    #[test]
    fn the_router_routes_as_the_reader_reads() {
        let a = crate::plans::sundgau().unwrap();
        let mut b = a.clone();
        b.id = "ctg-0001".into();
        b.territory = "Territoire fictif 1".into();
        let mut c = a.clone();
        c.id = "ctg-0002".into();
        c.territory = "Territoire fictif 1".into();
        let plans = [&a, &b, &c];
        let router = TerritoryRouter::new(&plans);
        let cells = [
            "sundgau-2025-2029",
            "  CTG-0001 ",
            "ctg_0002",
            "Territoire Fictif 1",
            "Territoire fictif 3",
            "",
            "Communauté de Communes Sundgau (CCS)",
            "communaute de communes sundgau ccs",
        ];
        let mut csv = String::from("# Données fictives\nterritoire;indicateur;date;valeur\n");
        for cell in cells {
            csv.push_str(&format!("{cell};f8.1;31/12/2026;1\n"));
        }
        let opts = IngestOptions {
            lenient: true,
            ..IngestOptions::default()
        };
        let read = read_csv_territories(&plans, csv.as_bytes(), &opts).unwrap();
        let mut per_plan = vec![0; plans.len()];
        for (i, cell) in cells.iter().enumerate() {
            let row = i + 3;
            let route = router.route(cell);
            let issue = read.skipped.iter().find(|s| s.row == Some(row));
            assert_eq!(issue.map(|s| s.code()), route.code(), "{cell:?}");
            if let Route::Plan(p) = route {
                per_plan[p] += 1;
            }
        }
        let read_per_plan: Vec<usize> = read.observations.iter().map(|o| o.len()).collect();
        assert_eq!(read_per_plan, per_plan);
        assert_eq!(router.route("ctg-0001"), Route::Plan(1));
        assert_eq!(router.route("Territoire fictif 1"), Route::Several);
        assert_eq!(router.route("Territoire fictif 3"), Route::Unknown);
        assert_eq!(router.route(""), Route::Empty);
        assert_eq!(TerritoryRouter::new(&[&a]).route(" "), Route::Plan(0));
    }
}
