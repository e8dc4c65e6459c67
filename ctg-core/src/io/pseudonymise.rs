//! Pseudonymisation of an observation export: every participant id replaced by a keyed
//! hash, so that a coordinator can hand the file to the CAF (or anyone who counts
//! participants) without the raw ids.
//!
//! **The rule.** The pseudonym of an id is `p_` followed by the first 16 hexadecimal digits
//! (64 bits) of HMAC-SHA256(key, id), the id trimmed as the readers trim it. The same id
//! and key always give the same pseudonym, and two ids ctg counts as two participants get
//! two pseudonyms (a collision among a million ids has odds below 1 in 30 million), so a
//! distinct count is the same before and after. Without the key, a pseudonym cannot be
//! traced back to its id, nor recomputed from a guessed one: the key (at least
//! [`MIN_KEY_BYTES`] bytes) is never written into the output; keep it apart, and use the
//! same one for every export that must be counted together.
//!
//! **What is rewritten.** A CSV export, as ctg reads it ([`read_csv`](super::read_csv)):
//! the output keeps the delimiter, the header, the line ends, the comment and blank lines
//! and every other cell as the file writes them; only the participant column's cells
//! change (a row is re-quoted only where it must be). A `#` line after the header that
//! holds a participant cell (a data row put aside) has its participant cell replaced too.
//! The output is UTF-8 (with a byte-order mark when the input had one or was not UTF-8, so
//! that Excel reads its accents). Free text (comments, the `commentaire` column) is copied
//! as it is: read it before sharing the file. JSON and workbooks are refused: export the
//! sheet as CSV first.
//!
//! ```
//! use ctg_core::io::pseudonymise::{pseudonym, pseudonymise};
//! let key = b"une cle de test de 32 octets !!!";
//! let csv = "# Données fictives\nindicateur;date;valeur;participant\nf2.1;31/03/2026;1;ENFANT-042\nf2.1;30/06/2026;1;ENFANT-042\n";
//! let out = pseudonymise(csv.as_bytes(), key).unwrap();
//! assert!(!out.csv.contains("ENFANT-042"));
//! let p = pseudonym(key, "ENFANT-042").unwrap();
//! assert!(p.starts_with("p_") && p.len() == 18);
//! assert_eq!(
//!     out.csv,
//!     format!("# Données fictives\nindicateur;date;valeur;participant\nf2.1;31/03/2026;1;{p}\nf2.1;30/06/2026;1;{p}\n")
//! );
//! assert_eq!((out.rows, out.participants), (2, 1));
//! assert_eq!(pseudonymise(csv.as_bytes(), b"short").unwrap_err().code(), "invalid_key");
//! ```

use std::collections::HashSet;
use std::fmt::Write as _;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::{Column, ObservationError};
use crate::problem::{Problem, ProblemKind};
use crate::Lang;

/// The shortest key accepted, in bytes (128 bits).
pub const MIN_KEY_BYTES: usize = 16;

/// The prefix of every pseudonym.
pub const PREFIX: &str = "p_";

/// A rewritten export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pseudonymised {
    /// The CSV text with pseudonyms in place of the participant ids.
    pub csv: String,
    /// The data rows whose participant cell was replaced.
    pub rows: usize,
    /// The distinct participants (the same number of distinct pseudonyms).
    pub participants: usize,
}

/// Why an export cannot be pseudonymised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PseudonymiseError {
    /// The key is shorter than [`MIN_KEY_BYTES`].
    KeyTooShort {
        /// Its length, in bytes.
        bytes: usize,
    },
    /// A workbook or JSON: only CSV is rewritten.
    NotCsv,
    /// The header names no participant column: nothing would be replaced.
    NoParticipantColumn,
    /// The input cannot be read as text or as CSV (encoding, unclosed quote…).
    Input(ObservationError),
}

impl std::fmt::Display for PseudonymiseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for PseudonymiseError {}

impl PseudonymiseError {
    /// The stable code: `invalid_key`, `format_error`, `missing_column`, or the input's
    /// own (`encoding_error`…).
    pub fn code(&self) -> &'static str {
        match self {
            PseudonymiseError::KeyTooShort { .. } => "invalid_key",
            PseudonymiseError::NotCsv => "format_error",
            PseudonymiseError::NoParticipantColumn => "missing_column",
            PseudonymiseError::Input(e) => e
                .issues
                .first()
                .map_or("format_error", |i| i.code().as_str()),
        }
    }

    /// What is wrong, in `lang` (never a participant id, never the key).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            PseudonymiseError::KeyTooShort { bytes } => match lang {
                Lang::Fr => format!("la clé de pseudonymisation a {bytes} octet{} : il en faut au moins {MIN_KEY_BYTES}", if *bytes > 1 { "s" } else { "" }),
                Lang::En => format!("the pseudonymisation key has {bytes} byte{}: at least {MIN_KEY_BYTES} are needed", if *bytes == 1 { "" } else { "s" }),
            },
            PseudonymiseError::NotCsv => lang
                .pick(
                    "seul un export CSV se pseudonymise : enregistrez la feuille au format CSV d'abord",
                    "only a CSV export is pseudonymised: save the sheet as CSV first",
                )
                .to_string(),
            PseudonymiseError::NoParticipantColumn => lang
                .pick(
                    "l'en-tête n'a pas de colonne `participant` : rien à pseudonymiser (vérifiez que les identifiants ne sont pas dans une autre colonne)",
                    "the header has no `participant` column: nothing to pseudonymise (check that the ids are not in another column)",
                )
                .to_string(),
            PseudonymiseError::Input(e) => e.render(lang),
        }
    }

    /// The problems, in `lang`, in the shape of every other ctg error.
    pub fn problems(&self, lang: Lang) -> Vec<Problem> {
        match self {
            PseudonymiseError::Input(e) => e.problems(lang),
            other => {
                let kind = match other {
                    PseudonymiseError::KeyTooShort { .. } => ProblemKind::Call,
                    _ => ProblemKind::Observation,
                };
                vec![Problem::new(other.code(), kind, other.message(lang), lang)]
            }
        }
    }
}

