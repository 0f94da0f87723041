"""OCR of scanned table pages: the grid from the image, the text from Tesseract line by line.

Tesseract run on a whole table scan reads little but the title (its layout
analysis takes ruling for text), so the grid is found first (`image_grid`),
the ruling and dust are erased, and every printed line of every cell is read
on its own in single-line mode, enlarged. Loading the Japanese model costs
more than reading a line, so all lines of a page go to one Tesseract process
per worker as a list of images, not one process per cell.

A scan that already carries an OCR text layer is judged cell by cell: a
cell's layer text is kept when it looks sound and re-read from the image when
it does not (characters spaced out one by one, a unit its column does not
use, a word whose box is far wider or narrower than its characters).
"""

import functools
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
import pymupdf

from pipeline.image_grid import (
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
from pipeline.ingest import UNMAPPED, Word, fold
from pipeline.ruled import RuledSettings, cell_texts, grid_cells, group_segments
from pipeline.table import BBox, Cell, Table, TableQuality

INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-{language}"


@dataclass(frozen=True)
class OcrSettings:
    """How scans are rendered, cleaned, ruled and read; lengths in points so any dpi works."""

    dpi: int = 300  # render resolution: Tesseract reads 7-point text poorly below 300
    language: str = "jpn"  # Tesseract language(s), `jpn+eng` style
    max_skew: float = 5.0  # degrees: a larger angle is a turned page, not a skewed scan
    min_line: float = 12.0  # points: the shortest ink run taken for a ruling line
    touch: float = 1.5  # points: a line ending this close to another meets it
    speck: float = 0.55  # points: ink blobs smaller than this square are dust
    dash: float = 1.2  # points: a lone flat stroke no thicker than this is a dash
    threshold_window: float = 7.5  # points: neighbourhood of the adaptive threshold
    upscale: float = 1.5  # each text line is enlarged this much before Tesseract
    min_confidence: float = 30.0  # Tesseract words below this are noise, not text
    workers: int = 2  # Tesseract processes run side by side, one model load each
    timeout: float = 600.0  # seconds one Tesseract process may take
    tesseract: str = "tesseract"  # the command
    ruled: RuledSettings = field(default_factory=lambda: RuledSettings(snap=3.0))

    def __post_init__(self) -> None:
        if not 72 <= self.dpi <= 1200:
            raise ValueError("dpi must lie in [72, 1200]")
        if not re.fullmatch(r"[A-Za-z_]+(\+[A-Za-z_]+)*", self.language):
            raise ValueError("language must be Tesseract language names joined by '+'")
        lengths = (
            self.min_line,
            self.touch,
            self.speck,
            self.dash,
            self.threshold_window,
            self.max_skew,
        )
        if min(lengths) <= 0 or self.upscale < 1 or self.timeout <= 0:
            raise ValueError("lengths, max_skew and timeout must be positive, upscale at least 1")
        if self.workers < 1 or not 0 <= self.min_confidence <= 100:
            raise ValueError("workers must be at least 1 and min_confidence lie in [0, 100]")

    @property
    def scale(self) -> float:
        """Pixels per point of the rendered page."""
        return self.dpi / 72


def ocr_problem(settings: OcrSettings) -> str | None:
    """None when Tesseract and the language data are usable, else a warning naming the fix."""
    return _tesseract_problem(settings.tesseract, settings.language)


@functools.cache
def _tesseract_problem(command: str, language: str) -> str | None:
    """Asked once per command and language: a batch calls this for every page."""
    if shutil.which(command) is None:
        return f"OCR skipped: no Tesseract ({command!r} not found); {_hint(language)}"
    try:
        listed = subprocess.run(
            [command, "--list-langs"], capture_output=True, text=True, timeout=60, check=True
        )
    except (OSError, subprocess.SubprocessError) as error:
        return f"OCR skipped: Tesseract does not run ({error}); {_hint(language)}"
    installed = set(listed.stdout.split()[1:] if listed.stdout else [])
    missing = [name for name in language.split("+") if name not in installed]
    if missing:
        return f"OCR skipped: no Tesseract language data for {'+'.join(missing)}; {_hint(language)}"
    return None


def _hint(language: str) -> str:
    packages = " ".join(
        f"tesseract-ocr-{name.lower().replace('_', '-')}" for name in language.split("+")
    )
    return f"install it with `apt-get install tesseract-ocr {packages}`"


@dataclass
class OcrPage:
    """What OCR made of one page: its tables, every word, the skew corrected, what went wrong.

    Boxes are in the page's points. `kept` and `reread` count the cells whose
    existing text layer was kept or read again from the image.
    """

    tables: list[Table]
    words: list[Word]
    skew: float
    warnings: list[str] = field(default_factory=list)
    kept: int = 0
    reread: int = 0


@dataclass(frozen=True)
class Scan:
    """A page image made ready for reading: straightened, its ink split into ruling and text."""

    frame: Frame
    grey: Image  # straightened, ruling and dust painted white: what Tesseract sees
    text: Mask  # ink of the text alone
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
    return Scan(frame, clean, text & ~dust, ruling.segments)


def ocr_page(page: pymupdf.Page, settings: OcrSettings, layer: Sequence[Word] = ()) -> OcrPage:
    """The tables of a scanned page, read by OCR, or kept from `layer` where it is sound.

    Without a usable Tesseract nothing is read: no tables, the warning from
    `ocr_problem`, and `layer` handed back as the page's words, so that a
    later stage may still use an existing text layer as it is.
    """
    problem = ocr_problem(settings)
    if problem:
        return OcrPage([], list(layer), 0.0, [problem])
    scan = prepare(page, settings)
    grids = _grids(scan, settings)
    plans = [_plan(scan, cells, layer, settings) for _, _, cells in grids]
    boxes = [box for plan in plans for _, box in plan.rows]
    found, warnings = read_lines(scan.grey, boxes, settings)
    tables: list[Table] = []
    for (xs, ys, cells), plan in zip(grids, plans, strict=True):
        read, found = found[: len(plan.rows)], found[len(plan.rows) :]
        tables.append(_table(page.number + 1, scan.frame, xs, ys, cells, plan, read, settings))
    words = [word for table in tables for cell in table.cells for word in cell.words]
    kept = sum(len(plan.kept) for plan in plans)
    reread = sum(len({index for index, _ in plan.rows + plan.dashes}) for plan in plans)
    return OcrPage(tables, words, scan.frame.angle, warnings, kept, reread)


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
    """Per grid: the layer words kept for each cell, and the printed lines to read instead."""

    kept: dict[int, list[Word]]  # cell index → layer words
    rows: list[tuple[int, Box]]  # (cell index, line box in straightened pixels) to read
    dashes: list[tuple[int, Box]]  # lines that are a lone dash, read without Tesseract


def _plan(scan: Scan, cells: list[Cell], layer: Sequence[Word], settings: OcrSettings) -> _Plan:
    """Which cells keep their layer text and which printed lines must be read from the image.

    Ink under a kept layer word is not read again, though it lie in the next
    cell: text that runs over a border belongs to the cell it starts in.
    """
    placed = _layer_in_cells(scan.frame, cells, layer)
    sound = judge_layer(cells, placed)
    kept = {index: placed[index] for index, ok in enumerate(sound) if ok}
    ink = _uncovered(scan, [word for words in kept.values() for word in words])
    rows: list[tuple[int, Box]] = []
    dashes: list[tuple[int, Box]] = []
    least = 3 * round((settings.speck * settings.scale) ** 2)
    thin = round(settings.dash * settings.scale)
    for index, cell in enumerate(cells):
        if index in kept:
            continue
        for box in text_rows(ink, _inside(cell.bbox, settings.scale)):
            if int(ink[box[1] : box[3], box[0] : box[2]].sum()) < least:
                continue
            (dashes if is_dash(ink, box, thin) else rows).append((index, box))
    return _Plan(kept, rows, dashes)


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


# A value as a table prints it: a number and its unit (`12,672 人`, `4.5%`, `(+0)`).
_VALUE = re.compile(r"[(（]?[+\-−△▲]?\d[\d,.]*\s*(?P<unit>[^\d\s()（）,.+\-−]*)")
# A word's box this many times wider (or narrower) than its characters need was misread.
_WIDTH_RATIO = 1.8


def judge_layer(cells: list[Cell], placed: list[list[Word]]) -> list[bool]:
    """Per cell, whether its text-layer words can be kept as they are.

    A cell is re-read when its layer is empty, holds unmapped glyphs, is
    spaced out one character at a time, prints a unit its column does not
    use, or has a word whose box does not fit its characters (a digit dropped
    from `11 人` leaves `1` in a box two digits wide).
    """
    units = _column_units(cells, placed)
    norm = _width_norm([word for words in placed for word in words])
    return [
        bool(words)
        and not any(UNMAPPED in word.raw for word in words)
        and not _spaced_out(words)
        and _unit_fits(words, units.get(cell.col))
        and not any(_odd_width(word, norm) for word in words)
        for cell, words in zip(cells, placed, strict=True)
    ]


def _first_line(words: list[Word]) -> str:
    lines = cell_texts(words)[0].split("\n")
    return lines[0] if lines else ""


def _unit(words: list[Word]) -> str | None:
    """The unit of a cell that prints a value (`` for a bare number), None for other text."""
    match = _VALUE.fullmatch(_first_line(words).strip())
    return fold(match["unit"]) if match else None


def _column_units(cells: list[Cell], placed: list[list[Word]]) -> dict[int, str]:
    """Each column's unit: the one more than half of its value cells print."""
    by_column: dict[int, list[str]] = {}
    for cell, words in zip(cells, placed, strict=True):
        unit = _unit(words)
        if unit is not None:
            by_column.setdefault(cell.col, []).append(unit)
    units: dict[int, str] = {}
    for column, found in by_column.items():
        unit, count = Counter(found).most_common(1)[0]
        if len(found) >= 2 and count * 2 > len(found):
            units[column] = unit
    return units


def _unit_fits(words: list[Word], column: str | None) -> bool:
    unit = _unit(words)
    return unit is None or column is None or unit == column


def _spaced_out(words: list[Word]) -> bool:
    """Three or more words, most of them one character: a word broken into its letters."""
    singles = sum(1 for word in words if len(word.text) == 1)
    return len(words) >= 3 and singles * 3 >= len(words) * 2


def _ems(text: str) -> float:
    """Width a text needs in ems: a Japanese character one, a Latin letter or digit about half."""
    return sum(1.0 if unicodedata.east_asian_width(char) in "WF" else 0.55 for char in text)


def _width_ratio(word: Word) -> float:
    height = word.bbox[3] - word.bbox[1]
    ems = _ems(word.text)
    return (word.bbox[2] - word.bbox[0]) / (height * ems) if height > 0 and ems else 0.0


def _width_norm(words: list[Word]) -> float:
    """The layer's typical width per em: the median, as a layer's boxes have their own habit."""
    ratios = sorted(ratio for ratio in map(_width_ratio, words) if ratio > 0)
    return ratios[len(ratios) // 2] if ratios else 0.0


def _odd_width(word: Word, norm: float) -> bool:
    ratio = _width_ratio(word)
    return norm > 0 and ratio > 0 and not 1 / _WIDTH_RATIO <= ratio / norm <= _WIDTH_RATIO


@dataclass(frozen=True)
class Read:
    """A word Tesseract read, its box in straightened pixels, with its confidence (0–100)."""

    text: str
    box: tuple[float, float, float, float]
    confidence: float


_PAD = 8  # white pixels around each line image: Tesseract misreads glyphs touching the edge


def read_lines(
    grey: Image, boxes: Sequence[Box], settings: OcrSettings
) -> tuple[list[list[Read]], list[str]]:
    """The words of each printed line, read by Tesseract in single-line mode; and any warnings.

    The lines are written as images and handed to `workers` Tesseract
    processes as lists, so the model is loaded once per process, not per line.
    """
    if not boxes:
        return [], []
    with tempfile.TemporaryDirectory(prefix="kpi-ocr-") as folder:
        shares = [
            list(range(worker, len(boxes), settings.workers)) for worker in range(settings.workers)
        ]
        shares = [share for share in shares if share]
        lists = [
            _write_lines(Path(folder), n, [boxes[i] for i in share], grey, settings)
            for n, share in enumerate(shares)
        ]
        outputs, warnings = _run_tesseract(lists, settings)
    found: list[list[Read]] = [[] for _ in boxes]
    for share, output in zip(shares, outputs, strict=True):
        for number, read in _parse_tsv(output):
            if 1 <= number <= len(share):
                index = share[number - 1]
                found[index].append(_to_page_pixels(read, boxes[index], settings.upscale))
    return found, warnings


def _write_lines(
    folder: Path, worker: int, boxes: list[Box], grey: Image, settings: OcrSettings
) -> Path:
    paths: list[str] = []
    for number, (x0, y0, x1, y1) in enumerate(boxes):
        line = cv2.copyMakeBorder(
            grey[y0:y1, x0:x1], _PAD, _PAD, _PAD, _PAD, cv2.BORDER_CONSTANT, value=255
        )
        if settings.upscale != 1:
            line = cv2.resize(
                line, None, fx=settings.upscale, fy=settings.upscale, interpolation=cv2.INTER_CUBIC
            )
        path = folder / f"{worker}-{number:05d}.png"
        cv2.imwrite(str(path), line)
        paths.append(str(path))
    listing = folder / f"{worker}.txt"
    listing.write_text("\n".join(paths) + "\n", encoding="utf-8")
    return listing


def _run_tesseract(lists: list[Path], settings: OcrSettings) -> tuple[list[str], list[str]]:
    """Tesseract on each list at once; one thread each, as the processes share the cores."""
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    dpi = str(round(settings.dpi * settings.upscale))
    command = [settings.tesseract, "-l", settings.language, "--psm", "7", "--dpi", dpi]
    processes = [
        subprocess.Popen(
            [settings.tesseract, str(listing), "-", *command[1:], "tsv"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=environment,
        )
        for listing in lists
    ]
    outputs: list[str] = []
    warnings: list[str] = []
    for process in processes:
        try:
            out, err = process.communicate(timeout=settings.timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = "", f"no answer within {settings.timeout:g} s"
        if process.returncode:
            warnings.append(f"Tesseract failed on part of the page: {err.strip()[-300:]}")
        outputs.append(out)
    return outputs, warnings


def _parse_tsv(output: str) -> list[tuple[int, Read]]:
    """(image number, word) for every word of Tesseract's TSV output."""
    found: list[tuple[int, Read]] = []
    for line in output.splitlines()[1:]:
        fields = line.split("\t")
        if len(fields) < 12 or fields[0] != "5" or not fields[11].strip():
            continue
        left, top, width, height = (float(v) for v in fields[6:10])
        found.append(
            (
                int(fields[1]),
                Read(fields[11], (left, top, left + width, top + height), float(fields[10])),
            )
        )
    return found


def _to_page_pixels(read: Read, box: Box, upscale: float) -> Read:
    """A word's box moved from its line image into the straightened page."""
    x0, y0, x1, y1 = (v / upscale - _PAD for v in read.box)
    return Read(read.text, (x0 + box[0], y0 + box[1], x1 + box[0], y1 + box[1]), read.confidence)


def _table(
    number: int,
    frame: Frame,
    xs: list[float],
    ys: list[float],
    cells: list[Cell],
    plan: _Plan,
    read: list[list[Read]],
    settings: OcrSettings,
) -> Table:
    """The grid turned back into page points, each cell holding its kept or read words.

    Quality: `accuracy` is Tesseract's mean confidence over the words it read
    (kept layer words count as sure); `whitespace` the share of empty cells.
    """
    words: dict[int, list[Word]] = {index: list(kept) for index, kept in plan.kept.items()}
    confidences = [100.0] * sum(len(kept) for kept in plan.kept.values())
    for (index, _), line in zip(plan.rows, read, strict=True):
        confidences += [word.confidence for word in line]
        words.setdefault(index, []).extend(
            _word(frame, word) for word in line if word.confidence >= settings.min_confidence
        )
    for index, (x0, y0, x1, y1) in plan.dashes:
        words.setdefault(index, []).append(_word(frame, Read("-", (x0, y0, x1, y1), 100.0)))
    placed: list[Cell] = []
    for index, cell in enumerate(cells):
        raw, text = cell_texts(words.get(index, []))
        placed.append(
            Cell(
                cell.row,
                cell.col,
                frame.to_page(cell.bbox),
                cell.rowspan,
                cell.colspan,
                words.get(index, []),
                raw,
                text,
            )
        )
    middle_x, middle_y = (xs[0] + xs[-1]) / 2, (ys[0] + ys[-1]) / 2
    columns = [frame.to_page((x, middle_y, x, middle_y))[0] for x in xs]
    rows = [frame.to_page((middle_x, y, middle_x, y))[1] for y in ys]
    empty = sum(1 for cell in placed if not cell.words)
    quality = TableQuality(
        accuracy=sum(confidences) / (100 * len(confidences)) if confidences else 0.0,
        whitespace=empty / len(placed),
    )
    bbox = frame.to_page((xs[0], ys[0], xs[-1], ys[-1]))
    return Table(number, bbox, columns, rows, placed, "ocr", quality)


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
