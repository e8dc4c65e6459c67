//! The parser: a small recursive-descent parser over the tokens of `super::lexer`.
//!
//! Grammar (case- and accent-insensitive; `[x]` optional, `|` alternatives):
//!
//! ```text
//! target    := "(" target ")" | core
//! core      := compare | range | change | milestone
//! compare   := comparator signed [percent] suffix
//!            | number [percent] suffix                      (bare number: at least)
//! comparator:= ">" | ">=" | "≥" | "<" | "<=" | "≤" | "=" | "plus de" | "au moins"
//!            | "moins de" | "au plus" | "more than" | "at least" | "less than" | "at most"
//!            | "supérieur à" | "inférieur à" | "supérieur ou égal à" | "égal à" | …
//! range     := ("entre" | "between" | "de" | "from") signed [percent] ("et" | "and" | "à" | "to" | "-")
//!              signed [percent] suffix
//!            | number [percent] ("-" | "à" | "to") number [percent] suffix
//! suffix    := unit* [period]
//! unit      := a word, other than `par`/`per`, and other than `a`/`each`/`every`/`chaque`
//!              when a period word follows; the first unit word may not be a keyword of
//!              another construction (`et`, `à`, `avant`, `en`, `plus`, `vs`, `réalisé`…)
//! period    := ("/" | "par" | "per" | "a" | "each" | "every" | "chaque") period-word
//! period-word := an | année | year | mois | month | trimestre | quarter | (plurals)
//! change    := ("+" | "-" | "−") number (percent | points) [baseline]
//!            | verb number (percent | points) [baseline]
//! verb      := "augmentation de" | "hausse de" | "réduction de" | "baisse de"
//!            | "diminution de" | "increase of" | "decrease of" | "reduction of" | …
//! points    := ["percentage"] ("points" | "point" | "pts" | "pt") ["de pourcentage"]
//! percent   := "%" | "pour cent" | "pourcent" | "percent"
//! baseline  := "par rapport à" ["la"] ref | ("vs" ["."] | "versus") ["la" | "the"] ref
//!            | ("compared to" | "compared with" | "relative to") ["the"] ref
//! ref       := "référence" | "baseline" | "base"
//! milestone := ("réalisé" | "réalisée" | "fait" | "faite" | "achevé" | "terminé" | "done"
//!              | "completed" | …) [deadline]
//! deadline  := ("avant" | "before" | "d'ici" | "by" | "en" | "in") year
//! ```

use std::ops::Range;

use super::ast::{Comparator, Deadline, DeadlineRelation, Target, TargetKind};
use super::display::format_number;
use super::error::{TargetError, TargetErrorCode};
use super::lexer::{self, Token, TokenKind};
use crate::model::Window;
use crate::Lang;

/// The smallest accepted deadline year.
pub const MIN_YEAR: i32 = 1900;
/// The largest accepted deadline year.
pub const MAX_YEAR: i32 = 2200;

type Result<T> = std::result::Result<T, TargetError>;

