//! Fidelity: importing the Sundgau seed text gives the hand transcription
//! `examples/sundgau/plan.toml`, field by field; every remaining difference is listed
//! here with its justification (and is a finding of the import).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ctg_core::import::{import_text, to_reviewable_toml, Imported};
use ctg_core::model::Plan;
use ctg_core::Lang;

const SEED: &str = include_str!("data/ctg-sundgau-plan-action-2025-2029.txt");
const PLAN: &str = include_str!("../../examples/sundgau/plan.toml");

fn imported() -> Imported {
    import_text(SEED)
}

/// Every difference, as `path: imported ≠ transcribed`.
fn differences(a: &Plan, b: &Plan) -> Vec<String> {
    let mut d = Vec::new();
    macro_rules! cmp {
        ($path:expr, $x:expr, $y:expr) => {
            if $x != $y {
                d.push(format!("{}: {:?} ≠ {:?}", $path, $x, $y));
            }
        };
    }
    cmp!("id", a.id, b.id);
    cmp!("title", a.title, b.title);
    cmp!("territory", a.territory, b.territory);
    cmp!("period", a.period, b.period);
    cmp!("source", a.source, b.source);
    cmp!("intro.len", a.intro.len(), b.intro.len());
    for (i, (x, y)) in a.intro.iter().zip(&b.intro).enumerate() {
        cmp!(format!("intro[{i}]"), x, y);
    }
    cmp!("axes", a.axes, b.axes);
    cmp!("fiches.len", a.fiches.len(), b.fiches.len());
    for (x, y) in a.fiches.iter().zip(&b.fiches) {
        let f = format!("fiche {}", y.number);
        cmp!(format!("{f}.number"), x.number, y.number);
        cmp!(format!("{f}.title"), x.title, y.title);
        cmp!(format!("{f}.axis"), x.axis, y.axis);
        cmp!(format!("{f}.themes"), x.themes, y.themes);
        cmp!(
            format!("{f}.target_publics"),
            x.target_publics,
            y.target_publics
        );
        cmp!(format!("{f}.findings"), x.findings, y.findings);
        cmp!(format!("{f}.stakes"), x.stakes, y.stakes);
        cmp!(format!("{f}.objective"), x.objective, y.objective);
        cmp!(format!("{f}.leads"), x.leads, y.leads);
        cmp!(format!("{f}.schedule"), x.schedule, y.schedule);
        cmp!(
            format!("{f}.expected_results"),
            x.expected_results,
            y.expected_results
        );
        cmp!(format!("{f}.partners"), x.partners, y.partners);
        cmp!(
            format!("{f}.sub_actions.len"),
            x.sub_actions.len(),
            y.sub_actions.len()
        );
        for (k, (s, t)) in x.sub_actions.iter().zip(&y.sub_actions).enumerate() {
            cmp!(format!("{f}.sub_actions[{k}].number"), s.number, t.number);
            cmp!(format!("{f}.sub_actions[{k}].title"), s.title, t.title);
            cmp!(format!("{f}.sub_actions[{k}].items"), s.items, t.items);
        }
        cmp!(
            format!("{f}.indicators.len"),
            x.indicators.len(),
            y.indicators.len()
        );
        for (i, j) in x.indicators.iter().zip(&y.indicators) {
            let p = j.id.clone();
            cmp!(format!("{p}.id"), i.id, j.id);
            cmp!(format!("{p}.label"), i.label, j.label);
            cmp!(format!("{p}.wording"), i.wording, j.wording);
            cmp!(format!("{p}.measure"), i.measure, j.measure);
            cmp!(format!("{p}.aggregation"), i.aggregation, j.aggregation);
            cmp!(format!("{p}.window"), i.window, j.window);
            cmp!(format!("{p}.direction"), i.direction, j.direction);
            cmp!(format!("{p}.unit"), i.unit, j.unit);
            cmp!(format!("{p}.target"), i.target, j.target);
            cmp!(
                format!("{p}.target_source"),
                i.target_source,
                j.target_source
            );
            cmp!(format!("{p}.baseline"), i.baseline, j.baseline);
            cmp!(format!("{p}.weight"), i.weight, j.weight);
            cmp!(format!("{p}.source"), i.source, j.source);
            if i.notes.is_empty() != j.notes.is_empty() {
                d.push(format!("{p}.notes: empty ≠ non-empty"));
            }
        }
    }
    d
}

/// The differences that remain, each with its justification: what the seed text does
/// not write cannot be read from it. Each is also a finding of the import (its code).
const JUSTIFIED: &[(&str, &str, &str)] = &[
    ("id: ", "id_made", "the text has no plan id: made from the cover's title and the period"),
    ("title: ", "title_composed", "the text's cover says only « PLAN D'ACTION » and « 2025/ 2029 »; the territory's name is not on it"),
    ("territory: ", "territory_missing", "the text never names the territory (the transcriber knew it)"),
    ("source: ", "", "provenance note: the importer's own sentence, not the transcriber's"),
    ("f7.1.unit: ", "measure_inferred", "« Fréquentation du SIJ »: the transcriber read visits; the wording names no unit"),
    ("f11.1.unit: ", "label_is_target", "« vacances de postes »: the transcriber wrote « postes vacants »; the wording names no counted noun after « nombre de »"),
];

