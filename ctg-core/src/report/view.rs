//! What reports show of an evaluation: formatted values, series and sentences, shared by
//! the HTML, Markdown and CSV renderers.

use chrono::Datelike;

use super::ReportOptions;
use crate::eval::{
    Evaluation, FicheScore, IndicatorEvaluation, ResultKind, Status, WindowResult, WindowState,
};
use crate::fmt::{date, month, number, percent};
use crate::model::{Measure, Window};
use crate::Lang;

/// The report's view of one indicator.
pub(crate) struct IndicatorView<'a> {
    pub ind: &'a IndicatorEvaluation,
    pub headline: &'a WindowResult,
    pub value: String,
    pub target: String,
    /// The achievement ratio, unless hidden by suppression.
    pub achievement: Option<f64>,
    pub explanation: String,
    /// The windows charted: the indicator's windows (years, months, weeks…).
    pub points: Vec<Point>,
}

/// One bar of an indicator's chart.
pub(crate) struct Point {
    pub label: String,
    /// The year the window belongs to (the ISO year for weeks).
    pub year: i32,
    pub value: Option<f64>,
    pub suppressed: bool,
    pub status: Status,
    /// The level to reach in that window (threshold or trajectory).
    pub expected: Option<f64>,
}

/// Whether a count is hidden by small-count suppression.
pub(crate) fn hidden(ind: &IndicatorEvaluation, v: Option<f64>, opts: &ReportOptions) -> bool {
    matches!(ind.measure, Measure::Count | Measure::DistinctCount)
        && matches!((v, opts.threshold()), (Some(v), Some(t)) if v < t)
}

/// A result's value as text (`212 personnes`, `85,3 %`, `réalisé le 12/05/2025`, `< 5`).
pub(crate) fn value_text(
    ind: &IndicatorEvaluation,
    r: &WindowResult,
    lang: Lang,
    opts: &ReportOptions,
) -> String {
    if let Some(a) = r.assessment {
        return a.label(lang).to_string();
    }
    if ind.measure == Measure::Milestone {
        return match (r.done_on, r.value) {
            (Some(d), _) => format!("{} {}", lang.pick("réalisé le", "done on"), date(d, lang)),
            (None, Some(_)) => lang.pick("pas encore réalisé", "not done yet").to_string(),
            (None, None) => "—".to_string(),
        };
    }
    let Some(v) = r.value else {
        return "—".to_string();
    };
    let text = quantity(ind.measure, ind.unit_in_force(), v, lang, opts.threshold());
    if r.kind == ResultKind::YearSummary {
        let per = match ind.window {
            Window::Week => lang.pick("par semaine en moyenne", "per week on average"),
            Window::Month => lang.pick("par mois en moyenne", "per month on average"),
            Window::Quarter => lang.pick("par trimestre en moyenne", "per quarter on average"),
            Window::HalfYear => lang.pick("par semestre en moyenne", "per half-year on average"),
            // Not summarised per year.
            Window::Year | Window::Plan => lang.pick("par an en moyenne", "per year on average"),
        };
        format!("{text} {per}")
    } else {
        text
    }
}

/// A number with its unit in force (`212 personnes`, `12,5 %`), a ratio as a percentage,
/// a suppressed count as `< 5`: the one formatting of a value for reports and
/// explanations.
pub(crate) fn quantity(
    measure: Measure,
    unit: Option<&str>,
    v: f64,
    lang: Lang,
    threshold: Option<f64>,
) -> String {
    if measure == Measure::Ratio {
        return percent(v, 1, lang);
    }
    let counted = matches!(measure, Measure::Count | Measure::DistinctCount);
    let n = match threshold {
        Some(t) if counted && v < t => super::explain::suppressed_text(t, lang),
        _ => number(v, 1, lang),
    };
    match unit.map(str::trim) {
        Some("%") => format!("{n}{}", lang.pick("\u{a0}%", "%")),
        Some(u) if !u.is_empty() => format!("{n} {u}"),
        _ => n,
    }
}

