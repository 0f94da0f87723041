"""A fixture's KPI table redrawn from its expected grid: columns reordered, headers reworded.

The expected grids (`tests/layout/grids/`) hold every cell's text. A variant
draws those texts into a new ruled grid: header cells that repeat side by side
are one merged cell, and so are body cells that repeat down a column (a program
name over its indicators), as the original prints them. What changes is only
what a report from another city would change: the order of the value columns,
the words of the headers, and the typeface (IPA Gothic).
"""

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pymupdf

GRIDS = Path(__file__).resolve().parent.parent / "layout" / "grids"
OTHER_FONT = Path("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf")
SIZE = 6.0
PAD = 4.0
MARGIN = 30.0


@dataclass(frozen=True)
class Variant:
    """How to redraw: the new order of column groups, header rewordings, the font file."""

    order: Callable[[list[tuple[int, ...]]], list[tuple[int, ...]]]
    headers: Mapping[str, str]
    font: Path = OTHER_FONT


def expected_tables(doc_id: str) -> list[dict[str, object]]:
    data = json.loads((GRIDS / f"{doc_id}.json").read_text(encoding="utf-8"))
    tables: list[dict[str, object]] = data["tables"]
    return tables


def column_groups(header: Sequence[Sequence[str]]) -> list[tuple[int, ...]]:
    """Adjacent columns whose header cells are the same in every header row: one group each."""
    groups: list[list[int]] = []
    for col in range(len(header[0])):
        same = col > 0 and all(row[col] and row[col] == row[col - 1] for row in header)
        if same and groups:
            groups[-1].append(col)
        else:
            groups.append([col])
    return [tuple(group) for group in groups]


def _wrap(font: pymupdf.Font, text: str, width: float) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for char in paragraph:
            if line and font.text_length(line + char, fontsize=SIZE) > width:
                lines.append(line)
                line = ""
            line += char
        lines.append(line)
    return lines


def _width(font: pymupdf.Font, texts: list[str]) -> float:
    """Wide enough for the column's short texts on one line; long ones wrap in at most 140pt."""
    lengths = [font.text_length(text, fontsize=SIZE) for text in texts]
    pairs = zip(lengths, texts, strict=True)
    short = max((length for length, text in pairs if len(text) <= 12), default=0.0)
    return min(140.0, max(24.0, short + 2 * PAD, max(lengths) / 3))


def _spans(rows: list[list[str]], header_rows: int) -> list[tuple[int, int, int, int]]:
    """Merged cells as (row, col, rowspan, colspan): header runs across, body runs down."""
    cells: list[tuple[int, int, int, int]] = []
    covered: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            colspan = rowspan = 1
            if r < header_rows:
                while c + colspan < len(row) and text and row[c + colspan] == text:
                    colspan += 1
                while r + rowspan < header_rows and text and rows[r + rowspan][c] == text:
                    rowspan += 1
            else:
                while r + rowspan < len(rows) and text and rows[r + rowspan][c] == text:
                    rowspan += 1
            covered.update((r + i, c + j) for i in range(rowspan) for j in range(colspan))
            cells.append((r, c, rowspan, colspan))
    return cells


def draw_table(
    rows: list[list[str]], header_rows: int, font_file: Path, title: str, out: Path
) -> None:
    """A one-page PDF: the title, then the rows as a ruled grid in the given font."""
    font = pymupdf.Font(fontfile=str(font_file))
    widths = [_width(font, [row[c] for row in rows]) for c in range(len(rows[0]))]
    line_height = SIZE * 1.3
    cells = _spans(rows, header_rows)
    heights = [line_height + 2 * PAD] * len(rows)
    for r, c, rowspan, colspan in cells:
        if rowspan == 1:
            width = sum(widths[c : c + colspan]) - 2 * PAD
            needed = len(_wrap(font, rows[r][c], width)) * line_height + 2 * PAD
            heights[r] = max(heights[r], needed)
    page_width = sum(widths) + 2 * MARGIN
    page_height = sum(heights) + 3 * MARGIN
    doc = pymupdf.open()
    page = doc.new_page(width=page_width, height=page_height)
    page.insert_font(fontname="other", fontfile=str(font_file))
    page.insert_text((MARGIN, MARGIN), title, fontname="other", fontsize=SIZE * 1.5)
    lefts = [MARGIN + sum(widths[:c]) for c in range(len(widths) + 1)]
    tops = [2 * MARGIN + sum(heights[:r]) for r in range(len(heights) + 1)]
    for r, c, rowspan, colspan in cells:
        rect = pymupdf.Rect(lefts[c], tops[r], lefts[c + colspan], tops[r + rowspan])
        page.draw_rect(rect, width=0.5)
        y = rect.y0 + PAD + SIZE
        for line in _wrap(font, rows[r][c], rect.width - 2 * PAD):
            page.insert_text((rect.x0 + PAD, y), line, fontname="other", fontsize=SIZE)
            y += line_height
    doc.subset_fonts()
    doc.save(out)


def rebuild(doc_id: str, header_rows: int, variant: Variant, out: Path) -> Path:
    """The fixture's KPI table(s) redrawn as the variant says, all rows on one page."""
    tables = expected_tables(doc_id)
    first: list[list[str]] = tables[0]["rows"]  # type: ignore[assignment]
    header = [list(row) for row in first[:header_rows]]
    body = [list(row) for table in tables for row in table["rows"][header_rows:]]  # type: ignore[index]
    order = [col for group in variant.order(column_groups(header)) for col in group]
    rows = [[row[col] for col in order] for row in header + body]
    for row in rows[:header_rows]:
        for col, text in enumerate(row):
            row[col] = variant.headers.get(text, text)
    path = out / f"{doc_id}.pdf"
    draw_table(rows, header_rows, variant.font, doc_id, path)
    return path
