//! Targets (`ctg_core::target`): `parse_target` and the `Target` class.

use pyo3::prelude::*;

use ctg_core::target::{self as core, TargetKind};

use crate::errors::{shielded_try, Failure};

/// A parsed target (``ctg_core::target::Target``), with its parts as attributes.
///
/// ``str()`` is the canonical French text, ``display("en")`` the English one; both parse
/// back to an equal target. Attributes that do not apply to the target's ``kind`` are
/// ``None``.
///
/// >>> import ctg
/// >>> t = ctg.parse_target("> 24/an")
/// >>> t.kind, t.op, t.value, t.per, t.unit
/// ('compare', 'gt', 24.0, 'year', None)
/// >>> str(t), t.display("en")
/// ('> 24 / an', '> 24 / year')
/// >>> t
/// Target('> 24 / an')
/// >>> ctg.parse_target("Réduction de 10%").percent
/// -10.0
/// >>> r = ctg.parse_target("entre 10 et 20 places")
/// >>> r.kind, r.low, r.high, r.unit
/// ('range', 10.0, 20.0, 'places')
/// >>> m = ctg.parse_target("réalisé d'ici 2027")
/// >>> m.kind, m.deadline, m.deadline_relation, m.due_date
/// ('milestone', 2027, 'by', datetime.date(2027, 12, 31))
/// >>> ctg.parse_target(str(t)) == t
/// True
#[pyclass(frozen, eq, module = "ctg")]
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub(crate) inner: core::Target,
}

impl Target {
    pub(crate) fn new(inner: core::Target) -> Self {
        Target { inner }
    }
}

/// Parse a target (the core's target language, French or English).
///
/// Raises ``TargetSyntaxError`` (a ``CtgError``, hence a ``ValueError``) with the
/// ``span`` (``str`` indices: ``text[start:end]`` is the culprit), the ``code``, a
/// ``hint`` and ``problems`` (the core's problem shape, as with every ctg error); its
/// ``str()`` draws carets under the problem. Its texts are in
/// ``lang`` (``"fr"`` or ``"en"``; French when it is not given, like every other text).
///
/// >>> import ctg
/// >>> ctg.parse_target("au moins 4 Cotech par an")
/// Target('≥ 4 Cotech / an')
/// >>> try:
/// ...     ctg.parse_target("entre 20 et 10")
/// ... except ctg.TargetSyntaxError as e:
/// ...     print(e.code, e.span)
/// ...     print(e)
/// invalid_range (6, 14)
/// erreur[invalid_range] : la borne basse (20) dépasse la borne haute (10)
///   | entre 20 et 10
///   |       ^^^^^^^^
///   = conseil : écrivez d'abord la plus petite borne : `entre 10 et 20`
#[pyfunction]
#[pyo3(signature = (text, lang = None))]
pub fn parse_target(py: Python<'_>, text: &str, lang: Option<&str>) -> PyResult<Target> {
    let lang = lang
        .map(crate::parse_lang)
        .transpose()?
        .unwrap_or(crate::errors::ERROR_LANG);
    let text = text.to_string();
    py.detach(move || shielded_try(|| core::parse(&text).map_err(|e| Failure::Target(e, lang))))
        .map(Target::new)
        .map_err(|f| f.into_pyerr(py))
}

#[pymethods]
impl Target {
    /// Parse a target; the same as ``ctg.parse_target(text)``.
    ///
    /// >>> import ctg
    /// >>> ctg.Target.parse("+20%").percent
    /// 20.0
    #[staticmethod]
    #[pyo3(signature = (text, lang = None))]
    fn parse(py: Python<'_>, text: &str, lang: Option<&str>) -> PyResult<Target> {
        parse_target(py, text, lang)
    }

