"""The printed lines of a scan outside its tables: the title, the headings that name
programs, captions, notes and prose.

A table's cells are read line by line inside the grid; the rest of the page is
read the same way, so that a scanned page gives the understanding stage the
words a typed page would. Lines are found from the ink's shapes rather than
from blank rows across the page, since a stamp, a tick or a speck beside a
title would join it to the line below: the glyphs are smeared sideways into
runs, and runs that stand level and close are one line. Rules and frames
that are no table's (a box around a heading, an underline) are taken out
first, as strokes as long as a ruling line (only the line finding loses
them: Tesseract reads the image as printed). What cannot be a printed line is
left unread: a lone stroke, a blob taller than any heading (a stamp, a
figure), and dust lower than the smallest print.
"""

import re
from collections.abc import Sequence

import cv2
import numpy as np

from pipeline.ingest import UNMAPPED
from pipeline.model import DisjointSets, Word, enclosing
from pipeline.ocr.image_grid import Blobs, Box, Frame, Mask, is_dash, long_strokes
from pipeline.ocr.lines import join_digits
from pipeline.ocr.noise import word_without_scan_noise
from pipeline.ocr.settings import OcrSettings
from pipeline.ocr.tesseract import Read

# Pixels kept blank around a table: its border's remnants are no text.
_TABLE_MARGIN = 4
# In points: glyphs this close side by side smear into one run.
_SMEAR = 4.0
# In line heights: two runs standing level this close are one line (a full-width space).
_LINE_GAP = 2.0


def free_line_boxes(text: Mask, tables: Sequence[Box], settings: OcrSettings) -> list[Box]:
    """The boxes (straightened pixels) of the printed lines outside `tables`, top to bottom."""
    ink = text & ~long_strokes(text, round(settings.min_line * settings.scale))
    for x0, y0, x1, y1 in tables:
        m = _TABLE_MARGIN
        ink[max(0, y0 - m) : y1 + m, max(0, x0 - m) : x1 + m] = False
    low = settings.min_text * settings.scale
    runs = [run for run in _runs(ink, settings.scale) if run[3] - run[1] >= low]
    lines = [line for line in _level(runs) if _printed(ink, line, settings)]
    return sorted(lines, key=lambda box: (box[1], box[0]))


def _runs(ink: Mask, scale: float) -> list[Box]:
    """The boxes of the ink smeared sideways: a word, or a stretch of glyphs set close."""
    width = max(1, round(_SMEAR * scale))
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (width, 1))
    smeared = np.asarray(cv2.dilate(ink.astype(np.uint8), kernel), dtype=np.uint8)
    half = width // 2
    runs: list[Box] = []
    for x, y, w, h in Blobs.of(smeared).boxes.tolist():
        runs.append((x + half, y, max(x + half + 1, x + w - half), y + h))
    return runs


def _level(runs: list[Box]) -> list[Box]:
    """Runs joined into lines where they stand level and no more than `_LINE_GAP` line
    heights apart."""
    lines = DisjointSets(range(len(runs)))
    ordered = sorted(range(len(runs)), key=lambda n: runs[n][0])
    reach = _LINE_GAP * max((run[3] - run[1] for run in runs), default=0)
    for position, a in enumerate(ordered):
        for b in ordered[position + 1 :]:
            gap = runs[b][0] - runs[a][2]
            if gap > reach:
                break
            height = max(runs[a][3] - runs[a][1], runs[b][3] - runs[b][1])
            if gap <= _LINE_GAP * height and _level_with(runs[a], runs[b]):
                lines.union(a, b)
    return [enclosing([runs[n] for n in members]) for members in lines.groups()]


def _level_with(a: Box, b: Box) -> bool:
    """Whether the lower of two runs has its middle within the taller one's height."""
    low, tall = sorted((a, b), key=lambda box: box[3] - box[1])
    middle = (low[1] + low[3]) / 2
    overlap = min(a[3], b[3]) - max(a[1], b[1])
    return tall[1] <= middle <= tall[3] and overlap * 2 >= low[3] - low[1]


def _printed(ink: Mask, box: Box, settings: OcrSettings) -> bool:
    """Whether a line box can hold print: enough ink, no taller than a heading, not a lone
    dash or bar (a remnant of a frame)."""
    x0, y0, x1, y1 = box
    least = 3 * round((settings.speck * settings.scale) ** 2)
    if int(ink[y0:y1, x0:x1].sum()) < least or y1 - y0 > settings.max_line * settings.scale:
        return False
    thin = round(settings.dash * settings.scale)
    return not is_dash(ink, box, thin) and x1 - x0 > thin


def free_words(line: list[Read], box: Box, sure: float) -> list[Read]:
    """A free line's words without the marks scan noise leaves, numbers split by Tesseract
    joined again, each as high as the line's ink (Tesseract's boxes of Japanese words
    vary in height, and a line is a line by its height); words that are only noise
    are dropped, and so is a line that is no print: one character Tesseract scores
    below `sure` (a speck), or one or two inside a frame read as brackets (a stamp:
    `(写)`, `[済]`)."""
    kept: list[Read] = []
    for word in join_digits(line):
        text = word_without_scan_noise(word.text).strip()
        if text:
            kept.append(Read(text, (word.box[0], box[1], word.box[2], box[3]), word.confidence))
    printed = "".join(word.text for word in kept)
    speck = len(printed) == 1 and kept[0].confidence < sure
    return [] if speck or _STAMP.fullmatch(printed) else kept


# A stamp's frame read as brackets around its one or two characters.
_STAMP = re.compile(r"[(（\[［【〔][^\s()（）\[\]［］【】〔〕]{1,2}[)）\]］】〕]")


def typed_outside(frame: Frame, outlines: Sequence[Box], layer: Sequence[Word]) -> list[Word]:
    """The layer's words outside the grids that are typed text to keep: visible and mapped.

    Invisible words over a scan are an engine's guess and are read again; a visible
    glyph with its character is what the page prints.
    """
    kept: list[Word] = []
    for word in layer:
        if word.invisible or UNMAPPED in word.raw:
            continue
        x, y = frame.to_straight(
            (word.bbox[0] + word.bbox[2]) / 2, (word.bbox[1] + word.bbox[3]) / 2
        )
        x, y = x * frame.scale, y * frame.scale
        if not any(x0 <= x <= x1 and y0 <= y <= y1 for x0, y0, x1, y1 in outlines):
            kept.append(word)
    return kept
