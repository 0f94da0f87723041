"""A run's summary: counts, speed, failures and — given gold — the run's scores.

The same content is printed for a reader, written as JSON, and kept in the
store's `runs` table, whose `fact_f1` column makes a drop from the night before
a query away. The scores are those of `kpi score`, over this run's documents as
the store now holds them (skipped ones included).
"""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.batch.run import BatchRun
from pipeline.model import RecordFile, write_atomic
from pipeline.score import (
    TWINS_FILE,
    NoGoldError,
    Scorecard,
    ScoreSettings,
    document_table,
    load_documents,
    load_twins,
    score_set,
    scorecard_json,
)


@dataclass(frozen=True)
class GoldSet:
    """Gold documents keyed by doc_id and the twin map, loaded before the run starts."""

    directory: Path
    documents: dict[str, RecordFile]
    twins: dict[str, str]
    warnings: tuple[str, ...]


def load_gold(directory: Path) -> GoldSet:
    """Load a gold directory as `kpi score` does; RecordFileError / TwinsFileError when bad,
    NoGoldError when it holds no gold file."""
    documents, warnings = load_documents(directory)
    twins_path = directory / TWINS_FILE
    twins = load_twins(twins_path, set(documents)) if twins_path.exists() else {}
    if not documents:
        raise NoGoldError(directory)
    return GoldSet(directory, documents, twins, tuple(warnings))


def predictions(run: BatchRun) -> tuple[dict[str, RecordFile], list[str]]:
    """The run's extracted record files keyed by doc_id; a doc_id two files share is warned of."""
    pred: dict[str, RecordFile] = {}
    warnings = []
    for key, text in run.store.record_files(run.keys):
        record_file = RecordFile.model_validate_json(text)
        doc_id = record_file.document.doc_id
        if doc_id in pred:
            warnings.append(f"{key}: doc_id `{doc_id}` is also another file's; not scored")
        else:
            pred[doc_id] = record_file
    return pred, warnings


def score_run(run: BatchRun, gold: GoldSet) -> tuple[Scorecard, list[str]]:
    pred, warnings = predictions(run)
    scorecard = score_set(gold.documents, pred, gold.twins, ScoreSettings())
    return scorecard, [*gold.warnings, *warnings]


def summary_json(
    run: BatchRun,
    scorecard: Scorecard | None,
    previous: tuple[int, float] | None,
) -> dict[str, Any]:
    """The run summary as JSON: what the runs table keeps and the summary file holds."""
    counts = run.counts
    seconds = run.seconds
    scores = scorecard_json(scorecard) if scorecard else None
    return {
        "run_id": run.stamp.run_id,
        "status": "interrupted" if run.interruption else "finished",
        "interruption": run.interruption,
        "not_read": run.unsettled,
        "store": str(run.store.path),
        "executor": run.executor.name,
        "workers": run.executor.workers,
        "pipeline_version": run.stamp.pipeline_version,
        "settings_fingerprint": run.stamp.settings_fingerprint,
        "documents": counts.documents,
        "new": counts.new,
        "changed": counts.changed,
        "skipped": counts.skipped,
        "failed": counts.failed,
        "missing": counts.missing,
        "pages": counts.pages,
        "seconds": round(seconds, 3),
        "pages_per_second": round(counts.pages / seconds, 3) if seconds else 0.0,
        "peak_worker_mb": round(counts.peak_worker_mb, 1),
        "failures": [
            {"doc_key": key, "code": code, "message": message}
            for key, code, message in run.store.failures(run.keys)
        ],
        "fact_f1": scores["fact_f1"] if scores else None,
        "previous_scored_run": (
            {"run_id": previous[0], "fact_f1": previous[1]} if previous else None
        ),
        "scores": scores,
    }


def write_summary(path: Path, summary: dict[str, Any]) -> None:
    """Write the summary file whole or not at all, as record files are: a link planted at its
    name is replaced, never written through, and a full disk leaves the last one as it was.
    OSError when it cannot be written."""
    write_atomic(path, json.dumps(summary, ensure_ascii=False, indent=2) + "\n")


def run_columns(summary: dict[str, Any]) -> dict[str, Any]:
    """The `runs` table's columns filled at the end of a run."""
    names = ("documents", "new", "changed", "skipped", "failed", "missing", "pages", "seconds")
    columns = {name: summary[name] for name in names}
    columns |= {
        "pages_per_second": summary["pages_per_second"],
        "peak_worker_mb": summary["peak_worker_mb"],
        "fact_f1": summary["fact_f1"],
        "scores": json.dumps(summary["scores"], ensure_ascii=False) if summary["scores"] else None,
        "summary": json.dumps(summary, ensure_ascii=False),
    }
    return columns


def _score_lines(summary: dict[str, Any], scorecard: Scorecard) -> list[str]:
    lines = ["", "scores against gold:", *document_table(scorecard)]
    headline = f"fact F1 {summary['fact_f1']:.3f}"
    previous = summary["previous_scored_run"]
    if previous is not None:
        change = summary["fact_f1"] - previous["fact_f1"]
        headline += f" (run {previous['run_id']}: {previous['fact_f1']:.3f}, change {change:+.3f})"
    return [*lines, headline]


def _speed_line(summary: dict[str, Any]) -> str:
    if not summary["pages"]:
        return f"  no page read: {summary['seconds']:.1f} s"
    return (
        f"  {summary['pages']} pages in {summary['seconds']:.1f} s:"
        f" {summary['pages_per_second']:.2f} pages/s;"
        f" peak memory per worker {summary['peak_worker_mb']:.0f} MB"
    )


def summary_text(summary: dict[str, Any], scorecard: Scorecard | None) -> str:
    """The summary a reader sees at the end of a run."""
    lines = [
        f"run {summary['run_id']}: {summary['documents']} documents into {summary['store']}"
        f" ({summary['executor']}, {summary['workers']} workers)",
        f"  new {summary['new']}, changed {summary['changed']}, skipped {summary['skipped']},"
        f" failed {summary['failed']}, missing {summary['missing']}",
        _speed_line(summary),
    ]
    failures = summary["failures"]
    if failures:
        lines.append(f"failed ({len(failures)}):")
        lines += [f"  {f['doc_key']}  {f['code']}  {f['message']}" for f in failures]
    if scorecard is not None:
        lines += _score_lines(summary, scorecard)
    if summary["interruption"]:
        lines += [
            f"interrupted: {summary['interruption']}; {summary['not_read']} documents not read.",
            "What is listed above is committed: run the same command again to read the rest.",
        ]
    return "\n".join(lines) + "\n"
