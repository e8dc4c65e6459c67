//! One serialisable shape for every problem ctg reports: [`Problem`].
//!
//! Plans that do not load ([`PlanError`](crate::model::PlanError)), targets that do not
//! parse ([`TargetError`](crate::target::TargetError)) and observations that do not
//! validate ([`ObservationError`](crate::io::ObservationError)) keep their problems as
//! typed kinds carrying their context (the duplicate id, the fiche where it was first
//! used…). A [`Problem`] is one of them rendered **in one language**: a stable code, where
//! it is (a path, and the line and column or the row when known), the message and the hint.
//! It is what the bindings hand to Python (`e.problems`) and JavaScript (`e.problems`), so
//! that every runtime shows the same words; pydantic-core's `ValidationError.errors()` is
//! the model.
//!
//! ```
//! use ctg_core::model::Plan;
//! use ctg_core::problem::{render_list, ProblemKind, Segment};
//! use ctg_core::Lang;
//! let err = Plan::from_toml(
//!     "id = \"x\"\ntitle = \"\"\nterritory = \"T\"\nperiod = { start = 2025, end = 2029 }",
//! )
//! .unwrap_err();
//! let problems = err.problems(Lang::Fr);
//! let p = &problems[0];
//! assert_eq!((p.code.as_str(), p.kind), ("empty_field", ProblemKind::Plan));
//! assert_eq!(p.loc, [Segment::from("title")]);
//! assert_eq!((p.line, p.column), (Some(2), Some(9)));
//! assert_eq!(p.message, "le titre du plan est vide");
//! assert_eq!(
//!     render_list(&problems, None),
//!     "le plan a 1 problème :\n- [empty_field] champ `title`, ligne 2, colonne 9 : le titre du plan est vide"
//! );
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Lang;

/// The language of a plan's or a target's problems when the call names none: French, like
/// every other text of ctg (observation problems take the evaluation's language, French
/// by default). One default for every runtime.
pub const ERROR_LANG: Lang = Lang::Fr;

/// How many problems an exception message shows before « … et 12 autres (voir
/// `.errors`) »: every problem stays in the exception's `errors` and `problems`.
pub const SHOWN_PROBLEMS: usize = 100;

/// What a problem is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// A plan that does not load or does not validate.
    Plan,
    /// A target expression that does not parse.
    Target,
    /// An observation input that does not validate.
    Observation,
    /// A document being imported (a plan read from a PDF or a spreadsheet).
    Import,
    /// A call through the boundary ([`crate::ffi`]) that is not well formed (an unknown
    /// call, a bad date, a bundled plan that does not exist).
    Call,
}

impl ProblemKind {
    /// The stable snake_case name (`"plan"`, `"target"`, `"observation"`, `"import"`).
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemKind::Plan => "plan",
            ProblemKind::Target => "target",
            ProblemKind::Observation => "observation",
            ProblemKind::Import => "import",
            ProblemKind::Call => "call",
        }
    }
}

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The input cannot be used as it is (every plan, target and observation problem).
    #[default]
    Error,
    /// The input can be used, but something looks wrong.
    Warning,
    /// A reading of the input that is not written in it (import findings).
    Interpretation,
    /// A part of the input that was not understood and was left out (import findings).
    NotUnderstood,
}

impl Severity {
    /// The stable snake_case name (`"error"`, `"warning"`, `"interpretation"`,
    /// `"not_understood"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Interpretation => "interpretation",
            Severity::NotUnderstood => "not_understood",
        }
    }
}

/// One step of a problem's location path: a key (serialised as a string) or a number
/// (serialised as an integer).
///
/// ```
/// use ctg_core::problem::Segment;
/// let loc = vec![Segment::from("fiches"), Segment::from(3), Segment::from("title")];
/// assert_eq!(serde_json::to_string(&loc).unwrap(), r#"["fiches",3,"title"]"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Segment {
    /// A number: a fiche or axis number, a row, a year, a position in a list.
    Index(u64),
    /// A key: a field name, an indicator id, a column header.
    Key(String),
}

impl From<&str> for Segment {
    fn from(key: &str) -> Self {
        Segment::Key(key.to_string())
    }
}

impl From<String> for Segment {
    fn from(key: String) -> Self {
        Segment::Key(key)
    }
}

