//! The plan (`ctg_core::model`): `Plan`, and read-only `Axis`, `Fiche`, `Indicator`.

use std::path::PathBuf;
use std::sync::Arc;

use pyo3::exceptions::PyKeyError;
use pyo3::prelude::*;

use ctg_core::io::IngestOptions;

use ctg_core::model as core;

use crate::errors::{shielded_try, Failure};
use crate::target::Target;

/// A CTG action plan: axes, *fiches d'action* and their indicators (``ctg_core::model::Plan``).
///
/// Load one with ``Plan.sundgau()`` (the bundled Sundgau plan 2025-2029), ``Plan.load(path)``
/// (``.toml`` or ``.json``), ``Plan.from_toml(text)`` or ``Plan.from_json(text)``; a plan
/// that does not load raises ``PlanError`` listing every problem. Plans are immutable.
///
/// >>> import ctg
/// >>> plan = ctg.Plan.sundgau()
/// >>> plan
/// <Plan sundgau-2025-2029: 3 axes, 12 fiches, 25 indicators, 2025-2029>
/// >>> plan.period, len(plan.axes), len(plan.fiches), len(plan.indicators)
/// ((2025, 2029), 3, 12, 25)
/// >>> plan.indicator("f7.1")
/// <Indicator f7.1 (fiche 7): Fréquentation du SIJ — target > 10 / mois, count per month>
/// >>> ctg.Plan.from_toml(plan.to_toml()) == plan
/// True
/// >>> ctg.Plan.from_json(plan.to_json()) == plan
/// True
#[pyclass(frozen, eq, module = "ctg")]
#[derive(Debug, Clone)]
pub struct Plan {
    pub(crate) inner: Arc<core::Plan>,
}

impl PartialEq for Plan {
    fn eq(&self, other: &Self) -> bool {
        self.inner == other.inner
    }
}

/// The language of a loading error's texts: `lang`, else [`crate::errors::ERROR_LANG`].
fn error_lang(lang: Option<&str>) -> PyResult<ctg_core::Lang> {
    Ok(lang
        .map(crate::parse_lang)
        .transpose()?
        .unwrap_or(crate::errors::ERROR_LANG))
}

fn load(py: Python<'_>, f: impl FnOnce() -> Result<core::Plan, Failure> + Send) -> PyResult<Plan> {
    py.detach(|| shielded_try(f))
        .map(|p| Plan { inner: Arc::new(p) })
        .map_err(|e| e.into_pyerr(py))
}

#[pymethods]
impl Plan {
    /// The bundled plan of the Communauté de Communes Sundgau, 2025-2029.
    ///
    /// >>> import ctg
    /// >>> ctg.Plan.sundgau().title
    /// "Convention Territoriale Globale du Sundgau — Plan d'action 2025-2029"
    #[staticmethod]
    fn sundgau(py: Python<'_>) -> PyResult<Plan> {
        load(py, || ctg_core::plans::sundgau().map_err(Failure::from))
    }

    /// Load and validate a plan file: JSON when the name ends in ``.json``, TOML otherwise.
    /// ``path`` is a ``str`` or a ``pathlib.Path``.
    ///
    /// >>> import ctg, pathlib, tempfile
    /// >>> path = pathlib.Path(tempfile.mkdtemp()) / "plan.json"
    /// >>> _ = path.write_text(ctg.Plan.sundgau().to_json(), encoding="utf-8")
    /// >>> ctg.Plan.load(path).id
    /// 'sundgau-2025-2029'
    #[staticmethod]
    #[pyo3(signature = (path, lang = None))]
    fn load(py: Python<'_>, path: PathBuf, lang: Option<&str>) -> PyResult<Plan> {
        let lang = error_lang(lang)?;
        load(py, move || {
            core::Plan::from_path(&path).map_err(|e| Failure::Plan(e, lang))
        })
    }

