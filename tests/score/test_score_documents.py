"""Scoring whole documents from the case folders: figures by hand, misses, statuses, twins."""

from collections.abc import Callable
from dataclasses import astuple
from pathlib import Path

import pytest

from pipeline.score.compare import DocumentScore, Miss, Scorecard
from pipeline.score.inputs import TwinsFileError, load_inputs, load_twins
from pipeline.score.statistics import DocumentStatistics, Tally

ScoreCase = Callable[[str, str], Scorecard]


def fact_figures(statistics: DocumentStatistics) -> tuple[float, ...]:
    return astuple(statistics.facts.figures())


def the_document(scorecard: Scorecard) -> DocumentScore:
    (document,) = scorecard.documents
    return document


def brief(miss: Miss) -> tuple[object, ...]:
    """A miss as (side, page, indicator, kind, fy, value or text, cumulative)."""
    fact = miss.fact
    value = fact.value if fact.value is not None else fact.text
    return (miss.side, miss.page, miss.indicator, fact.kind, fact.fy, value, fact.cumulative)


def test_gold_against_itself_is_perfect(score_case: ScoreCase) -> None:
    document = the_document(score_case("gold", "gold"))
    statistics = document.statistics
    assert fact_figures(statistics) == (1.0, 1.0, 1.0)
    assert astuple(statistics.records.figures()) == (1.0, 1.0, 1.0)
    assert (statistics.unit_accuracy, statistics.direction_accuracy) == (1.0, 1.0)
    assert all(astuple(tally.figures()) == (1.0, 1.0, 1.0) for tally in statistics.kinds.values())
    assert (document.status, document.misses) == ("scored", ())


def test_gold_against_itself_counts(score_case: ScoreCase) -> None:
    statistics = the_document(score_case("gold", "gold")).statistics
    assert (statistics.records, statistics.facts) == (Tally(2, 2, 2), Tally(9, 9, 9))


def test_missing_fact(score_case: ScoreCase) -> None:
    document = the_document(score_case("gold", "missing-fact"))
    # 8 of 9 gold facts found, all 8 predictions right: F1 = 2 * 8/9 / (1 + 8/9) = 16/17.
    assert fact_figures(document.statistics) == pytest.approx((1.0, 8 / 9, 16 / 17))
    assert [brief(m) for m in document.misses] == [
        ("gold", 2, "宿泊者数", "actual", 2023, 4800, False)
    ]


def test_missing_fact_lowers_its_kind_only(score_case: ScoreCase) -> None:
    kinds = the_document(score_case("gold", "missing-fact")).statistics.kinds
    assert (kinds["actual"], kinds["target"]) == (Tally(3, 2, 2), Tally(2, 2, 2))


def test_extra_fact(score_case: ScoreCase) -> None:
    document = the_document(score_case("gold", "extra-fact"))
    # 9 of 10 predictions right, all 9 gold found: F1 = 2 * 0.9 / 1.9 = 18/19.
    assert fact_figures(document.statistics) == pytest.approx((0.9, 1.0, 18 / 19))
    assert [brief(m) for m in document.misses] == [
        ("pred", 1, "創業者数", "target", 2024, 25, False),
    ]


def test_duplicated_prediction_counts_once_right_once_extra(score_case: ScoreCase) -> None:
    document = the_document(score_case("gold", "duplicate-fact"))
    assert document.statistics.facts == Tally(gold=9, pred=10, matched=9)
    assert [brief(m) for m in document.misses] == [
        ("pred", 1, "創業者数", "target", 2023, 20, False),
    ]


def test_wrong_fy(score_case: ScoreCase) -> None:
    document = the_document(score_case("gold", "wrong-fy"))
    assert fact_figures(document.statistics) == pytest.approx((8 / 9, 8 / 9, 8 / 9))
    assert [brief(m) for m in document.misses] == [
        ("gold", 1, "創業者数", "target", 2023, 20, False),
        ("pred", 1, "創業者数", "target", 2022, 20, False),
    ]


def test_cumulative_predicted_as_annual(score_case: ScoreCase) -> None:
    document = the_document(score_case("gold", "cumulative-confused"))
    assert fact_figures(document.statistics) == pytest.approx((8 / 9, 8 / 9, 8 / 9))
    assert [brief(m) for m in document.misses] == [
        ("gold", 1, "創業者数", "actual", 2023, 40, True),
        ("pred", 1, "創業者数", "actual", 2023, 40, False),
    ]


def test_unpaired_record_counts_against_both_sides(score_case: ScoreCase) -> None:
    statistics = the_document(score_case("gold", "record-below-floor")).statistics
    # One of two records paired: P = R = F1 = 1/2. Its 5 facts match; the other 4 a side miss.
    assert astuple(statistics.records.figures()) == (0.5, 0.5, 0.5)
    assert fact_figures(statistics) == pytest.approx((5 / 9, 5 / 9, 5 / 9))


def test_unpaired_record_facts_are_all_misses(score_case: ScoreCase) -> None:
    misses = the_document(score_case("gold", "record-below-floor")).misses
    sides = [(m.side, m.indicator) for m in misses]
    assert sides == [("gold", "宿泊者数")] * 4 + [("pred", "空き家バンク登録件数")] * 4


