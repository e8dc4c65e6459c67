//! Turning input bytes into text: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's
//! « Texte Unicode »), else Windows-1252 (French Excel's « CSV (séparateur : point-virgule) »).
//!
//! **UTF-8 or Windows-1252.** Bytes that are not valid UTF-8 are Windows-1252 only when the
//! text is not UTF-8 as a whole: if it holds valid multi-byte UTF-8 characters (`é` written
//! as two bytes) at least as many as its invalid sequences, it is a UTF-8 file with a few
//! bad bytes (a damaged file, a line pasted from another encoding), and re-decoding it as
//! Windows-1252 would turn every `é` into `Ã©`: it is refused with an `encoding_error`
//! ([`ObservationErrorKind::InvalidUtf8`]) at the line and character of the first bad
//! byte, in strict and lenient mode alike. A file with no multi-byte UTF-8 character at
//! all (ASCII plus `\xe9`…) is Windows-1252, as French Excel writes it.

use std::io::Read;

use super::{Encoding, Note, ObservationError, ObservationErrorKind, ObservationIssue};

/// Decoded input text, with a note when it was not UTF-8.
#[derive(Debug)]
pub(crate) struct Decoded {
    /// The text, without byte-order mark, lone carriage returns turned into line feeds.
    pub text: String,
    /// How it was decoded, when not plain UTF-8.
    pub note: Option<Note>,
}

/// Windows-1252 code points of the bytes 0x80–0x9F (the five unassigned bytes map to the
/// C1 control of the same value, as WHATWG does).
const CP1252_80_9F: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}',
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

/// Decode Windows-1252 bytes (every byte decodes).
pub(crate) fn decode_cp1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => CP1252_80_9F
                .get(usize::from(b - 0x80))
                .copied()
                .unwrap_or(char::from(b)),
            _ => char::from(b),
        })
        .collect()
}

/// What a scan of bytes that are not valid UTF-8 found.
struct Utf8Scan {
    /// Valid characters of more than one byte.
    multibyte: usize,
    /// Invalid sequences.
    invalid: usize,
    /// The first invalid byte: its offset, its value, and the line (1-based, counted by
    /// line feeds) and character (1-based) where it is.
    first: Option<(usize, u8, usize, usize)>,
}

impl Utf8Scan {
    fn of(bytes: &[u8]) -> Self {
        let mut scan = Utf8Scan {
            multibyte: 0,
            invalid: 0,
            first: None,
        };
        let (mut offset, mut line, mut column) = (0usize, 1usize, 1usize);
        for chunk in bytes.utf8_chunks() {
            let valid = chunk.valid();
            scan.multibyte += valid.chars().filter(|c| c.len_utf8() > 1).count();
            if scan.first.is_none() {
                let newlines = memchr::memchr_iter(b'\n', valid.as_bytes()).count();
                if newlines > 0 {
                    line += newlines;
                    let last = valid.rsplit('\n').next().unwrap_or("");
                    column = last.chars().count() + 1;
                } else {
                    column += valid.chars().count();
                }
            }
            offset += valid.len();
            if let Some(&b) = chunk.invalid().first() {
                scan.invalid += 1;
                if scan.first.is_none() {
                    scan.first = Some((offset, b, line, column));
                }
            }
            offset += chunk.invalid().len();
        }
        scan
    }

    /// UTF-8 with a few bad bytes (the module doc's rule), given `seen` multi-byte
    /// characters before these bytes.
    fn is_utf8(&self, seen: usize) -> bool {
        let multibyte = self.multibyte + seen;
        multibyte > 0 && self.invalid <= multibyte
    }

    /// The error of the first bad byte, its line moved by `lines` and its character by
    /// `column` when on the first line (what came before these bytes).
    fn error(&self, lines: usize, column: usize) -> ObservationError {
        let (_, byte, line, col) = self.first.unwrap_or((0, 0, 1, 1));
        let line_at = line + lines;
        let col = if line == 1 { col + column } else { col };
        ObservationError {
            issues: vec![ObservationIssue::new(
                ObservationErrorKind::InvalidUtf8 {
                    byte,
                    line: line_at,
                    column: col,
                    others: self.invalid.saturating_sub(1),
                },
                Some(line_at),
            )],
        }
    }
}

