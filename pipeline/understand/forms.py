"""Evaluation forms: label cells, each followed to its right by the cell it labels.

    施策名 | 子育て支援の充実
    指標名 | 子育て世帯の転入数 | 単位 | 世帯
    基準値 | 12 | 目標値（R7まで）| 30 | 実績値（R5）| 21
    評価   | B

Any cell whose short text the header lexicon knows well is a label, with the year
its words state; the next cell to its right, where that is no label itself, is
what it labels. A form whose labels name an indicator and a target is one record
per indicator label, read in the order the form prints them.
"""

import dataclasses
import re
from dataclasses import dataclass, field
from itertools import pairwise

from pipeline.model import Cell, Fact, FactKind, Record, Table
from pipeline.text import JAPANESE_LETTERS
from pipeline.understand.header_map import (
    EXACT,
    VALUE_FIELDS,
    WORD_FIELDS,
    is_grade,
    is_year_label,
    label_in,
    label_match,
    match_header,
    read_header,
)
from pipeline.understand.headings import Caption, Heading
from pipeline.understand.names import clean_name, name_and_unit
from pipeline.understand.settings import DocumentContext
from pipeline.understand.slots import Slot
from pipeline.understand.values import Values, make_record, read_values, unit_in_column

# A name has Japanese letters; an enumerator (21, III, 1-2) has none.
_JAPANESE = re.compile(f"[{JAPANESE_LETTERS}]")
_FORM_FIELDS = VALUE_FIELDS | {"indicator", "program", "unit", "grade"}


@dataclass
class _Form:
    """One indicator's block of a form, as its labels fill it."""

    named: Slot
    program: str | None
    values: Values = field(default_factory=Values)
    unit: str | None = None


def _label(cell: Cell, context: DocumentContext) -> tuple[str, int | None, float] | None:
    """The field a label cell names and the year it states, or None for a value cell."""
    text = cell.text
    if not text or len(text) > 2 * context.settings.header_chars:
        return None
    header = read_header(text, context.era)
    best = label_match(header, context.settings)
    if best is None or best.field not in _FORM_FIELDS:
        return None
    return best.field, header.years[-1].fy if header.years else None, best.score


def _is_exact_label(cell: Cell, context: DocumentContext) -> bool:
    """A cell that is a label word itself (単位, 目標値): never the value of the one before.
    A name ending in a header word (…支援事業) is a value."""
    matches = match_header(read_header(cell.text, context.era), context.settings)
    return bool(matches) and matches[0].score >= EXACT and matches[0].field in _FORM_FIELDS


Pair = tuple[str, int | None, float, Cell]


def _pairs(table: Table, context: DocumentContext) -> list[Pair]:
    """Every (field, year, confidence, value cell) the form's labels give, row by row."""
    pairs: list[Pair] = []
    for row in sorted({cell.row for cell in table.cells}):
        cells = sorted((c for c in table.cells if c.row == row), key=lambda c: c.col)
        for label, value in pairwise(cells):
            read = _label(label, context)
            if read is None or _is_exact_label(value, context):
                continue
            if not is_year_label(value.text, context.era):  # a year is no value
                pairs.append((*read, value))
    return pairs


def form_records(table: Table, heading: Heading | None, context: DocumentContext) -> list[Record]:
    """The records of a form; none where its labels name no indicator and target."""
    pairs = _pairs(table, context)
    fields = {name for name, _, _, _ in pairs}
    if "indicator" not in fields or not fields & {"target", "final_target"}:
        return []
    forms: list[_Form] = []
    program = heading.text if heading else None
    for name, fy, score, cell in pairs:
        slot = Slot.of(table.page, [cell])
        if name == "program":
            program = clean_name(cell.text, cell.raw) or program
        elif name == "indicator" and (printed := clean_name(cell.text, cell.raw)):
            indicator, unit = name_and_unit(printed)
            forms.append(
                _Form(Slot(indicator, slot.raw, slot.page, slot.bbox, slot.cells), program)
            )
            forms[-1].unit = unit
        elif not forms:
            continue
        elif name == "unit":
            forms[-1].unit = forms[-1].unit or unit_in_column(cell.text)
        elif name in VALUE_FIELDS or (name == "grade" and is_grade(cell.text)):
            kind: FactKind = name  # type: ignore[assignment]
            forms[-1].values.add(read_values(slot, kind, fy, score, context=context))
    records = [
        make_record(
            form.named.page, form.program, form.named.text, form.values, form.unit, None, form.named
        )
        for form in forms
    ]
    return [record for record in records if record is not None]


