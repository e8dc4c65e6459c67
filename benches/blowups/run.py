#!/usr/bin/env python3
"""The blow-ups of issue 16, each in a child process: wall time and peak memory.

Builds each worst case (all data fictional), runs it in a child process through the
Python binding (the project's .venv) and, when the node package is built
(ctg-wasm/pkg-node), through node; prints a table (case, runtime, seconds, peak MiB,
outcome) and exits non-zero if a case is over 2 s or 500 MB.

    .venv/bin/python benches/blowups/run.py          # the worst cases of the issue
    .venv/bin/python benches/blowups/run.py --quick  # smaller, for CI (< 30 s in all)

Peak memory is the child's maximum resident set size (`resource.getrusage(RUSAGE_CHILDREN)`,
one fresh child per case, so the maximum is that child's).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAX_SECONDS = 2.0
MAX_MB = 500.0


def plan_toml(n: int, window: str = "year", start: int = 2025, end: int = 2029,
              plan_id: str = "demo", territory: str = "Territoire fictif",
              width: int = 0) -> str:
    """A fictional plan of `n` count indicators (ids padded to `width` characters)."""
    head = (
        f'id = "{plan_id}"\ntitle = "Plan fictif"\nterritory = "{territory}"\n'
        f"period = {{ start = {start}, end = {end} }}\n"
        'axes = [{ number = 1, title = "Axe" }]\n'
        '[[fiches]]\nnumber = 1\ntitle = "Accueil"\naxis = 1\n'
        f"schedule = {{ start = {start}, end = {end} }}\n"
    )
    parts = [head]
    for i in range(1, n + 1):
        ident = f"f1.{i}"
        if width:
            ident = ident + "x" * (width - len(ident))
        parts.append(
            f'[[fiches.indicators]]\nid = "{ident}"\nlabel = "Indicateur {i}"\n'
            f'measure = "count"\nwindow = "{window}"\n'
        )
    return "".join(parts)


def csv_rows(n: int, ident: str, territory: str | None = None) -> str:
    head = ("territoire;" if territory else "") + "indicateur;date;valeur\n"
    row = (f"{territory};" if territory else "") + f"{ident};31/03/2026;1\n"
    return head + row * n


def cases(quick: bool, tmp: Path) -> list[dict]:
    """Each case: a name, the files it needs, and what to run (`kind`)."""
    k = 10 if quick else 1
    out = []

    def add(name, kind, **files):
        paths = {}
        for key, text in files.items():
            p = tmp / f"{name.replace('/', '-')}-{key}"
            p.write_text(text, encoding="utf-8")
            paths[key] = str(p)
        out.append({"name": name, "kind": kind, **paths})

    big_plan = plan_toml(10_000 // k)
    add("unknown id, 10k-indicator plan, 10k rows", "evaluate",
        plan=big_plan, data=csv_rows(10_000 // k, "f99999.9"))
    add("unknown id, 10k-indicator plan, 100k rows", "evaluate",
        plan=big_plan, data=csv_rows(100_000 // k, "f99999.9"))
    distinct = "indicateur;date;valeur\n" + "".join(
        f"g{i}.9;31/03/2026;1\n" for i in range(100_000 // k))
    add("distinct unknown ids, 10k-indicator plan, 100k rows", "evaluate",
        plan=big_plan, data=distinct)
    long_id = "y" * 5_000
    add("200 ids of 5,000 characters", "evaluate",
        plan=plan_toml(200 // k, width=5_000),
        data="indicateur;date;valeur\n" + "".join(
            f"{long_id[:-len(str(i))]}{i};31/03/2026;1\n" for i in range(200 // k)))
    plans = [plan_toml(3, plan_id=f"ctg-{i:04}", territory=f"Territoire fictif {i}")
             for i in range(1_200 // k)]
    add("evaluate_many, 1,200 plans, 100k rows of an unknown territory", "many",
        plans=json.dumps(plans), data=csv_rows(100_000 // k, "f1.1", territory="Nulle part"))
    add("1 M bad rows (20 MB)", "evaluate",
        plan=plan_toml(1), data=csv_rows(1_000_000 // k, "f9.9"))
    add("1 M #N/A rows (18 MB)", "evaluate", plan=plan_toml(1),
        data="indicateur;date;valeur\n" + "#N/A;31/03/2026;1\n" * (1_000_000 // k))
    add("/dev/zero", "dev_zero", plan=plan_toml(1))
    keys = ", ".join(f'"k{i}": 1' for i in range(100_000 // k))
    add("plan JSON, an object of 100k keys (1.2 MB)", "plan_json",
        plan='{"id": "demo", "extra": {' + keys + "}}")
    add("3.6 M windows (1,000 monthly indicators over 1900-2200)", "windows",
        plan=plan_toml(1_000 // k if not quick else 1_000, window="month",
                       start=1900, end=2200))
    return out


PY_CHILD = r"""
import json, sys, ctg
case = json.loads(sys.argv[1])
kind = case["kind"]
try:
    if kind == "many":
        plans = [ctg.Plan.from_toml(t) for t in json.loads(open(case["plans"]).read())]
        ctg.evaluate_many(plans, case["data"])
    elif kind == "dev_zero":
        ctg.Plan.from_toml(open(case["plan"]).read()).evaluate("/dev/zero")
    elif kind == "plan_json":
        ctg.Plan.from_json(open(case["plan"]).read())
    elif kind == "windows":
        ev = ctg.Plan.from_toml(open(case["plan"]).read()).evaluate([])
        ev.to_json()
    else:
        ctg.Plan.from_toml(open(case["plan"]).read()).evaluate(case["data"])
    print("ok")
