"""The subset of ctg's evaluation, written as an analyst would in pandas.

A filter on dates, a merge with the targets table, one ``groupby`` per aggregation and a
second merge for the statuses: no tricks, no hand-tuned dtypes. ``read_observations`` is
also how ``compare.py`` loads the DataFrame handed to every implementation in the
in-memory mode.
"""

from __future__ import annotations

import operator
from pathlib import Path
from typing import Callable, Dict

import pandas as pd

from common import (
    AS_OF,
    FIRST_DAY,
    NUMERIC_MEASURES,
    OBSERVATIONS,
    RESULT_COLUMNS,
    TARGETS,
    WINDOWS,
)

KEYS = ["territory", "indicator", "start"]

#: `op` of targets.csv → the comparison (`gt` and `lt` strict, `ge` and `le` inclusive).
COMPARATORS: Dict[str, Callable[[pd.Series, pd.Series], pd.Series]] = {
    "gt": operator.gt,
    "ge": operator.ge,
    "lt": operator.lt,
    "le": operator.le,
    "eq": operator.eq,
}


def read_observations(path: Path) -> pd.DataFrame:
    """``observations.csv``: its first line is a comment saying the data is fictional."""
    return pd.read_csv(path, comment="#", parse_dates=["date"])


def read_targets(path: Path) -> pd.DataFrame:
    """``targets.csv``: one row per (territory, indicator); empty cells are NaN."""
    return pd.read_csv(path)


def evaluate(observations: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """Values and statuses of the numeric yearly and monthly indicators' closed windows."""
    # The indicators of the subset, and their observations within the windows.
    subset = targets[targets["measure"].isin(NUMERIC_MEASURES) & targets["window"].isin(WINDOWS)]
    in_windows = observations[
        observations["date"].between(pd.Timestamp(FIRST_DAY), pd.Timestamp(AS_OF))
    ]
    rows = in_windows.merge(
        subset[["territory", "indicator", "aggregation", "window"]],
        on=["territory", "indicator"],
    )
    rows["value"] = rows["value"].astype("float64")  # a text column: qualitative rows

    # Each row's window, named by its first day.
    year_start = rows["date"].dt.to_period("Y").dt.start_time
    month_start = rows["date"].dt.to_period("M").dt.start_time
    rows["start"] = year_start.where(rows["window"] == "year", month_start)

    # One value per (territory, indicator, window).
    parts = []
    for aggregation, group in rows.groupby("aggregation"):
        by_window = group.groupby(KEYS)
        if aggregation == "sum":
            values = by_window["value"].sum()
        elif aggregation == "mean":
            values = by_window["value"].mean()
        elif aggregation == "distinct":
            values = by_window["participant"].nunique().astype("float64")
        elif aggregation == "ratio":
            totals = by_window[["value", "denominator"]].sum()
            values = totals["value"] / totals["denominator"] * 100
        elif aggregation == "last":  # the values of the window's latest date, summed
            latest = group[group["date"] == by_window["date"].transform("max")]
            values = latest.groupby(KEYS)["value"].sum()
        else:
            raise ValueError(f"unexpected aggregation {aggregation!r}")
        parts.append(values.rename("value").reset_index())
    result = pd.concat(parts, ignore_index=True)

    # Statuses: no target → tracked; a comparison → achieved or not; relative targets (a
    # trajectory from the baseline year) are not judged here.
    result = result.merge(
        subset[["territory", "indicator", "target_kind", "op", "target"]],
        on=["territory", "indicator"],
    )
    holds = pd.Series(False, index=result.index)
    for op, compare in COMPARATORS.items():
        chosen = result["op"] == op
        holds[chosen] = compare(result.loc[chosen, "value"], result.loc[chosen, "target"])
    result["status"] = pd.Series(pd.NA, index=result.index, dtype="string")
    result.loc[result["target_kind"].isna(), "status"] = "tracked"
    compared = result["target_kind"] == "compare"
    result.loc[compared & holds, "status"] = "achieved"
    result.loc[compared & ~holds, "status"] = "not_achieved"
    return result[RESULT_COLUMNS]


def evaluate_files(data: Path) -> pd.DataFrame:
    """End to end: read both CSV files, then evaluate."""
    return evaluate(read_observations(data / OBSERVATIONS), read_targets(data / TARGETS))
