//! An indicator line read into an [`Indicator`]: label and target split with the target
//! language ([`crate::target::parse`]), then the measure, the window and the aggregation
//! inferred from the wording and the fiche's schedule, each inference said both as a
//! finding and as a sentence of the indicator's `notes`.
//!
//! The target may be written in parentheses (`Fréquentation du SIJ (>10/mois)`), after a
//! colon (`Réunions : au moins 2 par mois`), inside the sentence (`comité réuni au moins
//! une fois par an`), or be the label itself (`1 COPIl/an`, `Réduction de 10% des
//! vacances de postes`). An indicator without a target may take one from the fiche's
//! expected result (`… de +20%`; a level there needs digits or a sign, and the result's
//! subject is left out), a milestone's sentence may write its deadline (`Ouverture de la
//! micro-crèche en 2027`), and a milestone without a date is due by the end of the
//! fiche's schedule. Nothing else is invented: no target is made up.

use super::blocks::fold;
use super::findings::{FindingKind, MeasureCue, WindowCue};
use crate::model::{
    Baseline, Cadence, Direction, Indicator, Measure, PlanPeriod, Schedule, Window,
};
use crate::target::{parse, Comparator, Target, TargetKind};

/// The longest text tried as a target, in bytes.
const MAX_TARGET: usize = 200;
/// The most words of a line searched for a target inside the sentence.
const MAX_WORDS: usize = 32;
/// The most words a target inside a sentence may have.
const MAX_TARGET_WORDS: usize = 12;

/// What the indicators of a fiche are read against.
pub(crate) struct Context<'a> {
    /// The id prefix: `f3`, or `f1.2` for a fiche coded `1.2`.
    pub id_prefix: &'a str,
    /// The fiche as findings and target sources name it (`3`, `1.2`).
    pub fiche_code: &'a str,
    /// The fiche's schedule.
    pub schedule: &'a Schedule,
    /// The plan's period.
    pub period: PlanPeriod,
    /// The fiche's expected results.
    pub expected_results: &'a [String],
}

/// An indicator read, with what was inferred about it.
#[derive(Debug, Clone)]
pub(crate) struct Read {
    /// The indicator (notes filled in).
    pub indicator: Indicator,
    /// What was inferred or not understood.
    pub findings: Vec<FindingKind>,
    /// The 1-based line it was read from.
    pub line: usize,
}

/// How a line's target was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum How {
    Parentheses,
    Colon,
    Label,
    Sentence,
}

#[derive(Debug)]
struct Split {
    label: String,
    wording: Option<String>,
    target: Option<(String, Target, How)>,
    findings: Vec<FindingKind>,
}

fn try_parse(s: &str) -> Option<Target> {
    let s = s.trim();
    if s.is_empty() || s.len() > MAX_TARGET {
        return None;
    }
    parse(s).ok()
}

/// Whether a text could be meant as a target: a digit, or a comparator.
fn looks_like_target(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_ascii_digit() || matches!(c, '>' | '<' | '≥' | '≤' | '%'))
}

/// A target found inside a text is refused when it reads an age range (`10-18 ans`) or a
/// year alone (`en 2025` is a deadline, `2025` is not a level).
fn plausible(text: &str, t: &Target) -> bool {
    if t.unit
        .as_deref()
        .is_some_and(|u| matches!(fold(u).split(' ').next(), Some("AN" | "ANS")))
    {
        return false;
    }
    let bare_year = matches!(&t.kind, TargetKind::Compare { value, percent: false, deadline: None, .. }
        if (1900.0..=2200.0).contains(value) && value.fract() == 0.0);
    !(bare_year && text.trim_start().starts_with(|c: char| c.is_ascii_digit()))
}

