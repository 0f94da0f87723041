"""Reviewing a document fact by fact gives exactly the scorer's misses, and pairs matched facts.

The cases are the scorer's own (tests/score/cases, see its README): each
prediction folder against the shared gold or its own gold folder.
"""

from collections import Counter
from pathlib import Path

import pytest

from pipeline.model.record import Fact, RecordFile, load_record_file
from pipeline.score.compare import ScoreSettings, score_document
from pipeline.score.review import FactReview, RecordReview, review_document

CASES = Path(__file__).parents[1] / "score" / "cases"
SETTINGS = ScoreSettings()


def _pair(case: str) -> tuple[RecordFile, RecordFile]:
    folder = CASES / case
    if (folder / "gold").is_dir():
        gold_path = next((folder / "gold").glob("*.json"))
        return load_record_file(gold_path), load_record_file(folder / "pred" / gold_path.name)
    return load_record_file(CASES / "gold" / "town-a.json"), load_record_file(
        folder / "town-a.json"
    )


def _facts(reviews: tuple[RecordReview, ...]) -> list[tuple[RecordReview, FactReview]]:
    return [(record, fact) for record in reviews for fact in record.facts]


def _key(side: str, page: int, indicator: str, fact: Fact) -> tuple[str, int, str, str]:
    return side, page, indicator, fact.model_dump_json(exclude={"source", "confidence"})


@pytest.mark.parametrize(
    "case",
    [
        "missing-fact",
        "extra-fact",
        "duplicate-fact",
        "wrong-fy",
        "cumulative-confused",
        "record-below-floor",
        "near-duplicate-names",
        "optimal-assignment",
        "text-as-printed",
    ],
)
def test_missed_and_extra_facts_are_the_scorers_misses(case: str) -> None:
    gold, pred = _pair(case)
    score = score_document("town-a", gold, pred, SETTINGS)
    reviewed = _facts(review_document(gold, pred, SETTINGS))
    side = {"missed": "gold", "extra": "pred"}
    misses = Counter(
        _key(side[fact.status], record.page, record.record.indicator, fact.fact)
        for record, fact in reviewed
        if fact.status in side
    )
    expected = Counter(_key(m.side, m.page, m.indicator, m.fact) for m in score.misses)
    assert misses == expected
    matched = sum(fact.status == "matched" for _, fact in reviewed)
    assert matched == score.statistics.facts.matched


def test_a_matched_fact_stands_beside_the_prediction_it_matched() -> None:
    gold, pred = _pair("duplicate-fact")
    reviewed = [fact for _, fact in _facts(review_document(gold, pred, SETTINGS))]
    for fact in reviewed:
        if fact.status == "matched":
            assert fact.gold is not None and fact.pred is not None
            assert (fact.gold.kind, fact.gold.fy, fact.gold.value, fact.gold.text) == (
                fact.pred.kind,
                fact.pred.fy,
                fact.pred.value,
                fact.pred.text,
            )
    extras = [fact for fact in reviewed if fact.status == "extra"]
    assert len(extras) == 1
    twin = next(f for f in reviewed if f.status == "matched" and f.pred == extras[0].pred)
    assert twin.pred is not extras[0].pred  # the same value predicted twice: one of each


def test_a_gold_record_with_no_prediction_is_missed_whole() -> None:
    gold, _ = _pair("missing-fact")
    reviews = review_document(gold, None, SETTINGS)
    assert [review.pred for review in reviews] == [None] * len(gold.records)
    assert {fact.status for review in reviews for fact in review.facts} == {"missed"}


def test_without_gold_every_fact_is_predicted() -> None:
    _, pred = _pair("extra-fact")
    reviews = review_document(None, pred, SETTINGS)
    assert len(reviews) == len(pred.records)
    assert {fact.status for review in reviews for fact in review.facts} == {"predicted"}
    assert all(review.gold is None for review in reviews)


def _file(*records: tuple[int, str]) -> RecordFile:
    return RecordFile.model_validate(
        {
            "format": "kpi-record/1",
            "document": {
                "doc_id": "town-a",
                "source": "town-a.pdf",
                "municipality": None,
                "title": None,
            },
            "records": [
                {
                    "page": page,
                    "program": None,
                    "indicator": indicator,
                    "unit": "人",
                    "direction": None,
                    "facts": [{"kind": "target", "fy": 2023, "value": 5}],
                }
                for page, indicator in records
            ],
        }
    )


def test_records_come_in_page_order_unpaired_predictions_among_them() -> None:
    gold = _file((2, "創業者数"), (3, "来客数"))
    pred = _file((3, "来客数"), (1, "観光イベントの開催回数"), (2, "創業者数"))
    reviews = review_document(gold, pred, SETTINGS)
    assert [(review.page, review.record.indicator) for review in reviews] == [
        (1, "観光イベントの開催回数"),
        (2, "創業者数"),
        (3, "来客数"),
    ]
    assert [review.gold is None for review in reviews] == [True, False, False]
