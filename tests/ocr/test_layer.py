"""Which cells of an OCR text layer are kept and which are read again from the image.
Made-up layers: each word's box is as wide as its characters need at 10 pt."""

import pytest

from pipeline.model import Cell, Word
from pipeline.ocr.layer import judge_layer

HEIGHT = 10.0


def _word(text: str, x: float, y: float) -> Word:
    width = sum(HEIGHT if ord(char) > 0x2E80 else 0.55 * HEIGHT for char in text)
    return Word(text, text, (x, y, x + width, y + HEIGHT), invisible=True)


def _column(*texts: str) -> tuple[list[Cell], list[list[Word]]]:
    cells, placed = [], []
    for row, text in enumerate(texts):
        y = 20.0 * row
        words = []
        x = 0.0
        for part in text.split():
            words.append(_word(part, x, y))
            x = words[-1].bbox[2] + 3.0
        cells.append(Cell(row, 0, (0.0, y, 120.0, y + 18.0)))
        placed.append(words)
    return cells, placed


@pytest.mark.parametrize(
    ("read", "kept"),
    [
        ("45,120人", True),
        ("12.5人", True),
        ("45.120人", False),  # a comma read as a period
        ("1137.343人", False),
        ("", False),  # nothing in the layer
    ],
)
def test_a_layer_cell_is_kept_only_when_nothing_says_it_was_misread(read: str, kept: bool) -> None:
    cells, placed = _column("38,200人", "41,005人", read)
    assert judge_layer(cells, placed)[-1] is kept