def form_caption(table: Table, context: DocumentContext) -> Caption | None:
    """The indicator a form names when its labels give no target (`KPI | 観光客数`, the
    values in a grid of years under it): a caption for the table below, as a line would."""
    pairs = _pairs(table, context)
    if {name for name, _, _, _ in pairs} & {"target", "final_target"}:
        return None
    for name, _, _, cell in pairs:
        printed = clean_name(cell.text, cell.raw) if name == "indicator" else None
        if printed:
            indicator, unit = name_and_unit(printed)
            return Caption(indicator, cell.raw, table.page, cell.bbox, unit, None)
    return None


def form_heading(table: Table, context: DocumentContext) -> Heading | None:
    """The program a form of labels names for the tables under it (`施策 | 1-2 | 子育て
    環境を整備します`): the last row with a label naming a program and, after it and its
    enumerator, a name. A label that heads a list of sub-programs (基本事業 1…5: merged
    down their rows, or over rows whose own label cell is blank) names none.
    A scan's headings are often printed in such a box, not as lines above the table."""
    found: Heading | None = None
    rows = sorted({cell.row for cell in table.cells})
    for row, below in zip(rows, [*rows[1:], None], strict=True):
        cells = sorted((c for c in table.cells if c.row == row and c.text), key=lambda c: c.col)
        labels = [c for c in cells if (read := _label(c, context)) and read[0] == "program"]
        if not labels or labels[0].rowspan > 1 or _continues(table, below, labels[0]):
            continue
        worded = [c for c in cells if c.col > labels[0].col and _JAPANESE.search(c.text)]
        if worded and _label(worded[0], context) is None:
            name = clean_name(worded[0].text, worded[0].raw)
            found = Heading(name, table.page, worded[0].bbox) if name else found
    return found


def _continues(table: Table, row: int | None, label: Cell) -> bool:
    """Whether the row below a label leaves the label's cell blank and prints a name: one
    more item of the list the label heads."""
    if row is None:
        return False
    cells = [c for c in table.cells if c.row == row]
    blank = not any(c.text for c in cells if c.col == label.col)
    return blank and any(c.col > label.col and _JAPANESE.search(c.text) for c in cells)


# A grade chosen from the scale the sheet prints, its meaning after it: `B:継続実施`.
_GRADE_MEANT = re.compile(r"^(?P<grade>[A-ES]|[◎○〇△×])\s*[:：]")


def sheet_words(table: Table, context: DocumentContext) -> list[Fact]:
    """The progress and grade a box of an evaluation sheet gives its one indicator, each
    label with its value to its right (`進捗状況 | 概ね順調`) or under it (`総合評価` over
    `B:成果の向上に努めつつ継続実施`)."""
    facts: list[Fact] = []
    for label in table.cells:
        match = label_in(label.text, context) if label.text else None
        if match is None or match.field not in WORD_FIELDS:
            continue
        for value in _beside_or_under(table, label, context):
            text = value.text
            if match.field == "grade":
                meant = _GRADE_MEANT.match(text)
                text = meant["grade"] if meant else text
            slot = dataclasses.replace(Slot.of(table.page, [value]), text=text)
            kind: FactKind = match.field  # type: ignore[assignment]
            read = read_values(slot, kind, None, match.score, context=context).facts
            facts += read
            if read:
                break
    return facts


def _beside_or_under(table: Table, label: Cell, context: DocumentContext) -> list[Cell]:
    """The cell right of a label and the cell under it, where each is no label itself."""
    cells = [
        cell
        for cell in table.cells
        if (cell.row == label.row and cell.col == label.col + label.colspan)
        or (cell.col == label.col and cell.row == label.row + label.rowspan)
    ]
    return [cell for cell in cells if cell.text and label_in(cell.text, context) is None]
