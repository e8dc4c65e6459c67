//! Reports: every indicator with its status, escaping of hostile labels, small-count
//! suppression, CSV flavours, and snapshots pinning the Markdown and the HTML structure.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use ctg_core::eval::{evaluate, EvalOptions, Evaluation};
use ctg_core::io::{read_csv, IngestOptions};
use ctg_core::model::Plan;
use ctg_core::report::{render_csv, render_html, render_markdown, CsvFlavour, ReportOptions};
use ctg_core::Lang;

fn sundgau() -> Evaluation {
    let plan = ctg_core::plans::sundgau().unwrap();
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/sundgau/observations.csv"
    );
    let obs = read_csv(
        &plan,
        &std::fs::read(path).unwrap(),
        &IngestOptions::default(),
    )
    .unwrap();
    let as_of = NaiveDate::from_ymd_opt(2026, 12, 31);
    evaluate(
        &plan,
        &obs,
        &EvalOptions {
            as_of,
            ..Default::default()
        },
    )
}

/// `(indicator, status)` pairs of the HTML, in document order.
fn html_statuses(html: &str) -> Vec<(String, String)> {
    html.split(r#"<div class="ind" data-indicator=""#)
        .skip(1)
        .map(|chunk| {
            let (id, rest) = chunk.split_once('"').unwrap();
            let status = rest
                .split(r#"data-status=""#)
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            (id.to_string(), status.to_string())
        })
        .collect()
}

#[test]
fn every_indicator_appears_with_its_status() {
    let ev = sundgau();
    let want: Vec<(String, String)> = ev
        .headlines()
        .map(|h| (h.indicator.clone(), h.status.code().to_string()))
        .collect();
    assert_eq!(want.len(), 25);
    let html = render_html(&ev, &ReportOptions::default());
    assert_eq!(html_statuses(&html), want);
    let md = render_markdown(&ev, &ReportOptions::default());
    for h in ev.headlines() {
        let row = md
            .lines()
            .find(|l| l.starts_with(&format!("| {} |", h.indicator)))
            .unwrap();
        assert!(
            row.contains(&format!("{} {}", h.status.icon(), h.status.label(Lang::Fr))),
            "{row}"
        );
    }
    // Every status of the fictional data shows, paired with an icon (not colour alone).
    for s in ctg_core::eval::Status::ALL {
        assert!(
            html.contains(&format!(r#"data-status="{}""#, s.code())),
            "{s}"
        );
    }
    assert!(html.contains("Données fictives"));
    assert!(md.contains("Données fictives"));
}

#[test]
fn html_is_self_contained_accessible_and_french() {
    let html = render_html(&sundgau(), &ReportOptions::default());
    assert!(html.starts_with("<!DOCTYPE html><html lang=\"fr\">"));
    // The only link is an empty inline icon (so that browsers fetch no favicon).
    let allowed = html
        .replace("http://www.w3.org/2000/svg", "")
        .replace(r#"<link rel="icon" href="data:,">"#, "");
    for forbidden in [
        "<script", "http://", "https://", "<link", "@import", "url(", "src=",
    ] {
        assert!(!allowed.contains(forbidden), "{forbidden}");
    }
    assert!(html.contains("<h1>") && html.contains("<h2") && html.contains("<h3"));
    // Every chart has a title and a description.
    let charts = html.matches("<svg").count();
    assert!(charts >= 15, "{charts} charts");
    assert_eq!(html.matches("<title id=\"t-").count(), charts);
    assert_eq!(html.matches("<desc id=\"d-").count(), charts);
    // French formatting: 79,1 %, 31/12/2026.
    assert!(html.contains("79,1\u{a0}%"));
    assert!(html.contains("31/12/2026"));
    let en = render_html(
        &sundgau(),
        &ReportOptions {
            lang: Lang::En,
            ..Default::default()
        },
    );
    assert!(en.starts_with("<!DOCTYPE html><html lang=\"en\">"));
    assert!(en.contains("Fictional data") && en.contains("79.1%") && en.contains("2026-12-31"));
}

#[test]
fn hostile_labels_are_escaped() {
    let plan = Plan::from_path(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/plans/hostile.toml"
    ))
    .unwrap();
    let obs = read_csv(
        &plan,
        b"indicator,date,value\nx1,2026-03-01,5\n",
        &IngestOptions::default(),
    )
    .unwrap();
    let ev = evaluate(&plan, &obs, &EvalOptions::default());
    let html = render_html(&ev, &ReportOptions::default());
    for raw in ["<script", "<img", "<iframe", "<b>", "<u>", "\"</h3>"] {
        assert!(!html.contains(raw), "raw `{raw}` in HTML");
    }
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("&#39;javascript:alert(3)&#39;"));
    let md = render_markdown(&ev, &ReportOptions::default());
    for raw in ["<script", "<img", "<iframe", "<b>", "<u>"] {
        assert!(!md.contains(raw), "raw `{raw}` in Markdown");
    }
    assert!(
        md.contains(r"\| col \*gras\* \[lien\](javascript:alert(4))"),
        "{md}"
    );
    // The indicator's table row keeps its 6 cells despite the pipe in the label.
    let row = md.lines().find(|l| l.starts_with("| x1 |")).unwrap();
    assert_eq!(
        row.matches('|').count() - row.matches(r"\|").count(),
        7,
        "{row}"
    );
    let csv = render_csv(&ev, &ReportOptions::default(), CsvFlavour::Plain);
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let rec = r.records().next().unwrap().unwrap();
    assert_eq!(
        &rec[3],
        "Indicateur <script>alert(\"x\")</script> | col *gras* [lien](javascript:alert(4))"
    );
}

#[test]
fn small_counts_are_suppressed_in_reports_not_in_data() {
    let ev = sundgau();
    let opts = ReportOptions {
        suppress_below: Some(20),
        ..Default::default()
    };
    let f9 = ev.indicator("f9.1").unwrap();
    assert_eq!(f9.headline.value, Some(18.0), "the data keeps the count");
    let html = render_html(&ev, &opts);
    let block = html
        .split(r#"data-indicator="f9.1""#)
        .nth(1)
        .unwrap()
        .split(r#"<div class="ind""#)
        .next()
        .unwrap();
    assert!(block.contains("&lt; 20 enfants"), "{block}");
    assert!(
        !block.contains(">18<") && !block.contains("18 enfants"),
        "{block}"
    );
    assert!(
        !block.contains("90\u{a0}%"),
        "the achievement would reveal the count: {block}"
    );
    assert!(html.contains("Secret statistique"));
    let md = render_markdown(&ev, &opts);
    let row = md.lines().find(|l| l.starts_with("| f9.1 |")).unwrap();
    assert!(
        row.contains("&lt; 20 enfants") && !row.contains("18"),
        "{row}"
    );
    let csv = render_csv(&ev, &opts, CsvFlavour::Plain);
    let line = csv
        .lines()
        .find(|l| l.contains(",f9.1,") && l.contains("2026-01-01"))
        .unwrap();
    assert!(
        !line.contains(",18,") && line.contains("< 20 enfants"),
        "{line}"
    );
    // Ratios and other measures are not counts: untouched.
    assert!(html.contains("79,1\u{a0}%"));
}

#[test]
fn csv_flavours() {
    let ev = sundgau();
    let fr = render_csv(&ev, &ReportOptions::default(), CsvFlavour::French);
    assert!(fr.starts_with("\u{feff}axe;fiche;indicateur;libellé;"));
    let plain = render_csv(&ev, &ReportOptions::default(), CsvFlavour::Plain);
    assert!(plain.starts_with("axis,fiche,indicator,"));
    let rows = ev.results().count();
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(fr.trim_start_matches('\u{feff}').as_bytes());
    let recs: Vec<csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
    assert_eq!(recs.len(), rows);
    let f52 = recs
        .iter()
        .find(|r| &r[2] == "f5.2" && &r[6] == "01/01/2026")
        .unwrap();
    assert_eq!(&f52[9], "79,1453947368421");
    let mut r = csv::Reader::from_reader(plain.as_bytes());
    let f52 = r
        .records()
        .map(|r| r.unwrap())
        .find(|r| &r[2] == "f5.2" && &r[6] == "2026-01-01")
        .unwrap();
    assert_eq!(&f52[9], "79.1453947368421");
    // Only the chosen fiches.
    let only = render_csv(
        &ev,
        &ReportOptions {
            fiches: Some(vec![7]),
            ..Default::default()
        },
        CsvFlavour::Plain,
    );
    assert!(only
        .lines()
        .skip(1)
        .all(|l| l.split(',').nth(1) == Some("7")));
}

/// The HTML's structure: its tags with their ids and classes, without text.
fn skeleton(html: &str) -> String {
    let mut out = String::new();
    for piece in html.split('<').skip(1) {
        let tag = piece.split('>').next().unwrap_or("");
        if tag.starts_with('/') || tag.starts_with('!') {
            continue;
        }
        let name = tag.split_whitespace().next().unwrap_or("");
        if matches!(
            name,
            "rect"
                | "text"
                | "line"
                | "polyline"
                | "title"
                | "desc"
                | "span"
                | "strong"
                | "small"
                | "meta"
        ) {
            continue;
        }
        let attr = |a: &str| {
            tag.split(&format!("{a}=\""))
                .nth(1)
                .and_then(|r| r.split('"').next())
                .map(|v| format!(" {a}={v}"))
        };
        let line = format!(
            "{name}{}{}{}{}",
            attr("id").unwrap_or_default(),
            attr("class").unwrap_or_default(),
            attr("data-indicator").unwrap_or_default(),
            attr("data-status").unwrap_or_default()
        );
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[test]
fn snapshots() {
    let ev = sundgau();
    insta::assert_snapshot!(
        "sundgau_markdown_fr",
        render_markdown(&ev, &ReportOptions::default())
    );
    insta::assert_snapshot!(
        "sundgau_html_skeleton",
        skeleton(&render_html(&ev, &ReportOptions::default()))
    );
    let en = ReportOptions {
        lang: Lang::En,
        fiches: Some(vec![7]),
        ..Default::default()
    };
    insta::assert_snapshot!("sundgau_markdown_en_fiche7", render_markdown(&ev, &en));
}
