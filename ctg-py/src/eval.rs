//! Evaluation (`ctg_core::eval`): `Plan.evaluate` and the `Evaluation` class with its
//! tables (the results tables through [`crate::table`], the summary by `ctg._frames` from
//! plain columns), JSON, text report and HTML view.

use std::fmt::Write as _;
use std::sync::Arc;

use chrono::NaiveDate;
use pyo3::exceptions::{PyKeyError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDate, PyDateTime, PyDict, PyString};

use ctg_core::eval::{self as core, EvalOptions, Status, StatusCounts, WindowResult, WindowState};
use ctg_core::fmt as cfmt;
use ctg_core::io::IngestOptions;
use ctg_core::model::{Measure, Plan};
use ctg_core::report::{EvaluationView, ViewOptions};
use ctg_core::Lang;

use crate::errors::shielded_try;
use crate::io;
use crate::table::{frames, Rows, Table};

/// `Plan.evaluate`: take the observations with the GIL, then read and evaluate without it.
pub fn evaluate(
    py: Python<'_>,
    plan: Arc<Plan>,
    observations: &Bound<'_, PyAny>,
    as_of: Option<&Bound<'_, PyAny>>,
    lang: &str,
    strict: bool,
    explanations: bool,
) -> PyResult<Evaluation> {
    let lang = crate::parse_lang(lang)?;
    let as_of = as_of.map(parse_as_of).transpose()?;
    let source = io::extract(observations)?;
    let ingest = IngestOptions { lenient: !strict };
    let options = EvalOptions { as_of };
    let view = ViewOptions { lang, explanations };
    py.detach(move || {
        shielded_try(|| {
            let obs = io::read(&plan, source, &ingest, lang)?;
            Ok(core::evaluate(&plan, &obs, &options))
        })
    })
    .map(|ev| Evaluation {
        inner: Arc::new(ev),
        view,
    })
    .map_err(|f| f.into_pyerr(py))
}

/// `as_of`: a `datetime.date` (a datetime's date), or `"2026-12-31"` / `"31/12/2026"`.
pub(crate) fn parse_as_of(obj: &Bound<'_, PyAny>) -> PyResult<NaiveDate> {
    if obj.is_instance_of::<PyDateTime>() {
        return obj.call_method0("date")?.extract::<NaiveDate>();
    }
    if obj.is_instance_of::<PyDate>() {
        return obj.extract::<NaiveDate>();
    }
    if let Ok(s) = obj.cast::<PyString>() {
        let s = s.to_cow()?;
        let t = s.trim();
        return ctg_core::io::parse_date(t).ok_or_else(|| {
            PyValueError::new_err(format!(
                "as_of: `{t}` is not a date (write 2026-12-31 or 31/12/2026)"
            ))
        });
    }
    Err(PyTypeError::new_err(format!(
        "as_of must be a datetime.date or a str, not {}",
        obj.get_type().name()?
    )))
}

/// The evaluation of a plan against observations, as of a date (``ctg_core::eval::Evaluation``).
///
/// One row per indicator × window (closed windows and the open one) plus yearly summaries of
/// weekly, monthly, quarterly and half-year indicators: ``to_pandas()`` / ``to_polars()``; the headline of each
/// indicator: ``headlines()``; fiche, axis and plan scores with status counts: ``summary()``;
/// the core's JSON: ``to_json()``; the text report: ``report()``. In a notebook it shows as a
/// coloured table of the headlines.
///
/// >>> import ctg
/// >>> plan = ctg.Plan.sundgau()
/// >>> csv = "# Données fictives\nindicateur;date;valeur\nf2.1;15/09/2026;240\nf8.1;31/12/2026;20\n"
/// >>> ev = plan.evaluate(csv.encode(), as_of="2026-12-31")
/// >>> ev
/// <Evaluation sundgau-2025-2029 as of 2026-12-31, FICTIONAL data: 25 indicators — 1 achieved, 1 not_achieved, 23 no_data; plan score 50 %>
/// >>> ev.as_of, ev.fictional, ev.diagnostics["used"]
/// (datetime.date(2026, 12, 31), True, 2)
/// >>> df = ev.to_pandas()
/// >>> df.loc[df.indicator == "f2.1", ["start", "value", "target", "status"]].tail(1).to_string(index=False)
/// '     start  value target   status\n2026-01-01  240.0  > 200 achieved'
/// >>> import json; json.loads(ev.to_json())["plan"]["score"]
/// 0.5
#[pyclass(frozen, module = "ctg")]
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub(crate) inner: Arc<core::Evaluation>,
    /// The language and texts of its tables, JSON and reports (as given to `evaluate`).
    pub(crate) view: ViewOptions,
}

