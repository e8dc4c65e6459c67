//! One-sentence explanations, in French or English, rendered on demand from the
//! language-neutral evaluation.

use chrono::Datelike;

use crate::eval::{
    Evaluation, IndicatorEvaluation, Reason, ResultKind, Status, TargetBasis, WindowResult,
    WindowState, YearTarget,
};
use crate::fmt::{date, month, number, percent, signed_percent};
use crate::model::{Aggregation, Measure, PlanPeriod, Window};
use crate::target::{Comparator, TargetKind};
use crate::Lang;

/// What the sentence needs besides the result.
struct Context<'a> {
    /// Counts below this are shown as `< n` (small-count suppression in published reports).
    pub suppress_below: Option<f64>,
    pub lang: Lang,
    pub measure: Measure,
    /// The indicator's window (week, month, quarter or half-year for yearly summaries).
    pub window: Window,
    pub aggregation: Aggregation,
    pub unit: Option<&'a str>,
    pub target_text: Option<&'a str>,
    pub baseline_year: i32,
    /// The year a relative or points target reaches its goal: its deadline's, else the
    /// plan's last year.
    pub goal_year: i32,
    /// The first year a dated level or a schedule is due, for windows judged before it.
    pub due_year: Option<i32>,
    /// Whether windows before the due year may follow a trajectory (levels and schedules,
    /// not ranges).
    pub trajectory_before_due: bool,
    pub relative: bool,
    pub points: bool,
    pub as_of: chrono::NaiveDate,
}

impl<'a> Context<'a> {
    /// The context of an indicator's results.
    fn new(
        ind: &'a IndicatorEvaluation,
        target_text: Option<&'a str>,
        period: PlanPeriod,
        as_of: chrono::NaiveDate,
        lang: Lang,
        suppress_below: Option<f64>,
    ) -> Self {
        Context {
            suppress_below,
            lang,
            measure: ind.measure,
            window: ind.window,
            aggregation: ind.aggregation,
            unit: ind.unit_in_force(),
            target_text,
            baseline_year: ind.baseline_year(period),
            goal_year: ind.goal_year(period),
            due_year: ind.due_year(),
            trajectory_before_due: !matches!(
                ind.target.as_ref().map(|t| &t.kind),
                Some(TargetKind::Range { .. })
            ),
            relative: ind.is_relative(),
            points: ind.is_points(),
            as_of,
        }
    }

    /// Whether a count is hidden by small-count suppression.
    pub fn suppressed(&self, v: f64) -> bool {
        matches!(self.measure, Measure::Count | Measure::DistinctCount)
            && self.suppress_below.is_some_and(|t| v < t)
    }
}

/// `< n` for a suppressed count.
pub(crate) fn suppressed_text(threshold: f64, lang: Lang) -> String {
    format!("< {}", number(threshold, 0, lang))
}

fn fmt_value(ctx: &Context<'_>, v: f64) -> String {
    super::view::quantity(ctx.measure, ctx.unit, v, ctx.lang, ctx.suppress_below)
}

fn window_phrase(ctx: &Context<'_>, r: &WindowResult) -> String {
    let lang = ctx.lang;
    let year = r.year();
    let base = match (r.kind, r.window) {
        (ResultKind::YearSummary, _) | (_, Window::Year) => {
            lang.pick("en ", "in ").to_string() + &year.to_string()
        }
        (_, Window::Week) => {
            let w = r.start.iso_week().week();
            match lang {
                Lang::Fr => format!("en semaine {w} de {year}"),
                Lang::En => format!("in week {w} of {year}"),
            }
        }
        (_, Window::Month) => {
            format!("{}{}", lang.pick("en ", "in "), month(r.start, lang))
        }
        (_, Window::Quarter) => {
            let q = r.start.month0() / 3 + 1;
            match lang {
                Lang::Fr => format!("au T{q} {year}"),
                Lang::En => format!("in Q{q} {year}"),
            }
        }
        (_, Window::HalfYear) => {
            let h = r.start.month0() / 6 + 1;
            match lang {
                Lang::Fr => format!("au S{h} {year}"),
                Lang::En => format!("in H{h} {year}"),
            }
        }
        (_, Window::Plan) => match lang {
            Lang::Fr => format!("depuis le {}", date(r.start, lang)),
            Lang::En => format!("since {}", date(r.start, lang)),
        },
    };
    if r.state == WindowState::Open {
        match lang {
            Lang::Fr => format!("{base} (au {})", date(ctx.as_of, lang)),
            Lang::En => format!("{base} (as of {})", date(ctx.as_of, lang)),
        }
    } else {
        base
    }
}

