"""Score predicted kpi-record/1 files against gold: pair the records, then match the facts.

The rules are the contract's Scoring section; the choices it leaves open are these.

Documents are keyed by `document.doc_id`. A prediction is scored against the gold
document of the same id, or, for a scanned variant named in the gold's `twins.csv`,
against the gold document it maps to.

A twin is scored only when its prediction exists. A twin is another view (a scan, an
OCR layer) of a document whose gold is scored anyway, and charging its absence would
make a run over the born-digital PDFs alone, or the gold scored against itself,
fall short of 1.0. It is not silent: the scorecard lists every twin without a
prediction (`unpredicted_twins`) and the command warns of each, so a run that skipped
every scan is seen. Each document gets a status:

- `scored`: gold and prediction both exist.
- `no_prediction`: a gold document nothing was predicted for. It is scored: all its
  records and facts are misses, so the pipeline is charged for what it skipped.
- `no_gold`: a prediction with no gold document and no twin entry. It is reported
  with its predicted counts but has no figures and no misses and is left out of the
  totals: no one has said what the document holds, so none of its facts can be
  called wrong, and charging them would make the score depend on which unlabelled
  files happen to lie in the prediction directory.

Records are paired one to one within a document. The similarity of a gold and a
predicted record is `w * sim(indicator) + (1 - w) * sim(program)` on normalized
text, with w = INDICATOR_WEIGHT (0.7) and sim rapidfuzz's normalized Indel
similarity (character level: Japanese puts no spaces between words). A program
missing on both sides counts as equal (1.0), on one side only as unequal (0.0). The
indicator weighs more because it names the KPI; the program tells apart the many
indicators of one name (参加者数) that one report holds. Similarities under the floor
(SIMILARITY_FLOOR, 0.6) are set to zero before the optimal assignment (scipy's
linear_sum_assignment, maximizing the total), so a weak pair never displaces a sound
one, and pairs left at zero are dropped.

A predicted fact is right when its record is paired and the paired gold record holds
a fact not yet matched with the same `kind`, `fy` and `cumulative`, and an equal value:
numbers within VALUE_REL_TOL relative (math.isclose), texts equal after
`normalize_grade` (kind `grade`) or `normalize_text` (every other kind). Each gold
fact matches at most once, so a duplicated prediction counts once right and once
extra. Matching is first come within a record: facts match by an equivalence, so the
order cannot change how many match.

Counts are kept per document and add up over documents; every figure is computed
from counts, so the headline fact F1 is micro-averaged over all facts of all scored
documents. How a zero denominator is read is in `pipeline.score.statistics`.
"""

import dataclasses
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from rapidfuzz.distance import Indel

from pipeline.model import FACT_KINDS, Fact, FactKind, Record, RecordFile
from pipeline.score.statistics import DocumentStatistics, Tally
from pipeline.text import UNIT_MULTIPLIERS, normalize_grade, normalize_text

SCORER_VERSION = "kpi-score/1"
# Under this similarity a gold and a predicted record are different indicators.
# With the weights below, an exact indicator pairs whatever its program, and an
# exact program needs at least 43% of the indicator's characters in common.
SIMILARITY_FLOOR = 0.6
INDICATOR_WEIGHT = 0.7
VALUE_REL_TOL = 1e-9

DocumentStatus = Literal["scored", "no_prediction", "no_gold"]
Side = Literal["gold", "pred"]


@dataclass(frozen=True)
class ScoreSettings:
    """What the score depends on besides the files; recorded beside every result."""

    similarity_floor: float = SIMILARITY_FLOOR
    indicator_weight: float = INDICATOR_WEIGHT

    def __post_init__(self) -> None:
        for name in ("similarity_floor", "indicator_weight"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"{name} must lie in [0, 1], not {getattr(self, name)}")

    @property
    def program_weight(self) -> float:
        return 1.0 - self.indicator_weight


@dataclass(frozen=True)
class Miss:
    """A gold fact no prediction matched (`gold`), or a predicted fact not in gold (`pred`)."""

    side: Side
    page: int
    program: str | None
    indicator: str
    fact: Fact


@dataclass(frozen=True)
class DocumentScore:
    """One document's status, counts and misses; `gold_doc_id` differs from `doc_id` for a twin."""

    doc_id: str
    gold_doc_id: str | None
    status: DocumentStatus
    statistics: DocumentStatistics
    misses: tuple[Miss, ...] = ()


@dataclass(frozen=True)
class Scorecard:
    """The score of a set of documents under one setting, and the twins left unscored."""

    settings: ScoreSettings
    documents: tuple[DocumentScore, ...]
    unpredicted_twins: tuple[str, ...] = ()

    @property
    def totals(self) -> DocumentStatistics:
        """Counts summed over every document except `no_gold` ones, which are not scored."""
        scored = (doc.statistics for doc in self.documents if doc.status != "no_gold")
        return sum(scored, DocumentStatistics())


@dataclass(frozen=True)
class RecordPair:
    """A gold record and the predicted record the assignment gave it."""

    gold: Record
    pred: Record
    similarity: float


