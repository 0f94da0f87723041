"""Layout: every page of a document turned into tables of cells, by the strategy that fits it.

A typed page is read from its drawings and words; an image page goes to OCR.
Each page keeps its warnings beside its tables, so a page that could not be
read says why while the rest of the document goes on.
"""

from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

from pipeline.ingest import Page, open_pdf, read_page
from pipeline.mend import mend_table
from pipeline.orient import page_turn, turn_table_back, turn_words, upright_matrix
from pipeline.ruled import RuledSettings, ruled_tables
from pipeline.spill import SpillSettings
from pipeline.table import Table
from pipeline.vocabulary import known_units


@dataclass(frozen=True)
class LayoutSettings:
    """Settings of the layout stage, one object per strategy."""

    ruled: RuledSettings = field(default_factory=RuledSettings)
    spill: SpillSettings = field(default_factory=SpillSettings)


@dataclass
class PageLayout:
    page: Page
    tables: list[Table]
    warnings: list[str] = field(default_factory=list)
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
    def warnings(self) -> list[str]:
        return [warning for page in self.pages for warning in page.warnings]


def layout_page(pdf_page: pymupdf.Page, settings: LayoutSettings) -> PageLayout:
    """The tables of one page and what went wrong reading them."""
    page = read_page(pdf_page)
    turn = page_turn(pdf_page)
    if not turn:
        tables = ruled_tables(pdf_page, page.words, settings.ruled)
        return PageLayout(page, [_mend(table, settings) for table in tables])
    upright = upright_matrix(turn, page.width, page.height)
    words = turn_words(page.words, upright)
    tables = ruled_tables(pdf_page, words, settings.ruled, upright)
    originals = dict(zip(words, page.words, strict=True))
    mended = [turn_table_back(_mend(table, settings), upright, originals) for table in tables]
    return PageLayout(page, mended, turn=turn)


def _mend(table: Table, settings: LayoutSettings) -> Table:
    return mend_table(table, known_units(), settings.spill)


def layout_document(path: Path, settings: LayoutSettings | None = None) -> DocumentLayout:
    settings = settings or LayoutSettings()
    with open_pdf(path) as doc:
        pages = [layout_page(pdf_page, settings) for pdf_page in doc]
    return DocumentLayout(path.stem, path, pages)
