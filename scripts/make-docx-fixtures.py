#!/usr/bin/env python3
"""Write the .docx fixtures of the plan importer from their text export form.

For each FIXTURE below, reads ``ctg-core/tests/import/<name>.txt`` and writes
``ctg-core/tests/import/<name>.docx`` so that ``ctg_core::import::docx_to_text`` of the
.docx gives back the .txt exactly (``ctg-core/tests/import_docx.rs`` checks it). The
generated .docx is committed: the tests do not need python-docx.

The text form (see ``ctg-core/src/import/docx.rs``) is read back as follows:

- blocks are separated by a blank line (``"\\n\\n"``); an empty block is an empty paragraph;
- a block whose every line holds a tab is a table, one row per line, ``HEADING<TAB>cell``:
  the heading is the first cell's paragraph, the cell's markup becomes paragraphs
  (``<p>`` plain, ``<ul>``/``<ol>`` items as Word bulleted/numbered lists, ``List Bullet``
  / ``List Number`` at the first level, ``List Bullet 2`` / ``List Number 2`` below;
  ``<br>`` a line break); a cell without markup is one plain paragraph;
- a block that starts with ``<ul>`` or ``<ol>`` is a list in the body;
- any other block is a paragraph, its lines separated by line breaks.

Usage (python-docx in a venv)::

    python3 -m venv /tmp/docxvenv && /tmp/docxvenv/bin/pip install python-docx
    /tmp/docxvenv/bin/python scripts/make-docx-fixtures.py

python-docx writes the document's creation date into ``docProps/core.xml``: the script
sets it to a fixed date so that running it twice gives the same text (the zip bytes may
still differ by their timestamps).
"""

from __future__ import annotations

import datetime
import sys
from html.parser import HTMLParser
from pathlib import Path

import docx
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
FIXTURES_DIR = ROOT / "ctg-core" / "tests" / "import"
FIXTURES = ["ctg-val-de-brume-plan-action-2024-2027"]

# (kind, level) of a list item; kind is "ul", "ol" or None for a plain paragraph.
Item = tuple[str | None, int, str]


class CellMarkup(HTMLParser):
    """The cell markup of the text form as a flat list of paragraphs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.items: list[Item] = []
        self.lists: list[str] = []
        self.current: list | None = None  # [kind, level, text]

    def flush(self) -> None:
        if self.current is not None:
            self.items.append((self.current[0], self.current[1], self.current[2]))
            self.current = None

    def handle_starttag(self, tag, attrs):
        if tag == "p":
            self.flush()
            self.current = [None, 0, ""]
        elif tag in ("ul", "ol"):
            self.flush()
            self.lists.append(tag)
        elif tag == "li":
            self.flush()
            kind = self.lists[-1] if self.lists else "ul"
            self.current = [kind, max(len(self.lists) - 1, 0), ""]
        elif tag == "br":
            if self.current is None:
                self.current = [None, 0, ""]
            self.current[2] += "\n"
        else:
            raise ValueError(f"unexpected tag <{tag}> in a cell")

    def handle_endtag(self, tag):
        if tag in ("p", "li"):
            self.flush()
        elif tag in ("ul", "ol"):
            self.flush()
            if self.lists:
                self.lists.pop()

    def handle_data(self, data):
        if self.current is None:
            self.current = [None, 0, ""]
        self.current[2] += data

    def handle_entityref(self, name):
        self.handle_data(f"&{name}")

    def handle_charref(self, name):
        self.handle_data(f"&#{name}")


def parse_cell(markup: str) -> list[Item]:
    parser = CellMarkup()
    parser.feed(markup)
    parser.close()
    parser.flush()
    return parser.items


def list_style(kind: str, level: int) -> str:
    base = "List Bullet" if kind == "ul" else "List Number"
    return base if level == 0 else f"{base} {level + 1}"


def fill(paragraph, text: str) -> None:
    """Runs of text separated by line breaks (python-docx turns ``\\n`` into ``w:br``)."""
    paragraph.add_run(text)


def add_items(container, items: list[Item], styles, first=None) -> None:
    """Paragraphs for the items, in a cell or the document; `first` is an existing empty
    paragraph to use for the first item (a new cell has one)."""
    for kind, level, text in items:
        if first is not None:
            paragraph, first = first, None
        else:
            paragraph = container.add_paragraph()
        if kind is not None:
            paragraph.style = styles[list_style(kind, level)]
        fill(paragraph, text)


def build(text: str) -> docx.document.Document:
    document = docx.Document()
    document.core_properties.created = datetime.datetime(2024, 3, 14, 9, 0, 0)
    document.core_properties.modified = datetime.datetime(2024, 3, 14, 9, 0, 0)
    document.core_properties.title = "Document fictif — plan d'action de test"
    document.styles["Normal"].font.size = Pt(10)
    for block in text.split("\n\n"):
        lines = block.split("\n")
        if block and all("\t" in line for line in lines):
            rows = [line.split("\t") for line in lines]
            columns = max(len(r) for r in rows)
            table = document.add_table(rows=len(rows), cols=columns)
            table.style = document.styles["Table Grid"]
            for r, cells in enumerate(rows):
                for c, content in enumerate(cells):
                    cell = table.cell(r, c)
                    if c == 0:
                        cell.paragraphs[0].add_run(content).bold = True
                    else:
                        add_items(cell, parse_cell(content), document.styles, first=cell.paragraphs[0])
        elif block.startswith(("<ul>", "<ol>")):
            add_items(document, parse_cell(block), document.styles)
        else:
            fill(document.add_paragraph(), block)
    return document


def main() -> int:
    for name in FIXTURES:
        source = FIXTURES_DIR / f"{name}.txt"
        target = FIXTURES_DIR / f"{name}.docx"
        build(source.read_text(encoding="utf-8")).save(target)
        print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
