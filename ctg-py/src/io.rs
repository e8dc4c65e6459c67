//! Observations (`ctg_core::io`) from Python inputs.
//!
//! Every input ends in a core reader, so that the rules (column names, cell types, row
//! validation, strict and lenient modes) are the core's:
//! - pandas / polars DataFrames and any Arrow PyCapsule producer (`__arrow_c_stream__`,
//!   `__arrow_c_array__`) are imported through the Arrow C stream (pyo3-arrow); their
//!   record batches are handed, without the GIL, to [`read_tables`] as typed columns
//!   ([`CellColumn`] over the Arrow arrays: text is borrowed, numbers and dates are not
//!   formatted and parsed back; never the Python objects);
//! - a list (or any iterable) of dicts, and a pandas DataFrame without the Arrow interface
//!   (`to_dict("records")`), become core records ([`crate::records`]) read by
//!   [`read_records`] (keys are columns; `None`/NaN are empty cells; the core's rules);
//! - a dict `{"observations": [...]}` is converted to JSON and read by [`read_json`];
//! - `bytes`, a `str` holding a line break, or a path go to [`read_auto`] (CSV or JSON).
//!
//! Arrow column names are read by the core's header rules (`Header::of_names`, the ones a
//! CSV header line follows): missing and duplicate columns fail, unknown columns are
//! ignored with a note.

use std::collections::BTreeMap;
use std::path::PathBuf;

use arrow_array::cast::AsArray;
use arrow_array::timezone::Tz;
use arrow_array::types::{
    Date32Type, Float32Type, Float64Type, Int64Type, TimestampMicrosecondType,
};
use arrow_array::{Array, ArrayRef, PrimitiveArray, RecordBatchReader};
use arrow_schema::{DataType, TimeUnit};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDate, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyString,
    PyTuple,
};

use chrono::Offset;
use ctg_core::io::records::Timestamp;
use ctg_core::io::{
    read_auto, read_auto_reader, read_auto_reader_territories, read_auto_territories, read_json,
    read_json_territories, read_records, read_records_territories, read_tables,
    read_tables_territories, ByTerritory, CellColumn, CellValue, Column, Header, IngestOptions,
    ObservationError, Observations, RecordItem, Table,
};
use ctg_core::model::Plan;
use ctg_core::Lang;

use crate::errors::Failure;

/// Observations taken from Python, ready to be read without the GIL.
pub enum Source {
    /// CSV or JSON bytes (or text).
    Bytes(Vec<u8>),
    /// A CSV or JSON file.
    Path(PathBuf),
    /// A CSV or JSON file named by a `str` ([`ctg_core::io::text_is_data`] says it is not
    /// data): an error never repeats it.
    StrPath(PathBuf),
    /// A JSON document built from a dict `{"observations": [...]}`.
    Json(String),
    /// Records from a list (or iterable) of dicts.
    Records(Vec<RecordItem>),
    /// An Arrow C stream (pandas, polars, pyarrow…).
    Arrow(Box<dyn RecordBatchReader + Send>),
    /// Refused before reading by the core's rules (a pandas frame with two columns of one
    /// name: `Header::check_duplicates`).
    Refused(ObservationError),
}

impl std::fmt::Debug for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Bytes(b) => write!(f, "Bytes({} bytes)", b.len()),
            Source::Path(p) => write!(f, "Path({})", p.display()),
            Source::StrPath(_) => f.write_str("StrPath(..)"),
            Source::Json(j) => write!(f, "Json({} bytes)", j.len()),
            Source::Records(r) => write!(f, "Records({} items)", r.len()),
            Source::Arrow(_) => f.write_str("Arrow(..)"),
            Source::Refused(_) => f.write_str("Refused(..)"),
        }
    }
}

const ACCEPTED: &str = "observations must be a pandas or polars DataFrame, an object with \
    the Arrow PyCapsule interface (__arrow_c_stream__), a list of dicts, or CSV/JSON as bytes, \
    as text or as a file path";

