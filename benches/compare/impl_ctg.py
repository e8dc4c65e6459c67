"""ctg through its Python binding: every plan of ``plans.jsonl`` evaluated in one call,
``ctg.evaluate_many``, against one observation table keyed by ``territory`` (the plan id).

ctg evaluates everything (all 25 indicators of each plan, milestones, qualitative and
plan-window indicators, yearly summaries of monthly indicators, scores); only its window
rows are returned here, and ``compare.py`` keeps those of the compared subset.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Union

import pandas as pd

import ctg
from common import AS_OF, OBSERVATIONS, PLANS, RESULT_COLUMNS


def read_plans(path: Path) -> List[ctg.Plan]:
    """``plans.jsonl``: one plan per line, in ctg's JSON plan format."""
    with open(path, encoding="utf-8") as lines:
        return [ctg.Plan.from_json(line) for line in lines]


def evaluate(observations: Union[pd.DataFrame, Path], plans: List[ctg.Plan]) -> pd.DataFrame:
    """All plans at once; ``observations`` is the DataFrame or the CSV file's path."""
    evaluations = ctg.evaluate_many(
        plans, observations, as_of=AS_OF.isoformat(), explanations=False
    )
    frame = evaluations.to_pandas()
    windows = frame[frame["kind"] == "window"]
    return windows[RESULT_COLUMNS].assign(status=windows["status"].astype(str))


def evaluate_files(data: Path) -> pd.DataFrame:
    """End to end: ctg reads the plans and the CSV file itself."""
    return evaluate(data / OBSERVATIONS, read_plans(data / PLANS))

