//! Python dicts → ctg-core records ([`ctg_core::io::records`]): a conversion of native
//! values to the core's typed cells, and nothing else. Every rule (keys → columns,
//! duplicate keys, unsupported cells, timestamps → dates, strict and lenient modes, the
//! order of problems) is the core's.
//!
//! Conversions: `None`, pandas' `NA` and `NaT`, and a float NaN (pandas' missing number)
//! are empty cells; `bool`, `int` (its decimal text beyond 64 bits), `float` and `str` are
//! themselves; a `date` is a date; a naive `datetime` (or pandas `Timestamp`) is a naive
//! timestamp, a tz-aware one an instant with its zone's offset; numpy scalars are their
//! Python value; a dict is an unsupported object, a list, tuple or set an unsupported array;
//! any other object is its `str()` (a `Decimal`, a `UUID`). An item that is not a dict is
//! an item that is not a record.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyDate, PyDateTime, PyDict, PyFloat, PyFrozenSet, PyInt, PyList, PySet, PyString,
    PyTuple,
};

use ctg_core::io::{Record, RecordCell, RecordItem, Timestamp, ValueKind};

/// The records of a list, tuple or any iterable of dicts.
pub fn items(obj: &Bound<'_, PyAny>) -> PyResult<Vec<RecordItem>> {
    let mut out = Vec::new();
    for item in obj.try_iter()? {
        out.push(record_item(&item?)?);
    }
    Ok(out)
}

fn record_item(obj: &Bound<'_, PyAny>) -> PyResult<RecordItem> {
    let Ok(dict) = obj.cast::<PyDict>() else {
        return Ok(RecordItem::NotAnObject(kind(obj)));
    };
    let mut record = Record::with_capacity(dict.len());
    for (k, v) in dict.iter() {
        let key = match k.cast::<PyString>() {
            Ok(s) => s.to_cow()?.into_owned(),
            Err(_) => k.str()?.to_cow()?.into_owned(),
        };
        record.push(key, cell(&v)?);
    }
    Ok(RecordItem::Record(record))
}

/// What a Python value is, as the core's messages name it.
fn kind(obj: &Bound<'_, PyAny>) -> ValueKind {
    if obj.is_none() {
        ValueKind::Null
    } else if obj.is_instance_of::<PyBool>() {
        ValueKind::Boolean
    } else if obj.is_instance_of::<PyInt>() || obj.is_instance_of::<PyFloat>() {
        ValueKind::Number
    } else if obj.is_instance_of::<PyString>() {
        ValueKind::String
    } else if is_array(obj) {
        ValueKind::Array
    } else {
        ValueKind::Object
    }
}

fn is_array(obj: &Bound<'_, PyAny>) -> bool {
    obj.is_instance_of::<PyList>()
        || obj.is_instance_of::<PyTuple>()
        || obj.is_instance_of::<PySet>()
        || obj.is_instance_of::<PyFrozenSet>()
}

fn cell(obj: &Bound<'_, PyAny>) -> PyResult<RecordCell> {
    if obj.is_none() {
        return Ok(RecordCell::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(RecordCell::Bool(b.is_true()));
    }
    if let Ok(i) = obj.cast::<PyInt>() {
        return Ok(match i.extract::<i64>() {
            Ok(v) => RecordCell::Int(v),
            Err(_) => RecordCell::Text(obj.str()?.to_cow()?.into_owned()),
        });
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        let v = f.value();
        // pandas' missing number.
        return Ok(if v.is_nan() {
            RecordCell::Null
        } else {
            RecordCell::Number(v)
        });
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(RecordCell::Text(s.to_cow()?.into_owned()));
    }
    let ty = obj.get_type();
    if matches!(ty.name()?.to_cow()?.as_ref(), "NaTType" | "NAType") {
        return Ok(RecordCell::Null);
    }
    if obj.is_instance_of::<PyDateTime>() {
        return datetime(obj);
    }
    if obj.is_instance_of::<PyDate>() {
        return Ok(match obj.extract::<NaiveDate>() {
            Ok(d) => RecordCell::Date(d),
            Err(_) => RecordCell::Text(obj.str()?.to_cow()?.into_owned()),
        });
    }
    if obj.is_instance_of::<PyDict>() {
        return Ok(RecordCell::Unsupported(ValueKind::Object));
    }
    if is_array(obj) {
        return Ok(RecordCell::Unsupported(ValueKind::Array));
    }
    if let Some(item) = numpy_item(obj)? {
        return cell(&item);
    }
    Ok(RecordCell::Text(obj.str()?.to_cow()?.into_owned()))
}

/// A `datetime` (or pandas `Timestamp`): naive, or an instant with its zone's offset.
/// A numpy scalar as the Python value it holds (`np.float64(1.5)` → `1.5`), if `obj` is
/// one whose `item()` gives another type.
pub(crate) fn numpy_item<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyAny>>> {
    let ty = obj.get_type();
    let module: String = ty
        .getattr("__module__")
        .and_then(|m| m.extract())
        .unwrap_or_default();
    if module == "numpy" && obj.hasattr("item")? {
        let item = obj.call_method0("item")?;
        if !item.get_type().is(&ty) {
            return Ok(Some(item));
        }
    }
    Ok(None)
}

fn datetime(obj: &Bound<'_, PyAny>) -> PyResult<RecordCell> {
    let offset = obj.call_method0("utcoffset")?;
    if offset.is_none() {
        let naive = obj.extract::<NaiveDateTime>()?;
        return Ok(RecordCell::Timestamp(Timestamp::Naive(naive)));
    }
    let zoned = obj.extract::<DateTime<FixedOffset>>()?;
    Ok(RecordCell::Timestamp(Timestamp::Zoned {
        utc_micros: zoned.timestamp_micros(),
        offset_minutes: zoned.offset().local_minus_utc().div_euclid(60),
    }))
}
