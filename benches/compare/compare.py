"""ctg vs a straightforward pandas implementation vs DuckDB SQL, on the national workload.

    python benches/compare/compare.py [--quick] [--data DIR] [--repeat N]
        [--only ctg,pandas,duckdb1,duckdbN] [--modes memory,csv] [--markdown FILE]
        [--plans N] [--months N] [--participations N] [--seed N]

(``benches/compare/run.sh`` prepares the environment and builds ctg in release first.)

**What is compared.** The national workload (``ctg.workload.write_national``: many
*fictional* plans shaped like the Sundgau plan, one observation table keyed by
``territory``) is evaluated as of 2028-12-31 three ways: ctg through its Python binding
(``ctg.evaluate_many``, ``impl_ctg.py``), a plain pandas ``groupby`` implementation
(``impl_pandas.py``) and one SQL query run by DuckDB (``impl_duckdb.py``), once with
``SET threads = 1`` and once with all threads. All must give the same value and status for
every (territory, indicator, window) of the subset below, or the script fails.

**Why a subset.** ctg's semantics (``ctg_core::eval``) are richer than what one query can
reasonably express: relative targets judged along a trajectory from a baseline year,
projections in open windows, cumulative milestones, qualitative assessments, yearly
summaries of monthly indicators, scores. The subset is where a straightforward
implementation and ctg *must* coincide: numeric indicators (``count``, ``distinct_count``,
``stock``, ``score``, ``ratio``) with yearly or monthly windows, in the years 2025-2028,
all closed at the evaluation date, so no projection is involved. There, a window's value is
the ``sum``, the number of distinct participants, the sum of the latest date's values
(``last``), the ``mean``, or Σ value / Σ denominator × 100 (``ratio``); its status is
``tracked`` without a target and, for a comparison target, ``achieved`` if ``value op
target`` holds (``>`` and ``<`` strict), else ``not_achieved``. Windows without data are
absent from pandas and DuckDB and ``no_data`` in ctg (the same thing); relative targets'
values are compared, not their statuses. Values are equal within a relative 1e-9
(summation orders differ). The check fails as vacuous if fewer than 100 keys or statuses
are compared, or if an aggregation, a window kind or a status never is.

**How it is timed.** Each (implementation, mode) runs in its own child process (this script
with ``--child``), best of ``--repeat`` runs:

- ``memory``: the observation DataFrame (``pandas.read_csv``), the targets table and the
  parsed plans are loaded before the clock starts; ctg receives the DataFrame, DuckDB
  queries it as a registered DataFrame;
- ``csv``: end to end, each reads ``observations.csv`` and ``targets.csv`` /
  ``plans.jsonl`` itself inside the timed region (pandas ``read_csv``, DuckDB
  ``read_csv``, ctg given the file's path).

Peak memory is the child's peak resident set size (``ru_maxrss`` from ``os.wait4``) over its
timed runs: the high-water mark is reset just before the clock starts
(``/proc/self/clear_refs``), so what was loaded beforehand counts as far as it is still
resident, not the transient peak of loading it. rows/s counts every row of
``observations.csv``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Sequence, Tuple

from common import (
    AGGREGATIONS,
    AS_OF,
    FIRST_DAY,
    NUMERIC_MEASURES,
    OBSERVATIONS,
    PLANS,
    TARGETS,
    WINDOWS,
)

if TYPE_CHECKING:  # the parent imports pandas only once every child has run
    import pandas as pd

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]

IMPLEMENTATIONS = ("ctg", "pandas", "duckdb1", "duckdbN")
MODES = ("memory", "csv")
MODE_LABELS = {"memory": "in-memory", "csv": "end-to-end (CSV)"}
FULL = {"plans": 1200, "months": 60, "participations": 10_000_000, "seed": 42}
QUICK = {"plans": 30, "months": 60, "participations": 200_000, "seed": 42}
KEY = ["territory", "indicator", "start"]
RELATIVE_TOLERANCE = 1e-9
#: Fewer compared keys or statuses than this, or an aggregation, a window kind or a status
#: never compared, and the check fails as vacuous.
MIN_COMPARED = 100
REQUIRED_STATUSES = ("tracked", "achieved", "not_achieved")
FICTIONAL = "Données FICTIVES — fictional data (ctg.workload), not real CTG observations."


# ---------------------------------------------------------------------------------------
# The child: one implementation, one mode.


def reset_peak_rss() -> bool:
    """Reset this process's peak RSS to its current RSS (Linux ≥ 4.0), so that the peak
    the parent reads covers only what follows. False where it is not possible."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def prepare(impl: str, mode: str, data: Path) -> Tuple[Callable[[], Any], Dict[str, Any]]:
    """The timed task of one (implementation, mode), with its inputs loaded in the
    in-memory mode, and what the report says about it (library versions, threads)."""
    import pandas as pd

    import impl_pandas

    info: Dict[str, Any] = {"pandas": pd.__version__}
    frame = None
    if mode == "memory":  # the same DataFrame for every implementation
        frame = impl_pandas.read_observations(data / OBSERVATIONS)

    if impl == "pandas":
        if frame is None:
            return (lambda: impl_pandas.evaluate_files(data)), info
        targets = impl_pandas.read_targets(data / TARGETS)
        return (lambda: impl_pandas.evaluate(frame, targets)), info

    if impl in ("duckdb1", "duckdbN"):
        import duckdb

        import impl_duckdb

        threads = 1 if impl == "duckdb1" else None
        info.update(duckdb=duckdb.__version__, threads=impl_duckdb.threads_in_use(threads))
        if frame is None:
            return (lambda: impl_duckdb.evaluate_files(data, threads)), info
        targets = impl_pandas.read_targets(data / TARGETS)
        return (lambda: impl_duckdb.evaluate(frame, targets, threads)), info

    if impl == "ctg":
        import ctg

        import impl_ctg

        info.update(ctg=ctg.__version__)
        if frame is None:
            return (lambda: impl_ctg.evaluate_files(data)), info
        plans = impl_ctg.read_plans(data / PLANS)
        return (lambda: impl_ctg.evaluate(frame, plans)), info

    raise ValueError(f"unknown implementation {impl!r}")


