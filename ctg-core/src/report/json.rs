//! The JSON view of an evaluation: its data plus the texts of a language (each result's
//! explanation, each indicator's target as written, the notes), rendered on demand. What
//! Python's `Evaluation.to_json()` and JavaScript's `evaluation.toJSON()` give.

use std::borrow::Cow;

use serde::Serialize;

use crate::eval::{
    AxisScore, BaselineValue, Diagnostics, Evaluation, FicheScore, PlanScore, WindowResult,
};
use crate::model::{Aggregation, Direction, Measure, PlanPeriod, Window};
use crate::target::Target;
use crate::Lang;

/// The texts a view of an evaluation carries besides its data: the JSON view
/// ([`render_json`]) and the bindings' results tables.
///
/// ```
/// use ctg_core::{report::ViewOptions, Lang};
/// let opts = ViewOptions::default();
/// assert_eq!((opts.lang, opts.explanations), (Lang::Fr, true));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ViewOptions {
    /// The language of the texts.
    pub lang: Lang,
    /// Whether each result carries its explanation sentence (default `true`). Roll-ups over
    /// hundreds of plans that read only values and statuses can turn it off: `explanation`
    /// is then an empty string, and everything else is the same.
    pub explanations: bool,
    /// Small-count suppression, as in the published reports
    /// ([`ReportOptions::suppress_below`](super::ReportOptions::suppress_below)): a count
    /// (count and distinct count measures) below this threshold is left out of its result
    /// with what would reveal it (`value`, `observations`, `baseline`, `change`,
    /// `projection`, `achievement` are `null`/0, the explanation says `< n`) and the result
    /// says `"suppressed": true`. Default `None`: every value is given.
    pub suppress_below: Option<u32>,
}

impl Default for ViewOptions {
    fn default() -> Self {
        ViewOptions {
            lang: Lang::default(),
            explanations: true,
            suppress_below: None,
        }
    }
}

/// An evaluation with its texts in one language: the shape the bindings hand out.
#[derive(Debug, Serialize)]
pub struct EvaluationView<'a> {
    plan_id: &'a str,
    plan_title: &'a str,
    territory: &'a str,
    period: PlanPeriod,
    as_of: chrono::NaiveDate,
    as_of_given: bool,
    /// The language of the texts.
    lang: Lang,
    fictional: bool,
    indicators: Vec<IndicatorView<'a>>,
    fiches: &'a [FicheScore],
    axes: &'a [AxisScore],
    plan: &'a PlanScore,
    diagnostics: DiagnosticsView<'a>,
}

/// One indicator with its texts in one language (an element of
/// [`EvaluationView`]'s `indicators`).
#[derive(Debug, Serialize)]
pub struct IndicatorView<'a> {
    axis: u32,
    fiche: u32,
    id: &'a str,
    label: &'a str,
    measure: Measure,
    aggregation: Aggregation,
    window: Window,
    direction: Direction,
    unit: Option<&'a str>,
    target: Option<&'a Target>,
    target_text: Option<String>,
    baseline: Option<&'a BaselineValue>,
    weight: f64,
    windows: Vec<ResultView<'a>>,
    yearly: Vec<ResultView<'a>>,
    headline: ResultView<'a>,
}

#[derive(Debug, Serialize)]
struct ResultView<'a> {
    #[serde(flatten)]
    result: Cow<'a, WindowResult>,
    explanation: String,
    /// Hidden by small-count suppression ([`ViewOptions::suppress_below`]).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    suppressed: bool,
}

/// A result as a published view may give it: with `threshold`, a count below it is left
/// out with what would reveal it (the schema's suppressible columns).
fn published<'a>(
    measure: Measure,
    result: &'a WindowResult,
    threshold: Option<u32>,
) -> (Cow<'a, WindowResult>, bool) {
    let counted = matches!(measure, Measure::Count | Measure::DistinctCount);
    match (result.value, threshold) {
        (Some(v), Some(t)) if counted && v < f64::from(t) => {
            let mut r = result.clone();
            r.value = None;
            r.observations = 0;
            r.baseline = None;
            r.change = None;
            r.projection = None;
            r.achievement = None;
            (Cow::Owned(r), true)
        }
        _ => (Cow::Borrowed(result), false),
    }
}

/// The diagnostics with the notes in one language ([`EvaluationView`]'s `diagnostics`).
#[derive(Debug, Serialize)]
pub struct DiagnosticsView<'a> {
    used: usize,
    outside_period: usize,
    after_as_of: usize,
    rejected: &'a [crate::io::ObservationIssue],
    not_in_plan: usize,
    /// The input's notes and the evaluation's, in the language.
    notes: Vec<String>,
}

