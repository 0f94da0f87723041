"""A table's grid from its ruling: segments that touch form one table, their edges its rows
and columns, and a border drawn for too little of a cell's side merges the cells beside it.

Shared by the two strategies that find ruling, the vector drawings of a typed page and
the lines found in a scan's image, so both build cells by the same rules.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pipeline.model.geometry import DisjointSets, Segment
from pipeline.model.table import Cell


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


def is_horizontal(segment: Segment, settings: RuledSettings) -> bool:
    x0, y0, x1, y1 = segment
    return y1 - y0 <= settings.snap / 2 and x1 - x0 > settings.snap


def is_vertical(segment: Segment, settings: RuledSettings) -> bool:
    x0, y0, x1, y1 = segment
    return x1 - x0 <= settings.snap / 2 and y1 - y0 > settings.snap


def group_segments(segments: Sequence[Segment], snap: float) -> list[list[Segment]]:
    """Segments that touch, directly or through others, form one table's ruling.

    A sweep from left to right compares each segment with those whose right end
    still reaches within `snap` of it, not with every segment of the page: a
    page of cell borders holds thousands of segments, few of them near each other.
    """
    sets = DisjointSets(range(len(segments)))
    reaching: list[int] = []
    for i in sorted(range(len(segments)), key=lambda k: segments[k][0]):
        x0, y0, _, y1 = segments[i]
        reaching = [j for j in reaching if x0 - snap <= segments[j][2]]
        # Those reaching it start no later and end no sooner than `snap` before it: they
        # meet it across (`touch`) where they meet it down.
        for j in reaching:
            if segments[j][1] - snap <= y1 and y0 - snap <= segments[j][3]:
                sets.union(j, i)
        reaching.append(i)
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
    vertical = [s for s in segments if is_vertical(s, settings)]
    horizontal = [s for s in segments if is_horizontal(s, settings)]
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
