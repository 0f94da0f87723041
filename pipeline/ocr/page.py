"""OCR of scanned table pages: the grid from the image, the text from Tesseract line by line.

Tesseract run on a whole table scan reads little but the title (its layout
analysis takes ruling for text), so the grid is found first (`image_grid`),
the ruling and dust are erased, and every printed line of every cell is read
on its own in single-line mode, enlarged (all lines of a page in one batch,
`tesseract.py`). The grid is built by the ruled strategy's own code from the
image's lines turned into segments, so merged cells come out the same way.

A scan that already carries an OCR text layer is judged cell by cell
(`ocr_layer.py`): sound cells keep the layer's text, the others are read again.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import cv2
import numpy as np
import pymupdf

from pipeline.model import (
    BBox,
    Cell,
    DisjointSets,
    Issue,
    RuledSettings,
    Table,
    TableQuality,
    Word,
    cell_texts,
    enclosing,
    grid_cells,
    group_segments,
)
from pipeline.ocr.image_grid import (
    Box,
    Frame,
    Image,
    Mask,
    binarize,
    dark,
    find_ruling,
    is_dash,
    render_grey,
    skew_angle,
    specks,
    text_rows,
)
from pipeline.ocr.layer import judge_layer
from pipeline.ocr.tesseract import Read, Tesseract, is_unsure, more_confident
from pipeline.text import fold


@dataclass(frozen=True)
class OcrSettings:
    """How scans are rendered, cleaned, ruled and read; lengths in points so any dpi works."""

    dpi: int = 300  # render resolution: Tesseract reads 7-point text poorly below 300
    language: str = "jpn"  # Tesseract language(s), `jpn+eng` style
    numeric_language: str = "eng"  # reads again lines of digits and signs alone; "" for none
    max_skew: float = 5.0  # degrees: a larger angle is a turned page, not a skewed scan
    min_line: float = 12.0  # points: the shortest ink run taken for a ruling line
    touch: float = 1.5  # points: a line ending this close to another meets it
    speck: float = 0.55  # points: ink blobs smaller than this square are dust
    dash: float = 1.2  # points: a lone flat stroke no thicker than this is a dash
    threshold_window: float = 7.5  # points: neighbourhood of the adaptive threshold
    upscale: float = 1.5  # each text line is enlarged this much before Tesseract
    second_upscale: float = 1.25  # an unsure line is read again enlarged this much
    unsure: float = 70.0  # a line holding a word Tesseract scores below this (0–100) is unsure
    workers: int = 2  # Tesseract processes run side by side, one model load each
    timeout: float = 600.0  # seconds one Tesseract process may take
    tesseract: str = "tesseract"  # the command
    ruled: RuledSettings = field(default_factory=lambda: RuledSettings(snap=3.0))

    def __post_init__(self) -> None:
        if not 72 <= self.dpi <= 1200:
            raise ValueError("dpi must lie in [72, 1200]")
        names = r"[A-Za-z_]+(\+[A-Za-z_]+)*"
        if not re.fullmatch(names, self.language) or not re.fullmatch(
            f"({names})?", self.numeric_language
        ):
            raise ValueError("language must be Tesseract language names joined by '+'")
        lengths = (
            self.min_line,
            self.touch,
            self.speck,
            self.dash,
            self.threshold_window,
            self.max_skew,
        )
        if min(lengths) <= 0 or min(self.upscale, self.second_upscale) < 1 or self.timeout <= 0:
            raise ValueError("lengths, max_skew and timeout must be positive, upscales at least 1")
        if not 0 <= self.unsure <= 100:
            raise ValueError("unsure must lie in [0, 100]")
        if self.workers < 1:
            raise ValueError("workers must be at least 1")

    @property
    def scale(self) -> float:
        """Pixels per point of the rendered page."""
        return self.dpi / 72

    @property
    def engine(self) -> Tesseract:
        """Tesseract as these settings call it, at the dpi of the enlarged line images."""
        return self.engine_at(self.upscale)

    def engine_at(self, upscale: float) -> Tesseract:
        """Tesseract at the dpi of line images enlarged `upscale` times."""
        dpi = round(self.dpi * upscale)
        return Tesseract(self.tesseract, self.language, dpi, self.workers, self.timeout)

    @property
    def numeric_engine(self) -> Tesseract | None:
        """Tesseract with the Latin model for numeric lines; None when not asked for or not
        installed."""
        if not self.numeric_language:
            return None
        engine = replace(self.engine, language=self.numeric_language)
        return None if engine.problem() else engine


def ocr_problem(settings: OcrSettings) -> str | None:
    """None when Tesseract and the language data are usable; otherwise a warning that names
    the Debian packages to install (`apt-get install tesseract-ocr tesseract-ocr-jpn`)."""
    return settings.engine.problem()


@dataclass
class OcrPage:
    """What OCR made of one page: its tables, every word, the skew corrected, what went wrong.

    Boxes are in the page's points. `kept` and `reread` count the cells whose
    existing text layer was kept or read again from the image.
    """

    tables: list[Table]
    words: list[Word]
    skew: float
    warnings: list[Issue] = field(default_factory=list)
    kept: int = 0
    reread: int = 0


@dataclass(frozen=True)
class Scan:
    """A page image made ready for reading: straightened, its ink split into ruling and text."""

    frame: Frame
    grey: Image  # straightened, ruling and dust painted white: what Tesseract sees
    text: Mask  # ink of the text alone
    erased: Mask  # the ruling's pixels painted white, with the margin around them
    segments: list[tuple[float, float, float, float]]  # ruling, straightened points


def prepare(page: pymupdf.Page, settings: OcrSettings) -> Scan:
    """Render, straighten, find the ruling, and erase it and the dust from the image."""
    grey = render_grey(page, settings.dpi)
    window = round(settings.threshold_window * settings.scale)
    line = round(settings.min_line * settings.scale)
    angle = skew_angle(binarize(grey, window), line, settings.max_skew)
    frame = Frame.turned(grey.shape[1], grey.shape[0], angle, settings.scale)
    straight = frame.straighten(grey) if angle else grey
    ink = binarize(straight, window)
    ruling = find_ruling(ink, line, settings.scale, settings.touch)
    border = cv2.dilate(ruling.pixels.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    clean = np.where(border, np.uint8(255), straight).astype(np.uint8)
    text = dark(clean)
    dust = specks(text, round((settings.speck * settings.scale) ** 2))
    clean[dust] = 255
    return Scan(frame, clean, text & ~dust, border, ruling.segments)


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
    grids = _grids(scan, settings)
    plans = [_plan(scan, cells, layer, settings) for _, _, cells in grids]
    boxes = [box for plan in plans for _, box in plan.rows]
    strips = [box for plan in plans for cells, box in plan.rows if len(cells) > 1]
    found, warnings = read_lines(bridge_borders(scan, strips), boxes, settings)
    tables: list[Table] = []
    for grid, plan in zip(grids, plans, strict=True):
        read, found = found[: len(plan.rows)], found[len(plan.rows) :]
        tables.append(_table(number, scan.frame, grid, plan, read))
    words = [word for table in tables for cell in table.cells for word in cell.words]
    kept = sum(len(plan.kept) for plan in plans)
    reread = sum(len(plan.reread) for plan in plans)
    issues = [Issue("warning", "ocr-failed", "ocr", warning, number) for warning in warnings]
    return OcrPage(tables, words, scan.frame.angle, issues, kept, reread)


Grid = tuple[list[float], list[float], list[Cell]]


def _grids(scan: Scan, settings: OcrSettings) -> list[Grid]:
    """Every ruled grid of the page, top to bottom, in straightened points."""
    grids: list[Grid] = []
    for group in group_segments(scan.segments, settings.ruled.snap):
        xs, ys, cells = grid_cells(group, settings.ruled)
        if cells:
            grids.append((xs, ys, cells))
    return sorted(grids, key=lambda grid: (grid[1][0], grid[0][0]))


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
    cell: text that runs over a border belongs to the cell it starts in.
    """
    placed = _layer_in_cells(scan.frame, cells, layer)
    sound = judge_layer(cells, placed)
    kept = {index: placed[index] for index, ok in enumerate(sound) if ok}
    ink = _uncovered(scan, [word for words in kept.values() for word in words])
    lines: list[tuple[int, Box]] = []
    dashes: list[tuple[int, Box]] = []
    least = 3 * round((settings.speck * settings.scale) ** 2)
    thin = round(settings.dash * settings.scale)
    for index, cell in enumerate(cells):
        if index in kept:
            continue
        for box in text_rows(ink, _inside(cell.bbox, settings.scale)):
            if int(ink[box[1] : box[3], box[0] : box[2]].sum()) < least:
                continue
            (dashes if is_dash(ink, box, thin) else lines).append((index, box))
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


