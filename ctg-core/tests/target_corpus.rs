//! The target-language corpus: every target of the Sundgau seed plan and many more forms,
//! each with its expected AST written out, and malformed inputs with their error code and
//! byte span.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ctg_core::model::Window;
use ctg_core::target::{
    parse, Comparator, Deadline, DeadlineRelation, Target, TargetErrorCode, TargetKind,
};
use ctg_core::Lang;

use Comparator::{Eq, Ge, Gt, Le, Lt};
use DeadlineRelation::{Before, By, In};
use TargetErrorCode as E;
use Window::{Month, Quarter, Year};

/// `Compare { op, value, percent: false }` without unit or period.
fn cmp(op: Comparator, value: f64) -> Target {
    Target {
        kind: TargetKind::Compare {
            op,
            value,
            percent: false,
        },
        per: None,
        unit: None,
    }
}

/// `Compare { op, value, percent: true }`.
fn pct(op: Comparator, value: f64) -> Target {
    Target {
        kind: TargetKind::Compare {
            op,
            value,
            percent: true,
        },
        per: None,
        unit: None,
    }
}

fn range(low: f64, high: f64, percent: bool) -> Target {
    Target {
        kind: TargetKind::Range { low, high, percent },
        per: None,
        unit: None,
    }
}

fn rel(percent: f64) -> Target {
    Target {
        kind: TargetKind::Relative { percent },
        per: None,
        unit: None,
    }
}

fn points(points: f64) -> Target {
    Target {
        kind: TargetKind::Points { points },
        per: None,
        unit: None,
    }
}

fn done(deadline: Option<(DeadlineRelation, i32)>) -> Target {
    Target {
        kind: TargetKind::Milestone {
            deadline: deadline.map(|(relation, year)| Deadline { relation, year }),
        },
        per: None,
        unit: None,
    }
}

fn per(mut t: Target, window: Window) -> Target {
    t.per = Some(window);
    t
}

fn unit(mut t: Target, unit: &str) -> Target {
    t.unit = Some(unit.to_string());
    t
}

fn parse_ok(input: &str) -> Target {
    match parse(input) {
        Ok(t) => t,
        Err(e) => panic!("{input:?} should parse:\n{}", e.render()),
    }
}

/// Every target written in the Sundgau plan, with its AST and canonical French display.
#[test]
fn seed_targets() {
    let cases: Vec<(&str, Target, &str)> = vec![
        ("> 200", cmp(Gt, 200.0), "> 200"),
        (">200", cmp(Gt, 200.0), "> 200"),
        ("(> 200)", cmp(Gt, 200.0), "> 200"),
        ("(>200)", cmp(Gt, 200.0), "> 200"),
        ("+20%", rel(20.0), "+20 % par rapport à la référence"),
        ("+10%", rel(10.0), "+10 % par rapport à la référence"),
        ("(+10%)", rel(10.0), "+10 % par rapport à la référence"),
        (">2", cmp(Gt, 2.0), "> 2"),
        ("(>2)", cmp(Gt, 2.0), "> 2"),
        (">10/mois", per(cmp(Gt, 10.0), Month), "> 10 / mois"),
        ("(>10/mois)", per(cmp(Gt, 10.0), Month), "> 10 / mois"),
        (">24/an", per(cmp(Gt, 24.0), Year), "> 24 / an"),
        ("(>24/an)", per(cmp(Gt, 24.0), Year), "> 24 / an"),
        (">20", cmp(Gt, 20.0), "> 20"),
        ("(>20)", cmp(Gt, 20.0), "> 20"),
        (
            "Réduction de 10%",
            rel(-10.0),
            "\u{2212}10 % par rapport à la référence",
        ),
        (
            "1 COPIl/an",
            per(unit(cmp(Ge, 1.0), "COPIl"), Year),
            "≥ 1 COPIl / an",
        ),
        (
            "4 Cotech/an",
            per(unit(cmp(Ge, 4.0), "Cotech"), Year),
            "≥ 4 Cotech / an",
        ),
    ];
    for (input, expected, display) in cases {
        let t = parse_ok(input);
        assert_eq!(t, expected, "{input}");
        assert_eq!(t.to_string(), display, "{input}");
        assert_eq!(parse_ok(display), expected, "{display}");
        assert_eq!(parse_ok(&t.display(Lang::En)), expected, "{input} (en)");
    }
}