/// Words that may open a target inside a sentence.
fn opens_target(word: &str) -> bool {
    let f = fold(word);
    f.starts_with(|c: char| {
        c.is_ascii_digit() || matches!(c, '>' | '<' | '≥' | '≤' | '=' | '+' | '-' | '−' | '(')
    }) || matches!(
        f.as_str(),
        "AU" | "PLUS"
            | "MOINS"
            | "ENTRE"
            | "JUSQU'A"
            | "PAS"
            | "SUPERIEUR"
            | "INFERIEUR"
            | "REDUCTION"
            | "AUGMENTATION"
            | "HAUSSE"
            | "BAISSE"
            | "DIMINUTION"
            | "DOUBLER"
            | "TRIPLER"
            | "MAINTIEN"
            | "MAINTENIR"
            | "UNE"
            | "UN"
            | "DEUX"
            | "TROIS"
            | "QUATRE"
            | "CINQ"
            | "DIX"
    )
}

/// The first (then longest) part of a text that parses as a plausible target and holds a
/// number.
pub(crate) fn target_in_sentence(text: &str) -> Option<(String, Target)> {
    let words: Vec<&str> = text.split_whitespace().take(MAX_WORDS).collect();
    for i in 0..words.len() {
        if !words.get(i).is_some_and(|w| opens_target(w)) {
            continue;
        }
        let last = words.len().min(i + MAX_TARGET_WORDS);
        for j in (i + 1..=last).rev() {
            let Some(slice) = words.get(i..j) else {
                continue;
            };
            let cand = slice.join(" ");
            let cand = cand.trim_end_matches([',', ';', '.', ':']);
            if !(looks_like_target(cand) || cand.split(' ').count() > 1) {
                continue;
            }
            // An age range (`10-18 ans`) is not a target.
            if words
                .get(j)
                .is_some_and(|w| matches!(fold(w).as_str(), "AN" | "ANS"))
            {
                continue;
            }
            if let Some(t) = try_parse(cand)
                && plausible(cand, &t)
                && has_number(&t)
            {
                return Some((cand.to_string(), t));
            }
        }
    }
    None
}

/// Words that may open a deadline (`en 2027`, `d'ici 2026`, `avant fin 2026`,
/// `au plus tard en 2027`, `à l'horizon 2028`).
fn opens_deadline(word: &str) -> bool {
    matches!(
        fold(word).as_str(),
        "EN" | "D'ICI" | "AVANT" | "AU" | "A" | "FIN"
    )
}

/// The deadline a milestone's sentence writes (`Ouverture de la micro-crèche en 2027`):
/// the words that read as a deadline, and the milestone due then (`réalisé en 2027`).
/// The first deadline wins, and its longest reading.
pub(crate) fn deadline_in_sentence(text: &str) -> Option<(String, Target)> {
    let words: Vec<&str> = text.split_whitespace().take(MAX_WORDS).collect();
    for i in 0..words.len() {
        if !words.get(i).is_some_and(|w| opens_deadline(w)) {
            continue;
        }
        let last = words.len().min(i + 6);
        for j in (i + 1..=last).rev() {
            let Some(slice) = words.get(i..j) else {
                continue;
            };
            let cand = slice.join(" ");
            let cand = cand.trim_end_matches([',', ';', '.', ':', ')']);
            if !cand.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            // `fin 2026` alone reads as `d'ici fin 2026`.
            let written = if fold(cand).starts_with("FIN ") {
                format!("d'ici {cand}")
            } else {
                cand.to_string()
            };
            if let Some(t) = try_parse(&format!("réalisé {written}"))
                && matches!(t.kind, TargetKind::Milestone { deadline: Some(_) })
            {
                return Some((cand.to_string(), t));
            }
        }
    }
    None
}

/// Whether the target holds a number (a milestone alone does not).
fn has_number(t: &Target) -> bool {
    !matches!(t.kind, TargetKind::Milestone { .. })
}

/// When the whole text is a change naming what changes (`Réduction de 10% des vacances de
/// postes`), the target without it (`Réduction de 10%`): the label says what changes.
fn without_subject(text: &str, t: Target) -> (String, Target) {
    if let Some(subject) = t.subject.as_deref()
        && let Some(i) = text.rfind(subject)
    {
        let head = text.get(..i).unwrap_or("").trim();
        if let Some(bare) = try_parse(head)
            && bare.subject.is_none()
        {
            return (head.to_string(), bare);
        }
    }
    (text.to_string(), t)
}

