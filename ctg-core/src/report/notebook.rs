//! The notebook views of one evaluation and of many: the HTML fragment a notebook shows
//! (Jupyter's `_repr_html_`) and the one-line `repr`, in the asked language.
//!
//! The fragments carry inline styles (a notebook has no style sheet of ours), take the
//! status colours, text colours, icons and labels from [`crate::eval::Status`], and the
//! value, window, target and score texts from the report's own (the same text as in the
//! HTML and Markdown reports). Every text is escaped. The hints at the bottom name the
//! Python methods that give the full tables: notebooks are Python's.

use std::fmt::Write as _;

use super::escape::escape;
use super::view::{colon, score_text, target_cell, value_text, window_text};
use super::ReportOptions;
use crate::eval::{Evaluation, Rollup, Status, StatusCounts};
use crate::fmt::date;
use crate::Lang;

/// At most this many plans are listed in the notebook view of many evaluations
/// ([`evaluations_html`]); the others are counted.
pub const SHOWN_PLANS: usize = 10;

/// The style of the fictional-data banner.
const BANNER_STYLE: &str = "margin:.3em 0;padding:.3em .6em;display:inline-block;\
     background:#fff8c5;border:1px solid #d4a72c;border-radius:4px;color:#000";

/// The style of the hint line at the bottom.
const HINT_STYLE: &str = "font-size:.85em;color:#57606a";

/// A status chip with inline style: the status colour, its readable text colour, icon and
/// label (never colour alone).
pub(crate) fn chip(s: Status, lang: Lang) -> String {
    format!(
        "<span class=\"ctg-status ctg-{code}\" title=\"{code}\" style=\"display:inline-block;\
         padding:0 .55em;border-radius:1em;border:1px solid #8c959f;background:{bg};color:{fg};\
         white-space:nowrap\">{icon} {label}</span>",
        code = s.code(),
        bg = s.colour(),
        fg = s.ink(),
        icon = escape(s.icon()),
        label = escape(s.label(lang)),
    )
}

/// `3 × chip` for every status counted, best first.
fn count_chips(counts: &StatusCounts, lang: Lang) -> String {
    Status::ALL
        .iter()
        .filter(|s| counts.get(**s) > 0)
        .map(|s| format!("{} × {}", counts.get(*s), chip(*s, lang)))
        .collect::<Vec<_>>()
        .join(" &nbsp; ")
}