/// A year's level in short: `≥ 25`, `≤ 11 %`.
pub(crate) fn year_level_text(yt: &YearTarget, lang: Lang) -> String {
    let n = if yt.percent {
        percent(yt.value, 1, lang)
    } else {
        number(yt.value, 1, lang)
    };
    format!("{} {n}", yt.op.symbol())
}

/// The level of a year, and where it comes from: `pour 2027 : ≥ 25, interpolée entre 2026
/// et 2028`.
fn year_target_text(ctx: &Context<'_>, yt: &YearTarget) -> String {
    let lang = ctx.lang;
    let level = |v: f64| {
        let n = if yt.percent && ctx.measure != Measure::Ratio {
            percent(v, 1, lang)
        } else {
            fmt_value(ctx, v)
        };
        format!("{} {n}", yt.op.symbol())
    };
    let y = yt.year;
    let lvl = level(yt.value);
    let mut out = match (yt.basis, lang) {
        (TargetBasis::Listed, Lang::Fr) => format!("pour {y} : {lvl}"),
        (TargetBasis::Listed, Lang::En) => format!("for {y}: {lvl}"),
        (TargetBasis::Interpolated { from, to }, Lang::Fr) => format!(
            "pour {y} : {lvl}, interpolée entre {} et {}",
            from.year, to.year
        ),
        (TargetBasis::Interpolated { from, to }, Lang::En) => format!(
            "for {y}: {lvl}, interpolated between {} and {}",
            from.year, to.year
        ),
        (TargetBasis::Kept { from }, Lang::Fr) => {
            format!("pour {y} : {lvl}, celle de {} maintenue", from.year)
        }
        (TargetBasis::Kept { from }, Lang::En) => {
            format!("for {y}: {lvl}, kept from {}", from.year)
        }
        (
            TargetBasis::Trajectory {
                baseline_year,
                baseline,
                to,
            },
            Lang::Fr,
        ) => format!(
            "trajectoire pour {y} : {lvl}, de {} en {baseline_year} à {} en {}",
            fmt_value(ctx, baseline),
            fmt_value(ctx, to.value),
            to.year
        ),
        (
            TargetBasis::Trajectory {
                baseline_year,
                baseline,
                to,
            },
            Lang::En,
        ) => format!(
            "trajectory for {y}: {lvl}, from {} in {baseline_year} to {} in {}",
            fmt_value(ctx, baseline),
            fmt_value(ctx, to.value),
            to.year
        ),
    };
    if yt.comparator_inferred {
        let op = yt.op.symbol();
        out.push_str(&match (yt.op, lang) {
            (Comparator::Le | Comparator::Lt, Lang::Fr) => {
                format!(", comparateur {op} lu d'après la baisse attendue")
            }
            (Comparator::Le | Comparator::Lt, Lang::En) => {
                format!(", comparator {op} read from the expected decrease")
            }
            (_, Lang::Fr) => format!(", comparateur {op} par défaut"),
            (_, Lang::En) => format!(", comparator {op} by default"),
        });
    }
    out
}

