"""Layout: takes ingested pages, gives each page's tables of cells with a quality
report, by the strategy that fits the page (ruled drawings, camelot lattice or stream,
OCR), read upright when the page is turned, repaired where layout broke the text, and
joined where a table runs on over pages; and the page's free lines, the text outside
its tables, folded once as the cells are (`free_lines`).
"""

from pipeline.layout.continuation import ContinuationSettings, TableRun, join_continued
from pipeline.layout.lines import cell_line, free_lines, page_lines, upright
from pipeline.layout.orient import turn_box, upright_box
from pipeline.layout.pages import PageLayout, layout_document, layout_page
from pipeline.layout.strategies import LayoutSettings

__all__ = [
    "ContinuationSettings",
    "LayoutSettings",
    "PageLayout",
    "TableRun",
    "cell_line",
    "free_lines",
    "join_continued",
    "layout_document",
    "layout_page",
    "page_lines",
    "turn_box",
    "upright",
    "upright_box",
]
