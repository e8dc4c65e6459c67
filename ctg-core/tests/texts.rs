//! The texts every runtime must render identically (`tests/corpus/texts/*.toml`): for each
//! case, the explanations of every result, the HTML, Markdown and CSV reports and the
//! terminal report, in French and in English, pinned in `golden/`. The Python
//! (`ctg-py/tests/test_texts.py`) and JavaScript (`ctg-wasm/tests/texts.test.mjs`) suites
//! render the same cases through their bindings and compare with the same files, byte for
//! byte. `CTG_BLESS=1` rewrites them (review the diff).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use ctg_core::eval::{evaluate, EvalOptions, Evaluation};
use ctg_core::io::{read_csv, IngestOptions};
use ctg_core::model::Plan;
use ctg_core::report::{self, CsvFlavour, ReportOptions};
use ctg_core::Lang;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

struct Case {
    name: String,
    ev: Evaluation,
    fiches: Option<Vec<u32>>,
    suppress_below: Option<u32>,
}

fn cases() -> Vec<Case> {
    let dir = repo().join("ctg-core/tests/corpus/texts");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let spec: toml::Table =
                toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let text = |k: &str| std::fs::read(repo().join(spec[k].as_str().unwrap())).unwrap();
            let plan = Plan::from_toml(&String::from_utf8(text("plan")).unwrap()).unwrap();
            let obs = read_csv(&plan, &text("observations"), &IngestOptions::default()).unwrap();
            let as_of = spec
                .get("as_of")
                .map(|d| NaiveDate::parse_from_str(d.as_str().unwrap(), "%Y-%m-%d").unwrap());
            Case {
                name: path.file_stem().unwrap().to_string_lossy().into_owned(),
                ev: evaluate(
                    &plan,
                    &obs,
                    &EvalOptions {
                        as_of,
                        ..Default::default()
                    },
                ),
                fiches: spec.get("fiches").map(|f| {
                    f.as_array()
                        .unwrap()
                        .iter()
                        .map(|n| n.as_integer().unwrap() as u32)
                        .collect()
                }),
                suppress_below: spec
                    .get("suppress_below")
                    .map(|n| n.as_integer().unwrap() as u32),
            }
        })
        .collect()
}

/// Every text of a case in a language: (file suffix, content).
fn texts(case: &Case, lang: Lang) -> Vec<(String, String)> {
    let opts = ReportOptions {
        lang,
        fiches: case.fiches.clone(),
        suppress_below: case.suppress_below,
        ..Default::default()
    };
    let ev = &case.ev;
    // One line per result (indicator, window start, kind, sentence), in table order.
    let sentences = report::explanations(ev, &opts);
    let rows = ev.results().filter(|r| opts.includes(r.fiche, r.axis));
    let mut explanations = String::new();
    let mut n = 0;
    for (r, sentence) in rows.zip(&sentences) {
        let kind = serde_json::to_value(r.kind).unwrap();
        explanations.push_str(&format!(
            "{}\t{}\t{}\t{sentence}\n",
            r.indicator,
            r.start,
            kind.as_str().unwrap()
        ));
        n += 1;
    }
    assert_eq!(n, sentences.len());
    // The same sentence as one result's explanation.
    let ind = ev
        .indicators
        .iter()
        .find(|i| opts.includes(i.fiche, i.axis))
        .unwrap();
    let first = ind.rows().next().unwrap();
    assert_eq!(
        sentences[0],
        report::explain(ev, ind, first, lang, case.suppress_below.map(f64::from))
    );
    let l = lang.code();
    vec![
        (format!("{l}.explanations.tsv"), explanations),
        (format!("{l}.html"), report::render_html(ev, &opts)),
        (format!("{l}.md"), report::render_markdown(ev, &opts)),
        (
            format!("{l}.csv"),
            report::render_csv(ev, &opts, CsvFlavour::French),
        ),
        (
            format!("{l}.plain.csv"),
            report::render_csv(ev, &opts, CsvFlavour::Plain),
        ),
        (format!("{l}.txt"), report::render_text(ev, &opts)),
    ]
}

#[test]
fn texts_are_pinned() {
    let golden = repo().join("ctg-core/tests/corpus/texts/golden");
    let bless = std::env::var_os("CTG_BLESS").is_some();
    let mut fails = Vec::new();
    let cases = cases();
    assert!(cases.len() >= 2);
    for case in &cases {
        for lang in [Lang::Fr, Lang::En] {
            for (suffix, text) in texts(case, lang) {
                let path = golden.join(format!("{}.{suffix}", case.name));
                if bless {
                    std::fs::write(&path, &text).unwrap();
                    continue;
                }
                match std::fs::read_to_string(&path) {
                    Ok(want) if want == text => {}
                    Ok(_) => fails.push(format!(
                        "{} differs (CTG_BLESS=1 to update)",
                        path.display()
                    )),
                    Err(e) => fails.push(format!("{}: {e}", path.display())),
                }
            }
        }
    }
    assert!(fails.is_empty(), "{}", fails.join("\n"));
}

/// The texts are real: each language's differ, fictional data says so, suppression hides.
#[test]
fn texts_say_what_they_must() {
    let cases = cases();
    let full = cases.iter().find(|c| c.name == "sundgau_2026").unwrap();
    let fr = texts(full, Lang::Fr);
    let en = texts(full, Lang::En);
    for ((s, a), (_, b)) in fr.iter().zip(&en) {
        assert_ne!(a, b, "{s}: French and English are the same");
        assert!(!a.is_empty(), "{s} is empty");
    }
    let html = &fr[1].1;
    assert!(html.contains("Données fictives"), "no fictional banner");
    let published = cases
        .iter()
        .find(|c| c.name == "sundgau_published")
        .unwrap();
    let md = &texts(published, Lang::Fr)[2].1;
    assert!(md.contains("FICHE 7") || md.contains("Fiche 7"), "{md}");
    assert!(!md.contains("f8.1"), "fiche 8 is not in the extract");
}
