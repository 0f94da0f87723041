"""Tables of years: years as rows (a label column 当初, R2, R3 and, per indicator, a
目標 and a 実績 column under its name), and years as columns under a caption naming the
table's one indicator, with its kinds in rows or in the column headers.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline.model import FactKind, Record
from pipeline.text import (
    known_units,
    parse_cell,
    parse_year,
)
from pipeline.understand.header_map import (
    VALUE_FIELDS,
    ColumnField,
    is_year_label,
)
from pipeline.understand.headings import Caption, Heading
from pipeline.understand.names import clean_name
from pipeline.understand.reading import KpiTable, is_baseline_label
from pipeline.understand.row_columns import row_year, year_columns
from pipeline.understand.settings import DocumentContext
from pipeline.understand.slots import Slot
from pipeline.understand.values import (
    Values,
    has_number,
    make_record,
    read_values,
    row_kind,
    unit_in_column,
)


@dataclass
class _Series:
    """One indicator of a years-as-rows table: its name, where it is printed, its columns."""

    name: str
    head: Slot
    columns: list[tuple[int, ColumnField]] = field(default_factory=list)


def _series(table: KpiTable) -> list[_Series]:
    series: list[_Series] = []
    for index, column in enumerate(table.columns):
        if index == table.label_column or column.field.field not in VALUE_FIELDS:
            continue
        upper = " ".join(column.levels[:-1])
        name = clean_name(upper) if upper else None
        if name and (not series or series[-1].name != name):
            series.append(_Series(name, column.heads[0] if column.heads else Slot.empty()))
        if series:
            series[-1].columns.append((index, column.field))
    return series


def year_records(table: KpiTable, heading: Heading | None) -> list[Record]:
    """Years as rows: per indicator, each year's 目標 and 実績; 当初 gives the baseline (rule 4)."""
    label = table.label_column
    if label is None:
        return []
    records: list[Record] = []
    for series in _series(table):
        values = Values()
        for row in table.body:
            text = row[label].text
            if is_year_label(text, table.era):
                year = parse_year(text, table.era)
                fy = year.fy if year else None
                for index, mapped in series.columns:
                    kind: FactKind = mapped.field  # type: ignore[assignment]
                    values.add(
                        read_values(row[index], kind, fy, mapped.confidence, context=table.context)
                    )
            elif is_baseline_label(text, table.settings):
                year = parse_year(text, table.era)
                values.add(_baseline(row, series, year.fy if year else None, table.context))
        program = heading.text if heading else None
        record = make_record(
            series.head.page, program, series.name, values, None, None, series.head
        )
        if record is not None:
            records.append(record)
    return records


def _baseline(
    row: Sequence[Slot], series: _Series, fy: int | None, context: DocumentContext
) -> Values:
    """Rule 4: the 実績 column's value of a 当初 row, or its 目標 column's where 実績 is empty."""
    order = sorted(series.columns, key=lambda pair: pair[1].field != "actual")
    for index, mapped in order:
        found = read_values(row[index], "baseline", fy, mapped.confidence, context=context)
        if found.facts:
            return found
    return Values()


