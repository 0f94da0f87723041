"""Cell accuracy: how many cells of hand-written expected grids a table reader got right.

An expected grid holds the cell texts of a document's KPI tables as the page
means them after repair, dense (a merged cell's text stands in every slot it
spans). Any table reader — ours, camelot, pdfplumber — is scored the same way,
from plain tables (a page number and rows of strings), so a benchmark compares
like with like.

How a found table is compared with an expected one:

- Cells compare equal when their texts agree after `normalize_text` with all
  whitespace removed: layout and OCR put spaces and line breaks inside a cell
  (`134,280 円`, a name wrapped over two lines), and whitespace is not content.
- Each expected table is paired with at most one found table on its page, the
  pairing chosen to match the most cells over the whole page (optimal
  assignment), so two tables on one page cannot both claim the same found one.
  A found table that matches none of an expected table's cells is not its pair.
- A found table need not have the expected shape. Its rows and columns are
  aligned with the expected ones in order (a monotone alignment, as a diff
  aligns lines), each side's row or column used at most once, maximizing the
  matched cells. An extra or missing row or column then costs only its own
  cells, not every cell after it, which a single row/column offset would charge.
- Accuracy is matched cells over expected cells. An empty expected cell is
  content too (nothing is printed there), but only a found cell can match it:
  the cells of a missing table, or of a row or column with no counterpart, are
  misses whatever they hold. Found cells with no expected counterpart are not
  counted; the expected grids hold only the KPI tables, not every table.
"""

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np

from pipeline.model import FileFieldError
from pipeline.text import normalize_text

_GRID_FIELDS = ("doc_id", "tables")
_TABLE_FIELDS = ("page", "rows")


@dataclass(frozen=True)
class ExpectedTable:
    """One KPI table as the page means it: dense rows of cell texts, all of one length."""

    page: int
    rows: list[list[str]]


@dataclass(frozen=True)
class ExpectedGrid:
    """The expected KPI tables of one document, in page order."""

    doc_id: str
    tables: list[ExpectedTable]


class FoundTable(NamedTuple):
    """A table as any reader gives it: its 1-based page and rows of cell texts.

    `Table` gives one as `FoundTable(table.page, table.dense())`; camelot and
    pdfplumber give lists of rows. Rows may be ragged, and None (pdfplumber's
    slot under a merged cell) reads as an empty cell.
    """

    page: int
    rows: Sequence[Sequence[str | None]]


@dataclass(frozen=True)
class CellMiss:
    """An expected cell the found tables did not reproduce.

    `found` is the text of the found cell aligned with it, or None when no
    found cell faces it (no table paired, or its row or column unaligned).
    `table` is the table's index in the expected grid; `row` and `col` are 0-based.
    """

    doc_id: str
    page: int
    table: int
    row: int
    col: int
    expected: str
    found: str | None

    def __str__(self) -> str:
        found = "no cell" if self.found is None else repr(self.found)
        where = f"{self.doc_id} p.{self.page} table {self.table} row {self.row} col {self.col}"
        return f"{where}: expected {self.expected!r}, found {found}"


@dataclass(frozen=True)
class GridScore:
    """Cells compared, cells matched and every miss.

    Scores add up (`sum(scores, GridScore(0, 0))`), so accuracy over several
    documents is matched over all their cells, not an average of averages.
    """

    cells: int
    matched: int
    misses: tuple[CellMiss, ...] = ()

    @property
    def accuracy(self) -> float:
        """Matched over expected cells; nothing expected is nothing missed (1.0)."""
        return self.matched / self.cells if self.cells else 1.0

    def __add__(self, other: "GridScore") -> "GridScore":
        return GridScore(
            self.cells + other.cells, self.matched + other.matched, self.misses + other.misses
        )


class GridFileError(FileFieldError):
    """An expected-grid file that cannot be used: names the file and the field at fault."""


def load_expected_grid(path: Path) -> ExpectedGrid:
    """Read one `<doc_id>.json` grid, or raise GridFileError naming the field at fault.

    The grid is strict (no unknown fields, rectangular rows, doc_id equal to the
    file stem): a typo in a hand-written file must fail loudly, not score as a miss.
    """
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise GridFileError(path, "", f"not UTF-8 text ({error.reason})") from error
    except json.JSONDecodeError as error:
        message = f"not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"
        raise GridFileError(path, "", message) from error
    fields = _fields(path, "", raw, _GRID_FIELDS)
    doc_id = fields["doc_id"]
    if not isinstance(doc_id, str) or not doc_id:
        raise GridFileError(path, "doc_id", "must be a non-empty string")
    if doc_id != path.stem:
        raise GridFileError(path, "doc_id", f"`{doc_id}` is not the file stem `{path.stem}`")
    tables = fields["tables"]
    if not isinstance(tables, list) or not tables:
        raise GridFileError(path, "tables", "must be a non-empty list")
    return ExpectedGrid(
        doc_id, [_expected_table(path, f"tables[{i}]", raw) for i, raw in enumerate(tables)]
    )


