"""Pages whose text cannot be used as it is go to OCR: text beside a picture of a table,
and text layers with glyphs that map to no character.

The mixed page is made here: a typed title and heading above a ruled KPI table
pasted in as a 200-dpi grey image, as a report assembled from a scanned sheet.
"""

from dataclasses import replace

import cv2
import numpy as np
import pymupdf
import pytest

from pipeline.ingest import Page, read_page
from pipeline.layout import LayoutSettings, free_lines, layout_page
from pipeline.layout.pages import _needs_ocr
from pipeline.ocr.settings import OcrSettings, ocr_problem
from pipeline.understand.headings import heading_above

NEEDS_TESSERACT = pytest.mark.skipif(
    ocr_problem(OcrSettings()) is not None, reason="Tesseract with jpn data is not installed"
)

ROWS = [["指標", "目標値", "実績値"], ["来館者数", "1,200人", "1,150人"]]


def table_picture() -> bytes:
    sheet = pymupdf.open()
    page = sheet.new_page(width=400, height=80)
    xs, ys = [10, 150, 270, 390], [10, 40, 70]
    shape = page.new_shape()
    for y in ys:
        shape.draw_line((xs[0], y), (xs[-1], y))
    for x in xs:
        shape.draw_line((x, ys[0]), (x, ys[-1]))
    shape.finish(width=0.8)
    shape.commit()
    for r, row in enumerate(ROWS):
        for c, text in enumerate(row):
            page.insert_text((xs[c] + 6, ys[r] + 20), text, fontname="japan", fontsize=11)
    pixmap = page.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
    image = np.frombuffer(pixmap.samples, np.uint8).reshape(pixmap.height, pixmap.width)
    ok, png = cv2.imencode(".png", image)
    assert ok
    return bytes(png.tobytes())


def mixed_page() -> pymupdf.Page:
    doc = pymupdf.open()
    page = doc.new_page(width=460, height=240)
    page.insert_text((30, 40), "事業評価シート", fontname="japan", fontsize=14)
    page.insert_text((30, 80), "A 図書館運営事業", fontname="japan", fontsize=11)
    page.insert_image(pymupdf.Rect(30, 100, 430, 180), stream=table_picture())
    return page


def typed(**changes: object) -> Page:
    page = Page(1, 400, 300, 0, "text", [], 0.0)
    return replace(page, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("page", "mode", "needs"),
    [
        (typed(), "auto", False),
        (typed(unmapped_glyphs=3), "auto", True),
        (typed(kind="mixed", image_coverage=0.4), "auto", True),
        (typed(kind="image", image_coverage=1.0), "auto", True),
        (typed(unmapped_glyphs=3), "off", False),
        (typed(), "force", True),
    ],
)
def test_which_pages_go_to_ocr(page: Page, mode: str, needs: bool) -> None:
    settings = LayoutSettings(ocr=OcrSettings(mode=mode))  # type: ignore[arg-type]
    assert _needs_ocr(page, settings) is needs


def test_without_tesseract_a_broken_layer_is_read_as_typed_text() -> None:
    settings = LayoutSettings(ocr=OcrSettings(tesseract="no-such-tesseract"))
    assert not _needs_ocr(typed(unmapped_glyphs=3), settings)
    assert _needs_ocr(typed(kind="image", image_coverage=1.0), settings)


@NEEDS_TESSERACT
def test_a_table_pasted_in_as_a_picture_is_read_and_the_typed_text_kept() -> None:
    pdf_page = mixed_page()
    assert read_page(pdf_page).kind == "mixed"
    layout = layout_page(pdf_page, LayoutSettings())
    assert [table.dense() for table in layout.tables] == [ROWS]
    lines = free_lines(layout)
    assert [line.raw for line in lines] == ["事業評価シート", "A 図書館運営事業"]  # as typed
    heading = heading_above(layout.tables[0], {1: lines})
    assert heading is not None and heading.text == "図書館運営事業"
