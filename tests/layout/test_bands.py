"""Which printed lines of a stream table are one row: rules under rows, or the space left
between rows. Tables drawn here, not taken from a report."""

from pathlib import Path

import pymupdf
import pytest

from pipeline.ingest.pages import read_page
from pipeline.layout.bands import rows_above_rules, rule_bands, spacing_bands
from pipeline.layout.strategies import LayoutSettings, text_tables
from pipeline.model.geometry import Word

XS = [50.0, 200.0, 300.0, 400.0]


def word(text: str, top: float, left: float = 60.0, height: float = 10.0) -> Word:
    return Word(text, text, (left, top, left + 40.0, top + height))


@pytest.mark.parametrize(
    ("row_edges", "rules", "bands"),
    [
        # Rules at 100, 140, 180: rows 0-1 are one, rows 2-3 another.
        ([100, 120, 140, 160, 180], [100, 140, 180], [1, 1, 2, 2]),
        # The rule under the last row lies below the last line stream saw.
        ([100, 120, 140, 160, 180, 200, 215], [100, 140, 180, 220], [1, 1, 2, 2, 3, 3]),
        # A row above the first rule (a caption stream took in) is a band of its own.
        ([80, 100, 120, 140, 160, 180], [100, 140, 180], [-1, 1, 1, 2, 2]),
        # Two rules only: no evidence, the rows stay as stream read them.
        ([100, 120, 140, 160, 180], [100, 180], None),
    ],
)
def test_rows_between_two_rules_are_one(
    row_edges: list[float], rules: list[float], bands: list[int] | None
) -> None:
    segments = [(XS[0], y, XS[-1], y) for y in rules]
    assert rule_bands(XS, row_edges, segments, 0.9) == bands


def test_a_rule_that_does_not_cross_the_table_is_no_row_border() -> None:
    short = [(XS[0], y, XS[0] + 60.0, y) for y in (100.0, 140.0, 180.0)]
    assert rule_bands(XS, [100, 120, 140, 160, 180], short, 0.9) is None


@pytest.mark.parametrize(
    ("tops", "bands"),
    [
        # Lines 4 pt apart wrap one row; 12 pt apart start the next.
        ([100, 114, 136, 158, 172], [1, 1, 2, 3, 3]),
        # Evenly spaced lines say nothing: every line stays a row.
        ([100, 114, 128, 142], None),
        ([100, 122, 144, 166], None),
    ],
)
def test_lines_closer_than_a_rows_spacing_are_one_row(
    tops: list[float], bands: list[int] | None
) -> None:
    words = [word(f"w{i}", top) for i, top in enumerate(tops)]
    edges = [top - 1.0 for top in tops] + [tops[-1] + 11.0]
    assert spacing_bands(XS, edges, words, 0.6, 1.0) == bands


def test_a_table_ruled_under_each_row_only_reads_one_row_per_indicator(tmp_path: Path) -> None:
    """Names and values wrap over two lines; only horizontal rules are drawn."""
    doc = pymupdf.open()
    page = doc.new_page(width=500, height=400)
    rows = [
        (("Indicator",), ("Baseline",), ("Target",)),
        (("Library visitors", "per year"), ("1,200", "(2019)"), ("1,500", "(2025)")),
        (("Recycled waste", "share"), ("31%", "(2019)"), ("40%", "(2025)")),
        (("Shops opened",), ("12", "(2020)"), ("30", "(2025)")),
    ]
    top = 60.0
    for row in rows:
        page.draw_line((50, top), (450, top), width=0.5)
        height = 14.0 * max(len(cell) for cell in row) + 8.0
        for column, cell in enumerate(row):
            for line, text in enumerate(cell):
                page.insert_text((60 + 150 * column, top + 16 + 14 * line), text, fontsize=10)
        top += height
    page.draw_line((50, top), (450, top), width=0.5)
    path = tmp_path / "rules-only.pdf"
    doc.save(path)
    with pymupdf.open(path) as reopened:
        tables = text_tables(reopened[0], read_page(reopened[0]).words, LayoutSettings())
    assert len(tables) == 1
    rows: dict[int, list[str]] = {}
    for cell in sorted(tables[0].cells, key=lambda cell: (cell.row, cell.col)):
        rows.setdefault(cell.row, []).append(cell.text)
    assert list(rows.values()) == [
        ["Indicator", "Baseline", "Target"],
        ["Library visitors per year", "1,200 (2019)", "1,500 (2025)"],
        ["Recycled waste share", "31% (2019)", "40% (2025)"],
        ["Shops opened", "12 (2020)", "30 (2025)"],
    ]


