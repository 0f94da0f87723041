"""An evaluation sheet of ruled boxes, one indicator: a form naming it, a grid of years
with its kinds in rows, then boxes of its progress and grade. Drawn here, not from a report."""

from itertools import pairwise
from pathlib import Path

import pymupdf

from pipeline.understand.extract import extract_document

WIDTH = 70.0  # points: each box's width
HEIGHT = 20.0

BOXES = [
    [["施策", "(3)読書推進"], ["KPIその1", "読書会の登録数"]],
    [
        ["", "従前値", "基準年度", "R3", "R4", "R5", "目標値", "目標年度"],
        ["目標値", "41", "R2年度", "-", "-", "48", "48", "R5年度"],
        ["実績値", "", "", "45", "-", "-", "45", ""],
    ],
    [["進捗状況", "順調"], ["総合評価", "A"]],
]


def draw(page: pymupdf.Page, rows: list[list[str]], top: float) -> float:
    """A table ruled cell by cell at `top`; the y under it."""
    xs = [40.0 + WIDTH * c for c in range(len(rows[0]) + 1)]
    ys = [top + HEIGHT * r for r in range(len(rows) + 1)]
    for y in ys:
        page.draw_line((xs[0], y), (xs[-1], y), width=0.5)
    for x in xs:
        page.draw_line((x, ys[0]), (x, ys[-1]), width=0.5)
    for (y0, _), row in zip(pairwise(ys), rows, strict=True):
        for x0, text in zip(xs, row, strict=False):
            if text:
                page.insert_text((x0 + 3, y0 + 14), text, fontsize=8, fontname="japan")
    return ys[-1]


def sheet_pdf(path: Path) -> Path:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=420)
    top = 40.0
    for rows in BOXES:
        top = draw(page, rows, top) + 12.0
    doc.save(path)
    return path


def test_a_sheet_is_one_record_from_its_boxes(tmp_path: Path) -> None:
    records = extract_document(sheet_pdf(tmp_path / "sheet.pdf")).record_file.records
    assert [(r.program, r.indicator) for r in records] == [("読書推進", "読書会の登録数")]
    assert [
        (f.kind, f.fy, f.value if f.value is not None else f.text) for f in records[0].facts
    ] == [
        ("baseline", 2020, 41),
        ("target", 2023, 48),
        ("actual", 2021, 45),
        ("progress", None, "順調"),
        ("grade", None, "A"),
    ]
