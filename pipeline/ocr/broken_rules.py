"""Ruling lines printed faint, dashed or broken by short gaps, found piece by piece.

A light rule after JPEG compression, a dashed border, a rule the scanner lost
in places: each leaves a row of short thin pieces that no opening of ruling
length keeps. Pieces are followed along their line and joined where the gap
between two is short beside the pieces themselves. A glyph's strokes are
joined to the strokes that cross them, so they are rarely pieces; a stroke
set apart (一, ー) is rarely followed in its line by others at a dash's spacing.
"""

from dataclasses import dataclass, replace

import cv2
import numpy as np
import numpy.typing as npt

from pipeline.ocr.image_grid import Blobs, Image, Mask


@dataclass(frozen=True)
class BrokenRules:
    """What a broken rule is made of, in pixels of the rendered page."""

    piece: int  # the shortest piece
    thick: int  # the thickest piece across
    gap: int  # the longest gap a rule is followed over
    ratio: float  # a gap is at most this many times the longer piece beside it
    share: float  # the pieces of a rule cover at least this share of its length


@dataclass(frozen=True)
class Piece:
    """A thin stretch of ink along one axis: where it starts and ends, where it lies across,
    and whether its start and its end stop on a solid crossing line."""

    start: int
    end: int  # exclusive
    low: int
    high: int  # exclusive
    stops: tuple[bool, bool] = (False, False)

    @property
    def length(self) -> int:
        return self.end - self.start

    @property
    def middle(self) -> float:
        return (self.low + self.high) / 2


@dataclass(frozen=True)
class Line:
    """A ruling line in pixels: its span along its axis and across it, and how far its ends
    may be drawn on to a crossing line (not at all for a solid line, which ends where it ends)."""

    start: int
    end: int
    low: int
    high: int
    reach: float = 0.0

    @property
    def middle(self) -> float:
        return (self.low + self.high) / 2


Chain = list[Piece]
# An integral image of ink: 32 bits hold the count of any page's pixels.
Sums = npt.NDArray[np.int32]


def blobs(image: Image | Mask, horizontal: bool) -> list[Piece]:
    """Every connected blob of an image as a piece along the axis, by where it starts."""
    found = []
    for x, y, width, height in Blobs.of(image).boxes.tolist():
        if horizontal:
            found.append(Piece(x, x + width, y, y + height))
        else:
            found.append(Piece(y, y + height, x, x + width))
    return sorted(found, key=lambda piece: piece.start)


# A piece is longer than it is thick by this much at least: a dot of a dotted rule is too.
_ELONGATED = 1.2


def is_thin(piece: Piece, rules: BrokenRules) -> bool:
    """Whether a blob is long and thin along its axis, as a piece of a rule is."""
    across = piece.high - piece.low
    long = piece.length >= max(rules.piece, _ELONGATED * across)
    return long and across <= rules.thick


def follow(found: list[Piece], rules: BrokenRules, slope: float) -> list[Chain]:
    """The pieces joined into lines: each piece continues the line whose last piece ends a
    short gap before it and lies in its path, a pixel either side and `slope` pixels across
    for each pixel along (the skew a line may still have)."""
    chains: list[Chain] = []
    open_chains: list[Chain] = []  # those whose last piece ends within a gap of the sweep
    for piece in found:
        open_chains = [chain for chain in open_chains if chain[-1].end + rules.gap >= piece.start]
        best: Chain | None = None
        for chain in open_chains:
            if _continues(chain[-1], piece, rules, slope) and (
                best is None or chain[-1].end > best[-1].end
            ):
                best = chain
        if best is None:
            best = [piece]
            chains.append(best)
        else:
            best.append(piece)
            open_chains.remove(best)
        open_chains.append(best)
    return chains


def _continues(last: Piece, piece: Piece, rules: BrokenRules, slope: float) -> bool:
    """Whether `piece` continues a line that `last` ends; never past an end that stops on a
    crossing line, as the frame of a table stops at its corners: the frame of the next
    table may be in line with it."""
    if last.stops[1] or piece.stops[0]:
        return False
    gap = piece.start - last.end
    reach = min(rules.gap, rules.ratio * max(last.length, piece.length))
    drift = 1 + slope * (piece.start + piece.end - last.start - last.end) / 2
    return 0 <= gap <= reach and abs(piece.middle - last.middle) <= drift


def is_rule(chain: Chain, length: int, rules: BrokenRules) -> bool:
    """Whether joined pieces make a ruling line: two pieces or more, `length` long at least,
    its pieces covering `rules.share` of it."""
    span = chain[-1].end - chain[0].start
    covered = sum(piece.length for piece in chain)
    return len(chain) >= 2 and span >= length and covered >= rules.share * span


def broken_lines(
    found: list[Piece], sums: Sums, horizontal: bool, length: int, rules: BrokenRules
) -> list[Line]:
    """The broken rules the pieces of one direction of a straightened image make (`sums`:
    the integral image of its ink); each may run on unseen at its ends as far as a gap its
    pieces would bridge."""
    lines = []
    for chain in follow(found, rules, slope=0.0):
        if is_rule(chain, length, rules) and _clear(chain, sums, horizontal, rules):
            typical = float(np.median([piece.length for piece in chain]))
            reach = min(rules.gap, rules.ratio * typical)
            low, high = min(piece.low for piece in chain), max(piece.high for piece in chain)
            lines.append(Line(chain[0].start, chain[-1].end, low, high, reach))
    return lines


# The bands beside a rule's pieces hold at most this share of ink, as a rule of thumb.
_BESIDE = 0.1


