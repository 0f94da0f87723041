"""Tables the drawing reader cannot read, found by camelot: lattice for ruling, stream for none.

Camelot costs 0.03 to 1.2 s a page against milliseconds for `pipeline.layout.ruled`,
so it is called only where the ruled reader finds nothing or a poor table. Its
grid is kept; its cell text is not: the pipeline's own words are placed in each
cell the way the ruled reader places them, so raw and folded text mean the
same whichever strategy found the table, and a lattice table scores what the
ruled reader's reading of it would.

Camelot reports coordinates in PDF space (origin bottom-left, unrotated
mediabox); the page's `transformation_matrix` takes them to pymupdf's space
(origin top-left of the crop box), in which the words are.
"""

import inspect
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

import pymupdf

from pipeline.layout.bands import row_bands, row_blocks, rows_above_rules
from pipeline.layout.gaps import column_splits, split_grid
from pipeline.layout.ruled import fill_cells
from pipeline.model import (
    BBox,
    Cell,
    DisjointSets,
    Segment,
    Table,
    TableQuality,
    Word,
    centre_in,
    merged_cell,
)

Engine = Literal["vector", "combined", "raster"]
Flavor = Literal["lattice", "stream"]


@dataclass(frozen=True)
class CamelotSettings:
    """Camelot's options (its names and, but for `engine`, its defaults), and which tables to keep.

    `engine` applies to lattice: "vector" reads the ruling from the page's
    drawings without rendering it, 4 to 12 times faster than camelot's default
    "combined"; `row_tol`, `column_tol` and `edge_tol` apply to stream.
    Tables smaller than `min_rows` × `min_cols` are dropped: stream turns any
    two lines of prose into a one-column "table".
    """

    engine: Engine = "vector"
    line_tol: int = 2  # points: ruling lines closer than this are one line
    joint_tol: int = 2  # points: a line ending this close to another meets it
    row_tol: int = 2  # points: text lines closer than this are one row
    column_tol: int = 0  # points: text edges closer than this are one column
    edge_tol: int = 50  # points: how far apart text lines of one table may lie
    row_gap: float = 3.0  # line heights: stream rows further apart are two tables
    min_rows: int = 2
    min_cols: int = 2
    rule_span: float = 0.9  # share of a stream table's width a horizontal rule must cross
    # Stream lines closer than this many line heights are one row's wrapped lines, where
    # the table also leaves `row_space` line heights or more between some of its lines.
    line_space: float = 0.6
    row_space: float = 1.0

    def __post_init__(self) -> None:
        if not 0 < self.rule_span <= 1:
            raise ValueError("rule_span must lie in (0, 1]")
        if not 0 < self.line_space < self.row_space:
            raise ValueError("line_space must be positive and under row_space")
        if self.engine not in ("vector", "combined", "raster"):
            raise ValueError(f"engine must be vector, combined or raster, not {self.engine!r}")
        tolerances = (self.line_tol, self.joint_tol, self.row_tol, self.column_tol, self.edge_tol)
        if min(tolerances) < 0:
            raise ValueError("tolerances must not be negative")
        if self.row_gap <= 0:
            raise ValueError("row_gap must be positive")
        if self.min_rows < 1 or self.min_cols < 1:
            raise ValueError("min_rows and min_cols must be at least 1")

    def options(self, flavor: Flavor) -> dict[str, Any]:
        """The keyword arguments `camelot.read_pdf` takes for one flavor."""
        if flavor == "stream":
            return {
                "row_tol": self.row_tol,
                "column_tol": self.column_tol,
                "edge_tol": self.edge_tol,
            }
        options: dict[str, Any] = {"line_tol": self.line_tol, "joint_tol": self.joint_tol}
        if engine_supported():
            options["engine"] = self.engine
        return options


@cache
def engine_supported() -> bool:
    """Whether camelot takes `engine`; before camelot 2 lattice always renders the page."""
    from camelot.parsers.lattice import Lattice

    return "engine" in inspect.signature(Lattice.__init__).parameters


