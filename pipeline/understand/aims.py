"""Targets a table cell states in a sentence, for the indicator its row names.

A column that says why a target was set (目標値の設定理由, 目標設定の考え方) often
holds the target itself, in words: `縮小社会を和らげるため、2030年時点で23万人を
目指す`, `本計画最終年度に50%の達成を目指す`. What is aimed at is the target: a
number (qualifiers dropped, rule 11), or, where it has no number of its own or is
relative to another figure (`総額の維持を目指す`, `現状の消費額から+20%を目指す`),
its words as a `text` target. The year is the one the sentence states before it.
Only a cell the row's indicator owns is read so: in free prose, `…を目指す` is as
often a city's vision as a KPI.
"""

import re
from dataclasses import dataclass

from pipeline.model import Fact
from pipeline.text import Quantity, find_years, repair_numbers
from pipeline.text.tokens import tagger
from pipeline.understand.phrases import QUANTITY, first_quantity
from pipeline.understand.settings import DocumentContext
from pipeline.understand.slots import Slot
from pipeline.understand.statements import year_before
from pipeline.understand.values import Values, source_of

# The verb a target is aimed at with: `…を目指す`, `…をめざします`, `…を目標とする`.
_AIMED = r"を(?:目指|めざ|目標と|目標に)"
_AIMED_AT = re.compile(_AIMED)
_NUMBER_AIMED = re.compile(QUANTITY.format("target") + r"(?:の(?:達成|確保|維持))?" + _AIMED)
# A number counted from another figure is a relative target (rule 11), kept in words.
_RELATIVE = re.compile(r"(?:[+＋]|から|より|比)$")
# A when-phrase that starts the clause: `2030年時点で`, `令和7年度までに`.
_WHEN = re.compile(
    r"^(?P<when>[^、。]{0,20}?(?:時点|まで|末|年度|年))(?:まで)?(?:に|で|には)[、,]?"
)
_CLAUSE_END = re.compile(r"[、。]|,(?!\d)")
# Parts of speech that end a clause inside the words before what is aimed at.
_CLAUSE_POS = frozenset({"動詞", "形容詞"})
_JOINING_POS = frozenset({"助詞", "助動詞", "補助記号"})
# Words aimed at name a level (`総額の維持`, `現状以上`, `+20%`); others name a vision
# (`安心して暮らせるまち`), which is no target.
_LEVEL = re.compile(r"\d|維持|向上|増加|減少|上回|下回|以上|以下|現状|水準|倍|増|減")
# What is aimed at is a phrase; a longer run is a sentence that aims at no one figure.
_AIM_CHARS = 40


@dataclass(frozen=True)
class Aim:
    """A target a cell states: a number, or the words of one that has none; its year."""

    value: Quantity | str
    fy: int | None
    start: int  # where in the cell's text the target is printed
    end: int


def stated_aims(text: str, context: DocumentContext) -> list[Aim]:
    """Every target the cell's sentences aim at, in the order printed."""
    text = repair_numbers(text)
    aims: list[Aim] = []
    for match in _NUMBER_AIMED.finditer(text):
        before = text[: match.start()]
        quantity = first_quantity(match["target"])
        if quantity is not None and not _RELATIVE.search(before):
            aims.append(Aim(quantity, year_before(before, context), match.start(), match.end()))
    for verb in _AIMED_AT.finditer(text):
        if any(aim.start <= verb.start() < aim.end for aim in aims):
            continue
        aim = _worded(text[: verb.start()], context)
        if aim is not None:
            aims.append(aim)
    return sorted(aims, key=lambda aim: aim.start)


def aimed_values(slot: Slot, context: DocumentContext) -> Values:
    """The targets a cell aims at as facts, as sure as a statement in a table's frame."""
    found = Values()
    source, confidence = source_of(slot), context.settings.prose_confidence
    for aim in stated_aims(slot.text, context):
        if isinstance(aim.value, Quantity):
            found.add_quantity("target", aim.value, aim.fy, source, confidence)
        else:
            fact = Fact(
                kind="target", fy=aim.fy, text=aim.value, source=source, confidence=confidence
            )
            found.facts.append(fact)
    return found


def _worded(before: str, context: DocumentContext) -> Aim | None:
    """The words aimed at: the clause before the verb, from after its last verb or
    adjective (`生産性を高め総額の維持`: 総額の維持), its leading when-phrase its year."""
    start = max((m.end() for m in _CLAUSE_END.finditer(before)), default=0)
    clause = before[start:]
    fy = None
    when = _WHEN.match(clause)
    if when is not None and (years := find_years(when["when"], context.era)):
        fy = years[-1].fy
        start, clause = start + when.end(), clause[when.end() :]
    words = _words(clause)
    last = max((i for i, (_, pos, _) in enumerate(words) if pos in _CLAUSE_POS), default=-1)
    if last >= 0 and words[last][2].startswith("連体形"):
        return None  # `暮らせるまち`: a verb that modifies what is aimed at says a vision
    rest = words[last + 1 :]
    while rest and rest[0][1] in _JOINING_POS:
        rest = rest[1:]  # `高めて`: the particle after the verb
    aimed = "".join(surface for surface, _, _ in rest)
    if last >= 0 and aimed:
        start, clause = start + clause.rfind(aimed), aimed
    clause = clause.strip()
    if not _LEVEL.search(clause) or len(clause) > _AIM_CHARS:
        return None
    return Aim(clause, fy, start, len(before))


def _words(text: str) -> list[tuple[str, str, str]]:
    """Each word's surface, part of speech and conjugated form."""
    return [(w.surface, w.feature.pos1, w.feature.cForm or "") for w in tagger()(text)]
