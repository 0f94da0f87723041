"""Tables continued on the next page, joined into one run of rows.

A table breaks across a page when its next row does not fit. What shows it:
the last table of a page and the first table of the next have the same
columns at the same places, and nothing but page furniture (page numbers,
running heads and feet printed on both pages) stands below the first or
above the second. A heading above the second table means a new table. A
repeated header is dropped from the continuation.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.layout.pages import PageLayout
from pipeline.model import Table, Word


@dataclass(frozen=True)
class ContinuationSettings:
    edge_tolerance: float = 0.005  # share of the page width two column edges may differ by
    furniture_drift: float = 3.0  # points a running head may move between pages

    def __post_init__(self) -> None:
        if not 0 < self.edge_tolerance < 0.1 or self.furniture_drift < 0:
            raise ValueError("edge_tolerance must lie in (0, 0.1), furniture_drift be >= 0")


# `5`, `- 5 -`, `5/12`, `(5)` at a page's foot.
_PAGE_NUMBER = re.compile(r"[-‐–—(（]?\d{1,4}(?:/\d{1,4})?[-‐–—)）]?")


@dataclass
class TableRun:
    """One table as printed over one or more pages, its parts in page order."""

    parts: list[Table]
    repeated_header_rows: int = 0  # leading rows of each later part that repeat the header

    @property
    def pages(self) -> list[int]:
        return [part.page for part in self.parts]

    def dense(self) -> list[list[str]]:
        """The rows of every part, with a repeated header kept only once."""
        rows = self.parts[0].dense()
        for part in self.parts[1:]:
            rows += part.dense()[self.repeated_header_rows :]
        return rows


def columns_line_up(upper: Table, lower: Table, width: float, tolerance: float) -> bool:
    if len(upper.column_edges) != len(lower.column_edges):
        return False
    return all(
        abs(a - b) <= tolerance * width
        for a, b in zip(upper.column_edges, lower.column_edges, strict=True)
    )


def _furniture(word: Word, other: Sequence[Word], drift: float) -> bool:
    """A page number, or a word the other page prints at the same place (a running head)."""
    if _PAGE_NUMBER.fullmatch(word.text):
        return True
    return any(w.text == word.text and abs(w.bbox[1] - word.bbox[1]) <= drift for w in other)


def _clear_below(table: Table, words: Sequence[Word], other: Sequence[Word], drift: float) -> bool:
    """Nothing but page furniture printed below the table."""
    below = [w for w in words if w.bbox[1] > table.bbox[3]]
    return all(_furniture(w, other, drift) for w in below)


def _clear_above(table: Table, words: Sequence[Word], other: Sequence[Word], drift: float) -> bool:
    """Nothing but page furniture printed above the table."""
    above = [w for w in words if w.bbox[3] < table.bbox[1]]
    return all(_furniture(w, other, drift) for w in above)


def repeated_header(first: Table, later: Table) -> int:
    """How many leading rows of `later` repeat the leading rows of `first`."""
    count = 0
    for top, again in zip(first.dense(), later.dense(), strict=False):
        if top != again or not any(top):
            break
        count += 1
    return count if count < later.shape[0] else 0


def continues(upper: PageLayout, lower: PageLayout, settings: ContinuationSettings) -> bool:
    """Whether the first table of `lower` carries on the last table of `upper`."""
    if not upper.tables or not lower.tables or lower.page.number != upper.page.number + 1:
        return False
    last, first = upper.tables[-1], lower.tables[0]
    return (
        columns_line_up(last, first, upper.page.width, settings.edge_tolerance)
        and _clear_below(last, upper.words, lower.words, settings.furniture_drift)
        and _clear_above(first, lower.words, upper.words, settings.furniture_drift)
    )


def join_continued(
    pages: Sequence[PageLayout], settings: ContinuationSettings | None = None
) -> list[TableRun]:
    """Every table of the document, those continued over pages joined into one run."""
    settings = settings or ContinuationSettings()
    runs: list[TableRun] = []
    for index, page in enumerate(pages):
        carried_on = index > 0 and bool(runs) and continues(pages[index - 1], page, settings)
        for position, table in enumerate(page.tables):
            if position == 0 and carried_on:
                run = runs[-1]
                run.parts.append(table)
                if len(run.parts) == 2:
                    run.repeated_header_rows = repeated_header(run.parts[0], table)
                continue
            runs.append(TableRun([table]))
    return runs
