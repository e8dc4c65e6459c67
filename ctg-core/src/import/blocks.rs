//! The document's text as blocks, and a cell's HTML-like markup as pieces.
//!
//! The text export writes paragraphs as lines separated by blank lines, and each row of a
//! fiche's table as one `HEADING<TAB>cell` line. A cell holds HTML-like markup (`<p>`,
//! `<ul>`, `<ol>`, `<li>`, `<br>`) and bullets (`▶ ■ ➤`), often many on one line and with
//! lists left unclosed. [`blocks`] cuts the text into paragraphs and rows; [`markup`] cuts
//! a cell into paragraphs and list items with their level and marker.

/// A block of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
    /// Consecutive non-blank lines without a tab.
    Para {
        /// The lines, trimmed.
        lines: Vec<String>,
        /// The 1-based line of the first.
        line: usize,
    },
    /// A `HEADING<TAB>cell` row (lines that follow it without a blank line continue it).
    Row {
        /// The heading, trimmed.
        heading: String,
        /// The cell.
        cell: String,
        /// The 1-based line.
        line: usize,
    },
}

impl Block {
    /// The 1-based line where the block starts.
    pub(crate) fn line(&self) -> usize {
        match self {
            Block::Para { line, .. } | Block::Row { line, .. } => *line,
        }
    }

    /// A paragraph's text, its lines joined by spaces.
    pub(crate) fn text(&self) -> String {
        match self {
            Block::Para { lines, .. } => lines.join(" "),
            Block::Row { heading, cell, .. } => format!("{heading} {cell}"),
        }
    }
}

/// Cut a document's text into blocks.
pub(crate) fn blocks(text: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut open = false; // whether the last block may continue on the next line
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_matches(|c: char| c.is_whitespace() && c != '\t');
        let n = i + 1;
        if line.trim().is_empty() {
            open = false;
            continue;
        }
        if let Some((h, cell)) = line.split_once('\t') {
            let heading = collapse(h);
            if !heading.is_empty() {
                out.push(Block::Row {
                    heading,
                    cell: cell.trim().to_string(),
                    line: n,
                });
                open = true;
                continue;
            }
        }
        let trimmed = line.trim().replace('\t', " ");
        match out.last_mut() {
            Some(Block::Para { lines, .. }) if open => lines.push(trimmed),
            Some(Block::Row { cell, .. }) if open => {
                cell.push(' ');
                cell.push_str(&trimmed);
            }
            _ => out.push(Block::Para {
                lines: vec![trimmed],
                line: n,
            }),
        }
        open = true;
    }
    out
}

/// Collapse runs of white space into one space and trim.
pub(crate) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Upper-case, without accents, apostrophes unified, white space collapsed: for matching
/// headings and keywords.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            'à' | 'á' | 'â' | 'ä' | 'À' | 'Á' | 'Â' | 'Ä' => 'A',
            'ç' | 'Ç' => 'C',
            'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'E',
            'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'I',
            'ò' | 'ó' | 'ô' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Ö' => 'O',
            'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'U',
            'ÿ' | 'Ÿ' => 'Y',
            'œ' | 'Œ' => {
                out.push_str("OE");
                continue;
            }
            '’' | '‘' | '`' | 'ʼ' => '\'',
            '\u{a0}' | '\u{202f}' | '\t' => ' ',
            c => c,
        };
        out.extend(c.to_uppercase());
    }
    collapse(&out)
}

/// Whether a text has letters and none of them lower-case (a heading, a title).
pub(crate) fn is_caps(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

/// The bullets that open a list item.
pub(crate) const BULLETS: &[char] = &['▶', '■', '➤', '•', '▪', '►', '➢', '◆', '❖', '✓', '□', '◦'];

/// What a piece of a cell is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PieceKind {
    /// A paragraph (`<p>`, or text directly in the cell or in a list before its items).
    Paragraph,
    /// A list item (`<li>` or a bullet).
    Item,
}

/// The kind of list a piece sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ListKind {
    /// `<ul>`, or bullets.
    Bullets,
    /// `<ol>`.
    Numbered,
}

