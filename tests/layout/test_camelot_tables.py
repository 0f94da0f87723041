"""Camelot's lattice and stream tables in the pipeline's grid model: same space, same words."""

from itertools import pairwise
from pathlib import Path

import pymupdf
import pytest

from pipeline.ingest.pages import read_page
from pipeline.layout.bands import row_blocks
from pipeline.layout.camelot import CamelotSettings, lattice_tables, stream_tables
from pipeline.layout.ruled import ruled_tables
from pipeline.model.geometry import Word
from pipeline.model.table import Table
from pipeline.text.normalize import fold

PDFS = Path(__file__).resolve().parent.parent / "fixtures" / "pdfs"

# An unruled table made here, not from a report: four aligned columns of text,
# no lines, and a sentence of prose under it that is not part of the table.
UNRULED_ROWS = [
    ("item", "2023", "2024", "unit"),
    ("visitors", "1,200", "1,350", "people"),
    ("shops", "40", "42", "stores"),
    ("events", "7", "9", "times"),
]
PROSE = "A note below the table, in running prose that is not part of any grid."


def unruled_pdf(path: Path) -> Path:
    doc = pymupdf.open()
    page = doc.new_page(width=500, height=400)
    for r, row in enumerate(UNRULED_ROWS):
        for c, text in enumerate(row):
            page.insert_text((60 + 110 * c, 100 + 22 * r), text, fontsize=10)
    page.insert_text((60, 300), PROSE, fontsize=10)
    doc.save(path)
    return path


def ruled_pdf(path: Path, crop: pymupdf.Rect | None = None) -> Path:
    """A 3×3 grid ruled cell by cell as spreadsheets do, its top row one cell over columns 2-3.

    Each side of each cell is a path of its own, so shared borders are drawn
    twice. (Not `draw_rect`: its `re h S` reaches camelot's vector engine as a
    curve, and no grid is found.) `crop` sets a crop box, which moves pymupdf's
    origin away from the PDF's.
    """
    doc = pymupdf.open()
    page = doc.new_page(width=400, height=300)
    xs, ys = [50, 150, 250, 350], [50, 80, 110, 140]
    boxes = [(0, 0, 1, 1), (0, 1, 1, 3), *((r, c, r + 1, c + 1) for r in (1, 2) for c in range(3))]
    for top, left, bottom, right in boxes:
        corners = [(xs[left], ys[top]), (xs[right], ys[top]), (xs[right], ys[bottom])]
        corners += [(xs[left], ys[bottom]), (xs[left], ys[top])]
        for start, end in pairwise(corners):
            page.draw_line(start, end, width=0.5)
    for text, point in [
        ("item", (55, 70)),
        ("2024 plan", (160, 70)),
        ("visitors", (55, 100)),
        ("1,200", (160, 100)),
        ("1,350", (260, 100)),
        ("shops", (55, 130)),
        ("40", (160, 130)),
    ]:
        page.insert_text(point, text, fontsize=9)
    if crop is not None:
        page.set_cropbox(crop)
    doc.save(path)
    return path


def page_words(path: Path, number: int = 1) -> list[Word]:
    with pymupdf.open(path) as doc:
        return read_page(doc[number - 1]).words


def ruled(path: Path, number: int = 1) -> list[Table]:
    with pymupdf.open(path) as doc:
        page = doc[number - 1]
        return ruled_tables(page, read_page(page).words)


def spans(table: Table) -> set[tuple[int, int, int, int]]:
    return {(cell.row, cell.col, cell.rowspan, cell.colspan) for cell in table.cells}


def test_stream_finds_the_grid_of_aligned_text(tmp_path: Path) -> None:
    path = unruled_pdf(tmp_path / "unruled.pdf")
    (table,) = stream_tables(path, 1, page_words(path))
    assert table.strategy == "stream"
    assert table.dense() == [list(row) for row in UNRULED_ROWS]


def test_stream_leaves_the_prose_outside_the_table(tmp_path: Path) -> None:
    path = unruled_pdf(tmp_path / "unruled.pdf")
    (table,) = stream_tables(path, 1, page_words(path))
    assert all("prose" not in cell.text for cell in table.cells)
    assert table.quality.accuracy == 1.0
    assert table.quality.whitespace == 0.0


# A Japanese unruled table made here: a title just above it that runs across its
# columns, and a note far below. Camelot finds no text edges to bound it and
# takes the whole page as its area, so the note comes back as a last row.
JAPANESE_ROWS = [
    ["指標", "目標", "実績"],
    ["来館者数", "1,200人", "1,150人"],
    ["講座数", "12回", "9回"],
    ["相談件数", "300件", "280件"],
]
TITLE = "令和五年度の主な指標とその実績について"
NOTE = "本表は年度末時点の実績をまとめたものである。"


