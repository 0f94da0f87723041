"""Tables continued on the next page: joined when columns line up and nothing stands between."""

from pathlib import Path

import pymupdf
import pytest

from pipeline.layout.continuation import join_continued
from pipeline.layout.pages import PageLayout, layout_document, layout_page
from pipeline.layout.strategies import LayoutSettings

PDFS = Path(__file__).resolve().parent.parent / "fixtures" / "pdfs"
FONT = "japan"  # pymupdf's built-in Japanese font


def rule_table(page: pymupdf.Page, xs: list[float], top: float, rows: list[list[str]]) -> None:
    """A fully ruled table of 20-point rows with its texts, made here (not from a report)."""
    ys = [top + 20 * r for r in range(len(rows) + 1)]
    shape = page.new_shape()
    for y in ys:
        shape.draw_line((xs[0], y), (xs[-1], y))
    for x in xs:
        shape.draw_line((x, ys[0]), (x, ys[-1]))
    shape.finish(width=0.5)
    shape.commit()
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            page.insert_text((xs[c] + 3, ys[r] + 14), text, fontname=FONT, fontsize=9)


def two_pages(
    second_xs: list[float], heading: str = "", header_again: bool = True
) -> list[PageLayout]:
    doc = pymupdf.open()
    header = ["施設", "目標", "実績"]
    first = doc.new_page(width=400, height=300)
    rule_table(first, [40, 160, 260, 360], 60, [header, ["図書館", "1,200人", "1,150人"]])
    first.insert_text((195, 285), "- 1 -", fontname=FONT, fontsize=9)
    second = doc.new_page(width=400, height=300)
    if heading:
        second.insert_text((40, 50), heading, fontname=FONT, fontsize=9)
    rows = [["公民館", "800人", "790人"], ["体育館", "2,000人", "2,400人"]]
    rule_table(second, second_xs, 60, [header, *rows] if header_again else rows)
    second.insert_text((195, 285), "- 2 -", fontname=FONT, fontsize=9)
    return [layout_page(page, LayoutSettings()) for page in doc]


def test_a_table_continued_over_a_page_is_one_run_with_its_header_once() -> None:
    runs = join_continued(two_pages([40, 160, 260, 360]))
    assert len(runs) == 1
    assert runs[0].pages == [1, 2]
    assert runs[0].repeated_header_rows == 1
    assert [row[0] for row in runs[0].dense()] == ["施設", "図書館", "公民館", "体育館"]


def test_a_continuation_without_a_header_keeps_every_row() -> None:
    runs = join_continued(two_pages([40, 160, 260, 360], header_again=False))
    assert [row[0] for row in runs[0].dense()] == ["施設", "図書館", "公民館", "体育館"]


@pytest.mark.parametrize(
    ("xs", "heading"),
    [
        ([40, 200, 260, 360], ""),  # the columns do not line up
        ([40, 160, 260, 360], "(2) 利用者数"),  # a heading starts a new table
    ],
)
def test_tables_that_do_not_continue_stay_apart(xs: list[float], heading: str) -> None:
    runs = join_continued(two_pages(xs, heading))
    assert [run.pages for run in runs] == [[1], [2]]


def test_fixture_tables_continued_over_pages() -> None:
    sangyo = join_continued(layout_document(PDFS / "kodaira-r2-sangyo.pdf").pages)
    assert [run.pages for run in sangyo if len(run.parts) > 1] == [[4, 5]]
    tsukuba = join_continued(layout_document(PDFS / "tsukuba-r2-kpi.pdf").pages)
    assert [run.pages for run in tsukuba] == [[1, 2]]
    assert tsukuba[0].repeated_header_rows >= 1