impl<'a> DiagnosticsView<'a> {
    /// The diagnostics of `ev`, notes in `lang`.
    pub fn new(ev: &'a Evaluation, lang: Lang) -> Self {
        let d: &'a Diagnostics = &ev.diagnostics;
        DiagnosticsView {
            used: d.used,
            outside_period: d.outside_period,
            after_as_of: d.after_as_of,
            rejected: &d.rejected,
            not_in_plan: d.not_in_plan,
            notes: super::notes(ev, lang),
        }
    }
}

impl<'a> EvaluationView<'a> {
    /// The view of one indicator.
    pub fn indicator(&self, id: &str) -> Option<&IndicatorView<'a>> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// The view of `ev` with the texts of `opts`.
    pub fn new(ev: &'a Evaluation, opts: &ViewOptions) -> Self {
        let lang = opts.lang;
        let indicators = ev
            .indicators
            .iter()
            .map(|ind| {
                let texts = |rows: &'a [WindowResult]| -> Vec<ResultView<'a>> {
                    let threshold = opts.suppress_below.map(f64::from);
                    let sentences = if opts.explanations {
                        super::explain::explain_rows(ev, ind, rows.iter(), lang, threshold)
                    } else {
                        vec![String::new(); rows.len()]
                    };
                    rows.iter()
                        .zip(sentences)
                        .map(|(result, explanation)| {
                            let (result, suppressed) =
                                published(ind.measure, result, opts.suppress_below);
                            ResultView {
                                result,
                                explanation,
                                suppressed,
                            }
                        })
                        .collect()
                };
                IndicatorView {
                    axis: ind.axis,
                    fiche: ind.fiche,
                    id: &ind.id,
                    label: &ind.label,
                    measure: ind.measure,
                    aggregation: ind.aggregation,
                    window: ind.window,
                    direction: ind.direction,
                    unit: ind.unit.as_deref(),
                    target: ind.target.as_ref(),
                    target_text: super::target_text(ind, lang),
                    baseline: ind.baseline.as_ref(),
                    weight: ind.weight,
                    windows: texts(&ind.windows),
                    yearly: texts(&ind.yearly),
                    headline: texts(std::slice::from_ref(&ind.headline)).pop().unwrap_or(
                        ResultView {
                            result: Cow::Borrowed(&ind.headline),
                            explanation: String::new(),
                            suppressed: false,
                        },
                    ),
                }
            })
            .collect();
        EvaluationView {
            plan_id: &ev.plan_id,
            plan_title: &ev.plan_title,
            territory: &ev.territory,
            period: ev.period,
            as_of: ev.as_of,
            as_of_given: ev.as_of_given,
            lang,
            fictional: ev.fictional,
            indicators,
            fiches: &ev.fiches,
            axes: &ev.axes,
            plan: &ev.plan,
            diagnostics: DiagnosticsView::new(ev, lang),
        }
    }
}

/// The evaluation as pretty-printed JSON with the texts of `opts`: the data of
/// [`Evaluation::to_json`] plus `lang`, each indicator's `target_text`, each result's
/// `explanation`, and the notes in the language.
///
/// ```
/// use ctg_core::{eval::{evaluate, EvalOptions}, io::Observations};
/// use ctg_core::{report::{render_json, ViewOptions}, Lang};
/// let plan = ctg_core::plans::sundgau().unwrap();
/// let ev = evaluate(&plan, &Observations::default(), &EvalOptions::default());
/// let json = render_json(&ev, &ViewOptions { lang: Lang::En, explanations: true, suppress_below: None });
/// let v: serde_json::Value = serde_json::from_str(&json).unwrap();
/// assert_eq!(v["lang"], "en");
/// let f2_1 = v["indicators"].as_array().unwrap().iter().find(|i| i["id"] == "f2.1").unwrap();
/// assert_eq!(f2_1["target_text"], "> 200");
/// assert!(f2_1["headline"]["explanation"].as_str().unwrap().contains("no data"));
///
/// // Small-count suppression, as in the published reports.
/// let obs = ctg_core::io::read_csv(&plan, "indicateur;date;valeur\nf8.1;31/12/2026;3\n".as_bytes(),
///     &Default::default()).unwrap();
/// let ev = evaluate(&plan, &obs, &EvalOptions::default());
/// let json = render_json(&ev, &ViewOptions { suppress_below: Some(5), ..Default::default() });
/// let v: serde_json::Value = serde_json::from_str(&json).unwrap();
/// let f8_1 = v["indicators"].as_array().unwrap().iter().find(|i| i["id"] == "f8.1").unwrap();
/// assert_eq!((&f8_1["headline"]["value"], &f8_1["headline"]["suppressed"]), (&serde_json::Value::Null, &serde_json::json!(true)));
/// assert!(!json.contains("\"value\": 3.0"));
/// ```
pub fn render_json(ev: &Evaluation, opts: &ViewOptions) -> String {
    // Serialising plain data with string keys cannot fail; an empty object is returned
    // rather than a panic should it ever.
    serde_json::to_string_pretty(&EvaluationView::new(ev, opts))
        .unwrap_or_else(|_| "{}".to_string())
}
