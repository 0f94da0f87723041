"""Layout: every page of a document turned into tables of cells, by the strategy that fits it.

`layout_page` is where a page's kind picks its path: an image page, or a scan
under an OCR layer, goes to OCR (every page with `OcrSettings.mode` "force", none
with "off"); a page whose text runs sideways is read upright
by the ruled strategy and its boxes turned back; a typed page goes through the
strategies of `strategies.TYPED_PAGE_STRATEGIES`, in order. Every table is then
mended (`repair`). Each page keeps its issues beside its tables, so a page that
could not be read says why while the rest of the document goes on.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

from pipeline.ingest import Page, open_pdf, read_page
from pipeline.layout.orient import turn_table_back, turn_words, upright_matrix
from pipeline.layout.repair.mend import mend_table
from pipeline.layout.ruled import ruled_tables
from pipeline.layout.strategies import LayoutSettings, text_tables
from pipeline.model import Issue, Table
from pipeline.ocr import ocr_page
from pipeline.text import known_units


@dataclass
class PageLayout:
    page: Page
    tables: list[Table]
    warnings: list[Issue] = field(default_factory=list)
    turn: int = 0  # degrees the page's text was turned by; its tables were read upright


@dataclass
class DocumentLayout:
    doc_id: str
    path: Path
    pages: list[PageLayout]

    @property
    def tables(self) -> list[Table]:
        return [table for page in self.pages for table in page.tables]

    @property
    def warnings(self) -> list[Issue]:
        return [warning for page in self.pages for warning in page.warnings]


def layout_page(pdf_page: pymupdf.Page, settings: LayoutSettings) -> PageLayout:
    """The tables of one page and what went wrong reading them."""
    page = read_page(pdf_page)
    mode = settings.ocr.mode
    if mode == "force" or (mode == "auto" and (page.kind == "image" or page.has_ocr_layer)):
        layer = page.words if page.has_ocr_layer and mode == "auto" else ()
        scan = ocr_page(pdf_page, settings.ocr, layer)
        tables = [_mend(table, settings) for table in scan.tables]
        return PageLayout(page, tables, scan.warnings)
    if page.kind == "image":
        message = "a scanned page, not read: OCR is off"
        return PageLayout(page, [], [Issue("warning", "ocr-off", "ocr", message, page.number)])
    turn = page.turn
    if not turn:
        tables = text_tables(pdf_page, page.words, settings)
        return PageLayout(page, [_mend(table, settings) for table in tables])
    upright = upright_matrix(turn, page.width, page.height)
    words = turn_words(page.words, upright)
    tables = ruled_tables(pdf_page, words, settings.ruled, upright)
    originals = dict(zip(words, page.words, strict=True))
    mended = [turn_table_back(_mend(table, settings), upright, originals) for table in tables]
    return PageLayout(page, mended, turn=turn)


def _mend(table: Table, settings: LayoutSettings) -> Table:
    return mend_table(table, known_units(), settings.spill)


# mupdf keeps every font it has loaded until the document is closed. Pages that share
# their fonts load each once; a document merged from many files, each page embedding
# fonts of its own, grew by a megabyte a page. After this many fonts (about 100 MB)
# the document is closed and opened again; a document with fewer is never reopened,
# since loading its fonts again costs more than reading a page.
FONTS_OPEN = 300


def layout_document(path: Path, settings: LayoutSettings | None = None) -> DocumentLayout:
    settings = settings or LayoutSettings()
    with open_pdf(path) as doc:
        numbers = [number for number in range(doc.page_count) if settings.reads(number + 1)]
    pages = [layout_page(pdf_page, settings) for pdf_page in _open_pages(path, numbers)]
    return DocumentLayout(path.stem, path, pages)


def _open_pages(path: Path, numbers: list[int]) -> Iterator[pymupdf.Page]:
    """The pages of these numbers (from 0), one at a time, the document closed and opened
    again whenever the pages given since it was opened used `FONTS_OPEN` fonts."""
    given = 0
    while given < len(numbers):
        with open_pdf(path) as doc:
            fonts: set[int] = set()
            while given < len(numbers) and len(fonts) < FONTS_OPEN:
                pdf_page = doc[numbers[given]]
                fonts.update(font[0] for font in pdf_page.get_fonts())
                yield pdf_page
                given += 1