#[pymethods]
impl Evaluation {
    /// The evaluation date (``datetime.date``): windows ending on or before it are closed.
    #[getter]
    fn as_of(&self) -> NaiveDate {
        self.inner.as_of
    }

    /// Whether ``as_of`` was given (``False``: the latest observation's date).
    #[getter]
    fn as_of_given(&self) -> bool {
        self.inner.as_of_given
    }

    /// Whether the observations declared themselves fictional (``# Données fictives``).
    #[getter]
    fn fictional(&self) -> bool {
        self.inner.fictional
    }

    /// The language of the explanations (``"fr"`` or ``"en"``).
    #[getter]
    fn lang(&self) -> &'static str {
        self.view.lang.code()
    }

    /// The plan id.
    #[getter]
    fn plan_id(&self) -> String {
        self.inner.plan_id.clone()
    }

    /// The plan title.
    #[getter]
    fn plan_title(&self) -> String {
        self.inner.plan_title.clone()
    }

    /// The territory.
    #[getter]
    fn territory(&self) -> String {
        self.inner.territory.clone()
    }

    /// The plan period, ``(start, end)``.
    #[getter]
    fn period(&self) -> (i32, i32) {
        (self.inner.period.start, self.inner.period.end)
    }

    /// The plan score in 0..1 (mean of the axes' scores), ``None`` when nothing is scored.
    #[getter]
    fn score(&self) -> Option<f64> {
        self.inner.plan.score
    }

    /// What was used, ignored or rejected: ``{"used", "outside_period", "after_as_of",
    /// "rejected" (lenient mode: dicts like ``ObservationError.errors``), "not_in_plan"
    /// (rows of indicators the plan does not have), "notes" (in the evaluation's
    /// language)}``.
    ///
    /// >>> import ctg
    /// >>> rows = [{"indicator": "f8.1", "date": "2026-12-31", "value": 30},
    /// ...         {"indicator": "f8.1", "date": "2026-12-31", "value": -1}]
    /// >>> d = ctg.Plan.sundgau().evaluate(rows, strict=False).diagnostics
    /// >>> d["used"], [(r["code"], r["row"], r["column"]) for r in d["rejected"]]
    /// (1, [('constraint_error', 2, 'value')])
    #[getter]
    fn diagnostics<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let diagnostics = ctg_core::report::DiagnosticsView::new(&self.inner, self.view.lang);
        crate::to_py(py, &diagnostics)
    }

    /// The core's JSON view (``ctg_core::report::render_json``, pretty-printed): the
    /// evaluation's data with its texts in the evaluation's language (``explanation``,
    /// ``target_text``, notes), the structure the Rust and JavaScript APIs give too.
    ///
    /// >>> import ctg, json
    /// >>> ev = ctg.Plan.sundgau().evaluate([{"indicator": "f8.1", "date": "2026-12-31", "value": 30}])
    /// >>> data = json.loads(ev.to_json())
    /// >>> [i["headline"]["status"] for i in data["indicators"] if i["id"] == "f8.1"]
    /// ['achieved']
    /// >>> data["as_of"], data["plan"]["counts"]["achieved"], data["plan"]["counts"]["no_data"]
    /// ('2026-12-31', 1, 24)
    fn to_json(&self) -> String {
        ctg_core::report::render_json(&self.inner, &self.view)
    }

    /// The evaluation as plain Python data (``json.loads(to_json())``).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::to_py(py, &EvaluationView::new(&self.inner, &self.view))
    }

    /// The core's plain-text report (``ctg_core::report::render_text``), in the
    /// evaluation's language.
    ///
    /// >>> import ctg
    /// >>> text = ctg.Plan.sundgau().evaluate([{"indicator": "f8.1", "date": "2026-12-31", "value": 30}]).report()
    /// >>> "FICHE 8" in text
    /// True
    fn report(&self) -> String {
        let opts = ctg_core::report::ReportOptions {
            lang: self.view.lang,
            ..Default::default()
        };
        ctg_core::report::render_text(&self.inner, &opts)
    }

    /// The evaluation of one indicator, as plain data (``KeyError`` if unknown).
    ///
    /// >>> import ctg
    /// >>> ev = ctg.Plan.sundgau().evaluate([{"indicator": "f8.1", "date": "2026-12-31", "value": 30}])
    /// >>> ev.indicator("f8.1")["headline"]["status"]
    /// 'achieved'
    fn indicator<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyAny>> {
        match EvaluationView::new(&self.inner, &self.view).indicator(id) {
            Some(i) => crate::to_py(py, i),
            None => Err(PyKeyError::new_err(id.to_string())),
        }
    }

    /// Every window result and yearly summary as a pandas DataFrame, in plan order.
    ///
    /// Columns: ``axis, fiche, indicator, label, kind, window, start, end, state,
    /// observations, value, unit, target, expected, baseline, change, projection, status,
    /// achievement, reason, done_on, assessment, comment, coverage_with_data, coverage_total,
    /// headline, explanation``. Dates are ``datetime64``, ``status`` is a ``Categorical``
    /// ordered by severity (``ctg.STATUSES``), numbers are ``float64`` with NaN when missing.
    ///
    /// >>> import ctg
    /// >>> ev = ctg.Plan.sundgau().evaluate([{"indicator": "f7.1", "date": "2026-03-10", "value": 14}],
    /// ...                                  as_of="2026-03-31")
    /// >>> df = ev.to_pandas()
    /// >>> print(df[df.indicator == "f7.1"][["kind", "start", "value", "status"]].tail(2).to_string(index=False))
    ///         kind      start  value   status
    ///       window 2026-03-01   14.0 achieved
    /// year_summary 2026-01-01   14.0 on_track
    /// >>> str(df.status.dtype), list(df.status.cat.categories) == list(ctg.STATUSES)
    /// ('category', True)
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.table(py, Rows::All).frame(py, "pandas")
    }

    /// The same table as ``to_pandas()``, as a polars DataFrame (dates as ``pl.Date``,
    /// ``status`` as a ``pl.Enum`` in severity order).
    ///
    /// >>> import ctg, polars as pl
    /// >>> df = ctg.Plan.sundgau().evaluate([{"indicator": "f8.1", "date": "2026-12-31", "value": 30}]).to_polars()
    /// >>> df.filter(pl.col("indicator") == "f8.1").select("start", "value", "status").rows()
    /// [(datetime.date(2025, 1, 1), None, 'no_data'), (datetime.date(2026, 1, 1), 30.0, 'achieved')]
    fn to_polars<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.table(py, Rows::All).frame(py, "polars")
    }

    /// The headline row of every indicator (the latest closed window, or the yearly
    /// summary of weekly, monthly, quarterly and half-year indicators), with the columns of
    /// ``to_pandas()``.
    ///
    /// >>> import ctg
    /// >>> h = ctg.Plan.sundgau().evaluate([{"indicator": "f8.1", "date": "2026-12-31", "value": 30}]).headlines()
    /// >>> len(h), h.iloc[0]["indicator"], h.set_index("indicator").loc["f8.1", "status"]
    /// (25, 'f1.1', 'achieved')
    #[pyo3(signature = (backend = "pandas"))]
    fn headlines<'py>(&self, py: Python<'py>, backend: &str) -> PyResult<Bound<'py, PyAny>> {
        self.table(py, Rows::Headlines).frame(py, backend)
    }

    /// Scores and status counts of the headlines: a dict of DataFrames ``{"plan", "axes",
    /// "fiches"}`` (``backend="polars"`` for polars). Scores are in 0..1 (NaN when nothing is
    /// scored); counts are per status, with ``scored`` and ``total``.
    ///
    /// >>> import ctg
    /// >>> s = ctg.Plan.sundgau().evaluate([{"indicator": "f8.1", "date": "2026-12-31", "value": 30}]).summary()
    /// >>> sorted(s), float(s["plan"].loc[0, "score"])
    /// (['axes', 'fiches', 'plan'], 1.0)
    /// >>> s["plan"].loc[0, ["achieved", "no_data", "scored", "total"]].tolist()
    /// [1, 24, 1, 25]
    #[pyo3(signature = (backend = "pandas"))]
    fn summary<'py>(&self, py: Python<'py>, backend: &str) -> PyResult<Bound<'py, PyAny>> {
        let ev = &*self.inner;
        let plan = PyDict::new(py);
        plan.set_item("plan_id", vec![ev.plan_id.clone()])?;
        plan.set_item("title", vec![ev.plan_title.clone()])?;
        plan.set_item("score", vec![ev.plan.score])?;
        add_counts(&plan, [&ev.plan.counts])?;

        let axes = PyDict::new(py);
        axes.set_item("axis", ev.axes.iter().map(|a| a.axis).collect::<Vec<_>>())?;
        axes.set_item(
            "title",
            ev.axes.iter().map(|a| a.title.clone()).collect::<Vec<_>>(),
        )?;
        axes.set_item("score", ev.axes.iter().map(|a| a.score).collect::<Vec<_>>())?;
        axes.set_item(
            "fiches_scored",
            ev.axes.iter().map(|a| a.fiches_scored).collect::<Vec<_>>(),
        )?;
        axes.set_item(
            "fiches",
            ev.axes.iter().map(|a| a.fiches).collect::<Vec<_>>(),
        )?;
        add_counts(&axes, ev.axes.iter().map(|a| &a.counts))?;

        let fiches = PyDict::new(py);
        fiches.set_item("axis", ev.fiches.iter().map(|f| f.axis).collect::<Vec<_>>())?;
        fiches.set_item(
            "fiche",
            ev.fiches.iter().map(|f| f.fiche).collect::<Vec<_>>(),
        )?;
        fiches.set_item(
            "title",
            ev.fiches
                .iter()
                .map(|f| f.title.clone())
                .collect::<Vec<_>>(),
        )?;
        fiches.set_item(
            "score",
            ev.fiches.iter().map(|f| f.score).collect::<Vec<_>>(),
        )?;
        add_counts(&fiches, ev.fiches.iter().map(|f| &f.counts))?;

        let tables = PyDict::new(py);
        tables.set_item("plan", plan)?;
        tables.set_item("axes", axes)?;
        tables.set_item("fiches", fiches)?;
        frames(py, "summary_frames", (tables, backend))
    }

    fn __repr__(&self) -> String {
        let ev = &*self.inner;
        let counts: Vec<String> = Status::ALL
            .iter()
            .filter(|s| ev.plan.counts.get(**s) > 0)
            .map(|s| format!("{} {}", ev.plan.counts.get(*s), s.code()))
            .collect();
        let score = match ev.plan.score {
            Some(s) => format!("{} %", cfmt::number(s * 100.0, 0, Lang::En)),
            None => "—".to_string(),
        };
        format!(
            "<Evaluation {} as of {}{}: {} indicators — {}; plan score {score}>",
            ev.plan_id,
            ev.as_of,
            if ev.fictional { ", FICTIONAL data" } else { "" },
            ev.indicators.len(),
            counts.join(", ")
        )
    }

    /// A coloured HTML table of the headlines, for notebooks (every text escaped): status
    /// chips with the core's colour, icon and label.
    ///
    /// >>> import ctg
    /// >>> html = ctg.Plan.sundgau().evaluate([{"indicator": "f8.1", "date": "2026-12-31", "value": 30}])._repr_html_()
    /// >>> html.startswith('<div class="ctg-evaluation" lang="fr"'), "✔ Atteint</span>" in html
    /// (True, True)
    fn _repr_html_(&self) -> String {
        html(&self.inner, &self.view)
    }
}

