//! The target language: lexer, parser, AST, display and errors.
//!
//! Targets are the short expressions a CTG plan writes next to its indicators: `> 200`,
//! `>24/an`, `+20%`, `Réduction de 10%`, `1 COPIL/an`, `entre 10 et 20`, `réalisé d'ici 2027`.
//!
//! # The language
//!
//! Matching is case- and accent-insensitive (`RÉALISÉ`, `realise`), white space is free
//! (`>24/an`, `> 24 / an`), and the whole target may sit in parentheses (`(> 200)`), as
//! the Sundgau plan writes it. French and English are accepted side by side.
//!
//! | form | examples | AST |
//! |---|---|---|
//! | level | `> 200`, `>= 4`, `≥ 70 %`, `< 5`, `≤ 3`, `= 1`, `plus de 200`, `au moins 4`, `moins de 5`, `au plus 3`, `supérieur à 10`, `more than 200`, `at least 4`, `less than 5`, `at most 3` | [`TargetKind::Compare`] |
//! | bare number (= at least) | `20`, `1 COPIl/an`, `4 Cotech/an` | `Compare { op: Ge, .. }` |
//! | range (inclusive) | `entre 10 et 20`, `between 10 and 20`, `de 10 à 20`, `10-20`, `10 à 20`, `entre 10 % et 20 %` | [`TargetKind::Range`] |
//! | relative change | `+20%`, `-10 %`, `−10 %`, `augmentation de 20 %`, `hausse de 20%`, `réduction de 10%`, `baisse de 10 %`, `diminution de 10 %`, `increase of 20%`, `decrease of 10%`, optionally followed by `par rapport à la référence` or `vs baseline` | [`TargetKind::Relative`] |
//! | change in points | `+5 points`, `-2 pts`, `+1 pt`, `hausse de 5 points` | [`TargetKind::Points`] |
//! | milestone | `réalisé`, `réalisée`, `fait`, `achevé`, `done`, with an optional deadline `avant 2026` / `before 2026`, `d'ici 2027` / `d’ici 2027` / `by 2027`, `en 2025` / `in 2025` | [`TargetKind::Milestone`] |
//!
//! Levels and ranges may carry a **unit** (one or more words, kept verbatim and joined by
//! single spaces: `COPIl`, `places d'accueil`; the first word may not be a keyword such as
//! `et`, `à`, `avant`, `en`, `vs` or `réalisé`) and a **period** (`/an`, `/ an`, `par an`, `/année`, `/mois`,
//! `par mois`, `/trimestre`, `/year`, `per month`, `a year`, `chaque année`…), in that
//! order: `≥ 4 Cotech / an`, `> 10 visites par mois`. A `%` after a level makes it a
//! percentage level (`≥ 70 %`); a signed number (`+20`) needs `%` or `points`.
//!
//! Numbers: ASCII digits, decimal comma or point (`12,5`, `12.5`), thousands grouped by
//! a single space, U+00A0 or U+202F (`1 000`, `1 000 000,5`). A comma is always decimal,
//! so `1,000` is 1 and `1,000.5` is rejected. Numbers must be below 10¹⁵ with at most 20
//! decimals; years lie in `1900..=2200`.
//!
//! Display ([`Target::display`], `Display` = French) is canonical and parses back to an
//! equal target, in both languages; see [`Target::display`] for the forms.
//!
//! Errors ([`TargetError`]) carry a stable [`TargetErrorCode`], a byte span, an English
//! message, what was expected and a hint; [`TargetError::render`] draws carets.
//!
//! For plan files, [`text_serde`] reads and writes targets as text.

mod ast;
mod display;
mod error;
mod lexer;
mod parser;
pub mod text_serde;

pub use ast::{Comparator, Deadline, DeadlineRelation, ScheduleStep, Target, TargetKind};
pub use error::{TargetError, TargetErrorCode};
pub use parser::{MAX_YEAR, MIN_YEAR};

/// Parse a target, in French or English.
///
/// ```
/// use ctg_core::model::Window;
/// use ctg_core::target::{parse, Comparator, Deadline, DeadlineRelation, Target, TargetKind};
///
/// assert_eq!(
///     parse("(>24/an)").unwrap(),
///     Target {
///         kind: TargetKind::Compare {
///             op: Comparator::Gt,
///             value: 24.0,
///             percent: false,
///             deadline: None,
///         },
///         per: Some(Window::Year),
///         unit: None,
///         subject: None,
///     }
/// );
/// assert_eq!(
///     parse("Réduction de 10%").unwrap().kind,
///     TargetKind::Relative { percent: -10.0, baseline_year: None, deadline: None }
/// );
/// // What changes is kept for display; the baseline year and the deadline are data.
/// let t = parse("Réduction de 10 % des vacances de postes par rapport à 2024 d'ici 2028").unwrap();
/// assert_eq!(t.subject.as_deref(), Some("des vacances de postes"));
/// assert_eq!(t.baseline_year(), Some(2024));
/// assert_eq!(t.deadline().map(|d| d.year), Some(2028));
/// assert_eq!(
///     parse("réalisé d’ici 2027").unwrap().kind,
///     TargetKind::Milestone {
///         deadline: Some(Deadline { relation: DeadlineRelation::By, year: 2027 })
///     }
/// );
///
/// let err = parse("entre 20 et 10").unwrap_err();
/// assert_eq!(err.code.as_str(), "invalid_range");
/// assert_eq!(err.span, 6..14);
/// ```
pub fn parse(input: &str) -> Result<Target, TargetError> {
    parser::parse(input)
}

/// Build a per-year schedule from a table of years and levels, as plan files may write it
/// (`cibles = { 2026 = "≥ 20", 2028 = "≥ 30" }`): each level is read like a level of the
/// text form (`≥ 20`, `20`, `30 places / an`, no deadline), with the same checks (one
/// comparator, one unit, one period). A single year gives a level due that year.
///
/// ```
/// use ctg_core::target::{parse, schedule};
/// let t = schedule(&[(2028, "≥ 30"), (2026, "≥ 20")]).unwrap();
/// assert_eq!(t, parse("≥ 20 en 2026, ≥ 30 en 2028").unwrap());
/// let err = schedule(&[(2026, "≥ 20"), (2028, "≤ 30")]).unwrap_err();
/// assert_eq!(err.code.as_str(), "invalid_schedule");
/// assert_eq!(schedule(&[(2027, "4")]).unwrap(), parse("4 en 2027").unwrap());
/// ```
pub fn schedule(entries: &[(i32, &str)]) -> Result<Target, TargetError> {
    let mut steps = Vec::with_capacity(entries.len());
    for (year, text) in entries {
        steps.push((*year, parser::parse_level(text)?));
    }
    let shown: Vec<String> = entries.iter().map(|(y, t)| format!("{y} = {t}")).collect();
    parser::schedule_of(&shown.join(", "), steps)
}

/// Parses with [`parse`].
///
/// ```
/// let t: ctg_core::target::Target = "1 COPIl/an".parse().unwrap();
/// assert_eq!(t.unit.as_deref(), Some("COPIl"));
/// ```
impl std::str::FromStr for Target {
    type Err = TargetError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse(s)
    }
}

#[cfg(test)]
mod tests;
