"""A cell's value as facts: what one value cell gives for a kind, and the record an
indicator's facts make; shared by every shape a table or a statement is read in.

Each fact keeps the page, box and raw text of the cell it was read from, and the
confidence of the column mapping that gave it its kind.
"""

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from pipeline.model import Fact, FactKind, Record, Source
from pipeline.text import (
    JAPANESE_LETTERS,
    CellValue,
    Quantity,
    Wording,
    find_years,
    is_printed_unit,
    is_unit,
    is_year_text,
    known_units,
    normalize_grade,
    normalize_text,
    parse_cell,
    stated_values,
    value_marks,
)
from pipeline.understand.header_map import (
    VALUE_FIELDS,
    WORD_FIELDS,
    ColumnField,
    is_grade,
    label_match,
    read_header,
)
from pipeline.understand.labelled import standing_figure
from pipeline.understand.settings import DEFAULT_CONTEXT, DocumentContext, UnderstandSettings
from pipeline.understand.slots import Slot

# Rule 8: a value marked for reference is no fact.
_REFERENCE = "参考"


# A value in words for a numeric kind is a short Japanese phrase (現状以上, 維持) or a
# relative target (20%増, 前年度比5%減), either with a note in brackets after it
# (現状値を維持(44%台)); longer text is a comment, and one character or Latin letters
# among kana are a misreading.
_VALUE_WORDING = re.compile(
    f"(?P<phrase>[{JAPANESE_LETTERS}][{JAPANESE_LETTERS}\\d%.]+"
    f"|[{JAPANESE_LETTERS}]*\\d[\\d.]*%[増減])(?:[(（][^()（）]+[)）])?"
)


def source_of(slot: Slot) -> Source:
    return Source(page=slot.page, bbox=slot.bbox, text=slot.raw)


@dataclass
class Values:
    """The facts read from cells and the units their numbers were printed in."""

    facts: list[Fact] = field(default_factory=list)
    units: Counter[str] = field(default_factory=Counter)

    def add(self, other: "Values") -> None:
        self.facts.extend(other.facts)
        self.units.update(other.units)

    def add_quantity(
        self,
        kind: FactKind,
        quantity: Quantity,
        fy: int | None,
        source: Source,
        confidence: float,
        estimated: bool = False,
    ) -> None:
        """A number as a fact of the kind, its unit counted towards the record's."""
        self.facts.append(
            Fact(
                kind=kind,
                fy=fy,
                value=quantity.value,
                cumulative=quantity.cumulative,
                estimated=quantity.estimated or estimated,
                source=source,
                confidence=confidence,
            )
        )
        if quantity.unit:
            self.units[quantity.unit] += 1

    @property
    def unit(self) -> str | None:
        return self.units.most_common(1)[0][0] if self.units else None


def read_values(
    slot: Slot,
    kind: FactKind,
    fy: int | None,
    confidence: float,
    marks: frozenset[str] = frozenset(),
    context: DocumentContext = DEFAULT_CONTEXT,
) -> Values:
    """The facts one cell gives for a kind: a value and its cumulative twin, or a word.

    A year the cell prints beside its value (`81.0%(32年度)`) is the fact's year (rule 3).
    """
    found = Values()
    text, units = _value_text(slot)
    found.units.update(units)
    if not text or _REFERENCE in text:
        return found
    values = parse_cell(text, known_units())
    standing = None if kind in WORD_FIELDS else _standing(values, text, context.era)
    if standing is not None:  # `R2年度現在 120件 R7年度予測 140件`: the figure now
        values, fy = parse_cell(standing[0], known_units()), standing[1] or fy
    source = source_of(slot)
    if kind in WORD_FIELDS:
        words = [value for value in values if isinstance(value, Wording)]
        if len(words) == 1 and (kind != "grade" or is_grade(words[0].text)):
            text = normalize_grade(words[0].text) if kind == "grade" else words[0].text
            found.facts.append(
                Fact(kind=kind, fy=fy, text=text, source=source, confidence=confidence)
            )
        return found
    values, fy = _by_line(values, slot.raw, fy, context.era)
    quantities = stated_values(values)
    estimated = "estimated" in marks
    for quantity in quantities:
        found.add_quantity(
            kind, quantity, quantity.note_year(context.era) or fy, source, confidence, estimated
        )
    if not quantities and len(values) == 1 and isinstance(values[0], Wording):
        wording, year = _dated_wording(values[0].text, context.era)
        fy = year or fy
        phrase = _VALUE_WORDING.fullmatch(wording)
        # A wording that states a year (平成19年度調査) says when, not how much.
        short = phrase is not None and (
            len(phrase["phrase"]) <= context.settings.value_words
            and not find_years(phrase["phrase"], context.era)
        )
        if short or _compound(wording, context):
            found.facts.append(
                Fact(
                    kind=kind,
                    fy=fy,
                    text=wording,
                    estimated=estimated,
                    source=source,
                    confidence=confidence,
                )
            )
    return found


