"""A file replaced or rewritten after the run listed it: the store holds the hash of the bytes
its records were read from, never the hash of a file it did not read."""

import hashlib
import json
import shutil
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path
from threading import Event

import pytest
from batch_store import FIXTURES, query

from pipeline.batch import open_store, process_document, resolve_sources, run_stamp
from pipeline.batch import worker as worker_module
from pipeline.batch.executors import DocumentFunction, Job, timeout_outcome
from pipeline.batch.outcome import DocumentOutcome
from pipeline.batch.run import BatchRun
from pipeline.understand import ExtractSettings, try_extract

FIRST, SECOND = FIXTURES / "kodaira-r2-kofukin.pdf", FIXTURES / "akiruno-r7-shokogyo.pdf"


class ReplacedBeforeRead:
    """An executor, in this process, that replaces each file after it was hashed for the
    run and before the worker reads it."""

    name = "in-process"
    workers = 1

    def outcomes(
        self, jobs: Iterable[Job], function: DocumentFunction, stop: Event
    ) -> Iterator[tuple[Job, DocumentOutcome]]:
        for job in jobs:
            shutil.copy(SECOND, job.path)
            yield job, function(job.path)

    def peak_worker_mb(self) -> float:
        return 0.0

    def close(self) -> None:
        """Nothing to close."""


class TimesOut(ReplacedBeforeRead):
    """An executor whose every document runs over its time limit, unread."""

    def outcomes(
        self, jobs: Iterable[Job], function: DocumentFunction, stop: Event
    ) -> Iterator[tuple[Job, DocumentOutcome]]:
        for job in jobs:
            yield job, timeout_outcome(1.0)


def run_in_process(document: Path, executor: ReplacedBeforeRead) -> Path:
    """One run over the document's folder through `executor`; the store's path."""
    store_path = document.parent.parent / "kpi.duckdb"
    with open_store(store_path) as store:
        stamp = run_stamp(store, {"executor": "in-process", "workers": 1}, "settings")
        function = partial(process_document, settings=ExtractSettings())
        sources = resolve_sources([str(document.parent)])
        BatchRun(sources, store, executor, function, stamp).execute()
    return store_path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_stored_hash_is_of_the_file_the_records_were_read_from(tmp_path: Path) -> None:
    document = tmp_path / "corpus" / "report.pdf"
    document.parent.mkdir()
    shutil.copy(FIRST, document)
    store_path = run_in_process(document, ReplacedBeforeRead())
    read = json.loads(process_document(str(SECOND), ExtractSettings()).record_json or "{}")
    stored = query(store_path, "SELECT content_hash, size_bytes, title FROM documents")
    assert stored == [(sha256(SECOND), SECOND.stat().st_size, read["document"]["title"])]


def test_a_document_the_worker_never_read_keeps_the_hash_it_was_listed_with(
    tmp_path: Path,
) -> None:
    document = tmp_path / "corpus" / "report.pdf"
    document.parent.mkdir()
    shutil.copy(FIRST, document)
    store_path = run_in_process(document, TimesOut())
    sql = "SELECT outcome, content_hash FROM documents"
    assert query(store_path, sql) == [("failed", sha256(FIRST))]


def test_a_file_rewritten_while_it_is_read_fails_with_changed_while_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = tmp_path / "report.pdf"
    shutil.copy(FIRST, document)

    def rewritten_midway(path: Path, settings: ExtractSettings) -> object:
        extraction = try_extract(path, settings)
        shutil.copy(SECOND, path)
        return extraction

    monkeypatch.setattr(worker_module, "try_extract", rewritten_midway)
    outcome = process_document(str(document), ExtractSettings())
    assert outcome.failed
    assert [issue.code for issue in outcome.issues] == ["changed-while-read"]
    assert outcome.content_hash == ""


def test_a_worker_gives_the_hash_and_size_of_what_it_read() -> None:
    outcome = process_document(str(FIRST), ExtractSettings())
    assert (outcome.content_hash, outcome.size_bytes) == (sha256(FIRST), FIRST.stat().st_size)