def child(impl: str, mode: str, data: Path, repeat: int, out: Path) -> None:
    """Run the task `repeat` times; write the timings and the last result into `out`."""
    import psutil

    task, info = prepare(impl, mode, data)
    gc.collect()
    info["rss_before_mib"] = psutil.Process().memory_info().rss / 2**20
    info["peak_reset"] = reset_peak_rss()
    seconds = []
    result = None
    for _ in range(repeat):
        result = None
        gc.collect()
        started = time.perf_counter()
        result = task()
        seconds.append(time.perf_counter() - started)
    assert result is not None
    result.to_pickle(out / "result.pkl")
    info["seconds"] = seconds
    (out / "run.json").write_text(json.dumps(info))


# ---------------------------------------------------------------------------------------
# The parent: the workload, the children, the check, the report.


@dataclass
class Run:
    impl: str
    mode: str
    seconds: float  # the best run
    peak_mib: float
    info: Dict[str, Any]
    result: Path

    @property
    def label(self) -> str:
        if self.impl == "ctg":
            return "ctg (`evaluate_many`)"
        if self.impl == "pandas":
            return "pandas (groupby)"
        threads = self.info.get("threads", "?")
        return f"DuckDB SQL, {threads} thread{'' if threads == 1 else 's'}"

    @property
    def name(self) -> str:
        return f"{self.label} ({MODE_LABELS[self.mode]})"


def workload_dir(args: argparse.Namespace) -> Path:
    if args.data is not None:
        return Path(args.data).resolve()
    name = f"national-{args.plans}-{args.months}-{args.participations}-{args.seed}"
    return REPO / "target" / "compare" / name


def ensure_workload(data: Path, args: argparse.Namespace) -> None:
    """Generate the workload into `data` unless its files are there: in a child process
    (it takes memory the parent must not hold, see `run_child`), into a sibling directory
    first so that an interrupted run leaves no half-written workload behind."""
    if all((data / name).is_file() for name in (OBSERVATIONS, TARGETS, PLANS)):
        return
    print(
        f"generating the workload ({args.plans} plans, {args.months} months, "
        f"{args.participations} participations, seed {args.seed}) into {data} …",
        flush=True,
    )
    data.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=data.name + ".", dir=data.parent))
    code = (
        "import sys\n"
        "try:\n"
        "    from ctg.workload import write_national\n"
        "except ImportError:\n"
        "    sys.exit('compare: this build of ctg has no ctg.workload.write_national: '\n"
        "             'rebuild it (run.sh does) or pass --data DIR with the workload files')\n"
        "write_national(sys.argv[1], plans=int(sys.argv[2]), months=int(sys.argv[3]),\n"
        "               participations=int(sys.argv[4]), seed=int(sys.argv[5]))\n"
    )
    sizes = (args.plans, args.months, args.participations, args.seed)
    command = [sys.executable, "-c", code, str(staging), *map(str, sizes)]
    if subprocess.run(command).returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        sys.exit(f"compare: generating the workload into {data} failed")
    data.mkdir(exist_ok=True)
    for path in staging.iterdir():
        os.replace(path, data / path.name)
    staging.rmdir()


