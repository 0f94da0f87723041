"""Value cells that print each figure after a label saying when it stands.

A plan's baseline cell may list the figure now and the figure a trend leads to
(`R2年度現在 120件` / `R7年度予測 140件`), or the figure of a past span
(`過去3年間実績 9件`). The cell's fact is the figure as it stands, in the year its
label prints; a forecast beside it is how the plan was reasoned, not a figure of
the column (rule 8's spirit: a figure given for orientation is no fact).
"""

import re
from functools import cache

from pipeline.text import find_years, header_fields, known_units, value_marks

# A figure, not the number of a year or span (`27年度`, `5年間`), and not inside one.
_FIGURE = re.compile(r"(?<![\d.,])\d[\d,.]*(?![\d,.]|\s*(?:年|か月|ヶ月|カ月))")


@cache
def _standing_words() -> tuple[str, ...]:
    """Header words naming a figure as it stands (現在, 実績, 現況), not an estimate."""
    estimates = _estimate_words()
    words = header_fields()
    return tuple(
        word
        for word, fields in words.items()
        if {"actual", "baseline"} & set(fields) and not any(mark in word for mark in estimates)
    )


@cache
def _estimate_words() -> tuple[str, ...]:
    return tuple(word for word, mark in value_marks().items() if mark == "estimated")


@cache
def _longest_first() -> tuple[str, ...]:
    return tuple(sorted(known_units(), key=len, reverse=True))


def _labelled(text: str) -> list[tuple[str, str]] | None:
    """The cell as (label, figure with its unit) pairs, or None where it is not all such."""
    units = _longest_first()
    pairs: list[tuple[str, str]] = []
    rest = text.strip()
    while rest:
        match = _FIGURE.search(rest)
        if match is None or not match.start():
            return None
        after = rest[match.end() :].lstrip()
        unit = next((unit for unit in units if after.startswith(unit)), None)
        if unit is None:
            return None
        pairs.append((rest[: match.start()].strip(), match[0] + unit))
        rest = after[len(unit) :].strip()
    return pairs


def standing_figure(text: str, era: str | None = None) -> tuple[str, int | None] | None:
    """The figure a cell of labelled figures gives as it stands, and its label's fiscal
    year (None where the label prints none); None for any other cell. `text` is the
    cell's text as layout folded it.

    Each label must say when its figure stands (現在, 実績) or that it is an estimate
    (予測, 見込), and exactly one figure must stand: `男性81.1年 女性84.0年` is not such a cell.
    """
    pairs = _labelled(text)
    if not pairs:
        return None
    standing = [(label, figure) for label, figure in pairs if _stands(label)]
    estimated = [label for label, _ in pairs if any(w in label for w in _estimate_words())]
    if len(standing) != 1 or len(standing) + len(estimated) != len(pairs):
        return None
    label, figure = standing[0]
    years = find_years(label, era)
    return figure, years[0].fy if years else None


def _stands(label: str) -> bool:
    estimate = any(word in label for word in _estimate_words())
    return not estimate and any(word in label for word in _standing_words())
