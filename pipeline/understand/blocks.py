"""KPIs stated in labelled blocks: a bracketed label on a line of its own, then its text,
as the web pages of plans print them:

    【計画の成果目標(定量的指標)】
    市内の観光施設の年間入込客数
    【定量的指標の現況値及び目標値】
    120万人(令和元年度)を150万人(令和6年度)に増加

A block whose text says where a figure starts and where it is to be (`A(年度)をB(年度)に
増加`, `A → B`) gives a baseline and a target; its indicator is the first line of the
nearest block above whose label names an indicator (成果目標(定量的指標), 指標名), and
its program the text of the nearest block whose label names one (事業名, 計画の名称).
A block of figures with no indicator named since the last one gives nothing.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pipeline.model import Line, Record, Source
from pipeline.understand.header_map import direction_of, match_header, read_header
from pipeline.understand.lists import from_to_facts
from pipeline.understand.names import clean_name
from pipeline.understand.settings import DocumentContext

_LABEL = re.compile(r"^【(?P<label>[^【】]{1,30})】\s*(?P<rest>.*)$")
# `A(年度)をB(年度)に増加`: the figure the plan starts from and the one it aims at.
_FROM_TO = re.compile(
    r"^(?P<before>[^をに]+?)を(?P<after>[^をに]+?)に"
    r"(?P<verb>増加|減少|向上|低下|拡大|縮小|削減|引き上げ|引き下げ)?"
    r"(?:させる|する|します|させます|を図る|を目指す)?。?$"
)
_ARROW = re.compile(r"^(?P<before>[^→⇒➡]+?)\s*[→⇒➡]\s*(?P<after>[^→⇒➡]+)$")
# What a definition says it does with the indicator: `…定住人口を測定する。`.
_MEASURED = re.compile(r"を(?:測定|算出|把握|計測|集計|調査)(?:する|します)。?$")


@dataclass(frozen=True)
class _Block:
    label: str
    lines: tuple[Line, ...]

    @property
    def text(self) -> str:
        return "".join(line.text for line in self.lines)


def _blocks(lines_of: Mapping[int, Sequence[Line]]) -> list[_Block]:
    """The document's free lines grouped under the bracketed labels that head them."""
    blocks: list[tuple[str, list[Line]]] = []
    for page in sorted(lines_of):
        for line in lines_of[page]:
            if (match := _LABEL.match(line.text)) is not None:
                rest = [Line(match["rest"], line.page, line.bbox)] if match["rest"] else []
                blocks.append((match["label"], rest))
            elif blocks:
                blocks[-1][1].append(line)
    return [_Block(label, tuple(lines)) for label, lines in blocks if lines]


def _names(label: str, field: str) -> bool:
    return any(match.field == field for match in match_header(read_header(label)))


def _indicator(block: _Block) -> str | None:
    return clean_name(_MEASURED.sub("", block.lines[0].text), block.lines[0].raw)


def block_records(lines_of: Mapping[int, Sequence[Line]], context: DocumentContext) -> list[Record]:
    """A record for every labelled block of figures the document's free lines print."""
    records: list[Record] = []
    program: str | None = None
    named: tuple[str, Line] | None = None
    for block in _blocks(lines_of):
        statement = _FROM_TO.match(block.text) or _ARROW.match(block.text)
        if statement is None:
            if _names(block.label, "indicator") and (name := _indicator(block)) is not None:
                named = (name, block.lines[0])
            elif _names(block.label, "program"):
                program = clean_name(block.text, block.lines[0].raw) or program
            continue
        if named is None:
            continue
        line = block.lines[0]
        source = Source(page=line.page, bbox=line.bbox, text=line.raw)
        facts, unit = from_to_facts(statement["before"], statement["after"], source, context)
        kinds = {fact.kind for fact in facts if fact.value is not None}
        if kinds == {"baseline", "target"}:
            indicator, at = named
            verb = statement.groupdict().get("verb")
            records.append(
                Record.model_validate(
                    {
                        "page": at.page,
                        "program": program,
                        "indicator": indicator,
                        "unit": unit,
                        "direction": direction_of(verb) if verb else None,
                        "facts": facts,
                        "source": Source(page=at.page, bbox=at.bbox, text=at.raw),
                    }
                )
            )
        named = None
    return records
