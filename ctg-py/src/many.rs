//! Many plans in one call (`ctg_core::eval::evaluate_many`): `ctg.evaluate_many`, which
//! reads one observation table keyed by territory for all the plans and evaluates them on
//! every core without the GIL, and the `Evaluations` class holding the results.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use pyo3::exceptions::{PyIndexError, PyKeyError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyInt, PyIterator, PyList, PyString};

use ctg_core::eval::{self as core, EvalOptions, Rollup};
use ctg_core::io::{IngestOptions, ObservationIssue, Observations};
use ctg_core::model::Plan;
use ctg_core::report::{self, notebook, ViewOptions};
use ctg_core::Lang;

use crate::errors::{shielded_try, Failure};
use crate::eval::{add_counts, csv_flavour, parse_as_of, report_options, Evaluation};
use crate::io;
use crate::table::{frames, Rows, Table};

/// Evaluate many plans against one observation table, in one call: rows go to the plan
/// their ``territory`` column names, and the plans are evaluated in parallel on the
/// available cores, without the GIL (``ctg_core::eval::evaluate_many``).
///
/// ``plans`` is a sequence (any iterable) of ``Plan``. ``observations`` is what
/// ``Plan.evaluate`` accepts (pandas or polars DataFrame, Arrow, list of dicts, CSV or JSON
/// as bytes, text or a path), with a ``territory`` column (also ``territoire``,
/// ``plan_id``) naming each row's plan: its id (``ctg-0001``) or its territory's name
/// (``Territoire fictif 1``; case, accents and punctuation ignored). The column is required
/// when more than one plan is given.
///
/// ``as_of``, ``lang``, ``strict`` and ``explanations`` are those of ``Plan.evaluate``.
/// Without ``as_of``, each plan is evaluated as of its own latest observation. Strict mode
/// raises ``ObservationError`` listing every problem of the table (a territory that names no
/// plan is ``unknown_territory``, with a did-you-mean hint); lenient mode
/// (``strict=False``) drops bad rows: those of a known territory into that plan's
/// ``diagnostics["rejected"]``, the others into ``Evaluations.skipped``.
///
/// >>> import ctg
/// >>> a = ctg.Plan.sundgau()
/// >>> b = ctg.Plan.from_json(a.to_json().replace("sundgau-2025-2029", "ctg-0001")
/// ...                        .replace("Communauté de Communes Sundgau (CCS)", "Territoire fictif 1"))
/// >>> csv = ("# Données fictives\nterritoire;indicateur;date;valeur\n"
/// ...        "sundgau-2025-2029;f8.1;31/12/2026;30\nTerritoire fictif 1;f8.1;31/12/2026;20\n")
/// >>> evs = ctg.evaluate_many([a, b], csv.encode(), as_of="2026-12-31")
/// >>> evs
/// <Evaluations : 2 plans au 2026-12-31, données FICTIVES ; 50 indicateurs — 1 achieved, 1 not_achieved, 48 no_data>
/// >>> evs.keys(), evs["ctg-0001"].indicator("f8.1")["headline"]["status"]
/// (['sundgau-2025-2029', 'ctg-0001'], 'not_achieved')
/// >>> df = evs.headlines()
/// >>> df.loc[df.indicator == "f8.1", ["territory", "value", "status"]].to_string(index=False)
/// '        territory  value       status\nsundgau-2025-2029   30.0     achieved\n         ctg-0001   20.0 not_achieved'
/// >>> try:
/// ...     ctg.evaluate_many([a, b], csv.replace("Territoire fictif 1", "Territoire fictif 2").encode())
/// ... except ctg.ObservationError as e:
/// ...     print(e.errors[0]["code"], e.errors[0]["row"], e.errors[0]["hint_fr"])
/// unknown_territory 4 vouliez-vous dire `Territoire fictif 1` ?
#[pyfunction]
#[pyo3(signature = (plans, observations, as_of = None, lang = "fr", strict = true, explanations = true, sheet = None, limits = None))]
#[allow(clippy::too_many_arguments)]
pub fn evaluate_many(
    py: Python<'_>,
    plans: &Bound<'_, PyAny>,
    observations: &Bound<'_, PyAny>,
    as_of: Option<&Bound<'_, PyAny>>,
    lang: &str,
    strict: bool,
    explanations: bool,
    sheet: Option<String>,
    limits: Option<&Bound<'_, PyAny>>,
) -> PyResult<Evaluations> {
    let limits = crate::parse_limits(limits)?;
    let lang = crate::parse_lang(lang)?;
    let as_of = as_of.map(parse_as_of).transpose()?;
    let plans = extract_plans(plans)?;
    let source = io::extract(observations)?;
    let ingest = IngestOptions {
        lenient: !strict,
        sheet,
        limits,
    };
    let options = EvalOptions { as_of, limits };
    let view = ViewOptions {
        lang,
        explanations,
        suppress_below: None,
    };
    let (evaluations, skipped) = py
        .detach(move || {
            shielded_try(|| {
                let refs: Vec<&Plan> = plans.iter().map(|p| &**p).collect();
                let read = io::read_many(&refs, source, &ingest, lang)?;
                if read.observations.len() != refs.len() {
                    return Err(Failure::Other(format!(
                        "internal error in ctg (a bug, please report it): {} plans but \
                         observations for {}",
                        refs.len(),
                        read.observations.len()
                    )));
                }
                let items: Vec<(&Plan, &Observations)> =
                    refs.iter().copied().zip(&read.observations).collect();
                let evaluations = core::try_evaluate_many(&items, &options)
                    .map_err(|e| Failure::Observations(e.into(), lang))?;
                Ok((evaluations, read.skipped))
            })
        })
        .map_err(|f| f.into_pyerr(py))?;
    Ok(Evaluations::new(
        evaluations,
        skipped,
        view,
        as_of.is_some(),
    ))
}

