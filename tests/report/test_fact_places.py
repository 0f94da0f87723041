"""Placing a missed gold fact at the cell that prints it."""

from typing import Any

import pytest

from pipeline.model.record import Fact
from pipeline.report.fact_places import place_fact, prints_fact, same_box
from pipeline.text.vocabulary import known_units

UNITS = known_units()


def fact(kind: str, bbox: tuple[float, float, float, float] | None = None, **rest: Any) -> Fact:
    data: dict[str, Any] = {"kind": kind, "fy": 2020, **rest}
    if bbox is not None:
        data["source"] = {"page": 1, "bbox": bbox, "text": ""}
    return Fact.model_validate(data)


@pytest.mark.parametrize(
    ("text", "printed", "expected"),
    [
        ("2,671 人", fact("actual", value=2671), True),
        ("134, 280 円", fact("actual", value=134280), True),
        ("△1,200", fact("actual", value=-1200), True),
        ("3.5万人", fact("target", value=35000), True),
        ("40人 (累計180人)", fact("actual", value=180, cumulative=True), True),
        ("2,671 人", fact("actual", value=2670), False),
        ("－", fact("actual", value=0), False),
        ("順調", fact("progress", text="順調"), True),
        ("概ね\n順調", fact("progress", text="概ね順調"), True),
        ("Ｂ", fact("grade", text="B"), True),
        ("b", fact("grade", text="B"), True),
        ("順調", fact("progress", text="遅れ"), False),
        ("5", fact("progress", text="5"), False),
    ],
)
def test_a_cell_prints_a_fact(text: str, printed: Fact, expected: bool) -> None:
    assert prints_fact(text, printed, UNITS) is expected


ROW = 100.0
# One row of an indicator-per-row table: baseline 0, target 5, actual 5, final target 10;
# and the row below, whose actual is also 5.
CELLS = [
    ((0, 0, 30, ROW), "0"),
    ((30, 0, 60, ROW), "5"),
    ((60, 0, 90, ROW), "5 人"),
    ((90, 0, 120, ROW), "10"),
    ((60, ROW, 90, 2 * ROW), "5 人"),
]


def test_the_cell_a_prediction_read_its_value_from_is_not_the_missed_facts() -> None:
    target = fact("target", (30, 0, 60, ROW), value=5)
    baseline = fact("baseline", (0, 0, 30, ROW), value=0)
    anchors = [baseline.source.bbox, target.source.bbox]  # type: ignore[union-attr]
    missed = fact("actual", value=5)
    assert place_fact(missed, CELLS, anchors, [target, baseline], UNITS) == (60, 0, 90, ROW)


def test_of_two_cells_printing_the_value_the_one_nearest_the_record_is_taken() -> None:
    final = fact("final_target", (90, 0, 120, ROW), value=10)
    missed = fact("actual", value=5)
    anchors = [final.source.bbox]  # type: ignore[union-attr]
    assert place_fact(missed, CELLS[2:], anchors, [final], UNITS) == (60, 0, 90, ROW)


def test_with_no_anchor_a_value_printed_twice_is_not_placed() -> None:
    assert place_fact(fact("actual", value=5), CELLS[2:], [], [], UNITS) is None


def test_with_no_anchor_a_value_printed_once_is_placed() -> None:
    assert place_fact(fact("final_target", value=10), CELLS, [], [], UNITS) == (90, 0, 120, ROW)


def test_a_value_no_cell_prints_is_not_placed() -> None:
    assert place_fact(fact("actual", value=7), CELLS, [(0, 0, 30, ROW)], [], UNITS) is None


def test_two_facts_read_from_one_prose_cell_place_the_missed_one_there() -> None:
    cell = ((0, 0, 200, 80), "【ＫＰＩ】 累計 445,000件\n【実績】 累計 466,467件")
    target = fact("target", cell[0], value=445000, cumulative=True)
    missed = fact("actual", value=466467, cumulative=True)
    assert place_fact(missed, [cell], [cell[0]], [target], UNITS) == cell[0]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((0, 0, 10, 10), (0, 0, 10, 10), True),
        ((0, 0, 10, 10), (0.5, 0, 10, 10.5), True),
        ((0, 0, 10, 10), (0, 0, 10, 5), False),
        ((0, 0, 10, 10), (10, 0, 20, 10), False),
    ],
)
def test_boxes_of_one_cell(a: tuple[float, ...], b: tuple[float, ...], expected: bool) -> None:
    assert same_box(a, b) is expected  # type: ignore[arg-type]
