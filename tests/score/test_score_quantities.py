"""Values compare as quantities in their record's unit; units agree without their multiplier;
program, municipality and title are scored too (contract, Scoring)."""

from typing import Any

import pytest

from pipeline.model.record import DocumentInfo, Fact, Record, RecordFile
from pipeline.score.compare import ScoreSettings, score_document, unit_scale


def record(unit: str | None, *values: float, program: str | None = "観光振興") -> Record:
    facts = [Fact(kind="target", fy=2020 + n, value=value) for n, value in enumerate(values)]
    return Record(
        page=1, program=program, indicator="来訪者数", unit=unit, direction=None, facts=facts
    )


def document(*records: Record, **info: Any) -> RecordFile:
    fields = {"doc_id": "d", "source": "d.pdf", "municipality": "北市", "title": "成果指標"}
    return RecordFile(
        format="kpi-record/1", document=DocumentInfo(**{**fields, **info}), records=list(records)
    )


@pytest.mark.parametrize(
    ("unit", "scale", "counted"),
    [
        ("万人", 10_000, "人"),
        ("千円", 1_000, "円"),
        ("百万円", 1_000_000, "円"),
        ("千万円", 10_000_000, "円"),
        ("億円", 100_000_000, "円"),
        ("人", 1, "人"),
        ("万", 1, "万"),  # a multiplier alone is the unit itself
        ("千人/年", 1_000, "人/年"),
        (None, 1, None),
    ],
)
def test_unit_scale(unit: str | None, scale: float, counted: str | None) -> None:
    assert unit_scale(unit) == (scale, counted)


@pytest.mark.parametrize(
    ("gold", "pred", "matched", "unit_agrees"),
    [
        (record("万人", 95.9, 108), record("人", 959_000, 1_080_000), 2, True),
        (record("千円", 5000), record("円", 5_000_000), 1, True),
        (record("千円", 5000), record("円", 5000), 0, True),
        (record("人", 30), record("件", 30), 1, False),
    ],
)
def test_values_compare_as_quantities(
    gold: Record, pred: Record, matched: int, unit_agrees: bool
) -> None:
    score = score_document("d", document(gold), document(pred), ScoreSettings())
    assert score.statistics.facts.matched == matched
    assert score.statistics.unit_correct == int(unit_agrees)


def test_program_municipality_and_title_are_scored() -> None:
    gold = document(record("人", 1, program="観光振興"))
    pred = document(record("人", 1, program="観光の振興"), municipality="北市", title=None)
    statistics = score_document("d", gold, pred, ScoreSettings()).statistics
    assert (statistics.program_correct, statistics.records.matched) == (0, 1)
    assert (statistics.municipality_correct, statistics.title_correct) == (1, 0)
    assert statistics.program_accuracy == 0.0 and statistics.municipality_accuracy == 1.0


def test_a_missing_prediction_gets_no_document_field_right() -> None:
    statistics = score_document("d", document(record("人", 1)), None, ScoreSettings()).statistics
    assert (statistics.documents, statistics.municipality_correct, statistics.title_correct) == (
        1,
        0,
        0,
    )
