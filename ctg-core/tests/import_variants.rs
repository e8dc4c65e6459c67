//! Template variants: synonyms, explicit levels, dotted fiche codes, headings in another
//! order, missing headings, odd spacing, a heading the model has no field for. A fictional
//! plan.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ctg_core::import::import_text;
use ctg_core::model::{Measure, Plan, Window};
use ctg_core::target::parse;

const VARIANT: &str = "CONVENTION TERRITORIALE GLOBALE\n\n2026 / 2030\n\n\
INTRODUCTION\n\nUn plan fictif pour les tests.\n\n\
AXE 1 : Accueillir les familles\n\n\
FA 1.1 : Petite enfance\n\n\
Thématique : Petite enfance\n\nPublics cibles : Familles, Assistantes maternelles\n\n\
OBJECTIFS  OPÉRATIONNELS\tOuvrir une crèche\n\
PILOTE\tCommune A / Commune B\n\
CALENDRIER\t2026-2028 (Échéancier annuel)\n\
INDICATEURS QUANTITATIFS\t<ul><li>Nombre de familles différentes accueillies (au moins 40)</li><li>Ouverture de la crèche</li></ul>\n\
CONSTAT\tPeu de places.\n\
POINTS DE VIGILANCE\tLe recrutement.\n\n\
ORIENTATION 2 – Jeunesse\n\n\
FICHE ACTION N° 2.1 – Jeunes\n\n\
ÉCHÉANCIER\t2027\n\
INDICATEUR DE SUIVI\tComité réuni au moins une fois par an ▶ Taux de jeunes inscrits : 30 % minimum\n";

#[test]
fn a_variant_template_imports() {
    let imp = import_text(VARIANT);
    let plan = &imp.plan;
    assert_eq!((plan.period.start, plan.period.end), (2026, 2030));
    assert_eq!(
        plan.axes
            .iter()
            .map(|a| (a.number, a.title.as_str()))
            .collect::<Vec<_>>(),
        [(1, "Accueillir les familles"), (2, "Jeunesse")]
    );
    assert_eq!(plan.fiches.len(), 2);
    let f = &plan.fiches[0];
    assert_eq!(
        (f.number, f.title.as_str(), f.axis),
        (1, "Petite enfance", 1)
    );
    assert_eq!(f.themes, ["Petite enfance"]);
    assert_eq!(f.target_publics, ["Familles", "Assistantes maternelles"]);
    assert_eq!(f.objective, "Ouvrir une crèche");
    assert_eq!(f.findings, "Peu de places.");
    assert_eq!(f.leads, ["Commune A", "Commune B"]);
    assert_eq!((f.schedule.start, f.schedule.end), (2026, 2028));
    let ids: Vec<_> = f.indicators.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["f1.1.1", "f1.1.2"]);
    let i = &f.indicators[0];
    assert_eq!(
        (i.label.as_str(), i.measure),
        (
            "Nombre de familles différentes accueillies",
            Measure::DistinctCount
        )
    );
    assert_eq!(i.target, Some(parse("au moins 40").unwrap()));
    assert_eq!(i.window, Some(Window::Year));
    let i = &f.indicators[1];
    assert_eq!(
        (i.measure, i.window),
        (Measure::Milestone, Some(Window::Plan))
    );
    assert_eq!(i.target, Some(parse("réalisé d'ici 2028").unwrap()));
    let g = &plan.fiches[1];
    assert_eq!((g.number, g.title.as_str(), g.axis), (2, "Jeunes", 2));
    assert_eq!(
        g.indicators[0].target,
        Some(parse("au moins une fois par an").unwrap())
    );
    assert_eq!(g.indicators[1].label, "Taux de jeunes inscrits");
    assert_eq!(g.indicators[1].measure, Measure::Ratio);
    let codes: Vec<_> = imp.findings.iter().map(|f| f.code()).collect();
    for c in [
        "fiche_code",
        "heading_not_in_model",
        "missing_heading",
        "target_in_sentence",
    ] {
        assert!(codes.contains(&c), "{c}: {codes:?}");
    }
    // The vigilance points are kept in a finding, not dropped.
    assert!(imp
        .findings
        .iter()
        .any(|f| f.code() == "heading_not_in_model"
            && f.render(ctg_core::Lang::Fr).contains("Le recrutement.")));
    assert!(
        !codes.contains(&"plan_check"),
        "{:?}",
        imp.problems(ctg_core::Lang::Fr)
    );
    let back =
        Plan::from_toml(&ctg_core::import::to_reviewable_toml(&imp, ctg_core::Lang::Fr).unwrap())
            .unwrap();
    assert_eq!(&back, plan);
}

#[test]
fn text_between_fiches_is_kept_as_a_finding() {
    let imp = import_text("FICHE D'ACTION N°1\n\nA\n\nCONSTAT\tx\n\nUne phrase égarée entre deux fiches.\n\nUn bandeau\n\nFICHE D'ACTION N°2\n\nB\n\nCONSTAT\ty\n");
    assert!(imp
        .findings
        .iter()
        .any(|f| f.code() == "unplaced_text" && f.render(ctg_core::Lang::En).contains("égarée")));
    assert_eq!(imp.plan.fiches[1].axis, 2);
}
