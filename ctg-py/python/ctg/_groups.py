"""Evaluating a table plan by plan: the piece of work a distributed engine runs on a worker.

``evaluate_arrow`` takes an Arrow table (or a pandas DataFrame) of observations of any
number of territories and gives the results table of ``ctg.evaluate_many`` for the plans
they name, as an Arrow table: the same function serves Dask (``ctg.dask``), Ray
(``map_groups(batch_format="pyarrow")``) and Spark (``groupBy(...).applyInArrow``).

Rows go to their plan by the readers' own rules (``ctg.route_territories``, the core's
``TerritoryRouter``), then each plan's rows are evaluated on their own
(``ctg.evaluate_many`` with that one plan): the memory one call needs follows the largest
territory, not the table. Rows whose territory names no plan are counted, never dropped
silently. Plans arrive as JSON text and are parsed once per process.
"""

from __future__ import annotations

import hashlib
import threading
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from . import _ctg  # type: ignore[attr-defined]

#: The plan position of each row, once routed (an int64 column added before a shuffle):
#: a plan's position, or one of the negative codes below.
PLAN = "__ctg_plan"
#: Each row's place in the input (an int64 column added before a shuffle), so that a
#: plan's rows are read in the input's order whatever the shuffle did.
ROW = "__ctg_row"
#: The problems of rows routed to no plan, as negative plan positions.
UNROUTED = {-1: "unknown_territory", -2: "missing_cell"}
_CODES = {code: position for position, code in UNROUTED.items()}

PlansRef = Tuple[str, Sequence[str]]
"""Plans as shipped to workers: a token and the plans' JSON texts."""

_cache: Dict[str, List[Any]] = {}
_cache_lock = threading.Lock()


