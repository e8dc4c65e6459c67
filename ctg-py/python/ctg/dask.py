"""Past one machine: ``ctg.evaluate_many`` on Dask (``pip install "ctg[dask]"``).

``ctg.dask.evaluate_many(plans, data)`` takes a ``dask.dataframe.DataFrame`` or a Parquet
path, glob or partitioned directory, routes the rows to their plan by the territory column,
evaluates each plan's rows on the workers through ctg's Arrow path (``ctg.evaluate_arrow``'s
pieces, the plans shipped once as JSON) and gives the results table and the scores of
``ctg.evaluate_many``, row for row.

How rows reach their plan, said in ``diagnostics["routing"]``:

- ``"parquet_layout"``: a Parquet data set whose files each hold one territory, known from
  the ``territory=…`` folders (hive partitioning) or from the files' statistics (min = max):
  the files of each plan are read together, by one task, and nothing is shuffled;
- ``"partitioned"``: a DataFrame whose partitions each hold whole plans, known from its
  divisions (the territory as a sorted index, ``set_index("territory")``) or checked by
  reading the territory column alone: each partition is one task;
- ``"shuffled"``: otherwise, the rows are shuffled by plan first (``DataFrame.shuffle``).

Each task evaluates its plans one at a time, so a worker's memory follows its largest
territory (or partition), not the data set. Rows whose territory names no plan are
counted in ``diagnostics["skipped"]`` (lenient mode: nothing is dropped silently); rows a
plan rejects, in ``diagnostics["rejected"]``.

>>> import ctg, ctg.dask, dask, pandas as pd
>>> a = ctg.Plan.sundgau()
>>> b = ctg.Plan.from_json(a.to_json().replace("sundgau-2025-2029", "ctg-0001"))
>>> rows = pd.DataFrame({"territory": ["ctg-0001", "sundgau-2025-2029", "ctg-0009", "CTG 0001"],
...                      "indicator": ["f8.1"] * 4, "date": ["2026-12-31"] * 4,
...                      "value": [20.0, 20.0, 1.0, 10.0]})
>>> import dask.dataframe as dd
>>> with dask.config.set(scheduler="synchronous"):
...     out = ctg.dask.evaluate_many([a, b], dd.from_pandas(rows, npartitions=2),
...                                  as_of="2026-12-31", compute=True)
>>> out.diagnostics["routing"], out.diagnostics["split"]
('shuffled', {'plan': 'ctg-0001', 'partitions': [0, 1]})
>>> out.diagnostics["skipped"], out.diagnostics["rows"], out.diagnostics["used"]
({'unknown_territory': 1}, 4, 3)
>>> out.scores[["territory", "achieved", "not_achieved"]].values.tolist()
[['sundgau-2025-2029', 0, 1], ['ctg-0001', 1, 0]]
>>> ref = ctg.evaluate_many([a, b], rows, as_of="2026-12-31", strict=False, explanations=False)
>>> out.results.equals(ref.to_pandas()), len(ref.skipped)
(True, 1)
"""

from __future__ import annotations

import datetime
import hashlib
import os
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

from . import _ctg, _groups, _parquet  # type: ignore[attr-defined]

__all__ = ["evaluate_many", "LazyEvaluations", "ComputedEvaluations"]


@dataclass
class ComputedEvaluations:
    """What ``evaluate_many(..., compute=True)`` gives: pandas tables, in plan order.

    - ``results``: every plan's results, the table of ``ctg.evaluate_many(...).to_pandas()``
      (a leading ``territory`` column, then ``Evaluation.to_pandas()``'s columns);
    - ``scores``: one row per plan, as ``Evaluations.scores()``;
    - ``diagnostics``: how rows were routed (``routing``; ``detected_from``: ``"hive"`` or
      ``"statistics"`` for the Parquet layout, ``"divisions"``, ``"data"`` or
      ``"single_plan"`` for a partitioned frame, ``"forced"`` or ``None`` when shuffled, with
      ``split``, the plan found in two partitions, if that was why; ``partitions``,
      ``tasks``) and what was read (``rows``, ``used``, ``skipped`` and
      ``rejected`` by code with their ``*_rows`` totals, ``plans``, ``plans_with_rows``).
    """

    results: Any
    scores: Any
    diagnostics: Dict[str, Any] = field(default_factory=dict)