def count_lines(path: Path) -> int:
    """Lines of a file. Reading observations.csv also puts it in the page cache, for every
    implementation alike."""
    lines = 0
    with open(path, "rb") as f:
        while chunk := f.read(1 << 24):
            lines += chunk.count(b"\n")
    return lines


def run_child(impl: str, mode: str, data: Path, repeat: int, tmp: Path) -> Run:
    """One child process. Its peak RSS comes from `os.wait4`; Linux counts in it the RSS
    this (parent) process has when the child starts, which is why the parent imports
    nothing heavy until every child has run."""
    out = tmp / f"{impl}-{mode}"
    out.mkdir()
    command = [sys.executable, str(Path(__file__).resolve()), "--child", impl, mode]
    command += ["--data", str(data), "--repeat", str(repeat), "--out", str(out)]
    print(f"  {impl:8} {MODE_LABELS[mode]:18} …", end="", flush=True)
    process = subprocess.Popen(command)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        print()
        sys.exit(f"compare: the {impl} / {mode} run failed (exit code {process.returncode})")
    info = json.loads((out / "run.json").read_text())
    run = Run(impl, mode, min(info["seconds"]), usage.ru_maxrss / 1024, info, out / "result.pkl")
    print(f" {run.seconds:8.2f} s, peak {run.peak_mib:,.0f} MiB", flush=True)
    return run


def subset_of(data: Path) -> "pd.DataFrame":
    """The compared (territory, indicator) pairs, from targets.csv."""
    import pandas as pd

    targets = pd.read_csv(data / TARGETS)
    chosen = targets["measure"].isin(NUMERIC_MEASURES) & targets["window"].isin(WINDOWS)
    return targets.loc[chosen, ["territory", "indicator", "aggregation", "window", "target_kind"]]


def restrict(run: Run, subset: "pd.DataFrame") -> "pd.DataFrame":
    """A run's result within the compared subset, `no_data` windows left out."""
    import pandas as pd

    frame: pd.DataFrame = pd.read_pickle(run.result)
    frame = frame[frame["status"].astype("string").fillna("") != "no_data"]
    frame = frame.assign(start=pd.to_datetime(frame["start"]).astype("datetime64[us]"))
    frame = frame[frame["start"].between(pd.Timestamp(FIRST_DAY), pd.Timestamp(AS_OF))]
    frame = frame.merge(subset[["territory", "indicator"]], on=["territory", "indicator"])
    return frame[KEY + ["value", "status"]]


