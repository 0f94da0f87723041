"""A scanned page as pixels: rendered grey, turned into ink, straightened, cut into lines.

A scan has no drawings or words to read, so everything is taken from the
pixels: ink is told from paper by a threshold, ruling lines by their long
straight runs (`ruling.py` turns them into a grid), dust by its size, and the
printed lines of a cell by the blank rows between them. Scans come turned by a
fraction of a degree, so the image is straightened (`Frame`) before it is read.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt
import pymupdf

# One thread: the workers of a batch already share the cores, as Tesseract's processes do,
# and OpenCV's threads on small images cost more CPU than they save wall time.
cv2.setNumThreads(1)

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


@dataclass(frozen=True)
class Blobs:
    """The 8-connected blobs of a binary image, as their outer contours trace them.

    Tracing outlines touches only the pixels at blobs' edges; labelling every
    pixel with its blob's statistics costs four times the CPU on a page of
    text and is needed only where a blob's area counts (`specks`).
    """

    outlines: Sequence[npt.NDArray[np.int32]]
    boxes: npt.NDArray[np.int32]  # x, y, width, height; by first pixel in reading order

    @classmethod
    def of(cls, image: Image | Mask) -> "Blobs":
        contours, hierarchy = cv2.findContours(
            image.astype(np.uint8), cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE
        )
        if hierarchy is None:
            return cls([], np.zeros((0, 4), dtype=np.int32))
        # A hole's outline has a parent; a blob's, even one inside another's hole, has none.
        outer = [
            contour for contour, links in zip(contours, hierarchy[0], strict=True) if links[3] == -1
        ]
        firsts = np.array([contour[0, 0] for contour in outer])
        order = np.lexsort((firsts[:, 0], firsts[:, 1]))
        outlines = [np.asarray(outer[i], dtype=np.int32) for i in order]
        boxes = np.array([cv2.boundingRect(outline) for outline in outlines], dtype=np.int32)
        return cls(outlines, boxes.reshape(-1, 4))

    def mask(self, chosen: Iterable[int], image: Image | Mask) -> Mask:
        """The pixels of `image` within the chosen blobs' outlines."""
        filled = np.zeros(image.shape[:2], dtype=np.uint8)
        outlines = [self.outlines[index] for index in chosen]
        cv2.drawContours(filled, outlines, -1, 1, thickness=cv2.FILLED)
        return np.asarray((filled > 0) & (image > 0), dtype=np.bool_)

    def inside(self, index: int, image: Image | Mask) -> Mask:
        """The pixels of `image` within one blob's outline, cut to its box."""
        x, y, width, height = (int(v) for v in self.boxes[index])
        filled = np.zeros((height, width), dtype=np.uint8)
        outline = self.outlines[index]
        cv2.drawContours(filled, [outline], -1, 1, thickness=cv2.FILLED, offset=(-x, -y))
        return np.asarray((filled > 0) & (image[y : y + height, x : x + width] > 0), np.bool_)


def specks(ink: Mask, min_area: int) -> Mask:
    """Ink blobs smaller than `min_area` pixels: scanner dust, not print.

    A blob is at least as many pixels as it is long, so only blobs shorter than
    `min_area` whose box could hold that many have their pixels counted.
    """
    blobs = Blobs.of(ink)
    widths, heights = blobs.boxes[:, 2], blobs.boxes[:, 3]
    short = np.flatnonzero(np.maximum(widths, heights) < min_area)
    small = [
        int(index)
        for index in short
        if widths[index] * heights[index] < min_area
        or int(np.count_nonzero(blobs.inside(int(index), ink))) < min_area
    ]
    return blobs.mask(small, ink)


def straight_runs(ink: Mask, length: int, horizontal: bool, bridge: int) -> Image:
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
    across = straight_runs(ink, length, horizontal=True, bridge=1)
    down = straight_runs(ink, length, horizontal=False, bridge=1)
    return np.asarray((across > 0) | (down > 0), dtype=np.bool_)


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
    is nearly blank and both parts are at least `least` rows high. A typical row is one of
    the band's well inked ones (its upper quartile): a tick drawn down from a line may take
    more rows than the line does."""
    inner = range(top + least, bottom - least)
    if len(inner) < 1:
        return [(top, bottom)]
    cut = min(inner, key=lambda row: counts[row])
    typical = float(np.percentile(counts[top:bottom], 75))
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