def japanese_pdf(path: Path) -> Path:
    doc = pymupdf.open()
    page = doc.new_page(width=500, height=400)
    page.insert_text((60, 78), TITLE, fontname="japan", fontsize=10)
    for r, row in enumerate(JAPANESE_ROWS):
        for c, text in enumerate(row):
            page.insert_text((60 + 140 * c, 100 + 22 * r), text, fontname="japan", fontsize=10)
    page.insert_text((60, 300), NOTE, fontname="japan", fontsize=10)
    doc.save(path)
    return path


def test_stream_cuts_off_a_note_far_below_the_table(tmp_path: Path) -> None:
    path = japanese_pdf(tmp_path / "japanese.pdf")
    (table,) = stream_tables(path, 1, page_words(path))
    assert table.dense()[1:] == JAPANESE_ROWS
    assert all(NOTE not in cell.text for cell in table.cells)


def test_stream_accuracy_counts_text_that_crosses_its_columns(tmp_path: Path) -> None:
    path = japanese_pdf(tmp_path / "japanese.pdf")
    (table,) = stream_tables(path, 1, page_words(path))
    assert TITLE in table.dense()[0]
    assert 0.9 < table.quality.accuracy < 1.0


def line_word(top: float) -> Word:
    return Word(fold("値"), "値", (10.0, top, 20.0, top + 10.0))


def test_row_blocks_cut_where_rows_stand_far_apart() -> None:
    xs, ys = [0.0, 100.0, 200.0], [0.0, 20.0, 40.0, 200.0, 220.0]
    words = [line_word(5), line_word(25), line_word(205)]
    assert row_blocks(xs, ys, words, row_gap=3.0) == [range(0, 3), range(3, 4)]
    assert row_blocks(xs, ys, words, row_gap=20.0) == [range(0, 4)]


def test_stream_makes_no_table_of_prose_alone(tmp_path: Path) -> None:
    doc = pymupdf.open()
    page = doc.new_page(width=500, height=400)
    for line in range(4):
        page.insert_text((60, 100 + 14 * line), PROSE, fontsize=10)
    path = tmp_path / "prose.pdf"
    doc.save(path)
    assert stream_tables(path, 1, page_words(path)) == []


def test_lattice_gives_the_ruled_readers_grid(tmp_path: Path) -> None:
    path = ruled_pdf(tmp_path / "ruled.pdf")
    (found,) = lattice_tables(path, 1, page_words(path))
    (expected,) = ruled(path)
    assert found.strategy == "lattice"
    assert found.column_edges == pytest.approx(expected.column_edges, abs=0.5)
    assert found.row_edges == pytest.approx(expected.row_edges, abs=0.5)
    assert spans(found) == spans(expected)
    assert found.dense() == expected.dense()


def test_lattice_quality_matches_the_ruled_readers(tmp_path: Path) -> None:
    path = ruled_pdf(tmp_path / "ruled.pdf")
    (found,) = lattice_tables(path, 1, page_words(path))
    (expected,) = ruled(path)
    assert found.quality == expected.quality


@pytest.mark.parametrize("crop", [None, pymupdf.Rect(20, 10, 380, 290)])
def test_cells_are_in_pymupdfs_space(tmp_path: Path, crop: pymupdf.Rect | None) -> None:
    path = ruled_pdf(tmp_path / "ruled.pdf", crop)
    (table,) = lattice_tables(path, 1, page_words(path))
    assert table.bbox == pytest.approx(ruled(path)[0].bbox, abs=0.5)
    placed = [(word, cell) for cell in table.cells for word in cell.words]
    assert len(placed) == 8
    for word, cell in placed:
        x, y = (word.bbox[0] + word.bbox[2]) / 2, (word.bbox[1] + word.bbox[3]) / 2
        assert cell.bbox[0] <= x <= cell.bbox[2]
        assert cell.bbox[1] <= y <= cell.bbox[3]


def test_lattice_agrees_with_ruled_on_a_wide_fixture_grid() -> None:
    """A3 page of 16×19 with row merges and a two-level header (akiruno replica, page 1)."""
    path = PDFS / "akiruno-r7-shokogyo.pdf"
    found = lattice_tables(path, 1, page_words(path))
    expected = ruled(path)
    assert [t.shape for t in found] == [t.shape for t in expected]
    assert spans(found[0]) == spans(expected[0])


@pytest.mark.parametrize(
    "options",
    [
        {"engine": "pdfium"},
        {"line_tol": -1},
        {"edge_tol": -5},
        {"row_gap": 0},
        {"min_rows": 0},
        {"min_cols": 0},
    ],
)
def test_settings_are_validated(options: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        CamelotSettings(**options)  # type: ignore[arg-type]