def lattice_tables(
    path: Path, page_number: int, words: Sequence[Word], settings: CamelotSettings | None = None
) -> list[Table]:
    """Ruled tables of page `page_number` (1-based) found by camelot lattice."""
    return camelot_tables(path, page_number, words, "lattice", settings or CamelotSettings())


def stream_tables(
    path: Path,
    page_number: int,
    words: Sequence[Word],
    settings: CamelotSettings | None = None,
    rules: Sequence[Segment] = (),
    area: BBox | None = None,
) -> list[Table]:
    """Tables of page `page_number` (1-based) with no column ruling, found by camelot
    stream from text; `rules` are the page's horizontal lines, which bound rows. Given
    an `area` (page space), the table is that area's text, not one camelot looks for."""
    settings = settings or CamelotSettings()
    return camelot_tables(path, page_number, words, "stream", settings, rules, area)


def camelot_tables(
    path: Path,
    page_number: int,
    words: Sequence[Word],
    flavor: Flavor,
    settings: CamelotSettings,
    rules: Sequence[Segment] = (),
    area: BBox | None = None,
) -> list[Table]:
    """One camelot flavor run on one page, its tables turned into the pipeline's grid model."""
    # camelot is imported here, not above: it brings pandas and OpenCV (about
    # 0.6 s and 55 MB), which a document the ruled reader reads never needs.
    from camelot.io import read_pdf

    with pymupdf.open(path) as doc:
        matrix = doc[page_number - 1].transformation_matrix
        alone = page_alone(doc, page_number)
    options = settings.options(flavor)
    if area is not None:
        options["table_areas"] = [_pdf_area(area, matrix)]
    found = read_pdf(alone, pages="1", flavor=flavor, suppress_stdout=True, **options)
    tables = [
        table
        for camelot_table in found
        if camelot_table.cols and camelot_table.rows
        for table in convert_table(
            camelot_table, page_number, words, flavor, matrix, settings, rules
        )
    ]
    kept = [
        t for t in tables if t.shape[0] >= settings.min_rows and t.shape[1] >= settings.min_cols
    ]
    return sorted(kept, key=lambda table: (table.bbox[1], table.bbox[0]))


def page_alone(doc: pymupdf.Document, page_number: int) -> bytes:
    """One page as a PDF of its own, boxes and rotation kept.

    Camelot counts a document's pages by parsing every page object, so each call
    on a page of a long document would cost as much as the whole document.
    """
    with pymupdf.open() as single:
        single.insert_pdf(doc, from_page=page_number - 1, to_page=page_number - 1)
        return bytes(single.tobytes())


def convert_table(
    found: Any,
    page_number: int,
    words: Sequence[Word],
    flavor: Flavor,
    matrix: pymupdf.Matrix,
    settings: CamelotSettings,
    rules: Sequence[Segment] = (),
) -> list[Table]:
    """A camelot table as `Table`s in page space, stream's cut where its rows stand far apart
    and its columns split where the words stand apart (`gaps`)."""
    xs = [_to_page(x, 0.0, matrix)[0] for x in _edges(found.cols)]
    ys = [_to_page(0.0, y, matrix)[1] for y in _edges(found.rows)]
    if flavor == "lattice":
        blocks = [range(len(ys) - 1)]
    else:
        blocks = row_blocks(xs, ys, words, settings.row_gap)
    tables = []
    for b in blocks:
        edges = ys[b.start : b.stop + 1]
        grid, cols = found.cells[b.start : b.stop], xs
        bands = None
        if flavor == "stream":
            bands = row_bands(xs, edges, words, rules, settings)
            above = rows_above_rules(xs, edges, words, bands)
            if above and bands is not None:
                edges, grid, bands = edges[above:], grid[above:], bands[above:]
            cols, grid = split_grid(xs, grid, column_splits(xs, edges, words))
        tables.append(grid_table(grid, cols, edges, words, flavor, page_number, bands))
    return tables


