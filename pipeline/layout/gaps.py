"""Where a stream column is two: words of several rows standing apart at one x.

Camelot stream draws its columns from pdfminer's text lines, and a line set with
tab stops or runs of spaces ("33.3%      36%") is one text line to pdfminer, so
two columns of such a table are read as one. The page's words say otherwise:
where, in two or more rows, a word starts after a gap wider than two characters
at the same x, and no word inside the column crosses that x, the column is split
there.
"""

from collections.abc import Sequence
from itertools import pairwise

from pipeline.model import Word, centre_in

# Rows whose gapped words must start at one x for a column to be split there.
SPLIT_ROWS = 2


def column_splits(xs: Sequence[float], ys: Sequence[float], words: Sequence[Word]) -> list[float]:
    """The x of each split inside the table's columns, left to right."""
    splits: list[float] = []
    for left, right in pairwise(xs):
        column = [
            w
            for w in words
            if centre_in(w, (left, ys[0], right, ys[-1]))
            and w.bbox[0] >= left - 1
            and w.bbox[2] <= right + 1
        ]
        splits += _splits_in(column, ys)
    return splits


def _splits_in(column: Sequence[Word], ys: Sequence[float]) -> list[float]:
    """The splits of one column: a start shared by gapped words of `SPLIT_ROWS` rows."""
    starts: list[tuple[float, float]] = []  # (x0 of a word after a gap, its height)
    for top, bottom in pairwise(ys):
        row = sorted(
            (w for w in column if top <= (w.bbox[1] + w.bbox[3]) / 2 <= bottom),
            key=lambda w: w.bbox[0],
        )
        for a, b in pairwise(row):
            height = max(a.bbox[3] - a.bbox[1], b.bbox[3] - b.bbox[1])
            if b.bbox[0] - a.bbox[2] > 2 * height:
                starts.append((b.bbox[0], height))
    splits: list[float] = []
    for shared in _clusters(sorted(starts)):
        split = shared[0][0] - 1
        crossed = any(w.bbox[0] < split < w.bbox[2] for w in column)
        if len(shared) >= SPLIT_ROWS and not crossed:
            splits.append(split)
    return splits


def _clusters(starts: Sequence[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """Starts (sorted by x) within half a character of their cluster's first."""
    clusters: list[list[tuple[float, float]]] = []
    for start in starts:
        if clusters and start[0] - clusters[-1][0][0] < clusters[-1][0][1] / 2:
            clusters[-1].append(start)
        else:
            clusters.append([start])
    return clusters


def split_grid(
    xs: list[float], grid: Sequence[Sequence[object]], splits: Sequence[float]
) -> tuple[list[float], list[list[object]]]:
    """The edges with the splits added and camelot's cells repeated into the new columns
    (a stream cell is bordered on every side, so each part is the cell again)."""
    edges = sorted([*xs, *splits])
    owner = [max(i for i, x in enumerate(xs[:-1]) if x <= left) for left in edges[:-1]]
    return edges, [[row[c] for c in owner] for row in grid]