def compare_pair(
    reference: Run, ref: "pd.DataFrame", run: Run, subset: "pd.DataFrame"
) -> Tuple[bool, List[str]]:
    """One run against the reference: (passed, report lines)."""
    import numpy as np

    other = restrict(run, subset)
    m = ref.merge(other, on=KEY, how="outer", suffixes=("_ref", "_other"), indicator=True)
    m = m.merge(subset, on=["territory", "indicator"], how="left")
    both = m["_merge"] == "both"
    a, b = m["value_ref"], m["value_other"]
    close = (a - b).abs() <= RELATIVE_TOLERANCE * np.maximum(a.abs(), b.abs())
    values_differ = both & ~(close | (a.isna() & b.isna()))
    judged = both & (m["target_kind"].isna() | (m["target_kind"] == "compare"))
    s_ref = m["status_ref"].astype("string").fillna("(none)")
    s_other = m["status_other"].astype("string").fillna("(none)")
    statuses_differ = judged & (s_ref != s_other)
    problems = {
        "only in the reference": m["_merge"] == "left_only",
        f"only in {run.impl}": m["_merge"] == "right_only",
        "values differ": values_differ,
        "statuses differ": statuses_differ,
    }
    problems = {kind: rows for kind, rows in problems.items() if rows.any()}

    keys, statuses = len(m), int(judged.sum())
    verdict = "identical" if not problems else "DIFFERENT: " + ", ".join(
        f"{int(rows.sum()):,} {kind}" for kind, rows in problems.items()
    )
    lines = [
        f"- {run.name}: {keys:,} (territory, indicator, window) keys and {statuses:,} "
        f"statuses compared — {verdict}"
    ]
    columns = KEY + ["aggregation", "value_ref", "value_other", "status_ref", "status_other"]
    for kind, rows in problems.items():
        lines.append(f"  first rows where {kind} (ref = {reference.impl}, other = {run.impl}):")
        text = m.loc[rows, columns].head(5).to_string(index=False, float_format="{:.12g}".format)
        lines.extend("    " + line for line in text.splitlines())

    # Against a vacuous check: enough keys and statuses, every kind of them compared.
    compared = m[both]
    never = [f"aggregation `{x}`" for x in AGGREGATIONS if not compared["aggregation"].eq(x).any()]
    never += [f"`{x}` windows" for x in WINDOWS if not compared["window"].eq(x).any()]
    never += [f"status `{x}`" for x in REQUIRED_STATUSES if not s_ref[judged].eq(x).any()]
    vacuous = keys < MIN_COMPARED or statuses < MIN_COMPARED or bool(never)
    if vacuous:
        lines.append(
            f"  VACUOUS CHECK: {keys} keys and {statuses} statuses compared (at least "
            f"{MIN_COMPARED} of each needed)"
            + (f"; never compared: {', '.join(never)}" if never else "")
        )
    return not problems and not vacuous, lines


def check(runs: Sequence[Run], data: Path) -> Tuple[bool, List[str]]:
    """Every run's subset against the first run's (ctg's when it ran)."""
    if len(runs) < 2:
        return True, ["Equality check: skipped (a single run, nothing to compare it with)."]
    subset = subset_of(data)
    reference = runs[0]
    ref = restrict(reference, subset)
    lines = [f"Equality check against {reference.name}:", ""]
    passed = True
    for run in runs[1:]:
        ok, report = compare_pair(reference, ref, run, subset)
        passed &= ok
        lines += report
    return passed, lines


