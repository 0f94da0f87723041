"""Text that runs across an inner border: merged when it does, left alone when it does not."""

import dataclasses
from pathlib import Path

from pipeline.layout.pages import layout_document
from pipeline.layout.repair.spill import mend_spills
from pipeline.model.geometry import Word, cell_texts
from pipeline.model.table import Cell, Table
from pipeline.text.normalize import fold

PDFS = Path(__file__).resolve().parent.parent / "fixtures" / "pdfs"
SIZE = 8.0  # points: the made-up cells' font size; one character is SIZE wide


def word(text: str, x: float, y: float) -> Word:
    """A word set at x, y with square characters, as Japanese type is."""
    return Word(fold(text), text, (x, y, x + SIZE * len(text), y + SIZE))


def cell(col: int, x0: float, x1: float, *words: Word, row: int = 0) -> Cell:
    raw, text = cell_texts(words)
    return Cell(row, col, (x0, 100.0, x1, 140.0), words=list(words), raw=raw, text=text)


def table(*cells: Cell) -> Table:
    edges = sorted({c.bbox[0] for c in cells} | {c.bbox[2] for c in cells})
    return Table(1, (edges[0], 100.0, edges[-1], 140.0), edges, [100.0, 140.0], list(cells), "t")


def test_a_word_crossing_the_border_spans_both_cells() -> None:
    # a header centred over two columns, its word centre in the left one
    header = word("年間利用者数の推移", 150, 104)  # 150 to 222
    mended = mend_spills(table(cell(0, 100, 200, header), cell(1, 200, 300)))
    assert [(c.col, c.colspan, c.text) for c in mended.cells] == [(0, 2, "年間利用者数の推移")]
    assert mended.dense() == [["年間利用者数の推移", "年間利用者数の推移"]]


def test_two_lone_figures_stay_two_cells_though_a_misread_mark_crosses_between() -> None:
    left = cell(0, 100, 200, word("1,330,000", 120, 104), word("央因", 190, 114))  # 190 to 206
    right = cell(1, 200, 300, word("1,500,000", 220, 104), word("人", 280, 114))
    mended = mend_spills(table(left, right))
    assert [(c.col, c.colspan) for c in mended.cells] == [(0, 1), (1, 1)]


def test_a_name_crossing_into_a_figure_s_cell_still_spans_both() -> None:
    left = cell(0, 100, 200, word("市民活動支援事業費", 140, 114))  # 140 to 212
    right = cell(1, 200, 300, word("1,500,000", 220, 104))
    assert [(c.col, c.colspan) for c in mend_spills(table(left, right)).cells] == [(0, 2)]


def test_a_line_cut_at_the_border_is_rejoined_line_by_line() -> None:
    # two lines cut at x=200, the left parts pushed against the border
    left = cell(0, 100, 200, word("市民活動セン", 150, 104), word("数", 150, 116))
    right = cell(1, 200, 300, word("ンター登録団体", 204, 104))
    mended = mend_spills(table(left, right))
    assert len(mended.cells) == 1
    merged = mended.cells[0]
    assert merged.colspan == 2
    assert merged.text == "市民活動センター登録団体数"  # the doubled ン dropped
    assert merged.raw == "市民活動セン ンター登録団体\n数"  # raw keeps what was printed
    assert merged.bbox == (100, 100, 300, 140)


def test_two_paragraphs_side_by_side_stay_two_cells() -> None:
    # each starts at its own cell's left edge: two texts, even on one baseline
    left = cell(0, 100, 200, word("講座を開催し", 103, 104), word("た。", 103, 116))
    right = cell(1, 200, 300, word("参加者は増加", 203, 104))
    mended = mend_spills(table(left, right))
    assert [c.text for c in mended.cells] == ["講座を開催した。", "参加者は増加"]


def test_a_label_centred_in_its_cell_beside_text_is_no_cut() -> None:
    # 区分名 about centred in 100–140 (from 109 to 133), the next cell's text set close
    left = cell(0, 100, 140, word("区分名", 109, 104))
    right = cell(1, 140, 300, word("年間来場者数", 143, 104))
    assert [c.text for c in mend_spills(table(left, right)).cells] == ["区分名", "年間来場者数"]


def test_a_right_aligned_value_beside_text_is_no_cut() -> None:
    left = cell(0, 100, 200, word("1,200", 155, 104), word("件", 189, 104))
    right = cell(1, 200, 300, word("増加した", 203, 104))
    assert len(mend_spills(table(left, right)).cells) == 2


def test_cells_of_different_rows_are_never_merged() -> None:
    upper = cell(0, 100, 200, word("市民活動セン", 150, 104))
    lower = cell(1, 200, 300, word("ンター", 204, 104), row=1)
    assert len(mend_spills(table(upper, lower)).cells) == 2


def test_a_word_reaching_back_over_an_empty_cell_spans_it_and_the_cell_before() -> None:
    # a note line across three columns, its centre in the third; the middle cell is empty
    first = cell(0, 100, 200, word("注", 110, 116))
    note = word("算定方法は毎年度の市民アンケートによる", 110, 104)  # 110 to 270
    mended = mend_spills(table(first, cell(1, 200, 240), cell(2, 240, 300, note)))
    assert [(c.col, c.colspan) for c in mended.cells] == [(0, 3)]


def stream_table(*cells: Cell) -> Table:
    return dataclasses.replace(table(*cells), strategy="stream")


def test_in_a_stream_table_a_text_at_its_column_s_tab_stop_is_not_pushed() -> None:
    # two value phrases set at tab stops, the gap between them narrower than a character;
    # camelot's column edge lies in that gap, far right of where the column's text starts
    def row(r: int) -> list[Cell]:
        return [
            cell(0, 100, 200, word("据え置き", 166, 104 + r), row=r),
            cell(1, 200, 300, word("据え置き", 205, 104 + r), row=r),
        ]

    rows = row(0) + row(1)
    assert len(mend_spills(stream_table(*rows)).cells) == 4
    # in a ruled table the same print is a line cut at the border
    assert len(mend_spills(table(*row(0))).cells) == 1


def kpi_headers(doc: str) -> list[list[str]]:
    """The first row of every 7-column KPI grid of a fixture, after the layout stage."""
    tables = layout_document(PDFS / f"{doc}.pdf").tables
    return [t.dense()[0] for t in tables if t.shape[1] == 7]


def test_fixture_header_cut_at_a_border_gets_its_true_span() -> None:
    first = kpi_headers("sanyo-onoda-r3-kpi")[0]
    assert first[3] == first[4] == "きららガラス未来館の来客数"
    assert first[1] == first[2] == "ブランド化したガラス商品の販売額"


def test_a_line_stream_took_in_from_above_does_not_set_its_column_s_tab_stop() -> None:
    # a running head starts far left of the column's tab stop; the header cells below
    # start at the stop, so the header beside its neighbour is not pushed against it
    head = cell(0, 100, 200, word("附属資料", 104, 104), row=0)

    def row(r: int) -> list[Cell]:
        return [
            cell(0, 100, 200, word("指標の意味", 156, 104 + 20 * r), row=r),
            cell(1, 200, 300, word("設定理由", 205, 104 + 20 * r), row=r),
        ]

    mended = mend_spills(stream_table(head, *row(1), *row(2)))
    assert len(mended.cells) == 5
