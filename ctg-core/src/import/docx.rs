//! A Word document (`.docx`) turned into the **text export form** of a plan document, the
//! form [`import_text`](super) reads, so that one importer reads both.
//!
//! The archive is opened with the `zip` crate and its XML parts read with `quick-xml`;
//! nothing here parses zip or XML by hand. Only `word/document.xml` gives text;
//! `word/styles.xml` and `word/numbering.xml`, when present, say which paragraphs are list
//! items and whether a list is bulleted or numbered.
//!
//! # The text form
//!
//! - The body's blocks (paragraphs and tables, in document order) are separated by one
//!   blank line (`"\n\n"`); an empty paragraph is an empty block, so two paragraphs with
//!   one empty paragraph between them are separated by three blank lines, as in the seed's
//!   export. No newline is added at the end.
//! - A paragraph is the text of its runs (`w:t`), a tab (`w:tab`, `w:ptab`) is `\t`, a
//!   line break (`w:br`, `w:cr`) is `\n`; page and column breaks, soft hyphens, field
//!   codes, tracked deletions and the fallback copy of alternate content (`mc:Fallback`)
//!   give nothing; a text box's paragraphs come before the paragraph that anchors it.
//!   Consecutive list paragraphs of the body (numbering, `w:numPr`, on the paragraph or its
//!   style) are one block, rendered as a cell is (`<ul><li>…</li></ul>`).
//! - A table row with two cells or more is one line, `HEADING\tcell[\tcell…]`, and the rows
//!   of a table follow each other on consecutive lines. The heading is the first cell's
//!   text on one line (its paragraphs joined by a space). A row with a single cell (a title
//!   row spanning the table) is not a heading row: its paragraphs become blocks of their
//!   own. A row whose first cell continues a vertical merge (`w:vMerge`) adds its cells'
//!   paragraphs to the row above (the heading is shared).
//! - A cell is one line of HTML-like markup: a cell of one plain paragraph is its bare text;
//!   otherwise each paragraph is `<p>…</p>`, bulleted items `<ul><li>…</li></ul>`,
//!   numbered items `<ol><li>…</li></ol>`, a deeper level nesting its list inside the
//!   item above. Line breaks are `<br>`, tabs a space, empty paragraphs are left out. The
//!   text is **not** escaped (`<` stays `<`, so that a target like `(< 5 %)` reads as
//!   written); the bullet characters the text has (`▶ `, `■ `) are kept, those Word draws
//!   from the numbering are not written (the `<ul>` says it is a list). A table nested in
//!   a cell adds its paragraphs to the cell.
//!
//! Headers, footers, footnotes and comments are not read.
//!
//! # Bounds
//!
//! At most [`MAX_UNCOMPRESSED_BYTES`] are decompressed over all the parts read (a zip bomb
//! stops there, whatever the archive claims), and XML nested deeper than
//! [`MAX_XML_DEPTH`] elements is refused. The work is linear in the parts' size.
//!
//! # Errors
//!
//! [`DocxError`] is a typed error kind; [`DocxError::problem`] renders it as a
//! [`Problem`] of kind `import` in the asked language, with a stable code:
//! `not_a_docx`, `docx_too_large`, `unreadable_docx`, `invalid_docx_xml`, `docx_too_deep`.

use std::collections::HashMap;
use std::fmt;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use crate::problem::{Problem, ProblemKind, Severity, ERROR_LANG};
use crate::Lang;

/// The most bytes decompressed from a `.docx`, over all the parts read (50 MiB): a real
/// action plan's `word/document.xml` is well under 5 MiB.
pub const MAX_UNCOMPRESSED_BYTES: u64 = 50 * 1024 * 1024;

/// The deepest element nesting accepted in an XML part (Word's own documents stay under
/// 40 even with tables in text boxes in tables).
pub const MAX_XML_DEPTH: usize = 256;

/// The main part of a Word document.
const DOCUMENT_PART: &str = "word/document.xml";
const STYLES_PART: &str = "word/styles.xml";
const NUMBERING_PART: &str = "word/numbering.xml";

/// The WordprocessingML namespaces (transitional and strict).
const W_NS: &[&[u8]] = &[
    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    b"http://purl.oclc.org/ooxml/wordprocessingml/main",
];
/// The markup-compatibility namespace (`mc:AlternateContent`).
const MC_NS: &[u8] = b"http://schemas.openxmlformats.org/markup-compatibility/2006";

/// The magic number of an OLE compound file (Word 97-2003 `.doc`, or a password-protected
/// `.docx`).
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Why a `.docx` could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocxError {
    /// The bytes are not a zip archive.
    NotAZip,
    /// The bytes are an OLE compound file: a Word 97-2003 `.doc`, or an encrypted `.docx`.
    LegacyWord,
    /// A zip archive without `word/document.xml` (another office format, or another zip).
    NoDocument,
    /// Decompressing the parts would exceed [`MAX_UNCOMPRESSED_BYTES`].
    TooLarge {
        /// The part being read when the limit was reached.
        part: String,
        /// The limit, in bytes.
        limit: u64,
    },
    /// A part could not be decompressed (damaged data, an unsupported compression method,
    /// encryption).
    Unreadable {
        /// The part.
        part: String,
    },
    /// A part is not well-formed XML, or not UTF-8.
    InvalidXml {
        /// The part.
        part: String,
        /// What is wrong.
        fault: XmlFault,
        /// The line (1-based) in the part.
        line: usize,
        /// The column (1-based, in characters) in the part.
        column: usize,
    },
    /// A part nests elements deeper than [`MAX_XML_DEPTH`].
    TooDeep {
        /// The part.
        part: String,
        /// The limit.
        limit: usize,
        /// The line (1-based) in the part.
        line: usize,
        /// The column (1-based, in characters) in the part.
        column: usize,
    },
}

/// What is wrong with an XML part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XmlFault {
    /// The text is not UTF-8.
    Encoding,
    /// The part stops before its elements are closed.
    Truncated,
    /// A closing tag does not match the element it closes.
    MismatchedTag,
    /// An entity (`&name;`) that XML does not define, or a bad character reference.
    UnknownEntity,
    /// Any other syntax error (an unclosed tag, a bad attribute…).
    Syntax,
}