/// A piece of a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Piece {
    /// Paragraph or item.
    pub kind: PieceKind,
    /// The text, white space collapsed (`<br>` kept as a line feed).
    pub text: String,
    /// How many lists are open around it.
    pub level: usize,
    /// The bullet, if written.
    pub marker: Option<char>,
    /// The innermost list around it.
    pub list: Option<ListKind>,
    /// Whether a list opens right after it (a heading of that list).
    pub before_list: bool,
}

enum Token<'a> {
    Text(&'a str),
    Open(String),
    Close(String),
    Bullet(char),
}

/// The longest a tag may be (`<ul style="list-style-type: none">` is 33 bytes).
const MAX_TAG: usize = 200;

fn tokens(cell: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut iter = cell.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c == '<' {
            let rest = cell.get(i + 1..).unwrap_or("");
            let closing = rest.starts_with('/');
            let name_start = if closing { 1 } else { 0 };
            let name: String = rest
                .get(name_start..)
                .unwrap_or("")
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            let end = rest
                .char_indices()
                .take_while(|(j, _)| *j < MAX_TAG)
                .find(|(_, c)| *c == '>')
                .map(|(j, _)| j);
            if let (false, Some(end)) = (name.is_empty(), end) {
                if let Some(t) = cell.get(start..i) {
                    out.push(Token::Text(t));
                }
                out.push(if closing {
                    Token::Close(name)
                } else {
                    Token::Open(name)
                });
                start = i + 1 + end + 1;
                while iter.peek().is_some_and(|(j, _)| *j < start) {
                    iter.next();
                }
                continue;
            }
        }
        if BULLETS.contains(&c) {
            if let Some(t) = cell.get(start..i) {
                out.push(Token::Text(t));
            }
            out.push(Token::Bullet(c));
            start = i + c.len_utf8();
        }
    }
    if let Some(t) = cell.get(start..) {
        out.push(Token::Text(t));
    }
    out
}

fn clean(text: &str) -> String {
    text.split('\n')
        .map(collapse)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Cut a cell into pieces.
///
/// `<p>1. TITRE</p> <ul> ■ A : a ■ B : b` gives a paragraph (level 0, before a list) and
/// two items (level 1, marker `■`).
pub(crate) fn markup(cell: &str) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut stack: Vec<ListKind> = Vec::new();
    let mut buf = String::new();
    let mut kind = PieceKind::Paragraph;
    let mut marker = None;
    let flush = |buf: &mut String,
                 pieces: &mut Vec<Piece>,
                 kind: PieceKind,
                 marker: Option<char>,
                 stack: &[ListKind]| {
        let text = clean(buf);
        buf.clear();
        if !text.is_empty() {
            let level = match kind {
                PieceKind::Item => stack.len().max(1),
                PieceKind::Paragraph => stack.len(),
            };
            pieces.push(Piece {
                kind,
                text,
                level,
                marker,
                list: stack.last().copied().or(match kind {
                    PieceKind::Item => Some(ListKind::Bullets),
                    PieceKind::Paragraph => None,
                }),
                before_list: false,
            });
        }
    };
    for tok in tokens(cell) {
        match tok {
            Token::Text(t) => buf.push_str(t),
            Token::Bullet(c) => {
                flush(&mut buf, &mut pieces, kind, marker, &stack);
                kind = PieceKind::Item;
                marker = Some(c);
            }
            Token::Open(name) => match name.as_str() {
                "br" => buf.push('\n'),
                "p" | "div" => {
                    flush(&mut buf, &mut pieces, kind, marker, &stack);
                    kind = PieceKind::Paragraph;
                    marker = None;
                }
                "ul" | "ol" => {
                    flush(&mut buf, &mut pieces, kind, marker, &stack);
                    if let Some(last) = pieces.last_mut() {
                        last.before_list = true;
                    }
                    // Lists nest at most this deep (a fuzzer writes thousands of `<ul>`).
                    if stack.len() < 16 {
                        stack.push(if name == "ol" {
                            ListKind::Numbered
                        } else {
                            ListKind::Bullets
                        });
                    }
                    kind = PieceKind::Paragraph;
                    marker = None;
                }
                "li" => {
                    flush(&mut buf, &mut pieces, kind, marker, &stack);
                    kind = PieceKind::Item;
                    marker = None;
                }
                _ => {}
            },
            Token::Close(name) => match name.as_str() {
                "p" | "div" | "li" => {
                    flush(&mut buf, &mut pieces, kind, marker, &stack);
                    kind = PieceKind::Paragraph;
                    marker = None;
                }
                "ul" | "ol" => {
                    flush(&mut buf, &mut pieces, kind, marker, &stack);
                    stack.pop();
                    kind = PieceKind::Paragraph;
                    marker = None;
                }
                _ => {}
            },
        }
    }
    flush(&mut buf, &mut pieces, kind, marker, &stack);
    pieces
}

