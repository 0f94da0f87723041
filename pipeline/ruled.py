"""Ruled tables rebuilt from the page's own vector drawings and words.

Reading a page's drawings and words takes milliseconds; calling a table finder
takes a second or more a page. A spreadsheet-made PDF draws every ruling line,
so the grid is there to be read: the horizontal and vertical segments give the
row and column edges, a missing segment inside the grid marks a merged cell,
and each word falls in the cell that holds its centre.
"""

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import pymupdf

from pipeline.ingest import Word
from pipeline.repair import join_wrapped_lines
from pipeline.table import BBox, Cell, Table, TableQuality

Segment = tuple[float, float, float, float]  # x0, y0, x1, y1 with x0 <= x1 and y0 <= y1


@dataclass(frozen=True)
class RuledSettings:
    """How the ruled strategy reads lines; the defaults serve spreadsheet exports."""

    snap: float = 2.0  # points: edges closer than this are one edge
    thin: float = 2.0  # points: a filled rectangle thinner than this is a line
    border_coverage: float = 0.6  # share of a cell side a segment must cover to be its border
    min_rows: int = 2
    min_cols: int = 2

    def __post_init__(self) -> None:
        if self.snap <= 0 or self.thin <= 0:
            raise ValueError("snap and thin must be positive")
        if not 0 < self.border_coverage <= 1:
            raise ValueError("border_coverage must lie in (0, 1]")


def ruling_segments(
    page: pymupdf.Page, settings: RuledSettings, upright: pymupdf.Matrix | None = None
) -> list[Segment]:
    """Straight horizontal and vertical strokes: drawn lines, rectangle sides, thin fills.

    `upright` turns them the way a sideways page's words were turned.
    """
    segments: list[Segment] = []
    for path in page.get_drawings():
        for item in path["items"]:
            if item[0] == "l":
                start, end = item[1], item[2]
                if upright is not None:
                    start, end = start * upright, end * upright
                segments.append(_segment(start.x, start.y, end.x, end.y))
            elif item[0] in ("re", "qu"):
                # A closed path of four lines comes as a quad: its rect is the cell.
                rect = item[1] if item[0] == "re" else item[1].rect
                if upright is not None:
                    rect = (rect * upright).normalize()
                segments += _rectangle_sides(rect, settings.thin)
    return [s for s in segments if _is_horizontal(s, settings) or _is_vertical(s, settings)]


def _segment(x0: float, y0: float, x1: float, y1: float) -> Segment:
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _rectangle_sides(rect: pymupdf.Rect, thin: float) -> list[Segment]:
    x0, y0, x1, y1 = rect.x0, rect.y0, rect.x1, rect.y1
    if y1 - y0 < thin:
        middle = (y0 + y1) / 2
        return [(x0, middle, x1, middle)]
    if x1 - x0 < thin:
        middle = (x0 + x1) / 2
        return [(middle, y0, middle, y1)]
    return [(x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)]


def _is_horizontal(segment: Segment, settings: RuledSettings) -> bool:
    x0, y0, x1, y1 = segment
    return y1 - y0 <= settings.snap / 2 and x1 - x0 > settings.snap


def _is_vertical(segment: Segment, settings: RuledSettings) -> bool:
    x0, y0, x1, y1 = segment
    return x1 - x0 <= settings.snap / 2 and y1 - y0 > settings.snap


def touch(a: Segment, b: Segment, snap: float) -> bool:
    """Whether two segments meet, or come within `snap` of meeting."""
    return (
        a[0] - snap <= b[2] and b[0] - snap <= a[2] and a[1] - snap <= b[3] and b[1] - snap <= a[3]
    )


Item = TypeVar("Item", bound=Hashable)


class DisjointSets(Generic[Item]):
    """Union-find: which items belong together (segments of one table, slots of one cell)."""

    def __init__(self, items: Iterable[Item]) -> None:
        self.parent = {item: item for item in items}

    def find(self, item: Item) -> Item:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: Item, b: Item) -> None:
        self.parent[self.find(b)] = self.find(a)

    def groups(self) -> list[list[Item]]:
        members: dict[Item, list[Item]] = {}
        for item in self.parent:
            members.setdefault(self.find(item), []).append(item)
        return list(members.values())


def group_segments(segments: Sequence[Segment], snap: float) -> list[list[Segment]]:
    """Segments that touch, directly or through others, form one table's ruling."""
    sets = DisjointSets(range(len(segments)))
    for i, a in enumerate(segments):
        for j in range(i + 1, len(segments)):
            if touch(a, segments[j], snap):
                sets.union(i, j)
    return [[segments[i] for i in group] for group in sets.groups()]