/// Build the sentence for a result.
fn sentence(ctx: &Context<'_>, label: &str, r: &WindowResult) -> String {
    let lang = ctx.lang;
    let when = window_phrase(ctx, r);
    let status = r.status.label(lang).to_lowercase();
    let target = ctx
        .target_text
        .map(|t| format!(" ({} {t})", lang.pick("cible", "target")))
        .unwrap_or_default();

    // No value at all.
    if r.status == Status::NoData {
        let what = match r.reason {
            Some(Reason::NotStarted) => lang
                .pick("le plan n'a pas commencé", "the plan has not started")
                .to_string(),
            _ => format!("{} {when}", lang.pick("aucune donnée", "no data")),
        };
        return format!("{label}{}{what}{target} — {status}", lang.pick(" : ", ": "));
    }

    let value = match (ctx.measure, r.kind) {
        (Measure::Milestone, _) => match r.done_on {
            Some(d) => format!("{} {}", lang.pick("réalisé le", "done on"), date(d, lang)),
            None => lang.pick("pas encore réalisé", "not done yet").to_string(),
        },
        (Measure::Qualitative, _) => {
            let a = r.assessment.map(|a| a.label(lang)).unwrap_or("?");
            let comment = r
                .comment
                .as_deref()
                .map(|c| format!(" ({c})"))
                .unwrap_or_default();
            format!(
                "{} {a}{comment} {when}",
                lang.pick("appréciation :", "assessment:")
            )
        }
        (_, ResultKind::YearSummary) => {
            let per = match ctx.window {
                Window::Week => lang.pick("par semaine", "per week"),
                Window::Month => lang.pick("par mois", "per month"),
                Window::Quarter => lang.pick("par trimestre", "per quarter"),
                Window::HalfYear => lang.pick("par semestre", "per half-year"),
                // Not summarised per year.
                Window::Year | Window::Plan => lang.pick("par an", "per year"),
            };
            let v = r.value.map(|v| fmt_value(ctx, v)).unwrap_or_default();
            format!("{v} {per} {} {when}", lang.pick("en moyenne", "on average"))
        }
        _ => {
            let v = r.value.map(|v| fmt_value(ctx, v)).unwrap_or_default();
            let mean = match (ctx.aggregation, ctx.measure) {
                (Aggregation::Mean, _) => lang.pick(" en moyenne", " on average"),
                (Aggregation::Last, _) => lang.pick(" (dernière valeur)", " (latest value)"),
                (Aggregation::Distinct, _) => {
                    lang.pick(" (personnes distinctes)", " (distinct people)")
                }
                _ => "",
            };
            format!("{v}{mean} {when}")
        }
    };

    // A suppressed count hides everything it could be worked back from.
    let hidden = r.value.is_some_and(|v| ctx.suppressed(v));
    let mut extra = String::new();
    if let Some(p) = r.projection.filter(|_| !hidden)
        && r.state == WindowState::Open
        && r.status != Status::Tracked
    {
        extra.push_str(&match lang {
            Lang::Fr => format!(", projection {} en fin de période", fmt_value(ctx, p)),
            Lang::En => format!(", projected {} at period end", fmt_value(ctx, p)),
        });
    }
    if (ctx.relative || ctx.points)
        && !hidden
        && let (Some(b), Some(c)) = (r.baseline, r.change)
    {
        {
            let change = if ctx.points {
                format!(
                    "{}{} {}",
                    if c > 0.0 { "+" } else { "" },
                    number(c, 1, lang),
                    lang.pick("points", "points")
                )
            } else {
                signed_percent(c * 100.0, 1, lang)
            };
            extra.push_str(&match lang {
                Lang::Fr => format!(
                    ", soit {change} par rapport à {} ({})",
                    ctx.baseline_year,
                    fmt_value(ctx, b)
                ),
                Lang::En => format!(
                    ", i.e. {change} vs {} ({})",
                    ctx.baseline_year,
                    fmt_value(ctx, b)
                ),
            });
            // The trajectory's year: the window's (the ISO year for weeks); a
            // whole-plan window ends with the plan.
            let year = if r.window == Window::Plan {
                ctx.goal_year
            } else {
                r.year()
            };
            if let Some(e) = r.expected
                && year < ctx.goal_year
            {
                extra.push_str(&match lang {
                    Lang::Fr => format!(
                        " ; trajectoire attendue pour {year} : {}",
                        fmt_value(ctx, e)
                    ),
                    Lang::En => {
                        format!("; expected trajectory for {year}: {}", fmt_value(ctx, e))
                    }
                });
            }
        }
    }
    let why = match r.reason {
        Some(Reason::BaselineMissing) => match lang {
            Lang::Fr => format!(" : aucune donnée de référence pour {}", ctx.baseline_year),
            Lang::En => format!(": no baseline data for {}", ctx.baseline_year),
        },
        Some(Reason::BaselineZero) => match lang {
            Lang::Fr => format!(
                " : la référence {} vaut 0, une évolution relative n'a pas de sens",
                ctx.baseline_year
            ),
            Lang::En => format!(
                ": the {} baseline is 0, a relative change is undefined",
                ctx.baseline_year
            ),
        },
        Some(Reason::DenominatorZero) => lang
            .pick(
                " : les dénominateurs sont nuls",
                ": the denominators add up to 0",
            )
            .to_string(),
        Some(Reason::Overflow) => lang
            .pick(
                " : un nombre calculé dépasse la capacité des nombres (plus de 1,8 × 10³⁰⁸), la valeur n'est pas jugée",
                ": a computed number exceeds the range of numbers (above 1.8 × 10³⁰⁸), the value is not judged",
            )
            .to_string(),
        Some(Reason::NotYetDue) => {
            let due = ctx.due_year.map(|y| y.to_string()).unwrap_or_default();
            match (lang, ctx.trajectory_before_due) {
                (Lang::Fr, true) => {
                    format!(" : cible due en {due}, sans référence pour tracer une trajectoire")
                }
                (Lang::En, true) => {
                    format!(": target due in {due}, no baseline to draw a trajectory")
                }
                // Ranges are judged from their due year only.
                (Lang::Fr, false) => format!(" : fourchette due en {due}"),
                (Lang::En, false) => format!(": range due in {due}"),
            }
        }
        _ => String::new(),
    };
    let value = if r.reason == Some(Reason::DenominatorZero) {
        format!("{} {when}", lang.pick("taux indéfini", "undefined ratio"))
    } else {
        value
    };
    let ach = match (r.achievement, r.status) {
        (Some(a), Status::Achieved | Status::OnTrack | Status::AtRisk | Status::NotAchieved)
            if ctx.measure != Measure::Milestone && !hidden =>
        {
            format!(" ({})", percent(a * 100.0, 0, lang))
        }
        _ => String::new(),
    };
    let coverage = match (r.kind, r.coverage) {
        (ResultKind::YearSummary, Some(c)) => {
            let (fr, en) = match ctx.window {
                Window::Week => ("semaines renseignées", "weeks"),
                Window::Month => ("mois renseignés", "months"),
                Window::Quarter => ("trimestres renseignés", "quarters"),
                Window::HalfYear => ("semestres renseignés", "half-years"),
                // Not summarised per year.
                Window::Year | Window::Plan => ("années renseignées", "years"),
            };
            match lang {
                Lang::Fr => format!(" ; {}/{} {fr}", c.with_data, c.total),
                Lang::En => format!("; {}/{} {en} with data", c.with_data, c.total),
            }
        }
        _ => String::new(),
    };
    let target = if r.status == Status::Tracked && r.reason != Some(Reason::NotYetDue) {
        lang.pick(" (sans cible)", " (no target)").to_string()
    } else if let (Some(yt), Some(text)) = (r.year_target.as_ref(), ctx.target_text) {
        format!(
            " ({} {text}{}{})",
            lang.pick("cible", "target"),
            lang.pick(" ; ", "; "),
            year_target_text(ctx, yt)
        )
    } else {
        target
    };
    format!(
        "{label}{}{value}{extra}{target} — {status}{why}{ach}{coverage}",
        lang.pick(" : ", ": ")
    )
}