impl DocxError {
    /// The stable snake_case code.
    pub fn code(&self) -> &'static str {
        match self {
            DocxError::NotAZip | DocxError::LegacyWord | DocxError::NoDocument => "not_a_docx",
            DocxError::TooLarge { .. } => "docx_too_large",
            DocxError::Unreadable { .. } => "unreadable_docx",
            DocxError::InvalidXml { .. } => "invalid_docx_xml",
            DocxError::TooDeep { .. } => "docx_too_deep",
        }
    }

    /// What is wrong, in the given language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (DocxError::NotAZip, Lang::Fr) => {
                "le fichier n'est pas un document Word .docx (ce n'est pas une archive zip)"
                    .to_string()
            }
            (DocxError::NotAZip, Lang::En) => {
                "the file is not a Word .docx document (it is not a zip archive)".to_string()
            }
            (DocxError::LegacyWord, Lang::Fr) => "le fichier est un document Word 97-2003 \
                 (.doc) ou un .docx protégé par mot de passe, pas un .docx lisible"
                .to_string(),
            (DocxError::LegacyWord, Lang::En) => "the file is a Word 97-2003 document (.doc) \
                 or a password-protected .docx, not a readable .docx"
                .to_string(),
            (DocxError::NoDocument, Lang::Fr) => format!(
                "l'archive zip n'a pas de partie `{DOCUMENT_PART}` : ce n'est pas un document Word .docx"
            ),
            (DocxError::NoDocument, Lang::En) => format!(
                "the zip archive has no `{DOCUMENT_PART}` part: it is not a Word .docx document"
            ),
            (DocxError::TooLarge { part, limit }, Lang::Fr) => format!(
                "le document décompressé dépasse {} Mio (lecture arrêtée dans `{part}`)",
                limit / (1024 * 1024)
            ),
            (DocxError::TooLarge { part, limit }, Lang::En) => format!(
                "the uncompressed document exceeds {} MiB (reading stopped in `{part}`)",
                limit / (1024 * 1024)
            ),
            (DocxError::Unreadable { part }, Lang::Fr) => {
                format!("la partie `{part}` du .docx ne se décompresse pas (fichier abîmé ?)")
            }
            (DocxError::Unreadable { part }, Lang::En) => {
                format!("the `{part}` part of the .docx does not decompress (damaged file?)")
            }
            (DocxError::InvalidXml { part, fault, .. }, Lang::Fr) => {
                let why = match fault {
                    XmlFault::Encoding => "n'est pas en UTF-8",
                    XmlFault::Truncated => "s'arrête avant la fin de ses éléments",
                    XmlFault::MismatchedTag => "ferme un élément qui n'est pas ouvert",
                    XmlFault::UnknownEntity => "contient une entité inconnue",
                    XmlFault::Syntax => "n'est pas du XML bien formé",
                };
                format!("la partie `{part}` du .docx {why}")
            }
            (DocxError::InvalidXml { part, fault, .. }, Lang::En) => {
                let why = match fault {
                    XmlFault::Encoding => "is not UTF-8",
                    XmlFault::Truncated => "stops before its elements are closed",
                    XmlFault::MismatchedTag => "closes an element that is not open",
                    XmlFault::UnknownEntity => "contains an unknown entity",
                    XmlFault::Syntax => "is not well-formed XML",
                };
                format!("the `{part}` part of the .docx {why}")
            }
            (DocxError::TooDeep { part, limit, .. }, Lang::Fr) => format!(
                "la partie `{part}` du .docx imbrique plus de {limit} éléments"
            ),
            (DocxError::TooDeep { part, limit, .. }, Lang::En) => format!(
                "the `{part}` part of the .docx nests more than {limit} elements"
            ),
        }
    }

    /// How to fix it, in the given language.
    pub fn hint(&self, lang: Lang) -> Option<String> {
        let text = match (self, lang) {
            (DocxError::NotAZip | DocxError::NoDocument, Lang::Fr) => {
                "enregistrez le plan au format Word (.docx), ou donnez son export texte"
            }
            (DocxError::NotAZip | DocxError::NoDocument, Lang::En) => {
                "save the plan as a Word document (.docx), or give its text export"
            }
            (DocxError::LegacyWord, Lang::Fr) => {
                "ouvrez-le dans Word ou LibreOffice et enregistrez-le au format .docx, sans mot de passe"
            }
            (DocxError::LegacyWord, Lang::En) => {
                "open it in Word or LibreOffice and save it as .docx, without a password"
            }
            (DocxError::Unreadable { .. } | DocxError::InvalidXml { .. }, Lang::Fr) => {
                "ouvrez le document dans Word ou LibreOffice et enregistrez-le à nouveau"
            }
            (DocxError::Unreadable { .. } | DocxError::InvalidXml { .. }, Lang::En) => {
                "open the document in Word or LibreOffice and save it again"
            }
            (DocxError::TooLarge { .. } | DocxError::TooDeep { .. }, _) => return None,
        };
        Some(text.to_string())
    }

    /// The error as a [`Problem`] of kind `import` and severity `error`, in the given
    /// language; an XML error is placed at its line and column in the part.
    ///
    /// ```
    /// use ctg_core::import::docx_to_text;
    /// use ctg_core::Lang;
    /// let err = docx_to_text(b"not a zip").unwrap_err();
    /// let p = err.problem(Lang::En);
    /// assert_eq!((p.code.as_str(), p.kind.as_str()), ("not_a_docx", "import"));
    /// assert_eq!(p.message, "the file is not a Word .docx document (it is not a zip archive)");
    /// assert!(err.problem(Lang::Fr).message.starts_with("le fichier n'est pas un document Word"));
    /// ```
    pub fn problem(&self, lang: Lang) -> Problem {
        let (line, column) = match self {
            DocxError::InvalidXml { line, column, .. }
            | DocxError::TooDeep { line, column, .. } => (Some(*line), Some(*column)),
            _ => (None, None),
        };
        Problem {
            severity: Severity::Error,
            line,
            column,
            hint: self.hint(lang),
            ..Problem::new(self.code(), ProblemKind::Import, self.message(lang), lang)
        }
    }

    /// The error as the list of problems an import reports (one problem).
    pub fn problems(&self, lang: Lang) -> Vec<Problem> {
        vec![self.problem(lang)]
    }
}

impl fmt::Display for DocxError {
    /// The message in French ([`ERROR_LANG`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(ERROR_LANG))
    }
}

impl std::error::Error for DocxError {}

/// The text export form of a `.docx` plan document (see the [module](self) for the form).
///
/// ```
/// use ctg_core::import::docx_to_text;
/// // Not a .docx: a typed error, rendered in French or English.
/// let err = docx_to_text(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]).unwrap_err();
/// assert_eq!(err.code(), "not_a_docx");
/// ```
pub fn docx_to_text(bytes: &[u8]) -> Result<String, DocxError> {
    if bytes.starts_with(&OLE_MAGIC) {
        return Err(DocxError::LegacyWord);
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| DocxError::NotAZip)?;
    let mut budget = MAX_UNCOMPRESSED_BYTES;
    let document =
        read_part(&mut archive, DOCUMENT_PART, &mut budget)?.ok_or(DocxError::NoDocument)?;
    let styles = match read_part(&mut archive, STYLES_PART, &mut budget)? {
        Some(xml) => parse_styles(&xml)?,
        None => Styles::default(),
    };
    let numbering = match read_part(&mut archive, NUMBERING_PART, &mut budget)? {
        Some(xml) => parse_numbering(&xml)?,
        None => Numbering::default(),
    };
    let blocks = parse_document(&document, &styles, &numbering)?;
    Ok(render_blocks(&blocks))
}

