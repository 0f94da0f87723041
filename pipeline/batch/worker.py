"""The per-document function every executor runs: one PDF in, one DocumentOutcome out.

It never raises for a document's sake. A file that cannot be read is an error
with ingest's code; any other exception inside extraction is a bug this document
brings out, and becomes an `extraction-failed` carrying its traceback, so a batch of
thousands goes on and the bug can still be found and fixed.
"""

import resource
import sys
import time
from dataclasses import replace
from pathlib import Path

from pipeline.batch.outcome import DocumentOutcome
from pipeline.model import Issue, dump_record_file
from pipeline.understand import ExtractSettings, try_extract


def peak_memory_mb() -> float:
    """This process's peak resident set size in MB (ru_maxrss is KB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def process_document(path: str, settings: ExtractSettings) -> DocumentOutcome:
    """Extract one document; whatever happens inside, return an outcome."""
    started = time.perf_counter()
    extraction = try_extract(Path(path), settings)
    if isinstance(extraction, Issue):
        outcome = DocumentOutcome(None, issues=(extraction,))
    else:
        record_json = dump_record_file(extraction.record_file)
        outcome = DocumentOutcome(record_json, extraction.pages, extraction.warnings)
    return replace(outcome, seconds=time.perf_counter() - started, peak_mb=peak_memory_mb())
