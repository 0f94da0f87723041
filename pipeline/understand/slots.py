"""The units a table is read in: a logical cell (a slot) and a logical column.

A slot joins the grid cells one logical cell spans and keeps them, so every value
read from it can name its page, box and raw text; a column is the grid columns one
header spans, with its header levels and the field they map to.
"""

import re
from dataclasses import dataclass, replace

from pipeline.model import BBox, Cell, Word, cell_texts, enclosing, main_print, text_lines
from pipeline.understand.header_map import ColumnField


@dataclass(frozen=True)
class Slot:
    """One logical cell: its text, raw text, page and box, and the grid cells it joins."""

    text: str
    raw: str
    page: int
    bbox: BBox
    cells: tuple[Cell, ...]
    # The words the slot reads where fewer than its cells' (a gloss or an enumerator left out).
    read: tuple[Word, ...] | None = None

    @property
    def words(self) -> list[Word]:
        if self.read is not None:
            return list(self.read)
        return [word for cell in self.cells for word in cell.words]

    def _reading(self, words: list[Word]) -> "Slot":
        """The slot reading only these of its words."""
        raw, text = cell_texts(words)
        box = enclosing([w.bbox for w in words])
        return Slot(text, raw, self.page, box, self.cells, tuple(words))

    @classmethod
    def of(cls, page: int, cells: list[Cell | None]) -> "Slot":
        chosen = list({id(cell): cell for cell in cells if cell is not None}.values())
        printed = [cell for cell in chosen if cell.text]
        if not chosen:
            return cls.empty(page)
        bbox = enclosing([cell.bbox for cell in chosen])
        return cls(
            text=" ".join(cell.text for cell in printed),
            raw=" ".join(cell.raw for cell in printed),
            page=page,
            bbox=bbox,
            cells=tuple(chosen),
        )

    @classmethod
    def empty(cls, page: int = 1) -> "Slot":
        return cls("", "", page, (0.0, 0.0, 0.0, 0.0), ())

    def headline(self, smaller: float) -> "Slot":
        """The slot without the lines printed in smaller type under its first (a gloss)."""
        words = self.words
        kept = main_print(words, smaller)
        return self if len(kept) == len(words) else self._reading(kept)

    def unnumbered(self) -> "Slot":
        """The slot without a number printed as a word of its own before its name (`1　農業`):
        an enumerator set apart by space. An OCR layer's words say nothing of the
        print's spacing, so only a typed word counts."""
        words = self.words
        lines = text_lines(words)
        first = lines[0] if lines else []
        if len(first) < 2 or first[0].invisible or not _NUMBER_WORD.fullmatch(first[0].text):
            return self
        if first[1].text[:1].isdigit():
            return self
        return self._reading([word for word in words if word is not first[0]])


# A number alone as a word: an enumerator when a name follows it.
_NUMBER_WORD = re.compile(r"\d{1,2}[.．、)）]?")


@dataclass(frozen=True)
class Column:
    """A logical column: the grid columns one header spans, its header levels and field."""

    grid_columns: tuple[int, ...]
    levels: tuple[str, ...]
    field: ColumnField
    heads: tuple[Slot, ...]  # the header cells over the column, top row first

    @property
    def header(self) -> str:
        return " / ".join(self.levels)

    def holding(self, field: str | None, confidence: float | None = None) -> "Column":
        """The column read as holding another field (its confidence kept unless given)."""
        sure = self.field.confidence if confidence is None else confidence
        return replace(self, field=replace(self.field, field=field, confidence=sure))