impl Evaluation {
    /// The results table (every row, or the headlines), built without the GIL.
    fn table(&self, py: Python<'_>, rows: Rows) -> Table<'_> {
        let ev = &*self.inner;
        let view = &self.view;
        py.detach(|| Table::results([ev], false, rows, view))
    }
}

pub(crate) fn add_counts<'a>(
    d: &Bound<'_, PyDict>,
    counts: impl IntoIterator<Item = &'a StatusCounts> + Clone,
) -> PyResult<()> {
    for s in Status::ALL {
        let v: Vec<u32> = counts.clone().into_iter().map(|c| c.get(s)).collect();
        d.set_item(s.code(), v)?;
    }
    d.set_item(
        "scored",
        counts
            .clone()
            .into_iter()
            .map(|c| c.scored())
            .collect::<Vec<_>>(),
    )?;
    d.set_item(
        "total",
        counts.into_iter().map(|c| c.total()).collect::<Vec<_>>(),
    )?;
    Ok(())
}

/// Escape text for HTML (element content and quoted attributes): the core's escaping.
pub(crate) fn esc(s: &str) -> String {
    ctg_core::report::escape_html(s)
}

/// A status chip: colour, icon and label (never colour alone).
pub(crate) fn chip(s: Status, lang: Lang) -> String {
    format!(
        "<span class=\"ctg-status ctg-{code}\" title=\"{code}\" style=\"display:inline-block;\
         padding:0 .55em;border-radius:1em;border:1px solid #8c959f;background:{bg};color:{fg};\
         white-space:nowrap\">{icon} {label}</span>",
        code = s.code(),
        bg = s.colour(),
        fg = s.ink(),
        icon = esc(s.icon()),
        label = esc(s.label(lang)),
    )
}

