"""Text that runs across an inner cell border, put back into the one cell it belongs to.

Two signs show that a border cuts through a text rather than between two:

- a word crosses it: typeset text stays inside its cell, so a word reaching
  past the border belongs to a cell that really spans both sides;
- a line is cut at it: on the same baseline, the left part ends at the border
  and the right part starts there, and the left part is pushed against the
  border instead of starting at its own cell's left edge (or repeats, at the
  border, the character the right part starts with, as OCR does with a
  character the border cuts in two). Numbers are right-aligned by habit, so a
  value line meeting the border proves nothing.

Two cells that each read as one figure alone are two values, whatever crosses
the border between them (a scan's misread mark, `1,330,000 央因 | 1,500,000 人`).

The cells are merged into one cell with the span the text really has, and its
lines are reassembled left part + right part, line by line.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from pipeline.layout.repair.cells import join_across_border
from pipeline.model import Cell, Table, Word, line_middle, text_lines
from pipeline.text import (
    JAPANESE_LETTERS,
    PRINTED_VALUE,
    Quantity,
    join_wrapped_lines,
    known_units,
    parse_cell,
)

_SENTENCE_END = ("。", ".", "．")
_JAPANESE = re.compile(f"[{JAPANESE_LETTERS}]")
# Points within which two cells' texts start at one tab stop.
_SHARED_START = 2.0


@dataclass(frozen=True)
class SpillSettings:
    """Tolerances as shares of the line height, so they hold at any font size."""

    overhang: float = 0.25  # a word this far past a border crosses it
    reach: float = 1.0  # a line part this close to a border meets it

    def __post_init__(self) -> None:
        if self.overhang <= 0 or self.reach <= 0:
            raise ValueError("overhang and reach must be positive")


Line = list[Word]


def _height(words: Sequence[Word]) -> float:
    heights = sorted(w.bbox[3] - w.bbox[1] for w in words)
    return heights[len(heights) // 2] if heights else 0.0


def crosses(left: Cell, right: Cell, tolerance: float) -> bool:
    """Whether a word of either cell reaches more than `tolerance` over the border between them."""
    border = left.bbox[2]
    return any(w.bbox[2] > border + tolerance for w in left.words) or any(
        w.bbox[0] < border - tolerance for w in right.words
    )


def _text(line: Line) -> str:
    return "".join(w.text for w in line)


def _paired(left: Sequence[Line], right: Sequence[Line], height: float) -> list[tuple[Line, Line]]:
    """Lines of the two cells printed on the same baseline."""
    return [
        (a, b) for a in left for b in right if abs(line_middle(a) - line_middle(b)) <= height / 2
    ]


def _meets(a: Line, b: Line, border: float, reach: float) -> bool:
    """Whether a left part ends and a right part starts at the border."""
    return border - a[-1].bbox[2] <= reach and b[0].bbox[0] - border <= reach


def _cut_at_border(a: Line, b: Line, left: Cell, reach: float, start: float) -> bool | None:
    """True for a line cut at the border, False for two texts, None when it cannot tell.

    A left part that ends a sentence may be either: its right neighbour can be a
    new sentence of the same text or another text. `start` is where the left cell's
    text begins when it is not pushed.
    """
    border = left.bbox[2]
    a_text, b_text = _text(a), _text(b)
    if PRINTED_VALUE.fullmatch(a_text) or PRINTED_VALUE.fullmatch(b_text):
        return False
    if a_text.endswith(_SENTENCE_END):
        return None
    if len(_JAPANESE.findall(a_text)) < 2:
        return False  # a dash, a mark or a lone unit is not a text cut in two
    meets = _meets(a, b, border, reach)
    # Pushed, not centred: a label centred in its cell stands as far from both its edges.
    padding = a[0].bbox[0] - start
    pushed = padding > reach and padding > 2 * (border - a[-1].bbox[2])
    doubled = a_text[-1] == b_text[0]
    return meets and (pushed or doubled)


def cut(left: Cell, right: Cell, height: float, reach: float, start: float | None = None) -> bool:
    """Whether the lines the two cells share a baseline on are lines cut at the border.

    One pair that is plainly two texts is enough to say no.
    """
    pairs = _paired(text_lines(left.words), text_lines(right.words), height)
    begins = left.bbox[0] if start is None else start
    verdicts = [_cut_at_border(a, b, left, reach, begins) for a, b in pairs]
    return True in verdicts and False not in verdicts


def _side_by_side(left: Cell, right: Cell) -> bool:
    return (
        right.col == left.col + left.colspan
        and right.row == left.row
        and right.rowspan == left.rowspan
    )


def merge(left: Cell, right: Cell, reach: float) -> Cell:
    """One cell over both; each line is its left part then its right part.

    The raw text keeps both parts as printed. Where the two parts of a line
    meet at the border, the character OCR doubled there is dropped
    (`join_across_border`); parts that stand apart are two words.
    """
    border = left.bbox[2]
    words = left.words + right.words
    raw_lines, lines = [], []
    for line in text_lines(words):
        head = [w for w in line if (w.bbox[0] + w.bbox[2]) / 2 <= border]
        tail = [w for w in line if w not in head]
        raw_lines.append(" ".join(w.raw for w in line))
        meet = bool(head and tail) and _meets(head, tail, border, reach)
        texts = [" ".join(w.text for w in part) for part in (head, tail)]
        lines.append(join_across_border(*texts) if meet else " ".join(t for t in texts if t))
    bbox = (left.bbox[0], left.bbox[1], right.bbox[2], left.bbox[3])
    return Cell(
        left.row,
        left.col,
        bbox,
        rowspan=left.rowspan,
        colspan=left.colspan + right.colspan,
        words=words,
        raw="\n".join(raw_lines),
        text=join_wrapped_lines(lines),
    )


def spills(left: Cell, right: Cell, settings: SpillSettings, start: float | None = None) -> bool:
    """Whether a text of the left cell runs on into the right one, or a word of the right
    one reaches back over the border into the left one (empty or not); `start` is where
    the left cell's text begins when it is not pushed (its left edge if None)."""
    if not (left.words or right.words) or not _side_by_side(left, right):
        return False
    height = _height(left.words + right.words)
    reach = settings.reach * height
    runs_on = crosses(left, right, settings.overhang * height) or (
        bool(left.words and right.words) and cut(left, right, height, reach, start)
    )
    return runs_on and not (_lone_figure(left.text) and _lone_figure(right.text))