    /// Load and validate a plan written in TOML (French headings accepted). A plan that
    /// does not load raises ``PlanError``, every problem at once, its texts in ``lang``
    /// (``"fr"`` or ``"en"``; French when it is not given, like every other text).
    ///
    /// >>> import ctg
    /// >>> ctg.Plan.from_toml('''
    /// ... id = "demo"
    /// ... title = "Démo"
    /// ... territory = "Sundgau"
    /// ... period = { start = 2025, end = 2029 }
    /// ... axes = [{ number = 1, title = "Accueillir" }]
    /// ... [[fiches]]
    /// ... number = 1
    /// ... title = "Accueil"
    /// ... axis = 1
    /// ... schedule = { start = 2025, end = 2029 }
    /// ... [[fiches.indicators]]
    /// ... id = "f1.1"
    /// ... label = "Familles accueillies"
    /// ... measure = "count"
    /// ... target = "> 200"
    /// ... ''')
    /// <Plan demo: 1 axis, 1 fiche, 1 indicator, 2025-2029>
    /// >>> try:
    /// ...     ctg.Plan.from_toml('id = "x"\ntitle = ""\nterritory = "T"\nperiod = { start = 2029, end = 2025 }')
    /// ... except ctg.PlanError as e:
    /// ...     print([i["code"] for i in e.errors])
    /// ['empty_field', 'invalid_period']
    #[staticmethod]
    #[pyo3(signature = (text, lang = None))]
    fn from_toml(py: Python<'_>, text: String, lang: Option<&str>) -> PyResult<Plan> {
        let lang = error_lang(lang)?;
        load(py, move || {
            core::Plan::from_toml(&text).map_err(|e| Failure::Plan(e, lang))
        })
    }

    /// Load and validate a plan written in JSON (the same model as TOML).
    ///
    /// >>> import ctg
    /// >>> ctg.Plan.from_json(ctg.Plan.sundgau().to_json()).id
    /// 'sundgau-2025-2029'
    #[staticmethod]
    #[pyo3(signature = (text, lang = None))]
    fn from_json(py: Python<'_>, text: String, lang: Option<&str>) -> PyResult<Plan> {
        let lang = error_lang(lang)?;
        load(py, move || {
            core::Plan::from_json(&text).map_err(|e| Failure::Plan(e, lang))
        })
    }

    /// The plan as TOML (targets as canonical French text).
    ///
    /// >>> import ctg
    /// >>> print(ctg.Plan.sundgau().to_toml().splitlines()[0])
    /// id = "sundgau-2025-2029"
    fn to_toml(&self, py: Python<'_>) -> PyResult<String> {
        let plan = Arc::clone(&self.inner);
        py.detach(move || shielded_try(|| plan.to_toml().map_err(Failure::from)))
            .map_err(|e| e.into_pyerr(py))
    }

