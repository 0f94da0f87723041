"""Ruled tables rebuilt from drawings: edges, merged cells, words placed in their cells."""

import random
from pathlib import Path

import pymupdf
import pytest

from pipeline.ingest.pages import read_page
from pipeline.layout.ruled import fill_cells, ruled_tables
from pipeline.model.geometry import DisjointSets, Word, text_lines, touch
from pipeline.model.grid import RuledSettings, cluster, group_segments
from pipeline.model.table import Cell, Table

PDFS = Path(__file__).resolve().parent.parent / "fixtures" / "pdfs"


def draw_grid(page: pymupdf.Page, xs: list[float], ys: list[float], merged: set[tuple]) -> None:
    """Rule a grid; `merged` holds (row, col) slots whose right border is left out."""
    shape = page.new_shape()
    for y in (ys[0], ys[-1]):
        shape.draw_line((xs[0], y), (xs[-1], y))
    for y in ys[1:-1]:
        shape.draw_line((xs[0], y), (xs[-1], y))
    for c, x in enumerate(xs):
        for r in range(len(ys) - 1):
            if c == 0 or c == len(xs) - 1 or (r, c - 1) not in merged:
                shape.draw_line((x, ys[r]), (x, ys[r + 1]))
    shape.finish(width=0.5)
    shape.commit()


def crafted_page() -> pymupdf.Page:
    """A 3×3 grid, its top row one cell over the last two columns (made here, not from a report)."""
    doc = pymupdf.open()
    page = doc.new_page(width=400, height=300)
    xs, ys = [50.0, 150.0, 250.0, 350.0], [50.0, 80.0, 110.0, 140.0]
    draw_grid(page, xs, ys, merged={(0, 1)})
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
    return page


def crafted_table() -> Table:
    page = crafted_page()
    (table,) = ruled_tables(page, read_page(page).words)
    return table


def test_crafted_grid_has_its_shape() -> None:
    table = crafted_table()
    assert table.shape == (3, 3)
    assert table.column_edges == pytest.approx([50, 150, 250, 350])


def test_missing_inner_border_makes_a_merged_cell() -> None:
    table = crafted_table()
    header = next(cell for cell in table.cells if cell.row == 0 and cell.col == 1)
    assert (header.rowspan, header.colspan) == (1, 2)
    assert len(table.cells) == 8


def test_words_land_in_their_cells() -> None:
    assert crafted_table().dense() == [
        ["item", "2024 plan", "2024 plan"],
        ["visitors", "1,200", "1,350"],
        ["shops", "40", ""],
    ]


def test_quality_report_counts_placed_words_and_empty_cells() -> None:
    quality = crafted_table().quality
    assert quality.accuracy == 1.0
    assert quality.whitespace == pytest.approx(1 / 8)


def test_a_page_without_ruling_has_no_ruled_table() -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((50, 50), "prose only", fontsize=9)
    assert ruled_tables(page, read_page(page).words) == []


@pytest.mark.parametrize(
    ("values", "merged"),
    [([1.0, 1.5, 10.0], [1.25, 10.0]), ([0.0, 3.0, 6.0], [0.0, 3.0, 6.0]), ([], [])],
)
def test_cluster(values: list[float], merged: list[float]) -> None:
    assert cluster(values, snap=2.0) == pytest.approx(merged)


def test_text_lines_orders_words_top_to_bottom_left_to_right() -> None:
    page = crafted_page()
    words = [w for w in read_page(page).words if w.bbox[1] > 85]
    lines = text_lines(words)
    assert [[w.text for w in line] for line in lines] == [
        ["visitors", "1,200", "1,350"],
        ["shops", "40"],
    ]


def _all_pairs(segments: list[tuple[float, float, float, float]]) -> list[list[tuple]]:
    """The grouping by its definition: every pair of segments tested."""
    sets = DisjointSets(range(len(segments)))
    for i, a in enumerate(segments):
        for j in range(i + 1, len(segments)):
            if touch(a, segments[j], 2.0):
                sets.union(i, j)
    return [[segments[i] for i in group] for group in sets.groups()]


