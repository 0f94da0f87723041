"""Indicators named in one table and valued in another, by a key both print.

An evaluation sheet often lists its indicators once (`① | 消防団員の充足率 | %`)
and gives their years in a grid below whose rows print only the key (`① | 目標
| 100 | 100 …`, `KPI(1) | 実績 | …`). The key column of the first table says which
indicator each row group of the grid is; the grid is then read as a caption
would have it read, one indicator per key. Where the naming table gave the indicator
a record with its target, the grid's years join that record without a target of
their own (rule 9).
"""

import dataclasses
from dataclasses import dataclass

from pipeline.model import Record
from pipeline.understand.headings import Caption, Heading
from pipeline.understand.names import clean_name
from pipeline.understand.reading import KpiTable
from pipeline.understand.series import kind_row_records
from pipeline.understand.slots import Slot
from pipeline.understand.values import unit_in_column

# A key is short: `1`, `①`, `(2)`, `KPI(1)`, `重要業績評価指標KPI(2)`.
_KEY_CHARS = 16


@dataclass(frozen=True)
class KeyedName:
    """An indicator a table names beside its key, with the unit printed in its row."""

    name: str
    slot: Slot
    unit: str | None
    targeted: bool = False  # the naming table gave the indicator a record with its target


def _key(text: str) -> str | None:
    key = text.strip()
    return key if 0 < len(key) <= _KEY_CHARS else None


def keyed_names(table: KpiTable) -> dict[str, KeyedName]:
    """The table's indicators by the key printed before them in its first column."""
    indicators = table.fields("indicator")
    if not indicators or indicators[0] == 0:
        return {}
    units = table.fields("unit")
    found: dict[str, KeyedName] = {}
    for row in table.body:
        key, slot = _key(row[0].text), row[indicators[0]]
        name = clean_name(slot.text, slot.raw) if slot.text else None
        if key is not None and name is not None and key not in found:
            unit = next(filter(None, (unit_in_column(row[i].text) for i in units)), None)
            found[key] = KeyedName(name, slot, unit)
    return found if len(found) >= 2 else {}


def _is_label(slot: Slot, table: KpiTable) -> bool:
    """A row label of the group above (達成率, 評価), not a key of its own."""
    return table.label(slot.text) is not None


def keyed_records(
    table: KpiTable, names: dict[str, KeyedName], heading: Heading | None
) -> list[Record]:
    """A year grid whose row groups start with keys another table names: one record per key,
    read from the group's rows with the key's cell left out. A key merged down its group's
    rows starts the group once."""
    if not names or table.fields("indicator") or not table.columns:
        return []
    groups: list[tuple[KeyedName | None, list[list[Slot]]]] = []
    above: Slot | None = None
    for row in table.body:
        merged = above is not None and bool(row[0].cells) and row[0].cells == above.cells
        above = row[0]
        key = _key(row[0].text) if row[0].text and not merged else None
        starts = names.get(key) if key is not None else None
        if starts is not None:
            groups.append((starts, []))
        elif not groups or (key is not None and not _is_label(row[0], table)):
            groups.append((None, []))  # a row of no known key: a group read for nothing
        # The key's cell is left out; a label in its column below it (達成率) is kept.
        first = Slot.empty(row[0].page) if starts is not None or merged else row[0]
        groups[-1][1].append([first, *row[1:]])
    records: list[Record] = []
    for named, rows in groups:
        if named is None:
            continue
        slot = named.slot
        caption = Caption(named.name, slot.raw, slot.page, slot.bbox, named.unit, None)
        part = dataclasses.replace(table, body=rows, named=None)
        records += kind_row_records(part, heading, caption, named.targeted)
    return records
