"""A document's review page, as data: its records fact by fact, and each fact's place on a page.

A predicted fact (matched, extra, or with no gold) is placed at its source box.
A missed fact has no box of its own; it is placed on its gold record's page at
the cell that prints it (`fact_places`), or, when no cell can be told, listed
under that page unplaced. Every fact has an anchor: its row in the records
table is `row-<n>`, its outline on the page `fact-<n>`, and each links to the
other.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal

from pipeline.model import BBox, Fact, RecordFile
from pipeline.report.fact_places import place_fact
from pipeline.report.pages import PageSheet
from pipeline.score import FactReview, FactStatus, RecordReview

Placement = Literal["source", "value"]


@dataclass(frozen=True)
class FactEntry:
    """A reviewed fact with its number in the document, its page and, if known, its box.

    `box` is in the displayed page's points; `placed` says whether it is the
    prediction's source box or the cell found to print a gold value.
    """

    number: int
    review: FactReview
    page: int
    box: BBox | None
    placed: Placement | None

    @property
    def status(self) -> FactStatus:
        return self.review.status

    @property
    def target(self) -> str:
        """Where a link to this fact goes: its outline, or its page when it has none."""
        return f"fact-{self.number}" if self.box else f"page-{self.page}"


@dataclass(frozen=True)
class RecordEntry:
    review: RecordReview
    facts: tuple[FactEntry, ...]


@dataclass(frozen=True)
class PageEntry:
    """A page of the document: its sheet (None when the PDF is not at hand) and its facts."""

    number: int
    sheet: PageSheet | None
    placed: tuple[FactEntry, ...]
    unplaced: tuple[FactEntry, ...]


@dataclass(frozen=True)
class Placer:
    """Finds a fact's page and box from the document's sheets and predicted facts."""

    sheets: dict[int, PageSheet]
    read: dict[int, list[Fact]]
    units: Collection[str]

    @classmethod
    def of(
        cls, sheets: Sequence[PageSheet], pred: RecordFile | None, units: Collection[str]
    ) -> "Placer":
        read: dict[int, list[Fact]] = {}
        for record in pred.records if pred else []:
            for fact in record.facts:
                if fact.source is not None:
                    read.setdefault(fact.source.page, []).append(fact)
        return cls({sheet.number: sheet for sheet in sheets}, read, units)

    def place(self, record: RecordReview, fact: FactReview) -> tuple[int, BBox | None, Placement]:
        """(page, box in unrotated page points, how it was found); the box may be None."""
        source = fact.pred.source if fact.pred is not None else None
        if source is not None:
            return source.page, source.bbox, "source"
        page = record.page
        sheet = self.sheets.get(page)
        if fact.gold is None or sheet is None:
            return page, None, "value"
        partner = record.pred.facts if record.pred else []
        anchors = [f.source.bbox for f in partner if f.source and f.source.page == page]
        box = place_fact(fact.gold, sheet.cells, anchors, self.read.get(page, []), self.units)
        return page, box, "value"

    def entry(self, number: int, record: RecordReview, fact: FactReview) -> FactEntry:
        page, box, placed = self.place(record, fact)
        sheet = self.sheets.get(page)
        if box is None or sheet is None:
            return FactEntry(number, fact, page, None, None)
        return FactEntry(number, fact, page, sheet.shown(box), placed)


def record_entries(reviews: Sequence[RecordReview], placer: Placer) -> tuple[RecordEntry, ...]:
    """Every record with its facts numbered from 1 through the document and placed."""
    entries = []
    number = 0
    for review in reviews:
        facts = []
        for fact in review.facts:
            number += 1
            facts.append(placer.entry(number, review, fact))
        entries.append(RecordEntry(review, tuple(facts)))
    return tuple(entries)


def page_entries(
    records: Sequence[RecordEntry], sheets: Sequence[PageSheet]
) -> tuple[PageEntry, ...]:
    """Every page with a sheet or a fact, in order, each with its placed and unplaced facts."""
    facts = [fact for record in records for fact in record.facts]
    by_number = {sheet.number: sheet for sheet in sheets}
    numbers = sorted(set(by_number) | {fact.page for fact in facts})
    return tuple(
        PageEntry(
            number,
            by_number.get(number),
            tuple(f for f in facts if f.page == number and f.box is not None),
            tuple(f for f in facts if f.page == number and f.box is None),
        )
        for number in numbers
    )
