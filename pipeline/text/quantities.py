"""A value cell's text as typed values: numbers with their unit and marks, or words.

This is the contract's reading of a cell. A dash or a blank gives nothing. A number
gives a Quantity in the unit as printed (`4, 250 円` → 4250 円, `△5` → -5,
`1万2600回` → 12600 回), keeping the marks printed beside it (推計, 見込, 累計,
速報値), telling a bracketed difference such as `(+3)` from a value, and keeping a
bracketed note such as `(平成22年国勢調査)` for the year rules. Anything else is a
Wording (現状以上, 順調, A), the contract's `text`.
"""

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal, get_args

from pipeline.text.numbers import (
    NUMBER,
    UNIT_MULTIPLIERS,
    fold_value_text,
    is_blank,
    is_minus,
    multiplier_groups,
    number_start,
    number_value,
)
from pipeline.text.vocabulary import MODELS
from pipeline.text.years import find_years, is_year_text

Mark = Literal["missing", "estimated", "preliminary", "cumulative", "approximate", "bound"]
MARKS: tuple[Mark, ...] = get_args(Mark)
_MARK_NAMES: dict[str, Mark] = {mark: mark for mark in MARKS}
VALUE_MARKS = MODELS / "value_marks.txt"
# The longest run of letters read as a unit no list knows (OCR swaps a unit's characters
# for look-alikes); the layout stage's value-with-unit pattern has the same bound.
MAX_UNIT_CHARS = 6
_SEPARATORS = " :、"
_LETTERS = re.compile(r"[^\W\d_]+")


@cache
def value_marks(path: Path = VALUE_MARKS) -> dict[str, Mark]:
    """The marks of `models/value_marks.txt`: word → what it says of the value."""
    marks: dict[str, Mark] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        mark = _MARK_NAMES.get(fields[1] if len(fields) > 1 else "")
        if mark is None:
            raise ValueError(f"{path}: {fields[0]}: give one of {', '.join(MARKS)} after the word")
        marks[fields[0]] = mark
    return marks


@dataclass(frozen=True)
class Quantity:
    """A number as printed, in the unit as printed (`2,500千円` → 2500 千円).

    `text` is the number and unit as folded (NFKC, numbers rejoined); `marks` are
    those printed beside it (推計 → estimated, 累計 → cumulative …); `difference`
    flags a bracketed change from the previous row (`(+3)`), which the contract
    says is no fact; `notes` are other bracketed words (a source, a year).
    """

    value: int | float
    unit: str | None
    text: str
    marks: frozenset[Mark] = frozenset()
    difference: bool = False
    notes: tuple[str, ...] = ()

    @property
    def estimated(self) -> bool:
        return "estimated" in self.marks

    @property
    def cumulative(self) -> bool:
        return "cumulative" in self.marks

    def note_year(self, era: str | None = None) -> int | None:
        """The fiscal year a note beside the value states (`(平成27年国勢調査)` → 2015);
        `era` is the document's, for a year printed without one (`(32年度)`)."""
        for note in self.notes:
            years = find_years(note, era)
            if years:
                # A span (`2021～2026年度累計`) is the figure as at its end.
                spanned = len(years) > 1 and bool(_SPAN.search(note))
                return years[-1].fy if spanned else years[0].fy
        return None


@dataclass(frozen=True)
class Wording:
    """A value printed in words (現状以上, 順調, A): the contract's `text`, normalized."""

    text: str


CellValue = Quantity | Wording


@dataclass
class _Reading:
    """What a scan of one cell has read so far, and the marks waiting for a number."""

    found: list[Quantity] = field(default_factory=list)
    pending: set[Mark] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)

    def add(self, quantity: Quantity) -> None:
        marks = quantity.marks | self.pending
        self.found.append(replace(quantity, marks=marks, notes=(*self.notes, *quantity.notes)))
        self.pending, self.notes = set(), []

    def mark(self, marks: Collection[Mark], forward: bool) -> None:
        """A mark before a number describes it (推 100); after one, the one before."""
        if forward or not self.found:
            self.pending.update(marks)
        else:
            self.found[-1] = replace(self.found[-1], marks=self.found[-1].marks | set(marks))

    def note(self, text: str) -> None:
        """A note beside a number; one that ends in a mark (`2016～2020年累計`) also marks it."""
        ending = {mark for word, mark in value_marks().items() if text.endswith(word)}
        if self.found:
            last = self.found[-1]
            self.found[-1] = replace(last, notes=(*last.notes, text), marks=last.marks | ending)
        else:
            self.notes.append(text)
            self.pending.update(ending)


def is_missing(text: str) -> bool:
    """True for a cell that prints no figure: empty, dashes (－, —, ‐, ー, …), or 未集計."""
    folded = fold_value_text(text)
    return all(is_blank(char) for char in folded) or value_marks().get(folded) == "missing"


# A unit counted per period or per head (`人/年`, `件/月`, `%/年`) is one unit.
_PER = re.compile(r"/(?:年度|年|月|日|週|人|回|件|世帯)")


