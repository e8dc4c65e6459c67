//! Limits as data: how much input ctg reads, how many windows an evaluation makes, how many
//! problems it keeps and how much of a cell a message echoes ([`Limits`]).
//!
//! The defaults are far beyond any real CTG: a national roll-up is about 1,200 plans and
//! 12 million rows; the row and byte limits leave ten times that. A refusal is a problem
//! with the stable code `limit_exceeded` naming the limit, its value and how to raise it
//! (the option `limits`, with the same keys in every runtime: Rust [`Limits`] in
//! `IngestOptions::limits` and `EvalOptions::limits`, Python `limits={"max_rows": …}`,
//! JavaScript `{limits: {max_rows: …}}`, the boundary's `"limits": {…}`).
//!
//! ```
//! use ctg_core::Limits;
//! let limits: Limits = serde_json::from_str(r#"{"max_rows": 10}"#).unwrap();
//! assert_eq!(limits.max_rows, 10);
//! assert_eq!(limits.max_issues, Limits::default().max_issues);
//! // An unknown key is refused, not ignored.
//! assert!(serde_json::from_str::<Limits>(r#"{"max_row": 10}"#).is_err());
//! ```

use serde::{Deserialize, Serialize};

use crate::problem::{Problem, ProblemKind};
use crate::Lang;

/// What ctg accepts, as data. Every field has a default far above any real CTG input;
/// raise one for a legitimate input that exceeds it, lower one to protect a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// The largest observation input read, in bytes (a file, a pipe, a string): default
    /// 5 GiB (about ten times a national roll-up of 12 million rows). A reader is read with
    /// `take(limit + 1)`: one byte past it is refused.
    pub max_input_bytes: u64,
    /// The most observation rows read from one input (good and bad ones): default
    /// 120 million.
    pub max_rows: u64,
    /// The most columns a header may have (a CSV line, a sheet's header row): default
    /// 16,384, Excel's own maximum.
    pub max_columns: u64,
    /// The longest id read, in characters: an indicator id, a territory, a participant
    /// (default 200). A longer cell is refused on its row, and never compared with the
    /// plan's ids.
    pub max_id_chars: u64,
    /// The most windows one evaluation makes (every indicator's windows and yearly
    /// summaries over the plan's period): default 500,000 (a real plan makes a few
    /// thousand).
    pub max_windows: u64,
    /// The most problems kept per input (default 1,000): the rest are counted in one last
    /// problem, « … et 12 345 autres problèmes ».
    pub max_issues: u64,
    /// How much of a cell a message echoes, in characters (default 40): a longer value is
    /// cut and ends with `…`.
    pub max_echo_chars: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 5 << 30,
            max_rows: 120_000_000,
            max_columns: 16_384,
            max_id_chars: 200,
            max_windows: 500_000,
            max_issues: 1_000,
            max_echo_chars: 40,
        }
    }
}

/// One of the [`Limits`], by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Limit {
    /// [`Limits::max_input_bytes`].
    MaxInputBytes,
    /// [`Limits::max_rows`].
    MaxRows,
    /// [`Limits::max_columns`].
    MaxColumns,
    /// [`Limits::max_id_chars`].
    MaxIdChars,
    /// [`Limits::max_windows`].
    MaxWindows,
    /// [`Limits::max_issues`].
    MaxIssues,
    /// [`Limits::max_echo_chars`].
    MaxEchoChars,
}

impl Limit {
    /// Every limit, in the order of [`Limits`]' fields.
    pub const ALL: [Limit; 7] = [
        Limit::MaxInputBytes,
        Limit::MaxRows,
        Limit::MaxColumns,
        Limit::MaxIdChars,
        Limit::MaxWindows,
        Limit::MaxIssues,
        Limit::MaxEchoChars,
    ];

