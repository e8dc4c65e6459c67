//! `ctg.pseudonymise` (`ctg_core::io::pseudonymise`): an export rewritten with keyed
//! pseudonyms in place of its participant ids.

use std::path::PathBuf;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyString};

use ctg_core::io::pseudonymise::{pseudonymise as core_pseudonymise, PseudonymiseError};

use crate::errors::{shielded, ERROR_LANG};

/// Where the export comes from.
enum Input {
    Bytes(Vec<u8>),
    Path(PathBuf),
}

fn input(obj: &Bound<'_, PyAny>) -> PyResult<Input> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(Input::Bytes(b.as_bytes().to_vec()));
    }
    if let Ok(b) = obj.cast::<PyByteArray>() {
        return Ok(Input::Bytes(b.to_vec()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        let s = s.to_cow()?;
        return Ok(if s.contains(['\n', '\r']) {
            Input::Bytes(s.as_bytes().to_vec())
        } else {
            Input::Path(PathBuf::from(s.as_ref()))
        });
    }
    if obj.hasattr("__fspath__")? {
        return Ok(Input::Path(obj.extract::<PathBuf>()?));
    }
    Err(PyTypeError::new_err(format!(
        "source must be CSV bytes, CSV text or a file path, not {}",
        obj.get_type().name()?
    )))
}

fn key_bytes(obj: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(b.as_bytes().to_vec());
    }
    if let Ok(b) = obj.cast::<PyByteArray>() {
        return Ok(b.to_vec());
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(s.to_cow()?.as_bytes().to_vec());
    }
    Err(PyTypeError::new_err(format!(
        "key must be bytes or str, not {}",
        obj.get_type().name()?
    )))
}

/// The core's error as a `CtgError` with its `code` and `problems`.
fn error(py: Python<'_>, e: &PseudonymiseError) -> PyErr {
    let problems = e.problems(ERROR_LANG);
    let err = crate::CtgError::new_err(e.message(ERROR_LANG));
    let value = err.value(py);
    let set = value
        .setattr("code", e.code())
        .and_then(|()| value.setattr("problems", crate::errors::problems_py(py, problems)?));
    match set {
        Ok(()) => err,
        Err(e) => e,
    }
}

/// Rewrite a CSV observation export with every participant id replaced by a keyed
/// pseudonym (``p_`` and 16 hexadecimal digits of HMAC-SHA256(key, id)), so that it can
/// be shared (with the CAF) without the raw ids: the same id and key give the same
/// pseudonym, so distinct counts are unchanged; the key (``bytes``, or ``str`` taken as
/// UTF-8, at least 16 bytes) is never written. Everything else — delimiter, header,
/// comment lines, other cells — is kept as the file writes it; free text (comments) is
/// not touched: read it before sharing.
///
/// ``source``: CSV bytes, CSV text (with a line end), or a file path. Returns the CSV text,
/// or writes it to ``out`` (a path, UTF-8) and returns ``None``. Raises ``CtgError`` with
/// ``code`` ``"invalid_key"`` (a key under 16 bytes), ``"missing_column"`` (no participant
/// column), ``"format_error"`` (JSON or a workbook: export it as CSV first) or the
/// input's own (``"encoding_error"``…); ``FileNotFoundError`` for a missing file.
///
/// >>> import ctg
/// >>> csv = "indicateur;date;valeur;participant\nf8.1;31/03/2026;1;ENFANT-FICTIF-1\n"
/// >>> out = ctg.pseudonymise(csv, b"cle fictive de 32 octets........")
/// >>> out.splitlines()[1].startswith("f8.1;31/03/2026;1;p_"), "ENFANT" in out
/// (True, False)
/// >>> try:
/// ...     ctg.pseudonymise(csv, b"court")
/// ... except ctg.CtgError as e:
/// ...     print(e.code)
/// invalid_key
#[pyfunction]
#[pyo3(signature = (source, key, out = None))]
pub fn pseudonymise(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    key: &Bound<'_, PyAny>,
    out: Option<PathBuf>,
) -> PyResult<Option<String>> {
    let source = input(source)?;
    let key = key_bytes(key)?;
    let result = py.detach(move || {
        shielded(
            move || -> Result<Result<String, PseudonymiseError>, (std::io::Error, PathBuf)> {
                let bytes = match source {
                    Input::Bytes(b) => b,
                    Input::Path(p) => std::fs::read(&p).map_err(|e| (e, p))?,
                };
                Ok(core_pseudonymise(&bytes, &key).map(|p| p.csv))
            },
        )
    });
    let csv = match result {
        Err(f) => return Err(f.into_pyerr(py)),
        Ok(Err((e, path))) => return Err(crate::errors::Failure::Io(e, path).into_pyerr(py)),
        Ok(Ok(Err(e))) => return Err(error(py, &e)),
        Ok(Ok(Ok(csv))) => csv,
    };
    match out {
        None => Ok(Some(csv)),
        Some(path) => match py.detach(|| std::fs::write(&path, csv.as_bytes())) {
            Ok(()) => Ok(None),
            Err(e) => Err(crate::errors::Failure::Io(e, path).into_pyerr(py)),
        },
    }
}
