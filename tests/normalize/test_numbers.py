"""Number rules: separators, signs, multipliers in prose and the characters of a blank cell."""

import pytest

from pipeline.text.numbers import (
    fold_value_text,
    is_blank,
    is_minus,
    multiplier_groups,
    number_start,
    number_value,
)


@pytest.mark.parametrize(
    ("number", "value"),
    [
        ("0", 0),
        ("12,672", 12672),
        ("1,117,438", 1117438),
        ("10,000,000", 10000000),
        ("74.3", 74.3),
        ("10.0", 10.0),
        ("0.9", 0.9),
        # made up: multipliers as prose prints them
        ("1万2600", 12600),
        ("1万5千", 15000),
        ("3.5万", 35000),
        ("1.1万", 11000),
        ("1.23456万", 12345.6),
        ("2億3000万", 230000000),
        ("5千万", 50000000),
        ("1,200万", 12000000),
        ("3百", 300),
        ("0.5千", 500),
    ],
)
def test_number_value(number: str, value: float) -> None:
    assert number_value(number) == value


@pytest.mark.parametrize(
    ("number", "kind"),
    [("10.0", float), ("74.3", float), ("12,672", int), ("3.5万", int), ("1.23456万", float)],
)
def test_a_printed_point_stays_a_float_unless_multiplied_to_a_whole(
    number: str, kind: type
) -> None:
    assert type(number_value(number)) is kind


def test_negative() -> None:
    assert number_value("1,200", -1) == -1200


@pytest.mark.parametrize(
    ("text", "sign", "start"),
    [
        ("5", 1, 0),
        ("+5", 1, 1),
        ("±0", 1, 1),
        ("-65", -1, 1),
        ("- 65", -1, 2),
        ("△1,200", -1, 1),
        ("▲0.5", -1, 1),
        ("−5", -1, 1),  # U+2212 MINUS SIGN, which NFKC keeps
        ("‐5", -1, 1),  # U+2010 HYPHEN
        ("–5", -1, 1),  # U+2013 EN DASH
        ("ー5", -1, 1),  # katakana long vowel mark, OCR's minus
    ],
)
def test_number_start(text: str, sign: int, start: int) -> None:
    assert number_start(text, 0) == (sign, start)


@pytest.mark.parametrize("text", ["-", "△", "▲", "人", "A", "+ ", "〜5", "~5", "(5)"])
def test_no_number_starts(text: str) -> None:
    assert number_start(text, 0) is None


@pytest.mark.parametrize("char", ["-", "－", "‐", "‑", "‒", "–", "—", "―", "−", "ー", "﹣"])
def test_minus_like(char: str) -> None:
    assert is_minus(char)


@pytest.mark.parametrize("char", ["〜", "〰", "~", "△", "+", "_", "…", "1", "人"])
def test_not_minus_like(char: str) -> None:
    assert not is_minus(char)


@pytest.mark.parametrize("char", ["-", "—", "ー", "_", "…", ".", "─", "━", " ", "\u3000", "\n"])
def test_blank(char: str) -> None:
    assert is_blank(char)


@pytest.mark.parametrize("char", ["〜", "0", "A", "人", "%", "(", "△"])
def test_not_blank(char: str) -> None:
    assert not is_blank(char)


def test_multiplier_groups() -> None:
    assert multiplier_groups("1万2600") == [("1", "万"), ("2600", "")]
    assert multiplier_groups("5千万") == [("5", "千万")]


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("134, 280 円", "134,280円"),
        ("１，１１７，４３８人", "1,117,438人"),
        ("（＋５）", "(+5)"),
        ("74. 3%", "74.3%"),
        ("12.5 ％", "12.5 %"),
        ("5000\n,", "5,000"),
        ("概ね\n順調", "概ね順調"),
        ("Ｄ", "D"),
        # a decimal point spoken as a nakaguro, before a share; not a list of numbers
        ("８・６パーセント", "8.6パーセント"),
        ("前年比1・5ポイント増", "前年比1.5ポイント増"),
        ("12・3%", "12.3%"),
        ("1・2年生", "1・2年生"),
        ("5・6月", "5・6月"),
        ("2・3・4%", "2・3・4%"),
    ],
)
def test_fold_value_text(text: str, folded: str) -> None:
    assert fold_value_text(text) == folded
