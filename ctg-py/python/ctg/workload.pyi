"""Type stubs of ``ctg.workload`` (synthetic workloads, fictional data)."""

import os
from typing import Any, Dict, Optional, Union

__all__ = ["write_national", "write_parquet"]

def write_national(
    directory: Union[str, "os.PathLike[str]"],
    plans: int = 1200,
    months: int = 60,
    participations: int = 10_000_000,
    seed: int = 42,
) -> Dict[str, Any]: ...

def write_parquet(
    directory: Union[str, "os.PathLike[str]"],
    plans: int = 1200,
    months: int = 60,
    participations: int = 10_000_000,
    seed: int = 42,
    rows_per_file: Optional[int] = None,
    keep_csv: bool = False,
) -> Dict[str, Any]: ...