/// The other forms of the language, each with its AST.
#[test]
fn other_forms() {
    let cases: Vec<(&str, Target)> = vec![
        // Symbol comparators.
        (">= 4", cmp(Ge, 4.0)),
        ("≥ 4", cmp(Ge, 4.0)),
        ("⩾ 4", cmp(Ge, 4.0)),
        ("< 5", cmp(Lt, 5.0)),
        ("<= 3", cmp(Le, 3.0)),
        ("≤ 3", cmp(Le, 3.0)),
        ("= 1", cmp(Eq, 1.0)),
        ("≥ 70 %", pct(Ge, 70.0)),
        ("≥70%", pct(Ge, 70.0)),
        ("< 5 %", pct(Lt, 5.0)),
        // Word comparators.
        ("plus de 200", cmp(Gt, 200.0)),
        ("Plus De 200", cmp(Gt, 200.0)),
        ("au moins 4", cmp(Ge, 4.0)),
        ("moins de 5", cmp(Lt, 5.0)),
        ("au plus 3", cmp(Le, 3.0)),
        ("supérieur à 10", cmp(Gt, 10.0)),
        ("superieur a 10", cmp(Gt, 10.0)),
        ("inférieur à 10", cmp(Lt, 10.0)),
        ("supérieur ou égal à 10", cmp(Ge, 10.0)),
        ("more than 200", cmp(Gt, 200.0)),
        ("at least 4", cmp(Ge, 4.0)),
        ("less than 5", cmp(Lt, 5.0)),
        ("at most 3", cmp(Le, 3.0)),
        ("au moins 70 %", pct(Ge, 70.0)),
        // Bare numbers mean "at least".
        ("20", cmp(Ge, 20.0)),
        ("20 %", pct(Ge, 20.0)),
        // Numbers.
        ("> 1 000", cmp(Gt, 1000.0)),
        ("> 1\u{a0}000", cmp(Gt, 1000.0)),
        ("> 1\u{202f}000", cmp(Gt, 1000.0)),
        ("> 12 345 678", cmp(Gt, 12_345_678.0)),
        ("> 12,5", cmp(Gt, 12.5)),
        ("> 12.5", cmp(Gt, 12.5)),
        ("> 1 000,5", cmp(Gt, 1000.5)),
        ("> 0,125", cmp(Gt, 0.125)),
        ("1 000 visites", unit(cmp(Ge, 1000.0), "visites")),
        // Units and periods.
        ("≥ 4 Cotech / an", per(unit(cmp(Ge, 4.0), "Cotech"), Year)),
        (
            "> 10 visites par mois",
            per(unit(cmp(Gt, 10.0), "visites"), Month),
        ),
        ("> 200 places", unit(cmp(Gt, 200.0), "places")),
        (
            "≥ 30 places d'accueil",
            unit(cmp(Ge, 30.0), "places d'accueil"),
        ),
        (
            "au moins 1 COPIL par an",
            per(unit(cmp(Ge, 1.0), "COPIL"), Year),
        ),
        ("> 5 / an", per(cmp(Gt, 5.0), Year)),
        ("> 5 par an", per(cmp(Gt, 5.0), Year)),
        ("> 5 /année", per(cmp(Gt, 5.0), Year)),
        ("> 5/annee", per(cmp(Gt, 5.0), Year)),
        ("> 5 / mois", per(cmp(Gt, 5.0), Month)),
        ("> 5 /trimestre", per(cmp(Gt, 5.0), Quarter)),
        ("> 5 par trimestre", per(cmp(Gt, 5.0), Quarter)),
        ("> 5/year", per(cmp(Gt, 5.0), Year)),
        ("> 5/month", per(cmp(Gt, 5.0), Month)),
        ("> 5/quarter", per(cmp(Gt, 5.0), Quarter)),
        ("> 5 per year", per(cmp(Gt, 5.0), Year)),
        ("> 5 per month", per(cmp(Gt, 5.0), Month)),
        (
            "4 meetings a year",
            per(unit(cmp(Ge, 4.0), "meetings"), Year),
        ),
        ("> 5 chaque année", per(cmp(Gt, 5.0), Year)),
        ("≥ 70 % / an", per(pct(Ge, 70.0), Year)),
        // Relative changes.
        ("+ 20 %", rel(20.0)),
        ("-10%", rel(-10.0)),
        ("−10 %", rel(-10.0)),
        ("–10 %", rel(-10.0)),
        ("+12,5 %", rel(12.5)),
        ("augmentation de 20 %", rel(20.0)),
        ("Augmentation de 20%", rel(20.0)),
        ("hausse de 20%", rel(20.0)),
        ("réduction de 10 %", rel(-10.0)),
        ("reduction de 10 %", rel(-10.0)),
        ("baisse de 10%", rel(-10.0)),
        ("diminution de 10 %", rel(-10.0)),
        ("increase of 20%", rel(20.0)),
        ("decrease of 10%", rel(-10.0)),
        ("reduction of 10%", rel(-10.0)),
        ("+20 % par rapport à la référence", rel(20.0)),
        ("+20% vs baseline", rel(20.0)),
        ("-10 % vs référence", rel(-10.0)),
        ("−10 % par rapport à la référence", rel(-10.0)),
        ("+0 %", rel(0.0)),
        // Percentage points.
        ("+5 points", points(5.0)),
        ("-2 points", points(-2.0)),
        ("+5 pts", points(5.0)),
        ("+5 pt", points(5.0)),
        ("+1 point", points(1.0)),
        ("+2,5 points de pourcentage", points(2.5)),
        ("+5 percentage points", points(5.0)),
        ("hausse de 3 points", points(3.0)),
        ("+5 points par rapport à la référence", points(5.0)),
        // Ranges.
        ("entre 10 et 20", range(10.0, 20.0, false)),
        ("Entre 10 et 20", range(10.0, 20.0, false)),
        ("between 10 and 20", range(10.0, 20.0, false)),
        ("de 10 à 20", range(10.0, 20.0, false)),
        ("from 10 to 20", range(10.0, 20.0, false)),
        ("10-20", range(10.0, 20.0, false)),
        ("10 - 20", range(10.0, 20.0, false)),
        ("10–20", range(10.0, 20.0, false)),
        ("10 à 20", range(10.0, 20.0, false)),
        ("10 to 20", range(10.0, 20.0, false)),
        ("entre 10 et 10", range(10.0, 10.0, false)),
        ("entre 10 % et 20 %", range(10.0, 20.0, true)),
        ("10-20 %", range(10.0, 20.0, true)),
        ("entre −5 et 5", range(-5.0, 5.0, false)),
        ("entre 1 000 et 2 000,5", range(1000.0, 2000.5, false)),
        (
            "entre 10 et 20 places par mois",
            per(unit(range(10.0, 20.0, false), "places"), Month),
        ),
        // Milestones.
        ("réalisé", done(None)),
        ("réalisée", done(None)),
        ("Réalisé", done(None)),
        ("RÉALISÉ", done(None)),
        ("realise", done(None)),
        ("fait", done(None)),
        ("faite", done(None)),
        ("done", done(None)),
        ("achevé", done(None)),
        ("réalisé avant 2026", done(Some((Before, 2026)))),
        ("réalisé d'ici 2027", done(Some((By, 2027)))),
        ("réalisé d’ici 2027", done(Some((By, 2027)))),
        ("RÉALISÉ D'ICI 2027", done(Some((By, 2027)))),
        ("réalisé en 2025", done(Some((In, 2025)))),
        ("faite en 2025", done(Some((In, 2025)))),
        ("done before 2026", done(Some((Before, 2026)))),
        ("done by 2027", done(Some((By, 2027)))),
        ("done in 2025", done(Some((In, 2025)))),
        // Layout.
        ("  >   200  ", cmp(Gt, 200.0)),
        ("\t( > 200 )\n", cmp(Gt, 200.0)),
        ("((>2))", cmp(Gt, 2.0)),
        ("(réalisé d'ici 2027)", done(Some((By, 2027)))),
    ];
    assert!(cases.len() >= 40);
    for (input, expected) in cases {
        let t = parse_ok(input);
        assert_eq!(t, expected, "{input}");
        assert_eq!(input.parse::<Target>().unwrap(), expected, "{input}");
        for lang in [Lang::Fr, Lang::En] {
            let text = t.display(lang);
            assert_eq!(parse_ok(&text), expected, "{input} -> {text}");
        }
    }
}

