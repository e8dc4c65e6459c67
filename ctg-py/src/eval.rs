//! Evaluation (`ctg_core::eval`): `Plan.evaluate` and the `Evaluation` class with its
//! tables (the results tables through [`crate::table`], the summary by `ctg._frames` from
//! plain columns), JSON, and the core's reports and notebook view
//! (`ctg_core::report`), rendered without the GIL.

use std::sync::Arc;

use chrono::NaiveDate;
use pyo3::exceptions::{PyKeyError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyDate, PyDateTime, PyDict, PyString};

use ctg_core::eval::{self as core, EvalOptions, Status, StatusCounts};
use ctg_core::io::IngestOptions;
use ctg_core::model::Plan;
use ctg_core::report::{self, notebook, CsvFlavour, ReportOptions, ViewOptions};
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
    ingest: IngestOptions,
    explanations: bool,
) -> PyResult<Evaluation> {
    let lang = crate::parse_lang(lang)?;
    let as_of = as_of.map(parse_as_of).transpose()?;
    let source = io::extract(observations)?;
    let options = EvalOptions {
        as_of,
        limits: ingest.limits,
    };
    let view = ViewOptions {
        lang,
        explanations,
        suppress_below: None,
    };
    py.detach(move || {
        shielded_try(|| {
            let obs = io::read(&plan, source, &ingest, lang)?;
            core::try_evaluate(&plan, &obs, &options)
                .map_err(|e| crate::errors::Failure::Observations(e.into(), lang))
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
    // The core's range (1900–2200), as for the text forms.
    let in_range = |d: NaiveDate| {
        if ctg_core::io::date_in_range(d) {
            Ok(d)
        } else {
            Err(crate::option_error(format!(
                "as_of: {d} is outside the years 1900 to 2200"
            )))
        }
    };
    if obj.is_instance_of::<PyDateTime>() {
        return in_range(obj.call_method0("date")?.extract::<NaiveDate>()?);
    }
    if obj.is_instance_of::<PyDate>() {
        return in_range(obj.extract::<NaiveDate>()?);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        let s = s.to_cow()?;
        let t = s.trim();
        return ctg_core::io::parse_date(t).ok_or_else(|| {
            crate::option_error(format!(
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
/// the core's JSON: ``to_json()``; the text report: ``report()``; the COPIL report:
/// ``to_html()``, ``to_markdown()``, and every result as CSV: ``to_csv()``. In a notebook it
/// shows as a coloured table of the headlines.
///
/// >>> import ctg
/// >>> plan = ctg.Plan.sundgau()
/// >>> csv = "# Données fictives\nindicateur;date;valeur\nf2.1;15/09/2026;240\nf8.1;31/12/2026;20\n"
/// >>> ev = plan.evaluate(csv.encode(), as_of="2026-12-31")
/// >>> ev
/// <Evaluation sundgau-2025-2029 au 2026-12-31, données FICTIVES : 25 indicateurs — 1 achieved, 1 not_achieved, 23 no_data ; score du plan 50 %>
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
    /// The language and texts given to `evaluate`: the default of the tables, JSON,
    /// reports and views.
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

    /// The language given to ``evaluate`` (``"fr"`` or ``"en"``): that of the explanations,
    /// and the default of the reports (``to_html``, ``to_markdown``, ``to_csv``) and views.
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
    /// "rejected" (lenient mode: dicts like ``ObservationError.errors``), "notes"}``.
    ///
    /// >>> import ctg
    /// >>> rows = [{"indicator": "f8.1", "date": "2026-12-31", "value": 30},
    /// ...         {"indicator": "f8.1", "date": "2026-12-31", "value": -1}]
    /// >>> d = ctg.Plan.sundgau().evaluate(rows, strict=False).diagnostics
    /// >>> d["used"], [(r["code"], r["row"], r["column"]) for r in d["rejected"]]
    /// (1, [('constraint_error', 2, 'value')])
    #[getter]
    fn diagnostics<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let diagnostics = report::DiagnosticsView::new(&self.inner, self.view.lang);
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
    ///
    /// ``suppress_below``: small-count suppression as in the published reports (a count
    /// below it is left out with what would reveal it, and its result says
    /// ``"suppressed": true``).
    ///
    /// >>> ev = ctg.Plan.sundgau().evaluate([{"indicator": "f8.1", "date": "2026-12-31", "value": 3}])
    /// >>> f8 = [i for i in json.loads(ev.to_json(suppress_below=5))["indicators"] if i["id"] == "f8.1"][0]
    /// >>> f8["headline"]["value"], f8["headline"]["suppressed"]
    /// (None, True)
    #[pyo3(signature = (suppress_below = None))]
    fn to_json(&self, suppress_below: Option<u32>) -> String {
        let view = ViewOptions {
            suppress_below,
            ..self.view
        };
        report::render_json(&self.inner, &view)
    }

    /// The evaluation as plain Python data (``json.loads(to_json(suppress_below))``).
    #[pyo3(signature = (suppress_below = None))]
    fn to_dict<'py>(
        &self,
        py: Python<'py>,
        suppress_below: Option<u32>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let view = ViewOptions {
            suppress_below,
            ..self.view
        };
        crate::to_py(py, &report::EvaluationView::new(&self.inner, &view))
    }

    /// The core's plain-text report (``ctg_core::report::render_text``) for the terminal:
    /// ``lang`` (default: the language given to ``evaluate``), ``fiches``, ``axes`` and
    /// ``suppress_below`` as for ``to_html``.
    ///
    /// >>> import ctg
    /// >>> ev = ctg.Plan.sundgau().evaluate([{"indicator": "f8.1", "date": "2026-12-31", "value": 30}])
    /// >>> "FICHE 8" in ev.report(), "AXIS 2" in ev.report(lang="en", fiches=[8])
    /// (True, True)
    #[pyo3(signature = (lang = None, fiches = None, axes = None, suppress_below = None))]
    fn report(
        &self,
        py: Python<'_>,
        lang: Option<&str>,
        fiches: Option<Vec<u32>>,
        axes: Option<Vec<u32>>,
        suppress_below: Option<u32>,
    ) -> PyResult<String> {
        self.render(
            py,
            (lang, fiches, axes, suppress_below),
            report::render_text,
        )
    }

    /// The explanation sentence of every result, rendered now in ``lang`` (default: the
    /// language given to ``evaluate``), in the order of the rows of ``to_pandas()``
    /// (``ctg_core::report::explanations``); ``fiches`` / ``axes`` keep only those,
    /// ``suppress_below`` shows counts below it as ``< n`` as in the reports.
    ///
    /// >>> import ctg
    /// >>> ev = ctg.Plan.sundgau().evaluate([{"indicator": "f8.1", "date": "2026-12-31", "value": 30}],
    /// ...                                  explanations=False)
    /// >>> ev.explanations(lang="en", fiches=[8])[-1]
    /// "Nombre d'actions de soutien à la parentalité recensées: 30 actions in 2026 (target > 24 / year) — achieved (125%)"
    /// >>> len(ev.explanations()) == len(ev.to_pandas())
    /// True
    #[pyo3(signature = (lang = None, fiches = None, axes = None, suppress_below = None))]
    fn explanations(
        &self,
        py: Python<'_>,
        lang: Option<&str>,
        fiches: Option<Vec<u32>>,
        axes: Option<Vec<u32>>,
        suppress_below: Option<u32>,
    ) -> PyResult<Vec<String>> {
        self.render(
            py,
            (lang, fiches, axes, suppress_below),
            report::explanations,
        )
    }

    /// The evaluation of one indicator, as plain data (``KeyError`` if unknown).
    ///
    /// >>> import ctg
    /// >>> ev = ctg.Plan.sundgau().evaluate([{"indicator": "f8.1", "date": "2026-12-31", "value": 30}])
    /// >>> ev.indicator("f8.1")["headline"]["status"]
    /// 'achieved'
    fn indicator<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyAny>> {
        match report::EvaluationView::new(&self.inner, &self.view).indicator(id) {
            Some(i) => crate::to_py(py, i),
            None => Err(PyKeyError::new_err(id.to_string())),
        }
    }

    /// Every window result and yearly summary as a pandas DataFrame, in plan order; the
    /// texts (``target``, ``explanation``) in ``lang`` (default: the language given to
    /// ``evaluate``), rendered now.
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
    #[pyo3(signature = (lang = None, suppress_below = None))]
    fn to_pandas<'py>(
        &self,
        py: Python<'py>,
        lang: Option<&str>,
        suppress_below: Option<u32>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.table(py, Rows::All, lang, suppress_below)?
            .frame(py, "pandas")
    }

    /// The same table as ``to_pandas()``, as a polars DataFrame (dates as ``pl.Date``,
    /// ``status`` as a ``pl.Enum`` in severity order).
    ///
    /// >>> import ctg, polars as pl
    /// >>> df = ctg.Plan.sundgau().evaluate([{"indicator": "f8.1", "date": "2026-12-31", "value": 30}]).to_polars()
    /// >>> df.filter(pl.col("indicator") == "f8.1").select("start", "value", "status").rows()
    /// [(datetime.date(2025, 1, 1), None, 'no_data'), (datetime.date(2026, 1, 1), 30.0, 'achieved')]
    #[pyo3(signature = (lang = None, suppress_below = None))]
    fn to_polars<'py>(
        &self,
        py: Python<'py>,
        lang: Option<&str>,
        suppress_below: Option<u32>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.table(py, Rows::All, lang, suppress_below)?
            .frame(py, "polars")
    }

    /// The headline row of every indicator (the latest closed window, or the yearly
    /// summary of weekly, monthly, quarterly and half-year indicators), with the columns of
    /// ``to_pandas()``.
    ///
    /// >>> import ctg
    /// >>> h = ctg.Plan.sundgau().evaluate([{"indicator": "f8.1", "date": "2026-12-31", "value": 30}]).headlines()
    /// >>> len(h), h.iloc[0]["indicator"], h.set_index("indicator").loc["f8.1", "status"]
    /// (25, 'f1.1', 'achieved')
    #[pyo3(signature = (backend = "pandas", lang = None, suppress_below = None))]
    fn headlines<'py>(
        &self,
        py: Python<'py>,
        backend: &str,
        lang: Option<&str>,
        suppress_below: Option<u32>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.table(py, Rows::Headlines, lang, suppress_below)?
            .frame(py, backend)
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

    /// The COPIL report as one self-contained HTML document (``ctg_core::report::render_html``,
    /// the document the Rust and JavaScript APIs give): header with a fictional-data banner
    /// when the data says so, plan summary, then per axis and fiche each indicator's status,
    /// value against target, achievement bar, chart and explanation, then diagnostics. Inline
    /// CSS and SVG, no script, prints on A4; every text escaped.
    ///
    /// ``lang``: ``"fr"`` or ``"en"`` (default: the language given to ``evaluate``);
    /// ``fiches`` / ``axes``: only these numbers; ``suppress_below``: small-count
    /// suppression for published reports (counts below it shown as ``< n``, and what would
    /// reveal them left out). Write it with ``Path("bilan.html").write_text(html,
    /// encoding="utf-8")``.
    ///
    /// >>> import ctg
    /// >>> ev = ctg.Plan.sundgau().evaluate([{"indicator": "f8.1", "date": "2026-12-31", "value": 30}])
    /// >>> html = ev.to_html()
    /// >>> html.startswith("<!DOCTYPE html>"), 'lang="fr"' in html, html.count('class="ind"')
    /// (True, True, 25)
    /// >>> ev.to_html(fiches=[7, 8]).count('class="ind"')
    /// 3
    /// >>> "Value: <strong>30 actions</strong>" in ev.to_html(lang="en")
    /// True
    #[pyo3(signature = (lang = None, fiches = None, axes = None, suppress_below = None))]
    fn to_html(
        &self,
        py: Python<'_>,
        lang: Option<&str>,
        fiches: Option<Vec<u32>>,
        axes: Option<Vec<u32>>,
        suppress_below: Option<u32>,
    ) -> PyResult<String> {
        self.render(
            py,
            (lang, fiches, axes, suppress_below),
            report::render_html,
        )
    }

    /// The COPIL report in Markdown (``ctg_core::report::render_markdown``): the content of
    /// ``to_html()`` with tables instead of charts, for wikis and e-mails. The options are
    /// those of ``to_html()``.
    ///
    /// >>> import ctg
    /// >>> ev = ctg.Plan.sundgau().evaluate([{"indicator": "f8.1", "date": "2026-12-31", "value": 30}])
    /// >>> md = ev.to_markdown(fiches=[8], lang="en")
    /// >>> md.splitlines()[0]
    /// "# Convention Territoriale Globale du Sundgau — Plan d'action 2025-2029"
    /// >>> [line for line in md.splitlines() if line.startswith("| f8.1 |")]
    /// ["| f8.1 | Nombre d'actions de soutien à la parentalité recensées | 30 actions | &gt; 24 / year | ✔ Achieved | 125% |"]
    #[pyo3(signature = (lang = None, fiches = None, axes = None, suppress_below = None))]
    fn to_markdown(
        &self,
        py: Python<'_>,
        lang: Option<&str>,
        fiches: Option<Vec<u32>>,
        axes: Option<Vec<u32>>,
        suppress_below: Option<u32>,
    ) -> PyResult<String> {
        self.render(
            py,
            (lang, fiches, axes, suppress_below),
            report::render_markdown,
        )
    }

    /// Every result as CSV (``ctg_core::report::render_csv``), one row per indicator ×
    /// window in plan order, with the value, target, status label and explanation as text
    /// in ``lang``. ``flavour="fr"`` (default) is French Excel: ``;`` separator, decimal
    /// comma, ``31/12/2026`` dates and a UTF-8 BOM; ``flavour="plain"`` is ``,``, decimal
    /// point, ISO dates, no BOM. The other options are those of ``to_html()``; small-count
    /// suppression blanks the numbers that would reveal a small count.
    ///
    /// >>> import ctg, csv, io
    /// >>> ev = ctg.Plan.sundgau().evaluate([{"indicator": "f8.1", "date": "2026-12-31", "value": 30}])
    /// >>> rows = list(csv.DictReader(io.StringIO(ev.to_csv(fiches=[8], flavour="plain"))))
    /// >>> [(r["indicator"], r["start"], r["value"], r["status"]) for r in rows if r["indicator"] == "f8.1"]
    /// [('f8.1', '2025-01-01', '', 'no_data'), ('f8.1', '2026-01-01', '30', 'achieved')]
    /// >>> ev.to_csv().startswith("\ufeffaxe;fiche;indicateur;")
    /// True
    #[pyo3(signature = (lang = None, fiches = None, axes = None, suppress_below = None, flavour = "fr"))]
    fn to_csv(
        &self,
        py: Python<'_>,
        lang: Option<&str>,
        fiches: Option<Vec<u32>>,
        axes: Option<Vec<u32>>,
        suppress_below: Option<u32>,
        flavour: &str,
    ) -> PyResult<String> {
        let flavour = csv_flavour(flavour)?;
        self.render(py, (lang, fiches, axes, suppress_below), |ev, opts| {
            report::render_csv(ev, opts, flavour)
        })
    }

    /// The results workbook (.xlsx, ``ctg_core::report::results_workbook``): « Résultats »
    /// (every indicator × window as typed cells, statuses coloured and labelled),
    /// « Scores » (fiches, axes, plan) and « Notes », with the report options. Returns the
    /// bytes, or writes them to ``path`` and returns ``None``.
    ///
    /// >>> import ctg, io
    /// >>> ev = ctg.Plan.sundgau().evaluate([{"indicator": "f8.1", "date": "2026-12-31", "value": 30}])
    /// >>> data = ev.to_excel()
    /// >>> data[:2]
    /// b'PK'
    #[pyo3(signature = (path = None, lang = None, fiches = None, axes = None, suppress_below = None))]
    fn to_excel<'py>(
        &self,
        py: Python<'py>,
        path: Option<std::path::PathBuf>,
        lang: Option<&str>,
        fiches: Option<Vec<u32>>,
        axes: Option<Vec<u32>>,
        suppress_below: Option<u32>,
    ) -> PyResult<Option<Bound<'py, pyo3::types::PyBytes>>> {
        let opts = report_options(self.view.lang, lang, fiches, axes, suppress_below)?;
        let ev = &*self.inner;
        let bytes = py
            .detach(|| report::results_workbook(ev, &opts))
            .map_err(|e| crate::CtgError::new_err(e.render(opts.lang)))?;
        crate::io::bytes_out(py, bytes, path)
    }

    /// One line: plan, date, fictional flag, headline status counts and plan score, in the
    /// evaluation's language (``ctg_core::report::notebook::evaluation_repr``).
    fn __repr__(&self) -> String {
        notebook::evaluation_repr(&self.inner, self.view.lang)
    }

    /// A coloured HTML table of the headlines, for notebooks
    /// (``ctg_core::report::notebook::evaluation_html``; every text escaped): status chips
    /// with the core's colour, icon and label, and the report's value, target and
    /// explanation texts.
    ///
    /// >>> import ctg
    /// >>> html = ctg.Plan.sundgau().evaluate([{"indicator": "f8.1", "date": "2026-12-31", "value": 30}])._repr_html_()
    /// >>> html.startswith('<div class="ctg-evaluation" lang="fr"'), "✔ Atteint</span>" in html
    /// (True, True)
    fn _repr_html_(&self, py: Python<'_>) -> String {
        let ev = &*self.inner;
        let lang = self.view.lang;
        py.detach(|| notebook::evaluation_html(ev, lang))
    }
}

/// The report options a Python method receives: `lang`, `fiches`, `axes`,
/// `suppress_below`.
type PyReportOptions<'a> = (
    Option<&'a str>,
    Option<Vec<u32>>,
    Option<Vec<u32>>,
    Option<u32>,
);

impl Evaluation {
    /// Render with the report options (default language: the one given to `evaluate`),
    /// without the GIL.
    fn render<T: Send>(
        &self,
        py: Python<'_>,
        (lang, fiches, axes, suppress_below): PyReportOptions<'_>,
        render: impl FnOnce(&core::Evaluation, &ReportOptions) -> T + Send,
    ) -> PyResult<T> {
        let opts = report_options(self.view.lang, lang, fiches, axes, suppress_below)?;
        let ev = &*self.inner;
        Ok(py.detach(|| render(ev, &opts)))
    }

    /// The results table (every row, or the headlines), built without the GIL.
    /// The results table (every row, or the headlines), its texts in `lang` (default: the
    /// language given to `evaluate`), built without the GIL.
    fn table(
        &self,
        py: Python<'_>,
        rows: Rows,
        lang: Option<&str>,
        suppress_below: Option<u32>,
    ) -> PyResult<Table<'_>> {
        let ev = &*self.inner;
        let view = ViewOptions {
            lang: lang
                .map(crate::parse_lang)
                .transpose()?
                .unwrap_or(self.view.lang),
            suppress_below,
            ..self.view
        };
        Ok(py.detach(|| Table::results([ev], false, rows, &view)))
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

/// The core's report options from the keyword arguments of ``to_html`` / ``to_markdown`` /
/// ``to_csv``: `lang` (default `default`), fiches, axes, small-count suppression.
pub(crate) fn report_options(
    default: Lang,
    lang: Option<&str>,
    fiches: Option<Vec<u32>>,
    axes: Option<Vec<u32>>,
    suppress_below: Option<u32>,
) -> PyResult<ReportOptions> {
    let lang = lang.map(crate::parse_lang).transpose()?.unwrap_or(default);
    Ok(ReportOptions {
        lang,
        fiches,
        axes,
        suppress_below,
    })
}

/// The CSV flavour named `"fr"` or `"plain"`, as the core parses it.
pub(crate) fn csv_flavour(flavour: &str) -> PyResult<CsvFlavour> {
    flavour
        .parse::<CsvFlavour>()
        .map_err(|e| crate::option_error(format!("flavour: {e}")))
}