    /// The plan as pretty-printed JSON (targets as canonical French text).
    ///
    /// >>> import ctg, json
    /// >>> json.loads(ctg.Plan.sundgau().to_json())["fiches"][7]["indicators"][0]["target"]
    /// '> 24 / an'
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        let plan = Arc::clone(&self.inner);
        py.detach(move || shielded_try(|| plan.to_json().map_err(Failure::from)))
            .map_err(|e| e.into_pyerr(py))
    }

    /// The plan as plain Python data (the serde model: what ``to_json()`` writes).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::to_py(py, &*self.inner)
    }

    /// Stable id (``"sundgau-2025-2029"``).
    #[getter]
    fn id(&self) -> String {
        self.inner.id.clone()
    }

    /// Title.
    #[getter]
    fn title(&self) -> String {
        self.inner.title.clone()
    }

    /// The territory.
    #[getter]
    fn territory(&self) -> String {
        self.inner.territory.clone()
    }

    /// The plan period in whole years, ``(start, end)`` inclusive.
    #[getter]
    fn period(&self) -> (i32, i32) {
        (self.inner.period.start, self.inner.period.end)
    }

    /// Where the plan's text comes from, if known.
    #[getter]
    fn source(&self) -> Option<String> {
        self.inner.source.clone()
    }

    /// The strategic axes, in plan order.
    ///
    /// >>> import ctg
    /// >>> ctg.Plan.sundgau().axes[0]
    /// <Axis 1: Se lier de relier pour mieux relayer — 4 fiches>
    #[getter]
    fn axes(&self) -> Vec<Axis> {
        self.inner.axes.iter().map(|a| self.axis_of(a)).collect()
    }

    /// The fiches, in plan order.
    ///
    /// >>> import ctg
    /// >>> f = ctg.Plan.sundgau().fiches[6]
    /// >>> f.number, f.axis, [i.id for i in f.indicators]
    /// (7, 2, ['f7.1', 'f7.2'])
    #[getter]
    fn fiches(&self) -> Vec<Fiche> {
        self.inner.fiches.iter().map(Fiche::new).collect()
    }

    /// Every indicator, in plan order.
    #[getter]
    fn indicators(&self) -> Vec<Indicator> {
        self.inner
            .indicators()
            .map(|(f, i)| Indicator::new(f, i))
            .collect()
    }

    /// The indicator with this id (``KeyError`` if the plan has none).
    ///
    /// >>> import ctg
    /// >>> ind = ctg.Plan.sundgau().indicator("f4.1")
    /// >>> ind.measure, ind.window, str(ind.target)
    /// ('distinct_count', 'year', '> 200')
    fn indicator(&self, id: &str) -> PyResult<Indicator> {
        self.inner
            .indicator(id)
            .map(|(f, i)| Indicator::new(f, i))
            .ok_or_else(|| PyKeyError::new_err(id.to_string()))
    }

    /// The fiche with this number (``KeyError`` if the plan has none).
    ///
    /// >>> import ctg
    /// >>> ctg.Plan.sundgau().fiche(8).title
    /// 'SOUTENIR LES PARENTS SUNDGAUVIENS'
    fn fiche(&self, number: u32) -> PyResult<Fiche> {
        self.inner
            .fiche(number)
            .map(Fiche::new)
            .ok_or_else(|| PyKeyError::new_err(number))
    }

    /// The axis with this number (``KeyError`` if the plan has none).
    ///
    /// >>> import ctg
    /// >>> [f.number for f in ctg.Plan.sundgau().axis(3).fiches]
    /// [9, 10, 11, 12]
    fn axis(&self, number: u32) -> PyResult<Axis> {
        self.inner
            .axis(number)
            .map(|a| self.axis_of(a))
            .ok_or_else(|| PyKeyError::new_err(number))
    }

    /// Evaluate the plan against observations; see ``Evaluation``.
    ///
    /// ``observations`` is a pandas or polars DataFrame, any object with the Arrow
    /// PyCapsule interface (``__arrow_c_stream__``: a pyarrow Table, a RecordBatchReader…),
    /// a list of dicts (or a dict ``{"observations": [...]}``), CSV or JSON as ``bytes``,
    /// as a ``str`` holding a line break (or starting with ``[`` or ``{``), or a file path
    /// (``str`` or ``pathlib.Path``).
    /// Columns (or keys) are named in French or English (``indicateur``/``indicator``,
    /// ``date``, ``valeur``/``value``, ``participant``, ``dénominateur``/``denominator``,
    /// ``commune``, ``commentaire``/``comment``); cells may be text, numbers, booleans or
    /// dates. DataFrames and Arrow tables are read column by column on the Rust side,
    /// without the GIL.
    ///
    /// ``as_of`` is a ``datetime.date`` (or ``"2026-12-31"`` / ``"31/12/2026"``), by default
    /// the latest observation's date; ``lang`` is ``"fr"`` or ``"en"`` (explanations);
    /// ``strict=False`` drops bad rows into ``diagnostics["rejected"]`` instead of raising
    /// ``ObservationError``; ``explanations=False`` leaves the ``explanation`` sentences
    /// empty (faster; everything else is the same). A ``territory`` column is accepted: a
    /// row naming another plan's territory is an error (``unknown_territory``; evaluate
    /// several plans from one table with ``ctg.evaluate_many``).
    ///
    /// >>> import ctg, datetime
    /// >>> plan = ctg.Plan.sundgau()
    /// >>> rows = [{"indicateur": "f2.1", "date": "15/09/2026", "valeur": 240},
    /// ...         {"indicator": "f8.1", "date": datetime.date(2026, 12, 31), "value": 20}]
    /// >>> ev = plan.evaluate(rows, as_of="31/12/2026")
    /// >>> ev.headlines().set_index("indicator").loc[["f2.1", "f8.1", "f1.1"], "status"].tolist()
    /// ['achieved', 'not_achieved', 'no_data']
    /// >>> ev = plan.evaluate("indicateur;date;valeur\nf2.1;15/09/2026;240\n", lang="en")
    /// >>> ev.as_of, ev.lang
    /// (datetime.date(2026, 9, 15), 'en')
    /// >>> plan.evaluate(rows, explanations=False).headlines()["explanation"].unique().tolist()
    /// ['']
    #[pyo3(signature = (observations, as_of = None, lang = "fr", strict = true, explanations = true, sheet = None, limits = None))]
    #[allow(clippy::too_many_arguments)]
    fn evaluate(
        &self,
        py: Python<'_>,
        observations: &Bound<'_, PyAny>,
        as_of: Option<&Bound<'_, PyAny>>,
        lang: &str,
        strict: bool,
        explanations: bool,
        sheet: Option<String>,
        limits: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<crate::eval::Evaluation> {
        let limits = crate::parse_limits(limits)?;
        crate::eval::evaluate(
            py,
            Arc::clone(&self.inner),
            observations,
            as_of,
            lang,
            IngestOptions {
                lenient: !strict,
                sheet,
                limits,
            },
            explanations,
        )
    }

    /// The plan's data-entry workbook (.xlsx, *grille de saisie*;
    /// ``ctg_core::report::entry_workbook``): « Saisie » (the observation columns, frozen
    /// header, checks on every cell), « Indicateurs » (every indicator: target, measure,
    /// period, what to enter and how often), « Mode d'emploi » (with fictional examples).
    /// Returns the bytes, or writes them to ``path`` and returns ``None``. Fill it and give
    /// it back to ``evaluate`` (a path or the bytes).
    ///
    /// >>> import ctg
    /// >>> ctg.Plan.sundgau().entry_workbook()[:2]
    /// b'PK'
    #[pyo3(signature = (path = None, lang = "fr"))]
    fn entry_workbook<'py>(
        &self,
        py: Python<'py>,
        path: Option<std::path::PathBuf>,
        lang: &str,
    ) -> PyResult<Option<Bound<'py, pyo3::types::PyBytes>>> {
        let lang = crate::parse_lang(lang)?;
        let plan = &*self.inner;
        let bytes = py
            .detach(|| ctg_core::report::entry_workbook(plan, lang))
            .map_err(|e| crate::CtgError::new_err(e.render(lang)))?;
        crate::io::bytes_out(py, bytes, path)
    }

    /// The « Saisie » sheet of the entry workbook as CSV (its header line; French flavour
    /// ``;`` by default, ``flavour="plain"`` for ``,``), and with ``guide=True`` the
    /// « Indicateurs » sheet instead (``ctg_core::report::entry_csv`` / ``entry_guide_csv``).
    ///
    /// >>> import ctg
    /// >>> ctg.Plan.sundgau().entry_csv().lstrip("\ufeff").splitlines()[0]
    /// 'indicateur;date;valeur;participant;dénominateur;commune;commentaire'
    #[pyo3(signature = (lang = "fr", flavour = "fr", guide = false))]
    fn entry_csv(&self, lang: &str, flavour: &str, guide: bool) -> PyResult<String> {
        let lang = crate::parse_lang(lang)?;
        let flavour = crate::eval::csv_flavour(flavour)?;
        Ok(if guide {
            ctg_core::report::entry_guide_csv(&self.inner, lang, flavour)
        } else {
            ctg_core::report::entry_csv(&self.inner, lang, flavour)
        })
    }

    fn __repr__(&self) -> String {
        let p = &*self.inner;
        format!(
            "<Plan {}: {}, {}, {}, {}>",
            p.id,
            count(p.axes.len(), "axis", "axes"),
            count(p.fiches.len(), "fiche", "fiches"),
            count(p.indicators().count(), "indicator", "indicators"),
            p.period
        )
    }
}

