#!/usr/bin/env python3
"""What the bytes of a wasm module are: its functions and data by crate (and by module for
ctg-core), from `twiggy top --format csv` of a build that keeps its names.

    cargo install twiggy --root ~/.cache/ctg/tools/twiggy       # once
    ~/.cache/ctg/tools/twiggy/bin/twiggy top -n 1000000 --format csv target/wasm32-unknown-unknown/release/ctg_wasm_main.wasm > /tmp/top.csv
    python3 scripts/wasm-size.py /tmp/top.csv [--rows 25]

Prints a Markdown table: crate (or `ctg_core::<module>`), bytes, share of the module. A
function's crate is the first path of its demangled name; for a trait impl
(`<a::B as c::D>::f`), the type's (`a`); a generic instantiated for ctg-core's types is
counted where its code comes from (`core`, `alloc`, `serde`…). Data segments, the function
table and wasm-bindgen's glue are their own rows; the names section and custom sections
(which the shipped module does not hold) are not counted.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter

# `_ZN…E` / `_R…` leftovers are rare after wasm-bindgen; twiggy prints demangled names.
HASH = re.compile(r"::h[0-9a-f]{16}$")
CRATE_FIX = {"std": "std", "core": "core", "alloc": "alloc"}


def owner(name: str) -> str:
    """The crate (or ctg-core module) a function or item of the module belongs to."""
    n = HASH.sub("", name.strip())
    if n.startswith("data[") or n.startswith("data segment"):
        return "(data: strings, tables)"
    if n.startswith("elem[") or n.startswith("table["):
        return "(function table)"
    if n.startswith("type[") or n.startswith("import ") or n.startswith("export "):
        return "(types, imports, exports)"
    if n.startswith("custom section"):
        return "(custom sections)"
    if n.startswith("code[") or n.startswith("func["):
        return "(unnamed functions)"
    # `<T as Trait>::f` and `<T>::f`: the type's path.
    while n.startswith("<"):
        n = n[1:]
    n = n.lstrip("&*").replace("mut ", "").replace("dyn ", "")
    # Symbols carry the crate's disambiguator in brackets (`core[5c3a…]::fmt`).
    n = re.sub(r"\[[0-9a-f]+\]", "", n)
    head = re.split(r"::|<| as |\s", n, maxsplit=2)
    crate = head[0] if head and head[0] else n
    if crate in ("T", "S", "E", "F", "I", "R", "W", "K", "V"):
        return "(generic impls over a type parameter)"
    if crate in ("ctg_core", "ctg_wasm") and len(head) > 1 and head[1]:
        return f"{crate}::{head[1]}"
    if crate.startswith("__wbg") or crate.startswith("wasm_bindgen") or crate.startswith("__wbindgen"):
        return "wasm_bindgen (glue)"
    if crate in ("dlmalloc", "__rdl_alloc", "__rust_alloc", "__rg_alloc"):
        return "dlmalloc (allocator)"
    if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", crate):
        return "(other: " + crate[:20] + ")"
    return CRATE_FIX.get(crate, crate)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("csv", help="twiggy top --format csv output")
    ap.add_argument("--rows", type=int, default=30, help="rows of the table (the rest summed)")
    args = ap.parse_args()
    sizes: Counter[str] = Counter()
    total = 0
    with open(args.csv, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            name = row.get("Name") or ""
            size = int(row.get("ShallowSize") or 0)
            if name.startswith("Σ") or name.startswith("... and"):
                continue
            # Names and wasm-bindgen's descriptors are not in the shipped module (wasm-bindgen
            # and wasm-opt take them out): only code and data are counted.
            if "function names" in name or name.startswith("custom section"):
                continue
            sizes[owner(name)] += size
            total += size
    if total == 0:
        print("no rows read", file=sys.stderr)
        return 1
    print("| crate or module | bytes | share |")
    print("|---|---:|---:|")
    rest = 0
    for i, (k, v) in enumerate(sizes.most_common()):
        if i < args.rows:
            print(f"| `{k}` | {v:,} | {100 * v / total:.1f} % |")
        else:
            rest += v
    if rest:
        print(f"| the {len(sizes) - args.rows} others | {rest:,} | {100 * rest / total:.1f} % |")
    print(f"| **in all** | **{total:,}** | 100 % |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
