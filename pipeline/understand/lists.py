"""KPI statements in summary lists, outside any table: an indicator, its baseline and its
target on one line, `②転入者数：2,310人（令和元年）→2,600人（令和6年）`.

A list item names the indicator before its colon and gives the value it starts from
and the value it aims at on either side of an arrow, each with the year in brackets
beside it where the list prints one (a span such as `2021～2026年度累計` is its last
year, and cumulative). A dash before the arrow is no baseline. The program is the
nearest program heading above the item.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pipeline.model import Fact, FactKind, Line, Record, Source, enclosing
from pipeline.text import (
    Quantity,
    Wording,
    known_units,
    normalize_text,
    parse_cell,
    stated_values,
)
from pipeline.understand.headings import program_heading
from pipeline.understand.names import clean_name
from pipeline.understand.settings import DocumentContext

# `name：before → after`; the colon may be full- or half-width, the arrow any of four.
_ARROW_ITEM = re.compile(
    r"^(?P<name>[^:：→⇒➡]{2,80}?)\s*[:：]\s*(?P<before>[^→⇒➡]*?)\s*[→⇒➡]\s*(?P<after>[^→⇒➡]+)$"
)


@dataclass(frozen=True)
class ListItem:
    """One item of a summary list: its indicator and the facts it states."""

    indicator: str
    line: Line
    facts: tuple[Fact, ...]
    unit: str | None


# `label name before → after` in boxes set apart by space, with no colon: the name is
# the part just before the baseline, and any part before it a label (生き活き指標).
_SPACED_ITEM = re.compile(
    r"^(?:.*\s)?(?P<name>[^\s:：→⇒➡]{2,80})\s+(?P<before>[^\s:：→⇒➡]+)\s*[→⇒➡]\s*"
    r"(?P<after>[^\s→⇒➡]+)$"
)


def list_item(line: Line, context: DocumentContext) -> ListItem | None:
    """The KPI a line states as `name：baseline → target` (or with the name set apart by
    space instead of a colon), or None for any other line."""
    # Folding drops the spaces between Japanese words that set the boxes apart.
    spaced = " ".join(line.raw.split())
    if (match := _ARROW_ITEM.match(line.text)) is not None:
        indicator = clean_name(match["name"], line.raw)
    elif (match := _SPACED_ITEM.match(spaced)) is not None:
        indicator = clean_name(normalize_text(match["name"]), match["name"])
    else:
        return None
    if indicator is None:
        return None
    source = Source(page=line.page, bbox=line.bbox, text=line.raw)
    facts, unit = from_to_facts(match["before"], match["after"], source, context)
    if not any(fact.kind == "target" for fact in facts):
        return None
    return ListItem(indicator, line, tuple(facts), unit)


def from_to_facts(
    before: str, after: str, source: Source, context: DocumentContext
) -> tuple[list[Fact], str | None]:
    """The baseline a statement starts from and the target it aims at, each with the year
    printed in brackets beside it, and the unit (the target's where the two differ)."""
    confidence = context.settings.prose_confidence
    facts: list[Fact] = []
    units: list[str] = []
    sides: tuple[tuple[FactKind, str], ...] = (("baseline", before), ("target", after))
    for kind, part in sides:
        if (wording := _wording(part, context)) is not None:
            facts.append(
                Fact(kind=kind, fy=None, text=wording, source=source, confidence=confidence)
            )
        for quantity in _stated(part):
            fy = quantity.note_year(context.era)
            facts.append(
                Fact(
                    kind=kind,
                    fy=fy,
                    value=quantity.value,
                    cumulative=quantity.cumulative,
                    estimated=quantity.estimated,
                    source=source,
                    confidence=confidence,
                )
            )
            units += [quantity.unit] if quantity.unit else []
    return facts, units[-1] if units else None


def _wording(part: str, context: DocumentContext) -> str | None:
    """A side printed as a short word with no figure (`なし`, `増加`), not a dash."""
    values = parse_cell(part, known_units())
    if len(values) != 1 or not isinstance(values[0], Wording):
        return None
    text = values[0].text
    return text if len(text) <= context.settings.progress_chars else None


def _stated(part: str) -> list[Quantity]:
    return stated_values(parse_cell(part, known_units()))


def _rejoined(lines: Sequence[Line]) -> list[Line]:
    """The page's lines with an item wrapped inside its brackets (`…割合：56.7%（2020` /
    `年度）→67.0%（2026年度）`) joined again."""
    joined: list[Line] = []
    for line in lines:
        last = joined[-1] if joined else None
        open_bracket = last is not None and last.text.count("(") > last.text.count(")")
        if last is not None and open_bracket and line.text.find(")") >= 0:
            box = enclosing([last.bbox, line.bbox])
            joined[-1] = Line(last.raw + line.raw, line.page, box)
        else:
            joined.append(line)
    return joined


def list_records(lines_of: Mapping[int, Sequence[Line]], context: DocumentContext) -> list[Record]:
    """A record for every summary-list item of the document's free lines."""
    records: list[Record] = []
    program: str | None = None
    for page in sorted(lines_of):
        for line in _rejoined(lines_of[page]):
            heading = program_heading(line, context.settings)
            if heading is not None:
                program = heading.text
                continue
            item = list_item(line, context)
            if item is None:
                continue
            records.append(
                Record.model_validate(
                    {
                        "page": line.page,
                        "program": program,
                        "indicator": item.indicator,
                        "unit": item.unit,
                        "direction": None,
                        "facts": list(item.facts),
                        "source": Source(page=line.page, bbox=line.bbox, text=line.raw),
                    }
                )
            )
    return records