/// Canonical displays, French and English.
#[test]
fn canonical_display() {
    let nnbsp = '\u{202f}';
    let cases: Vec<(Target, String, &str)> = vec![
        (cmp(Gt, 200.0), "> 200".into(), "> 200"),
        (per(cmp(Ge, 24.0), Year), "≥ 24 / an".into(), "≥ 24 / year"),
        (pct(Ge, 70.0), "≥ 70 %".into(), "≥ 70%"),
        (
            per(cmp(Le, 3.0), Quarter),
            "≤ 3 / trimestre".into(),
            "≤ 3 / quarter",
        ),
        (
            rel(20.0),
            "+20 % par rapport à la référence".into(),
            "+20% vs baseline",
        ),
        (
            rel(-10.0),
            "\u{2212}10 % par rapport à la référence".into(),
            "-10% vs baseline",
        ),
        (points(5.0), "+5 points".into(), "+5 points"),
        (
            range(10.0, 20.0, false),
            "entre 10 et 20".into(),
            "between 10 and 20",
        ),
        (done(None), "réalisé".into(), "done"),
        (
            done(Some((By, 2027))),
            "réalisé d'ici 2027".into(),
            "done by 2027",
        ),
        (
            done(Some((Before, 2026))),
            "réalisé avant 2026".into(),
            "done before 2026",
        ),
        (
            done(Some((In, 2025))),
            "réalisé en 2025".into(),
            "done in 2025",
        ),
        (cmp(Gt, 1000.0), format!("> 1{nnbsp}000"), "> 1000"),
        (cmp(Gt, 12.5), "> 12,5".into(), "> 12.5"),
        (
            cmp(Gt, 1_234_567.25),
            format!("> 1{nnbsp}234{nnbsp}567,25"),
            "> 1234567.25",
        ),
        (cmp(Eq, 0.0), "= 0".into(), "= 0"),
    ];
    for (t, fr, en) in cases {
        assert_eq!(t.to_string(), fr);
        assert_eq!(t.display(Lang::Fr), fr);
        assert_eq!(t.display(Lang::En), en);
        assert_eq!(parse_ok(&fr), t);
        assert_eq!(parse_ok(en), t);
    }
}