impl Plan {
    fn axis_of(&self, axis: &core::Axis) -> Axis {
        Axis {
            inner: axis.clone(),
            fiches: self.inner.fiches_of_axis(axis.number).cloned().collect(),
        }
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A strategic axis of the plan (read-only).
///
/// >>> import ctg
/// >>> a = ctg.Plan.sundgau().axis(2)
/// >>> a.number, [f.number for f in a.fiches]
/// (2, [5, 6, 7, 8])
#[pyclass(frozen, module = "ctg")]
#[derive(Debug, Clone)]
pub struct Axis {
    inner: core::Axis,
    fiches: Vec<core::Fiche>,
}

#[pymethods]
impl Axis {
    /// The axis number (1-based).
    #[getter]
    fn number(&self) -> u32 {
        self.inner.number
    }

    /// The title, as written in the plan.
    #[getter]
    fn title(&self) -> String {
        self.inner.title.clone()
    }

    /// An optional description.
    #[getter]
    fn description(&self) -> Option<String> {
        self.inner.description.clone()
    }

    /// The fiches of the axis, in plan order.
    #[getter]
    fn fiches(&self) -> Vec<Fiche> {
        self.fiches.iter().map(Fiche::new).collect()
    }

    /// The axis as plain Python data (the serde model).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::to_py(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        format!(
            "<Axis {}: {} — {}>",
            self.inner.number,
            self.inner.title,
            count(self.fiches.len(), "fiche", "fiches")
        )
    }
}

