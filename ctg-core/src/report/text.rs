//! Plain-text report for the terminal.

use std::fmt::Write as _;

use super::ReportOptions;
use crate::eval::{Evaluation, Status, StatusCounts};
use crate::fmt::date;
use crate::Lang;

const WIDTH: usize = 100;

/// Wrap `text` at `WIDTH` columns, every line after the first indented by `indent` spaces.
fn wrap(text: &str, first_indent: usize, indent: usize) -> String {
    let mut out = String::new();
    let mut col = first_indent;
    let mut first = true;
    for word in text.split(' ') {
        let len = word.chars().count();
        if !first && col + 1 + len > WIDTH {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            col = indent;
        } else if !first {
            out.push(' ');
            col += 1;
        }
        out.push_str(word);
        col += len;
        first = false;
    }
    out
}

fn counts_line(c: &StatusCounts, lang: Lang) -> String {
    Status::ALL
        .iter()
        .filter(|s| c.get(**s) > 0)
        .map(|s| {
            format!(
                "{} {} {}",
                s.icon(),
                c.get(*s),
                s.label(lang).to_lowercase()
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Render an evaluation as a plain-text report: header (with a banner when the data is
/// fictional), then per axis and fiche each indicator's headline status and explanation,
/// then the scores and the diagnostics.
///
/// ```
/// use ctg_core::{eval::{evaluate, EvalOptions}, io::Observations, Lang};
/// use ctg_core::report::{render_text, ReportOptions};
/// let plan = ctg_core::plans::sundgau().unwrap();
/// let ev = evaluate(&plan, &Observations::default(), &EvalOptions::default());
/// let text = render_text(&ev, &ReportOptions::default());
/// assert!(text.contains("FICHE 7"));
/// let en = render_text(&ev, &ReportOptions { lang: Lang::En, ..Default::default() });
/// assert!(en.contains("AXIS 1"));
/// ```
pub fn render_text(ev: &Evaluation, opts: &ReportOptions) -> String {
    let lang = opts.lang;
    let c = super::view::colon(lang);
    let mut o = String::new();
    let rule = "═".repeat(WIDTH);
    let _ = writeln!(o, "{rule}");
    let _ = writeln!(o, "{}", wrap(&ev.plan_title, 0, 0));
    let _ = writeln!(
        o,
        "{}{c}{} · {} {} · {} {}",
        lang.pick("Territoire", "Territory"),
        ev.territory,
        lang.pick("période", "period"),
        ev.period,
        lang.pick("évaluation au", "as of"),
        date(ev.as_of, lang)
    );
    if ev.fictional {
        let _ = writeln!(
            o,
            "{}",
            lang.pick(
                "⚠ DONNÉES FICTIVES : les observations de ce rapport sont inventées pour l'exemple.",
                "⚠ FICTIONAL DATA: the observations in this report are made up for the example."
            )
        );
    }
    let _ = writeln!(o, "{rule}");

    for axis in ev.axes.iter().filter(|a| opts.includes_axis(a.axis)) {
        let fiches = super::view::shown_fiches(ev, axis.axis, opts);
        if fiches.is_empty() {
            continue;
        }
        let _ = writeln!(o);
        let head = format!(
            "{} {} — {}",
            lang.pick("AXE", "AXIS"),
            axis.axis,
            axis.title
        );
        let _ = writeln!(
            o,
            "{head}  [score {}]",
            super::view::score_text(axis.score, lang)
        );
        let _ = writeln!(o, "{}", "─".repeat(WIDTH));
        for fiche in fiches {
            let _ = writeln!(
                o,
                "\n  {}",
                wrap(
                    &format!(
                        "FICHE {} — {}  [score {}]",
                        fiche.fiche,
                        fiche.title,
                        super::view::score_text(fiche.score, lang)
                    ),
                    2,
                    4
                )
            );
            for ind in ev.indicators.iter().filter(|i| i.fiche == fiche.fiche) {
                let h = &ind.headline;
                let tag = format!(
                    "    {} {:<14} {:<6} ",
                    h.status.icon(),
                    h.status.label(lang),
                    ind.id
                );
                let indent = tag.chars().count();
                let sentence = super::explain(ev, ind, h, lang, opts.threshold());
                let _ = writeln!(o, "{tag}{}", wrap(&sentence, indent, indent));
            }
        }
    }

    let _ = writeln!(o, "\n{rule}");
    let _ = writeln!(o, "{}", lang.pick("SCORES", "SCORES"));
    let _ = writeln!(
        o,
        "  {}{c}{}  ({})",
        lang.pick("Plan", "Plan"),
        super::view::score_text(ev.plan.score, lang),
        counts_line(&ev.plan.counts, lang)
    );
    for axis in &ev.axes {
        let _ = writeln!(
            o,
            "  {} {}{c}{}  ({} {}/{})",
            lang.pick("Axe", "Axis"),
            axis.axis,
            super::view::score_text(axis.score, lang),
            lang.pick("fiches notées", "fiches scored"),
            axis.fiches_scored,
            axis.fiches
        );
    }
    let _ = writeln!(
        o,
        "  {}",
        wrap(
            lang.pick(
                "Barème : atteint et en bonne voie 1, à surveiller 0,5, non atteint 0 ; suivis, sans données et non évaluables hors score.",
                "Scoring: achieved and on track 1, at risk 0.5, not achieved 0; tracked, no data and not evaluable are left out."
            ),
            2,
            2
        )
    );

    let d = &ev.diagnostics;
    let _ = writeln!(o, "\n{}", lang.pick("DIAGNOSTICS", "DIAGNOSTICS"));
    let _ = writeln!(
        o,
        "  {} {} · {} {} · {} {}",
        lang.pick("observations utilisées", "observations used"),
        d.used,
        lang.pick(
            "ignorées (après la date d'évaluation)",
            "ignored (after as-of)"
        ),
        d.after_as_of,
        lang.pick("ignorées (hors période)", "ignored (outside period)"),
        d.outside_period
    );
    for issue in &d.rejected {
        let _ = writeln!(
            o,
            "  {}",
            wrap(
                &format!(
                    "{} {}",
                    lang.pick("rejetée :", "rejected:"),
                    issue.render(lang)
                ),
                2,
                4
            )
        );
    }
    for note in super::notes(ev, lang) {
        let _ = writeln!(o, "  {}", wrap(&format!("note{c}{note}"), 2, 4));
    }
    o
}
