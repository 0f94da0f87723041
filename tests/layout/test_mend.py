"""The mend stage on whole tables: units by column, merged cells in every slot, order of repairs."""

from dataclasses import replace
from pathlib import Path

from pipeline.layout.pages import layout_document
from pipeline.layout.repair.mend import mend_table, resolve_units
from pipeline.model.geometry import Word, cell_texts
from pipeline.model.table import Cell, Table
from pipeline.text.normalize import fold
from pipeline.text.vocabulary import known_units

PDFS = Path(__file__).resolve().parent.parent / "fixtures" / "pdfs"


def value_cell(row: int, *lines: str) -> Cell:
    """A cell of one column holding the given printed lines, one word each."""
    words = [
        Word(fold(line), line, (100.0, 20.0 * row + 10 * i, 180.0, 20.0 * row + 10 * i + 8))
        for i, line in enumerate(lines)
    ]
    raw, text = cell_texts(words)
    return Cell(row, 0, (95.0, 20.0 * row, 185.0, 20.0 * row + 20), words=words, raw=raw, text=text)


def column(*cells: Cell) -> Table:
    rows = [20.0 * r for r in range(len(cells) + 1)]
    return Table(1, (95.0, 0.0, 185.0, rows[-1]), [95.0, 185.0], rows, list(cells), "t")


def test_a_misread_unit_takes_its_columns_unit_and_keeps_its_raw_text() -> None:
    table = column(value_cell(0, "12 施設"), value_cell(1, "15 施設"), value_cell(2, "9 施没"))
    mended = resolve_units(table, known_units())
    assert [c.text for c in mended.cells] == ["12施設", "15施設", "9施設"]
    assert mended.cells[2].raw == "9 施没"
    assert mended.cells[2].words[0].raw == "9 施没"


def test_a_column_of_mixed_units_is_left_as_printed() -> None:
    table = column(value_cell(0, "12 件"), value_cell(1, "15 人"), value_cell(2, "9 入"))
    assert [c.text for c in resolve_units(table, known_units()).cells] == ["12件", "15人", "9入"]


def test_mend_table_rejoins_numbers_after_units() -> None:
    table = column(
        value_cell(0, "1, 200 件"),
        value_cell(1, "1, 300 件"),
        value_cell(2, "(+1, 000)", "2, 200 伴"),
    )
    mended = mend_table(table, known_units())
    assert [c.text for c in mended.cells] == ["1,200件", "1,300件", "(+1,000) 2,200件"]


def kpi_tables(doc: str) -> list[Table]:
    return [t for t in layout_document(PDFS / f"{doc}.pdf").tables if t.shape[1] == 7]


def test_fixture_unit_misread_resolved_against_its_column() -> None:
    second = kpi_tables("sanyo-onoda-r3-kpi")[1].dense()
    column = [row[5] for row in second]
    assert "1事業体1事業体" in column
    assert not any("争未件" in text for text in column)


def test_fixture_merged_cells_fill_every_row_they_span() -> None:
    table = next(t for t in layout_document(PDFS / "akiruno-r7-shokogyo.pdf").tables)
    rows = table.dense()
    spans = [c for c in table.cells if c.col in (0, 1) and c.rowspan > 1 and c.row >= 2]
    assert spans, "the direction and measure columns hold merged cells"
    for merged in spans:
        for r in range(merged.row, merged.row + merged.rowspan):
            assert rows[r][merged.col] == merged.text != ""


def test_a_unit_read_a_character_a_word_is_resolved_whole() -> None:
    """OCR reads `1 争 未 件` as four words; the unit spans the last three."""
    glyphs = ["1", "争", "未", "件"]
    words = [Word(g, g, (100.0 + 10 * i, 50.0, 108.0 + 10 * i, 58.0)) for i, g in enumerate(glyphs)]
    raw, text = cell_texts(words)
    misread = Cell(2, 0, (95.0, 40.0, 185.0, 60.0), words=words, raw=raw, text=text)
    table = column(value_cell(0, "0 事業体"), value_cell(1, "2 事業体"), misread)
    mended = resolve_units(table, known_units()).cells[2]
    assert mended.text == "1事業体"
    assert mended.raw == "1 争 未 件"
    assert [w.raw for w in mended.words] == ["1", "争未件"]


def test_era_label_and_kana_misreadings_are_mended_only_in_text_read_by_ocr() -> None:
    read = ["信和5年度", "実針", "ボイント", "少なし1。"]
    cells = [value_cell(row, text) for row, text in enumerate(read)]
    typed = mend_table(column(*cells), known_units())
    assert [c.text for c in typed.cells] == read  # a typed page means it
    scanned = mend_table(replace(column(*cells), strategy="ocr"), known_units())
    assert [c.text for c in scanned.cells] == ["令和5年度", "実績", "ポイント", "少ない。"]