    /// The limit's key, as every runtime's `limits` option spells it (`max_rows`).
    pub fn name(self) -> &'static str {
        match self {
            Limit::MaxInputBytes => "max_input_bytes",
            Limit::MaxRows => "max_rows",
            Limit::MaxColumns => "max_columns",
            Limit::MaxIdChars => "max_id_chars",
            Limit::MaxWindows => "max_windows",
            Limit::MaxIssues => "max_issues",
            Limit::MaxEchoChars => "max_echo_chars",
        }
    }

    /// The limit's value in `limits`.
    pub fn value(self, limits: &Limits) -> u64 {
        match self {
            Limit::MaxInputBytes => limits.max_input_bytes,
            Limit::MaxRows => limits.max_rows,
            Limit::MaxColumns => limits.max_columns,
            Limit::MaxIdChars => limits.max_id_chars,
            Limit::MaxWindows => limits.max_windows,
            Limit::MaxIssues => limits.max_issues,
            Limit::MaxEchoChars => limits.max_echo_chars,
        }
    }

    /// What the limit counts, after a number (« octets », `bytes`).
    fn unit(self, lang: Lang) -> &'static str {
        match self {
            Limit::MaxInputBytes => lang.pick("octets", "bytes"),
            Limit::MaxRows => lang.pick("lignes", "rows"),
            Limit::MaxColumns => lang.pick("colonnes", "columns"),
            Limit::MaxIdChars | Limit::MaxEchoChars => lang.pick("caractères", "characters"),
            Limit::MaxWindows => lang.pick("fenêtres", "windows"),
            Limit::MaxIssues => lang.pick("problèmes", "problems"),
        }
    }
}

/// A limit that an input or an evaluation exceeds: which, its value, and what was found
/// when it is known (the plan's windows; not the bytes of an endless input).
///
/// ```
/// use ctg_core::limits::{Limit, LimitExceeded};
/// use ctg_core::Lang;
/// let e = LimitExceeded { limit: Limit::MaxWindows, value: 500_000, found: Some(3_612_000) };
/// assert_eq!(e.code(), "limit_exceeded");
/// assert_eq!(
///     e.message(Lang::Fr),
///     "l'évaluation ferait 3\u{202f}612\u{202f}000 fenêtres, au-delà de la limite `max_windows` (500\u{202f}000 fenêtres)"
/// );
/// assert!(e.hint(Lang::En).contains("`limits`"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub struct LimitExceeded {
    /// Which limit.
    pub limit: Limit,
    /// Its value.
    pub value: u64,
    /// What was found, when it is known.
    pub found: Option<u64>,
}

/// A count as messages write it (`120 000 000`, `120,000,000`).
fn count(n: u64, lang: Lang) -> String {
    crate::fmt::number(n as f64, 0, lang)
}

