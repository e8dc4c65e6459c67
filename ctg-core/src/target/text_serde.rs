//! Serde helpers that write targets as **text** (`target = "> 200"`) instead of the
//! structured form derived on [`Target`] (which JSON results use).
//!
//! - `#[serde(with = "ctg_core::target::text_serde")]` on an **`Option<Target>`** field
//!   (the usual case: an indicator may have no target). Add `default` so that a missing
//!   key reads as `None`, and `skip_serializing_if = "Option::is_none"` so that `None` is
//!   not written.
//! - `#[serde(with = "ctg_core::target::text_serde::required")]` on a **`Target`** field.
//!
//! Serialising writes the canonical French display ([`Target`]'s `Display`), which parses
//! back to an equal target. Deserialising accepts:
//! - a string, parsed with [`parse`](super::parse) (French or English); for `Option`, an
//!   empty or blank string reads as `None`;
//! - the structured form (a map such as `{"kind": {"type": "compare", …}}`), so files
//!   written either way load;
//! - a table of per-year levels, keyed by year (`{ 2026 = "≥ 20", 2028 = 30 }`): a
//!   schedule, read with [`schedule`](super::schedule);
//! - `null` / a missing key (with `#[serde(default)]`) for `Option`.
//!
//! A parse failure becomes a serde error carrying the target error's message and hint.
//!
//! ```
//! use ctg_core::target::{Comparator, Target, TargetKind};
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Debug, PartialEq, Serialize, Deserialize)]
//! struct Indicator {
//!     name: String,
//!     #[serde(default, skip_serializing_if = "Option::is_none", with = "ctg_core::target::text_serde")]
//!     target: Option<Target>,
//! }
//!
//! let ind: Indicator = toml::from_str("name = \"SIJ\"\ntarget = \">10/mois\"").unwrap();
//! let t = ind.target.as_ref().unwrap();
//! assert!(matches!(t.kind, TargetKind::Compare { op: Comparator::Gt, .. }));
//! assert_eq!(toml::to_string(&ind).unwrap(), "name = \"SIJ\"\ntarget = \"> 10 / mois\"\n");
//!
//! let none: Indicator = toml::from_str("name = \"forum\"").unwrap();
//! assert_eq!(none.target, None);
//! assert_eq!(serde_json::to_string(&none).unwrap(), r#"{"name":"forum"}"#);
//!
//! let err = toml::from_str::<Indicator>("name = \"x\"\ntarget = \"entre 20 et 10\"").unwrap_err();
//! assert!(err.to_string().contains("lower bound"));
//! ```

use std::fmt;

use serde::de::{self, Error as _, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serializer};

use super::ast::Target;
use super::error::TargetError;

/// Serialise an optional target as its canonical French text (`None` as none).
pub fn serialize<S: Serializer>(target: &Option<Target>, serializer: S) -> Result<S::Ok, S::Error> {
    match target {
        Some(target) => serializer.serialize_str(&target.to_string()),
        None => serializer.serialize_none(),
    }
}

/// Deserialise an optional target from text (blank text is `None`), from the structured
/// form, or from `null`.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Target>, D::Error> {
    deserializer.deserialize_option(OptionVisitor)
}

/// The same helpers for a required [`Target`] field:
/// `#[serde(with = "ctg_core::target::text_serde::required")]`.
///
/// ```
/// use ctg_core::target::Target;
/// use serde::Deserialize;
///
/// #[derive(Deserialize)]
/// struct Row {
///     #[serde(with = "ctg_core::target::text_serde::required")]
///     target: Target,
/// }
/// let row: Row = serde_json::from_str(r#"{"target": "+20%"}"#).unwrap();
/// assert_eq!(row.target.to_string(), "+20 % par rapport à la référence");
/// assert!(serde_json::from_str::<Row>(r#"{"target": ""}"#).is_err());
/// ```
pub mod required {
    use serde::{Deserializer, Serializer};

    use super::TextVisitor;
    use crate::target::Target;

    /// Serialise a target as its canonical French text.
    pub fn serialize<S: Serializer>(target: &Target, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&target.to_string())
    }

    /// Deserialise a target from text or from the structured form.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Target, D::Error> {
        deserializer
            .deserialize_any(TextVisitor { allow_blank: false })?
            .ok_or_else(|| {
                serde::de::Error::custom("empty target (write a target such as `> 200`)")
            })
    }
}

