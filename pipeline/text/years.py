"""Years as Japanese reports print them (令和2年度, R2, H30年度末, 2020年度) as Gregorian years.

Reports name years by era (和暦): 令和2年度, abbreviated R2 / R.2 / R 2, with 元 for
an era's first year. The eras' names, initials and first years come from japanera,
so a new era arrives with a library update rather than an edit here.
"""

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import japanera
from kanjize import kanji2number

from pipeline.text.normalize import normalize_text

# Eras from 明治 on: earlier ones never name the year of a municipal statistic.
FIRST_MODERN_YEAR = 1868
# Eras from 昭和 on are also read by their initial (S50, H30, R2). M and T are common
# Latin codes (T2, M3 sizes) and no report reaches back to 大正.
FIRST_ABBREVIATED_YEAR = 1926
# The Japanese fiscal year (年度) runs April to March and takes the year it starts in.
FISCAL_YEAR_FIRST_MONTH = 4


def _modern_eras() -> dict[str, int]:
    """Era name → Gregorian year of its first (元) year."""
    eras: dict[str, int] = {}
    for era in japanera.ERA_DATA_GENERAL:
        first_year = int(era.since.year)
        if era.kanji and first_year >= FIRST_MODERN_YEAR:
            eras[str(era.kanji)] = first_year
    return eras


def _era_initials(eras: dict[str, int]) -> dict[str, str]:
    """Initial (R, H, S) → era name, for the eras read by initial."""
    initials: dict[str, str] = {}
    for era in japanera.ERA_DATA_GENERAL:
        if str(era.kanji) in eras and eras[str(era.kanji)] >= FIRST_ABBREVIATED_YEAR:
            initials[str(era.english_head)] = str(era.kanji)
    return initials


ERA_FIRST_YEARS = _modern_eras()
ERA_INITIALS = _era_initials(ERA_FIRST_YEARS)

_ERA_NAME = "|".join(ERA_FIRST_YEARS)
_INITIAL = "".join(ERA_INITIALS)
# The year within an era: digits, 元 (the first year), or kanji numerals (令和三年度).
_ERA_YEAR = r"(?P<n>元|\d{1,2}(?!\d)|[〇一二三四五六七八九十]{1,3})"
# A year printed in both calendars at once, 令和7(2025)年度 or 2025(令和7)年度: the
# bracketed year repeats the one before it and is part of that one year.
_OTHER_CALENDAR = (
    rf"(?:\s*\(\s*(?:(?:19|20|21)\d\d|(?P<other_era>{_ERA_NAME}|[{_INITIAL}])\s*(?:元|\d{{1,2}}))"
    r"\s*\))?"
)
# What may follow a year: 年度 or 年, a month (年3月, or R3.3 in short forms), 末.
_AFTER = (
    r"(?:\s*(?P<unit>年度|年)(?:\s*(?P<month>\d{1,2})\s*月)?|\.(?P<dot_month>\d{1,2})(?![\d.]))?"
    r"(?P<end>\s*末)?"
)
_YEAR = re.compile(
    rf"(?:(?P<era>{_ERA_NAME})\s*{_ERA_YEAR}"
    rf"|(?<![A-Za-z\d])(?P<initial>[{_INITIAL}])\s?\.?\s?(?P<m>元|\d{{1,2}})(?![\dA-Za-z])"
    r"|(?<![A-Za-z\d,.])(?P<fy>FY\s?)?(?P<gregorian>(?:19|20|21)\d\d)(?![\d,])(?!\.\d))"
    rf"{_OTHER_CALENDAR}{_AFTER}"
)


# A year printed without its era (22年度, 29年): one or two digits before 年度 or 年, not
# a span's end (2009~14年), not a duration (3年間, 5年後, 2年連続).
_ERALESS = re.compile(
    r"(?<![\dA-Za-z.,~〜～\-])(?P<n>元|\d{1,2})(?=\s*(?:年度|年)(?!間|後|前|連続|毎|ごと|以|ぶり|目))"
    rf"{_AFTER}"
)


@dataclass(frozen=True)
class FiscalYear:
    """A year a header, label or note states, with what the print says about it.

    `year` is Gregorian; `fiscal` is true for 年度 (and FY), `end_of_period` for 末
    (令和2年度末: the figure as at the end of that year), `month` where a month is
    printed (令和4年2月, R4.2). `era` is the era's name (R → 令和), None for a
    Gregorian year printed without one. `text` is the match in the NFKC-folded text.
    """

    year: int
    fiscal: bool
    end_of_period: bool
    month: int | None
    era: str | None
    text: str

    @property
    def fy(self) -> int:
        """The fiscal year the contract's `fy` holds: January to March belong to the year before."""
        if not self.fiscal and self.month is not None and self.month < FISCAL_YEAR_FIRST_MONTH:
            return self.year - 1
        return self.year


def _era_year(numeral: str) -> int:
    """The year within an era: 元 is 1; digits or kanji numerals otherwise."""
    if numeral == "元":
        return 1
    return int(numeral) if numeral.isdigit() else kanji2number(numeral)


