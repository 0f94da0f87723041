"""Layout: every page of a document turned into tables of cells, by the strategy that fits it.

`layout_page` is where a page's kind picks its path: an image page, a scan
under an OCR layer, a page of text beside a large image, or one whose text layer
has unmapped glyphs goes to OCR (every page with `OcrSettings.mode` "force",
none with "off"); a page whose text runs sideways is read upright
by the ruled strategy and its boxes turned back; a typed page goes through the
strategies of `strategies.TYPED_PAGE_STRATEGIES`, in order. Every table is then
mended (`repair`). Each page keeps its issues beside its tables, so a page that
could not be read says why while the rest of the document goes on: an exception
inside one page's layout (an oversized image, an undecodable stream, a bug the
page brings out) is that page's `page-failed` error, not the document's.
"""

import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

from pipeline.ingest import Page, open_pdf, read_page
from pipeline.layout.orient import turn_table_back, turn_words, upright_matrix
from pipeline.layout.repair.mend import mend_table
from pipeline.layout.ruled import ruled_tables
from pipeline.layout.strategies import LayoutSettings, text_tables
from pipeline.model import Issue, Table, Word
from pipeline.ocr import ocr_page, ocr_problem, table_without_scan_noise
from pipeline.text import known_units


@dataclass
class PageLayout:
    page: Page
    tables: list[Table]
    warnings: list[Issue] = field(default_factory=list)
    turn: int = 0  # degrees the page's text was turned by; its tables were read upright
    ocr: list[Word] | None = None  # a scan's words as OCR read them, None on a typed page

    @property
    def words(self) -> list[Word]:
        """The page's printed words: those OCR read on a scan (its text layer, if any, was a
        second opinion), else the text layer's."""
        return self.page.words if self.ocr is None else self.ocr


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
    """The tables of one page and what went wrong reading them; a page whose reading
    raises has no tables and a `page-failed` error with the traceback."""
    try:
        return _read_layout(pdf_page, settings)
    except Exception as error:  # one bad page must not cost the document its other pages
        return _failed_page(pdf_page, error)


def _failed_page(pdf_page: pymupdf.Page, error: Exception) -> PageLayout:
    """An empty page of the failed page's size, carrying the error that stopped it."""
    number = pdf_page.number + 1
    unrotated = pdf_page.rect * pdf_page.derotation_matrix
    width, height = abs(float(unrotated.width)), abs(float(unrotated.height))
    page = Page(number, width, height, int(pdf_page.rotation), "blank", [], 0.0)
    message = f"page not read: {type(error).__name__}: {error}"
    issue = Issue("error", "page-failed", "layout", message, number, traceback.format_exc())
    return PageLayout(page, [], [issue])


def _read_layout(pdf_page: pymupdf.Page, settings: LayoutSettings) -> PageLayout:
    page = read_page(pdf_page)
    mode = settings.ocr.mode
    if _needs_ocr(page, settings):
        layer = page.words if mode == "auto" else ()
        scan = ocr_page(pdf_page, settings.ocr, layer)
        tables = [table_without_scan_noise(_mend(table, settings)) for table in scan.tables]
        return PageLayout(page, tables, scan.warnings, ocr=scan.words)
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


def _needs_ocr(page: Page, settings: LayoutSettings) -> bool:
    """Whether a page is read by OCR: in "auto", a scan (with or without an OCR layer),
    text beside a large image (part of the page is a picture of print), or a text layer
    with glyphs that map to no character. OCR keeps the usable text cell by cell and line
    by line (`ocr_page`); where Tesseract cannot run, such a page's text is the best
    there is, and only a scan goes on to OCR, to say why it is not read."""
    mode = settings.ocr.mode
    if mode != "auto":
        return mode == "force"
    if page.kind == "image" or page.has_ocr_layer:
        return True
    broken = page.kind == "mixed" or page.unmapped_glyphs > 0
    return broken and ocr_problem(settings.ocr) is None


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
