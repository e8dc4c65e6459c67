"""Where ctg's time goes in memory: ``ctg.evaluate_many`` on the national DataFrame (Arrow
import, ingest into the columnar store, evaluation) and ``Evaluations.to_pandas()`` apart.

    python benches/compare/breakdown.py target/compare/national-1200-60-10000000-42 [runs]

The workload directory is the one ``run.sh`` generates (**fictional data**). Prints each
run's two times; run it on an idle machine, it is a measurement, not a test.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import ctg
import impl_ctg
import impl_pandas
from common import AS_OF, OBSERVATIONS, PLANS


def main() -> None:
    data = Path(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    frame = impl_pandas.read_observations(data / OBSERVATIONS)
    plans = impl_ctg.read_plans(data / PLANS)
    print(f"données fictives : {len(frame):,} lignes, {len(plans)} plans")
    for _ in range(runs):
        start = time.perf_counter()
        evaluations = ctg.evaluate_many(plans, frame, as_of=AS_OF.isoformat(), explanations=False)
        evaluated = time.perf_counter()
        table = evaluations.to_pandas()
        done = time.perf_counter()
        print(
            f"evaluate_many {evaluated - start:.2f} s, to_pandas {done - evaluated:.2f} s "
            f"({len(table):,} rows)"
        )


if __name__ == "__main__":
    main()
