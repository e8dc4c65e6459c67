//! The fictional plan fixtures of the importer (`tests/import/*.txt`) against their
//! hand-checked structure (`tests/import/*.expected.toml`).
//!
//! Two parts:
//! - `expected_files_are_consistent` runs today: each expected file loads, every target it
//!   names is in ctg's target language, and every label, written target, fiche title and
//!   axis title it names is written in the fixture, so that the expected structure is a
//!   reading of the text and not an invention;
//! - the module `with_importer` compares `ctg_core::import::import_text` of each fixture
//!   with its expected structure, and
//!   checks that the `.docx` fixture imports to the same plan as its text export.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;

use serde::Deserialize;

/// Every fixture with its hand-checked structure.
const FIXTURES: &[&str] = &[
    "ctg-val-de-brume-plan-action-2024-2027",
    "ctg-plateau-des-sources-plan-action-2026-2030",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Expected {
    territory: String,
    period: Period,
    fictional: bool,
    /// How the document names its axes (`AXE`, `ORIENTATION`, `ENJEU`).
    level: String,
    axes: Vec<ExpectedAxis>,
    fiches: Vec<ExpectedFiche>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Period {
    start: i32,
    end: i32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedAxis {
    number: u32,
    title: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct ExpectedFiche {
    /// The fiche's code as written (`1.2` for `N° 1.2` or `FA 1.2`).
    code: String,
    title: String,
    axis: u32,
    #[serde(default)]
    themes: Vec<String>,
    #[serde(default)]
    target_publics: Vec<String>,
    /// The headings of the fiche's table, in the document's order.
    headings: Vec<String>,
    leads: Vec<String>,
    /// The titles of the sub-actions, when the description has titled ones.
    sub_actions: Vec<String>,
    indicators: Vec<ExpectedIndicator>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct ExpectedIndicator {
    id: String,
    label: String,
    /// The target as the line writes it.
    written: Option<String>,
    /// A target of ctg's language meaning what the line (or the fiche) says.
    target: Option<String>,
    /// Where the target comes from when the line has none (`expected_results`, or
    /// `schedule` for a milestone due by the end of its fiche's schedule).
    target_from: Option<String>,
    measure: String,
}

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/import")
}

fn load(name: &str) -> (String, Expected) {
    let text = std::fs::read_to_string(dir().join(format!("{name}.txt"))).unwrap();
    let toml_text = std::fs::read_to_string(dir().join(format!("{name}.expected.toml"))).unwrap();
    let expected: Expected =
        toml::from_str(&toml_text).unwrap_or_else(|e| panic!("{name}.expected.toml: {e}"));
    (text, expected)
}

#[test]
fn every_fixture_is_listed_and_fictional() {
    let mut found: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".expected.toml").map(str::to_string))
        .collect();
    found.sort();
    let mut listed: Vec<String> = FIXTURES.iter().map(|s| s.to_string()).collect();
    listed.sort();
    assert_eq!(found, listed);
    for name in FIXTURES {
        let (text, expected) = load(name);
        assert!(expected.fictional, "{name}");
        assert!(
            text.contains("Document fictif"),
            "{name} must say it is fictional"
        );
    }
}

#[test]
fn expected_files_are_consistent() {
    for name in FIXTURES {
        let (text, expected) = load(name);
        // A whitespace-normalised copy: a label may be written across a line break.
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&expected.territory), "{name}: territory");
        for axis in &expected.axes {
            assert!(flat.contains(&axis.title), "{name}: axis {}", axis.number);
        }
        let mut ids = std::collections::BTreeSet::new();
        for fiche in &expected.fiches {
            let place = format!("{name}: fiche {}", fiche.code);
            assert!(flat.contains(&fiche.title), "{place}: title");
            assert!(
                expected.axes.iter().any(|a| a.number == fiche.axis),
                "{place}: axis {}",
                fiche.axis
            );
            assert!(
                fiche.code.starts_with(&format!("{}.", fiche.axis)),
                "{place}: the code names its axis"
            );
            for heading in &fiche.headings {
                assert!(
                    text.contains(&format!("\n{heading}\t")),
                    "{place}: {heading}"
                );
            }
            for s in fiche
                .leads
                .iter()
                .chain(&fiche.sub_actions)
                .chain(&fiche.themes)
                .chain(&fiche.target_publics)
            {
                assert!(flat.contains(s.as_str()), "{place}: {s}");
            }
            for (n, ind) in fiche.indicators.iter().enumerate() {
                let place = format!("{place}, indicator {}", ind.id);
                assert_eq!(ind.id, format!("f{}.{}", fiche.code, n + 1), "{place}: id");
                assert!(ids.insert(ind.id.clone()), "{place}: duplicate id");
                assert!(flat.contains(&ind.label), "{place}: label");
                if let Some(w) = &ind.written {
                    assert!(flat.contains(w.as_str()), "{place}: written target");
                    assert!(ind.target.is_some(), "{place}: a written target is read");
                }
                if let Some(t) = &ind.target {
                    ctg_core::target::parse(t)
                        .unwrap_or_else(|e| panic!("{place}: target `{t}`: {e:?}"));
                    assert!(
                        ind.written.is_some() || ind.target_from.is_some(),
                        "{place}: a target is written or taken from somewhere"
                    );
                }
                let measure: ctg_core::model::Measure =
                    serde_json::from_value(serde_json::Value::String(ind.measure.clone()))
                        .unwrap_or_else(|e| panic!("{place}: measure: {e}"));
                let _ = measure;
            }
        }
    }
}

