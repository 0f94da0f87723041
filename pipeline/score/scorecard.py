"""Reporting a scorecard: a text report for a reader, and JSON for later reports and charts.

Both carry the same content: per-document counts and figures, totals, per-kind
figures, the settings, and every miss with its page and record, so an evaluator
can see why a figure is what it is. A `no_gold` document shows its predicted
counts with no figures (`-` in text, null in JSON): it is not scored.
"""

import json
from typing import Any

from pipeline import __version__
from pipeline.model import FORMAT, Fact
from pipeline.score.compare import (
    SCORER_VERSION,
    VALUE_REL_TOL,
    DocumentScore,
    Miss,
    Scorecard,
    ScoreSettings,
)
from pipeline.score.statistics import DocumentStatistics, Tally

_FIGURE_KEYS = (
    "fact_f1",
    "fact_precision",
    "fact_recall",
    "record_f1",
    "record_precision",
    "record_recall",
    "unit_accuracy",
    "direction_accuracy",
    "program_accuracy",
    "municipality_accuracy",
    "title_accuracy",
)


def figures_json(statistics: DocumentStatistics) -> dict[str, float]:
    """The figures of a document or a set, under the keys the contract shows."""
    facts = statistics.facts.figures()
    records = statistics.records.figures()
    values = (
        facts.f1,
        facts.precision,
        facts.recall,
        records.f1,
        records.precision,
        records.recall,
        statistics.unit_accuracy,
        statistics.direction_accuracy,
        statistics.program_accuracy,
        statistics.municipality_accuracy,
        statistics.title_accuracy,
    )
    return dict(zip(_FIGURE_KEYS, values, strict=True))


def counts_json(statistics: DocumentStatistics) -> dict[str, int]:
    """The counts the figures derive from; they add up over documents."""
    return {
        "gold_records": statistics.records.gold,
        "pred_records": statistics.records.pred,
        "paired_records": statistics.records.matched,
        "gold_facts": statistics.facts.gold,
        "pred_facts": statistics.facts.pred,
        "matched_facts": statistics.facts.matched,
        "unit_correct": statistics.unit_correct,
        "direction_correct": statistics.direction_correct,
        "program_correct": statistics.program_correct,
        "documents": statistics.documents,
        "municipality_correct": statistics.municipality_correct,
        "title_correct": statistics.title_correct,
    }


def _tally_json(tally: Tally) -> dict[str, int | float]:
    figures = tally.figures()
    return {
        "gold": tally.gold,
        "pred": tally.pred,
        "matched": tally.matched,
        "precision": figures.precision,
        "recall": figures.recall,
        "f1": figures.f1,
    }


def fact_json(fact: Fact) -> dict[str, Any]:
    """A fact as a record file writes it, less its provenance (`miss_json` places `source`)."""
    return fact.model_dump(mode="json", exclude={"source", "confidence"})


def miss_json(miss: Miss) -> dict[str, Any]:
    """A miss with its page and record, so an evaluator can find it in the document.

    A predicted fact keeps its `source` (the box and raw text it was read from): that is
    where a wrong value is diagnosed.
    """
    data: dict[str, Any] = {
        "side": miss.side,
        "page": miss.page,
        "program": miss.program,
        "indicator": miss.indicator,
        "fact": fact_json(miss.fact),
    }
    if miss.fact.source is not None:
        data["source"] = miss.fact.source.model_dump(mode="json")
    return data


def document_json(document: DocumentScore) -> dict[str, Any]:
    """One document's status, counts, figures and misses.

    A `no_gold` document keeps every figure key, set to null: a reader of the JSON
    finds the same keys on every document, and no number that was never scored.
    """
    statistics = document.statistics
    figures: dict[str, float | None] = (
        dict.fromkeys(_FIGURE_KEYS)
        if document.status == "no_gold"
        else dict(figures_json(statistics))
    )
    return {
        "doc_id": document.doc_id,
        "gold_doc_id": document.gold_doc_id,
        "status": document.status,
        **counts_json(statistics),
        **figures,
        "misses": [miss_json(miss) for miss in document.misses],
    }


def settings_json(settings: ScoreSettings) -> dict[str, Any]:
    """What produced the score, so two scores can be told comparable or not."""
    return {
        "scorer_version": SCORER_VERSION,
        "pipeline_version": __version__,
        "record_format": FORMAT,
        "similarity_floor": settings.similarity_floor,
        "indicator_weight": settings.indicator_weight,
        "program_weight": round(settings.program_weight, 9),
        "value_rel_tol": VALUE_REL_TOL,
    }


def scorecard_json(scorecard: Scorecard) -> dict[str, Any]:
    """The machine-readable report: headline figures first, documents last."""
    totals = scorecard.totals
    return {
        **figures_json(totals),
        "totals": counts_json(totals),
        "kinds": {kind: _tally_json(tally) for kind, tally in totals.kinds.items()},
        "settings": settings_json(scorecard.settings),
        "unpredicted_twins": list(scorecard.unpredicted_twins),
        "documents": [document_json(document) for document in scorecard.documents],
    }


