"""Pairing gold and predicted records by (program, indicator), one to one, above a floor."""

from pathlib import Path

import pytest

from pipeline.model.record import Record, load_record_file
from pipeline.score.compare import ScoreSettings, pair_records, record_similarity

SETTINGS = ScoreSettings()


def record(program: str | None, indicator: str) -> Record:
    return Record(page=1, program=program, indicator=indicator, unit=None, direction=None, facts=[])


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        (record("創業支援事業", "創業者数"), record("創業支援事業", "創業者数"), 1.0),
        # No program on either side: equal programs.
        (record(None, "創業者数"), record(None, "創業者数"), 1.0),
        # A program on one side only: the indicator's 0.7 alone.
        (record("創業支援事業", "創業者数"), record(None, "創業者数"), 0.7),
        # Normalized first: a wrapped line, full-width parentheses.
        (record("創業支援事業", "創業者数"), record("創業支援\n事業", "創業\n者数"), 1.0),
        (record(None, "観光客数(延べ)"), record(None, "観光客数（延べ）"), 1.0),
        # Indel similarity 2*4/11 of the indicators: 0.7 * 8/11 + 0.3.
        (record("観光振興", "観光客数"), record("観光振興", "観光客数(延)"), 0.7 * 8 / 11 + 0.3),
    ],
)
def test_record_similarity(gold: Record, pred: Record, expected: float) -> None:
    assert record_similarity(gold, pred, SETTINGS) == pytest.approx(expected)


# 0.7 * 2/14 (the indicators share only 数) + 0.3 * 4/14 (the programs share 事業): 0.19
STAYS = record("観光振興事業", "宿泊者数")
VACANT_HOUSES = record("移住定住促進事業", "空き家バンク登録件数")


def test_pair_under_the_floor_is_not_made() -> None:
    gold, pred = STAYS, VACANT_HOUSES
    pairing = pair_records([gold], [pred], SETTINGS)
    assert (pairing.pairs, pairing.unpaired_gold, pairing.unpaired_pred) == ((), (gold,), (pred,))


def test_a_lower_floor_pairs_what_the_default_drops() -> None:
    pairing = pair_records([STAYS], [VACANT_HOUSES], ScoreSettings(similarity_floor=0.1))
    assert len(pairing.pairs) == 1


def test_a_floor_outside_zero_to_one_is_refused() -> None:
    with pytest.raises(ValueError, match="similarity_floor"):
        ScoreSettings(similarity_floor=1.5)


def _paired_indicators(directory: Path, settings: ScoreSettings) -> dict[str, str]:
    """Predicted indicator → the gold indicator it was paired with, for one case folder."""
    gold = load_record_file(directory / "gold" / "town-b.json").records
    pred = load_record_file(directory / "pred" / "town-b.json").records
    pairing = pair_records(gold, pred, settings)
    return {pair.pred.indicator: pair.gold.indicator for pair in pairing.pairs}


def test_near_duplicate_names_pair_with_their_own(cases: Path) -> None:
    paired = _paired_indicators(cases / "near-duplicate-names", SETTINGS)
    assert paired == {"観光客の数": "観光客数", "観光客数（延べ数）": "観光客数(延べ)"}


def test_optimal_assignment_beats_the_best_single_pair(cases: Path) -> None:
    # Similarities (same program, so 0.7 * indicator + 0.3):
    #   観光客数(延) ~ 観光客数 0.809, ~ 観光客数(延べ) 0.953
    #   観光客数(延べ人数) ~ 観光客数 0.700, ~ 観光客数(延べ) 0.922
    # Taking the best pair first (0.953) totals 1.653; the assignment totals 1.731.
    paired = _paired_indicators(cases / "optimal-assignment", SETTINGS)
    assert paired == {"観光客数(延)": "観光客数", "観光客数(延べ人数)": "観光客数(延べ)"}


def test_every_record_pairs_when_names_only_differ_in_layout(cases: Path) -> None:
    gold = load_record_file(cases / "gold" / "town-a.json").records
    pred = load_record_file(cases / "text-as-printed" / "town-a.json").records
    assert len(pair_records(gold, pred, SETTINGS).pairs) == 2
