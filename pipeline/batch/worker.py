"""The per-document function every executor runs: one PDF in, one DocumentOutcome out.

It never raises for a document's sake. A file that cannot be read is an error
with ingest's code; any other exception inside extraction is a bug this document
brings out, and becomes an `extraction-failed` carrying its traceback, so a batch of
thousands goes on and the bug can still be found and fixed.
"""

import re
import resource
import sys
import time
from dataclasses import replace
from pathlib import Path

from pipeline.batch.outcome import DocumentOutcome, Issue, failure
from pipeline.model import dump_record_file
from pipeline.understand import Extraction, ExtractSettings, Failure, try_extract

# Extraction's warnings start with the page they concern: `page 3: ...`.
_PAGE_PREFIX = re.compile(r"^page (\d+)\b")


def peak_memory_mb() -> float:
    """This process's peak resident set size in MB (ru_maxrss is KB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def warning_issue(message: str) -> Issue:
    page = _PAGE_PREFIX.match(message)
    return Issue(
        "warning", "extract-warning", "extract", message, int(page.group(1)) if page else None
    )


def extraction_issues(extraction: Extraction) -> tuple[Issue, ...]:
    """Extraction's warnings, and a warning when no page gave a record."""
    issues = [warning_issue(message) for message in extraction.warnings]
    if not extraction.record_file.records:
        message = f"no KPI record found in {extraction.pages} pages"
        issues.append(Issue("warning", "no-records", "extract", message))
    return tuple(issues)


def process_document(path: str, settings: ExtractSettings) -> DocumentOutcome:
    """Extract one document; whatever happens inside, return an outcome."""
    started = time.perf_counter()
    extraction = try_extract(Path(path), settings)
    if isinstance(extraction, Failure):
        outcome = failure(
            extraction.code, extraction.stage, extraction.message, detail=extraction.detail
        )
    else:
        record_json = dump_record_file(extraction.record_file)
        outcome = DocumentOutcome(record_json, extraction.pages, extraction_issues(extraction))
    return replace(outcome, seconds=time.perf_counter() - started, peak_mb=peak_memory_mb())