/// One part of the archive, decompressed within the remaining `budget` (which it uses up);
/// `None` when the archive has no such part.
fn read_part<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    name: &str,
    budget: &mut u64,
) -> Result<Option<Vec<u8>>, DocxError> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(_) => {
            return Err(DocxError::Unreadable {
                part: name.to_string(),
            })
        }
    };
    let mut out = Vec::new();
    // One byte more than the budget tells "over" from "exactly at".
    let mut limited = file.take(budget.saturating_add(1));
    limited
        .read_to_end(&mut out)
        .map_err(|_| DocxError::Unreadable {
            part: name.to_string(),
        })?;
    let read = out.len() as u64;
    if read > *budget {
        return Err(DocxError::TooLarge {
            part: name.to_string(),
            limit: MAX_UNCOMPRESSED_BYTES,
        });
    }
    *budget -= read;
    Ok(Some(out))
}

// ---------------------------------------------------------------------------------------
// XML walking
// ---------------------------------------------------------------------------------------

/// Which namespace an element is in, as far as this reader cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    /// WordprocessingML.
    W,
    /// Markup compatibility.
    Mc,
    /// Anything else (DrawingML, VML, math, unbound…).
    Other,
}

/// What the walker hands to a part's reader.
enum Node<'a, 'e> {
    /// An element opens (an empty element opens and closes at once).
    Open(Ns, &'a [u8], &'a BytesStart<'e>),
    /// An element closes.
    Close(Ns, &'a [u8]),
    /// Character data (entities resolved).
    Text(&'a str),
}

/// The 1-based line and column (in characters) of a byte offset in `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = text.get(..offset).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (line, column)
}

fn namespace_of(resolved: &ResolveResult<'_>) -> Ns {
    match resolved {
        ResolveResult::Bound(ns) if W_NS.contains(&ns.0.as_bytes()) => Ns::W,
        ResolveResult::Bound(ns) if ns.0.as_bytes() == MC_NS => Ns::Mc,
        _ => Ns::Other,
    }
}

fn classify(err: &quick_xml::Error) -> XmlFault {
    use quick_xml::errors::IllFormedError;
    match err {
        quick_xml::Error::Encoding(_) => XmlFault::Encoding,
        quick_xml::Error::Escape(_) => XmlFault::UnknownEntity,
        quick_xml::Error::IllFormed(
            IllFormedError::MismatchedEndTag { .. } | IllFormedError::UnmatchedEndTag(_),
        ) => XmlFault::MismatchedTag,
        quick_xml::Error::IllFormed(IllFormedError::MissingEndTag(_)) => XmlFault::Truncated,
        _ => XmlFault::Syntax,
    }
}

/// Walk an XML part, calling `visit` for every element opened and closed and every piece
/// of character data, within [`MAX_XML_DEPTH`]. The fallback branch of alternate content
/// (`mc:Fallback`, a copy of the `mc:Choice` branch for older readers) is not visited.
fn walk(part: &str, xml: &[u8], mut visit: impl FnMut(Node<'_, '_>)) -> Result<(), DocxError> {
    let text = std::str::from_utf8(xml).map_err(|e| {
        let (line, column) = line_column(
            std::str::from_utf8(xml.get(..e.valid_up_to()).unwrap_or_default()).unwrap_or(""),
            e.valid_up_to(),
        );
        DocxError::InvalidXml {
            part: part.to_string(),
            fault: XmlFault::Encoding,
            line,
            column,
        }
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let invalid = |fault: XmlFault, offset: u64| {
        let (line, column) = line_column(text, usize::try_from(offset).unwrap_or(usize::MAX));
        DocxError::InvalidXml {
            part: part.to_string(),
            fault,
            line,
            column,
        }
    };
    let mut reader = NsReader::from_str(text);
    let mut depth = 0usize;
    // The depth at which a skipped element opened: nothing inside it is visited.
    let mut skip_from: Option<usize> = None;
    loop {
        let (resolved, event) = match reader.read_resolved_event() {
            Ok(ok) => ok,
            Err(err) => return Err(invalid(classify(&err), reader.error_position())),
        };
        let ns = namespace_of(&resolved);
        match event {
            Event::Start(start) => {
                depth += 1;
                if depth > MAX_XML_DEPTH {
                    let (line, column) = line_column(
                        text,
                        usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX),
                    );
                    return Err(DocxError::TooDeep {
                        part: part.to_string(),
                        limit: MAX_XML_DEPTH,
                        line,
                        column,
                    });
                }
                let local = start.local_name();
                if skip_from.is_none() {
                    if ns == Ns::Mc && local.as_ref() == "Fallback" {
                        skip_from = Some(depth);
                    } else {
                        visit(Node::Open(ns, local.as_ref().as_bytes(), &start));
                    }
                }
            }
            Event::Empty(start) if skip_from.is_none() => {
                let local = start.local_name();
                visit(Node::Open(ns, local.as_ref().as_bytes(), &start));
                visit(Node::Close(ns, local.as_ref().as_bytes()));
            }
            Event::End(end) => {
                match skip_from {
                    Some(d) if d == depth => skip_from = None,
                    Some(_) => {}
                    None => visit(Node::Close(ns, end.local_name().as_ref().as_bytes())),
                }
                depth = depth.saturating_sub(1);
            }
            Event::Text(t) if skip_from.is_none() => {
                let s = t.xml_content(quick_xml::XmlVersion::Implicit1_0);
                visit(Node::Text(&s));
            }
            Event::CData(t) if skip_from.is_none() => {
                visit(Node::Text(t.as_ref()));
            }
            Event::GeneralRef(r) if skip_from.is_none() => {
                let bad = || invalid(XmlFault::UnknownEntity, reader.buffer_position());
                match r.resolve_char_ref() {
                    Ok(Some(c)) => visit(Node::Text(c.encode_utf8(&mut [0u8; 4]))),
                    Ok(None) => {
                        let value = quick_xml::escape::resolve_predefined_entity(r.as_ref())
                            .ok_or_else(bad)?;
                        visit(Node::Text(value));
                    }
                    Err(_) => return Err(bad()),
                }
            }
            Event::Eof => {
                if depth != 0 {
                    return Err(invalid(XmlFault::Truncated, reader.buffer_position()));
                }
                return Ok(());
            }
            _ => {}
        }
    }
}

/// The value of an element's attribute named `local` (any prefix), unescaped.
fn attr(start: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    start
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref().as_bytes() == local)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

// ---------------------------------------------------------------------------------------
// Styles and numbering: which paragraphs are list items, bulleted or numbered
// ---------------------------------------------------------------------------------------

/// A bulleted or a numbered list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListKind {
    Bullet,
    Number,
}

impl ListKind {
    fn tag(self) -> &'static str {
        match self {
            ListKind::Bullet => "ul",
            ListKind::Number => "ol",
        }
    }
}

/// A paragraph style's numbering and parent.
#[derive(Debug, Clone, Default)]
struct Style {
    name: Option<String>,
    based_on: Option<String>,
    num_id: Option<String>,
    ilvl: Option<u8>,
}

#[derive(Debug, Clone, Default)]
struct Styles {
    by_id: HashMap<String, Style>,
}

impl Styles {
    /// The numbering a paragraph style gives (following `w:basedOn`, at most 16 steps so a
    /// cycle ends), its level, and the style's name (for the level of `List Bullet 2`).
    fn numbering(&self, id: &str) -> (Option<String>, Option<u8>, Option<&str>) {
        let mut name = None;
        let mut current = Some(id);
        for _ in 0..16 {
            let Some(style) = current.and_then(|id| self.by_id.get(id)) else {
                break;
            };
            if name.is_none() {
                name = style.name.as_deref();
            }
            if style.num_id.is_some() {
                return (style.num_id.clone(), style.ilvl, name);
            }
            current = style.based_on.as_deref();
        }
        (None, None, name)
    }
}

fn parse_styles(xml: &[u8]) -> Result<Styles, DocxError> {
    let mut styles = Styles::default();
    let mut current: Option<(String, Style)> = None;
    walk(STYLES_PART, xml, |node| match node {
        Node::Open(Ns::W, b"style", e) => {
            let paragraph = attr(e, b"type").is_none_or(|t| t == "paragraph");
            current = match (paragraph, attr(e, b"styleId")) {
                (true, Some(id)) => Some((id, Style::default())),
                _ => None,
            };
        }
        Node::Open(Ns::W, local, e) => {
            if let Some((_, style)) = current.as_mut() {
                match local {
                    b"name" => style.name = attr(e, b"val"),
                    b"basedOn" => style.based_on = attr(e, b"val"),
                    b"numId" => style.num_id = attr(e, b"val"),
                    b"ilvl" => style.ilvl = attr(e, b"val").and_then(|v| v.parse().ok()),
                    _ => {}
                }
            }
        }
        Node::Close(Ns::W, b"style") => {
            if let Some((id, style)) = current.take() {
                styles.by_id.insert(id, style);
            }
        }
        _ => {}
    })?;
    Ok(styles)
}

#[derive(Debug, Clone, Default)]
struct Numbering {
    /// `w:num` id → abstract numbering id.
    nums: HashMap<String, String>,
    /// (abstract numbering id, level) → is the level a bullet?
    levels: HashMap<(String, u8), ListKind>,
}

impl Numbering {
    /// The kind of list a numbering instance draws at a level; `None` when the numbering
    /// is unknown.
    fn kind(&self, num_id: &str, level: u8) -> Option<ListKind> {
        let abstract_id = self.nums.get(num_id)?;
        self.levels
            .get(&(abstract_id.clone(), level))
            .or_else(|| self.levels.get(&(abstract_id.clone(), 0)))
            .copied()
    }
}

fn parse_numbering(xml: &[u8]) -> Result<Numbering, DocxError> {
    let mut numbering = Numbering::default();
    let mut abstract_id: Option<String> = None;
    let mut level: Option<u8> = None;
    let mut num_id: Option<String> = None;
    walk(NUMBERING_PART, xml, |node| match node {
        Node::Open(Ns::W, b"abstractNum", e) => abstract_id = attr(e, b"abstractNumId"),
        Node::Open(Ns::W, b"lvl", e) => level = attr(e, b"ilvl").and_then(|v| v.parse().ok()),
        Node::Open(Ns::W, b"numFmt", e) => {
            if let (Some(a), Some(l), None) = (&abstract_id, level, &num_id) {
                let kind = match attr(e, b"val").as_deref() {
                    Some("bullet") | Some("none") | None => ListKind::Bullet,
                    Some(_) => ListKind::Number,
                };
                numbering.levels.insert((a.clone(), l), kind);
            }
        }
        Node::Close(Ns::W, b"lvl") => level = None,
        Node::Close(Ns::W, b"abstractNum") => abstract_id = None,
        Node::Open(Ns::W, b"num", e) => num_id = attr(e, b"numId"),
        Node::Open(Ns::W, b"abstractNumId", e) => {
            if let (Some(n), Some(a)) = (&num_id, attr(e, b"val")) {
                numbering.nums.insert(n.clone(), a);
            }
        }
        Node::Close(Ns::W, b"num") => num_id = None,
        _ => {}
    })?;
    Ok(numbering)
}

// ---------------------------------------------------------------------------------------
// The document: paragraphs and tables
// ---------------------------------------------------------------------------------------

/// The deepest list level rendered (Word has 9, 0 to 8).
const MAX_LIST_LEVEL: u8 = 8;

/// A paragraph read: its text and, when it is a list item, the list's kind and level.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Para {
    text: String,
    list: Option<(ListKind, u8)>,
}