def table(runs: Sequence[Run], rows: int) -> List[str]:
    ctg_seconds = {r.mode: r.seconds for r in runs if r.impl == "ctg"}
    lines = [
        "| implementation | mode | wall time (s) | rows/s | peak memory (MiB) | time / ctg time |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for r in runs:
        ratio = f"{r.seconds / ctg_seconds[r.mode]:.2f}" if r.mode in ctg_seconds else "—"
        lines.append(
            f"| {r.label} | {MODE_LABELS[r.mode]} | {r.seconds:.2f} | {rows / r.seconds:,.0f} "
            f"| {r.peak_mib:,.0f} | {ratio} |"
        )
    return lines


def notes(runs: Sequence[Run], repeat: int, load: Tuple[float, float]) -> List[str]:
    versions: Dict[str, str] = {}
    for r in runs:
        versions.update({k: str(r.info[k]) for k in ("ctg", "pandas", "duckdb") if k in r.info})
    cores = os.cpu_count() or 1
    lines = [
        f"- Best of {repeat} run{'' if repeat == 1 else 's'}; {cores} cores; Python "
        f"{sys.version.split()[0]}; " + ", ".join(f"{k} {v}" for k, v in sorted(versions.items()))
        + ".",
        "- In-memory: the observation DataFrame (pandas `read_csv`), the targets table and the "
        "parsed plans are loaded before the clock starts. End-to-end: each implementation "
        "reads the files inside the timed region.",
        "- ctg evaluates everything (all 25 indicators of every plan: milestones, qualitative, "
        "plan-window and relative-target indicators, yearly summaries, scores); pandas and "
        "DuckDB compute only the compared subset.",
        "- Peak memory: the child process's peak RSS during the timed runs, inputs already in "
        "memory included.",
    ]
    frame = [r.info["rss_before_mib"] for r in runs if r.impl == "pandas" and r.mode == "memory"]
    if frame:
        lines[-1] = lines[-1][:-1] + f" (the pandas child holds about {frame[0]:,.0f} MiB before "
        lines[-1] += "the clock starts, mostly the DataFrame)."
    if not all(r.info.get("peak_reset", True) for r in runs):
        lines.append("- The peak could not be reset before the clock here: it includes loading.")
    if max(load) > cores:
        lines.append(
            f"- **Busy machine**: load average {load[0]:.1f} before, {load[1]:.1f} after, on "
            f"{cores} cores; timings are inflated and noisy."
        )
    return lines


def parse_args(argv: Optional[Sequence[str]] = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description="ctg vs pandas vs DuckDB SQL on the national workload (fictional data).",
    )
    p.add_argument(
        "--data",
        metavar="DIR",
        help="workload directory, generated there if absent (default: target/compare/"
        "national-<plans>-<months>-<participations>-<seed>/ in the repository)",
    )
    p.add_argument("--plans", type=int, help=f"plans (default {FULL['plans']})")
    p.add_argument("--months", type=int, help=f"months of observations (default {FULL['months']})")
    p.add_argument(
        "--participations",
        type=int,
        help=f"participation rows (default {FULL['participations']})",
    )
    p.add_argument("--seed", type=int, help=f"generator seed (default {FULL['seed']})")
    p.add_argument(
        "--quick",
        action="store_true",
        help="CI preset: {plans} plans, {months} months, {participations} participations".format(
            **QUICK
        ),
    )
    p.add_argument("--repeat", type=int, default=1, help="runs per measure, best kept (default 1)")
    p.add_argument(
        "--only",
        default=",".join(IMPLEMENTATIONS),
        help=f"implementations to run (default {','.join(IMPLEMENTATIONS)})",
    )
    p.add_argument(
        "--modes", default=",".join(MODES), help=f"modes to run (default {','.join(MODES)})"
    )
    p.add_argument("--markdown", metavar="FILE", help="also write the report (Markdown) to FILE")
    p.add_argument("--child", nargs=2, metavar=("IMPL", "MODE"), help=argparse.SUPPRESS)
    p.add_argument("--out", help=argparse.SUPPRESS)
    args = p.parse_args(argv)

    preset = QUICK if args.quick else FULL
    for name, default in preset.items():
        if getattr(args, name) is None:
            setattr(args, name, default)
    if args.repeat < 1:
        p.error("--repeat must be at least 1")

    def choices(text: str, allowed: Tuple[str, ...], flag: str) -> List[str]:
        chosen = [x.strip() for x in text.split(",") if x.strip()]
        if not chosen or any(x not in allowed for x in chosen):
            p.error(f"{flag}: choose among {','.join(allowed)} (got {text!r})")
        return [x for x in allowed if x in chosen]  # ctg first: the reference

    args.only = choices(args.only, IMPLEMENTATIONS, "--only")
    args.modes = choices(args.modes, MODES, "--modes")
    return args


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse_args(argv)
    if args.child:
        impl, mode = args.child
        child(impl, mode, Path(args.data), args.repeat, Path(args.out))
        return 0

    data = workload_dir(args)
    ensure_workload(data, args)
    rows = count_lines(data / OBSERVATIONS) - 2  # the comment and the header
    plans = count_lines(data / PLANS)
    size_mb = (data / OBSERVATIONS).stat().st_size / 1e6
    header = [
        "# ctg vs pandas vs DuckDB SQL — national workload",
        "",
        f"**{FICTIONAL}**",
        "",
        f"Workload `{data}`: {plans:,} plans, {rows:,} observation rows "
        f"(observations.csv, {size_mb:,.0f} MB), evaluated as of {AS_OF.isoformat()}.",
    ]
    print("\n".join(header) + "\n", flush=True)

    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="ctg-compare-") as tmp:
        runs = [
            run_child(impl, mode, data, args.repeat, Path(tmp))
            for mode in args.modes
            for impl in args.only
        ]
        load = (load_before, os.getloadavg()[0])
        passed, report = check(runs, data)

    body = [""] + table(runs, rows) + [""] + notes(runs, args.repeat, load) + [""] + report
    print("\n".join(body))
    if args.markdown:
        Path(args.markdown).write_text("\n".join(header + body) + "\n", encoding="utf-8")
    if not passed:
        print(
            "\ncompare: FAILED — the implementations do not agree on the compared subset, or "
            "the check was vacuous (see above).",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