def _clear(chain: Chain, sums: Sums, horizontal: bool, rules: BrokenRules) -> bool:
    """Whether the pieces stand clear of other ink, as a rule's do and the strokes of glyphs
    do not (the left stroke of け has the rest of its glyph beside it): the bands on either
    side, twice as wide as a piece may be thick, hold little ink for the typical piece."""
    width = 2 * rules.thick
    shares = []
    for piece in chain:
        bands = [(piece.start, piece.low - width, piece.end, piece.low)]
        bands.append((piece.start, piece.high, piece.end, piece.high + width))
        inked = sum(_inked(sums, band if horizontal else _swapped(band)) for band in bands)
        shares.append(inked / (2 * width * piece.length))
    return float(np.median(shares)) <= _BESIDE


def _swapped(box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    return box[1], box[0], box[3], box[2]


def _inked(sums: Sums, box: tuple[int, int, int, int]) -> int:
    """The inked pixels of a box (x0, y0, x1, y1), cut to the image, from its integral image."""
    height, width = sums.shape[0] - 1, sums.shape[1] - 1
    x0, y0 = min(max(box[0], 0), width), min(max(box[1], 0), height)
    x1, y1 = min(max(box[2], 0), width), min(max(box[3], 0), height)
    return int(sums[y1, x1] - sums[y0, x1] - sums[y1, x0] + sums[y0, x0])


def _solid(found: list[Piece]) -> list[Line]:
    return [Line(piece.start, piece.end, piece.low, piece.high) for piece in found]


def reach_crossings(line: Line, crossing: list[Line], touch: int) -> Line:
    """The line with each end drawn on to the nearest crossing line within its reach: a
    broken rule's last piece often stops short of the border it runs to. A broken crossing
    line may itself stop short of this one by its own reach, as at a corner of two. An end
    that meets a crossing line already stays, or a table's frame would be drawn on across
    the space to the next table's."""
    at = line.middle
    places = [
        other.middle
        for other in crossing
        if other.start - max(touch, other.reach) <= at <= other.end + max(touch, other.reach)
    ]
    start, end = line.start, line.end
    if not any(abs(place - start) <= touch for place in places):
        start = round(max((p for p in places if start - line.reach <= p < start), default=start))
    if not any(abs(place - end) <= touch for place in places):
        end = round(min((p for p in places if end < p <= end + line.reach), default=end - 1)) + 1
    return replace(line, start=start, end=end)


def draw(lines: list[Line], horizontal: bool, shape: tuple[int, ...]) -> Image:
    """A run image holding the lines, each the box of its pieces."""
    image = np.zeros(shape[:2], dtype=np.uint8)
    for line in lines:
        if horizontal:
            corners = (line.start, line.low), (line.end - 1, line.high - 1)
        else:
            corners = (line.low, line.start), (line.high - 1, line.end - 1)
        cv2.rectangle(image, corners[0], corners[1], 255, thickness=-1)
    return image


# Pixels around a solid line where no piece of a broken one is sought.
_NEAR = np.ones((5, 5), np.uint8)


def with_broken_rules(
    ink: Mask, across: Image, down: Image, length: int, touch: int, rules: BrokenRules
) -> tuple[Image, Image]:
    """The run images of the solid rules with the broken rules drawn in, each drawn on to the
    lines it stops short of.

    A thin solid run is a piece too: a long dash of a broken rule, or a border
    a broken rule runs on from. Other pieces are sought away from the runs,
    which they would join into blobs no longer thin, and pieces down away from
    the rules found across: where two broken rules cross, their pieces join
    into a cross.
    """
    solid_across, solid_down = _solid(blobs(across, True)), _solid(blobs(down, False))
    dashes_across = _dashes(solid_across, solid_down, touch, rules)
    dashes_down = _dashes(solid_down, solid_across, touch, rules)
    free = ink & ~(cv2.dilate(np.maximum(across, down), _NEAR) > 0)
    sums: Sums = np.asarray(cv2.integral(ink.astype(np.uint8)), dtype=np.int32)
    found = _pieces(free, True, dashes_across, rules)
    broken_across = broken_lines(found, sums, True, length, rules)
    free &= ~(cv2.dilate(draw(broken_across, True, ink.shape), _NEAR) > 0)
    found = _pieces(free, False, dashes_down, rules)
    broken_down = broken_lines(found, sums, False, length, rules)
    crossing_across = solid_across + broken_across
    crossing_down = solid_down + broken_down
    reached_across = [reach_crossings(line, crossing_down, touch) for line in broken_across]
    reached_down = [reach_crossings(line, crossing_across, touch) for line in broken_down]
    return (
        np.maximum(across, draw(reached_across, True, ink.shape)),
        np.maximum(down, draw(reached_down, False, ink.shape)),
    )


def _dashes(lines: list[Line], crossing: list[Line], touch: int, rules: BrokenRules) -> list[Piece]:
    """The thin solid lines as pieces, each end marked where it stops on a crossing line."""
    found = []
    for line in lines:
        across = [
            other
            for other in crossing
            if other.start - touch <= line.high and line.low <= other.end + touch
        ]
        stops = (
            any(other.low - touch <= line.start <= other.high + touch for other in across),
            any(other.low - touch <= line.end <= other.high + touch for other in across),
        )
        piece = Piece(line.start, line.end, line.low, line.high, stops)
        if is_thin(piece, rules):
            found.append(piece)
    return found


def _pieces(free: Mask, horizontal: bool, dashes: list[Piece], rules: BrokenRules) -> list[Piece]:
    return sorted(pieces(free, horizontal, rules) + dashes, key=lambda piece: piece.start)


def pieces(ink: Mask, horizontal: bool, rules: BrokenRules) -> list[Piece]:
    """The blobs of ink that are long and thin along the axis, by where they start."""
    return [piece for piece in blobs(ink, horizontal) if is_thin(piece, rules)]
