//! The lexer: turns a target string into tokens with byte spans.
//!
//! - white space (including U+00A0 and U+202F) separates tokens and is otherwise ignored;
//! - numbers are ASCII digits with an optional decimal comma or point (`12,5`, `12.5`) and
//!   optional thousands groups separated by a single space, U+00A0 or U+202F (`1 000`,
//!   `1 000 000,5`): a group separator is only taken when it is followed by exactly three
//!   digits, so `1 COPIL` and `entre 1 et 2` lex as expected; a comma is always a decimal
//!   separator (`1,000` is 1), so English-style `1,000.5` is rejected;
//!   a single separator followed by exactly three digits ending in `0` (`1,000`, `2.500`)
//!   reads as a thousands separator in English and a decimal one in French, and is
//!   refused as ambiguous;
//! - words are runs of letters (any script, with combining accents), possibly with
//!   apostrophes inside or at the end (`d'ici`, `d’ici`) and hyphens between letters
//!   (`rendez-vous`, `au-delà`, `vingt-deux`); they are matched case- and
//!   accent-insensitively through [`fold`];
//! - number words (`un`, `une`, `deux` … `vingt-deux`, `soixante-dix`, `quatre-vingts`,
//!   `cent`, `deux cents`, `mille`; `one` … `twenty-one`, `hundred`, `thousand`) become
//!   numbers, see [`number_words`];
//! - symbols: `>` `>=` `=>` `≥` `⩾` `<` `<=` `=<` `≤` `⩽` `=`, `+`, the minus signs and
//!   dashes `-` `−` `–` `—` `‐` `‑` `‒`, `%`, `/`, `:`, `;`, `(`, `)`, and stray `.` and
//!   `,`.

use std::ops::Range;

use super::ast::Comparator;
use super::error::{t, TargetError, TargetErrorCode, Text};

/// Numbers must be below this bound in absolute value.
pub(crate) const MAX_ABS: f64 = 1e15;
/// Numbers may have at most this many decimals.
pub(crate) const MAX_DECIMALS: usize = 20;

/// A lexed number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Number {
    /// Its value (finite, below [`MAX_ABS`]).
    pub value: f64,
    /// Whether it was written as plain digits (no group or decimal separator).
    pub plain_integer: bool,
}

/// A token kind.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum TokenKind {
    /// A number.
    Number(Number),
    /// A word, folded (lower case, accents removed, apostrophes normalised to `'`).
    Word(String),
    /// A comparison symbol.
    Cmp(Comparator),
    /// `+`.
    Plus,
    /// `-`, `−` and the dashes.
    Minus,
    /// `%`.
    Percent,
    /// `/`.
    Slash,
    /// `(`.
    LParen,
    /// `)`.
    RParen,
    /// A stray `.`.
    Dot,
    /// A stray `,`.
    Comma,
    /// `:`.
    Colon,
    /// `;`.
    Semicolon,
}

/// A token with its byte span in the input.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// Where it is (byte offsets, on character boundaries).
    pub span: Range<usize>,
}

/// Thousands group separators: space, no-break space, narrow no-break space.
fn is_group_separator(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}')
}

/// Combining diacritical marks (decomposed accents).
fn is_combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}')
}

/// Apostrophes: ASCII, typographic (U+2019) and modifier letter (U+02BC).
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2bc}')
}

/// Hyphens that join the parts of a word (`rendez-vous`, `vingt‑deux`).
fn is_word_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Minus signs and dashes.
fn is_minus(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2212}' | '\u{2013}' | '\u{2014}' | '\u{2010}' | '\u{2011}' | '\u{2012}'
    )
}

/// Fold a word for keyword matching: lower case, accents removed, `œ` → `oe`, apostrophes
/// normalised to `'`: `Réalisée` → `realisee`, `D’ICI` → `d'ici`.
pub(crate) fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if is_combining(c) {
            continue;
        }
        if is_apostrophe(c) {
            out.push('\'');
            continue;
        }
        for l in c.to_lowercase() {
            match l {
                'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' => out.push('a'),
                'é' | 'è' | 'ê' | 'ë' => out.push('e'),
                'î' | 'ï' | 'í' | 'ì' => out.push('i'),
                'ô' | 'ö' | 'ó' | 'ò' | 'õ' => out.push('o'),
                'ù' | 'û' | 'ü' | 'ú' => out.push('u'),
                'ç' => out.push('c'),
                'ÿ' => out.push('y'),
                'ñ' => out.push('n'),
                'œ' => out.push_str("oe"),
                'æ' => out.push_str("ae"),
                other if is_combining(other) => {}
                other => out.push(other),
            }
        }
    }
    out
}

