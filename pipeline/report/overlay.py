"""A picture of what the layout stage saw on one page, for a person to check.

The page is drawn on the left with every table outlined in red and every cell
in blue, each cell numbered; a panel on the right lists each number with the
cell's repaired text. The sheet is composed as a PDF page with pymupdf's
built-in Japanese font, so no system font is needed, then rendered to PNG.
"""

from dataclasses import dataclass
from pathlib import Path

import pymupdf

from pipeline.layout import PageLayout, turn_box
from pipeline.model import BBox

FONT = "japan"  # pymupdf's built-in CJK font
TABLE_COLOUR = (0.85, 0.1, 0.1)
CELL_COLOUR = (0.1, 0.3, 0.85)


@dataclass(frozen=True)
class OverlaySettings:
    dpi: int = 110
    panel_width: float = 0.8  # the text panel's width as a share of the page's
    max_chars: int = 48  # a cell's text is cut to this many characters in the panel

    def __post_init__(self) -> None:
        if not 36 <= self.dpi <= 600 or self.panel_width <= 0 or self.max_chars < 8:
            raise ValueError("dpi must lie in [36, 600], panel_width > 0 and max_chars >= 8")


def _shown(bbox: BBox, page: pymupdf.Page) -> pymupdf.Rect:
    """A box in the page's unrotated space, as it appears on the page drawn upright."""
    return pymupdf.Rect(turn_box(bbox, page.rotation_matrix))


def _entries(layout: PageLayout, settings: OverlaySettings) -> list[tuple[BBox, str]]:
    entries: list[tuple[BBox, str]] = []
    for t, table in enumerate(layout.tables, start=1):
        for cell in table.cells:
            span = f" ({cell.rowspan}×{cell.colspan})" if cell.rowspan * cell.colspan > 1 else ""
            text = cell.text.replace("\n", " ")
            if len(text) > settings.max_chars:
                text = text[: settings.max_chars - 1] + "…"
            entries.append((cell.bbox, f"T{t} r{cell.row}c{cell.col}{span}: {text}"))
    return entries


def _outline(sheet: pymupdf.Page, source: pymupdf.Page, layout: PageLayout) -> None:
    """Tables and cells drawn over the page."""
    shape = sheet.new_shape()
    for table in layout.tables:
        shape.draw_rect(_shown(table.bbox, source))
        shape.finish(color=TABLE_COLOUR, width=1.6)
        for cell in table.cells:
            shape.draw_rect(_shown(cell.bbox, source))
            shape.finish(color=CELL_COLOUR, width=0.5)
    shape.commit()


def _panel(sheet: pymupdf.Page, left: float, lines: list[str], source: pymupdf.Page) -> None:
    """The numbered texts in as many columns as the page height needs."""
    height = source.rect.height - 20
    size = 6.0
    columns = max(1, -(-len(lines) * size * 1.3 // height))
    width = (sheet.rect.width - left - 10) / columns
    per_column = int(height // (size * 1.3)) or 1
    for i, line in enumerate(lines):
        column, row = divmod(i, per_column)
        x = left + 5 + column * width
        y = 15 + row * size * 1.3
        sheet.insert_text((x, y), line, fontname=FONT, fontsize=size, color=(0, 0, 0))


def render_overlay(
    pdf: pymupdf.Document, layout: PageLayout, out: Path, settings: OverlaySettings | None = None
) -> None:
    """Write the page with its tables and cells outlined, and their texts beside it, as PNG."""
    settings = settings or OverlaySettings()
    source = pdf[layout.page.number - 1]
    page_rect = source.rect
    sheet_doc = pymupdf.open()
    sheet = sheet_doc.new_page(
        width=page_rect.width * (1 + settings.panel_width), height=page_rect.height
    )
    sheet.show_pdf_page(page_rect, pdf, source.number)
    _outline(sheet, source, layout)
    entries = _entries(layout, settings)
    for number, (bbox, _) in enumerate(entries, start=1):
        rect = _shown(bbox, source)
        sheet.insert_text((rect.x0 + 1, rect.y0 + 5), str(number), fontsize=4.5, color=CELL_COLOUR)
    lines = [f"{n}. {label}" for n, (_, label) in enumerate(entries, start=1)]
    lines += [f"warning: {w}" for w in layout.warnings]
    _panel(sheet, page_rect.width, lines or ["no table found on this page"], source)
    out.parent.mkdir(parents=True, exist_ok=True)
    sheet.get_pixmap(dpi=settings.dpi).save(out)