/// The explanation sentence of a result of `indicator` in `lang`, optionally with small-count
/// suppression (counts below `suppress_below` shown as `< n`, and the achievement,
/// projection and change that would reveal them left out). The one sentence of a result in
/// every runtime and report: the evaluation holds data only.
///
/// ```
/// use ctg_core::{eval::{evaluate, EvalOptions}, io::{read_csv, IngestOptions}, report, Lang};
/// let plan = ctg_core::plans::sundgau().unwrap();
/// let csv = "indicator,date,value,participant\nf9.1,2026-03-01,,E1\nf9.1,2026-03-02,,E2\n";
/// let obs = read_csv(&plan, csv.as_bytes(), &IngestOptions::default()).unwrap();
/// let as_of = chrono::NaiveDate::from_ymd_opt(2026, 12, 31);
/// let ev = evaluate(&plan, &obs, &EvalOptions { as_of, ..Default::default() });
/// let ind = ev.indicator("f9.1").unwrap();
/// let text = report::explain(&ev, ind, &ind.headline, Lang::En, Some(5.0));
/// assert!(text.contains("< 5 enfants"), "{text}");
/// // Without suppression, the count shows.
/// assert!(report::explain(&ev, ind, &ind.headline, Lang::Fr, None).contains("2 enfants"));
/// ```
pub fn explain(
    ev: &Evaluation,
    indicator: &IndicatorEvaluation,
    result: &WindowResult,
    lang: Lang,
    suppress_below: Option<f64>,
) -> String {
    explain_rows(ev, indicator, std::iter::once(result), lang, suppress_below)
        .pop()
        .unwrap_or_default()
}

