"""Layout: takes ingested pages, gives each page's tables of cells with a quality
report, by the strategy that fits the page (ruled drawings, camelot lattice or stream,
OCR), read upright when the page is turned, repaired where layout broke the text, and
joined where a table runs on over pages.
"""

from pipeline.layout.continuation import ContinuationSettings, TableRun, join_continued
from pipeline.layout.orient import turn_box, upright_box
from pipeline.layout.pages import PageLayout, layout_document, layout_page
from pipeline.layout.strategies import LayoutSettings

__all__ = [
    "ContinuationSettings",
    "LayoutSettings",
    "PageLayout",
    "TableRun",
    "join_continued",
    "layout_document",
    "layout_page",
    "turn_box",
    "upright_box",
]