fn split(line: &str) -> Split {
    let line = line.trim();
    let mut findings = Vec::new();
    let out = |label: &str,
               wording: Option<String>,
               target: Option<(String, Target, How)>,
               findings: Vec<FindingKind>| Split {
        label: label.trim().to_string(),
        wording,
        target,
        findings,
    };
    // In parentheses at the end: `Label (> 200)`.
    if line.ends_with(')')
        && let Some(open) = line.rfind('(')
    {
        let inner = line.get(open + 1..line.len() - 1).unwrap_or("");
        let head = line.get(..open).unwrap_or("").trim();
        if !head.is_empty() && looks_like_target(inner) {
            match parse(inner.trim()) {
                Ok(t) if inner.len() <= MAX_TARGET && plausible(inner, &t) => {
                    return out(
                        head,
                        Some(line.to_string()),
                        Some((inner.trim().to_string(), t, How::Parentheses)),
                        findings,
                    );
                }
                Ok(_) => {}
                Err(e) if inner.len() <= MAX_TARGET => {
                    findings.push(FindingKind::TargetNotUnderstood {
                        text: inner.trim().to_string(),
                        code: e.code.as_str().to_string(),
                    })
                }
                Err(_) => {}
            }
        }
    }
    // After a colon: `Label : au moins 2 par mois`.
    if let Some(i) = line.rfind(':') {
        let head = line.get(..i).unwrap_or("").trim();
        let tail = line.get(i + 1..).unwrap_or("").trim();
        if (!head.is_empty() && looks_like_target(tail)
            || opens_target(tail.split(' ').next().unwrap_or("")) && !head.is_empty())
            && let Some(t) = try_parse(tail).filter(|t| plausible(tail, t) && has_number(t))
        {
            return out(
                head,
                Some(line.to_string()),
                Some((tail.to_string(), t, How::Colon)),
                findings,
            );
        }
    }
    // The label is the target: `1 COPIl/an`, `Réduction de 10% des vacances de postes`.
    if looks_like_target(line)
        && let Some(t) = try_parse(line).filter(|t| plausible(line, t) && has_number(t))
    {
        let (text, t) = without_subject(line, t);
        findings.push(FindingKind::LabelIsTarget {
            target: text.clone(),
        });
        return out(line, None, Some((text, t, How::Label)), findings);
    }
    // Inside the sentence.
    if findings.is_empty()
        && let Some((text, t)) = target_in_sentence(line)
    {
        let (text, t) = without_subject(&text, t);
        findings.push(FindingKind::TargetInSentence {
            target: text.clone(),
        });
        return out(line, None, Some((text, t, How::Sentence)), findings);
    }
    out(line, None, None, findings)
}

fn creation(f: &str) -> bool {
    ["CREE", "CREATION", "EXPERIMENTATION", "CONSTRUCTION"]
        .iter()
        .any(|w| f.contains(w))
}