def grid_table(
    grid: Sequence[Sequence[Any]],
    xs: list[float],
    ys: list[float],
    words: Sequence[Word],
    flavor: Flavor,
    page_number: int,
    bands: Sequence[int] | None = None,
) -> Table:
    """Camelot's cells over the given edges, the pipeline's words placed, quality measured;
    rows of one band (`row_bands`) are one row."""
    cells = span_cells(grid, xs, ys, bands)
    bbox = (xs[0], ys[0], xs[-1], ys[-1])
    inside = [word for word in words if centre_in(word, bbox)]
    fill_cells(cells, inside)
    return Table(page_number, bbox, xs, ys, cells, flavor, measure(cells, len(inside), flavor))


def _edges(bands: Sequence[Sequence[float]]) -> list[float]:
    """Camelot's (start, end) bands of columns or rows as the edges between them.

    Stream's bands need not touch; taking each band's end as the next band's
    start gives every point of the table to one row and one column.
    """
    return [float(bands[0][0]), *(float(band[1]) for band in bands)]


def _pdf_area(area: BBox, matrix: pymupdf.Matrix) -> str:
    """A page-space box as camelot's table area: "left,top,right,bottom" in PDF space."""
    back = ~matrix
    corners = [pymupdf.Point(x, y) * back for x in (area[0], area[2]) for y in (area[1], area[3])]
    xs, ys = [p.x for p in corners], [p.y for p in corners]
    return f"{min(xs)},{max(ys)},{max(xs)},{min(ys)}"


def _to_page(x: float, y: float, matrix: pymupdf.Matrix) -> tuple[float, float]:
    point = pymupdf.Point(x, y) * matrix
    return float(point.x), float(point.y)


def span_cells(
    grid: Sequence[Sequence[Any]],
    xs: list[float],
    ys: list[float],
    bands: Sequence[int] | None = None,
) -> list[Cell]:
    """Cells merged where camelot found no border between two slots (lattice's spans).

    Stream marks every side as bordered, so its cells merge only down a rule band:
    rows given the same band are the wrapped lines of one row.
    """
    rows, cols = len(ys) - 1, len(xs) - 1
    slots = DisjointSets((r, c) for r in range(rows) for c in range(cols))
    for r in range(rows):
        same_band = bands is not None and r + 1 < rows and bands[r] == bands[r + 1]
        for c in range(cols):
            if c + 1 < cols and not grid[r][c].right:
                slots.union((r, c), (r, c + 1))
            if r + 1 < rows and (same_band or not grid[r][c].bottom):
                slots.union((r, c), (r + 1, c))
    cells = [merged_cell(group, xs, ys) for group in slots.groups()]
    return sorted(cells, key=lambda cell: (cell.row, cell.col))


def measure(cells: Sequence[Cell], inside: int, flavor: Flavor) -> TableQuality:
    """The ruled reader's quality measure; for stream, camelot's accuracy taken on our words.

    A lattice table's word counts as placed when its centre lies in a cell, as
    in the ruled reader, so one grid scores the same from either. Stream draws
    its columns from text alignment, and text that crosses them says they are
    wrong: there only the share of each word's width inside its cell counts, as
    in camelot's accuracy. Camelot's own figures are not used: its accuracy is
    taken on its text lines, which join the text of neighbouring cells on one
    baseline (a drawn grid read perfectly scores 80-90 %), and describes the
    table before it was cut; its whitespace counts a merged cell's slots as empty.
    """
    if flavor == "lattice":
        held = sum(float(len(cell.words)) for cell in cells)
    else:
        held = sum(_width_inside(word.bbox, cell.bbox) for cell in cells for word in cell.words)
    return TableQuality.of(held / inside if inside else 0.0, cells)


def _width_inside(box: BBox, frame: BBox) -> float:
    """The share of `box`'s width inside `frame`'s; a box with no width counts as inside.

    Widths only: stream's rows are its text lines, and pymupdf's glyph boxes
    (ascender to descender) stand taller than the lines camelot measures.
    """
    width = box[2] - box[0]
    inside = min(box[2], frame[2]) - max(box[0], frame[0])
    return max(0.0, inside) / width if width > 0 else 1.0
