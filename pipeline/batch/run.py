"""The batch runner: resolve sources, skip what the store already holds, read the rest, commit.

A document is read again only when its content hash, the pipeline version or
the settings fingerprint differ from what the store holds, or when it failed
last time (a failure may have been a time limit or a dead worker). Each outcome
is committed as soon as it arrives, in its own transaction: a run killed at any
point is finished by running the same command again, and the store then holds
what an uninterrupted run would have left.
"""

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from threading import Event
from typing import Literal

from pipeline import __version__
from pipeline.batch.executors import DocumentFunction, Executor, ExecutorBroken, Job
from pipeline.batch.outcome import DocumentOutcome, failure
from pipeline.batch.sources import SourceDocument, SourceSet, document_key, read_source
from pipeline.batch.store import RunStamp, Store, StoredDocument

DEFAULT_TIME_LIMIT = 300.0

DocumentStatus = Literal["new", "changed", "skipped", "failed"]
# Called once a document is settled, with its key, its status and its outcome (None: skipped).
DocumentCallback = Callable[[str, DocumentStatus, DocumentOutcome | None], None]


def default_workers() -> int:
    """The cores this process may use (a container's limit, not the host's count)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@dataclass
class RunCounts:
    """What a run did, document by document; new + changed + skipped + failed = documents."""

    new: int = 0
    changed: int = 0
    skipped: int = 0
    failed: int = 0
    missing: int = 0
    pages: int = 0
    peak_worker_mb: float = 0.0

    @property
    def documents(self) -> int:
        return self.new + self.changed + self.skipped + self.failed

    def add(self, status: DocumentStatus, outcome: DocumentOutcome | None) -> None:
        setattr(self, status, getattr(self, status) + 1)
        if outcome is not None:
            self.pages += outcome.pages
            self.peak_worker_mb = max(self.peak_worker_mb, outcome.peak_mb or 0.0)


def is_current(stored: StoredDocument | None, document: SourceDocument, stamp: RunStamp) -> bool:
    """Whether the stored result is the one this run would produce: nothing to do."""
    return (
        stored is not None
        and stored.outcome == "extracted"
        and bool(document.content_hash)
        and stored.content_hash == document.content_hash
        and stored.pipeline_version == stamp.pipeline_version
        and stored.settings_fingerprint == stamp.settings_fingerprint
    )


@dataclass
class BatchRun:
    """One run of the batch over a source set into a store.

    `interruption` says why the run ended before its last document, if it did;
    what it committed stays, and the same command run again reads the rest.
    `request_stop` (from a signal handler, say) ends it so: no document is
    started after it, and those in flight are cancelled.
    """

    sources: SourceSet
    store: Store
    executor: Executor
    function: DocumentFunction
    stamp: RunStamp
    on_document: DocumentCallback = lambda key, status, outcome: None
    counts: RunCounts = field(default_factory=RunCounts)
    seconds: float = 0.0
    interruption: str | None = None
    stop: Event = field(default_factory=Event)

    @property
    def keys(self) -> list[str]:
        """Every document of this run, found or listed but not found."""
        return [document_key(path) for path in (*self.sources.paths, *self.sources.not_found)]

    @property
    def unsettled(self) -> int:
        """Documents an interrupted run did not come to."""
        return len(self.keys) - self.counts.documents

    def request_stop(self, reason: str) -> None:
        self.interruption = reason
        self.stop.set()

    def _settle(self, key: str, status: DocumentStatus, outcome: DocumentOutcome | None) -> None:
        self.counts.add(status, outcome)
        self.on_document(key, status, outcome)

    def _commit(self, job: Job, outcome: DocumentOutcome, present: bool = True) -> None:
        self.store.commit_document(self.stamp, job.document, outcome, job.replaces, present)
        status: DocumentStatus = (
            "failed" if outcome.failed or outcome.partial else "changed" if job.replaces else "new"
        )
        self._settle(job.document.key, status, outcome)

    def _mark_gone(self, stored: dict[str, StoredDocument]) -> None:
        """Stored documents this run's sources cover but no longer find are marked missing."""
        found = {document_key(path) for path in self.sources.paths}
        gone = [
            key
            for key, document in stored.items()
            if document.present and key not in found and self.sources.covers(key)
        ]
        self.store.mark_presence(gone, False, self.stamp.run_id)
        self.counts.missing = len(gone)

    def _not_found(self, stored: dict[str, StoredDocument]) -> None:
        for path in self.sources.not_found:
            key = document_key(path)
            job = Job(SourceDocument(key, path.stem, "", 0), replaces=key in stored)
            self._commit(job, failure("not-found", "batch", "listed, but no such file"), False)

    def _jobs(self, stored: dict[str, StoredDocument]) -> Iterator[Job]:
        """The documents to read, hashed one by one as the pool asks; the rest are skipped."""
        back = []
        for path in self.sources.paths:
            document = read_source(path)
            previous = stored.get(document.key)
            if is_current(previous, document, self.stamp):
                self._settle(document.key, "skipped", None)
                if previous is not None and not previous.present:
                    back.append(document.key)
            else:
                yield Job(document, replaces=previous is not None)
        self.store.mark_presence(back, True, self.stamp.run_id)

    def execute(self) -> RunCounts:
        """Carry out the run; every document ends committed, skipped, or as an error row."""
        started = time.perf_counter()
        stored = self.store.stored_documents()
        self._mark_gone(stored)
        self._not_found(stored)
        outcomes = self.executor.outcomes(self._jobs(stored), self.function, self.stop)
        try:
            for job, outcome in outcomes:
                self._commit(job, outcome)
        except ExecutorBroken as error:
            self.interruption = str(error)
        self.counts.peak_worker_mb = max(self.counts.peak_worker_mb, self.executor.peak_worker_mb())
        self.seconds = time.perf_counter() - started
        return self.counts


def run_stamp(store: Store, run: dict[str, object], fingerprint: str) -> RunStamp:
    """Open a run row in the store and stamp it with the version and settings it runs under."""
    row = {"pipeline_version": __version__, "settings_fingerprint": fingerprint, **run}
    return RunStamp(store.begin_run(row), __version__, fingerprint)
