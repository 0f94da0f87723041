"""The ruling of a scanned table: the angle it is turned by, and its lines as segments.

Ruling lines are taken from the ink as camelot lattice and img2table do: keep
only long horizontal or vertical runs (a morphological opening), and call
each run a segment. Rules printed faint or dashed are joined up from their
pieces (`broken_rules.py`). The segments, turned into PDF points, go to the
ruled strategy's own grid builder, so a missing inner border means a merged
cell here as it does for vector drawings.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from pipeline.model import Segment
from pipeline.model import touch as meets
from pipeline.ocr.broken_rules import (
    BrokenRules,
    follow,
    is_rule,
    pieces,
    with_broken_rules,
)
from pipeline.ocr.image_grid import Blobs, Image, Mask, straight_runs


def skew_angle(ink: Mask, length: int, limit: float, rules: BrokenRules) -> float:
    """The angle (degrees, counterclockwise as the page is seen) the ruling is turned by.

    Each long horizontal line, solid or broken, is fitted with a straight line;
    the answer is the length-weighted median of their angles, so a few text
    strokes cannot sway it. Lines are thickened first so that a turned solid
    line still holds long horizontal runs; the pieces of a broken one are
    followed within `limit`. 0.0 when no line is long enough or the angle
    exceeds `limit`.
    """
    thick = cv2.dilate(ink.astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_RECT, (1, 5)))
    lines = straight_runs(thick > 0, length, horizontal=True, bridge=1)
    angles = _solid_angles(lines, 3 * length)
    slope = float(np.tan(np.radians(limit)))
    for chain in follow(pieces(ink, True, rules), rules, slope):
        if is_rule(chain, 3 * length, rules):
            centres = [(piece.start + piece.end) / 2 for piece in chain]
            fit = np.polyfit(centres, [piece.middle for piece in chain], 1)
            weight = float(chain[-1].end - chain[0].start)
            angles.append((-float(np.degrees(np.arctan(fit[0]))), weight))
    if not angles:
        return 0.0
    angle = _weighted_median(angles)
    return angle if abs(angle) <= limit else 0.0


def _solid_angles(lines: Image, length: int) -> list[tuple[float, float]]:
    """The angle and width of each run at least `length` wide, fitted through its pixels."""
    blobs = Blobs.of(lines)
    angles: list[tuple[float, float]] = []
    for index, (_, _, width, _) in enumerate(blobs.boxes.tolist()):
        if width < length:
            continue
        ys, xs = np.nonzero(blobs.inside(index, lines))
        slope = float(np.polyfit(xs, ys, 1)[0])
        angles.append((-float(np.degrees(np.arctan(slope))), float(width)))
    return angles


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
class Ruling:
    """The ruling lines found in an image: segments in points, and the pixels they cover."""

    segments: list[Segment]
    pixels: Mask


@dataclass(frozen=True)
class _Lines:
    """The runs of one direction: a segment per run, and the runs' blobs and image that map
    them to pixels."""

    segments: list[Segment]
    blobs: Blobs
    runs: Image


def find_ruling(ink: Mask, length: int, scale: float, touch: float, rules: BrokenRules) -> Ruling:
    """Horizontal and vertical lines, solid or broken, that meet at least two lines of the
    other direction.

    A stroke of text can be long and straight (`ー` runs, underlines) but does
    not reach across a cell from border to border; a table's ruling line always
    meets two crossing lines. Lines are dropped until every one left does.
    """
    across, down = with_broken_rules(
        ink,
        straight_runs(ink, length, True, bridge=5),
        straight_runs(ink, length, False, bridge=5),
        length,
        round(touch * scale),
        rules,
    )
    lines_across, lines_down = _lines(across, True, scale), _lines(down, False, scale)
    keep_across, keep_down = _crossed(lines_across.segments, lines_down.segments, touch)
    pixels = _pixels(lines_across, keep_across) | _pixels(lines_down, keep_down)
    segments = [lines_across.segments[i] for i in keep_across] + [
        lines_down.segments[i] for i in keep_down
    ]
    return Ruling(segments, pixels)


def _lines(runs: Image, horizontal: bool, scale: float) -> _Lines:
    """Each connected run as a segment through its middle, in points."""
    blobs = Blobs.of(runs)
    segments: list[Segment] = []
    for x, y, width, height in (tuple(float(v) for v in box) for box in blobs.boxes.tolist()):
        if horizontal:
            middle = (y + height / 2) / scale
            segments.append((x / scale, middle, (x + width) / scale, middle))
        else:
            middle = (x + width / 2) / scale
            segments.append((middle, y / scale, middle, (y + height) / scale))
    return _Lines(segments, blobs, runs)


def _pixels(lines: _Lines, kept: set[int]) -> Mask:
    return lines.blobs.mask(sorted(kept), lines.runs)


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