/// Malformed inputs: code and byte span.
#[test]
fn malformed_inputs() {
    let big = "> 1 000 000 000 000 000";
    let cases: Vec<(&str, TargetErrorCode, std::ops::Range<usize>)> = vec![
        ("", E::Empty, 0..0),
        ("   ", E::Empty, 0..3),
        ("()", E::Empty, 0..2),
        (">", E::ExpectedNumber, 1..1),
        ("> ", E::ExpectedNumber, 2..2),
        ("> abc", E::ExpectedNumber, 2..5),
        ("≥ abc", E::ExpectedNumber, 4..7),
        (">> 3", E::ExpectedNumber, 1..2),
        ("+", E::ExpectedNumber, 1..1),
        ("20-", E::ExpectedNumber, 3..3),
        ("au moins", E::ExpectedNumber, 8..8),
        ("entre 20 et 10", E::InvalidRange, 6..14),
        ("20-10", E::InvalidRange, 0..5),
        ("between 5% and 1%", E::InvalidRange, 8..17),
        ("+20", E::MissingPercent, 0..3),
        ("-10", E::MissingPercent, 0..3),
        ("hausse de 20", E::MissingPercent, 10..12),
        ("réalisé avant 20266", E::InvalidYear, 16..21),
        ("réalisé en 1899", E::InvalidYear, 13..17),
        ("réalisé d'ici 2027,5", E::InvalidYear, 16..22),
        ("réalisé avant", E::ExpectedYear, 15..15),
        ("12,,5", E::InvalidNumber, 0..5),
        ("> 1.000.000", E::InvalidNumber, 2..11),
        ("1,000.5", E::InvalidNumber, 0..7),
        ("> 12,", E::InvalidNumber, 2..5),
        (big, E::NumberOutOfRange, 2..big.len()),
        ("/an", E::UnexpectedToken, 0..1),
        ("% 20", E::UnexpectedToken, 0..1),
        ("environ 20", E::UnexpectedToken, 0..7),
        ("entre 10 20", E::UnexpectedToken, 9..11),
        ("réalisé 2027", E::UnexpectedToken, 10..14),
        ("> 200 avant 2027", E::UnexpectedToken, 6..11),
        ("≥ 3 à 5", E::UnexpectedToken, 6..8),
        ("20 réalisé", E::UnexpectedToken, 3..12),
        ("> 200 30", E::TrailingInput, 6..8),
        ("> 2000 300", E::TrailingInput, 7..10),
        ("≥ 5 -", E::TrailingInput, 6..7),
        ("> 10 / semaine", E::UnknownPeriod, 7..14),
        ("> 10 par jour", E::UnknownPeriod, 9..13),
        ("> 10 /", E::ExpectedPeriod, 6..6),
        ("+20 % / an", E::SuffixNotAllowed, 6..10),
        ("+20 % par an", E::SuffixNotAllowed, 6..12),
        ("réalisé / an", E::SuffixNotAllowed, 10..14),
        ("réduction de -10 %", E::UnexpectedSign, 14..15),
        ("(> 200", E::UnbalancedParenthesis, 0..1),
        ("> 200)", E::UnbalancedParenthesis, 5..6),
        ("> 200 #", E::InvalidCharacter, 6..7),
        ("> 200 €", E::InvalidCharacter, 6..9),
    ];
    assert!(cases.len() >= 15);
    for (input, code, span) in cases {
        let err = match parse(input) {
            Ok(t) => panic!("{input:?} should fail, got {t:?}"),
            Err(err) => err,
        };
        assert_eq!(err.code, code, "{input:?}:\n{}", err.render());
        assert_eq!(err.span, span, "{input:?}:\n{}", err.render());
        assert_eq!(err.input, input);
        assert!(!err.message.is_empty());
        assert!(err.hint.is_some(), "{input:?} has no hint");
        let rendered = err.render();
        assert!(rendered.starts_with(&format!("error[{}]: ", code.as_str())));
    }
}

