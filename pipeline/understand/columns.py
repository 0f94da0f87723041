"""What a table's columns are beyond their headers' words: read from their shape.

After each column is mapped by its header and values (`header_map.map_column`), the
table as a whole says more: a column of names heading runs of rows names their
program, a column headed only by its group's name names the group's indicator, and
in a year series a later baseline is an actual (rule 7).
"""

import dataclasses
import itertools
import re
from collections.abc import Sequence

from pipeline.understand.header_map import (
    VALUE_FIELDS,
    evidence,
    label_match,
    map_column,
    read_header,
)
from pipeline.understand.names import enumerated
from pipeline.understand.settings import DocumentContext
from pipeline.understand.slots import Column, Slot

# A cell that prints an indicator's name and its value together: `相談件数120件`.
_NAMED_VALUE = re.compile(
    r"^(?P<name>.*[^\d\s.,、・])\s*(?P<value>[△▲+\-]?\d[\d,.]*\s*[^\d\s]{0,4}?(?:以上|以下|未満|程度)?)$"
)
# A header of the budget a plan sets for its year: `H28年度予算`, `令和6年度当初予算`.
_BUDGET = "予算"
# A header year that is a deadline: `KPI（令和6年3月まで）`, `目標（R7年度まで）`.
_DEADLINE = re.compile(r"まで|迄")


def _named_value(text: str) -> tuple[str, str] | None:
    """A cell's name and value where it prints both (`就業相談者数100人`), else None."""
    match = _NAMED_VALUE.match(text)
    if match is None or len(match["name"]) < 2:
        return None
    return match["name"].strip(), match["value"].strip()


# `26年度(上段:目標)(下段:実績)`: a header saying which kind a row pair's upper and lower
# figures are.
_STACKED = re.compile(
    r"上段[:：]?(?P<upper>[^()（）:：]{1,6}?)[)）]?[(（]?下段[:：]?(?P<lower>[^()（）:：]{1,6})"
)


def stacked_kinds(
    columns: list[Column], body: list[list[Slot]], context: DocumentContext
) -> tuple[list[Column], list[list[Slot]]]:
    """A column whose header says what the upper and the lower figure of a row pair are,
    as two columns: the upper rows' figures of the first kind, the lower rows' (those whose
    name cell is the row above's, a name merged over the pair) of the second."""
    names = [i for i, column in enumerate(columns) if column.field.field == "indicator"]
    stacked = [
        (index, match)
        for index, column in enumerate(columns)
        if (match := _STACKED.search(column.header)) is not None
    ]
    for index, match in reversed(stacked if names else []):  # from the right: indexes hold
        column = columns[index]
        when = "".join(year.text for year in column.field.header.years)
        kinds = [
            map_column(when + match[part], [row[index].text for row in body], context)
            for part in ("upper", "lower")
        ]
        if any(kind.field not in VALUE_FIELDS for kind in kinds):
            continue
        name = names[0]
        lower = [
            r > 0 and bool(row[name].cells) and row[name].cells == body[r - 1][name].cells
            for r, row in enumerate(body)
        ]
        empty = Slot.empty(column.heads[0].page if column.heads else 1)
        pair = [dataclasses.replace(column, field=kind) for kind in kinds]
        columns = [*columns[:index], *pair, *columns[index + 1 :]]
        body = [
            [
                *row[:index],
                *((empty, row[index]) if low else (row[index], empty)),
                *row[index + 1 :],
            ]
            for row, low in zip(body, lower, strict=True)
        ]
    return columns, body


def split_named_values(
    columns: list[Column], body: list[list[Slot]]
) -> tuple[list[Column], list[list[Slot]]]:
    """Columns headed `KPI (year)` whose cells print the indicator's name and its value
    (`KPI（令和6年3月まで）| KPI（令和2年度）` over `移住相談件数50件 | 移住相談件数12件`)
    read as value columns, the deadline's the target and a plain year's the actual, with
    the names they print as an indicator column before them. Nothing is split unless a
    deadline column says which figure is the target."""
    named = [
        index
        for index, column in enumerate(columns)
        if column.field.field == "indicator"
        and column.field.header.years
        and _mostly_named(body, index)
    ]
    deadlines = [i for i in named if _DEADLINE.search(columns[i].field.header.text)]
    if len(named) < 2 or not deadlines:
        return columns, body
    found = list(columns)
    for index in named:
        kind = "target" if index in deadlines else "actual"
        found[index] = columns[index].holding(kind)
    first = named[0]
    names = dataclasses.replace(columns[first].field, field="indicator", header=read_header(""))
    found.insert(first, dataclasses.replace(columns[first], levels=(), field=names, heads=()))
    rows = []
    for row in body:
        split = [_named_value(row[index].text) for index in named]
        name = next((pair[0] for pair in split if pair is not None), "")
        slots = list(row)
        for index, pair in zip(named, split, strict=True):
            if pair is not None:
                slots[index] = dataclasses.replace(row[index], text=pair[1])
        slots.insert(first, dataclasses.replace(row[first], text=name))
        rows.append(slots)
    return found, rows


def _mostly_named(body: Sequence[Sequence[Slot]], index: int) -> bool:
    printed = [row[index].text for row in body if row[index].text]
    named = sum(_named_value(text) is not None for text in printed)
    return bool(printed) and 2 * named > len(printed)


def infer_columns(
    columns: list[Column], body: Sequence[Sequence[Slot]], context: DocumentContext
) -> list[Column]:
    """The columns with the fields their shape in the table says they hold."""
    columns = _group_names(columns, body, context)
    columns = _first_year_is_the_baseline(_years_after_the_budget_are_targets(columns))
    return _later_baselines_are_actuals(_program_columns(columns, body, context))


