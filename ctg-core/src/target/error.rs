//! Errors of the target language, with byte spans and a caret rendering.

use std::fmt;
use std::ops::Range;

use serde::Serialize;

use crate::problem::{clamp_span, Problem, ProblemKind, Span, SpanUnit};
use crate::Lang;

/// A stable, machine-readable error code.
///
/// [`TargetErrorCode::as_str`] gives the snake_case code shown in `error[…]` and
/// serialised in JSON; these strings are stable and may be matched on by callers.
///
/// | code | meaning | example |
/// |---|---|---|
/// | `empty` | nothing to parse | `` (empty), `( )` |
/// | `invalid_character` | a character the language does not use | `> 200 #`, `> ٣` |
/// | `expected_number` | a number was required here | `>`, `> abc`, `>> 3` |
/// | `invalid_number` | a malformed number | `12,,5`, `1.000.000`, `12,` |
/// | `number_out_of_range` | a number ≥ 10¹⁵ or with more than 20 decimals | `> 1e99` digits |
/// | `unexpected_token` | a word or symbol that cannot appear here | `/an`, `entre 10 20` |
/// | `trailing_input` | something after a complete target | `> 200 300` |
/// | `missing_percent` | a signed change without `%` or `points` | `+20` |
/// | `unexpected_sign` | a sign where the direction is already given | `hausse de -5 %` |
/// | `invalid_range` | a range whose lower bound exceeds its upper bound | `entre 20 et 10` |
/// | `expected_year` | a deadline word without a year | `réalisé avant` |
/// | `invalid_year` | a year outside 1900..=2200, or not a plain integer | `réalisé avant 20266` |
/// | `expected_period` | a period marker without a period | `> 10 /` |
/// | `unknown_period` | a period the language does not know | `> 10 / semaine` |
/// | `suffix_not_allowed` | a unit or period on a change or a milestone | `+20 % / an` |
/// | `unbalanced_parenthesis` | surrounding parentheses do not match | `(> 200` |
/// | `invalid_schedule` | per-year levels that do not make one schedule | `20 en 2028, 30 en 2026` |
/// | `qualitative_wording` | a phrase that reads as a qualitative aim, not a target | `selon les besoins` |
/// | `impossible_target` | a target no value can meet: a decrease of more than 100 % | `réduction de 150 %` |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetErrorCode {
    /// The input is empty, blank, or only parentheses.
    Empty,
    /// A character that the target language does not use.
    InvalidCharacter,
    /// A number was required.
    ExpectedNumber,
    /// A malformed number (doubled or trailing separator, several decimal separators…).
    InvalidNumber,
    /// A number too large (≥ 10¹⁵ in absolute value) or with more than 20 decimals.
    NumberOutOfRange,
    /// A token that cannot appear at this position.
    UnexpectedToken,
    /// Input left over after a complete target.
    TrailingInput,
    /// A signed change (`+20`) without `%` or `points`.
    MissingPercent,
    /// A sign after a word that already gives the direction (`réduction de -10 %`).
    UnexpectedSign,
    /// A range whose lower bound is greater than its upper bound.
    InvalidRange,
    /// A deadline word (`avant`, `d'ici`, `en`, `by`…) without a year.
    ExpectedYear,
    /// A year outside `1900..=2200`, or not written as a plain integer.
    InvalidYear,
    /// A period marker (`/`, `par`, `per`) without a period word.
    ExpectedPeriod,
    /// A period word that is not a week, a month, a quarter, a half-year or a year
    /// (`/jour`).
    UnknownPeriod,
    /// A unit or a period after a relative change, a change in points or a milestone.
    SuffixNotAllowed,
    /// Surrounding parentheses that do not match.
    UnbalancedParenthesis,
    /// Per-year levels that do not make one schedule: years not increasing, mixed
    /// comparators or units, a year missing.
    InvalidSchedule,
    /// A phrase that reads as a qualitative aim (`selon les besoins`, `amélioration de la
    /// qualité`): such an indicator is qualitative and takes no target.
    QualitativeWording,
    /// A target no value can meet: a decrease of more than 100 % (the value would become
    /// negative). `−100 %` (reaching 0) is accepted.
    ImpossibleTarget,
}