fn to_de_error<E: de::Error>(err: &TargetError) -> E {
    match err.hint(crate::Lang::En) {
        Some(hint) => E::custom(format!("invalid target: {err}; hint: {hint}")),
        None => E::custom(format!("invalid target: {err}")),
    }
}

/// Visits a string or a structured target; `None` only for a blank string when allowed.
struct TextVisitor {
    allow_blank: bool,
}

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Option<Target>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a target such as \"> 200\" or \"+20%\", or a structured target")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        if self.allow_blank && text.trim().is_empty() {
            return Ok(None);
        }
        super::parse(text)
            .map(Some)
            .map_err(|err| to_de_error(&err))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let value = serde_json::Value::deserialize(de::value::MapAccessDeserializer::new(map))?;
        if let Some(entries) = schedule_entries(&value) {
            let entries = entries.map_err(A::Error::custom)?;
            let borrowed: Vec<(i32, &str)> =
                entries.iter().map(|(y, t)| (*y, t.as_str())).collect();
            return super::schedule(&borrowed)
                .map(Some)
                .map_err(|err| to_de_error(&err));
        }
        Target::deserialize(value)
            .map(Some)
            .map_err(A::Error::custom)
    }
}

/// A table keyed by years (`{"2026": "≥ 20", "2028": 30}`) as `(year, level text)`, or
/// `None` when the map is not keyed by years (the structured form). A value that is
/// neither text nor a number is an error.
pub(crate) fn schedule_entries(
    value: &serde_json::Value,
) -> Option<Result<Vec<(i32, String)>, String>> {
    let map = value.as_object()?;
    if map.is_empty() || !map.keys().all(|k| k.trim().parse::<i32>().is_ok()) {
        return None;
    }
    let mut out = Vec::with_capacity(map.len());
    for (key, v) in map {
        let year = key.trim().parse::<i32>().unwrap_or_default();
        let text = match v {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            other => {
                return Some(Err(format!(
                    "the level of {year} must be text such as \"≥ 20\" or a number, not {other}"
                )))
            }
        };
        out.push((year, text));
    }
    Some(Ok(out))
}

struct OptionVisitor;

impl<'de> Visitor<'de> for OptionVisitor {
    type Value = Option<Target>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a target such as \"> 200\" or \"+20%\", a structured target, or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(TextVisitor { allow_blank: true })
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        TextVisitor { allow_blank: true }.visit_str(text)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        TextVisitor { allow_blank: true }.visit_map(map)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use serde::{Deserialize, Serialize};

    use crate::target::{Comparator, Target, TargetKind};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Ind {
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "crate::target::text_serde"
        )]
        target: Option<Target>,
    }

    #[test]
    fn json_round_trip_as_text() {
        let ind: Ind = serde_json::from_str(r#"{"target": "1 COPIl/an"}"#).unwrap();
        let json = serde_json::to_string(&ind).unwrap();
        assert_eq!(json, r#"{"target":"≥ 1 COPIl / an"}"#);
        assert_eq!(serde_json::from_str::<Ind>(&json).unwrap(), ind);
    }

    #[test]
    fn accepts_null_blank_and_structured() {
        let null: Ind = serde_json::from_str(r#"{"target": null}"#).unwrap();
        assert_eq!(null.target, None);
        let blank: Ind = serde_json::from_str(r#"{"target": "  "}"#).unwrap();
        assert_eq!(blank.target, None);
        let structured: Ind = serde_json::from_str(
            r#"{"target": {"kind": {"type": "compare", "op": "gt", "value": 200.0}}}"#,
        )
        .unwrap();
        assert_eq!(
            structured.target.unwrap().kind,
            TargetKind::Compare {
                op: Comparator::Gt,
                value: 200.0,
                percent: false,
                deadline: None
            }
        );
    }

    #[test]
    fn reports_parse_errors() {
        let err = serde_json::from_str::<Ind>(r#"{"target": "> abc"}"#).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("expected a number after `>`"), "{msg}");
        assert!(msg.contains("hint: write a threshold"), "{msg}");
        assert!(serde_json::from_str::<Ind>(r#"{"target": 3}"#).is_err());
    }
}
