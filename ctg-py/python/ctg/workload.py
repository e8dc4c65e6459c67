"""Synthetic workloads for scale tests and benchmarks (``ctg_core::workload``).

Everything here is **fictional** (données fictives) and seeded: the same arguments give the
same files on every platform. The plans are shaped like the Sundgau plan (the same 25
indicators, target numbers scaled per territory), named ``ctg-0000``, ``ctg-0001``… for the
territories ``Territoire fictif 0``, ``Territoire fictif 1``…

>>> import ctg, tempfile
>>> d = tempfile.mkdtemp()
>>> ctg.workload.write_national(d, plans=3, months=12, participations=300)["rows"]
1128
>>> plans = [ctg.Plan.from_json(line) for line in open(f"{d}/plans.jsonl", encoding="utf-8")]
>>> evs = ctg.evaluate_many(plans, f"{d}/observations.csv")
>>> len(evs), evs.fictional
(3, True)
"""

from __future__ import annotations

import os
from typing import Any, Dict, Union

from ._ctg import _workload_write_national

__all__ = ["write_national"]


def write_national(
    directory: Union[str, "os.PathLike[str]"],
    plans: int = 1200,
    months: int = 60,
    participations: int = 10_000_000,
    seed: int = 42,
) -> Dict[str, Any]:
    """Write the national workload to ``directory`` (created if needed) — **fictional data**
    (données fictives), generated without the GIL by ``ctg_core::workload::write_national``.

    ``plans`` plans shaped like the Sundgau plan, each with one observation per indicator per
    month over ``months`` months from the baseline year, plus ``participations``
    participation rows spread over the distinct-count indicators (pseudonymous,
    made-up participants); ``seed`` fixes everything. Files:

    - ``observations.csv``: one table for every territory (UTF-8, ``,``, ISO dates), keyed by
      a ``territory`` column holding each plan's id, after a ``# Données fictives`` comment
      line: ``ctg.evaluate_many(plans, path)`` reads it as is;
    - ``plans.jsonl``: one plan per line (``ctg.Plan.from_json``);
    - ``targets.csv``: the indicators' targets as a flat table (for tools outside ctg);
    - ``LISEZMOI.txt``: says the data is fictional and how it was made.

    Returns ``{"plans": n, "rows": n, "directory": str}`` (``rows``: observation rows).
    The defaults (1,200 plans, 60 months, 10 million participations) write about
    11.7 million rows (≈ 390 MB).

    >>> import ctg, pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp()) / "national"
    >>> w = ctg.workload.write_national(d, plans=2, months=24, participations=100)
    >>> w["plans"], w["rows"], w["directory"] == str(d)
    (2, 1204, True)
    >>> sorted(p.name for p in d.iterdir())
    ['LISEZMOI.txt', 'observations.csv', 'plans.jsonl', 'targets.csv']
    >>> (d / "observations.csv").read_text(encoding="utf-8").splitlines()[:2]
    ['# Données fictives générées par ctg_core::workload — fictional data', 'territory,indicator,date,value,participant,denominator']
    """
    return _workload_write_national(os.fspath(directory), plans, months, participations, seed)