/// The explanation of every result of the evaluation, in the order of
/// [`Evaluation::results`] (the results table's rows), in `lang`, with the report options'
/// small-count suppression; indicators of fiches or axes the options leave out are skipped.
/// What the bindings give as `ev.explanations(lang=…)`.
///
/// ```
/// use ctg_core::{eval::{evaluate, EvalOptions}, io::Observations, report, Lang};
/// let plan = ctg_core::plans::sundgau().unwrap();
/// let ev = evaluate(&plan, &Observations::default(), &EvalOptions::default());
/// let all = report::explanations(&ev, &report::ReportOptions::default());
/// assert_eq!(all.len(), ev.results().count());
/// let only = report::ReportOptions { lang: Lang::En, fiches: Some(vec![8]), ..Default::default() };
/// assert!(report::explanations(&ev, &only).iter().all(|s| s.contains("no data")));
/// ```
pub fn explanations(ev: &Evaluation, opts: &super::ReportOptions) -> Vec<String> {
    ev.indicators
        .iter()
        .filter(|ind| opts.includes(ind.fiche, ind.axis))
        .flat_map(|ind| explain_rows(ev, ind, ind.rows(), opts.lang, opts.threshold()))
        .collect()
}

/// The explanation of every row of `indicator` ([`IndicatorEvaluation::rows`] order)
/// sharing one context: what a table or a JSON view of many rows uses.
pub(crate) fn explain_rows<'a>(
    ev: &Evaluation,
    indicator: &'a IndicatorEvaluation,
    rows: impl Iterator<Item = &'a WindowResult>,
    lang: Lang,
    suppress_below: Option<f64>,
) -> Vec<String> {
    let target = target_text(indicator, lang);
    let ctx = Context::new(
        indicator,
        target.as_deref(),
        ev.period,
        ev.as_of,
        lang,
        suppress_below,
    );
    rows.map(|r| sentence(&ctx, &indicator.label, r)).collect()
}

/// The indicator's target as written in `lang` (`> 200`, `+20 % par rapport à 2024`), or
/// `None` without target.
///
/// ```
/// use ctg_core::{eval::{evaluate, EvalOptions}, io::Observations, report, Lang};
/// let plan = ctg_core::plans::sundgau().unwrap();
/// let ev = evaluate(&plan, &Observations::default(), &EvalOptions::default());
/// let ind = ev.indicator("f2.1").unwrap();
/// assert_eq!(report::target_text(ind, Lang::Fr).as_deref(), Some("> 200"));
/// ```
pub fn target_text(indicator: &IndicatorEvaluation, lang: Lang) -> Option<String> {
    indicator.target.as_ref().map(|t| t.display(lang))
}