def _fields(path: Path, field: str, raw: object, names: tuple[str, ...]) -> dict[str, object]:
    """An object with exactly the fields `names`."""
    if not isinstance(raw, dict):
        raise GridFileError(path, field, "must be an object")
    for name in names:
        if name not in raw:
            raise GridFileError(path, f"{field}.{name}" if field else name, "is missing")
    for name in raw:
        if name not in names:
            raise GridFileError(path, f"{field}.{name}" if field else name, "is not a grid field")
    return raw


def _expected_table(path: Path, field: str, raw: object) -> ExpectedTable:
    fields = _fields(path, field, raw, _TABLE_FIELDS)
    page = fields["page"]
    if not isinstance(page, int) or isinstance(page, bool) or page < 1:
        raise GridFileError(path, f"{field}.page", "must be a page number from 1")
    return ExpectedTable(page, _rows(path, f"{field}.rows", fields["rows"]))


def _rows(path: Path, field: str, raw: object) -> list[list[str]]:
    """Dense rows: a non-empty list of rows of strings, every row as long as the first."""
    if not isinstance(raw, list) or not raw:
        raise GridFileError(path, field, "must be a non-empty list of rows")
    rows: list[list[str]] = []
    for r, row in enumerate(raw):
        if not isinstance(row, list) or not row:
            raise GridFileError(path, f"{field}[{r}]", "must be a non-empty list of cell texts")
        if len(row) != len(raw[0]):
            message = f"has {len(row)} cells, row 0 has {len(raw[0])}: rows are dense"
            raise GridFileError(path, f"{field}[{r}]", message)
        for c, text in enumerate(row):
            if not isinstance(text, str):
                raise GridFileError(path, f"{field}[{r}][{c}]", "must be a string")
        rows.append(list(row))
    return rows


def cell_key(text: str | None) -> str:
    """What a cell is compared by: its normalized text with every whitespace removed."""
    return "".join(normalize_text(text or "").split())


class Alignment(NamedTuple):
    """For each expected row and column, the found row or column facing it (or None)."""

    rows: list[int | None]
    cols: list[int | None]
    matched: int


Keys = list[list[str]]


def _cell_at(rows: Keys, row: int | None, col: int | None) -> str | None:
    """The cell at an aligned position, or None where there is none (rows may be ragged)."""
    if row is None or col is None or col >= len(rows[row]):
        return None
    return rows[row][col]


def _count_matches(
    expected: Keys, found: Keys, rows: list[int | None], cols: list[int | None]
) -> int:
    """Expected cells whose aligned found cell has the same key."""
    return sum(
        _cell_at(found, rows[r], cols[c]) == key
        for r, row in enumerate(expected)
        for c, key in enumerate(row)
    )


