"""What a reader may choose of a document's reading: which pages, and whether scans are OCR'd."""

from pathlib import Path

import pymupdf
import pytest

from pipeline.layout import LayoutSettings, layout_document, layout_page
from pipeline.ocr import OcrSettings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pdfs"
TYPED = FIXTURES / "kodaira-r2-kofukin.pdf"  # one typed page
SCAN = FIXTURES / "akiruno-r7-shokogyo-scan.pdf"  # one image page
NO_TESSERACT = "/nonexistent/tesseract"  # the OCR path is taken, and stops at once


def _first_page(path: Path, settings: LayoutSettings) -> tuple[list[str], int]:
    """The issue codes and the number of tables of a document's first page."""
    with pymupdf.open(path) as doc:
        layout = layout_page(doc[0], settings)
    return [issue.code for issue in layout.warnings], len(layout.tables)


def test_only_the_pages_asked_for_are_read() -> None:
    layout = layout_document(FIXTURES / "tsukuba-r2-kpi.pdf", LayoutSettings(pages=(2, 7)))
    assert [page.page.number for page in layout.pages] == [2]
    assert {table.page for table in layout.tables} == {2}


def test_with_ocr_off_a_scan_is_not_read_and_says_so() -> None:
    codes, tables = _first_page(SCAN, LayoutSettings(ocr=OcrSettings(mode="off")))
    assert (codes, tables) == (["ocr-off"], 0)


def test_with_ocr_forced_a_typed_page_goes_to_ocr() -> None:
    forced = OcrSettings(mode="force", tesseract=NO_TESSERACT)
    assert _first_page(TYPED, LayoutSettings(ocr=forced))[0] == ["ocr-unavailable"]
    auto = OcrSettings(tesseract=NO_TESSERACT)
    assert _first_page(TYPED, LayoutSettings(ocr=auto))[0] == []


@pytest.mark.parametrize(
    "make",
    [
        lambda: OcrSettings(mode="sometimes"),
        lambda: LayoutSettings(pages=(0,)),
        lambda: LayoutSettings(pages=(1, -2)),
    ],
    ids=["ocr mode", "page 0", "negative page"],
)
def test_a_choice_out_of_range_is_refused(make) -> None:
    with pytest.raises(ValueError):
        make()
