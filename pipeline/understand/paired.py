"""Figures paired by their years in a table with no header: `指標 | 46.3% (H26) | 49.1% (H31)`.

A plan's table may print no header row at all, each indicator's name followed
by two figures that carry their own years. With nothing naming them, what
says which is which is their order in time: the earlier is where the
indicator stood when the plan was made (its baseline), the later what the
plan aims at (its target). Only figures in one unit, each with a year, the
second later than the first, are read so, in a grid of cells (ruled or
scanned; text that is only aligned goes to the readers of text, which see its
arrows and colons); the name's cell before them names the program where it
prints a name too. The kinds rest on that order alone,
so the facts carry a low confidence (`paired_confidence`).
"""

from pipeline.model import Record
from pipeline.text import Wording, known_units, parse_cell
from pipeline.understand.headings import Heading
from pipeline.understand.names import clean_name
from pipeline.understand.reading import KpiTable
from pipeline.understand.slots import Slot
from pipeline.understand.values import Values, make_record, read_values


def paired_records(table: KpiTable, heading: Heading | None) -> list[Record]:
    """The records of a headerless table's rows that name an indicator before two figures
    with their years, earlier then later."""
    if table.header_rows or any(column.field.field is not None for column in table.columns):
        return []
    if table.first.strategy == "stream":  # aligned text: its lines are read as text
        return []
    records: list[Record] = []
    seen: set[tuple[str, str, str]] = set()
    for row in table.body:
        for index in range(1, len(row) - 1):
            name, first, second = row[index - 1], row[index], row[index + 1]
            key = (name.text, first.text, second.text)
            if key in seen:
                continue
            values = _pair(first, second, table)
            indicator = _name(name)
            if values is None or indicator is None:
                continue
            seen.add(key)
            program = _name(row[index - 2]) if index >= 2 else None
            program = program or (heading.text if heading else None)
            record = make_record(name.page, program, indicator, values, None, None, name)
            if record is not None:
                records.append(record)
    return records


def _name(slot: Slot) -> str | None:
    """A cell's text as a name: one that prints words, not a figure alone."""
    read = parse_cell(slot.text, known_units()) if slot.text else []
    if not any(isinstance(value, Wording) for value in read):
        return None
    return clean_name(slot.text, slot.raw)


def _pair(first: Slot, second: Slot, table: KpiTable) -> Values | None:
    """The baseline and the target two cells give: one figure each, in one unit, each with
    its year, the second's later."""
    confidence = table.settings.paired_confidence
    before = read_values(first, "baseline", None, confidence, context=table.context)
    after = read_values(second, "target", None, confidence, context=table.context)
    if len(before.facts) != 1 or len(after.facts) != 1 or before.units != after.units:
        return None
    start, end = before.facts[0].fy, after.facts[0].fy
    if start is None or end is None or end <= start or not before.units:
        return None
    before.add(after)
    return before