def _runs_on(left: Cell, a: Box, right: Cell, b: Box, settings: OcrSettings) -> bool:
    """Whether line `a` of cell `left` runs on over their shared border into line `b`."""
    if abs(left.bbox[2] - right.bbox[0]) > settings.touch:
        return False
    overlap = min(a[3], b[3]) - max(a[1], b[1])
    height = max(a[3] - a[1], b[3] - b[1])
    if overlap * 2 <= min(a[3] - a[1], b[3] - b[1]):
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


def _inside(bbox: BBox, scale: float) -> Box:
    """A cell's pixels less a margin, so no remnant of its border is read as text."""
    x0, y0, x1, y1 = (round(v * scale) for v in bbox)
    margin = 2
    return x0 + margin, y0 + margin, max(x0 + margin, x1 - margin), max(y0 + margin, y1 - margin)


def _layer_in_cells(frame: Frame, cells: list[Cell], layer: Sequence[Word]) -> list[list[Word]]:
    """The layer words of each cell, placed by their centre turned into the straightened frame."""
    centres = [
        frame.to_straight((w.bbox[0] + w.bbox[2]) / 2, (w.bbox[1] + w.bbox[3]) / 2) for w in layer
    ]
    placed: list[list[Word]] = []
    for cell in cells:
        x0, y0, x1, y1 = cell.bbox
        placed.append(
            [w for w, (x, y) in zip(layer, centres, strict=True) if x0 <= x <= x1 and y0 <= y <= y1]
        )
    return placed