/// A phrase: a sequence of slots, each slot listing the accepted (folded) words.
type Phrase = &'static [&'static [&'static str]];

const FR_SUPERIEUR: &[&str] = &["superieur", "superieure", "superieurs", "superieures"];
const FR_INFERIEUR: &[&str] = &["inferieur", "inferieure", "inferieurs", "inferieures"];
const FR_EGAL: &[&str] = &["egal", "egale", "egaux", "egales"];

/// Word comparators, longest phrases first.
const COMPARATOR_PHRASES: &[(Phrase, Comparator)] = &[
    (&[FR_SUPERIEUR, &["ou"], FR_EGAL, &["a"]], Comparator::Ge),
    (&[FR_INFERIEUR, &["ou"], FR_EGAL, &["a"]], Comparator::Le),
    (&[&["pas"], &["moins"], &["de"]], Comparator::Ge),
    (&[&["pas"], &["plus"], &["de"]], Comparator::Le),
    (
        &[&["no", "not"], &["less", "fewer"], &["than"]],
        Comparator::Ge,
    ),
    (&[&["no", "not"], &["more"], &["than"]], Comparator::Le),
    (
        &[&["greater"], &["than"], &["or"], &["equal"], &["to"]],
        Comparator::Ge,
    ),
    (
        &[&["less"], &["than"], &["or"], &["equal"], &["to"]],
        Comparator::Le,
    ),
    (&[&["plus"], &["de"]], Comparator::Gt),
    (&[&["au"], &["moins"]], Comparator::Ge),
    (&[&["moins"], &["de"]], Comparator::Lt),
    (&[&["au"], &["plus"]], Comparator::Le),
    (&[FR_SUPERIEUR, &["a"]], Comparator::Gt),
    (&[FR_INFERIEUR, &["a"]], Comparator::Lt),
    (&[FR_EGAL, &["a"]], Comparator::Eq),
    (&[&["more", "greater"], &["than"]], Comparator::Gt),
    (&[&["at"], &["least"]], Comparator::Ge),
    (&[&["less", "fewer"], &["than"]], Comparator::Lt),
    (&[&["at"], &["most"]], Comparator::Le),
    (&[&["equal"], &["to"]], Comparator::Eq),
    (&[&["minimum", "min"]], Comparator::Ge),
    (&[&["maximum", "max"]], Comparator::Le),
    (&[&["exactement", "exactly"]], Comparator::Eq),
];

/// Verbs of relative change, with their direction (+1 up, -1 down).
const CHANGE_PHRASES: &[(Phrase, f64)] = &[
    (
        &[
            &["augmentation", "hausse", "progression", "croissance"],
            &["de"],
        ],
        1.0,
    ),
    (&[&["augmenter"], &["de"]], 1.0),
    (&[&["increase", "rise", "growth"], &["of", "by"]], 1.0),
    (
        &[&["reduction", "baisse", "diminution"], &["de", "of", "by"]],
        -1.0,
    ),
    (&[&["reduire", "diminuer", "baisser"], &["de"]], -1.0),
    (
        &[&["decrease", "drop", "decline", "fall"], &["of", "by"]],
        -1.0,
    ),
];

/// Range openers.
const RANGE_OPENERS: &[&str] = &["entre", "between", "de", "from"];
/// Words between the bounds of a range (a dash is accepted too).
const RANGE_JOINERS: &[&str] = &["et", "and", "a", "to"];
/// Words between the bounds of a bare range `10 à 20` (a dash is accepted too).
const BARE_RANGE_JOINERS: &[&str] = &["a", "to"];

/// Milestone words.
const MILESTONE_WORDS: &[&str] = &[
    "realise",
    "realisee",
    "realises",
    "realisees",
    "fait",
    "faite",
    "faits",
    "faites",
    "acheve",
    "achevee",
    "acheves",
    "achevees",
    "termine",
    "terminee",
    "termines",
    "terminees",
    "accompli",
    "accomplie",
    "done",
    "completed",
    "complete",
    "achieved",
    "finished",
];

/// Deadline phrases.
const DEADLINE_PHRASES: &[(Phrase, DeadlineRelation)] = &[
    (&[&["d'"], &["ici"]], DeadlineRelation::By),
    (&[&["d'ici", "by"]], DeadlineRelation::By),
    (&[&["avant", "before"]], DeadlineRelation::Before),
    (&[&["en", "in", "during"]], DeadlineRelation::In),
];

/// Words introducing a period only when a period word follows.
const SOFT_PERIOD_MARKERS: &[&str] = &["a", "each", "every", "chaque"];
/// Words always introducing a period.
const HARD_PERIOD_MARKERS: &[&str] = &["par", "per"];

/// Words that cannot start a unit (they belong to other constructions).
const NOT_A_UNIT_START: &[&str] = &[
    "a",
    "to",
    "et",
    "and",
    "ou",
    "or",
    "entre",
    "between",
    "from",
    "avant",
    "before",
    "d'ici",
    "by",
    "en",
    "in",
    "during",
    "plus",
    "moins",
    "au",
    "at",
    "more",
    "less",
    "than",
    "vs",
    "versus",
    "rapport",
    "reference",
    "baseline",
];

/// Words naming the baseline.
const BASELINE_WORDS: &[&str] = &["reference", "baseline", "base"];

/// The window named by a folded period word, if any.
pub(crate) fn period_word(word: &str) -> Option<Window> {
    match word {
        "an" | "ans" | "annee" | "annees" | "year" | "years" | "yr" | "annum" => Some(Window::Year),
        "mois" | "month" | "months" => Some(Window::Month),
        "trimestre" | "trimestres" | "quarter" | "quarters" => Some(Window::Quarter),
        _ => None,
    }
}

/// Parse a target.
pub(crate) fn parse(input: &str) -> Result<Target> {
    let tokens = lexer::lex(input)?;
    let opens = tokens
        .iter()
        .take_while(|t| t.kind == TokenKind::LParen)
        .count();
    let closes = tokens
        .iter()
        .rev()
        .take_while(|t| t.kind == TokenKind::RParen)
        .count();
    if opens != closes {
        let (span, message, hint) = if opens > closes {
            let span = tokens.first().map(|t| t.span.clone()).unwrap_or(0..0);
            (
                span,
                "unclosed `(`",
                "close the parenthesis at the end, or remove it",
            )
        } else {
            let span = tokens.last().map(|t| t.span.clone()).unwrap_or(0..0);
            (
                span,
                "unmatched `)`",
                "remove the `)`, or open a parenthesis at the start",
            )
        };
        return Err(
            TargetError::new(TargetErrorCode::UnbalancedParenthesis, input, span, message)
                .hint(hint),
        );
    }
    let body = tokens
        .get(opens..tokens.len().saturating_sub(closes))
        .unwrap_or(&[]);
    if body.is_empty() {
        return Err(TargetError::new(
            TargetErrorCode::Empty,
            input,
            0..input.len(),
            "empty target",
        )
        .expected("a target")
        .hint("write a target such as `> 200`, `+20 %`, `1 COPIL / an` or `réalisé d'ici 2027`"));
    }
    let end_offset = tokens
        .get(opens + body.len())
        .map_or(input.len(), |t| t.span.start);
    let mut parser = Parser {
        input,
        tokens: body,
        pos: 0,
        end_offset,
    };
    let target = parser.target()?;
    parser.finish()?;
    Ok(target)
}

struct Parser<'a> {
    input: &'a str,
    tokens: &'a [Token],
    pos: usize,
    /// The offset just after the body (the closing parenthesis, or the end of the input).
    end_offset: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self, k: usize) -> Option<&'a Token> {
        self.tokens.get(self.pos + k)
    }

    fn kind(&self, k: usize) -> Option<&'a TokenKind> {
        self.peek(k).map(|t| &t.kind)
    }

    fn word(&self, k: usize) -> Option<&'a str> {
        match self.kind(k) {
            Some(TokenKind::Word(w)) => Some(w.as_str()),
            _ => None,
        }
    }

    fn word_in(&self, k: usize, words: &[&str]) -> bool {
        self.word(k).is_some_and(|w| words.contains(&w))
    }

    /// The span of the current token, or an empty span at the end of the body.
    fn here(&self) -> Range<usize> {
        self.peek(0)
            .map_or(self.end_offset..self.end_offset, |t| t.span.clone())
    }

    /// The span from the current token to the end of the body.
    fn rest_span(&self) -> Range<usize> {
        let start = self.here().start;
        let end = self.tokens.last().map_or(start, |t| t.span.end).max(start);
        start..end
    }

    /// The input text from the start of token `from` to the end of the token before `pos`.
    fn text_since(&self, from: usize) -> &'a str {
        self.input.get(self.span_since(from)).unwrap_or("")
    }

    /// The span from the start of token `from` to the end of the token before `pos`.
    fn span_since(&self, from: usize) -> Range<usize> {
        let start = self.tokens.get(from).map_or(0, |t| t.span.start);
        let end = self
            .pos
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .map_or(start, |t| t.span.end);
        start..end.max(start)
    }

    /// The text of the current token, for messages.
    fn describe_here(&self) -> String {
        match self.peek(0) {
            Some(t) => format!("`{}`", self.input.get(t.span.clone()).unwrap_or("")),
            None => "the end of the target".to_string(),
        }
    }

    fn error(&self, code: TargetErrorCode, span: Range<usize>, message: String) -> TargetError {
        TargetError::new(code, self.input, span, message)
    }

    /// If the phrase matches at the current position, its length in tokens.
    fn match_phrase(&self, phrase: Phrase) -> Option<usize> {
        phrase
            .iter()
            .enumerate()
            .all(|(k, slot)| self.word_in(k, slot))
            .then_some(phrase.len())
    }

    fn finish(&self) -> Result<()> {
        if self.peek(0).is_none() {
            return Ok(());
        }
        let message = if matches!(self.kind(0), Some(TokenKind::LParen | TokenKind::RParen)) {
            "parentheses may only surround the whole target".to_string()
        } else {
            format!("unexpected {} after the target", self.describe_here())
        };
        Err(self
            .error(TargetErrorCode::TrailingInput, self.rest_span(), message)
            .hint("a target is one expression, such as `> 200`, `+20 %` or `réalisé d'ici 2027`"))
    }

    fn target(&mut self) -> Result<Target> {
        let Some(first) = self.peek(0) else {
            return Err(self.error(
                TargetErrorCode::Empty,
                0..self.input.len(),
                "empty target".to_string(),
            ));
        };
        match &first.kind {
            TokenKind::Cmp(op) => {
                self.pos += 1;
                self.compare(*op, 0)
            }
            TokenKind::Plus | TokenKind::Minus => self.signed_change(),
            TokenKind::Number(_) => self.bare_number(),
            TokenKind::Word(_) => self.word_start(),
            _ => Err(self.unexpected_start()),
        }
    }

    fn unexpected_start(&self) -> TargetError {
        let mut err = self
            .error(
                TargetErrorCode::UnexpectedToken,
                self.here(),
                format!("a target cannot start with {}", self.describe_here()),
            )
            .expected(
                "a comparator (`>`, `≥`, `au moins`…), a number, a signed change (`+20 %`), \
                 `entre`, or `réalisé`",
            );
        err = match self.kind(0) {
            Some(TokenKind::Slash | TokenKind::Percent) => {
                err.hint("start with the number, e.g. `> 24 / an` or `≥ 70 %`")
            }
            Some(TokenKind::Word(w)) if period_word(w).is_some() => {
                err.hint("start with the number, e.g. `≥ 4 / an`")
            }
            _ => err.hint("write a target such as `> 200`, `+20 %`, `entre 10 et 20` or `réalisé`"),
        };
        err
    }

    /// After a comparator (tokens `from..pos`): a signed number, `%`, unit and period.
    fn compare(&mut self, op: Comparator, from: usize) -> Result<Target> {
        let after = self.text_since(from).to_string();
        let value = self.signed_number(&after, "write a threshold such as `> 200`")?;
        let percent = self.eat_percent();
        let (unit, per) = self.suffix()?;
        Ok(Target {
            kind: TargetKind::Compare { op, value, percent },
            per,
            unit,
        })
    }

    /// An optional `+`/`-` sign, then a number (a sign alone is an error).
    fn signed_number(&mut self, after: &str, hint: &str) -> Result<f64> {
        let sign = match self.kind(0) {
            Some(TokenKind::Plus) => 1.0,
            Some(TokenKind::Minus) => -1.0,
            _ => 0.0,
        };
        let mut after = after.to_string();
        if sign != 0.0 {
            after = self.input.get(self.here()).unwrap_or("").to_string();
            self.pos += 1;
        }
        match self.kind(0) {
            Some(TokenKind::Number(n)) => {
                self.pos += 1;
                Ok(if sign < 0.0 { -n.value } else { n.value })
            }
            _ => Err(self.expected_number(&after, hint)),
        }
    }

    fn expected_number(&self, after: &str, hint: &str) -> TargetError {
        let message = if after.is_empty() {
            "expected a number".to_string()
        } else {
            format!("expected a number after `{after}`")
        };
        self.error(TargetErrorCode::ExpectedNumber, self.here(), message)
            .expected("a number")
            .hint(hint)
    }

    /// `%`, `pour cent`, `pourcent`, `percent`.
    fn eat_percent(&mut self) -> bool {
        if self.kind(0) == Some(&TokenKind::Percent) || self.word_in(0, &["pourcent", "percent"]) {
            self.pos += 1;
            true
        } else if self.word(0) == Some("pour") && self.word(1) == Some("cent") {
            self.pos += 2;
            true
        } else {
            false
        }
    }

    /// `points`, `point`, `pts`, `pt`, optionally `percentage points`, `points de pourcentage`.
    fn eat_points(&mut self) -> bool {
        let skip = usize::from(self.word(0) == Some("percentage"));
        if !self.word_in(skip, &["points", "point", "pts", "pt"]) {
            return false;
        }
        self.pos += skip + 1;
        if self.word(0) == Some("de") && self.word(1) == Some("pourcentage") {
            self.pos += 2;
        }
        true
    }

    /// Unit words, then an optional period.
    fn suffix(&mut self) -> Result<(Option<String>, Option<Window>)> {
        let mut unit: Vec<&str> = Vec::new();
        while self.word(0).is_some() {
            let starts_period = self.word_in(0, HARD_PERIOD_MARKERS)
                || (self.word_in(0, SOFT_PERIOD_MARKERS)
                    && self.word(1).and_then(period_word).is_some());
            if starts_period {
                break;
            }
            if self.word_in(0, &["vs", "versus"]) {
                return Err(self.level_vs_baseline());
            }
            let reserved = self.word_in(0, NOT_A_UNIT_START)
                || self.word_in(0, MILESTONE_WORDS)
                || CHANGE_PHRASES
                    .iter()
                    .any(|(phrase, _)| self.match_phrase(phrase).is_some());
            if unit.is_empty() && reserved {
                return Err(self
                    .error(
                        TargetErrorCode::UnexpectedToken,
                        self.here(),
                        format!("unexpected {} after the number", self.describe_here()),
                    )
                    .expected("a unit (`places`, `COPIL`), a period (`/ an`) or the end")
                    .hint(
                        "write one target: a level (`> 200 places / an`), a range \
                         (`entre 10 et 20`), a change (`+20 %`) or a milestone \
                         (`réalisé d'ici 2027`)",
                    ));
            }
            unit.push(self.input.get(self.here()).unwrap_or(""));
            self.pos += 1;
        }
        let unit = (!unit.is_empty()).then(|| unit.join(" "));
        let per = self.period()?;
        Ok((unit, per))
    }

    fn level_vs_baseline(&self) -> TargetError {
        self.error(
            TargetErrorCode::SuffixNotAllowed,
            self.rest_span(),
            "a level is not compared with the baseline".to_string(),
        )
        .hint("for a relative change write `+20 % par rapport à la référence`")
    }

    /// An optional period: `/ an`, `par mois`, `per quarter`, `a year`, `chaque année`.
    fn period(&mut self) -> Result<Option<Window>> {
        let marker = if self.kind(0) == Some(&TokenKind::Slash) {
            true
        } else if self.word_in(0, HARD_PERIOD_MARKERS) {
            if self.word(1) == Some("rapport") {
                return Err(self.level_vs_baseline());
            }
            true
        } else {
            self.word_in(0, SOFT_PERIOD_MARKERS)
        };
        if !marker {
            return Ok(None);
        }
        let marker_text = self.input.get(self.here()).unwrap_or("").to_string();
        self.pos += 1;
        let period_hint = "count per month (`/ mois`), per quarter (`/ trimestre`) or per year \
                           (`/ an`)";
        match self.word(0) {
            Some(w) => match period_word(w) {
                Some(window) => {
                    self.pos += 1;
                    Ok(Some(window))
                }
                None => Err(self
                    .error(
                        TargetErrorCode::UnknownPeriod,
                        self.here(),
                        format!("unknown period {}", self.describe_here()),
                    )
                    .expected("`an`, `mois` or `trimestre` (`year`, `month`, `quarter`)")
                    .hint(period_hint)),
            },
            None => Err(self
                .error(
                    TargetErrorCode::ExpectedPeriod,
                    self.here(),
                    format!("expected a period after `{marker_text}`"),
                )
                .expected("`an`, `mois` or `trimestre` (`year`, `month`, `quarter`)")
                .hint(period_hint)),
        }
    }

    /// A target starting with a number: a bare threshold (at least) or a bare range.
    fn bare_number(&mut self) -> Result<Target> {
        let start = self.pos;
        let low = self.number_value();
        self.pos += 1;
        let low_percent = self.eat_percent();
        let dash = self.kind(0) == Some(&TokenKind::Minus);
        let joiner = self.word_in(0, BARE_RANGE_JOINERS)
            && matches!(self.kind(1), Some(TokenKind::Number(_)));
        if dash || joiner {
            let joiner_text = self.input.get(self.here()).unwrap_or("").to_string();
            self.pos += 1;
            let high = match self.kind(0) {
                Some(TokenKind::Number(n)) => n.value,
                _ => {
                    return Err(self
                        .expected_number(&joiner_text, "write a range such as `entre 10 et 20`"))
                }
            };
            self.pos += 1;
            let high_percent = self.eat_percent();
            return self.finish_range(start, low, high, low_percent || high_percent);
        }
        let (unit, per) = self.suffix()?;
        Ok(Target {
            kind: TargetKind::Compare {
                op: Comparator::Ge,
                value: low,
                percent: low_percent,
            },
            per,
            unit,
        })
    }

    fn number_value(&self) -> f64 {
        match self.kind(0) {
            Some(TokenKind::Number(n)) => n.value,
            _ => 0.0,
        }
    }

    /// Check the bounds (tokens `start..pos`) and read the suffix.
    fn finish_range(&mut self, start: usize, low: f64, high: f64, percent: bool) -> Result<Target> {
        if low > high {
            let span = self.span_since(start);
            let (lo, hi) = (format_number(high, Lang::Fr), format_number(low, Lang::Fr));
            return Err(self
                .error(
                    TargetErrorCode::InvalidRange,
                    span,
                    format!(
                        "the lower bound ({}) is greater than the upper bound ({})",
                        format_number(low, Lang::En),
                        format_number(high, Lang::En)
                    ),
                )
                .hint(format!(
                    "write the smaller bound first: `entre {lo} et {hi}`"
                )));
        }
        let (unit, per) = self.suffix()?;
        Ok(Target {
            kind: TargetKind::Range { low, high, percent },
            per,
            unit,
        })
    }

    /// A target starting with a word.
    fn word_start(&mut self) -> Result<Target> {
        for (phrase, op) in COMPARATOR_PHRASES {
            if let Some(n) = self.match_phrase(phrase) {
                self.pos += n;
                return self.compare(*op, 0);
            }
        }
        if self.word_in(0, RANGE_OPENERS) {
            return self.range();
        }
        for (phrase, direction) in CHANGE_PHRASES {
            if let Some(n) = self.match_phrase(phrase) {
                self.pos += n;
                return self.verbal_change(*direction);
            }
        }
        if self.word_in(0, MILESTONE_WORDS) {
            self.pos += 1;
            return self.milestone();
        }
        Err(self.unexpected_start())
    }

    /// `entre 10 et 20`, `between 10 and 20`, `de 10 à 20`, `from 10 to 20`.
    fn range(&mut self) -> Result<Target> {
        let opener = self.input.get(self.here()).unwrap_or("").to_string();
        self.pos += 1;
        let start = self.pos;
        let range_hint = "write a range such as `entre 10 et 20`";
        let low = self.signed_number(&opener, range_hint)?;
        let low_percent = self.eat_percent();
        let joined = self.word_in(0, RANGE_JOINERS) || self.kind(0) == Some(&TokenKind::Minus);
        if !joined {
            return Err(self
                .error(
                    TargetErrorCode::UnexpectedToken,
                    self.here(),
                    format!(
                        "expected `et` between the bounds, found {}",
                        self.describe_here()
                    ),
                )
                .expected("`et` (`and`)")
                .hint(range_hint));
        }
        let joiner = self.input.get(self.here()).unwrap_or("").to_string();
        self.pos += 1;
        let high = self.signed_number(&joiner, range_hint)?;
        let high_percent = self.eat_percent();
        self.finish_range(start, low, high, low_percent || high_percent)
    }

    /// `+20 %`, `-10 %`, `+5 points`.
    fn signed_change(&mut self) -> Result<Target> {
        let start = self.pos;
        let sign = if self.kind(0) == Some(&TokenKind::Minus) {
            -1.0
        } else {
            1.0
        };
        let sign_text = self.input.get(self.here()).unwrap_or("").to_string();
        self.pos += 1;
        let value = match self.kind(0) {
            Some(TokenKind::Number(n)) => n.value,
            _ => {
                return Err(self.expected_number(
                    &sign_text,
                    "write a relative change such as `+20 %` or `-10 %`",
                ))
            }
        };
        self.pos += 1;
        self.change_unit(start, start, sign * value)
    }

    /// `augmentation de 20 %`, `réduction de 10 %`, `increase of 5 points`.
    fn verbal_change(&mut self, direction: f64) -> Result<Target> {
        let verb = self.text_since(0).to_string();
        if matches!(self.kind(0), Some(TokenKind::Plus | TokenKind::Minus)) {
            return Err(self
                .error(
                    TargetErrorCode::UnexpectedSign,
                    self.here(),
                    format!("`{verb}` already gives the direction; no sign is needed"),
                )
                .expected("a number")
                .hint(format!("remove the sign, e.g. `{verb} 10 %`")));
        }
        let start = self.pos;
        let value = match self.kind(0) {
            Some(TokenKind::Number(n)) => n.value,
            _ => {
                return Err(
                    self.expected_number(&verb, "write a change such as `réduction de 10 %`")
                )
            }
        };
        self.pos += 1;
        self.change_unit(0, start, direction * value)
    }

    /// After the signed value of a change (tokens `from..pos`, the number from `number`):
    /// `%` or `points`, then an optional baseline mention, and nothing else.
    fn change_unit(&mut self, from: usize, number: usize, value: f64) -> Result<Target> {
        let kind = if self.eat_percent() {
            TargetKind::Relative { percent: value }
        } else if self.eat_points() {
            TargetKind::Points { points: value }
        } else {
            let written = self.text_since(from).to_string();
            let span = self.span_since(number);
            return Err(self
                .error(
                    TargetErrorCode::MissingPercent,
                    span,
                    format!("a relative change needs `%` or `points` after `{written}`"),
                )
                .expected("`%` or `points`")
                .hint(format!(
                    "write `{written} %` for a relative change or `{written} points` for \
                     percentage points; a level is written `≥ …`"
                )));
        };
        self.baseline()?;
        if self.peek(0).is_some()
            && !matches!(self.kind(0), Some(TokenKind::LParen | TokenKind::RParen))
        {
            let what = match kind {
                TargetKind::Points { .. } => "a change in points",
                _ => "a relative change",
            };
            return Err(self
                .error(
                    TargetErrorCode::SuffixNotAllowed,
                    self.rest_span(),
                    format!("{what} takes no unit or period"),
                )
                .hint(
                    "write the change alone, e.g. `+20 %`; the indicator's window sets the \
                     period",
                ));
        }
        Ok(Target {
            kind,
            per: None,
            unit: None,
        })
    }

    /// An optional mention of the baseline: `par rapport à la référence`, `vs baseline`.
    fn baseline(&mut self) -> Result<()> {
        let lead = if self.word(0) == Some("par") && self.word(1) == Some("rapport") {
            if self.word_in(2, &["a", "au"]) {
                3
            } else {
                2
            }
        } else if self.word_in(0, &["vs", "versus"]) {
            if self.kind(1) == Some(&TokenKind::Dot) {
                2
            } else {
                1
            }
        } else if self.word_in(0, &["compared", "relative"]) && self.word_in(1, &["to", "with"]) {
            2
        } else {
            return Ok(());
        };
        self.pos += lead;
        if self.word_in(0, &["la", "the"]) {
            self.pos += 1;
        }
        if self.word_in(0, BASELINE_WORDS) {
            self.pos += 1;
            return Ok(());
        }
        Err(self
            .error(
                TargetErrorCode::UnexpectedToken,
                self.here(),
                format!("expected the baseline, found {}", self.describe_here()),
            )
            .expected("`la référence` (`baseline`)")
            .hint("write `par rapport à la référence` or `vs baseline`, or nothing"))
    }

    /// After a milestone word: an optional deadline.
    fn milestone(&mut self) -> Result<Target> {
        let mut deadline = None;
        for (phrase, relation) in DEADLINE_PHRASES {
            if let Some(n) = self.match_phrase(phrase) {
                let from = self.pos;
                self.pos += n;
                let word = self.text_since(from).to_string();
                let year = self.year(&word)?;
                deadline = Some(Deadline {
                    relation: *relation,
                    year,
                });
                break;
            }
        }
        let deadline_words = "`avant`, `d'ici` or `en` (`before`, `by`, `in`)";
        let deadline_hint = "write `réalisé d'ici 2027`, `réalisé avant 2026` or `réalisé en 2025`";
        if self.kind(0) == Some(&TokenKind::Slash) || self.word_in(0, HARD_PERIOD_MARKERS) {
            return Err(self
                .error(
                    TargetErrorCode::SuffixNotAllowed,
                    self.rest_span(),
                    "a milestone takes no unit or period".to_string(),
                )
                .hint(deadline_hint));
        }
        if deadline.is_none() {
            let message = match self.kind(0) {
                Some(TokenKind::Number(_)) => {
                    format!("expected a deadline word before {}", self.describe_here())
                }
                Some(TokenKind::Word(_)) => {
                    format!("unexpected {} after the milestone", self.describe_here())
                }
                _ => String::new(),
            };
            if !message.is_empty() {
                return Err(self
                    .error(TargetErrorCode::UnexpectedToken, self.here(), message)
                    .expected(deadline_words)
                    .hint(deadline_hint));
            }
        }
        Ok(Target {
            kind: TargetKind::Milestone { deadline },
            per: None,
            unit: None,
        })
    }

    /// A deadline year after `word`.
    fn year(&mut self, word: &str) -> Result<i32> {
        let hint = "write a year such as `2027`";
        let Some(TokenKind::Number(n)) = self.kind(0) else {
            return Err(self
                .error(
                    TargetErrorCode::ExpectedYear,
                    self.here(),
                    format!("expected a year after `{word}`"),
                )
                .expected("a year")
                .hint(hint));
        };
        let span = self.here();
        let text = self.input.get(span.clone()).unwrap_or("").to_string();
        if !n.plain_integer {
            return Err(self
                .error(
                    TargetErrorCode::InvalidYear,
                    span,
                    format!("`{text}` is not a year"),
                )
                .expected("a year")
                .hint(hint));
        }
        let in_range = (f64::from(MIN_YEAR)..=f64::from(MAX_YEAR)).contains(&n.value);
        if !in_range {
            return Err(self
                .error(
                    TargetErrorCode::InvalidYear,
                    span,
                    format!("year `{text}` is outside {MIN_YEAR}..={MAX_YEAR}"),
                )
                .expected("a year")
                .hint(hint));
        }
        self.pos += 1;
        // In range and integral: the conversion is exact.
        #[allow(clippy::cast_possible_truncation)]
        Ok(n.value as i32)
    }
}
