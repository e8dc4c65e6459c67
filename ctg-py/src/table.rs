//! The results table of one evaluation or of many (one row per indicator × window, with a
//! leading `territory` column for many), built column by column on the Rust side, and its
//! two hand-offs to Python, neither of which makes a Python object per cell:
//! - pandas: raw little-endian buffers that numpy reads as they are (numbers, dates,
//!   booleans, status codes) and, for text, each column's distinct values with one code per
//!   row (`ctg._frames.pandas_table`);
//! - polars: an Arrow table read through the Arrow C stream (`ctg._frames.polars_table`).
//!
//! `ctg._frames` only decides types (dates, the ordered status, float64 with NaN), never
//! values; both `Evaluation` and `Evaluations` go through here, so their tables have the
//! same columns and dtypes.

use std::borrow::Cow;
use std::sync::Arc;

use arrow_array::types::Date32Type;
use arrow_array::{
    ArrayRef, BooleanArray, Date32Array, Float64Array, Int64Array, RecordBatch, StringArray,
};
use arrow_schema::{DataType, Field, Schema};
use chrono::NaiveDate;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyList, PyString, PyTuple};
use rustc_hash::FxHashMap;

use ctg_core::eval::{self as core, IndicatorEvaluation, Status, WindowResult};
use ctg_core::report::{self, ViewOptions};

use crate::errors::Failure;

/// One column's cells.
#[derive(Debug)]
enum Cells<'a> {
    Int(Vec<i64>),
    Float(Vec<Option<f64>>),
    Date(Vec<Option<NaiveDate>>),
    Bool(Vec<bool>),
    Text(Vec<Option<Cow<'a, str>>>),
    Status(Vec<Status>),
}

/// A table: named columns of equal length.
#[derive(Debug, Default)]
pub(crate) struct Table<'a> {
    columns: Vec<(&'static str, Cells<'a>)>,
}