fn measure_of(label: &str, target: Option<&Target>) -> (Measure, MeasureCue) {
    let f = fold(label);
    let starts_any = |ws: &[&str]| ws.iter().any(|w| f.starts_with(w));
    if matches!(target.map(|t| &t.kind), Some(TargetKind::Milestone { .. })) {
        return (Measure::Milestone, MeasureCue::Milestone);
    }
    if target.is_none()
        && starts_any(&[
            "REALISATION",
            "OUVERTURE",
            "PUBLICATION",
            "MISE EN PLACE D'UN",
            "ELABORATION D'UN",
            "REDACTION D'UN",
            "CREATION D'UN",
            "SIGNATURE",
            "LANCEMENT D'UN",
            "ADOPTION D'UN",
        ])
    {
        return (Measure::Milestone, MeasureCue::Milestone);
    }
    let percent_level = matches!(
        target.map(|t| &t.kind),
        Some(TargetKind::Compare { percent: true, .. } | TargetKind::Range { percent: true, .. })
    );
    if f.starts_with("TAUX")
        || f.contains(" TAUX ")
        || percent_level
        || (label.contains('%') && !target.is_some_and(Target::is_change))
    {
        return (Measure::Ratio, MeasureCue::Rate);
    }
    if f.contains("SATISFACTION") {
        return (Measure::Score, MeasureCue::Satisfaction);
    }
    // An average or a delay (`délai moyen`, `durée moyenne`) is a level read at a date:
    // values do not add up.
    let level_word = f.split(|c: char| !c.is_alphanumeric()).any(|w| {
        matches!(
            w,
            "MOYEN" | "MOYENNE" | "DELAI" | "DELAIS" | "DUREE" | "DUREES"
        )
    });
    if level_word {
        return (Measure::Stock, MeasureCue::Level);
    }
    if f.contains("NOMBRE")
        && ["DIFFERENT", "DISTINCT", "SUIVI", "ACCOMPAGNE"]
            .iter()
            .any(|w| f.contains(w))
    {
        return (Measure::DistinctCount, MeasureCue::Distinct);
    }
    let stock_noun = f
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| matches!(w, "PLACES" | "PLACE" | "POSTES" | "POSTE" | "LITS"));
    if stock_noun && !creation(&f) && !f.contains("NOUVEAU") && !f.contains("NOUVELLE") {
        return (Measure::Stock, MeasureCue::Stock);
    }
    if f.contains("NOMBRE") || starts_any(&["FREQUENTATION", "PARTICIPATION"]) {
        return (Measure::Count, MeasureCue::Number);
    }
    if target.is_some() {
        return (Measure::Count, MeasureCue::NumericTarget);
    }
    (Measure::Qualitative, MeasureCue::NoNumber)
}

/// The unit named by the wording: `Nombre de nouvelles places créées` → `places`.
fn unit_of(label: &str, measure: Measure) -> Option<String> {
    match measure {
        Measure::Ratio => return Some("%".to_string()),
        Measure::Count | Measure::DistinctCount | Measure::Stock => {}
        _ => return None,
    }
    let lower = label.to_lowercase().replace('’', "'");
    let rest = ["nombre de ", "nombre d'", "création de ", "création d'"]
        .iter()
        .find_map(|p| lower.find(p).map(|i| i + p.len()))?;
    let words = lower.get(rest..)?;
    words
        .split(|c: char| c.is_whitespace() || c == '\'')
        .filter(|w| !w.is_empty())
        .find(|w| {
            !w.chars().any(|c| c.is_ascii_digit())
                && !matches!(
                    *w,
                    "nouvelles"
                        | "nouveaux"
                        | "nouvelle"
                        | "nouveau"
                        | "ans"
                        | "différents"
                        | "différentes"
                        | "distincts"
                        | "distinctes"
                        | "de"
                        | "des"
                        | "d"
                        | "la"
                        | "le"
                        | "les"
                        | "l"
                )
        })
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|w| !w.is_empty())
}

fn cadence_window(c: Cadence) -> Window {
    match c {
        Cadence::Annual => Window::Year,
        Cadence::Quarterly => Window::Quarter,
        Cadence::Monthly => Window::Month,
    }
}

/// Content words of a text, folded and without a plural `S`, for matching an expected
/// result with an indicator.
fn content_words(s: &str) -> Vec<String> {
    const STOP: &[&str] = &[
        "NOMBRE",
        "AUGMENTATION",
        "DIMINUTION",
        "AMELIORATION",
        "REDUCTION",
        "HAUSSE",
        "BAISSE",
        "AUTOUR",
        "ENTRE",
        "AVEC",
        "POUR",
        "DANS",
        "MEILLEURE",
        "MEILLEUR",
        "RENFORCEMENT",
        "NOUVELLE",
        "NOUVEAU",
        "NOUVEAUX",
    ];
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 5)
        .map(|w| w.trim_end_matches('S').to_string())
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect()
}

