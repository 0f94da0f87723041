"""The columns of a table of one indicator per row that say what each row holds beside
its value columns: the columns that print the names, a kind column (区分: 目標 / 実績)
and the dated columns it gives a kind to, and columns of the years rows' values are of.
"""

import dataclasses
from collections.abc import Sequence

from pipeline.model import FactKind
from pipeline.text import find_years, parse_year
from pipeline.understand.header_map import (
    NAME_FIELDS,
    VALUE_FIELDS,
    ColumnField,
    evidence,
    match_header,
)
from pipeline.understand.reading import KpiTable
from pipeline.understand.slots import Slot
from pipeline.understand.values import row_kind, slot_cells


def dated_by_kind(
    table: KpiTable, value_columns: Sequence[tuple[int, ColumnField]]
) -> list[tuple[int, ColumnField]]:
    """Where a kind column names each row's kind (目標 / 実績), a column whose header states a
    year holds that kind's values whatever words its header adds (`総合計画記載31年度`),
    when its body prints values."""
    mapped = {index for index, _ in value_columns}
    labels = find_kind_column(table, mapped)
    if labels is None:
        return []
    return [
        (index, dataclasses.replace(column.field, confidence=table.settings.year_only))
        for index, column in enumerate(table.columns)
        if index > labels
        and index not in mapped
        and column.field.field is None
        and column.field.year is not None
        and evidence("actual", table.values(index), table.settings) >= table.settings.header_match
    ]


def indicator_columns(table: KpiTable) -> list[int]:
    """The columns that print the indicators' names. A column headed 指標 whose body prints
    nothing (the header a label down the grid's side, spanning its rows) leaves the names to
    the unheaded columns on its right that print names, not kinds (目標 / 実績)."""
    found: list[int] = []
    for index in table.fields("indicator"):
        if any(table.values(index)):
            found.append(index)
            continue
        for right in range(index + 1, len(table.columns)):
            if table.columns[right].field.field is not None:
                break
            printed = [slot for row in table.body if (slot := row[right]).text]
            named = evidence("indicator", [slot.text for slot in printed], table.settings)
            kinds = any(row_kind([slot], table.settings) for slot in printed)
            if printed and named >= table.settings.header_match and not kinds:
                found.append(right)
    return found


def year_columns(table: KpiTable, value_columns: set[int]) -> list[tuple[int, FactKind]]:
    """Columns whose body cells state years and whose header names a value kind
    (現況値の時点: 令和4年度): each gives the year of that kind's values in its row."""
    found: list[tuple[int, FactKind]] = []
    for index, column in enumerate(table.columns):
        if index in value_columns or column.field.field in NAME_FIELDS:
            continue
        printed = [  # a section row printed across the table is no year
            row[index].text
            for row in table.body
            if row[index].text and slot_cells(row[index]) != slot_cells(row[0])
        ]
        if printed and all(find_years(text, table.era) for text in printed):
            kinds = [m.field for m in match_header(column.field.header, table.settings)]
            named = next((kind for kind in kinds if kind in VALUE_FIELDS), None)
            if named is not None:
                found.append((index, named))  # type: ignore[arg-type]
    return found


def row_year(
    row: Sequence[Slot], year_columns: list[tuple[int, FactKind]], kind: str, table: KpiTable
) -> int | None:
    """The year a row's year column states for a value of this kind, or None."""
    for index, named in year_columns:
        if named == kind:
            year = parse_year(row[index].text, table.era)
            if year is not None:
                return year.fy
    return None


def find_kind_column(table: KpiTable, value_columns: set[int]) -> int | None:
    """A column, not a value column, whose printed body cells name two value kinds or more,
    in half its rows at least (区分: 実績値 / 目標値 / 達成率): it says what the row's year
    columns hold; a row it labels otherwise (達成率) gives nothing."""
    if not any(table.columns[i].field.year is not None for i in value_columns):
        return None
    for index, column in enumerate(table.columns):
        if index in value_columns or column.field.field in NAME_FIELDS:
            continue
        printed = [row[index] for row in table.body if row[index].text]
        kinds = [row_kind([slot], table.settings) for slot in printed]
        named = [kind for kind in kinds if kind is not None]
        if len(set(named)) >= 2 and 2 * len(named) >= len(printed):
            return index
    return None