/// A *fiche d'action* (read-only), with the CTG template's headings as attributes.
///
/// >>> import ctg
/// >>> f = ctg.Plan.sundgau().fiche(7)
/// >>> f
/// <Fiche 7 (axis 2): GUIDER ET SOUTENIR LES JEUNES DANS LEUR PARCOURS — 2 indicators>
/// >>> f.schedule["start"], f.leads
/// (2025, ['CCS'])
#[pyclass(frozen, module = "ctg")]
#[derive(Debug, Clone)]
pub struct Fiche {
    inner: core::Fiche,
}

impl Fiche {
    fn new(f: &core::Fiche) -> Self {
        Fiche { inner: f.clone() }
    }
}

#[pymethods]
impl Fiche {
    /// The fiche number (*FICHE D'ACTION N°k*).
    #[getter]
    fn number(&self) -> u32 {
        self.inner.number
    }

    /// The title.
    #[getter]
    fn title(&self) -> String {
        self.inner.title.clone()
    }

    /// The number of its axis.
    #[getter]
    fn axis(&self) -> u32 {
        self.inner.axis
    }

    /// Policy themes (*Thématique*).
    #[getter]
    fn themes(&self) -> Vec<String> {
        self.inner.themes.clone()
    }

    /// Target publics (*Public cible*).
    #[getter]
    fn target_publics(&self) -> Vec<String> {
        self.inner.target_publics.clone()
    }

    /// Findings (*CONSTAT*).
    #[getter]
    fn findings(&self) -> String {
        self.inner.findings.clone()
    }

    /// Stakes (*ENJEUX*).
    #[getter]
    fn stakes(&self) -> Vec<String> {
        self.inner.stakes.clone()
    }

    /// Objective (*OBJECTIF DE L'ACTION*).
    #[getter]
    fn objective(&self) -> String {
        self.inner.objective.clone()
    }

    /// Sub-actions (*DESCRIPTION DE L'ACTION*), as dicts ``{number?, title, items}``.
    #[getter]
    fn sub_actions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::to_py(py, &self.inner.sub_actions)
    }

    /// Lead bodies (*PORTEUR DE L'ACTION*).
    #[getter]
    fn leads(&self) -> Vec<String> {
        self.inner.leads.clone()
    }

    /// Schedule (*ÉCHÉANCIER*), as a dict ``{start, end, text?, cadence?, milestones?, notes?}``.
    #[getter]
    fn schedule<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::to_py(py, &self.inner.schedule)
    }

    /// Expected results (*IMPACT POTENTIEL / RÉSULTAT ATTENDU*).
    #[getter]
    fn expected_results(&self) -> Vec<String> {
        self.inner.expected_results.clone()
    }

    /// Partners (*PARTENAIRES*), as written (``"Institutions : CAF, CeA, MSA"`` for a group).
    #[getter]
    fn partners(&self) -> Vec<String> {
        self.inner.partners.iter().map(|p| p.to_string()).collect()
    }

    /// The evaluation indicators, in plan order.
    #[getter]
    fn indicators(&self) -> Vec<Indicator> {
        self.inner
            .indicators
            .iter()
            .map(|i| Indicator::new(&self.inner, i))
            .collect()
    }

    /// The fiche as plain Python data (the serde model).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::to_py(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        let f = &self.inner;
        format!(
            "<Fiche {} (axis {}): {} — {}>",
            f.number,
            f.axis,
            f.title,
            count(f.indicators.len(), "indicator", "indicators")
        )
    }
}

