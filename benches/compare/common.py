"""What the three implementations share: the workload's files, the evaluation date and the
subset of the semantics they all compute (see ``compare.py`` for why this subset).

Every implementation returns a pandas DataFrame with these columns, one row per
(territory, indicator, window) it has a value for:

- ``territory`` (str): the plan id, ``ctg-0000``…
- ``indicator`` (str): the indicator id, ``f2.1``…
- ``start`` (datetime64): the first day of the window (``2026-01-01`` for the year 2026,
  ``2026-03-01`` for March 2026);
- ``value`` (float64): the window's value;
- ``status`` (str, missing when not judged): ``tracked``, ``achieved``, ``not_achieved``…
"""

from __future__ import annotations

import datetime

OBSERVATIONS = "observations.csv"
TARGETS = "targets.csv"
PLANS = "plans.jsonl"

#: The evaluation date: every window of the subset (2025 … 2028) is closed by then.
AS_OF = datetime.date(2028, 12, 31)
#: The first day of the plans' period (2025-2029): earlier rows (the baseline year 2024)
#: belong to no window of the subset.
FIRST_DAY = datetime.date(2025, 1, 1)

#: Measures whose value is a number (milestones and qualitative assessments are left out).
NUMERIC_MEASURES = ("count", "distinct_count", "stock", "score", "ratio")
#: Calendar windows (the cumulative ``plan`` window is left out).
WINDOWS = ("year", "month")
#: How a window's rows make its value.
AGGREGATIONS = ("sum", "distinct", "last", "mean", "ratio")

RESULT_COLUMNS = ["territory", "indicator", "start", "value", "status"]