/// Decode input bytes (see the module doc); fails on broken UTF-16, on NUL bytes and on
/// UTF-8 with a few bad bytes.
pub(crate) fn decode(bytes: &[u8]) -> Result<Decoded, ObservationError> {
    let (text, note) = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        (
            decode_utf16(rest, u16::from_le_bytes)?,
            Some(Note::Decoded {
                encoding: Encoding::Utf16le,
            }),
        )
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        (
            decode_utf16(rest, u16::from_be_bytes)?,
            Some(Note::Decoded {
                encoding: Encoding::Utf16be,
            }),
        )
    } else {
        let rest = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
        match std::str::from_utf8(rest) {
            Ok(s) => (s.to_string(), None),
            Err(_) if Utf8Scan::of(rest).is_utf8(0) => {
                return Err(Utf8Scan::of(rest).error(0, 0));
            }
            Err(_) => (
                decode_cp1252(rest),
                Some(Note::Decoded {
                    encoding: Encoding::Windows1252,
                }),
            ),
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    if text.contains('\0') {
        return Err(ObservationError {
            issues: vec![ObservationIssue::new(ObservationErrorKind::NulBytes, None)],
        });
    }
    Ok(Decoded {
        text: normalize_newlines(text),
        note,
    })
}

fn decode_utf16(bytes: &[u8], word: fn([u8; 2]) -> u16) -> Result<String, ObservationError> {
    let broken = || ObservationError {
        issues: vec![ObservationIssue::new(
            ObservationErrorKind::BrokenUtf16,
            None,
        )],
    };
    let chunks = bytes.chunks_exact(2);
    if !chunks.remainder().is_empty() {
        return Err(broken());
    }
    let words: Vec<u16> = chunks
        .map(|c| match c {
            [a, b] => word([*a, *b]),
            _ => 0,
        })
        .collect();
    String::from_utf16(&words).map_err(|_| broken())
}

/// How a streamed input is decoded.
#[derive(Clone, Copy)]
enum Enc {
    Utf8,
    Cp1252,
    Utf16(fn([u8; 2]) -> u16),
}

/// Text decoded from a reader block by block ([`decode`]'s rules, decided on the first
/// block): the bytes of a character cut by a block's end, and a carriage return ending a
/// block, wait for the next one. If a later block is not UTF-8 while the first was, it and
/// the rest are read as Windows-1252, with a [`Note::DecodedFrom`].
pub(crate) struct ReadText<R> {
    reader: R,
    block: usize,
    enc: Option<Enc>,
    /// Bytes read but not decoded yet.
    raw: Vec<u8>,
    /// A carriage return held back from the previous block.
    cr: bool,
    ended: bool,
    /// Bytes taken from the reader before `raw`'s first one.
    offset: u64,
    notes: Vec<Note>,
    /// Multi-byte characters decoded so far (UTF-8).
    multibyte: usize,
    /// Line feeds decoded so far, and the characters after the last one.
    lines: usize,
    column: usize,
}

impl<R: std::io::Read> ReadText<R> {
    pub(crate) fn new(reader: R, block: usize) -> Self {
        ReadText {
            reader,
            block: block.max(4),
            enc: None,
            raw: Vec::new(),
            cr: false,
            ended: false,
            offset: 0,
            notes: Vec::new(),
            multibyte: 0,
            lines: 0,
            column: 0,
        }
    }

    fn fail(kind: ObservationErrorKind) -> ObservationError {
        ObservationError {
            issues: vec![ObservationIssue::new(kind, None)],
        }
    }

    /// Decode what `raw` holds (all of it at the end); the bytes of a cut character stay.
    fn decode_raw(&mut self, eof: bool) -> Result<String, ObservationError> {
        let mut first = false;
        let enc = match self.enc {
            Some(enc) => enc,
            None => {
                first = true;
                let (enc, bom) = if self.raw.starts_with(&[0xFF, 0xFE]) {
                    (Enc::Utf16(u16::from_le_bytes), 2)
                } else if self.raw.starts_with(&[0xFE, 0xFF]) {
                    (Enc::Utf16(u16::from_be_bytes), 2)
                } else {
                    let bom = if self.raw.starts_with(&[0xEF, 0xBB, 0xBF]) {
                        3
                    } else {
                        0
                    };
                    let rest = self.raw.get(bom..).unwrap_or_default();
                    match std::str::from_utf8(rest) {
                        Ok(_) => (Enc::Utf8, bom),
                        Err(e) if e.error_len().is_none() && !eof => (Enc::Utf8, bom),
                        Err(_) => {
                            let scan = Utf8Scan::of(rest);
                            if scan.is_utf8(0) {
                                return Err(scan.error(0, 0));
                            }
                            (Enc::Cp1252, bom)
                        }
                    }
                };
                match enc {
                    Enc::Utf16(f) => self.notes.push(Note::Decoded {
                        encoding: if f([0xFF, 0xFE]) == 0xFEFF {
                            Encoding::Utf16le
                        } else {
                            Encoding::Utf16be
                        },
                    }),
                    Enc::Cp1252 => self.notes.push(Note::Decoded {
                        encoding: Encoding::Windows1252,
                    }),
                    Enc::Utf8 => {}
                }
                self.raw.drain(..bom);
                self.offset += bom as u64;
                self.enc = Some(enc);
                enc
            }
        };
        let (text, used) = match enc {
            Enc::Cp1252 => (decode_cp1252(&self.raw), self.raw.len()),
            Enc::Utf8 => match std::str::from_utf8(&self.raw) {
                Ok(s) => (s.to_string(), self.raw.len()),
                Err(e) if e.error_len().is_none() && !eof => {
                    let valid = e.valid_up_to();
                    let s = std::str::from_utf8(self.raw.get(..valid).unwrap_or_default())
                        .map(str::to_string)
                        .unwrap_or_default();
                    (s, valid)
                }
                Err(_) => {
                    let scan = Utf8Scan::of(&self.raw);
                    if scan.is_utf8(self.multibyte) {
                        return Err(scan.error(self.lines, self.column));
                    }
                    self.notes.push(Note::DecodedFrom {
                        encoding: Encoding::Windows1252,
                        byte: self.offset,
                    });
                    self.enc = Some(Enc::Cp1252);
                    (decode_cp1252(&self.raw), self.raw.len())
                }
            },
            Enc::Utf16(word) => {
                let mut n = self.raw.len() / 2;
                let last = self
                    .raw
                    .get(n.saturating_sub(1) * 2..n * 2)
                    .and_then(|b| <[u8; 2]>::try_from(b).ok())
                    .map(word);
                if !eof && n > 0 && last.is_some_and(|w| (0xD800..0xDC00).contains(&w)) {
                    n -= 1;
                }
                if eof && !self.raw.len().is_multiple_of(2) {
                    return Err(Self::fail(ObservationErrorKind::BrokenUtf16));
                }
                let words = self
                    .raw
                    .get(..2 * n)
                    .unwrap_or_default()
                    .chunks_exact(2)
                    .map(|c| match c {
                        [a, b] => word([*a, *b]),
                        _ => 0,
                    });
                let text: Result<String, _> = char::decode_utf16(words).collect();
                match text {
                    Ok(t) => (t, 2 * n),
                    Err(_) => return Err(Self::fail(ObservationErrorKind::BrokenUtf16)),
                }
            }
        };
        self.raw.drain(..used);
        self.offset += used as u64;
        if matches!(self.enc, Some(Enc::Utf8)) {
            self.multibyte += text.chars().filter(|c| c.len_utf8() > 1).count();
            let newlines = memchr::memchr_iter(b'\n', text.as_bytes()).count();
            if newlines > 0 {
                self.lines += newlines;
                self.column = text.rsplit('\n').next().unwrap_or("").chars().count();
            } else {
                self.column += text.chars().count();
            }
        }
        let text = if first {
            text.strip_prefix('\u{feff}')
                .map(str::to_string)
                .unwrap_or(text)
        } else {
            text
        };
        Ok(text)
    }
}

impl<R: std::io::Read> super::csv::TextSource for ReadText<R> {
    fn more(&mut self, buf: &mut String) -> Result<bool, ObservationError> {
        if self.ended {
            return Ok(false);
        }
        let block = self.block as u64;
        let n = (&mut self.reader)
            .take(block)
            .read_to_end(&mut self.raw)
            .map_err(|e| {
                Self::fail(ObservationErrorKind::ReadFailed {
                    error: e.to_string(),
                })
            })?;
        let eof = (n as u64) < block;
        let mut text = self.decode_raw(eof)?;
        if text.contains('\0') {
            return Err(Self::fail(ObservationErrorKind::NulBytes));
        }
        if std::mem::take(&mut self.cr) {
            text.insert(0, '\r');
        }
        if !eof && text.ends_with('\r') {
            text.pop();
            self.cr = true;
        }
        buf.push_str(&normalize_newlines(text));
        self.ended = eof;
        Ok(!eof)
    }

    fn ended(&self) -> bool {
        self.ended
    }

    fn notes(&mut self) -> Vec<Note> {
        std::mem::take(&mut self.notes)
    }
}

/// Turn lone carriage returns (old Mac line ends) into line feeds; CRLF is kept.
pub(crate) fn normalize_newlines(text: String) -> String {
    // CRLF files (French Excel's) have no lone carriage return: kept as they are.
    let bytes = text.as_bytes();
    if memchr::memchr_iter(b'\r', bytes).all(|i| bytes.get(i + 1) == Some(&b'\n')) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() != Some(&'\n') {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
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

    #[test]
    fn windows_1252() {
        assert_eq!(decode_cp1252(b"Donn\xe9es fictives"), "Données fictives");
        assert_eq!(decode_cp1252(b"\x80 \x8c\x9c \x92 \x96\x97"), "€ Œœ ’ –—");
        assert_eq!(
            decode_cp1252(b"\x81\x8d\x8f\x90\x9d"),
            "\u{81}\u{8d}\u{8f}\u{90}\u{9d}"
        );
        assert_eq!(decode_cp1252(b"\xa0\xff"), "\u{a0}ÿ");
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(decode_cp1252(&all).chars().count(), 256);
    }

    #[test]
    fn decodes_utf8_bom_and_fallback() {
        let d = decode(b"\xef\xbb\xbfb\xc3\xa9n\xc3\xa9ficiaire").unwrap();
        assert_eq!(d.text, "bénéficiaire");
        assert_eq!(d.note, None);
        let d = decode(b"b\xe9n\xe9ficiaire\r\n").unwrap();
        assert_eq!(d.text, "bénéficiaire\r\n");
        assert_eq!(
            d.note,
            Some(Note::Decoded {
                encoding: Encoding::Windows1252
            })
        );
    }

    #[test]
    fn decodes_utf16_and_rejects_nul() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "é;x".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        assert_eq!(decode(&bytes).unwrap().text, "é;x");
        assert!(decode(&[0xFF, 0xFE, 0x00]).is_err());
        assert!(decode(b"a\0b").is_err());
    }

    /// Everything a [`ReadText`] gives, with blocks of `block` bytes.
    fn streamed(bytes: &[u8], block: usize) -> Result<(String, Vec<Note>), ObservationError> {
        use crate::io::csv::TextSource;
        let mut source = ReadText::new(bytes, block);
        let mut text = String::new();
        while source.more(&mut text)? {}
        Ok((text, source.notes()))
    }

    #[test]
    fn unclear_stray_byte_in_a_later_block_is_an_encoding_error() {
        // UTF-8 accents in the first block, a stray byte in a later one.
        let bytes = b"a;b\nr\xc3\xa9union;1\nx;2\ncaf\xff;3\n";
        let err = streamed(bytes, 8).unwrap_err();
        assert_eq!(
            err.issues[0].kind,
            ObservationErrorKind::InvalidUtf8 {
                byte: 0xFF,
                line: 4,
                column: 4,
                others: 0
            }
        );
        assert_eq!(err.issues[0].row, Some(4));
        assert_eq!(decode(bytes).unwrap_err().issues, err.issues);
        // ASCII first, then Windows-1252 accents: re-read from there, as before.
        let (text, notes) = streamed(b"a;b\nxxxxxxxx;1\nr\xe9union;2\n", 8).unwrap();
        assert_eq!(text, "a;b\nxxxxxxxx;1\nréunion;2\n");
        assert!(matches!(notes.last(), Some(Note::DecodedFrom { .. })));
        // ASCII with one stray byte and no UTF-8 character: Windows-1252 (`ÿ`).
        assert_eq!(decode(b"a;b\nL'Ha\xff;1\n").unwrap().text, "a;b\nL'Haÿ;1\n");
    }

    #[test]
    fn normalizes_lone_cr() {
        assert_eq!(decode(b"a\rb\r\nc\r").unwrap().text, "a\nb\r\nc\n");
        assert_eq!(decode(b"a\r\nb\r\n").unwrap().text, "a\r\nb\r\n");
        assert_eq!(decode(b"a\r\n\r").unwrap().text, "a\r\n\n");
    }
}