/// Read the indicator lines of a fiche.
pub(crate) fn read_all(lines: &[(String, usize)], ctx: &Context<'_>) -> Vec<Read> {
    let mut reads: Vec<(Split, usize)> = lines.iter().map(|(l, n)| (split(l), *n)).collect();
    // Targets of the expected results go to the target-less indicator that shares the
    // most words with them.
    let mut from_result: Vec<Option<String>> = vec![None; reads.len()];
    for result in ctx.expected_results {
        let Some((text, t)) = target_in_sentence(result) else {
            continue;
        };
        if !matches!(
            t.kind,
            TargetKind::Relative { .. } | TargetKind::Points { .. } | TargetKind::Compare { .. }
        ) {
            continue;
        }
        // In the prose of a result, `un` / `une` is an article (`un lieu d'accueil`), not
        // a number: a level taken from it must be written with digits or a sign.
        if !t.is_change() && !looks_like_target(&text) {
            continue;
        }
        // The indicator says what changes: the result's subject is left out, as for a
        // label that is its own target.
        let (text, t) = without_subject(&text, t);
        let rw = content_words(result);
        let best = reads
            .iter()
            .enumerate()
            .filter(|(i, (s, _))| {
                s.target.is_none() && from_result.get(*i).is_some_and(Option::is_none)
            })
            .filter(|(_, (s, _))| measure_of(&s.label, None).0.is_numeric())
            .map(|(i, (s, _))| {
                (
                    i,
                    content_words(&s.label)
                        .iter()
                        .filter(|w| rw.contains(w))
                        .count(),
                )
            })
            .filter(|(_, score)| *score > 0)
            .max_by_key(|(i, score)| (*score, usize::MAX - i));
        if let Some((i, _)) = best
            && let (Some((s, _)), Some(slot)) = (reads.get_mut(i), from_result.get_mut(i))
        {
            s.findings.push(FindingKind::TargetFromExpectedResult {
                target: text.clone(),
                result: result.clone(),
            });
            s.target = Some((text, t, How::Sentence));
            *slot = Some(result.clone());
        }
    }
    reads
        .drain(..)
        .zip(from_result)
        .enumerate()
        .map(|(k, ((s, line), result))| finish(s, line, k + 1, result, ctx))
        .collect()
}

