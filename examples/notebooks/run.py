"""Execute the example notebooks with nbclient (as CI does) and write the executed copies
under ``target/notebooks/`` (never over the sources).

    MPLBACKEND=Agg python examples/notebooks/run.py [NOTEBOOK.ipynb ...]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
OUT = REPO / "target" / "notebooks"


def run(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ctg-kernel-") as sockets:
        # The kernel talks over Unix sockets (no TCP port, not even on localhost).
        km = KernelManager(kernel_name="python3", transport="ipc", ip=os.path.join(sockets, "kernel"))
        client = NotebookClient(nb, km=km, timeout=300, resources={"metadata": {"path": str(path.parent)}})
        try:
            client.execute()
        finally:
            if km.has_kernel:
                km.shutdown_kernel(now=True)
    OUT.mkdir(parents=True, exist_ok=True)
    out = OUT / path.name
    nbformat.write(nb, out)
    print(f"notebook {path.relative_to(REPO)}: {len(nb.cells)} cells executed in {time.perf_counter() - start:.1f} s -> {out.relative_to(REPO)}")


def main() -> None:
    os.environ.setdefault("MPLBACKEND", "Agg")
    paths = [Path(p).resolve() for p in sys.argv[1:]] or sorted(HERE.glob("*.ipynb"))
    for path in paths:
        run(path)


if __name__ == "__main__":
    main()