/// Take observations from a Python object (with the GIL; cheap for Arrow inputs, which are
/// only imported here).
pub fn extract(obj: &Bound<'_, PyAny>) -> PyResult<Source> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(Source::Bytes(b.as_bytes().to_vec()));
    }
    if let Ok(b) = obj.cast::<PyByteArray>() {
        return Ok(Source::Bytes(b.to_vec()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        let s = s.to_cow()?;
        // Whether it names a file is asked of the system only for what could be a path
        // (PATH_MAX: a long one-line CSV is not looked up).
        let path = std::path::Path::new(s.as_ref());
        let names_a_file = s.len() <= 4096 && path.is_file();
        let parquet = !s.contains(['\n', '\r'])
            && s.len() <= 4096
            && ctg_core::io::names_parquet(&s, path.is_dir());
        if parquet {
            return parquet_source(obj, Source::StrPath(PathBuf::from(s.as_ref())));
        }
        return Ok(if ctg_core::io::text_source_is_data(&s, names_a_file) {
            Source::Bytes(s.as_bytes().to_vec())
        } else {
            Source::StrPath(PathBuf::from(s.as_ref()))
        });
    }
    if obj.hasattr("__fspath__")? {
        let path = obj.extract::<PathBuf>()?;
        if ctg_core::io::names_parquet(&path.to_string_lossy(), path.is_dir()) {
            return parquet_source(obj, Source::Path(path));
        }
        return Ok(Source::Path(path));
    }
    if let Some(found) = not_a_table(obj)? {
        let kind = ctg_core::io::ObservationErrorKind::NotADataFrame { found };
        let err = ctg_core::io::ObservationError {
            issues: vec![ctg_core::io::ObservationIssue::new(kind, None)],
        };
        return Err(Failure::Observations(err, crate::errors::ERROR_LANG).into_pyerr(obj.py()));
    }
    if obj.is_instance_of::<PyDict>() {
        return json_source(obj);
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        return records_source(obj);
    }
    if let Some(frame) = polars_null_columns_as_text(obj)? {
        return extract(&frame);
    }
    if obj.hasattr("__arrow_c_stream__")? || obj.hasattr("__arrow_c_array__")? {
        match obj.extract::<pyo3_arrow::input::AnyRecordBatch>() {
            Ok(input) => return Ok(Source::Arrow(input.into_reader()?)),
            // pandas exports Arrow through pyarrow; without it, read the records.
            Err(e) if is_pandas(obj)? => {
                if let Some(refused) = pandas_duplicates(obj)? {
                    return Ok(refused);
                }
                return match obj.call_method1("to_dict", ("records",)) {
                    Ok(records) => records_source(&records),
                    Err(_) => Err(e),
                };
            }
            Err(e) => return Err(e),
        }
    }
    if is_pandas(obj)? {
        if let Some(refused) = pandas_duplicates(obj)? {
            return Ok(refused);
        }
        let records = obj.call_method1("to_dict", ("records",))?;
        return records_source(&records);
    }
    match obj.try_iter() {
        Ok(_) => records_source(obj),
        Err(_) => Err(PyTypeError::new_err(format!(
            "{ACCEPTED}, not {}",
            obj.get_type().name()?
        ))),
    }
}

/// Parquet observations (a file, a glob pattern or a partitioned directory:
/// [`ctg_core::io::names_parquet`]) as an Arrow stream, opened by pyarrow's datasets
/// (`ctg._parquet.open_reader`): no copy through pandas. When no file matches, `missing`
/// (the path as given), whose opening then fails as a missing file's does.
fn parquet_source(obj: &Bound<'_, PyAny>, missing: Source) -> PyResult<Source> {
    let reader = obj
        .py()
        .import("ctg._parquet")?
        .getattr("open_reader")?
        .call1((obj,))?;
    if reader.is_none() {
        return Ok(missing);
    }
    let input = reader.extract::<pyo3_arrow::input::AnyRecordBatch>()?;
    Ok(Source::Arrow(input.into_reader()?))
}

/// A pandas frame's column names checked by the core's header rules before `to_dict`
/// (which would keep one of two columns of one name): every name is passed, as text.
fn pandas_duplicates(obj: &Bound<'_, PyAny>) -> PyResult<Option<Source>> {
    let mut names: Vec<String> = Vec::new();
    for name in obj.getattr("columns")?.try_iter()? {
        names.push(name?.str()?.to_cow()?.into_owned());
    }
    Ok(Header::check_duplicates(names.iter().map(String::as_str))
        .err()
        .map(Source::Refused))
}

/// A polars DataFrame with all-null (`Null`-typed) columns, those columns cast to text:
/// polars exports a `Null` column with a buffer that the Arrow reader refuses, and a
/// column of nulls is a column of empty cells (reported at their rows).
fn polars_null_columns_as_text<'py>(
    obj: &Bound<'py, PyAny>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    let ty = obj.get_type();
    let module: String = ty.getattr("__module__")?.extract()?;
    let name: String = ty.getattr("__name__")?.extract()?;
    if !(module == "polars" || module.starts_with("polars.")) || name != "DataFrame" {
        return Ok(None);
    }
    let pl = obj.py().import("polars")?;
    let null = pl.getattr("Null")?;
    let mut any = false;
    for dtype in obj.getattr("dtypes")?.try_iter()? {
        if dtype?.eq(&null)? {
            any = true;
        }
    }
    if !any {
        return Ok(None);
    }
    let columns = pl.getattr("col")?.call1((null,))?;
    let text = columns.call_method1("cast", (pl.getattr("String")?,))?;
    Ok(Some(obj.call_method1("with_columns", (text,))?))
}

