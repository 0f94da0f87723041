"""The level a targeted indicator stood at in a year, stated in prose with no marker.

A press release gives an actual as a plain statement: `令和5年度の本県への年間移住者は
1,696世帯2,361人(対前年+258人)となり`. No 実績 marks it, but the sentence states the
indicator's level for a year, so it is that year's actual, when the document sets the
same indicator a target elsewhere (its names agree once a word of period, 年間 or 毎年,
and a closing 数 are set aside). The value is the number printed in the target's unit.
A year the same sentence compares it with, its figures in brackets after it (`過去最多だった
令和3年度(1,665世帯、2,368人)に迫る`), is that year's level too.
Figures of anything the document sets no target (会議の開催回数は3回であった) stay unread.
"""

import re
from collections.abc import Mapping, Sequence

from pipeline.model import Fact, Line, Record, Source
from pipeline.text import Quantity, find_years, known_units, parse_cell, year_spans
from pipeline.understand.names import noun_phrase
from pipeline.understand.settings import DocumentContext
from pipeline.understand.statements import sentences_of
from pipeline.understand.values import is_target

_LEVEL = re.compile(
    r"(?P<topic>[^、。]{2,60}?)は[、,]?(?P<values>(?:\d[\d,.]*[^\d\s、。()（）]{1,4}){1,3})"
    r"(?:[(（][^()（）]*[)）])?(?:となり|となった|となりました|であった|でした|に達し)"
)
# A year's figures in brackets right after it: `令和3年度(1,665世帯、2,368人)`.
_BRACKETED = re.compile(r"^[(（](?P<values>[^()（）]{1,40})[)）]")
_PERIOD = re.compile(r"^(?:年間|毎年度?|年度)|数$")


def _key(name: str) -> str:
    return _PERIOD.sub("", name)


def add_stated_levels(
    lines_of: Mapping[int, Sequence[Line]], records: Sequence[Record], context: DocumentContext
) -> None:
    """Add to each targeted record the actuals its indicator's stated levels give."""
    targeted = {
        _key(record.indicator): record
        for record in records
        if any(is_target(fact) for fact in record.facts)
    }
    confidence = context.settings.prose_confidence * context.settings.sentence_confidence
    for sentence in sentences_of(lines_of):
        for match in _LEVEL.finditer(sentence.text):
            years = find_years(match["topic"], context.era)
            phrase = noun_phrase(match["topic"])
            record = targeted.get(_key(phrase)) if phrase else None
            if record is None or len({year.fy for year in years}) != 1:
                continue
            levels = [(years[0].fy, match["values"])]
            rest = sentence.text[match.end() :]
            compared = find_years(rest, context.era)
            for year, (_, end) in zip(compared, year_spans(rest, compared), strict=True):
                if (bracketed := _BRACKETED.match(rest[end:])) is not None:
                    levels.append((year.fy, bracketed["values"]))
            source = Source(page=sentence.page, bbox=sentence.bbox, text=sentence.raw)
            for fy, printed in levels:
                value = _level(printed, record.unit)
                if value is None:
                    continue
                fact = Fact(
                    kind="actual",
                    fy=fy,
                    value=value,
                    source=source,
                    confidence=round(confidence, 3),
                )
                if all((f.kind, f.fy, f.value) != ("actual", fy, value) for f in record.facts):
                    record.facts.append(fact)


def _level(printed: str, unit: str | None) -> float | None:
    """The one number printed in the target's unit, or None."""
    values = [
        value
        for value in parse_cell(printed, known_units())
        if isinstance(value, Quantity) and unit and value.unit == unit
    ]
    return values[0].value if len(values) == 1 else None
