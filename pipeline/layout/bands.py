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


def rows_above_rules(
    xs: list[float], ys: list[float], words: Sequence[Word], bands: Sequence[int] | None
) -> int:
    """How many of a rule-banded table's first rows lie above its top rule and print in
    fewer than half its columns: a running head or a title stream took in with the
    table, which is read as the page's text. A header printed above the top rule fills
    its row, and stays."""
    if bands is None:
        return 0
    columns = len(xs) - 1
    rows = _row_words(xs, ys, words)
    above = 0
    for band, row in zip(bands, rows, strict=True):
        printed = {
            c
            for w in row
            for c in range(columns)
            if centre_in(w, (xs[c], ys[0], xs[c + 1], ys[-1]))
        }
        if band >= 0 or 2 * len(printed) >= columns:
            break
        above += 1
    return above


def row_blocks(
    xs: list[float], ys: list[float], words: Sequence[Word], row_gap: float
) -> list[range]:
    """Runs of rows whose text stands no more than `row_gap` line heights apart.

    Where camelot stream finds no text edges to bound a table it takes the
    whole page as the table's area, and a note printed well below the table
    becomes its last row; cut off, it is a one-row table that is dropped.
    Empty rows stay with the run above them.
    """
    rows = _row_words(xs, ys, words)
    line = _line_height(rows)
    cuts = [
        r for r, gap in enumerate(_gaps_above(rows)) if gap is not None and gap > row_gap * line
    ]
    starts = [0, *cuts]
    return [range(a, b) for a, b in pairwise([*starts, len(rows)])]


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
    rows = _row_words(xs, ys, words)
    if not any(rows):
        return None
    line = _line_height(rows)
    gaps = _gaps_above(rows)
    printed = [{bisect(xs, (w.bbox[0] + w.bbox[2]) / 2) for w in row} for row in rows]
    firsts = [min(row, key=lambda w: w.bbox[0]).text if row else "" for row in rows]
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


def _row_words(xs: list[float], ys: list[float], words: Sequence[Word]) -> list[list[Word]]:
    """The words of each row of a table with these edges."""
    return [
        [w for w in words if centre_in(w, (xs[0], top, xs[-1], bottom))]
        for top, bottom in pairwise(ys)
    ]


def _line_height(rows: Sequence[Sequence[Word]]) -> float:
    """The median height of the rows' words: the table's line height."""
    heights = sorted(w.bbox[3] - w.bbox[1] for row in rows for w in row)
    return heights[len(heights) // 2] if heights else 0.0


def _gaps_above(rows: Sequence[Sequence[Word]]) -> list[float | None]:
    """For each row, the space between its text and the last printed row above it
    (None for an empty row and for the first printed one)."""
    gaps: list[float | None] = []
    bottom: float | None = None
    for row in rows:
        if not row:
            gaps.append(None)
            continue
        top = min(w.bbox[1] for w in row)
        gaps.append(top - bottom if bottom is not None else None)
        bottom = max(w.bbox[3] for w in row)
    return gaps


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