def dump_scorecard(scorecard: Scorecard) -> str:
    """The JSON report as text, written as record files are so its Japanese stays readable."""
    return json.dumps(scorecard_json(scorecard), ensure_ascii=False, indent=2) + "\n"


def warning_lines(scorecard: Scorecard) -> list[str]:
    """A line per document not scored as gold beside prediction, and per unpredicted twin.

    An unpredicted twin is left out of the score (see `pipeline.score.compare`); the warning
    keeps a run that skipped every scan from passing unnoticed.
    """
    lines = []
    for document in scorecard.documents:
        if document.status == "no_gold":
            lines.append(f"warning: {document.doc_id}: no gold document; not scored")
        elif document.status == "no_prediction":
            lines.append(f"warning: {document.doc_id}: no prediction; every gold fact is a miss")
    lines += [
        f"warning: {doc_id}: twin listed in twins.csv with no prediction; not scored"
        for doc_id in scorecard.unpredicted_twins
    ]
    if not scorecard.documents:
        lines.append("warning: no documents in either directory")
    return lines


_TABLE_HEADER = (
    "doc_id",
    "status",
    "records g/p/paired",
    "rec F1",
    "facts g/p/matched",
    "fact P",
    "fact R",
    "fact F1",
    "unit",
    "dir",
)
_TABLE_FIGURES = (
    "record_f1",
    "fact_precision",
    "fact_recall",
    "fact_f1",
    "unit_accuracy",
    "direction_accuracy",
)
_TABLE_ROW = "{:<{w}}  {:<13}  {:>18}  {:>6}  {:>17}  {:>6}  {:>6}  {:>7}  {:>6}  {:>6}"


def _counts_cell(tally: Tally) -> str:
    return f"{tally.gold}/{tally.pred}/{tally.matched}"


def _table_row(
    label: str, status: str, statistics: DocumentStatistics, scored: bool
) -> tuple[str, ...]:
    figures = figures_json(statistics)
    record_f1, *fact_figures = (f"{figures[key]:.3f}" if scored else "-" for key in _TABLE_FIGURES)
    return (
        label,
        status,
        _counts_cell(statistics.records),
        record_f1,
        _counts_cell(statistics.facts),
        *fact_figures,
    )


def document_table(scorecard: Scorecard) -> list[str]:
    """Per-document counts and figures, then the totals over scored documents."""
    documents = scorecard.documents
    width = max(len(label) for label in ("doc_id", *(doc.doc_id for doc in documents)))
    rows = [
        _table_row(doc.doc_id, doc.status, doc.statistics, doc.status != "no_gold")
        for doc in documents
    ]
    scored = sum(doc.status != "no_gold" for doc in documents)
    rows.append(_table_row("total", f"{scored} scored", scorecard.totals, True))
    return [_TABLE_ROW.format(*row, w=width) for row in [_TABLE_HEADER, *rows]]


def kind_table(totals: DocumentStatistics) -> list[str]:
    """Per fact kind figures over the set."""
    lines = [f"{'kind':<13} {'gold':>6} {'pred':>6} {'match':>6} {'P':>6} {'R':>6} {'F1':>6}"]
    for kind, tally in totals.kinds.items():
        f = tally.figures()
        lines.append(
            f"{kind:<13} {tally.gold:>6} {tally.pred:>6} {tally.matched:>6}"
            f" {f.precision:>6.3f} {f.recall:>6.3f} {f.f1:>6.3f}"
        )
    return lines


def describe_fact(fact: Fact) -> str:
    """`actual fy=2021 value=134280 cumulative`: what a miss was, on one line."""
    fy = "-" if fact.fy is None else str(fact.fy)
    value = f"value={fact.value}" if fact.value is not None else f"text={fact.text!r}"
    return f"{fact.kind} fy={fy} {value}" + (" cumulative" if fact.cumulative else "")


def describe_miss(doc_id: str, miss: Miss) -> str:
    """A miss on one line, document first, so the lines can be grepped and sorted."""
    line = f"{miss.side:<4}  {doc_id}  p.{miss.page}  {miss.program or '-'} / {miss.indicator}"
    line += f"  {describe_fact(miss.fact)}"
    source = miss.fact.source
    if source is not None:
        line += f"  source p.{source.page} {list(source.bbox)} {source.text!r}"
    return line


def miss_lines(scorecard: Scorecard) -> list[str]:
    """Every miss of every document, under a count, so a reader sees at once how many."""
    lines = [describe_miss(doc.doc_id, miss) for doc in scorecard.documents for miss in doc.misses]
    return [f"misses: {len(lines)}", *lines]


def text_report(scorecard: Scorecard) -> str:
    """The report printed to a reader: table, totals, kinds, then every miss."""
    sections = [document_table(scorecard), kind_table(scorecard.totals), miss_lines(scorecard)]
    return "\n\n".join("\n".join(section) for section in sections) + "\n"
