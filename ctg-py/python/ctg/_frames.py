"""DataFrames of an ``Evaluation``, built from the plain columns the compiled module gives.

Called by ``Evaluation.to_pandas()``, ``to_polars()``, ``headlines()`` and ``summary()``;
only types are decided here (dates, ordered status, float64 with NaN), never values.
"""

from __future__ import annotations

from typing import Any, Dict, List

from . import STATUSES

DATE_COLUMNS = frozenset({"start", "end", "done_on"})
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


def rows_frame(columns: Columns, backend: str = "pandas") -> Any:
    """A results table (``to_pandas()``, ``to_polars()``, ``headlines()``)."""
    if backend == "pandas":
        return _pandas(columns)
    if backend == "polars":
        return _polars(columns)
    raise ValueError(f"backend must be 'pandas' or 'polars', not {backend!r}")


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