    /// The shape: ``"compare"``, ``"range"``, ``"relative"``, ``"points"``, ``"milestone"``
    /// or ``"schedule"``.
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.kind.code()
    }

    /// The comparator of a ``compare`` target, or the one written in a ``schedule``:
    /// ``"gt"``, ``"ge"``, ``"lt"``, ``"le"`` or ``"eq"``.
    #[getter]
    fn op(&self) -> Option<String> {
        match &self.inner.kind {
            TargetKind::Compare { op, .. } => Some(crate::code_of(op)),
            TargetKind::Schedule { op, .. } => op.as_ref().map(crate::code_of),
            _ => None,
        }
    }

    /// The comparator's symbol (``">"``, ``"≥"``…), for ``compare`` targets and schedules.
    #[getter]
    fn symbol(&self) -> Option<&'static str> {
        match &self.inner.kind {
            TargetKind::Compare { op, .. } => Some(op.symbol()),
            TargetKind::Schedule { op, .. } => op.map(|o| o.symbol()),
            _ => None,
        }
    }

    /// The listed years of a ``schedule`` and their levels, as ``(year, level)`` pairs.
    ///
    /// >>> import ctg
    /// >>> ctg.parse_target("2025 : 20 ; 2026 : 25").steps
    /// [(2025, 20.0), (2026, 25.0)]
    #[getter]
    fn steps(&self) -> Option<Vec<(i32, f64)>> {
        match &self.inner.kind {
            TargetKind::Schedule { steps, .. } => {
                Some(steps.iter().map(|s| (s.year, s.value)).collect())
            }
            _ => None,
        }
    }

    /// The baseline year a ``relative`` or ``points`` target writes (``vs 2023``), if any.
    #[getter]
    fn baseline_year(&self) -> Option<i32> {
        self.inner.baseline_year()
    }

    /// What a change applies to, as written (``"des vacances de postes"``), if any.
    #[getter]
    fn subject(&self) -> Option<String> {
        self.inner.subject.clone()
    }

    /// The threshold of a ``compare`` target.
    #[getter]
    fn value(&self) -> Option<f64> {
        match &self.inner.kind {
            TargetKind::Compare { value, .. } => Some(*value),
            _ => None,
        }
    }

    /// The lower bound of a ``range`` (inclusive).
    #[getter]
    fn low(&self) -> Option<f64> {
        match &self.inner.kind {
            TargetKind::Range { low, .. } => Some(*low),
            _ => None,
        }
    }

    /// The upper bound of a ``range`` (inclusive).
    #[getter]
    fn high(&self) -> Option<f64> {
        match &self.inner.kind {
            TargetKind::Range { high, .. } => Some(*high),
            _ => None,
        }
    }

    /// Whether a ``compare`` threshold or ``range`` bounds are percentage levels (``≥ 70 %``).
    #[getter]
    fn is_percent(&self) -> bool {
        match &self.inner.kind {
            TargetKind::Compare { percent, .. }
            | TargetKind::Range { percent, .. }
            | TargetKind::Schedule { percent, .. } => *percent,
            _ => false,
        }
    }

    /// The signed change of a ``relative`` target, in percent (``+20%`` → ``20.0``).
    #[getter]
    fn percent(&self) -> Option<f64> {
        match &self.inner.kind {
            TargetKind::Relative { percent, .. } => Some(*percent),
            _ => None,
        }
    }

    /// The signed change of a ``points`` target, in percentage points.
    #[getter]
    fn points(&self) -> Option<f64> {
        match &self.inner.kind {
            TargetKind::Points { points, .. } => Some(*points),
            _ => None,
        }
    }

    /// The deadline year of the target (a milestone, a level, a range or a change), if any.
    ///
    /// >>> import ctg
    /// >>> ctg.parse_target("≥ 4 / an d'ici 2027").deadline
    /// 2027
    #[getter]
    fn deadline(&self) -> Option<i32> {
        self.inner.deadline().map(|d| d.year)
    }

    /// How the deadline bounds the target: ``"before"``, ``"by"`` or ``"in"``.
    #[getter]
    fn deadline_relation(&self) -> Option<String> {
        self.inner.deadline().map(|d| crate::code_of(&d.relation))
    }

    /// The last day the target counts as met in time (``datetime.date``), if it has a deadline.
    #[getter]
    fn due_date(&self) -> Option<chrono::NaiveDate> {
        self.inner.deadline().and_then(|d| d.due_date())
    }

    /// The period suffix (``/an``, ``/mois``): ``"week"``, ``"month"``, ``"quarter"``,
    /// ``"half_year"``, ``"year"``, ``"plan"`` (``sur la durée de la convention``) or ``None``.
    #[getter]
    fn per(&self) -> Option<&'static str> {
        self.inner.per.map(|w| w.code())
    }

    /// The unit label, as written (``"COPIl"``, ``"places"``), if any.
    #[getter]
    fn unit(&self) -> Option<String> {
        self.inner.unit.clone()
    }

    /// The canonical text in ``lang`` (``"fr"`` or ``"en"``); it parses back to an equal target.
    ///
    /// >>> import ctg
    /// >>> ctg.parse_target("+20%").display("en")
    /// '+20% vs baseline'
    #[pyo3(signature = (lang = "fr"))]
    fn display(&self, lang: &str) -> PyResult<String> {
        Ok(self.inner.display(crate::parse_lang(lang)?))
    }

    /// The core's serde form (``{"kind": {"type": …}, "per": …, "unit": …}``).
    ///
    /// >>> import ctg
    /// >>> ctg.parse_target("> 200").to_dict()
    /// {'kind': {'op': 'gt', 'percent': False, 'type': 'compare', 'value': 200.0}}
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::to_py(py, &self.inner)
    }

    fn __str__(&self) -> String {
        self.inner.to_string()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let text = pyo3::types::PyString::new(py, &self.inner.to_string());
        Ok(format!("Target({})", text.repr()?))
    }
}