# Multipliers a printed unit may begin with (千人, 百万円): the record units' and 百.
_UNIT_PREFIXES = (*UNIT_MULTIPLIERS, "百")


def is_unit(text: str, units: Collection[str]) -> bool:
    """Whether the text is a unit as printed: a known one, with a multiplier before it
    (千人), or counted per period (人/年)."""
    text = fold_value_text(text)
    for prefix in ("", *_UNIT_PREFIXES):
        rest = text.removeprefix(prefix) if prefix and text.startswith(prefix) else text
        if (prefix == "" or rest != text) and rest and _known_unit(rest, units) == rest:
            return True
    return False


def is_printed_unit(text: str, units: Collection[str]) -> bool:
    """Whether the text could be a unit where a header says a unit stands (単位): a known
    unit, or a short word of letters alone (組織, 団体数) that is no value mark."""
    text = fold_value_text(text)
    return is_unit(text, units) or (
        _LETTERS.fullmatch(text) is not None and _unit_word(text) is not None
    )


def _known_unit(rest: str, units: Collection[str]) -> str | None:
    unit = max((unit for unit in units if rest.startswith(unit)), key=len, default=None)
    per = _PER.match(rest, len(unit)) if unit is not None else None
    return unit + per[0] if unit is not None and per is not None else unit


def _unit(rest: str, units: Collection[str]) -> str | None:
    """The known unit the rest starts with (longest), else a short run of letters as printed."""
    if (known := _known_unit(rest, units)) is not None:
        return known
    letters = _LETTERS.match(rest)
    return _unit_word(letters[0]) if letters is not None else None


def _unit_word(letters: str) -> str | None:
    """A run of letters as a unit no list holds: short, and no value mark (未集計)."""
    if len(letters) > MAX_UNIT_CHARS or any(letters.startswith(m) for m in value_marks()):
        return None
    return letters


def _split_unit(number: str, rest: str, units: Collection[str]) -> tuple[str, str | None]:
    """Where the number ends and its unit begins.

    A multiplier that starts a known unit belongs to the unit when the number has no
    other (`5,000千円` → 5000 千円, `1,200万円` → 1200 万円, the unit as printed); one
    that follows another multiplier continues the number (`1万5千円` → 15000 円).
    """
    groups = multiplier_groups(number)
    if len(groups) == 1 and groups[0][1]:
        run = groups[0][1]
        for cut in range(len(run)):
            unit = _known_unit(run[cut:] + rest, units)
            if unit is not None and len(unit) > len(run) - cut:
                return number[: len(number) - len(run) + cut], unit
    # Spaces beside Japanese are gone after folding; one stays before a Latin unit (12.5 %).
    return number, _unit(rest.removeprefix(" "), units)


def _read_quantity(
    text: str, pos: int, signed: tuple[int, int], units: Collection[str], reading: _Reading
) -> int | None:
    sign, start = signed
    match = NUMBER.match(text, start)
    if match is None:
        return None
    number, unit = _split_unit(match[0], text[match.end() :], units)
    end = start + len(number)
    if unit is not None:
        end = text.index(unit, end) + len(unit)
    reading.add(Quantity(number_value(number, sign), unit, text[pos:end]))
    return end


def _closing(text: str, pos: int) -> int | None:
    """The position of the bracket that closes the one at pos, nested brackets skipped."""
    depth = 0
    for index in range(pos, len(text)):
        depth += {"(": 1, ")": -1}.get(text[index], 0)
        if depth == 0:
            return index
    return None


def _take_bracket(inner: str, units: Collection[str], reading: _Reading) -> None:
    """A bracketed part: marks (推計), a cumulative value (累計180人), a difference (+5), a note."""
    if (part := _year_part(inner, units)) is not None:
        reading.found.append(part)
        return
    inside = _scan(inner, units)
    if inside is None or is_year_text(inner):
        reading.note(inner)
    elif not inside.found:
        reading.mark(inside.pending, forward=False)
    elif any(quantity.cumulative for quantity in inside.found):
        reading.found.extend(inside.found)
    elif len(inside.found) == 1 and inside.found[0].unit in {None, *units}:
        reading.found.append(replace(inside.found[0], difference=True))
    else:
        reading.note(inner)


# The part of a total that one year gave: `(うちH28年度 255人)`.
_YEAR_PART = re.compile(r"^うち\s*(?P<year>.+?年度?)\s*(?P<figure>[\d△▲+-].*)$")


def _year_part(inner: str, units: Collection[str]) -> Quantity | None:
    """A total's bracketed part for one year, as that year's own figure with the year as
    its note; a part that is no year's (`うち市外 20人`) is a note of the total."""
    match = _YEAR_PART.match(inner)
    if match is None or not is_year_text(match["year"]):
        return None
    inside = _scan(match["figure"], units)
    if inside is None or len(inside.found) != 1 or inside.found[0].cumulative:
        return None
    return replace(inside.found[0], notes=(match["year"],))


