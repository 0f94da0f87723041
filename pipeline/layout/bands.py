"""Which printed lines of a stream table are one row.

Camelot stream takes every printed line for a row, so a cell that wraps puts
its second line, and the blank cells beside it, into a row of their own. Two
things on the page say where a row really ends: a horizontal rule drawn under
it (a word processor's borders, with no column ruling) or, with no rules, the
wider space a table leaves between its rows than between a cell's lines.
"""

import re
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
    above carries on that row where the table leaves `row_space` line heights or
    more between its rows at least as often. A table set tight throughout, with a
    few wider breaks (sections), says nothing by its spacing: there the columns a
    line prints decide (`_carries_on`). A table spaced evenly gives no evidence,
    and None.
    """
    extents: list[tuple[float, float] | None] = []
    printed: list[set[int]] = []
    firsts: list[str] = []  # each row's first word
    heights: list[float] = []
    for top, bottom in pairwise(ys):
        inside = [w for w in words if centre_in(w, (xs[0], top, xs[-1], bottom))]
        boxes = [w.bbox for w in inside]
        extents.append((min(b[1] for b in boxes), max(b[3] for b in boxes)) if boxes else None)
        printed.append({bisect(xs, (b[0] + b[2]) / 2) for b in boxes})
        firsts.append(min(inside, key=lambda w: w.bbox[0]).text if inside else "")
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
    tight = sum(gap < line_space * line for gap in spaced)
    wide = sum(gap >= row_space * line for gap in spaced)
    if not tight:
        return None
    by_spacing = wide >= tight
    bands, band, started = [], 0, True
    for r, gap in enumerate(gaps):
        carries = gap is not None and gap < line_space * line
        if carries and not by_spacing:
            carries = r > 0 and _carries_on(printed[r - 1], printed[r], started, firsts[r])
        started = not carries
        band += 0 if carries else 1
        bands.append(band)
    return bands if by_spacing or len(set(bands)) < len(bands) else None


# A line that opens with an enumerator or a bullet starts a row of its own.
_OPENS_ROW = re.compile(r"^(?:[\u2460-\u2473・●■◆○◎]|[(（]?\d{1,2}[)）.．]?(?=\D))")


def _carries_on(above: set[int], line: set[int], above_started: bool, first: str) -> bool:
    """Whether a tight line carries on the row above: it leaves blank a column the row
    above prints (a name's next line beside no values, a cell's text running down from
    its top), or the line above printed only a name's first line and this one the
    values (a cell's text set at its foot). A line that opens with an enumerator
    starts a row."""
    if _OPENS_ROW.match(first):
        return False
    return bool(above - line) or (above_started and bool(line - above) and len(above) == 1)
