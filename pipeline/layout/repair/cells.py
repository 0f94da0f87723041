"""Repairs of cell text that layout or OCR broke, each one small rule with its reason.

Every function takes and returns plain strings, so each can be tested alone and
the cell keeps its raw text beside the repaired one.
"""

import re
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence

from rapidfuzz import fuzz

from pipeline.text import PRINTED_VALUE

# The longest run of characters OCR repeats on both sides of a cell border.
MAX_BORDER_OVERLAP = 2


def join_across_border(left: str, right: str) -> str:
    """Join the two halves of a line OCR split at a cell border, dropping the doubled characters.

    OCR reads a character that straddles the border into both cells
    (`きららガラス` | `ス未来館の来`); the overlap is at most MAX_BORDER_OVERLAP long.
    """
    for size in range(min(MAX_BORDER_OVERLAP, len(left), len(right)), 0, -1):
        if left[-size:] == right[:size]:
            return left + right[size:]
    return left + right


def value_with_unit(line: str) -> re.Match[str] | None:
    """A printed value with its unit on one line (`12,672 人`, `1 争未件`, `(+5) 件`)."""
    match = PRINTED_VALUE.fullmatch(line.strip())
    return match if match is not None and match["unit"] else None


# A column speaks one unit when this share of its values carry it.
DOMINANT_UNIT = 2 / 3
# How alike a misread unit must be to the column's unit (0–1).
UNIT_LIKENESS = 0.5


def unit_likeness(misread: str, unit: str) -> float:
    """Half shared characters (rapidfuzz), half equal length.

    OCR swaps a unit's characters for similar shapes one for one (`事業体` read
    as `争未件`), so the length survives when no character does.
    """
    shared = fuzz.ratio(misread, unit) / 100
    length = 1 - abs(len(misread) - len(unit)) / max(len(misread), len(unit))
    return (shared + length) / 2


def column_unit(units: Sequence[str], known: Collection[str]) -> str | None:
    """The known unit a column's values share, if one dominates them."""
    if not units:
        return None
    unit, count = Counter(units).most_common(1)[0]
    return unit if unit in known and count / len(units) >= DOMINANT_UNIT else None


def resolve_unit(line: str, column: str | None, known: Collection[str]) -> str:
    """A value line whose unit is no known unit, given the unit its column speaks.

    The unit is replaced only when it is unknown, the column speaks one known
    unit, and the two are alike (`unit_likeness`); anything else is left as
    printed, so a rare but real unit is never overwritten.
    """
    match = value_with_unit(line)
    if not match or column is None or match["unit"] in known:
        return line
    if unit_likeness(match["unit"], column) < UNIT_LIKENESS:
        return line
    return f"{match['number']} {column}{match['close']}"


# Two letters before a year number and 年: where an era name stands (令和5年度).
_ERA_SLOT = re.compile(r"(?P<era>[^\W\d_]{2})(?=(?:元|\d{1,2})年)")


def _one_apart(a: str, b: str) -> bool:
    """Same length, exactly one character different."""
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def repair_era(text: str, eras: Mapping[str, int], is_common_word: Callable[[str], bool]) -> str:
    """An era name OCR misread by one character (`信和5年度`, `今和3年`) given back.

    Of the eras one character away, the latest is taken: reports speak of
    recent years. A common word in the era's place (`平均3年`) is left alone.
    """

    def mend(match: re.Match[str]) -> str:
        word = match["era"]
        if word in eras or is_common_word(word):
            return word
        near = [era for era in eras if _one_apart(word, era)]
        return max(near, key=lambda era: eras[era]) if near else word

    return _ERA_SLOT.sub(mend, text)


def snap_label(text: str, labels: Collection[str], is_word: Callable[[str], bool]) -> str:
    """A short label OCR misread by one character (`実針`) given back as the lexicon's word.

    Only a whole cell of two to six characters that is no dictionary word and
    lies one character from exactly one label is changed.
    """
    if not 2 <= len(text) <= 6 or text in labels or is_word(text):
        return text
    near = [label for label in labels if _one_apart(text, label)]
    return near[0] if len(near) == 1 else text


# Tesseract takes the small circle of ゜ for the two strokes of ゛ at small sizes, and back.
_VOICING = str.maketrans("パピプペポバビブベボ", "バビブベボパピプペポ")
_KATAKANA_RUN = re.compile(r"[ァ-ヺー]{2,}")


def repair_voicing(text: str, is_word: Callable[[str], bool]) -> str:
    """A katakana word OCR read with ゜ for ゛ or back (`ボイント`, `スボーツ`) given back.

    A run of katakana the dictionary does not know becomes the one known
    word that differs from it by a single such mark; with none or several,
    or when the run is a known word (`ピル` and `ビル` both are), it stays.
    """

    def mend(match: re.Match[str]) -> str:
        run = match.group()
        if is_word(run):
            return run
        near = {
            run[:i] + run[i].translate(_VOICING) + run[i + 1 :]
            for i in range(len(run))
            if run[i].translate(_VOICING) != run[i]
        }
        known = [word for word in near if is_word(word)]
        return known[0] if len(known) == 1 else run

    return _KATAKANA_RUN.sub(mend, text)


# い drawn as two strokes, read as し and a digit one or a letter that looks like it.
_SPLIT_I = re.compile(r"(?<=[ぁ-ゖ])し[1lI|](?=[、。，．」』）)]|[,.](?!\d)|$)")


def repair_split_i(text: str) -> str:
    """`い` that OCR read as `し` and a stroke (`新しし1、`) given back (`新しい、`).

    Only between a kana and a punctuation mark or the end: a number there
    would carry a unit or go on, so `し1件`, `し1,000人` and `第1回` stay.
    """
    return _SPLIT_I.sub("い", text)