fn finish(s: Split, line: usize, n: usize, result: Option<String>, ctx: &Context<'_>) -> Read {
    let mut findings = s.findings;
    let (measure, cue) = measure_of(&s.label, s.target.as_ref().map(|(_, t, _)| t));
    findings.push(FindingKind::MeasureInferred { measure, cue });
    let mut target = s.target.map(|(text, t, _)| (text, t));
    if target.is_none()
        && measure == Measure::Milestone
        && let Some((text, t)) = deadline_in_sentence(&s.label)
    {
        findings.push(FindingKind::TargetInSentence {
            target: text.clone(),
        });
        target = Some((text, t));
    }
    if target.is_none() && measure == Measure::Milestone {
        let text = format!("réalisé d'ici {}", ctx.schedule.end);
        if let Some(t) = try_parse(&text) {
            findings.push(FindingKind::TargetFromSchedule {
                target: text.clone(),
            });
            target = Some((text, t));
        }
    }
    let f = fold(&s.label);
    let is_change = target.as_ref().is_some_and(|(_, t)| t.is_change());
    let (window, wcue) = if let Some(per) = target.as_ref().and_then(|(_, t)| t.per) {
        (per, WindowCue::TargetPeriod)
    } else if measure == Measure::Milestone {
        (Window::Plan, WindowCue::Milestone)
    } else if matches!(measure, Measure::Count | Measure::DistinctCount)
        && creation(&f)
        && !is_change
    {
        (Window::Plan, WindowCue::Cumulative)
    } else if let Some(c) = ctx.schedule.cadence {
        (cadence_window(c), WindowCue::Schedule)
    } else {
        (Window::Year, WindowCue::Default)
    };
    if wcue != WindowCue::TargetPeriod {
        findings.push(FindingKind::WindowInferred { window, cue: wcue });
    }
    let aggregation = measure.default_aggregation();
    findings.push(FindingKind::AggregationDefault { aggregation });
    let mut baseline = None;
    let mut direction = None;
    match target.as_ref().map(|(text, t)| (text, t)) {
        None => findings.push(FindingKind::NoTarget),
        Some((text, t)) => {
            match &t.kind {
                TargetKind::Compare {
                    op: Comparator::Gt, ..
                } if window != Window::Plan => {
                    findings.push(FindingKind::StrictEachWindow {
                        target: text.clone(),
                        window,
                    });
                }
                TargetKind::Compare {
                    op: Comparator::Ge, ..
                } if text.trim_start().starts_with(|c: char| c.is_ascii_digit()) => {
                    findings.push(FindingKind::BareNumberMinimum {
                        target: text.clone(),
                    });
                }
                _ => {}
            }
            if t.is_change() && t.baseline_year().is_none() {
                let year = ctx.period.start.saturating_sub(1);
                findings.push(FindingKind::BaselineAssumed {
                    year,
                    due: ctx.period.end,
                });
                baseline = Some(Baseline {
                    value: None,
                    year: Some(year),
                    note: Some("Année précédant le plan (interprétation : la fiche ne précise pas la référence)".to_string()),
                });
            }
            let probe = Indicator {
                target: Some(t.clone()),
                ..bare(String::new(), String::new(), measure)
            };
            if probe.direction() == Direction::Decreasing {
                findings.push(FindingKind::DirectionFromTarget {
                    direction: Direction::Decreasing,
                });
                direction = Some(Direction::Decreasing);
            }
        }
    }
    let mut indicator = bare(format!("{}.{n}", ctx.id_prefix), s.label.clone(), measure);
    indicator.wording = s.wording;
    indicator.aggregation = Some(aggregation);
    indicator.window = Some(window);
    indicator.direction = direction;
    indicator.unit = unit_of(&s.label, measure);
    indicator.target = target.map(|(_, t)| t);
    indicator.target_source =
        result.map(|r| format!("Fiche {}, résultat attendu : « {r} »", ctx.fiche_code));
    indicator.baseline = baseline;
    indicator.notes = findings
        .iter()
        .filter(|k| k.severity() == crate::problem::Severity::Interpretation)
        .map(|k| format!("Interprétation : {}.", k.render(crate::Lang::Fr)))
        .collect();
    Read {
        indicator,
        findings,
        line,
    }
}

