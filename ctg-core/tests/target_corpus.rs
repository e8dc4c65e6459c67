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
    parse, schedule, Comparator, Deadline, DeadlineRelation, ScheduleStep, Target, TargetErrorCode,
    TargetKind,
};
use ctg_core::Lang;

use Comparator::{Eq, Ge, Gt, Le, Lt};
use DeadlineRelation::{Before, By, In};
use TargetErrorCode as E;
use Window::{HalfYear, Month, Plan, Quarter, Week, Year};

/// `Compare { op, value, percent: false }` without unit or period.
fn cmp(op: Comparator, value: f64) -> Target {
    Target {
        kind: TargetKind::Compare {
            op,
            value,
            percent: false,
            deadline: None,
        },
        per: None,
        unit: None,
        subject: None,
    }
}

/// `Compare { op, value, percent: true }`.
fn pct(op: Comparator, value: f64) -> Target {
    Target {
        kind: TargetKind::Compare {
            op,
            value,
            percent: true,
            deadline: None,
        },
        per: None,
        unit: None,
        subject: None,
    }
}

fn range(low: f64, high: f64, percent: bool) -> Target {
    Target {
        kind: TargetKind::Range {
            low,
            high,
            percent,
            deadline: None,
        },
        per: None,
        unit: None,
        subject: None,
    }
}

fn rel(percent: f64) -> Target {
    Target {
        kind: TargetKind::Relative {
            percent,
            baseline_year: None,
            deadline: None,
        },
        per: None,
        unit: None,
        subject: None,
    }
}

fn points(points: f64) -> Target {
    Target {
        kind: TargetKind::Points {
            points,
            baseline_year: None,
            deadline: None,
        },
        per: None,
        unit: None,
        subject: None,
    }
}

