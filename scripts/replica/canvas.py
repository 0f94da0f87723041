"""Drawing primitives for the fixture replicas: pages, text lines, ruled grids with merged cells.

The replicas reproduce what a report's PDF holds, not how it looks on paper, so
text goes in line by line exactly as given (garbling and line breaks included)
and every ruling line is a vector drawing, as in a spreadsheet-made PDF.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

import pymupdf

# The reports' extracted text, as the fixtures keep it.
SEEDS = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "seeds"

A4 = (595.0, 842.0)
A3 = (842.0, 1191.0)

Align = Literal["left", "center", "right"]
VAlign = Literal["top", "middle"]

# Japanese line breaking (kinsoku): these never begin a line.
NO_LINE_START = set(
    "、。，．・：；？！ー）」』】〕〉》”’ぁぃぅぇぉっゃゅょァィゥェォッャュョ%)]},."
)

PAD = 2.5  # points between a cell border and its text
LEADING = 1.25  # line height as a multiple of the font size


@dataclass(frozen=True)
class Cell:
    """One grid cell: its position, its span, and its text as printed lines.

    `lines` are placed as given; with `wrap` a single string is broken at the
    cell width, character by character, as Japanese typesetting does. With
    `spill` a line may run past the cell border, as printed text sometimes does.
    """

    row: int
    col: int
    lines: Sequence[str] = ()
    rowspan: int = 1
    colspan: int = 1
    align: Align = "left"
    valign: VAlign = "top"
    wrap: bool = False
    size: float | None = None
    spill: bool = False


@dataclass
class Grid:
    """A ruled table: column widths, row heights (None rows sized to fit), cells."""

    left: float
    top: float
    widths: Sequence[float]
    cells: list[Cell]
    heights: list[float | None] = field(default_factory=list)
    size: float = 7.0
    ruled: bool = True


def cell(row: int, col: int, text: str | Sequence[str] = (), **options: object) -> Cell:
    """A cell whose text is a string split at its newlines, or a list of lines."""
    lines = text.split("\n") if isinstance(text, str) else list(text)
    return Cell(row, col, lines, **options)  # type: ignore[arg-type]


class Canvas:
    """One page being drawn: places text with the embedded font and rules grids."""

    def __init__(self, page: pymupdf.Page, font: pymupdf.Font, fontname: str, invisible: bool):
        self.page = page
        self.font = font
        self.fontname = fontname
        # Invisible pages carry text in render mode 3 and no rules: the text
        # layer an OCR program lays over a scan image.
        self.invisible = invisible
        self.rotation: tuple[pymupdf.Point, pymupdf.Matrix] | None = None

    @property
    def width(self) -> float:
        return float(self.page.rect.width)

    def measure(self, text: str, size: float) -> float:
        return float(self.font.text_length(text, fontsize=size))

    def text(self, x: float, top: float, line: str, size: float) -> None:
        """Write one line whose top edge is at `top` (not its baseline)."""
        if not line:
            return
        baseline = top + self.font.ascender * size
        self.page.insert_text(
            (x, baseline),
            line,
            fontname=self.fontname,
            fontsize=size,
            render_mode=3 if self.invisible else 0,
            morph=self.rotation,
        )

    def lines(
        self,
        rect: pymupdf.Rect,
        lines: Sequence[str],
        size: float,
        align: Align = "left",
        valign: VAlign = "top",
        spill: bool = False,
    ) -> None:
        """Write lines inside a rectangle; a line wider than the box is a layout error."""
        inner = rect.width - 2 * PAD
        block = len(lines) * size * LEADING
        top = rect.y0 + PAD if valign == "top" else rect.y0 + (rect.height - block) / 2
        for index, line in enumerate(lines):
            width = self.measure(line, size)
            if width > inner + 0.5 and not spill:
                raise ValueError(f"{line!r} is {width:.1f}pt wide, the box {inner:.1f}pt")
            if align == "left":
                x = rect.x0 + PAD
            elif align == "right":
                x = rect.x1 - PAD - width
            else:
                x = rect.x0 + (rect.width - width) / 2
            self.text(x, top + index * size * LEADING, line, size)

    def wrap(self, text: str, width: float, size: float) -> list[str]:
        """Break text into lines no wider than `width`, keeping its own line breaks.

        A character that may not begin a line takes the one before it down to
        the next line (oidashi), so nothing runs past the border.
        """
        room = width - 2 * PAD
        out: list[str] = []
        for paragraph in text.split("\n"):
            line, used = "", 0.0
            for char in paragraph:
                advance = self.measure(char, size)
                if line and used + advance > room:
                    carried = ""
                    if char in NO_LINE_START and len(line) > 1:
                        line, carried = line[:-1], line[-1]
                    out.append(line)
                    line, used = carried, self.measure(carried, size)
                line += char
                used += advance
            out.append(line)
        return out

    def rule(self, segments: Sequence[tuple[float, float, float, float]], width: float) -> None:
        """Draw straight ruling lines, one shape, as a spreadsheet export does."""
        if self.invisible:
            return
        shape = self.page.new_shape()
        for x0, y0, x1, y1 in segments:
            shape.draw_line((x0, y0), (x1, y1))
        shape.finish(color=(0, 0, 0), width=width)
        shape.commit()

    def grid(self, grid: Grid) -> dict[tuple[int, int], pymupdf.Rect]:
        """Draw a grid and its text; returns each cell's rectangle by (row, col)."""
        cells = [self._wrapped(grid, item) for item in grid.cells]
        xs = _edges(grid.left, grid.widths)
        ys = _edges(grid.top, self._row_heights(grid, cells))
        rects: dict[tuple[int, int], pymupdf.Rect] = {}
        segments: set[tuple[float, float, float, float]] = set()
        for item in cells:
            rect = pymupdf.Rect(
                xs[item.col], ys[item.row], xs[item.col + item.colspan], ys[item.row + item.rowspan]
            )
            rects[(item.row, item.col)] = rect
            segments.update(_border(rect))
            size = item.size or grid.size
            self.lines(rect, item.lines, size, item.align, item.valign, item.spill)
        if grid.ruled:
            self.rule(sorted(segments), width=0.6)
        return rects

    def _wrapped(self, grid: Grid, item: Cell) -> Cell:
        if not item.wrap:
            return item
        width = sum(grid.widths[item.col : item.col + item.colspan])
        size = item.size or grid.size
        lines = self.wrap("\n".join(item.lines), width, size)
        return replace(item, lines=lines, wrap=False)

    def _row_heights(self, grid: Grid, cells: list[Cell]) -> list[float]:
        """Rows with no set height get the height of their tallest single-row cell."""
        rows = max(item.row + item.rowspan for item in cells)
        heights = list(grid.heights) + [None] * (rows - len(grid.heights))
        needed = [0.0] * rows
        for item in cells:
            if item.rowspan == 1:
                block = len(item.lines) * (item.size or grid.size) * LEADING + 2 * PAD
                needed[item.row] = max(needed[item.row], block)
        return [
            h if h is not None else max(needed[i], grid.size * 2) for i, h in enumerate(heights)
        ]


