"""ctg on Dask vs pandas on Dask vs DuckDB, on the national workload ×N as Parquet partitions.

    python benches/compare/dask_bench.py [--scale 10] [--data DIR] [--workers 2]
        [--memory-limit 4GiB] [--only ctg,pandas,duckdb] [--timeout 3600] [--markdown FILE]

(``benches/compare/run.sh`` prepares the environment; run this with ``.venv/bin/python``.)

**The data.** ``ctg.workload.write_parquet`` writes the national workload ×N (N × 1,200
fictional plans shaped like the Sundgau plan, N × 10 million participations, 60 months:
about 11.7 M rows × N) as a Parquet data set partitioned by territory
(``observations/territory=ctg-00000/part-0.parquet`` …), into
``target/compare/parquet-x<N>/`` unless it is there.

**The three runs**, each in its own child process, as of 2028-12-31:

- ``ctg``: ``ctg.dask.evaluate_many(plans, "…/observations", compute=True)`` on a
  ``LocalCluster`` of ``--workers`` worker processes (one thread each) with
  ``--memory-limit`` each; ctg reads the layout (one territory per folder: no shuffle),
  one task per plan;
- ``pandas``: ``dd.read_parquet`` then ``groupby("territory").apply(…)`` of the pandas
  implementation of ``impl_pandas.py`` (each territory with its targets), on the same
  cluster shape;
- ``duckdb``: the SQL of ``impl_duckdb.py`` over ``read_parquet('…/**/*.parquet',
  hive_partitioning = true)``, one process with ``--workers`` threads and the same memory in
  all (``memory_limit``).

The clock covers reading the plans (ctg) or targets (the others), the data and the
evaluation, not the cluster's start. Peak memory: each worker process's peak RSS
(``ru_maxrss``, read on the workers at the end; a restarted worker's is lost) and the child
process's own. The results are then checked equal on the subset ``compare.py`` defines.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import AS_OF, PLANS, RESULT_COLUMNS, TARGETS  # noqa: E402

REPO = HERE.parents[1]
IMPLEMENTATIONS = ("ctg", "pandas", "duckdb")
LABELS = {"ctg": "ctg on Dask (`ctg.dask.evaluate_many`)",
          "pandas": "pandas on Dask (`groupby().apply`)", "duckdbN": "DuckDB SQL (`read_parquet`)"}
FICTIONAL = "Données FICTIVES — fictional data (ctg.workload), not real CTG observations."


def data_dir(args: argparse.Namespace) -> Path:
    if args.data is not None:
        return Path(args.data).resolve()
    return REPO / "target" / "compare" / f"parquet-x{args.scale:g}"


def ensure_data(data: Path, scale: float) -> Dict[str, Any]:
    info_file = data / "workload.json"
    if info_file.is_file() and (data / "observations").is_dir():
        return dict(json.loads(info_file.read_text()))
    import ctg.workload

    sizes = {"plans": int(1200 * scale), "months": 60, "participations": int(10_000_000 * scale)}
    print(f"generating the workload ×{scale:g} ({sizes}) as Parquet into {data} …", flush=True)
    if data.exists():
        shutil.rmtree(data)
    started = time.perf_counter()
    written = ctg.workload.write_parquet(data, seed=42, **sizes)
    info = {**sizes, "rows": written["rows"], "seconds": time.perf_counter() - started}
    info["bytes"] = sum(p.stat().st_size for p in (data / "observations").rglob("*.parquet"))
    info["files"] = sum(1 for _ in (data / "observations").rglob("*.parquet"))
    info_file.write_text(json.dumps(info))
    print(f"  {info['rows']:,} rows, {info['files']:,} files, {info['bytes'] / 2**20:,.0f} MiB "
          f"in {info['seconds']:.0f} s", flush=True)
    return info


def _worker_peak() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cluster(args: argparse.Namespace) -> Any:
    import distributed

    cluster = distributed.LocalCluster(
        n_workers=args.workers, threads_per_worker=1, processes=True,
        memory_limit=args.memory_limit, dashboard_address=None, silence_logs=40,
    )
    return cluster, distributed.Client(cluster)


def run_ctg(data: Path, args: argparse.Namespace, info: Dict[str, Any]) -> Any:
    import ctg
    import ctg.dask

    cluster, client = _cluster(args)
    try:
        started = time.perf_counter()
        with open(data / PLANS, encoding="utf-8") as lines:
            plans = [ctg.Plan.from_json(line) for line in lines]
        out = ctg.dask.evaluate_many(
            plans, data / "observations", as_of=AS_OF.isoformat(), explanations=False,
            compute=True,
        )
        info["seconds"] = time.perf_counter() - started
        info["workers_peak_mib"] = sorted(client.run(_worker_peak).values())
        info["diagnostics"] = out.diagnostics
        info["ctg"] = ctg.__version__
    finally:
        client.close()
        cluster.close()
    frame = out.results
    windows = frame[frame["kind"] == "window"]
    return windows[RESULT_COLUMNS].assign(status=windows["status"].astype(str))


def _pandas_group(group: Any, targets: Any) -> Any:
    import pandas as pd

    import impl_pandas

    # pandas 3 leaves the grouping column out of the group: its key is the group's name.
    name = str(group.name)
    mine = targets.loc[[name]].reset_index() if name in targets.index else targets.iloc[:0].reset_index()
    rows = group.assign(territory=name, date=pd.to_datetime(group["date"]))
    return impl_pandas.evaluate(rows, mine)


def run_pandas(data: Path, args: argparse.Namespace, info: Dict[str, Any]) -> Any:
    import dask
    import dask.dataframe as dd
    import pandas as pd

    import impl_pandas

    cluster, client = _cluster(args)
    try:
        started = time.perf_counter()
        targets = impl_pandas.read_targets(data / TARGETS).set_index("territory").sort_index()
        frame = dd.read_parquet(data / "observations")
        meta = pd.DataFrame({
            "territory": pd.Series([], dtype="str"), "indicator": pd.Series([], dtype="str"),
            "start": pd.Series([], dtype="datetime64[us]"), "value": pd.Series([], dtype="float64"),
            "status": pd.Series([], dtype="str"),
        })
        result = frame.groupby("territory", observed=True).apply(
            _pandas_group, targets, meta=meta
        ).compute()
        info["seconds"] = time.perf_counter() - started
        info["workers_peak_mib"] = sorted(client.run(_worker_peak).values())
        info["pandas"], info["dask"] = pd.__version__, dask.__version__
    finally:
        client.close()
        cluster.close()
    return result.reset_index(drop=True)[RESULT_COLUMNS]


def run_duckdb(data: Path, args: argparse.Namespace, info: Dict[str, Any]) -> Any:
    import duckdb

    import impl_duckdb

    def quoted(path: Path) -> str:
        return "'" + str(path).replace("'", "''") + "'"

    started = time.perf_counter()
    con = duckdb.connect()
    try:
        con.execute(f"SET threads = {int(args.workers)}")
        total = _bytes(args.memory_limit) * args.workers
        con.execute(f"SET memory_limit = '{total // 2**20}MiB'")
        con.execute(
            f"""CREATE VIEW observations AS SELECT * FROM read_parquet(
                {quoted(data / 'observations' / '**' / '*.parquet')}, hive_partitioning = true)"""
        )
        con.execute(
            f"""CREATE VIEW targets AS SELECT * FROM read_csv(
                {quoted(data / TARGETS)}, header = true, columns = {impl_duckdb.TARGET_COLUMNS})"""
        )
        result = con.sql(impl_duckdb.QUERY).df()[RESULT_COLUMNS]
        info["seconds"] = time.perf_counter() - started
        info["duckdb"] = duckdb.__version__
    finally:
        con.close()
    return result


def _bytes(text: str) -> int:
    units = {"kib": 2**10, "mib": 2**20, "gib": 2**30, "kb": 10**3, "mb": 10**6, "gb": 10**9}
    lowered = text.strip().lower()
    for unit, factor in units.items():
        if lowered.endswith(unit):
            return int(float(lowered[: -len(unit)]) * factor)
    return int(lowered)


def child(impl: str, data: Path, out: Path, args: argparse.Namespace) -> None:
    info: Dict[str, Any] = {}
    runner = {"ctg": run_ctg, "pandas": run_pandas, "duckdb": run_duckdb}[impl]
    result = runner(data, args, info)
    info["child_peak_mib"] = _worker_peak()
    result.to_pickle(out / "result.pkl")
    (out / "run.json").write_text(json.dumps(info))


def parse_args(argv: Optional[Sequence[str]] = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--scale", type=float, default=10.0, help="×N the national workload (10)")
    p.add_argument("--data", help="the data set's directory (default target/compare/parquet-x<N>)")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--memory-limit", default="4GiB", help="per worker (DuckDB: × workers)")
    p.add_argument("--only", default=",".join(IMPLEMENTATIONS))
    p.add_argument("--timeout", type=float, default=3600.0, help="per run, seconds")
    p.add_argument("--markdown", help="write the report there too")
    p.add_argument("--child", help=argparse.SUPPRESS)
    p.add_argument("--out", help=argparse.SUPPRESS)
    return p.parse_args(argv)


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse_args(argv)
    data = data_dir(args)
    if args.child:
        child(args.child, data, Path(args.out), args)
        return 0
    workload = ensure_data(data, args.scale)
    rows = int(workload["rows"])
    tmp = REPO / "target" / "compare" / "dask-runs"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    import compare

    class DaskRun(compare.Run):
        @property
        def label(self) -> str:
            return LABELS.get(self.impl, self.impl)

        @property
        def name(self) -> str:
            return self.label

    load_before = os.getloadavg()[0]
    runs: List[Any] = []
    failed: List[str] = []
    for impl in [x for x in args.only.split(",") if x]:
        out = tmp / impl
        out.mkdir()
        command = [sys.executable, __file__, "--child", impl, "--out", str(out), "--data", str(data),
                   "--workers", str(args.workers), "--memory-limit", args.memory_limit]
        print(f"  {impl:8} …", end="", flush=True)
        started = time.perf_counter()
        process = subprocess.Popen(command)
        try:
            process.wait(timeout=args.timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.returncode != 0 or not (out / "run.json").is_file():
            wall = time.perf_counter() - started
            print(f" did not finish (exit {process.returncode}, {wall:.0f} s)", flush=True)
            failed.append(f"{impl}: did not finish (exit code {process.returncode}) after {wall:.0f} s")
            continue
        info = json.loads((out / "run.json").read_text())
        peak = max(info.get("workers_peak_mib", []) + [info["child_peak_mib"]])
        run = DaskRun(impl if impl != "duckdb" else "duckdbN", "csv", info["seconds"], peak, info,
                          out / "result.pkl")
        print(f" {run.seconds:8.1f} s, workers' peaks {info.get('workers_peak_mib')}, "
              f"child {info['child_peak_mib']:,.0f} MiB", flush=True)
        runs.append(run)
    load_after = os.getloadavg()[0]
    passed, check = compare.check(runs, data)

    lines = [
        f"National workload ×{args.scale:g} as Parquet: {workload['plans']:,} plans, {rows:,} rows in "
        f"{workload['files']:,} files ({workload['bytes'] / 2**20:,.0f} MiB), as of {AS_OF}. {FICTIONAL}",
        "",
        "| implementation | wall time (s) | rows/s | peak memory per worker (MiB) | peak of the driver process (MiB) | time / ctg time |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    ctg_seconds = next((r.seconds for r in runs if r.impl == "ctg"), None)
    for r in runs:
        workers = r.info.get("workers_peak_mib")
        per_worker = " / ".join(f"{w:,.0f}" for w in workers) if workers else "— (one process)"
        ratio = f"{r.seconds / ctg_seconds:.2f}" if ctg_seconds else "—"
        lines.append(f"| {LABELS.get(r.impl, r.impl)} | {r.seconds:,.1f} | {rows / r.seconds:,.0f} | "
                     f"{per_worker} | {r.info['child_peak_mib']:,.0f} | {ratio} |")
    for f in failed:
        lines.append(f"| {f} | | | | | |")
    lines += [
        "",
        f"- {os.cpu_count()} cores; {args.workers} worker processes × 1 thread, memory limit "
        f"{args.memory_limit} each (DuckDB: {args.workers} threads, the same memory in all); "
        f"load average {load_before:.1f} before, {load_after:.1f} after; Python {sys.version.split()[0]}; "
        + ", ".join(f"{k} {v}" for r in runs for k, v in r.info.items() if k in ("ctg", "pandas", "dask", "duckdb")) + ".",
        "- The clock covers reading the plans or targets, the data and the evaluation; not the "
        "cluster's start. ctg evaluates every indicator of every plan; pandas and DuckDB only "
        "the compared subset.",
        "",
        *check,
    ]
    ctg_run = next((r for r in runs if r.impl == "ctg"), None)
    if ctg_run is not None:
        lines.append("")
        lines.append(f"- ctg's diagnostics: `{json.dumps(ctg_run.info['diagnostics'])}`")
    report = "\n".join(lines)
    print()
    print(report)
    if args.markdown:
        Path(args.markdown).parent.mkdir(parents=True, exist_ok=True)
        Path(args.markdown).write_text(report + "\n", encoding="utf-8")
    return 0 if passed and not failed else 1


if __name__ == "__main__":
    sys.exit(main())
