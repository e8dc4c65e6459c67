//! The self-contained HTML COPIL report.

use std::fmt::Write as _;

use super::escape::escape;
use super::svg::series_chart;
use super::view::{colon, fictional_banner, score_text, scoring_rule, shown_fiches, IndicatorView};
use super::ReportOptions;
use crate::eval::{Evaluation, Status, StatusCounts};
use crate::fmt::{date, percent};
use crate::Lang;

const CSS: &str = r#"
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: #1f2328; margin: 0 auto; max-width: 190mm; padding: 12px; font-size: 10.5pt; line-height: 1.4; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
h1 { font-size: 18pt; margin: 0 0 4px; }
h2 { font-size: 14pt; border-bottom: 2px solid #1f2328; padding-bottom: 2px; margin: 22px 0 8px; }
h3 { font-size: 12pt; margin: 14px 0 4px; }
h4 { font-size: 10.5pt; margin: 0; }
.meta { color: #424a53; margin: 0 0 8px; }
.fictional { border: 2px dashed #9a6700; background: #fff8c5; padding: 6px 10px; font-weight: bold; margin: 8px 0; }
.summary { display: flex; gap: 18px; flex-wrap: wrap; align-items: flex-start; }
.plan-score { font-size: 28pt; font-weight: bold; }
.axes { flex: 1; min-width: 260px; }
.axis-row { display: grid; grid-template-columns: 1fr 160px 48px; gap: 6px; align-items: center; margin: 3px 0; }
.track { height: 12px; background: #eaeef2; border: 1px solid #8c959f; position: relative; }
.fill { height: 100%; background: #0969da; }
.counts { display: flex; flex-wrap: wrap; gap: 6px; margin: 8px 0; }
.chip { display: inline-block; border: 1px solid #57606a; border-radius: 10px; padding: 0 8px; font-size: 9pt; white-space: nowrap; color: #1f2328; }
.chip .i { font-weight: bold; }
.fiche { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 10px; margin: 10px 0; break-inside: avoid; page-break-inside: avoid; }
.objective { color: #424a53; font-style: italic; margin: 2px 0 6px; }
.ind { border-top: 1px solid #eaeef2; padding: 6px 0; display: grid; grid-template-columns: 1fr auto; gap: 4px 12px; }
.ind .head { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
.ind .id { color: #57606a; font-size: 9pt; }
.vt { font-size: 9.5pt; }
.progress { width: 180px; }
.progress .track { height: 10px; }
.progress .mark { position: absolute; top: -3px; bottom: -3px; width: 2px; background: #1f2328; left: 66.67%; }
.explanation { grid-column: 1 / -1; margin: 0; font-size: 9.5pt; }
.chart { grid-column: 1 / -1; max-width: 100%; height: auto; }
.chart .axis { font-size: 8px; fill: #424a53; }
.chart .val { font-size: 8px; fill: #1f2328; }
.chart .nodata { font-size: 9px; fill: #57606a; }
.diag li { margin: 2px 0; }
footer { margin-top: 20px; color: #57606a; font-size: 8.5pt; border-top: 1px solid #d0d7de; padding-top: 6px; }
@media print { body { padding: 0; } h2 { break-after: avoid; } }
"#;

/// The chip rules of every status, from the core's colours (`.s-achieved { … }`).
fn status_css() -> String {
    let mut css = String::new();
    for s in Status::ALL {
        let _ = writeln!(
            css,
            ".s-{} {{ background: {}; color: {}; }}",
            s.code(),
            s.colour(),
            s.ink()
        );
    }
    css.push_str(".s-no_data { border-style: dashed; }\n");
    css
}

fn chip(s: Status, lang: Lang, extra: &str) -> String {
    format!(
        r#"<span class="chip s-{code}" data-status="{code}"><span class="i" aria-hidden="true">{icon}</span> {label}{extra}</span>"#,
        code = s.code(),
        icon = s.icon(),
        label = escape(s.label(lang)),
    )
}

fn counts_chips(c: &StatusCounts, lang: Lang) -> String {
    Status::ALL
        .iter()
        .filter(|s| c.get(**s) > 0)
        .map(|s| chip(*s, lang, &format!("{}{}", colon(lang), c.get(*s))))
        .collect::<Vec<_>>()
        .join(" ")
}

fn bar(score: Option<f64>) -> String {
    let w = score.map_or(0.0, |s| (s * 100.0).clamp(0.0, 100.0));
    format!(
        r#"<div class="track" aria-hidden="true"><div class="fill" style="width:{w:.1}%"></div></div>"#
    )
}

/// The value-vs-target bar: the achievement ratio, 100 % at two thirds of the width so that
/// over-achievement (up to 150 %) shows; decreasing and relative targets are already
/// normalised by the ratio.
fn progress(achievement: Option<f64>, status: Status, lang: Lang) -> String {
    let Some(a) = achievement else {
        return String::new();
    };
    let w = (a.clamp(0.0, 1.5) / 1.5 * 100.0).max(0.5);
    format!(
        r#"<div class="progress" role="img" aria-label="{label}"><div class="track"><div class="fill s-{code}" style="width:{w:.1}%"></div><div class="mark"></div></div><span class="vt">{text}</span></div>"#,
        label = escape(&format!(
            "{} {}",
            lang.pick("taux de réalisation", "achievement"),
            percent(a * 100.0, 0, lang)
        )),
        code = status.code(),
        text = escape(&format!(
            "{} {}",
            lang.pick("réalisation", "achievement"),
            percent(a * 100.0, 0, lang)
        )),
    )
}

/// Render an evaluation as one self-contained HTML document (inline CSS and SVG, no
/// script, no network), printable on A4: header with a fictional-data banner when the
/// input says so, plan summary (axis scores as bars, status counts), then per axis and
/// fiche each indicator's status chip, value vs target, achievement bar, chart and
/// explanation, then diagnostics. Every text is escaped.
///
/// ```
/// use ctg_core::{eval::{evaluate, EvalOptions}, io::Observations, report::{render_html, ReportOptions}};
/// let plan = ctg_core::plans::sundgau().unwrap();
/// let ev = evaluate(&plan, &Observations::default(), &EvalOptions::default());
/// let html = render_html(&ev, &ReportOptions::default());
/// assert!(html.starts_with("<!DOCTYPE html>") && html.contains(r#"lang="fr""#));
/// assert_eq!(html.matches(r#"class="ind""#).count(), 25);
/// ```
pub fn render_html(ev: &Evaluation, opts: &ReportOptions) -> String {
    let lang = opts.lang;
    let c = colon(lang);
    let mut o = String::new();
    let title = format!(
        "{} — {} {}",
        ev.plan_title,
        lang.pick("bilan au", "review as of"),
        date(ev.as_of, lang)
    );
    let _ = write!(
        o,
        r#"<!DOCTYPE html><html lang="{code}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>{t}</title><style>{CSS}{status}</style></head><body>"#,
        code = lang.code(),
        t = escape(&title),
        status = status_css()
    );
    let _ = write!(
        o,
        r#"<header><h1>{}</h1><p class="meta">{}{c}{} · {} {} · {} {}</p>"#,
        escape(&ev.plan_title),
        lang.pick("Territoire", "Territory"),
        escape(&ev.territory),
        lang.pick("Période", "Period"),
        ev.period,
        lang.pick("Évaluation au", "As of"),
        date(ev.as_of, lang)
    );
    if ev.fictional {
        let _ = write!(
            o,
            r#"<p class="fictional" role="note">⚠ {}</p>"#,
            escape(fictional_banner(lang))
        );
    }
    if let Some(t) = opts.suppress_below {
        let _ = write!(
            o,
            r#"<p class="meta">{}</p>"#,
            escape(&match lang {
                Lang::Fr => format!(
                    "Secret statistique : les effectifs inférieurs à {t} sont affichés « < {t} »."
                ),
                Lang::En =>
                    format!("Statistical confidentiality: counts below {t} are shown as “< {t}”."),
            })
        );
    }
    o.push_str("</header><main>");

    // Summary.
    let _ = write!(
        o,
        r#"<section id="synthese" aria-labelledby="h-synthese"><h2 id="h-synthese">{}</h2><div class="summary"><div><div class="plan-score" data-score="{}">{}</div><div class="meta">{}</div></div><div class="axes">"#,
        lang.pick("Synthèse", "Summary"),
        ev.plan.score.map(|s| format!("{s:.4}")).unwrap_or_default(),
        score_text(ev.plan.score, lang),
        lang.pick("score du plan", "plan score"),
    );
    for axis in ev.axes.iter().filter(|a| opts.includes_axis(a.axis)) {
        let _ = write!(
            o,
            r#"<div class="axis-row"><span>{} {} — {}</span>{}<strong>{}</strong></div>"#,
            lang.pick("Axe", "Axis"),
            axis.axis,
            escape(&axis.title),
            bar(axis.score),
            score_text(axis.score, lang)
        );
    }
    let _ = write!(
        o,
        r#"</div></div><div class="counts">{}</div><p class="meta">{}</p></section>"#,
        counts_chips(&ev.plan.counts, lang),
        escape(scoring_rule(lang))
    );

    // Axes and fiches.
    for axis in ev.axes.iter().filter(|a| opts.includes_axis(a.axis)) {
        let fiches = shown_fiches(ev, axis.axis, opts);
        if fiches.is_empty() {
            continue;
        }
        let _ = write!(
            o,
            r#"<section class="axe" aria-labelledby="h-axe-{n}"><h2 id="h-axe-{n}">{} {n} — {} <small>({} {})</small></h2>"#,
            lang.pick("Axe", "Axis"),
            escape(&axis.title),
            lang.pick("score", "score"),
            score_text(axis.score, lang),
            n = axis.axis,
        );
        for fiche in fiches {
            let _ = write!(
                o,
                r#"<article class="fiche" id="fiche-{n}" aria-labelledby="h-fiche-{n}"><h3 id="h-fiche-{n}">{} {n} — {} <small>({} {})</small></h3>"#,
                lang.pick("Fiche", "Fiche"),
                escape(&fiche.title),
                lang.pick("score", "score"),
                score_text(fiche.score, lang),
                n = fiche.fiche,
            );
            if !fiche.objective.is_empty() {
                let _ = write!(
                    o,
                    r#"<p class="objective">{}{c}{}</p>"#,
                    lang.pick("Objectif", "Objective"),
                    escape(&fiche.objective)
                );
            }
            for ind in ev.indicators.iter().filter(|i| i.fiche == fiche.fiche) {
                let v = IndicatorView::new(ev, ind, opts);
                let h = v.headline;
                let _ = write!(
                    o,
                    r#"<div class="ind" data-indicator="{id}" data-status="{code}"><div><div class="head">{chip}<h4>{label}</h4><span class="id">{id}</span></div><div class="vt">{vl}{c}<strong>{val}</strong> · {tl}{c}<strong>{tgt}</strong></div></div>{prog}<p class="explanation">{expl}</p>{chart}</div>"#,
                    id = escape(&ind.id),
                    code = h.status.code(),
                    chip = chip(h.status, lang, ""),
                    label = escape(&ind.label),
                    vl = lang.pick("Valeur", "Value"),
                    val = escape(&v.value),
                    tl = lang.pick("Cible", "Target"),
                    tgt = escape(&v.target),
                    prog = progress(v.achievement, h.status, lang),
                    expl = escape(&v.explanation),
                    chart = series_chart(&v, lang).unwrap_or_default(),
                );
            }
            o.push_str("</article>");
        }
        o.push_str("</section>");
    }

    // Diagnostics.
    let d = &ev.diagnostics;
    let _ = write!(
        o,
        r#"<section id="diagnostics" class="diag" aria-labelledby="h-diag"><h2 id="h-diag">{}</h2><ul><li>{}{c}{}</li><li>{}{c}{}</li><li>{}{c}{}</li>"#,
        lang.pick("Diagnostics", "Diagnostics"),
        lang.pick("Observations utilisées", "Observations used"),
        d.used,
        lang.pick(
            "Ignorées car postérieures à la date d'évaluation",
            "Ignored, after the as-of date"
        ),
        d.after_as_of,
        lang.pick(
            "Ignorées car hors de la période du plan",
            "Ignored, outside the plan period"
        ),
        d.outside_period,
    );
    for issue in &d.rejected {
        let _ = write!(
            o,
            r#"<li class="rejected">{}</li>"#,
            escape(&issue.render(lang))
        );
    }
    for note in &super::notes(ev, lang) {
        let _ = write!(
            o,
            "<li>{}{c}{}</li>",
            lang.pick("Note", "Note"),
            escape(note)
        );
    }
    let _ = writeln!(
        o,
        "</ul></section></main><footer>{} ctg {} · {}</footer></body></html>",
        lang.pick("Produit par", "Made with"),
        env!("CARGO_PKG_VERSION"),
        escape(&ev.plan_id)
    );
    o
}
