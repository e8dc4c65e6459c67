//! Plan loading: the bundled Sundgau plan, TOML/JSON round trips, and broken plans that
//! must list every problem with its place.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ctg_core::model::{Measure, Plan, PlanError, PlanLocation, Window};
use ctg_core::Lang;

fn load(name: &str) -> Result<Plan, PlanError> {
    let path = format!("{}/tests/plans/{name}", env!("CARGO_MANIFEST_DIR"));
    Plan::from_path(path)
}

/// (code, fiche, indicator, field, line) of an issue.
type Place = (
    &'static str,
    Option<u32>,
    Option<String>,
    Option<String>,
    Option<usize>,
);

fn summary(err: &PlanError) -> Vec<Place> {
    err.issues
        .iter()
        .map(|i| {
            (
                i.code().as_str(),
                i.location.fiche,
                i.location.indicator.clone(),
                i.location.field.clone(),
                i.location.line,
            )
        })
        .collect()
}

fn s(x: &str) -> Option<String> {
    Some(x.to_string())
}

#[test]
fn sundgau_counts_and_ids() {
    let plan = ctg_core::plans::sundgau().expect("bundled plan loads");
    assert_eq!(plan.axes.len(), 3);
    assert_eq!(plan.fiches.len(), 12);
    let ids: Vec<&str> = plan.indicators().map(|(_, i)| i.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "f1.1", "f1.2", "f1.3", "f1.4", "f1.5", "f2.1", "f3.1", "f3.2", "f3.3", "f4.1", "f5.1",
            "f5.2", "f5.3", "f6.1", "f6.2", "f6.3", "f7.1", "f7.2", "f8.1", "f9.1", "f10.1",
            "f11.1", "f12.1", "f12.2", "f12.3"
        ]
    );
    // Fiches 1-4 in axis 1, 5-8 in axis 2, 9-12 in axis 3.
    for f in &plan.fiches {
        assert_eq!(f.axis, (f.number - 1) / 4 + 1, "fiche {}", f.number);
    }
    // Every id names its fiche.
    for (f, i) in plan.indicators() {
        assert_eq!(i.fiche_number_from_id(), Some(f.number), "{}", i.id);
    }
    assert!(plan.issues().is_empty(), "{:?}", plan.issues());
}

#[test]
fn sundgau_readings() {
    let plan = ctg_core::plans::sundgau().unwrap();
    let ind = |id: &str| plan.indicator(id).unwrap().1;
    let target = |id: &str| ind(id).target.as_ref().map(|t| t.to_string());
    assert_eq!(ind("f4.1").measure, Measure::DistinctCount);
    assert_eq!(ind("f7.1").window(), Window::Month);
    assert_eq!(ind("f8.1").window(), Window::Year);
    assert_eq!(ind("f6.2").window(), Window::Plan);
    assert_eq!(ind("f1.4").measure, Measure::Milestone);
    assert_eq!(ind("f6.3").measure, Measure::Qualitative);
    assert_eq!(
        ind("f11.1").direction(),
        ctg_core::model::Direction::Decreasing
    );
    assert!(ind("f1.1").target.is_none());
    assert!(ind("f3.1")
        .target_source
        .as_deref()
        .unwrap()
        .contains("+20%"));
    assert_eq!(target("f2.1").as_deref(), Some("> 200"));
    // Fiche 7's schedule holds the SIJ opening; fiche 8 is yearly.
    let f7 = plan.fiche(7).unwrap();
    assert_eq!(f7.schedule.milestones.len(), 1);
    assert_eq!(f7.schedule.milestones[0].label, "Ouverture du SIJ");
    assert_eq!(f7.schedule.milestones[0].year, 2025);
    assert!(f7.sub_actions.iter().all(|a| a.number.is_none()));
    assert_eq!(
        plan.fiche(8).unwrap().schedule.cadence,
        Some(ctg_core::model::Cadence::Annual)
    );
    assert_eq!(plan.fiche(5).unwrap().leads, ["CCS", "COMMUNES"]);
    let f3 = plan.fiche(3).unwrap();
    assert_eq!(f3.partners[0].to_string(), "Institutions : CAF, CeA, MSA");
    assert!(plan.fiche(2).unwrap().partners.is_empty());
    // Every indicator that reads something the plan does not write says so.
    for (_, i) in plan.indicators() {
        assert!(!i.notes.is_empty(), "{} has no interpretation note", i.id);
    }
}

