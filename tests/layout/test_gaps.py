"""Tab-set tables without rules: a stream column split where its words stand apart, and a
second aligned block below the first read as a table of its own. Made here, not from a report."""

from pathlib import Path

import pymupdf
import pytest

from pipeline.ingest.pages import read_page
from pipeline.layout.gaps import column_splits, split_grid
from pipeline.layout.strategies import LayoutSettings, tabular_areas, text_tables
from pipeline.model.geometry import Word
from pipeline.model.table import Table

H = 10.0  # points: the made-up words' height; one character is H wide


def word(text: str, x: float, row: int) -> Word:
    top = 100.0 + 20.0 * row
    return Word(text, text, (x, top, x + H * len(text), top + H))


ROW_EDGES = [95.0, 115.0, 135.0, 155.0]


def gapped_pair(second: float) -> list[Word]:
    """Two rows of two words, the second word of each at x=`second`."""
    return [
        word("基準", 120, 0),
        word("目標", second, 0),
        word("12", 120, 1),
        word("15", second, 1),
    ]


@pytest.mark.parametrize(
    ("words", "splits"),
    [
        # Two rows print a second word at x=200 after a wide gap: split just before it.
        (gapped_pair(200), [199]),
        # One row only: no evidence.
        ([word("基準", 120, 0), word("目標", 200, 0), word("12", 120, 1)], []),
        # A word of the column crosses the split: one text, no split.
        (
            [*gapped_pair(200), word("整備済み区画数", 130, 2)],
            [],
        ),
        # The gap is narrower than two characters: two words of one text.
        (gapped_pair(150), []),
    ],
)
def test_a_column_splits_where_words_of_two_rows_start_after_a_gap(
    words: list[Word], splits: list[float]
) -> None:
    assert column_splits([50.0, 110.0, 300.0], ROW_EDGES, words) == splits


def test_a_split_column_repeats_camelot_s_cells() -> None:
    edges, grid = split_grid([0.0, 10.0, 30.0], [["a", "b"], ["c", "d"]], [20.0])
    assert edges == [0.0, 10.0, 20.0, 30.0]
    assert grid == [["a", "b", "b"], ["c", "d", "d"]]


def _table(top: float, bottom: float) -> Table:
    return Table(1, (50.0, top, 400.0, bottom), [50.0, 400.0], [top, bottom], [], "stream")


def gapped(row: int, *texts: str) -> list[Word]:
    return [word(text, 60.0 + 100.0 * i, row) for i, text in enumerate(texts)]


def test_aligned_lines_outside_the_tables_found_are_an_area_of_their_own() -> None:
    words = gapped(0, "指標", "基準", "目標") + gapped(1, "交流人口", "12", "15")
    words += [*gapped(2, "空き家", "3", "5"), word("総合計画の進捗を毎年度公表する。", 60, 3)]
    words += gapped(5, "指標", "基準", "目標") + gapped(6, "参加者数", "40", "60")
    words += gapped(7, "相談件数", "8", "9")
    found = [_table(135.0, 190.0)]  # holds rows 2 and 3 (tops 140 and 160)
    # rows 0-1 above the table are two gapped lines only; rows 5-7 below are three
    assert tabular_areas(words, found, 3) == [(58.0, 198.0, 282.0, 252.0)]


GAP = " " * 5  # five spaces: one text line to pdfminer, two words to pymupdf


def tab_set_pdf(path: Path) -> Path:
    """Columns set with runs of spaces: the first two value columns of each line are one string."""
    doc = pymupdf.open()
    page = doc.new_page(width=560, height=400)
    rows = [
        ("指標名", f"基準値{GAP}目標値", "目標値"),
        ("図書館の貸出冊数", f"410{GAP}450", "480"),
        ("路線バスの利用者数", f"2.1{GAP}2.4", "2.6"),
        ("公民館の利用件数", f"960{GAP}990", "999"),
    ]
    for r, row in enumerate(rows):
        for x, text in zip((60, 230, 390), row, strict=True):
            page.insert_text((x, 60 + 16 * r), text, fontsize=9, fontname="japan")
    doc.save(path)
    return path


def test_columns_set_with_spaces_are_read_apart(tmp_path: Path) -> None:
    path = tab_set_pdf(tmp_path / "tab-set.pdf")
    with pymupdf.open(path) as doc:
        (table,) = text_tables(doc[0], read_page(doc[0]).words, LayoutSettings())
    assert table.dense() == [
        ["指標名", "基準値", "目標値", "目標値"],
        ["図書館の貸出冊数", "410", "450", "480"],
        ["路線バスの利用者数", "2.1", "2.4", "2.6"],
        ["公民館の利用件数", "960", "990", "999"],
    ]