def test_unit_and_direction_accuracy(score_case: ScoreCase) -> None:
    statistics = the_document(score_case("gold", "unit-direction")).statistics
    # 名 ≠ 人 and None ≠ up on the first record; " 人 " = 人 and None = None on the second.
    assert (statistics.unit_correct, statistics.direction_correct) == (1, 1)
    assert (statistics.unit_accuracy, statistics.direction_accuracy) == (0.5, 0.5)
    assert fact_figures(statistics) == (1.0, 1.0, 1.0)


def test_text_as_printed_matches(score_case: ScoreCase) -> None:
    document = the_document(score_case("gold", "text-as-printed"))
    assert document.statistics.facts == Tally(9, 9, 9)


@pytest.mark.parametrize("case", ["near-duplicate-names", "optimal-assignment"])
def test_near_names_pair_right_so_every_fact_matches(score_case: ScoreCase, case: str) -> None:
    statistics = the_document(score_case(f"{case}/gold", f"{case}/pred")).statistics
    assert (statistics.records, statistics.facts) == (Tally(2, 2, 2), Tally(2, 2, 2))


def _by_id(scorecard: Scorecard) -> dict[str, DocumentScore]:
    return {document.doc_id: document for document in scorecard.documents}


def test_statuses(score_case: ScoreCase) -> None:
    documents = _by_id(score_case("document-status/gold", "document-status/pred"))
    statuses = {doc_id: document.status for doc_id, document in documents.items()}
    assert statuses == {"town-c": "scored", "town-d": "no_prediction", "town-e": "no_gold"}


def test_document_with_no_prediction_scores_zero(score_case: ScoreCase) -> None:
    document = _by_id(score_case("document-status/gold", "document-status/pred"))["town-d"]
    statistics = document.statistics
    assert fact_figures(statistics) == (0.0, 0.0, 0.0)
    assert (statistics.unit_accuracy, statistics.direction_accuracy) == (0.0, 0.0)
    assert [m.side for m in document.misses] == ["gold"] * 3


def test_prediction_with_no_gold_is_reported_not_scored(score_case: ScoreCase) -> None:
    document = _by_id(score_case("document-status/gold", "document-status/pred"))["town-e"]
    assert (document.gold_doc_id, document.misses) == (None, ())
    assert document.statistics.facts == Tally(gold=0, pred=1, matched=0)


def test_totals_leave_out_predictions_with_no_gold(score_case: ScoreCase) -> None:
    totals = score_case("document-status/gold", "document-status/pred").totals
    # town-c 2/2/2 plus town-d 3/0/0; town-e's one fact is not counted.
    # P = 2/2, R = 2/5, F1 = 2 * 0.4 / 1.4 = 4/7.
    assert totals.facts == Tally(5, 2, 2)
    assert fact_figures(totals) == pytest.approx((1.0, 0.4, 4 / 7))
    assert astuple(totals.records.figures()) == pytest.approx((1.0, 0.5, 2 / 3))


def test_twin_is_scored_against_its_original(score_case: ScoreCase) -> None:
    document = _by_id(score_case("twins/gold", "twins/pred"))["town-c-scan"]
    assert (document.status, document.gold_doc_id) == ("scored", "town-c")
    assert document.statistics.facts == Tally(2, 2, 1)


def test_twin_without_prediction_is_not_scored(score_case: ScoreCase) -> None:
    scorecard = score_case("twins/gold", "twins/pred")
    assert [document.doc_id for document in scorecard.documents] == ["town-c", "town-c-scan"]
    # town-c 2/2/2 and its twin 2/2/1: 3 of 4 both ways.
    assert fact_figures(scorecard.totals) == pytest.approx((0.75, 0.75, 0.75))


def test_twin_without_prediction_is_listed(score_case: ScoreCase) -> None:
    assert score_case("twins/gold", "twins/pred").unpredicted_twins == ("town-x-scan",)


def test_doc_id_not_the_file_stem_is_warned_of(cases: Path, tmp_path: Path) -> None:
    (tmp_path / "report.json").write_bytes((cases / "gold" / "town-a.json").read_bytes())
    inputs = load_inputs(cases / "gold", tmp_path)
    assert list(inputs.pred) == ["town-a"]
    assert inputs.warnings == (
        f"{tmp_path / 'report.json'}: document.doc_id `town-a` is not the file stem;"
        " scored as `town-a`",
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("doc_id,gold\ntown-c-scan,town-c\n", "line 1: the header must be `doc_id,gold_doc_id`"),
        ("doc_id,gold_doc_id\ntown-c-scan,\n", "line 2: `gold_doc_id` is empty"),
        ("doc_id,gold_doc_id\na,town-c\na,town-c\n", "line 3: `a` is listed twice"),
        ("doc_id,gold_doc_id\ntown-c,town-d\n", "line 2: `town-c` has a gold file"),
        (
            "doc_id,gold_doc_id\na,town-c\nb,town-x\n",
            "line 3: `town-x` is not the doc_id of any gold file",
        ),
    ],
)
def test_unusable_twins_file(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "twins.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TwinsFileError, match=message):
        load_twins(path, {"town-c", "town-d"})