/// A table row: its cells, each a list of paragraphs; `merged` when its first cell
/// continues a vertical merge.
#[derive(Debug, Clone, Default)]
struct Row {
    cells: Vec<Vec<Para>>,
    merged: bool,
}

#[derive(Debug, Clone)]
enum Block {
    Para(Para),
    Table(Vec<Row>),
}

/// A paragraph being read.
#[derive(Debug, Default)]
struct ParaBuilder {
    text: String,
    style: Option<String>,
    num_id: Option<String>,
    ilvl: Option<u8>,
    /// Open `w:r` elements of this paragraph.
    runs: usize,
    /// Inside `w:pPr` (where `w:pStyle` and `w:numPr` are).
    in_ppr: bool,
}

/// A table being read.
#[derive(Debug, Default)]
struct TableBuilder {
    rows: Vec<Row>,
    row: Option<Row>,
    cell: Option<Vec<Para>>,
    /// The open cell continues a vertical merge.
    cell_merged: bool,
}

struct DocumentReader<'a> {
    styles: &'a Styles,
    numbering: &'a Numbering,
    blocks: Vec<Block>,
    paras: Vec<ParaBuilder>,
    tables: Vec<TableBuilder>,
    /// Inside `w:t`.
    in_text: usize,
    /// Inside an element whose content is not text (`w:del`, `w:moveFrom`, `w:instrText`,
    /// `w:delText`, `w:pPrChange`, `w:rPrChange`): the nesting count.
    skipped: usize,
}