impl From<u64> for Segment {
    fn from(n: u64) -> Self {
        Segment::Index(n)
    }
}

impl From<u32> for Segment {
    fn from(n: u32) -> Self {
        Segment::Index(u64::from(n))
    }
}

impl From<usize> for Segment {
    fn from(n: usize) -> Self {
        Segment::Index(n as u64)
    }
}

impl From<i32> for Segment {
    fn from(n: i32) -> Self {
        match u64::try_from(n) {
            Ok(n) => Segment::Index(n),
            Err(_) => Segment::Key(n.to_string()),
        }
    }
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Segment::Index(n) => write!(f, "{n}"),
            Segment::Key(k) => f.write_str(k),
        }
    }
}

/// A range of **byte** offsets into a problem's [`Problem::input`] (`start..end`; an empty
/// range at the end of the input means "at the end").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Self {
        Span {
            start: r.start,
            end: r.end,
        }
    }
}

/// The unit of a runtime's string indices, in which the bindings hand spans out: Rust
/// indexes `str` by UTF-8 bytes, Python `str` by code points (characters), JavaScript
/// strings by UTF-16 code units. Every span ctg hands to a runtime is in that runtime's
/// unit, so that `text[start:end]` (Python) or `text.slice(start, end)` (JS) is the culprit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SpanUnit {
    /// UTF-8 bytes (Rust, the core's own spans).
    #[default]
    Bytes,
    /// Unicode scalar values (Python `str` indices).
    Chars,
    /// UTF-16 code units (JavaScript string indices).
    Utf16,
}

impl Span {
    /// This byte span of `input` as indices of `unit`; the span is first clamped into
    /// `input` and onto character boundaries.
    ///
    /// ```
    /// use ctg_core::problem::{Span, SpanUnit};
    /// let s = Span { start: 4, end: 7 }; // `abc` in `≥ abc`
    /// assert_eq!(s.to_unit("≥ abc", SpanUnit::Bytes), Span { start: 4, end: 7 });
    /// assert_eq!(s.to_unit("≥ abc", SpanUnit::Chars), Span { start: 2, end: 5 });
    /// assert_eq!(s.to_chars("≥ abc"), s.to_utf16("≥ abc"));
    /// // An emoji is one character but two UTF-16 code units.
    /// let e = Span { start: 5, end: 6 }; // `x` in `😀 x`
    /// assert_eq!(e.to_chars("😀 x"), Span { start: 2, end: 3 });
    /// assert_eq!(e.to_utf16("😀 x"), Span { start: 3, end: 4 });
    /// ```
    pub fn to_unit(self, input: &str, unit: SpanUnit) -> Span {
        let r = clamp_span(input, self.start..self.end);
        let count = |i: usize| {
            let before = input.get(..i).unwrap_or("");
            match unit {
                SpanUnit::Bytes => before.len(),
                SpanUnit::Chars => before.chars().count(),
                SpanUnit::Utf16 => before.encode_utf16().count(),
            }
        };
        Span {
            start: count(r.start),
            end: count(r.end),
        }
    }

    /// This byte span of `input` as Python `str` indices (code points).
    pub fn to_chars(self, input: &str) -> Span {
        self.to_unit(input, SpanUnit::Chars)
    }

    /// This byte span of `input` as JavaScript string indices (UTF-16 code units).
    pub fn to_utf16(self, input: &str) -> Span {
        self.to_unit(input, SpanUnit::Utf16)
    }
}

