"""One page that fails inside layout is one page error: the document's other pages are read.

The PDF is made here: three pages, each a small ruled KPI table of its own
indicator; layout is made to raise on the second page, as an oversized image or
a stream the decoder refuses would.
"""

import json
from pathlib import Path

import pymupdf
import pytest

from pipeline.layout import pages
from pipeline.model import Table
from pipeline.understand.extract import ExtractSettings, extract_to

INDICATORS = ["参加者数", "相談件数", "来場者数"]


def three_pages(path: Path) -> Path:
    doc = pymupdf.open()
    for indicator in INDICATORS:
        page = doc.new_page(width=400, height=200)
        xs, ys = [40, 160, 260, 360], [40, 60, 80]
        shape = page.new_shape()
        for y in ys:
            shape.draw_line((xs[0], y), (xs[-1], y))
        for x in xs:
            shape.draw_line((x, ys[0]), (x, ys[-1]))
        shape.finish(width=0.5)
        shape.commit()
        for r, row in enumerate([["指標", "目標値", "実績値"], [indicator, "20人", "15人"]]):
            for c, text in enumerate(row):
                page.insert_text((xs[c] + 3, ys[r] + 14), text, fontname="japan", fontsize=9)
    doc.save(path)
    return path


def test_a_page_that_raises_in_layout_is_a_page_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = pages.text_tables

    def fails_on_page_two(pdf_page: pymupdf.Page, *args: object) -> list[Table]:
        if pdf_page.number == 1:
            raise RuntimeError("image too large to decode")
        return read(pdf_page, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(pages, "text_tables", fails_on_page_two)
    written = extract_to(three_pages(tmp_path / "bad-page.pdf"), tmp_path, ExtractSettings())
    assert written.error is None
    stored = json.loads(written.path.read_text(encoding="utf-8"))
    assert [record["indicator"] for record in stored["records"]] == ["参加者数", "来場者数"]
    failed = [issue for issue in stored["warnings"] if issue["code"] == "page-failed"]
    assert [(issue["severity"], issue["page"]) for issue in failed] == [("error", 2)]
    assert "image too large to decode" in failed[0]["message"]
