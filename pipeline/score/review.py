"""One document's records reviewed fact by fact: matched, missed (gold only) or extra.

The scorer counts; a reviewer needs to see each fact beside its partner. This
module pairs records and matches facts with the scorer's own functions
(`pair_records`, `match_facts`) under the same settings, so the facts marked
missed and extra here are exactly the scorer's misses, and adds what the
scorer has no need of: which predicted fact matched which gold fact.

Without gold, every predicted fact is `predicted`: there is nothing to judge
it by.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

from pipeline.model import Fact, Record, RecordFile
from pipeline.score.compare import FactMatching, ScoreSettings, match_record_facts, pair_records

FactStatus = Literal["matched", "missed", "extra", "predicted"]
Reviewed = TypeVar("Reviewed", Fact, Record)


def _either(gold: Reviewed | None, pred: Reviewed | None) -> Reviewed:
    """The gold side where there is one, else the prediction: a review has at least one."""
    if gold is not None:
        return gold
    if pred is None:
        raise ValueError("a review has a gold or a predicted side")
    return pred


@dataclass(frozen=True)
class FactReview:
    """A fact and its partner: both for `matched`, gold alone for `missed`, else prediction."""

    status: FactStatus
    gold: Fact | None
    pred: Fact | None

    @property
    def fact(self) -> Fact:
        return _either(self.gold, self.pred)


@dataclass(frozen=True)
class RecordReview:
    """A gold record beside its paired prediction (either may be missing), fact by fact."""

    gold: Record | None
    pred: Record | None
    facts: tuple[FactReview, ...]

    @property
    def record(self) -> Record:
        return _either(self.gold, self.pred)

    @property
    def page(self) -> int:
        return self.record.page


def _matched_pairs(pred: Sequence[Fact], matching: FactMatching) -> dict[int, Fact]:
    """Gold fact (by identity) → the predicted fact it matched.

    `match_facts` takes predicted facts in order and gives each match's gold
    partner in that order, so the predicted facts left after the unmatched
    ones line up with `matching.matched`.
    """
    unmatched = {id(fact) for fact in matching.unmatched_pred}
    matched_pred = [fact for fact in pred if id(fact) not in unmatched]
    return {id(g): p for g, p in zip(matching.matched, matched_pred, strict=True)}


def review_pair(gold: Record, pred: Record) -> RecordReview:
    """A paired gold and predicted record: gold facts in order, matched or missed, then extras."""
    matching = match_record_facts(gold, pred)
    partners = _matched_pairs(pred.facts, matching)
    facts = [
        FactReview("matched", fact, partners[id(fact)])
        if id(fact) in partners
        else FactReview("missed", fact, None)
        for fact in gold.facts
    ]
    facts += [FactReview("extra", None, fact) for fact in matching.unmatched_pred]
    return RecordReview(gold, pred, tuple(facts))


def _alone(record: Record, status: FactStatus, gold: bool) -> RecordReview:
    facts = tuple(
        FactReview(status, fact if gold else None, None if gold else fact) for fact in record.facts
    )
    return RecordReview(record if gold else None, None if gold else record, facts)


def review_document(
    gold: RecordFile | None, pred: RecordFile | None, settings: ScoreSettings
) -> tuple[RecordReview, ...]:
    """Every record of a document, gold beside prediction, in page order.

    Gold records come in gold order, each with its paired prediction; predictions
    no gold record took follow. With no gold, every predicted fact is `predicted`.
    """
    pred_records = pred.records if pred else []
    if gold is None:
        return tuple(_alone(record, "predicted", gold=False) for record in pred_records)
    pairing = pair_records(gold.records, pred_records, settings)
    partner = {id(pair.gold): pair.pred for pair in pairing.pairs}
    reviews = [
        review_pair(record, partner[id(record)])
        if id(record) in partner
        else _alone(record, "missed", gold=True)
        for record in gold.records
    ]
    reviews += [_alone(record, "extra", gold=False) for record in pairing.unpaired_pred]
    return tuple(sorted(reviews, key=lambda review: review.page))