/// A pandas or polars `Series` or a numpy array: one column, or cells without column
/// names, where a table is expected (named as the library names it).
fn not_a_table(obj: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
    let ty = obj.get_type();
    let module: String = ty.getattr("__module__")?.extract()?;
    let name: String = ty.getattr("__name__")?.extract()?;
    let library = module.split('.').next().unwrap_or("");
    Ok(match (library, name.as_str()) {
        ("pandas" | "polars", "Series" | "Index") => Some(format!("{library}.{name}")),
        ("numpy", "ndarray" | "matrix") => Some(format!("numpy.{name}")),
        _ => None,
    })
}

fn is_pandas(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    let module: String = obj.get_type().getattr("__module__")?.extract()?;
    Ok(module == "pandas" || module.starts_with("pandas."))
}

fn records_source(obj: &Bound<'_, PyAny>) -> PyResult<Source> {
    Ok(Source::Records(crate::records::items(obj)?))
}

fn json_source(obj: &Bound<'_, PyAny>) -> PyResult<Source> {
    let mut out = String::new();
    write_json(obj, &mut out, 0)?;
    Ok(Source::Json(out))
}

/// Append a JSON string literal.
fn write_str(s: &str, out: &mut String) {
    match serde_json::to_string(s) {
        Ok(quoted) => out.push_str(&quoted),
        Err(_) => out.push_str("null"),
    }
}

/// Write a Python value as JSON text for the core's JSON reader, keeping the dicts' key
/// order: `None`, NaN, `pd.NA` and `pd.NaT` are null (an empty cell); dates and datetimes
/// are their ISO date; numpy scalars are their Python value; other objects their `str()`.
fn write_json(obj: &Bound<'_, PyAny>, out: &mut String, depth: usize) -> PyResult<()> {
    if obj.is_none() {
        out.push_str("null");
        return Ok(());
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        out.push_str(if b.is_true() { "true" } else { "false" });
        return Ok(());
    }
    if let Ok(i) = obj.cast::<PyInt>() {
        match i.extract::<i64>() {
            Ok(v) => out.push_str(&v.to_string()),
            Err(_) => write_str(&obj.str()?.to_cow()?, out),
        }
        return Ok(());
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        let v = f.value();
        if v.is_nan() {
            out.push_str("null");
        } else if v.is_finite() {
            out.push_str(&v.to_string());
        } else {
            // The core reports an infinite value as such.
            write_str(&v.to_string(), out);
        }
        return Ok(());
    }
    if let Ok(s) = obj.cast::<PyString>() {
        write_str(&s.to_cow()?, out);
        return Ok(());
    }
    let ty = obj.get_type();
    let type_name = ty.name()?;
    if matches!(type_name.to_cow()?.as_ref(), "NaTType" | "NAType") {
        out.push_str("null");
        return Ok(());
    }
    if obj.is_instance_of::<PyDateTime>() {
        return write_json(&obj.call_method0("date")?, out, depth);
    }
    if obj.is_instance_of::<PyDate>() {
        write_str(&obj.call_method0("isoformat")?.extract::<String>()?, out);
        return Ok(());
    }
    if depth < 4 {
        if let Ok(d) = obj.cast::<PyDict>() {
            out.push('{');
            for (n, (k, v)) in d.iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                match k.cast::<PyString>() {
                    Ok(s) => write_str(&s.to_cow()?, out),
                    Err(_) => write_str(&k.str()?.to_cow()?, out),
                }
                out.push(':');
                write_json(&v, out, depth + 1)?;
            }
            out.push('}');
            return Ok(());
        }
        if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
            out.push('[');
            for (n, item) in obj.try_iter()?.enumerate() {
                if n > 0 {
                    out.push(',');
                }
                write_json(&item?, out, depth + 1)?;
            }
            out.push(']');
            return Ok(());
        }
    }
    if let Some(item) = crate::records::numpy_item(obj)? {
        return write_json(&item, out, depth);
    }
    write_str(&obj.str()?.to_cow()?, out);
    Ok(())
}

