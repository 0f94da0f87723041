"""Replica of a city's commerce-and-industry plan progress sheet (one A3 landscape page).

Difficulties it carries: a 19-column ruled grid with merged cells (方向性 spans
four to six rows, 個別施策 two), a two-level year header (令和5年度 → 年間目標 /
実績 / 評価), program and indicator in one cell (`事業承継セミナー(参加者数) P.33`),
long prose cells wrapped inside narrow columns, and a grade legend table below.
The body rows are the report's extracted text, read verbatim from its seed.
"""

import itertools

from replica.canvas import A3, SEEDS, Canvas, Cell, Grid, Replica, cell

TITLE = "あきる野市商工業振興プラン 令和5年度～進捗状況まとめ"
TEXT = SEEDS / "akiruno-r7-shokogyo.txt"
# The body rows are the seed's tab-separated lines with a field per column.
COLUMNS = 19

LEADING_HEADERS = (
    "方向性",
    "個別施策",
    "実施事業",
    "実施主体",
    "目標とする姿(令和8年度)",
    "実施状況・課題(令和7年度)",
)
YEARS = ("令和5年度", "令和6年度", "令和7年度", "令和8年度")
YEAR_COLUMNS = ("年間目標", "実績", "評価")
WIDTHS = [52, 56, 92, 42, 188, 232, 44] + [44, 42, 22] * 4
LEGEND = (
    ("評価指標", "詳細"),
    ("S", "目標値以上(120%~)：このまま業務を進めることにより目標値以上の成果を得られる"),
    ("A", "目標値どおり(90~120%)：このまま業務を進めることにより目標値どおりの成果を得られる"),
    (
        "B",
        "要改善(50~90%)：このまま業務を進めることにより目標値を達成することができず、"
        "手法等の改善が必要",
    ),
    (
        "C",
        "要大幅改善(~50%)：このまま業務を進めることにより目標値を達成することができず、"
        "手法等の大幅な改善が必要",
    ),
)
NOTE = "※総合計画の評価を基に、不要となる評価指標を除き、評価の目安となる基準(%)を追加"


def read_rows() -> list[list[str]]:
    """The report's body rows: tab lines of all columns, less the two header lines."""
    rows = [line.split("\t") for line in TEXT.read_text(encoding="utf-8").splitlines()]
    body = [row for row in rows if len(row) == COLUMNS]
    return body[2:]


def header_cells() -> list[Cell]:
    """Two header rows: the leading columns span both, each year spans its three columns."""
    cells = [
        cell(0, col, name, rowspan=2, align="center", valign="middle", wrap=True)
        for col, name in enumerate(LEADING_HEADERS)
    ]
    cells.append(cell(0, 6, "令和3年度", align="center"))
    cells.append(cell(1, 6, "実績値", align="center"))
    for index, year in enumerate(YEARS):
        first = 7 + 3 * index
        cells.append(cell(0, first, year, colspan=3, align="center"))
        cells += [
            cell(1, first + offset, name, align="center")
            for offset, name in enumerate(YEAR_COLUMNS)
        ]
    return cells


def program_lines(text: str) -> str:
    """`名称(指標) P.33` printed as name, indicator and page reference on their own lines."""
    name, _, rest = text.partition("(")
    indicator, _, page = rest.partition(") ")
    return f"{name}\n({indicator})\n{page}"


def body_cells(rows: list[list[str]]) -> list[Cell]:
    """Body rows from row 2; a blank first or second field continues the merged cell above."""
    cells: list[Cell] = []
    for merged_col in (0, 1):
        starts = [i for i, row in enumerate(rows) if row[merged_col]] + [len(rows)]
        for start, end in itertools.pairwise(starts):
            cells.append(
                cell(
                    2 + start,
                    merged_col,
                    rows[start][merged_col],
                    rowspan=end - start,
                    valign="middle",
                    wrap=True,
                )
            )
    for index, row in enumerate(rows):
        r = 2 + index
        cells.append(cell(r, 2, program_lines(row[2]), wrap=True))
        cells += [cell(r, col, row[col], wrap=True) for col in (3, 4, 5)]
        cells += [
            cell(r, col, row[col], align="center" if col % 3 == 0 else "right")
            for col in range(6, len(row))
        ]
    return cells


def draw_legend(canvas: Canvas, top: float) -> None:
    cells = [
        cell(r, c, text, align="center" if c == 0 else "left")
        for r, row in enumerate(LEGEND)
        for c, text in enumerate(row)
    ]
    rects = canvas.grid(Grid(left=40, top=top, widths=[50, 470], cells=cells, size=7))
    bottom = max(rect.y1 for rect in rects.values())
    canvas.text(40, bottom + 4, NOTE, 7)


def draw(replica: Replica) -> None:
    canvas = replica.page(A3, landscape=True)
    canvas.text(40, 22, TITLE, 12)
    canvas.text(canvas.width - 80, 22, "資料2", 10)
    grid = Grid(
        left=25,
        top=48,
        widths=WIDTHS,
        cells=header_cells() + body_cells(read_rows()),
        size=6.2,
    )
    rects = canvas.grid(grid)
    draw_legend(canvas, max(rect.y1 for rect in rects.values()) + 14)