impl TargetErrorCode {
    /// Every code, in declaration order.
    pub const ALL: [TargetErrorCode; 19] = [
        TargetErrorCode::Empty,
        TargetErrorCode::InvalidCharacter,
        TargetErrorCode::ExpectedNumber,
        TargetErrorCode::InvalidNumber,
        TargetErrorCode::NumberOutOfRange,
        TargetErrorCode::UnexpectedToken,
        TargetErrorCode::TrailingInput,
        TargetErrorCode::MissingPercent,
        TargetErrorCode::UnexpectedSign,
        TargetErrorCode::InvalidRange,
        TargetErrorCode::ExpectedYear,
        TargetErrorCode::InvalidYear,
        TargetErrorCode::ExpectedPeriod,
        TargetErrorCode::UnknownPeriod,
        TargetErrorCode::SuffixNotAllowed,
        TargetErrorCode::UnbalancedParenthesis,
        TargetErrorCode::InvalidSchedule,
        TargetErrorCode::QualitativeWording,
        TargetErrorCode::ImpossibleTarget,
    ];

    /// The stable snake_case code, e.g. `"expected_number"`.
    ///
    /// ```
    /// use ctg_core::target::TargetErrorCode;
    /// assert_eq!(TargetErrorCode::InvalidRange.as_str(), "invalid_range");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            TargetErrorCode::Empty => "empty",
            TargetErrorCode::InvalidCharacter => "invalid_character",
            TargetErrorCode::ExpectedNumber => "expected_number",
            TargetErrorCode::InvalidNumber => "invalid_number",
            TargetErrorCode::NumberOutOfRange => "number_out_of_range",
            TargetErrorCode::UnexpectedToken => "unexpected_token",
            TargetErrorCode::TrailingInput => "trailing_input",
            TargetErrorCode::MissingPercent => "missing_percent",
            TargetErrorCode::UnexpectedSign => "unexpected_sign",
            TargetErrorCode::InvalidRange => "invalid_range",
            TargetErrorCode::ExpectedYear => "expected_year",
            TargetErrorCode::InvalidYear => "invalid_year",
            TargetErrorCode::ExpectedPeriod => "expected_period",
            TargetErrorCode::UnknownPeriod => "unknown_period",
            TargetErrorCode::SuffixNotAllowed => "suffix_not_allowed",
            TargetErrorCode::UnbalancedParenthesis => "unbalanced_parenthesis",
            TargetErrorCode::InvalidSchedule => "invalid_schedule",
            TargetErrorCode::QualitativeWording => "qualitative_wording",
            TargetErrorCode::ImpossibleTarget => "impossible_target",
        }
    }
}

impl fmt::Display for TargetErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A text of the target parser, in French and in English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Text {
    pub(crate) fr: String,
    pub(crate) en: String,
}

impl Text {
    /// The text in the given language.
    fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        }
    }
}

/// A text in French, then in English.
pub(crate) fn t(fr: impl Into<String>, en: impl Into<String>) -> Text {
    Text {
        fr: fr.into(),
        en: en.into(),
    }
}

/// An error found while parsing a target.
///
/// `span` is a range of **byte** offsets into `input`; it always lies within the input and
/// on character boundaries (an empty span at `input.len()` means "at the end of the input").
/// The message, what was expected and the hint are in French and in English
/// ([`TargetError::message`], [`TargetError::expected`], [`TargetError::hint`]); examples
/// quoted in them use the canonical French target syntax (`> 200`, `+20 %`,
/// `entre 10 et 20`), which the parser accepts alongside English.
///
/// ```
/// use ctg_core::target::{parse, TargetErrorCode};
/// use ctg_core::Lang;
/// let err = parse("> abc").unwrap_err();
/// assert_eq!(err.code, TargetErrorCode::ExpectedNumber);
/// assert_eq!(err.span, 2..5);
/// assert_eq!(
///     err.render(Lang::En),
///     "error[expected_number]: expected a number after `>`\n  \
///        | > abc\n  \
///        |   ^^^\n  \
///        = expected: a number\n  \
///        = hint: write a threshold such as `> 200`"
/// );
/// assert_eq!(err.message(Lang::Fr), "un nombre est attendu après `>`");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetError {
    /// What went wrong, as a stable code.
    pub code: TargetErrorCode,
    /// Where, as byte offsets into [`TargetError::input`].
    pub span: Range<usize>,
    /// The whole input that was parsed.
    pub input: String,
    /// The texts, boxed so that a `Result<_, TargetError>` stays small.
    texts: Box<Texts>,
}