def _standing(values: list[CellValue], text: str, era: str | None) -> tuple[str, int | None] | None:
    if any(isinstance(value, Quantity) for value in values):
        return None
    return standing_figure(text, era)


# A year in brackets after a value in words: `減少を目指します（32年）`.
_YEAR_AFTER = re.compile(r"\s*[(（]([^()（）]+)[)）]\s*$")


def _by_line(
    values: list[CellValue], raw: str, fy: int | None, era: str | None
) -> tuple[list[CellValue], int | None]:
    """A cell of several printed lines that reads as words as a whole (`44.2%` / `34市町村`
    / `全国41位（2022年）`) read line by line: its values are the lines' numbers, and a
    year one line prints in brackets is the cell's."""
    lines = [line for line in raw.splitlines() if line.strip()]
    if len(lines) < 2 or len(values) != 1 or not isinstance(values[0], Wording):
        return values, fy
    by_line = [value for line in lines for value in parse_cell(normalize_text(line), known_units())]
    if not any(isinstance(value, Quantity) for value in by_line):
        return values, fy
    years = [_dated_wording(v.text, era)[1] for v in by_line if isinstance(v, Wording)]
    return by_line, next(filter(None, years), fy)


# A figure a compound value prints beside its label: `商品数1商品`, `男性81.1年`.
_LABELLED_FIGURE = re.compile(r"\d[\d,.]*")


def _compound(wording: str, context: DocumentContext) -> bool:
    """A value printed as two figures or more with their labels (`橋梁23.0% トンネル75.0%`,
    `商品数1商品,起業者1人`): one value of the cell, kept as its text, not a sentence."""
    figures = _LABELLED_FIGURE.findall(wording)
    brief = len(wording) <= 3 * context.settings.value_words and "。" not in wording
    return brief and len(figures) >= 2 and not any(mark in wording for mark in "をにがは")


def _dated_wording(wording: str, era: str | None) -> tuple[str, int | None]:
    """A value in words without the year printed after it in brackets, and that year."""
    match = _YEAR_AFTER.search(wording)
    if match is None or not is_year_text(match[1]):
        return wording, None
    years = find_years(match[1], era)
    return wording[: match.start()], years[0].fy if years else None


def _value_text(slot: Slot) -> tuple[str, list[str]]:
    """A slot's value text and the units printed in cells of their own beside it (`11` | `人`)."""
    if len(slot.cells) < 2:
        return slot.text, []
    units = [unit for cell in slot.cells if (unit := unit_of(cell.text))]
    parts = [cell.text for cell in slot.cells if cell.text and not unit_of(cell.text)]
    return " ".join(parts), units


def noted_kind(column: ColumnField, settings: UnderstandSettings) -> FactKind | None:
    """Another value kind the header names in brackets (`実績値(29年度目標値)`): the figure its
    cells print in brackets after their value (`17,861人(16,507人)`) is one of that kind."""
    for note in column.header.notes:
        match = label_match(read_header(note), settings)
        if match is not None and match.field in VALUE_FIELDS and match.field != column.field:
            kind: FactKind = match.field  # type: ignore[assignment]
            return kind
    return None


# A figure alone in brackets, unsigned: `(10,000)`, `(15.0%)`.
BRACKETED_FIGURE = r"[(（]\s*(?P<figure>\d[\d,.]*\s*[^\d\s()（）]{0,4})\s*[)）]$"
# A value with such a figure after it: `9.6%(15.0%)`.
_WITH_FIGURE = re.compile(r"^(?P<value>[^()（）]*\d[^()（）]*?)\s*" + BRACKETED_FIGURE)


def bracketed_figure(slot: Slot) -> tuple[Slot, Slot] | None:
    """A cell's value and the figure in brackets after it, each as a slot of its own; None
    where the cell prints no such figure, or the brackets hold a year (`12.1%(26年度)`)."""
    match = _WITH_FIGURE.match(slot.text)
    if match is None or is_year_text(match["figure"]):
        return None
    return replace(slot, text=match["value"]), replace(slot, text=match["figure"])


