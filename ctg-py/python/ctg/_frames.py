"""DataFrames of an ``Evaluation`` or of ``Evaluations``, built from what the compiled
module gives: packed columns for the results tables (``to_pandas()``, ``to_polars()``,
``headlines()``: buffers numpy reads as they are for pandas, an Arrow table for polars), plain
columns for the small ones (``summary()``, ``Evaluations.scores()``).

Only types are decided here (dates, ordered status, float64 with NaN), never values.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from . import STATUSES

DATE_COLUMNS = frozenset({"start", "end", "done_on", "as_of"})
FLOAT_COLUMNS = frozenset(
    {
        "value",
        "expected",
        "baseline",
        "change",
        "projection",
        "achievement",
        "coverage_with_data",
        "coverage_total",
        "score",
    }
)
INT_COLUMNS = frozenset(
    {"axis", "fiche", "observations", "fiches_scored", "fiches", "scored", "total", *STATUSES}
)
BOOL_COLUMNS = frozenset({"headline"})

Columns = Dict[str, List[Any]]


def pandas_table(parts: List[Tuple[str, str, bytearray, Optional[List[Optional[str]]]]]) -> Any:
    """A results table for pandas from packed columns ``(name, kind, buffer, values)``:
    ``int`` (``<i8``), ``float`` (``<f8``, NaN when missing), ``date`` (``<i8`` days since
    1970-01-01, ``NaT`` when missing), ``bool`` (bytes), ``status`` (``i1`` positions in
    ``STATUSES``), ``text`` (``<i4`` codes into ``values``)."""
    import numpy as np
    import pandas as pd

    data: Dict[str, Any] = {}
    for name, kind, buffer, values in parts:
        if kind == "int":
            data[name] = pd.Series(np.frombuffer(buffer, "<i8").astype("int64", copy=False))
        elif kind == "float":
            data[name] = pd.Series(np.frombuffer(buffer, "<f8").astype("float64", copy=False))
        elif kind == "bool":
            data[name] = pd.Series(np.frombuffer(buffer, "?"), dtype="bool")
        elif kind == "date":
            days = np.frombuffer(buffer, "<i8").astype("int64", copy=False).view("datetime64[D]")
            data[name] = pd.Series(days).astype(_pandas_date_dtype())
        elif kind == "status":
            codes = np.frombuffer(buffer, "i1")
            data[name] = pd.Categorical.from_codes(codes, categories=list(STATUSES), ordered=True)
        elif kind == "text":
            assert values is not None
            distinct = np.empty(len(values), dtype=object)
            distinct[:] = values
            cells = distinct[np.frombuffer(buffer, "<i4").astype("intp")]
            data[name] = pd.Series(cells, dtype=_text_dtype(pd))
        else:  # pragma: no cover - the compiled module gives only the kinds above
            raise ValueError(f"unknown column kind {kind!r}")
    return pd.DataFrame(data)


def _text_dtype(pd: Any) -> Any:
    """The dtype pandas gives text: ``str`` (pandas 3), ``object`` before. The same for
    every text column, whether or not it has a value (an empty column is not ``object``
    in one table and ``str`` in another)."""
    return pd.Series(["text"]).dtype


def _pandas_date_dtype() -> Any:
    """The dtype pandas gives parsed ISO dates (``datetime64[ns]`` before pandas 3,
    ``datetime64[us]`` from 3): the results tables' dates, as they always were."""
    import pandas as pd

    return pd.to_datetime(pd.Series(["2000-01-01"], dtype=object), format="%Y-%m-%d").dtype


def polars_table(table: Any) -> Any:
    """A results table for polars from an Arrow table (read through the Arrow C stream)."""
    import polars as pl

    df = pl.DataFrame(table)
    return df.with_columns(pl.col("status").cast(pl.Enum(list(STATUSES))))


def rows_frame(columns: Columns, backend: str = "pandas") -> Any:
    """A small table from plain columns (``summary()``, ``Evaluations.scores()``)."""
    if backend == "pandas":
        return _pandas(columns)
    if backend == "polars":
        return _polars(columns)
    # A bad value is a CtgError with the code of every bad argument value (issue 16).
    from . import CtgError

    err = CtgError(f"backend must be 'pandas' or 'polars', not {backend!r}")
    err.kind = "options"  # type: ignore[attr-defined]
    err.code = "invalid_option"  # type: ignore[attr-defined]
    raise err


def summary_frames(tables: Dict[str, Columns], backend: str = "pandas") -> Dict[str, Any]:
    """The ``summary()`` tables: ``{"plan", "axes", "fiches"}``."""
    return {name: rows_frame(columns, backend) for name, columns in tables.items()}


def _pandas(columns: Columns) -> Any:
    import pandas as pd

    data: Dict[str, Any] = {}
    for name, values in columns.items():
        if name == "status":
            data[name] = pd.Categorical(values, categories=list(STATUSES), ordered=True)
        elif name in DATE_COLUMNS:
            iso = [None if d is None else d.isoformat() for d in values]
            data[name] = pd.to_datetime(pd.Series(iso, dtype=object), format="%Y-%m-%d")
        elif name in FLOAT_COLUMNS:
            data[name] = pd.Series(values, dtype="float64")
        elif name in INT_COLUMNS:
            data[name] = pd.Series(values, dtype="int64")
        elif name in BOOL_COLUMNS:
            data[name] = pd.Series(values, dtype="bool")
        else:
            data[name] = pd.Series(values, dtype=object if all(v is None for v in values) else None)
    return pd.DataFrame(data)


def _polars(columns: Columns) -> Any:
    import polars as pl

    series = []
    for name, values in columns.items():
        if name == "status":
            dtype: Any = pl.Enum(list(STATUSES))
        elif name in DATE_COLUMNS:
            dtype = pl.Date
        elif name in FLOAT_COLUMNS:
            dtype = pl.Float64
        elif name in INT_COLUMNS:
            dtype = pl.Int64
        elif name in BOOL_COLUMNS:
            dtype = pl.Boolean
        else:
            dtype = pl.String
        series.append(pl.Series(name, values, dtype=dtype))
    return pl.DataFrame(series)


def findings_frame(findings: List[Dict[str, Any]]) -> Any:
    """The findings of an import (the core's ``Problem`` dicts, in their order) as a pandas
    DataFrame, one row per finding, the dicts' keys as columns."""
    import pandas as pd

    return pd.DataFrame.from_records(findings, columns=list(findings[0]) if findings else None)
