"""Which printed lines of a stream table are one row.

Camelot stream takes every printed line for a row, so a cell that wraps puts
its second line, and the blank cells beside it, into a row of their own. Two
things on the page say where a row really ends: a horizontal rule drawn under
it (a word processor's borders, with no column ruling) or, with no rules, the
wider space a table leaves between its rows than between a cell's lines.
"""

from bisect import bisect
from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from pipeline.model import Segment, Word, centre_in

if TYPE_CHECKING:
    from pipeline.layout.camelot import CamelotSettings


def row_bands(
    xs: list[float],
    ys: list[float],
    words: Sequence[Word],
    rules: Sequence[Segment],
    settings: "CamelotSettings",
) -> list[int] | None:
    """For each row of a stream table the band it belongs to (rows of one band are one
    row), from the rules across it, else from its line spacing; None to keep every row."""
    bands = rule_bands(xs, ys, rules, settings.rule_span)
    if bands is None:
        bands = spacing_bands(xs, ys, words, settings.line_space, settings.row_space)
    return bands


def rule_bands(
    xs: list[float], ys: list[float], rules: Sequence[Segment], span: float
) -> list[int] | None:
    """The band between horizontal rules each row's middle lies in.

    Only rules across `span` of the table's width count, and a table with fewer
    than three inside it is left as stream read it (None). A row outside every
    pair of rules is a band of its own. The rule under the last row may lie below
    the last line stream saw, so the first rule below the table, no further than
    its tallest band, closes it.
    """
    width = xs[-1] - xs[0]
    across = sorted(
        {
            round(y0, 1)
            for x0, y0, x1, _ in rules
            if min(x1, xs[-1]) - max(x0, xs[0]) >= span * width
        }
    )
    inside = [y for y in across if ys[0] - 1 <= y <= ys[-1] + 1]
    if len(inside) < 3:
        return None
    tallest = max(b - a for a, b in pairwise(inside))
    below = [y for y in across if ys[-1] + 1 < y <= inside[-1] + tallest]
    inside += below[:1]
    bands = []
    for r, (top, bottom) in enumerate(pairwise(ys)):
        band = bisect(inside, (top + bottom) / 2)
        outside = band == 0 or band == len(inside)
        bands.append(-1 - r if outside else band)
    return bands


def spacing_bands(
    xs: list[float],
    ys: list[float],
    words: Sequence[Word],
    line_space: float,
    row_space: float,
) -> list[int] | None:
    """Bands split where the space between two rows' text is a row's, not a line's.

    A row whose text stands less than `line_space` line heights below the row
    above carries on that row; only a table that also leaves `row_space` line
    heights or more between some of its rows is read so (a table spaced evenly
    gives no evidence, and None).
    """
    extents: list[tuple[float, float] | None] = []
    heights: list[float] = []
    for top, bottom in pairwise(ys):
        boxes = [w.bbox for w in words if centre_in(w, (xs[0], top, xs[-1], bottom))]
        extents.append((min(b[1] for b in boxes), max(b[3] for b in boxes)) if boxes else None)
        heights += [b[3] - b[1] for b in boxes]
    if not heights:
        return None
    line = sorted(heights)[len(heights) // 2]
    gaps: list[float | None] = [None]
    last: tuple[float, float] | None = None
    for extent in extents:
        gaps.append(extent[0] - last[1] if extent and last else None)
        last = extent or last
    gaps = gaps[1:]
    spaced = [gap for gap in gaps if gap is not None]
    if not any(gap < line_space * line for gap in spaced) or not any(
        gap >= row_space * line for gap in spaced
    ):
        return None
    bands, band = [], 0
    for gap in gaps:
        if gap is None or gap >= line_space * line:
            band += 1
        bands.append(band)
    return bands