def _edges(start: float, sizes: Sequence[float]) -> list[float]:
    edges = [start]
    for size in sizes:
        edges.append(edges[-1] + size)
    return edges


def _border(rect: pymupdf.Rect) -> list[tuple[float, float, float, float]]:
    x0, y0, x1, y1 = (round(v, 2) for v in rect)
    return [(x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)]


class Replica:
    """A PDF being built, with one Japanese font embedded (and subset on save)."""

    def __init__(
        self, font_file: str | None = None, invisible: bool = False, rotation: float = 0.0
    ):
        self.doc = pymupdf.open()
        self.font = pymupdf.Font(fontfile=font_file) if font_file else pymupdf.Font("cjk")
        self.invisible = invisible
        # Degrees, counter-clockwise as seen: text turned with a scan image beneath it.
        self.rotation = rotation

    def page(self, size: tuple[float, float] = A4, landscape: bool = False) -> Canvas:
        width, height = (size[1], size[0]) if landscape else size
        page = self.doc.new_page(width=width, height=height)
        page.insert_font(fontname="jp", fontbuffer=self.font.buffer)
        canvas = Canvas(page, self.font, "jp", self.invisible)
        if self.rotation:
            center = pymupdf.Point(width / 2, height / 2)
            canvas.rotation = (center, pymupdf.Matrix(self.rotation))
        return canvas

    def save(self, path: str, title: str) -> None:
        self.doc.set_metadata({"title": title, "producer": "kpi-pipeline fixture replica"})
        self.doc.subset_fonts()
        self.doc.save(path, garbage=4, deflate=True, no_new_id=True)
