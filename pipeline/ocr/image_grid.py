"""The ruling grid of a scanned table, found in the page image with OpenCV.

A scan has no drawings to read, so its ruling lines are taken from the pixels
as camelot lattice and img2table do: binarize, keep only long horizontal or
vertical runs of ink (a morphological opening), and call each run a segment.
The segments, turned into PDF points, go to the ruled strategy's own grid
builder, so a missing inner border means a merged cell here as it does for
vector drawings. Scans come turned by a fraction of a degree and speckled,
so the image is despeckled and straightened first.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt
import pymupdf

from pipeline.model import Segment
from pipeline.model import touch as meets

Image = npt.NDArray[np.uint8]
Mask = npt.NDArray[np.bool_]
Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels, end exclusive

# A ruling line is darker than the paper around it by at least this much.
_INK_CONTRAST = 15


def render_grey(page: pymupdf.Page, dpi: int) -> Image:
    """The page as one grey channel at `dpi`, whatever its images' own resolution."""
    pixmap = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY, alpha=False)
    samples = np.frombuffer(pixmap.samples, dtype=np.uint8)
    return samples.reshape(pixmap.height, pixmap.stride)[:, : pixmap.width].copy()


def binarize(grey: Image, block: int) -> Mask:
    """Ink where a pixel is darker than its neighbourhood: survives uneven scan lighting."""
    smooth = cv2.medianBlur(grey, 3)
    size = block | 1  # the window must be odd
    ink = cv2.adaptiveThreshold(
        smooth, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, size, _INK_CONTRAST
    )
    return ink > 0


def dark(grey: Image) -> Mask:
    """Ink by one threshold for the whole image (Otsu): text on a cleaned, evenly lit scan.

    Sharper than the adaptive threshold inside a glyph, which it would fill
    with noise where strokes crowd.
    """
    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return np.asarray(ink, dtype=np.uint8) > 0


