//! Synthetic workloads (`ctg_core::workload`), for scale tests and benchmarks: all
//! **fictional**. Python-visible as `ctg.workload` (`ctg-py/python/ctg/workload.py`).

use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::errors::{shielded, Failure};

/// `ctg.workload.write_national`: write the national workload's files without the GIL.
#[pyfunction]
#[pyo3(signature = (directory, plans = 1200, months = 60, participations = 10_000_000, seed = 42))]
pub fn _workload_write_national<'py>(
    py: Python<'py>,
    directory: PathBuf,
    plans: usize,
    months: u32,
    participations: usize,
    seed: u64,
) -> PyResult<Bound<'py, PyDict>> {
    let dir = directory.clone();
    let written = py
        .detach(move || {
            shielded(|| {
                ctg_core::workload::write_national(&dir, plans, months, participations, seed)
            })
            .and_then(|r| r.map_err(|e| Failure::Io(e, dir)))
        })
        .map_err(|f| f.into_pyerr(py))?;
    let d = PyDict::new(py);
    d.set_item("plans", written.plans)?;
    d.set_item("rows", written.rows)?;
    d.set_item("directory", directory.display().to_string())?;
    Ok(d)
}
