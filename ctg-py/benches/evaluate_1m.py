"""Throughput of ``Plan.evaluate`` on large tables (the Arrow C stream path).

    python ctg-py/benches/evaluate_1m.py [rows]

Builds a pandas DataFrame of ``rows`` observations (default 1 000 000) for the Sundgau plan
(text indicator ids, datetime64 dates, float64 values) and evaluates it as pandas, polars
and a pyarrow Table, printing rows per second. Meanwhile another Python thread ticks every
millisecond: it keeps ticking because the GIL is released while the Rust side reads the
columns and evaluates (with the GIL held it would stop for the whole call).
"""

from __future__ import annotations

import sys
import threading
import time

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa

import ctg


def frame(n: int) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    ids = np.array(["f1.1", "f1.2", "f2.1", "f3.1", "f6.1", "f7.1", "f8.1", "f11.1", "f12.2", "f12.3"])
    return pd.DataFrame(
        {
            "indicator": ids[rng.integers(0, len(ids), n)],
            "date": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 5 * 365, n), unit="D"),
            "value": rng.integers(0, 50, n).astype("float64"),
        }
    )


def timed(label: str, plan: ctg.Plan, data: object, n: int) -> None:
    done = threading.Event()
    ticks = []

    def ticker() -> None:
        while not done.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    t = threading.Thread(target=ticker)
    t.start()
    start = time.perf_counter()
    ev = plan.evaluate(data, as_of="2028-12-31")
    elapsed = time.perf_counter() - start
    done.set()
    t.join()
    during = [x for x in ticks if start <= x <= start + elapsed]
    gaps = [b - a for a, b in zip(during, during[1:])] or [elapsed]
    print(
        f"{label:>8}: {n:,} rows in {elapsed:.2f} s = {n / elapsed:,.0f} rows/s "
        f"(used {ev.diagnostics['used']:,}); the other thread ticked {len(during)} times, "
        f"longest pause {max(gaps) * 1000:.0f} ms"
    )


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    plan = ctg.Plan.sundgau()
    df = frame(n)
    timed("pandas", plan, df, n)
    timed("polars", plan, pl.from_pandas(df), n)
    timed("pyarrow", plan, pa.Table.from_pandas(df, preserve_index=False), n)


if __name__ == "__main__":
    main()
