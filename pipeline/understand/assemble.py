"""Records from read tables, in the two table shapes reports print.

One indicator per row: the indicator's name in a column headed 指標 or KPI (or,
where there is none, in parentheses after the program's name), its values in
columns headed 従前値, 目標値, 実績値 … with the year the header states.
Years as rows: a label column of years (当初, R2, R3) and, per indicator, a
目標 and a 実績 column under the indicator's name. Each fact keeps the page,
box and raw text of the cell it was read from, and the confidence of the
column mapping that gave it its kind.
"""

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pipeline.model import Fact, FactKind, Record, Source
from pipeline.text import (
    JAPANESE_LETTERS,
    Quantity,
    Wording,
    find_years,
    is_unit,
    known_units,
    normalize_grade,
    normalize_text,
    parse_cell,
    parse_year,
    stated_values,
    value_marks,
)
from pipeline.understand.header_map import (
    NAME_FIELDS,
    VALUE_FIELDS,
    WORD_FIELDS,
    ColumnField,
    direction_of,
    is_grade,
    is_year_label,
    match_header,
    read_header,
)
from pipeline.understand.headings import Caption, Heading
from pipeline.understand.names import clean_name, enumerated, name_and_unit, split_pair
from pipeline.understand.prose import read_statements
from pipeline.understand.reading import KpiTable, Slot, is_baseline_label
from pipeline.understand.settings import DEFAULT_CONTEXT, DocumentContext, UnderstandSettings

# Rule 8: a value marked for reference is no fact.
_REFERENCE = "参考"
# A value in words for a numeric kind is a short Japanese phrase (現状以上, 維持); longer
# text is a comment, and one character or Latin letters among kana are a misreading.
_VALUE_WORDING = re.compile(f"[{JAPANESE_LETTERS}][{JAPANESE_LETTERS}\\d%.]+")


def _source(slot: Slot) -> Source:
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
    if not text or _REFERENCE in normalize_text(text):
        return found
    values = parse_cell(text, known_units())
    source = _source(slot)
    if kind in WORD_FIELDS:
        words = [value for value in values if isinstance(value, Wording)]
        if len(words) == 1 and (kind != "grade" or is_grade(words[0].text)):
            text = normalize_grade(words[0].text) if kind == "grade" else words[0].text
            found.facts.append(
                Fact(kind=kind, fy=fy, text=text, source=source, confidence=confidence)
            )
        return found
    quantities = stated_values(values)
    for quantity in quantities:
        estimated = "estimated" in marks
        found.add_quantity(
            kind, quantity, quantity.note_year(context.era) or fy, source, confidence, estimated
        )
    if not quantities and len(values) == 1 and isinstance(values[0], Wording):
        wording = values[0].text
        short = len(wording) <= context.settings.value_words
        if short and _VALUE_WORDING.fullmatch(wording):
            found.facts.append(
                Fact(kind=kind, fy=fy, text=wording, source=source, confidence=confidence)
            )
    return found


def _value_text(slot: Slot) -> tuple[str, list[str]]:
    """A slot's value text and the units printed in cells of their own beside it (`11` | `人`)."""
    if len(slot.cells) < 2:
        return slot.text, []
    units = [unit for cell in slot.cells if (unit := _unit(cell.text))]
    parts = [cell.text for cell in slot.cells if cell.text and not _unit(cell.text)]
    return " ".join(parts), units


def header_marks(column: ColumnField) -> frozenset[str]:
    """Marks a header puts on all its values: 実績見込 → estimated; a legend (推:推計値) none."""
    marks = value_marks()
    return frozenset(marks[word] for word in column.header.words if word in marks)


def header_unit(column: ColumnField) -> str | None:
    """A unit the header states in brackets: `事業費(千円)`, `(単位:人)`."""
    units = known_units()
    for note in column.header.notes:
        unit = note.split(":")[-1].strip()
        if unit in units:
            return unit
    return None


def _is_target(fact: Fact) -> bool:
    return fact.kind in ("target", "final_target")


def _record(
    page: int,
    program: str | None,
    indicator: str,
    values: Values,
    unit: str | None,
    direction: str | None,
    source: Slot | None,
) -> Record | None:
    """A record when the indicator has a target (rule 1)."""
    if not any(_is_target(fact) for fact in values.facts):
        return None
    extra = {"source": _source(source).model_dump()} if source is not None else {}
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


def _first_name(row: Sequence[Slot], columns: Iterable[int]) -> tuple[str, Slot] | None:
    for index in columns:
        name = clean_name(row[index].text, row[index].raw)
        if name:
            return name, row[index]
    return None