/// The plans observations are read against: one, or several keyed by a territory column.
#[derive(Clone, Copy)]
enum Plans<'p> {
    One(&'p Plan),
    Many(&'p [&'p Plan]),
}

impl Plans<'_> {
    /// How many plans a territory column chooses from, for [`Header::of_names`]: `None` when
    /// one plan is read.
    fn count(self) -> Option<usize> {
        match self {
            Plans::One(_) => None,
            Plans::Many(plans) => Some(plans.len()),
        }
    }

    fn auto(self, bytes: &[u8], opts: &IngestOptions) -> Result<ByTerritory, ObservationError> {
        match self {
            Plans::One(plan) => read_auto(plan, bytes, opts).map(one),
            Plans::Many(plans) => read_auto_territories(plans, bytes, opts),
        }
    }

    fn json(self, text: &str, opts: &IngestOptions) -> Result<ByTerritory, ObservationError> {
        match self {
            Plans::One(plan) => read_json(plan, text, opts).map(one),
            Plans::Many(plans) => read_json_territories(plans, text, opts),
        }
    }

    fn records(
        self,
        items: Vec<RecordItem>,
        opts: &IngestOptions,
    ) -> Result<ByTerritory, ObservationError> {
        match self {
            Plans::One(plan) => read_records(plan, items, opts).map(one),
            Plans::Many(plans) => read_records_territories(plans, items, opts),
        }
    }

    fn tables<'a>(
        self,
        tables: impl IntoIterator<Item = Table<'a>>,
        headers: &BTreeMap<Column, String>,
        opts: &IngestOptions,
    ) -> Result<ByTerritory, ObservationError> {
        match self {
            Plans::One(plan) => read_tables(plan, tables, headers, opts).map(one),
            Plans::Many(plans) => read_tables_territories(plans, tables, headers, opts),
        }
    }
}

fn one(obs: Observations) -> ByTerritory {
    ByTerritory {
        observations: vec![obs],
        skipped: Vec::new(),
    }
}

/// Read the observations (without the GIL).
pub fn read(
    plan: &Plan,
    source: Source,
    opts: &IngestOptions,
    lang: Lang,
) -> Result<Observations, Failure> {
    let mut read = read_scoped(Plans::One(plan), source, opts, lang)?;
    Ok(read.observations.pop().unwrap_or_default())
}

/// Read the observations of several plans from one table keyed by territory (without the
/// GIL): one [`Observations`] per plan, in their order.
pub fn read_many(
    plans: &[&Plan],
    source: Source,
    opts: &IngestOptions,
    lang: Lang,
) -> Result<ByTerritory, Failure> {
    read_scoped(Plans::Many(plans), source, opts, lang)
}

fn read_scoped(
    plans: Plans<'_>,
    source: Source,
    opts: &IngestOptions,
    lang: Lang,
) -> Result<ByTerritory, Failure> {
    let bad = |e| Failure::Observations(e, lang);
    match source {
        Source::Bytes(bytes) => plans.auto(&bytes, opts).map_err(bad),
        // Streamed: a CSV file never sits in memory whole (a JSON one is read whole).
        Source::Path(path) => match std::fs::File::open(&path) {
            Ok(file) => match plans {
                Plans::One(plan) => read_auto_reader(plan, file, opts).map(one),
                Plans::Many(plans) => read_auto_reader_territories(plans, file, opts),
            }
            .map_err(bad),
            Err(e) => Err(Failure::Io(e, path)),
        },
        Source::StrPath(path) => match std::fs::File::open(&path) {
            Ok(file) => match plans {
                Plans::One(plan) => read_auto_reader(plan, file, opts).map(one),
                Plans::Many(plans) => read_auto_reader_territories(plans, file, opts),
            }
            .map_err(bad),
            // The string is not repeated: it may be data taken for a path.
            Err(e) => Err(Failure::IoUnnamed(e, lang)),
        },
        Source::Json(text) => plans.json(&text, opts).map_err(bad),
        Source::Records(items) => plans.records(items, opts).map_err(bad),
        Source::Arrow(reader) => read_arrow(plans, reader, opts, lang),
        Source::Refused(e) => Err(bad(e)),
    }
}

