//! What of an input's own text an output may repeat: the one rule that keeps participant
//! identifiers out of messages, notes and reports.
//!
//! **The rule.** A cell's text is echoed in a message only when it cannot be a participant
//! id ([`CellText::of`]):
//! - a text with no letter and no run of more than six digits (`-3`, `12,5.3`, `45 %`,
//!   `31/02/2026`, `2026-13-01`): numbers and dates, not ids (a CAF number has seven
//!   digits, a NIR thirteen);
//! - `NaN`, `inf`, `infinity` (any case, signed): what a number cell that is not finite
//!   says; `Invalid Date`, `NaT`, `None`, `null`, `undefined`, `true`, `false`: what a runtime writes for a
//!   missing or broken value;
//! - an indicator id or a territory that is the plan's but for case, accents or at most
//!   two edits (the did-you-mean found it: `F1.1` for `f1.1`).
//!
//! Any other text is masked: its first and last characters and its length,
//! « `S…3` (13 caractères) » (`` `S…3` (13 characters) ``), or only its length when it is
//! shorter than five characters. The raw text is not kept in the issue either: what is
//! stored is what is shown.
//!
//! Notes never quote the input's own text where a participant id could hide: comment lines
//! are counted with their line numbers ([`Note::CommentLines`](super::Note::CommentLines)),
//! unknown columns are named by their position ([`Note::IgnoredColumnAt`](super::Note::IgnoredColumnAt)),
//! unknown keys of JSON or records by their position in the first object that has them
//! ([`Note::IgnoredKeyAt`](super::Note::IgnoredKeyAt)).

use crate::Lang;

/// The most digits in a row a shown cell may hold: seven or more could be an id.
const MAX_DIGIT_RUN: usize = 6;
/// Texts shorter than this are masked to their length only.
const MIN_HINTED: usize = 5;
/// How much of a shown cell a message repeats by default (`Limits::max_echo_chars`).
const DEFAULT_ECHO: usize = 40;

/// A cell's text as a message shows it: as written (when it cannot be a participant id),
/// or masked.
///
/// ```
/// use ctg_core::io::CellText;
/// use ctg_core::Lang;
/// assert_eq!(CellText::of("12,5.3").render(Lang::Fr), "`12,5.3`");
/// let masked = CellText::of("SECRET_ID_123");
/// assert_eq!(masked.render(Lang::Fr), "`S…3` (13 caractères)");
/// assert_eq!(masked.render(Lang::En), "`S…3` (13 characters)");
/// assert_eq!(masked.shown(), None);
/// assert_eq!(CellText::of("Paul").render(Lang::En), "(4 characters)");
/// assert_eq!(CellText::of("1234567").render(Lang::En), "`1…7` (7 characters)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CellText {
    /// Shown as written (on one line, cut after 40 characters).
    Shown(String),
    /// Masked: what may be shown of it.
    Masked {
        /// The first and last characters, for texts of five characters or more.
        ends: Option<(char, char)>,
        /// Its length, in characters.
        chars: usize,
    },
}

impl CellText {
    /// A number, date, flag or assessment cell's text: shown only when it cannot be a
    /// participant id (see the module's rule).
    pub fn of(text: &str) -> Self {
        Self::of_within(text, DEFAULT_ECHO)
    }

    /// [`CellText::of`], its shown text cut after `max` characters
    /// ([`Limits::max_echo_chars`](crate::Limits)).
    pub fn of_within(text: &str, max: usize) -> Self {
        if cannot_be_an_id(text) {
            CellText::Shown(shown_cut(text, max))
        } else {
            CellText::masked(text)
        }
    }

    /// An indicator id or territory cell's text: shown when the did-you-mean matched it to
    /// one of the plan's (`close`), or when it cannot be an id; masked otherwise.
    pub fn of_id(text: &str, close: bool) -> Self {
        Self::of_id_within(text, close, DEFAULT_ECHO)
    }

    /// [`CellText::of_id`], its shown text cut after `max` characters
    /// ([`Limits::max_echo_chars`](crate::Limits)).
    pub fn of_id_within(text: &str, close: bool, max: usize) -> Self {
        if close {
            CellText::Shown(shown_cut(text, max))
        } else {
            CellText::of_within(text, max)
        }
    }

