//! Core errors as Python exceptions, and the shield that turns a panic in core code into
//! an exception instead of an abort.
//!
//! Work done without the GIL returns a [`Failure`]; [`Failure::into_pyerr`] builds the
//! Python exception once the GIL is held again.

use std::path::PathBuf;

use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use ctg_core::io::ObservationError as CoreObservationError;
use ctg_core::model::PlanError as CorePlanError;
use ctg_core::target::TargetError;
use ctg_core::Lang;

use crate::{CtgError, ObservationError, PlanError, TargetSyntaxError};

/// At most this many observation problems are rendered in `str(ObservationError)`; all
/// of them are in `.errors`.
const SHOWN_ISSUES: usize = 100;

/// Why a call failed, built without the GIL.
#[derive(Debug)]
pub enum Failure {
    /// A plan that does not load.
    Plan(CorePlanError),
    /// A target that does not parse.
    Target(TargetError),
    /// Observations that do not validate, rendered in this language.
    Observations(CoreObservationError, Lang),
    /// A Python value of a type the binding cannot convert (`TypeError`).
    Type(String),
    /// A file that cannot be read (`FileNotFoundError` / `OSError`).
    Io(std::io::Error, PathBuf),
    /// Anything else the binding cannot do (`CtgError`): an Arrow stream that fails.
    Other(String),
    /// A panic caught by [`shielded`]: a bug (`CtgError`).
    Panic(String),
}

impl Failure {
    /// The Python exception.
    pub fn into_pyerr(self, py: Python<'_>) -> PyErr {
        match self {
            Failure::Plan(e) => plan_error(py, &e),
            Failure::Target(e) => target_error(py, &e),
            Failure::Observations(e, lang) => observation_error(py, &e, lang),
            Failure::Type(msg) => PyTypeError::new_err(msg),
            Failure::Io(e, path) => {
                let msg = format!("{}: {e}", path.display());
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
        Failure::Plan(e)
    }
}

impl From<TargetError> for Failure {
    fn from(e: TargetError) -> Self {
        Failure::Target(e)
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

/// `TargetSyntaxError`, whose `str()` is the caret rendering.
pub fn target_error(py: Python<'_>, e: &TargetError) -> PyErr {
    with_attrs(py, TargetSyntaxError::new_err(e.render()), |v| {
        v.setattr("span", PyTuple::new(py, [e.span.start, e.span.end])?)?;
        v.setattr("code", e.code.as_str())?;
        v.setattr("message", &e.message)?;
        v.setattr("expected", e.expected.as_deref())?;
        v.setattr("hint", e.hint.as_deref())?;
        v.setattr("input", &e.input)?;
        Ok(())
    })
}

/// `PlanError`, with `.errors` as the core's `PlanIssue` serde.
pub fn plan_error(py: Python<'_>, e: &CorePlanError) -> PyErr {
    with_attrs(py, PlanError::new_err(e.to_string()), |v| {
        v.setattr("errors", crate::to_py(py, &e.issues)?)?;
        Ok(())
    })
}

/// `ObservationError`, with `.errors` as the core's `ObservationIssue` serde; `str()` is
/// the core's rendering in `lang` (the first [`SHOWN_ISSUES`] problems).
pub fn observation_error(py: Python<'_>, e: &CoreObservationError, lang: Lang) -> PyErr {
    with_attrs(
        py,
        ObservationError::new_err(observation_message(e, lang)),
        |v| {
            v.setattr("errors", crate::to_py(py, &e.issues)?)?;
            Ok(())
        },
    )
}

/// The core's rendering, cut after [`SHOWN_ISSUES`] problems (a million bad rows must not
/// make a million-line message).
fn observation_message(e: &CoreObservationError, lang: Lang) -> String {
    let n = e.issues.len();
    let Some(shown) = e.issues.get(..SHOWN_ISSUES).filter(|_| n > SHOWN_ISSUES) else {
        return e.render(lang);
    };
    let head = CoreObservationError {
        issues: shown.to_vec(),
    }
    .render(lang);
    // The header counts the problems shown: give it the real count.
    let (first, rest) = head.split_once('\n').unwrap_or((head.as_str(), ""));
    let first = first.replacen(&SHOWN_ISSUES.to_string(), &n.to_string(), 1);
    let more = n - SHOWN_ISSUES;
    let tail = match lang {
        Lang::Fr => format!("- … et {more} autres (voir `.errors`)"),
        Lang::En => format!("- … and {more} more (see `.errors`)"),
    };
    format!("{first}\n{rest}\n{tail}")
}