#[test]
fn the_seed_imports_to_the_transcription() {
    let imp = imported();
    let b = Plan::from_toml(PLAN).unwrap();
    let diffs = differences(&imp.plan, &b);
    for d in &diffs {
        println!("{d}");
    }
    let unexplained: Vec<&String> = diffs
        .iter()
        .filter(|d| !JUSTIFIED.iter().any(|(p, _, _)| d.starts_with(p)))
        .collect();
    assert!(
        unexplained.is_empty(),
        "unexplained differences: {unexplained:#?}"
    );
    // Every justification is still needed (a fixed one must leave the list).
    for (p, code, why) in JUSTIFIED {
        assert!(
            diffs.iter().any(|d| d.starts_with(p)),
            "no longer differs: {p} ({why})"
        );
        if !code.is_empty() {
            assert!(
                imp.findings.iter().any(|f| f.code() == *code),
                "no finding {code} for {p}"
            );
        }
    }
    println!(
        "{} justified differences, {} unexplained",
        diffs.len(),
        unexplained.len()
    );
}

#[test]
fn the_same_25_indicators_labels_targets_measures_windows() {
    let a = imported().plan;
    let b = Plan::from_toml(PLAN).unwrap();
    let ids = |p: &Plan| {
        p.indicators()
            .map(|(_, i)| i.id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&a).len(), 25);
    assert_eq!(ids(&a), ids(&b));
    for ((_, i), (_, j)) in a.indicators().zip(b.indicators()) {
        assert_eq!(i.label, j.label, "{}", j.id);
        assert_eq!(i.target, j.target, "{}", j.id);
        assert_eq!(i.measure, j.measure, "{}", j.id);
        assert_eq!(i.window(), j.window(), "{}", j.id);
    }
}

#[test]
fn every_interpretation_is_a_finding_and_a_note() {
    let imp = imported();
    for (_, ind) in imp.plan.indicators() {
        let interpretations: Vec<_> = imp
            .findings_for(&ind.id)
            .filter(|f| f.severity() == ctg_core::problem::Severity::Interpretation)
            .collect();
        assert!(!interpretations.is_empty(), "{}", ind.id);
        assert_eq!(interpretations.len(), ind.notes.len(), "{}", ind.id);
        for (f, n) in interpretations.iter().zip(&ind.notes) {
            assert_eq!(&f.note(), n);
        }
    }
    // The readings the transcriber made, flagged the same way.
    let codes = |id: &str| imp.findings_for(id).map(|f| f.code()).collect::<Vec<_>>();
    assert!(codes("f3.1").contains(&"target_from_expected_result"));
    assert!(codes("f3.1").contains(&"baseline_assumed"));
    assert!(codes("f1.4").contains(&"target_from_schedule"));
    assert!(codes("f11.1").contains(&"direction_from_target"));
    assert!(codes("f12.2").contains(&"bare_number_minimum"));
    assert!(codes("f2.1").contains(&"strict_each_window"));
    // Fiche 2 has no PARTENAIRES: said, not invented.
    assert!(imp
        .findings
        .iter()
        .any(|f| f.code() == "missing_heading" && f.place.fiche == Some(2)));
    // Fiche 7's unnumbered sub-action titles were glued to the items before them.
    assert_eq!(
        imp.findings
            .iter()
            .filter(|f| f.code() == "sub_action_title_joined" && f.place.fiche == Some(7))
            .count(),
        3
    );
    // The imported plan passes the plan checks; nothing was left unplaced.
    assert!(!imp
        .findings
        .iter()
        .any(|f| matches!(f.code(), "plan_check" | "unplaced_text" | "unknown_heading")));
}

#[test]
fn findings_render_in_both_languages() {
    let imp = imported();
    let fr = imp.problems(Lang::Fr);
    let en = imp.problems(Lang::En);
    assert_eq!(fr.len(), en.len());
    let p = fr
        .iter()
        .find(|p| p.code == "target_from_expected_result")
        .unwrap();
    assert_eq!(p.kind, ctg_core::problem::ProblemKind::Import);
    assert!(
        p.render()
            .starts_with("[target_from_expected_result] fiche 3, indicateur f3.1, ligne "),
        "{}",
        p.render()
    );
    let e = en
        .iter()
        .find(|p| p.code == "target_from_expected_result")
        .unwrap();
    assert!(
        e.message.starts_with("target « +20% » taken from"),
        "{}",
        e.message
    );
}

#[test]
fn round_trip_through_toml() {
    let imp = imported();
    let back = Plan::from_toml(&imp.plan.to_toml().unwrap()).unwrap();
    assert_eq!(back, imp.plan);
}

#[test]
fn the_reviewable_toml_carries_every_interpretation_and_loads_back() {
    let imp = imported();
    for lang in [Lang::Fr, Lang::En] {
        let toml = to_reviewable_toml(&imp, lang).unwrap();
        assert_eq!(Plan::from_toml(&toml).unwrap(), imp.plan);
        for f in &imp.findings {
            let text = f.render(lang).replace('\n', " ");
            assert!(toml.contains(&text), "missing comment: {text}");
        }
    }
    let toml = to_reviewable_toml(&imp, Lang::Fr).unwrap();
    // Beside its field: the comments right above f3.1's `target = …` say where it comes from.
    let f31: Vec<&str> = toml
        .split("id = \"f3.1\"")
        .nth(1)
        .unwrap()
        .lines()
        .take_while(|l| !l.starts_with("[["))
        .collect();
    let t = f31.iter().position(|l| l.starts_with("target = ")).unwrap();
    assert!(
        f31[t - 2].starts_with("# ⚠ interprétation : cible « +20% » reprise du résultat attendu"),
        "{:?}",
        &f31[..t]
    );
    assert!(
        f31[t - 1].starts_with("# ⚠ interprétation : cible relative mesurée par rapport à 2024")
    );
    let m = f31
        .iter()
        .position(|l| l.starts_with("measure = "))
        .unwrap();
    assert!(f31[m - 1].starts_with("# ⚠ interprétation : mesure « nombre »"));
    assert!(toml.contains("# CONSTAT\nfindings = "));
}