fn done(deadline: Option<(DeadlineRelation, i32)>) -> Target {
    Target {
        kind: TargetKind::Milestone {
            deadline: deadline.map(|(relation, year)| Deadline { relation, year }),
        },
        per: None,
        unit: None,
        subject: None,
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

/// With a deadline.
fn due(mut t: Target, relation: DeadlineRelation, year: i32) -> Target {
    let d = Some(Deadline { relation, year });
    match &mut t.kind {
        TargetKind::Compare { deadline, .. }
        | TargetKind::Range { deadline, .. }
        | TargetKind::Relative { deadline, .. }
        | TargetKind::Points { deadline, .. }
        | TargetKind::Milestone { deadline } => *deadline = d,
        TargetKind::Schedule { .. } => panic!("a schedule has no deadline"),
    }
    t
}

/// With an explicit baseline year.
fn since(mut t: Target, year: i32) -> Target {
    match &mut t.kind {
        TargetKind::Relative { baseline_year, .. } | TargetKind::Points { baseline_year, .. } => {
            *baseline_year = Some(year)
        }
        _ => panic!("only changes have a baseline year"),
    }
    t
}

/// With a subject.
fn about(mut t: Target, subject: &str) -> Target {
    t.subject = Some(subject.to_string());
    t
}

/// A schedule.
fn sched(op: Option<Comparator>, steps: &[(i32, f64)], percent: bool) -> Target {
    Target::of(TargetKind::Schedule {
        op,
        steps: steps
            .iter()
            .map(|&(year, value)| ScheduleStep { year, value })
            .collect(),
        percent,
    })
}

fn parse_ok(input: &str) -> Target {
    match parse(input) {
        Ok(t) => t,
        Err(e) => panic!("{input:?} should parse:\n{}", e.render(ctg_core::Lang::En)),
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
        ("≥ 3 à 5", E::UnexpectedToken, 6..8),
        ("20 réalisé", E::UnexpectedToken, 3..12),
        ("> 200 30", E::TrailingInput, 6..8),
        ("> 2000 300", E::TrailingInput, 7..10),
        ("≥ 5 -", E::TrailingInput, 6..7),
        ("> 10 / décennie", E::UnknownPeriod, 7..16),
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
    check_malformed(&cases);
}

/// Each input fails with its code and byte span, a message, a hint and a caret rendering.
fn check_malformed(cases: &[(&str, TargetErrorCode, std::ops::Range<usize>)]) {
    for (input, code, span) in cases {
        let err = match parse(input) {
            Ok(t) => panic!("{input:?} should fail, got {t:?}"),
            Err(err) => err,
        };
        assert_eq!(
            err.code,
            *code,
            "{input:?}:\n{}",
            err.render(ctg_core::Lang::En)
        );
        assert_eq!(
            err.span,
            *span,
            "{input:?}:\n{}",
            err.render(ctg_core::Lang::En)
        );
        assert_eq!(err.input, *input);
        // Every error speaks both languages: a message and a hint in each, differing.
        for lang in [ctg_core::Lang::Fr, ctg_core::Lang::En] {
            assert!(!err.message(lang).is_empty());
            assert!(err.hint(lang).is_some(), "{input:?} has no hint");
        }
        assert_ne!(
            err.message(ctg_core::Lang::Fr),
            err.message(ctg_core::Lang::En),
            "{input:?}: no French message"
        );
        let rendered = err.render(ctg_core::Lang::En);
        assert!(rendered.starts_with(&format!("error[{}]: ", code.as_str())));
    }
}

#[test]
fn render_examples() {
    let err = parse("> abc").unwrap_err();
    assert_eq!(
        err.render(ctg_core::Lang::En),
        "error[expected_number]: expected a number after `>`\n  | > abc\n  |   ^^^\n  = expected: a number\n  = hint: write a threshold such as `> 200`"
    );
    // Carets align by character: `≥` and `é` are one column each.
    let err = parse("≥ é").unwrap_err();
    let rendered = err.render(ctg_core::Lang::En);
    let lines: Vec<&str> = rendered.lines().collect();
    assert_eq!(lines[1], "  | ≥ é");
    assert_eq!(lines[2], "  |   ^");
    let err = parse("réalisé avant 20266").unwrap_err();
    let rendered = err.render(ctg_core::Lang::En);
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

/// The wordings of other territories' plans (target language v2): number words,
/// comparator phrases, weekly and half-year periods, units with hyphens and rate bases,
/// subjects of changes, explicit baselines, deadlines and per-year schedules. Each reads
/// to the AST written next to it, and displays back (French and English) to text that
/// parses to the same AST.
#[test]
fn v2_forms() {
    let cases: Vec<(&str, Target)> = vec![
        // 1. Number words, French and English, case- and accent-insensitive.
        ("au moins deux réunions", unit(cmp(Ge, 2.0), "réunions")),
        ("une fois par an", per(unit(cmp(Ge, 1.0), "fois"), Year)),
        ("AU MOINS TROIS", cmp(Ge, 3.0)),
        ("Au moins Douze familles", unit(cmp(Ge, 12.0), "familles")),
        ("un COPIL par an", per(unit(cmp(Ge, 1.0), "COPIL"), Year)),
        ("plus de vingt et un jeunes", unit(cmp(Gt, 21.0), "jeunes")),
        ("vingt-deux places", unit(cmp(Ge, 22.0), "places")),
        (
            "au moins soixante-dix enfants",
            unit(cmp(Ge, 70.0), "enfants"),
        ),
        ("quatre-vingts places", unit(cmp(Ge, 80.0), "places")),
        ("quatre-vingt-dix-neuf", cmp(Ge, 99.0)),
        ("deux cents familles", unit(cmp(Ge, 200.0), "familles")),
        ("trois cent cinquante", cmp(Ge, 350.0)),
        ("mille visites", unit(cmp(Ge, 1000.0), "visites")),
        ("deux mille", cmp(Ge, 2000.0)),
        ("at least two meetings", unit(cmp(Ge, 2.0), "meetings")),
        ("twenty-one", cmp(Ge, 21.0)),
        ("one hundred", cmp(Ge, 100.0)),
        ("entre deux et cinq", range(2.0, 5.0, false)),
        (
            "réalisé d'ici deux mille vingt-sept",
            done(Some((By, 2027))),
        ),
        ("vingt pour cent", pct(Ge, 20.0)),
        // 2. Comparator phrases.
        ("au minimum 3", cmp(Ge, 3.0)),
        ("au maximum 3", cmp(Le, 3.0)),
        ("jusqu'à 30 places", unit(cmp(Le, 30.0), "places")),
        ("jusqu’à 30", cmp(Le, 30.0)),
        ("pas plus de 5", cmp(Le, 5.0)),
        ("pas moins de 5 ateliers", unit(cmp(Ge, 5.0), "ateliers")),
        ("au-delà de 100", cmp(Gt, 100.0)),
        ("au delà de 100", cmp(Gt, 100.0)),
        ("supérieur ou égal à 10", cmp(Ge, 10.0)),
        ("égal ou supérieur à 10", cmp(Ge, 10.0)),
        ("20 ou plus", cmp(Ge, 20.0)),
        ("20 et plus", cmp(Ge, 20.0)),
        ("20 places minimum", unit(cmp(Ge, 20.0), "places")),
        ("5 maximum", cmp(Le, 5.0)),
        ("70 % minimum", pct(Ge, 70.0)),
        ("70% au minimum", pct(Ge, 70.0)),
        ("4 par an minimum", per(cmp(Ge, 4.0), Year)),
        ("≥ 20 minimum", cmp(Ge, 20.0)),
        ("10 or more", cmp(Ge, 10.0)),
        ("5 or less", cmp(Le, 5.0)),
        ("=> 4", cmp(Ge, 4.0)),
        ("=< 4", cmp(Le, 4.0)),
        ("at least 4", cmp(Ge, 4.0)),
        ("no more than 5", cmp(Le, 5.0)),
        ("up to 10", cmp(Le, 10.0)),
        ("maintien à 30", cmp(Ge, 30.0)),
        (
            "maintenir 2 COPIL par an",
            per(unit(cmp(Ge, 2.0), "COPIL"), Year),
        ),
        (
            "maintien des 30 places d'accueil",
            unit(cmp(Ge, 30.0), "places d'accueil"),
        ),
        ("Maintien à hauteur de 70 %", pct(Ge, 70.0)),
        ("maintien", rel(0.0)),
        ("Stabilité", rel(0.0)),
        (
            "maintien du nombre de places",
            about(rel(0.0), "du nombre de places"),
        ),
        ("doubler", rel(100.0)),
        ("Tripler", rel(200.0)),
        ("diviser par deux", rel(-50.0)),
        ("diviser par 2", rel(-50.0)),
        ("réduire de moitié", rel(-50.0)),
        ("multiplier par 3", rel(200.0)),
        (
            "doubler le nombre de places",
            about(rel(100.0), "le nombre de places"),
        ),
        // 3. Periods: weeks, half-years, phrases.
        ("> 3 / semaine", per(cmp(Gt, 3.0), Week)),
        ("> 3 par semaine", per(cmp(Gt, 3.0), Week)),
        (
            "2 réunions hebdomadaires",
            per(unit(cmp(Ge, 2.0), "réunions"), Week),
        ),
        ("> 3 per week", per(cmp(Gt, 3.0), Week)),
        ("4 / semestre", per(cmp(Ge, 4.0), HalfYear)),
        ("4 par semestre", per(cmp(Ge, 4.0), HalfYear)),
        (
            "1 bilan semestriel",
            per(unit(cmp(Ge, 1.0), "bilan"), HalfYear),
        ),
        ("> 5 dans l'année", per(cmp(Gt, 5.0), Year)),
        ("> 5 tous les ans", per(cmp(Gt, 5.0), Year)),
        ("2 tous les mois", per(cmp(Ge, 2.0), Month)),
        (
            "4 réunions annuelles",
            per(unit(cmp(Ge, 4.0), "réunions"), Year),
        ),
        (
            "1 réunion mensuelle",
            per(unit(cmp(Ge, 1.0), "réunion"), Month),
        ),
        ("2 par trimestre", per(cmp(Ge, 2.0), Quarter)),
        ("2 quarterly", per(cmp(Ge, 2.0), Quarter)),
        (
            "200 familles sur la durée de la convention",
            per(unit(cmp(Ge, 200.0), "familles"), Plan),
        ),
        (
            "≥ 200 familles sur toute la durée du plan",
            per(unit(cmp(Ge, 200.0), "familles"), Plan),
        ),
        ("> 50 over the plan period", per(cmp(Gt, 50.0), Plan)),
        ("> 5 par année civile", per(cmp(Gt, 5.0), Year)),
        // 4. Units with hyphens, digits and a rate base; subjects of changes.
        (
            "3 rendez-vous par an",
            per(unit(cmp(Ge, 3.0), "rendez-vous"), Year),
        ),
        (
            "≤ 17,3 places pour 100 enfants",
            unit(cmp(Le, 17.3), "places pour 100 enfants"),
        ),
        (
            "≥ 2 médecins pour 1 000 habitants",
            unit(cmp(Ge, 2.0), "médecins pour 1 000 habitants"),
        ),
        (
            "≥ 40 places pour 100 enfants de moins de trois ans",
            unit(
                cmp(Ge, 40.0),
                "places pour 100 enfants de moins de trois ans",
            ),
        ),
        (
            "Réduction de 10% des vacances de postes",
            about(rel(-10.0), "des vacances de postes"),
        ),
        (
            "+20 % de places en crèche",
            about(rel(20.0), "de places en crèche"),
        ),
        (
            "hausse de 15 % d'enfants accueillis",
            about(rel(15.0), "d'enfants accueillis"),
        ),
        ("-5% of vacancies", about(rel(-5.0), "of vacancies")),
        (
            "+5 points du taux de couverture",
            about(points(5.0), "du taux de couverture"),
        ),
        // 5. Explicit baselines.
        ("+10 % par rapport à 2024", since(rel(10.0), 2024)),
        ("-10 % vs 2023", since(rel(-10.0), 2023)),
        ("−10 % vs. 2023", since(rel(-10.0), 2023)),
        ("+10 % par rapport à l'année de référence", rel(10.0)),
        ("+10 % par rapport à l'année 2024", since(rel(10.0), 2024)),
        ("+20 % depuis 2024", since(rel(20.0), 2024)),
        ("+5 points par rapport à 2023", since(points(5.0), 2023)),
        ("+10% compared to 2024", since(rel(10.0), 2024)),
        ("increase of 10% since 2023", since(rel(10.0), 2023)),
        // 6. Deadlines on levels, ranges, changes and milestones.
        (
            "au moins 8 jeunes en 2025",
            due(unit(cmp(Ge, 8.0), "jeunes"), In, 2025),
        ),
        (
            "≥ 4 par an d'ici 2027",
            due(per(cmp(Ge, 4.0), Year), By, 2027),
        ),
        ("≥ 4/an d’ici 2027", due(per(cmp(Ge, 4.0), Year), By, 2027)),
        ("> 200 avant 2027", due(cmp(Gt, 200.0), Before, 2027)),
        ("> 200 avant fin 2027", due(cmp(Gt, 200.0), By, 2027)),
        (
            "≥ 30 places d'ici à 2028",
            due(unit(cmp(Ge, 30.0), "places"), By, 2028),
        ),
        (
            "≥ 30 places à l'horizon 2028",
            due(unit(cmp(Ge, 30.0), "places"), By, 2028),
        ),
        ("≥ 30 au plus tard en 2028", due(cmp(Ge, 30.0), By, 2028)),
        (
            "10 places by the end of 2027",
            due(unit(cmp(Ge, 10.0), "places"), By, 2027),
        ),
        (
            "entre 10 et 20 d'ici 2027",
            due(range(10.0, 20.0, false), By, 2027),
        ),
        ("−10 % d'ici 2028", due(rel(-10.0), By, 2028)),
        (
            "+10 % par rapport à 2024 d'ici fin 2028",
            due(since(rel(10.0), 2024), By, 2028),
        ),
        (
            "augmentation de 15 % des inscrits par rapport à 2023 d'ici 2028",
            due(since(about(rel(15.0), "des inscrits"), 2023), By, 2028),
        ),
        ("+5 points d'ici 2027", due(points(5.0), By, 2027)),
        ("réalisé avant fin 2027", done(Some((By, 2027)))),
        ("réalisé d'ici fin 2026", done(Some((By, 2026)))),
        ("réalisé d'ici la fin de 2026", done(Some((By, 2026)))),
        ("réalisée au plus tard en 2026", done(Some((By, 2026)))),
        ("done by the end of 2027", done(Some((By, 2027)))),
        (
            "d'ici 2027, au moins 4 par an",
            due(per(cmp(Ge, 4.0), Year), By, 2027),
        ),
        (
            "D'ici 2028 : 30 places",
            due(unit(cmp(Ge, 30.0), "places"), By, 2028),
        ),
        // 7. Per-year schedules.
        (
            "55 % en 2025, 60 % en 2030",
            sched(None, &[(2025, 55.0), (2030, 60.0)], true),
        ),
        (
            "2025 : 20 ; 2026 : 25 ; 2027 : 30",
            sched(None, &[(2025, 20.0), (2026, 25.0), (2027, 30.0)], false),
        ),
        (
            "2025: 20; 2026: 25",
            sched(None, &[(2025, 20.0), (2026, 25.0)], false),
        ),
        (
            "20 en 2026 puis 30 en 2028",
            sched(None, &[(2026, 20.0), (2028, 30.0)], false),
        ),
        (
            "≥ 20 en 2026, ≥ 30 en 2028",
            sched(Some(Ge), &[(2026, 20.0), (2028, 30.0)], false),
        ),
        (
            "au moins 20 en 2026, 30 en 2028",
            sched(Some(Ge), &[(2026, 20.0), (2028, 30.0)], false),
        ),
        (
            "au plus 12 % en 2025, 8 % en 2029",
            sched(Some(Le), &[(2025, 12.0), (2029, 8.0)], true),
        ),
        (
            "en 2025 : 20 ; en 2026 : 25",
            sched(None, &[(2025, 20.0), (2026, 25.0)], false),
        ),
        ("20 places en 2026, 30 places en 2028", {
            let mut t = sched(None, &[(2026, 20.0), (2028, 30.0)], false);
            t.unit = Some("places".into());
            t
        }),
        ("2 ateliers par mois en 2025 puis 4 en 2027", {
            let mut t = sched(None, &[(2025, 2.0), (2027, 4.0)], false);
            t.unit = Some("ateliers".into());
            t.per = Some(Month);
            t
        }),
        (
            "20 in 2026, then 30 in 2028",
            sched(None, &[(2026, 20.0), (2028, 30.0)], false),
        ),
        ("2 actions en 2026, 3 en 2027, 4 en 2028", {
            let mut t = sched(None, &[(2026, 2.0), (2027, 3.0), (2028, 4.0)], false);
            t.unit = Some("actions".into());
            t
        }),
        // Words around the level that say nothing more.
        ("Atteindre 80 %", pct(Ge, 80.0)),
        (
            "atteindre au moins 30 places d'ici 2027",
            due(unit(cmp(Ge, 30.0), "places"), By, 2027),
        ),
        ("Objectif : 20 familles", unit(cmp(Ge, 20.0), "familles")),
        ("Cible : ≥ 4 / an", per(cmp(Ge, 4.0), Year)),
        ("Deux fois par an", per(unit(cmp(Ge, 2.0), "fois"), Year)),
        ("réalisé courant 2026", done(Some((In, 2026)))),
        // A single year is a level due that year.
        ("2027 : 30", due(cmp(Ge, 30.0), In, 2027)),
        // Odd spacing and typography.
        (
            "  au   moins   deux   réunions  ",
            unit(cmp(Ge, 2.0), "réunions"),
        ),
        (
            "(≥ 4/an d'ici 2027)",
            due(per(cmp(Ge, 4.0), Year), By, 2027),
        ),
        ("(+10% vs 2024)", since(rel(10.0), 2024)),
    ];
    assert!(cases.len() >= 120, "{} cases", cases.len());
    for (input, expected) in cases {
        let t = parse_ok(input);
        assert_eq!(t, expected, "{input}");
        for lang in [Lang::Fr, Lang::En] {
            let text = t.display(lang);
            assert_eq!(parse_ok(&text), expected, "{input} -> {text}");
        }
    }
}

/// Canonical displays of the new forms.
#[test]
fn v2_canonical_display() {
    let cases: Vec<(Target, &str, &str)> = vec![
        (per(cmp(Gt, 3.0), Week), "> 3 / semaine", "> 3 / week"),
        (
            per(cmp(Ge, 4.0), HalfYear),
            "≥ 4 / semestre",
            "≥ 4 / half-year",
        ),
        (
            per(unit(cmp(Ge, 200.0), "familles"), Plan),
            "≥ 200 familles sur la durée de la convention",
            "≥ 200 familles over the plan period",
        ),
        (
            due(unit(cmp(Ge, 8.0), "jeunes"), In, 2025),
            "≥ 8 jeunes en 2025",
            "≥ 8 jeunes in 2025",
        ),
        (
            due(per(cmp(Ge, 4.0), Year), By, 2027),
            "≥ 4 / an d'ici 2027",
            "≥ 4 / year by 2027",
        ),
        (
            due(
                since(about(rel(-10.0), "des vacances de postes"), 2024),
                By,
                2028,
            ),
            "\u{2212}10 % des vacances de postes par rapport à 2024 d'ici 2028",
            "-10% des vacances de postes vs 2024 by 2028",
        ),
        (
            since(points(5.0), 2023),
            "+5 points par rapport à 2023",
            "+5 points vs 2023",
        ),
        (
            sched(None, &[(2026, 20.0), (2028, 30.0)], false),
            "20 en 2026, 30 en 2028",
            "20 in 2026, 30 in 2028",
        ),
        (
            sched(Some(Ge), &[(2025, 55.0), (2030, 60.5)], true),
            "≥ 55 % en 2025, ≥ 60,5 % en 2030",
            "≥ 55% in 2025, ≥ 60.5% in 2030",
        ),
    ];
    for (t, fr, en) in cases {
        assert_eq!(t.display(Lang::Fr), fr);
        assert_eq!(t.display(Lang::En), en);
        assert_eq!(parse_ok(fr), t, "{fr}");
        assert_eq!(parse_ok(en), t, "{en}");
    }
}

/// Schedules written as tables in plan files (`cibles = { 2026 = "≥ 20", 2028 = "≥ 30" }`).
#[test]
fn schedule_tables() {
    assert_eq!(
        schedule(&[(2026, "≥ 20"), (2028, "≥ 30")]).unwrap(),
        sched(Some(Ge), &[(2026, 20.0), (2028, 30.0)], false)
    );
    // Keys may come in any order; bare numbers leave the comparator unwritten.
    assert_eq!(
        schedule(&[(2028, "30"), (2026, "20")]).unwrap(),
        sched(None, &[(2026, 20.0), (2028, 30.0)], false)
    );
    let mut with_unit = sched(None, &[(2026, 20.0), (2028, 30.0)], false);
    with_unit.unit = Some("places".into());
    with_unit.per = Some(Year);
    assert_eq!(
        schedule(&[(2026, "20 places / an"), (2028, "30")]).unwrap(),
        with_unit
    );
    assert_eq!(
        schedule(&[(2027, "≥ 4 / an")]).unwrap(),
        due(per(cmp(Ge, 4.0), Year), In, 2027)
    );
    for (entries, code) in [
        (vec![(2026, "≥ 20"), (2028, "≤ 30")], E::InvalidSchedule),
        (
            vec![(2026, "20 places"), (2028, "30 familles")],
            E::InvalidSchedule,
        ),
        (
            vec![(2026, "20 / an"), (2028, "30 / mois")],
            E::InvalidSchedule,
        ),
        (vec![(2026, "20 en 2026"), (2028, "30")], E::TrailingInput),
        (vec![], E::InvalidSchedule),
        (vec![(2026, "+20 %"), (2028, "30")], E::UnexpectedSign),
        (vec![(2026, "beaucoup")], E::ExpectedNumber),
        (vec![(1800, "20"), (2028, "30")], E::InvalidYear),
    ] {
        let err = schedule(&entries).unwrap_err();
        assert_eq!(
            err.code,
            code,
            "{entries:?}: {}",
            err.render(ctg_core::Lang::En)
        );
        assert!(err.hint(ctg_core::Lang::En).is_some(), "{entries:?}");
        assert!(err.hint(ctg_core::Lang::Fr).is_some(), "{entries:?}");
    }
}

/// Malformed v2 inputs: code and byte span, with a hint.
#[test]
fn v2_malformed_inputs() {
    let cases: Vec<(&str, TargetErrorCode, std::ops::Range<usize>)> = vec![
        // Ambiguous numbers stay errors.
        ("1,000", E::InvalidNumber, 0..5),
        ("> 2.500", E::InvalidNumber, 2..7),
        ("≥ 17,300 places", E::InvalidNumber, 4..10),
        // Qualitative wordings point to a qualitative indicator.
        ("selon les besoins", E::QualitativeWording, 0..17),
        ("amélioration de la qualité", E::QualitativeWording, 0..28),
        ("Renforcer l'accompagnement", E::QualitativeWording, 0..26),
        ("improve quality", E::QualitativeWording, 0..15),
        // Schedules.
        ("20 en 2028, 10 en 2026", E::InvalidSchedule, 12..22),
        ("≥ 20 en 2026, ≤ 30 en 2028", E::InvalidSchedule, 20..30),
        (
            "20 places en 2026, 30 familles en 2028",
            E::InvalidSchedule,
            19..38,
        ),
        ("20 en 2026, 30", E::InvalidSchedule, 12..14),
        ("2025 : 20 ; 2025 : 25", E::InvalidSchedule, 12..21),
        (
            "d'ici 2027, 20 en 2026, 30 en 2028",
            E::InvalidSchedule,
            6..10,
        ),
        // Deadlines and baselines.
        ("≥ 4 par an d'ici 20266", E::InvalidYear, 19..24),
        ("au moins 8 d'ici 2027 en 2028", E::TrailingInput, 22..29),
        ("d'ici 2027 : réalisé d'ici 2028", E::UnexpectedToken, 6..10),
        ("+10 % par rapport à demain", E::UnexpectedToken, 21..27),
        ("+10 % vs 20245", E::InvalidYear, 9..14),
        ("≥ 10 par rapport à 2024", E::SuffixNotAllowed, 7..26),
        // Comparators that contradict each other.
        ("≥ 20 maximum", E::UnexpectedToken, 7..14),
        ("20 minimum maximum", E::UnexpectedToken, 11..18),
        ("entre 10 et 20 minimum", E::UnexpectedToken, 15..22),
        // Increases are not levels; a change per period is not in the language.
        ("10 % de plus", E::UnexpectedToken, 5..12),
        ("20 places supplémentaires", E::UnexpectedToken, 10..26),
        ("20 places de plus par an", E::UnexpectedToken, 10..17),
        ("Augmentation de 5 % par an", E::SuffixNotAllowed, 20..26),
        (
            "une amélioration de la qualité d'accueil",
            E::QualitativeWording,
            0..42,
        ),
        // Periods and subjects.
        ("> 10 par jour", E::UnknownPeriod, 9..13),
        ("> 3 / décennie", E::UnknownPeriod, 6..15),
        ("+20 % des places / an", E::SuffixNotAllowed, 17..21),
        (
            "maintien du nombre de places à 30",
            E::UnexpectedToken,
            32..34,
        ),
        ("diviser par 0", E::InvalidNumber, 12..13),
        ("doubler par an", E::SuffixNotAllowed, 8..14),
    ];
    assert!(cases.len() >= 20);
    check_malformed(&cases);
}

/// A schedule table's problems span the table's text, which the error quotes.
#[test]
fn schedule_table_errors_quote_the_table() {
    let err = schedule(&[(2026, "≥ 20"), (2028, "≤ 30 places")]).unwrap_err();
    assert_eq!(err.code, E::InvalidSchedule);
    assert_eq!(err.input, "2026 = ≥ 20, 2028 = ≤ 30 places");
    assert_eq!(err.span, 0..err.input.len());
    let message = err.message(ctg_core::Lang::En);
    assert!(message.contains("mixes comparators"), "{message}");
    let message = err.message(ctg_core::Lang::Fr);
    assert!(message.contains("mélange des comparateurs"), "{message}");
    // A level that does not read is reported in its own text.
    let err = schedule(&[(2026, "≥ vingt-deux"), (2028, "> trente trois quatre")]).unwrap_err();
    assert_eq!(err.input, "> trente trois quatre");
    assert_eq!(err.code, E::TrailingInput);
}

/// Issue 16: `Réduction de 150%` was accepted. A decrease of more than 100 % is an
/// `impossible_target` error on the change's number and its `%`; −100 % (reaching 0) is
/// accepted.
#[test]
fn impossible_reduction_refused() {
    for (text, span) in [
        ("Réduction de 150%", 14..18),
        ("-150 %", 0..6),
        ("baisse de 100,5 % d'ici 2028", 10..17),
    ] {
        let err = parse(text).unwrap_err();
        assert_eq!(err.code, E::ImpossibleTarget, "{text}");
        assert_eq!(err.span, span, "{text}");
        assert!(err.hint(Lang::Fr).unwrap().contains("−100 %"), "{text}");
        assert_eq!(err.code.as_str(), "impossible_target");
    }
    assert!(parse("réduction de 100 %").is_ok());
    assert!(parse("-10 %").is_ok());
    assert!(parse("diviser par 4").is_ok());
}
