"""Repair kinds seen on the fixtures after the whole layout stage; crafted cases are beside each."""

import re
from functools import cache
from pathlib import Path

from pipeline.layout.pages import layout_document
from pipeline.model.table import Table
from pipeline.understand.reading import header_paths

# A space with a kana or kanji on either side: one that layout invented.
BESIDE_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff] | [\u3040-\u30ff\u4e00-\u9fff]")
PDFS = Path(__file__).resolve().parent.parent / "fixtures" / "pdfs"


@cache
def tables(doc: str) -> tuple[Table, ...]:
    return tuple(layout_document(PDFS / f"{doc}.pdf").tables)


def texts(doc: str) -> list[str]:
    return [text for table in tables(doc) for row in table.dense() for text in row]


def test_numbers_broken_by_ocr_spaces_are_rejoined() -> None:
    cells = texts("sanyo-onoda-r3-kpi")
    assert "134,280円(+134,280)" in cells
    assert "1,117,438人(+25,000)" in cells
    assert "74.3%" in cells
    assert not any(", " in text and text[0].isdigit() for text in cells)


def test_wrapped_cell_text_is_joined_without_invented_spaces() -> None:
    cells = texts("kodaira-r2-sangyo")
    wrapped = [c for t in tables("kodaira-r2-sangyo") for c in t.cells if "\n" in c.raw]
    assert wrapped, "some cells wrap over lines"
    for cell in wrapped:
        assert "\n" not in cell.text
        assert not BESIDE_JAPANESE.search(cell.text), cell.raw
    assert any("ICT活用" in text for text in cells)


def test_two_level_header_becomes_header_paths() -> None:
    grid = next(t for t in tables("akiruno-r7-shokogyo") if t.shape == (16, 19)).dense()
    paths = header_paths(grid[:2])
    assert paths[0] == "方向性"
    assert paths[7] == "令和5年度 / 年間目標"
    assert paths[9] == "令和5年度 / 評価"