/// The window of a row, in words (`2026`, `sem. 12 2026`, `mars 2026`, `T1 2026`,
/// `S1 2026`, `2025-2029`); weeks with their ISO year.
fn period(r: &WindowResult, lang: Lang) -> String {
    let base = ctg_core::report::window_label(r, lang);
    if r.state == WindowState::Open {
        format!("{base} ({})", lang.pick("en cours", "open"))
    } else {
        base
    }
}

/// The value of a row, in words.
fn value(r: &WindowResult, measure: Measure, unit: Option<&str>, lang: Lang) -> String {
    if let Some(a) = r.assessment {
        return a.label(lang).to_string();
    }
    if let Some(d) = r.done_on {
        return format!(
            "{} {}",
            lang.pick("réalisé le", "done on"),
            cfmt::date(d, lang)
        );
    }
    if measure == Measure::Milestone && r.value.is_some() {
        return lang.pick("pas encore réalisé", "not done yet").to_string();
    }
    match r.value {
        Some(v) => {
            let n = cfmt::number(v, 2, lang);
            match unit.filter(|u| !u.is_empty()) {
                Some(u) if u.trim() == "%" => format!("{n}{}", lang.pick("\u{a0}%", "%")),
                Some(u) => format!("{n} {u}"),
                None => n,
            }
        }
        None => "—".to_string(),
    }
}

