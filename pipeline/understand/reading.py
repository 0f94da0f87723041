"""A table run read for its meaning: header rows, columns with fields, body slots with provenance.

The layout stage gives grids; this stage says which leading rows are the
header (rows whose cells the header lexicon knows), turns the stacked header
rows into one path per column, and joins the columns that one header cell
spans (`R2実績値` over a mark, a number and a unit column) into one logical
column. Each body slot keeps the cells it came from, so every value read from
it can name its page, box and raw text.
"""

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.layout import TableRun
from pipeline.model import Cell, Table
from pipeline.text import Quantity, find_years, known_units, parse_cell, year_spans
from pipeline.understand.columns import infer_columns, split_named_values, stacked_kinds
from pipeline.understand.header_map import (
    VALUE_FIELDS,
    FieldMatch,
    is_year_label,
    label_in,
    label_match,
    map_column,
    read_header,
)
from pipeline.understand.settings import (
    DEFAULT_CONTEXT,
    DocumentContext,
    UnderstandSettings,
)
from pipeline.understand.slots import Column, Slot


@dataclass
class KpiTable:
    """A table run with its header read: columns with fields, body rows of slots."""

    run: TableRun
    header_rows: int
    columns: list[Column]
    body: list[list[Slot]]
    context: DocumentContext = DEFAULT_CONTEXT
    # A form row above the header that names the table's one indicator (指標名 | name).
    named: Slot | None = None

    @property
    def first(self) -> Table:
        return self.run.parts[0]

    def values(self, index: int) -> list[str]:
        return [row[index].text for row in self.body]

    def fields(self, name: str) -> list[int]:
        """The logical columns mapped to a field, left to right."""
        return [i for i, column in enumerate(self.columns) if column.field.field == name]

    @property
    def label_column(self) -> int | None:
        """Column 0 when its body labels rows with years (`当初`, `R 2`, `R 3`): years as rows."""
        return 0 if self.columns and _labels_years(self.values(0), self.context) else None

    @property
    def era(self) -> str | None:
        return self.context.era

    def label(self, text: str) -> FieldMatch | None:
        """The field a cell's text names as a label, read in the document's era."""
        return label_in(text, self.context)

    @property
    def settings(self) -> UnderstandSettings:
        return self.context.settings

    def unmapped(self) -> list[str]:
        """Headers of columns that hold values but map to no field."""
        return [
            column.header
            for i, column in enumerate(self.columns)
            if column.field.field is None
            and column.header
            and any(self.values(i))
            and i != self.label_column
        ]


def is_baseline_label(text: str, settings: UnderstandSettings) -> bool:
    """A row label naming the baseline: 当初, 従前, 基準値."""
    best = label_match(read_header(text), settings)
    return best is not None and best.field == "baseline"


def _labels_years(labels: list[str], context: DocumentContext) -> bool:
    years = sum(is_year_label(text, context.era) for text in labels)
    return years >= context.settings.year_labels


def _slots(table: Table) -> list[list[Cell | None]]:
    rows, cols = table.shape
    grid: list[list[Cell | None]] = [[None] * cols for _ in range(rows)]
    for cell in table.cells:
        for r in range(cell.row, min(rows, cell.row + cell.rowspan)):
            for c in range(cell.col, min(cols, cell.col + cell.colspan)):
                grid[r][c] = cell
    return grid


def _is_header_row(row: list[Cell | None], index: int, context: DocumentContext) -> bool:
    """A row of at least a few short cells the lexicon knows well, or years; a long name
    that ends in 事業 is a body cell."""
    settings, era = context.settings, context.era
    known = 0
    starting = {id(cell): cell for cell in row if cell is not None and cell.row == index}
    first = next((cell for cell in starting.values() if cell.text), None)
    kind_row = first is not None and _names_a_kind(first.text, context)
    for cell in starting.values():
        if not cell.text:
            continue
        header = read_header(cell.text, era)
        known_well = label_match(header, settings) is not None
        if not known_well and _states_a_value(cell.text, era, kind_row):
            return False  # a header names values; a row that prints one is the body
        if len(header.key) > settings.header_chars:
            continue
        if known_well or is_year_label(cell.text, era):
            known += 1
    return known >= settings.header_cells


def _states_a_value(text: str, era: str | None, bare: bool = False) -> bool:
    """A figure as a body cell prints it: a number with a separator or a unit, not a year;
    any number (`bare`) in a row labelled with a kind (目標値 | 7 | … | 12)."""
    if is_year_label(text, era) or find_years(text, era):
        return False
    return any(
        isinstance(value, Quantity) and (bare or value.unit or "," in value.text)
        for value in parse_cell(text, known_units())
    )


