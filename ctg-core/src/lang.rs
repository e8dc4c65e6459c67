//! User-facing language selection.

use serde::{Deserialize, Serialize};

/// The language of user-facing text (explanations, labels, canonical target display).
///
/// French is the default: ctg's users are French coordinators; English is available for
/// everything.
///
/// ```
/// use ctg_core::Lang;
/// assert_eq!(Lang::default(), Lang::Fr);
/// assert_eq!("en".parse::<Lang>(), Ok(Lang::En));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Français (default).
    #[default]
    Fr,
    /// English.
    En,
}

impl Lang {
    /// The ISO 639-1 code (`"fr"` or `"en"`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// Pick the French or the English text.
    pub fn pick<'a>(self, fr: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Fr => fr,
            Lang::En => en,
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "fr" | "fr-fr" | "french" | "français" | "francais" => Ok(Lang::Fr),
            "en" | "en-gb" | "en-us" | "english" | "anglais" => Ok(Lang::En),
            other => Err(format!(
                "unknown language `{other}` (expected `fr` or `en`)"
            )),
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}
