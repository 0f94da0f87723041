"""OCR of scanned pages: settings, the missing-Tesseract path, a crafted scan read, a layer judged.

The crafted scan is drawn here: a ruled grid with Japanese labels and values,
rendered at 200 dpi, turned by a fraction of a degree and speckled, then put
back into a PDF as its only content, as a scanner would.
"""

from collections.abc import Iterator

import cv2
import numpy as np
import pymupdf
import pytest

from pipeline.ingest.pages import read_page
from pipeline.ocr.lines import digit_groups, on_white
from pipeline.ocr.page import OcrPage, ocr_page
from pipeline.ocr.settings import OcrSettings, ocr_problem
from pipeline.text.normalize import normalize_text

NEEDS_TESSERACT = pytest.mark.skipif(
    ocr_problem(OcrSettings()) is not None, reason="Tesseract with jpn data is not installed"
)

XS = [40.0, 160.0, 280.0, 400.0]
YS = [60.0, 100.0, 140.0, 180.0, 220.0]
ROWS = [
    ["指標", "目標", "実績"],
    ["参加者数", "20人", "15人"],
    ["相談件数", "100人", "11人"],
    ["来場者数", "30人", "25人"],
]


def typed_page(blank: frozenset[tuple[int, int]] = frozenset()) -> pymupdf.Document:
    """A page with the grid and texts typed, but for the `blank` cells (row, column)."""
    doc = pymupdf.open()
    page = doc.new_page(width=440, height=260)
    shape = page.new_shape()
    for y in YS:
        shape.draw_line((XS[0], y), (XS[-1], y))
    for x in XS:
        shape.draw_line((x, YS[0]), (x, YS[-1]))
    shape.finish(width=0.8)
    shape.commit()
    for r, row in enumerate(ROWS):
        for c, text in enumerate(row):
            if (r, c) not in blank:
                page.insert_text((XS[c] + 8, YS[r] + 26), text, fontname="japan", fontsize=14)
    return doc


def scanned(
    angle: float,
    layer: dict[tuple[int, int], str] | None = None,
    blank: frozenset[tuple[int, int]] = frozenset(),
) -> pymupdf.Page:
    """The typed page as a 200-dpi grey scan turned by `angle` degrees, with dust on it;
    `layer` puts invisible text in the given cells."""
    typed = typed_page(blank)[0]
    pixmap = typed.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
    image = np.frombuffer(pixmap.samples, np.uint8).reshape(pixmap.height, pixmap.width)
    height, width = image.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    image = cv2.warpAffine(image, matrix, (width, height), borderValue=255)
    dust = np.random.default_rng(7).integers(0, image.size, 300)
    image.flat[dust] = 90
    ok, png = cv2.imencode(".png", image)
    assert ok
    doc = pymupdf.open()
    page = doc.new_page(width=typed.rect.width, height=typed.rect.height)
    page.insert_image(page.rect, stream=png.tobytes())
    for (r, c), text in (layer or {}).items():
        page.insert_text(
            (XS[c] + 8, YS[r] + 26), text, fontname="japan", fontsize=14, render_mode=3
        )
    return page


