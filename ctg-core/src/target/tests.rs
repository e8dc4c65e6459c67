//! Unit tests of the parser (the full corpus is in `tests/target_corpus.rs`).
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use super::parser::period_word;
use super::*;
use crate::window::Window;
use crate::Lang;

fn ok(input: &str) -> Target {
    match parse(input) {
        Ok(t) => t,
        Err(e) => panic!("{input:?} failed:\n{}", e.render(crate::Lang::En)),
    }
}

fn code(input: &str) -> TargetErrorCode {
    parse(input).unwrap_err().code
}

fn cmp(op: Comparator, value: f64) -> TargetKind {
    TargetKind::Compare {
        op,
        value,
        percent: false,
        deadline: None,
    }
}

#[test]
fn period_words() {
    assert_eq!(period_word("an"), Some(Window::Year));
    assert_eq!(period_word("annee"), Some(Window::Year));
    assert_eq!(period_word("mois"), Some(Window::Month));
    assert_eq!(period_word("quarter"), Some(Window::Quarter));
    assert_eq!(period_word("semaine"), Some(Window::Week));
    assert_eq!(period_word("semestre"), Some(Window::HalfYear));
    assert_eq!(period_word("jour"), None);
}

#[test]
fn comparator_phrases() {
    use Comparator::*;
    for (input, op) in [
        ("plus de 3", Gt),
        ("au moins 3", Ge),
        ("moins de 3", Lt),
        ("au plus 3", Le),
        ("Supérieure à 3", Gt),
        ("inférieur ou égal à 3", Le),
        ("supérieur ou égale à 3", Ge),
        ("égal à 3", Eq),
        ("AT LEAST 3", Ge),
        ("no more than 3", Le),
        ("fewer than 3", Lt),
        ("maximum 3", Le),
    ] {
        assert_eq!(ok(input).kind, cmp(op, 3.0), "{input}");
    }
}

#[test]
fn signed_thresholds() {
    assert_eq!(ok("> -5").kind, cmp(Comparator::Gt, -5.0));
    assert_eq!(ok("≤ −0,5").kind, cmp(Comparator::Le, -0.5));
    assert_eq!(ok("= +2").kind, cmp(Comparator::Eq, 2.0));
}

#[test]
fn units_stop_at_periods() {
    let t = ok("4 Cotech a year");
    assert_eq!(t.unit.as_deref(), Some("Cotech"));
    assert_eq!(t.per, Some(Window::Year));
    let t = ok("≥ 3 places a");
    assert_eq!(t.unit.as_deref(), Some("places a"));
    assert_eq!(t.per, None);
    let t = ok("≥ 3 places   d’accueil chaque trimestre");
    assert_eq!(t.unit.as_deref(), Some("places d’accueil"));
    assert_eq!(t.per, Some(Window::Quarter));
    let t = ok("5 points");
    assert_eq!(t.kind, cmp(Comparator::Ge, 5.0));
    assert_eq!(t.unit.as_deref(), Some("points"));
}

#[test]
fn nested_parentheses() {
    assert_eq!(ok("((> 2))").kind, cmp(Comparator::Gt, 2.0));
    assert_eq!(code("(> 2"), TargetErrorCode::UnbalancedParenthesis);
    assert_eq!(code("> 2)"), TargetErrorCode::UnbalancedParenthesis);
    assert_eq!(code("()"), TargetErrorCode::Empty);
    assert_eq!(code("(> 2) (> 3)"), TargetErrorCode::TrailingInput);
}

#[test]
fn baseline_tails() {
    for input in [
        "+20 % par rapport à la référence",
        "+20% vs baseline",
        "+20% vs. la référence",
        "+20 % versus baseline",
        "+20% compared to the baseline",
        "+20% par rapport a la reference",
    ] {
        assert_eq!(
            ok(input).kind,
            TargetKind::Relative {
                percent: 20.0,
                baseline_year: None,
                deadline: None
            },
            "{input}"
        );
    }
    assert_eq!(
        code("+20 % par rapport à demain"),
        TargetErrorCode::UnexpectedToken
    );
    assert_eq!(
        code("≥ 20 % par rapport à la référence"),
        TargetErrorCode::SuffixNotAllowed
    );
    assert_eq!(
        code("≥ 20 % vs baseline"),
        TargetErrorCode::SuffixNotAllowed
    );
}

#[test]
fn suffixes_on_changes_and_milestones() {
    assert_eq!(code("+20 % / an"), TargetErrorCode::SuffixNotAllowed);
    assert_eq!(code("+20 % places"), TargetErrorCode::SuffixNotAllowed);
    assert_eq!(
        code("+20 % des places / an"),
        TargetErrorCode::SuffixNotAllowed
    );
    assert_eq!(code("réalisé / an"), TargetErrorCode::SuffixNotAllowed);
    assert_eq!(code("réalisé 2027"), TargetErrorCode::UnexpectedToken);
    assert_eq!(code("réalisé pour 2027"), TargetErrorCode::UnexpectedToken);
    assert_eq!(code("réalisé en 2027 2028"), TargetErrorCode::TrailingInput);
}

#[test]
fn years() {
    assert!(parse("réalisé en 1900").is_ok());
    assert!(parse("réalisé en 2200").is_ok());
    assert_eq!(code("réalisé en 1899"), TargetErrorCode::InvalidYear);
    assert_eq!(code("réalisé en 2201"), TargetErrorCode::InvalidYear);
    assert_eq!(code("réalisé en 2027,5"), TargetErrorCode::InvalidYear);
    assert_eq!(code("réalisé en 2 027"), TargetErrorCode::InvalidYear);
    assert_eq!(code("réalisé en"), TargetErrorCode::ExpectedYear);
    assert_eq!(code("done by soon"), TargetErrorCode::ExpectedYear);
}

#[test]
fn display_round_trips() {
    for input in [
        "> 200",
        "1 COPIl/an",
        "≥ 70 %",
        "entre 10 et 20 places par mois",
        "10-20 %",
        "réduction de 12,5 %",
        "+5 pts",
        "-1 point",
        "réalisée avant 2026",
        "done in 2025",
        "> 1 234 567,125 visites / trimestre",
    ] {
        let t = ok(input);
        for lang in [Lang::Fr, Lang::En] {
            let text = t.display(lang);
            assert_eq!(ok(&text), t, "{input} -> {text}");
        }
    }
}

#[test]
fn errors_point_at_the_culprit() {
    let err = parse("> 10 / jour").unwrap_err();
    assert_eq!(err.code, TargetErrorCode::UnknownPeriod);
    assert_eq!(err.snippet(), "jour");
    let err = parse("> 10 par").unwrap_err();
    assert_eq!(err.code, TargetErrorCode::ExpectedPeriod);
    assert_eq!(err.span, 8..8);
    let err = parse("(>)").unwrap_err();
    assert_eq!(err.code, TargetErrorCode::ExpectedNumber);
    assert_eq!(err.span, 2..2);
    let err = parse("hausse de -5 %").unwrap_err();
    assert_eq!(err.code, TargetErrorCode::UnexpectedSign);
    assert_eq!(err.snippet(), "-");
    let err = parse("entre 10 20").unwrap_err();
    assert_eq!(err.code, TargetErrorCode::UnexpectedToken);
    assert_eq!(err.snippet(), "20");
    assert_eq!(
        err.expected(crate::Lang::En).as_deref(),
        Some("`et` (`and`)")
    );
}