    /// The masked form of a text.
    pub fn masked(text: &str) -> Self {
        let t = text.trim();
        let chars = t.chars().count();
        let ends = match (t.chars().next(), t.chars().next_back()) {
            (Some(f), Some(l)) if chars >= MIN_HINTED => Some((visible(f), visible(l))),
            _ => None,
        };
        CellText::Masked { ends, chars }
    }

    /// The text as written, when it is shown.
    pub fn shown(&self) -> Option<&str> {
        match self {
            CellText::Shown(s) => Some(s),
            CellText::Masked { .. } => None,
        }
    }

    /// As a message writes it: `` `12,5.3` ``, or « `S…3` (13 caractères) ».
    pub fn render(&self, lang: Lang) -> String {
        match self {
            CellText::Shown(s) => format!("`{s}`"),
            CellText::Masked { ends, chars } => {
                let unit = match (lang, chars) {
                    (Lang::Fr, 1) => "caractère",
                    (Lang::Fr, _) => "caractères",
                    (Lang::En, 1) => "character",
                    (Lang::En, _) => "characters",
                };
                match ends {
                    Some((f, l)) => format!("`{f}…{l}` ({chars} {unit})"),
                    None => format!("({chars} {unit})"),
                }
            }
        }
    }
}

fn visible(c: char) -> char {
    if c.is_control() {
        ' '
    } else {
        c
    }
}

/// A cell's text for a message: on one line, and cut after `max` characters (then `…`;
/// 40 by default, [`Limits::max_echo_chars`](crate::Limits)).
pub(crate) fn shown_cut(cell: &str, max: usize) -> String {
    let mut out: String = cell
        .chars()
        .take(max)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if cell.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

/// Whether a text cannot be a participant id: no letter and no run of more than six
/// digits, or a word saying a number is not finite or a value is missing.
pub(crate) fn cannot_be_an_id(text: &str) -> bool {
    let t = text.trim();
    let word = t.trim_start_matches(['+', '-']).to_ascii_lowercase();
    if matches!(
        word.as_str(),
        "nan"
            | "inf"
            | "infinity"
            | "invalid date"
            | "nat"
            | "none"
            | "null"
            | "undefined"
            | "true"
            | "false"
    ) {
        return true;
    }
    let mut run = 0;
    for c in t.chars() {
        if c.is_alphabetic() {
            return false;
        }
        if c.is_ascii_digit() {
            run += 1;
            if run > MAX_DIGIT_RUN {
                return false;
            }
        } else {
            run = 0;
        }
    }
    true
}

/// Whether a string given where observations are expected (Python's `evaluate(plan,
/// "…")`) is the observations themselves rather than a file's path: it is data when it
/// holds a line break, a `;`, a `,` or a tab (a CSV row, even a single one without line
/// end), or starts with `[`, `{` or `#` (JSON, a comment); a path otherwise. A file whose
/// name holds one of these is given as a path object (`pathlib.Path`), never as a string.
///
/// ```
/// use ctg_core::io::text_is_data;
/// assert!(text_is_data("f4.1;02/07/2026;;P-7"));
/// assert!(text_is_data("indicator,date,value"));
/// assert!(text_is_data(r#" [{"indicator": "f1.1"}]"#));
/// assert!(!text_is_data("data/observations.csv"));
/// assert!(!text_is_data(r"C:\Users\cpam\saisie 2026.xlsx"));
/// ```
pub fn text_is_data(s: &str) -> bool {
    s.contains(['\n', '\r', ';', ',', '\t']) || s.trim_start().starts_with(['[', '{', '#'])
}

/// [`text_is_data`] for a string that may also name a file: a string with a line break is
/// data; one that names an existing file (`names_a_file`, checked by the caller: `Suivi
/// CTG, 2026.csv` has a comma) is that file; any other string goes by [`text_is_data`].
///
/// ```
/// use ctg_core::io::text_source_is_data;
/// assert!(!text_source_is_data("Suivi CTG, 2026.csv", true));
/// assert!(text_source_is_data("f4.1;02/07/2026;;P-7", false));
/// assert!(text_source_is_data("indicateur;date\nf1.1;02/07/2026\n", true));
/// assert!(!text_source_is_data("observations.csv", false));
/// ```
pub fn text_source_is_data(s: &str, names_a_file: bool) -> bool {
    if s.contains(['\n', '\r']) {
        return true;
    }
    !names_a_file && text_is_data(s)
}

/// Whether a path (not data: see [`text_source_is_data`]) names Parquet observations,
/// which the Python binding reads through pyarrow, several files at once too: a file or a
/// glob pattern whose name ends in `.parquet`, `.parq` or `.pq` (any case), or a directory
/// (`is_dir`, checked by the caller), read as a partitioned data set
/// (`territory=ctg-0001/year=2026/part-0.parquet`, the `key=value` folders as columns).
///
/// ```
/// use ctg_core::io::names_parquet;
/// assert!(names_parquet("obs/2026.parquet", false));
/// assert!(names_parquet("obs/*.PARQUET", false));
/// assert!(names_parquet(r"C:\saisie\export.pq", false));
/// assert!(names_parquet("obs", true));
/// assert!(!names_parquet("obs/2026.csv", false));
/// assert!(!names_parquet("parquet", false));
/// ```
pub fn names_parquet(path: &str, is_dir: bool) -> bool {
    if is_dir {
        return true;
    }
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path).trim_end();
    let lower = name.to_ascii_lowercase();
    [".parquet", ".parq", ".pq"]
        .iter()
        .any(|ext| lower.len() > ext.len() && lower.ends_with(ext))
}