fn mac(key: &[u8]) -> Result<Hmac<Sha256>, PseudonymiseError> {
    if key.len() < MIN_KEY_BYTES {
        return Err(PseudonymiseError::KeyTooShort { bytes: key.len() });
    }
    Hmac::<Sha256>::new_from_slice(key)
        .map_err(|_| PseudonymiseError::KeyTooShort { bytes: key.len() })
}

fn keyed(mac: &Hmac<Sha256>, id: &str) -> String {
    let mut m = mac.clone();
    m.update(id.as_bytes());
    let digest = m.finalize().into_bytes();
    let mut out = String::with_capacity(PREFIX.len() + 16);
    out.push_str(PREFIX);
    for b in digest.iter().take(8) {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// The key held in a key file: its bytes, less one final line end (a key written with
/// `echo` or a text editor is the same key as without it). Nothing else is trimmed.
///
/// ```
/// use ctg_core::io::pseudonymise::key_from_file;
/// assert_eq!(key_from_file(b"une phrase secrete assez longue\r\n"), b"une phrase secrete assez longue");
/// assert_eq!(key_from_file(b" k \n\n"), b" k \n");
/// ```
pub fn key_from_file(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    bytes.strip_suffix(b"\r").unwrap_or(bytes)
}

/// The pseudonym of one participant id under `key` (the id trimmed, as the readers do).
///
/// ```
/// use ctg_core::io::pseudonymise::pseudonym;
/// let key = [7u8; 16];
/// assert_eq!(pseudonym(&key, " A-1 ").unwrap(), pseudonym(&key, "A-1").unwrap());
/// assert_ne!(pseudonym(&key, "A-1").unwrap(), pseudonym(&key, "A-2").unwrap());
/// assert_ne!(pseudonym(&key, "A-1").unwrap(), pseudonym(&[8u8; 16], "A-1").unwrap());
/// ```
pub fn pseudonym(key: &[u8], id: &str) -> Result<String, PseudonymiseError> {
    Ok(keyed(&mac(key)?, id.trim()))
}

/// Rewrite a CSV observation export with every participant id replaced by its
/// [`pseudonym`] (the module doc's rules).
pub fn pseudonymise(input: &[u8], key: &[u8]) -> Result<Pseudonymised, PseudonymiseError> {
    let mac = mac(key)?;
    if super::is_workbook(input) {
        return Err(PseudonymiseError::NotCsv);
    }
    let bom = input.starts_with(&[0xEF, 0xBB, 0xBF]);
    let decoded = super::text::decode(input).map_err(PseudonymiseError::Input)?;
    let text = decoded.text;
    if matches!(text.trim_start().chars().next(), Some('[' | '{')) {
        return Err(PseudonymiseError::NotCsv);
    }
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    if bom || decoded.note.is_some() {
        out.push('\u{feff}');
    }
    let delimiter = super::csv::sep_directive(text.trim_start_matches(['\r', '\n']).as_bytes())
        .unwrap_or_else(|| super::csv::detect_delimiter(header_line(&text).as_bytes()));
    let mut reader = ::csv_core::ReaderBuilder::new()
        .delimiter(delimiter)
        .build();
    let (mut at, mut first) = (0usize, true);
    let mut participant: Option<usize> = None;
    let (mut rows, mut seen) = (0usize, HashSet::new());
    let (mut field, mut ends) = (vec![0u8; 1024], vec![0usize; 32]);
    loop {
        // What the reader skips before a record (ctg's rule): line ends and `#` lines,
        // copied as they are (a data row put aside gets its participant replaced).
        let bytes = text.as_bytes();
        loop {
            match bytes.get(at) {
                Some(b'\r' | b'\n') => {
                    out.push(char::from(bytes.get(at).copied().unwrap_or(b'\n')));
                    at += 1;
                }
                Some(b'#') => {
                    let len = bytes
                        .get(at..)
                        .and_then(|r| memchr::memchr(b'\n', r))
                        .unwrap_or(bytes.len() - at);
                    let line = text.get(at..at + len).unwrap_or_default();
                    let body = line.trim_end_matches('\r');
                    match participant.and_then(|p| put_aside(body, delimiter, p, &mac)) {
                        Some(rewritten) => {
                            out.push_str(&rewritten);
                            out.push_str(line.get(body.len()..).unwrap_or_default());
                        }
                        None => out.push_str(line),
                    }
                    at += len;
                }
                _ => break,
            }
        }
        if at >= bytes.len() {
            break;
        }
        // One record.
        let start = at;
        let (mut nfield, mut nends) = (0usize, 0usize);
        loop {
            let input = bytes.get(at..).unwrap_or_default();
            let (res, nin, nout, nend) = reader.read_record(
                input,
                field.get_mut(nfield..).unwrap_or_default(),
                ends.get_mut(nends..).unwrap_or_default(),
            );
            at += nin;
            nfield += nout;
            nends += nend;
            match res {
                ::csv_core::ReadRecordResult::InputEmpty if input.is_empty() => break,
                ::csv_core::ReadRecordResult::InputEmpty => {}
                ::csv_core::ReadRecordResult::OutputFull => field.resize(field.len() * 2, 0),
                ::csv_core::ReadRecordResult::OutputEndsFull => ends.resize(ends.len() * 2, 0),
                ::csv_core::ReadRecordResult::Record | ::csv_core::ReadRecordResult::End => break,
            }
        }
        let raw = text.get(start..at).unwrap_or_default();
        let body = raw.trim_end_matches(['\r', '\n']);
        let tail = raw.get(body.len()..).unwrap_or_default();
        let cells: Vec<&str> = cells(&field, ends.get(..nends).unwrap_or_default());
        if first && super::csv::sep_directive(body.as_bytes()).is_some() {
            out.push_str(raw);
            continue;
        }
        if first {
            first = false;
            participant = cells
                .iter()
                .position(|h| Column::from_header(h) == Some(Column::Participant));
            if participant.is_none() {
                return Err(PseudonymiseError::NoParticipantColumn);
            }
            out.push_str(raw);
            continue;
        }
        let p = participant.unwrap_or(usize::MAX);
        match cells.get(p).map(|c| c.trim()).filter(|id| !id.is_empty()) {
            Some(id) => {
                seen.insert(keyed(&mac, id));
                rows += 1;
                out.push_str(&rewrite(&cells, delimiter, p, &mac)?);
                out.push_str(tail);
            }
            None => out.push_str(raw),
        }
    }
    if first {
        return Err(PseudonymiseError::NoParticipantColumn);
    }
    Ok(Pseudonymised {
        csv: out,
        rows,
        participants: seen.len(),
    })
}

/// The cells of a record read by csv-core (its unescaped bytes and their ends).
fn cells<'a>(field: &'a [u8], ends: &[usize]) -> Vec<&'a str> {
    let mut from = 0;
    ends.iter()
        .map(|&end| {
            let cell = field
                .get(from..end)
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or("");
            from = end;
            cell
        })
        .collect()
}

