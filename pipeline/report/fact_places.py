"""Where on its page a gold fact is printed, when no prediction says so.

A gold file gives a record's page, not a box: a predicted fact carries its
source, a missed one has none. To show a reviewer where a missed value stands,
the cells of its page are searched for one that prints it: a number the cell
reads as the same value, within the scorer's tolerance (in a prose cell, any
number among its words), or a word equal after the scorer's normalization.
Where several cells print it, the one nearest to the record's other facts (its
anchors: the boxes of the paired prediction's facts) is taken; with no anchor,
only a value printed once is placed, since a guess would send the reviewer to
the wrong row. A cell from which a prediction already read the same value is
not a candidate: a target and an actual of 5 in one row are two cells, and the
matched target's cell is not the missed actual's.
"""

import math
from collections.abc import Collection, Sequence

from pipeline.model import BBox, Fact
from pipeline.score import VALUE_REL_TOL
from pipeline.text import (
    NUMBER,
    Quantity,
    Wording,
    fold_value_text,
    normalize_grade,
    normalize_text,
    number_value,
    parse_cell,
)


def _same_number(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=VALUE_REL_TOL)


def _same_words(a: str, b: str, kind: str) -> bool:
    """Words equal as the scorer compares them: grades folded to capitals, all normalized."""
    fold = normalize_grade if kind == "grade" else normalize_text
    return fold(a) == fold(b)


def _numbers(text: str, units: Collection[str]) -> list[float]:
    """Every number a cell prints: its values as read, and each number inside its words.

    A prose cell (`【ＫＰＩ】 累計 445,000件`) reads as words; its numbers count too.
    """
    values = parse_cell(text, units)
    numbers = [value.value for value in values if isinstance(value, Quantity)]
    if any(isinstance(value, Wording) for value in values):
        numbers += [number_value(m.group()) for m in NUMBER.finditer(fold_value_text(text))]
    return numbers


def _words(text: str, units: Collection[str]) -> list[str]:
    return [value.text for value in parse_cell(text, units) if isinstance(value, Wording)]


def prints_fact(text: str, fact: Fact, units: Collection[str]) -> bool:
    """Whether a cell's text prints this fact's value (number) or word (text)."""
    if fact.value is not None:
        value = fact.value
        return any(_same_number(number, value) for number in _numbers(text, units))
    if fact.text is not None:
        words = fact.text
        return any(_same_words(printed, words, fact.kind) for printed in _words(text, units))
    return False


def gap(point: tuple[float, float], box: BBox) -> float:
    """Distance from a point to a box: zero inside it, else to its nearest edge."""
    x, y = point
    dx = max(box[0] - x, 0.0, x - box[2])
    dy = max(box[1] - y, 0.0, y - box[3])
    return math.hypot(dx, dy)


def centre(box: BBox) -> tuple[float, float]:
    return (box[0] + box[2]) / 2, (box[1] + box[3]) / 2


def same_box(a: BBox, b: BBox, least: float = 0.8) -> bool:
    """Whether two boxes are one cell: their intersection over union is at least `least`."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    if width <= 0 or height <= 0:
        return False
    inter = width * height
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter >= least * union


def _same_value(a: Fact, b: Fact) -> bool:
    if a.value is not None and b.value is not None:
        return _same_number(a.value, b.value)
    return a.text is not None and b.text is not None and _same_words(a.text, b.text, a.kind)


def place_fact(
    fact: Fact,
    cells: Sequence[tuple[BBox, str]],
    anchors: Sequence[BBox],
    read: Sequence[Fact],
    units: Collection[str],
) -> BBox | None:
    """The box of the cell (box, text) printing `fact` nearest to the anchors, or None.

    `read` are the predicted facts of the page, whose cells are taken for the
    value they were read as.
    """
    taken = [
        other.source.bbox for other in read if other.source is not None and _same_value(other, fact)
    ]
    candidates = [
        box
        for box, text in cells
        if prints_fact(text, fact, units) and not any(same_box(box, t) for t in taken)
    ]
    if not candidates:
        return None
    if not anchors:
        return candidates[0] if len(candidates) == 1 else None
    return min(candidates, key=lambda box: min(gap(centre(box), a) for a in anchors))
