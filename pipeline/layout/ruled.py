"""Ruled tables rebuilt from the page's own vector drawings and words.

Reading a page's drawings and words takes milliseconds; calling a table finder
takes a second or more a page. A spreadsheet-made PDF draws every ruling line,
so the grid is there to be read: the horizontal and vertical segments give the
row and column edges, a missing segment inside the grid marks a merged cell,
and each word falls in the cell that holds its centre.
"""

from collections.abc import Sequence

import pymupdf

from pipeline.model import (
    BBox,
    Cell,
    Centres,
    RuledSettings,
    Segment,
    Table,
    TableQuality,
    Word,
    cell_texts,
    centre_in,
    grid_cells,
    group_segments,
    is_horizontal,
    is_vertical,
)


def ruling_segments(
    page: pymupdf.Page, settings: RuledSettings, upright: pymupdf.Matrix | None = None
) -> list[Segment]:
    """Straight horizontal and vertical strokes: drawn lines, rectangle sides, thin fills.

    `upright` turns them the way a sideways page's words were turned. The paths are
    read as pymupdf's plain tuples (`get_cdrawings`): a page of cell borders holds
    thousands, and making a Point or Rect of each cost more than reading them.
    """
    segments: list[Segment] = []
    for path in page.get_cdrawings():
        for item in path["items"]:
            if item[0] == "l":
                segments.append(_line(item[1], item[2], upright))
            elif item[0] in ("re", "qu"):
                # A closed path of four lines comes as a quad: its rect is the cell.
                box = _normalized(item[1]) if item[0] == "re" else _quad_box(item[1])
                if upright is not None:
                    turned = (pymupdf.Rect(box) * upright).normalize()
                    box = (turned.x0, turned.y0, turned.x1, turned.y1)
                segments += _rectangle_sides(box, settings.thin)
    return [s for s in segments if is_horizontal(s, settings) or is_vertical(s, settings)]


Point = tuple[float, float]


def _line(start: Point, end: Point, upright: pymupdf.Matrix | None) -> Segment:
    x0, y0, x1, y1 = *start, *end
    if upright is not None:
        (x0, y0), (x1, y1) = _turned(start, upright), _turned(end, upright)
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _turned(point: Point, matrix: pymupdf.Matrix) -> Point:
    turned = pymupdf.Point(point) * matrix
    return (turned.x, turned.y)


def _normalized(box: BBox) -> BBox:
    """The box with its corners swapped where they run backwards, as `Rect.normalize` does."""
    x0, y0, x1, y1 = box
    if x1 < x0:
        x0, x1 = x1, x0
    if y1 < y0:
        y0, y1 = y1, y0
    return (x0, y0, x1, y1)


def _quad_box(quad: tuple[Point, Point, Point, Point]) -> BBox:
    """The box around a quad (upper left, upper right, lower left, lower right), as
    `Quad.rect` takes it."""
    ul, ur, ll, lr = quad
    return (
        min(ul[0], ur[0], lr[0], ll[0]),
        min(ul[1], ur[1], lr[1], ll[1]),
        max(ul[0], ur[0], lr[0], ll[0]),
        max(ul[1], ur[1], lr[1], ll[1]),
    )


def _rectangle_sides(box: BBox, thin: float) -> list[Segment]:
    x0, y0, x1, y1 = box
    if y1 - y0 < thin:
        middle = (y0 + y1) / 2
        return [(x0, middle, x1, middle)]
    if x1 - x0 < thin:
        middle = (x0 + x1) / 2
        return [(middle, y0, middle, y1)]
    return [(x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)]


def fill_cells(cells: list[Cell], words: Sequence[Word]) -> int:
    """Give each cell the words whose centre it holds; returns how many words found a cell.

    A word centred on a border shared by two cells is given to both.
    """
    placed = 0
    centres = Centres(words)
    for cell in cells:
        cell.words = centres.within(cell.bbox)
        placed += len(cell.words)
        cell.raw, cell.text = cell_texts(cell.words)
    return placed


def ruled_tables(
    page: pymupdf.Page,
    words: Sequence[Word],
    settings: RuledSettings | None = None,
    upright: pymupdf.Matrix | None = None,
) -> list[Table]:
    """Every ruled grid on a page, with its words placed and its quality measured."""
    settings = settings or RuledSettings()
    tables: list[Table] = []
    for group in group_segments(ruling_segments(page, settings, upright), settings.snap):
        xs, ys, cells = grid_cells(group, settings)
        if not cells:
            continue
        bbox = (xs[0], ys[0], xs[-1], ys[-1])
        inside = [word for word in words if centre_in(word, bbox)]
        placed = fill_cells(cells, inside)
        quality = TableQuality.of(placed / len(inside) if inside else 0.0, cells)
        tables.append(Table(page.number + 1, bbox, xs, ys, cells, "ruled", quality))
    return sorted(tables, key=lambda table: (table.bbox[1], table.bbox[0]))