/// The plans of `evaluate_many`: any iterable of `Plan`.
pub(crate) fn extract_plans(plans: &Bound<'_, PyAny>) -> PyResult<Vec<Arc<Plan>>> {
    let type_name = |obj: &Bound<'_, PyAny>| -> PyResult<String> {
        Ok(obj.get_type().name()?.to_cow()?.into_owned())
    };
    let not_iterable = || -> PyResult<PyErr> {
        Ok(PyTypeError::new_err(format!(
            "plans must be a sequence of ctg.Plan (a list, a tuple…), not {}",
            type_name(plans)?
        )))
    };
    if plans.is_instance_of::<crate::model::Plan>() || plans.is_instance_of::<PyString>() {
        return Err(not_iterable()?);
    }
    let Ok(items) = plans.try_iter() else {
        return Err(not_iterable()?);
    };
    let mut out = Vec::new();
    for (i, item) in items.enumerate() {
        let item = item?;
        match item.cast::<crate::model::Plan>() {
            Ok(plan) => out.push(Arc::clone(&plan.get().inner)),
            Err(_) => {
                return Err(PyTypeError::new_err(format!(
                    "plans[{i}] must be a ctg.Plan, not {}",
                    type_name(&item)?
                )))
            }
        }
    }
    Ok(out)
}