def test_a_table_set_tight_with_a_section_break_keeps_every_line_a_row() -> None:
    tops = [100, 114, 128, 142, 170, 184, 198]  # 4 pt between rows, 18 pt before a section
    words = [word(f"w{i}", top) for i, top in enumerate(tops)]
    edges = [top - 1.0 for top in tops] + [tops[-1] + 11.0]
    assert spacing_bands(XS, edges, words, 0.6, 1.0) is None


def test_in_a_tight_table_a_line_beside_blank_values_carries_on_its_row() -> None:
    """Rows 4 pt apart, one wider break: a name's second line prints no values."""
    tops = [100, 114, 128, 142, 170]
    columns = [[0, 1, 2], [0], [0, 1, 2], [0], [0, 1, 2]]
    words = [
        word(f"w{i}{c}", top, left=XS[c] + 5.0)
        for i, (top, cs) in enumerate(zip(tops, columns, strict=True))
        for c in cs
    ]
    edges = [top - 1.0 for top in tops] + [tops[-1] + 11.0]
    assert spacing_bands(XS, edges, words, 0.6, 1.0) == [1, 1, 2, 2, 3]


def test_in_a_tight_table_a_name_s_first_line_set_above_its_values_joins_them() -> None:
    """Values printed at the foot of their cell: the name's first line stands alone above
    them; an enumerated line starts its own row."""
    tops = [100, 114, 128, 142, 156, 184]
    columns = [[0, 1, 2], [0], [0, 1, 2], [0], [0, 1, 2], [0, 1, 2]]
    texts = ["1名", "2名", "続き", "3名", "続き", "4名"]
    words = [
        Word(texts[i] if c == 0 else "9", texts[i], (XS[c] + 5.0, top, XS[c] + 45.0, top + 10.0))
        for i, (top, cs) in enumerate(zip(tops, columns, strict=True))
        for c in cs
    ]
    edges = [top - 1.0 for top in tops] + [tops[-1] + 11.0]
    assert spacing_bands(XS, edges, words, 0.6, 1.0) == [1, 2, 2, 3, 3, 4]


@pytest.mark.parametrize(
    ("above", "cut"),
    [
        # A running head and a title, each in one column, above the top rule: cut off.
        ([[0], [1]], 2),
        # A header printed above the top rule fills its row: it stays.
        ([[0, 1, 2]], 0),
        # A title above a header above the rule: only the title is cut.
        ([[1], [0, 1, 2]], 1),
    ],
)
def test_rows_above_the_top_rule_that_fill_no_row_are_not_the_table_s(
    above: list[list[int]], cut: int
) -> None:
    tops = [60.0 + 20 * i for i in range(len(above))] + [105.0, 125.0, 145.0, 165.0]
    edges = [top - 2.0 for top in tops] + [tops[-1] + 13.0]
    columns = above + [[0, 1, 2]] * 4
    words = [
        word(f"w{i}{c}", top, left=XS[c] + 5.0)
        for i, (top, printed) in enumerate(zip(tops, columns, strict=True))
        for c in printed
    ]
    rules = [(XS[0], y, XS[-1], y) for y in (101.0, 141.0, 177.0)]
    bands = rule_bands(XS, edges, rules, 0.9)
    assert rows_above_rules(XS, edges, words, bands) == cut
    assert rows_above_rules(XS, edges, words, None) == 0