def ship(plans: Iterable[Any]) -> PlansRef:
    """Plans as JSON texts with a token naming them (``ctg.ship_plans``): what is sent to
    the workers, where ``evaluate_arrow`` parses them once per process.

    >>> import ctg
    >>> token, texts = ctg.ship_plans([ctg.Plan.sundgau()])
    >>> len(token), ctg.Plan.from_json(texts[0]).id
    (64, 'sundgau-2025-2029')
    """
    if isinstance(plans, (str, bytes)) or not hasattr(plans, "__iter__"):
        raise TypeError(f"plans must be an iterable of ctg.Plan, not {type(plans).__name__}")
    texts = []
    for plan in plans:
        if not isinstance(plan, _ctg.Plan):
            raise TypeError(f"plans must be ctg.Plan objects, not {type(plan).__name__}")
        texts.append(plan.to_json())
    digest = hashlib.sha256()
    for text in texts:
        digest.update(text.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest(), texts


def plans_of(ref: Union[PlansRef, Sequence[Any]]) -> List[Any]:
    """The plans of a shipped reference, parsed once per process (a list of plans is
    returned as it is)."""
    if isinstance(ref, tuple) and len(ref) == 2 and isinstance(ref[0], str):
        token, texts = ref
        with _cache_lock:
            found = _cache.get(token)
        if found is None:
            found = [_ctg.Plan.from_json(text) for text in texts]
            with _cache_lock:
                if len(_cache) > 8:
                    _cache.clear()
                _cache[token] = found
        return found
    if isinstance(ref, (str, bytes)) or not hasattr(ref, "__iter__"):
        raise TypeError(f"plans must be a list of ctg.Plan, not {type(ref).__name__}")
    return list(ref)


def _arrow(table: Any) -> Any:
    import pyarrow as pa

    if isinstance(table, pa.Table):
        return table
    if isinstance(table, pa.RecordBatch):
        return pa.Table.from_batches([table])
    # A pandas partition: its index is a column when it is the territory (set_index).
    index = getattr(table, "index", None)
    if index is not None and index.name is not None and index.name not in table.columns:
        table = table.reset_index()
    return pa.Table.from_pandas(table, preserve_index=False)


def positions(plans: Sequence[Any], column: Any) -> Any:
    """Each row's plan position (``numpy`` int64): a plan's, or a negative code of
    ``UNROUTED``; the column's distinct values are routed once."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    if pa.types.is_dictionary(column.type):
        column = column.dictionary_decode()
    distinct = pc.unique(column)
    routes = _ctg.route_territories(plans, distinct.to_pylist())
    codes = np.array(
        [p if p is not None else _CODES.get(code or "", -1) for p, code in routes], dtype=np.int64
    )
    # Every cell is one of the distinct values (a null cell the null one, routed as empty).
    where = pc.index_in(column, value_set=distinct, skip_nulls=False)
    return codes[where.to_numpy(zero_copy_only=False).astype(np.int64)]


def evaluate_parts(
    plans_ref: Union[PlansRef, Sequence[Any]],
    table: Any,
    *,
    by: str = "territory",
    as_of: Optional[str] = None,
    lang: str = "fr",
    explanations: bool = False,
    limits: Optional[Dict[str, int]] = None,
    numbers: Optional[Sequence[int]] = None,
) -> Dict[str, Any]:
    """Evaluate the rows of ``table`` for the plans they name (one ``evaluate_many`` call
    with those plans: each plan's rows evaluated on their own, as in one call over the whole
    table): ``{"results", "scores"}`` (pandas, with
    the plan position in a ``__ctg_plan`` column), ``"seen"`` (the positions evaluated),
    ``"rows"``, ``"skipped"`` (``{code: rows}`` of rows routed to no plan) and
    ``"rejected"`` (``{code: rows}`` dropped by their plan's validation). ``numbers``: the
    position each of the given plans has among all the plans (when a task is given only
    its own plans), as positions are reported."""
    import numpy as np
    import pandas as pd

    plans = plans_of(plans_ref)
    table = _arrow(table)
    names = table.column_names
    if ROW in names:
        order = np.argsort(table.column(ROW).to_numpy(), kind="stable")
        table = table.take(order)
    if PLAN in names:
        where = table.column(PLAN).to_numpy().astype(np.int64)
    elif by in names:
        where = positions(plans, table.column(by))
    elif len(plans) == 1:
        where = np.zeros(table.num_rows, dtype=np.int64)
    else:
        raise _ctg.CtgError(
            f"the observations have no `{by}` column to route their rows to the "
            f"{len(plans)} plans (by={by!r})"
        )
    table = table.drop_columns([c for c in (PLAN, ROW) if c in names])
    part: Dict[str, Any] = {
        "rows": int(table.num_rows),
        "seen": [],
        "skipped": {},
        "rejected": {},
        "used": 0,
    }
    for code, rows in zip(*np.unique(where[where < 0], return_counts=True)):
        name = UNROUTED.get(int(code), "unknown_territory")
        part["skipped"][name] = part["skipped"].get(name, 0) + int(rows)
    options = {"as_of": as_of, "lang": lang, "strict": False, "explanations": explanations,
               "limits": limits}
    present = [int(p) for p in np.unique(where[where >= 0])]
    number = {p: (p if numbers is None else int(numbers[p])) for p in present}
    subset = [plans[p] for p in present]
    results: List[Any] = []
    scores: List[Any] = []
    many = len(subset) > 1
    ids = [plan.id for plan in subset]
    if many and (len(set(ids)) < len(ids) or (by != "territory" and "territory" in table.column_names)):
        # Rows told apart by plan id only after the evaluation: one plan at a time.
        order = np.argsort(where, kind="stable")
        sorted_where = where[order]
        for p in present:
            lo, hi = np.searchsorted(sorted_where, [p, p + 1])
            evs = _ctg.evaluate_many([plans[p]], table.take(order[lo:hi]), **options)
            _tag(evs, number[p], results, scores)
            _count(part, evs)
    elif subset:
        import pyarrow as pa

        kept = table if len(present) and (where >= 0).all() else table.filter(pa.array(where >= 0))
        if many and by != "territory":
            kept = kept.rename_columns(["territory" if c == by else c for c in kept.column_names])
        # The plans of the task in one call (the readers route as `positions` did).
        evs = _ctg.evaluate_many(subset, kept, **options)
        frame = evs.to_pandas()
        of_id = {plan_id: number[p] for plan_id, p in zip(ids, present)}
        results.append(frame.assign(**{PLAN: frame["territory"].map(of_id).astype("int64")}))
        scores.append(evs.scores().assign(**{PLAN: [number[p] for p in present]}))
        _count(part, evs)
    part["seen"] = [number[p] for p in present]
    part["results"] = pd.concat(results, ignore_index=True) if results else None
    part["scores"] = pd.concat(scores, ignore_index=True) if scores else None
    return part


def _tag(evaluations: Any, number: int, results: List[Any], scores: List[Any]) -> None:
    """Append one plan's results and scores tables, with its position in ``__ctg_plan``."""
    results.append(evaluations.to_pandas().assign(**{PLAN: number}))
    scores.append(evaluations.scores().assign(**{PLAN: number}))


def _count(part: Dict[str, Any], evaluations: Any) -> None:
    """Add the rows used and rejected by each plan of ``evaluations`` to a part's counts."""
    for evaluation in evaluations:
        diagnostics = evaluation.diagnostics
        part["used"] += int(diagnostics["used"])
        for problem in diagnostics["rejected"]:
            code = problem.get("code", "?")
            part["rejected"][code] = part["rejected"].get(code, 0) + 1


def evaluate_absent(
    plans_ref: Union[PlansRef, Sequence[Any]],
    seen: Iterable[Iterable[int]],
    *,
    as_of: Optional[str] = None,
    lang: str = "fr",
    explanations: bool = False,
    limits: Optional[Dict[str, int]] = None,
    numbers: Optional[Sequence[int]] = None,
) -> Dict[str, Any]:
    """The plans no row named (every indicator ``no_data``), as ``evaluate_parts`` gives
    them, so that every plan has its rows as in ``ctg.evaluate_many``. ``numbers``: as in
    ``evaluate_parts``."""
    import pandas as pd

    plans = plans_of(plans_ref)
    done = {p for positions in seen for p in positions}
    results: List[Any] = []
    scores: List[Any] = []
    absent: List[int] = []
    for local, plan in enumerate(plans):
        position = local if numbers is None else int(numbers[local])
        if position in done:
            continue
        evs = _ctg.evaluate_many(
            [plan], [], as_of=as_of, lang=lang, strict=False, explanations=explanations,
            limits=limits,
        )
        _tag(evs, position, results, scores)
        absent.append(position)
    return {
        "absent": True,
        "rows": 0,
        "seen": absent,
        "skipped": {},
        "rejected": {},
        "used": 0,
        "results": pd.concat(results, ignore_index=True) if results else None,
        "scores": pd.concat(scores, ignore_index=True) if scores else None,
    }


def combine(parts: Sequence[Dict[str, Any]], plans: int) -> Dict[str, Any]:
    """The results, scores (pandas, in plan order, rows of a plan in the order ctg gives
    them) and counts of every part. A plan evaluated in two parts (its rows split between
    them) is refused: its results would be two partial evaluations."""
    import pandas as pd

    owner: Dict[int, int] = {}
    for i, part in enumerate(parts):
        for position in part["seen"]:
            if position in owner:
                raise _ctg.CtgError(
                    f"the rows of plan {position} were evaluated in two pieces (partitions "
                    f"{owner[position]} and {i}): the routing column spells its territory "
                    "two ways in different partitions; pass shuffle=True"
                )
            owner[position] = i
    frames = [p["results"] for p in parts if p["results"] is not None]
    score_frames = [p["scores"] for p in parts if p["scores"] is not None]

    def ordered(frames: List[Any]) -> Any:
        frame = pd.concat(frames, ignore_index=True)
        frame = frame.sort_values(PLAN, kind="stable").drop(columns=PLAN)
        return frame.reset_index(drop=True)

    skipped: Dict[str, int] = {}
    rejected: Dict[str, int] = {}
    for part in parts:
        for code, n in part["skipped"].items():
            skipped[code] = skipped.get(code, 0) + n
        for code, n in part["rejected"].items():
            rejected[code] = rejected.get(code, 0) + n
    with_rows = sum(len(p["seen"]) for p in parts if not p.get("absent"))
    return {
        "results": ordered(frames) if frames else None,
        "scores": ordered(score_frames) if score_frames else None,
        "counts": {
            "plans": plans,
            "plans_with_rows": with_rows,
            "rows": sum(p["rows"] for p in parts),
            "used": sum(p["used"] for p in parts),
            "skipped": skipped,
            "skipped_rows": sum(skipped.values()),
            "rejected": rejected,
            "rejected_rows": sum(rejected.values()),
        },
    }


def evaluate_arrow(
    plans: Union[PlansRef, Sequence[Any]],
    table: Any,
    *,
    by: str = "territory",
    as_of: Optional[str] = None,
    lang: str = "fr",
    explanations: bool = False,
    limits: Optional[Dict[str, int]] = None,
) -> Any:
    """Arrow in, Arrow out: the results table (``ctg.evaluate_many(...).to_pandas()``'s
    columns, ``territory`` first) of the plans the rows of ``table`` name, as a
    ``pyarrow.Table`` of plain types (``plain_arrow``: text, the status as text, floats,
    dates as timestamps), plan by plan in the plans' order. ``plans`` is a list of
    ``ctg.Plan`` or what ``ctg.ship_plans`` gives (JSON texts, parsed once per process). Rows of an
    unknown territory are left out (lenient mode); plans no row names are not in the table.

    For Ray (``ds.groupby("territory").map_groups(f, batch_format="pyarrow")``) and Spark
    (``df.groupBy("territory").applyInArrow(f, schema)``): see ctg-py's README.

    >>> import ctg, pyarrow as pa
    >>> plan = ctg.Plan.sundgau()
    >>> rows = pa.table({"territory": ["sundgau-2025-2029", "ailleurs"], "indicator": ["f8.1"] * 2,
    ...                  "date": ["2026-12-31"] * 2, "value": [30.0, 1.0]})
    >>> out = ctg.evaluate_arrow([plan], rows, as_of="2026-12-31")
    >>> out.num_rows, out.column_names[:3], str(out.schema.field("status").type)
    (69, ['territory', 'axis', 'fiche'], 'string')
    >>> ctg.evaluate_arrow([plan], rows.slice(0, 0)).schema == out.schema  # for Spark's schema
    True
    """
    import pyarrow as pa

    part = evaluate_parts(
        plans, table, by=by, as_of=as_of, lang=lang, explanations=explanations, limits=limits
    )
    frame = combine([part], len(plans_of(plans)))["results"]
    if frame is None:
        frame = empty_tables(plans_of(plans)[:1], lang=lang, explanations=explanations)[0]
    return plain_arrow(pa.Table.from_pandas(frame, preserve_index=False))


def plain_arrow(table: Any) -> Any:
    """An Arrow table with the types every engine reads: text as ``string`` (not
    ``large_string``), the status as text (not a dictionary), no pandas metadata."""
    import pyarrow as pa

    fields = []
    for f in table.schema:
        kind = f.type
        if pa.types.is_dictionary(kind):
            kind = kind.value_type
        if pa.types.is_large_string(kind) or pa.types.is_string_view(kind):
            kind = pa.string()
        fields.append(pa.field(f.name, kind, nullable=True))
    return table.cast(pa.schema(fields))


def empty_tables(
    plans: Sequence[Any], *, lang: str = "fr", explanations: bool = False
) -> Tuple[Any, Any]:
    """Empty results and scores tables with the columns and dtypes of
    ``Evaluations.to_pandas()`` and ``Evaluations.scores()`` (one evaluation of no rows)."""
    plan = plans[0] if plans else _ctg.Plan.sundgau()
    evs = _ctg.evaluate_many([plan], [], strict=False, lang=lang, explanations=explanations)
    return evs.to_pandas().iloc[:0], evs.scores().iloc[:0]