def specks(ink: Mask, min_area: int) -> Mask:
    """Ink blobs smaller than `min_area` pixels: scanner dust, not print."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    small = stats[:, cv2.CC_STAT_AREA] < min_area
    small[0] = False
    return small[labels] if count > 1 else np.zeros_like(ink)


def _runs(ink: Mask, length: int, horizontal: bool, bridge: int) -> Image:
    """Ink that lies on a straight run of at least `length` pixels along one axis.

    Closing by `bridge` pixels first rejoins a line that JPEG noise broke.
    """
    along = (length, 1) if horizontal else (1, length)
    gap = (bridge, 1) if horizontal else (1, bridge)
    image = ink.astype(np.uint8) * 255
    closed = cv2.morphologyEx(
        image, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, gap)
    )
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, along)
    return np.asarray(cv2.morphologyEx(closed, cv2.MORPH_OPEN, kernel), dtype=np.uint8)


def long_strokes(ink: Mask, length: int) -> Mask:
    """Ink on straight horizontal or vertical runs of at least `length` pixels: the rules
    and frames of a page, which no glyph holds."""
    across = _runs(ink, length, horizontal=True, bridge=1)
    down = _runs(ink, length, horizontal=False, bridge=1)
    return np.asarray((across > 0) | (down > 0), dtype=np.bool_)


def skew_angle(ink: Mask, length: int, limit: float) -> float:
    """The angle (degrees, counterclockwise as the page is seen) the ruling is turned by.

    Each long horizontal line is fitted with a straight line; the answer is the
    length-weighted median of their angles, so a few text strokes cannot sway
    it. Lines are thickened first so that a turned line still holds long
    horizontal runs. 0.0 when no line is long enough or the angle exceeds `limit`.
    """
    thick = cv2.dilate(ink.astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_RECT, (1, 5)))
    lines = _runs(thick > 0, length, horizontal=True, bridge=1)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
    angles: list[tuple[float, float]] = []
    for index in range(1, count):
        x, y, width, height = (int(v) for v in stats[index, :4])
        if width < 3 * length:
            continue
        ys, xs = np.nonzero(labels[y : y + height, x : x + width] == index)
        slope = float(np.polyfit(xs, ys, 1)[0])
        angles.append((-float(np.degrees(np.arctan(slope))), float(width)))
    if not angles:
        return 0.0
    angle = _weighted_median(angles)
    return angle if abs(angle) <= limit else 0.0


def _weighted_median(values: Sequence[tuple[float, float]]) -> float:
    ordered = sorted(values)
    half = sum(weight for _, weight in ordered) / 2
    total = 0.0
    for value, weight in ordered:
        total += weight
        if total >= half:
            return value
    return ordered[-1][0]


@dataclass(frozen=True)
class Frame:
    """How the straightened image relates to the page: scale and rotation about the centre.

    Grids and words are found in the straightened image; their boxes are turned
    back into the page's own points, where the rest of the pipeline reads them.
    """

    angle: float  # degrees the page was turned by, counterclockwise as seen
    scale: float  # pixels per point
    forward: npt.NDArray[np.float64]  # 2×3 affine: page pixels → straightened pixels
    backward: npt.NDArray[np.float64]  # 2×3 affine: straightened pixels → page pixels

    @classmethod
    def turned(cls, width: int, height: int, angle: float, scale: float) -> "Frame":
        forward = np.asarray(
            cv2.getRotationMatrix2D((width / 2, height / 2), -angle, 1.0), dtype=np.float64
        )
        return cls(
            angle, scale, forward, np.asarray(cv2.invertAffineTransform(forward), np.float64)
        )

    def straighten(self, grey: Image) -> Image:
        height, width = grey.shape
        return np.asarray(
            cv2.warpAffine(
                grey, self.forward, (width, height), flags=cv2.INTER_LINEAR, borderValue=255
            ),
            dtype=np.uint8,
        )

    def to_page(self, box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        """A box in straightened points as the page holds it: the bounds of its turned corners."""
        x0, y0, x1, y1 = (v * self.scale for v in box)
        corners = np.array([[x0, y0, 1], [x1, y0, 1], [x0, y1, 1], [x1, y1, 1]])
        points = corners @ self.backward.T / self.scale
        return (
            float(points[:, 0].min()),
            float(points[:, 1].min()),
            float(points[:, 0].max()),
            float(points[:, 1].max()),
        )

    def to_straight(self, x: float, y: float) -> tuple[float, float]:
        """A page point in the straightened frame (for words of an existing text layer)."""
        point = self.forward @ np.array([x * self.scale, y * self.scale, 1.0]) / self.scale
        return float(point[0]), float(point[1])


@dataclass(frozen=True)
class Ruling:
    """The ruling lines found in an image: segments in points, and the pixels they cover."""

    segments: list[Segment]
    pixels: Mask


@dataclass(frozen=True)
class _Lines:
    """The runs of one direction: a segment per run and the label image that maps them."""

    segments: list[Segment]
    labels: npt.NDArray[np.int32]


def find_ruling(ink: Mask, length: int, scale: float, touch: float) -> Ruling:
    """Horizontal and vertical lines that meet at least two lines of the other direction.

    A stroke of text can be long and straight (`ー` runs, underlines) but does
    not reach across a cell from border to border; a table's ruling line always
    meets two crossing lines. Lines are dropped until every one left does.
    """
    across = _lines(_runs(ink, length, True, bridge=5), True, scale)
    down = _lines(_runs(ink, length, False, bridge=5), False, scale)
    keep_across, keep_down = _crossed(across.segments, down.segments, touch)
    pixels = _pixels(across, keep_across) | _pixels(down, keep_down)
    segments = [across.segments[i] for i in keep_across] + [down.segments[i] for i in keep_down]
    return Ruling(segments, pixels)


def _lines(runs: Image, horizontal: bool, scale: float) -> _Lines:
    """Each connected run as a segment through its middle, in points."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
    segments: list[Segment] = []
    for index in range(1, count):
        x, y, width, height = (float(v) for v in stats[index, :4])
        if horizontal:
            middle = (y + height / 2) / scale
            segments.append((x / scale, middle, (x + width) / scale, middle))
        else:
            middle = (x + width / 2) / scale
            segments.append((middle, y / scale, middle, (y + height) / scale))
    return _Lines(segments, np.asarray(labels, dtype=np.int32))


def _pixels(lines: _Lines, kept: set[int]) -> Mask:
    lookup = np.zeros(len(lines.segments) + 1, dtype=bool)
    lookup[[index + 1 for index in kept]] = True
    return np.asarray(lookup[lines.labels], dtype=bool)