/// Which rows of each indicator go into the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rows {
    /// Every window and yearly summary.
    All,
    /// The headline only.
    Headlines,
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
        let mut b = Results::default();
        for ev in evaluations {
            for ind in &ev.indicators {
                let target = report::target_text(ind, view.lang);
                let mut push = |r: &'a WindowResult, headline: bool| {
                    let explanation = if view.explanations {
                        report::explain(ev, ind, r, view.lang, None)
                    } else {
                        String::new()
                    };
                    b.push(&ev.plan_id, ind, r, headline, target.clone(), explanation);
                };
                match rows {
                    Rows::Headlines => push(&ind.headline, true),
                    Rows::All => {
                        for r in ind.rows() {
                            push(r, *r == ind.headline);
                        }
                    }
                }
            }
        }
        b.into_table(territory)
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
            other => Err(PyValueError::new_err(format!(
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

/// The snake_case codes of a few enum values, computed once each.
struct Codes<T>(Vec<(T, String)>);

impl<T> Default for Codes<T> {
    fn default() -> Self {
        Codes(Vec::new())
    }
}

impl<T: Copy + PartialEq + serde::Serialize> Codes<T> {
    fn get<'a>(&mut self, value: T) -> Cow<'a, str> {
        if let Some((_, code)) = self.0.iter().find(|(v, _)| *v == value) {
            return Cow::Owned(code.clone());
        }
        let code = crate::code_of(&value);
        self.0.push((value, code.clone()));
        Cow::Owned(code)
    }
}

/// The results table, column by column, as it is built.
#[derive(Default)]
struct Results<'a> {
    territory: Vec<Option<Cow<'a, str>>>,
    axis: Vec<i64>,
    fiche: Vec<i64>,
    indicator: Vec<Option<Cow<'a, str>>>,
    label: Vec<Option<Cow<'a, str>>>,
    kind: Vec<Option<Cow<'a, str>>>,
    window: Vec<Option<Cow<'a, str>>>,
    start: Vec<Option<NaiveDate>>,
    end: Vec<Option<NaiveDate>>,
    state: Vec<Option<Cow<'a, str>>>,
    observations: Vec<i64>,
    value: Vec<Option<f64>>,
    unit: Vec<Option<Cow<'a, str>>>,
    target: Vec<Option<Cow<'a, str>>>,
    expected: Vec<Option<f64>>,
    baseline: Vec<Option<f64>>,
    change: Vec<Option<f64>>,
    projection: Vec<Option<f64>>,
    status: Vec<Status>,
    achievement: Vec<Option<f64>>,
    reason: Vec<Option<Cow<'a, str>>>,
    done_on: Vec<Option<NaiveDate>>,
    assessment: Vec<Option<Cow<'a, str>>>,
    comment: Vec<Option<Cow<'a, str>>>,
    coverage_with_data: Vec<Option<f64>>,
    coverage_total: Vec<Option<f64>>,
    headline: Vec<bool>,
    explanation: Vec<Option<Cow<'a, str>>>,
    kinds: Codes<core::ResultKind>,
    states: Codes<core::WindowState>,
    assessments: Codes<ctg_core::io::Assessment>,
}

fn text(s: &str) -> Option<Cow<'_, str>> {
    Some(Cow::Borrowed(s))
}

fn int(n: impl TryInto<i64>) -> i64 {
    n.try_into().unwrap_or(i64::MAX)
}

impl<'a> Results<'a> {
    fn push(
        &mut self,
        territory: &'a str,
        ind: &'a IndicatorEvaluation,
        r: &'a WindowResult,
        headline: bool,
        target: Option<String>,
        explanation: String,
    ) {
        self.territory.push(text(territory));
        self.axis.push(int(r.axis));
        self.fiche.push(int(r.fiche));
        self.indicator.push(text(&r.indicator));
        self.label.push(text(&r.label));
        self.kind.push(Some(self.kinds.get(r.kind)));
        self.window.push(text(r.window.code()));
        self.start.push(Some(r.start));
        self.end.push(Some(r.end));
        self.state.push(Some(self.states.get(r.state)));
        self.observations.push(int(r.observations));
        self.value.push(r.value);
        self.unit.push(ind.unit_in_force().map(Cow::Borrowed));
        self.target.push(target.map(Cow::Owned));
        self.expected.push(r.expected);
        self.baseline.push(r.baseline);
        self.change.push(r.change);
        self.projection.push(r.projection);
        self.status.push(r.status);
        self.achievement.push(r.achievement);
        self.reason.push(r.reason.map(|x| Cow::Borrowed(x.code())));
        self.done_on.push(r.done_on);
        let assessment = r.assessment.map(|a| self.assessments.get(a));
        self.assessment.push(assessment);
        self.comment.push(r.comment.as_deref().map(Cow::Borrowed));
        self.coverage_with_data
            .push(r.coverage.map(|c| f64::from(c.with_data)));
        self.coverage_total
            .push(r.coverage.map(|c| f64::from(c.total)));
        self.headline.push(headline);
        self.explanation.push(Some(Cow::Owned(explanation)));
    }

    fn into_table(self, territory: bool) -> Table<'a> {
        use Cells::{Bool, Date, Float, Int, Status as St, Text};
        let mut columns = Vec::with_capacity(28);
        if territory {
            columns.push(("territory", Text(self.territory)));
        }
        columns.extend([
            ("axis", Int(self.axis)),
            ("fiche", Int(self.fiche)),
            ("indicator", Text(self.indicator)),
            ("label", Text(self.label)),
            ("kind", Text(self.kind)),
            ("window", Text(self.window)),
            ("start", Date(self.start)),
            ("end", Date(self.end)),
            ("state", Text(self.state)),
            ("observations", Int(self.observations)),
            ("value", Float(self.value)),
            ("unit", Text(self.unit)),
            ("target", Text(self.target)),
            ("expected", Float(self.expected)),
            ("baseline", Float(self.baseline)),
            ("change", Float(self.change)),
            ("projection", Float(self.projection)),
            ("status", St(self.status)),
            ("achievement", Float(self.achievement)),
            ("reason", Text(self.reason)),
            ("done_on", Date(self.done_on)),
            ("assessment", Text(self.assessment)),
            ("comment", Text(self.comment)),
            ("coverage_with_data", Float(self.coverage_with_data)),
            ("coverage_total", Float(self.coverage_total)),
            ("headline", Bool(self.headline)),
            ("explanation", Text(self.explanation)),
        ]);
        Table { columns }
    }
}
