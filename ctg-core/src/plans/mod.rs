//! Bundled plans, embedded in the library so that examples need no path.

use crate::model::{Plan, PlanError};

/// The Sundgau plan 2025-2029 as TOML, transcribed from the plan's text
/// (`examples/sundgau/plan.toml`).
pub const SUNDGAU_TOML: &str = include_str!("../../../examples/sundgau/plan.toml");

/// The same plan as JSON (`examples/sundgau/plan.json`, what [`Plan::to_json`] writes of
/// [`SUNDGAU_TOML`]; a test keeps the two equal: `CTG_BLESS=1` rewrites it). A build
/// without TOML plans (the main web module) loads this one.
pub const SUNDGAU_JSON: &str = include_str!("../../../examples/sundgau/plan.json");

/// The CTG plan of the Communauté de Communes Sundgau, 2025-2029: 3 axes, 12 fiches,
/// 25 indicators, loaded from the embedded [`SUNDGAU_TOML`] (from [`SUNDGAU_JSON`] in a
/// build without the `toml` feature).
///
/// The test suite checks that the bundled file loads; the `Result` is kept so that no
/// input, not even a corrupted build, can make the library panic.
///
/// ```
/// let plan = ctg_core::plans::sundgau().unwrap();
/// assert_eq!((plan.axes.len(), plan.fiches.len(), plan.indicators().count()), (3, 12, 25));
/// ```
pub fn sundgau() -> Result<Plan, PlanError> {
    #[cfg(feature = "toml")]
    return Plan::from_toml(SUNDGAU_TOML);
    #[cfg(not(feature = "toml"))]
    Plan::from_json(SUNDGAU_JSON)
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

#[cfg(all(test, feature = "toml"))]
mod tests {
    use super::*;

    /// The JSON copy is the TOML plan as `to_json` writes it, byte for byte, and loads to
    /// the same plan. `CTG_BLESS=1` rewrites it after a change of the TOML.
    #[test]
    #[allow(clippy::unwrap_used)]
    fn the_json_copy_of_the_sundgau_plan_is_the_toml_one() {
        let from_toml = Plan::from_toml(SUNDGAU_TOML).unwrap();
        let json = from_toml.to_json().unwrap() + "\n";
        if std::env::var_os("CTG_BLESS").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/sundgau/plan.json");
            std::fs::write(path, &json).unwrap();
            return;
        }
        assert!(
            SUNDGAU_JSON == json,
            "examples/sundgau/plan.json differs from plan.toml: run CTG_BLESS=1 cargo test -p ctg-core --lib plans"
        );
        assert_eq!(Plan::from_json(SUNDGAU_JSON).unwrap(), from_toml);
    }
}
