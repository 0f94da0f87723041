"""Score statistics: counts per document that add up over documents, and figures from them.

Following sacrebleu's sufficient statistics, a document's score is a set of counts
(gold, predicted and matched records and facts per kind; paired records whose unit
or direction agrees), and every figure is computed from counts. Summing counts
before dividing makes the set's figures micro-averages: each fact weighs the same,
whatever document it is in.

Zero division: a figure whose denominator is zero is 1.0 when there is nothing on
either side (no gold and no prediction: nothing missed, nothing invented) and 0.0
otherwise. So a document with gold and no prediction scores zero on every figure,
and one with predictions where gold has none scores zero too.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from pipeline.model import FACT_KINDS, FactKind


def ratio(part: int, whole: int, nothing_either_side: bool) -> float:
    """`part / whole`, with the zero-division rule of the module docstring."""
    if whole:
        return part / whole
    return 1.0 if nothing_either_side else 0.0


@dataclass(frozen=True)
class Figures:
    """Precision, recall and F1 of one tally."""

    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class Tally:
    """Gold items, predicted items and matched pairs: counts that add up over documents."""

    gold: int = 0
    pred: int = 0
    matched: int = 0

    def __add__(self, other: "Tally") -> "Tally":
        return Tally(self.gold + other.gold, self.pred + other.pred, self.matched + other.matched)

    @property
    def empty(self) -> bool:
        return self.gold == 0 and self.pred == 0

    def figures(self) -> Figures:
        precision = ratio(self.matched, self.pred, self.empty)
        recall = ratio(self.matched, self.gold, self.empty)
        total = precision + recall
        f1 = 2 * precision * recall / total if total else 0.0
        return Figures(precision, recall, f1)


def _kind_tallies() -> dict[FactKind, Tally]:
    return {kind: Tally() for kind in FACT_KINDS}


@dataclass(frozen=True)
class DocumentStatistics:
    """The counts of one document (or, summed, of a set); every figure derives from them.

    `facts` is the sum of `kinds`; `unit_correct`, `direction_correct` and
    `program_correct` count paired records whose unit, direction or program
    agrees; `documents` counts gold documents, and `municipality_correct` and
    `title_correct` those whose prediction prints the same municipality or title.
    """

    records: Tally = Tally()
    kinds: Mapping[FactKind, Tally] = field(default_factory=_kind_tallies)
    unit_correct: int = 0
    direction_correct: int = 0
    program_correct: int = 0
    documents: int = 0
    municipality_correct: int = 0
    title_correct: int = 0

    def __add__(self, other: "DocumentStatistics") -> "DocumentStatistics":
        kinds = {k: self.kinds.get(k, Tally()) + other.kinds.get(k, Tally()) for k in FACT_KINDS}
        return DocumentStatistics(
            records=self.records + other.records,
            kinds=kinds,
            unit_correct=self.unit_correct + other.unit_correct,
            direction_correct=self.direction_correct + other.direction_correct,
            program_correct=self.program_correct + other.program_correct,
            documents=self.documents + other.documents,
            municipality_correct=self.municipality_correct + other.municipality_correct,
            title_correct=self.title_correct + other.title_correct,
        )

    @property
    def facts(self) -> Tally:
        return sum(self.kinds.values(), Tally())

    @property
    def unit_accuracy(self) -> float:
        return ratio(self.unit_correct, self.records.matched, self.records.empty)

    @property
    def direction_accuracy(self) -> float:
        return ratio(self.direction_correct, self.records.matched, self.records.empty)

    @property
    def program_accuracy(self) -> float:
        return ratio(self.program_correct, self.records.matched, self.records.empty)

    @property
    def municipality_accuracy(self) -> float:
        return ratio(self.municipality_correct, self.documents, self.documents == 0)

    @property
    def title_accuracy(self) -> float:
        return ratio(self.title_correct, self.documents, self.documents == 0)
