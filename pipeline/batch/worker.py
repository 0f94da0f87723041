"""The per-document function every executor runs: one PDF in, one DocumentOutcome out.

It never raises for a document's sake. A file that cannot be read is an error
with ingest's code; any other exception inside extraction is a bug this document
brings out, and becomes an `extraction-failed` carrying its traceback, so a batch of
thousands goes on and the bug can still be found and fixed.
"""

import time
from dataclasses import replace
from pathlib import Path

from pipeline.batch.memory import peak_memory_mb
from pipeline.batch.outcome import DocumentOutcome, failure
from pipeline.batch.sources import read_content
from pipeline.model import Issue, dump_record_file
from pipeline.understand import ExtractSettings, try_extract


def _extract(path: Path, settings: ExtractSettings) -> DocumentOutcome:
    extraction = try_extract(path, settings)
    if isinstance(extraction, Issue):
        return DocumentOutcome(None, issues=(extraction,))
    record_json = dump_record_file(extraction.record_file)
    return DocumentOutcome(record_json, extraction.pages, extraction.warnings)


def process_document(path: str, settings: ExtractSettings) -> DocumentOutcome:
    """Extract one document; whatever happens inside, return an outcome.

    The file is hashed before it is read and again after: its records go with the
    hash of the bytes they were read from, and a file replaced or rewritten meanwhile
    fails with `changed-while-read`, to be read again by the next run.
    """
    started = time.perf_counter()
    before = read_content(Path(path))
    outcome = _extract(Path(path), settings)
    if read_content(Path(path)) != before:
        message = "the file was replaced or rewritten while it was read"
        outcome = failure("changed-while-read", "batch", message)
    elif before is not None:
        outcome = replace(outcome, content_hash=before.sha256, size_bytes=before.size_bytes)
    return replace(outcome, seconds=time.perf_counter() - started, peak_mb=peak_memory_mb())
