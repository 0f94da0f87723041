"""Printed lines read by Tesseract: each line cut from the cleaned page image, enlarged,
read in one batch, read again where unsure, and its words put back in page pixels and
rejoined where Tesseract split a number or a word at a cell border."""

import re
from collections.abc import Sequence
from dataclasses import replace

import cv2
import numpy as np

from pipeline.ocr.image_grid import Box, Image
from pipeline.ocr.noise import word_without_scan_noise
from pipeline.ocr.settings import OcrSettings
from pipeline.ocr.tesseract import Read, Tesseract, is_unsure, more_confident
from pipeline.text import PRINTED_VALUE, is_unit, known_units

# Tesseract's page segmentation mode that treats the image as one raw line, skipping the
# layout pass that sometimes finds no text in a clean short line.
_RAW_LINE = 13
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
    A line of ink read as nothing at both sizes (a short heading, `健康・医療`, that
    the line model's layout pass drops) is read once more as a raw line, with no
    layout analysis; that reading is kept only where Tesseract is sure of it, for
    on a speck or a stamp's edge a raw line reads junk. A figure read with a unit no
    report prints (`8内` for `3人`: the line model is unsteady on a short line) is
    read as a raw line too, and that reading kept where its unit is one reports use.
    """
    found, warnings = _read_at(grey, boxes, settings, settings.upscale)
    unsure = [n for n, line in enumerate(found) if is_unsure(line, settings.unsure)]
    again, more = _read_at(grey, [boxes[n] for n in unsure], settings, settings.second_upscale)
    for n, line in zip(unsure, again, strict=True):
        found[n] = more_confident(found[n], line)
    blank = [n for n, line in enumerate(found) if not line]
    raw = replace(settings.engine, mode=_RAW_LINE)
    unread, failed = _read_enlarged(raw, grey, [boxes[n] for n in blank], settings.upscale)
    for n, line in zip(blank, unread, strict=True):
        if not is_unsure(line, settings.unsure):
            found[n] = line
    odd = [n for n, line in enumerate(found) if not _reads_well(line)]
    plain, odd_failed = _read_enlarged(raw, grey, [boxes[n] for n in odd], settings.upscale)
    for n, line in zip(odd, plain, strict=True):
        if _reads_well(line):
            found[n] = line
    return found, warnings + more + failed + odd_failed


# Words a figure's line may end in besides a unit: a date's.
_DATE_WORDS = frozenset({"年", "年度", "月", "日", "歳", "才"})


def _reads_well(line: list[Read]) -> bool:
    """Whether a line is no figure, or a figure with a unit reports print (`万人`, `人/年`:
    `is_unit`), a date's word or none."""
    match = PRINTED_VALUE.fullmatch("".join(read.text for read in line))
    if match is None or not match["unit"]:
        return True
    return is_unit(match["unit"], known_units()) or match["unit"] in _DATE_WORDS


def _read_at(
    grey: Image, boxes: Sequence[Box], settings: OcrSettings, upscale: float
) -> tuple[list[list[Read]], list[str]]:
    """Lines read enlarged `upscale` times: by the main model, numeric lines by the Latin one."""
    engine = settings.engine_at(upscale)
    found, warnings = _read_enlarged(engine, grey, boxes, upscale)
    numeric = settings.numeric_engine
    if numeric is not None:
        latin = replace(numeric, dpi=engine.dpi)
        warnings += _reread_numbers(latin, grey, boxes, found, upscale, settings.numeric_sure)
    return found, warnings


def _read_enlarged(
    engine: Tesseract, grey: Image, boxes: Sequence[Box], upscale: float
) -> tuple[list[list[Read]], list[str]]:
    """Lines cut out, enlarged `upscale` times and read; the word boxes in the page's pixels."""
    if not boxes:
        return [], []
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
    engine: Tesseract,
    grey: Image,
    boxes: Sequence[Box],
    found: list[list[Read]],
    upscale: float,
    sure: float,
) -> list[str]:
    """Numeric lines the Japanese model is unsure of read again with the Latin model, whose
    reading replaces the first where it too is numeric.

    The Japanese model drops the small `+` and `(` of a bracketed difference
    (`(+72)` → `72)`, `(+0)` → `(0)`), and is unsure of the line when it does;
    the Latin model, trained on such marks, keeps them. A numeric line read
    surely reads the same in both (measured on three scans: 92 of 116 numeric
    lines read alike, each word of them scored 89 or more). Lines holding any
    other character keep the Japanese reading.
    """
    lines = unsure_numbers(found, sure)
    again, warnings = _read_enlarged(engine, grey, [boxes[n] for n in lines], upscale)
    for n, line in zip(lines, again, strict=True):
        if line and _NUMERIC_LINE.fullmatch(_text(line)):
            found[n] = line
    return warnings


def unsure_numbers(found: Sequence[list[Read]], sure: float) -> list[int]:
    """The lines read as numeric alone with a word scored below `sure`."""
    return [
        n
        for n, line in enumerate(found)
        if is_unsure(line, sure) and _NUMERIC_LINE.fullmatch(_text(line))
    ]


def _text(line: list[Read]) -> str:
    return " ".join(read.text for read in line)


