"""Tesseract's readings of a line judged by their word confidences: which lines are unsure,
and which of two readings of one line is kept."""

import pytest

from pipeline.ocr.tesseract import Read, is_unsure, more_confident

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