def _program_columns(
    columns: list[Column], body: Sequence[Sequence[Slot]], context: DocumentContext
) -> list[Column]:
    """An unmapped column left of the indicators whose names each head a run of rows
    (one cell merged over them, or an enumerated name: `①健康寿命の延伸`) names their
    program, whatever its header says (まちづくりの方針, 7つの重点項目)."""
    columns = _grouping_names(columns, body)
    indicators = [i for i, column in enumerate(columns) if column.field.field == "indicator"]
    if not indicators or any(column.field.field == "program" for column in columns):
        return columns
    found = list(columns)
    for index in range(indicators[0]):
        column = columns[index]
        slots = [row[index] for row in body if row[index].text]
        if column.field.field is not None or column.field.header.years or len(slots) < 2:
            continue
        if any(label_match(read_header(slot.text), context.settings) for slot in slots):
            continue  # a column of categories (区分: 重点目標 / KPI), not of names
        names = evidence("indicator", [slot.text for slot in slots], context.settings)
        heads = sum(
            merged or enumerated(slot.raw)
            for merged, slot in zip(_merged_with_above(slots), slots, strict=True)
        )
        confidence = round(names * heads / len(slots), 3)
        if confidence >= context.settings.mapping_floor:
            found[index] = column.holding("program", confidence)
    return found


def _grouping_names(columns: list[Column], body: Sequence[Sequence[Slot]]) -> list[Column]:
    """A name column set straight before another, each of whose cells is merged over a
    run of the other's rows (項目 `スポーツ P37` over three 指標), names their program:
    an indicator has a row of values of its own."""
    found = list(columns)
    for index, (column, inner) in enumerate(itertools.pairwise(columns)):
        if column.field.field != "indicator" or inner.field.field != "indicator":
            continue
        slots = [row[index] for row in body if row[index].text and row[index + 1].text]
        if len(slots) >= 2 and 2 * sum(_merged_with_above(slots)) >= len(slots):
            found[index] = column.holding("program")
    return found


def _merged_with_above(slots: Sequence[Slot]) -> list[bool]:
    """For each slot of a column, whether it is the one above again: a cell merged over
    both rows."""
    return [False] + [above.cells == slot.cells for above, slot in itertools.pairwise(slots)]


def _group_names(
    columns: list[Column], body: Sequence[Sequence[Slot]], context: DocumentContext
) -> list[Column]:
    """A column headed only by the name of a header group whose other columns hold its
    values (重点目標 over `| name | 重点目標/現況 | 重点目標/目標値 |`) names the group's
    indicator, when its body reads as names."""
    found = list(columns)
    for index, column in enumerate(columns[:-1]):
        if column.field.field is not None or len(column.levels) != 1:
            continue
        siblings = [
            other
            for other in columns[index + 1 :]
            if other.levels[:1] == column.levels and len(other.levels) > 1
        ]
        valued = [other for other in siblings if other.field.field in VALUE_FIELDS]
        texts = [row[index].text for row in body if row[index].text]
        names = evidence("indicator", texts, context.settings) if texts else 0.0
        if not valued or names < context.settings.header_match:
            continue
        # As sure as the group's values are of their fields, and its body of being names.
        confidence = round(names * min(other.field.confidence for other in valued), 3)
        found[index] = column.holding("indicator", confidence)
    return found


def _later_baselines_are_actuals(columns: list[Column]) -> list[Column]:
    """Rule 7: in a year series that has a baseline, a later year marked 現状値 is an actual."""
    dated = [c for c in columns if c.field.field == "baseline" and c.field.year is not None]
    if len(dated) < 2:
        return columns
    first = min(c.field.year.year for c in dated if c.field.year is not None)

    def later(column: Column) -> bool:
        year = column.field.year
        return column in dated and year is not None and year.year > first

    return [c.holding("actual") if later(c) else c for c in columns]


def _first_year_is_the_baseline(columns: list[Column]) -> list[Column]:
    """A year series whose later years are each marked 実績 and which has a target starts
    from its first year: that year printed bare (`平成12年 | 平成13年実績 | … | 目標`) is
    the baseline the series is measured from, not one more actual."""
    dated = [c for c in columns if c.field.field == "actual" and c.field.year is not None]
    if len(dated) < 3 or not any(c.field.field in ("target", "final_target") for c in columns):
        return columns
    first, *later = sorted(dated, key=lambda c: c.field.year.year if c.field.year else 0)
    if first.field.header.words or not all(_says_actual(c) for c in later):
        return columns
    return [c.holding("baseline") if c is first else c for c in columns]


def _says_actual(column: Column) -> bool:
    """Whether a column's header words themselves name the actual (実績, 現在, 見込)."""
    return any(match.field == "actual" for match in column.field.candidates) and bool(
        column.field.header.words
    )


def _years_after_the_budget_are_targets(columns: list[Column]) -> list[Column]:
    """A table that budgets for a year (`令和6年度予算`) is a plan made in that year: a
    column headed only by a later year cannot hold that year's actuals, it holds the
    figure the plan aims at."""
    budgets = [
        year.year
        for column in columns
        if _BUDGET in column.field.header.text
        for year in column.field.header.years
    ]
    if not budgets:
        return columns

    def aimed(column: Column) -> bool:
        year, header = column.field.year, column.field.header
        return (
            column.field.field == "actual"
            and not header.words
            and year is not None
            and year.year > max(budgets)
        )

    return [c.holding("target") if aimed(c) else c for c in columns]
