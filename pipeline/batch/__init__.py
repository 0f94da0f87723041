"""Batch runs: takes sources (folders, globs, manifests), gives a DuckDB store of every
document's records, facts and errors, read incrementally in a process pool or on Dask,
with a run summary and an exit status a scheduler can act on.
"""

from pipeline.batch.dask_cluster import DaskExecutor
from pipeline.batch.executors import Executor, LocalPool
from pipeline.batch.memory import default_memory_limit, parse_memory_size
from pipeline.batch.outcome import DocumentOutcome
from pipeline.batch.run import (
    DEFAULT_TIME_LIMIT,
    BatchRun,
    DocumentStatus,
    default_workers,
    run_stamp,
)
from pipeline.batch.sources import (
    SourceError,
    SourceSet,
    folder_pdfs,
    read_source,
    resolve_sources,
)
from pipeline.batch.store import (
    DEFAULT_STORE,
    EXPORT_FORMATS,
    ExportFormat,
    Store,
    StoreError,
    open_store,
)
from pipeline.batch.summary import (
    GoldSet,
    load_gold,
    run_columns,
    score_run,
    summary_json,
    summary_text,
    write_summary,
)
from pipeline.batch.worker import process_document

__all__ = [
    "DEFAULT_STORE",
    "DEFAULT_TIME_LIMIT",
    "EXPORT_FORMATS",
    "BatchRun",
    "DaskExecutor",
    "DocumentOutcome",
    "DocumentStatus",
    "Executor",
    "ExportFormat",
    "GoldSet",
    "LocalPool",
    "SourceError",
    "SourceSet",
    "Store",
    "StoreError",
    "default_memory_limit",
    "default_workers",
    "folder_pdfs",
    "load_gold",
    "open_store",
    "parse_memory_size",
    "process_document",
    "read_source",
    "resolve_sources",
    "run_columns",
    "run_stamp",
    "score_run",
    "summary_json",
    "summary_text",
    "write_summary",
]
