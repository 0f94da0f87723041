"""A document's pages for the review report: each page as an image, with its tables and cells.

The page is rendered by pymupdf as it is displayed (its `/Rotate` applied) and
the layout stage is run on it again to find its tables and cells, which the
store does not keep. Boxes come from the pipeline in the page's unrotated
space; `PageSheet.shown` turns them into the displayed page's points, the
space the report's overlay is drawn in (an SVG whose view box is the page).
"""

from dataclasses import dataclass
from pathlib import Path

import pymupdf

from pipeline.ingest import open_pdf
from pipeline.layout import LayoutSettings, layout_page, turn_box
from pipeline.model import BBox, Table


@dataclass(frozen=True)
class SheetTable:
    """A table the layout stage found, as shown on the page, with its cells' boxes and texts."""

    label: str
    box: BBox
    cells: tuple[tuple[BBox, str], ...]


@dataclass(frozen=True)
class PageSheet:
    """One page: its image file, displayed size in points, and what the layout stage found.

    `cells` keeps every cell in the page's unrotated space (the space of a fact's
    source box) for placing gold facts; `tables` are as displayed.
    """

    number: int
    image: Path
    width: float
    height: float
    rotation: pymupdf.Matrix
    tables: tuple[SheetTable, ...]
    cells: tuple[tuple[BBox, str], ...]
    warnings: tuple[str, ...]

    def shown(self, box: BBox) -> BBox:
        return turn_box(box, self.rotation)


def _table_label(number: int, table: Table) -> str:
    rows, columns = table.shape
    return f"T{number}: {rows}×{columns} {table.strategy}, quality {table.quality.score:.2f}"


def _sheet_table(number: int, table: Table, rotation: pymupdf.Matrix) -> SheetTable:
    cells = tuple((turn_box(cell.bbox, rotation), cell.text) for cell in table.cells)
    return SheetTable(_table_label(number, table), turn_box(table.bbox, rotation), cells)


def render_page(
    page: pymupdf.Page, image: Path, dpi: int, layout: LayoutSettings | None
) -> PageSheet:
    """Write the page's PNG; with layout settings, also find its tables and cells."""
    image.parent.mkdir(parents=True, exist_ok=True)
    page.get_pixmap(dpi=dpi).save(image)
    rotation = page.rotation_matrix
    tables: list[Table] = []
    warnings: list[str] = []
    if layout is not None:
        found = layout_page(page, layout)
        tables, warnings = found.tables, [str(issue) for issue in found.warnings]
    return PageSheet(
        number=page.number + 1,
        image=image,
        width=page.rect.width,
        height=page.rect.height,
        rotation=rotation,
        tables=tuple(_sheet_table(n, t, rotation) for n, t in enumerate(tables, start=1)),
        cells=tuple((cell.bbox, cell.text) for table in tables for cell in table.cells),
        warnings=tuple(warnings),
    )


def render_pages(
    pdf: Path, folder: Path, dpi: int, layout: LayoutSettings | None
) -> list[PageSheet]:
    """Every page of a PDF as `folder/p<N>.png`; IngestError when the file cannot be read."""
    with open_pdf(pdf) as doc:
        return [render_page(page, folder / f"p{page.number + 1}.png", dpi, layout) for page in doc]