/// One problem, in one language: what the bindings show and serialise.
///
/// Every key is always serialised (`null` when unknown), so that a consumer can read
/// `problem["line"]` without checking.
///
/// - `loc` is a path to where the problem is. Plan problems name nodes by what identifies
///   them in the plan: `["fiches", 3, "indicators", "f3.1", "target"]` (fiche number 3,
///   indicator `f3.1`), `["axes", 1]`, `["title"]`; observation problems by row and column
///   as the input writes it: `["row", 12, "date"]`, or `["valeur"]` for a column missing
///   from the header; target problems have an empty path (the `span` says where).
/// - `line` and `column` (1-based, columns count characters) place a plan problem in its
///   source file; `row` is an observation's 1-based row (the CSV header is row 1);
///   `span` is a byte range into `input`.
/// - `input` is the text at fault when it is safe to show: a target, a cell's text cut to
///   40 characters. Never a participant id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// The stable snake_case code (`duplicate_indicator`, `type_error`, `expected_number`).
    pub code: String,
    /// What the problem is about.
    pub kind: ProblemKind,
    /// How serious it is.
    pub severity: Severity,
    /// Where, as a path.
    pub loc: Vec<Segment>,
    /// The line in the source file (1-based).
    pub line: Option<usize>,
    /// The column in the source file (1-based, in characters).
    pub column: Option<usize>,
    /// The observation's row (1-based).
    pub row: Option<usize>,
    /// The byte range of the culprit in [`Problem::input`].
    pub span: Option<Span>,
    /// What is wrong, in [`Problem::lang`].
    pub message: String,
    /// How to fix it, in [`Problem::lang`], when there is an obvious way.
    pub hint: Option<String>,
    /// What was expected instead (target problems: `a number`, `` `et` ``).
    pub expected: Option<String>,
    /// The text at fault, when it is safe to show (never a participant id).
    pub input: Option<String>,
    /// The language of `message`, `hint` and `expected`.
    pub lang: Lang,
}

impl Problem {
    /// A problem with only its code, kind, message and language set (an error, at no
    /// particular place).
    pub fn new(code: impl Into<String>, kind: ProblemKind, message: String, lang: Lang) -> Self {
        Problem {
            code: code.into(),
            kind,
            severity: Severity::Error,
            loc: Vec::new(),
            line: None,
            column: None,
            row: None,
            span: None,
            message,
            hint: None,
            expected: None,
            input: None,
            lang,
        }
    }

    /// The problem with its `span` in `unit` (indices of [`Problem::input`]; a span
    /// without an input is left as it is): what a binding hands out, so that the span
    /// indexes the runtime's own string ([`SpanUnit`]).
    ///
    /// ```
    /// use ctg_core::problem::{Span, SpanUnit};
    /// use ctg_core::Lang;
    /// let p = ctg_core::target::parse("≥ abc").unwrap_err().problem(Lang::En);
    /// assert_eq!(p.span, Some(Span { start: 4, end: 7 }));
    /// assert_eq!(p.in_unit(SpanUnit::Chars).span, Some(Span { start: 2, end: 5 }));
    /// ```
    pub fn in_unit(mut self, unit: SpanUnit) -> Self {
        if let (Some(span), Some(input)) = (self.span, self.input.as_deref()) {
            self.span = Some(span.to_unit(input, unit));
        }
        self
    }