@dataclass(frozen=True)
class Pairing:
    """The record pairs of one document and the records left without a partner."""

    pairs: tuple[RecordPair, ...]
    unpaired_gold: tuple[Record, ...]
    unpaired_pred: tuple[Record, ...]


def _name_similarity(gold: str | None, pred: str | None) -> float:
    if gold is None or pred is None:
        return 1.0 if gold is pred else 0.0
    return float(Indel.normalized_similarity(normalize_text(gold), normalize_text(pred)))


def record_similarity(gold: Record, pred: Record, settings: ScoreSettings) -> float:
    """How alike two records' (program, indicator) are, in [0, 1]."""
    indicator = _name_similarity(gold.indicator, pred.indicator)
    program = _name_similarity(gold.program, pred.program)
    return settings.indicator_weight * indicator + settings.program_weight * program


def pair_records(
    gold: Sequence[Record], pred: Sequence[Record], settings: ScoreSettings
) -> Pairing:
    """Pair records one to one, maximizing total similarity over pairs at or above the floor."""
    if not gold or not pred:
        return Pairing((), tuple(gold), tuple(pred))
    similarity = np.array([[record_similarity(g, p, settings) for p in pred] for g in gold])
    similarity[similarity < settings.similarity_floor] = 0.0
    from scipy.optimize import linear_sum_assignment  # scipy costs a second to import

    rows, columns = linear_sum_assignment(similarity, maximize=True)
    kept = [
        (row, column)
        for row, column in zip(rows, columns, strict=True)
        if similarity[row, column] > 0.0
    ]
    paired_rows = {row for row, _ in kept}
    paired_columns = {column for _, column in kept}
    return Pairing(
        tuple(
            RecordPair(gold[row], pred[column], float(similarity[row, column]))
            for row, column in kept
        ),
        tuple(record for row, record in enumerate(gold) if row not in paired_rows),
        tuple(record for column, record in enumerate(pred) if column not in paired_columns),
    )


def unit_scale(unit: str | None) -> tuple[float, str | None]:
    """A record unit's multiplier and what it counts: `万人` → (10000, `人`), `人` → (1, `人`)."""
    if unit is None:
        return 1.0, None
    unit = normalize_text(unit)
    for prefix, multiplier in UNIT_MULTIPLIERS.items():
        if unit.startswith(prefix) and len(unit) > len(prefix):
            return float(multiplier), unit[len(prefix) :]
    return 1.0, unit


def facts_match(gold: Fact, pred: Fact, gold_scale: float = 1.0, pred_scale: float = 1.0) -> bool:
    """Same kind, year and cumulative flag, and the same quantity or normalized text.

    Values compare as quantities: each is multiplied by its record unit's scale.
    """
    if (gold.kind, gold.fy, gold.cumulative) != (pred.kind, pred.fy, pred.cumulative):
        return False
    if gold.value is not None and pred.value is not None:
        return math.isclose(gold.value * gold_scale, pred.value * pred_scale, rel_tol=VALUE_REL_TOL)
    if gold.text is not None and pred.text is not None:
        fold = normalize_grade if gold.kind == "grade" else normalize_text
        return fold(gold.text) == fold(pred.text)
    return False


@dataclass(frozen=True)
class FactMatching:
    """The facts of one record pair: gold facts matched, and both sides' leftovers."""

    matched: tuple[Fact, ...]
    unmatched_gold: tuple[Fact, ...]
    unmatched_pred: tuple[Fact, ...]


def match_facts(
    gold: Sequence[Fact], pred: Sequence[Fact], gold_scale: float = 1.0, pred_scale: float = 1.0
) -> FactMatching:
    """Match each predicted fact to the first unused gold fact equal to it."""
    unused = list(gold)
    matched: list[Fact] = []
    unmatched_pred: list[Fact] = []
    for fact in pred:
        partner = next(
            (c for c in unused if facts_match(c, fact, gold_scale, pred_scale)),
            None,
        )
        if partner is None:
            unmatched_pred.append(fact)
        else:
            unused.remove(partner)
            matched.append(partner)
    return FactMatching(tuple(matched), tuple(unused), tuple(unmatched_pred))


def match_record_facts(gold: Record, pred: Record) -> FactMatching:
    """The facts of a record pair matched, each value taken in its record's unit."""
    return match_facts(gold.facts, pred.facts, unit_scale(gold.unit)[0], unit_scale(pred.unit)[0])


def _count_kinds(facts: Iterable[Fact]) -> Counter[FactKind]:
    return Counter(fact.kind for fact in facts)


def _facts_of(records: Iterable[Record]) -> Iterable[Fact]:
    return (fact for record in records for fact in record.facts)


def _same_unit(gold: str | None, pred: str | None) -> bool:
    """Units agree with their multiplier taken off: `万人` and `人` count the same thing."""
    return unit_scale(gold)[1] == unit_scale(pred)[1]