pub(crate) fn score_text(s: Option<f64>, lang: Lang) -> String {
    s.map(|s| cfmt::percent(s * 100.0, 0, lang))
        .unwrap_or_else(|| "—".to_string())
}

/// The notebook view: plan, date, scores, a fictional-data banner, then one row per
/// indicator headline, grouped by axis.
fn html(ev: &core::Evaluation, view: &ViewOptions) -> String {
    let lang = view.lang;
    let mut h = String::new();
    let _ = write!(
        h,
        "<div class=\"ctg-evaluation\" lang=\"{}\" style=\"font-size:.92em\">",
        lang.code()
    );
    let _ = write!(
        h,
        "<p style=\"margin:.2em 0\"><b>{}</b> — {} ({})<br>{} {} · {} : <b>{}</b></p>",
        esc(&ev.plan_title),
        esc(&ev.territory),
        ev.period,
        lang.pick("Évaluation au", "Evaluation as of"),
        cfmt::date(ev.as_of, lang),
        lang.pick("score du plan", "plan score"),
        score_text(ev.plan.score, lang),
    );
    if ev.fictional {
        let _ = write!(
            h,
            "<p style=\"margin:.3em 0;padding:.3em .6em;display:inline-block;background:#fff8c5;\
             border:1px solid #d4a72c;border-radius:4px;color:#000\"><b>⚠ {}</b></p>",
            lang.pick(
                "DONNÉES FICTIVES : ces observations sont inventées.",
                "FICTIONAL DATA: these observations are made up."
            )
        );
    }
    let counts: Vec<String> = Status::ALL
        .iter()
        .filter(|s| ev.plan.counts.get(**s) > 0)
        .map(|s| format!("{} × {}", ev.plan.counts.get(*s), chip(*s, lang)))
        .collect();
    let _ = write!(
        h,
        "<p style=\"margin:.3em 0\">{}</p>",
        counts.join(" &nbsp; ")
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
        let _ = write!(h, "<th style=\"text-align:left\">{}</th>", esc(head));
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
            a.map(|a| format!(" — {}", esc(&a.title))).unwrap_or_default(),
            score_text(a.and_then(|a| a.score), lang),
        );
        for ind in ev.indicators.iter().filter(|i| i.axis == axis) {
            let r = &ind.headline;
            let unit = ind
                .unit
                .as_deref()
                .or(ind.target.as_ref().and_then(|t| t.unit.as_deref()));
            let _ = write!(
                h,
                "<tr><td>{}</td><td><code>{}</code></td><td style=\"text-align:left\">{}</td>\
                 <td>{}</td><td style=\"text-align:right\">{}</td><td>{}</td><td>{}</td>\
                 <td style=\"text-align:left\">{}</td></tr>",
                ind.fiche,
                esc(&ind.id),
                esc(&ind.label),
                esc(&period(r, lang)),
                esc(&value(r, ind.measure, unit, lang)),
                esc(ctg_core::report::target_text(ind, lang)
                    .as_deref()
                    .unwrap_or("—")),
                chip(r.status, lang),
                esc(&if view.explanations {
                    ctg_core::report::explain(ev, ind, r, lang, None)
                } else {
                    String::new()
                }),
            );
        }
    }
    let _ = write!(
        h,
        "</tbody></table><p style=\"font-size:.85em;color:#57606a\">{} {} · {} <code>to_pandas()</code></p></div>",
        ev.indicators.len(),
        lang.pick("indicateurs", "indicators"),
        lang.pick("toutes les fenêtres :", "every window:"),
    );
    h
}
