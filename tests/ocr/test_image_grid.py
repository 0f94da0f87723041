"""Grid finding in images: skew recovered, ruling told from text strokes, merged cells kept.

Every image here is drawn by the test (lines and blocks with OpenCV), not taken
from a report.
"""

import cv2
import numpy as np
import pytest

from pipeline.model.grid import RuledSettings, grid_cells
from pipeline.ocr.image_grid import (
    Blobs,
    Frame,
    is_dash,
    specks,
    text_rows,
    without_end_specks,
)
from pipeline.ocr.ruling import find_ruling, skew_angle
from pipeline.ocr.settings import OcrSettings

SCALE = 300 / 72  # pixels per point at 300 dpi
RULES = OcrSettings(dpi=300).broken_rules


def ruled_image(merged_right_of: tuple[int, int] | None = None) -> np.ndarray:
    """A white page with a 3×4 grid of 2-pixel lines; optionally one inner border left out."""
    image = np.full((1200, 1600), 255, np.uint8)
    xs, ys = [200, 500, 800, 1100, 1400], [200, 400, 600, 800]
    for y in ys:
        cv2.line(image, (xs[0], y), (xs[-1], y), 0, 2)
    for c, x in enumerate(xs):
        for r in range(len(ys) - 1):
            if merged_right_of != (r, c - 1):
                cv2.line(image, (x, ys[r]), (x, ys[r + 1]), 0, 2)
    return image


def turned(image: np.ndarray, angle: float) -> np.ndarray:
    """The image turned counterclockwise (as seen) by `angle` degrees."""
    height, width = image.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(image, matrix, (width, height), borderValue=255)


@pytest.mark.parametrize("angle", [0.45, -0.35, 1.5, 0.0])
def test_skew_angle_recovers_a_small_turn(angle: float) -> None:
    ink = turned(ruled_image(), angle) < 128
    assert skew_angle(ink, length=50, limit=5.0, rules=RULES) == pytest.approx(angle, abs=0.05)


def test_skew_beyond_the_limit_is_left_alone() -> None:
    ink = turned(ruled_image(), 4.0) < 128
    assert skew_angle(ink, length=50, limit=2.0, rules=RULES) == 0.0


def test_frame_straightens_a_turned_grid() -> None:
    image = turned(ruled_image(), 0.8)
    frame = Frame.turned(image.shape[1], image.shape[0], 0.8, SCALE)
    straight = frame.straighten(image) < 128
    assert abs(skew_angle(straight, length=50, limit=5.0, rules=RULES)) < 0.05


def test_frame_maps_a_point_there_and_back() -> None:
    frame = Frame.turned(1600, 1200, 0.6, SCALE)
    x, y = frame.to_straight(100.0, 50.0)
    box = frame.to_page((x, y, x, y))
    assert box[0] == pytest.approx(100.0, abs=1e-6)
    assert box[1] == pytest.approx(50.0, abs=1e-6)


def grid_of(image: np.ndarray) -> tuple[list[float], list[float], list]:
    ruling = find_ruling(image < 128, length=50, scale=SCALE, touch=1.5, rules=RULES)
    return grid_cells(ruling.segments, RuledSettings(snap=3.0))


def test_ruling_gives_the_grid_in_points() -> None:
    xs, ys, cells = grid_of(ruled_image())
    assert (len(ys) - 1, len(xs) - 1) == (3, 4)
    assert xs[0] == pytest.approx(200 / SCALE, abs=1)
    assert len(cells) == 12


def test_missing_inner_border_makes_a_merged_cell() -> None:
    _, _, cells = grid_of(ruled_image(merged_right_of=(1, 1)))
    merged = next(cell for cell in cells if (cell.row, cell.col) == (1, 1))
    assert (merged.rowspan, merged.colspan) == (1, 2)
    assert len(cells) == 11


def test_long_text_strokes_inside_cells_are_not_ruling() -> None:
    image = ruled_image()
    cv2.line(image, (520, 300), (760, 300), 0, 3)  # a long dash run inside one cell
    cv2.line(image, (950, 420), (950, 580), 0, 3)  # a tall stroke inside another
    xs, ys, _ = grid_of(image)
    assert (len(ys) - 1, len(xs) - 1) == (3, 4)


def test_ruling_pixels_cover_the_lines_not_the_text() -> None:
    image = ruled_image()
    cv2.rectangle(image, (300, 280), (340, 320), 0, -1)  # a glyph-sized blot
    ruling = find_ruling(image < 128, length=50, scale=SCALE, touch=1.5, rules=RULES)
    assert ruling.pixels[200, 1000]
    assert not ruling.pixels[300, 320]


def test_text_rows_split_a_cell_into_its_printed_lines() -> None:
    ink = np.zeros((200, 400), bool)
    ink[20:40, 30:300] = True
    ink[60:80, 30:200] = True
    assert text_rows(ink, (0, 0, 400, 200)) == [(30, 20, 300, 40), (30, 60, 200, 80)]