/// Elements whose content is not the document's text.
fn is_skipped(local: &[u8]) -> bool {
    matches!(
        local,
        b"del" | b"moveFrom" | b"instrText" | b"delText" | b"pPrChange" | b"rPrChange"
    )
}

impl DocumentReader<'_> {
    fn open(&mut self, ns: Ns, local: &[u8], e: &BytesStart<'_>) {
        if ns != Ns::W {
            return;
        }
        if is_skipped(local) {
            self.skipped += 1;
            return;
        }
        if self.skipped > 0 {
            return;
        }
        match local {
            b"p" => self.paras.push(ParaBuilder::default()),
            b"pPr" => {
                if let Some(p) = self.paras.last_mut() {
                    p.in_ppr = true;
                }
            }
            b"pStyle" | b"ilvl" | b"numId" => {
                if let Some(p) = self.paras.last_mut().filter(|p| p.in_ppr) {
                    let val = attr(e, b"val");
                    match local {
                        b"pStyle" => p.style = val,
                        b"ilvl" => p.ilvl = val.and_then(|v| v.parse().ok()),
                        _ => p.num_id = val,
                    }
                }
            }
            b"r" => {
                if let Some(p) = self.paras.last_mut() {
                    p.runs += 1;
                }
            }
            b"t" => self.in_text += 1,
            b"tab" | b"ptab" => self.push_in_run("\t"),
            b"br" => {
                let kind = attr(e, b"type");
                if kind.as_deref().is_none_or(|k| k == "textWrapping") {
                    self.push_in_run("\n");
                }
            }
            b"cr" => self.push_in_run("\n"),
            b"noBreakHyphen" => self.push_in_run("-"),
            b"tbl" => self.tables.push(TableBuilder::default()),
            b"tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.row = Some(Row::default());
                }
            }
            b"tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell = Some(Vec::new());
                    t.cell_merged = false;
                }
            }
            b"vMerge" => {
                if let Some(t) = self.tables.last_mut().filter(|t| t.cell.is_some()) {
                    t.cell_merged = attr(e, b"val").is_none_or(|v| v == "continue");
                }
            }
            _ => {}
        }
    }

    fn push_in_run(&mut self, s: &str) {
        if let Some(p) = self.paras.last_mut().filter(|p| p.runs > 0) {
            p.text.push_str(s);
        }
    }

    fn text(&mut self, s: &str) {
        if self.in_text > 0 && self.skipped == 0 {
            self.push_in_run(s);
        }
    }

    fn close(&mut self, ns: Ns, local: &[u8]) {
        if ns != Ns::W {
            return;
        }
        if is_skipped(local) {
            self.skipped = self.skipped.saturating_sub(1);
            return;
        }
        if self.skipped > 0 {
            return;
        }
        match local {
            b"p" => {
                if let Some(p) = self.paras.pop() {
                    let para = self.finish_para(p);
                    self.place(vec![para]);
                }
            }
            b"pPr" => {
                if let Some(p) = self.paras.last_mut() {
                    p.in_ppr = false;
                }
            }
            b"r" => {
                if let Some(p) = self.paras.last_mut() {
                    p.runs = p.runs.saturating_sub(1);
                }
            }
            b"t" => self.in_text = self.in_text.saturating_sub(1),
            b"tc" => {
                if let Some(t) = self.tables.last_mut() {
                    let cell = t.cell.take().unwrap_or_default();
                    let row = t.row.get_or_insert_with(Row::default);
                    if row.cells.is_empty() && t.cell_merged {
                        row.merged = true;
                    }
                    row.cells.push(cell);
                }
            }
            b"tr" => {
                if let Some(t) = self.tables.last_mut()
                    && let Some(row) = t.row.take()
                {
                    match t.rows.last_mut() {
                        Some(above) if row.merged => {
                            for (i, cell) in row.cells.into_iter().enumerate().skip(1) {
                                match above.cells.get_mut(i) {
                                    Some(c) => c.extend(cell),
                                    None => above.cells.push(cell),
                                }
                            }
                        }
                        _ => t.rows.push(row),
                    }
                }
            }
            b"tbl" => {
                if let Some(t) = self.tables.pop() {
                    let mut rows = t.rows;
                    // An unclosed row or cell (a malformed table) is kept, not lost.
                    if let Some(mut row) = t.row {
                        row.cells.extend(t.cell);
                        rows.push(row);
                    }
                    if self.tables.is_empty() {
                        self.blocks.push(Block::Table(rows));
                    } else {
                        let paras = rows.into_iter().flat_map(|r| r.cells).flatten().collect();
                        self.place(paras);
                    }
                }
            }
            _ => {}
        }
    }

    /// Put finished paragraphs where they belong: the open cell of the innermost table,
    /// or the body.
    fn place(&mut self, paras: Vec<Para>) {
        match self.tables.last_mut() {
            Some(t) => t.cell.get_or_insert_with(Vec::new).extend(paras),
            None => self.blocks.extend(paras.into_iter().map(Block::Para)),
        }
    }

    fn finish_para(&self, p: ParaBuilder) -> Para {
        let (style_num, style_lvl, style_name) = match &p.style {
            Some(id) => self.styles.numbering(id),
            None => (None, None, None),
        };
        let num_id = p.num_id.or(style_num).filter(|id| id != "0");
        let list = num_id.map(|id| {
            // `List Bullet 2`, `List Number 3`: Word's built-in styles name their level.
            let named_level = style_name
                .and_then(|n| n.rsplit(' ').next())
                .and_then(|n| n.parse::<u8>().ok())
                .map(|n| n.saturating_sub(1));
            let level = p
                .ilvl
                .or(style_lvl)
                .or(named_level)
                .unwrap_or(0)
                .min(MAX_LIST_LEVEL);
            let kind = self.numbering.kind(&id, level).unwrap_or_else(|| {
                match style_name.is_some_and(|n| n.to_lowercase().contains("number")) {
                    true => ListKind::Number,
                    false => ListKind::Bullet,
                }
            });
            (kind, level)
        });
        Para { text: p.text, list }
    }
}

fn parse_document(
    xml: &[u8],
    styles: &Styles,
    numbering: &Numbering,
) -> Result<Vec<Block>, DocxError> {
    let mut reader = DocumentReader {
        styles,
        numbering,
        blocks: Vec::new(),
        paras: Vec::new(),
        tables: Vec::new(),
        in_text: 0,
        skipped: 0,
    };
    walk(DOCUMENT_PART, xml, |node| match node {
        Node::Open(ns, local, e) => reader.open(ns, local, e),
        Node::Close(ns, local) => reader.close(ns, local),
        Node::Text(s) => reader.text(s),
    })?;
    Ok(reader.blocks)
}