impl LimitExceeded {
    /// The stable code: `limit_exceeded`.
    pub fn code(&self) -> &'static str {
        "limit_exceeded"
    }

    /// What is over the limit, in the given language.
    pub fn message(&self, lang: Lang) -> String {
        let name = self.limit.name();
        let limit = format!("{} {}", count(self.value, lang), self.limit.unit(lang));
        let found = self.found.map(|n| count(n, lang));
        let fr = lang == Lang::Fr;
        match (self.limit, found) {
            (Limit::MaxWindows, Some(n)) => {
                if fr {
                    format!(
                        "l'évaluation ferait {n} fenêtres, au-delà de la limite `{name}` ({limit})"
                    )
                } else {
                    format!(
                        "the evaluation would make {n} windows, over the `{name}` limit ({limit})"
                    )
                }
            }
            (Limit::MaxInputBytes, _) => {
                if fr {
                    format!("l'entrée dépasse la limite `{name}` ({limit})")
                } else {
                    format!("the input is over the `{name}` limit ({limit})")
                }
            }
            (Limit::MaxRows, _) => {
                if fr {
                    format!("l'entrée a plus de lignes que la limite `{name}` ({limit})")
                } else {
                    format!("the input has more rows than the `{name}` limit ({limit})")
                }
            }
            (Limit::MaxColumns, Some(n)) => {
                if fr {
                    format!("l'en-tête a {n} colonnes, au-delà de la limite `{name}` ({limit})")
                } else {
                    format!("the header has {n} columns, over the `{name}` limit ({limit})")
                }
            }
            (Limit::MaxIdChars, Some(n)) => {
                if fr {
                    format!("la cellule a {n} caractères, au-delà de la limite `{name}` ({limit}) : elle n'est pas lue comme un identifiant")
                } else {
                    format!("the cell has {n} characters, over the `{name}` limit ({limit}): it is not read as an id")
                }
            }
            (Limit::MaxIssues, Some(n)) => {
                if fr {
                    format!("… et {n} autres problèmes, non conservés (limite `{name}` : {limit})")
                } else {
                    format!("… and {n} more problems, not kept (`{name}` limit: {limit})")
                }
            }
            (_, found) => {
                let found = found.map_or(String::new(), |n| format!(" ({n})"));
                if fr {
                    format!("la limite `{name}` ({limit}) est dépassée{found}")
                } else {
                    format!("the `{name}` limit ({limit}) is exceeded{found}")
                }
            }
        }
    }

    /// How to raise the limit, in the given language.
    pub fn hint(&self, lang: Lang) -> String {
        let name = self.limit.name();
        match lang {
            Lang::Fr => format!("si l'entrée est légitime, relevez la limite avec l'option `limits` (`{name}`), ou découpez l'entrée"),
            Lang::En => format!("if the input is legitimate, raise the limit with the `limits` option (`{name}`), or split the input"),
        }
    }

    /// The refusal as a [`Problem`] of the given kind, in the given language.
    pub fn problem(&self, kind: ProblemKind, lang: Lang) -> Problem {
        Problem {
            hint: Some(self.hint(lang)),
            ..Problem::new(self.code(), kind, self.message(lang), lang)
        }
    }
}

impl Limits {
    /// Check a count against one of the limits: `Err` when `found` is over it.
    ///
    /// ```
    /// use ctg_core::limits::{Limit, Limits};
    /// let limits = Limits { max_columns: 3, ..Limits::default() };
    /// assert!(limits.check(Limit::MaxColumns, 3).is_ok());
    /// assert_eq!(limits.check(Limit::MaxColumns, 4).unwrap_err().found, Some(4));
    /// ```
    pub fn check(&self, limit: Limit, found: u64) -> Result<(), LimitExceeded> {
        let value = limit.value(self);
        if found > value {
            Err(LimitExceeded {
                limit,
                value,
                found: Some(found),
            })
        } else {
            Ok(())
        }
    }

    /// The echo cut as a `usize`.
    pub(crate) fn echo_chars(&self) -> usize {
        usize::try_from(self.max_echo_chars).unwrap_or(usize::MAX)
    }

    /// The id length limit as a `usize`.
    pub(crate) fn id_chars(&self) -> usize {
        usize::try_from(self.max_id_chars).unwrap_or(usize::MAX)
    }

    /// The issues kept, as a `usize`.
    pub(crate) fn issues(&self) -> usize {
        usize::try_from(self.max_issues).unwrap_or(usize::MAX)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn defaults_leave_ten_times_a_national_roll_up() {
        let l = Limits::default();
        assert!(l.max_rows >= 10 * 12_000_000);
        assert!(l.max_input_bytes >= 10 * 12_000_000 * 40);
        let json = serde_json::to_value(l).unwrap();
        assert_eq!(json["max_issues"], 1000);
        let back: Limits = serde_json::from_value(json).unwrap();
        assert_eq!(back, l);
    }

    #[test]
    fn every_limit_renders_in_both_languages() {
        for limit in [
            Limit::MaxInputBytes,
            Limit::MaxRows,
            Limit::MaxColumns,
            Limit::MaxIdChars,
            Limit::MaxWindows,
            Limit::MaxIssues,
            Limit::MaxEchoChars,
        ] {
            let e = LimitExceeded {
                limit,
                value: 10,
                found: Some(12),
            };
            for lang in [Lang::Fr, Lang::En] {
                assert!(e.message(lang).contains(limit.name()), "{limit:?}");
                assert!(e.hint(lang).contains(limit.name()), "{limit:?}");
            }
            assert_ne!(e.message(Lang::Fr), e.message(Lang::En));
        }
    }
}
