"""Fixtures for the scorer's tests: the case folders (described in cases/README.md)."""

from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.score.compare import Scorecard, ScoreSettings, score_set
from pipeline.score.inputs import load_inputs

CASES = Path(__file__).parent / "cases"


@pytest.fixture
def cases() -> Path:
    return CASES


@pytest.fixture
def score_case() -> Callable[[str, str], Scorecard]:
    """Score the predictions in one case folder against the gold in another."""

    def score(gold: str, pred: str) -> Scorecard:
        inputs = load_inputs(CASES / gold, CASES / pred)
        return score_set(inputs.gold, inputs.pred, inputs.twins, ScoreSettings())

    return score
