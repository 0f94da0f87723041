"""Counts that add up, and the figures computed from them (zero division included)."""

from dataclasses import astuple

import pytest

from pipeline.score.statistics import DocumentStatistics, Figures, Tally


def test_nothing_on_either_side_is_perfect() -> None:
    assert Tally().figures() == Figures(1.0, 1.0, 1.0)


def test_gold_with_no_prediction_scores_zero() -> None:
    assert Tally(gold=3).figures() == Figures(0.0, 0.0, 0.0)


def test_prediction_with_no_gold_scores_zero() -> None:
    assert Tally(pred=2).figures() == Figures(0.0, 0.0, 0.0)


def test_figures_from_counts() -> None:
    # P = 3/5, R = 3/4, F1 = 2 * 0.6 * 0.75 / 1.35 = 2/3
    figures = Tally(gold=4, pred=5, matched=3).figures()
    assert astuple(figures) == pytest.approx((0.6, 0.75, 2 / 3))


def test_tallies_add_up() -> None:
    assert Tally(4, 5, 3) + Tally(1, 0, 0) == Tally(5, 5, 3)


def test_fact_tally_is_the_sum_of_kinds() -> None:
    statistics = DocumentStatistics(kinds={"target": Tally(2, 1, 1), "grade": Tally(1, 1, 0)})
    assert statistics.facts == Tally(3, 2, 1)


def test_document_statistics_add_up() -> None:
    first = DocumentStatistics(records=Tally(2, 2, 2), unit_correct=1, direction_correct=2)
    second = DocumentStatistics(records=Tally(1, 0, 0))
    total = first + second
    assert (total.records, total.unit_correct, total.direction_correct) == (Tally(3, 2, 2), 1, 2)


def test_accuracy_with_no_records_either_side_is_perfect() -> None:
    assert DocumentStatistics().unit_accuracy == 1.0


def test_accuracy_with_records_but_no_pairs_is_zero() -> None:
    assert DocumentStatistics(records=Tally(2, 1, 0)).direction_accuracy == 0.0
