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
from typing import Any, Dict, Optional, Union

from ._ctg import FICTIONAL_METADATA_KEY, _workload_write_national

__all__ = ["write_national", "write_parquet"]


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


#: The columns of ``observations.csv`` as the Parquet files keep them: the cells as the CSV
#: has them (``value`` is text, qualitative rows hold words), dates as dates.
_PARQUET_TYPES = {
    "territory": "string",
    "indicator": "string",
    "date": "date32",
    "value": "string",
    "participant": "string",
    "denominator": "float64",
}


def write_parquet(
    directory: Union[str, "os.PathLike[str]"],
    plans: int = 1200,
    months: int = 60,
    participations: int = 10_000_000,
    seed: int = 42,
    rows_per_file: Optional[int] = None,
    keep_csv: bool = False,
) -> Dict[str, Any]:
    """The national workload of ``write_national`` (the same rows, **fictional data**) as a
    Parquet data set partitioned by territory: ``observations/territory=ctg-0000/part-0.parquet``
    … (hive layout; ``rows_per_file`` splits a territory into several files), beside
    ``plans.jsonl``, ``targets.csv`` and ``LISEZMOI.txt``. The CSV is streamed through pyarrow
    (never whole in memory) and removed unless ``keep_csv``. Needs pyarrow.

    Each file's schema metadata says the data is fictional (``ctg.FICTIONAL_METADATA_KEY``,
    which ctg reads as a CSV's ``# Données fictives`` line).
    Returns ``write_national``'s dict with ``"observations"``, the data set's directory.

    >>> import ctg, pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> w = ctg.workload.write_parquet(d, plans=2, months=12, participations=100)
    >>> w["rows"], sorted(p.name for p in (d / "observations").iterdir())
    (652, ['territory=ctg-0000', 'territory=ctg-0001'])
    >>> plans = [ctg.Plan.from_json(line) for line in open(d / "plans.jsonl", encoding="utf-8")]
    >>> evs = ctg.evaluate_many(plans, d / "observations")
    >>> [e.diagnostics["used"] for e in evs], evs.fictional
    ([326, 326], True)
    """
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.dataset as ds

    written = write_national(directory, plans, months, participations, seed)
    root = os.fspath(directory)
    source = os.path.join(root, "observations.csv")
    target = os.path.join(root, "observations")
    types = {name: getattr(pa, kind)() for name, kind in _PARQUET_TYPES.items()}
    reader = pacsv.open_csv(
        source,
        read_options=pacsv.ReadOptions(skip_rows=1, block_size=16 << 20),
        convert_options=pacsv.ConvertOptions(column_types=types, strings_can_be_null=False),
    )
    schema = reader.schema.with_metadata(
        {FICTIONAL_METADATA_KEY: "true", "ctg.source": "ctg.workload (données fictives, fictional data)"}
    )
    batches = (batch.replace_schema_metadata(schema.metadata) for batch in reader)
    ds.write_dataset(
        pa.RecordBatchReader.from_batches(schema, batches),
        target,
        format="parquet",
        partitioning=["territory"],
        partitioning_flavor="hive",
        basename_template="part-{i}.parquet",
        max_rows_per_file=rows_per_file or 0,
        max_rows_per_group=min(rows_per_file or (1 << 20), 1 << 20),
        max_partitions=max(plans, 1) + 1,
        max_open_files=1024,
        existing_data_behavior="delete_matching",
    )
    if not keep_csv:
        os.remove(source)
    written["observations"] = target
    return written
