//! Replays the hand-checked evaluation corpus (`tests/corpus/eval/*.toml`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;

use chrono::NaiveDate;
use ctg_core::eval::{evaluate, EvalOptions, Evaluation, ResultKind, WindowResult};
use ctg_core::io::{read_csv, IngestOptions};
use ctg_core::model::Plan;
use ctg_core::report;
use ctg_core::Lang;
use toml::Value;

fn date(v: &Value) -> NaiveDate {
    NaiveDate::parse_from_str(v.as_str().unwrap(), "%Y-%m-%d").unwrap()
}

fn num(v: &Value) -> f64 {
    v.as_float()
        .or_else(|| v.as_integer().map(|i| i as f64))
        .unwrap()
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() <= 1e-9 * b.abs().max(1.0))
}

/// Check the optional fields of one expectation against a result row; return the failures.
fn check_row(case: &str, e: &toml::Table, r: &WindowResult, explanation: &str) -> Vec<String> {
    let mut fails = Vec::new();
    let what = format!("{case}: {} {} {:?}", r.indicator, r.start, r.kind);
    let mut check = |ok: bool, field: &str, want: &Value, got: String| {
        if !ok {
            fails.push(format!("{what}: {field} expected {want}, got {got}"));
        }
    };
    for (k, v) in e {
        match k.as_str() {
            "indicator" | "start" | "kind" | "note" => {}
            "status" => check(
                r.status.code() == v.as_str().unwrap(),
                k,
                v,
                r.status.code().into(),
            ),
            "value" => check(close(r.value, num(v)), k, v, format!("{:?}", r.value)),
            "no_value" => check(
                r.value.is_none() == v.as_bool().unwrap(),
                k,
                v,
                format!("{:?}", r.value),
            ),
            "achievement" => check(
                close(r.achievement, num(v)),
                k,
                v,
                format!("{:?}", r.achievement),
            ),
            "no_achievement" => check(
                r.achievement.is_none(),
                k,
                v,
                format!("{:?}", r.achievement),
            ),
            "projection" => check(
                close(r.projection, num(v)),
                k,
                v,
                format!("{:?}", r.projection),
            ),
            "expected" => check(close(r.expected, num(v)), k, v, format!("{:?}", r.expected)),
            "change" => check(close(r.change, num(v)), k, v, format!("{:?}", r.change)),
            "baseline" => check(close(r.baseline, num(v)), k, v, format!("{:?}", r.baseline)),
            "reason" => {
                let got = r.reason.map(|x| x.code()).unwrap_or("none");
                check(got == v.as_str().unwrap(), k, v, got.into())
            }
            "state" => {
                let got = serde_json::to_value(r.state).unwrap();
                check(got.as_str() == v.as_str(), k, v, got.to_string())
            }
            "end" => check(r.end == date(v), k, v, r.end.to_string()),
            "observations" => check(
                r.observations as i64 == v.as_integer().unwrap(),
                k,
                v,
                r.observations.to_string(),
            ),
            "done_on" => check(r.done_on == Some(date(v)), k, v, format!("{:?}", r.done_on)),
            "coverage" => {
                let a = v.as_array().unwrap();
                let want = (
                    a[0].as_integer().unwrap() as u32,
                    a[1].as_integer().unwrap() as u32,
                );
                let got = r.coverage.map(|c| (c.with_data, c.total));
                check(got == Some(want), k, v, format!("{got:?}"))
            }
            "year_target_value" => {
                let got = r.year_target.map(|t| t.value);
                check(close(got, num(v)), k, v, format!("{got:?}"))
            }
            "year_target_basis" => {
                let got = r
                    .year_target
                    .map(|t| serde_json::to_value(t.basis).unwrap()["type"].clone());
                let got = got.as_ref().and_then(serde_json::Value::as_str);
                check(got == v.as_str(), k, v, format!("{got:?}"))
            }
            "no_year_target" => check(
                r.year_target.is_none() == v.as_bool().unwrap(),
                k,
                v,
                format!("{:?}", r.year_target),
            ),
            "explanation_contains" => check(
                explanation.contains(v.as_str().unwrap()),
                k,
                v,
                explanation.to_string(),
            ),
            other => panic!("{case}: unknown expectation field `{other}`"),
        }
    }
    fails
}

fn find<'a>(ev: &'a Evaluation, e: &toml::Table) -> Option<&'a WindowResult> {
    let id = e["indicator"].as_str().unwrap();
    let start = date(&e["start"]);
    let kind = match e.get("kind").and_then(Value::as_str) {
        Some("year_summary") => ResultKind::YearSummary,
        _ => ResultKind::Window,
    };
    ev.results()
        .find(|r| r.indicator == id && r.start == start && r.kind == kind)
}

fn score_ok(got: Option<f64>, want: &Value) -> bool {
    match want.as_str() {
        Some("none") => got.is_none(),
        _ => close(got, num(want)),
    }
}

