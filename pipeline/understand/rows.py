"""Tables with one indicator per row: the indicator's name in a column headed 指標 or
KPI (or, where there is none, in parentheses after the program's name), its values in
columns headed 従前値, 目標値, 実績値 … with the year the header states; section rows
naming the program of the rows below; a kind column or a year column saying what a
row's values are.
"""

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pipeline.model import FactKind, Record, enclosing
from pipeline.understand.aims import aimed_values
from pipeline.understand.header_map import (
    VALUE_FIELDS,
    WORD_FIELDS,
    ColumnField,
    direction_of,
)
from pipeline.understand.headings import Heading
from pipeline.understand.names import (
    clean_name,
    enumerated,
    name_and_unit,
    split_named_pair,
    split_pair,
)
from pipeline.understand.prose import read_statements
from pipeline.understand.reading import KpiTable
from pipeline.understand.row_columns import (
    dated_by_kind,
    find_kind_column,
    indicator_columns,
    row_year,
    year_columns,
)
from pipeline.understand.slots import Slot
from pipeline.understand.values import (
    BRACKETED_FIGURE,
    Values,
    bracketed_figure,
    counts_totals,
    header_marks,
    header_unit,
    is_target,
    make_record,
    noted_kind,
    read_values,
    row_kind,
    slot_cells,
    source_of,
    unit_in_column,
)


def _first_name(
    row: Sequence[Slot], columns: Iterable[int], table: KpiTable
) -> tuple[str, Slot] | None:
    # OCR's words say nothing of the print's type sizes or spacing.
    typed = table.first.strategy != "ocr"
    for index in columns:
        slot = row[index]
        slot = slot.headline(table.settings.gloss_height).unnumbered() if typed else slot
        name = clean_name(slot.text, slot.raw)
        if name:
            return name, slot
    return None


def section_title(row: Sequence[Slot], value_columns: Sequence[int]) -> str | None:
    """A body row that only names a section (`基本目標2 …`, `(3) 観光の振興`, `【重点施策】`),
    printed across the table or in one cell with its value cells empty: the program of
    the rows below it, cleaned of its enumerator; None for any other row."""
    printed = {slot_cells(slot): slot for slot in row if slot.text}
    if len(printed) != 1:
        return None
    ((cells, slot),) = printed.items()
    if "。" in slot.text:
        return None  # a sentence across the table is a note, not a section's name
    if any(row[index].text and slot_cells(row[index]) != cells for index in value_columns):
        return None
    across = sum(1 for other in row if slot_cells(other) == cells) >= 2
    marked = slot is row[0] and (enumerated(slot.raw) or slot.text.startswith("【"))
    if not across and (not marked or any(row[index].text for index in value_columns)):
        return None
    return clean_name(slot.text, slot.raw)


def _program(
    row: Sequence[Slot], programs: Sequence[int], heading: Heading | None, table: KpiTable
) -> str | None:
    """The first program the columns name (most specific first), else the heading's."""
    named = _first_name(row, programs, table)
    if named is not None:
        return named[0]
    return heading.text if heading else None


def _names(
    table: KpiTable,
    row: Sequence[Slot],
    heading: Heading | None,
    indicator_columns: list[int],
    program_columns: list[int],
) -> tuple[str | None, str, Slot] | None:
    """The program and indicator of one row, and the cell that names the indicator."""
    programs = list(reversed(program_columns))  # most specific first
    indicators = list(reversed(indicator_columns))
    if indicators:
        named = _first_name(row, indicators, table)
        if named is None:
            return None
        if (pair := split_named_pair(named[0])) is not None:
            return pair[0], pair[1], named[1]
        return _program(row, programs, heading, table), named[0], named[1]
    for position, index in enumerate(programs):
        name = clean_name(row[index].text)
        if not name:
            continue
        pair = split_pair(name)
        if pair is not None:
            return pair[0], pair[1], row[index]
        return _program(row, programs[position + 1 :], heading, table), name, row[index]
    return None


