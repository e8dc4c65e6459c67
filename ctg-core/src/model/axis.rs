//! Strategic axes (*axes*).

use serde::{Deserialize, Serialize};

/// A strategic axis of the plan, grouping fiches.
///
/// ```
/// use ctg_core::model::Axis;
/// let a: Axis = toml::from_str("number = 1\ntitle = \"Se lier de relier pour mieux relayer\"").unwrap();
/// assert_eq!(a.number, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Axis {
    /// The axis number (1-based), referred to by fiches.
    #[serde(alias = "numéro", alias = "numero")]
    pub number: u32,
    /// The axis title, as written in the plan.
    #[serde(alias = "titre")]
    pub title: String,
    /// An optional description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}
