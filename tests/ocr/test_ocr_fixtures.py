"""OCR of the fixture scans, checked against their text twins.

`akiruno-r7-shokogyo-scan.pdf` (A3, turned 0.45°) and `sanyo-onoda-r3-kpi-scan.pdf`
(4 A4 pages, turned −0.35°) are image-only 200-dpi scans with dust;
`sanyo-onoda-r3-kpi-ocr.pdf` is the Sanyo-Onoda scan with an invisible OCR layer.
Their text twins give the grid shapes; the hand-written expected grids give the
cell texts (scored after the layout stage's repairs, as layout applies them).
"""

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pymupdf
import pytest

from pipeline.ingest.pages import read_page
from pipeline.layout import pages
from pipeline.layout.repair.mend import mend_table
from pipeline.ocr.page import OcrPage, ocr_page
from pipeline.ocr.settings import OcrSettings, ocr_problem
from pipeline.score.grid import FoundTable, load_expected_grid, score_grid
from pipeline.text.vocabulary import known_units

pytestmark = pytest.mark.skipif(
    ocr_problem(OcrSettings()) is not None, reason="Tesseract with jpn data is not installed"
)

TESTS = Path(__file__).resolve().parent.parent
PDFS = TESTS / "fixtures" / "pdfs"
GRIDS = TESTS / "layout" / "grids"


@cache
def read(name: str) -> list[OcrPage]:
    """Every page of a fixture through OCR, its existing text layer offered where it has one."""
    with pymupdf.open(PDFS / f"{name}.pdf") as doc:
        pages = []
        for page in doc:
            ingested = read_page(page)
            layer = ingested.words if ingested.has_ocr_layer else []
            pages.append(ocr_page(page, OcrSettings(), layer))
        return pages


def shapes(pages: list[OcrPage]) -> list[list[tuple[int, int]]]:
    return [[table.shape for table in page.tables] for page in pages]


def accuracy(name: str, twin: str) -> float:
    found = [
        FoundTable(table.page, mend_table(table, known_units()).dense())
        for page in read(name)
        for table in page.tables
    ]
    return score_grid(load_expected_grid(GRIDS / f"{twin}.json"), found, doc_id=name).accuracy


@pytest.fixture(scope="module")
def twin_shapes() -> Iterator[dict[str, list[list[tuple[int, int]]]]]:
    found = {}
    for twin in ("akiruno-r7-shokogyo", "sanyo-onoda-r3-kpi"):
        layout = pages.layout_document(PDFS / f"{twin}.pdf")
        found[twin] = [[t.shape for t in page.tables] for page in layout.pages]
    yield found


@pytest.mark.parametrize(
    ("name", "twin"),
    [
        ("akiruno-r7-shokogyo-scan", "akiruno-r7-shokogyo"),
        ("sanyo-onoda-r3-kpi-scan", "sanyo-onoda-r3-kpi"),
        ("sanyo-onoda-r3-kpi-ocr", "sanyo-onoda-r3-kpi"),
    ],
)
def test_scan_grids_have_their_twins_shapes(
    name: str, twin: str, twin_shapes: dict[str, list[list[tuple[int, int]]]]
) -> None:
    assert shapes(read(name)) == twin_shapes[twin]


@pytest.mark.parametrize(
    ("name", "angle"),
    [("akiruno-r7-shokogyo-scan", 0.45), ("sanyo-onoda-r3-kpi-scan", -0.35)],
)
def test_scan_skew_is_recovered(name: str, angle: float) -> None:
    assert all(page.skew == pytest.approx(angle, abs=0.05) for page in read(name))


@pytest.mark.parametrize(
    ("name", "twin", "floor"),
    [
        ("akiruno-r7-shokogyo-scan", "akiruno-r7-shokogyo", 0.85),
        ("sanyo-onoda-r3-kpi-scan", "sanyo-onoda-r3-kpi", 0.78),
        ("sanyo-onoda-r3-kpi-ocr", "sanyo-onoda-r3-kpi", 0.97),
    ],
)
def test_scan_cell_accuracy_against_the_expected_grid(name: str, twin: str, floor: float) -> None:
    assert accuracy(name, twin) >= floor


def test_ocr_layer_is_mostly_kept() -> None:
    pages = read("sanyo-onoda-r3-kpi-ocr")
    assert sum(page.kept for page in pages) > 4 * sum(page.reread for page in pages)


def test_image_only_scan_is_read_from_the_image() -> None:
    pages = read("sanyo-onoda-r3-kpi-scan")
    assert sum(page.kept for page in pages) == 0
    assert all(page.words and not page.warnings for page in pages)