@dataclass
class LazyEvaluations:
    """What ``evaluate_many`` gives before computing: ``results`` and ``scores`` as Dask
    DataFrames (one partition per task; plans in task order), ``diagnostics`` with the
    routing (the counts come with ``compute()``). ``compute()`` runs everything once and
    gives ``ComputedEvaluations``, its tables in plan order (computing ``results`` and
    ``scores`` separately evaluates twice)."""

    results: Any
    scores: Any
    diagnostics: Dict[str, Any]
    _parts: List[Any]
    _plans: int

    def compute(self, **kwargs: Any) -> ComputedEvaluations:
        """Evaluate: on the current ``distributed`` client if there is one, each task's
        tables fetched as soon as it ends and released on its worker (a worker holds the
        results of its running tasks only); else ``dask.compute`` (``kwargs`` passed on)."""
        import dask

        client = _client() if not kwargs else None
        if client is None:
            (parts,) = dask.compute(self._parts, **kwargs)
        else:
            from distributed import as_completed

            futures = client.compute(self._parts)
            place = {future.key: i for i, future in enumerate(futures)}
            parts = [None] * len(futures)
            for future in as_completed(futures):
                parts[place[future.key]] = future.result()
                future.release()
            del futures
        combined = _groups.combine(parts, self._plans)
        diagnostics = dict(self.diagnostics)
        diagnostics.update(combined["counts"])
        return ComputedEvaluations(combined["results"], combined["scores"], diagnostics)


def _client() -> Any:
    """The ``distributed`` client in use, if any (and the default scheduler is it)."""
    try:
        from distributed import default_client
    except ImportError:  # pragma: no cover - distributed is in the extra
        return None
    try:
        client = default_client()
    except ValueError:
        return None
    import dask

    scheduler = dask.config.get("scheduler", None)
    return client if scheduler in (None, "dask.distributed", "distributed") else None


def _iso(as_of: Any) -> Optional[str]:
    if as_of is None or isinstance(as_of, str):
        return as_of
    if isinstance(as_of, (datetime.date, datetime.datetime)):
        return as_of.isoformat()[:10]
    return str(as_of)


def _distinct(column: Any) -> List[Any]:
    """The distinct values of a partition's territory column (or index)."""
    return list(column.drop_duplicates())


def _keyed(frame: Any, plans_ref: Any, by: str, partition_info: Optional[Dict[str, Any]] = None) -> Any:
    """A partition with each row's plan position and input place, before a shuffle."""
    import numpy as np
    import pyarrow as pa

    if by not in frame.columns and frame.index.name == by:
        frame = frame.reset_index()
    number = int(partition_info["number"]) if partition_info else 0
    plans = _groups.plans_of(plans_ref)
    if len(frame):
        column = pa.array(frame[by].astype("string"), type=pa.string())
        where = _groups.positions(plans, column)
    else:
        where = np.zeros(0, dtype=np.int64)
    row = (np.int64(number) << np.int64(40)) + np.arange(len(frame), dtype=np.int64)
    return frame.assign(**{_groups.PLAN: where, _groups.ROW: row})


def _read_files(paths: Sequence[str], base: Optional[str]) -> Any:
    import pyarrow.dataset as ds

    if base is None:
        return ds.dataset(list(paths), format="parquet", partitioning="hive").to_table()
    return ds.dataset(
        list(paths), format="parquet", partitioning="hive", partition_base_dir=base
    ).to_table()