/// An evaluation indicator (read-only). ``aggregation``, ``window``, ``direction`` and
/// ``weight`` are those in force (the plan's, else derived as the core derives them).
///
/// >>> import ctg
/// >>> i = ctg.Plan.sundgau().indicator("f7.1")
/// >>> i.id, i.fiche, i.axis, i.measure, i.aggregation, i.window, i.direction, i.weight
/// ('f7.1', 7, 2, 'count', 'sum', 'month', 'increasing', 1.0)
/// >>> i.target
/// Target('> 10 / mois')
#[pyclass(frozen, module = "ctg")]
#[derive(Debug, Clone)]
pub struct Indicator {
    inner: core::Indicator,
    fiche: u32,
    axis: u32,
}

impl Indicator {
    fn new(f: &core::Fiche, i: &core::Indicator) -> Self {
        Indicator {
            inner: i.clone(),
            fiche: f.number,
            axis: f.axis,
        }
    }
}

#[pymethods]
impl Indicator {
    /// Stable id (``"f4.1"``).
    #[getter]
    fn id(&self) -> String {
        self.inner.id.clone()
    }

    /// Short label (*libellé*).
    #[getter]
    fn label(&self) -> String {
        self.inner.label.clone()
    }

    /// The plan's own wording, when it differs from ``label``.
    #[getter]
    fn wording(&self) -> Option<String> {
        self.inner.wording.clone()
    }

    /// The fiche number.
    #[getter]
    fn fiche(&self) -> u32 {
        self.fiche
    }

    /// The axis number.
    #[getter]
    fn axis(&self) -> u32 {
        self.axis
    }

    /// What is measured: ``count``, ``distinct_count``, ``ratio``, ``stock``, ``milestone``,
    /// ``score`` or ``qualitative``.
    #[getter]
    fn measure(&self) -> &'static str {
        self.inner.measure.code()
    }

    /// The aggregation in force (``sum``, ``distinct``, ``last``, ``mean``, ``min``, ``max``,
    /// ``ratio``, ``first_done``, ``latest``).
    #[getter]
    fn aggregation(&self) -> &'static str {
        self.inner.aggregation().code()
    }

    /// The window in force (``week``, ``month``, ``quarter``, ``half_year``, ``year``, ``plan``).
    #[getter]
    fn window(&self) -> &'static str {
        self.inner.window().code()
    }

    /// The direction in force (``increasing`` or ``decreasing``).
    #[getter]
    fn direction(&self) -> String {
        crate::code_of(&self.inner.direction())
    }

    /// The unit label, if any.
    #[getter]
    fn unit(&self) -> Option<String> {
        self.inner.unit.clone()
    }

    /// The target, if the plan sets one.
    #[getter]
    fn target(&self) -> Option<Target> {
        self.inner.target.clone().map(Target::new)
    }

    /// Where the target comes from when it is not written next to the indicator.
    #[getter]
    fn target_source(&self) -> Option<String> {
        self.inner.target_source.clone()
    }

    /// The baseline as a dict ``{value?, year?, note?}``, if the plan gives one.
    #[getter]
    fn baseline<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner
            .baseline
            .as_ref()
            .map(|b| crate::to_py(py, b))
            .transpose()
    }

    /// The weight in the fiche's score (default 1).
    #[getter]
    fn weight(&self) -> f64 {
        self.inner.weight()
    }

    /// Where the data comes from.
    #[getter]
    fn source(&self) -> Option<String> {
        self.inner.source.clone()
    }

    /// Interpretation notes (every reading of the plan that is not written in it).
    #[getter]
    fn notes(&self) -> Vec<String> {
        self.inner.notes.clone()
    }

    /// The indicator as plain Python data (the serde model, as written in the plan).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::to_py(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        let i = &self.inner;
        let target = match &i.target {
            Some(t) => format!("target {t}"),
            None => "no target".to_string(),
        };
        format!(
            "<Indicator {} (fiche {}): {} — {target}, {} per {}>",
            i.id,
            self.fiche,
            i.label,
            i.measure.code(),
            i.window().code()
        )
    }
}