    /// The problem as one item of a list, in its language:
    /// - a plan problem: `[code] place : message (hint)`, where the place is rendered from
    ///   `loc`, `line` and `column` (« fiche 3, indicateur f3.1, champ `target`, ligne 19,
    ///   colonne 13 », or `plan`); a target at fault adds two lines, the target and carets
    ///   under the culprit;
    /// - an observation problem: `row, column [code] : message (hint)`
    ///   (« ligne 2, colonne `valeur` [type_error] : … »);
    /// - a target problem: the caret rendering of
    ///   [`TargetError::render`](crate::target::TargetError::render).
    ///
    /// English hints read `(hint: …)`, French ones `(…)`.
    ///
    /// ```
    /// use ctg_core::Lang;
    /// let err = ctg_core::target::parse("> abc").unwrap_err();
    /// assert_eq!(
    ///     err.problem(Lang::Fr).render(),
    ///     "erreur[expected_number] : un nombre est attendu après `>`\n  \
    ///        | > abc\n  \
    ///        |   ^^^\n  \
    ///        = attendu : un nombre\n  \
    ///        = conseil : écrivez un seuil comme `> 200`"
    /// );
    /// ```
    pub fn render(&self) -> String {
        let lang = self.lang;
        let colon = match lang {
            Lang::Fr => " :",
            Lang::En => ":",
        };
        match self.kind {
            ProblemKind::Target => self.render_target(),
            ProblemKind::Observation => {
                let (row, column) = match lang {
                    Lang::Fr => ("ligne", "colonne"),
                    Lang::En => ("row", "column"),
                };
                let mut place = Vec::new();
                match sheet_place(&self.loc) {
                    Some((sheet, Some(cell))) => place.push(match lang {
                        Lang::Fr => format!("feuille « {sheet} », cellule {cell}"),
                        Lang::En => format!("sheet “{sheet}”, cell {cell}"),
                    }),
                    Some((sheet, None)) => {
                        place.push(match lang {
                            Lang::Fr => format!("feuille « {sheet} »"),
                            Lang::En => format!("sheet “{sheet}”"),
                        });
                        if let Some(r) = self.row {
                            place.push(format!("{row} {r}"));
                        }
                    }
                    None => {
                        if let Some(r) = self.row {
                            place.push(format!("{row} {r}"));
                        }
                        if let Some(c) = observation_column(&self.loc) {
                            place.push(format!("{column} `{c}`"));
                        }
                    }
                }
                let mut out = place.join(", ");
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&format!("[{}]{colon} {}", self.code, self.message));
                out.push_str(&self.hint_suffix());
                out
            }
            ProblemKind::Plan | ProblemKind::Import | ProblemKind::Call => {
                let mut out = format!(
                    "[{}] {}{colon} {}",
                    self.code,
                    plan_place(&self.loc, self.line, self.column, lang),
                    self.message
                );
                out.push_str(&self.hint_suffix());
                if let (Some(input), Some(span)) = (&self.input, self.span) {
                    out.push('\n');
                    out.push_str(&carets(input, span));
                }
                out
            }
        }
    }

    fn hint_suffix(&self) -> String {
        match (self.lang, &self.hint) {
            (Lang::Fr, Some(h)) => format!(" ({h})"),
            (Lang::En, Some(h)) => format!(" (hint: {h})"),
            (_, None) => String::new(),
        }
    }

    fn render_target(&self) -> String {
        let [error, colon, expected, hint] = match self.lang {
            Lang::Fr => ["erreur", " :", "attendu :", "conseil :"],
            Lang::En => ["error", ":", "expected:", "hint:"],
        };
        let mut out = format!("{error}[{}]{colon} {}", self.code, self.message);
        if let (Some(input), Some(span)) = (&self.input, self.span) {
            out.push('\n');
            out.push_str(&carets(input, span));
        }
        if let Some(e) = &self.expected {
            out.push_str(&format!("\n  = {expected} {e}"));
        }
        if let Some(h) = &self.hint {
            out.push_str(&format!("\n  = {hint} {h}"));
        }
        out
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

/// The column of an observation problem's path: the key after `["row", n]`, or the only
/// key of a path without row.
/// A workbook problem's sheet and cell address, from a path starting `["sheet", name,
/// ("cell", address)…]`.
fn sheet_place(loc: &[Segment]) -> Option<(&str, Option<&str>)> {
    match loc {
        [Segment::Key(s), Segment::Key(name), Segment::Key(c), Segment::Key(cell), ..]
            if s == "sheet" && c == "cell" =>
        {
            Some((name, Some(cell)))
        }
        [Segment::Key(s), Segment::Key(name), ..] if s == "sheet" => Some((name, None)),
        _ => None,
    }
}

fn observation_column(loc: &[Segment]) -> Option<&str> {
    let rest = match loc {
        [Segment::Key(r), Segment::Index(_), rest @ ..] if r == "row" => rest,
        rest => rest,
    };
    match rest {
        [Segment::Key(c), ..] => Some(c),
        _ => None,
    }
}

/// A plan problem's place in the given language, from its path and source position:
/// `axes`, `fiches` and `indicators` followed by a key name an axis, a fiche and an
/// indicator; the remaining steps are a field (joined with `.`). `plan` when nothing is
/// known.
pub(crate) fn plan_place(
    loc: &[Segment],
    line: Option<usize>,
    column: Option<usize>,
    lang: Lang,
) -> String {
    let [axis, indicator, field, line_w, column_w] = match lang {
        Lang::Fr => ["axe", "indicateur", "champ", "ligne", "colonne"],
        Lang::En => ["axis", "indicator", "field", "line", "column"],
    };
    let mut parts = Vec::new();
    let mut rest = loc;
    loop {
        match rest {
            [Segment::Key(k), n, tail @ ..] if k == "axes" => {
                parts.push(format!("{axis} {n}"));
                rest = tail;
            }
            [Segment::Key(k), n, tail @ ..] if k == "fiches" => {
                parts.push(format!("fiche {n}"));
                rest = tail;
            }
            [Segment::Key(k), id, tail @ ..] if k == "indicators" => {
                parts.push(format!("{indicator} {id}"));
                rest = tail;
            }
            _ => break,
        }
    }
    if !rest.is_empty() {
        let path: Vec<String> = rest.iter().map(Segment::to_string).collect();
        parts.push(format!("{field} `{}`", path.join(".")));
    }
    match (line, column) {
        (Some(l), Some(c)) => parts.push(format!("{line_w} {l}, {column_w} {c}")),
        (Some(l), None) => parts.push(format!("{line_w} {l}")),
        _ => {}
    }
    if parts.is_empty() {
        "plan".to_string()
    } else {
        parts.join(", ")
    }
}

/// The input on one line, then carets under the span (by character, so that `≥` or `é`
/// before it do not shift them; an empty span gets one caret; control characters are shown
/// as spaces).
pub(crate) fn carets(input: &str, span: Span) -> String {
    let span = clamp_span(input, span.start..span.end);
    let before = input.get(..span.start).unwrap_or("");
    let inside = input.get(span).unwrap_or("");
    let shown: String = input
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    format!(
        "  | {}\n  | {}{}",
        shown.trim_end(),
        " ".repeat(before.chars().count()),
        "^".repeat(inside.chars().count().max(1))
    )
}

/// Clamp a span into `input` and move its ends back onto character boundaries.
pub(crate) fn clamp_span(input: &str, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let floor = |mut i: usize| {
        i = i.min(input.len());
        while i > 0 && !input.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(span.start);
    let end = floor(span.end).max(start);
    start..end
}

/// A list of problems of one input, in their language (that of the first problem): a
/// header line that counts them all (« le plan a 2 problèmes : », `the observations have
/// 3 problems:`), then one `- ` item per problem ([`Problem::render`]). With a `limit`,
/// only the first `limit` problems are shown, followed by « - … et 12 autres (voir
/// `.errors`) » (`- … and 12 more (see `.errors`)`): a million bad rows must not make a
/// million-line message.
///
/// ```
/// use ctg_core::io::{read_csv, IngestOptions};
/// use ctg_core::problem::render_list;
/// use ctg_core::Lang;
/// let plan = ctg_core::plans::sundgau().unwrap();
/// let csv = "indicateur;date;valeur\nf9.9;31/03/2026;1\nf9.8;31/03/2026;1\nf9.7;31/03/2026;1\n";
/// let err = read_csv(&plan, csv.as_bytes(), &IngestOptions::default()).unwrap_err();
/// let text = render_list(&err.problems(Lang::Fr), Some(1));
/// assert!(text.starts_with("les observations ont 3 problèmes :\n- ligne 2, colonne `indicateur` [unknown_indicator]"));
/// assert!(text.ends_with("\n- … et 2 autres (voir `.errors`)"));
/// assert_eq!(text.lines().count(), 3);
/// ```
pub fn render_list(problems: &[Problem], limit: Option<usize>) -> String {
    let n = problems.len();
    let lang = problems.first().map_or(Lang::default(), |p| p.lang);
    let kind = problems.first().map_or(ProblemKind::Plan, |p| p.kind);
    let plural = if n == 1 { "" } else { "s" };
    let mut out = match (lang, kind) {
        (Lang::Fr, ProblemKind::Plan) => format!("le plan a {n} problème{plural} :"),
        (Lang::En, ProblemKind::Plan) => format!("the plan has {n} problem{plural}:"),
        (Lang::Fr, ProblemKind::Observation) => {
            format!("les observations ont {n} problème{plural} :")
        }
        (Lang::En, ProblemKind::Observation) => {
            format!("the observations have {n} problem{plural}:")
        }
        (Lang::Fr, ProblemKind::Target) => format!("la cible a {n} problème{plural} :"),
        (Lang::En, ProblemKind::Target) => format!("the target has {n} problem{plural}:"),
        (Lang::Fr, ProblemKind::Import) => format!("l'import a {n} problème{plural} :"),
        (Lang::En, ProblemKind::Import) => format!("the import has {n} problem{plural}:"),
        (Lang::Fr, ProblemKind::Call) => format!("l'appel a {n} problème{plural} :"),
        (Lang::En, ProblemKind::Call) => format!("the call has {n} problem{plural}:"),
    };
    let shown = limit.unwrap_or(n).min(n);
    for p in problems.iter().take(shown) {
        out.push_str("\n- ");
        out.push_str(&p.render());
    }
    let more = n - shown;
    if more > 0 {
        out.push('\n');
        out.push_str(&match lang {
            Lang::Fr => format!("- … et {more} autres (voir `.errors`)"),
            Lang::En => format!("- … and {more} more (see `.errors`)"),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn observation(row: usize, lang: Lang) -> Problem {
        Problem {
            row: Some(row),
            loc: vec!["row".into(), row.into(), "valeur".into()],
            hint: Some("h".into()),
            ..Problem::new("type_error", ProblemKind::Observation, "m".into(), lang)
        }
    }

    #[test]
    fn serialises_every_key() {
        let p = observation(12, Lang::Fr);
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "code": "type_error", "kind": "observation", "severity": "error",
                "loc": ["row", 12, "valeur"], "line": null, "column": null, "row": 12,
                "span": null, "message": "m", "hint": "h", "expected": null, "input": null,
                "lang": "fr",
            })
        );
        let back: Problem = serde_json::from_value(json).unwrap();
        assert_eq!(back, p);
    }

    #[test]
    fn renders_observations_and_plans() {
        assert_eq!(
            observation(3, Lang::Fr).render(),
            "ligne 3, colonne `valeur` [type_error] : m (h)"
        );
        assert_eq!(
            observation(3, Lang::En).render(),
            "row 3, column `valeur` [type_error]: m (hint: h)"
        );
        let whole = Problem {
            loc: vec!["valeur".into()],
            ..Problem::new(
                "missing_column",
                ProblemKind::Observation,
                "m".into(),
                Lang::En,
            )
        };
        assert_eq!(whole.render(), "column `valeur` [missing_column]: m");
        let plan = Problem {
            loc: vec![
                "fiches".into(),
                3u32.into(),
                "indicators".into(),
                "f3.1".into(),
                "cibles".into(),
                2026.into(),
            ],
            line: Some(4),
            column: Some(2),
            input: Some("≥ x".into()),
            span: Some(Span { start: 4, end: 5 }),
            ..Problem::new("invalid_target", ProblemKind::Plan, "m".into(), Lang::Fr)
        };
        assert_eq!(
            plan.render(),
            "[invalid_target] fiche 3, indicateur f3.1, champ `cibles.2026`, ligne 4, colonne 2 : m\n  | ≥ x\n  |   ^"
        );
        let nowhere = Problem::new("io_error", ProblemKind::Plan, "m".into(), Lang::En);
        assert_eq!(nowhere.render(), "[io_error] plan: m");
    }

    #[test]
    fn lists_are_cut_with_the_real_total() {
        let problems: Vec<Problem> = (2..=6).map(|r| observation(r, Lang::En)).collect();
        let all = render_list(&problems, None);
        assert_eq!(all.lines().count(), 6);
        assert!(all.starts_with("the observations have 5 problems:\n- row 2,"));
        let cut = render_list(&problems, Some(2));
        assert_eq!(
            cut,
            "the observations have 5 problems:\n\
             - row 2, column `valeur` [type_error]: m (hint: h)\n\
             - row 3, column `valeur` [type_error]: m (hint: h)\n\
             - … and 3 more (see `.errors`)"
        );
        assert_eq!(render_list(&problems, Some(5)), all);
        assert_eq!(render_list(&problems, Some(9)), all);
        let one = render_list(&problems[..1], None);
        assert!(one.starts_with("the observations have 1 problem:\n"));
        let fr: Vec<Problem> = (2..=4).map(|r| observation(r, Lang::Fr)).collect();
        assert!(render_list(&fr, Some(0))
            .ends_with("les observations ont 3 problèmes :\n- … et 3 autres (voir `.errors`)"));
    }

    #[test]
    fn segments_read_back() {
        let loc: Vec<Segment> = serde_json::from_str(r#"["fiches", 3, "id"]"#).unwrap();
        assert_eq!(loc, [Segment::from("fiches"), 3u64.into(), "id".into()]);
        assert_eq!(Segment::from(-1), Segment::Key("-1".into()));
    }

    #[test]
    fn carets_align_by_character() {
        assert_eq!(carets("≥ é", Span { start: 4, end: 6 }), "  | ≥ é\n  |   ^");
        assert_eq!(carets(">", Span { start: 1, end: 1 }), "  | >\n  |  ^");
        assert_eq!(clamp_span("é", 1..9), 0..2);
    }
}