def _names_a_kind(text: str, context: DocumentContext) -> bool:
    """Whether a row's first cell names a kind of value (目標値, 実績値): a kind row's label."""
    match = label_in(text, context)
    return match is not None and match.field in VALUE_FIELDS


def header_span(table: Table, context: DocumentContext) -> tuple[int, int]:
    """The header rows among the first few: from the first that reads as a header row to
    the last before the body. Rows above the header are a caption or a note printed in
    the table's frame (a stream table takes in the paragraph above it), not header levels.
    """
    grid = _slots(table)
    last = -1
    for index, row in enumerate(grid[: min(context.settings.max_header_rows, len(grid) - 1)]):
        if _is_header_row(row, index, context):
            last = index
        elif last >= 0:  # the body has begun
            break
    if last >= 0:
        while last + 2 < len(grid) and _is_year_row(grid[last + 1], last + 1, context):
            last += 1  # a row of years under the header's words: 現状値 over (平成21年度)
    top = 0
    while top < last and (
        _is_caption_row(grid[top], context.settings) or _label_row(grid[top], top) is not None
    ):
        top += 1
    return top, last + 1


def _label_row(row: list[Cell | None], index: int) -> tuple[Cell, Cell] | None:
    """A form row printed in the table's frame above its header: a label in the first
    column and, beside it, one cell that runs to the table's right edge (`指標名 |
    子育て支援の満足度`, `設定理由 | …`)."""
    starting = list({id(c): c for c in row if c is not None and c.row == index and c.text}.values())
    if len(starting) != 2 or row[-1] is not starting[1]:
        return None
    label, value = sorted(starting, key=lambda cell: cell.col)
    beside = label.col == 0 and value.col == label.colspan
    return (label, value) if beside and value.colspan >= 2 else None


def _named(table: Table, top: int, context: DocumentContext) -> Slot | None:
    """The indicator a form row above the header names, if one of them labels it so."""
    grid = _slots(table)
    for index in range(top):
        pair = _label_row(grid[index], index)
        if pair is None:
            continue
        match = label_in(pair[0].text, context)
        if match is not None and match.field == "indicator":
            return Slot.of(table.page, [pair[1]])
    return None


def _is_year_row(row: list[Cell | None], index: int, context: DocumentContext) -> bool:
    """A row whose printed cells, one or more, each state a year and nothing else."""
    printed = [cell for cell in row if cell is not None and cell.row == index and cell.text]
    return bool(printed) and all(is_year_label(cell.text, context.era) for cell in printed)


def _is_caption_row(row: list[Cell | None], settings: UnderstandSettings) -> bool:
    """A row with one printed cell holding more than a header's words: a caption or a note."""
    printed = {id(cell): cell for cell in row if cell is not None and cell.text}
    return len(printed) == 1 and len(next(iter(printed.values())).text) > settings.header_chars


def _texts(row: list[Cell | None]) -> list[str]:
    return [cell.text if cell is not None else "" for cell in row]


def _kind_columns_apart(
    groups: list[tuple[int, ...]], body: list[list[Cell | None]], context: DocumentContext
) -> list[tuple[int, ...]]:
    """Header groups with a grid column whose own body cells name value kinds (a name
    column, then 期待値 / 実績値 / 達成率 under one 項目 header) split there: the kinds are
    a column of their own, saying what each row's values are."""
    split: list[tuple[int, ...]] = []
    for group in groups:
        start = 0
        for position, column in enumerate(group[1:], 1):
            if _names_kinds(body, column, context):
                split += [group[start:position], (column,)]
                start = position + 1
        split += [group[start:]] if group[start:] else []
    return split


def _names_kinds(body: list[list[Cell | None]], column: int, context: DocumentContext) -> bool:
    """Whether a grid column's own cells (not merged with the column before) name two
    value kinds or more."""
    own = [
        row[column]
        for row in body
        if row[column] is not None and row[column] is not row[column - 1]
    ]
    kinds = set()
    for cell in own:
        if cell is not None and cell.text:
            match = label_in(cell.text, context)
            if match is not None and match.field in VALUE_FIELDS:
                kinds.add(match.field)
    return len(kinds) >= 2


def _years_apart(
    groups: list[tuple[int, ...]], paths: list[str], era: str | None
) -> tuple[list[tuple[int, ...]], list[str]]:
    """A header over as many grid columns as the years it prints one after another
    (`24年度25年度(実績)`: two header cells a speck or a lost rule merged) heads each
    column with its own year; a span of years (`H27〜R1`) heads its columns together."""
    apart: list[tuple[int, ...]] = []
    paths = list(paths)
    for group in groups:
        text = paths[group[0]] if paths else ""
        years = find_years(text, era)
        fys = [year.fy for year in years]
        between = [text[a[1] : b[0]] for a, b in itertools.pairwise(year_spans(text, years))]
        if (
            len(group) < 2
            or len(years) != len(group)
            or fys != sorted(set(fys))
            or any(_SPAN_MARK.search(gap) for gap in between)
        ):
            apart.append(group)
            continue
        for column, year in zip(group, years, strict=True):
            own = text
            for other in years:
                if other is not year:
                    own = own.replace(other.text, "", 1)
            paths[column] = own
            apart.append((column,))
    return apart, paths


