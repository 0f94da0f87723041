"""A page whose text stream takes for a table: what the table does not read as KPIs is
text, read by the list and prose readers. A page made here, not from a report."""

from pathlib import Path

import pymupdf

from pipeline.layout import layout_document
from pipeline.understand.extract import extract_document


def schedule_and_list(path: Path) -> Path:
    """A three-column schedule, then two summary-list items under it."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    top = 100
    for row in [
        ("日程", "内容", "会場"),
        ("4月10日", "説明会", "市役所本庁舎"),
        ("5月12日", "相談会", "市民会館"),
        ("6月14日", "見学会", "道の駅"),
    ]:
        for column, text in enumerate(row):
            page.insert_text((60 + 170 * column, top), text, fontsize=10, fontname="japan")
        top += 16
    for item in (
        "・移住者数：120人（令和2年度）→200人（令和7年度）",
        "・空き家バンク成約件数：8件（令和2年度）→20件（令和7年度）",
    ):
        page.insert_text((60, top + 4), item, fontsize=10, fontname="japan")
        top += 16
    doc.save(path)
    return path


def test_list_items_a_stream_table_took_in_are_read_as_a_list(tmp_path: Path) -> None:
    pdf = schedule_and_list(tmp_path / "schedule.pdf")
    tables = layout_document(pdf).tables
    assert [table.strategy for table in tables] == ["stream"]  # the items are inside it
    records = extract_document(pdf).record_file.records
    assert sorted((r.indicator, [(f.kind, f.fy, f.value) for f in r.facts]) for r in records) == [
        ("移住者数", [("baseline", 2020, 120), ("target", 2025, 200)]),
        ("空き家バンク成約件数", [("baseline", 2020, 8), ("target", 2025, 20)]),
    ]