fn read_arrow(
    plans: Plans<'_>,
    reader: Box<dyn RecordBatchReader + Send>,
    opts: &IngestOptions,
    lang: Lang,
) -> Result<ByTerritory, Failure> {
    let schema = reader.schema();
    let names: Vec<String> = schema.fields().iter().map(|f| f.name().clone()).collect();
    let fictional = ctg_core::io::metadata_declares_fictional(
        schema
            .metadata()
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str())),
    );
    // The header, by the core's rules (`Header::of_names`): missing or duplicate columns
    // fail, unknown ones are noted.
    let (header, header_notes) = Header::of_names(names.iter().map(String::as_str), plans.count())
        .map_err(|e| Failure::Observations(e, lang))?;
    let mapping = header.columns;
    let headers = header.names;
    let mut failure = None;
    let tables = ArrowTables {
        reader,
        names,
        mapping,
        row: 0,
        failure: &mut failure,
    };
    let result = plans.tables(tables, &headers, opts);
    if let Some(f) = failure {
        return Err(f);
    }
    let mut read = result.map_err(|e| Failure::Observations(e, lang))?;
    for obs in &mut read.observations {
        let mut notes = header_notes.clone();
        notes.append(&mut obs.notes);
        obs.notes = notes;
        obs.fictional |= fictional;
    }
    Ok(read)
}

/// The batches of an Arrow stream as core [`Table`]s (typed columns, no copy of the cells).
struct ArrowTables<'f> {
    reader: Box<dyn RecordBatchReader + Send>,
    names: Vec<String>,
    /// The core column of each used Arrow column.
    mapping: Vec<(Column, usize)>,
    /// Rows read so far (the 1-based number of the last row).
    row: usize,
    /// Why the stream stopped early, if it did.
    failure: &'f mut Option<Failure>,
}

impl Iterator for ArrowTables<'_> {
    type Item = Table<'static>;

    fn next(&mut self) -> Option<Table<'static>> {
        if self.failure.is_some() {
            return None;
        }
        let batch = match self.reader.next()? {
            Err(e) => {
                *self.failure = Some(Failure::Other(format!("cannot read the Arrow stream: {e}")));
                return None;
            }
            Ok(batch) => batch,
        };
        let mut columns: Vec<(Column, Box<dyn CellColumn>)> =
            Vec::with_capacity(self.mapping.len());
        for &(column, i) in &self.mapping {
            let name = self.names.get(i).map(String::as_str).unwrap_or("?");
            let Some(array) = batch.columns().get(i) else {
                *self.failure = Some(Failure::Other(format!(
                    "the Arrow stream has no column {i} (`{name}`)"
                )));
                return None;
            };
            match Cells::new(array, name) {
                Ok(cells) => columns.push((column, Box::new(cells))),
                Err(f) => {
                    *self.failure = Some(f);
                    return None;
                }
            }
        }
        let len = batch.num_rows();
        let first_row = self.row + 1;
        self.row += len;
        Some(Table {
            len,
            first_row,
            columns,
        })
    }
}

/// One Arrow column, normalised to the few types whose cells become text.
enum Cells {
    Null,
    Utf8(arrow_array::StringArray),
    LargeUtf8(arrow_array::LargeStringArray),
    Utf8View(arrow_array::StringViewArray),
    Bool(arrow_array::BooleanArray),
    Int(PrimitiveArray<Int64Type>),
    F32(PrimitiveArray<Float32Type>),
    F64(PrimitiveArray<Float64Type>),
    /// Dates; the cells out of chrono's range, as text (`date32 99999999`), so that the
    /// core reports them as dates it cannot read, at their row and column.
    Date(PrimitiveArray<Date32Type>, BTreeMap<usize, String>),
    /// Timestamps, with their zone; out-of-range cells as text, as for dates.
    Timestamp(
        PrimitiveArray<TimestampMicrosecondType>,
        Option<Tz>,
        BTreeMap<usize, String>,
    ),
    /// A dictionary array (pandas `category`, polars `Categorical`, Arrow dictionaries): each
    /// row's key into the values, read in place (the values are not expanded per row).
    Dict {
        keys: Vec<usize>,
        nulls: Option<arrow_buffer::NullBuffer>,
        values: Box<Cells>,
    },
}

