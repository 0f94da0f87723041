"""Mend: every repair applied to a table, each from its own module, in an order that holds.

Units are resolved first, on the words, because a column's unit is read from
its value cells and every later text is built from the words; then texts cut
by inner borders are merged; then numbers broken by spaces are rejoined in
every cell's text; last, on text read by OCR, era names, header labels and
kana misread by one mark or stroke are given back.
"""

from collections.abc import Collection
from dataclasses import replace

from pipeline.layout.repair.cells import (
    column_unit,
    repair_era,
    repair_split_i,
    repair_voicing,
    resolve_unit,
    snap_label,
    value_with_unit,
)
from pipeline.layout.repair.spill import SpillSettings, mend_spills
from pipeline.model import Cell, Table, Word, cell_texts, enclosing, text_lines
from pipeline.text import ERA_FIRST_YEARS, header_fields, join_wrapped_lines, repair_numbers
from pipeline.text.tokens import is_common_word, is_word


def _line_text(line: list[Word]) -> str:
    """A printed line as one text: numbers rejoined (`2, 200 件`), and no space beside
    Japanese, since OCR puts one between every character it reads (`1 争 未 件`)."""
    return repair_numbers(join_wrapped_lines([" ".join(word.text for word in line)]))


def _resolve_line(line: list[Word], column: str | None, known: Collection[str]) -> list[Word]:
    """The line with its misread unit replaced, if resolve_unit replaces it.

    The unit may be spread over the line's last words (OCR reads a word per
    character); those words become one, whose folded text carries the
    column's unit and whose raw text keeps what was printed.
    """
    text = _line_text(line)
    misread = value_with_unit(text)
    if misread is None or column is None or resolve_unit(text, column, known) == text:
        return line
    ending = misread["unit"] + misread["close"]
    for start in range(len(line) - 1, -1, -1):
        tail = line[start:]
        joined = "".join(word.text for word in tail)
        if joined.endswith(ending):
            merged = Word(
                text=joined[: -len(ending)] + column + misread["close"],
                raw="".join(word.raw for word in tail),
                bbox=enclosing([word.bbox for word in tail]),
                invisible=tail[0].invisible,
            )
            return [*line[:start], merged]
    return line


def resolve_units(table: Table, known: Collection[str]) -> Table:
    """Each unit misread by OCR replaced by the unit its column speaks."""
    lines_of = [text_lines(cell.words) for cell in table.cells]
    units_by_column: dict[int, list[str]] = {}
    for cell, lines in zip(table.cells, lines_of, strict=True):
        for line in lines:
            match = value_with_unit(_line_text(line))
            if match:
                units_by_column.setdefault(cell.col, []).append(match["unit"])
    cells: list[Cell] = []
    for cell, lines in zip(table.cells, lines_of, strict=True):
        column = column_unit(units_by_column.get(cell.col, []), known)
        resolved = [_resolve_line(line, column, known) for line in lines]
        if resolved == lines:
            cells.append(cell)
            continue
        words = [word for line in resolved for word in line]
        cells.append(replace(cell, words=words, text=cell_texts(words)[1]))
    return replace(table, cells=cells)


def mend_table(
    table: Table, known_units: Collection[str], spill: SpillSettings | None = None
) -> Table:
    """The table with units resolved, spilt texts merged and numbers rejoined."""
    table = mend_spills(resolve_units(table, known_units), spill)
    cells = [replace(cell, text=repair_numbers(cell.text)) for cell in table.cells]
    if table.strategy == "ocr":
        cells = [replace(cell, text=misread_words(cell.text)) for cell in cells]
    return replace(table, cells=cells)


def misread_words(text: str) -> str:
    """OCR's one-character misreadings of era names, header labels and kana given back."""
    text = repair_era(text, ERA_FIRST_YEARS, is_common_word)
    text = repair_voicing(repair_split_i(text), is_word)
    return snap_label(text, header_fields().keys(), is_word)