def kind_row_records(
    table: KpiTable, heading: Heading | None, caption: Caption | None, targeted: bool = False
) -> list[Record]:
    """Years as columns, the one indicator named by the caption above the table.

    A row labelled with a kind (目標値 / 実績値 under H23 … H27) gives that kind in
    every year column; a row with no label takes each column's own kind (`R1（基準値）
    | R3 | R4（現状値）| R7（目標値）`: a year marked by nothing is an actual, rule 7);
    a row labelled otherwise (達成率) gives nothing. A column whose header marks the
    baseline gives it once, from the first row that prints it.
    """
    caption = _named_caption(table) or caption
    if caption is None or table.fields("indicator") or table.label_column is not None:
        return []
    dated = [(i, c) for i, c in enumerate(table.columns) if c.field.year is not None]
    units = _unit_columns(table)
    undated = {i for i in range(1, len(table.columns))} - {i for i, _ in dated} - units
    if len(dated) < 2 or any(_names_something(table, i, [d for d, _ in dated]) for i in undated):
        return []  # a column of names beside the years: another shape (an indicator per row)
    values = Values()
    baselines: set[int] = set()
    first_dated = min(index for index, _ in dated)
    # An undated column headed as the baseline (計画策定時) gives it too.
    read = sorted(dated + [(i, table.columns[i]) for i in table.fields("baseline") if i in undated])
    # An undated column's year is the one its row prints under a header of that kind
    # (従前値 | … | 数値の基準年度: H27年度).
    years = year_columns(table, {index for index, _ in read})
    for row in table.body:
        # The row's label: its first printed cell before the years that names a kind, else
        # its first printed one, a unit's cell aside.
        label = [slot for i, slot in enumerate(row[:first_dated]) if slot.text and i not in units]
        kinds = [kind for slot in label if (kind := _label_kind(slot, table)) is not None]
        label_kind: FactKind | None = kinds[0] if kinds else None
        if label_kind is None and label and not has_number(label[0].text):
            continue  # a row of something else: 達成率, 備考
        for index, column in read:
            kind = "grade" if label_kind == "grade" else _column_kind(column.field, label_kind)
            if kind is None or (label_kind is not None and index == 0):
                continue
            if kind == "baseline" and index in baselines:
                continue
            year = column.field.year
            fy = year.fy if year else row_year(row, years, kind, table)
            confidence = column.field.confidence or table.settings.year_only
            found = read_values(row[index], kind, fy, confidence, context=table.context)
            if found.facts and kind == "baseline":
                baselines.add(index)
            values.add(found)
    named = Slot(caption.name, caption.raw, caption.page, caption.bbox, ())
    program = heading.text if heading else None
    printed = (unit_in_column(row[i].text) for i in units for row in table.body)
    unit = caption.unit or next(filter(None, printed), None)
    record = make_record(
        caption.page,
        program,
        caption.name,
        values,
        unit,
        caption.direction,
        named,
        targeted=targeted,
    )
    return [record] if record is not None else []


def _label_kind(slot: Slot, table: KpiTable) -> FactKind | None:
    """The kind a row label names: a value kind (目標値, 実績), or a grade a year (評価)."""
    match = table.label(slot.text)
    return (
        "grade"
        if match is not None and match.field == "grade"
        else row_kind([slot], table.settings)
    )


def _column_kind(field: ColumnField, row_kind: FactKind | None) -> FactKind | None:
    """A dated column's kind in a row: its header's baseline mark wins, then the row's label,
    then the header's own kind; a year its header marks by nothing is an actual."""
    if field.field == "baseline":
        return "baseline"
    if row_kind is not None:
        return row_kind
    if field.field in VALUE_FIELDS:
        kind: FactKind = field.field  # type: ignore[assignment]
        return kind
    return "actual" if not field.header.words else None


def _unit_columns(table: KpiTable) -> set[int]:
    """The columns of units: mapped so, or headed 単位 over a unit the lexicon lacks."""
    headed = {
        index
        for index, column in enumerate(table.columns)
        if (match := table.label(column.field.header.text)) is not None and match.field == "unit"
    }
    return set(table.fields("unit")) | headed


def _names_something(table: KpiTable, index: int, dated: Sequence[int]) -> bool:
    """Whether a column's body prints words that are not values, kinds or years (names,
    notes) in rows that print values (a row of a note or a label alone names nothing)."""
    return any(
        row[index].text
        and parse_cell(row[index].text, known_units())  # a dash prints nothing
        and not has_number(row[index].text)
        and not is_year_label(row[index].text, table.era)
        and row_kind([row[index]], table.settings) is None
        and any(has_number(row[i].text) for i in dated)
        for row in table.body
    )


def _named_caption(table: KpiTable) -> Caption | None:
    """The indicator a form row in the table's frame names, as a caption would."""
    slot = table.named
    name = clean_name(slot.text, slot.raw) if slot is not None else None
    if slot is None or name is None:
        return None
    return Caption(name, slot.raw, slot.page, slot.bbox, None, None)
