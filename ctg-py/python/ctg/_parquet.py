"""Parquet observations for ``Plan.evaluate`` and ``evaluate_many``: a file, a glob pattern
(``obs/*.parquet``, ``obs/**/*.parquet``) or a partitioned directory
(``obs/territory=ctg-0001/year=2026/part-0.parquet``), opened with pyarrow's datasets and
handed to ctg as one Arrow stream (no copy through pandas). Which paths are Parquet is the
core's rule (``ctg_core::io::names_parquet``); this module only opens them.
"""

from __future__ import annotations

import glob
import os
from typing import Any, List, Optional, Union


def files(path: Union[str, "os.PathLike[str]"]) -> Optional[Union[str, List[str]]]:
    """The directory, or the files (sorted) a path or pattern names; ``None`` if none."""
    text = os.fspath(path)
    if os.path.isdir(text) or os.path.isfile(text):
        return text
    found = sorted(p for p in glob.glob(text, recursive=True) if os.path.isfile(p))
    return found or None


def base_dir(path: Union[str, "os.PathLike[str]"]) -> Optional[str]:
    """Where the ``key=value`` folders of a pattern start: its part before the first
    wildcard (``obs/**/*.parquet`` → ``obs``)."""
    text = os.fspath(path)
    if not glob.has_magic(text):
        return None
    parts = []
    for part in text.replace("\\", "/").split("/"):
        if glob.has_magic(part):
            break
        parts.append(part)
    return "/".join(parts) or "."


def dataset(path: Union[str, "os.PathLike[str]"]) -> Any:
    """The pyarrow dataset of a Parquet path (hive partitioning: ``key=value`` folders become
    columns); ``None`` if no file matches."""
    try:
        import pyarrow.dataset as ds
    except ImportError as e:  # pragma: no cover - pyarrow is a test requirement
        raise ImportError(
            "reading Parquet observations needs pyarrow: pip install pyarrow"
        ) from e
    found = files(path)
    if found is None:
        return None
    base = base_dir(path)
    if isinstance(found, list) and base is not None:
        return ds.dataset(found, format="parquet", partitioning="hive", partition_base_dir=base)
    return ds.dataset(found, format="parquet", partitioning="hive")


def open_reader(path: Union[str, "os.PathLike[str]"]) -> Any:
    """A ``pyarrow.RecordBatchReader`` over the rows of a Parquet path, files in sorted
    order and rows in file order; ``None`` if no file matches."""
    data = dataset(path)
    if data is None:
        return None
    return data.scanner(use_threads=False).to_reader()