def monotone_pairs(similarity: Sequence[Sequence[int]], width: int) -> list[int | None]:
    """Pair each of n items with at most one of `width`, in order, maximizing total similarity.

    The alignment a diff makes (dynamic programming with no gap cost). Where
    pairing and skipping score the same, the pair is kept, so an expected row
    with no match still faces the found row in its place and a miss shows what
    stood there.
    """
    n = len(similarity)
    best = [[0] * (width + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, width + 1):
            paired = best[i - 1][j - 1] + similarity[i - 1][j - 1]
            best[i][j] = max(paired, best[i - 1][j], best[i][j - 1])
    pairs: list[int | None] = [None] * n
    i, j = n, width
    while i > 0 and j > 0:
        if best[i][j] == best[i - 1][j - 1] + similarity[i - 1][j - 1]:
            pairs[i - 1] = j - 1
            i, j = i - 1, j - 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return pairs


def _align_rows(expected: Keys, found: Keys, cols: list[int | None]) -> Alignment:
    similarity = [
        [
            sum(_cell_at(found, f, cols[c]) == key for c, key in enumerate(row))
            for f in range(len(found))
        ]
        for row in expected
    ]
    rows = monotone_pairs(similarity, len(found))
    return Alignment(rows, cols, _count_matches(expected, found, rows, cols))


def _align_columns(expected: Keys, found: Keys, rows: list[int | None]) -> Alignment:
    width = max((len(row) for row in found), default=0)
    similarity = [
        [
            sum(_cell_at(found, rows[r], f) == row[c] for r, row in enumerate(expected))
            for f in range(width)
        ]
        for c in range(len(expected[0]))
    ]
    cols = monotone_pairs(similarity, width)
    return Alignment(rows, cols, _count_matches(expected, found, rows, cols))


def _offset_columns(count: int, width: int, offset: int) -> list[int | None]:
    """Expected column c faces found column c + offset, where that column exists."""
    return [c + offset if 0 <= c + offset < width else None for c in range(count)]


def align_table(expected: Keys, found: Keys) -> Alignment:
    """The row and column alignment of a found table that matches the most expected cells.

    Starts from the best whole-table column offset with rows aligned under it,
    then realigns columns and rows in turn while the matched count grows, so a
    column lost or gained inside the table costs only that column.
    """
    width = max((len(row) for row in found), default=0)
    count = len(expected[0])
    starts = (
        _align_rows(expected, found, _offset_columns(count, width, offset))
        # Offset 0 first: where offsets tie, the table is taken where it stands.
        for offset in sorted(range(1 - count, max(width, 1)), key=abs)
    )
    best = max(starts, key=lambda alignment: alignment.matched)
    while True:
        candidate = _align_rows(expected, found, _align_columns(expected, found, best.rows).cols)
        if candidate.matched <= best.matched:
            return best
        best = candidate


def _texts(table: FoundTable) -> Keys:
    """A found table's cell texts, None (a slot under a merged cell) read as empty."""
    return [[text or "" for text in row] for row in table.rows]


def _keys(rows: Keys) -> Keys:
    return [[cell_key(text) for text in row] for row in rows]


def _pair_page(expected: list[Keys], found: list[Keys]) -> dict[int, tuple[int, Alignment]]:
    """Expected table index → (found table index, alignment), by optimal assignment on matches."""
    if not found:
        return {}
    alignments = [[align_table(e, f) for f in found] for e in expected]
    matched = np.array([[a.matched for a in row] for row in alignments])
    pairs: dict[int, tuple[int, Alignment]] = {}
    from scipy.optimize import linear_sum_assignment  # scipy costs a second to import

    for e, f in zip(*linear_sum_assignment(matched, maximize=True), strict=True):
        if matched[e, f] > 0:
            pairs[int(e)] = (int(f), alignments[e][f])
    return pairs


def _table_misses(
    doc_id: str, index: int, table: ExpectedTable, found: Keys, alignment: Alignment | None
) -> list[CellMiss]:
    """Every cell of an expected table its paired found table (texts) does not reproduce."""
    misses: list[CellMiss] = []
    for r, row in enumerate(table.rows):
        for c, text in enumerate(row):
            found_text = None
            if alignment is not None:
                found_text = _cell_at(found, alignment.rows[r], alignment.cols[c])
            if found_text is None or cell_key(found_text) != cell_key(text):
                misses.append(CellMiss(doc_id, table.page, index, r, c, text, found_text))
    return misses


def score_grid(
    expected: ExpectedGrid, found: Sequence[FoundTable], doc_id: str | None = None
) -> GridScore:
    """Score a document's found tables against its expected grid, listing every missed cell.

    `doc_id` names the scored document in the misses when it is not the grid's
    own, as when a scan is scored against its text twin's grid.
    """
    misses: list[CellMiss] = []
    for page in sorted({table.page for table in expected.tables}):
        on_page = [table for table in found if table.page == page]
        misses += _page_misses(doc_id or expected.doc_id, expected, page, on_page)
    cells = sum(len(row) for table in expected.tables for row in table.rows)
    return GridScore(cells, cells - len(misses), tuple(sorted(misses, key=_miss_order)))


def _page_misses(
    doc_id: str, expected: ExpectedGrid, page: int, found: Sequence[FoundTable]
) -> list[CellMiss]:
    """The misses of one page's expected tables, each against the found table paired with it."""
    tables = [(index, t) for index, t in enumerate(expected.tables) if t.page == page]
    texts = [_texts(table) for table in found]
    pairs = _pair_page([_keys(t.rows) for _, t in tables], [_keys(rows) for rows in texts])
    misses: list[CellMiss] = []
    for position, (index, table) in enumerate(tables):
        if position in pairs:
            partner, alignment = pairs[position]
            misses += _table_misses(doc_id, index, table, texts[partner], alignment)
        else:
            misses += _table_misses(doc_id, index, table, [], None)
    return misses


def _miss_order(miss: CellMiss) -> tuple[int, int, int]:
    return miss.table, miss.row, miss.col