def row_records(table: KpiTable, heading: Heading | None) -> list[Record]:
    """One indicator per body row, or per group of rows where a kind column (区分:
    実績値 / 目標値) says which kind the row's year columns hold.

    A wide table may name two indicators in a row (重点目標 and KPI, each with its own
    現況 and 目標値): each value column belongs to the nearest indicator column on its
    left, and each indicator column's row is a record of its own.
    """
    value_columns = [
        (index, column.field)
        for index, column in enumerate(table.columns)
        if column.field.field in VALUE_FIELDS | WORD_FIELDS
    ]
    if not (value_columns or table.fields("reason")) or table.label_column is not None:
        return []
    value_columns = sorted(value_columns + dated_by_kind(table, value_columns))
    indicators = indicator_columns(table)
    groups = [
        (indicator, [(i, f) for i, f in value_columns if _owner(i, indicators) == indicator])
        for indicator in indicators
    ]
    groups = [(indicator, columns) for indicator, columns in groups if columns]
    programs = table.fields("program")
    if len(groups) < 2:
        return _records(table, heading, value_columns, indicators, programs)
    # A group's programs are the columns left of its indicator, after the group before.
    starts = [-1] + [indicator for indicator, _ in groups]
    return [
        record
        for (indicator, columns), start in zip(groups, starts, strict=False)
        for record in _records(
            table,
            heading,
            columns,
            [indicator],
            [index for index in programs if start < index < indicator],
        )
    ]


def _owner(column: int, indicators: Sequence[int]) -> int | None:
    """The indicator column nearest on the left of a value column (else the first)."""
    left = [index for index in indicators if index < column]
    return left[-1] if left else (indicators[0] if indicators else None)


def _records(
    table: KpiTable,
    heading: Heading | None,
    value_columns: list[tuple[int, ColumnField]],
    indicators: list[int],
    programs: list[int],
) -> list[Record]:
    """The records of the rows, reading the given value, indicator and program columns."""
    kind_column = find_kind_column(table, {index for index, _ in value_columns})
    years = year_columns(table, {index for index, _ in value_columns})
    marks = [header_marks(mapped) for _, mapped in value_columns]
    default_unit = next(filter(None, (header_unit(mapped) for _, mapped in value_columns)), None)
    unit_columns = table.fields("unit")
    direction_columns = table.fields("direction")
    definition_columns = table.fields("definition")
    reason_columns = table.fields("reason")
    gathered: dict[tuple[str | None, str], _Gathered] = {}
    section: str | None = None
    body = _join_wrapped_names(table, [index for index, _ in value_columns])
    body = _without_aims(body, [index for index, _ in value_columns], indicators + programs)
    for row in body:
        title = section_title(row, [index for index, _ in value_columns])
        if title is not None:
            section = title
            continue
        names = _names(table, row, heading, indicators, programs)
        if names is None:
            continue
        program, printed_name, named = names
        indicator, name_unit = name_and_unit(printed_name)
        if section is not None and not table.fields("program"):
            program = section
        label_kind = row_kind([row[kind_column]], table.settings) if kind_column else None
        if kind_column is not None and label_kind is None:
            continue  # a row of another kind of figure: 達成率, 差
        found = gathered.setdefault((program, indicator), _Gathered(named))
        for (index, mapped), column_marks in zip(value_columns, marks, strict=True):
            if any(_same_print(row[index], row[name]) for name in indicators):
                continue  # one merged cell over the row (a note): no name's value
            kind: FactKind = mapped.field  # type: ignore[assignment]
            if label_kind is not None and mapped.year is not None:
                kind = label_kind
            fy = mapped.year.fy if mapped.year else row_year(row, years, kind, table)
            slot = _unbracketed(row[index]) if label_kind is not None else row[index]
            for part, part_kind in _kinds_of(slot, kind, mapped, label_kind, table):
                found.values.add(
                    read_values(part, part_kind, fy, mapped.confidence, column_marks, table.context)
                )
        if not any(is_target(fact) for fact in found.values.facts):
            for index in reason_columns:  # the target said in words, where none is printed
                found.values.add(aimed_values(row[index], table.context))
        found.unit = found.unit or next(
            filter(None, (unit_in_column(row[i].text) for i in unit_columns)), name_unit
        )
        found.direction = found.direction or next(
            filter(None, (direction_of(row[i].text) for i in direction_columns)), None
        )
        found.totals = found.totals or any(counts_totals(row[i].text) for i in definition_columns)
    records = [
        make_record(
            found.named.page,
            program,
            indicator,
            found.values,
            found.unit or default_unit,
            found.direction,
            found.named,
            found.totals,
        )
        for (program, indicator), found in gathered.items()
    ]
    return [record for record in records if record is not None]


def _same_print(slot: Slot, name: Slot) -> bool:
    """Whether a value slot reads print of the name's own: a cell both hold, whose text
    stands whole in the name's (a note merged over the row), not the value part of a cell
    that prints a name and its value."""
    shared = not {id(cell) for cell in slot.cells}.isdisjoint(id(cell) for cell in name.cells)
    return shared and bool(slot.text) and slot.text in name.text


