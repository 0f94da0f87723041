"""The strategies that find a typed page's tables, in the order they are tried.

Each strategy is one small object behind the same interface: it sees the page and
the tables the strategies before it found, and gives the page's tables after it.
Every table carries its quality report, so a later strategy can judge an earlier
one's reading and a weak table is visible in the output, not silently chosen.

    1. ruled: grids rebuilt from the page's drawings and words (milliseconds);
    2. lattice: camelot lattice, only where a ruled table scores under
       `min_quality`; the better reading of each table is kept;
    3. stream: camelot stream, only where printed lines outside every table found
       so far hold words in gapped, aligned columns (an unruled table).
"""

from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Protocol

import pymupdf

from pipeline.layout.camelot import CamelotSettings, lattice_tables, stream_tables
from pipeline.layout.repair.spill import SpillSettings
from pipeline.layout.ruled import ruled_tables, ruling_segments
from pipeline.model import (
    BBox,
    RuledSettings,
    Table,
    Word,
    centre_in,
    enclosing,
    is_horizontal,
    text_lines,
)
from pipeline.ocr import OcrSettings


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
    # The pages read, by number from 1 (one a document lacks is passed over); empty: all.
    pages: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if not 0 <= self.min_quality <= 1 or self.tabular_lines < 2:
            raise ValueError("min_quality must lie in [0, 1] and tabular_lines be at least 2")
        if not all(isinstance(number, int) and number >= 1 for number in self.pages):
            raise ValueError("pages must be page numbers, from 1")

    def reads(self, number: int) -> bool:
        """Whether the page of this number (from 1) is read."""
        return not self.pages or number in self.pages


@dataclass(frozen=True)
class TypedPage:
    """A typed page as the strategies see it."""

    pdf_page: pymupdf.Page
    words: list[Word]

    @property
    def number(self) -> int:
        return int(self.pdf_page.number) + 1

    @property
    def path(self) -> Path | None:
        """The file camelot reads; None for a document held in memory."""
        name = self.pdf_page.parent.name
        return Path(name) if name and Path(name).is_file() else None


class Strategy(Protocol):
    """One way of finding a typed page's tables."""

    name: str

    def tables(self, page: TypedPage, found: list[Table], settings: LayoutSettings) -> list[Table]:
        """The page's tables after this strategy, given those found before it."""
        ...


class Ruled:
    name = "ruled"

    def tables(self, page: TypedPage, found: list[Table], settings: LayoutSettings) -> list[Table]:
        return found + ruled_tables(page.pdf_page, page.words, settings.ruled)


class Lattice:
    name = "lattice"

    def tables(self, page: TypedPage, found: list[Table], settings: LayoutSettings) -> list[Table]:
        weak = any(table.quality.score < settings.min_quality for table in found)
        if page.path is None or not weak:
            return found
        return best_of(found, lattice_tables(page.path, page.number, page.words, settings.camelot))


class Stream:
    name = "stream"

    def tables(self, page: TypedPage, found: list[Table], settings: LayoutSettings) -> list[Table]:
        outside = [w for w in page.words if not any(centre_in(w, t.bbox) for t in found)]
        if page.path is None or not looks_tabular(outside, settings.tabular_lines):
            return found
        rules = [
            segment
            for segment in ruling_segments(page.pdf_page, settings.ruled)
            if is_horizontal(segment, settings.ruled)
        ]
        unruled = stream_tables(page.path, page.number, outside, settings.camelot, rules)
        kept = [table for table in unruled if not any(_overlap(table, t) for t in found)]
        # Camelot looks for one table in each stretch of aligned text; a second set
        # below the first, a line or two apart, is left out: it is read on its own.
        for area in tabular_areas(outside, found + kept, settings.tabular_lines):
            more = stream_tables(page.path, page.number, outside, settings.camelot, rules, area)
            kept += [table for table in more if not any(_overlap(table, t) for t in found + kept)]
        return sorted(found + kept, key=lambda table: (table.bbox[1], table.bbox[0]))


# The order a typed page's strategies are tried in.
TYPED_PAGE_STRATEGIES: tuple[Strategy, ...] = (Ruled(), Lattice(), Stream())


def text_tables(pdf_page: pymupdf.Page, words: list[Word], settings: LayoutSettings) -> list[Table]:
    """The tables of a typed page, each from the strategy that reads it best."""
    page = TypedPage(pdf_page, words)
    found: list[Table] = []
    for strategy in TYPED_PAGE_STRATEGIES:
        found = strategy.tables(page, found, settings)
    return found


def looks_tabular(words: list[Word], needed: int) -> bool:
    """Whether enough printed lines hold three or more words with wide gaps between.

    Japanese prose runs without spaces, so a line broken by gaps wider than two
    characters is a row of a table whose ruling, if any, was not drawn.
    """
    return sum(_gapped(line) for line in text_lines(words)) >= needed


def _gapped(line: list[Word]) -> bool:
    height = max(w.bbox[3] - w.bbox[1] for w in line)
    return sum(1 for a, b in pairwise(line) if b.bbox[0] - a.bbox[2] > 2 * height) >= 2


def tabular_areas(words: list[Word], tables: list[Table], needed: int) -> list[BBox]:
    """The boxes of the stretches of lines outside every table that look tabular, each
    from its first gapped line to its last; a table between two lines ends a stretch."""
    lines = [
        line for line in text_lines(words) if not any(centre_in(line[0], t.bbox) for t in tables)
    ]
    stretches: list[list[list[Word]]] = []
    for above, line in zip([None, *lines], lines, strict=False):
        between = above is not None and any(
            above[0].bbox[3] <= t.bbox[1] and t.bbox[3] <= line[0].bbox[1] for t in tables
        )
        if not stretches or between:
            stretches.append([])
        stretches[-1].append(line)
    areas = []
    for stretch in stretches:
        gapped = [i for i, line in enumerate(stretch) if _gapped(line)]
        if len(gapped) >= needed:
            box = enclosing([w.bbox for line in stretch[gapped[0] : gapped[-1] + 1] for w in line])
            areas.append((box[0] - 2, box[1] - 2, box[2] + 2, box[3] + 2))
    return areas


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