#[test]
fn toml_and_json_round_trip() {
    let plan = ctg_core::plans::sundgau().unwrap();
    let toml = plan.to_toml().unwrap();
    assert_eq!(Plan::from_toml(&toml).unwrap(), plan);
    let json = plan.to_json().unwrap();
    assert_eq!(Plan::from_json(&json).unwrap(), plan);
    // French headings are accepted as aliases (TOML bare keys are ASCII: accented ones are
    // quoted, or written without accents).
    let fr = r#"
        id = "fr"
        titre = "Plan"
        territoire = "T"
        "période" = { "début" = 2025, fin = 2029 }
        [[axes]]
        numero = 1
        titre = "A"
        [[fiches]]
        numero = 1
        titre = "F"
        axe = 1
        constat = "Un constat"
        enjeux = ["Un enjeu"]
        objectif = "Un objectif"
        porteur = ["CCS"]
        echeancier = { debut = 2025, fin = 2029, texte = "2025-2029" }
        partenaires = ["CAF", { nom = "Institutions", membres = ["CeA"] }]
        [[fiches.indicateurs]]
        id = "f1.1"
        "libellé" = "Compte"
        mesure = "nombre"
        cible = "au moins 3 par an"
    "#;
    let p = Plan::from_toml(fr).unwrap();
    let f = p.fiche(1).unwrap();
    assert_eq!(f.findings, "Un constat");
    assert_eq!(f.partners[1].members, ["CeA"]);
    assert_eq!(f.indicators[0].window(), Window::Year);
    assert_eq!(f.indicators[0].measure, Measure::Count);
}

#[test]
fn broken_semantics_lists_every_problem() {
    let err = load("broken_semantics.toml").unwrap_err();
    let got = summary(&err);
    // Each problem is placed at its node (the field's value, else the fiche or axis
    // table): the second fiche numbered 1 is told apart from the first.
    let expected = vec![
        ("invalid_id", None, None, s("id"), Some(2)),
        ("duplicate_axis", None, None, None, Some(11)),
        ("outside_period", Some(1), None, s("schedule"), Some(19)),
        (
            "incompatible_target",
            Some(1),
            s("f1.1"),
            s("target"),
            Some(25),
        ),
        ("duplicate_indicator", Some(1), s("f1.1"), s("id"), Some(28)),
        (
            "incompatible_aggregation",
            Some(1),
            s("f1.1"),
            s("aggregation"),
            Some(31),
        ),
        ("window_conflict", Some(1), s("f1.1"), s("window"), Some(32)),
        ("duplicate_fiche", Some(1), None, None, Some(35)),
        ("unknown_axis", Some(1), None, s("axis"), Some(38)),
        ("outside_period", Some(1), None, s("schedule"), Some(39)),
        ("invalid_id", Some(1), s("f2 1"), s("id"), Some(42)),
        ("empty_field", Some(1), s("f2 1"), s("label"), Some(43)),
        ("invalid_number", Some(1), s("f2 1"), s("weight"), Some(46)),
        (
            "incompatible_target",
            Some(1),
            s("f2 1"),
            s("target"),
            Some(45),
        ),
        (
            "incompatible_aggregation",
            Some(1),
            s("f2.2"),
            s("aggregation"),
            Some(52),
        ),
        (
            "outside_period",
            Some(1),
            s("f2.2"),
            s("baseline"),
            Some(54),
        ),
        // No `baseline` key: the indicator's table.
        (
            "missing_baseline",
            Some(1),
            s("f2.3"),
            s("baseline"),
            Some(56),
        ),
        ("outside_period", Some(1), s("f2.4"), s("target"), Some(67)),
    ];
    assert_eq!(got, expected, "\n{err}");
    // The message names the place and the problem.
    let text = err.to_string();
    assert!(text.contains("the plan has 18 problems"), "{text}");
    assert!(
        text.contains("fiche 1, indicator f1.1, field `target`"),
        "{text}"
    );
    assert!(text.contains("fiche 1 is in axis 4"), "{text}");
}

