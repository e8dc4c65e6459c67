"""ctg — evaluate a French *Convention Territoriale Globale* (CTG) action plan.

The Python face of the Rust library ``ctg-core``, where every rule lives: the plan model,
the target language (``> 200``, ``+20%``, ``>24/an``, ``réalisé d'ici 2027``…), observation
ingest (CSV as French Excel writes it, JSON, DataFrames through Arrow) and the evaluation
engine (windows, aggregation, statuses, explanations, scores).

>>> import ctg
>>> plan = ctg.Plan.sundgau()
>>> plan
<Plan sundgau-2025-2029: 3 axes, 12 fiches, 25 indicators, 2025-2029>
>>> ctg.parse_target("> 24/an")
Target('> 24 / an')
>>> ev = plan.evaluate([{"indicateur": "f8.1", "date": "31/12/2026", "valeur": 30}])
>>> f81 = ev.headlines().set_index("indicator").loc["f8.1"]
>>> print(f81["value"], f81["target"], f81["status"])
30.0 > 24 / an achieved

Many plans from one table keyed by a ``territory`` column, evaluated on every core:
``ctg.evaluate_many(plans, observations)`` gives ``Evaluations`` (by plan id or position,
one long DataFrame for all). ``ctg.workload`` writes a synthetic national workload
(fictional data) to try it at scale.

A plan document (the .docx of the CTG template, or its text export) becomes a plan with
``ctg.import_plan(path)``: an ``ImportedPlan`` with the ``plan``, the ``findings`` to review
and ``to_toml()``, the plan as a TOML file with every interpretation as a comment.

Errors derive from ``ctg.CtgError`` (a ``ValueError``): ``TargetSyntaxError``,
``PlanError`` and ``ObservationError``, each with positions.
"""

from ._ctg import (
    FICTIONAL_METADATA_KEY,
    RESULT_COLUMNS,
    STATUSES,
    Axis,
    CtgError,
    Evaluation,
    Evaluations,
    Fiche,
    ImportedPlan,
    Indicator,
    ObservationError,
    Plan,
    PlanError,
    Target,
    TargetSyntaxError,
    __version__,
    evaluate_many,
    call_json,
    import_plan,
    parse_target,
    pseudonymise,
    route_territories,
    statuses,
)
from . import workload
from ._groups import evaluate_arrow, ship as ship_plans

__all__ = [
    "FICTIONAL_METADATA_KEY",
    "RESULT_COLUMNS",
    "STATUSES",
    "Axis",
    "CtgError",
    "Evaluation",
    "Evaluations",
    "Fiche",
    "ImportedPlan",
    "Indicator",
    "ObservationError",
    "Plan",
    "PlanError",
    "Target",
    "TargetSyntaxError",
    "__version__",
    "evaluate_arrow",
    "evaluate_many",
    "call_json",
    "import_plan",
    "parse_target",
    "pseudonymise",
    "route_territories",
    "ship_plans",
    "statuses",
    "workload",
]