fn cast(array: &ArrayRef, to: &DataType, name: &str) -> Result<ArrayRef, Failure> {
    arrow_cast::cast::cast(array, to).map_err(|e| {
        Failure::Type(format!(
            "column `{name}` ({}) cannot be read as {to}: {e}",
            array.data_type()
        ))
    })
}

impl Cells {
    fn new(array: &ArrayRef, name: &str) -> Result<Cells, Failure> {
        use DataType as T;
        Ok(match array.data_type() {
            T::Null => Cells::Null,
            T::Utf8 => Cells::Utf8(array.as_string::<i32>().clone()),
            T::LargeUtf8 => Cells::LargeUtf8(array.as_string::<i64>().clone()),
            T::Utf8View => Cells::Utf8View(array.as_string_view().clone()),
            T::Boolean => Cells::Bool(array.as_boolean().clone()),
            T::Int8 | T::Int16 | T::Int32 | T::Int64 | T::UInt8 | T::UInt16 | T::UInt32 => {
                Cells::Int(
                    cast(array, &T::Int64, name)?
                        .as_primitive::<Int64Type>()
                        .clone(),
                )
            }
            T::UInt64
            | T::Decimal32(..)
            | T::Decimal64(..)
            | T::Decimal128(..)
            | T::Decimal256(..) => Cells::new(&cast(array, &T::Utf8, name)?, name)?,
            T::Float16 => Cells::F32(
                cast(array, &T::Float32, name)?
                    .as_primitive::<Float32Type>()
                    .clone(),
            ),
            T::Float32 => Cells::F32(array.as_primitive::<Float32Type>().clone()),
            T::Float64 => Cells::F64(array.as_primitive::<Float64Type>().clone()),
            T::Date32 => Cells::dates(array.as_primitive::<Date32Type>().clone()),
            T::Date64 => Cells::dates(
                cast(array, &T::Date32, name)?
                    .as_primitive::<Date32Type>()
                    .clone(),
            ),
            T::Timestamp(_, tz) => {
                let zone = match tz {
                    None => None,
                    Some(t) => Some(t.parse::<Tz>().map_err(|e| {
                        Failure::Type(format!("column `{name}`: unknown time zone `{t}`: {e}"))
                    })?),
                };
                let micros = cast(
                    array,
                    &T::Timestamp(TimeUnit::Microsecond, tz.clone()),
                    name,
                )?;
                let micros = micros.as_primitive::<TimestampMicrosecondType>().clone();
                let bad = (0..micros.len())
                    .filter(|&i| micros.is_valid(i) && timestamp_date(&micros, zone, i).is_none())
                    .map(|i| (i, format!("timestamp[us] {}", micros.value(i))))
                    .collect();
                Cells::Timestamp(micros, zone, bad)
            }
            T::Dictionary(_, _) => {
                let dict = array.as_any_dictionary();
                if dict.values().is_empty() {
                    Cells::Null
                } else {
                    Cells::Dict {
                        keys: dict.normalized_keys(),
                        nulls: dict.keys().logical_nulls(),
                        values: Box::new(Cells::new(dict.values(), name)?),
                    }
                }
            }
            other => {
                return Err(Failure::Type(format!(
                    "column `{name}` has the Arrow type {other}, which ctg cannot read: give \
                     text, numbers, booleans, dates or timestamps"
                )))
            }
        })
    }
}

impl Cells {
    fn dates(a: PrimitiveArray<Date32Type>) -> Cells {
        let bad = (0..a.len())
            .filter(|&i| a.is_valid(i) && a.value_as_date(i).is_none())
            .map(|i| (i, format!("date32 {}", a.value(i))))
            .collect();
        Cells::Date(a, bad)
    }
}

/// The date of a timestamp cell by the core's rule (`None` out of range).
fn timestamp_date(
    a: &PrimitiveArray<TimestampMicrosecondType>,
    zone: Option<Tz>,
    i: usize,
) -> Option<chrono::NaiveDate> {
    let micros = a.value(i);
    let timestamp = match zone {
        None => Timestamp::NaiveMicros(micros),
        Some(tz) => {
            let at = a.value_as_datetime_with_tz(i, tz)?;
            Timestamp::Zoned {
                utc_micros: micros,
                offset_minutes: at.offset().fix().local_minus_utc() / 60,
            }
        }
    };
    timestamp.date()
}