def _same_text(gold: str | None, pred: str | None) -> bool:
    return normalize_text(gold or "") == normalize_text(pred or "")


def _statistics(
    gold: Sequence[Record],
    pred: Sequence[Record],
    pairs: Sequence[RecordPair],
    matchings: Sequence[FactMatching],
) -> DocumentStatistics:
    gold_kinds = _count_kinds(_facts_of(gold))
    pred_kinds = _count_kinds(_facts_of(pred))
    matched_kinds = _count_kinds(fact for matching in matchings for fact in matching.matched)
    return DocumentStatistics(
        records=Tally(len(gold), len(pred), len(pairs)),
        kinds={k: Tally(gold_kinds[k], pred_kinds[k], matched_kinds[k]) for k in FACT_KINDS},
        unit_correct=sum(_same_unit(pair.gold.unit, pair.pred.unit) for pair in pairs),
        direction_correct=sum(pair.gold.direction == pair.pred.direction for pair in pairs),
        program_correct=sum(_same_text(pair.gold.program, pair.pred.program) for pair in pairs),
    )


def _misses(side: Side, record: Record, facts: Iterable[Fact]) -> list[Miss]:
    return [Miss(side, record.page, record.program, record.indicator, fact) for fact in facts]


def _all_misses(pairing: Pairing, matchings: Sequence[FactMatching]) -> tuple[Miss, ...]:
    """Misses of paired records (gold beside pred, as an evaluator compares them), then unpaired."""
    misses: list[Miss] = []
    for pair, matching in zip(pairing.pairs, matchings, strict=True):
        misses += _misses("gold", pair.gold, matching.unmatched_gold)
        misses += _misses("pred", pair.pred, matching.unmatched_pred)
    for record in pairing.unpaired_gold:
        misses += _misses("gold", record, record.facts)
    for record in pairing.unpaired_pred:
        misses += _misses("pred", record, record.facts)
    return tuple(misses)


def score_records(
    gold: Sequence[Record], pred: Sequence[Record], settings: ScoreSettings
) -> tuple[DocumentStatistics, tuple[Miss, ...]]:
    """Counts and misses of one document's gold and predicted records."""
    pairing = pair_records(gold, pred, settings)
    matchings = [match_record_facts(pair.gold, pair.pred) for pair in pairing.pairs]
    statistics = _statistics(gold, pred, pairing.pairs, matchings)
    return statistics, _all_misses(pairing, matchings)


def score_document(
    doc_id: str, gold: RecordFile, pred: RecordFile | None, settings: ScoreSettings
) -> DocumentScore:
    """Score one prediction (or its absence) against its gold document."""
    statistics, misses = score_records(gold.records, pred.records if pred else [], settings)
    said = pred.document if pred else None
    statistics = dataclasses.replace(
        statistics,
        documents=1,
        municipality_correct=int(
            said is not None and _same_text(gold.document.municipality, said.municipality)
        ),
        title_correct=int(said is not None and _same_text(gold.document.title, said.title)),
    )
    status: DocumentStatus = "scored" if pred else "no_prediction"
    return DocumentScore(doc_id, gold.document.doc_id, status, statistics, misses)


def unscored_document(pred: RecordFile) -> DocumentScore:
    """A prediction with no gold: its predicted counts, for the report, and no misses."""
    kinds = _count_kinds(_facts_of(pred.records))
    statistics = DocumentStatistics(
        records=Tally(pred=len(pred.records)),
        kinds={kind: Tally(pred=kinds[kind]) for kind in FACT_KINDS},
    )
    return DocumentScore(pred.document.doc_id, None, "no_gold", statistics)


def _score_prediction(
    doc_id: str,
    pred: RecordFile,
    gold: Mapping[str, RecordFile],
    twins: Mapping[str, str],
    settings: ScoreSettings,
) -> DocumentScore:
    """A prediction without a gold document of its own: a twin, or not scored."""
    gold_doc_id = twins.get(doc_id)
    if gold_doc_id is None:
        return unscored_document(pred)
    return score_document(doc_id, gold[gold_doc_id], pred, settings)


def score_set(
    gold: Mapping[str, RecordFile],
    pred: Mapping[str, RecordFile],
    twins: Mapping[str, str],
    settings: ScoreSettings,
) -> Scorecard:
    """Score every gold document and every prediction, in doc_id order.

    `gold` and `pred` are keyed by doc_id; `twins` maps a prediction's doc_id to the
    doc_id of the gold document it is scored against, which must be in `gold`
    (`load_twins` checks it).
    """
    documents = [
        score_document(doc_id, doc, pred.get(doc_id), settings) for doc_id, doc in gold.items()
    ]
    documents += [
        _score_prediction(doc_id, doc, gold, twins, settings)
        for doc_id, doc in pred.items()
        if doc_id not in gold
    ]
    unpredicted_twins = tuple(sorted(doc_id for doc_id in twins if doc_id not in pred))
    return Scorecard(
        settings, tuple(sorted(documents, key=lambda doc: doc.doc_id)), unpredicted_twins
    )