#[test]
fn broken_targets_are_all_reported_with_positions() {
    let err = load("broken_targets.toml").unwrap_err();
    let got: Vec<_> = err
        .issues
        .iter()
        .map(|i| {
            (
                i.code().as_str(),
                i.location.indicator.clone(),
                i.location.line,
                i.location.column,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            // `> abc`: the error points at `abc`, column 13 of `target = "> abc"`.
            ("invalid_target", s("f3.1"), Some(19), Some(13)),
            ("invalid_target", s("f3.2"), Some(25), Some(17)),
            ("invalid_target", s("f3.3"), Some(31), Some(12)),
            // `> 2`, the target's value.
            ("incompatible_target", s("f3.4"), Some(37), Some(10)),
        ],
        "\n{err}"
    );
    let first = &err.issues[0];
    assert!(first.target_error().is_some());
    assert!(
        first.hint(Lang::En).is_some(),
        "a target error carries a hint"
    );
    // The rendering shows the caret under the input.
    assert!(err.to_string().contains('^'), "{err}");
}

#[test]
fn syntax_and_schema_errors_have_line_and_column() {
    let err = load("broken_syntax.toml").unwrap_err();
    assert_eq!(err.issues.len(), 1);
    assert_eq!(err.issues[0].code().as_str(), "syntax_error");
    assert_eq!(err.issues[0].location.line, Some(9));

    let err = load("broken_schema.toml").unwrap_err();
    assert_eq!(err.issues.len(), 1);
    assert_eq!(err.issues[0].code().as_str(), "schema_error");
    assert_eq!(err.issues[0].location.line, Some(16));
    assert!(
        err.issues[0].message(Lang::En).contains("nombre_de_trucs"),
        "{err}"
    );

    let err = Plan::from_json("{\"id\": \"x\", \"title\": 3}").unwrap_err();
    assert_eq!(err.issues[0].code().as_str(), "schema_error");
    assert_eq!(err.issues[0].location.line, Some(1));

    let err = Plan::from_path("/nonexistent/plan.toml").unwrap_err();
    assert_eq!(err.issues[0].code().as_str(), "io_error");
}

/// Every issue speaks French too: a message, and a French hint exactly when there is an
/// English one; `Display` is the English rendering.
fn assert_bilingual(err: &PlanError) {
    for issue in &err.issues {
        assert!(!issue.message(Lang::Fr).is_empty(), "{issue}");
        assert_eq!(
            issue.hint(Lang::Fr).is_some(),
            issue.hint(Lang::En).is_some(),
            "{issue}"
        );
        // The one-language problems and the two-language serialisation agree.
        for lang in [Lang::Fr, Lang::En] {
            let p = issue.problem(lang);
            assert_eq!((p.message, p.hint), (issue.message(lang), issue.hint(lang)));
            assert_eq!(p.code, issue.code().as_str());
        }
        let json = serde_json::to_value(issue).unwrap();
        assert_eq!(json["message"], issue.message(Lang::En).as_str());
        assert_eq!(json["message_fr"], issue.message(Lang::Fr).as_str());
        assert_eq!(
            json.get("hint_fr").and_then(|h| h.as_str()),
            issue.hint(Lang::Fr).as_deref()
        );
        assert_eq!(issue.render(Lang::En), issue.to_string());
    }
    assert_eq!(err.render(Lang::En), err.to_string());
}

#[test]
fn french_messages_and_renders_of_broken_semantics() {
    let err = load("broken_semantics.toml").unwrap_err();
    assert_bilingual(&err);
    let fr = err.render(Lang::Fr);
    assert!(fr.starts_with("le plan a 18 problèmes :\n- "), "{fr}");
    let unknown_axis = &err.issues[8];
    assert_eq!(unknown_axis.code().as_str(), "unknown_axis");
    assert_eq!(
        unknown_axis.message(Lang::Fr),
        "la fiche 1 est rattachée à l'axe 4, que le plan ne définit pas"
    );
    assert_eq!(
        unknown_axis.hint(Lang::Fr).as_deref(),
        Some("axes définis : 1")
    );
    assert_eq!(
        unknown_axis.render(Lang::Fr),
        "[unknown_axis] fiche 1, champ `axis`, ligne 38, colonne 8 : la fiche 1 est rattachée \
         à l'axe 4, que le plan ne définit pas (axes définis : 1)"
    );
    assert_eq!(
        unknown_axis.render(Lang::En),
        "[unknown_axis] fiche 1, field `axis`, line 38, column 8: fiche 1 is in axis 4, which \
         the plan does not define (hint: known axes: 1)"
    );
    let window = &err.issues[6];
    assert_eq!(
        window.render(Lang::Fr),
        "[window_conflict] fiche 1, indicateur f1.1, champ `window`, ligne 32, colonne 10 : la \
         fenêtre `month` contredit la période de la cible `/an` (supprimez `window` : le \
         suffixe de période de la cible la fixe déjà)"
    );
    // An issue without hint: the second axis numbered 1, at its table.
    let axis = &err.issues[1];
    assert_eq!(axis.hint(Lang::Fr), None);
    assert_eq!(
        axis.render(Lang::Fr),
        "[duplicate_axis] axe 1, ligne 11, colonne 1 : l'axe 1 est défini deux fois"
    );
    // A location without line.
    let nowhere = ctg_core::model::PlanIssue::new(
        ctg_core::model::PlanErrorKind::DuplicateAxis { number: 1 },
        ctg_core::model::PlanLocation {
            axis: Some(1),
            ..Default::default()
        },
    );
    assert_eq!(
        nowhere.render(Lang::Fr),
        "[duplicate_axis] axe 1 : l'axe 1 est défini deux fois"
    );
    assert!(
        fr.contains(&format!("\n- {}\n", axis.render(Lang::Fr))),
        "{fr}"
    );
    // Both languages are serialized.
    let json = serde_json::to_value(unknown_axis).unwrap();
    assert_eq!(json["message_fr"], unknown_axis.message(Lang::Fr).as_str());
    assert_eq!(json["hint_fr"], "axes définis : 1");
    assert!(serde_json::to_value(axis).unwrap().get("hint_fr").is_none());
}

#[test]
fn french_renders_of_target_errors_keep_the_carets() {
    let err = load("broken_targets.toml").unwrap_err();
    assert_bilingual(&err);
    let first = &err.issues[0];
    // The target parser speaks French too: its message follows the French prefix, its
    // hint is French.
    assert_eq!(
        first.message(Lang::Fr),
        "la cible `> abc` ne se lit pas : un nombre est attendu après `>`"
    );
    assert_eq!(
        first.hint(Lang::Fr).as_deref(),
        Some("écrivez un seuil comme `> 200`")
    );
    assert_eq!(
        first.render(Lang::Fr),
        "[invalid_target] fiche 3, indicateur f3.1, champ `target`, ligne 19, colonne 13 : \
         la cible `> abc` ne se lit pas : un nombre est attendu après `>` \
         (écrivez un seuil comme `> 200`)\n  | > abc\n  |   ^^^"
    );
    // Both languages draw the same carets under the culprit.
    assert!(first
        .render(Lang::En)
        .ends_with("(hint: write a threshold such as `> 200`)\n  | > abc\n  |   ^^^"));
    assert!(err
        .render(Lang::Fr)
        .starts_with("le plan a 4 problèmes :\n- [invalid_target]"));
}

#[test]
fn french_messages_of_parser_errors_keep_the_parser_text() {
    let err = load("broken_syntax.toml").unwrap_err();
    assert_bilingual(&err);
    let issue = &err.issues[0];
    assert_eq!(
        issue.message(Lang::Fr),
        format!("syntaxe TOML invalide : {}", issue.message(Lang::En))
    );
    assert!(issue
        .render(Lang::Fr)
        .starts_with("[syntax_error] ligne 9, colonne 8 : syntaxe TOML invalide : "));
    assert!(err
        .render(Lang::Fr)
        .starts_with("le plan a 1 problème :\n- "));

    let err = load("broken_schema.toml").unwrap_err();
    assert_bilingual(&err);
    assert!(err.issues[0]
        .message(Lang::Fr)
        .ends_with(&err.issues[0].message(Lang::En)));
    assert!(err.issues[0].message(Lang::Fr).contains("nombre_de_trucs"));

    let err = Plan::from_json("{\"id\": \"x\", ").unwrap_err();
    assert_bilingual(&err);
    assert!(err.issues[0]
        .message(Lang::Fr)
        .starts_with("syntaxe JSON invalide : "));

    let err = Plan::from_path("/nonexistent/plan.toml").unwrap_err();
    assert_bilingual(&err);
    assert!(err.issues[0]
        .render(Lang::Fr)
        .starts_with("[io_error] plan : impossible de lire /nonexistent/plan.toml : "));
}

#[test]
fn plan_locations_render_in_both_languages() {
    let loc = PlanLocation {
        line: Some(19),
        column: Some(13),
        ..PlanLocation::indicator(3, "f3.1").field("target")
    };
    assert_eq!(
        loc.render(Lang::Fr),
        "fiche 3, indicateur f3.1, champ `target`, ligne 19, colonne 13"
    );
    assert_eq!(loc.render(Lang::En), loc.to_string());
    assert_eq!(
        loc.to_string(),
        "fiche 3, indicator f3.1, field `target`, line 19, column 13"
    );
    let axis = PlanLocation {
        axis: Some(2),
        line: Some(4),
        ..Default::default()
    };
    assert_eq!(axis.render(Lang::Fr), "axe 2, ligne 4");
    assert_eq!(PlanLocation::default().render(Lang::Fr), "plan");
    assert_eq!(PlanLocation::default().render(Lang::En), "plan");
}

/// A plan written as another territory writes it: per-year levels as a table, a level due
/// in a year, a change against a written baseline year.
const SCHEDULES: &str = r#"
id = "cc-exemple-2026-2030"
title = "CTG de la Communauté de communes Exemple"
territory = "Exemple"
period = { start = 2026, end = 2030 }
axes = [{ number = 1, title = "Petite enfance" }]

[[fiches]]
number = 1
title = "Développer l'accueil du jeune enfant"
axis = 1
schedule = { start = 2026, end = 2030 }

[[fiches.indicateurs]]
id = "f1.1"
"libellé" = "Places en EAJE"
mesure = "stock"
cibles = { 2026 = "≥ 120 places", 2028 = "≥ 140", 2030 = 160 }

[[fiches.indicateurs]]
id = "f1.2"
"libellé" = "Assistantes maternelles en activité"
mesure = "stock"
cible = "maintien à 85 d'ici 2027"

[[fiches.indicateurs]]
id = "f1.3"
"libellé" = "Taux de couverture"
mesure = "ratio"
cible = "+3 points par rapport à 2024"
"#;

#[test]
fn schedules_as_tables_deadlines_and_baseline_years_load() {
    use ctg_core::target::{parse, TargetKind};
    let plan = Plan::from_toml(SCHEDULES).unwrap_or_else(|e| panic!("{}", e.render(Lang::Fr)));
    let (_, places) = plan.indicator("f1.1").unwrap();
    assert_eq!(
        places.target.as_ref().unwrap(),
        &parse("≥ 120 places en 2026, ≥ 140 places en 2028, ≥ 160 places en 2030").unwrap()
    );
    let (_, am) = plan.indicator("f1.2").unwrap();
    assert!(matches!(
        am.target.as_ref().unwrap().kind,
        TargetKind::Compare {
            deadline: Some(_),
            ..
        }
    ));
    let (_, rate) = plan.indicator("f1.3").unwrap();
    assert_eq!(plan.baseline_year(rate), 2024);
    // Written back as text, read back equal.
    let again = Plan::from_toml(&plan.to_toml().unwrap()).unwrap();
    assert_eq!(again, plan);
    let json = Plan::from_json(&plan.to_json().unwrap()).unwrap();
    assert_eq!(json, plan);
}

#[test]
fn bad_schedule_tables_deadlines_and_baselines_are_located() {
    let src = SCHEDULES
        .replace("2028 = \"≥ 140\"", "2028 = \"≤ 140\"")
        .replace("d'ici 2027", "d'ici 2032")
        .replace(
            "cible = \"+3 points par rapport à 2024\"",
            "cible = \"+3 points par rapport à 2024\"\nbaseline = { year = 2023 }",
        );
    let err = Plan::from_toml(&src).unwrap_err();
    let got = summary(&err);
    // The schedule mixes comparators: reported on its field, the typed pass goes on.
    assert_eq!(got[0].0, "invalid_target");
    assert_eq!(got[0].2, s("f1.1"));
    assert_eq!(got[0].3, s("cibles"));
    assert_eq!(got[0].4, Some(18), "{got:?}");
    let codes: Vec<&str> = got.iter().map(|p| p.0).collect();
    assert!(codes.contains(&"outside_period"), "{got:?}");
    assert!(codes.contains(&"baseline_conflict"), "{got:?}");
    let fr = err.render(Lang::Fr);
    assert!(fr.contains("2032"), "{fr}");
    // A level that does not read points at its year and line.
    let src = SCHEDULES.replace("2028 = \"≥ 140\"", "2028 = \"≥ beaucoup\"");
    let err = Plan::from_toml(&src).unwrap_err();
    let issue = &err.issues[0];
    assert_eq!(issue.code().as_str(), "invalid_target");
    assert_eq!(issue.location.field.as_deref(), Some("cibles.2028"));
    assert_eq!(issue.location.line, Some(18));
    assert_eq!(
        issue.target_error().unwrap().code.as_str(),
        "expected_number"
    );
}

/// A minimal plan with one indicator whose lines are `indicator` (TOML).
fn toml_plan(indicator: &str) -> String {
    format!(
        "id = \"p\"\ntitle = \"P\"\nterritory = \"T\"\nperiod = {{ start = 2025, end = 2029 }}\n\
         axes = [{{ number = 1, title = \"A\" }}]\n[[fiches]]\nnumber = 1\ntitle = \"F\"\naxis = 1\n\
         schedule = {{ start = 2025, end = 2029 }}\n[[fiches.indicators]]\nid = \"x\"\nlabel = \"X\"\n\
         measure = \"count\"\n{indicator}\n"
    )
}

/// Issue 16: `cibel = "> 200"` was ignored and the indicator lost its target. Unknown
/// fields are refused in every table, with the key's line and column, the field path and a
/// did-you-mean (French aliases are known fields).
#[test]
fn unknown_field_misspelt_target() {
    let err = Plan::from_toml(&toml_plan("cibel = \"> 200\"")).unwrap_err();
    let issue = &err.issues[0];
    assert_eq!(err.issues.len(), 1, "{err}");
    assert_eq!(issue.code().as_str(), "unknown_field");
    assert_eq!(issue.location.fiche, Some(1));
    assert_eq!(issue.location.indicator.as_deref(), Some("x"));
    assert_eq!(issue.location.field.as_deref(), Some("cibel"));
    assert_eq!(
        (issue.location.line, issue.location.column),
        (Some(15), Some(1))
    );
    assert_eq!(issue.hint(Lang::Fr).unwrap(), "vouliez-vous dire `cible` ?");
    assert_eq!(issue.hint(Lang::En).unwrap(), "did you mean `cible`?");
    assert!(issue.message(Lang::Fr).contains("champ inconnu `cibel`"));
    // French aliases are fields; every table is checked (plan, axis, fiche, baseline).
    assert!(Plan::from_toml(&toml_plan("cible = \"> 200\"\npoids = 2")).is_ok());
    let src = toml_plan("target = \"+10%\"\nbaseline = { year = 2024, valeu = 3 }")
        .replace("title = \"F\"", "titel = \"F\"\ntitle = \"F\"")
        .replace("territory = \"T\"", "territory = \"T\"\nextra = 1");
    let err = Plan::from_toml(&src).unwrap_err();
    let fields: Vec<(Option<String>, Option<String>)> = err
        .issues
        .iter()
        .map(|i| (i.location.field.clone(), i.hint(Lang::En)))
        .collect();
    assert_eq!(
        fields,
        [
            (
                Some("extra".into()),
                Some("fix or remove this field (see the plan schema)".into())
            ),
            (Some("titel".into()), Some("did you mean `title`?".into())),
            (
                Some("baseline.valeu".into()),
                Some("did you mean `valeur`?".into())
            ),
        ],
        "{err}"
    );
    // JSON too, with the line of the key.
    let json = Plan::from_toml(&toml_plan("target = \"> 200\""))
        .unwrap()
        .to_json()
        .unwrap()
        .replace("\"target\"", "\"cibel\"");
    let err = Plan::from_json(&json).unwrap_err();
    assert_eq!(err.issues[0].code().as_str(), "unknown_field");
    assert_eq!(err.issues[0].location.field.as_deref(), Some("cibel"));
    let line = json.lines().position(|l| l.contains("\"cibel\"")).unwrap() + 1;
    assert_eq!(err.issues[0].location.line, Some(line));
}

/// Issue 16: a JSON plan with a key written twice kept the last value silently. It is a
/// `duplicate_key` error at the second key; TOML's parser refuses it already.
#[test]
fn duplicate_key_json_plan() {
    let json = Plan::from_toml(&toml_plan("target = \"> 200\""))
        .unwrap()
        .to_json()
        .unwrap()
        .replace("\"target\": \"", "\"target\": \"> 1\", \"target\": \"");
    let err = Plan::from_json(&json).unwrap_err();
    assert_eq!(err.issues.len(), 1, "{err}");
    let issue = &err.issues[0];
    assert_eq!(issue.code().as_str(), "duplicate_key");
    assert_eq!(issue.location.indicator.as_deref(), Some("x"));
    assert_eq!(issue.location.field.as_deref(), Some("target"));
    let line = json.lines().position(|l| l.contains("\"target\"")).unwrap() + 1;
    assert_eq!(issue.location.line, Some(line));
    let col = json
        .lines()
        .nth(line - 1)
        .unwrap()
        .rfind("\"target\"")
        .unwrap()
        + 1;
    assert_eq!(issue.location.column, Some(col));
    assert!(issue.message(Lang::Fr).contains("écrite deux fois"));
    // TOML: the parser's own error.
    let err = Plan::from_toml(&toml_plan("target = \"> 1\"\ntarget = \"> 2\"")).unwrap_err();
    assert_eq!(err.issues[0].code().as_str(), "syntax_error");
    assert_eq!(err.issues[0].location.line, Some(16));
}

/// The shipped plans (the bundled Sundgau plan, the example's plan, the JSON round trip)
/// load with the unknown-field and duplicate-key checks on.
#[test]
fn unknown_field_shipped_plans_load() {
    let example = format!(
        "{}/../examples/sundgau/plan.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    let plan = Plan::from_path(&example).unwrap();
    Plan::from_json(&plan.to_json().unwrap()).unwrap();
    Plan::from_toml(&plan.to_toml().unwrap()).unwrap();
    Plan::from_toml(ctg_core::plans::SUNDGAU_TOML).unwrap();
}

/// Issue 16 (impossible targets): a level below 0 for a count, a distinct count, a stock
/// or a ratio is an `impossible_target` error at the target; a score may be negative.
#[test]
fn impossible_negative_level_refused() {
    for target in ["≤ -5", "< 0", "entre -10 et -2", "2026 : ≥ -3 ; 2028 : ≥ 1"] {
        let err = Plan::from_toml(&toml_plan(&format!("target = \"{target}\""))).unwrap_err();
        let issue = &err.issues[0];
        assert_eq!(
            issue.code().as_str(),
            "impossible_target",
            "{target}: {err}"
        );
        assert_eq!(issue.location.field.as_deref(), Some("target"));
        assert_eq!(issue.location.line, Some(15));
        assert!(issue.hint(Lang::Fr).unwrap().contains("≥ 0"));
    }
    for target in ["≤ 0", "> 0", "entre -2 et 3"] {
        assert!(
            Plan::from_toml(&toml_plan(&format!("target = \"{target}\""))).is_ok(),
            "{target}"
        );
    }
    let score =
        toml_plan("target = \"≥ -2\"").replace("measure = \"count\"", "measure = \"score\"");
    assert!(Plan::from_toml(&score).is_ok());
}