/// The first line that is not a `#` comment (the header, for the delimiter).
fn header_line(text: &str) -> &str {
    text.lines()
        .find(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .unwrap_or("")
}

/// A record written back with its participant cell (`p`) replaced.
fn rewrite(
    rec: &[&str],
    delimiter: u8,
    p: usize,
    mac: &Hmac<Sha256>,
) -> Result<String, PseudonymiseError> {
    let mut writer = ::csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let cells: Vec<String> = rec
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i == p {
                keyed(mac, c.trim())
            } else {
                c.to_string()
            }
        })
        .collect();
    let failed = |e: String| {
        PseudonymiseError::Input(ObservationError {
            issues: vec![super::ObservationIssue::new(
                super::ObservationErrorKind::CsvUnreadable { error: e },
                None,
            )],
        })
    };
    writer
        .write_record(&cells)
        .map_err(|e| failed(e.to_string()))?;
    let bytes = writer.into_inner().map_err(|e| failed(e.to_string()))?;
    let mut line = String::from_utf8(bytes).map_err(|e| failed(e.to_string()))?;
    if line.ends_with('\n') {
        line.pop();
    }
    Ok(line)
}

/// A `#` line holding a participant cell at `p`, rewritten; `None` when it holds none.
fn put_aside(body: &str, delimiter: u8, p: usize, mac: &Hmac<Sha256>) -> Option<String> {
    let inner = body.strip_prefix('#')?;
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(inner.as_bytes());
    let mut rec = ::csv::StringRecord::new();
    if !reader.read_record(&mut rec).ok()? || rec.len() < 2 {
        return None;
    }
    rec.get(p).map(str::trim).filter(|id| !id.is_empty())?;
    let cells: Vec<&str> = rec.iter().collect();
    let line = rewrite(&cells, delimiter, p, mac).ok()?;
    Some(format!("#{line}"))
}