impl CellColumn for Cells {
    /// A cell; empty for a null (and for NaN, pandas' missing number).
    fn cell(&self, i: usize) -> CellValue<'_> {
        fn valid(a: &dyn Array, i: usize) -> bool {
            i < a.len() && a.is_valid(i)
        }
        let empty = CellValue::Empty;
        match self {
            Cells::Null => empty,
            Cells::Utf8(a) if valid(a, i) => CellValue::Text(a.value(i)),
            Cells::LargeUtf8(a) if valid(a, i) => CellValue::Text(a.value(i)),
            Cells::Utf8View(a) if valid(a, i) => CellValue::Text(a.value(i)),
            Cells::Bool(a) if valid(a, i) => CellValue::Bool(a.value(i)),
            Cells::Int(a) if valid(a, i) => CellValue::Int(a.value(i)),
            // A float32 reads as its shortest text does (0.1, not 0.10000000149).
            Cells::F32(a) if valid(a, i) => match a.value(i).to_string().parse::<f64>() {
                Ok(v) if !v.is_nan() => CellValue::Number(v),
                _ => empty,
            },
            Cells::F64(a) if valid(a, i) && !a.value(i).is_nan() => CellValue::Number(a.value(i)),
            Cells::Date(_, bad) | Cells::Timestamp(_, _, bad) if bad.contains_key(&i) => {
                bad.get(&i).map_or(empty, |t| CellValue::Text(t))
            }
            Cells::Date(a, _) if valid(a, i) => a.value_as_date(i).map_or(empty, CellValue::Date),
            Cells::Timestamp(a, zone, _) if valid(a, i) => {
                // The native value as a core timestamp; the core's rule gives its date.
                timestamp_date(a, *zone, i).map_or(empty, CellValue::Date)
            }
            Cells::Dict {
                keys,
                nulls,
                values,
            } if i < keys.len() && nulls.as_ref().is_none_or(|n| n.is_valid(i)) => {
                match keys.get(i) {
                    Some(&k) => values.cell(k),
                    None => empty,
                }
            }
            _ => empty,
        }
    }
}

/// Bytes made by the core, handed to Python: returned, or written to `path` (then `None`).
pub(crate) fn bytes_out<'py>(
    py: Python<'py>,
    bytes: Vec<u8>,
    path: Option<PathBuf>,
) -> PyResult<Option<Bound<'py, PyBytes>>> {
    match path {
        None => Ok(Some(PyBytes::new(py, &bytes))),
        Some(path) => {
            py.detach(|| std::fs::write(&path, &bytes))
                .map_err(|e| crate::errors::Failure::Io(e, path).into_pyerr(py))?;
            Ok(None)
        }
    }
}

/// Which plan each territory cell names, by the rules of ``evaluate_many``'s readers
/// (``ctg_core::io::TerritoryRouter``): for each value, ``(position, None)`` with the
/// plan's position in ``plans``, or ``(None, code)`` with the code of the problem the
/// readers give that row (``unknown_territory`` for a territory naming no plan or several,
/// ``missing_cell`` for an empty one). ``None`` values are empty cells. For callers that
/// split a table by plan before evaluating it (``ctg.dask``): route the distinct values.
///
/// >>> import ctg
/// >>> a = ctg.Plan.sundgau()
/// >>> b = ctg.Plan.from_json(a.to_json().replace("sundgau-2025-2029", "ctg-0001"))
/// >>> ctg.route_territories([a, b], ["ctg-0001", "SUNDGAU 2025 2029", "ctg-0002", None])
/// [(1, None), (0, None), (None, 'unknown_territory'), (None, 'missing_cell')]
#[pyfunction]
pub fn route_territories(
    plans: &Bound<'_, PyAny>,
    values: &Bound<'_, PyAny>,
) -> PyResult<Vec<(Option<usize>, Option<&'static str>)>> {
    let plans = crate::many::extract_plans(plans)?;
    let refs: Vec<&Plan> = plans.iter().map(|p| &**p).collect();
    let router = ctg_core::io::TerritoryRouter::new(&refs);
    let mut out = Vec::new();
    for value in values.try_iter()? {
        let value = value?;
        let route = if value.is_none() {
            router.route("")
        } else {
            router.route(&value.str()?.to_cow()?)
        };
        out.push(match route {
            ctg_core::io::Route::Plan(i) => (Some(i), None),
            other => (None, other.code().map(|c| c.as_str())),
        });
    }
    Ok(out)
}