def _month(match: re.Match[str]) -> int | None:
    printed = match["month"] or match["dot_month"]
    month = int(printed) if printed else None
    return month if month is not None and 1 <= month <= 12 else None


def _from_match(match: re.Match[str], document_era: str | None = None) -> FiscalYear | None:
    groups = match.groupdict()
    era = groups.get("era") or ERA_INITIALS.get(groups.get("initial") or "")
    if era is None and "gregorian" not in groups:
        era = document_era  # an era-less year (`_ERALESS`)
    if era is not None:
        numeral = groups.get("n") or groups.get("m") or ""
        year = ERA_FIRST_YEARS[era] + _era_year(numeral) - 1
    else:
        year = int(match["gregorian"])
        other = groups.get("other_era") or ""
        era = ERA_INITIALS.get(other, other) or None  # 2025(令和7)年度 prints its era too
    if match["dot_month"] and _month(match) is None:
        return None
    return FiscalYear(
        year=year,
        fiscal=match["unit"] == "年度" or bool(groups.get("fy")),
        end_of_period=bool(match["end"]),
        month=_month(match),
        era=era,
        text=match[0].strip(),
    )


def find_years(text: str, era: str | None = None) -> list[FiscalYear]:
    """Every year the text states, in reading order (`平成29年度～令和8年度` gives two).

    A bare four-digit number from 1900 to 2199 counts as a year (2020国勢調査), so
    apply this to headers, labels and notes, not to value cells. With `era`, the era
    the document prints, a year printed without one (`24年度`) is a year of that era
    (contract rule 12).
    """
    return list(_find_years(text, era))


def year_spans(text: str, years: Sequence[FiscalYear]) -> list[tuple[int, int]]:
    """Where each of the years `find_years` read in a folded text stands in it, as (start,
    end), in reading order: each is looked for after the one before, so a year printed
    twice is placed twice."""
    spans: list[tuple[int, int]] = []
    end = 0
    for year in years:
        start = text.find(year.text, end)
        end = start + len(year.text)
        spans.append((start, end))
    return spans


@lru_cache(maxsize=1 << 16)
def _find_years(text: str, era: str | None) -> tuple[FiscalYear, ...]:
    """`find_years`'s reading, remembered: the stages ask it of the same labels, headers
    and words again and again."""
    folded = normalize_text(text)
    matches = list(_YEAR.finditer(folded))
    if era in ERA_FIRST_YEARS:
        taken = [range(m.start(), m.end()) for m in matches]
        for match in _ERALESS.finditer(folded):
            if not any(match.start() in span for span in taken):
                matches.append(match)
        matches.sort(key=lambda match: match.start())
    years = [year for year in (_from_match(match, era) for match in matches) if year is not None]
    return tuple(_with_span_ends(folded, years))


# A span whose end prints only its last two digits: `2009~14年` (to 2014).
_SHORT_END = re.compile(
    r"(?P<start>(?:19|20)\d\d)\s*[~〜～\-－]\s*(?P<end>\d\d)\s*(?P<unit>年度|年)"
)


def _with_span_ends(folded: str, years: list[FiscalYear]) -> list[FiscalYear]:
    """The years with the end of each span printed short put after its start."""
    for match in _SHORT_END.finditer(folded):
        start = int(match["start"])
        end = start - start % 100 + int(match["end"])
        end += 100 if end <= start else 0  # 1999~05年 runs into the next century
        text = f"{match['end']}{match['unit']}"
        short = FiscalYear(end, match["unit"] == "年度", False, None, None, text)
        at = next((i + 1 for i, year in enumerate(years) if year.year == start), len(years))
        years.insert(at, short)
    return years


def is_year_text(text: str) -> bool:
    """Whether the text is one year and nothing else, with its era or without (`(28年)`)."""
    folded = normalize_text(text).strip()
    year = parse_year(folded)
    return (year is not None and year.text == folded) or _ERALESS.fullmatch(folded) is not None


def document_era(texts: Iterable[str]) -> str | None:
    """The era a document prints most often (its date line, title, headers), or None."""
    counts = Counter(
        year.era for text in texts for year in find_years(text) if year.era is not None
    )
    return counts.most_common(1)[0][0] if counts else None


def unprinted_era(texts: Iterable[str], this_year: int) -> str | None:
    """The era of a document's era-less years (`26年度`) when it prints no era at all.

    A report states mostly years that have come (its baselines and actuals), so its
    era is the latest one in which most of those years are not after `this_year`:
    `22年度`…`36年度` cannot be 令和 in 2026 but fit 平成 (rule 12, the plan's own era).
    """
    numbers = [
        _era_year(match["n"])
        for text in texts
        for match in _ERALESS.finditer(normalize_text(text))
        if match["unit"] == "年度"
    ]
    if not numbers:
        return None
    read = sorted(
        (first, era) for era, first in ERA_FIRST_YEARS.items() if era in ERA_INITIALS.values()
    )
    for first, era in reversed(read):
        if sum(first + n - 1 <= this_year for n in numbers) * 2 >= len(numbers):
            return era
    return None


def parse_year(text: str, era: str | None = None) -> FiscalYear | None:
    """The first year the text states, or None."""
    years = find_years(text, era)
    return years[0] if years else None
