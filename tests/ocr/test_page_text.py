"""The lines of a scanned page outside its tables: found in the ink, read, and handed on
as the page's words, so headings above a table name its program on a scan too.

The scan is drawn here: a title, a boxed note with a stamp beside it, a heading
naming a program, and a ruled KPI table under it, rendered at 200 dpi in grey
and put back into a PDF as its only content.
"""

import cv2
import numpy as np
import pymupdf
import pytest

from pipeline.layout import LayoutSettings, free_lines, layout_page
from pipeline.ocr.page import grid_outline, prepare
from pipeline.ocr.page_text import free_line_boxes, free_words
from pipeline.ocr.settings import OcrSettings, ocr_problem
from pipeline.ocr.tesseract import Read
from pipeline.understand.headings import heading_above, title

NEEDS_TESSERACT = pytest.mark.skipif(
    ocr_problem(OcrSettings()) is not None, reason="Tesseract with jpn data is not installed"
)

XS = [40.0, 180.0, 300.0, 420.0]
YS = [150.0, 180.0, 210.0]
ROWS = [["指標", "目標値", "実績値"], ["来館者数", "1,200人", "1,150人"]]


def scanned() -> pymupdf.Page:
    typed = pymupdf.open()
    page = typed.new_page(width=460, height=260)
    page.insert_text((40, 40), "観光振興計画の進捗状況", fontname="japan", fontsize=16)
    shape = page.new_shape()
    shape.draw_rect(pymupdf.Rect(36, 62, 300, 84))  # a framed note
    shape.draw_rect(pymupdf.Rect(330, 58, 380, 90))  # a stamp's frame beside it
    for y in YS:
        shape.draw_line((XS[0], y), (XS[-1], y))
    for x in XS:
        shape.draw_line((x, YS[0]), (x, YS[-1]))
    shape.finish(width=0.8)
    shape.commit()
    page.insert_text((42, 78), "本年度の取組を報告する", fontname="japan", fontsize=10)
    page.insert_text((345, 80), "済", fontname="japan", fontsize=16)
    page.insert_text((40, 136), "A 観光振興事業", fontname="japan", fontsize=12)
    for r, row in enumerate(ROWS):
        for c, text in enumerate(row):
            page.insert_text((XS[c] + 6, YS[r] + 20), text, fontname="japan", fontsize=11)
    pixmap = page.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
    image = np.frombuffer(pixmap.samples, np.uint8).reshape(pixmap.height, pixmap.width)
    ok, png = cv2.imencode(".png", image)
    assert ok
    doc = pymupdf.open()
    scan = doc.new_page(width=page.rect.width, height=page.rect.height)
    scan.insert_image(scan.rect, stream=png.tobytes())
    return scan


def test_lines_outside_the_table_are_found_apart_from_frames_and_the_table() -> None:
    settings = OcrSettings()
    scan = prepare(scanned(), settings)
    tables = [grid_outline(grid, settings.scale) for grid in scan.grids]
    boxes = [
        tuple(v / settings.scale for v in box)
        for box in free_line_boxes(scan.text, tables, settings)
    ]
    tops = [round(box[1]) for box in boxes if box[0] < 300]
    assert len(tables) == 1
    assert [box for box in boxes if box[1] >= YS[0] - 1] == []  # nothing read twice
    assert len(tops) == 3  # title, the note inside its frame, the heading
    note = next(box for box in boxes if 62 < box[1] < 84 and box[0] < 300)
    assert note[3] - note[1] < 14  # the frame is not part of the line


@NEEDS_TESSERACT
def test_a_heading_above_a_scanned_table_names_its_program() -> None:
    layout = layout_page(scanned(), LayoutSettings())
    lines = free_lines(layout)
    assert len(layout.tables) == 1
    heading = heading_above(layout.tables[0], {1: lines})
    assert heading is not None and heading.text == "観光振興事業"
    assert title({1: lines}) == "観光振興計画の進捗状況"


@pytest.mark.parametrize(
    ("read", "kept"),
    [
        ((("(", 80.0), ("写", 69.0), (")", 43.0)), ""),  # a stamp's frame and its word
        ((("[済]", 90.0),), ""),
        ((("A", 28.0),), ""),  # a speck read unsurely as a letter
        ((("市", 96.0),), "市"),  # one character read surely is print
        ((("(", 90.0), ("案", 90.0), ("の", 90.0), ("概要", 90.0), (")", 90.0)), "(案の概要)"),
    ],
)
def test_a_free_line_of_a_stamp_or_a_speck_is_no_print(
    read: tuple[tuple[str, float], ...], kept: str
) -> None:
    line = [
        Read(text, (10.0 * n, 0.0, 10.0 * n + 9, 10.0), score)
        for n, (text, score) in enumerate(read)
    ]
    assert "".join(word.text for word in free_words(line, (0, 0, 100, 10), 70.0)) == kept
