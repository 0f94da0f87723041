"""Whether a scan's existing OCR text layer can be kept, cell by cell.

A scanner's or an earlier Tesseract run's invisible text sits over the image
and reads like typed text, but it was guessed: `100 入` for `100人`, `1 人`
for `11人`, words spaced out one character at a time. Each cell's layer text
is tested against signs of a misread that need no second OCR; the cells that
fail are read again from the image.
"""

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

from pipeline.ingest import UNMAPPED
from pipeline.model import Cell, Word, cell_texts
from pipeline.ocr.image_grid import Frame
from pipeline.text import PRINTED_VALUE, fold

# Digits grouped by three after a point (`1137.343`, `45.120`): a comma read as a period,
# as counts in KPI tables are grouped by three and their decimals take one or two places.
_POINT_FOR_COMMA = re.compile(r"\d\.\d{3}(?!\d)")
# A word's box this many times wider (or narrower) than its characters need was misread.
_WIDTH_RATIO = 1.8


def layer_in_cells(frame: Frame, cells: list[Cell], layer: Sequence[Word]) -> list[list[Word]]:
    """The layer words of each cell, placed by their centre turned into the straightened frame."""
    centres = [
        frame.to_straight((w.bbox[0] + w.bbox[2]) / 2, (w.bbox[1] + w.bbox[3]) / 2) for w in layer
    ]
    placed: list[list[Word]] = []
    for cell in cells:
        x0, y0, x1, y1 = cell.bbox
        placed.append(
            [w for w, (x, y) in zip(layer, centres, strict=True) if x0 <= x <= x1 and y0 <= y <= y1]
        )
    return placed


def judge_layer(cells: list[Cell], placed: list[list[Word]]) -> list[bool]:
    """Per cell, whether its text-layer words can be kept as they are.

    A cell is re-read when its layer is empty, holds unmapped glyphs, is
    spaced out one character at a time, prints a unit its column does not
    use, groups digits by three after a point, or has a word whose box does
    not fit its characters (a digit dropped from `11 人` leaves `1` in a box
    two digits wide).
    """
    units = _column_units(cells, placed)
    norm = _width_norm([word for words in placed for word in words])
    return [
        bool(words)
        and not any(UNMAPPED in word.raw for word in words)
        and not _spaced_out(words)
        and _unit_fits(words, units.get(cell.col))
        and not any(_POINT_FOR_COMMA.search(word.text) for word in words)
        and not any(_odd_width(word, norm) for word in words)
        for cell, words in zip(cells, placed, strict=True)
    ]


def _first_line(words: list[Word]) -> str:
    lines = cell_texts(words)[0].split("\n")
    return lines[0] if lines else ""


def _unit(words: list[Word]) -> str | None:
    """The unit of a cell that prints a value (`` for a bare number), None for other text."""
    match = PRINTED_VALUE.fullmatch(_first_line(words).strip())
    return fold(match["unit"]) if match else None


def _column_units(cells: list[Cell], placed: list[list[Word]]) -> dict[int, str]:
    """Each column's unit: the one more than half of its value cells print."""
    by_column: dict[int, list[str]] = {}
    for cell, words in zip(cells, placed, strict=True):
        unit = _unit(words)
        if unit is not None:
            by_column.setdefault(cell.col, []).append(unit)
    units: dict[int, str] = {}
    for column, found in by_column.items():
        unit, count = Counter(found).most_common(1)[0]
        if len(found) >= 2 and count * 2 > len(found):
            units[column] = unit
    return units


def _unit_fits(words: list[Word], column: str | None) -> bool:
    unit = _unit(words)
    return unit is None or column is None or unit == column


def _spaced_out(words: list[Word]) -> bool:
    """Three or more words, most of them one character: a word broken into its letters."""
    singles = sum(1 for word in words if len(word.text) == 1)
    return len(words) >= 3 and singles * 3 >= len(words) * 2


def _ems(text: str) -> float:
    """Width a text needs in ems: a Japanese character one, a Latin letter or digit about half."""
    return sum(1.0 if unicodedata.east_asian_width(char) in "WF" else 0.55 for char in text)


def _width_ratio(word: Word) -> float:
    height = word.bbox[3] - word.bbox[1]
    ems = _ems(word.text)
    return (word.bbox[2] - word.bbox[0]) / (height * ems) if height > 0 and ems else 0.0


def _width_norm(words: list[Word]) -> float:
    """The layer's typical width per em: the median, as a layer's boxes have their own habit."""
    ratios = sorted(ratio for ratio in map(_width_ratio, words) if ratio > 0)
    return ratios[len(ratios) // 2] if ratios else 0.0


def _odd_width(word: Word, norm: float) -> bool:
    ratio = _width_ratio(word)
    return norm > 0 and ratio > 0 and not 1 / _WIDTH_RATIO <= ratio / norm <= _WIDTH_RATIO