/// The evaluations of many plans (``ctg.evaluate_many``), in the order of the plans.
///
/// A read-only collection: ``len()``, iteration (``Evaluation`` objects, in plan order),
/// ``evs["ctg-0001"]`` by plan id or ``evs[0]`` by position, ``keys()`` (the plan ids),
/// ``"ctg-0001" in evs``. Tables of every plan at once, with a leading ``territory`` column
/// (the plan id) and then exactly the columns and dtypes of ``Evaluation.to_pandas()``:
/// ``to_pandas()``, ``to_polars()``, ``headlines()``; one row per plan with its score and
/// status counts: ``scores()``. Rows dropped in lenient mode whose territory is unknown:
/// ``skipped``.
///
/// >>> import ctg
/// >>> a = ctg.Plan.sundgau()
/// >>> b = ctg.Plan.from_json(a.to_json().replace("sundgau-2025-2029", "ctg-0001"))
/// >>> rows = [{"territory": "ctg-0001", "indicator": "f8.1", "date": "2026-12-31", "value": 30},
/// ...         {"territory": "ctg-0002", "indicator": "f8.1", "date": "2026-12-31", "value": 9}]
/// >>> evs = ctg.evaluate_many([a, b], rows, strict=False)
/// >>> len(evs), evs[1].plan_id, [e.plan_id for e in evs], "ctg-0001" in evs
/// (2, 'ctg-0001', ['sundgau-2025-2029', 'ctg-0001'], True)
/// >>> [(s["code"], s["row"], s["column"]) for s in evs.skipped]
/// [('unknown_territory', 2, 'territory')]
/// >>> evs.scores()[["territory", "score", "achieved", "no_data"]].to_string(index=False)
/// '        territory  score  achieved  no_data\nsundgau-2025-2029    NaN         0       25\n         ctg-0001    1.0         1       24'
#[pyclass(frozen, module = "ctg")]
#[derive(Debug)]
pub struct Evaluations {
    items: Vec<Arc<core::Evaluation>>,
    /// Position of each plan id (its first, if given twice).
    index: HashMap<String, usize>,
    skipped: Vec<ObservationIssue>,
    /// The language and texts of every plan's tables, JSON and reports.
    view: ViewOptions,
    as_of_given: bool,
    /// The core's roll-up: common date or range, fictional flag, counts, one row per plan.
    rollup: Rollup,
}

impl Evaluations {
    fn new(
        evaluations: Vec<core::Evaluation>,
        skipped: Vec<ObservationIssue>,
        view: ViewOptions,
        as_of_given: bool,
    ) -> Self {
        let items: Vec<Arc<core::Evaluation>> = evaluations.into_iter().map(Arc::new).collect();
        let mut index = HashMap::with_capacity(items.len());
        for (i, ev) in items.iter().enumerate() {
            index.entry(ev.plan_id.clone()).or_insert(i);
        }
        let rollup = Rollup::new(items.iter().map(|ev| &**ev), skipped.len());
        Evaluations {
            items,
            index,
            skipped,
            view,
            as_of_given,
            rollup,
        }
    }

    fn evaluation(&self, i: usize) -> Option<Evaluation> {
        self.items.get(i).map(|ev| Evaluation {
            inner: Arc::clone(ev),
            view: self.view,
        })
    }

    /// The results table of every plan (every row, or the headlines), without the GIL.
    /// The results table of every plan (every row, or the headlines), its texts in `lang`
    /// (default: the language given to `evaluate_many`), built without the GIL.
    fn table(
        &self,
        py: Python<'_>,
        rows: Rows,
        lang: Option<&str>,
        suppress_below: Option<u32>,
    ) -> PyResult<Table<'_>> {
        let items = &self.items;
        let view = ViewOptions {
            lang: lang
                .map(crate::parse_lang)
                .transpose()?
                .unwrap_or(self.view.lang),
            suppress_below,
            ..self.view
        };
        Ok(py.detach(|| Table::results(items.iter().map(|ev| &**ev), true, rows, &view)))
    }
}