/// The target of a result as text (`> 200`, `—` without one); a target that depends on the
/// year (levels due in a year, schedules) also gives the result's year and its level
/// (`55 % en 2025, 60 % en 2030 (2026 : 56 %)`).
pub(crate) fn target_cell(ind: &IndicatorEvaluation, r: &WindowResult, lang: Lang) -> String {
    match (ind.target.as_ref(), r.year_target.as_ref()) {
        (Some(t), Some(yt)) => format!(
            "{} ({}{}{})",
            t.display(lang),
            yt.year,
            colon(lang),
            super::explain::year_level_text(yt, lang)
        ),
        (Some(t), None) => t.display(lang),
        (None, _) => "—".to_string(),
    }
}

/// A result's window as text: its [`window_label`], and for the open window the mark
/// `(en cours)` / `(open)`.
pub(crate) fn window_text(r: &WindowResult, lang: Lang) -> String {
    let label = window_label(r, lang);
    if r.state == WindowState::Open {
        format!("{label} ({})", lang.pick("en cours", "open"))
    } else {
        label
    }
}

/// The colon of the language: `Valeur : 3` in French, `Value: 3` in English.
pub(crate) fn colon(lang: Lang) -> &'static str {
    lang.pick(" : ", ": ")
}

/// A window's short label for charts and tables (`2026`, `sem. 12 2026` / `wk 12 2026`,
/// `mars 2026`, `T1 2026` / `Q1 2026`, `S1 2026` / `H1 2026`); weeks and their summaries are
/// labelled with their ISO year. The one label of a window for every runtime.
///
/// ```
/// use ctg_core::{eval::{evaluate, EvalOptions}, io::Observations, model::Window};
/// use ctg_core::{report::window_label, Lang};
/// let plan = ctg_core::plans::sundgau().unwrap();
/// let as_of = chrono::NaiveDate::from_ymd_opt(2026, 12, 31);
/// let ev = evaluate(&plan, &Observations::default(), &EvalOptions { as_of, ..Default::default() });
/// let monthly = ev.indicators.iter().find(|i| i.window == Window::Month).unwrap();
/// assert_eq!(window_label(&monthly.windows[2], Lang::Fr), "mars 2025");
/// assert_eq!(window_label(&monthly.yearly[0], Lang::Fr), "2025");
/// ```
pub fn window_label(r: &WindowResult, lang: Lang) -> String {
    match (r.kind, r.window) {
        (ResultKind::YearSummary, _) | (_, Window::Year) => r.year().to_string(),
        (_, Window::Week) => format!(
            "{} {} {}",
            lang.pick("sem.", "wk"),
            r.start.iso_week().week(),
            r.year()
        ),
        (_, Window::Month) => month(r.start, lang),
        (_, Window::Quarter) => format!(
            "{}{} {}",
            lang.pick("T", "Q"),
            r.start.month0() / 3 + 1,
            r.year()
        ),
        (_, Window::HalfYear) => format!(
            "{}{} {}",
            lang.pick("S", "H"),
            r.start.month0() / 6 + 1,
            r.year()
        ),
        (_, Window::Plan) => format!("{} – {}", date(r.start, lang), date(r.end, lang)),
    }
}

impl<'a> IndicatorView<'a> {
    pub fn new(ev: &Evaluation, ind: &'a IndicatorEvaluation, opts: &ReportOptions) -> Self {
        let lang = opts.lang;
        let h = &ind.headline;
        let suppressed = hidden(ind, h.value, opts);
        let points = ind
            .windows
            .iter()
            .map(|r| Point {
                label: window_label(r, lang),
                year: r.year(),
                value: r.value,
                suppressed: hidden(ind, r.value, opts),
                status: r.status,
                expected: r.expected,
            })
            .collect();
        IndicatorView {
            ind,
            headline: h,
            value: value_text(ind, h, lang, opts),
            target: target_cell(ind, h, lang),
            achievement: if suppressed { None } else { h.achievement },
            explanation: super::explain(ev, ind, h, lang, opts.threshold()),
            points,
        }
    }
}

/// The fiches of an axis that the options show, in plan order.
pub(crate) fn shown_fiches<'e>(
    ev: &'e Evaluation,
    axis: u32,
    opts: &ReportOptions,
) -> Vec<&'e FicheScore> {
    ev.fiches
        .iter()
        .filter(|f| f.axis == axis && opts.includes(f.fiche, f.axis))
        .collect()
}

