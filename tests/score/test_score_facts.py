"""When a predicted fact equals a gold fact, and how often each gold fact can match."""

from typing import Any

import pytest

from pipeline.model.record import Fact
from pipeline.score.compare import facts_match, match_facts


def fact(kind: str, fy: int | None, **rest: Any) -> Fact:
    return Fact.model_validate({"kind": kind, "fy": fy, **rest})


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        # Numbers: equal within 1e-9 relative.
        (fact("actual", 2023, value=74.3), fact("actual", 2023, value=74.30000000001), True),
        (fact("actual", 2023, value=74.3), fact("actual", 2023, value=74.4), False),
        (fact("target", 2023, value=134280), fact("target", 2023, value=134280.0), True),
        (fact("baseline", None, value=0), fact("baseline", None, value=0), True),
        # Grades fold to ASCII capitals.
        (fact("grade", 2023, text="Ｓ"), fact("grade", 2023, text="S"), True),
        (fact("grade", 2023, text="a"), fact("grade", 2023, text="A"), True),
        (fact("grade", 2023, text="A"), fact("grade", 2023, text="B"), False),
        # Text: a line break layout put inside a Japanese word is not part of it.
        (fact("progress", 2023, text="概ね\n順調"), fact("progress", 2023, text="概ね順調"), True),
        (fact("target", 2024, text="現状 以上"), fact("target", 2024, text="現状以上"), True),
        (fact("progress", 2023, text="順調"), fact("progress", 2023, text="概ね順調"), False),
        # A number never equals a text, even one that spells it.
        (fact("target", 2023, value=5), fact("target", 2023, text="5"), False),
    ],
)
def test_values_compared(gold: Fact, pred: Fact, expected: bool) -> None:
    assert facts_match(gold, pred) is expected


@pytest.mark.parametrize(
    ("pred", "differs_in"),
    [
        (fact("target", 2023, value=20), "kind"),
        (fact("actual", 2022, value=20), "fy"),
        (fact("actual", None, value=20), "fy missing"),
        (fact("actual", 2023, value=20, cumulative=True), "cumulative"),
    ],
)
def test_same_value_under_another_key_does_not_match(pred: Fact, differs_in: str) -> None:
    assert not facts_match(fact("actual", 2023, value=20), pred), differs_in


def test_each_gold_fact_matches_once() -> None:
    target = fact("target", 2023, value=20)
    matching = match_facts([target], [target, target])
    assert (len(matching.matched), len(matching.unmatched_pred)) == (1, 1)


def test_unmatched_gold_facts_are_left_over() -> None:
    baseline, target = fact("baseline", 2019, value=10), fact("target", 2023, value=20)
    matching = match_facts([baseline, target], [target])
    assert matching.unmatched_gold == (baseline,)