_PAD = 8  # white pixels around each line image: Tesseract misreads glyphs touching the edge


def read_lines(
    grey: Image, boxes: Sequence[Box], settings: OcrSettings
) -> tuple[list[list[Read]], list[str]]:
    """The words of each printed line (boxes in the page image's pixels), and any warnings.

    Tesseract's line model reads the same glyphs differently at different
    sizes: at one it invents a character between two (`予 お 算`) or takes one
    for a likeness (`シ` for `ツ`), at another it reads the line right, and is
    surer of it. So a line holding a word Tesseract is unsure of is read
    again at a second enlargement, and the more confident reading is kept.
    """
    found, warnings = _read_at(grey, boxes, settings, settings.upscale)
    unsure = [n for n, line in enumerate(found) if is_unsure(line, settings.unsure)]
    again, more = _read_at(grey, [boxes[n] for n in unsure], settings, settings.second_upscale)
    for n, line in zip(unsure, again, strict=True):
        found[n] = more_confident(found[n], line)
    return found, warnings + more


def _read_at(
    grey: Image, boxes: Sequence[Box], settings: OcrSettings, upscale: float
) -> tuple[list[list[Read]], list[str]]:
    """Lines read enlarged `upscale` times: by the main model, numeric lines by the Latin one."""
    engine = settings.engine_at(upscale)
    found, warnings = _read_enlarged(engine, grey, boxes, upscale)
    numeric = settings.numeric_engine
    if numeric is not None:
        latin = replace(numeric, dpi=engine.dpi)
        warnings += _reread_numbers(latin, grey, boxes, found, upscale)
    return found, warnings


def _read_enlarged(
    engine: Tesseract, grey: Image, boxes: Sequence[Box], upscale: float
) -> tuple[list[list[Read]], list[str]]:
    """Lines cut out, enlarged `upscale` times and read; the word boxes in the page's pixels."""
    images = [_line_image(grey, box, upscale) for box in boxes]
    found, warnings = engine.read(images)
    moved = [
        [_to_page_pixels(read, box, upscale) for read in line]
        for line, box in zip(found, boxes, strict=True)
    ]
    return moved, warnings


# A line of digits, separators, signs and brackets alone: `(+1,000)`, `(-0.9)`, `4.5%`.
_NUMERIC_LINE = re.compile(r"[\d,.()（）+\-−△▲%％ ]*\d[\d,.()（）+\-−△▲%％ ]*")


def _reread_numbers(
    engine: Tesseract, grey: Image, boxes: Sequence[Box], found: list[list[Read]], upscale: float
) -> list[str]:
    """Numeric lines read again with the Latin model, whose reading replaces the first
    where it too is numeric.

    The Japanese model drops the small `+` and `(` of a bracketed difference
    (`(+72)` → `72)`, `(+0)` → `(0)`); the Latin model, trained on such marks,
    keeps them. Lines holding any other character keep the Japanese reading.
    """
    lines = [n for n, line in enumerate(found) if _NUMERIC_LINE.fullmatch(_text(line))]
    again, warnings = _read_enlarged(engine, grey, [boxes[n] for n in lines], upscale)
    for n, line in zip(lines, again, strict=True):
        if line and _NUMERIC_LINE.fullmatch(_text(line)):
            found[n] = line
    return warnings


def _text(line: list[Read]) -> str:
    return " ".join(read.text for read in line)


