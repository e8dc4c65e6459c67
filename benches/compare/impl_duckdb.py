"""The subset of ctg's evaluation as one plain SQL query, run by DuckDB.

The query reads two relations, ``observations`` and ``targets``: in the in-memory mode they
are the pandas DataFrames, registered as they are; end to end they are views over DuckDB's
``read_csv`` of the workload's files. ``threads`` is DuckDB's ``SET threads`` (``None``:
DuckDB's default, every core).
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import duckdb
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


def _sql_list(items: tuple[str, ...]) -> str:
    return ", ".join(f"'{item}'" for item in items)


QUERY = f"""
WITH subset AS (            -- numeric indicators with yearly or monthly windows
    SELECT territory, indicator, aggregation, "window", target_kind, op, target
    FROM targets
    WHERE measure IN ({_sql_list(NUMERIC_MEASURES)}) AND "window" IN ({_sql_list(WINDOWS)})
),
rows AS (                   -- their observations within the windows, with each row's window
    SELECT o.territory, o.indicator, s.aggregation, o.date,
           CAST(o.value AS DOUBLE) AS value, o.participant, o.denominator,
           CASE s."window" WHEN 'year' THEN date_trunc('year', o.date)
                           ELSE date_trunc('month', o.date) END AS start
    FROM observations AS o
    JOIN subset AS s USING (territory, indicator)
    WHERE o.date BETWEEN DATE '{FIRST_DAY.isoformat()}' AND DATE '{AS_OF.isoformat()}'
),
window_values AS (          -- one value per (territory, indicator, window)
    SELECT territory, indicator, start, sum(value) AS value
    FROM rows WHERE aggregation = 'sum' GROUP BY ALL
    UNION ALL
    SELECT territory, indicator, start, avg(value)
    FROM rows WHERE aggregation = 'mean' GROUP BY ALL
    UNION ALL
    SELECT territory, indicator, start, count(DISTINCT participant)
    FROM rows WHERE aggregation = 'distinct' GROUP BY ALL
    UNION ALL
    SELECT territory, indicator, start, sum(value) / sum(denominator) * 100
    FROM rows WHERE aggregation = 'ratio' GROUP BY ALL
    UNION ALL               -- `last`: the values of the window's latest date, summed
    SELECT territory, indicator, start, sum(value)
    FROM (
        SELECT * FROM rows WHERE aggregation = 'last'
        QUALIFY date = max(date) OVER (PARTITION BY territory, indicator, start)
    )
    GROUP BY ALL
)
SELECT v.territory, v.indicator, v.start, v.value,
       CASE                 -- relative targets (a trajectory) are not judged here: NULL
           WHEN s.target_kind IS NULL THEN 'tracked'
           WHEN s.target_kind = 'compare' THEN
               CASE WHEN CASE s.op WHEN 'gt' THEN v.value > s.target
                                   WHEN 'ge' THEN v.value >= s.target
                                   WHEN 'lt' THEN v.value < s.target
                                   WHEN 'le' THEN v.value <= s.target
                                   WHEN 'eq' THEN v.value = s.target END
                    THEN 'achieved' ELSE 'not_achieved' END
       END AS status
FROM window_values AS v
JOIN subset AS s USING (territory, indicator)
"""

OBSERVATION_COLUMNS = """{'territory': 'VARCHAR', 'indicator': 'VARCHAR', 'date': 'DATE',
    'value': 'VARCHAR', 'participant': 'VARCHAR', 'denominator': 'DOUBLE'}"""
TARGET_COLUMNS = """{'territory': 'VARCHAR', 'indicator': 'VARCHAR', 'measure': 'VARCHAR',
    'aggregation': 'VARCHAR', 'window': 'VARCHAR', 'target_kind': 'VARCHAR', 'op': 'VARCHAR',
    'target': 'DOUBLE'}"""


def _connect(threads: Optional[int]) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    if threads is not None:
        con.execute(f"SET threads = {int(threads)}")
    return con


def _run(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.sql(QUERY).df()[RESULT_COLUMNS]


def evaluate(
    observations: pd.DataFrame, targets: pd.DataFrame, threads: Optional[int] = None
) -> pd.DataFrame:
    """In memory: the query over the two DataFrames."""
    con = _connect(threads)
    try:
        con.register("observations", observations)
        con.register("targets", targets)
        return _run(con)
    finally:
        con.close()


def evaluate_files(data: Path, threads: Optional[int] = None) -> pd.DataFrame:
    """End to end: the same query over DuckDB's ``read_csv`` of the two files (the first
    line of ``observations.csv`` is a comment, hence ``skip = 1``)."""

    def quoted(path: Path) -> str:
        return "'" + str(path).replace("'", "''") + "'"

    con = _connect(threads)
    try:
        con.execute(
            f"""CREATE VIEW observations AS SELECT * FROM read_csv(
                {quoted(data / OBSERVATIONS)}, skip = 1, header = true,
                columns = {OBSERVATION_COLUMNS})"""
        )
        con.execute(
            f"""CREATE VIEW targets AS SELECT * FROM read_csv(
                {quoted(data / TARGETS)}, header = true, columns = {TARGET_COLUMNS})"""
        )
        return _run(con)
    finally:
        con.close()


def threads_in_use(threads: Optional[int]) -> int:
    """The number of threads DuckDB runs with (for the report)."""
    con = _connect(threads)
    try:
        row = con.execute("SELECT current_setting('threads')").fetchone()
        return int(row[0]) if row else 0
    finally:
        con.close()