except ctg.CtgError as e:
    codes = sorted({p["code"] for p in getattr(e, "errors", [])} or {type(e).__name__})
    print("refused " + ",".join(codes[:3]) + f" ({len(str(e)):,} chars)")
"""

NODE_CHILD = r"""
const fs = require("fs");
const ctg = require(process.argv[1]);
const c = JSON.parse(process.argv[2]);
const read = (p) => fs.readFileSync(p, "utf8");
try {
  if (c.kind === "many") {
    const plans = JSON.parse(read(c.plans)).map((t) => ctg.Plan.fromToml(t));
    ctg.evaluateMany(plans, read(c.data));
  } else if (c.kind === "dev_zero") {
    // The example's way: a file read with a bound (the size limit, plus one byte).
    const fd = fs.openSync("/dev/zero", "r");
    const buf = Buffer.alloc(64 << 20);
    const n = fs.readSync(fd, buf, 0, buf.length, null);
    ctg.Plan.fromToml(read(c.plan)).evaluate(buf.subarray(0, n),
      { limits: { max_input_bytes: (64 << 20) - 1 } });
  } else if (c.kind === "plan_json") {
    ctg.Plan.fromJson(read(c.plan));
  } else if (c.kind === "windows") {
    ctg.Plan.fromToml(read(c.plan)).evaluate([]).toJson();
  } else {
    ctg.Plan.fromToml(read(c.plan)).evaluate(read(c.data));
  }
  console.log("ok");
} catch (e) {
  const codes = [...new Set((e.errors || e.problems || []).map((p) => p.code))].sort();
  console.log(`refused ${codes.slice(0, 3).join(",") || e.name} (${String(e.message).length.toLocaleString("en")} chars)`);
}
"""


def run(argv: list[str]) -> tuple[float, float, str]:
    """Run one child: (seconds, peak MiB, its last line of output)."""
    t = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t
    out = proc.stdout.read() if proc.stdout else ""
    err = proc.stderr.read() if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    peak = usage.ru_maxrss / 1024  # KiB on Linux
    line = (out.strip().splitlines() or [f"exit {proc.returncode}: {err.strip()[-200:]}"])[-1]
    return seconds, peak, line


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="smaller cases, for CI (< 30 s in all)")
    ap.add_argument("--no-node", action="store_true", help="the Python runs only")
    args = ap.parse_args()
    python = ROOT / ".venv" / "bin" / "python"
    if not python.exists():
        python = Path(sys.executable)
    node = shutil.which("node")
    pkg = ROOT / "ctg-wasm" / "pkg-node" / "ctg_wasm.js"
    runtimes = [("python", lambda c: [str(python), "-c", PY_CHILD, json.dumps(c)])]
    if node and pkg.exists() and not args.no_node:
        runtimes.append(("node", lambda c: [node, "-e", NODE_CHILD, str(pkg), json.dumps(c)]))
    failed = 0
    started = time.perf_counter()
    rows = []
    with tempfile.TemporaryDirectory() as d:
        for case in cases(args.quick, Path(d)):
            for name, argv in runtimes:
                seconds, peak, line = run(argv(case))
                over = seconds > MAX_SECONDS or peak > MAX_MB
                failed += over
                rows.append((case["name"], name, seconds, peak, line, over))
                print(f"{case['name'][:62]:62} {name:6} {seconds:6.2f} s {peak:7.0f} MiB  "
                      f"{'OVER ' if over else ''}{line}", flush=True)
    print(f"\n{len(rows)} runs in {time.perf_counter() - started:.1f} s; "
          f"limits {MAX_SECONDS} s and {MAX_MB:.0f} MB per case; {failed} over")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