def _line_image(grey: Image, box: Box, upscale: float) -> Image:
    """A line cut out with a white margin and enlarged: Tesseract reads 7-point text better so."""
    x0, y0, x1, y1 = box
    line = cv2.copyMakeBorder(
        grey[y0:y1, x0:x1], _PAD, _PAD, _PAD, _PAD, cv2.BORDER_CONSTANT, value=255
    )
    if upscale == 1:
        return np.asarray(line, dtype=np.uint8)
    enlarged = cv2.resize(line, None, fx=upscale, fy=upscale, interpolation=cv2.INTER_CUBIC)
    return np.asarray(enlarged, dtype=np.uint8)


def _to_page_pixels(read: Read, box: Box, upscale: float) -> Read:
    """A word's box moved from its line image into the straightened page."""
    x0, y0, x1, y1 = (v / upscale - _PAD for v in read.box)
    return Read(read.text, (x0 + box[0], y0 + box[1], x1 + box[0], y1 + box[1]), read.confidence)


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
    placed = [_placed(frame, cell, words.get(index, [])) for index, cell in enumerate(cells)]
    middle_x, middle_y = (xs[0] + xs[-1]) / 2, (ys[0] + ys[-1]) / 2
    columns = [frame.to_page((x, middle_y, x, middle_y))[0] for x in xs]
    rows = [frame.to_page((middle_x, y, middle_x, y))[1] for y in ys]
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


def join_at_borders(line: list[Read], borders: Sequence[float]) -> list[Read]:
    """Words of a strip rejoined where the two words flanking a border it crosses meet there.

    The strip was joined because its ink runs on over the border, so the words
    either side of it, less than a character's width apart, are one word: it
    keeps its place across the border for the layout stage to see.
    """
    joined: list[Read] = []
    for word in line:
        if joined and any(_meet_at(joined[-1], word, border) for border in borders):
            joined[-1] = _joined(joined[-1], word)
        else:
            joined.append(word)
    return joined


def _meet_at(left: Read, right: Read, border: float) -> bool:
    height = max(left.box[3] - left.box[1], right.box[3] - right.box[1])
    centres = (left.box[0] + left.box[2]) / 2, (right.box[0] + right.box[2]) / 2
    gap = right.box[0] - left.box[2]
    return centres[0] <= border < centres[1] and gap < height


def _joined(left: Read, right: Read) -> Read:
    box = (
        min(left.box[0], right.box[0]),
        min(left.box[1], right.box[1]),
        max(left.box[2], right.box[2]),
        max(left.box[3], right.box[3]),
    )
    return Read(left.text + right.text, box, min(left.confidence, right.confidence))


def join_digits(line: list[Read]) -> list[Read]:
    """Words of a line rejoined where Tesseract split a number between two digits.

    A digit's ink is narrower than its advance (`1` most of all), so Tesseract
    sees a word gap inside `15` or `100`; a table cell never means `1 5`.
    """
    joined: list[Read] = []
    for word in line:
        if joined and _splits_number(joined[-1], word):
            joined[-1] = _joined(joined[-1], word)
        else:
            joined.append(word)
    return joined


def _splits_number(left: Read, right: Read) -> bool:
    height = max(left.box[3] - left.box[1], right.box[3] - right.box[1])
    gap = right.box[0] - left.box[2]
    return left.text[-1].isdigit() and right.text[0].isdigit() and gap < 1.5 * height


def _placed(frame: Frame, cell: Cell, words: list[Word]) -> Cell:
    """The cell in page points with its words and their texts, as `ruled.fill_cells` gives them."""
    raw, text = cell_texts(words)
    box = frame.to_page(cell.bbox)
    return Cell(cell.row, cell.col, box, cell.rowspan, cell.colspan, words, raw, text)


def _word(frame: Frame, read: Read) -> Word:
    """A word read in the straightened image, its box in page points."""
    box = tuple(v / frame.scale for v in read.box)
    text = digit_groups(fold(read.text))
    return Word(text, read.text, frame.to_page((box[0], box[1], box[2], box[3])))


# Tesseract takes a thousands comma for a period, or reads both, at small sizes.
_DOUBLED_SEPARATOR = re.compile(r"(?<=\d)(?:,\.|\.,)(?=\d{3}(?!\d))")
_PERIOD_AS_COMMA = re.compile(r"(?<![\d.,])([1-9]\d{0,2})\.(?=\d{3}(?!\d))")


def digit_groups(text: str) -> str:
    """Thousands separators as printed: `28,.000` and `12.672` back to `28,000` and `12,672`.

    A period followed by exactly three digits after a short integer part is a
    misread comma: counts in KPI tables are grouped by three, and decimals in
    them (`4.5%`, `10.0%`) carry one or two places.
    """
    return _PERIOD_AS_COMMA.sub(r"\1,", _DOUBLED_SEPARATOR.sub(",", text))