#[pymethods]
impl Evaluations {
    fn __len__(&self) -> usize {
        self.items.len()
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyIterator>> {
        let list = PyList::empty(py);
        for i in 0..self.items.len() {
            if let Some(ev) = self.evaluation(i) {
                list.append(ev)?;
            }
        }
        list.try_iter()
    }

    /// ``evs["ctg-0001"]`` (a plan id: ``KeyError`` if none) or ``evs[0]`` (a position,
    /// negative from the end: ``IndexError`` if out of range).
    fn __getitem__(&self, key: &Bound<'_, PyAny>) -> PyResult<Evaluation> {
        if let Ok(id) = key.cast::<PyString>() {
            let id = id.to_cow()?;
            return self
                .index
                .get(id.as_ref())
                .and_then(|i| self.evaluation(*i))
                .ok_or_else(|| PyKeyError::new_err(id.into_owned()));
        }
        if key.is_instance_of::<PyInt>() {
            let n = self.items.len();
            let at: isize = key.extract().unwrap_or(isize::MAX);
            let i = if at < 0 {
                n.checked_sub(at.unsigned_abs())
            } else {
                usize::try_from(at).ok()
            };
            return i.and_then(|i| self.evaluation(i)).ok_or_else(|| {
                PyIndexError::new_err(format!("Evaluations index {at} out of range ({n} plans)"))
            });
        }
        Err(PyTypeError::new_err(format!(
            "Evaluations are indexed by plan id (str) or position (int), not {}",
            key.get_type().name()?
        )))
    }

    /// Whether a plan id is one of the plans.
    fn __contains__(&self, key: &Bound<'_, PyAny>) -> PyResult<bool> {
        match key.cast::<PyString>() {
            Ok(id) => Ok(self.index.contains_key(id.to_cow()?.as_ref())),
            Err(_) => Ok(false),
        }
    }

    /// The plan ids, in order.
    fn keys(&self) -> Vec<String> {
        self.items.iter().map(|ev| ev.plan_id.clone()).collect()
    }

    /// The evaluation date shared by every plan (``datetime.date``): ``as_of`` when given;
    /// otherwise each plan is evaluated as of its own latest observation, and this is their
    /// date if it is the same for all, ``None`` if not (see each ``Evaluation.as_of``).
    #[getter]
    fn as_of(&self) -> Option<NaiveDate> {
        self.rollup.as_of
    }

    /// Whether ``as_of`` was given.
    #[getter]
    fn as_of_given(&self) -> bool {
        self.as_of_given
    }

    /// Whether the observations declared themselves fictional (``# Données fictives``).
    #[getter]
    fn fictional(&self) -> bool {
        self.rollup.fictional
    }

    /// The language of the explanations (``"fr"`` or ``"en"``).
    #[getter]
    fn lang(&self) -> &'static str {
        self.view.lang.code()
    }

