//! Notes of an observation input: what the reader noticed without it being a problem
//! (how the bytes were decoded, the columns and keys it ignored, the input's own comment
//! lines), typed and rendered in French or English on demand.

use serde::Serialize;

use crate::Lang;

/// How input bytes that are not plain UTF-8 were decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    /// UTF-16, little-endian, with a byte-order mark (Excel's « Texte Unicode »).
    Utf16le,
    /// UTF-16, big-endian, with a byte-order mark.
    Utf16be,
    /// Windows-1252, the fallback for bytes that are not UTF-8 (French Excel's « CSV
    /// (séparateur : point-virgule) »).
    Windows1252,
}

impl Encoding {
    /// The encoding's usual name (`UTF-16LE`, `Windows-1252`), the same in every language.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf16le => "UTF-16LE",
            Encoding::Utf16be => "UTF-16BE",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// A note of an observation input ([`Observations::notes`](super::Observations::notes),
/// then [`Diagnostics::notes`](crate::eval::Diagnostics::notes)): its kind and context,
/// rendered in a language by [`Note::render`]. Serialised as `{"code": …, …context}`.
///
/// No note the readers make holds a text of the input where a participant id could hide:
/// comment lines are noted by their row numbers ([`Note::CommentLines`],
/// [`Note::CommentedOutRow`]), unknown columns and keys by their position
/// ([`Note::IgnoredColumnAt`], [`Note::IgnoredKeyAt`]). [`Note::Comment`],
/// [`Note::IgnoredColumn`] and [`Note::IgnoredKey`] are kept for callers that build notes
/// themselves; the readers no longer make them.
///
/// ```
/// use ctg_core::io::Note;
/// use ctg_core::Lang;
/// let note = Note::IgnoredColumn { name: "responsable".into() };
/// assert_eq!(note.code(), "ignored_column");
/// assert_eq!(note.render(Lang::Fr), "colonne `responsable` ignorée");
/// assert_eq!(note.render(Lang::En), "ignored column `responsable`");
/// assert_eq!(
///     serde_json::to_string(&note).unwrap(),
///     r#"{"code":"ignored_column","name":"responsable"}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Note {
    /// A `#` comment line of a CSV input (`# Données fictives`): its text without `#`,
    /// shown as written in every language.
    Comment {
        /// The row of the comment line, as a spreadsheet numbers it.
        row: usize,
        /// The user's own words.
        text: String,
    },
    /// A data row put aside with `#` (it has a participant cell): ignored, and never shown.
    CommentedOutRow {
        /// The row, as a spreadsheet numbers it.
        row: usize,
    },
    /// The bytes were not plain UTF-8 and were decoded as `encoding`.
    Decoded {
        /// How they were decoded.
        encoding: Encoding,
    },
    /// From `byte` on, a streamed input was not UTF-8 while its first block was: the rest
    /// was decoded as `encoding` (the bytes before as UTF-8).
    DecodedFrom {
        /// How the rest was decoded.
        encoding: Encoding,
        /// The offset of the first byte decoded so.
        byte: u64,
    },
    /// An Excel `sep=;` first line set the CSV delimiter.
    SepDirective {
        /// The delimiter it sets.
        delimiter: char,
    },
    /// A CSV column (or table column) whose header names no known column, ignored.
    IgnoredColumn {
        /// The header as written.
        name: String,
    },
    /// A CSV column without a header that has data in some row, ignored.
    UnnamedColumnWithData {
        /// Its position, from 1.
        position: usize,
    },
    /// A key of a JSON observation (or of a Python or JavaScript record) that names no
    /// known column, ignored.
    IgnoredKey {
        /// The key as written.
        key: String,
    },
    /// A note of the input itself (the `notes` field of a JSON object), shown as written in
    /// every language.
    InputNote {
        /// The user's own words.
        text: String,
    },
    /// The `#` comment lines of a CSV input, by their row numbers: their text is never
    /// kept, as a line put aside may hold a participant id.
    CommentLines {
        /// The rows of the comment lines, as a spreadsheet numbers them (at most the first
        /// 20; `count` says how many in all).
        rows: Vec<usize>,
        /// How many comment lines in all.
        count: usize,
    },
    /// A column whose header names no known column, ignored: named by its position (and
    /// its letters in a workbook), never by its header, which may be a participant id
    /// (a sheet with one column per child).
    IgnoredColumnAt {
        /// Its position, from 1.
        position: usize,
        /// In a workbook: its letters as the sheet shows them (`E`).
        letters: Option<String>,
    },
    /// A key of a JSON observation (or of a Python or JavaScript record, or of the JSON
    /// object around them) that names no known column, ignored: named by where it first
    /// appears, never by itself.
    IgnoredKeyAt {
        /// The observation (from 1) the key first appears in; `None` for a key of the JSON
        /// object around the observations.
        row: Option<usize>,
        /// Its position among that object's keys, from 1: in a record's order (a Python
        /// dict's, a JavaScript object's); in a JSON text, an observation's keys in sorted
        /// order (as the JSON reader takes them), the outer object's in text order.
        position: usize,
    },
    /// The observations are fictional data generated by [`crate::workload`].
    GeneratedData,
    /// A workbook's sheet was read: its name, the row of its header (the rows above, title
    /// rows, were skipped; their text is never copied), and the number of sheets of the
    /// workbook.
    Sheet {
        /// The sheet's name, as its tab writes it.
        sheet: String,
        /// The header's row, as the spreadsheet numbers it.
        header_row: usize,
        /// How many sheets the workbook has.
        sheets: usize,
    },
}

