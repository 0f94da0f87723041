"""OCR of scanned table pages: the grid from the image, the text from Tesseract line by line.

Tesseract run on a whole table scan reads little but the title (its layout
analysis takes ruling for text), so the grid is found first (`image_grid`),
the ruling and dust are erased, and every printed line of every cell, and of
the page outside its tables (`page_text.py`), is read on its own in single-line
mode, enlarged (all lines of a page in one batch, `tesseract.py`). The grid is
built by the ruled strategy's own code from the image's lines turned into
segments, so merged cells come out the same way.

A scan that already carries an OCR text layer is judged cell by cell
(`layer.py`): sound cells keep the layer's text, the others are read again.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

import cv2
import numpy as np
import pymupdf

from pipeline.model import (
    BBox,
    Cell,
    DisjointSets,
    Issue,
    Segment,
    Table,
    TableQuality,
    Word,
    cell_texts,
    enclosing,
    grid_cells,
    group_segments,
    text_lines,
)
from pipeline.ocr.image_grid import (
    Box,
    Frame,
    Image,
    Mask,
    binarize,
    dark,
    is_dash,
    render_grey,
    specks,
    text_rows,
    without_end_specks,
)
from pipeline.ocr.layer import judge_layer, layer_in_cells
from pipeline.ocr.lines import (
    digit_groups,
    join_at_borders,
    join_digits,
    read_lines,
    without_low_specks,
    without_specks,
    without_unsure_dots,
)
from pipeline.ocr.lost_rules import split_at_lost_rules
from pipeline.ocr.noise import without_scan_noise
from pipeline.ocr.page_text import free_line_boxes, free_words, typed_outside
from pipeline.ocr.ruling import find_ruling, skew_angle
from pipeline.ocr.settings import OcrSettings, ocr_problem
from pipeline.ocr.tesseract import Read
from pipeline.text import fold, join_wrapped_lines


@dataclass
class OcrPage:
    """What OCR made of one page: its tables, every word, the skew corrected, what went wrong.

    `words` are those of the cells and those printed outside the tables (the
    title, headings, captions, prose), all read from the image or kept from
    the layer. Boxes are in the page's points. `kept` and `reread` count the cells whose
    existing text layer was kept or read again from the image.
    """

    tables: list[Table]
    words: list[Word]
    skew: float
    warnings: list[Issue] = field(default_factory=list)
    kept: int = 0
    reread: int = 0


Grid = tuple[list[float], list[float], list[Cell]]


@dataclass(frozen=True)
class Scan:
    """A page image made ready for reading: straightened, its ink split into ruling and text."""

    frame: Frame
    grey: Image  # straightened, the grids' ruling and dust painted white: what Tesseract sees
    text: Mask  # ink of the text alone
    erased: Mask  # the ruling's pixels painted white, with the margin around them
    grids: list[Grid]  # every ruled grid of the page, top to bottom, in straightened points


def prepare(page: pymupdf.Page, settings: OcrSettings) -> Scan:
    """Render, straighten, find the ruling and its grids, and erase the grids' ruling and
    the dust from the image.

    Ruling outside every grid stays: the strokes of large print (a title's 振 or 興)
    can meet as a ruling line meets its crossing lines, and erasing them would cut
    the glyphs apart. A frame around a note is left to the line finder, which sets
    long strokes aside.
    """
    grey = render_grey(page, settings.dpi)
    window = round(settings.threshold_window * settings.scale)
    line = round(settings.min_line * settings.scale)
    ink = binarize(grey, window)
    angle = skew_angle(ink, line, settings.max_skew, settings.broken_rules)
    frame = Frame.turned(grey.shape[1], grey.shape[0], angle, settings.scale)
    straight = frame.straighten(grey) if angle else grey
    ink = binarize(straight, window) if angle else ink
    ruling = find_ruling(ink, line, settings.scale, settings.touch, settings.broken_rules)
    grids = _grids(ruling.segments, settings)
    border = cv2.dilate(ruling.pixels.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    border &= _within(border.shape, [grid_outline(grid, settings.scale) for grid in grids])
    clean = np.where(border, np.uint8(255), straight).astype(np.uint8)
    text = dark(clean)
    dust = specks(text, round((settings.speck * settings.scale) ** 2))
    clean[dust] = 255
    return Scan(frame, clean, text & ~dust, border, grids)


def _within(shape: tuple[int, ...], boxes: Sequence[Box]) -> Mask:
    """The pixels inside any of the boxes, with the margin a border's thickness needs."""
    inside = np.zeros(shape, dtype=bool)
    margin = 4
    for x0, y0, x1, y1 in boxes:
        inside[max(0, y0 - margin) : y1 + margin, max(0, x0 - margin) : x1 + margin] = True
    return inside


def ocr_page(page: pymupdf.Page, settings: OcrSettings, layer: Sequence[Word] = ()) -> OcrPage:
    """The tables of a scanned page, read by OCR, or kept from `layer` where it is sound.

    Without a usable Tesseract nothing is read: no tables, the warning from
    `ocr_problem`, and `layer` handed back as the page's words, so that a
    later stage may still use an existing text layer as it is.
    """
    number = page.number + 1
    problem = ocr_problem(settings)
    if problem:
        issue = Issue("error", "ocr-unavailable", "ocr", problem, number)
        return OcrPage([], list(layer), 0.0, [issue])
    scan = prepare(page, settings)
    grids = scan.grids
    plans = [_plan(scan, cells, layer, settings) for _, _, cells in grids]
    boxes = [box for plan in plans for _, box in plan.rows]
    strips = [box for plan in plans for cells, box in plan.rows if len(cells) > 1]
    outlines = [grid_outline(grid, scan.frame.scale) for grid in grids]
    typed = typed_outside(scan.frame, outlines, layer)
    free = free_line_boxes(_uncovered(scan, typed), outlines, settings)
    found, warnings = read_lines(bridge_borders(scan, strips), boxes + free, settings)
    tables: list[Table] = []
    low = settings.min_text * settings.scale
    found[: len(boxes)] = without_low_specks(found[: len(boxes)], boxes, settings.unsure)
    for grid, plan in zip(grids, plans, strict=True):
        read, found = found[: len(plan.rows)], found[len(plan.rows) :]
        read = [without_unsure_dots(without_specks(line, low), settings.unsure) for line in read]
        tables.append(_table(number, scan.frame, grid, plan, read))
    words = [word for table in tables for cell in table.cells for word in cell.words] + typed
    for line, box in zip(found, free, strict=True):
        words += [_word(scan.frame, read) for read in free_words(line, box, settings.unsure)]
    kept = sum(len(plan.kept) for plan in plans)
    reread = sum(len(plan.reread) for plan in plans)
    issues = [Issue("warning", "ocr-failed", "ocr", warning, number) for warning in warnings]
    return OcrPage(tables, words, scan.frame.angle, issues, kept, reread)


def _grids(segments: list[Segment], settings: OcrSettings) -> list[Grid]:
    """Every ruled grid of the page, top to bottom, in straightened points."""
    grids: list[Grid] = []
    for group in group_segments(segments, settings.ruled.snap):
        xs, ys, cells = grid_cells(group, settings.ruled)
        if cells:
            grids.append((xs, ys, cells))
    return sorted(grids, key=lambda grid: (grid[1][0], grid[0][0]))


def grid_outline(grid: Grid, scale: float) -> Box:
    """A grid's outline in straightened pixels."""
    xs, ys, _ = grid
    return round(xs[0] * scale), round(ys[0] * scale), round(xs[-1] * scale), round(ys[-1] * scale)


@dataclass(frozen=True)
class _Plan:
    """Per grid: the layer words kept for each cell, and the printed lines to read instead.

    A printed line that runs across inner borders is one strip over the cells it
    crosses; its words go back to those cells by their centres.
    """

    kept: dict[int, list[Word]]  # cell index → layer words
    rows: list[tuple[tuple[int, ...], Box]]  # (cells, line box in straightened pixels) to read
    dashes: list[tuple[int, Box]]  # lines that are a lone dash, read without Tesseract

    @property
    def reread(self) -> set[int]:
        """The cells read from the image."""
        return {index for cells, _ in self.rows for index in cells} | {
            index for index, _ in self.dashes
        }


def _plan(scan: Scan, cells: list[Cell], layer: Sequence[Word], settings: OcrSettings) -> _Plan:
    """Which cells keep their layer text and which printed lines must be read from the image.

    Ink under a kept layer word is not read again, though it lie in the next
    cell: text that runs over a border belongs to the cell it starts in. Layer
    words over a cell that holds no ink are a border or a speck misread, and
    are not kept.
    """
    least = 3 * round((settings.speck * settings.scale) ** 2)
    placed = layer_in_cells(scan.frame, cells, layer)
    sound = judge_layer(cells, placed)
    kept = {
        index: placed[index]
        for index, ok in enumerate(sound)
        if ok and _ink(scan.text, _inside(cells[index].bbox, settings.scale)) >= least
    }
    ink = _uncovered(scan, [word for words in kept.values() for word in words])
    lines: list[tuple[int, Box]] = []
    dashes: list[tuple[int, Box]] = []
    thin = round(settings.dash * settings.scale)
    low = round(settings.min_text * settings.scale)
    for index, cell in enumerate(cells):
        if index in kept:
            continue
        for box in text_rows(ink, _inside(cell.bbox, settings.scale), low):
            if _ink(ink, box) < least:
                continue
            if is_dash(ink, box, thin):
                dashes.append((index, box))
            elif (printed := without_end_specks(ink, box, low)) is not None:
                lines.append((index, printed))
    return _Plan(kept, join_across_borders(cells, lines, settings), dashes)


def join_across_borders(
    cells: list[Cell], lines: list[tuple[int, Box]], settings: OcrSettings
) -> list[tuple[tuple[int, ...], Box]]:
    """Printed lines of side-by-side cells joined into one strip where the ink runs on over
    the border between them.

    A line whose ink ends right at a border, continued by a line of the next
    cell whose ink starts right after it, on the same band, is one printed
    line the border was drawn through. Read in two parts, the character under
    the border is lost and each part is read without its context; read as one
    strip, the line comes out whole. Text kept clear of the border (a
    right-aligned number, a label with its padding) is never joined.

    The right part tells most: a cell pads its text by about half a line
    height, so ink starting hard against the border was printed under it. The
    left part may then end up to a character short of the border, since `、`
    and `。` sit in the left half of their square.
    """
    strips = DisjointSets(range(len(lines)))
    for a, (left, box_a) in enumerate(lines):
        for b, (right, box_b) in enumerate(lines):
            if _runs_on(cells[left], box_a, cells[right], box_b, settings):
                strips.union(a, b)
    joined: list[tuple[tuple[int, ...], Box]] = []
    for members in strips.groups():
        box = enclosing([lines[n][1] for n in members])
        joined.append((tuple(sorted({lines[n][0] for n in members})), box))
    return sorted(joined, key=lambda line: (line[0][0], line[1][1]))


# In line heights: how far from a border the ink of a line running across it lies.
_REACH = 0.4  # on both sides
_SNUG = 0.25  # on the right, closer than any cell's padding
_SHORT = 1.0  # on the left, when the right part is snug: one character's width
# One line's two parts are printed at one size: a part this much taller holds more than
# print (a tick drawn through it, a second line).
_TALLER = 1.6


def _runs_on(left: Cell, a: Box, right: Cell, b: Box, settings: OcrSettings) -> bool:
    """Whether line `a` of cell `left` runs on over their shared border into line `b`."""
    if abs(left.bbox[2] - right.bbox[0]) > settings.touch:
        return False
    overlap = min(a[3], b[3]) - max(a[1], b[1])
    low, height = sorted((a[3] - a[1], b[3] - b[1]))
    if overlap * 2 <= low or height > _TALLER * low:
        return False
    border = left.bbox[2] * settings.scale
    before, after = (border - a[2]) / height, (b[0] - border) / height
    return max(before, after) <= _REACH or (after <= _SNUG and before <= _SHORT)


def bridge_borders(scan: Scan, strips: Sequence[Box]) -> Image:
    """The cleaned image with the erased ruling filled in from the ink beside it, inside
    each strip: strokes the border was drawn through join up again."""
    if not strips:
        return scan.grey
    grey = scan.grey.copy()
    for x0, y0, x1, y1 in strips:
        hole = scan.erased[y0:y1, x0:x1].astype(np.uint8)
        region = np.ascontiguousarray(grey[y0:y1, x0:x1])
        grey[y0:y1, x0:x1] = cv2.inpaint(region, hole, 3, cv2.INPAINT_TELEA)
    return grey


def _uncovered(scan: Scan, words: list[Word]) -> Mask:
    """The text ink less what the given layer words (page points) already cover."""
    if not words:
        return scan.text
    ink = scan.text.copy()
    scale = scan.frame.scale
    for word in words:
        x0, y0 = scan.frame.to_straight(word.bbox[0], word.bbox[1])
        x1, y1 = scan.frame.to_straight(word.bbox[2], word.bbox[3])
        ink[
            round(y0 * scale) : round(y1 * scale) + 1, round(x0 * scale) : round(x1 * scale) + 1
        ] = False
    return ink


def _ink(ink: Mask, box: Box) -> int:
    return int(np.count_nonzero(ink[box[1] : box[3], box[0] : box[2]]))


def _inside(bbox: BBox, scale: float) -> Box:
    """A cell's pixels less a margin, so no remnant of its border is read as text."""
    x0, y0, x1, y1 = (round(v * scale) for v in bbox)
    margin = 2
    return x0 + margin, y0 + margin, max(x0 + margin, x1 - margin), max(y0 + margin, y1 - margin)


def _table(number: int, frame: Frame, grid: Grid, plan: _Plan, read: list[list[Read]]) -> Table:
    """The grid turned back into page points, each cell holding its kept or read words.

    Quality: `accuracy` is Tesseract's mean confidence over the words it read
    (kept layer words and dashes count as sure); `whitespace` the share of empty cells.
    """
    xs, ys, cells = grid
    words: dict[int, list[Word]] = {index: list(kept) for index, kept in plan.kept.items()}
    sure = [100.0] * (sum(len(kept) for kept in plan.kept.values()) + len(plan.dashes))
    confidences = sure + [word.confidence for line in read for word in line]
    for (indices, _), line in zip(plan.rows, read, strict=True):
        borders = [cells[index].bbox[2] * frame.scale for index in indices[:-1]]
        for word in join_at_borders(join_digits(line), borders):
            index = _owner(cells, indices, word, frame.scale)
            words.setdefault(index, []).append(_word(frame, word))
    for index, box in plan.dashes:
        words.setdefault(index, []).append(_word(frame, Read("-", box, 100.0)))
    middle_x, middle_y = (xs[0] + xs[-1]) / 2, (ys[0] + ys[-1]) / 2
    columns = [frame.to_page((x, middle_y, x, middle_y))[0] for x in xs]
    rows = [frame.to_page((middle_x, y, middle_x, y))[1] for y in ys]
    placed = split_at_lost_rules(
        [_placed(frame, cell, words.get(index, [])) for index, cell in enumerate(cells)],
        rows,
        _texts,
    )
    confidence = sum(confidences) / (100 * len(confidences)) if confidences else 0.0
    quality = TableQuality.of(confidence, placed)
    bbox = frame.to_page((xs[0], ys[0], xs[-1], ys[-1]))
    return Table(number, bbox, columns, rows, placed, "ocr", quality)


def _owner(cells: list[Cell], indices: tuple[int, ...], word: Read, scale: float) -> int:
    """The cell of a strip whose columns hold the word's centre (a word over a border is
    one word; the layout stage sees it cross and merges the cells)."""
    centre = (word.box[0] + word.box[2]) / 2 / scale
    return min(
        indices,
        key=lambda i: max(cells[i].bbox[0] - centre, centre - cells[i].bbox[2], 0.0),
    )


def _placed(frame: Frame, cell: Cell, words: list[Word]) -> Cell:
    """The cell in page points with its words and their texts, as `ruled.fill_cells` gives them;
    its text without the marks the scan left, its raw text as read."""
    raw, text = _texts(words)
    box = frame.to_page(cell.bbox)
    return Cell(cell.row, cell.col, box, cell.rowspan, cell.colspan, words, raw, text)


def _texts(words: list[Word]) -> tuple[str, str]:
    """A read cell's raw text, and its text without the marks the scan left."""
    raw, _ = cell_texts(words)
    lines = (without_scan_noise(" ".join(w.text for w in line)) for line in text_lines(words))
    return raw, join_wrapped_lines([line for line in lines if line.strip()])


def _word(frame: Frame, read: Read) -> Word:
    """A word read in the straightened image, its box in page points."""
    box = tuple(v / frame.scale for v in read.box)
    text = digit_groups(fold(read.text))
    return Word(text, read.text, frame.to_page((box[0], box[1], box[2], box[3])))
