"""Words and boxes on a page, and the few geometric questions every stage asks of them.

Boxes are (x0, y0, x1, y1) in PDF points, y growing downwards, as pymupdf gives
them. Kept apart from any stage so that ingest, layout, OCR and understanding
share one definition of a word, a printed line and a box holding another.
"""

from bisect import bisect_left, bisect_right
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from pipeline.text import join_wrapped_lines, normalize_text


@dataclass(frozen=True, slots=True)
class Word:
    """A word of the text layer: folded text, the raw string it came from, its box in points."""

    text: str
    raw: str
    bbox: tuple[float, float, float, float]
    invisible: bool = False


Number = TypeVar("Number", int, float)


Box = tuple[Number, Number, Number, Number]


def enclosing(boxes: Sequence[Box[Number]]) -> Box[Number]:
    """The smallest box holding all the given boxes (x0, y0, x1, y1)."""
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


BBox = tuple[float, float, float, float]


Segment = tuple[float, float, float, float]  # x0, y0, x1, y1 with x0 <= x1 and y0 <= y1


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


def centre_in(word: Word, box: BBox) -> bool:
    x = (word.bbox[0] + word.bbox[2]) / 2
    y = (word.bbox[1] + word.bbox[3]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


class Centres:
    """Words sorted by the x of their centre, so that the words a box holds are found by
    bisection: a table of hundreds of cells over hundreds of words tested pair by pair
    costs more than reading the page."""

    def __init__(self, words: Sequence[Word]) -> None:
        self.words = words
        centres = sorted(((w.bbox[0] + w.bbox[2]) / 2, i) for i, w in enumerate(words))
        self.xs = [x for x, _ in centres]
        self.order = [i for _, i in centres]

    def within(self, box: BBox) -> list[Word]:
        """The words whose centre `box` holds (`centre_in`), in the order they were given."""
        start, stop = bisect_left(self.xs, box[0]), bisect_right(self.xs, box[2])
        held = sorted(i for i in self.order[start:stop] if centre_in(self.words[i], box))
        return [self.words[i] for i in held]


def line_middle(line: Sequence[Word]) -> float:
    """The mean vertical centre of a printed line's words: where it stands on the page."""
    return sum((word.bbox[1] + word.bbox[3]) / 2 for word in line) / len(line)


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


def main_print(words: Sequence[Word], smaller: float) -> list[Word]:
    """The leading lines of a cell up to the first printed in smaller type.

    A label cell often prints a name and, under it in small type, its definition
    or a note; a line whose height is under `smaller` times the tallest line
    above it starts that gloss, and it and every line after it are left out.
    """
    kept: list[Word] = []
    tallest = 0.0
    for line in text_lines(words):
        height = max(w.bbox[3] - w.bbox[1] for w in line)
        if kept and height < smaller * tallest:
            break
        kept += line
        tallest = max(tallest, height)
    return kept


def cell_texts(words: Sequence[Word]) -> tuple[str, str]:
    """A cell's raw text (its printed lines) and its text (the lines joined and folded)."""
    lines = text_lines(words)
    raw = "\n".join(" ".join(word.raw for word in line) for line in lines)
    return raw, join_wrapped_lines([" ".join(word.text for word in line) for line in lines])


@dataclass(frozen=True)
class Line:
    """A printed line outside the tables: its words' raw text, and that text folded once."""

    raw: str
    page: int
    bbox: BBox
    text: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", normalize_text(self.raw))