/// The texts of a [`TargetError`].
#[derive(Debug, Clone, PartialEq, Eq)]
struct Texts {
    message: Text,
    expected: Option<Text>,
    hint: Option<Text>,
}

impl std::error::Error for TargetError {}

/// One line, in English: the message, the target and the span.
impl fmt::Display for TargetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (in target `{}`, bytes {}..{})",
            self.texts.message.en, self.input, self.span.start, self.span.end
        )
    }
}

/// Serialised with every text in English (`message`, `expected`, `hint`) and in French
/// (`message_fr`, `expected_fr`, `hint_fr`).
impl Serialize for TargetError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(9))?;
        map.serialize_entry("code", &self.code)?;
        map.serialize_entry("span", &self.span)?;
        map.serialize_entry("message", &self.message(Lang::En))?;
        map.serialize_entry("message_fr", &self.message(Lang::Fr))?;
        map.serialize_entry("expected", &self.expected(Lang::En))?;
        map.serialize_entry("expected_fr", &self.expected(Lang::Fr))?;
        map.serialize_entry("hint", &self.hint(Lang::En))?;
        map.serialize_entry("hint_fr", &self.hint(Lang::Fr))?;
        map.serialize_entry("input", &self.input)?;
        map.end()
    }
}

impl TargetError {
    /// Build an error; the span is clamped into the input and onto character boundaries.
    pub(crate) fn new(
        code: TargetErrorCode,
        input: &str,
        span: Range<usize>,
        message: Text,
    ) -> Self {
        TargetError {
            code,
            span: clamp_span(input, span),
            texts: Box::new(Texts {
                message,
                expected: None,
                hint: None,
            }),
            input: input.to_string(),
        }
    }

    /// Set what was expected.
    pub(crate) fn with_expected(mut self, expected: Text) -> Self {
        self.texts.expected = Some(expected);
        self
    }

    /// Set the hint.
    pub(crate) fn with_hint(mut self, hint: Text) -> Self {
        self.texts.hint = Some(hint);
        self
    }

    /// What went wrong, on one line, in the given language.
    pub fn message(&self, lang: Lang) -> String {
        self.texts.message.get(lang).to_string()
    }

    /// What the parser expected at `span`, if it knows (« un nombre », `` `et` ``), in the
    /// given language.
    pub fn expected(&self, lang: Lang) -> Option<String> {
        self.texts
            .expected
            .as_ref()
            .map(|t| t.get(lang).to_string())
    }

    /// A suggestion on how to fix the input, in the given language.
    pub fn hint(&self, lang: Lang) -> Option<String> {
        self.texts.hint.as_ref().map(|t| t.get(lang).to_string())
    }

    /// The error as a [`Problem`] in the given language: the target is the `input`, the
    /// culprit its `span` (bytes), the path is empty.
    ///
    /// ```
    /// use ctg_core::Lang;
    /// let p = ctg_core::target::parse("entre 20 et 10").unwrap_err().problem(Lang::Fr);
    /// assert_eq!((p.code.as_str(), p.kind.as_str()), ("invalid_range", "target"));
    /// assert_eq!((p.span.unwrap().start, p.span.unwrap().end), (6, 14));
    /// assert_eq!(p.input.as_deref(), Some("entre 20 et 10"));
    /// assert_eq!(p.message, "la borne basse (20) dépasse la borne haute (10)");
    /// assert_eq!(p.hint.as_deref(), Some("écrivez d'abord la plus petite borne : `entre 10 et 20`"));
    /// ```
    pub fn problem(&self, lang: Lang) -> Problem {
        Problem {
            span: Some(Span::from(clamp_span(&self.input, self.span.clone()))),
            hint: self.hint(lang),
            expected: self.expected(lang),
            input: Some(self.input.clone()),
            ..Problem::new(
                self.code.as_str(),
                ProblemKind::Target,
                self.message(lang),
                lang,
            )
        }
    }