/// `1 achieved, 23 no_data`: the counted statuses by code, for a `repr`.
fn count_codes(counts: &StatusCounts) -> String {
    Status::ALL
        .iter()
        .filter(|s| counts.get(**s) > 0)
        .map(|s| format!("{} {}", counts.get(*s), s.code()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The fictional-data banner (HTML).
fn banner(lang: Lang) -> String {
    format!(
        "<p style=\"{BANNER_STYLE}\"><b>⚠ {}</b></p>",
        escape(lang.pick(
            "DONNÉES FICTIVES : ces observations sont inventées.",
            "FICTIONAL DATA: these observations are made up."
        ))
    )
}

/// The notebook view of one evaluation: plan, territory, period, date and plan score, a
/// fictional-data banner when the data says so, the headline status counts, then one row
/// per indicator headline (fiche, id, label, window, value, target, status chip,
/// explanation), grouped by axis with the axis score.
///
/// ```
/// use ctg_core::{eval::{evaluate, EvalOptions}, io::Observations, report::notebook, Lang};
/// let plan = ctg_core::plans::sundgau().unwrap();
/// let ev = evaluate(&plan, &Observations::default(), &EvalOptions::default());
/// let html = notebook::evaluation_html(&ev, Lang::En);
/// assert!(html.starts_with(r#"<div class="ctg-evaluation" lang="en""#));
/// assert_eq!(html.matches("<tr><td>").count(), 25);
/// ```
pub fn evaluation_html(ev: &Evaluation, lang: Lang) -> String {
    let opts = ReportOptions {
        lang,
        ..ReportOptions::default()
    };
    let mut h = String::new();
    let _ = write!(
        h,
        "<div class=\"ctg-evaluation\" lang=\"{}\" style=\"font-size:.92em\">",
        lang.code()
    );
    let _ = write!(
        h,
        "<p style=\"margin:.2em 0\"><b>{}</b> — {} ({})<br>{} {} · {}{}<b>{}</b></p>",
        escape(&ev.plan_title),
        escape(&ev.territory),
        ev.period,
        lang.pick("Évaluation au", "Evaluation as of"),
        date(ev.as_of, lang),
        lang.pick("score du plan", "plan score"),
        colon(lang),
        escape(&score_text(ev.plan.score, lang)),
    );
    if ev.fictional {
        h.push_str(&banner(lang));
    }
    let _ = write!(
        h,
        "<p style=\"margin:.3em 0\">{}</p>",
        count_chips(&ev.plan.counts, lang)
    );
    let heads = [
        lang.pick("Fiche", "Fiche"),
        lang.pick("Indicateur", "Indicator"),
        lang.pick("Libellé", "Label"),
        lang.pick("Période", "Period"),
        lang.pick("Valeur", "Value"),
        lang.pick("Cible", "Target"),
        lang.pick("Statut", "Status"),
        lang.pick("Explication", "Explanation"),
    ];
    h.push_str("<table class=\"ctg-headlines\"><thead><tr>");
    for head in heads {
        let _ = write!(h, "<th style=\"text-align:left\">{}</th>", escape(head));
    }
    h.push_str("</tr></thead><tbody>");
    let mut axes: Vec<u32> = ev.indicators.iter().map(|i| i.axis).collect();
    axes.dedup();
    for axis in axes {
        let a = ev.axes.iter().find(|a| a.axis == axis);
        let _ = write!(
            h,
            "<tr><th colspan=\"8\" style=\"text-align:left;background:#f6f8fa;color:#000\">{} {}{} · {}</th></tr>",
            lang.pick("Axe", "Axis"),
            axis,
            a.map(|a| format!(" — {}", escape(&a.title)))
                .unwrap_or_default(),
            escape(&score_text(a.and_then(|a| a.score), lang)),
        );
        for ind in ev.indicators.iter().filter(|i| i.axis == axis) {
            let r = &ind.headline;
            let _ = write!(
                h,
                "<tr><td>{}</td><td><code>{}</code></td><td style=\"text-align:left\">{}</td>\
                 <td>{}</td><td style=\"text-align:right\">{}</td><td>{}</td><td>{}</td>\
                 <td style=\"text-align:left\">{}</td></tr>",
                ind.fiche,
                escape(&ind.id),
                escape(&ind.label),
                escape(&window_text(r, lang)),
                escape(&value_text(ind, r, lang, &opts)),
                escape(&target_cell(ind, r, lang)),
                chip(r.status, lang),
                escape(&super::explain(ev, ind, r, lang, None)),
            );
        }
    }
    let _ = write!(
        h,
        "</tbody></table><p style=\"{HINT_STYLE}\">{} {} · {} <code>to_pandas()</code></p></div>",
        ev.indicators.len(),
        lang.pick("indicateurs", "indicators"),
        lang.pick("toutes les fenêtres :", "every window:"),
    );
    h
}

/// The one-line `repr` of an evaluation: plan id, date, fictional flag, the number of
/// indicators with their headline status counts (by code), and the plan score. Plain text
/// for consoles, logs and doctests: ISO dates and ordinary spaces (no no-break space).
///
/// ```
/// use ctg_core::{eval::{evaluate, EvalOptions}, io::Observations, report::notebook, Lang};
/// let plan = ctg_core::plans::sundgau().unwrap();
/// let as_of = chrono::NaiveDate::from_ymd_opt(2026, 12, 31);
/// let ev = evaluate(&plan, &Observations::default(), &EvalOptions { as_of, ..Default::default() });
/// assert_eq!(
///     notebook::evaluation_repr(&ev, Lang::En),
///     "<Evaluation sundgau-2025-2029 as of 2026-12-31: 25 indicators — 25 no_data; plan score —>"
/// );
/// assert_eq!(
///     notebook::evaluation_repr(&ev, Lang::Fr),
///     "<Evaluation sundgau-2025-2029 au 2026-12-31 : 25 indicateurs — 25 no_data ; score du plan —>"
/// );
/// ```
pub fn evaluation_repr(ev: &Evaluation, lang: Lang) -> String {
    let mut out = format!(
        "<Evaluation {} {} {}",
        ev.plan_id,
        lang.pick("au", "as of"),
        ev.as_of
    );
    if ev.fictional {
        out.push_str(lang.pick(", données FICTIVES", ", FICTIONAL data"));
    }
    let _ = write!(
        out,
        "{}{} {}",
        colon(lang),
        ev.indicators.len(),
        lang.pick("indicateurs", "indicators")
    );
    let counts = count_codes(&ev.plan.counts);
    if !counts.is_empty() {
        let _ = write!(out, " — {counts}");
    }
    let _ = write!(
        out,
        "{}{} {}>",
        lang.pick(" ; ", "; "),
        lang.pick("score du plan", "plan score"),
        score_text(ev.plan.score, lang).replace('\u{a0}', " ")
    );
    out
}

/// The date of many evaluations in words: `au 31/12/2026`, or the range with
/// `(dernière observation de chaque plan)` when each plan has its own; empty without plans.
fn when(rollup: &Rollup, lang: Lang, fmt: impl Fn(chrono::NaiveDate) -> String) -> String {
    match (rollup.as_of, rollup.as_of_range) {
        (Some(d), _) => format!("{} {}", lang.pick("au", "as of"), fmt(d)),
        (None, Some(r)) => format!(
            "{} {} … {} ({})",
            lang.pick("au", "as of"),
            fmt(r.first),
            fmt(r.last),
            lang.pick(
                "dernière observation de chaque plan",
                "each plan's latest observation"
            )
        ),
        (None, None) => String::new(),
    }
}

/// `2 ligne(s) de territoire inconnu écartée(s)`.
pub(crate) fn skipped_text(skipped: usize, lang: Lang) -> String {
    format!(
        "{skipped} {}",
        lang.pick(
            "ligne(s) de territoire inconnu écartée(s)",
            "row(s) of unknown territory skipped"
        )
    )
}

/// `1 plan`, `3 plans`.
pub(crate) fn plans_text(n: usize) -> String {
    format!("{n} {}", if n == 1 { "plan" } else { "plans" })
}

/// The notebook view of many evaluations: the number of plans and their date (or range),
/// a fictional-data banner when the data says so, the headline status counts over every
/// plan, the rows left out for an unknown territory, then the first [`SHOWN_PLANS`] plans
/// with their score and counts.
///
/// ```
/// use ctg_core::{eval::{evaluate_many, EvalOptions, Rollup}, report::notebook, Lang};
/// let template = ctg_core::plans::sundgau().unwrap();
/// let national = ctg_core::workload::national(&template, 12, 12, 300, 7);
/// let items: Vec<_> = national.iter().map(|t| (&t.plan, &t.observations)).collect();
/// let rollup = Rollup::new(&evaluate_many(&items, &EvalOptions::default()), 0);
/// let html = notebook::evaluations_html(&rollup, Lang::Fr);
/// assert!(html.contains("Évaluation de 12 plans") && html.contains("… et 2 autres plans"));
/// ```
pub fn evaluations_html(rollup: &Rollup, lang: Lang) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "<div class=\"ctg-evaluations\" lang=\"{}\" style=\"font-size:.92em\">",
        lang.code()
    );
    let _ = write!(
        h,
        "<p style=\"margin:.2em 0\"><b>{} {}</b> · {}</p>",
        lang.pick("Évaluation de", "Evaluation of"),
        plans_text(rollup.plans),
        escape(&when(rollup, lang, |d| date(d, lang)))
    );
    if rollup.fictional {
        h.push_str(&banner(lang));
    }
    let _ = write!(
        h,
        "<p style=\"margin:.3em 0\">{} {}{}{}</p>",
        rollup.counts.total(),
        lang.pick("indicateurs", "indicators"),
        colon(lang),
        count_chips(&rollup.counts, lang)
    );
    if rollup.skipped > 0 {
        let _ = write!(
            h,
            "<p style=\"margin:.3em 0\">{} (<code>skipped</code>)</p>",
            escape(&skipped_text(rollup.skipped, lang))
        );
    }
    let shown: Vec<Status> = Status::ALL
        .into_iter()
        .filter(|s| rollup.counts.get(*s) > 0)
        .collect();
    h.push_str("<table class=\"ctg-scores\"><thead><tr>");
    for head in [
        lang.pick("Territoire", "Territory"),
        lang.pick("Nom", "Name"),
        lang.pick("Score", "Score"),
    ] {
        let _ = write!(h, "<th style=\"text-align:left\">{}</th>", escape(head));
    }
    for s in &shown {
        let _ = write!(h, "<th>{}</th>", chip(*s, lang));
    }
    h.push_str("</tr></thead><tbody>");
    for row in rollup.rows.iter().take(SHOWN_PLANS) {
        let _ = write!(
            h,
            "<tr><td><code>{}</code></td><td style=\"text-align:left\">{}</td><td>{}</td>",
            escape(&row.plan_id),
            escape(&row.territory),
            escape(&score_text(row.score, lang))
        );
        for s in &shown {
            let _ = write!(
                h,
                "<td style=\"text-align:right\">{}</td>",
                row.counts.get(*s)
            );
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table>");
    let more = rollup.rows.len().saturating_sub(SHOWN_PLANS);
    let more = if more > 0 {
        format!(
            "… {} {more} {} · ",
            lang.pick("et", "and"),
            lang.pick("autres plans", "more plans")
        )
    } else {
        String::new()
    };
    let _ = write!(
        h,
        "<p style=\"{HINT_STYLE}\">{}{} <code>scores()</code>, <code>to_pandas()</code></p></div>",
        escape(&more),
        lang.pick("tous les plans :", "every plan:"),
    );
    h
}

/// The one-line `repr` of many evaluations: the number of plans, their date (or range),
/// the fictional flag, the number of indicators with their headline status counts (by
/// code), and the rows left out for an unknown territory.
///
/// ```
/// use ctg_core::{eval::Rollup, report::notebook, Lang};
/// let none = Rollup::new(&[], 0);
/// assert_eq!(notebook::evaluations_repr(&none, Lang::Fr), "<Evaluations : 0 plans ; 0 indicateurs>");
/// assert_eq!(notebook::evaluations_repr(&none, Lang::En), "<Evaluations: 0 plans; 0 indicators>");
/// ```
pub fn evaluations_repr(rollup: &Rollup, lang: Lang) -> String {
    let sep = lang.pick(" ; ", "; ");
    let when = match (rollup.as_of, rollup.as_of_range) {
        (Some(d), _) => format!(" {} {d}", lang.pick("au", "as of")),
        (None, Some(r)) => format!(
            " {} {} … {} ({})",
            lang.pick("au", "as of"),
            r.first,
            r.last,
            lang.pick("selon les plans", "depending on the plan")
        ),
        (None, None) => String::new(),
    };
    let mut out = format!(
        "<Evaluations{} {}{when}",
        lang.pick(" :", ":"),
        plans_text(rollup.plans)
    );
    if rollup.fictional {
        out.push_str(lang.pick(", données FICTIVES", ", FICTIONAL data"));
    }
    let _ = write!(
        out,
        "{sep}{} {}",
        rollup.counts.total(),
        lang.pick("indicateurs", "indicators")
    );
    let counts = count_codes(&rollup.counts);
    if !counts.is_empty() {
        let _ = write!(out, " — {counts}");
    }
    if rollup.skipped > 0 {
        let _ = write!(out, "{sep}{}", skipped_text(rollup.skipped, lang));
    }
    out.push('>');
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::eval::{evaluate, EvalOptions};
    use crate::io::{read_csv, IngestOptions};
    use crate::model::Plan;
    use chrono::NaiveDate;

    const HOSTILE: &str = "<script>alert('x')</script> & \"co\"";
    const ESCAPED: &str = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;";

    fn as_of() -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2026, 12, 31)
    }

    fn sundgau(csv: &str) -> Evaluation {
        let plan = crate::plans::sundgau().unwrap();
        let obs = read_csv(&plan, csv.as_bytes(), &IngestOptions::default()).unwrap();
        let as_of = as_of();
        evaluate(
            &plan,
            &obs,
            &EvalOptions {
                as_of,
                ..Default::default()
            },
        )
    }

    /// A plan whose every text is hostile, with a ratio indicator.
    fn hostile() -> Evaluation {
        let q = serde_json::to_string(HOSTILE).unwrap();
        let toml = format!(
            r#"
id = "x"
title = {q}
territory = {q}
period = {{ start = 2025, end = 2029 }}
axes = [{{ number = 1, title = {q} }}]
[[fiches]]
number = 1
title = {q}
axis = 1
schedule = {{ start = 2025, end = 2029 }}
[[fiches.indicators]]
id = "a"
label = {q}
measure = "count"
unit = "<i>u</i>"
target = "> 2"
[[fiches.indicators]]
id = "r"
label = "taux"
measure = "ratio"
target = "≥ 80 %"
"#
        );
        let plan = Plan::from_toml(&toml).unwrap();
        let csv = "# Données fictives\nindicator,date,value,denominator,comment\n\
                   a,2026-01-01,3,,\"<b>x</b>\"\nr,2026-03-01,256,300,\n";
        let obs = read_csv(&plan, csv.as_bytes(), &IngestOptions::default()).unwrap();
        let as_of = as_of();
        evaluate(
            &plan,
            &obs,
            &EvalOptions {
                as_of,
                ..Default::default()
            },
        )
    }

    /// The text of each cell (`<td>…</td>`) of the row of indicator `id`.
    fn cells(html: &str, id: &str) -> Vec<String> {
        let start = html.find(&format!("<code>{id}</code>")).unwrap();
        let row_start = html[..start].rfind("<tr>").unwrap();
        let row_end = row_start + html[row_start..].find("</tr>").unwrap();
        html[row_start..row_end]
            .split("<td")
            .skip(1)
            .map(|c| {
                let c = &c[c.find('>').unwrap() + 1..];
                c[..c.find("</td>").unwrap()].to_string()
            })
            .collect()
    }

    #[test]
    fn one_evaluation_in_french_and_english() {
        let ev = sundgau(
            "# Données fictives\nindicateur;date;valeur\nf2.1;15/09/2026;240\nf8.1;31/12/2026;20\n",
        );
        let fr = evaluation_html(&ev, Lang::Fr);
        assert!(
            fr.starts_with(r#"<div class="ctg-evaluation" lang="fr""#) && fr.ends_with("</div>")
        );
        assert!(fr.contains("Évaluation au 31/12/2026 · score du plan : <b>50\u{a0}%</b>"));
        assert!(fr.contains("DONNÉES FICTIVES"));
        assert!(fr.contains("✔ Atteint</span>") && fr.contains("∅ Sans données</span>"));
        assert!(
            fr.contains("Axe 1 — Se lier de relier pour mieux relayer"),
            "{fr}"
        );
        assert_eq!(fr.matches("<tr><td>").count(), 25);
        // The value, target and explanation are the report's.
        let f21 = cells(&fr, "f2.1");
        let ind = ev.indicator("f2.1").unwrap();
        let opts = ReportOptions::default();
        assert_eq!(
            f21[4],
            escape(&value_text(ind, &ind.headline, Lang::Fr, &opts))
        );
        assert_eq!(f21[4], "240 personnes");
        assert_eq!(f21[3], "2026");
        assert_eq!(
            f21[7],
            escape(&crate::report::explain(
                &ev,
                ind,
                &ind.headline,
                Lang::Fr,
                None
            ))
        );

        let en = evaluation_html(&ev, Lang::En);
        assert!(en.contains(r#"lang="en""#) && en.contains("FICTIONAL DATA"));
        assert!(en.contains("Evaluation as of 2026-12-31 · plan score: <b>50%</b>"));
        assert!(en.contains("✖ Not achieved</span>") && !en.contains("Atteint"));
        let f21 = cells(&en, "f2.1");
        assert_eq!(
            f21[7],
            escape(&crate::report::explain(
                &ev,
                ind,
                &ind.headline,
                Lang::En,
                None
            ))
        );
        assert_ne!(cells(&fr, "f2.1")[7], f21[7]);

        assert_eq!(
            evaluation_repr(&ev, Lang::Fr),
            "<Evaluation sundgau-2025-2029 au 2026-12-31, données FICTIVES : 25 indicateurs — \
             1 achieved, 1 not_achieved, 23 no_data ; score du plan 50 %>"
        );
        assert_eq!(
            evaluation_repr(&ev, Lang::En),
            "<Evaluation sundgau-2025-2029 as of 2026-12-31, FICTIONAL data: 25 indicators — \
             1 achieved, 1 not_achieved, 23 no_data; plan score 50%>"
        );
    }

    #[test]
    fn open_window_is_marked() {
        let plan = crate::plans::sundgau().unwrap();
        let csv = "indicator,date,value\nf8.1,2025-03-10,14\n";
        let obs = read_csv(&plan, csv.as_bytes(), &IngestOptions::default()).unwrap();
        let as_of = NaiveDate::from_ymd_opt(2025, 3, 15);
        let ev = evaluate(
            &plan,
            &obs,
            &EvalOptions {
                as_of,
                ..Default::default()
            },
        );
        // No window is closed yet: the headline is the open year.
        let ind = ev.indicator("f8.1").unwrap();
        assert_eq!(ind.headline.state, crate::eval::WindowState::Open);
        assert_eq!(
            cells(&evaluation_html(&ev, Lang::Fr), "f8.1")[3],
            "2025 (en cours)"
        );
        assert_eq!(
            cells(&evaluation_html(&ev, Lang::En), "f8.1")[3],
            "2025 (open)"
        );
        assert_eq!(
            cells(&evaluation_html(&ev, Lang::Fr), "f8.1")[4],
            "14 actions"
        );
    }

    #[test]
    fn ratios_show_one_decimal_and_percent_like_the_report() {
        let ev = hostile();
        let fr = evaluation_html(&ev, Lang::Fr);
        let en = evaluation_html(&ev, Lang::En);
        // 256 / 300 = 85.333… %: the report's `85,3 %`, not `85,33`.
        assert_eq!(cells(&fr, "r")[4], "85,3\u{a0}%");
        assert_eq!(cells(&en, "r")[4], "85.3%");
        let md = crate::report::render_markdown(&ev, &ReportOptions::default());
        assert!(md.contains("| 85,3\u{a0}% |"), "{md}");
    }

    #[test]
    fn every_text_is_escaped() {
        let ev = hostile();
        for lang in [Lang::Fr, Lang::En] {
            let html = evaluation_html(&ev, lang);
            assert!(!html.contains("<script>") && !html.contains("<i>") && !html.contains("<b>x"));
            assert!(html.contains(ESCAPED), "{html}");
            // Title, territory, axis title and label.
            assert!(html.matches(ESCAPED).count() >= 4);
            let rollup = Rollup::new([&ev, &ev], 1);
            let many = evaluations_html(&rollup, lang);
            assert!(!many.contains("<script>"));
            assert_eq!(many.matches(ESCAPED).count(), 2);
        }
    }

    #[test]
    fn many_evaluations() {
        let a = sundgau("indicateur;date;valeur\nf8.1;31/12/2026;30\n");
        let b = sundgau("# Données fictives\nindicateur;date;valeur\nf8.1;31/12/2026;20\n");
        let rollup = Rollup::new([&a, &b], 2);
        assert_eq!(
            evaluations_repr(&rollup, Lang::Fr),
            "<Evaluations : 2 plans au 2026-12-31, données FICTIVES ; 50 indicateurs — \
             1 achieved, 1 not_achieved, 48 no_data ; 2 ligne(s) de territoire inconnu écartée(s)>"
        );
        assert_eq!(
            evaluations_repr(&rollup, Lang::En),
            "<Evaluations: 2 plans as of 2026-12-31, FICTIONAL data; 50 indicators — \
             1 achieved, 1 not_achieved, 48 no_data; 2 row(s) of unknown territory skipped>"
        );
        let fr = evaluations_html(&rollup, Lang::Fr);
        assert!(
            fr.starts_with(r#"<div class="ctg-evaluations" lang="fr""#) && fr.ends_with("</div>")
        );
        assert!(fr.contains("<b>Évaluation de 2 plans</b> · au 31/12/2026"));
        assert!(fr.contains("DONNÉES FICTIVES") && fr.contains("2 ligne(s) de territoire"));
        assert!(fr.contains("50 indicateurs : 1 × "));
        assert_eq!(
            fr.matches("<tr><td><code>sundgau-2025-2029</code>").count(),
            2
        );
        assert!(fr.contains("<td>100\u{a0}%</td>") && fr.contains("<td>0\u{a0}%</td>"));
        assert!(!fr.contains("autres plans"));
        let en = evaluations_html(&rollup, Lang::En);
        assert!(en.contains("<b>Evaluation of 2 plans</b> · as of 2026-12-31"));
        assert!(en.contains("50 indicators: 1 × ") && en.contains("FICTIONAL DATA"));

        // Dates that differ: the range.
        let c = {
            let plan = crate::plans::sundgau().unwrap();
            let csv = "indicator,date,value\nf8.1,2026-06-30,9\n";
            let obs = read_csv(&plan, csv.as_bytes(), &IngestOptions::default()).unwrap();
            evaluate(&plan, &obs, &EvalOptions::default())
        };
        let mixed = Rollup::new([&a, &c], 0);
        assert!(evaluations_repr(&mixed, Lang::Fr)
            .starts_with("<Evaluations : 2 plans au 2026-06-30 … 2026-12-31 (selon les plans) ; "));
        assert!(evaluations_html(&mixed, Lang::Fr)
            .contains("au 30/06/2026 … 31/12/2026 (dernière observation de chaque plan)"));

        // Many plans: the first ten are listed.
        let twelve: Vec<&Evaluation> = std::iter::repeat_n(&a, 12).collect();
        let html = evaluations_html(&Rollup::new(twelve, 0), Lang::En);
        assert_eq!(html.matches("<tr><td><code>").count(), SHOWN_PLANS);
        assert!(html.contains("… and 2 more plans · every plan:"));
    }
}