def _evaluate_files(
    plans_ref: Any,
    paths: Sequence[str],
    base: Optional[str],
    numbers: Sequence[int],
    options: Dict[str, Any],
) -> Dict[str, Any]:
    table = _read_files(paths, base)
    return _groups.evaluate_parts(plans_ref, table, numbers=numbers, **options)


def _table(part: Dict[str, Any], which: str, meta: Any) -> Any:
    """A part's ``results`` or ``scores`` without the plan positions (``meta`` if none)."""
    frame = part[which]
    return meta if frame is None else frame.drop(columns=_groups.PLAN)


def _parquet_layout(
    plans: Sequence[Any], path: Any, by: str
) -> Optional[Tuple[List[Tuple[Union[int, str], List[str], int, Optional[str]]], str, int]]:
    """The files of each plan when every file of the data set holds one territory (from its
    ``by=…`` folder, or from its statistics); ``None`` if some file holds several (or the
    layout does not say). Gives ``(groups, detected_from, files)``, each group
    ``(plan position or problem code, files, rows, base directory)``.""" 
    import pyarrow.dataset as ds

    data = _parquet.dataset(path)
    if data is None:
        return None
    base = _parquet.base_dir(path) if not os.path.isdir(os.fspath(path)) else os.fspath(path)
    value_of: List[Tuple[str, Any, int]] = []
    detected = "hive"
    for fragment in data.get_fragments():
        keys = ds.get_partition_keys(fragment.partition_expression)
        if by in keys:
            value_of.append((fragment.path, keys[by], fragment.count_rows()))
            continue
        detected = "statistics"
        fragment.ensure_complete_metadata()
        values = set()
        for group in fragment.row_groups:
            stats = (group.statistics or {}).get(by)
            if not stats or stats.get("min") is None or stats.get("min") != stats.get("max"):
                return None
            values.add(stats["min"])
        if len(values) > 1:
            return None
        rows = sum(group.num_rows for group in fragment.row_groups)
        value_of.append((fragment.path, next(iter(values)) if values else None, rows))
    distinct = sorted({v for _, v, _ in value_of if v is not None}, key=str)
    routes = dict(zip(distinct, _ctg.route_territories(plans, distinct)))
    groups: Dict[Any, Tuple[List[str], int]] = {}
    for file, value, rows in value_of:
        position, code = routes.get(value, (None, "missing_cell"))
        key = position if position is not None else code
        files, total = groups.get(key, ([], 0))
        files.append(file)
        groups[key] = (files, total + rows)
    ordered = sorted(groups.items(), key=lambda kv: (isinstance(kv[0], str), str(kv[0]).zfill(12)))
    return [(key, files, rows, base) for key, (files, rows) in ordered], detected, len(value_of)


def _tasks(
    groups: List[Tuple[Union[int, str], List[str], int, Optional[str]]], rows_per_task: int
) -> List[Tuple[List[int], List[str], Optional[str]]]:
    """The plans' file groups packed into tasks of about ``rows_per_task`` rows (a plan's
    files always in one task; the files of territories that name no plan in tasks of
    their own): ``(plan positions, files, base directory)``."""
    tasks: List[Tuple[List[int], List[str], Optional[str]]] = []
    plans: List[int] = []
    files: List[str] = []
    rows = 0
    base: Optional[str] = None
    for key, group_files, group_rows, group_base in groups:
        if not isinstance(key, int):
            tasks.append(([], list(group_files), group_base))
            continue
        if plans and rows + group_rows > rows_per_task:
            tasks.append((plans, files, base))
            plans, files, rows = [], [], 0
        plans.append(key)
        files.extend(group_files)
        rows += group_rows
        base = group_base
    if plans:
        tasks.append((plans, files, base))
    return tasks