def _read_bracket(text: str, pos: int, units: Collection[str], reading: _Reading) -> int | None:
    end = _closing(text, pos)
    if end is None:
        return None
    if inner := text[pos + 1 : end].strip():
        _take_bracket(inner, units, reading)
    return end + 1 + _unit_after_difference(text[end + 1 :], units, reading)


def _unit_after_difference(rest: str, units: Collection[str], reading: _Reading) -> int:
    """A known unit printed after a bracketed difference belongs to it: `(+5) 件`."""
    last = reading.found[-1] if reading.found else None
    unit = _known_unit(rest.removeprefix(" "), units)
    if last is None or not last.difference or last.unit is not None or unit is None:
        return 0
    reading.found[-1] = replace(last, unit=unit)
    return rest.index(unit) + len(unit)


def _read_mark(text: str, pos: int, reading: _Reading) -> int | None:
    word = max((mark for mark in value_marks() if text.startswith(mark, pos)), key=len, default="")
    if not word:
        return None
    end = pos + len(word)
    after = len(text) - len(text[end:].lstrip(_SEPARATORS))
    meaning = value_marks()[word]
    if meaning != "missing":
        reading.mark({meaning}, forward=after < len(text) and number_start(text, after) is not None)
    return end


def _is_hyphen(text: str, pos: int) -> bool:
    """A dash between digits or Latin letters joins them (1-2, 3-1-1); it is no minus."""
    before = text[pos - 1] if pos else ""
    return is_minus(text[pos]) and before.isascii() and before.isalnum()


def _step(text: str, pos: int, units: Collection[str], reading: _Reading) -> int | None:
    """Read one part of a cell at pos; the position after it, or None if it is no value."""
    if text[pos] in _SEPARATORS:
        return pos + 1
    if text[pos] == "(":
        return _read_bracket(text, pos, units, reading)
    if _is_hyphen(text, pos):
        return None
    if (signed := number_start(text, pos)) is not None:
        return _read_quantity(text, pos, signed, units, reading)
    if (end := _read_mark(text, pos, reading)) is not None:
        return end
    return pos + 1 if is_blank(text[pos]) else None


def _scan(text: str, units: Collection[str]) -> _Reading | None:
    """The quantities and marks of a folded cell, or None where it holds anything else."""
    reading = _Reading()
    pos: int | None = 0
    while pos is not None and pos < len(text):
        pos = _step(text, pos, units, reading)
    return reading if pos is not None else None


_SPAN = re.compile(r"[～〜~]")
# A period printed before a number: per year (`1年当たり`), or a total over years (`4年間累計`).
_PERIOD = re.compile(
    r"^\d{1,2}\s*(?:か|ヵ|ヶ|カ|ケ)?年(?:間|度)?(?:当たり|あたり|(?P<total>累計|合計))"
)
# A dash printed with the column's unit (`― 件/年`) states no figure either.
_DASH_WITH_UNIT = re.compile(r"^[-‐‑‒–—―－ー]+\s*[^\d\s]{1,6}$")
# An arrow after a value marks how it moved from the one before (`3,975 ↑`), not the value.
_MOVEMENT = re.compile(r"(?<=[\w%‰)）])\s*[↑↓↗↘⇧⇩⬆⬇]$")


def parse_cell(text: str, units: Collection[str]) -> list[CellValue]:
    """Every value a cell prints, in order; [] for a dash, a blank or a missing mark.

    `40人 (累計180人)` gives two quantities, the second cumulative (rule 5);
    `9,500 人 (+0)` gives the value and a difference; words give one Wording.
    """
    return list(_parse_cell(text, frozenset(units)))


@lru_cache(maxsize=1 << 16)
def _parse_cell(text: str, units: frozenset[str]) -> tuple[CellValue, ...]:
    """`parse_cell`'s reading, remembered: a document prints the same cells again and again
    (dashes, grades, years, its units), and its stages read each cell more than once."""
    folded = _MOVEMENT.sub("", fold_value_text(text))
    if is_missing(folded) or _DASH_WITH_UNIT.match(folded):
        return ()
    period = _PERIOD.match(folded)
    if period is not None and number_start(folded, period.end()) is not None:
        # `4年間累計1,825人`, `1年当たり415人`: the period says what the number counts
        folded = ("累計" if period["total"] else "") + folded[period.end() :]
    reading = _scan(folded, units)
    return (Wording(folded),) if reading is None else tuple(reading.found)


def stated_values(values: Sequence[CellValue]) -> list[Quantity]:
    """The numbers a cell states as facts: its first value and its first 累計 (rule 5).

    A bracketed difference (`(+3)`) states no fact.
    """
    quantities = [v for v in values if isinstance(v, Quantity) and not v.difference]
    plain = next((q for q in quantities if not q.cumulative), None)
    total = next((q for q in quantities if q.cumulative), None)
    return [q for q in (plain, total) if q is not None]
