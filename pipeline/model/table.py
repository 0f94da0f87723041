"""The grid model every table strategy produces: cells with boxes, spans and the words they hold.

Raw and repaired text stand side by side on each cell: `raw` is what the page
printed (the provenance an evaluator checks), `text` is what later stages read.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline.model.geometry import BBox, Word


@dataclass(slots=True)
class Cell:
    """One cell of a grid; a merged cell spans rows and columns."""

    row: int
    col: int
    bbox: BBox
    rowspan: int = 1
    colspan: int = 1
    words: list[Word] = field(default_factory=list)
    raw: str = ""
    text: str = ""


@dataclass(frozen=True)
class TableQuality:
    """How far a table can be trusted, in the spirit of camelot's parsing report.

    `accuracy`: share of the words inside the table's box that landed in a cell;
    `whitespace`: share of empty cells; `score`: one figure to choose a strategy by.
    """

    accuracy: float
    whitespace: float

    @classmethod
    def of(cls, accuracy: float, cells: Sequence[Cell]) -> "TableQuality":
        """A quality whose whitespace is the share of `cells` holding no word (1 if none)."""
        empty = sum(1 for cell in cells if not cell.words)
        return cls(accuracy=accuracy, whitespace=empty / len(cells) if cells else 1.0)

    @property
    def score(self) -> float:
        return self.accuracy * (1.0 - 0.5 * self.whitespace)


@dataclass
class Table:
    """A grid found on one page by one strategy."""

    page: int
    bbox: BBox
    column_edges: list[float]
    row_edges: list[float]
    cells: list[Cell]
    strategy: str
    quality: TableQuality = TableQuality(accuracy=0.0, whitespace=1.0)

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.row_edges) - 1, len(self.column_edges) - 1

    def dense(self) -> list[list[str]]:
        """The grid as rows of cell texts, a merged cell's text in every slot it spans."""
        rows, cols = self.shape
        grid = [[""] * cols for _ in range(rows)]
        for cell in self.cells:
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    grid[r][c] = cell.text
        return grid