#[test]
fn render_examples() {
    let err = parse("> abc").unwrap_err();
    assert_eq!(
        err.render(),
        "error[expected_number]: expected a number after `>`\n  | > abc\n  |   ^^^\n  = expected: a number\n  = hint: write a threshold such as `> 200`"
    );
    // Carets align by character: `≥` and `é` are one column each.
    let err = parse("≥ é").unwrap_err();
    let rendered = err.render();
    let lines: Vec<&str> = rendered.lines().collect();
    assert_eq!(lines[1], "  | ≥ é");
    assert_eq!(lines[2], "  |   ^");
    let err = parse("réalisé avant 20266").unwrap_err();
    let rendered = err.render();
    let lines: Vec<&str> = rendered.lines().collect();
    assert_eq!(lines[2], "  |               ^^^^^");
}

#[test]
fn error_display_and_json() {
    let err = parse("+20").unwrap_err();
    assert_eq!(
        err.to_string(),
        "a relative change needs `%` or `points` after `+20` (in target `+20`, bytes 0..3)"
    );
    let json = serde_json::to_value(&err).unwrap();
    assert_eq!(json["code"], "missing_percent");
    assert_eq!(json["span"]["start"], 0);
    assert_eq!(json["span"]["end"], 3);
    let boxed: Box<dyn std::error::Error> = Box::new(err);
    assert!(boxed.to_string().contains("relative change"));
}