mod with_importer {
    use super::*;
    use ctg_core::Lang;

    #[test]
    fn fixtures_import_to_their_expected_structure() {
        let mut differences = Vec::new();
        for name in FIXTURES {
            let (text, expected) = load(name);
            let imported = ctg_core::import::import_text(&text);
            let plan = &imported.plan;
            let mut diff = |what: String| differences.push(format!("{name}: {what}"));
            if plan.territory != expected.territory {
                diff(format!("territory {:?}", plan.territory));
            }
            if (plan.period.start, plan.period.end) != (expected.period.start, expected.period.end)
            {
                diff(format!("period {:?}", plan.period));
            }
            let axes: Vec<(u32, &str)> = plan
                .axes
                .iter()
                .map(|a| (a.number, a.title.as_str()))
                .collect();
            let want: Vec<(u32, &str)> = expected
                .axes
                .iter()
                .map(|a| (a.number, a.title.as_str()))
                .collect();
            if axes != want {
                diff(format!("axes {axes:?}, expected {want:?}"));
            }
            if plan.fiches.len() != expected.fiches.len() {
                diff(format!(
                    "{} fiches, expected {}",
                    plan.fiches.len(),
                    expected.fiches.len()
                ));
            }
            for (fiche, want) in plan.fiches.iter().zip(&expected.fiches) {
                let place = format!("fiche {}", want.code);
                if fiche.title != want.title || fiche.axis != want.axis {
                    diff(format!("{place}: {:?} in axis {}", fiche.title, fiche.axis));
                }
                if fiche.leads != want.leads {
                    diff(format!("{place}: leads {:?}", fiche.leads));
                }
                if !want.themes.is_empty() && fiche.themes != want.themes {
                    diff(format!("{place}: themes {:?}", fiche.themes));
                }
                if !want.target_publics.is_empty() && fiche.target_publics != want.target_publics {
                    diff(format!("{place}: publics {:?}", fiche.target_publics));
                }
                let titles: Vec<&str> =
                    fiche.sub_actions.iter().map(|s| s.title.as_str()).collect();
                if !want.sub_actions.is_empty() && titles != want.sub_actions {
                    diff(format!("{place}: sub-actions {titles:?}"));
                }
                if fiche.indicators.len() != want.indicators.len() {
                    diff(format!(
                        "{place}: {} indicators, expected {}",
                        fiche.indicators.len(),
                        want.indicators.len()
                    ));
                }
                for (ind, w) in fiche.indicators.iter().zip(&want.indicators) {
                    let place = format!("{place}, indicator {}", w.id);
                    if ind.id != w.id {
                        diff(format!("{place}: id {:?}", ind.id));
                    }
                    if ind.label != w.label {
                        diff(format!("{place}: label {:?}", ind.label));
                    }
                    let want_target = w
                        .target
                        .as_deref()
                        .map(|t| ctg_core::target::parse(t).unwrap());
                    if ind.target != want_target {
                        diff(format!(
                            "{place}: target {:?}",
                            ind.target.as_ref().map(|t| t.display(Lang::Fr))
                        ));
                    }
                    let measure = serde_json::to_value(ind.measure).unwrap();
                    if measure != serde_json::Value::String(w.measure.clone()) {
                        diff(format!("{place}: measure {measure}"));
                    }
                }
            }
        }
        assert!(differences.is_empty(), "{}", differences.join("\n"));
    }

    /// The round trip `import → to_toml → load` is the identity on every fixture, with
    /// the plain TOML and with the reviewable one (its comments in French or English).
    #[test]
    fn every_fixture_round_trips_through_toml() {
        for name in FIXTURES {
            let (text, _) = load(name);
            let imported = ctg_core::import::import_text(&text);
            let plain = imported.plan.to_toml().unwrap();
            assert_eq!(
                ctg_core::model::Plan::from_toml(&plain).unwrap(),
                imported.plan,
                "{name}"
            );
            for lang in [Lang::Fr, Lang::En] {
                let reviewable = ctg_core::import::to_reviewable_toml(&imported, lang).unwrap();
                assert!(
                    reviewable.contains("# ⚠"),
                    "{name}: no interpretation comment"
                );
                assert_eq!(
                    ctg_core::model::Plan::from_toml(&reviewable).unwrap(),
                    imported.plan,
                    "{name} ({lang})"
                );
            }
        }
    }

    #[test]
    fn the_docx_fixture_imports_like_its_text() {
        let name = "ctg-val-de-brume-plan-action-2024-2027";
        let text = std::fs::read_to_string(dir().join(format!("{name}.txt"))).unwrap();
        let bytes = std::fs::read(dir().join(format!("{name}.docx"))).unwrap();
        let from_text = ctg_core::import::import_text(&text);
        let from_docx = ctg_core::import::import_docx(&bytes).unwrap();
        assert_eq!(from_docx.plan, from_text.plan);
    }
}