    /// Lenient mode: the problems of the rows dropped because their territory names no
    /// plan (or none, or several), as dicts like ``ObservationError.errors``. Rows dropped
    /// for other reasons are in their plan's ``diagnostics["rejected"]``.
    #[getter]
    fn skipped<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::to_py(py, &self.skipped)
    }

    /// Every window result and yearly summary of every plan, as one pandas DataFrame: a
    /// leading ``territory`` column (the plan id), then the columns of
    /// ``Evaluation.to_pandas()`` with the same dtypes; plans in order.
    ///
    /// >>> import ctg
    /// >>> a = ctg.Plan.sundgau()
    /// >>> b = ctg.Plan.from_json(a.to_json().replace("sundgau-2025-2029", "ctg-0001"))
    /// >>> rows = [{"territoire": "ctg-0001", "indicateur": "f8.1", "date": "2026-12-31", "valeur": 30}]
    /// >>> df = ctg.evaluate_many([a, b], rows).to_pandas()
    /// >>> list(df.columns[:4]), df.territory.unique().tolist(), str(df.status.dtype)
    /// (['territory', 'axis', 'fiche', 'indicator'], ['sundgau-2025-2029', 'ctg-0001'], 'category')
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

    /// The same table as ``to_pandas()``, as a polars DataFrame (the dtypes of
    /// ``Evaluation.to_polars()``).
    ///
    /// >>> import ctg, polars as pl
    /// >>> a = ctg.Plan.sundgau()
    /// >>> b = ctg.Plan.from_json(a.to_json().replace("sundgau-2025-2029", "ctg-0001"))
    /// >>> rows = [{"territory": "ctg-0001", "indicator": "f8.1", "date": "2026-12-31", "value": 30}]
    /// >>> df = ctg.evaluate_many([a, b], rows).to_polars()
    /// >>> df.filter(pl.col("headline") & (pl.col("indicator") == "f8.1")).select("territory", "status").rows()
    /// [('sundgau-2025-2029', 'no_data'), ('ctg-0001', 'achieved')]
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

    /// The headline row of every indicator of every plan, with the columns of
    /// ``to_pandas()`` (``backend="polars"`` for polars).
    ///
    /// >>> import ctg
    /// >>> a = ctg.Plan.sundgau()
    /// >>> b = ctg.Plan.from_json(a.to_json().replace("sundgau-2025-2029", "ctg-0001"))
    /// >>> h = ctg.evaluate_many([a, b], [{"territory": "ctg-0001", "indicator": "f8.1",
    /// ...                                 "date": "2026-12-31", "value": 30}]).headlines()
    /// >>> len(h), h.groupby("territory", sort=False).size().tolist()
    /// (50, [25, 25])
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

    /// One row per plan: ``territory`` (the plan id), ``territory_name``, ``as_of``, the
    /// plan ``score`` (0..1, NaN when nothing is scored) and the headline status counts,
    /// with ``scored`` and ``total`` (``backend="polars"`` for polars).
    ///
    /// >>> import ctg
    /// >>> a = ctg.Plan.sundgau()
    /// >>> b = ctg.Plan.from_json(a.to_json().replace("sundgau-2025-2029", "ctg-0001"))
    /// >>> rows = [{"territory": "SUNDGAU 2025-2029", "indicator": "f8.1", "date": "2026-12-31", "value": 9},
    /// ...         {"territory": "ctg-0001", "indicator": "f8.1", "date": "2026-12-31", "value": 30}]
    /// >>> s = ctg.evaluate_many([a, b], rows).scores()
    /// >>> s.columns.tolist()[:4], s.score.tolist(), s.total.tolist()
    /// (['territory', 'territory_name', 'as_of', 'score'], [0.0, 1.0], [25, 25])
    #[pyo3(signature = (backend = "pandas"))]
    fn scores<'py>(&self, py: Python<'py>, backend: &str) -> PyResult<Bound<'py, PyAny>> {
        let rows = &self.rollup.rows;
        let d = PyDict::new(py);
        d.set_item(
            "territory",
            rows.iter().map(|r| r.plan_id.as_str()).collect::<Vec<_>>(),
        )?;
        d.set_item(
            "territory_name",
            rows.iter()
                .map(|r| r.territory.as_str())
                .collect::<Vec<_>>(),
        )?;
        d.set_item("as_of", rows.iter().map(|r| r.as_of).collect::<Vec<_>>())?;
        d.set_item("score", rows.iter().map(|r| r.score).collect::<Vec<_>>())?;
        add_counts(&d, rows.iter().map(|r| &r.counts))?;
        frames(py, "rows_frame", (d, backend))
    }

    /// The roll-up report of every plan as one self-contained HTML document
    /// (``ctg_core::report::render_many_html``): heading and date, a fictional-data banner
    /// when the data says so, the headline status counts over every plan, then one row per
    /// plan with its score and status counts. ``lang``: ``"fr"`` or ``"en"`` (default: the
    /// language given to ``evaluate_many``). A plan's own report is ``evs[i].to_html()``.
    ///
    /// >>> import ctg
    /// >>> a = ctg.Plan.sundgau()
    /// >>> b = ctg.Plan.from_json(a.to_json().replace("sundgau-2025-2029", "ctg-0001"))
    /// >>> rows = [{"territory": "ctg-0001", "indicator": "f8.1", "date": "2026-12-31", "value": 30}]
    /// >>> html = ctg.evaluate_many([a, b], rows, as_of="2026-12-31").to_html()
    /// >>> html.startswith("<!DOCTYPE html>"), "<h1>Bilan de 2 plans</h1>" in html, html.count("<tr data-plan=")
    /// (True, True, 2)
    #[pyo3(signature = (lang = None))]
    fn to_html(&self, py: Python<'_>, lang: Option<&str>) -> PyResult<String> {
        let lang = self.lang_or(lang)?;
        let rollup = &self.rollup;
        Ok(py.detach(|| report::render_many_html(rollup, lang)))
    }

    /// The roll-up report of ``to_html()`` in Markdown
    /// (``ctg_core::report::render_many_markdown``).
    ///
    /// >>> import ctg
    /// >>> a = ctg.Plan.sundgau()
    /// >>> b = ctg.Plan.from_json(a.to_json().replace("sundgau-2025-2029", "ctg-0001"))
    /// >>> rows = [{"territory": "ctg-0001", "indicator": "f8.1", "date": "2026-12-31", "value": 30}]
    /// >>> md = ctg.evaluate_many([a, b], rows, as_of="2026-12-31").to_markdown(lang="en")
    /// >>> print("\n".join(line for line in md.splitlines() if line.startswith("|")))
    /// | Plan | Territory | As of | Score | ✔ Achieved | ∅ No data | Total |
    /// |---|---|---|---:|---:|---:|---:|
    /// | sundgau-2025-2029 | Communauté de Communes Sundgau (CCS) | 2026-12-31 | — | 0 | 25 | 25 |
    /// | ctg-0001 | Communauté de Communes Sundgau (CCS) | 2026-12-31 | 100% | 1 | 24 | 25 |
    #[pyo3(signature = (lang = None))]
    fn to_markdown(&self, py: Python<'_>, lang: Option<&str>) -> PyResult<String> {
        let lang = self.lang_or(lang)?;
        let rollup = &self.rollup;
        Ok(py.detach(|| report::render_many_markdown(rollup, lang)))
    }

    /// Every result of every plan as one CSV (``ctg_core::report::render_many_csv``): a
    /// leading ``territory`` column (the plan id), then exactly the columns and cells of
    /// ``Evaluation.to_csv()``, plans in order, one header. The options are those of
    /// ``Evaluation.to_csv()`` (default language: the one given to ``evaluate_many``).
    ///
    /// >>> import ctg, csv, io
    /// >>> a = ctg.Plan.sundgau()
    /// >>> b = ctg.Plan.from_json(a.to_json().replace("sundgau-2025-2029", "ctg-0001"))
    /// >>> rows = [{"territory": "ctg-0001", "indicator": "f8.1", "date": "2026-12-31", "value": 30}]
    /// >>> text = ctg.evaluate_many([a, b], rows).to_csv(fiches=[8], flavour="plain")
    /// >>> table = list(csv.DictReader(io.StringIO(text)))
    /// >>> text.split(",")[:3], [(r["territory"], r["value"]) for r in table if r["indicator"] == "f8.1"]
    /// (['territory', 'axis', 'fiche'], [('sundgau-2025-2029', ''), ('ctg-0001', ''), ('ctg-0001', '30')])
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
        let opts = report_options(self.view.lang, lang, fiches, axes, suppress_below)?;
        let flavour = csv_flavour(flavour)?;
        let items = &self.items;
        Ok(py.detach(|| report::render_many_csv(items.iter().map(|ev| &**ev), &opts, flavour)))
    }

    /// One line: the number of plans, their date (or range), the fictional flag, the
    /// headline status counts over every plan and the rows skipped
    /// (``ctg_core::report::notebook::evaluations_repr``).
    fn __repr__(&self) -> String {
        notebook::evaluations_repr(&self.rollup, self.view.lang)
    }

    /// A short HTML summary for notebooks (``ctg_core::report::notebook::evaluations_html``;
    /// every text escaped): the number of plans, the date, the status counts over every
    /// plan, and the first plans' scores.
    ///
    /// >>> import ctg
    /// >>> a = ctg.Plan.sundgau()
    /// >>> evs = ctg.evaluate_many([a], [{"indicator": "f8.1", "date": "2026-12-31", "value": 30}])
    /// >>> html = evs._repr_html_()
    /// >>> html.startswith('<div class="ctg-evaluations" lang="fr"'), "Évaluation de 1 plan" in html
    /// (True, True)
    fn _repr_html_(&self) -> String {
        notebook::evaluations_html(&self.rollup, self.view.lang)
    }
}

impl Evaluations {
    /// The language asked for a report, or the one given to `evaluate_many`.
    fn lang_or(&self, lang: Option<&str>) -> PyResult<Lang> {
        Ok(lang
            .map(crate::parse_lang)
            .transpose()?
            .unwrap_or(self.view.lang))
    }
}
