"""Rules printed dashed or broken: joined from their pieces for the skew and the grid, and
kept apart from text strokes and from the frames of neighbouring tables.

Every image here is drawn by the test with OpenCV, not taken from a report.
"""

import cv2
import numpy as np
import pytest

from pipeline.model.grid import RuledSettings, grid_cells, group_segments
from pipeline.ocr.ruling import find_ruling, skew_angle
from pipeline.ocr.settings import OcrSettings

SCALE = 300 / 72  # pixels per point at 300 dpi
RULES = OcrSettings(dpi=300).broken_rules
XS, YS = [200, 500, 800, 1100, 1400], [200, 320, 440, 560]


def dashed(image: np.ndarray, start: tuple[int, int], end: tuple[int, int], skip: int = 0) -> None:
    """A rule from `start` to `end` drawn as 30-pixel dashes 15 apart, 3 pixels thick,
    its first dash `skip` pixels after `start`."""
    (x0, y0), (x1, y1) = start, end
    length = max(x1 - x0, y1 - y0)
    for at in range(skip, length, 45):
        stop = min(at + 30, length)
        if y0 == y1:
            cv2.rectangle(image, (x0 + at, y0 - 1), (x0 + stop - 1, y0 + 1), 0, -1)
        else:
            cv2.rectangle(image, (x0 - 1, y0 + at), (x0 + 1, y0 + stop - 1), 0, -1)


def dashed_grid(skip: int = 0, top: int = 0) -> np.ndarray:
    """A white page with a 3×4 grid of dashed rules, `top` pixels lower than `YS` says."""
    image = np.full((1200, 1600), 255, np.uint8)
    for y in YS:
        dashed(image, (XS[0], y + top), (XS[-1], y + top), skip)
    for x in XS:
        dashed(image, (x, YS[0] + top), (x, YS[-1] + top), skip)
    return image


def solid_grid(image: np.ndarray, ys: list[int]) -> None:
    for y in ys:
        cv2.line(image, (XS[0], y), (XS[-1], y), 0, 2)
    for x in XS:
        cv2.line(image, (x, ys[0]), (x, ys[-1]), 0, 2)


def turned(image: np.ndarray, angle: float) -> np.ndarray:
    height, width = image.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(image, matrix, (width, height), borderValue=255)


def shapes(image: np.ndarray) -> list[tuple[int, int]]:
    """The shape of every grid the image's ruling makes, top to bottom."""
    ruling = find_ruling(image < 128, length=50, scale=SCALE, touch=1.5, rules=RULES)
    found = []
    for group in group_segments(ruling.segments, 3.0):
        xs, ys, cells = grid_cells(group, RuledSettings(snap=3.0))
        if cells:
            found.append((ys[0], (len(ys) - 1, len(xs) - 1)))
    return [shape for _, shape in sorted(found)]


@pytest.mark.parametrize("angle", [0.6, -1.1, 1.8])
def test_skew_is_measured_on_dashed_rules(angle: float) -> None:
    ink = turned(dashed_grid(), angle) < 128
    assert skew_angle(ink, length=50, limit=5.0, rules=RULES) == pytest.approx(angle, abs=0.05)


@pytest.mark.parametrize("skip", [0, 20, 40])
def test_a_dashed_grid_is_found_whole(skip: int) -> None:
    """Rules whose first dash starts up to a gap and more after the corner still meet."""
    assert shapes(dashed_grid(skip)) == [(3, 4)]


def test_a_dashed_grid_gives_its_cells_in_points() -> None:
    ruling = find_ruling(dashed_grid() < 128, length=50, scale=SCALE, touch=1.5, rules=RULES)
    xs, ys, cells = grid_cells(ruling.segments, RuledSettings(snap=3.0))
    assert xs[0] == pytest.approx(200 / SCALE, abs=1)
    assert ys[-1] == pytest.approx(560 / SCALE, abs=1)
    assert len(cells) == 12


def test_two_solid_tables_one_above_the_other_stay_two() -> None:
    image = np.full((1400, 1600), 255, np.uint8)
    solid_grid(image, [200, 300, 400])
    solid_grid(image, [460, 560, 660, 760])
    assert shapes(image) == [(2, 4), (3, 4)]


def test_a_dashed_table_under_a_solid_one_is_not_drawn_up_to_it() -> None:
    image = dashed_grid(top=500)
    solid_grid(image, [200, 300, 400, 650])
    assert shapes(image) == [(3, 4), (3, 4)]


def test_strokes_of_a_text_lined_up_down_a_cell_are_no_rule() -> None:
    """The left strokes of three glyphs set one above the other, each with the rest of its
    glyph beside it, as `け` has."""
    image = np.full((1200, 1600), 255, np.uint8)
    solid_grid(image, [200, 500, 600])
    for top in (230, 330, 430):
        cv2.rectangle(image, (640, top), (642, top + 40), 0, -1)
        cv2.rectangle(image, (652, top + 5), (670, top + 35), 0, 3)
    assert shapes(image) == [(2, 4)]