def cluster(values: Iterable[float], snap: float) -> list[float]:
    """Sorted positions with those closer than `snap` merged into their mean."""
    clusters: list[list[float]] = []
    for value in sorted(values):
        if clusters and value - clusters[-1][-1] <= snap:
            clusters[-1].append(value)
        else:
            clusters.append([value])
    return [sum(c) / len(c) for c in clusters]


Span = tuple[float, float]


def _covered(spans: Sequence[Span], low: float, high: float, settings: RuledSettings) -> bool:
    """Whether the stretches drawn along one edge cover enough of [low, high].

    Overlapping strokes count once: PDFs often stroke each cell's rectangle, so
    a shared border is drawn twice.
    """
    covered, reach = 0.0, low
    for start, end in sorted(spans):
        start, end = max(start, reach), min(end, high)
        if end > start:
            covered += end - start
            reach = end
    return covered >= settings.border_coverage * (high - low)


def grid_cells(
    segments: Sequence[Segment], settings: RuledSettings
) -> tuple[list[float], list[float], list[Cell]]:
    """Column edges, row edges and cells (merged where an inner border is missing)."""
    vertical = [s for s in segments if _is_vertical(s, settings)]
    horizontal = [s for s in segments if _is_horizontal(s, settings)]
    xs = cluster((s[0] for s in vertical), settings.snap)
    ys = cluster((s[1] for s in horizontal), settings.snap)
    rows, cols = len(ys) - 1, len(xs) - 1
    if rows < settings.min_rows or cols < settings.min_cols:
        return xs, ys, []

    def along(edge: float, lines: list[Segment], axis: int) -> list[Span]:
        return [(s[1 - axis], s[3 - axis]) for s in lines if abs(s[axis] - edge) <= settings.snap]

    verticals = [along(x, vertical, 0) for x in xs]
    horizontals = [along(y, horizontal, 1) for y in ys]
    slots = DisjointSets((r, c) for r in range(rows) for c in range(cols))
    for r in range(rows):
        for c in range(cols):
            if c + 1 < cols and not _covered(verticals[c + 1], ys[r], ys[r + 1], settings):
                slots.union((r, c), (r, c + 1))
            if r + 1 < rows and not _covered(horizontals[r + 1], xs[c], xs[c + 1], settings):
                slots.union((r, c), (r + 1, c))
    cells = [merged_cell(group, xs, ys) for group in slots.groups()]
    return xs, ys, sorted(cells, key=lambda cell: (cell.row, cell.col))


def merged_cell(slots: list[tuple[int, int]], xs: list[float], ys: list[float]) -> Cell:
    top, bottom = min(r for r, _ in slots), max(r for r, _ in slots)
    left, right = min(c for _, c in slots), max(c for _, c in slots)
    bbox = (xs[left], ys[top], xs[right + 1], ys[bottom + 1])
    return Cell(top, left, bbox, rowspan=bottom - top + 1, colspan=right - left + 1)


def centre_in(word: Word, box: BBox) -> bool:
    x = (word.bbox[0] + word.bbox[2]) / 2
    y = (word.bbox[1] + word.bbox[3]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def text_lines(words: Sequence[Word]) -> list[list[Word]]:
    """Words grouped into printed lines (by vertical centre), each line left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: ((w.bbox[1] + w.bbox[3]) / 2, w.bbox[0])):
        middle = (word.bbox[1] + word.bbox[3]) / 2
        if lines:
            last = lines[-1][-1]
            half = (last.bbox[3] - last.bbox[1]) / 2
            if abs(middle - (last.bbox[1] + last.bbox[3]) / 2) <= half:
                lines[-1].append(word)
                continue
        lines.append([word])
    return [sorted(line, key=lambda w: w.bbox[0]) for line in lines]


def cell_texts(words: Sequence[Word]) -> tuple[str, str]:
    """A cell's raw text (its printed lines) and its text (the lines joined and folded)."""
    lines = text_lines(words)
    raw = "\n".join(" ".join(word.raw for word in line) for line in lines)
    return raw, join_wrapped_lines([" ".join(word.text for word in line) for line in lines])


def fill_cells(cells: list[Cell], words: Sequence[Word]) -> int:
    """Give each cell the words whose centre it holds; returns how many words found a cell."""
    placed = 0
    for cell in cells:
        cell.words = [word for word in words if centre_in(word, cell.bbox)]
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
