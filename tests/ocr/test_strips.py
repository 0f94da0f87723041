"""Printed lines that run across an inner border: read as one strip, words given back by place.

Boxes are in pixels at the default 300 dpi (25/6 pixels a point); the border
between the two cells lies at 100 pt, pixel 416.7.
"""

import pytest

from pipeline.model.table import Cell
from pipeline.ocr.lines import (
    join_at_borders,
    without_low_specks,
    without_specks,
    without_unsure_dots,
)
from pipeline.ocr.page import join_across_borders
from pipeline.ocr.settings import OcrSettings
from pipeline.ocr.tesseract import Read

LEFT = Cell(0, 0, (0.0, 0.0, 100.0, 20.0))
RIGHT = Cell(0, 1, (100.0, 0.0, 200.0, 20.0))


@pytest.mark.parametrize(
    ("left_end", "right_start", "joined"),
    [
        (412, 421, True),  # ink right beside the border on both sides
        (380, 421, False),  # a right-aligned value kept clear of the border
        (412, 460, False),  # the next cell's text starts after its padding
        (392, 421, True),  # a line ending in `、` short of the border, its next part snug
        (392, 430, False),  # ...but the next cell's text keeps its padding
        (370, 421, False),  # more than a character short of the border
    ],
)
def test_a_line_is_one_strip_where_its_ink_runs_over_the_border(
    left_end: int, right_start: int, joined: bool
) -> None:
    lines = [(0, (20, 10, left_end, 40)), (1, (right_start, 11, 700, 40))]
    strips = join_across_borders([LEFT, RIGHT], lines, OcrSettings())
    if joined:
        assert strips == [((0, 1), (20, 10, 700, 40))]
    else:
        assert [cells for cells, _ in strips] == [(0,), (1,)]


def test_lines_on_different_bands_stay_apart() -> None:
    lines = [(0, (20, 10, 412, 40)), (1, (421, 60, 700, 90))]
    strips = join_across_borders([LEFT, RIGHT], lines, OcrSettings())
    assert [cells for cells, _ in strips] == [(0,), (1,)]


def test_a_part_twice_as_tall_as_the_other_is_no_run_on_line() -> None:
    """A tick drawn from the border down through the next cell's text makes its line twice
    as tall; snug against the border, it is no continuation of the line beside it."""
    lines = [(0, (20, 10, 380, 40)), (1, (421, 10, 700, 72))]
    strips = join_across_borders([LEFT, RIGHT], lines, OcrSettings())
    assert [cells for cells, _ in strips] == [(0,), (1,)]


def test_words_meeting_at_the_border_are_one_word() -> None:
    line = [
        Read("ガラス", (300, 10, 380, 40), 90.0),
        Read("商", (390, 10, 410, 40), 90.0),
        Read("品の", (425, 10, 480, 40), 90.0),
        Read("販売", (520, 10, 580, 40), 90.0),
    ]
    words = join_at_borders(line, [416.7])
    assert [word.text for word in words] == ["ガラス", "商品の", "販売"]
    assert words[1].box == (390, 10, 480, 40)


def test_words_far_apart_at_the_border_stay_two() -> None:
    line = [Read("目標", (300, 10, 360, 40), 90.0), Read("実績", (460, 10, 520, 40), 90.0)]
    assert len(join_at_borders(line, [416.7])) == 2


def _words(*texts_and_widths: tuple[str, float]) -> list[Read]:
    """Words set left to right on one line, each as wide and as high as given (pixels)."""
    words, x = [], 0.0
    for text, size in texts_and_widths:
        words.append(Read(text, (x, 0.0, x + size, size), 90.0))
        x += size + 4
    return words


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ((("ロ", 5), ("48.2%", 40)), ["48.2%"]),  # a speck read as ロ before a value
        ((("申請件数", 40), ("*", 4), ("=", 3)), ["申請件数"]),  # specks after a label
        ((("・", 5), ("相談窓口", 40), ("・", 4)), ["相談窓口"]),  # dots at the line's ends
        ((("福祉課", 30), ("・", 5), ("保健係", 30)), ["福祉課", "・", "保健係"]),  # printed
        ((("委員", 20), ("会", 5)), ["委員", "会"]),  # a character boxed small is kept
        ((("12", 16), (".", 4), ("5", 8)), ["12", ".", "5"]),  # a point set apart
        ((("ロボット", 40),), ["ロボット"]),  # a printed word of katakana
    ],
)
def test_words_read_from_specks_are_dropped(
    line: tuple[tuple[str, float], ...], kept: list[str]
) -> None:
    low = 12.5  # 3 points at 300 dpi
    assert [word.text for word in without_specks(_words(*line), low)] == kept


def test_a_line_far_lower_than_the_page_s_lines_and_read_unsurely_is_a_speck() -> None:
    lines = [
        [Read("学校給食等", (0, 0, 100, 40), 96.0)],
        [Read("以上", (0, 50, 40, 90), 93.0)],
        [Read("PH", (20, 100, 36, 112), 50.0)],  # dots under the last line
        [Read("、", (0, 120, 10, 132), 95.0)],  # low but read surely: print
    ]
    boxes = [(0, 0, 100, 40), (0, 50, 40, 90), (20, 100, 36, 112), (0, 120, 10, 132)]
    kept = without_low_specks(lines, boxes, 70.0)
    assert [[word.text for word in line] for line in kept] == [["学校給食等"], ["以上"], [], ["、"]]


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ((("割合", 92.0), ("・", 35.0), ("30%", 91.0)), ["割合", "30%"]),  # a speck's dot
        ((("割合", 92.0), ("・", 92.0), ("30%", 91.0)), ["割合", "・", "30%"]),  # read surely
        ((("新規就農", 92.0), ("・", 35.0), ("農業", 91.0)), ["新規就農", "・", "農業"]),
    ],
)
def test_an_unsure_dot_before_a_figure_is_a_speck(
    line: tuple[tuple[str, float], ...], kept: list[str]
) -> None:
    words = [
        Read(text, (10.0 * n, 0.0, 10.0 * n + 8, 10.0), score)
        for n, (text, score) in enumerate(line)
    ]
    assert [word.text for word in without_unsure_dots(words, 70.0)] == kept
