"""Pages printed sideways: tables read upright, boxes given back in the page's own space.

A landscape table is often placed on a portrait page turned a quarter (or a
page is turned upside down). The text runs up, down or right to left, and
rows become columns. The page's dominant text direction says how far it is
turned (ingest's `Page.turn`); words and ruling lines are turned upright, the
grid is read there, and every box is turned back so that provenance points at
the page as stored.
A page's /Rotate flag needs none of this: pymupdf gives its text and drawings
unrotated, so they already agree.
"""

from dataclasses import replace

import pymupdf

from pipeline.model import BBox, Table, Word


def upright_matrix(turn: int, width: float, height: float) -> pymupdf.Matrix:
    """The matrix taking page coordinates to upright ones for a page of this size."""
    if turn == 90:
        return pymupdf.Matrix(0, 1, -1, 0, height, 0)
    if turn == 270:
        return pymupdf.Matrix(0, -1, 1, 0, 0, width)
    if turn == 180:
        return pymupdf.Matrix(-1, 0, 0, -1, width, height)
    return pymupdf.Matrix(1, 0, 0, 1, 0, 0)


def turn_box(bbox: BBox, matrix: pymupdf.Matrix) -> BBox:
    rect = pymupdf.Rect(bbox) * matrix
    rect.normalize()
    return (rect.x0, rect.y0, rect.x1, rect.y1)


def upright_box(bbox: BBox, turn: int, width: float, height: float) -> BBox:
    """A box of a page turned by `turn` degrees as it reads upright (itself for 0)."""
    return turn_box(bbox, upright_matrix(turn, width, height)) if turn else bbox


def turn_words(words: list[Word], matrix: pymupdf.Matrix) -> list[Word]:
    return [replace(word, bbox=turn_box(word.bbox, matrix)) for word in words]


def turn_table_back(table: Table, matrix: pymupdf.Matrix, originals: dict[Word, Word]) -> Table:
    """A table read upright with its boxes and words put back in page coordinates.

    Row and column edges stay upright: they describe the grid as read.
    """
    back = ~matrix
    cells = [
        replace(
            cell,
            bbox=turn_box(cell.bbox, back),
            words=[originals.get(word, word) for word in cell.words],
        )
        for cell in table.cells
    ]
    return replace(table, bbox=turn_box(table.bbox, back), cells=cells)
