//! Python bindings for ctg: the compiled module `ctg._ctg`, behind the `ctg` package
//! (`ctg-py/python/ctg/`).
//!
//! The binding is thin: every semantic lives in `ctg_core`. One file per core module:
//! - [`model`]: `Plan` and its read-only navigation (`Axis`, `Fiche`, `Indicator`);
//! - [`target`]: `Target` and `parse_target`;
//! - [`io`]: observations from pandas / polars / Arrow (C stream), lists of dicts, CSV or
//!   JSON text, bytes and paths;
//! - [`eval`]: `Evaluation` and its notebook view;
//! - [`import`]: `import_plan` and `ImportedPlan` (a plan document, .docx or text, read
//!   by the core's importer);
//! - [`many`]: `evaluate_many` (many plans from one table keyed by territory, on every
//!   core) and `Evaluations`;
//! - [`table`]: the results tables of both, handed to pandas (numpy buffers) and polars
//!   (Arrow);
//! - [`workload`]: the synthetic national workload (`ctg.workload`, fictional data);
//! - [`errors`]: core errors to Python exceptions, and the panic shield.
//!
//! This file holds the module's initialisation, the exception types and the small
//! conversions shared by the others.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use ctg_core::eval::Status;
use ctg_core::Lang;

pub mod errors;
pub mod eval;
pub mod import;
pub mod io;
pub mod many;
pub mod model;
pub mod pseudonymise;
pub mod records;
pub mod table;
pub mod target;
pub mod workload;

pyo3::create_exception!(
    ctg,
    CtgError,
    PyValueError,
    "The base class of every error ctg raises (a ``ValueError``)."
);
pyo3::create_exception!(
    ctg,
    TargetSyntaxError,
    CtgError,
    "A target expression does not parse.\n\n\
     Attributes: ``span`` (start, end: ``str`` indices of ``input``), ``code`` (stable snake_case code), \
     ``message``, ``expected`` and ``hint`` (or ``None``), ``input``, and ``problems`` (the one \
     problem as the core's ``Problem`` dict). ``str()`` is the caret rendering of the core's \
     ``TargetError::render()``; every text is in the language of the call."
);
pyo3::create_exception!(
    ctg,
    PlanError,
    CtgError,
    "A plan does not load: ``errors`` lists every problem at once, each a dict \
     ``{code, message, message_fr, location: {axis?, fiche?, indicator?, field?, line?, column?}, \
     hint?, hint_fr?}``; ``problems`` lists them in the language of the call as the core's \
     ``Problem`` dicts ``{code, kind, severity, loc, line, column, row, span, message, hint, \
     expected, input, lang}``."
);
pyo3::create_exception!(
    ctg,
    ObservationError,
    CtgError,
    "Observations do not validate (strict mode): ``errors`` lists every problem, like \
     pydantic's ``errors()``: dicts ``{code, row, column, message, message_fr, hint, hint_fr}``; \
     ``row`` is 1-based (a CSV file's line as a spreadsheet shows it; the position in a list, \
     a DataFrame or an Arrow table otherwise). ``problems`` lists them in the evaluation's \
     language as the core's ``Problem`` dicts (``loc`` is ``[\"row\", row, column]``)."
);

/// Parse a language code (`"fr"`, `"en"`, `"français"`…) as the core does; an unknown
/// one is an [`option_error`].
pub(crate) fn parse_lang(lang: &str) -> PyResult<Lang> {
    lang.parse::<Lang>()
        .map_err(|e| option_error(format!("lang: {e}")))
}

/// A bad argument value (`as_of="demain"`, `lang="de"`, `flavour="x"`): a `CtgError` with
/// `kind = "options"` and `code = "invalid_option"`, as JavaScript throws. A value of the
/// wrong Python type (`parse_target(123)`) stays a `TypeError`, as Python's own functions
/// raise.
pub(crate) fn option_error(message: String) -> PyErr {
    Python::attach(|py| {
        let err = CtgError::new_err(message);
        let value = err.value(py);
        match value
            .setattr("kind", "options")
            .and_then(|()| value.setattr("code", "invalid_option"))
        {
            Ok(()) => err,
            Err(e) => e,
        }
    })
}

/// `limits={"max_rows": …}`: the core's [`ctg_core::Limits`] from a dict of its keys (the
/// others at their default); `None` gives the defaults.
pub(crate) fn parse_limits(obj: Option<&Bound<'_, PyAny>>) -> PyResult<ctg_core::Limits> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(ctg_core::Limits::default());
    };
    let dict = obj.cast::<pyo3::types::PyDict>().map_err(|_| {
        pyo3::exceptions::PyTypeError::new_err(format!(
            "limits must be a dict, not {}",
            obj.get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default()
        ))
    })?;
    let mut map = serde_json::Map::new();
    for (k, v) in dict.iter() {
        let k: String = k.extract()?;
        // A negative or huge int is a bad value (`CtgError`, as JavaScript throws); a value
        // that is no int at all, the wrong type.
        let v: u64 = match v.extract() {
            Ok(v) => v,
            Err(_) if v.is_instance_of::<pyo3::types::PyInt>() => {
                return Err(option_error(format!(
                    "limits: `{k}` must be a non-negative integer"
                )))
            }
            Err(_) => {
                return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                    "limits: `{k}` must be a non-negative integer"
                )))
            }
        };
        map.insert(k, v.into());
    }
    serde_json::from_value(serde_json::Value::Object(map))
        .map_err(|e| option_error(format!("limits: {e}")))
}

