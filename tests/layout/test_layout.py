"""The layout stage's choice of strategy: ruled first, camelot only where that is not enough."""

from dataclasses import replace
from pathlib import Path

import pymupdf
import pytest

from pipeline.layout.pages import layout_document
from pipeline.layout.strategies import LayoutSettings, best_of, looks_tabular
from pipeline.model.geometry import Word
from pipeline.model.table import Table, TableQuality
from pipeline.text.normalize import fold

ROWS = [["指標", "目標", "実績"], ["来館者数", "1,200人", "1,150人"], ["講座数", "12回", "9回"]]


def unruled_pdf(path: Path) -> Path:
    """Three aligned columns with no ruling, above a line of prose (made here)."""
    doc = pymupdf.open()
    page = doc.new_page(width=500, height=400)
    for r, row in enumerate(ROWS):
        for c, text in enumerate(row):
            page.insert_text((60 + 140 * c, 100 + 22 * r), text, fontname="japan", fontsize=10)
    page.insert_text((60, 300), "本表は年度末時点の実績をまとめたものである。", fontname="japan")
    doc.save(path)
    return path


def test_an_unruled_table_is_read_by_stream(tmp_path: Path) -> None:
    layout = layout_document(unruled_pdf(tmp_path / "unruled.pdf"))
    assert [t.strategy for t in layout.tables] == ["stream"]
    assert layout.tables[0].dense() == ROWS


def test_a_page_of_prose_has_no_table(tmp_path: Path) -> None:
    doc = pymupdf.open()
    page = doc.new_page(width=500, height=400)
    for i in range(6):
        page.insert_text(
            (60, 80 + 20 * i), "市内の事業者と連携して取組を進めた。" * 2, fontname="japan"
        )
    doc.save(tmp_path / "prose.pdf")
    assert layout_document(tmp_path / "prose.pdf").tables == []


def word(x: float, y: float, text: str = "値") -> Word:
    return Word(fold(text), text, (x, y, x + 10, y + 10))


def test_looks_tabular_needs_gapped_lines() -> None:
    gapped = [word(x, y) for y in (0, 20, 40) for x in (0, 100, 200)]
    assert looks_tabular(gapped, 3)
    assert not looks_tabular(gapped[:6], 3)  # two lines are not enough
    prose = [word(x, y) for y in (0, 20, 40) for x in (0, 12, 24)]
    assert not looks_tabular(prose, 3)


def table(bbox: tuple[float, float, float, float], score: float, strategy: str) -> Table:
    quality = TableQuality(accuracy=score, whitespace=0.0)
    return Table(1, bbox, [bbox[0], bbox[2]], [bbox[1], bbox[3]], [], strategy, quality)


def test_best_of_keeps_the_better_reading_of_each_table() -> None:
    weak = table((0, 0, 100, 100), 0.5, "ruled")
    sound = table((0, 200, 100, 300), 0.95, "ruled")
    better = table((2, 2, 98, 98), 0.9, "lattice")
    worse = table((0, 198, 100, 300), 0.6, "lattice")
    extra = table((0, 400, 100, 500), 0.8, "lattice")
    chosen = best_of([weak, sound], [better, worse, extra])
    assert chosen == [better, sound, extra]


def test_settings_are_checked() -> None:
    try:
        LayoutSettings(min_quality=2)
    except ValueError as error:
        assert "min_quality" in str(error)
    else:
        raise AssertionError("min_quality=2 was accepted")


PDFS = Path(__file__).resolve().parent.parent / "fixtures" / "pdfs"


def test_a_table_below_the_quality_floor_gets_camelots_second_opinion(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[int] = []

    def lattice(path: Path, page: int, words: object, settings: object) -> list[Table]:
        asked.append(page)
        better = table((0, 0, 595, 842), 1.0, "lattice")  # a better reading over the page
        return [replace(better, page=page)]

    monkeypatch.setattr("pipeline.layout.strategies.lattice_tables", lattice)
    pdf = PDFS / "sanyo-onoda-r3-kpi.pdf"  # its ruled tables score 0.83 to 0.94
    ruled = layout_document(pdf, LayoutSettings(min_quality=0.5)).tables
    assert {t.strategy for t in ruled} == {"ruled"}
    assert asked == []
    weak_pages = sorted({t.page for t in ruled if t.quality.score < 0.9})
    assert weak_pages, "some page holds a table below 0.9"
    chosen = layout_document(pdf, LayoutSettings(min_quality=0.9)).tables
    assert asked == weak_pages
    assert {t.page for t in chosen if t.strategy == "lattice"} == set(weak_pages)


def test_a_document_opened_again_between_pages_reads_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Closing and opening a document again to free its fonts changes nothing it reads."""
    path = Path(__file__).parent.parent / "fixtures" / "pdfs" / "kodaira-r2-sangyo.pdf"
    once = layout_document(path)
    monkeypatch.setattr("pipeline.layout.pages.FONTS_OPEN", 1)
    assert layout_document(path).pages == once.pages
    assert len(once.pages) == 10