/// Lex a whole input.
pub(crate) fn lex(input: &str) -> Result<Vec<Token>, TargetError> {
    let mut lexer = Lexer { input, pos: 0 };
    let mut tokens = Vec::new();
    while let Some(token) = lexer.next_token()? {
        tokens.push(token);
    }
    Ok(number_words(tokens))
}

struct Lexer<'a> {
    input: &'a str,
    pos: usize,
}

impl Lexer<'_> {
    fn rest(&self) -> &str {
        self.input.get(self.pos..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn peek_second(&self) -> Option<char> {
        self.rest().chars().nth(1)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn next_token(&mut self) -> Result<Option<Token>, TargetError> {
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
        let start = self.pos;
        let Some(c) = self.peek() else {
            return Ok(None);
        };
        let starts_number = c.is_ascii_digit()
            || (matches!(c, '.' | ',') && self.peek_second().is_some_and(|d| d.is_ascii_digit()));
        if starts_number {
            let number = self.number()?;
            return Ok(Some(Token {
                kind: TokenKind::Number(number),
                span: start..self.pos,
            }));
        }
        if c.is_alphabetic() {
            return Ok(Some(self.word()));
        }
        self.bump();
        let kind = match c {
            '>' | '<' => {
                let or_equal = self.peek() == Some('=');
                if or_equal {
                    self.bump();
                }
                TokenKind::Cmp(match (c, or_equal) {
                    ('>', false) => Comparator::Gt,
                    ('>', true) => Comparator::Ge,
                    (_, false) => Comparator::Lt,
                    (_, true) => Comparator::Le,
                })
            }
            '≥' | '⩾' => TokenKind::Cmp(Comparator::Ge),
            '≤' | '⩽' => TokenKind::Cmp(Comparator::Le),
            // `=>` and `=<` are common typos of `>=` and `<=`.
            '=' => match self.peek() {
                Some('>') => {
                    self.bump();
                    TokenKind::Cmp(Comparator::Ge)
                }
                Some('<') => {
                    self.bump();
                    TokenKind::Cmp(Comparator::Le)
                }
                _ => TokenKind::Cmp(Comparator::Eq),
            },
            '+' => TokenKind::Plus,
            c if is_minus(c) => TokenKind::Minus,
            '%' => TokenKind::Percent,
            '/' => TokenKind::Slash,
            '(' => TokenKind::LParen,
            ')' => TokenKind::RParen,
            '.' => TokenKind::Dot,
            ',' => TokenKind::Comma,
            ':' => TokenKind::Colon,
            ';' => TokenKind::Semicolon,
            other => {
                return Err(TargetError::new(
                    TargetErrorCode::InvalidCharacter,
                    self.input,
                    start..self.pos,
                    t(
                        format!("caractère `{}` inattendu", other.escape_debug()),
                        format!("unexpected character `{}`", other.escape_debug()),
                    ),
                )
                .with_hint(t(
                    "une cible s'écrit avec des nombres, des mots, `> ≥ < ≤ =`, `+ −`, `%`, \
                     `/`, `:`, `;` et des parenthèses",
                    "a target uses numbers, words, `> ≥ < ≤ =`, `+ −`, `%`, `/`, `:`, `;` and \
                     parentheses",
                )))
            }
        };
        Ok(Some(Token {
            kind,
            span: start..self.pos,
        }))
    }

    fn word(&mut self) -> Token {
        let start = self.pos;
        while let Some(c) = self.peek() {
            let joins = is_word_hyphen(c) && self.peek_second().is_some_and(char::is_alphabetic);
            if c.is_alphabetic() || is_combining(c) || is_apostrophe(c) || joins {
                self.bump();
            } else {
                break;
            }
        }
        let text = self.input.get(start..self.pos).unwrap_or("");
        Token {
            kind: TokenKind::Word(fold(text)),
            span: start..self.pos,
        }
    }

    /// Take a run of ASCII digits, returning it.
    fn digits(&mut self) -> &str {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.bump();
        }
        self.input.get(start..self.pos).unwrap_or("")
    }

    /// If a thousands group (separator + exactly three digits, not followed by a digit)
    /// starts here, its byte length.
    fn group_ahead(&self) -> Option<usize> {
        let mut chars = self.rest().chars();
        let sep = chars.next().filter(|c| is_group_separator(*c))?;
        let three = chars.by_ref().take(3).filter(char::is_ascii_digit).count();
        if three != 3 || chars.next().is_some_and(|c| c.is_ascii_digit()) {
            return None;
        }
        Some(sep.len_utf8() + 3)
    }

    fn number(&mut self) -> Result<Number, TargetError> {
        let start = self.pos;
        let mut integer = self.digits().to_string();
        let mut grouped = false;
        if (1..=3).contains(&integer.len()) {
            while let Some(len) = self.group_ahead() {
                let group = self
                    .input
                    .get(self.pos + len - 3..self.pos + len)
                    .unwrap_or("");
                integer.push_str(group);
                self.pos += len;
                grouped = true;
            }
        }
        // The decimal part, and whatever malformed run of digits and separators follows.
        // A separator followed by white space and more text ends the number instead
        // (`20 en 2026, 30 en 2028`, `2026 ; 2027`); at the very end it is malformed.
        let tail_start = self.pos;
        while let Some(c) = self
            .peek()
            .filter(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        {
            if c != '.' && c != ',' {
                self.bump();
                continue;
            }
            let after = self.rest().get(c.len_utf8()..).unwrap_or("");
            let ends = after.starts_with(char::is_whitespace) && !after.trim().is_empty();
            if ends {
                break;
            }
            self.bump();
        }
        let tail = self.input.get(tail_start..self.pos).unwrap_or("");
        let span = start..self.pos;
        let text = self.input.get(span.clone()).unwrap_or("");
        let invalid = |message: Text, hint: Text| {
            TargetError::new(
                TargetErrorCode::InvalidNumber,
                self.input,
                span.clone(),
                message,
            )
            .with_expected(t(
                "un nombre comme `200`, `12,5` ou `1 000`",
                "a number such as `200`, `12,5` or `1 000`",
            ))
            .with_hint(hint)
        };
        let fraction = match tail.chars().next() {
            None => "",
            Some(_) => {
                let digits = tail.get(1..).unwrap_or("");
                if digits.is_empty() {
                    return Err(invalid(
                        t(
                            format!("`{text}` se termine par un séparateur décimal"),
                            format!("`{text}` ends with a decimal separator"),
                        ),
                        t(
                            "supprimez le séparateur final ou ajoutez des décimales, par exemple `12,5`",
                            "remove the trailing separator or add decimals, e.g. `12,5`",
                        ),
                    ));
                }
                if !digits.chars().all(|c| c.is_ascii_digit()) {
                    return Err(invalid(
                        t(
                            format!("`{text}` a plus d'un séparateur décimal"),
                            format!("`{text}` has more than one decimal separator"),
                        ),
                        t(
                            "utilisez une seule virgule ou un seul point décimal (`12,5`) et \
                             séparez les milliers par des espaces (`1 000 000`)",
                            "use one decimal comma or point (`12,5`) and group thousands with \
                             spaces (`1 000 000`)",
                        ),
                    ));
                }
                digits
            }
        };
        if integer.is_empty() {
            return Err(invalid(
                t(
                    format!("`{text}` n'a pas de chiffre avant son séparateur décimal"),
                    format!("`{text}` has no digit before its decimal separator"),
                ),
                t(
                    "écrivez un zéro devant, par exemple `0,5`",
                    "write a leading zero, e.g. `0,5`",
                ),
            ));
        }
        let ambiguous = !grouped
            && (1..=3).contains(&integer.len())
            && !integer.starts_with('0')
            && fraction.len() == 3
            && fraction.ends_with('0');
        if ambiguous {
            let sep = tail.chars().next().unwrap_or(',');
            return Err(invalid(
                t(
                    format!(
                        "`{text}` est ambigu : séparateur de milliers en anglais, {} en français",
                        if sep == ',' { "virgule décimale" } else { "point décimal" }
                    ),
                    format!(
                        "`{text}` is ambiguous: a thousands separator in English, a decimal {} \
                         in French",
                        if sep == ',' { "comma" } else { "point" }
                    ),
                ),
                t(
                    "écrivez `1 000` pour mille, ou supprimez les zéros finaux d'une décimale (`1,5`)",
                    "write `1 000` for a thousand, or drop the trailing zeros of a decimal (`1,5`)",
                ),
            ));
        }
        if fraction.len() > MAX_DECIMALS {
            return Err(TargetError::new(
                TargetErrorCode::NumberOutOfRange,
                self.input,
                span,
                t(
                    format!("`{text}` a plus de {MAX_DECIMALS} décimales"),
                    format!("`{text}` has more than {MAX_DECIMALS} decimals"),
                ),
            )
            .with_hint(t("arrondissez le nombre", "round the number")));
        }
        let normalized = if fraction.is_empty() {
            integer.clone()
        } else {
            format!("{integer}.{fraction}")
        };
        let value = normalized.parse::<f64>().ok().filter(|v| v.is_finite());
        match value {
            Some(value) if value.abs() < MAX_ABS => Ok(Number {
                value,
                plain_integer: !grouped && tail.is_empty(),
            }),
            _ => Err(TargetError::new(
                TargetErrorCode::NumberOutOfRange,
                self.input,
                span,
                t(
                    format!("`{text}` est trop grand (les nombres doivent rester sous 10^15)"),
                    format!("`{text}` is too large (numbers must be below 10^15)"),
                ),
            )
            .with_hint(t(
                "vérifiez le nombre de chiffres",
                "check the number of digits",
            ))),
        }
    }
}

/// One part of a number written in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Atom {
    /// A number word's value (`deux` 2, `vingts` 20, `cent` 100, `mille` 1000).
    Num(u64),
    /// `et`, as in `vingt et un`.
    Et,
}

/// The value of a folded number word, French or English.
fn number_word(word: &str) -> Option<u64> {
    Some(match word {
        "zero" => 0,
        "un" | "une" | "one" => 1,
        "deux" | "two" => 2,
        "trois" | "three" => 3,
        "quatre" | "four" => 4,
        "cinq" | "five" => 5,
        "six" => 6,
        "sept" | "seven" => 7,
        "huit" | "eight" => 8,
        "neuf" | "nine" => 9,
        "dix" | "ten" => 10,
        "onze" | "eleven" => 11,
        "douze" | "twelve" => 12,
        "treize" | "thirteen" => 13,
        "quatorze" | "fourteen" => 14,
        "quinze" | "fifteen" => 15,
        "seize" | "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "vingt" | "vingts" | "twenty" => 20,
        "trente" | "thirty" => 30,
        "quarante" | "forty" => 40,
        "cinquante" | "fifty" => 50,
        "soixante" | "sixty" => 60,
        "septante" | "seventy" => 70,
        "huitante" | "octante" | "eighty" => 80,
        "nonante" | "ninety" => 90,
        "cent" | "cents" | "hundred" => 100,
        "mille" | "thousand" => 1000,
        _ => return None,
    })
}

/// The atoms of a word token (`vingt-deux` → 20, 2), if every part is a number word.
fn atoms_of(word: &str) -> Option<Vec<Atom>> {
    if word == "et" {
        return Some(vec![Atom::Et]);
    }
    word.split(is_word_hyphen)
        .map(|part| match part {
            "et" => Some(Atom::Et),
            _ => number_word(part).map(Atom::Num),
        })
        .collect()
}

/// A number below 100 at the start of `atoms`: its value and the atoms it takes.
fn below_hundred(atoms: &[Atom]) -> Option<(u64, usize)> {
    let at = |i: usize| atoms.get(i).copied();
    let (tens, used) = match at(0)? {
        Atom::Num(4) if at(1) == Some(Atom::Num(20)) => (80, 2), // quatre-vingt(s)
        Atom::Num(10) => {
            return Some(match at(1) {
                Some(Atom::Num(u @ 7..=9)) => (10 + u, 2), // dix-sept
                _ => (10, 1),
            });
        }
        Atom::Num(v @ 0..=19) => return Some((v, 1)),
        Atom::Num(t) if t % 10 == 0 && (20..=90).contains(&t) => (t, 1),
        _ => return None,
    };
    Some(match (at(used), at(used + 1)) {
        // vingt et un, soixante et onze
        (Some(Atom::Et), Some(Atom::Num(1))) if tens <= 60 => (tens + 1, used + 2),
        (Some(Atom::Et), Some(Atom::Num(11))) if tens == 60 => (71, used + 2),
        (Some(Atom::Num(u @ 1..=9)), _) => (tens + u, used + 1),
        // soixante-dix(-sept), quatre-vingt-douze
        (Some(Atom::Num(10)), next) if tens == 60 || tens == 80 => match next {
            Some(Atom::Num(u @ 7..=9)) => (tens + 10 + u, used + 2),
            _ => (tens + 10, used + 1),
        },
        (Some(Atom::Num(v @ 11..=16)), _) if tens == 60 || tens == 80 => (tens + v, used + 1),
        _ => (tens, used),
    })
}

/// A number below 1000 at the start of `atoms` (`trois cent cinquante`, `deux cents`).
fn below_thousand(atoms: &[Atom]) -> Option<(u64, usize)> {
    let small = below_hundred(atoms);
    let (head, used) = small.unwrap_or((1, 0));
    if atoms.get(used) != Some(&Atom::Num(100)) {
        return small;
    }
    if !(1..=9).contains(&head) {
        return small;
    }
    let rest = atoms.get(used + 1..).unwrap_or(&[]);
    Some(match below_hundred(rest) {
        Some((tail, n)) => (head * 100 + tail, used + 1 + n),
        None => (head * 100, used + 1),
    })
}

/// The value of a whole sequence of atoms, if it is one number (`deux mille vingt-sept`).
fn compose(atoms: &[Atom]) -> Option<u64> {
    let (mut value, mut used) = below_thousand(atoms).unwrap_or((0, 0));
    if atoms.get(used) == Some(&Atom::Num(1000)) {
        let thousands = if used == 0 { 1 } else { value };
        let rest = atoms.get(used + 1..).unwrap_or(&[]);
        let (tail, n) = below_thousand(rest).unwrap_or((0, 0));
        value = thousands * 1000 + tail;
        used += 1 + n;
    }
    (used > 0 && used == atoms.len()).then_some(value)
}

/// The most atoms one number in words may have.
const MAX_NUMBER_ATOMS: usize = 16;

/// Turn runs of number words into number tokens: `au moins deux réunions` lexes as
/// `au moins 2 réunions`, `vingt et un`, `vingt-deux`, `quatre-vingt-dix`, `deux cents`,
/// `deux mille vingt-sept`, `twenty-one` as one number each. A run is read as the longest
/// prefix that forms one number, so `deux trois` stays two numbers. `cent` right after
/// `pour` is left alone (`pour cent` is a percent sign).
pub(crate) fn number_words(tokens: Vec<Token>) -> Vec<Token> {
    let word_atoms = |t: &Token| match &t.kind {
        TokenKind::Word(w) => atoms_of(w),
        _ => None,
    };
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while let Some(token) = tokens.get(i) {
        let after_pour =
            matches!(out.last(), Some(Token { kind: TokenKind::Word(w), .. }) if w == "pour");
        let starts = match &token.kind {
            TokenKind::Word(w) => {
                w != "et" && !(after_pour && w == "cent") && word_atoms(token).is_some()
            }
            _ => false,
        };
        if !starts {
            out.push(token.clone());
            i += 1;
            continue;
        }
        // The run of number-word tokens from here, with the atoms of each prefix.
        let mut atoms = Vec::new();
        let mut best: Option<(usize, u64)> = None;
        let mut j = i;
        // The longest number in words has 13 atoms (`quatre-vingt-dix-neuf mille neuf cent
        // quatre-vingt-dix-neuf`): a longer run is several numbers, and the cap keeps a
        // run of thousands of number words linear.
        while let Some(more) = tokens
            .get(j)
            .filter(|_| atoms.len() < MAX_NUMBER_ATOMS)
            .and_then(word_atoms)
        {
            atoms.extend(more);
            j += 1;
            if atoms.last() != Some(&Atom::Et)
                && let Some(v) = compose(&atoms)
            {
                best = Some((j, v));
            }
        }
        match best {
            Some((end, value)) => {
                let start = token.span.start;
                let stop = tokens.get(end - 1).map_or(token.span.end, |t| t.span.end);
                out.push(Token {
                    // At most 999 999: exact as a float.
                    kind: TokenKind::Number(Number {
                        value: value as f64,
                        plain_integer: true,
                    }),
                    span: start..stop,
                });
                i = end;
            }
            None => {
                out.push(token.clone());
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn kinds(input: &str) -> Vec<TokenKind> {
        lex(input).unwrap().into_iter().map(|t| t.kind).collect()
    }

    fn num(value: f64, plain_integer: bool) -> TokenKind {
        TokenKind::Number(Number {
            value,
            plain_integer,
        })
    }

    fn word(w: &str) -> TokenKind {
        TokenKind::Word(w.to_string())
    }

    #[test]
    fn folds_case_accents_and_apostrophes() {
        assert_eq!(fold("Réalisée"), "realisee");
        assert_eq!(fold("D’ICI"), "d'ici");
        assert_eq!(fold("re\u{301}alise\u{301}"), "realise");
        assert_eq!(fold("ŒUVRE"), "oeuvre");
        assert_eq!(fold("COPIl"), "copil");
    }

    #[test]
    fn lexes_comparators() {
        use Comparator::*;
        assert_eq!(
            kinds("> >= ≥ ⩾ < <= ≤ ⩽ ="),
            [Gt, Ge, Ge, Ge, Lt, Le, Le, Le, Eq].map(TokenKind::Cmp)
        );
        assert_eq!(kinds(">>"), [Gt, Gt].map(TokenKind::Cmp));
        // `=>` and `=<` are read as the typos they are.
        assert_eq!(kinds("=> =<"), [Ge, Le].map(TokenKind::Cmp));
        assert_eq!(kinds("= >").len(), 2);
    }

    #[test]
    fn lexes_numbers() {
        assert_eq!(kinds("200"), [num(200.0, true)]);
        assert_eq!(kinds("12,5"), [num(12.5, false)]);
        assert_eq!(kinds("12.5"), [num(12.5, false)]);
        assert_eq!(kinds("1 000"), [num(1000.0, false)]);
        assert_eq!(kinds("1\u{a0}000"), [num(1000.0, false)]);
        assert_eq!(
            kinds("1\u{202f}000\u{202f}000,25"),
            [num(1_000_000.25, false)]
        );
        assert_eq!(kinds("007"), [num(7.0, true)]);
        assert_eq!(kinds("0,000001"), [num(0.000_001, false)]);
    }

    #[test]
    fn group_separator_needs_exactly_three_digits() {
        assert_eq!(kinds("1 COPIL"), [num(1.0, true), word("copil")]);
        assert_eq!(kinds("10 20"), [num(10.0, true), num(20.0, true)]);
        assert_eq!(kinds("1 0000"), [num(1.0, true), num(0.0, true)]);
        assert_eq!(kinds("1000 000"), [num(1000.0, true), num(0.0, true)]);
        assert_eq!(kinds("1  000"), [num(1.0, true), num(0.0, true)]);
        assert_eq!(kinds("2 000 000"), [num(2e6, false)]);
    }

    #[test]
    fn rejects_malformed_numbers() {
        for (input, span) in [
            ("12,,5", 0..5),
            ("1.000.000", 0..9),
            ("1,000.5", 0..7),
            ("> 12,", 2..5),
            (",5", 0..2),
            ("1 000,", 0..6),
        ] {
            let err = lex(input).unwrap_err();
            assert_eq!(err.code, TargetErrorCode::InvalidNumber, "{input}");
            assert_eq!(err.span, span, "{input}");
        }
    }

    #[test]
    fn rejects_out_of_range_numbers() {
        let long = "9".repeat(16);
        assert_eq!(
            lex(&long).unwrap_err().code,
            TargetErrorCode::NumberOutOfRange
        );
        let long = format!("1,{}", "1".repeat(21));
        assert_eq!(
            lex(&long).unwrap_err().code,
            TargetErrorCode::NumberOutOfRange
        );
        assert!(lex(&"9".repeat(15)).is_ok());
        let huge = "9".repeat(400);
        assert_eq!(
            lex(&huge).unwrap_err().code,
            TargetErrorCode::NumberOutOfRange
        );
    }

    #[test]
    fn lexes_words_and_symbols() {
        assert_eq!(
            kinds("1 COPIl/an"),
            [num(1.0, true), word("copil"), TokenKind::Slash, word("an")]
        );
        assert_eq!(
            kinds("−10 %"),
            [TokenKind::Minus, num(10.0, true), TokenKind::Percent]
        );
        assert_eq!(kinds("d’ici 2027"), [word("d'ici"), num(2027.0, true)]);
        assert_eq!(
            kinds("(vs.)"),
            [
                TokenKind::LParen,
                word("vs"),
                TokenKind::Dot,
                TokenKind::RParen
            ]
        );
    }

    #[test]
    fn number_words() {
        assert_eq!(kinds("deux"), [num(2.0, true)]);
        assert_eq!(kinds("vingt et un"), [num(21.0, true)]);
        assert_eq!(kinds("soixante et onze"), [num(71.0, true)]);
        assert_eq!(kinds("quatre-vingt-dix-neuf"), [num(99.0, true)]);
        assert_eq!(kinds("quatre vingts"), [num(80.0, true)]);
        assert_eq!(kinds("dix-sept"), [num(17.0, true)]);
        assert_eq!(kinds("deux cents"), [num(200.0, true)]);
        assert_eq!(kinds("trois cent cinquante"), [num(350.0, true)]);
        assert_eq!(kinds("mille"), [num(1000.0, true)]);
        assert_eq!(kinds("deux mille vingt-sept"), [num(2027.0, true)]);
        assert_eq!(
            kinds("quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf"),
            [num(99_999.0, true)]
        );
        assert_eq!(kinds("twenty-one"), [num(21.0, true)]);
        assert_eq!(kinds("one hundred"), [num(100.0, true)]);
        assert_eq!(kinds("ZÉRO"), [num(0.0, true)]);
        // Two numbers side by side stay two; `et` between them stays a word.
        assert_eq!(kinds("deux trois"), [num(2.0, true), num(3.0, true)]);
        assert_eq!(
            kinds("un et deux"),
            [num(1.0, true), word("et"), num(2.0, true)]
        );
        assert_eq!(kinds("vingt cents"), [num(20.0, true), num(100.0, true)]);
        // `pour cent` is a percent sign, not a hundred.
        assert_eq!(kinds("pour cent"), [word("pour"), word("cent")]);
        // `a` is never one.
        assert_eq!(kinds("a"), [word("a")]);
        // A run of thousands of number words is read in linear time.
        let long = "un ".repeat(20_000);
        assert_eq!(kinds(&long).len(), 20_000);
    }

    #[test]
    fn hyphenated_words_and_ambiguous_numbers() {
        assert_eq!(kinds("rendez-vous"), [word("rendez-vous")]);
        assert_eq!(kinds("au-delà"), [word("au-dela")]);
        assert_eq!(kinds("10-20").len(), 3);
        for bad in ["1,000", "2.500", "17,300", "100,000"] {
            assert_eq!(
                lex(bad).unwrap_err().code,
                TargetErrorCode::InvalidNumber,
                "{bad}"
            );
        }
        for fine in ["1,125", "0,500", "1 000,500", "12,50", "1000,000"] {
            assert!(lex(fine).is_ok(), "{fine}");
        }
        // A separator before white space and more text ends the number.
        assert_eq!(
            kinds("2026, 30"),
            [num(2026.0, true), TokenKind::Comma, num(30.0, true)]
        );
    }

    #[test]
    fn spans_are_bytes() {
        let tokens = lex("≥ 4 Cotech").unwrap();
        let spans: Vec<_> = tokens.iter().map(|t| t.span.clone()).collect();
        assert_eq!(spans, [0..3, 4..5, 6..12]);
    }

    #[test]
    fn rejects_unknown_characters() {
        let err = lex("> 200 #").unwrap_err();
        assert_eq!(err.code, TargetErrorCode::InvalidCharacter);
        assert_eq!(err.span, 6..7);
        let err = lex("> ٣").unwrap_err();
        assert_eq!(err.span, 2..4);
    }
}
