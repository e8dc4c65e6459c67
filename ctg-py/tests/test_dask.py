"""``ctg.dask`` on a ``LocalCluster`` of 2 worker processes, and Parquet in the
single-machine API: the quick national workload (fictional data) written as Parquet
partitions by ``ctg.workload.write_parquet``, evaluated on the cluster and compared row for
row (values, statuses, scores) with ``ctg.evaluate_many`` on the same rows."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any, Dict, Iterator, List, Tuple

import pytest

dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")
pa = pytest.importorskip("pyarrow")

import dask.dataframe as dd  # noqa: E402
import pandas as pd  # noqa: E402
import pyarrow.dataset as ds  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

import ctg  # noqa: E402
import ctg.dask  # noqa: E402
import ctg.workload  # noqa: E402

AS_OF = "2028-12-31"
#: The quick national workload of benches/compare (30 plans, 60 months), fewer participations.
QUICK = {"plans": 30, "months": 60, "participations": 60_000, "seed": 42}


@pytest.fixture(scope="module")
def workload(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, Any]:
    """The workload twice: one file per territory, and three files per territory."""
    root = tmp_path_factory.mktemp("dask")
    one = ctg.workload.write_parquet(root / "one", keep_csv=True, **QUICK)
    split = ctg.workload.write_parquet(root / "split", rows_per_file=1_000, **QUICK)
    with open(root / "one" / "plans.jsonl", encoding="utf-8") as f:
        plans = [ctg.Plan.from_json(line) for line in f]
    return {"root": root, "one": Path(one["observations"]), "split": Path(split["observations"]),
            "csv": root / "one" / "observations.csv", "rows": one["rows"], "plans": plans}


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
        memory_limit="2GiB", silence_logs=40,
    )
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


#: Every problem kept by the reference (past ``max_issues`` it only counts them in a message).
LIMITS = {"max_issues": 1_000_000}


def reference(plans: List[ctg.Plan], observations: Any) -> Tuple[pd.DataFrame, pd.DataFrame, Any]:
    evs = ctg.evaluate_many(
        plans, observations, as_of=AS_OF, strict=False, explanations=False, limits=LIMITS
    )
    return evs.to_pandas(), evs.scores(), evs


def assert_same(out: Any, plans: List[ctg.Plan], observations: Any) -> Any:
    results, scores, evs = reference(plans, observations)
    pd.testing.assert_frame_equal(out.results, results)
    pd.testing.assert_frame_equal(out.scores, scores)
    assert out.diagnostics["skipped_rows"] == len(evs.skipped)
    assert out.diagnostics["used"] == sum(e.diagnostics["used"] for e in evs)
    return evs


def test_parquet_in_the_single_machine_api(workload: Dict[str, Any]) -> None:
    plans = workload["plans"]
    from_csv = reference(plans, workload["csv"])
    for source in (workload["one"], str(workload["one"]), f"{workload['split']}/**/*.parquet"):
        results, scores, evs = reference(plans, source)
        pd.testing.assert_frame_equal(results, from_csv[0])
        pd.testing.assert_frame_equal(scores, from_csv[1])
        assert evs.fictional  # the files' metadata says so, as the CSV's comment line does
    # One plan, one territory's file (the territory is its folder's name).
    plan = plans[3]
    file = workload["one"] / f"territory={plan.id}" / "part-0.parquet"
    single = plan.evaluate(file, as_of=AS_OF, explanations=False).to_pandas()
    from_many = from_csv[0][from_csv[0]["territory"] == plan.id].drop(columns="territory")
    # (An all-empty text column is `object` of None in one plan's table, `str` of NaN in the
    # many-plan one: compared as empty.)
    from_many = from_many.reset_index(drop=True)
    empty = [c for c in single.columns if single[c].isna().all()]
    assert empty and all(from_many[c].isna().all() for c in empty)
    pd.testing.assert_frame_equal(single.drop(columns=empty), from_many.drop(columns=empty))
    # A pattern that matches nothing is a missing file, the pattern not repeated.
    with pytest.raises(FileNotFoundError) as e:
        ctg.evaluate_many(plans, str(workload["root"] / "nothing" / "*.parquet"))
    assert "nothing" not in str(e.value)


def test_hive_layout_one_task_per_plan(client: Any, workload: Dict[str, Any]) -> None:
    plans = workload["plans"]
    # One plan per task, then several, then all in one task (the default size): the workers
    # keep parsed plans between calls, and each task must get its own.
    for rows_per_task, tasks in ((1, 30), (10_000, None), (1_000_000, 1)):
        out = ctg.dask.evaluate_many(
            plans, workload["one"], as_of=AS_OF, compute=True, rows_per_task=rows_per_task
        )
        d = out.diagnostics
        assert (d["routing"], d["detected_from"], d["partitions"]) == ("parquet_layout", "hive", 30)
        assert (d["tasks"] == tasks) if tasks else (1 < d["tasks"] < 30)
        assert d["rows"] == workload["rows"] and d["skipped_rows"] == 0 and d["plans_with_rows"] == 30
        assert_same(out, plans, workload["csv"])
    assert set(out.results["status"].astype(str)) >= {"achieved", "not_achieved", "tracked"}


def test_a_territory_split_across_files_and_partitions(client: Any, workload: Dict[str, Any]) -> None:
    plans = workload["plans"]
    files = sorted(workload["split"].rglob("*.parquet"))
    assert len(files) > 2 * len(plans)  # every territory in several files
    out = ctg.dask.evaluate_many(
        plans, f"{workload['split']}/**/*.parquet", as_of=AS_OF, compute=True, rows_per_task=1
    )
    assert out.diagnostics["routing"] == "parquet_layout" and out.diagnostics["tasks"] == 30
    assert_same(out, plans, workload["csv"])
    # The same files read by dask: partitions by file, each territory in several: shuffled.
    frame = dd.read_parquet(workload["split"])
    assert frame.npartitions > 30
    out = ctg.dask.evaluate_many(plans, frame, as_of=AS_OF, compute=True)
    assert out.diagnostics["routing"] == "shuffled", out.diagnostics
    assert_same(out, plans, frame.compute())


def test_a_frame_not_partitioned_by_territory(client: Any, workload: Dict[str, Any]) -> None:
    plans = workload["plans"]
    rows = pd.read_csv(workload["csv"], comment="#", dtype={"value": "str"})
    mixed = rows.sample(frac=1.0, random_state=7).reset_index(drop=True)
    frame = dd.from_pandas(mixed, npartitions=4, sort=False)
    lazy = ctg.dask.evaluate_many(plans, frame, as_of=AS_OF)
    assert isinstance(lazy.results, dd.DataFrame) and lazy.diagnostics["routing"] == "shuffled"
    split = lazy.diagnostics["split"]
    assert split["plan"] in {p.id for p in plans} and split["partitions"][0] < split["partitions"][1]
    assert_same(lazy.compute(), plans, mixed)
    # Indexed by territory, with divisions: partitioned, nothing shuffled.
    indexed = frame.set_index("territory", sort=True)
    assert indexed.known_divisions
    out = ctg.dask.evaluate_many(plans, indexed, as_of=AS_OF, compute=True)
    assert (out.diagnostics["routing"], out.diagnostics["detected_from"]) == ("partitioned", "divisions")
    assert_same(out, plans, indexed.compute().reset_index())
    # Sorted by territory without an index: checked from the column, no shuffle either.
    ordered = dd.from_pandas(rows, npartitions=3, sort=False)
    out = ctg.dask.evaluate_many(plans, ordered, as_of=AS_OF, compute=True)
    assert (out.diagnostics["routing"], out.diagnostics["detected_from"]) in {
        ("partitioned", "data"), ("shuffled", None)}
    assert_same(out, plans, rows)
    with pytest.raises(ctg.CtgError, match="shuffle=False"):
        ctg.dask.evaluate_many(plans, frame, as_of=AS_OF, shuffle=False)
    # shuffle=False still takes a layout that needs none.
    out = ctg.dask.evaluate_many(plans, indexed, as_of=AS_OF, shuffle=False, compute=True)
    assert (out.diagnostics["routing"], out.diagnostics["detected_from"]) == ("partitioned", "divisions")
    # shuffle=True shuffles even so, and gives the same.
    out = ctg.dask.evaluate_many(plans, ordered, as_of=AS_OF, shuffle=True, compute=True)
    assert (out.diagnostics["routing"], out.diagnostics["detected_from"]) == ("shuffled", "forced")
    assert_same(out, plans, rows)


def test_unknown_territories_are_counted_not_lost(client: Any, workload: Dict[str, Any]) -> None:
    plans = workload["plans"][:10]  # the other 20 territories name no plan now
    original = pd.read_csv(workload["csv"], comment="#", dtype={"value": "str"})
    rows = original
    extra = rows.head(5).assign(territory=["ctg-9999", "Territoire fictif 2", "", None, "TERRITOIRE FICTIF 3"])
    rows = pd.concat([rows, extra], ignore_index=True)
    frame = dd.from_pandas(rows, npartitions=5, sort=False)
    out = ctg.dask.evaluate_many(plans, frame, as_of=AS_OF, compute=True)
    evs = assert_same(out, plans, rows)
    known = rows["territory"].isin([p.id for p in plans]).sum() + 2  # two spelled by name
    assert out.diagnostics["rows"] == len(rows)
    assert out.diagnostics["skipped_rows"] == len(rows) - known == len(evs.skipped)
    assert out.diagnostics["skipped"] == {"unknown_territory": len(rows) - known - 2, "missing_cell": 2}
    assert {s["code"] for s in evs.skipped} == {"unknown_territory", "missing_cell"}
    # From the Parquet layout: the unknown territories' files are read and counted too.
    out = ctg.dask.evaluate_many(plans, workload["one"], as_of=AS_OF, compute=True)
    others = int((~original["territory"].isin([p.id for p in plans])).sum())
    assert out.diagnostics["rows"] == workload["rows"]
    assert out.diagnostics["skipped"] == {"unknown_territory": others} and others > 0
    assert_same(out, plans, workload["csv"])


def test_plans_without_rows_and_plans_shipped_once(client: Any, workload: Dict[str, Any]) -> None:
    plans = workload["plans"]
    rows = pd.read_csv(workload["csv"], comment="#", dtype={"value": "str"})
    some = rows[rows["territory"].isin(["ctg-0004", "ctg-0017"])]
    out = ctg.dask.evaluate_many(plans, dd.from_pandas(some, npartitions=2), as_of=AS_OF, compute=True)
    assert out.diagnostics["plans_with_rows"] == 2 and len(out.scores) == 30
    assert_same(out, plans, some)
    # The plans travel as one key of JSON texts, not as pickled Plan objects.
    lazy = ctg.dask.evaluate_many(plans, dd.from_pandas(some, npartitions=2), as_of=AS_OF)
    graph = dict(lazy._parts[0].__dask_graph__())
    shipped = [k for k in graph if str(k).startswith("ctg-plans-")]
    assert len(shipped) == 1


def test_a_worker_killed_mid_run(client: Any, workload: Dict[str, Any]) -> None:
    plans = workload["plans"]
    lazy = ctg.dask.evaluate_many(plans, workload["one"], as_of=AS_OF, rows_per_task=1)

    def slow_down() -> None:  # on each worker: every task takes a little longer
        import ctg._groups

        if not getattr(ctg._groups, "_slowed", False):
            inner = ctg._groups.evaluate_parts

            def slowly(*args: Any, **kwargs: Any) -> Any:
                time.sleep(0.3)
                return inner(*args, **kwargs)

            ctg._groups.evaluate_parts = slowly
            ctg._groups._slowed = True

    client.run(slow_down)
    before = set(client.scheduler_info()["workers"])
    futures = client.compute(lazy._parts)
    next(distributed.as_completed(futures))  # the run has started …
    pending = [f for f in futures if not f.done()]
    assert pending  # … and is not over
    victim = sorted(before)[0]
    try:
        client.run(os._exit, 1, workers=[victim])
    except Exception:  # the worker dies before it answers
        pass
    parts = client.gather(futures)
    after = set(client.scheduler_info()["workers"])
    assert victim not in after  # the worker did die; its tasks ran again elsewhere
    combined = ctg._groups.combine(parts, len(plans))
    results, scores, _ = reference(plans, workload["csv"])
    pd.testing.assert_frame_equal(combined["results"], results)
    pd.testing.assert_frame_equal(combined["scores"], scores)
    client.run(lambda: None)  # the restarted worker answers


def test_evaluate_arrow_for_ray_and_spark(workload: Dict[str, Any]) -> None:
    plans = workload["plans"]
    table = ds.dataset(workload["one"], format="parquet", partitioning="hive").to_table()
    shipped = ctg.ship_plans(plans)
    pieces = []
    for plan in plans[:5]:  # what map_groups / applyInArrow hand over: one territory
        group = table.filter(pa.compute.equal(table["territory"], plan.id))
        pieces.append(ctg.evaluate_arrow(shipped, group, as_of=AS_OF).to_pandas())
    results, _, _ = reference(plans[:5], workload["csv"])
    got = pd.concat(pieces, ignore_index=True)
    assert list(got.columns) == list(results.columns)
    pd.testing.assert_frame_equal(
        got.astype(str), results.astype(str), check_dtype=False
    )
