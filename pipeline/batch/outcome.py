"""What processing one document gave: its record file, or the reason it has none.

A worker sends a DocumentOutcome back to the runner, which commits it to the
store. Errors and warnings are data here, not exceptions: a bad file, a crash or
a hang in one document is an Issue with a code a reader can search for, and the
run goes on.

Codes, by stage:

- `ingest`: `unreadable`, `not-pdf`, `empty`, `truncated`, `encrypted`, `no-pages`
  (from `pipeline.ingest.pages.IngestError`);
- `extract`: `extraction-failed` (an exception inside extraction: a bug this document
  brings out; the traceback is in `detail`), and the warnings `extract-warning`
  (what extraction warned of, such as a page OCR could not read) and `no-records`
  (pages read, no KPI record found);
- `batch`: `timeout` (over the per-document time limit; the worker was stopped),
  `crash` (the worker process died), `worker-error` (the outcome could not come
  back from the worker), `not-found` (listed in a manifest, but no such file).
"""

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]
Stage = Literal["ingest", "extract", "batch"]


@dataclass(frozen=True)
class Issue:
    """An error or warning row: a code to search for, the stage, and what happened."""

    severity: Severity
    code: str
    stage: Stage
    message: str
    page: int | None = None
    detail: str | None = None


@dataclass(frozen=True)
class DocumentOutcome:
    """One document's result: the kpi-record/1 JSON text (None when it failed) and its issues.

    `peak_mb` is the peak resident memory of the worker process that read it, so far.
    """

    record_json: str | None
    pages: int = 0
    issues: tuple[Issue, ...] = field(default=())
    seconds: float = 0.0
    peak_mb: float | None = None

    @property
    def failed(self) -> bool:
        return self.record_json is None


def failure(
    code: str, stage: Stage, message: str, seconds: float = 0.0, detail: str | None = None
) -> DocumentOutcome:
    """The outcome of a document that gave no records, with its one error."""
    issue = Issue("error", code, stage, message, detail=detail)
    return DocumentOutcome(None, issues=(issue,), seconds=seconds)
