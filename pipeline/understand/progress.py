"""Years without kinds in a progress report: a table of one indicator under its caption,
a row per year (H18年度 | 4,909万人), no header or label naming what each figure is.

A report titled as the progress of a plan in a year (`進捗状況（平成20年度）`) reports
that year's figures as results, measured from the plan's base year, towards the plan's
target year. So, in such a report only, the earliest year before the stated one is the
baseline, the stated year and those between are actuals, and a later year is the
target. Columns beside the first take the caption with their head (`うち道内客`).
"""

import re

from pipeline.model import FactKind, Record
from pipeline.text import find_years, parse_year
from pipeline.understand.headings import Caption, Heading
from pipeline.understand.names import clean_name
from pipeline.understand.reading import KpiTable
from pipeline.understand.values import Values, has_number, make_record, read_values, row_kind

# A title that says it reports progress: 進捗状況, 進捗報告, 実施状況.
_PROGRESS_TITLE = re.compile(r"(?:進捗|実施状況|達成状況)")


def progress_year(title: str | None, era: str | None) -> int | None:
    """The year a progress report's title states (`…進捗状況（平成20年度）` → 2008)."""
    match = _PROGRESS_TITLE.search(title or "")
    if match is None:
        return None
    years = find_years(title[match.start() :] if title else "", era)
    return years[0].fy if len(years) == 1 else None


def progress_records(
    table: KpiTable, heading: Heading | None, caption: Caption | None, stated: int | None
) -> list[Record]:
    """The records of a years-as-rows table with no kinds, in a report of year `stated`."""
    label = table.label_column
    if stated is None or caption is None or label is None or _names_kinds(table):
        return []
    rows = [(parse_year(row[label].text, table.era), row) for row in table.body]
    years = sorted({year.fy for year, _ in rows if year is not None and year.fy is not None})
    before = [fy for fy in years if fy < stated]
    if stated not in years or not before or not any(fy > stated for fy in years):
        return []
    heads = [row for year, row in rows if year is None and not any(has_number(s.text) for s in row)]
    records = []
    confidence = table.settings.progress_confidence
    for index in range(len(table.columns)):
        if index == label:
            continue
        head = " ".join(row[index].text for row in heads if row[index].text)
        name = clean_name(f"{caption.name} {head}" if head else caption.name)
        values = Values()
        for year, row in rows:
            if year is not None and year.fy is not None:
                kind = _kind(year.fy, before[0], stated)
                values.add(
                    read_values(row[index], kind, year.fy, confidence, context=table.context)
                )
        program = heading.text if heading else None
        record = make_record(caption.page, program, name or caption.name, values, None, None, None)
        if record is not None:
            records.append(record)
    return records


def _kind(fy: int, base: int, stated: int) -> FactKind:
    if fy == base:
        return "baseline"
    return "actual" if fy <= stated else "target"


def _names_kinds(table: KpiTable) -> bool:
    """Whether a header or a row label names a kind or any field: then it is read so."""
    mapped = any(column.field.field is not None for column in table.columns)
    return mapped or any(row_kind([slot], table.settings) for row in table.body for slot in row)