/// Score as a percentage, or a dash.
pub(crate) fn score_text(s: Option<f64>, lang: Lang) -> String {
    s.map(|s| percent(s * 100.0, 0, lang))
        .unwrap_or_else(|| "—".to_string())
}

/// The fictional-data banner.
pub(crate) fn fictional_banner(lang: Lang) -> &'static str {
    lang.pick(
        "Données fictives : les observations de ce rapport sont inventées pour l'exemple ; aucun chiffre ne décrit la réalité.",
        "Fictional data: the observations in this report are made up for the example; no figure describes reality.",
    )
}

/// The scoring rule, in words.
pub(crate) fn scoring_rule(lang: Lang) -> &'static str {
    lang.pick(
        "Barème : atteint et en bonne voie comptent 1, à surveiller 0,5, non atteint 0 ; les indicateurs suivis sans cible, sans données ou non évaluables sont hors score. Score d'une fiche : moyenne pondérée de ses indicateurs ; d'un axe : moyenne de ses fiches ; du plan : moyenne de ses axes.",
        "Scoring: achieved and on track count 1, at risk 0.5, not achieved 0; tracked (no target), no-data and not-evaluable indicators are left out. A fiche's score is the weighted mean of its indicators; an axis's the mean of its fiches; the plan's the mean of its axes.",
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::eval::{evaluate, EvalOptions};
    use crate::io::{read_csv, IngestOptions};
    use chrono::NaiveDate;

    fn ev(window: &str) -> Evaluation {
        let plan = crate::plans::one_indicator(window, "> 3");
        let csv = "indicator,date,value\nx,2024-12-30,4\nx,2026-03-18,5\nx,2026-12-29,2\n";
        let obs = read_csv(&plan, csv.as_bytes(), &IngestOptions::default()).unwrap();
        let as_of = NaiveDate::from_ymd_opt(2027, 1, 3);
        evaluate(
            &plan,
            &obs,
            &EvalOptions {
                as_of,
                ..Default::default()
            },
        )
    }

    #[test]
    fn week_and_half_year_labels() {
        let e = ev("week");
        let ind = &e.indicators[0];
        let label = |i: usize, lang| window_label(&ind.windows[i], lang);
        // Week 1 of 2025 starts on 30/12/2024; week 12 of 2026 is 16/03 – 22/03/2026.
        assert_eq!(label(0, Lang::Fr), "sem. 1 2025");
        assert_eq!(label(0, Lang::En), "wk 1 2025");
        let w12 = ind
            .windows
            .iter()
            .position(|r| r.value == Some(5.0))
            .unwrap();
        assert_eq!(label(w12, Lang::Fr), "sem. 12 2026");
        // Week 53 of 2026 and the ISO 2026 summary are labelled 2026.
        assert_eq!(label(ind.windows.len() - 1, Lang::En), "wk 53 2026");
        let y2026 = &ind.yearly[1];
        assert_eq!(window_label(y2026, Lang::Fr), "2026");
        let opts = ReportOptions::default();
        assert_eq!(
            value_text(ind, y2026, Lang::Fr, &opts),
            "3,5 par semaine en moyenne"
        );
        assert_eq!(
            value_text(ind, y2026, Lang::En, &opts),
            "3.5 per week on average"
        );
        // The weekly chart: one narrow bar per week, the year under the first week of each.
        let html = crate::report::render_html(&e, &opts);
        assert!(html.contains(">2025</text>") && html.contains(">2026</text>"));
        assert!(!html.contains("sem. 12 2026</text>"));

        let e = ev("half_year");
        let ind = &e.indicators[0];
        let labels: Vec<String> = ind
            .windows
            .iter()
            .map(|r| window_label(r, Lang::Fr))
            .collect();
        // As of 03/01/2027 the first half of 2027 is open.
        assert_eq!(
            labels,
            ["S1 2025", "S2 2025", "S1 2026", "S2 2026", "S1 2027"]
        );
        assert_eq!(window_label(&ind.windows[3], Lang::En), "H2 2026");
        assert_eq!(
            value_text(ind, &ind.yearly[1], Lang::En, &opts),
            "3.5 per half-year on average"
        );
    }
}
