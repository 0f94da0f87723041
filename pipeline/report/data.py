"""What the review report reads from the store: its documents with their record files, and runs.

The report reads the store, never writes it. Columns are asked for by name, so
a column the batch adds later changes nothing here. A document whose file has
gone from its path (`present` false) is left out: its records are of a file
that no longer exists. Where two files share a doc_id (the same stem in two
folders), the first by key is reported and the other named in a warning, as
`kpi run` scores them.
"""

import json
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any

import duckdb

from pipeline.batch import StoreError, open_store
from pipeline.model import Issue, RecordFile


@dataclass(frozen=True)
class DocumentResult:
    """One document as the store holds it: where it was read from, how, and what came out."""

    key: str
    doc_id: str
    outcome: str
    content_hash: str
    settings_fingerprint: str
    record_file: RecordFile | None
    issues: tuple[Issue, ...]

    @property
    def path(self) -> Path:
        return Path(self.key)


@dataclass(frozen=True)
class StoredRun:
    """A run and, when it was scored against gold, its scorecard as `kpi score --json` writes it."""

    run_id: int
    started_at: datetime | None
    status: str
    scores: dict[str, Any] | None


@dataclass(frozen=True)
class StoreView:
    """The documents present in a store, its runs in order, and what could not be shown."""

    path: Path
    documents: tuple[DocumentResult, ...]
    runs: tuple[StoredRun, ...]
    warnings: tuple[str, ...] = ()

    @cached_property
    def by_doc_id(self) -> dict[str, DocumentResult]:
        return {doc.doc_id: doc for doc in self.documents}

    def predictions(self) -> dict[str, RecordFile]:
        """The extracted documents' record files keyed by doc_id."""
        return {
            doc.doc_id: doc.record_file for doc in self.documents if doc.record_file is not None
        }

    @property
    def failed(self) -> tuple[DocumentResult, ...]:
        """The documents that gave no record file; their issues say why."""
        return tuple(doc for doc in self.documents if doc.record_file is None)


_DOCUMENTS = (
    "SELECT doc_key, doc_id, outcome, content_hash, settings_fingerprint, record_file"
    " FROM documents WHERE present ORDER BY doc_key"
)
_ERRORS = (
    "SELECT doc_key, severity, code, stage, message, page, detail FROM errors"
    " ORDER BY doc_key, severity, code, page"
)
_RUNS = "SELECT run_id, started_at, status, scores FROM runs ORDER BY run_id"


def _issues(db: duckdb.DuckDBPyConnection) -> dict[str, list[Issue]]:
    errors: dict[str, list[Issue]] = {}
    for key, *row in db.execute(_ERRORS).fetchall():
        errors.setdefault(key, []).append(Issue(*row))
    return errors


def _documents(db: duckdb.DuckDBPyConnection) -> tuple[list[DocumentResult], list[str]]:
    """The present documents, one per doc_id, and a warning for each doc_id left out."""
    issues = _issues(db)
    documents: dict[str, DocumentResult] = {}
    warnings = []
    for key, doc_id, outcome, content_hash, fingerprint, text in db.execute(_DOCUMENTS).fetchall():
        record_file = RecordFile.model_validate_json(text) if text is not None else None
        if doc_id in documents:
            first = documents[doc_id].key
            warnings.append(f"{key}: doc_id `{doc_id}` is also that of {first}; not reported")
            continue
        documents[doc_id] = DocumentResult(
            key,
            doc_id,
            outcome,
            content_hash,
            fingerprint,
            record_file,
            tuple(issues.get(key, ())),
        )
    return list(documents.values()), warnings


def _runs(db: duckdb.DuckDBPyConnection) -> list[StoredRun]:
    return [
        StoredRun(run_id, started_at, status, json.loads(scores) if scores else None)
        for run_id, started_at, status, scores in db.execute(_RUNS).fetchall()
    ]


def read_store(path: Path) -> StoreView:
    """Everything a report shows of a store; StoreError when it is missing, busy or not a store."""
    open_store(path, read_only=True).close()
    try:
        with duckdb.connect(str(path), read_only=True) as db:
            documents, warnings = _documents(db)
            runs = _runs(db)
    except duckdb.Error as error:
        raise StoreError(f"{path}: cannot be read: {error}") from error
    return StoreView(path, tuple(documents), tuple(runs), tuple(warnings))