def evaluate_many(
    plans: Sequence[Any],
    data: Any,
    *,
    as_of: Any = None,
    lang: str = "fr",
    explanations: bool = False,
    by: str = "territory",
    shuffle: Optional[bool] = None,
    compute: bool = False,
    limits: Optional[Dict[str, int]] = None,
    rows_per_task: int = 1_000_000,
) -> Union[LazyEvaluations, ComputedEvaluations]:
    """Evaluate many plans against a Dask DataFrame or a Parquet data set, on Dask.

    ``plans``: ``ctg.Plan`` objects (shipped to the workers once, as JSON). ``data``: a
    ``dask.dataframe.DataFrame``, or a Parquet path, glob (``obs/**/*.parquet``) or
    directory (read by files when its layout puts one territory per file, else with
    ``dd.read_parquet``). ``by``: the column (or index) naming each row's territory, the
    plan's id or territory name as ``ctg.evaluate_many`` reads it. ``as_of``, ``lang``,
    ``explanations`` and ``limits`` are those of ``ctg.evaluate_many``; the mode is
    lenient (``strict=False``): problems are counted in the diagnostics.

    ``shuffle``: ``None`` detects whether the rows must be shuffled by plan (see the
    module's help), ``True`` always shuffles, ``False`` never does (a plan found in two
    partitions is then an error). ``rows_per_task``: for the Parquet layout, the files of
    several plans are read and evaluated by one task up to about this many rows (a
    territory is never split): what a worker holds at once, with the task's results. A
    DataFrame's tasks are its partitions. ``compute=True`` computes at once and gives
    ``ComputedEvaluations`` (pandas); else a ``LazyEvaluations``.
    """
    import dask
    import dask.dataframe as dd

    plans = list(plans)
    if not plans:
        raise ValueError("evaluate_many needs at least one plan")
    ref = _groups.ship(plans)  # a TypeError for anything but plans
    options = {
        "by": by,
        "as_of": _iso(as_of),
        "lang": lang,
        "explanations": explanations,
        "limits": limits,
    }
    diagnostics: Dict[str, Any] = {"by": by}
    parts: List[Any]

    if isinstance(data, (str, os.PathLike)):
        found = _parquet.files(data)
        if found is None:
            raise FileNotFoundError(
                "no Parquet file matches the path given (le chemin ne désigne aucun fichier Parquet)"
            )
        layout = None if shuffle else _parquet_layout(plans, data, by)
        if layout is not None:
            groups, detected, files = layout
            # Each task gets its own plans' JSON only (the files of territories that name no
            # plan: none; their rows are counted).
            jsons = ref[1]
            parts = []
            for mine, files_, base in _tasks(groups, rows_per_task):
                # The token names this list of plans (the workers' parsed-plans cache).
                which = hashlib.sha256(",".join(map(str, mine)).encode()).hexdigest()[:24]
                own = (f"{ref[0]}-{which}", [jsons[i] for i in mine])
                parts.append(
                    dask.delayed(_evaluate_files, pure=True)(own, files_, base, mine, options)
                )
            have = {key for key, _, _, _ in groups if isinstance(key, int)}
            rest = [i for i in range(len(plans)) if i not in have]
            which = hashlib.sha256(",".join(map(str, rest)).encode()).hexdigest()[:24]
            rest_ref = (f"{ref[0]}-{which}", [jsons[i] for i in rest])
            diagnostics.update(
                routing="parquet_layout",
                detected_from=detected,
                partitions=files,
                tasks=len(parts),
            )
            return _finish(plans, rest_ref, parts, options, diagnostics, compute, numbers=rest)
        data = dd.read_parquet(found)

    if not isinstance(data, dd.DataFrame):
        raise TypeError(
            "data must be a dask.dataframe.DataFrame or a Parquet path, not "
            f"{type(data).__name__}"
        )
    # One key in the graph: each worker receives the plans' JSON once, and parses it once.
    shipped = dask.delayed(ref, name="ctg-plans-" + ref[0][:16])
    frame = data
    index_is_by = frame.index.name == by and by not in frame.columns
    if not index_is_by and by not in frame.columns and len(plans) > 1:
        raise _ctg.CtgError(
            f"the observations have no `{by}` column (nor index) to route their rows to the "
            f"{len(plans)} plans"
        )
    diagnostics["partitions"] = frame.npartitions
    split = None
    if shuffle is not True and index_is_by and frame.known_divisions:
        diagnostics.update(
            routing="partitioned",
            detected_from="divisions",
        )
    elif shuffle is not True and (index_is_by or by in frame.columns):
        column = frame.index if index_is_by else frame[by]
        (per_part,) = dask.compute([dask.delayed(_distinct)(c) for c in column.to_delayed()])
        distinct = sorted({v for values in per_part for v in values if v is not None}, key=str)
        routes = dict(zip(distinct, _ctg.route_territories(plans, distinct)))
        home: Dict[int, int] = {}
        for i, values in enumerate(per_part):
            for value in values:
                position = routes.get(value, (None, None))[0]
                if position is None:
                    continue
                if home.setdefault(position, i) != i:
                    split = (position, home[position], i)
                    break
            if split:
                break
        if split is None:
            diagnostics.update(
                routing="partitioned",
                detected_from="data",
            )
    elif shuffle is not True:
        diagnostics.update(
            routing="partitioned",
            detected_from="single_plan",
        )
    if "routing" not in diagnostics:
        if shuffle is False:
            raise _ctg.CtgError(
                f"shuffle=False, but the rows of plan `{plans[split[0]].id}` are in partitions "
                f"{split[1]} and {split[2]}" if split else
                "shuffle=False, but the frame's layout does not put each plan in one partition"
            )
        meta = frame._meta
        if index_is_by:
            frame = frame.reset_index()
            meta = frame._meta
        import numpy as np
        import pandas as pd

        keyed_meta = meta.assign(
            **{_groups.PLAN: pd.Series([], dtype=np.int64), _groups.ROW: pd.Series([], dtype=np.int64)}
        )
        keyed = frame.map_partitions(_keyed, shipped, by, meta=keyed_meta)
        frame = keyed.shuffle(on=_groups.PLAN, npartitions=max(frame.npartitions, 1))
        diagnostics.update(
            routing="shuffled",
            detected_from="forced" if shuffle else None,
            split=(
                {"plan": plans[split[0]].id, "partitions": [split[1], split[2]]}
                if split else None
            ),
        )
    parts = [
        dask.delayed(_groups.evaluate_parts, pure=True)(shipped, piece, **options)
        for piece in frame.to_delayed()
    ]
    diagnostics["tasks"] = len(parts)
    return _finish(plans, shipped, parts, options, diagnostics, compute)


