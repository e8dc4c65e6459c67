//! The results table of one evaluation or of many (one row per indicator × window, with a
//! leading `territory` column for many): ctg-core's [`ResultsTable`] (its columns, types and
//! cells are `ctg_core::report::table`'s; none is listed here), and its two hand-offs to
//! Python, neither of which makes a Python object per cell:
//! - pandas: raw little-endian buffers that numpy reads as they are (numbers, dates,
//!   booleans, status codes) and, for text, each column's distinct values with one code per
//!   row (`ctg._frames.pandas_table`);
//! - polars: an Arrow table read through the Arrow C stream (`ctg._frames.polars_table`).
//!
//! `ctg._frames` only decides types (dates, the ordered status, float64 with NaN), never
//! values; both `Evaluation` and `Evaluations` go through here, so their tables have the
//! same columns and dtypes.

use std::sync::Arc;

use arrow_array::types::Date32Type;
use arrow_array::{
    ArrayRef, BooleanArray, Date32Array, Float64Array, Int64Array, RecordBatch, StringArray,
};
use arrow_schema::{DataType, Field, Schema};
use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyList, PyString, PyTuple};
use rustc_hash::FxHashMap;

use ctg_core::eval::{self as core, Status};
use ctg_core::report::table::{Cells, ResultsTable, TableOptions};
use ctg_core::report::ViewOptions;

pub(crate) use ctg_core::report::table::Rows;

use crate::errors::Failure;

/// A table: named columns of equal length.
#[derive(Debug, Default)]
pub(crate) struct Table<'a> {
    columns: Vec<(&'static str, Cells<'a>)>,
}

impl<'a> Table<'a> {
    /// The results table of evaluations, in their order; with `territory`, a leading
    /// `territory` column holds each row's plan id.
    pub(crate) fn results<I>(
        evaluations: I,
        territory: bool,
        rows: Rows,
        view: &ViewOptions,
    ) -> Table<'a>
    where
        I: IntoIterator<Item = &'a core::Evaluation>,
    {
        let evaluations: Vec<&'a core::Evaluation> = evaluations.into_iter().collect();
        let mut opts = TableOptions::new(view.lang);
        opts.territory = territory;
        opts.rows = rows;
        opts.cells.explanations = view.explanations;
        // Small-count suppression, as in the published CSV (`suppress_below=`).
        opts.cells.suppress_below = view.suppress_below;
        let columns = ResultsTable::build(evaluations, &opts)
            .into_columns()
            .into_iter()
            .map(|(column, cells)| (column.name, cells))
            .collect();
        Table { columns }
    }