def section_title(row: Sequence[Slot], value_columns: Sequence[int]) -> str | None:
    """A body row that only names a section (`基本目標2 …`, `(3) 観光の振興`, `【重点施策】`),
    printed across the table or in one cell with its value cells empty: the program of
    the rows below it, cleaned of its enumerator; None for any other row."""
    printed = {_cells(slot): slot for slot in row if slot.text}
    if len(printed) != 1:
        return None
    ((cells, slot),) = printed.items()
    if any(row[index].text and _cells(row[index]) != cells for index in value_columns):
        return None
    across = sum(1 for other in row if _cells(other) == cells) >= 2
    marked = slot is row[0] and (enumerated(slot.raw) or slot.text.startswith("【"))
    if not across and (not marked or any(row[index].text for index in value_columns)):
        return None
    return clean_name(slot.text, slot.raw)


def _cells(slot: Slot) -> tuple[int, ...]:
    return tuple(map(id, slot.cells))


def _program(row: Sequence[Slot], programs: Sequence[int], heading: Heading | None) -> str | None:
    """The first program the columns name (most specific first), else the heading's."""
    named = _first_name(row, programs)
    if named is not None:
        return named[0]
    return heading.text if heading else None


def _names(
    table: KpiTable, row: Sequence[Slot], heading: Heading | None
) -> tuple[str | None, str, Slot] | None:
    """The program and indicator of one row, and the cell that names the indicator."""
    programs = list(reversed(table.fields("program")))  # most specific first
    indicators = list(reversed(table.fields("indicator")))
    if indicators:
        named = _first_name(row, indicators)
        if named is None:
            return None
        return _program(row, programs, heading), named[0], named[1]
    for position, index in enumerate(programs):
        name = clean_name(row[index].text)
        if not name:
            continue
        pair = split_pair(name)
        if pair is not None:
            return pair[0], pair[1], row[index]
        return _program(row, programs[position + 1 :], heading), name, row[index]
    return None


def row_records(table: KpiTable, heading: Heading | None) -> list[Record]:
    """One indicator per body row, or per group of rows where a kind column (区分:
    実績値 / 目標値) says which kind the row's year columns hold."""
    value_columns = [
        (index, column.field)
        for index, column in enumerate(table.columns)
        if column.field.field in VALUE_FIELDS | WORD_FIELDS
    ]
    if not value_columns or table.label_column is not None:
        return []
    kind_column = _kind_column(table, {index for index, _ in value_columns})
    year_columns = _year_columns(table, {index for index, _ in value_columns})
    marks = [header_marks(mapped) for _, mapped in value_columns]
    default_unit = next(filter(None, (header_unit(mapped) for _, mapped in value_columns)), None)
    unit_columns = table.fields("unit")
    direction_columns = table.fields("direction")
    gathered: dict[tuple[str | None, str], _Gathered] = {}
    section: str | None = None
    for row in table.body:
        title = section_title(row, [index for index, _ in value_columns])
        if title is not None:
            section = title
            continue
        names = _names(table, row, heading)
        if names is None:
            continue
        program, printed_name, named = names
        indicator, name_unit = name_and_unit(printed_name)
        if section is not None and not table.fields("program"):
            program = section
        row_kind = _row_kind([row[kind_column]], table.settings) if kind_column else None
        if kind_column is not None and row_kind is None:
            continue  # a row of another kind of figure: 達成率, 差
        found = gathered.setdefault((program, indicator), _Gathered(named))
        for (index, mapped), column_marks in zip(value_columns, marks, strict=True):
            kind: FactKind = mapped.field  # type: ignore[assignment]
            if row_kind is not None and mapped.year is not None:
                kind = row_kind
            fy = mapped.year.fy if mapped.year else _row_year(row, year_columns, kind, table)
            found.values.add(
                read_values(row[index], kind, fy, mapped.confidence, column_marks, table.context)
            )
        found.unit = found.unit or next(
            filter(None, (_unit(row[i].text) for i in unit_columns)), name_unit
        )
        found.direction = found.direction or next(
            filter(None, (direction_of(row[i].text) for i in direction_columns)), None
        )
    records = [
        _record(
            found.named.page,
            program,
            indicator,
            found.values,
            found.unit or default_unit,
            found.direction,
            found.named,
        )
        for (program, indicator), found in gathered.items()
    ]
    return [record for record in records if record is not None]


@dataclass
class _Gathered:
    """What the rows of one indicator give: its name's cell, its facts, unit and direction."""

    named: Slot
    values: Values = field(default_factory=Values)
    unit: str | None = None
    direction: str | None = None


def _year_columns(table: KpiTable, value_columns: set[int]) -> list[tuple[int, FactKind]]:
    """Columns whose body cells state years and whose header names a value kind
    (現況値の時点: 令和4年度): each gives the year of that kind's values in its row."""
    found: list[tuple[int, FactKind]] = []
    for index, column in enumerate(table.columns):
        if index in value_columns or column.field.field in NAME_FIELDS:
            continue
        printed = [  # a section row printed across the table is no year
            row[index].text
            for row in table.body
            if row[index].text and _cells(row[index]) != _cells(row[0])
        ]
        if printed and all(find_years(text, table.era) for text in printed):
            kinds = [m.field for m in match_header(column.field.header, table.settings)]
            named = next((kind for kind in kinds if kind in VALUE_FIELDS), None)
            if named is not None:
                found.append((index, named))  # type: ignore[arg-type]
    return found


