"""Small typed grids for the understanding tests: a Table from rows of cell texts."""

from collections.abc import Mapping, Sequence

from pipeline.layout.continuation import TableRun
from pipeline.model.table import Cell, Table
from pipeline.text import join_wrapped_lines

WIDTH, HEIGHT = 60.0, 20.0


def grid_table(
    rows: Sequence[Sequence[str]],
    page: int = 1,
    spans: Mapping[tuple[int, int], tuple[int, int]] | None = None,
) -> Table:
    """A ruled table of the given texts; `spans` maps a cell's (row, col) to (rowspan, colspan)."""
    spans = spans or {}
    covered: set[tuple[int, int]] = set()
    cells: list[Cell] = []
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            rowspan, colspan = spans.get((r, c), (1, 1))
            covered.update((r + i, c + j) for i in range(rowspan) for j in range(colspan))
            box = (c * WIDTH, r * HEIGHT, (c + colspan) * WIDTH, (r + rowspan) * HEIGHT)
            folded = join_wrapped_lines(text.splitlines())  # as layout folds a cell
            cells.append(Cell(r, c, box, rowspan, colspan, raw=text, text=folded))
    columns = [c * WIDTH for c in range(len(rows[0]) + 1)]
    edges = [r * HEIGHT for r in range(len(rows) + 1)]
    return Table(page, (0.0, 0.0, columns[-1], edges[-1]), columns, edges, cells, "ruled")


def run_of(*tables: Table, repeated: int = 0) -> TableRun:
    return TableRun(list(tables), repeated)
