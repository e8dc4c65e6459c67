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
//! | level | `> 200`, `>= 4`, `=> 4`, `≥ 70 %`, `< 5`, `≤ 3`, `= 1`, `plus de 200`, `au moins 4`, `au minimum 4`, `moins de 5`, `au plus 3`, `au maximum 3`, `jusqu'à 30`, `pas plus de 5`, `pas moins de 5`, `au-delà de 100`, `supérieur (ou égal) à 10`, `more than 200`, `at least 4`, `up to 10`, `no more than 5`, `over 50` | [`TargetKind::Compare`] |
//! | bare number (= at least), trailing comparator | `20`, `1 COPIl/an`, `4 Cotech/an`, `20 ou plus`, `20 et plus`, `20 places minimum`, `5 maximum`, `70 % minimum`, `10 or more` | `Compare { op: Ge, .. }` (or the trailing comparator) |
//! | keeping a level | `maintien à 30`, `maintenir 2 COPIL par an`, `maintien des 30 places d'accueil` | `Compare { op: Ge, .. }` |
//! | range (inclusive) | `entre 10 et 20`, `between 10 and 20`, `de 10 à 20`, `10-20`, `10 à 20`, `entre 10 % et 20 %` | [`TargetKind::Range`] |
//! | relative change | `+20%`, `-10 %`, `−10 %`, `augmentation de 20 %`, `hausse de 20%`, `réduction de 10%`, `baisse de 10 %`, `increase of 20%`, `doubler` (+100 %), `tripler` (+200 %), `diviser par deux`, `réduire de moitié` (−50 %), `multiplier par 3`, `maintien` / `stabilité` alone (no decrease, +0 %) | [`TargetKind::Relative`] |
//! | change in points | `+5 points`, `-2 pts`, `+1 pt`, `hausse de 5 points` | [`TargetKind::Points`] |
//! | milestone | `réalisé`, `réalisée`, `fait`, `achevé`, `done` | [`TargetKind::Milestone`] |
//! | per-year schedule (*cibles annuelles*) | `55 % en 2025, 60 % en 2030`, `2025 : 20 ; 2026 : 25 ; 2027 : 30`, `20 en 2026 puis 30 en 2028`, `≥ 20 en 2026, ≥ 30 en 2028`, `en 2025 : 20 ; en 2026 : 25`; in plan files also a table (`cibles = { 2026 = "≥ 20", 2028 = "≥ 30" }`, see [`schedule`]) | [`TargetKind::Schedule`] |
//!
//! **Numbers** may be written in words, French or English, case- and accent-insensitively:
//! `un`/`une`/`one` … `seize`, `vingt`/`twenty` … `quatre-vingt-dix`/`ninety`, `cent`,
//! `mille`, and their simple compounds (`vingt et un`, `vingt-deux`, `soixante-dix`,
//! `deux cents`, `trois cent cinquante`, `deux mille vingt-sept`, `twenty-one`,
//! `one hundred`): `au moins deux réunions`, `une fois par an`, `AU MOINS TROIS`.
//!
//! Levels, ranges and schedules may carry a **unit** (words kept verbatim, with hyphens:
//! `COPIl`, `places d'accueil`, `rendez-vous`; a rate base with its number:
//! `places pour 100 enfants`, `médecins pour 1 000 habitants`; the first word may not be a
//! keyword such as `et`, `à`, `avant`, `en`, `vs` or `réalisé`) and a **period**: the week
//! (`/semaine`, `par semaine`, `hebdomadaire`, `per week`), the month (`/mois`, `par mois`,
//! `mensuel(le)`, `tous les mois`, `monthly`), the quarter (`/trimestre`, `trimestriel`,
//! `quarterly`), the half-year (`/semestre`, `par semestre`, `semestriel(le)`,
//! `/half-year`), the year (`/an`, `par an`, `/année`, `dans l'année`, `tous les ans`,
//! `chaque année`, `annuel(le)`, `par année civile`, `a year`, `yearly`) or the whole plan
//! (`sur la durée de la convention`, `sur toute la durée du plan`, `over the plan
//! period`, `en cumulé`), in that order: `≥ 4 Cotech / an`, `4 réunions annuelles`. A `%`
//! after a level makes it a percentage level (`≥ 70 %`); a signed number (`+20`) needs `%`
//! or `points`.
//!
//! A change may name **what changes** (`Réduction de 10 % des vacances de postes`,
//! `+20 % de places en crèche`, `-5 % of vacancies`: [`Target::subject`], kept for
//! display), then its **baseline** — `par rapport à la référence`, `vs baseline`, or a
//! year: `par rapport à 2024`, `vs 2023`, `depuis 2024`, `par rapport à l'année 2024`
//! (`baseline_year`, which overrides the indicator's baseline year) — and a **deadline**,
//! in either order.
//!
//! **Deadlines** follow any level, range, change or milestone: `avant 2026` (done by
//! 31/12/2025), `d'ici 2027` / `d'ici à 2027` / `by 2027` / `à l'horizon 2027` /
//! `au plus tard en 2027`, `avant fin 2027` / `d'ici fin 2027` / `d'ici la fin de 2027` /
//! `by the end of 2027` (all by 31/12/2027), `en 2025` / `in 2025`; a deadline may also
//! open the target (`d'ici 2027, au moins 4 par an`). How the evaluation reads a level due
//! in a year and a schedule is in [`crate::eval`].
//!
//! **Never a guess.** What is not understood is refused with a span and a hint; a phrase
//! that reads as a qualitative aim (`selon les besoins`, `amélioration de la qualité`) is
//! refused as `qualitative_wording`, with a hint towards a qualitative indicator.
//!
//! Numbers: ASCII digits, decimal comma or point (`12,5`, `12.5`), thousands grouped by
//! a single space, U+00A0 or U+202F (`1 000`, `1 000 000,5`). A comma is decimal, but a
//! single separator followed by three digits ending in `0` (`1,000`, `2.500`) is refused as
//! ambiguous (a thousands separator in English); `1,000.5` is rejected. Numbers must be
//! below 10¹⁵ with at most 20 decimals; years lie in `1900..=2200`.
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
