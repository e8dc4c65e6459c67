//! What every fuzz target checks beyond "no panic": every problem has a stable snake_case
//! code and a message in both languages, and its position is inside the input.
#![allow(dead_code, clippy::unwrap_used, clippy::panic)]

use std::sync::OnceLock;

use ctg_core::eval::{evaluate, EvalOptions};
use ctg_core::io::{IngestOptions, ObservationError, Observations};
use ctg_core::model::{Plan, PlanError};
use ctg_core::problem::Problem;
use ctg_core::report::{render_json, ViewOptions};
use ctg_core::Lang;

/// The bundled Sundgau plan (fictional data), loaded once.
pub fn sundgau() -> &'static Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(|| ctg_core::plans::sundgau().unwrap())
}

/// A stable code: non-empty snake_case ASCII.
pub fn check_code(code: &str) {
    assert!(
        !code.is_empty()
            && code
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
        "code {code:?} is not snake_case"
    );
}

/// A problem in both languages: the same code and place, a message in each.
pub fn check_problems(fr: &[Problem], en: &[Problem]) {
    assert_eq!(fr.len(), en.len());
    for (f, e) in fr.iter().zip(en) {
        check_code(&f.code);
        assert_eq!(f.code, e.code);
        assert_eq!(
            (f.loc.clone(), f.line, f.column, f.row),
            (e.loc.clone(), e.line, e.column, e.row)
        );
        assert!(
            !f.message.trim().is_empty(),
            "{}: empty French message",
            f.code
        );
        assert!(
            !e.message.trim().is_empty(),
            "{}: empty English message",
            e.code
        );
        assert!(!f.render().is_empty() && !e.render().is_empty());
        if let (Some(span), Some(input)) = (f.span, &f.input) {
            assert!(
                span.start <= span.end && span.end <= input.len(),
                "{}: span {span:?}",
                f.code
            );
            assert!(input.is_char_boundary(span.start) && input.is_char_boundary(span.end));
        }
    }
}

/// A plan error: never empty, each line and column inside the source.
pub fn check_plan_error(src: &str, err: &PlanError) {
    assert!(!err.issues.is_empty(), "a plan error without a problem");
    let (fr, en) = (err.problems(Lang::Fr), err.problems(Lang::En));
    check_problems(&fr, &en);
    let lines = src.lines().count().max(1) + 1;
    for p in &fr {
        if let Some(line) = p.line {
            assert!(
                line >= 1 && line <= lines,
                "{}: line {line} of {lines}",
                p.code
            );
        }
        if let Some(column) = p.column {
            assert!(column >= 1, "{}: column {column}", p.code);
        }
    }
}

/// A plan that loads: it validates, and its TOML loads back to the same plan.
pub fn check_plan(plan: &Plan) {
    assert!(
        plan.validate().is_ok(),
        "a loaded plan that does not validate"
    );
    if let Ok(toml) = plan.to_toml() {
        match Plan::from_toml(&toml) {
            Ok(again) => assert_eq!(&again, plan, "the plan's TOML does not load back the same"),
            Err(e) => panic!(
                "the plan's TOML does not load back:\n{}",
                e.render(Lang::En)
            ),
        }
    }
}

/// An observation error: never empty, each row at least 1 and at most `max_row` when the
/// input's row count is known.
pub fn check_observation_error(err: &ObservationError, max_row: Option<usize>) {
    assert!(
        !err.issues.is_empty(),
        "an observation error without a problem"
    );
    let (fr, en) = (err.problems(Lang::Fr), err.problems(Lang::En));
    check_problems(&fr, &en);
    for p in &fr {
        if let Some(row) = p.row {
            assert!(row >= 1, "{}: row {row}", p.code);
            if let Some(max) = max_row {
                assert!(row <= max, "{}: row {row} of {max}", p.code);
            }
        }
    }
}

/// Read one input strictly and leniently: a strict success reads the same rows leniently;
/// whatever is read evaluates and renders.
pub fn check_read(
    read: impl Fn(&IngestOptions) -> Result<Observations, ObservationError>,
    max_row: Option<usize>,
) {
    let strict = read(&IngestOptions::default());
    let lenient = read(&IngestOptions {
        lenient: true,
        ..Default::default()
    });
    match (&strict, &lenient) {
        (Ok(s), Ok(l)) => assert_eq!(s.rows(), l.rows(), "strict and lenient read differently"),
        (Ok(_), Err(e)) => panic!("read strictly but not leniently:\n{}", e.render(Lang::En)),
        _ => {}
    }
    // A strict success reads the same rows leniently: one evaluation covers both.
    for result in [&strict, &lenient] {
        if let Err(e) = result {
            check_observation_error(e, max_row);
        }
    }
    if let Ok(obs) = &lenient {
        check_evaluation(sundgau(), obs);
    }
}

/// Evaluate as of the end of 2026 and render the JSON view.
pub fn check_evaluation(plan: &Plan, obs: &Observations) {
    let options = EvalOptions {
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 12, 31),
        ..Default::default()
    };
    let ev = evaluate(plan, obs, &options);
    let json = render_json(&ev, &ViewOptions::default());
    assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok());
}

/// An imported plan: its findings render in both languages, its checklist and its
/// reviewable TOML render, and a plan that passes its checks loads back from that TOML.
pub fn check_imported(imported: &ctg_core::import::Imported) {
    check_problems(&imported.problems(Lang::Fr), &imported.problems(Lang::En));
    for lang in [Lang::Fr, Lang::En] {
        assert!(!ctg_core::import::checklist(imported, lang).is_empty());
    }
    if imported.plan.validate().is_ok() {
        match ctg_core::import::to_reviewable_toml(imported, Lang::Fr) {
            Ok(toml) => match Plan::from_toml(&toml) {
                Ok(again) => assert_eq!(
                    again, imported.plan,
                    "the reviewable TOML loads back another plan"
                ),
                Err(e) => panic!(
                    "the reviewable TOML does not load back:\n{}",
                    e.render(Lang::En)
                ),
            },
            Err(e) => panic!("a valid imported plan has no TOML:\n{}", e.render(Lang::En)),
        }
    }
}
