//! Rows built by a caller (the bindings' older entry point, tests): [`read_rows`] and
//! [`read_rows_territories`], validated exactly as CSV and JSON rows are.

use std::collections::BTreeMap;

use super::gather::{finish, finish_scoped, Pending};
use super::route::Scope;
use super::{ByTerritory, IngestOptions, ObservationError, Observations, RawRow};
use crate::model::Plan;

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