def _kinds_of(
    slot: Slot, kind: FactKind, mapped: ColumnField, label_kind: FactKind | None, table: KpiTable
) -> list[tuple[Slot, FactKind]]:
    """The cell as one value of the kind, or, under a header naming a second kind in brackets
    (`実績値(目標値)`), its value and the figure bracketed after it (`9.6%(15.0%)`)."""
    noted = noted_kind(mapped, table.settings) if label_kind is None else None
    pair = bracketed_figure(slot) if noted is not None else None
    if noted is None or pair is None:
        return [(slot, kind)]
    return [(pair[0], kind), (pair[1], noted)]


# A figure alone in brackets, unsigned: `(10,000)`.
_BRACKETED = re.compile("^" + BRACKETED_FIGURE)


def _unbracketed(slot: Slot) -> Slot:
    """In a row whose label names its kind (`(改訂後の)目標値`), a figure alone in brackets is
    a figure of that kind (a revised one), not a difference from the row above."""
    match = _BRACKETED.match(slot.text)
    return dataclasses.replace(slot, text=match["figure"]) if match else slot


# A line that carries on a name wrapped onto the next row starts where no name can.
_CARRIES_ON = re.compile(r"^[のをにがへとや、）)」』]")


def _join_wrapped_names(table: KpiTable, value_columns: list[int]) -> list[list[Slot]]:
    """Body rows with a name wrapped over two rows of an unruled table joined: a row that
    prints only the start of a name, then one whose name carries on (`の割合)`), or the
    other way round, are one row."""
    names = table.fields("indicator") + table.fields("program")
    body = [list(row) for row in table.body]
    if not names or table.first.strategy == "ruled":
        return body
    joined: list[list[Slot]] = []
    for row in body:
        previous = joined[-1] if joined else None
        carries = any(_CARRIES_ON.match(row[i].text) for i in names if row[i].text)
        if previous is not None and carries:
            previous_valued = any(previous[i].text for i in value_columns)
            valued = any(row[i].text for i in value_columns)
            if not (previous_valued and valued):
                joined[-1] = [_joined(a, b) for a, b in zip(previous, row, strict=True)]
                continue
        joined.append(row)
    return joined


# An aim stated as a sentence (認定農業者数を増やします), or a line marked as an item under
# the row above (○ 認定農業者数).
_AIM = re.compile(r"ます|する[。.]?$")
_ITEM_MARK = re.compile(r"^[○〇◯]")


def _without_aims(
    body: list[list[Slot]], value_columns: list[int], names: list[int]
) -> list[list[Slot]]:
    """The rows without an aim printed over the indicator that measures it: where a row's
    value cells run down beside the next row too and that row is the aim's indicator
    (`○ …` under `…を増やします`), the figures are the indicator's alone."""

    def shared(upper: list[Slot], lower: list[Slot]) -> bool:
        return all(upper[i].cells == lower[i].cells for i in value_columns) and any(
            upper[i].text for i in value_columns
        )

    def aim(upper: list[Slot], lower: list[Slot]) -> bool:
        above = " ".join(upper[i].text for i in names)
        below = " ".join(lower[i].text for i in names if lower[i].cells != upper[i].cells)
        return bool(below) and (_AIM.search(above) is not None or bool(_ITEM_MARK.match(below)))

    return [
        row
        for row, lower in zip(body, [*body[1:], []], strict=True)
        if not (lower and shared(row, lower) and aim(row, lower))
    ]


def _joined(upper: Slot, lower: Slot) -> Slot:
    if not lower.text:
        return upper
    if not upper.text:
        return lower
    box = enclosing([upper.bbox, lower.bbox])
    text, raw = upper.text + lower.text, f"{upper.raw}\n{lower.raw}"
    return Slot(text, raw, upper.page, box, upper.cells + lower.cells)


@dataclass
class _Gathered:
    """What the rows of one indicator give: its name's cell, its facts, unit and direction."""

    named: Slot
    values: Values = field(default_factory=Values)
    unit: str | None = None
    direction: str | None = None
    totals: bool = False


def prose_records(table: KpiTable, heading: Heading | None) -> list[Record]:
    """Records from KPI statements written inside the table's cells."""
    programs = list(reversed(table.fields("program")))
    records: list[Record] = []
    for row in table.body:
        for index, slot in enumerate(row):
            if "【" not in slot.text and "KPI" not in slot.text.upper():
                continue
            column = table.columns[index].field
            year = column.year.fy if column.year else None
            for statement in read_statements(slot.text, year):
                values = Values()
                source = source_of(slot)
                for stated in statement.values:
                    values.add_quantity(
                        stated.kind,
                        stated.quantity,
                        stated.fy,
                        source,
                        table.settings.prose_confidence,
                    )
                program = _program(row, programs, heading, table)
                record = make_record(
                    slot.page, program, statement.indicator, values, None, None, slot
                )
                if record is not None:
                    records.append(record)
    return records