def test_text_rows_cut_two_lines_a_bracket_joins() -> None:
    ink = np.zeros((200, 400), bool)
    ink[20:50, 30:300] = True
    ink[54:84, 30:200] = True
    ink[46:58, 30:33] = True  # the tail of a tall bracket reaching the next line
    assert text_rows(ink, (0, 0, 400, 200), least=12) == [(30, 20, 300, 50), (30, 51, 200, 84)]


def test_text_rows_cut_a_line_from_a_tick_drawn_down_from_it() -> None:
    """The tick's stroke runs on below the line for longer than the line is high: its rows
    are most of the band, and still no line."""
    ink = np.zeros((200, 400), bool)
    ink[20:50, 30:300] = True
    ink[40:90, 40:44] = True  # a pen's stroke from the line's foot downwards
    rows = text_rows(ink, (0, 0, 400, 200), least=12)
    assert rows[0] == (30, 20, 300, 50)


def test_text_rows_keep_a_mark_too_low_for_a_line_with_its_line() -> None:
    ink = np.zeros((100, 400), bool)
    ink[20:50, 30:300] = True
    ink[50:53, 100:103] = True  # a dot under the line, joined to it by one stroke
    ink[53:58, 95:110] = True
    assert text_rows(ink, (0, 0, 400, 100), least=12) == [(30, 20, 300, 58)]


@pytest.mark.parametrize(
    ("height", "width", "dash"),
    [(4, 20, True), (4, 6, False), (12, 40, False)],
)
def test_a_lone_flat_stroke_is_a_dash(height: int, width: int, dash: bool) -> None:
    ink = np.zeros((50, 80), bool)
    ink[20 : 20 + height, 10 : 10 + width] = True
    assert is_dash(ink, (0, 0, 80, 50), thin=5) is dash


def _line(*blobs: tuple[int, int, int]) -> np.ndarray:
    """A 30-pixel-high line of ink blobs, each (x, width, height), standing on one base."""
    ink = np.zeros((30, 400), bool)
    for x, width, height in blobs:
        ink[28 - height : 28, x : x + width] = True
    return ink


@pytest.mark.parametrize(
    ("blobs", "box"),
    [
        (((5, 4, 4), (100, 20, 25), (124, 20, 25)), (100, 0, 144, 30)),  # a speck before
        (((100, 20, 25), (124, 20, 25), (300, 3, 3)), (100, 0, 144, 30)),  # a speck after
        (((100, 20, 25), (124, 20, 25), (146, 4, 4)), (100, 0, 150, 30)),  # a full stop
        (((100, 20, 25), (200, 20, 25)), (100, 0, 220, 30)),  # two words apart
        (((50, 4, 4), (200, 3, 3)), None),  # specks alone
    ],
)
def test_specks_apart_at_a_line_s_ends_are_no_part_of_it(
    blobs: tuple[tuple[int, int, int], ...], box: tuple[int, int, int, int] | None
) -> None:
    assert without_end_specks(_line(*blobs), (0, 0, 400, 30), low=12) == box


def _ring_with_a_dot() -> np.ndarray:
    """A square ring, a dot in its hole, and a diagonal stroke apart: three 8-connected blobs."""
    image = np.zeros((20, 30), dtype=np.uint8)
    cv2.rectangle(image, (2, 2), (12, 12), 1, thickness=1)
    image[7, 7] = 1
    for step in range(6):
        image[3 + step, 20 + step] = 1
    return image


def test_blobs_are_the_connected_blobs_with_their_boxes() -> None:
    image = _ring_with_a_dot()
    _, _, stats, _ = cv2.connectedComponentsWithStats(image, connectivity=8)
    expected = sorted(tuple(row) for row in stats[1:, :4].tolist())
    assert sorted(tuple(box) for box in Blobs.of(image).boxes.tolist()) == expected


def test_blobs_are_ordered_by_their_first_pixel_in_reading_order() -> None:
    boxes = Blobs.of(_ring_with_a_dot()).boxes.tolist()
    assert boxes == [[2, 2, 11, 11], [20, 3, 6, 6], [7, 7, 1, 1]]


def test_a_blobs_mask_holds_its_pixels_and_what_its_hole_holds() -> None:
    image = _ring_with_a_dot()
    blobs = Blobs.of(image)
    assert np.array_equal(blobs.mask([0], image), image[:, :] * (np.arange(30) < 13) > 0)
    assert np.array_equal(blobs.inside(1, image), image[3:9, 20:26] > 0)


def test_an_image_without_ink_has_no_blobs() -> None:
    assert Blobs.of(np.zeros((5, 5), dtype=np.uint8)).boxes.shape == (0, 4)


def test_specks_are_the_blobs_of_fewer_pixels_than_the_least_area() -> None:
    """A dot and a thin diagonal whose box is larger than the least area are dust; the ring is
    print, though it is no longer than the diagonal."""
    image = _ring_with_a_dot()
    dust = specks(image > 0, min_area=12)
    expected = image > 0
    expected[2:13, 2:13] = False
    expected[7, 7] = True
    assert np.array_equal(dust, expected)