/// A serde value as plain Python objects (dict, list, str, int, float, bool, None).
pub(crate) fn json_to_py<'py>(
    py: Python<'py>,
    value: &serde_json::Value,
) -> PyResult<Bound<'py, PyAny>> {
    use serde_json::Value;
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => s.into_pyobject(py)?.into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(json_to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, json_to_py(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

/// Any serialisable core value as plain Python objects.
pub(crate) fn to_py<'py, T: serde::Serialize>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let v = serde_json::to_value(value).map_err(|e| CtgError::new_err(e.to_string()))?;
    json_to_py(py, &v)
}

/// The snake_case code serde gives a core enum (`"increasing"`, `"year_summary"`).
pub(crate) fn code_of<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// Every status with its label, icon, colours (``colour`` of the chip, readable ``ink`` on
/// it, ``fill`` in charts) and score, in severity order (``ctg_core::eval::statuses``).
///
/// >>> import ctg
/// >>> [s["code"] for s in ctg.statuses()][:3]
/// ['achieved', 'on_track', 'at_risk']
/// >>> ctg.statuses("en")[3]["label"], ctg.statuses()[3]["label"]
/// ('Not achieved', 'Non atteint')
/// >>> ctg.statuses()[0]["colour"], ctg.statuses()[0]["icon"], ctg.statuses()[2]["score"]
/// ('#1a7f37', '✔', 0.5)
/// >>> ctg.statuses()[0]["ink"], ctg.statuses()[4]["fill"]
/// ('#ffffff', '#e6e9ee')
#[pyfunction]
#[pyo3(signature = (lang = "fr"))]
fn statuses<'py>(py: Python<'py>, lang: &str) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, &ctg_core::eval::statuses(parse_lang(lang)?))
}

/// The boundary's JSON entry point (``ctg_core::ffi::call_json``): run the call ``name``
/// (``"evaluate"``, ``"parse_target"``, ``"check_plan"``, ``"statuses"``,
/// ``"import_plan"``) on its JSON
/// ``call`` and return the JSON answer, ``{"status": "success", "result": …, "warnings":
/// […]}`` or ``{"status": "failure", "errors": [problems]}``, byte for byte what Rust and
/// JavaScript (``callJson``) answer, except that a problem's ``span`` is in Python ``str``
/// indices (code points) of its ``input`` (Rust's are UTF-8 bytes, JavaScript's UTF-16
/// code units). Never raises for a bad call: the answer says so.
///
/// >>> import ctg, json
/// >>> a = json.loads(ctg.call_json("parse_target", '{"text": "> 200 familles", "lang": "en"}'))
/// >>> a["status"], a["result"]["display"]
/// ('success', '> 200 familles')
/// >>> json.loads(ctg.call_json("parse_target", '{"text": "> abc"}'))["errors"][0]["code"]
/// 'expected_number'
#[pyfunction]
fn call_json(py: Python<'_>, name: &str, call: &str) -> PyResult<String> {
    py.detach(|| {
        errors::shielded(|| {
            ctg_core::ffi::call_json_in(name, call, ctg_core::problem::SpanUnit::Chars)
        })
    })
    .map_err(|f| f.into_pyerr(py))
}

/// Test hook: panic inside the core-call shield (``shielded=True``, surfaces as
/// ``CtgError``) or bare (surfaces as PyO3's ``PanicException``). Never aborts.
#[pyfunction]
#[pyo3(signature = (shielded = true))]
#[allow(clippy::panic)]
fn _test_panic(py: Python<'_>, shielded: bool) -> PyResult<()> {
    if shielded {
        let r = py.detach(|| errors::shielded(|| -> () { panic!("test panic (shielded)") }));
        r.map_err(|f| f.into_pyerr(py))
    } else {
        panic!("test panic (bare)")
    }
}

/// The compiled module `ctg._ctg`; use it through the `ctg` package.
#[pymodule]
#[pyo3(name = "_ctg")]
fn ctg_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("CtgError", py.get_type::<CtgError>())?;
    m.add("TargetSyntaxError", py.get_type::<TargetSyntaxError>())?;
    m.add("PlanError", py.get_type::<PlanError>())?;
    m.add("ObservationError", py.get_type::<ObservationError>())?;
    let codes: Vec<&str> = Status::ALL.iter().map(|s| s.code()).collect();
    m.add("STATUSES", pyo3::types::PyTuple::new(py, codes)?)?;
    let columns = ctg_core::report::table::COLUMNS.iter().map(|c| c.name);
    m.add(
        "FICTIONAL_METADATA_KEY",
        ctg_core::io::FICTIONAL_METADATA_KEY,
    )?;
    m.add("RESULT_COLUMNS", pyo3::types::PyTuple::new(py, columns)?)?;
    m.add_class::<model::Plan>()?;
    m.add_class::<model::Axis>()?;
    m.add_class::<model::Fiche>()?;
    m.add_class::<model::Indicator>()?;
    m.add_class::<target::Target>()?;
    m.add_class::<eval::Evaluation>()?;
    m.add_class::<many::Evaluations>()?;
    m.add_class::<import::ImportedPlan>()?;
    m.add_function(wrap_pyfunction!(import::import_plan, m)?)?;
    m.add_function(wrap_pyfunction!(target::parse_target, m)?)?;
    m.add_function(wrap_pyfunction!(call_json, m)?)?;
    m.add_function(wrap_pyfunction!(pseudonymise::pseudonymise, m)?)?;
    m.add_function(wrap_pyfunction!(many::evaluate_many, m)?)?;
    m.add_function(wrap_pyfunction!(io::route_territories, m)?)?;
    m.add_function(wrap_pyfunction!(workload::_workload_write_national, m)?)?;
    m.add_function(wrap_pyfunction!(statuses, m)?)?;
    m.add_function(wrap_pyfunction!(_test_panic, m)?)?;
    Ok(())
}