def test_segments_are_grouped_as_testing_every_pair_groups_them() -> None:
    spread = random.Random(15)
    segments = []
    for _ in range(300):
        x, y, length = spread.uniform(0, 600), spread.uniform(0, 800), spread.uniform(3, 120)
        across = spread.random() < 0.5
        segments.append((x, y, x + length, y) if across else (x, y, x, y + length))
    assert group_segments(segments, 2.0) == _all_pairs(segments)


def test_segments_meeting_within_snap_are_one_group() -> None:
    segments = [(0.0, 0.0, 100.0, 0.0), (101.5, 0.0, 101.5, 50.0), (300.0, 0.0, 400.0, 0.0)]
    assert group_segments(segments, 2.0) == [segments[:2], segments[2:]]


def test_a_word_centred_on_a_shared_border_is_in_both_cells() -> None:
    left, right = Cell(0, 0, (0.0, 0.0, 50.0, 20.0)), Cell(0, 1, (50.0, 0.0, 100.0, 20.0))
    words = [
        Word("b", "b", (60.0, 5.0, 70.0, 15.0)),
        Word("edge", "edge", (40.0, 5.0, 60.0, 15.0)),
        Word("a", "a", (10.0, 5.0, 20.0, 15.0)),
    ]
    assert fill_cells([left, right], words) == 4
    assert [w.text for w in left.words] == ["edge", "a"]
    assert [w.text for w in right.words] == ["b", "edge"]


def test_settings_are_validated() -> None:
    with pytest.raises(ValueError):
        RuledSettings(snap=0)


def fixture_tables(name: str, page: int) -> list[Table]:
    with pymupdf.open(PDFS / f"{name}.pdf") as doc:
        return ruled_tables(doc[page - 1], read_page(doc[page - 1]).words)


def test_wide_grid_with_row_merges_and_two_level_header() -> None:
    grid = fixture_tables("akiruno-r7-shokogyo", 1)[0]
    assert grid.shape == (16, 19)
    first_column = {cell.rowspan for cell in grid.cells if cell.col == 0 and cell.row >= 2}
    assert first_column == {6, 4}
    year = next(cell for cell in grid.cells if cell.row == 0 and cell.col == 7)
    assert year.colspan == 3


def test_header_split_at_a_border_lands_in_the_two_cells_it_crosses() -> None:
    """The ruled stage reports the grid as drawn; rejoining the header is repair's job."""
    kpi = fixture_tables("sanyo-onoda-r3-kpi", 1)[1]
    assert kpi.shape == (8, 7)
    assert all(cell.colspan == 1 for cell in kpi.cells)
    assert kpi.dense()[0][3:5] == ["きららガラス客数", "ス未来館の来"]
    assert kpi.dense()[2][1:] == ["0円", "0円", "12,672人", "12,672人", "0個", "0個"]


def test_every_word_of_a_replica_grid_finds_a_cell() -> None:
    for table in fixture_tables("tsukuba-r2-kpi", 1):
        assert table.quality.accuracy == 1.0


def test_a_border_stroked_twice_counts_once() -> None:
    """Two strokes over the same 40% of an edge do not make a border."""
    doc = pymupdf.open()
    page = doc.new_page(width=300, height=200)
    shape = page.new_shape()
    for y in (20.0, 60.0, 100.0):
        shape.draw_line((20, y), (220, y))
    for x in (20.0, 220.0):
        shape.draw_line((x, 20), (x, 100))
    for _ in range(2):
        shape.draw_line((120, 20), (120, 36))
    shape.draw_line((120, 60), (120, 100))
    shape.finish(width=0.5)
    shape.commit()
    (table,) = ruled_tables(page, [])
    top = next(cell for cell in table.cells if cell.row == 0)
    assert top.colspan == 2


def test_cells_drawn_as_closed_four_line_paths_make_a_grid() -> None:
    """Some spreadsheet exports stroke each cell as `m l l l l`; pymupdf calls that a quad."""
    doc = pymupdf.open()
    page = doc.new_page(width=400, height=300)
    shape = page.new_shape()
    for x0, x1 in ((40, 160), (160, 280)):
        for y0, y1 in ((60, 80), (80, 100)):
            shape.draw_polyline([(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)])
    shape.finish(width=0.5, closePath=True)
    shape.commit()
    assert {item[0] for path in page.get_drawings() for item in path["items"]} == {"qu"}
    assert [table.shape for table in ruled_tables(page, read_page(page).words)] == [(2, 2)]