def _lone_figure(text: str) -> bool:
    """Whether a cell reads as one figure alone (`1,330,000 人`): a figure does not run
    on into the next cell's figure, though a misread mark between them crosses the border."""
    values = parse_cell(text, known_units()) if text else []
    return len(values) == 1 and isinstance(values[0], Quantity)


def mend_spills(table: Table, settings: SpillSettings | None = None) -> Table:
    """The table with every pair of cells a text runs across merged into one."""
    settings = settings or SpillSettings()
    cells = sorted(table.cells, key=lambda c: (c.row, c.col))
    starts = _text_starts(cells) if table.strategy == "stream" else {}
    mended: list[Cell] = []
    for cell in cells:
        mended.append(cell)
        # A merged cell may reach back over the one before it in turn.
        while len(mended) > 1 and spills(
            mended[-2], mended[-1], settings, starts.get(mended[-2].col)
        ):
            right = mended.pop()
            reach = settings.reach * _height(mended[-1].words + right.words)
            mended[-1] = merge(mended[-1], right, reach)
    return replace(table, cells=mended)


def _text_starts(cells: Sequence[Cell]) -> dict[int, float]:
    """Where each column's text begins: a stream table's column edges are camelot's guess,
    not borders, so a text set at its column's tab stop is not pushed against one. The
    tab stop is the leftmost start two cells share: a line a stream table takes in from
    above it (a running head) starts where it likes."""
    firsts: dict[int, list[float]] = {}
    for cell in cells:
        if cell.colspan == 1 and cell.words:
            firsts.setdefault(cell.col, []).append(min(word.bbox[0] for word in cell.words))
    starts: dict[int, float] = {}
    for col, xs in firsts.items():
        xs.sort()
        shared = [a for a, b in pairwise(xs) if b - a <= _SHARED_START]
        starts[col] = shared[0] if shared else xs[0]
    return starts
