//! Bundled plans, embedded in the library so that examples need no path.

use crate::model::{Plan, PlanError};

/// The Sundgau plan 2025-2029 as TOML, transcribed from the plan's text
/// (`examples/sundgau/plan.toml`).
pub const SUNDGAU_TOML: &str = include_str!("../../../examples/sundgau/plan.toml");

/// The CTG plan of the Communauté de Communes Sundgau, 2025-2029: 3 axes, 12 fiches,
/// 25 indicators, loaded from the embedded [`SUNDGAU_TOML`].
///
/// The test suite checks that the bundled file loads; the `Result` is kept so that no
/// input, not even a corrupted build, can make the library panic.
///
/// ```
/// let plan = ctg_core::plans::sundgau().unwrap();
/// assert_eq!((plan.axes.len(), plan.fiches.len(), plan.indicators().count()), (3, 12, 25));
/// ```
pub fn sundgau() -> Result<Plan, PlanError> {
    Plan::from_toml(SUNDGAU_TOML)
}

/// A plan 2025-2029 with one count indicator `x`, of the given window and target, for unit
/// tests.
#[cfg(test)]
pub(crate) fn one_indicator(window: &str, target: &str) -> Plan {
    #[allow(clippy::unwrap_used)]
    Plan::from_toml(&format!(
        r#"
id = "p"
title = "P"
territory = "T"
period = {{ start = 2025, end = 2029 }}
axes = [{{ number = 1, title = "A" }}]
[[fiches]]
number = 1
title = "F"
axis = 1
schedule = {{ start = 2025, end = 2029 }}
[[fiches.indicators]]
id = "x"
label = "X"
measure = "count"
window = "{window}"
target = "{target}"
"#
    ))
    .unwrap()
}