fn bare(id: String, label: String, measure: Measure) -> Indicator {
    Indicator {
        id,
        label,
        wording: None,
        measure,
        aggregation: None,
        window: None,
        direction: None,
        unit: None,
        target: None,
        target_source: None,
        baseline: None,
        weight: None,
        source: None,
        notes: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn schedule(cadence: Option<Cadence>) -> Schedule {
        Schedule {
            start: 2025,
            end: 2029,
            text: None,
            cadence,
            milestones: vec![],
            notes: vec![],
        }
    }

    fn read(lines: &[&str], results: &[&str], cadence: Option<Cadence>) -> Vec<Read> {
        let s = schedule(cadence);
        let results: Vec<String> = results.iter().map(|s| s.to_string()).collect();
        let ctx = Context {
            id_prefix: "f3",
            fiche_code: "3",
            schedule: &s,
            period: PlanPeriod {
                start: 2025,
                end: 2029,
            },
            expected_results: &results,
        };
        let lines: Vec<(String, usize)> = lines
            .iter()
            .enumerate()
            .map(|(i, l)| (l.to_string(), i + 1))
            .collect();
        read_all(&lines, &ctx)
    }

    fn one(line: &str) -> Indicator {
        read(&[line], &[], None).remove(0).indicator
    }

    #[test]
    fn target_in_parentheses() {
        let i = one("Fréquentation du SIJ (>10/mois)");
        assert_eq!(i.label, "Fréquentation du SIJ");
        assert_eq!(
            i.wording.as_deref(),
            Some("Fréquentation du SIJ (>10/mois)")
        );
        assert_eq!(i.target, Some(parse(">10/mois").unwrap()));
        assert_eq!((i.measure, i.window), (Measure::Count, Some(Window::Month)));
        let i = one("Nombre de personnes au forum des associations  (> 200)");
        assert_eq!(i.label, "Nombre de personnes au forum des associations");
        assert_eq!(i.unit.as_deref(), Some("personnes"));
    }

    #[test]
    fn target_after_a_colon() {
        let i = one("Réunions du réseau : au moins 2 par mois");
        assert_eq!(i.label, "Réunions du réseau");
        assert_eq!(i.target, Some(parse("au moins 2 par mois").unwrap()));
        assert_eq!(i.window, Some(Window::Month));
    }

    #[test]
    fn target_inside_the_sentence() {
        let r = read(
            &["Comité de pilotage réuni au moins une fois par an"],
            &[],
            None,
        )
        .remove(0);
        assert_eq!(
            r.indicator.label,
            "Comité de pilotage réuni au moins une fois par an"
        );
        assert_eq!(
            r.indicator.target,
            Some(parse("au moins une fois par an").unwrap())
        );
        assert!(r
            .findings
            .iter()
            .any(|f| matches!(f, FindingKind::TargetInSentence { .. })));
    }

    #[test]
    fn the_label_is_the_target() {
        let i = one("1 COPIl/an");
        assert_eq!(i.target, Some(parse("1 COPIl/an").unwrap()));
        assert_eq!(
            (i.measure, i.window, i.unit),
            (Measure::Count, Some(Window::Year), None)
        );
        let i = one("Réduction de 10% des vacances de postes");
        assert_eq!(i.label, "Réduction de 10% des vacances de postes");
        assert_eq!(i.target, Some(parse("Réduction de 10%").unwrap()));
        assert_eq!(
            (i.measure, i.direction),
            (Measure::Stock, Some(Direction::Decreasing))
        );
        assert_eq!(i.baseline.and_then(|b| b.year), Some(2024));
    }

    #[test]
    fn measures_from_wording() {
        assert_eq!(
            one("Nombre de 10-18 ans différents participants aux activités (>200)").measure,
            Measure::DistinctCount
        );
        assert_eq!(
            one("Nombre de 10-18 ans différents participants aux activités (>200)")
                .unit
                .as_deref(),
            Some("participants")
        );
        assert_eq!(
            one("Taux d'occupation des structures").measure,
            Measure::Ratio
        );
        assert_eq!(one("Satisfaction des familles").measure, Measure::Score);
        assert_eq!(
            one("Identification du service").measure,
            Measure::Qualitative
        );
        assert_eq!(one("Renforcement des relations").target, None);
        let i = one("Réalisation d'une plaquette");
        assert_eq!(
            (i.measure, i.window),
            (Measure::Milestone, Some(Window::Plan))
        );
        assert_eq!(i.target, Some(parse("réalisé d'ici 2029").unwrap()));
        let i = one("Nombre de nouvelles places créées");
        assert_eq!(
            (i.measure, i.window, i.unit.as_deref()),
            (Measure::Count, Some(Window::Plan), Some("places"))
        );
        assert_eq!(
            one("Augmentation du nombre de places (+10%)").measure,
            Measure::Stock
        );
    }

    #[test]
    fn ages_and_years_are_not_targets() {
        assert_eq!(one("Nombre de 10-18 ans accueillis").target, None);
        assert_eq!(
            one("Ouverture du SIJ en 2025 au public").measure,
            Measure::Milestone
        );
        assert_eq!(one("Bilan 2027 des actions").target, None);
    }

    #[test]
    fn target_from_the_expected_result() {
        let r = read(
            &[
                "Nombre de participants aux événements",
                "Nombre de nouvelles collaborations entre acteurs",
                "Satisfaction des participants",
            ],
            &["Augmentation de la fréquentation des événements autour de la parentalité de +20%"],
            None,
        );
        assert_eq!(r[0].indicator.target, Some(parse("+20%").unwrap()));
        assert!(r[0]
            .indicator
            .target_source
            .as_deref()
            .unwrap()
            .starts_with("Fiche 3, résultat attendu : « Augmentation"));
        assert_eq!(r[1].indicator.target, None);
        assert_eq!(r[2].indicator.target, None);
        assert!(r[0]
            .indicator
            .notes
            .iter()
            .all(|n| n.starts_with("Interprétation : ")));
    }

    #[test]
    fn a_milestone_deadline_in_the_sentence() {
        let r = read(&["Ouverture de la micro-crèche en 2027"], &[], None).remove(0);
        assert_eq!(r.indicator.target, Some(parse("réalisé en 2027").unwrap()));
        assert_eq!(r.indicator.label, "Ouverture de la micro-crèche en 2027");
        assert!(r.findings.contains(&FindingKind::TargetInSentence {
            target: "en 2027".to_string()
        }));
        assert!(!r
            .findings
            .iter()
            .any(|f| f.code() == "target_from_schedule"));
        let i = one("Ouverture du tiers-lieu jeunesse avant fin 2026");
        assert_eq!(i.target, Some(parse("réalisé d'ici 2026").unwrap()));
        let i = one("Lancement d'un forum fin 2026");
        assert_eq!(i.target, Some(parse("réalisé d'ici fin 2026").unwrap()));
        // No year: due by the end of the schedule, said.
        let r = read(&["Publication d'un guide"], &[], None).remove(0);
        assert_eq!(
            r.indicator.target,
            Some(parse("réalisé d'ici 2029").unwrap())
        );
        assert!(r
            .findings
            .iter()
            .any(|f| f.code() == "target_from_schedule"));
    }

    #[test]
    fn an_average_or_a_delay_is_a_level() {
        let i = one("Réduction de 10% du délai moyen de traitement des dossiers");
        assert_eq!(
            (i.measure, i.direction),
            (Measure::Stock, Some(Direction::Decreasing))
        );
        assert_eq!(one("Durée moyenne d'attente").measure, Measure::Stock);
        assert_eq!(one("Nombre de dossiers traités").measure, Measure::Count);
    }

    #[test]
    fn an_article_in_a_result_is_not_a_target() {
        let r = read(
            &["Satisfaction des familles accueillies"],
            &["Des familles éloignées qui fréquentent un lieu d'accueil enfants-parents"],
            None,
        );
        assert_eq!(r[0].indicator.target, None);
        // The result's subject is the indicator's: left out.
        let r = read(
            &["Nombre de places d'accueil du jeune enfant"],
            &["Augmentation de +15% des places d'accueil du jeune enfant"],
            None,
        );
        assert_eq!(r[0].indicator.target, Some(parse("+15%").unwrap()));
        assert!(r[0].indicator.target_source.is_some());
    }

    #[test]
    fn an_annual_schedule_sets_the_window() {
        let r = read(&["Nombre d'ateliers"], &[], Some(Cadence::Annual));
        assert!(r[0].findings.contains(&FindingKind::WindowInferred {
            window: Window::Year,
            cue: WindowCue::Schedule
        }));
    }

    #[test]
    fn unparsed_targets_are_said_and_kept() {
        let r = read(&["Nombre de visites (> beaucoup 3)"], &[], None).remove(0);
        assert_eq!(r.indicator.label, "Nombre de visites (> beaucoup 3)");
        assert!(r
            .findings
            .iter()
            .any(|f| f.code() == "target_not_understood"));
    }
}
