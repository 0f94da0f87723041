"""Replica of a city's report on its regional-revitalization grants and their KPIs (4 A4 pages).

The real report is an OCR'd scan, and its text layer is what the seed text
keeps verbatim: numbers broken by spaces (`134, 280 円`, `1, 117, 438 人`, `74. 3%`),
a unit misread (`1 争未件` under `1 事業体`), stray marks (`V'o`, `<u></u>`),
and header text split at a cell border with a character doubled there
(`きららガラス` | `ス未来館の来`). Each lettered section has a schedule table and a
KPI grid whose rows are years (当初, R 2, R 3, R 4) and whose columns are 目標 /
実績 per indicator, with the year-on-year difference under each value.

Tab-separated fields land in the column they name. Where one text belongs to an
indicator's pair of cells (its header, 達成状況, 未達理由), it runs across the
border between them; where OCR split it into two fields, the left one ends at
the border and the right one starts there.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pymupdf

from replica.canvas import A4, LEADING, PAD, SEEDS, Canvas, Cell, Grid, Replica, cell

TEXT = SEEDS / "sanyo-onoda-r3-kpi.txt"
TITLE = "地方創生推進交付金事業の進捗及び重要業績評価指標(KPI)の達成度の状況について"

LEFT = 28.0
RIGHT = 567.0
BODY_SIZE = 8.0
SIZE = 7.5
SCHEDULE_WIDTHS = [36, 150, 353]
KPI_WIDTHS = [36] + [86] * 6
# Row labels that continue the two-line label above them (達成/状況, 未達/理由).
CONTINUED_LABELS = ("状況", "理由")
# Rows whose text belongs to an indicator's pair of cells, not to one of them.
SPILL_LABELS = ("達成", "未達")
# Points between the border and text that OCR split there: the halves stay two words.
BORDER_GAP = 3.5
SECTION = re.compile(r"^[A-Z] [^\t]+$")
NEW_PAGE_BEFORE = ("B", "C", "D")


@dataclass
class Section:
    """A lettered program: heading, overview, schedule rows, KPI rows or a note."""

    heading: str
    overview: list[str] = field(default_factory=list)
    schedule: list[list[str]] = field(default_factory=list)
    kpi: list[list[str]] = field(default_factory=list)
    kpi_note: str = ""


def parse(text: str) -> list[Section]:
    """Split the report text into sections; tab lines are table rows."""
    sections: list[Section] = []
    part = ""
    for line in text.splitlines():
        if SECTION.match(line):
            sections.append(Section(line))
        elif line.startswith("(1)") or line.startswith("(2)"):
            part = line[:3]
        elif not line or not sections:
            continue
        elif "\t" in line:
            target = sections[-1].schedule if part == "(1)" else sections[-1].kpi
            target.append(line.split("\t"))
        elif part == "(1)":
            sections[-1].overview.append(line)
        else:
            sections[-1].kpi_note = line
    return sections


def group_rows(
    lines: list[list[str]], starts_row: Callable[[list[str]], bool]
) -> list[list[list[str]]]:
    """Gather consecutive text lines into table rows; `starts_row` says where a row begins."""
    groups: list[list[list[str]]] = []
    for fields in lines:
        if not groups or starts_row(fields):
            groups.append([])
        groups[-1].append(fields)
    return groups


def field_at(fields: list[str], col: int) -> str:
    return fields[col] if col < len(fields) else ""


def column_lines(group: list[list[str]], col: int) -> list[str]:
    return [field_at(fields, col) for fields in group]


def draw_schedule(canvas: Canvas, lines: list[list[str]], top: float) -> float:
    """The plan/progress table: one ruled row per year label, text as the lines give it."""
    groups = group_rows(lines, lambda fields: bool(fields[0]))
    cells: list[Cell] = []
    for row, group in enumerate(groups):
        cells += [
            cell(row, col, column_lines(group, col), spill=True)
            for col in range(len(SCHEDULE_WIDTHS))
        ]
    rects = canvas.grid(Grid(LEFT, top, SCHEDULE_WIDTHS, cells, size=SIZE))
    return max(rect.y1 for rect in rects.values())


def kpi_row_starts(fields: list[str]) -> bool:
    """A KPI grid row starts at the 目標/実績 header line and at each new row label."""
    label = fields[0]
    return field_at(fields, 1) == "目標" or (bool(label) and label not in CONTINUED_LABELS)


def draw_kpi(canvas: Canvas, lines: list[list[str]], top: float) -> float:
    """The year-by-indicator grid; in the header and comment rows text runs across the borders."""
    groups = group_rows(lines, kpi_row_starts)
    spill_rows = {0} | {r for r, g in enumerate(groups) if g[0][0] in SPILL_LABELS}
    cells: list[Cell] = []
    for row, group in enumerate(groups):
        cells.append(cell(row, 0, column_lines(group, 0), align="center"))
        if row in spill_rows:
            cells += [cell(row, col, [""] * len(group)) for col in range(1, 7)]
        else:
            align = "center" if row == 1 else "right"
            cells += [cell(row, col, column_lines(group, col), align=align) for col in range(1, 7)]
    rects = canvas.grid(Grid(LEFT, top, KPI_WIDTHS, cells, size=SIZE))
    for row in sorted(spill_rows):
        place_spilled_text(canvas, groups[row], [rects[(row, col)] for col in range(1, 7)])
    return max(rect.y1 for rect in rects.values())


def place_spilled_text(canvas: Canvas, group: list[list[str]], rects: list[pymupdf.Rect]) -> None:
    """Each indicator's pair of cells holds one text: a lone field starts in the left cell
    and runs over the border; a split pair sits against the border on both sides of it."""
    for index, fields in enumerate(group):
        y = rects[0].y0 + PAD + index * SIZE * LEADING
        for pair in (0, 2, 4):
            left, right = field_at(fields, pair + 1), field_at(fields, pair + 2)
            border = rects[pair].x1
            if left and right:
                canvas.text(border - BORDER_GAP - canvas.measure(left, SIZE), y, left, SIZE)
                canvas.text(border + BORDER_GAP, y, right, SIZE)
            elif left:
                canvas.text(rects[pair].x0 + PAD, y, left, SIZE)
            elif right:
                canvas.text(border + PAD, y, right, SIZE)


def draw_section(canvas: Canvas, section: Section, top: float) -> float:
    canvas.text(LEFT, top, section.heading, 10.5)
    y = top + 20
    canvas.text(LEFT, y, "(1) 事業内容", 9)
    y += 15
    for paragraph in section.overview:
        for line in canvas.wrap(paragraph, RIGHT - LEFT - 10, BODY_SIZE):
            canvas.text(LEFT + 6, y, line, BODY_SIZE)
            y += BODY_SIZE * 1.5
    y = draw_schedule(canvas, section.schedule, y + 6) + 14
    canvas.text(LEFT, y, "(2) 重要業績評価指標(KPI)", 9)
    y += 16
    if section.kpi:
        return draw_kpi(canvas, section.kpi, y) + 24
    canvas.text(LEFT + 6, y, section.kpi_note, BODY_SIZE)
    return y + 30


def draw(replica: Replica) -> None:
    sections = parse(TEXT.read_text(encoding="utf-8"))
    canvas = replica.page(A4)
    canvas.text((canvas.width - canvas.measure(TITLE, 10.5)) / 2, 36, TITLE, 10.5)
    y = 70.0
    for section in sections:
        if section.heading[0] in NEW_PAGE_BEFORE:
            canvas = replica.page(A4)
            y = 50.0
        y = draw_section(canvas, section, y)