def _row_year(
    row: Sequence[Slot], year_columns: list[tuple[int, FactKind]], kind: str, table: KpiTable
) -> int | None:
    """The year a row's year column states for a value of this kind, or None."""
    for index, named in year_columns:
        if named == kind:
            year = parse_year(row[index].text, table.era)
            if year is not None:
                return year.fy
    return None


def _kind_column(table: KpiTable, value_columns: set[int]) -> int | None:
    """A column, not a value column, whose every printed body cell names a value kind
    (区分: 実績値 / 目標値): it says what the row's year columns hold."""
    if not any(table.columns[i].field.year is not None for i in value_columns):
        return None
    for index, column in enumerate(table.columns):
        if index in value_columns or column.field.field in NAME_FIELDS:
            continue
        printed = [row[index] for row in table.body if row[index].text]
        kinds = [_row_kind([slot], table.settings) for slot in printed]
        if len(printed) >= 2 and all(kinds) and len(set(kinds)) >= 2:
            return index
    return None


def _unit(text: str) -> str | None:
    folded = normalize_text(text)
    return folded if is_unit(folded, known_units()) else None


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
        record = _record(series.head.page, program, series.name, values, None, None, series.head)
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
    table: KpiTable, heading: Heading | None, caption: Caption | None
) -> list[Record]:
    """Years as columns, the one indicator named by the caption above the table.

    A row labelled with a kind (目標値 / 実績値 under H23 … H27) gives that kind in
    every year column; a row with no label takes each column's own kind (`R1（基準値）
    | R3 | R4（現状値）| R7（目標値）`: a year marked by nothing is an actual, rule 7);
    a row labelled otherwise (達成率) gives nothing. A column whose header marks the
    baseline gives it once, from the first row that prints it.
    """
    if caption is None or table.fields("indicator") or table.label_column is not None:
        return []
    dated = [(i, c) for i, c in enumerate(table.columns) if c.field.year is not None]
    undated = {i for i in range(1, len(table.columns))} - {i for i, _ in dated}
    if len(dated) < 2 or any(_names_something(table, i) for i in undated):
        return []  # a column of names beside the years: another shape (an indicator per row)
    values = Values()
    baselines: set[int] = set()
    for row in table.body:
        row_kind = _row_kind(row, table.settings)
        if row_kind is None and row and row[0].text and not _has_number(row[0].text):
            continue  # a row of something else: 達成率, 備考
        for index, column in dated:
            kind = _column_kind(column.field, row_kind)
            if kind is None or (row_kind is not None and index == 0):
                continue
            if kind == "baseline" and index in baselines:
                continue
            year = column.field.year
            confidence = column.field.confidence or table.settings.year_only
            found = read_values(
                row[index], kind, year.fy if year else None, confidence, context=table.context
            )
            if found.facts and kind == "baseline":
                baselines.add(index)
            values.add(found)
    named = Slot(caption.name, caption.raw, caption.page, caption.bbox, ())
    program = heading.text if heading else None
    record = _record(
        caption.page, program, caption.name, values, caption.unit, caption.direction, named
    )
    return [record] if record is not None else []


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


def _names_something(table: KpiTable, index: int) -> bool:
    """Whether a column's body prints words that are not values (names, kinds, notes)."""
    return any(row[index].text and not _has_number(row[index].text) for row in table.body)


def _has_number(text: str) -> bool:
    return any(isinstance(v, Quantity) for v in parse_cell(text, known_units()))


def _row_kind(row: Sequence[Slot], settings: UnderstandSettings) -> FactKind | None:
    """The value kind a row's label names (目標値, 実績, 基準値), or None (達成率, 備考)."""
    if not row or not row[0].text:
        return None
    matches = match_header(read_header(row[0].text), settings)
    best = matches[0] if matches else None
    if best is None or best.score < settings.header_match or best.field not in VALUE_FIELDS:
        return None
    kind: FactKind = best.field  # type: ignore[assignment]
    return kind


def prose_records(table: KpiTable, heading: Heading | None) -> list[Record]:
    """Records from KPI statements written inside the table's cells."""
    programs = list(reversed(table.fields("program")))
    records: list[Record] = []
    for row in table.body:
        for index, slot in enumerate(row):
            if "【" not in slot.text and "KPI" not in normalize_text(slot.text).upper():
                continue
            column = table.columns[index].field
            year = column.year.fy if column.year else None
            for statement in read_statements(slot.text, year):
                values = Values()
                source = _source(slot)
                for stated in statement.values:
                    values.add_quantity(
                        stated.kind,
                        stated.quantity,
                        stated.fy,
                        source,
                        table.settings.prose_confidence,
                    )
                program = _program(row, programs, heading)
                record = _record(slot.page, program, statement.indicator, values, None, None, slot)
                if record is not None:
                    records.append(record)
    return records