def header_marks(column: ColumnField) -> frozenset[str]:
    """Marks a header puts on all its values: 実績見込 → estimated; a legend (推:推計値) none."""
    marks = value_marks()
    return frozenset(marks[word] for word in column.header.words if word in marks)


def header_unit(column: ColumnField) -> str | None:
    """A unit the header states in brackets: `事業費(千円)`, `(単位:人)`."""
    units = known_units()
    for note in column.header.notes:
        unit = note.split(":")[-1].strip()
        if unit in ("年", "年度") and column.header.years:
            continue  # what a bracketed year leaves: `目標値(2019(H31)年)`
        if unit in units:
            return unit
    return None


def is_target(fact: Fact) -> bool:
    return fact.kind in ("target", "final_target")


_CUMULATIVE_NAME = re.compile(r"[(（\[［〔【]\s*累計\s*[)）\]］〕】]")
# A 累計 note in square or lenticular brackets is a note, not part of the name (rule 2);
# in parentheses the name keeps it as printed (`公民館改築数(累計)`).
_TOTAL_MARK = re.compile(r"\s*[\[［〔【]\s*累計\s*[\]］〕】]")
# A note after a name that its figures are running totals: `(累計)`, `(H27~H31累計)`.
_TOTAL_NOTE = r"\s*[(（][^()（）]{0,20}累計[)）]"


def _running_totals(facts: Sequence[Fact]) -> None:
    """Mark an indicator's values running totals (rule 5), in words too; a grade is none."""
    for fact in facts:
        fact.cumulative = fact.kind not in WORD_FIELDS


def totals_by_note(records: Sequence[Record], texts: Sequence[str]) -> None:
    """Mark cumulative the values of each indicator the document prints elsewhere with a
    note that they are running totals (`雇用創出数 (H27~H31累計)` over a table naming
    `雇用創出数` alone), as a name carrying the note itself says (rule 5). The texts are
    folded, as a free line's text is."""
    for record in records:
        noted = re.compile(re.escape(record.indicator) + _TOTAL_NOTE)
        if any(noted.search(text) for text in texts):
            _running_totals(record.facts)


def counts_totals(definition: str) -> bool:
    """Whether an indicator's definition says it counts a running total: `結成数(累計)`,
    `…の累計`, `累計値`."""
    return bool(_TOTALS_DEFINED.search(definition))


# 累計 in a definition's note or at its end.
_TOTALS_DEFINED = re.compile(r"[(（][^()（）]{0,20}累計[^()（）]{0,4}[)）]|累計値?$")


def make_record(
    page: int,
    program: str | None,
    indicator: str,
    values: Values,
    unit: str | None,
    direction: str | None,
    source: Slot | None,
    totals: bool = False,
    targeted: bool = False,
) -> Record | None:
    """A record when the indicator has a target (rule 1), here or in another printing
    of it that gave a record (`targeted`). A name marked （累計）(`転入者数（累計）`,
    `着手箇所数[累計]`), or a definition saying so (`totals`), says every value of the
    indicator is a running total."""
    if not targeted and not any(is_target(fact) for fact in values.facts):
        return None
    if not values.facts:
        return None
    if totals or _CUMULATIVE_NAME.search(indicator):
        _running_totals(values.facts)
    indicator = _TOTAL_MARK.sub("", indicator).strip() or indicator
    extra = {"source": source_of(source).model_dump()} if source is not None else {}
    return Record.model_validate(
        {
            "page": page,
            "program": program,
            "indicator": indicator,
            "unit": unit or values.unit,
            "direction": direction,
            "facts": values.facts,
            **extra,
        }
    )


def slot_cells(slot: Slot) -> tuple[int, ...]:
    return tuple(map(id, slot.cells))


def has_number(text: str) -> bool:
    return any(isinstance(v, Quantity) for v in parse_cell(text, known_units()))


def row_kind(row: Sequence[Slot], settings: UnderstandSettings) -> FactKind | None:
    """The value kind a row's label names (目標値, 実績, 基準値), or None (達成率, 備考)."""
    if not row or not row[0].text:
        return None
    best = label_match(read_header(row[0].text), settings)
    if best is None or best.field not in VALUE_FIELDS:
        return None
    kind: FactKind = best.field  # type: ignore[assignment]
    return kind


def unit_of(text: str) -> str | None:
    """A cell's folded text when it is a unit and nothing else."""
    return text if is_unit(text, known_units()) else None


def unit_in_column(text: str) -> str | None:
    """A cell's folded text under a unit header: any short word may be a unit there."""
    return text if is_printed_unit(text, known_units()) else None