def _line_image(grey: Image, box: Box, upscale: float) -> Image:
    """A line cut out with a white margin and enlarged: Tesseract reads 7-point text better so."""
    x0, y0, x1, y1 = box
    line = cv2.copyMakeBorder(
        on_white(grey[y0:y1, x0:x1]), _PAD, _PAD, _PAD, _PAD, cv2.BORDER_CONSTANT, value=255
    )
    if upscale == 1:
        return np.asarray(line, dtype=np.uint8)
    enlarged = cv2.resize(line, None, fx=upscale, fy=upscale, interpolation=cv2.INTER_CUBIC)
    return np.asarray(enlarged, dtype=np.uint8)


# The share of a line's pixels darker than its paper: print covers less than this.
_PAPER = 85


def on_white(line: Image) -> Image:
    """A line's pixels scaled so that its paper is white.

    A header cell is often shaded grey; cut out and framed in white, its text
    stands on a grey band inside a white margin, and Tesseract's threshold
    takes the band's edge for the line (measured: `目標値` on a grey band read
    as nothing, scaled to white as `目標` 94 and `値` 34). The paper is the
    brightness most of the line's pixels reach, as print covers the lesser part.
    """
    paper = float(np.percentile(line, _PAPER)) if line.size else 255.0
    if paper >= 255 or paper <= 0:
        return line
    return np.asarray(np.clip(line.astype(np.float32) * (255 / paper), 0, 255), dtype=np.uint8)


def _to_page_pixels(read: Read, box: Box, upscale: float) -> Read:
    """A word's box moved from its line image into the straightened page."""
    x0, y0, x1, y1 = (v / upscale - _PAD for v in read.box)
    return Read(read.text, (x0 + box[0], y0 + box[1], x1 + box[0], y1 + box[1]), read.confidence)


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


def without_specks(line: list[Read], low: float) -> list[Read]:
    """A line's words less those Tesseract read from a speck: a word lower and narrower
    than `low` pixels (the smallest print) that is scan marks alone (`ロ`, `*`, `=`), or
    a lone dot (`・`) at the line's either end, where no printed one stands.

    The speck's box, reaching over a cell border, would pass for text running
    across the border. Tesseract's box of a printed character can be as small
    (`会`, `・` between two words), so such a word of other characters is kept.
    """
    tiny = [max(w.box[2] - w.box[0], w.box[3] - w.box[1]) < low for w in line]
    marks = [
        small and not (word_without_scan_noise(w.text).strip() or _POINT.fullmatch(w.text))
        for w, small in zip(line, tiny, strict=True)
    ]
    edge = [small and bool(_DOT.fullmatch(w.text)) for w, small in zip(line, tiny, strict=True)]
    first = next((n for n, w in enumerate(line) if not (edge[n] or marks[n])), len(line))
    last = max((n for n in range(len(line)) if not (edge[n] or marks[n])), default=-1)
    return [w for n, w in enumerate(line) if first <= n <= last and not marks[n]]


def without_low_specks(
    lines: list[list[Read]], boxes: Sequence[Box], sure: float
) -> list[list[Read]]:
    """The lines read, less those that are specks: a line less than half as high as the
    page's typical line whose every word Tesseract scores below `sure` (`..` under a
    cell's last line read as `PH`). A printed line so low is a mark a line of its own."""
    heights = sorted(box[3] - box[1] for box, line in zip(boxes, lines, strict=True) if line)
    if not heights:
        return lines
    typical = heights[len(heights) // 2]
    return [
        []
        if line and 2 * (box[3] - box[1]) < typical and all(w.confidence < sure for w in line)
        else line
        for line, box in zip(lines, boxes, strict=True)
    ]


def without_unsure_dots(line: list[Read], sure: float) -> list[Read]:
    """A line's words less a middle dot Tesseract scores below `sure` right before a
    figure (`割合 ・ 30%`): a 中黒 joins two words, not a word to its number, so such a
    dot is a speck's reading."""
    return [
        word
        for n, word in enumerate(line)
        if not (
            _DOT.fullmatch(word.text)
            and word.confidence < sure
            and n + 1 < len(line)
            and line[n + 1].text[:1].isdigit()
        )
    ]


# A decimal point or a comma Tesseract set apart from its digits: print, however small.
_POINT = re.compile(r"[.,]")
# The round dot Tesseract reads a speck as; printed, it stands between two words.
_DOT = re.compile(r"[・･]+")


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


# Tesseract takes a thousands comma for a period, or reads both, at small sizes.
_DOUBLED_SEPARATOR = re.compile(r"(?<=\d)(?:,\.|\.,)(?=\d{3}(?!\d))")


_PERIOD_AS_COMMA = re.compile(r"(?<![\d.,])([1-9]\d{0,2})\.(?=\d{3}(?!\d))")
# Both separators of a seven-digit count misread: the first dropped, the second a period.
_BOTH_MISREAD = re.compile(r"(?<![\d.,])([1-9]\d{0,2})(\d{3})\.(?=\d{3}(?!\d))")


def digit_groups(text: str) -> str:
    """Thousands separators as printed: `28,.000`, `12.672` and `1137.343` back to
    `28,000`, `12,672` and `1,137,343`.

    A period followed by exactly three digits after a short integer part is a
    misread comma: counts in KPI tables are grouped by three, and decimals in
    them (`4.5%`, `10.0%`) carry one or two places.
    """
    grouped = _BOTH_MISREAD.sub(r"\1,\2,", _DOUBLED_SEPARATOR.sub(",", text))
    return _PERIOD_AS_COMMA.sub(r"\1,", grouped)