/// A cell's text without markup: its pieces joined by line feeds.
#[cfg(test)]
pub(crate) fn plain(cell: &str) -> String {
    markup(cell)
        .into_iter()
        .map(|p| p.text)
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn paragraphs_rows_and_continuations() {
        let b = blocks(
            "Se lier de\nrelier\n\n\nCONSTAT\tLe territoire\nsuite\nENJEUX\t<ul> ▶ A ▶ B\n\nFIN",
        );
        assert_eq!(b.len(), 4);
        assert_eq!(b[0].text(), "Se lier de relier");
        assert!(
            matches!(&b[1], Block::Row { heading, cell, line: 5 } if heading == "CONSTAT" && cell == "Le territoire suite")
        );
        assert!(matches!(&b[2], Block::Row { heading, .. } if heading == "ENJEUX"));
        assert_eq!(b[3].line(), 9);
    }

    #[test]
    fn odd_spacing_in_headings() {
        let b = blocks("  PORTEUR   DE  L'ACTION \t CCS \r\n");
        assert!(
            matches!(&b[0], Block::Row { heading, cell, .. } if heading == "PORTEUR DE L'ACTION" && cell == "CCS")
        );
    }

    #[test]
    fn fold_ignores_accents_case_and_apostrophes() {
        assert_eq!(fold("Échéancier  de l’action"), "ECHEANCIER DE L'ACTION");
        assert_eq!(fold("Œuvre"), "OEUVRE");
    }

    #[test]
    fn seed_description_markup() {
        let p = markup(
            r#"<p>1. TITRE UN</p> <ul style="list-style-type: none"> ■ A : a ■ B : b <p>2. TITRE DEUX</p> <ul> ■ C : c"#,
        );
        let kinds: Vec<_> = p
            .iter()
            .map(|p| (p.kind, p.text.as_str(), p.before_list))
            .collect();
        assert_eq!(
            kinds,
            [
                (PieceKind::Paragraph, "1. TITRE UN", true),
                (PieceKind::Item, "A : a", false),
                (PieceKind::Item, "B : b", false),
                (PieceKind::Paragraph, "2. TITRE DEUX", true),
                (PieceKind::Item, "C : c", false),
            ]
        );
        assert_eq!(p[1].marker, Some('■'));
        assert_eq!(p[1].level, 1);
    }

    #[test]
    fn unclosed_ordered_lists_mark_the_item_before_a_list() {
        let p = markup("<ol> TITRE <ul> ■ a ■ b. TITRE DEUX <ul> ■ c");
        assert_eq!(p[0].list, Some(ListKind::Numbered));
        assert_eq!(p[0].kind, PieceKind::Paragraph);
        assert!(p[2].before_list);
        assert_eq!(p[2].text, "b. TITRE DEUX");
        assert_eq!(p[3].level, 3);
    }

    #[test]
    fn well_formed_lists_and_breaks() {
        let p = markup("<ol><li>T</li><li>U<ul><li>x<br>y</li></ul></li></ol>tail < 5");
        let texts: Vec<_> = p
            .iter()
            .map(|p| (p.text.as_str(), p.level, p.list))
            .collect();
        assert_eq!(
            texts,
            [
                ("T", 1, Some(ListKind::Numbered)),
                ("U", 1, Some(ListKind::Numbered)),
                ("x\ny", 2, Some(ListKind::Bullets)),
                ("tail < 5", 0, None),
            ]
        );
        assert!(p[1].before_list);
        assert_eq!(plain("<p>a</p><p>b</p>"), "a\nb");
    }
}