    /// [`TargetError::span`] in `unit`: the indices of the culprit in the runtime's own
    /// strings ([`SpanUnit`]).
    ///
    /// ```
    /// use ctg_core::problem::{Span, SpanUnit};
    /// let err = ctg_core::target::parse("≥ abc").unwrap_err();
    /// assert_eq!(err.span, 4..7);
    /// assert_eq!(err.span_in(SpanUnit::Chars), Span { start: 2, end: 5 });
    /// assert_eq!(err.span_in(SpanUnit::Utf16), Span { start: 2, end: 5 });
    /// ```
    pub fn span_in(&self, unit: SpanUnit) -> Span {
        Span::from(self.span.clone()).to_unit(&self.input, unit)
    }

    /// The offending text (empty when the span is empty, e.g. at the end of the input).
    ///
    /// ```
    /// let err = ctg_core::target::parse("réalisé avant 20266").unwrap_err();
    /// assert_eq!(err.snippet(), "20266");
    /// ```
    pub fn snippet(&self) -> &str {
        self.input.get(self.span.clone()).unwrap_or("")
    }

    /// A multi-line rendering in the given language, with carets under the span
    /// ([`Problem::render`]).
    ///
    /// Carets are placed by character column (not byte), so `≥` or `é` before the span
    /// do not shift them; an empty span gets a single caret. Control characters (new lines,
    /// tabs) in the input are shown as spaces so that the columns stay aligned.
    ///
    /// ```text
    /// error[expected_number]: expected a number after `>`
    ///   | > abc
    ///   |   ^^^
    ///   = expected: a number
    ///   = hint: write a threshold such as `> 200`
    /// ```
    pub fn render(&self, lang: Lang) -> String {
        self.problem(lang).render()
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::indexing_slicing,
        clippy::reversed_empty_ranges
    )]
    use super::*;

    #[test]
    fn codes_are_unique_snake_case() {
        let mut seen = std::collections::HashSet::new();
        for code in TargetErrorCode::ALL {
            let s = code.as_str();
            assert!(s.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{s}");
            assert!(seen.insert(s), "duplicate {s}");
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{s}\""));
        }
    }

    #[test]
    fn clamps_spans() {
        assert_eq!(clamp_span("é", 1..9), 0..2);
        assert_eq!(clamp_span("abc", 5..2), 3..3);
        assert_eq!(clamp_span("", 0..0), 0..0);
    }

    #[test]
    fn render_aligns_by_character() {
        let err = TargetError::new(TargetErrorCode::ExpectedNumber, "≥ é", 4..6, t("m", "m"));
        let rendered = err.render(Lang::En);
        let lines: Vec<&str> = rendered.lines().collect();
        assert_eq!(lines[1], "  | ≥ é");
        assert_eq!(lines[2], "  |   ^");
    }

    #[test]
    fn render_empty_span_at_end() {
        let err = TargetError::new(TargetErrorCode::ExpectedNumber, ">", 1..1, t("mf", "m"))
            .with_hint(t("hf", "h"));
        assert_eq!(
            err.render(Lang::En),
            "error[expected_number]: m\n  | >\n  |  ^\n  = hint: h"
        );
        assert_eq!(
            err.render(Lang::Fr),
            "erreur[expected_number] : mf\n  | >\n  |  ^\n  = conseil : hf"
        );
    }

    #[test]
    fn display_is_one_line() {
        let err = TargetError::new(
            TargetErrorCode::Empty,
            "",
            0..0,
            t("cible vide", "empty target"),
        );
        assert_eq!(err.to_string(), "empty target (in target ``, bytes 0..0)");
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(
            (json["message"].as_str(), json["message_fr"].as_str()),
            (Some("empty target"), Some("cible vide"))
        );
    }
}
