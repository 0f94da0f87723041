"""A page's free lines: the printed lines outside its tables, read upright.

Understanding reads headings, captions, titles, lists and statements from them; they
are folded here, once, as the tables' cells are.
"""

from collections.abc import Sequence
from dataclasses import replace

from pipeline.layout.orient import upright_box
from pipeline.layout.pages import PageLayout
from pipeline.model import BBox, Centres, Line, Table, centre_in, enclosing, text_lines


def free_lines(layout: PageLayout) -> list[Line]:
    """The page's printed lines outside its tables, top to bottom.

    On a page printed sideways the lines are read upright, with upright boxes, as its
    tables were; `upright(table, layout)` gives a table's box in the same frame. A word
    in a typed table's box is the table's; on a scan, only where one of its cells holds
    it, for a skewed scan's table, boxed upright, takes in the ends of the title above.
    """
    size = _size(layout)
    words = [
        replace(word, bbox=upright_box(word.bbox, layout.turn, *size))
        for word in layout.words
        if not word.invisible
    ]
    held: set[int] = set()
    for table in layout.tables:
        box = upright(table, layout)
        boxed = [word for word in words if centre_in(word, box)]
        if table.strategy == "ocr":  # a scan's cells, each boxed upright, tile no box
            index = Centres(boxed)
            cells = [upright_box(cell.bbox, layout.turn, *size) for cell in table.cells]
            boxed = [word for cell in cells for word in index.within(cell)]
        held.update(id(word) for word in boxed)
    outside = [word for word in words if id(word) not in held]
    return [
        Line(
            " ".join(word.raw for word in line),
            layout.page.number,
            enclosing([word.bbox for word in line]),
        )
        for line in text_lines(outside)
    ]


def page_lines(pages: Sequence[PageLayout]) -> dict[int, list[Line]]:
    """Each page's free lines by page number, read once for every table that looks above."""
    return {page.page.number: free_lines(page) for page in pages}


def upright(table: Table, layout: PageLayout) -> BBox:
    """A table's box as its page reads upright, the frame its page's free lines are in."""
    return upright_box(table.bbox, layout.turn, *_size(layout))


def cell_line(cell_raw: str, cell_box: BBox, layout: PageLayout) -> Line:
    """A cell's print as a free line of its page, in the page's upright frame."""
    return Line(cell_raw, layout.page.number, upright_box(cell_box, layout.turn, *_size(layout)))


def _size(layout: PageLayout) -> tuple[float, float]:
    return layout.page.width, layout.page.height
