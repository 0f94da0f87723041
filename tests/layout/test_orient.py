"""Sideways and upside-down pages: the same grid as upright, boxes in the page's own space."""

import pymupdf
import pytest

from pipeline.ingest.pages import read_page
from pipeline.layout.pages import layout_page
from pipeline.layout.strategies import LayoutSettings

FONT = "japan"
ROWS = [["施設", "目標", "実績"], ["図書館", "1,200人", "1,150人"], ["公民館", "800人", "790人"]]


def upright_source() -> pymupdf.Document:
    """A landscape page with a ruled 3×3 table, made here (not from a report)."""
    doc = pymupdf.open()
    page = doc.new_page(width=400, height=300)
    xs, ys = [40, 160, 260, 360], [60, 80, 100, 120]
    shape = page.new_shape()
    for y in ys:
        shape.draw_line((xs[0], y), (xs[-1], y))
    for x in xs:
        shape.draw_line((x, ys[0]), (x, ys[-1]))
    shape.finish(width=0.5)
    shape.commit()
    for r, row in enumerate(ROWS):
        for c, text in enumerate(row):
            page.insert_text((xs[c] + 4, ys[r] + 14), text, fontname=FONT, fontsize=9)
    return doc


def placed(turn: int) -> pymupdf.Page:
    """The source page drawn onto a new page turned by `turn` degrees."""
    doc = pymupdf.open()
    size = (300, 400) if turn in (90, 270) else (400, 300)
    page = doc.new_page(width=size[0], height=size[1])
    page.show_pdf_page(page.rect, upright_source(), 0, rotate=turn)
    return page


@pytest.mark.parametrize("turn", [0, 90, 180, 270])
def test_a_turned_page_reads_as_the_upright_one(turn: int) -> None:
    page = placed(turn)
    assert read_page(page).turn == turn
    layout = layout_page(page, LayoutSettings())
    assert layout.turn == turn
    assert [table.dense() for table in layout.tables] == [ROWS]


@pytest.mark.parametrize("turn", [90, 270])
def test_boxes_of_a_turned_page_are_in_its_own_space(turn: int) -> None:
    layout = layout_page(placed(turn), LayoutSettings())
    for cell in layout.tables[0].cells:
        x0, y0, x1, y1 = cell.bbox
        assert y1 - y0 > x1 - x0  # a row of the upright table stands tall on the page
        for word in cell.words:
            cx, cy = (word.bbox[0] + word.bbox[2]) / 2, (word.bbox[1] + word.bbox[3]) / 2
            assert x0 <= cx <= x1 and y0 <= cy <= y1


def test_a_rotate_flag_needs_no_turning() -> None:
    doc = upright_source()
    page = doc[0]
    page.set_rotation(90)
    layout = layout_page(page, LayoutSettings())
    assert layout.turn == 0
    assert [table.dense() for table in layout.tables] == [ROWS]
    assert (layout.page.width, layout.page.height) == (400, 300)