fn run_case(path: &Path) -> Vec<String> {
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let case: toml::Table = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let plan =
        Plan::from_toml(case["plan"].as_str().unwrap()).unwrap_or_else(|e| panic!("{name}: {e}"));
    let csv = case["observations"].as_str().unwrap();
    let obs = read_csv(&plan, csv.as_bytes(), &IngestOptions::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let opts = EvalOptions {
        as_of: case.get("as_of").map(date),
        ..Default::default()
    };
    let lang: Lang = case
        .get("lang")
        .map(|l| l.as_str().unwrap().parse::<Lang>().unwrap())
        .unwrap_or_default();
    let ev = evaluate(&plan, &obs, &opts);
    let explain = |r: &WindowResult| {
        let ind = ev.indicator(&r.indicator).unwrap();
        report::explain(&ev, ind, r, lang, None)
    };
    let mut fails = Vec::new();
    for e in case
        .get("expect")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let e = e.as_table().unwrap();
        match find(&ev, e) {
            Some(r) => fails.extend(check_row(&name, e, r, &explain(r))),
            None => fails.push(format!("{name}: no result for {e:?}")),
        }
    }
    for e in case
        .get("headline")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let e = e.as_table().unwrap();
        let id = e["indicator"].as_str().unwrap();
        let Some(ind) = ev.indicator(id) else {
            fails.push(format!("{name}: no indicator {id}"));
            continue;
        };
        let h = &ind.headline;
        if let Some(s) = e.get("start")
            && h.start != date(s)
        {
            fails.push(format!(
                "{name}: headline of {id} starts {} not {s}",
                h.start
            ));
        }
        fails.extend(check_row(&format!("{name} (headline)"), e, h, &explain(h)));
    }
    if let Some(s) = case.get("scores").and_then(Value::as_table) {
        if let Some(p) = s.get("plan")
            && !score_ok(ev.plan.score, p)
        {
            fails.push(format!(
                "{name}: plan score {:?}, expected {p}",
                ev.plan.score
            ));
        }
        for (key, list) in [("fiches", true), ("axes", false)] {
            for (n, want) in s.get(key).and_then(Value::as_table).into_iter().flatten() {
                let n: u32 = n.parse().unwrap();
                let got = if list {
                    ev.fiches.iter().find(|f| f.fiche == n).map(|f| f.score)
                } else {
                    ev.axes.iter().find(|a| a.axis == n).map(|a| a.score)
                };
                match got {
                    Some(g) if score_ok(g, want) => {}
                    other => fails.push(format!(
                        "{name}: {key} {n} score {other:?}, expected {want}"
                    )),
                }
            }
        }
    }
    if let Some(d) = case.get("diagnostics").and_then(Value::as_table) {
        let dg = &ev.diagnostics;
        for (k, v) in d {
            let got = match k.as_str() {
                "used" => dg.used,
                "after_as_of" => dg.after_as_of,
                "outside_period" => dg.outside_period,
                other => panic!("{name}: unknown diagnostics field {other}"),
            };
            if got as i64 != v.as_integer().unwrap() {
                fails.push(format!("{name}: diagnostics.{k} = {got}, expected {v}"));
            }
        }
    }
    if let Some(w) = case.get("windows").and_then(Value::as_table) {
        for (id, n) in w {
            let got = ev.indicator(id).map(|i| i.windows.len());
            if got != Some(n.as_integer().unwrap() as usize) {
                fails.push(format!("{name}: {id} has {got:?} windows, expected {n}"));
            }
        }
    }
    // The whole evaluation, as JSON, is pinned in `golden/<case>.json`: the Python and
    // JavaScript suites compare their output with the same files. `CTG_BLESS=1` rewrites
    // them (then review the diff: every change must be explained by the hand-checked
    // expectations above).
    let golden = path
        .with_file_name("golden")
        .join(name.replace(".toml", ".json"));
    let json = report::render_json(
        &ev,
        &report::ViewOptions {
            lang,
            explanations: true,
            suppress_below: None,
        },
    ) + "\n";
    if std::env::var_os("CTG_BLESS").is_some() {
        std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
        std::fs::write(&golden, &json).unwrap();
    } else {
        match std::fs::read_to_string(&golden) {
            Ok(want) if want == json => {}
            Ok(_) => fails.push(format!(
                "{name}: evaluation differs from {} (CTG_BLESS=1 to update)",
                golden.display()
            )),
            Err(e) => fails.push(format!("{name}: cannot read {}: {e}", golden.display())),
        }
    }
    // Every result explains itself, and results are in deterministic order.
    for ind in &ev.indicators {
        for r in ind.rows() {
            if explain(r).is_empty() {
                fails.push(format!(
                    "{name}: {} {} has no explanation",
                    r.indicator, r.start
                ));
            }
        }
    }
    fails
}

#[test]
fn evaluation_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/eval");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 15, "the corpus has {} cases", paths.len());
    let fails: Vec<String> = paths.iter().flat_map(|p| run_case(p)).collect();
    assert!(
        fails.is_empty(),
        "{} failure(s):\n{}",
        fails.len(),
        fails.join("\n")
    );
}