    /// The table as a pandas or polars DataFrame (`backend`), built without the GIL but for
    /// the hand-off itself.
    pub(crate) fn frame<'py>(self, py: Python<'py>, backend: &str) -> PyResult<Bound<'py, PyAny>> {
        match backend {
            "pandas" => {
                let packed = py.detach(|| self.pack());
                let parts = PyList::empty(py);
                for (name, pack) in packed {
                    let part = match pack {
                        Pack::Raw(kind, bytes) => PyTuple::new(
                            py,
                            [
                                PyString::new(py, name).into_any(),
                                PyString::new(py, kind).into_any(),
                                PyByteArray::new(py, &bytes).into_any(),
                                py.None().into_bound(py),
                            ],
                        )?,
                        Pack::Text(values, codes) => PyTuple::new(
                            py,
                            [
                                PyString::new(py, name).into_any(),
                                PyString::new(py, "text").into_any(),
                                PyByteArray::new(py, &codes).into_any(),
                                PyList::new(py, values)?.into_any(),
                            ],
                        )?,
                    };
                    parts.append(part)?;
                }
                frames(py, "pandas_table", (parts,))
            }
            "polars" => {
                let (batch, schema) = py
                    .detach(|| self.record_batch())
                    .map_err(|f| f.into_pyerr(py))?;
                let table = pyo3_arrow::PyTable::try_new(vec![batch], schema)?;
                frames(py, "polars_table", (Bound::new(py, table)?,))
            }
            other => Err(crate::option_error(format!(
                "backend must be 'pandas' or 'polars', not {}",
                PyString::new(py, other).repr()?
            ))),
        }
    }

    /// The columns as buffers for numpy: numbers as `<i8` / `<f8` (NaN when missing),
    /// dates as `<i8` days since 1970-01-01 (`NaT`, i.e. `i64::MIN`, when missing), booleans
    /// as bytes, statuses as `i1` positions in `Status::ALL`; text as its distinct values
    /// and a `<i4` code per row.
    fn pack(&self) -> Vec<(&'static str, Pack<'_>)> {
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
        self.columns
            .iter()
            .map(|(name, cells)| {
                let pack = match cells {
                    Cells::Int(v) => {
                        Pack::Raw("int", v.iter().flat_map(|x| x.to_le_bytes()).collect())
                    }
                    Cells::Float(v) => Pack::Raw(
                        "float",
                        v.iter()
                            .flat_map(|x| x.unwrap_or(f64::NAN).to_le_bytes())
                            .collect(),
                    ),
                    Cells::Date(v) => Pack::Raw(
                        "date",
                        v.iter()
                            .flat_map(|d| {
                                d.map_or(i64::MIN, |d| (d - epoch).num_days()).to_le_bytes()
                            })
                            .collect(),
                    ),
                    Cells::Bool(v) => Pack::Raw("bool", v.iter().map(|b| u8::from(*b)).collect()),
                    Cells::Status(v) => Pack::Raw(
                        "status",
                        v.iter()
                            .map(|s| {
                                let at = Status::ALL.iter().position(|x| x == s).unwrap_or(0);
                                u8::try_from(at).unwrap_or(0)
                            })
                            .collect(),
                    ),
                    Cells::Text(v) => {
                        let mut values: Vec<Option<&str>> = Vec::new();
                        let mut seen: FxHashMap<Option<&str>, i32> = FxHashMap::default();
                        let mut codes = Vec::with_capacity(v.len() * 4);
                        // Runs of one value (a plan's id, an indicator's label) are common:
                        // the previous cell is checked before the map.
                        let mut last: Option<(Option<&str>, i32)> = None;
                        for cell in v {
                            let key = cell.as_deref();
                            let code = match last {
                                Some((k, code)) if k == key => code,
                                _ => *seen.entry(key).or_insert_with(|| {
                                    values.push(key);
                                    i32::try_from(values.len() - 1).unwrap_or(i32::MAX)
                                }),
                            };
                            last = Some((key, code));
                            codes.extend_from_slice(&code.to_le_bytes());
                        }
                        Pack::Text(values, codes)
                    }
                };
                (*name, pack)
            })
            .collect()
    }

    /// The columns as an Arrow record batch (every field nullable; dates as `date32`).
    fn record_batch(&self) -> Result<(RecordBatch, Arc<Schema>), Failure> {
        let mut fields = Vec::with_capacity(self.columns.len());
        let mut arrays: Vec<ArrayRef> = Vec::with_capacity(self.columns.len());
        for (name, cells) in &self.columns {
            let (ty, array): (DataType, ArrayRef) = match cells {
                Cells::Int(v) => (DataType::Int64, Arc::new(Int64Array::from(v.clone()))),
                Cells::Float(v) => (DataType::Float64, Arc::new(Float64Array::from(v.clone()))),
                Cells::Date(v) => (
                    DataType::Date32,
                    Arc::new(Date32Array::from(
                        v.iter()
                            .map(|d| d.map(Date32Type::from_naive_date))
                            .collect::<Vec<_>>(),
                    )),
                ),
                Cells::Bool(v) => (DataType::Boolean, Arc::new(BooleanArray::from(v.clone()))),
                Cells::Text(v) => (
                    DataType::Utf8,
                    Arc::new(v.iter().map(|c| c.as_deref()).collect::<StringArray>()),
                ),
                Cells::Status(v) => (
                    DataType::Utf8,
                    Arc::new(v.iter().map(|s| Some(s.code())).collect::<StringArray>()),
                ),
            };
            fields.push(Field::new(*name, ty, true));
            arrays.push(array);
        }
        let schema = Arc::new(Schema::new(fields));
        RecordBatch::try_new(Arc::clone(&schema), arrays)
            .map(|batch| (batch, schema))
            .map_err(|e| Failure::Other(format!("cannot build the Arrow table: {e}")))
    }
}

/// A column packed for numpy.
enum Pack<'t> {
    /// A buffer numpy reads as is, and its kind (`int`, `float`, `date`, `bool`, `status`).
    Raw(&'static str, Vec<u8>),
    /// Distinct values (`None` for a missing cell) and one `<i4` code per row.
    Text(Vec<Option<&'t str>>, Vec<u8>),
}

/// Call a table builder of the pure-Python `ctg._frames` module.
pub(crate) fn frames<'py>(
    py: Python<'py>,
    name: &str,
    args: impl pyo3::call::PyCallArgs<'py>,
) -> PyResult<Bound<'py, PyAny>> {
    py.import("ctg._frames")?.getattr(name)?.call1(args)
}
