//! The COPIL report in Markdown, for wikis and e-mails.

use std::fmt::Write as _;

use super::escape::escape_markdown as md;
use super::view::{colon, fictional_banner, score_text, scoring_rule, shown_fiches, IndicatorView};
use super::ReportOptions;
use crate::eval::{Evaluation, Status};
use crate::fmt::{date, percent};
use crate::Lang;

/// Render an evaluation as Markdown: the same content as [`super::render_html`] with tables
/// instead of charts (status shown with its icon and label, never colour alone).
///
/// ```
/// use ctg_core::{eval::{evaluate, EvalOptions}, io::Observations, report::{render_markdown, ReportOptions}};
/// let plan = ctg_core::plans::sundgau().unwrap();
/// let ev = evaluate(&plan, &Observations::default(), &EvalOptions::default());
/// let md = render_markdown(&ev, &ReportOptions::default());
/// assert!(md.starts_with("# "));
/// assert!(md.contains("| f7.1 |"));
/// ```
pub fn render_markdown(ev: &Evaluation, opts: &ReportOptions) -> String {
    let lang = opts.lang;
    let c = colon(lang);
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", md(&ev.plan_title));
    let _ = writeln!(
        o,
        "**{}**{c}{} · **{}**{c}{} · **{}** {}\n",
        lang.pick("Territoire", "Territory"),
        md(&ev.territory),
        lang.pick("Période", "Period"),
        ev.period,
        lang.pick("Évaluation au", "As of"),
        date(ev.as_of, lang),
    );
    if ev.fictional {
        let _ = writeln!(o, "> ⚠ **{}**\n", md(fictional_banner(lang)));
    }
    if let Some(t) = opts.suppress_below {
        let _ = writeln!(
            o,
            "{}\n",
            match lang {
                Lang::Fr => format!("*Secret statistique : les effectifs inférieurs à {t} sont affichés « &lt; {t} ».*"),
                Lang::En => format!("*Statistical confidentiality: counts below {t} are shown as “&lt; {t}”.*"),
            }
        );
    }

    let _ = writeln!(o, "## {}\n", lang.pick("Synthèse", "Summary"));
    let _ = writeln!(
        o,
        "{}{c}**{}**\n",
        lang.pick("Score du plan", "Plan score"),
        score_text(ev.plan.score, lang)
    );
    let _ = writeln!(
        o,
        "| {} | {} | {} |",
        lang.pick("Axe", "Axis"),
        lang.pick("Score", "Score"),
        lang.pick("Fiches notées", "Fiches scored")
    );
    o.push_str("|---|---:|---:|\n");
    for a in ev.axes.iter().filter(|a| opts.includes_axis(a.axis)) {
        let _ = writeln!(
            o,
            "| {} — {} | {} | {}/{} |",
            a.axis,
            md(&a.title),
            score_text(a.score, lang),
            a.fiches_scored,
            a.fiches
        );
    }
    let counts: Vec<String> = Status::ALL
        .iter()
        .filter(|s| ev.plan.counts.get(**s) > 0)
        .map(|s| {
            format!(
                "{} {}{c}{}",
                s.icon(),
                s.label(lang),
                ev.plan.counts.get(*s)
            )
        })
        .collect();
    let _ = writeln!(o, "\n{}\n", counts.join(" · "));
    let _ = writeln!(o, "*{}*\n", md(scoring_rule(lang)));

    for axis in ev.axes.iter().filter(|a| opts.includes_axis(a.axis)) {
        let fiches = shown_fiches(ev, axis.axis, opts);
        if fiches.is_empty() {
            continue;
        }
        let _ = writeln!(
            o,
            "## {} {} — {} ({} {})\n",
            lang.pick("Axe", "Axis"),
            axis.axis,
            md(&axis.title),
            lang.pick("score", "score"),
            score_text(axis.score, lang)
        );
        for fiche in fiches {
            let _ = writeln!(
                o,
                "### {} {} — {} ({} {})\n",
                lang.pick("Fiche", "Fiche"),
                fiche.fiche,
                md(&fiche.title),
                lang.pick("score", "score"),
                score_text(fiche.score, lang)
            );
            if !fiche.objective.is_empty() {
                let _ = writeln!(
                    o,
                    "*{}{}* {}\n",
                    lang.pick("Objectif", "Objective"),
                    c.trim_end(),
                    md(&fiche.objective)
                );
            }
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {} |",
                lang.pick("Id", "Id"),
                lang.pick("Indicateur", "Indicator"),
                lang.pick("Valeur", "Value"),
                lang.pick("Cible", "Target"),
                lang.pick("Statut", "Status"),
                lang.pick("Réalisation", "Achievement")
            );
            o.push_str("|---|---|---|---|---|---:|\n");
            let mut sentences = Vec::new();
            for ind in ev.indicators.iter().filter(|i| i.fiche == fiche.fiche) {
                let v = IndicatorView::new(ev, ind, opts);
                let s = v.headline.status;
                let _ = writeln!(
                    o,
                    "| {} | {} | {} | {} | {} {} | {} |",
                    md(&ind.id),
                    md(&ind.label),
                    md(&v.value),
                    md(&v.target),
                    s.icon(),
                    s.label(lang),
                    v.achievement
                        .map(|a| percent(a * 100.0, 0, lang))
                        .unwrap_or_else(|| "—".into())
                );
                sentences.push(format!("- {}", md(&v.explanation)));
            }
            let _ = writeln!(o, "\n{}\n", sentences.join("\n"));
        }
    }

    let d = &ev.diagnostics;
    let _ = writeln!(o, "## {}\n", lang.pick("Diagnostics", "Diagnostics"));
    let _ = writeln!(
        o,
        "- {}{c}{}",
        lang.pick("Observations utilisées", "Observations used"),
        d.used
    );
    let _ = writeln!(
        o,
        "- {}{c}{}",
        lang.pick(
            "Ignorées car postérieures à la date d'évaluation",
            "Ignored, after the as-of date"
        ),
        d.after_as_of
    );
    let _ = writeln!(
        o,
        "- {}{c}{}",
        lang.pick(
            "Ignorées car hors de la période du plan",
            "Ignored, outside the plan period"
        ),
        d.outside_period
    );
    for issue in &d.rejected {
        let _ = writeln!(o, "- {}", md(&issue.render(lang)));
    }
    for note in &super::notes(ev, lang) {
        let _ = writeln!(o, "- {}{c}{}", lang.pick("Note", "Note"), md(note));
    }
    o
}