def _finish(
    plans: Sequence[Any],
    shipped: Any,
    parts: List[Any],
    options: Dict[str, Any],
    diagnostics: Dict[str, Any],
    compute: bool,
    numbers: Optional[List[int]] = None,
) -> Union[LazyEvaluations, ComputedEvaluations]:
    import dask
    import dask.dataframe as dd

    absent_options: Dict[str, Any] = {k: v for k, v in options.items() if k != "by"}
    if numbers is not None:  # the plans no task has, known before running
        absent = dask.delayed(_groups.evaluate_absent, pure=True)(
            shipped, [], numbers=numbers, **absent_options
        )
    else:  # known once every task has said which plans it evaluated
        seen = [p["seen"] for p in parts]
        absent = dask.delayed(_groups.evaluate_absent, pure=True)(shipped, seen, **absent_options)
    every = parts + [absent]
    results_meta, scores_meta = _groups.empty_tables(
        plans[:1], lang=options["lang"], explanations=options["explanations"]
    )
    results = dd.from_delayed(
        [dask.delayed(_table, pure=True)(p, "results", results_meta) for p in every],
        meta=results_meta,
    )
    scores = dd.from_delayed(
        [dask.delayed(_table, pure=True)(p, "scores", scores_meta) for p in every],
        meta=scores_meta
    )
    lazy = LazyEvaluations(results, scores, diagnostics, every, len(plans))
    return lazy.compute() if compute else lazy