@pytest.mark.parametrize(
    "changes",
    [
        {"dpi": 50},
        {"language": "jpn; rm"},
        {"numeric_language": "eng rm"},
        {"min_line": 0},
        {"upscale": 0.5},
        {"second_upscale": 0.9},
        {"unsure": 101},
        {"workers": 0},
        {"share": -1},
        {"numeric_sure": 102},
    ],
)
def test_settings_refuse_bad_values(changes: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        OcrSettings(**changes)  # type: ignore[arg-type]


def test_numeric_lines_are_not_read_again_when_no_language_is_given() -> None:
    assert OcrSettings(numeric_language="").numeric_engine is None


def test_missing_language_data_names_the_package() -> None:
    problem = ocr_problem(OcrSettings(language="xqz"))
    assert problem is not None
    assert "apt-get install tesseract-ocr tesseract-ocr-xqz" in problem


def test_missing_command_names_the_package() -> None:
    problem = ocr_problem(OcrSettings(tesseract="no-such-tesseract"))
    assert problem is not None
    assert "tesseract-ocr-jpn" in problem


def test_without_tesseract_a_page_gives_no_tables_and_keeps_its_layer() -> None:
    page = scanned(0.0, layer={(1, 1): "20人"})
    layer = read_page(page).words
    result = ocr_page(page, OcrSettings(language="xqz"), layer)
    assert result.tables == []
    assert result.words == layer
    (issue,) = result.warnings
    assert (issue.severity, issue.code, issue.stage, issue.page) == (
        "error",
        "ocr-unavailable",
        "ocr",
        1,
    )
    assert "tesseract-ocr-xqz" in issue.message


@pytest.fixture(scope="module")
def crafted() -> Iterator[OcrPage]:
    yield ocr_page(scanned(0.45), OcrSettings())


@NEEDS_TESSERACT
def test_crafted_scan_has_its_grid(crafted: OcrPage) -> None:
    (table,) = crafted.tables
    assert table.shape == (4, 3)
    assert table.strategy == "ocr"


@NEEDS_TESSERACT
def test_crafted_scan_skew_is_recovered(crafted: OcrPage) -> None:
    assert crafted.skew == pytest.approx(0.45, abs=0.05)


@NEEDS_TESSERACT
def test_crafted_scan_cells_are_read(crafted: OcrPage) -> None:
    (table,) = crafted.tables
    found = [normalize_text(text) for row in table.dense() for text in row]
    expected = [normalize_text(text) for row in ROWS for text in row]
    matched = sum(a == b for a, b in zip(found, expected, strict=True))
    assert matched >= 10


@NEEDS_TESSERACT
def test_cell_boxes_are_in_page_points(crafted: OcrPage) -> None:
    (table,) = crafted.tables
    top_left = next(cell for cell in table.cells if (cell.row, cell.col) == (0, 0))
    assert top_left.bbox[0] == pytest.approx(XS[0], abs=4)
    assert top_left.bbox[1] == pytest.approx(YS[0], abs=4)
    assert all(word.raw for cell in table.cells for word in cell.words)


@NEEDS_TESSERACT
def test_sound_layer_cells_are_kept_and_misread_ones_read_again() -> None:
    layer_text = {
        (0, 0): "指標",
        (1, 1): "20人",
        (1, 2): "15人",
        (2, 1): "100 入",
        (2, 2): "11人",
        (3, 1): "30人",
        (3, 2): "25人",
    }
    page = scanned(0.0, layer=layer_text)
    result = ocr_page(page, OcrSettings(), read_page(page).words)
    (table,) = result.tables
    cell = {(c.row, c.col): c for c in table.cells}
    assert cell[(1, 1)].raw == "20人"  # the layer's own string, kept
    assert cell[(2, 1)].text == "100人"  # `入` fails its column's unit: read from the image
    assert result.kept == 6
    assert result.reread == 6  # the misread cell and the five cells the layer left empty


@NEEDS_TESSERACT
def test_layer_text_over_a_cell_the_image_leaves_blank_is_not_kept() -> None:
    """A layer's `1` where the scan shows no ink: a border or a speck read, not a value."""
    page = scanned(0.0, layer={(3, 2): "1", (1, 1): "20人"}, blank=frozenset({(3, 2)}))
    result = ocr_page(page, OcrSettings(), read_page(page).words)
    (table,) = result.tables
    cell = {(c.row, c.col): c for c in table.cells}
    assert cell[(3, 2)].text == ""
    assert cell[(1, 1)].raw == "20人"
    assert result.kept == 1


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("28,.000部", "28,000部"),
        ("12.672人", "12,672人"),
        ("1.072,438人", "1,072,438人"),
        ("1137.343人", "1,137,343人"),
        ("1137.34人", "1137.34人"),
        ("4.5%", "4.5%"),
        ("10.0%", "10.0%"),
        ("0.125", "0.125"),
    ],
)
def test_thousands_separators_are_put_back(read: str, meant: str) -> None:
    assert digit_groups(read) == meant


@pytest.mark.parametrize(("paper", "print_"), [(180, 40), (255, 30)])
def test_a_line_on_shaded_paper_is_read_on_white(paper: int, print_: int) -> None:
    line = np.full((30, 120), paper, np.uint8)
    line[8:22, 10:100:6] = print_  # strokes covering the lesser part of the line
    white = on_white(line)
    assert white[0, 0] == 255
    assert white[10, 10] < 2 * print_  # print stays dark
