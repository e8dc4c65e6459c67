//! The roll-up report of many plans (a [`Rollup`]): heading and date (or range), a
//! fictional-data banner when the data says so, the headline status counts over every plan,
//! then one row per plan with its score and status counts. HTML (one self-contained
//! document) and Markdown. A plan's own report is [`super::render_html`] of its evaluation.

use std::fmt::Write as _;

use super::escape::{escape, escape_markdown as md};
use super::notebook::{chip, plans_text, skipped_text};
use super::view::{colon, fictional_banner, score_text, scoring_rule};
use crate::eval::{Rollup, Status};
use crate::fmt::date;
use crate::Lang;

const CSS: &str = r#"
@page { size: A4; margin: 14mm 12mm; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: #1f2328; margin: 0 auto; max-width: 190mm; padding: 12px; font-size: 10.5pt; line-height: 1.4; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
h1 { font-size: 18pt; margin: 0 0 4px; }
h2 { font-size: 14pt; border-bottom: 2px solid #1f2328; padding-bottom: 2px; margin: 22px 0 8px; }
.meta { color: #424a53; margin: 0 0 8px; }
.fictional { border: 2px dashed #9a6700; background: #fff8c5; padding: 6px 10px; font-weight: bold; margin: 8px 0; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #d0d7de; padding: 3px 6px; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
footer { margin-top: 20px; color: #57606a; font-size: 8.5pt; border-top: 1px solid #d0d7de; padding-top: 6px; }
"#;

/// The heading: `Bilan de 4 plans`.
fn heading(rollup: &Rollup, lang: Lang) -> String {
    format!(
        "{} {}",
        lang.pick("Bilan de", "Review of"),
        plans_text(rollup.plans)
    )
}

/// `Évaluation au 31/12/2026`, or the range when each plan has its own date.
fn when(rollup: &Rollup, lang: Lang) -> Option<String> {
    let head = lang.pick("Évaluation au", "As of");
    match (rollup.as_of, rollup.as_of_range) {
        (Some(d), _) => Some(format!("{head} {}", date(d, lang))),
        (None, Some(r)) => Some(format!(
            "{head} {} … {} ({})",
            date(r.first, lang),
            date(r.last, lang),
            lang.pick(
                "dernière observation de chaque plan",
                "each plan's latest observation"
            )
        )),
        (None, None) => None,
    }
}

/// The statuses counted over the plans, best first: the columns of the plan table.
fn shown(rollup: &Rollup) -> Vec<Status> {
    Status::ALL
        .into_iter()
        .filter(|s| rollup.counts.get(*s) > 0)
        .collect()
}

/// The column heads of the plan table before the status counts.
fn heads(lang: Lang) -> [&'static str; 4] {
    [
        lang.pick("Plan", "Plan"),
        lang.pick("Territoire", "Territory"),
        lang.pick("Évaluation au", "As of"),
        lang.pick("Score", "Score"),
    ]
}

/// Render the roll-up of many plans as one self-contained HTML document (inline CSS, no
/// script, no network), printable on A4. Every text is escaped.
///
/// ```
/// use ctg_core::{eval::{evaluate_many, EvalOptions, Rollup}, report::render_many_html, Lang};
/// let template = ctg_core::plans::sundgau().unwrap();
/// let national = ctg_core::workload::national(&template, 3, 12, 300, 7);
/// let items: Vec<_> = national.iter().map(|t| (&t.plan, &t.observations)).collect();
/// let rollup = Rollup::new(&evaluate_many(&items, &EvalOptions::default()), 0);
/// let html = render_many_html(&rollup, Lang::Fr);
/// assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<h1>Bilan de 3 plans</h1>"));
/// assert_eq!(html.matches("<tr data-plan=").count(), 3);
/// ```
pub fn render_many_html(rollup: &Rollup, lang: Lang) -> String {
    let mut o = String::new();
    let title = heading(rollup, lang);
    let _ = write!(
        o,
        r#"<!DOCTYPE html><html lang="{code}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>{t}</title><style>{CSS}</style></head><body>"#,
        code = lang.code(),
        t = escape(&title),
    );
    let _ = write!(o, "<header><h1>{}</h1>", escape(&title));
    if let Some(w) = when(rollup, lang) {
        let _ = write!(o, r#"<p class="meta">{}</p>"#, escape(&w));
    }
    if rollup.fictional {
        let _ = write!(
            o,
            r#"<p class="fictional" role="note">⚠ {}</p>"#,
            escape(fictional_banner(lang))
        );
    }
    if rollup.skipped > 0 {
        let _ = write!(
            o,
            r#"<p class="meta">{}</p>"#,
            escape(&skipped_text(rollup.skipped, lang))
        );
    }
    o.push_str("</header><main>");

    let c = colon(lang);
    let _ = write!(
        o,
        r#"<section id="statuts" aria-labelledby="h-statuts"><h2 id="h-statuts">{}</h2><p class="counts">{} {}{c}"#,
        lang.pick("Statuts des indicateurs", "Indicator statuses"),
        rollup.counts.total(),
        lang.pick("indicateurs", "indicators"),
    );
    let chips: Vec<String> = shown(rollup)
        .into_iter()
        .map(|s| format!("{} × {}", rollup.counts.get(s), chip(s, lang)))
        .collect();
    let _ = write!(
        o,
        r#"{}</p><p class="meta">{}</p></section>"#,
        chips.join(" &nbsp; "),
        escape(scoring_rule(lang))
    );

    let _ = write!(
        o,
        r#"<section id="plans" aria-labelledby="h-plans"><h2 id="h-plans">{}</h2><table><thead><tr>"#,
        lang.pick("Plans", "Plans")
    );
    for head in heads(lang) {
        let _ = write!(o, "<th>{}</th>", escape(head));
    }
    for s in shown(rollup) {
        let _ = write!(o, "<th>{}</th>", chip(s, lang));
    }
    let _ = write!(
        o,
        "<th>{}</th></tr></thead><tbody>",
        lang.pick("Total", "Total")
    );
    for row in &rollup.rows {
        let _ = write!(
            o,
            r#"<tr data-plan="{id}"><td><code>{id}</code></td><td>{}</td><td>{}</td><td class="n">{}</td>"#,
            escape(&row.territory),
            date(row.as_of, lang),
            escape(&score_text(row.score, lang)),
            id = escape(&row.plan_id),
        );
        for s in shown(rollup) {
            let _ = write!(o, r#"<td class="n">{}</td>"#, row.counts.get(s));
        }
        let _ = write!(o, r#"<td class="n">{}</td></tr>"#, row.counts.total());
    }
    let _ = writeln!(
        o,
        "</tbody></table></section></main><footer>{} ctg {}</footer></body></html>",
        lang.pick("Produit par", "Made with"),
        env!("CARGO_PKG_VERSION"),
    );
    o
}

/// Render the roll-up of many plans as Markdown: the content of [`render_many_html`], the
/// statuses shown by icon and label (never colour alone).
///
/// ```
/// use ctg_core::{eval::{evaluate_many, EvalOptions, Rollup}, report::render_many_markdown, Lang};
/// let template = ctg_core::plans::sundgau().unwrap();
/// let national = ctg_core::workload::national(&template, 3, 12, 300, 7);
/// let items: Vec<_> = national.iter().map(|t| (&t.plan, &t.observations)).collect();
/// let rollup = Rollup::new(&evaluate_many(&items, &EvalOptions::default()), 0);
/// let md = render_many_markdown(&rollup, Lang::En);
/// assert!(md.starts_with("# Review of 3 plans\n"));
/// assert!(md.contains("| ctg-0002 |"));
/// ```
pub fn render_many_markdown(rollup: &Rollup, lang: Lang) -> String {
    let c = colon(lang);
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", md(&heading(rollup, lang)));
    if let Some(w) = when(rollup, lang) {
        let _ = writeln!(o, "{}\n", md(&w));
    }
    if rollup.fictional {
        let _ = writeln!(o, "> ⚠ **{}**\n", md(fictional_banner(lang)));
    }
    if rollup.skipped > 0 {
        let _ = writeln!(o, "{}\n", md(&skipped_text(rollup.skipped, lang)));
    }
    let _ = writeln!(
        o,
        "## {}\n",
        lang.pick("Statuts des indicateurs", "Indicator statuses")
    );
    let counts: Vec<String> = shown(rollup)
        .into_iter()
        .map(|s| {
            format!(
                "{} {}{c}{}",
                s.icon(),
                md(s.label(lang)),
                rollup.counts.get(s)
            )
        })
        .collect();
    let _ = writeln!(
        o,
        "{} {}{c}{}\n",
        rollup.counts.total(),
        lang.pick("indicateurs", "indicators"),
        counts.join(" · ")
    );
    let _ = writeln!(o, "*{}*\n", md(scoring_rule(lang)));

    let _ = writeln!(o, "## {}\n", lang.pick("Plans", "Plans"));
    let mut head: Vec<String> = heads(lang).iter().map(|h| md(h)).collect();
    head.extend(
        shown(rollup)
            .into_iter()
            .map(|s| format!("{} {}", s.icon(), md(s.label(lang)))),
    );
    head.push(lang.pick("Total", "Total").to_string());
    let _ = writeln!(o, "| {} |", head.join(" | "));
    let align: Vec<&str> = (0..head.len())
        .map(|i| if i < 3 { "---" } else { "---:" })
        .collect();
    let _ = writeln!(o, "|{}|", align.join("|"));
    for row in &rollup.rows {
        let mut cells = vec![
            md(&row.plan_id),
            md(&row.territory),
            date(row.as_of, lang),
            md(&score_text(row.score, lang)),
        ];
        cells.extend(
            shown(rollup)
                .into_iter()
                .map(|s| row.counts.get(s).to_string()),
        );
        cells.push(row.counts.total().to_string());
        let _ = writeln!(o, "| {} |", cells.join(" | "));
    }
    o
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::eval::{evaluate, EvalOptions, Evaluation};
    use crate::io::{read_csv, IngestOptions};
    use chrono::NaiveDate;

    fn ev(csv: &str, id: &str, territory: &str) -> Evaluation {
        let mut plan = crate::plans::sundgau().unwrap();
        plan.id = id.to_string();
        plan.territory = territory.to_string();
        let obs = read_csv(&plan, csv.as_bytes(), &IngestOptions::default()).unwrap();
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

    fn rollup() -> Rollup {
        let a = ev(
            "# Données fictives\nindicator,date,value\nf8.1,2026-12-31,30\n",
            "ctg-0001",
            "Vallée | <b>Doller</b>",
        );
        let b = ev(
            "indicator,date,value\nf8.1,2026-12-31,2\n",
            "ctg-0002",
            "Thann",
        );
        Rollup::new([&a, &b], 1)
    }

    #[test]
    fn html_in_french_and_english() {
        let r = rollup();
        let fr = render_many_html(&r, Lang::Fr);
        assert!(fr.starts_with("<!DOCTYPE html><html lang=\"fr\">"));
        assert!(
            fr.contains("<h1>Bilan de 2 plans</h1><p class=\"meta\">Évaluation au 31/12/2026</p>")
        );
        assert!(fr.contains(r#"<p class="fictional" role="note">⚠ Données fictives"#));
        assert!(fr.contains("1 ligne(s) de territoire inconnu écartée(s)"));
        assert!(fr.contains("50 indicateurs : 1 × "));
        assert!(fr.contains("✖ Non atteint</span>"));
        // Escaped: the territory's markup is text.
        assert!(
            fr.contains("<td>Vallée | &lt;b&gt;Doller&lt;/b&gt;</td>") && !fr.contains("<b>Doller")
        );
        let row = "<td class=\"n\">100\u{a0}%</td><td class=\"n\">1</td><td class=\"n\">0</td>\
                   <td class=\"n\">24</td><td class=\"n\">25</td></tr>";
        assert!(fr.contains(row), "{fr}");
        let en = render_many_html(&r, Lang::En);
        assert!(en.contains("<h1>Review of 2 plans</h1><p class=\"meta\">As of 2026-12-31</p>"));
        assert!(
            en.contains("Fictional data") && en.contains("1 row(s) of unknown territory skipped")
        );
        assert!(en.contains("<th>Territory</th>") && !en.contains("Territoire"));
    }

    #[test]
    fn markdown_in_french_and_english() {
        let r = rollup();
        let fr = render_many_markdown(&r, Lang::Fr);
        assert!(fr.starts_with(
            "# Bilan de 2 plans\n\nÉvaluation au 31/12/2026\n\n> ⚠ **Données fictives"
        ));
        assert!(
            fr.contains("50 indicateurs : ✔ Atteint : 1 · ✖ Non atteint : 1 · ∅ Sans données : 48")
        );
        assert!(fr.contains(
            "| Plan | Territoire | Évaluation au | Score | ✔ Atteint | ✖ Non atteint | ∅ Sans données | Total |\n\
             |---|---|---|---:|---:|---:|---:|---:|\n"
        ), "{fr}");
        assert!(fr.contains("| ctg-0001 | Vallée \\| &lt;b&gt;Doller&lt;/b&gt; | 31/12/2026 | 100\u{a0}% | 1 | 0 | 24 | 25 |"), "{fr}");
        assert!(fr.contains("| ctg-0002 | Thann | 31/12/2026 | 0\u{a0}% | 0 | 1 | 24 | 25 |"));
        let en = render_many_markdown(&r, Lang::En);
        assert!(
            en.contains("| ctg-0002 | Thann | 2026-12-31 | 0% | 0 | 1 | 24 | 25 |"),
            "{en}"
        );
        assert!(en.contains("1 row(s) of unknown territory skipped"));
    }

    #[test]
    fn no_plan() {
        let r = Rollup::new(&[], 0);
        let html = render_many_html(&r, Lang::Fr);
        assert!(html.contains("<h1>Bilan de 0 plans</h1></header>"));
        assert!(!html.contains("<tr data-plan"));
        let md = render_many_markdown(&r, Lang::En);
        assert!(
            md.contains("| Plan | Territory | As of | Score | Total |\n|---|---|---|---:|---:|\n")
        );
    }
}