// ---------------------------------------------------------------------------------------
// Rendering to the text form
// ---------------------------------------------------------------------------------------

/// The blocks as the text form: blocks separated by a blank line.
fn render_blocks(blocks: &[Block]) -> String {
    let mut pieces: Vec<String> = Vec::new();
    let mut list: Vec<&Para> = Vec::new();
    let flush = |list: &mut Vec<&Para>, pieces: &mut Vec<String>| {
        if !list.is_empty() {
            pieces.push(render_items(list, "\n"));
            list.clear();
        }
    };
    for block in blocks {
        match block {
            Block::Para(p) if p.list.is_some() => list.push(p),
            Block::Para(p) => {
                flush(&mut list, &mut pieces);
                pieces.push(p.text.clone());
            }
            Block::Table(rows) => {
                flush(&mut list, &mut pieces);
                render_table(rows, &mut pieces);
            }
        }
    }
    flush(&mut list, &mut pieces);
    pieces.join("\n\n")
}

/// A table's pieces: consecutive rows of two cells or more are one piece (one line each);
/// a one-cell row's paragraphs are pieces of their own.
fn render_table(rows: &[Row], pieces: &mut Vec<String>) {
    let mut lines: Vec<String> = Vec::new();
    for row in rows {
        match row.cells.as_slice() {
            [] => {}
            [only] => {
                if !lines.is_empty() {
                    pieces.push(lines.join("\n"));
                    lines.clear();
                }
                let mut list: Vec<&Para> = Vec::new();
                for p in only {
                    if p.list.is_some() {
                        list.push(p);
                        continue;
                    }
                    if !list.is_empty() {
                        pieces.push(render_items(&list, "<br>"));
                        list.clear();
                    }
                    if !p.text.trim().is_empty() {
                        pieces.push(p.text.clone());
                    }
                }
                if !list.is_empty() {
                    pieces.push(render_items(&list, "<br>"));
                }
            }
            [heading, cells @ ..] => {
                let mut line = render_heading(heading);
                for cell in cells {
                    line.push('\t');
                    line.push_str(&render_cell(cell));
                }
                lines.push(line);
            }
        }
    }
    if !lines.is_empty() {
        pieces.push(lines.join("\n"));
    }
}