impl Note {
    /// The stable snake_case code of the note's kind (the `code` of its JSON form).
    pub fn code(&self) -> &'static str {
        match self {
            Note::Comment { .. } => "comment",
            Note::CommentedOutRow { .. } => "commented_out_row",
            Note::Decoded { .. } => "decoded",
            Note::DecodedFrom { .. } => "decoded_from",
            Note::SepDirective { .. } => "sep_directive",
            Note::IgnoredColumn { .. } => "ignored_column",
            Note::UnnamedColumnWithData { .. } => "unnamed_column_with_data",
            Note::IgnoredKey { .. } => "ignored_key",
            Note::InputNote { .. } => "input_note",
            Note::CommentLines { .. } => "comment_lines",
            Note::IgnoredColumnAt { .. } => "ignored_column_at",
            Note::IgnoredKeyAt { .. } => "ignored_key_at",
            Note::GeneratedData => "generated_data",
            Note::Sheet { .. } => "sheet",
        }
    }

    /// The note in `lang`; the input's own words ([`Note::Comment`], [`Note::InputNote`])
    /// as written.
    ///
    /// ```
    /// use ctg_core::io::{Encoding, Note};
    /// use ctg_core::Lang;
    /// let note = Note::Decoded { encoding: Encoding::Windows1252 };
    /// assert_eq!(note.render(Lang::Fr), "l'entrée n'est pas en UTF-8 : elle a été décodée en Windows-1252");
    /// assert_eq!(note.render(Lang::En), "the input is not UTF-8: decoded as Windows-1252");
    /// let comment = Note::Comment { row: 1, text: "Données fictives".into() };
    /// assert_eq!(comment.render(Lang::En), "Données fictives");
    /// ```
    pub fn render(&self, lang: Lang) -> String {
        let fr = lang == Lang::Fr;
        match self {
            Note::Comment { text, .. } | Note::InputNote { text } => text.clone(),
            Note::CommentedOutRow { row } => {
                if fr {
                    format!("la ligne {row} est mise en commentaire (`#`) et a été ignorée")
                } else {
                    format!("row {row} is commented out (`#`) and was ignored")
                }
            }
            Note::Decoded {
                encoding: Encoding::Windows1252,
            } => {
                let label = Encoding::Windows1252.label();
                if fr {
                    format!("l'entrée n'est pas en UTF-8 : elle a été décodée en {label}")
                } else {
                    format!("the input is not UTF-8: decoded as {label}")
                }
            }
            Note::Decoded { encoding } => {
                let label = encoding.label();
                if fr {
                    format!("l'entrée a été décodée en {label}")
                } else {
                    format!("decoded as {label}")
                }
            }
            Note::DecodedFrom { encoding, byte } => {
                let label = encoding.label();
                if fr {
                    format!("l'entrée n'est plus en UTF-8 à partir de l'octet {byte} : la suite a été décodée en {label}")
                } else {
                    format!("the input is no longer UTF-8 from byte {byte} on: the rest was decoded as {label}")
                }
            }
            Note::SepDirective { delimiter } => {
                if fr {
                    format!("la ligne `sep={delimiter}` fixe le séparateur")
                } else {
                    format!("the `sep={delimiter}` line sets the delimiter")
                }
            }
            Note::IgnoredColumn { name } => {
                if fr {
                    format!("colonne `{name}` ignorée")
                } else {
                    format!("ignored column `{name}`")
                }
            }
            Note::UnnamedColumnWithData { position } => {
                if fr {
                    format!("colonne {position} ignorée : elle a des données mais pas d'en-tête")
                } else {
                    format!("ignored column {position}, which has data but no header")
                }
            }
            Note::IgnoredKey { key } => {
                if fr {
                    format!("clé `{key}` ignorée")
                } else {
                    format!("ignored key `{key}`")
                }
            }
            Note::CommentLines { rows, count } => {
                let mut list: Vec<String> = rows.iter().map(usize::to_string).collect();
                if *count > rows.len() {
                    list.push("…".to_string());
                }
                let list = list.join(", ");
                match (fr, count) {
                    (true, 1) => format!("1 ligne de commentaire (`#`), ligne {list}, non reprise"),
                    (true, n) => format!("{n} lignes de commentaire (`#`), lignes {list}, non reprises"),
                    (false, 1) => format!("1 comment line (`#`), row {list}, not copied"),
                    (false, n) => format!("{n} comment lines (`#`), rows {list}, not copied"),
                }
            }
            Note::IgnoredColumnAt { position, letters } => match (fr, letters) {
                (true, Some(l)) => format!("colonne {position} ({l}) ignorée : son en-tête ne nomme aucune colonne connue"),
                (true, None) => format!("colonne {position} ignorée : son en-tête ne nomme aucune colonne connue"),
                (false, Some(l)) => format!("ignored column {position} ({l}): its header names no known column"),
                (false, None) => format!("ignored column {position}: its header names no known column"),
            },
            Note::IgnoredKeyAt { row, position } => match (fr, row) {
                (true, Some(r)) => format!("clé {position} de l'observation {r} ignorée : elle ne nomme aucune colonne connue"),
                (true, None) => format!("clé {position} de l'objet JSON ignorée : elle n'est ni `observations`, ni `fictional`, ni `notes`"),
                (false, Some(r)) => format!("ignored key {position} of observation {r}: it names no known column"),
                (false, None) => format!("ignored key {position} of the JSON object: it is neither `observations`, `fictional` nor `notes`"),
            },
            Note::GeneratedData => lang
                .pick(
                    "Données fictives générées (ctg_core::workload).",
                    "Generated fictional data (ctg_core::workload).",
                )
                .to_string(),
            Note::Sheet {
                sheet,
                header_row,
                sheets,
            } => {
                let mut out = if fr {
                    format!("feuille « {sheet} » lue")
                } else {
                    format!("read sheet “{sheet}”")
                };
                if *header_row > 1 {
                    let above = header_row - 1;
                    out.push_str(&match (fr, above) {
                        (true, 1) => format!(" (en-tête ligne {header_row} ; la ligne 1 au-dessus, un titre, est ignorée)"),
                        (true, _) => format!(" (en-tête ligne {header_row} ; les lignes 1 à {above} au-dessus, des titres, sont ignorées)"),
                        (false, 1) => format!(" (header in row {header_row}; row 1 above it, a title, skipped)"),
                        (false, _) => format!(" (header in row {header_row}; rows 1 to {above} above it, titles, skipped)"),
                    });
                }
                if *sheets > 1 {
                    let others = sheets - 1;
                    out.push_str(&match (fr, others) {
                        (true, 1) => " ; l'autre feuille du classeur n'est pas lue".to_string(),
                        (true, n) => {
                            format!(" ; les {n} autres feuilles du classeur ne sont pas lues")
                        }
                        (false, 1) => "; the workbook's other sheet is not read".to_string(),
                        (false, n) => format!("; the workbook's {n} other sheets are not read"),
                    });
                }
                out
            }
        }
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests {
    use super::*;

    fn every_kind() -> Vec<Note> {
        vec![
            Note::Comment {
                row: 1,
                text: "Données fictives".into(),
            },
            Note::CommentedOutRow { row: 7 },
            Note::Decoded {
                encoding: Encoding::Windows1252,
            },
            Note::Decoded {
                encoding: Encoding::Utf16le,
            },
            Note::Decoded {
                encoding: Encoding::Utf16be,
            },
            Note::DecodedFrom {
                encoding: Encoding::Windows1252,
                byte: 16_777_216,
            },
            Note::SepDirective { delimiter: ';' },
            Note::IgnoredColumn {
                name: "responsable".into(),
            },
            Note::UnnamedColumnWithData { position: 3 },
            Note::IgnoredKey {
                key: "source".into(),
            },
            Note::InputNote {
                text: "Saisie par le service".into(),
            },
            Note::GeneratedData,
            Note::CommentLines {
                rows: vec![1, 4],
                count: 2,
            },
            Note::IgnoredColumnAt {
                position: 5,
                letters: Some("E".into()),
            },
            Note::IgnoredKeyAt {
                row: Some(1),
                position: 4,
            },
            Note::IgnoredKeyAt {
                row: None,
                position: 2,
            },
            Note::Sheet {
                sheet: "Saisie".into(),
                header_row: 4,
                sheets: 3,
            },
            Note::Sheet {
                sheet: "Feuil1".into(),
                header_row: 2,
                sheets: 2,
            },
        ]
    }

    #[test]
    fn renders_in_french() {
        let got: Vec<String> = every_kind().iter().map(|n| n.render(Lang::Fr)).collect();
        assert_eq!(
            got,
            [
                "Données fictives",
                "la ligne 7 est mise en commentaire (`#`) et a été ignorée",
                "l'entrée n'est pas en UTF-8 : elle a été décodée en Windows-1252",
                "l'entrée a été décodée en UTF-16LE",
                "l'entrée a été décodée en UTF-16BE",
                "l'entrée n'est plus en UTF-8 à partir de l'octet 16777216 : la suite a été décodée en Windows-1252",
                "la ligne `sep=;` fixe le séparateur",
                "colonne `responsable` ignorée",
                "colonne 3 ignorée : elle a des données mais pas d'en-tête",
                "clé `source` ignorée",
                "Saisie par le service",
                "Données fictives générées (ctg_core::workload).",
                "2 lignes de commentaire (`#`), lignes 1, 4, non reprises",
                "colonne 5 (E) ignorée : son en-tête ne nomme aucune colonne connue",
                "clé 4 de l'observation 1 ignorée : elle ne nomme aucune colonne connue",
                "clé 2 de l'objet JSON ignorée : elle n'est ni `observations`, ni `fictional`, ni `notes`",
                "feuille « Saisie » lue (en-tête ligne 4 ; les lignes 1 à 3 au-dessus, des titres, sont ignorées) ; les 2 autres feuilles du classeur ne sont pas lues",
                "feuille « Feuil1 » lue (en-tête ligne 2 ; la ligne 1 au-dessus, un titre, est ignorée) ; l'autre feuille du classeur n'est pas lue",
            ]
        );
    }

    #[test]
    fn renders_in_english() {
        let got: Vec<String> = every_kind().iter().map(|n| n.render(Lang::En)).collect();
        assert_eq!(
            got,
            [
                "Données fictives",
                "row 7 is commented out (`#`) and was ignored",
                "the input is not UTF-8: decoded as Windows-1252",
                "decoded as UTF-16LE",
                "decoded as UTF-16BE",
                "the input is no longer UTF-8 from byte 16777216 on: the rest was decoded as Windows-1252",
                "the `sep=;` line sets the delimiter",
                "ignored column `responsable`",
                "ignored column 3, which has data but no header",
                "ignored key `source`",
                "Saisie par le service",
                "Generated fictional data (ctg_core::workload).",
                "2 comment lines (`#`), rows 1, 4, not copied",
                "ignored column 5 (E): its header names no known column",
                "ignored key 4 of observation 1: it names no known column",
                "ignored key 2 of the JSON object: it is neither `observations`, `fictional` nor `notes`",
                "read sheet “Saisie” (header in row 4; rows 1 to 3 above it, titles, skipped); the workbook's 2 other sheets are not read",
                "read sheet “Feuil1” (header in row 2; row 1 above it, a title, skipped); the workbook's other sheet is not read",
            ]
        );
    }

    #[test]
    fn serialises_with_its_code() {
        for note in every_kind() {
            let v = serde_json::to_value(&note).unwrap();
            assert_eq!(v["code"], note.code(), "{note:?}");
        }
        let v = serde_json::to_value(Note::Comment {
            row: 2,
            text: "x".into(),
        })
        .unwrap();
        assert_eq!(
            v,
            serde_json::json!({"code": "comment", "row": 2, "text": "x"})
        );
        let v = serde_json::to_value(Note::Decoded {
            encoding: Encoding::Windows1252,
        })
        .unwrap();
        assert_eq!(
            v,
            serde_json::json!({"code": "decoded", "encoding": "windows1252"})
        );
        let v = serde_json::to_value(Note::SepDirective { delimiter: '\t' }).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"code": "sep_directive", "delimiter": "\t"})
        );
        assert_eq!(
            serde_json::to_value(Note::GeneratedData).unwrap(),
            serde_json::json!({"code": "generated_data"})
        );
    }
}
