//! Core errors as Python exceptions, and the shield that turns a panic in core code into
//! an exception instead of an abort.
//!
//! Work done without the GIL returns a [`Failure`]; [`Failure::into_pyerr`] builds the
//! Python exception once the GIL is held again.

use std::path::PathBuf;

use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use ctg_core::import::DocxError;
use ctg_core::io::ObservationError as CoreObservationError;
use ctg_core::model::PlanError as CorePlanError;
pub use ctg_core::problem::ERROR_LANG;
use ctg_core::problem::{render_list, Problem, SpanUnit, SHOWN_PROBLEMS};
use ctg_core::target::TargetError;
use ctg_core::Lang;

use crate::{CtgError, ObservationError, PlanError, TargetSyntaxError};

/// Why a call failed, built without the GIL.
#[derive(Debug)]
pub enum Failure {
    /// A plan that does not load, rendered in this language.
    Plan(CorePlanError, Lang),
    /// A target that does not parse, rendered in this language.
    Target(TargetError, Lang),
    /// Observations that do not validate, rendered in this language.
    Observations(CoreObservationError, Lang),
    /// A plan document that cannot be read (not a readable .docx), rendered in this
    /// language.
    Document(DocxError, Lang),
    /// A Python value of a type the binding cannot convert (`TypeError`).
    Type(String),
    /// A file that cannot be read (`FileNotFoundError` / `OSError`).
    Io(std::io::Error, PathBuf),
    /// A file named by a `str` that cannot be read: the message never repeats the string
    /// (core's [`ctg_core::io::file_error_message`]), in this language.
    IoUnnamed(std::io::Error, Lang),
    /// Anything else the binding cannot do (`CtgError`): an Arrow stream that fails.
    Other(String),
    /// A panic caught by [`shielded`]: a bug (`CtgError`).
    Panic(String),
}

impl Failure {
    /// The Python exception.
    pub fn into_pyerr(self, py: Python<'_>) -> PyErr {
        match self {
            Failure::Plan(e, lang) => plan_error(py, &e, lang),
            Failure::Target(e, lang) => target_error(py, &e, lang),
            Failure::Observations(e, lang) => observation_error(py, &e, lang),
            Failure::Document(e, lang) => document_error(py, &e, lang),
            Failure::Type(msg) => PyTypeError::new_err(msg),
            Failure::Io(e, path) => {
                let msg = format!("{}: {e}", path.display());
                if e.kind() == std::io::ErrorKind::NotFound {
                    PyFileNotFoundError::new_err(msg)
                } else {
                    PyOSError::new_err(msg)
                }
            }
            Failure::IoUnnamed(e, lang) => {
                let msg = ctg_core::io::file_error_message(e.kind(), lang);
                if e.kind() == std::io::ErrorKind::NotFound {
                    PyFileNotFoundError::new_err(msg)
                } else {
                    PyOSError::new_err(msg)
                }
            }
            Failure::Other(msg) => CtgError::new_err(msg),
            Failure::Panic(msg) => CtgError::new_err(format!(
                "internal error in ctg (a bug, please report it): {msg}"
            )),
        }
    }
}

impl From<CorePlanError> for Failure {
    fn from(e: CorePlanError) -> Self {
        Failure::Plan(e, ERROR_LANG)
    }
}

impl From<TargetError> for Failure {
    fn from(e: TargetError) -> Self {
        Failure::Target(e, ERROR_LANG)
    }
}

/// Run core code, turning a panic into [`Failure::Panic`] (the core is written not to
/// panic; this is the belt to its braces).
pub fn shielded<T>(f: impl FnOnce() -> T) -> Result<T, Failure> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|payload| {
        let msg = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_string());
        Failure::Panic(msg)
    })
}

/// [`shielded`] for code that can fail.
pub fn shielded_try<T>(f: impl FnOnce() -> Result<T, Failure>) -> Result<T, Failure> {
    shielded(f).and_then(|r| r)
}

/// Set attributes on an exception instance; a failure to set them is returned instead.
fn with_attrs(
    py: Python<'_>,
    err: PyErr,
    attrs: impl FnOnce(&Bound<'_, pyo3::exceptions::PyBaseException>) -> PyResult<()>,
) -> PyErr {
    match attrs(err.value(py)) {
        Ok(()) => err,
        Err(e) => e,
    }
}

/// `TargetSyntaxError`: `str()` is the core's caret rendering, the attributes are the
/// core's [`Problem`] (`span` in Python `str` indices of `input`: code points,
/// [`SpanUnit::Chars`]), `problems` the one problem as a dict.
pub fn target_error(py: Python<'_>, e: &TargetError, lang: Lang) -> PyErr {
    let problem = e.problem(lang);
    let span = e.span_in(SpanUnit::Chars);
    with_attrs(py, TargetSyntaxError::new_err(problem.render()), |v| {
        v.setattr("span", PyTuple::new(py, [span.start, span.end])?)?;
        v.setattr("code", &problem.code)?;
        v.setattr("message", &problem.message)?;
        v.setattr("expected", problem.expected.as_deref())?;
        v.setattr("hint", problem.hint.as_deref())?;
        v.setattr("input", &e.input)?;
        v.setattr("problems", problems_py(py, vec![problem.clone()])?)?;
        Ok(())
    })
}

/// `PlanError`: `str()` is the core's list of problems, `.errors` the core's `PlanIssue`
/// serde (both languages), `.problems` the core's [`Problem`]s in `lang`.
pub fn plan_error(py: Python<'_>, e: &CorePlanError, lang: Lang) -> PyErr {
    let problems = e.problems(lang);
    with_attrs(py, PlanError::new_err(message(&problems)), |v| {
        v.setattr("errors", crate::to_py(py, &e.issues)?)?;
        v.setattr("problems", problems_py(py, problems.clone())?)?;
        Ok(())
    })
}

/// `ObservationError`: `str()` is the core's list of problems in `lang`, `.errors` the
/// core's `ObservationIssue` serde (both languages), `.problems` the core's [`Problem`]s
/// in `lang`.
pub fn observation_error(py: Python<'_>, e: &CoreObservationError, lang: Lang) -> PyErr {
    let problems = e.problems(lang);
    with_attrs(py, ObservationError::new_err(message(&problems)), |v| {
        v.setattr("errors", crate::to_py(py, &e.issues)?)?;
        v.setattr("problems", problems_py(py, problems.clone())?)?;
        Ok(())
    })
}

/// `CtgError` for a document the importer cannot read: `str()` is the core's list of
/// problems in `lang`, `.code` the core's stable code, `.problems` its [`Problem`]s.
pub fn document_error(py: Python<'_>, e: &DocxError, lang: Lang) -> PyErr {
    let problems = e.problems(lang);
    with_attrs(py, CtgError::new_err(message(&problems)), |v| {
        v.setattr("code", e.code())?;
        v.setattr("problems", problems_py(py, problems.clone())?)?;
        Ok(())
    })
}

/// The core's rendering of a list of problems, cut after [`SHOWN_PROBLEMS`] (a million bad
/// rows must not make a million-line message).
fn message(problems: &[Problem]) -> String {
    render_list(problems, Some(SHOWN_PROBLEMS))
}

/// The core's problems as Python dicts, their `span` in Python `str` indices (code points)
/// of their `input` ([`Problem::in_unit`]).
pub fn problems_py(py: Python<'_>, problems: Vec<Problem>) -> PyResult<Bound<'_, PyAny>> {
    let problems: Vec<Problem> = problems
        .into_iter()
        .map(|p| p.in_unit(SpanUnit::Chars))
        .collect();
    crate::to_py(py, &problems)
}