/// The message of a file of observations that cannot be opened, given as a string: the
/// string is never repeated (it might be data taken for a path, [`text_is_data`]).
///
/// ```
/// use ctg_core::io::file_error_message;
/// use ctg_core::Lang;
/// let msg = file_error_message(std::io::ErrorKind::NotFound, Lang::En);
/// assert!(msg.starts_with("the observation file was not found"));
/// ```
pub fn file_error_message(kind: std::io::ErrorKind, lang: Lang) -> String {
    let what = match (kind, lang) {
        (std::io::ErrorKind::NotFound, Lang::Fr) => "le fichier d'observations est introuvable",
        (std::io::ErrorKind::NotFound, Lang::En) => "the observation file was not found",
        (std::io::ErrorKind::PermissionDenied, Lang::Fr) => {
            "le fichier d'observations ne peut pas être lu : accès refusé"
        }
        (std::io::ErrorKind::PermissionDenied, Lang::En) => {
            "the observation file cannot be read: permission denied"
        }
        (_, Lang::Fr) => "le fichier d'observations ne peut pas être ouvert",
        (_, Lang::En) => "the observation file cannot be opened",
    };
    match lang {
        Lang::Fr => format!("{what} (le chemin n'est pas répété ; une chaîne sans fin de ligne, `;`, `,` ni tabulation est lue comme un chemin, les observations elles-mêmes en ont)"),
        Lang::En => format!("{what} (the path is not repeated; a string without a line break, `;`, `,` or tab is read as a path, observations themselves have them)"),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates_are_shown() {
        for t in [
            "-3",
            "12,5.3",
            "45 %",
            "31/02/2026",
            "2026-13-01",
            "1 23 456",
            "NaN",
            "-inf",
        ] {
            assert_eq!(CellText::of(t), CellText::Shown(t.to_string()), "{t}");
        }
    }

    #[test]
    fn what_could_be_an_id_is_masked() {
        for t in ["SECRET_ID_123", "P-7", "1234567", "Léa", "abc12", "oui?"] {
            assert!(CellText::of(t).shown().is_none(), "{t}");
        }
        assert_eq!(CellText::of("P-7").render(Lang::Fr), "(3 caractères)");
        assert_eq!(CellText::of("x").render(Lang::En), "(1 character)");
    }

    #[test]
    fn close_ids_are_shown() {
        assert_eq!(CellText::of_id("F1.1", true).render(Lang::Fr), "`F1.1`");
        assert_eq!(
            CellText::of_id("SECRET_ID_9", false).render(Lang::Fr),
            "`S…9` (11 caractères)"
        );
    }
}
