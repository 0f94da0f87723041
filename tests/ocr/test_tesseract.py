"""Tesseract's readings of a line judged by their word confidences: which lines are unsure,
which of two readings of one line is kept, which numeric lines the Latin model reads
again, which blank lines are read as raw lines; and how a batch of line images is
shared among processes."""

from collections.abc import Sequence

import numpy as np
import pytest

from pipeline.ocr.image_grid import Image
from pipeline.ocr.lines import read_lines, unsure_numbers
from pipeline.ocr.settings import OcrSettings
from pipeline.ocr.tesseract import Read, Tesseract, is_unsure, more_confident, split_batch

BOX = (0.0, 0.0, 10.0, 10.0)


def line(*words: tuple[str, float]) -> list[Read]:
    return [Read(text, BOX, confidence) for text, confidence in words]


@pytest.mark.parametrize(
    ("reading", "unsure"),
    [
        (line(("売上", 96.0), ("高", 91.0)), False),
        (line(("売上", 96.0), ("髙", 41.0)), True),  # one doubtful word is enough
        (line(("合計", 70.0)), False),  # the floor itself is sure
        ([], True),  # ink, but no word read from it
    ],
)
def test_a_line_is_unsure_when_a_word_scores_below_the_floor(
    reading: list[Read], unsure: bool
) -> None:
    assert is_unsure(reading, 70.0) is unsure


def test_the_reading_with_the_higher_mean_confidence_is_kept() -> None:
    first = line(("申請", 95.0), ("ぺ", 38.0), ("件数", 93.0))
    second = line(("申請", 94.0), ("件数", 92.0))
    assert more_confident(first, second) == second


def test_on_a_tie_the_first_reading_stays() -> None:
    first = line(("交付", 80.0))
    second = line(("交附", 80.0))
    assert more_confident(first, second) == first


def test_an_empty_reading_never_replaces_words() -> None:
    first = line(("窓口", 12.0))
    assert more_confident(first, []) == first
    assert more_confident([], first) == first


@pytest.mark.parametrize(
    ("reading", "again"),
    [
        (line(("72)", 62.0)), True),  # the `(+` dropped, and Tesseract unsure of it
        (line(("(+10)", 95.0)), False),  # read surely: the Latin model reads it alike
        (line(("1,330,000", 91.0), ("人", 40.0)), False),  # a unit: not numeric alone
        (line(("売上", 30.0)), False),
    ],
)
def test_only_unsure_numeric_lines_go_to_the_latin_model(reading: list[Read], again: bool) -> None:
    assert (unsure_numbers([reading], 90.0) == [0]) is again


@pytest.mark.parametrize(
    ("count", "workers", "least", "processes"),
    [
        (200, 2, 60, 2),
        (100, 2, 60, 1),  # a second model load would cost more than it saves
        (12, 2, 60, 1),
        (3, 2, 0, 2),  # no floor: one process per worker
        (1, 4, 0, 1),  # never an empty process
    ],
)
def test_a_batch_is_shared_among_as_many_processes_as_repay_their_model_load(
    count: int, workers: int, least: int, processes: int
) -> None:
    shares = split_batch(count, workers, least)
    assert len(shares) == processes
    assert sorted(n for share in shares for n in share) == list(range(count))


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        (line(("健康", 93.0), ("・", 93.0), ("医療", 93.0)), "健康 ・ 医療"),
        (line(("色", 0.0)), ""),  # a speck read as junk: no better than nothing
    ],
)
def test_a_line_read_as_nothing_is_read_again_as_a_raw_line(
    monkeypatch: pytest.MonkeyPatch, raw: list[Read], kept: str
) -> None:
    """The line model's layout pass finds no text in some clean short lines; the raw-line
    mode reads them, and its reading is kept where Tesseract is sure of it."""
    modes: list[int] = []

    def read(self: Tesseract, images: Sequence[Image]) -> tuple[list[list[Read]], list[str]]:
        modes.append(self.mode)
        return [list(raw) if self.mode == 13 else [] for _ in images], []

    monkeypatch.setattr(Tesseract, "read", read)
    settings = OcrSettings(numeric_language="")
    grey = np.full((40, 200), 255, dtype=np.uint8)
    found, _ = read_lines(grey, [(10, 10, 190, 30)], settings)
    assert " ".join(word.text for word in found[0]) == kept
    assert modes == [7, 7, 13]


@pytest.mark.parametrize(
    ("first", "raw", "kept"),
    [
        (line(("8内", 90.0)), line(("3人", 90.0)), "3人"),  # a unit no report prints
        (line(("8内", 90.0)), line(("8円", 90.0)), "8円"),  # read again as a unit: kept
        (line(("8内", 90.0)), line(("8肉", 90.0)), "8内"),  # again no unit: the first stays
        (line(("3万人", 90.0)), line(("8内", 90.0)), "3万人"),  # a unit: not read again
        (line(("25年度", 90.0)), line(("8内", 90.0)), "25年度"),  # a year
    ],
)
def test_a_figure_read_with_an_unknown_unit_is_read_again_as_a_raw_line(
    monkeypatch: pytest.MonkeyPatch, first: list[Read], raw: list[Read], kept: str
) -> None:
    def read(self: Tesseract, images: Sequence[Image]) -> tuple[list[list[Read]], list[str]]:
        return [list(raw if self.mode == 13 else first) for _ in images], []

    monkeypatch.setattr(Tesseract, "read", read)
    grey = np.full((40, 200), 255, dtype=np.uint8)
    found, _ = read_lines(grey, [(10, 10, 190, 30)], OcrSettings(numeric_language=""))
    assert "".join(word.text for word in found[0]) == kept
