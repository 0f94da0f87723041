"""Errors and warnings as data: what went wrong, where, and a code a reader can search for.

Every stage reports what it could not do as an `Issue` rather than a log line,
so the record file, the store and the review report carry the same objects
and a batch over thousands of documents can be queried by code.

Codes, by stage:

- `ingest`: `unreadable`, `not-pdf`, `empty`, `truncated`, `encrypted`, `no-pages`
  (a file that cannot be read at all), `unmapped-glyphs` (a text layer with
  glyphs that have no Unicode mapping);
- `ocr`: `ocr-unavailable` (Tesseract or its language data missing: the page is
  not read, and the document is partial), `ocr-failed` (a Tesseract process
  failed on part of the page), `ocr-off` (a scan left unread, as OCR was turned off);
- `layout`: `page-failed` (an exception while reading one page: that page has no
  tables, the others are read; the traceback is in `detail`);
- `understand`: `unmapped-headers` (header cells mapped to no field),
  `no-records` (pages read, no KPI record found);
- `extract`: `extraction-failed` (an exception inside extraction: a bug this
  document brings out; the traceback is in `detail`);
- `batch`: `timeout`, `memory-limit`, `crash`, `worker-error`, `not-found`,
  `changed-while-read` (the file was replaced or rewritten while a worker read it).

An issue of severity `error` on a document that still has records makes it
partial: stored with what was read, and read again by the next run.

An error file of `kpi extract` names one of these codes, or `write-failed`: the
document's record file could not be written (a name too long, a full disk).
"""

from dataclasses import asdict, dataclass
from typing import Any, Literal

Severity = Literal["error", "warning"]
Stage = Literal["ingest", "ocr", "layout", "understand", "extract", "batch"]


@dataclass(frozen=True)
class Issue:
    """An error or warning: a code to search for, the stage, the page, and what happened."""

    severity: Severity
    code: str
    stage: Stage
    message: str
    page: int | None = None
    detail: str | None = None

    def as_json(self) -> dict[str, Any]:
        """The issue as a record file lists it (no traceback: that goes to the store)."""
        data = asdict(self)
        del data["detail"]
        return data

    def __str__(self) -> str:
        where = f"page {self.page}: " if self.page is not None else ""
        return f"{where}{self.message}"
