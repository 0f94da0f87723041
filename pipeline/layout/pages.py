"""Layout: every page of a document turned into tables of cells, by the strategy that fits it.

A typed page is read from its drawings and words (`ruled`, milliseconds).
Camelot is asked only where that is not enough: lattice where a ruled table
scores poorly (the better-scoring reading of each table is kept), stream
where no ruling was found but the words stand in gapped, aligned columns.
An image page goes to OCR. Each page keeps its warnings beside its tables,
so a page that could not be read says why while the rest of the document
goes on.
"""

from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

import pymupdf

from pipeline.ingest import Page, open_pdf, read_page
from pipeline.layout.camelot import CamelotSettings, lattice_tables, stream_tables
from pipeline.layout.orient import turn_table_back, turn_words, upright_matrix
from pipeline.layout.repair.mend import mend_table
from pipeline.layout.repair.spill import SpillSettings
from pipeline.layout.ruled import ruled_tables
from pipeline.model import Issue, RuledSettings, Table, Word, text_lines
from pipeline.ocr import OcrSettings, ocr_page
from pipeline.text import known_units


@dataclass(frozen=True)
class LayoutSettings:
    """Settings of the layout stage, one object per strategy."""

    ruled: RuledSettings = field(default_factory=RuledSettings)
    camelot: CamelotSettings = field(default_factory=CamelotSettings)
    spill: SpillSettings = field(default_factory=SpillSettings)
    ocr: OcrSettings = field(default_factory=OcrSettings)
    # A table scoring below this sends the page to camelot for a second opinion.
    min_quality: float = 0.7
    # Stream is tried only on pages with this many lines of aligned, gapped words.
    tabular_lines: int = 3

    def __post_init__(self) -> None:
        if not 0 <= self.min_quality <= 1 or self.tabular_lines < 2:
            raise ValueError("min_quality must lie in [0, 1] and tabular_lines be at least 2")


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
    if page.kind == "image" or page.has_ocr_layer:
        layer = page.words if page.has_ocr_layer else ()
        scan = ocr_page(pdf_page, settings.ocr, layer)
        tables = [_mend(table, settings) for table in scan.tables]
        return PageLayout(page, tables, scan.warnings)
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


def text_tables(pdf_page: pymupdf.Page, words: list[Word], settings: LayoutSettings) -> list[Table]:
    """The tables of a typed page, each from the strategy that reads it best."""
    tables = ruled_tables(pdf_page, words, settings.ruled)
    name = pdf_page.parent.name
    if not name or not Path(name).is_file():  # a document held in memory: camelot reads files
        return tables
    path = Path(name)
    page_number = pdf_page.number + 1
    if any(table.quality.score < settings.min_quality for table in tables):
        tables = best_of(tables, lattice_tables(path, page_number, words, settings.camelot))
    if not tables and looks_tabular(words, settings.tabular_lines):
        tables = stream_tables(path, page_number, words, settings.camelot)
    return tables


def looks_tabular(words: list[Word], needed: int) -> bool:
    """Whether enough printed lines hold three or more words with wide gaps between.

    Japanese prose runs without spaces, so a line broken by gaps wider than two
    characters is a row of a table whose ruling, if any, was not drawn.
    """
    rows = 0
    for line in text_lines(words):
        height = max(w.bbox[3] - w.bbox[1] for w in line)
        gaps = sum(1 for a, b in pairwise(line) if b.bbox[0] - a.bbox[2] > 2 * height)
        rows += gaps >= 2
    return rows >= needed


def _overlap(a: Table, b: Table) -> bool:
    return (
        a.bbox[0] < b.bbox[2]
        and b.bbox[0] < a.bbox[2]
        and a.bbox[1] < b.bbox[3]
        and b.bbox[1] < a.bbox[3]
    )


def best_of(tables: list[Table], others: list[Table]) -> list[Table]:
    """Per table, the better of two strategies' readings; a table only one found is kept."""
    chosen = list(tables)
    for other in others:
        rivals = [t for t in chosen if _overlap(t, other)]
        if all(other.quality.score > rival.quality.score for rival in rivals):
            chosen = [t for t in chosen if t not in rivals] + [other]
    return sorted(chosen, key=lambda table: (table.bbox[1], table.bbox[0]))


def _mend(table: Table, settings: LayoutSettings) -> Table:
    return mend_table(table, known_units(), settings.spill)


def layout_document(path: Path, settings: LayoutSettings | None = None) -> DocumentLayout:
    settings = settings or LayoutSettings()
    with open_pdf(path) as doc:
        pages = [layout_page(pdf_page, settings) for pdf_page in doc]
    return DocumentLayout(path.stem, path, pages)