def _crossed(across: list[Segment], down: list[Segment], touch: float) -> tuple[set[int], set[int]]:
    """Indices of the lines that meet two kept lines of the other direction, to a fixed point."""
    keep_across, keep_down = set(range(len(across))), set(range(len(down)))
    while True:
        new_across = {
            i for i in keep_across if _meeting(across[i], [down[j] for j in keep_down], touch)
        }
        new_down = {
            j for j in keep_down if _meeting(down[j], [across[i] for i in new_across], touch)
        }
        if new_across == keep_across and new_down == keep_down:
            return keep_across, keep_down
        keep_across, keep_down = new_across, new_down


def _meeting(line: Segment, others: list[Segment], touch: float) -> bool:
    return sum(1 for other in others if meets(line, other, touch)) >= 2


def text_rows(ink: Mask, box: Box, least: int = 1) -> list[Box]:
    """The printed lines inside a cell: bands of inked rows, each cut to its inked columns.

    Two lines set close touch where a bracket or a descender of one reaches the
    other, leaving no blank row between; a band is cut again at a row whose ink
    is a small share of its typical row's (`_touching`), where both parts are at
    least `least` pixels high: read as one line, the pair comes out as one of
    its lines or as neither.
    """
    x0, y0, x1, y1 = box
    region = ink[y0:y1, x0:x1]
    counts = np.asarray(region.sum(axis=1)).tolist()
    bands: list[tuple[int, int]] = []
    start: int | None = None
    for index, count in enumerate([*counts, 0]):
        if count and start is None:
            start = index
        elif not count and start is not None:
            bands += _touching(counts, start, index, least)
            start = None
    rows: list[Box] = []
    for top, bottom in bands:
        columns = np.nonzero(region[top:bottom].any(axis=0))[0]
        rows.append((x0 + int(columns[0]), y0 + top, x0 + int(columns[-1]) + 1, y0 + bottom))
    return rows


# A row inked less than this share of a band's typical row lies between two lines.
_BETWEEN_LINES = 0.15


def _touching(counts: list[int], top: int, bottom: int, least: int) -> list[tuple[int, int]]:
    """A band of inked rows as its printed lines: cut at its least inked row where that row
    is nearly blank and both parts are at least `least` rows high."""
    inner = range(top + least, bottom - least)
    if len(inner) < 1:
        return [(top, bottom)]
    cut = min(inner, key=lambda row: counts[row])
    typical = float(np.median(counts[top:bottom]))
    if counts[cut] > _BETWEEN_LINES * typical:
        return [(top, bottom)]
    return _touching(counts, top, cut, least) + _touching(counts, cut + 1, bottom, least)


def without_end_specks(ink: Mask, box: Box, low: int) -> Box | None:
    """A printed line's box less the specks standing apart at its ends; None when the line
    is specks alone.

    A speck is an ink blob lower and narrower than `low` pixels (the smallest
    print) set apart from the next blob by more than its line's height; a
    comma or a full stop that ends a line stands close to its character. A
    speck against a cell border would make the line seem to run on over it.
    """
    x0, y0, x1, y1 = box
    count, _, stats, _ = cv2.connectedComponentsWithStats(
        ink[y0:y1, x0:x1].astype(np.uint8), connectivity=8
    )
    blobs = sorted(
        (int(stats[i, 0]), int(stats[i, 0] + stats[i, 2]), max(int(stats[i, 2]), int(stats[i, 3])))
        for i in range(1, count)
    )
    height = y1 - y0
    while len(blobs) > 1 and blobs[0][2] < low and blobs[1][0] - blobs[0][1] > height:
        blobs.pop(0)
    while len(blobs) > 1 and blobs[-1][2] < low:
        if blobs[-1][0] - max(end for _, end, _ in blobs[:-1]) <= height:
            break
        blobs.pop()
    if not blobs or (len(blobs) == 1 and blobs[0][2] < low):
        return None
    return x0 + blobs[0][0], y0, x0 + max(end for _, end, _ in blobs), y1


def is_dash(ink: Mask, box: Box, thin: int) -> bool:
    """Whether a line's ink is one flat stroke no thicker than `thin` pixels: a dash.

    Tesseract, shown a lone short stroke, invents a character (`円`, `=`); a
    table cell holding only such a stroke means "no value", printed as a dash.
    """
    x0, y0, x1, y1 = box
    count, _, stats, _ = cv2.connectedComponentsWithStats(
        ink[y0:y1, x0:x1].astype(np.uint8), connectivity=8
    )
    if count != 2:
        return False
    width, height = int(stats[1, cv2.CC_STAT_WIDTH]), int(stats[1, cv2.CC_STAT_HEIGHT])
    return height <= thin and width >= 2 * height