/// A heading cell on one line: its non-empty paragraphs joined by a space, breaks and tabs
/// as spaces.
fn render_heading(cell: &[Para]) -> String {
    cell.iter()
        .map(|p| one_line(&p.text, " "))
        .filter(|t| !t.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A text on one line: line breaks as `br`, tabs as spaces.
fn one_line(text: &str, br: &str) -> String {
    text.replace('\t', " ").replace('\n', br)
}

/// A content cell as one line of markup.
fn render_cell(cell: &[Para]) -> String {
    let paras: Vec<&Para> = cell.iter().filter(|p| !p.text.trim().is_empty()).collect();
    match paras.as_slice() {
        [] => String::new(),
        [only] if only.list.is_none() => one_line(&only.text, "<br>"),
        _ => render_items(&paras, "<br>"),
    }
}

/// Paragraphs as markup: plain ones as `<p>…</p>`, list items as nested `<ul>`/`<ol>`.
fn render_items(paras: &[&Para], br: &str) -> String {
    let mut out = String::new();
    // The open lists, outermost first; each has an open `<li>`.
    let mut open: Vec<ListKind> = Vec::new();
    let close_one = |out: &mut String, kind: ListKind| {
        out.push_str("</li></");
        out.push_str(kind.tag());
        out.push('>');
    };
    for p in paras {
        let text = one_line(&p.text, br);
        match p.list {
            None => {
                while let Some(kind) = open.pop() {
                    close_one(&mut out, kind);
                }
                out.push_str("<p>");
                out.push_str(&text);
                out.push_str("</p>");
            }
            Some((kind, level)) => {
                let depth = usize::from(level) + 1;
                while open.len() > depth {
                    if let Some(k) = open.pop() {
                        close_one(&mut out, k);
                    }
                }
                if open.len() == depth
                    && open.last() != Some(&kind)
                    && let Some(k) = open.pop()
                {
                    close_one(&mut out, k);
                }
                if open.len() == depth {
                    out.push_str("</li><li>");
                } else {
                    while open.len() < depth {
                        out.push('<');
                        out.push_str(kind.tag());
                        out.push_str("><li>");
                        open.push(kind);
                    }
                }
                out.push_str(&text);
            }
        }
    }
    while let Some(kind) = open.pop() {
        close_one(&mut out, kind);
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]
    use super::*;
    use std::io::Write;

    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    /// A zip with the given parts, deflated.
    fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut out);
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            for (name, bytes) in parts {
                zip.start_file(*name, options).unwrap();
                zip.write_all(bytes).unwrap();
            }
            zip.finish().unwrap();
        }
        out.into_inner()
    }

    fn document(body: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
             <w:document xmlns:w=\"{W}\" \
             xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\">\
             <w:body>{body}<w:sectPr/></w:body></w:document>"
        )
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    }

    /// A list paragraph with an explicit numbering instance and level.
    fn li(num: u32, lvl: u8, text: &str) -> String {
        format!(
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{lvl}\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr>\
             <w:r><w:t>{text}</w:t></w:r></w:p>"
        )
    }

    fn row(heading: &str, cell: &str) -> String {
        format!(
            "<w:tr><w:tc>{}</w:tc><w:tc>{cell}</w:tc></w:tr>",
            p(heading)
        )
    }

    const NUMBERING: &str = "<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
        <w:abstractNum w:abstractNumId=\"10\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/></w:lvl>\
        <w:lvl w:ilvl=\"1\"><w:numFmt w:val=\"bullet\"/></w:lvl></w:abstractNum>\
        <w:abstractNum w:abstractNumId=\"11\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"decimal\"/></w:lvl>\
        <w:lvl w:ilvl=\"1\"><w:numFmt w:val=\"bullet\"/></w:lvl></w:abstractNum>\
        <w:num w:numId=\"1\"><w:abstractNumId w:val=\"10\"/></w:num>\
        <w:num w:numId=\"2\"><w:abstractNumId w:val=\"11\"/></w:num></w:numbering>";

    const STYLES: &str = "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
        <w:style w:type=\"paragraph\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>\
        <w:style w:type=\"paragraph\" w:styleId=\"ListBullet\"><w:name w:val=\"List Bullet\"/>\
        <w:basedOn w:val=\"Normal\"/><w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>\
        <w:style w:type=\"paragraph\" w:styleId=\"MyBullet\"><w:name w:val=\"Puces maison\"/>\
        <w:basedOn w:val=\"ListBullet\"/></w:style>\
        <w:style w:type=\"paragraph\" w:styleId=\"ListNumber2\"><w:name w:val=\"List Number 2\"/>\
        <w:pPr><w:numPr><w:numId w:val=\"9\"/></w:numPr></w:pPr></w:style></w:styles>";

    fn docx(body: &str) -> Vec<u8> {
        zip_of(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("word/document.xml", document(body).as_bytes()),
            ("word/styles.xml", STYLES.as_bytes()),
            ("word/numbering.xml", NUMBERING.as_bytes()),
        ])
    }

    #[test]
    fn paragraphs_and_a_fiche_table() {
        let body = [
            String::new(),
            "<w:p/>".to_string(),
            "<w:p><w:r><w:t>2025/</w:t><w:br/><w:t>2029</w:t></w:r></w:p>".to_string(),
            "<w:p/>".to_string(),
            p("FICHE D'ACTION N°1"),
            // Two runs, a tab, an entity and a character reference.
            "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>\
             <w:r><w:t>REPÉRER </w:t></w:r><w:r><w:tab/><w:t>&amp; ORIENTER&#160;!</w:t></w:r></w:p>"
                .to_string(),
            format!(
                "<w:tbl><w:tblPr/>{}{}{}{}</w:tbl>",
                row("CONSTAT", &p("Un constat.")),
                row(
                    "ENJEUX",
                    &format!("{}{}", li(1, 0, "▶ Connaissance"), li(1, 0, "▶ Réseau"))
                ),
                row(
                    "DESCRIPTION DE L'ACTION",
                    &format!(
                        "{}{}{}{}{}",
                        p("Intro"),
                        li(2, 0, "FORUM"),
                        li(2, 1, "■ Organiser"),
                        li(2, 1, "■ Cartographier"),
                        li(2, 0, "GUIDE")
                    )
                ),
                row(
                    "INDICATEUR D'ÉVALUATION",
                    "<w:p><w:pPr><w:pStyle w:val=\"MyBullet\"/></w:pPr><w:r><w:t>Nombre (&gt; 200)</w:t></w:r></w:p>\
                         <w:p/>\
                         <w:p><w:pPr><w:pStyle w:val=\"ListBullet\"/></w:pPr><w:r><w:t>1 COPIL/an</w:t></w:r></w:p>"
                ),
            ),
            p("CONCLUSION"),
        ]
        .concat();
        let text = docx_to_text(&docx(&body)).unwrap();
        assert_eq!(
            text,
            "\n\n2025/\n2029\n\n\n\nFICHE D'ACTION N°1\n\nREPÉRER \t& ORIENTER\u{a0}!\n\n\
             CONSTAT\tUn constat.\n\
             ENJEUX\t<ul><li>▶ Connaissance</li><li>▶ Réseau</li></ul>\n\
             DESCRIPTION DE L'ACTION\t<p>Intro</p><ol><li>FORUM<ul><li>■ Organiser</li>\
             <li>■ Cartographier</li></ul></li><li>GUIDE</li></ol>\n\
             INDICATEUR D'ÉVALUATION\t<ul><li>Nombre (> 200)</li><li>1 COPIL/an</li></ul>\n\n\
             CONCLUSION"
        );
    }

    #[test]
    fn title_rows_merges_breaks_and_body_lists() {
        let body = [
            // A one-cell title row, a heading split in two paragraphs, a vertical merge.
            format!(
                "<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr>{}{}</w:tc></w:tr>\
                 <w:tr><w:tc>{}{}</w:tc><w:tc><w:p><w:r><w:t>a</w:t><w:br/><w:t>b\tc</w:t></w:r></w:p></w:tc></w:tr>\
                 <w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>{}</w:tc><w:tc>{}</w:tc></w:tr>\
                 <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
                p("FICHE D'ACTION N° 1.2"),
                p("Un titre"),
                p("IMPACT POTENTIEL"),
                p("/ RÉSULTAT ATTENDU"),
                p("INDICATEURS"),
                p("x"),
                p("y"),
            ),
            li(1, 0, "un"),
            "<w:p><w:pPr><w:pStyle w:val=\"ListNumber2\"/></w:pPr><w:r><w:t>deux</w:t></w:r></w:p>"
                .to_string(),
            p("fin"),
        ]
        .concat();
        let text = docx_to_text(&docx(&body)).unwrap();
        assert_eq!(
            text,
            "FICHE D'ACTION N° 1.2\n\nUn titre\n\n\
             IMPACT POTENTIEL / RÉSULTAT ATTENDU\ta<br>b c\n\
             INDICATEURS\t<p>x</p><p>y</p>\n\n\
             <ul><li>un<ol><li>deux</li></ol></li></ul>\n\nfin"
        );
    }

    #[test]
    fn skipped_content_gives_no_text() {
        let body = "<w:p><w:r><w:t>garde</w:t></w:r>\
             <w:del><w:r><w:delText>supprimé</w:delText></w:r></w:del>\
             <w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>\
             <w:r><w:t>-né</w:t></w:r>\
             <w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent>\
             <w:p><w:r><w:t>Boîte</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>\
             <mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Boîte</w:t></w:r></w:p>\
             </w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>";
        // No styles or numbering parts: the reader does without them.
        let bytes = zip_of(&[("word/document.xml", document(body).as_bytes())]);
        assert_eq!(docx_to_text(&bytes).unwrap(), "Boîte\n\ngarde-né");
    }

    #[test]
    fn not_a_docx() {
        let err = docx_to_text(b"PLAN D'ACTION\n\nFICHE").unwrap_err();
        assert_eq!(err, DocxError::NotAZip);
        let p = err.problem(Lang::Fr);
        assert_eq!(
            (p.code.as_str(), p.kind, p.severity),
            ("not_a_docx", ProblemKind::Import, Severity::Error)
        );
        assert_eq!(
            p.render(),
            "[not_a_docx] plan : le fichier n'est pas un document Word .docx (ce n'est pas une \
             archive zip) (enregistrez le plan au format Word (.docx), ou donnez son export texte)"
        );
        let odt = zip_of(&[("content.xml", b"<office:document-content/>")]);
        let err = docx_to_text(&odt).unwrap_err();
        assert_eq!(err, DocxError::NoDocument);
        assert_eq!(
            err.problem(Lang::En).message,
            "the zip archive has no `word/document.xml` part: it is not a Word .docx document"
        );
        assert_eq!(docx_to_text(&OLE_MAGIC).unwrap_err(), DocxError::LegacyWord);
        assert_eq!(docx_to_text(&[]).unwrap_err(), DocxError::NotAZip);
    }

    #[test]
    fn a_zip_bomb_stops_at_the_limit() {
        // 60 MiB of zeros deflate to about 60 KiB; the reader stops at 50 MiB.
        let mut out = Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut out);
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .large_file(true);
            zip.start_file("word/document.xml", options).unwrap();
            let chunk = vec![b' '; 1024 * 1024];
            for _ in 0..60 {
                zip.write_all(&chunk).unwrap();
            }
            zip.finish().unwrap();
        }
        let bytes = out.into_inner();
        assert!(bytes.len() < 1024 * 1024, "{}", bytes.len());
        let err = docx_to_text(&bytes).unwrap_err();
        assert_eq!(
            err,
            DocxError::TooLarge {
                part: "word/document.xml".into(),
                limit: MAX_UNCOMPRESSED_BYTES
            }
        );
        assert_eq!(err.code(), "docx_too_large");
        assert_eq!(
            err.problem(Lang::Fr).message,
            "le document décompressé dépasse 50 Mio (lecture arrêtée dans `word/document.xml`)"
        );
    }

    #[test]
    fn broken_xml_is_placed() {
        let cases: [(&str, XmlFault, usize, usize); 4] = [
            (
                "<w:document xmlns:w=\"W\">\n<w:body><w:p></w:body>",
                XmlFault::MismatchedTag,
                2,
                14,
            ),
            (
                "<w:document xmlns:w=\"W\">\n<w:body><w:p>",
                XmlFault::Truncated,
                2,
                14,
            ),
            (
                "<w:document xmlns:w=\"W\"><w:t>&nbsp;</w:t></w:document>",
                XmlFault::UnknownEntity,
                1,
                36,
            ),
            ("<w:document", XmlFault::Syntax, 1, 1),
        ];
        for (xml, fault, line, column) in cases {
            let bytes = zip_of(&[("word/document.xml", xml.as_bytes())]);
            let err = docx_to_text(&bytes).unwrap_err();
            let DocxError::InvalidXml {
                fault: f,
                line: l,
                column: c,
                ..
            } = &err
            else {
                panic!("{xml}: {err:?}");
            };
            assert_eq!((*f, *l, *c), (fault, line, column), "{xml}");
            let p = err.problem(Lang::Fr);
            assert_eq!(p.code, "invalid_docx_xml");
            assert_eq!((p.line, p.column), (Some(line), Some(column)));
        }
        let latin1 = zip_of(&[("word/document.xml", b"<a>caf\xe9</a>")]);
        assert!(matches!(
            docx_to_text(&latin1).unwrap_err(),
            DocxError::InvalidXml {
                fault: XmlFault::Encoding,
                line: 1,
                column: 7,
                ..
            }
        ));
        assert_eq!(
            DocxError::InvalidXml {
                part: "word/styles.xml".into(),
                fault: XmlFault::Truncated,
                line: 3,
                column: 4
            }
            .problem(Lang::En)
            .render(),
            "[invalid_docx_xml] line 3, column 4: the `word/styles.xml` part of the .docx stops \
             before its elements are closed (hint: open the document in Word or LibreOffice and \
             save it again)"
        );
    }

    #[test]
    fn deep_xml_is_refused() {
        let deep = format!("{}{}", "<a>".repeat(300), "</a>".repeat(300));
        let bytes = zip_of(&[("word/document.xml", deep.as_bytes())]);
        let err = docx_to_text(&bytes).unwrap_err();
        assert!(
            matches!(
                err,
                DocxError::TooDeep {
                    limit: MAX_XML_DEPTH,
                    line: 1,
                    ..
                }
            ),
            "{err:?}"
        );
        assert_eq!(err.code(), "docx_too_deep");
        // Just under the limit is fine.
        let ok = format!("{}{}", "<a>".repeat(250), "</a>".repeat(250));
        let bytes = zip_of(&[("word/document.xml", ok.as_bytes())]);
        assert_eq!(docx_to_text(&bytes).unwrap(), "");
    }

    #[test]
    fn a_damaged_part_is_unreadable() {
        let mut bytes = docx(&p(
            "un texte assez long pour être compressé, compressé, compressé",
        ));
        // Flip bytes inside the first entry's compressed data.
        let start = 30 + "[Content_Types].xml".len();
        for b in bytes.iter_mut().skip(start).take(4) {
            *b ^= 0xFF;
        }
        let err = docx_to_text(&bytes);
        assert!(err.is_ok() || matches!(err, Err(DocxError::Unreadable { .. })));
        // The document part itself damaged.
        let mut bytes = zip_of(&[(
            "word/document.xml",
            document(&p(&"abc ".repeat(200))).as_bytes(),
        )]);
        let start = 30 + "word/document.xml".len() + 5;
        for b in bytes.iter_mut().skip(start).take(8) {
            *b ^= 0x5A;
        }
        match docx_to_text(&bytes) {
            Err(DocxError::Unreadable { part }) => assert_eq!(part, "word/document.xml"),
            Err(DocxError::InvalidXml { .. }) => {}
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn render_items_closes_every_list() {
        let item = |text: &str, kind, level| Para {
            text: text.into(),
            list: Some((kind, level)),
        };
        let paras = [
            item("a", ListKind::Bullet, 2),
            item("b", ListKind::Number, 0),
            item("c", ListKind::Bullet, 0),
            Para {
                text: "d".into(),
                list: None,
            },
        ];
        let refs: Vec<&Para> = paras.iter().collect();
        assert_eq!(
            render_items(&refs, "<br>"),
            "<ul><li><ul><li><ul><li>a</li></ul></li></ul></li></ul>\
             <ol><li>b</li></ol><ul><li>c</li></ul><p>d</p>"
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..2048)) {
            let _ = docx_to_text(&bytes);
        }

        #[test]
        fn arbitrary_document_xml_never_panics(xml in "(<w:p>|</w:p>|<w:r>|</w:r>|<w:t>|</w:t>|<w:tbl>|</w:tbl>|<w:tr>|</w:tr>|<w:tc>|</w:tc>|<w:br/>|<w:tab/>|<w:vMerge/>|<w:numPr><w:numId w:val=\"1\"/></w:numPr>|<w:pPr>|</w:pPr>|x|é|&amp;|&#9654;){0,60}") {
            let body = document(&xml);
            let bytes = zip_of(&[("word/document.xml", body.as_bytes()), ("word/numbering.xml", NUMBERING.as_bytes())]);
            let _ = docx_to_text(&bytes);
        }

        #[test]
        fn damaged_docx_never_panics(flips in proptest::collection::vec((0usize..4096, proptest::num::u8::ANY), 1..8)) {
            let mut bytes = docx(&format!("{}{}", p("FICHE D'ACTION N°1"), row("ENJEUX", &li(1, 0, "▶ a"))));
            let n = bytes.len();
            for (at, x) in flips {
                bytes[at % n] ^= x;
            }
            let _ = docx_to_text(&bytes);
        }
    }
}