# What joins the ends of a span of years: `H27〜R1`, `平成27年度から令和元年度`.
_SPAN_MARK = re.compile(r"[~〜～\-‐－ー–]|から|まで")


def _group_columns(grid: list[list[Cell | None]], header_rows: int) -> list[tuple[int, ...]]:
    """Adjacent grid columns under one spanning bottom header cell, as one group each."""
    cols = len(grid[0]) if grid else 0
    if not header_rows:
        return [(c,) for c in range(cols)]
    bottom = grid[header_rows - 1]
    groups: list[list[int]] = []
    for c in range(cols):
        cell = bottom[c]
        spans_left = c > 0 and cell is not None and cell.text and cell is bottom[c - 1]
        if spans_left and groups:
            groups[-1].append(c)
        else:
            groups.append([c])
    return [tuple(group) for group in groups]


def read_table(run: TableRun, context: DocumentContext = DEFAULT_CONTEXT) -> KpiTable:
    """The run's header rows, logical columns with mapped fields, and body slots."""
    first = run.parts[0]
    top, header_rows = header_span(first, context)
    era, settings = context.era, context.settings
    grid = _slots(first)
    head, below = grid[top:header_rows], grid[header_rows:]
    groups = _kind_columns_apart(_group_columns(grid[top:], header_rows - top), below, context)
    kinds = {
        group for group in groups if len(group) == 1 and _names_kinds(below, group[0], context)
    }
    groups, paths = _years_apart(groups, header_paths([_texts(row) for row in head]), era)
    body: list[list[Slot]] = []
    for number, part in enumerate(run.parts):
        skip = header_rows if number == 0 else run.repeated_header_rows
        for row in _slots(part)[skip:]:
            slots = [
                Slot.of(part.page, [_body_cell(row[c], header_rows, number) for c in group])
                for group in groups
            ]
            if body and _same_cells(slots, body[-1]):
                continue  # a grid row inside the merged cells of the row above: one row
            body.append(slots)
    # In a years-as-rows table, the rows below the years (達成状況, 未達理由) are comments.
    labels = [row[0].text for row in body] if groups else []
    kept = [
        index
        for index, label in enumerate(labels)
        if not _labels_years(labels, context)
        or is_year_label(label, era)
        or is_baseline_label(label, settings)
    ]
    # A note printed across the whole table (設定の考え方, 資料) is no column's value.
    valued = [body[index] for index in kept if not _across(body[index])]
    columns: list[Column] = []
    for index, group in enumerate(groups):
        levels = tuple(level for level in paths[group[0]].split(" / ") if level) if paths else ()
        values = [row[index].text for row in valued]
        heads = tuple(Slot.of(first.page, [row[c] for c in group]) for row in head)
        column = Column(group, levels, map_column(" / ".join(levels), values, context), heads)
        # A column of row kinds holds no field's values itself.
        columns.append(column.holding(None, 0.0) if group in kinds else column)
    columns, body = stacked_kinds(*split_named_values(columns, body), context)
    columns = infer_columns(columns, [body[index] for index in kept], context)
    return KpiTable(run, header_rows, columns, body, context, _named(first, top, context))


def _across(row: Sequence[Slot]) -> bool:
    """A row whose only printed cell spans two columns or more."""
    printed = [slot for slot in row if slot.text]
    return len(printed) > 1 and all(slot.cells == printed[0].cells for slot in printed)


def _same_cells(row: Sequence[Slot], above: Sequence[Slot]) -> bool:
    return all(a.cells == b.cells for a, b in zip(row, above, strict=True)) and any(
        slot.cells for slot in row
    )


def _body_cell(cell: Cell | None, header_rows: int, part: int) -> Cell | None:
    """A body slot's cell; a header cell that runs down beside the body is not a value."""
    if cell is not None and part == 0 and cell.row < header_rows:
        return None
    return cell


def header_paths(header_rows: Sequence[Sequence[str]]) -> list[str]:
    """One path per column from stacked header rows: `令和5年度 / 年間目標`.

    The rows are dense (a merged cell's text in every slot it spans), so a
    cell spanning both rows appears once, not as `方向性 / 方向性`.
    """
    columns = max((len(row) for row in header_rows), default=0)
    paths: list[str] = []
    for col in range(columns):
        parts: list[str] = []
        for row in header_rows:
            text = row[col] if col < len(row) else ""
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        paths.append(" / ".join(parts))
    return paths
