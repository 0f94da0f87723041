"""Ranks stated in prose: `2023年の移住希望地ランキングで、本県は全国2位となりました`.

A rank (N位) is a value of the ranking the text named last: a compound noun ending
in ランキング or 順位 with words of its own before it (移住希望地ランキング), not the
bare word (このランキング points back to it). What follows the rank says its kind:
aimed at (`3位以内を目標に`, `1位を目指す`) is a target, reached (`2位となりました`,
`15位だった`, `9位から`) an actual; a rank only moved to (`9位に下降`) is neither.
Its year is the one printed right before it (`2023年の2位`), else one counted back
from the ranking's year (`昨年の9位` in the 2023 ranking is 2022's), else the year of
the ranking the sentence names, or for a target the year the sentence is about
(`2024年は、…1位を目指す`). A rank dated by something other than a year
(`知事就任時には15位`) has no year.
"""

import re
from dataclasses import dataclass

from pipeline.model import FactKind
from pipeline.text import FiscalYear, Quantity, find_years, known_units, parse_cell
from pipeline.understand.names import clean_name, noun_phrase

_RANKING = re.compile(r"ランキング|順位")
_BARE = frozenset({"ランキング", "順位"})
_RANK = re.compile(r"(?:全国|県内|国内|道内|府内)?(?:で)?(?P<rank>\d+位)")
_AIMED = re.compile(r"^(?:以内|以上)?(?:という(?:もの)?)?(?:を|の)?(?:目標|目指)")
_REACHED = re.compile(
    r"^(?:となり|になり|だった|でした|であった|という結果|から(?!\d)|まで(?:来|上が|上昇))"
)
# Years counted back from the ranking's: 昨年 (the one before), 一昨年 (two before).
_BACK = {"一昨年": 2, "昨年": 1, "前年": 1}
_BACK_BEFORE = re.compile(r"(?P<word>一昨年|昨年|前年)度?(?:の|に|は|には)?[、,]?$")
# A time that is not a year (就任時, 当時, かつて): the rank has no year to read.
_OTHER_TIME = re.compile(r"(?:時|当時|かつて|以前)(?:に|には|は)?[、,]?")


@dataclass
class Ranking:
    """The ranking the text named last, and the year it was last named with."""

    name: str | None = None
    fy: int | None = None


def _year_right_before(text: str, years: list[FiscalYear]) -> int | None:
    """The year the text ends with, but for a particle (`2023年の`, `2024年は`)."""
    for year in reversed(years):
        at = text.rfind(year.text)
        if at >= 0 and re.fullmatch(r"(?:の|は|に|には)?", text[at + len(year.text) :]):
            return year.fy
    return None


def _named(sentence: str, era: str | None, ranking: Ranking) -> int | None:
    """Update the ranking from the names the sentence gives; the year of the one it names."""
    years = find_years(sentence, era)
    named_fy = None
    for match in _RANKING.finditer(sentence):
        before = sentence[: match.start()]
        for year in years:
            before = before.replace(year.text, "、")
        phrase = noun_phrase(before + match.group())
        if phrase is None or phrase in _BARE:
            continue
        year_fy = _year_right_before(sentence[: match.end() - len(phrase)], years)
        name = clean_name(phrase)
        if year_fy is not None or name != ranking.name:  # named again, it is the same year's
            ranking.name, ranking.fy = name, year_fy
        named_fy = year_fy
    return named_fy


def _topic_year(sentence: str, years: list[FiscalYear]) -> int | None:
    """The year the sentence is about: the one it opens with as its topic (`2024年は、`)."""
    for year in years:
        at = sentence.find(year.text)
        opens = at == 0 or sentence[at - 1] in "、,「"
        if opens and sentence[at + len(year.text) :].startswith(("は", "には")):
            return year.fy
    return None


def read_ranks(
    sentence: str, era: str | None, ranking: Ranking
) -> list[tuple[str, FactKind, Quantity, int | None]]:
    """Every rank the sentence states, as (ranking, kind, rank, year); `ranking` carries
    the ranking named so far from sentence to sentence."""
    named_fy = _named(sentence, era, ranking)
    found: list[tuple[str, FactKind, Quantity, int | None]] = []
    if ranking.name is None:
        return found
    years = find_years(sentence, era)
    for match in _RANK.finditer(sentence):
        after = sentence[match.end() :]
        kind: FactKind | None = (
            "target" if _AIMED.match(after) else "actual" if _REACHED.match(after) else None
        )
        (rank,) = parse_cell(match["rank"], known_units())
        if kind is None or not isinstance(rank, Quantity):
            continue
        before = sentence[: match.start()]
        clause = re.split(r"[、,]", before)[-1] if kind == "actual" else before
        back = _BACK_BEFORE.search(before)
        fy = _year_right_before(before, years)
        if fy is None and back is not None:
            if ranking.fy is None:
                continue  # counted back from no year: the year is unknown
            fy = ranking.fy - _BACK[back["word"]]
        elif fy is None and not _OTHER_TIME.search(clause):
            fy = named_fy if kind == "actual" else _topic_year(sentence, years)
        found.append((ranking.name, kind, rank, fy))
    return found
