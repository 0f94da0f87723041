"""The store: one embedded DuckDB file holding every run's documents, records, facts and errors.

DuckDB needs no server, and one file is the whole store, so a nightly job can
copy or archive it. Tables:

- `documents`: one row a document (keyed by its absolute path), with the hash
  of the bytes its rows were read from, the pipeline version and settings
  fingerprint it was read under, its outcome (`extracted`; `partial` when a page
  could not be read, such as a scan with no Tesseract, and read again by the
  next run; or `failed`), whether the file is still `present`, and its
  kpi-record/1 file as JSON;
- `records` and `facts`: the record files flattened, each fact with its
  provenance (page, box in PDF points, raw text) and confidence;
- `errors`: a document's errors and warnings, each with a code (see
  `pipeline.batch.outcome`);
- `runs`: one row a run, with its counts, speed and scores.

Each document's rows are replaced in one transaction, so a run killed at any
moment leaves every document either as it was or wholly new. DuckDB lets one
process write a file at a time; a second run on the same store is refused.
"""

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import astuple, dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, Self

import duckdb

from pipeline.batch.outcome import DocumentOutcome
from pipeline.batch.rows import record_rows
from pipeline.batch.sources import SourceDocument

STORE_FORMAT = "kpi-store/1"
# Under out/, which git ignores: the store is output, not source.
DEFAULT_STORE = Path("out/kpi.duckdb")

# partial: records read, but a page could not be (its error says why); read again next run.
Outcome = Literal["extracted", "partial", "failed"]
ExportFormat = Literal["parquet", "jsonl", "csv"]
# running until it ends; interrupted when it ended before its last document (or its process died).
RunStatus = Literal["running", "finished", "interrupted"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("parquet", "jsonl", "csv")

_TABLES: dict[str, str] = {
    "meta": "key VARCHAR PRIMARY KEY, value VARCHAR",
    "runs": """
        run_id INTEGER PRIMARY KEY, started_at TIMESTAMP, finished_at TIMESTAMP,
        status VARCHAR, pipeline_version VARCHAR, settings_fingerprint VARCHAR,
        executor VARCHAR, workers INTEGER, sources VARCHAR,
        documents INTEGER, new INTEGER, changed INTEGER, skipped INTEGER, failed INTEGER,
        missing INTEGER, pages INTEGER, seconds DOUBLE, pages_per_second DOUBLE,
        peak_worker_mb DOUBLE, fact_f1 DOUBLE, scores VARCHAR, summary VARCHAR""",
    "documents": """
        doc_key VARCHAR PRIMARY KEY, doc_id VARCHAR, content_hash VARCHAR,
        size_bytes BIGINT, outcome VARCHAR, present BOOLEAN, pages INTEGER,
        records INTEGER, facts INTEGER, municipality VARCHAR, title VARCHAR,
        record_file VARCHAR, pipeline_version VARCHAR, settings_fingerprint VARCHAR,
        processed_run INTEGER, processed_at TIMESTAMP, seconds DOUBLE, missing_run INTEGER""",
    "records": """
        doc_key VARCHAR, record_no INTEGER, page INTEGER, program VARCHAR,
        indicator VARCHAR, unit VARCHAR, direction VARCHAR, facts INTEGER""",
    "facts": """
        doc_key VARCHAR, record_no INTEGER, fact_no INTEGER, kind VARCHAR, fy INTEGER,
        value DOUBLE, text VARCHAR, cumulative BOOLEAN, estimated BOOLEAN,
        confidence DOUBLE, source_page INTEGER, source_x0 DOUBLE, source_y0 DOUBLE,
        source_x1 DOUBLE, source_y1 DOUBLE, source_text VARCHAR""",
    "errors": """
        doc_key VARCHAR, doc_id VARCHAR, severity VARCHAR, code VARCHAR, stage VARCHAR,
        message VARCHAR, page INTEGER, detail VARCHAR""",
}
# The tables an export writes, each in the order that makes two exports comparable.
EXPORT_ORDER: dict[str, str] = {
    "documents": "doc_key",
    "records": "doc_key, record_no",
    "facts": "doc_key, record_no, fact_no",
    "errors": "doc_key, severity, code, page, message",
    "runs": "run_id",
}
_COPY_OPTIONS: dict[ExportFormat, str] = {
    "parquet": "FORMAT parquet",
    "jsonl": "FORMAT json",
    "csv": "FORMAT csv, HEADER",
}
# Rows bound in one INSERT: one statement of many rows binds far faster than executemany.
_INSERT_CHUNK = 500


class StoreError(Exception):
    """A store that cannot be opened or written: in use by another run, not a store, no space."""


@dataclass(frozen=True)
class StoredDocument:
    """What the store holds of a document: enough to tell whether it must be read again."""

    content_hash: str
    pipeline_version: str
    settings_fingerprint: str
    outcome: Outcome
    present: bool


@dataclass(frozen=True)
class RunStamp:
    """The run a document's rows were written by, and what they were produced under."""

    run_id: int
    pipeline_version: str
    settings_fingerprint: str


def _connect(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as error:
        raise StoreError(f"{path}: cannot open the store: {error}") from error


class Store:
    """An open store. Use as a context manager; `open_store` creates the tables if needed."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: Path) -> None:
        self._db = connection
        self.path = path

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All of the block's writes, or none of them."""
        self._db.begin()
        try:
            yield
        except BaseException:
            self._db.rollback()
            raise
        self._db.commit()

    def _insert(self, table: str, rows: Sequence[tuple[Any, ...]]) -> None:
        for start in range(0, len(rows), _INSERT_CHUNK):
            chunk = rows[start : start + _INSERT_CHUNK]
            marks = "(" + ", ".join("?" * len(chunk[0])) + ")"
            values = [value for row in chunk for value in row]
            self._db.execute(
                f"INSERT INTO {table} VALUES " + ", ".join([marks] * len(chunk)), values
            )

    def _ensure_schema(self) -> None:
        with self.transaction():
            for table, columns in _TABLES.items():
                self._db.execute(f"CREATE TABLE IF NOT EXISTS {table} ({columns})")
            self._db.execute(
                "INSERT INTO meta VALUES ('store_format', ?) ON CONFLICT DO NOTHING",
                [STORE_FORMAT],
            )
        self._check_format()

    def _check_format(self) -> None:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'store_format'").fetchone()
        if row is None or row[0] != STORE_FORMAT:
            found = row[0] if row else "none"
            raise StoreError(f"{self.path}: store format {found}, not {STORE_FORMAT}")

    def stored_documents(self) -> dict[str, StoredDocument]:
        rows = self._db.execute(
            "SELECT doc_key, content_hash, pipeline_version, settings_fingerprint,"
            " outcome, present FROM documents"
        ).fetchall()
        return {row[0]: StoredDocument(*row[1:]) for row in rows}

    def begin_run(self, run: dict[str, Any]) -> int:
        """Open a run row; a run left `running` by a process that died is `interrupted`.

        Only one process can have the file open for writing, so no other run is live.
        """
        with self.transaction():
            self._db.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
            row = self._db.execute("SELECT coalesce(max(run_id), 0) + 1 FROM runs").fetchone()
            run_id = int(row[0]) if row else 1
            columns = ["run_id", "started_at", "status", *run]
            marks = ", ".join(["?", "now()", "'running'"] + ["?"] * len(run))
            self._db.execute(
                f"INSERT INTO runs ({', '.join(columns)}) VALUES ({marks})", [run_id, *run.values()]
            )
        return run_id

    def finish_run(self, run_id: int, status: RunStatus, figures: dict[str, Any]) -> None:
        assignments = ", ".join(f"{column} = ?" for column in figures)
        with self.transaction():
            self._db.execute(
                f"UPDATE runs SET status = ?, finished_at = now(), {assignments} WHERE run_id = ?",
                [status, *figures.values(), run_id],
            )

    def commit_document(
        self,
        run: RunStamp,
        document: SourceDocument,
        outcome: DocumentOutcome,
        replaces: bool,
        present: bool = True,
    ) -> None:
        """Replace one document's rows with this outcome's, in one transaction.

        `replaces` says the store may hold rows of it; `present` is false for a
        document listed in a manifest but not found. The hash kept is the one the
        worker took of the bytes it read; a document that failed with none (a time
        limit, a dead worker) keeps the hash it was listed with.
        """
        read = outcome if outcome.content_hash or not outcome.failed else document
        record_file = json.loads(outcome.record_json) if outcome.record_json is not None else None
        records, facts = record_rows(document.key, record_file) if record_file else ([], [])
        info = record_file["document"] if record_file else {}
        errors = [(document.key, document.doc_id, *astuple(issue)) for issue in outcome.issues]
        row = (
            document.key,
            document.doc_id,
            read.content_hash,
            read.size_bytes,
            "failed" if outcome.failed else "partial" if outcome.partial else "extracted",
            present,
            outcome.pages,
            len(records),
            len(facts),
            info.get("municipality"),
            info.get("title"),
            outcome.record_json,
            run.pipeline_version,
            run.settings_fingerprint,
            run.run_id,
        )
        with self.transaction():
            if replaces:
                for table in ("facts", "records", "errors"):
                    self._db.execute(f"DELETE FROM {table} WHERE doc_key = ?", [document.key])
            marks = ", ".join(["?"] * len(row))
            self._db.execute(
                f"INSERT OR REPLACE INTO documents VALUES ({marks}, now(), ?, NULL)",
                [*row, outcome.seconds],
            )
            for table, rows in (("records", records), ("facts", facts), ("errors", errors)):
                if rows:
                    self._insert(table, rows)

    def mark_presence(self, keys: Sequence[str], present: bool, run_id: int) -> None:
        """Mark documents gone (remembering the run that found them gone), or back again."""
        if not keys:
            return
        with self.transaction():
            self._db.execute(
                "UPDATE documents SET present = ?,"
                " missing_run = CASE WHEN ? THEN NULL ELSE ? END"
                " WHERE doc_key IN (SELECT unnest(?::VARCHAR[]))",
                [present, present, run_id, list(keys)],
            )

    def record_files(self, keys: Sequence[str]) -> list[tuple[str, str]]:
        """(doc_key, kpi-record/1 JSON) of the extracted documents among `keys`, in key order."""
        rows = self._db.execute(
            "SELECT doc_key, record_file FROM documents WHERE outcome IN ('extracted', 'partial')"
            " AND doc_key IN (SELECT unnest(?::VARCHAR[])) ORDER BY doc_key",
            [list(keys)],
        ).fetchall()
        return [(str(key), str(text)) for key, text in rows]

    def failures(self, keys: Sequence[str]) -> list[tuple[str, str, str]]:
        """(doc_key, code, message) of every error among `keys`' documents, in key order."""
        rows = self._db.execute(
            "SELECT doc_key, code, message FROM errors WHERE severity = 'error'"
            " AND doc_key IN (SELECT unnest(?::VARCHAR[])) ORDER BY doc_key, code",
            [list(keys)],
        ).fetchall()
        return [(str(key), str(code), str(message)) for key, code, message in rows]

    def previous_fact_f1(self, run_id: int) -> tuple[int, float] | None:
        """The latest earlier run that was scored, and its fact F1."""
        row = self._db.execute(
            "SELECT run_id, fact_f1 FROM runs WHERE run_id < ? AND fact_f1 IS NOT NULL"
            " ORDER BY run_id DESC LIMIT 1",
            [run_id],
        ).fetchone()
        return (int(row[0]), float(row[1])) if row else None

    def rows(self, table: str) -> list[tuple[Any, ...]]:
        """Every row of a table in export order, for reports and comparisons."""
        return self._db.execute(f"SELECT * FROM {table} ORDER BY {EXPORT_ORDER[table]}").fetchall()

    def export(self, export_format: ExportFormat, out_dir: Path) -> list[Path]:
        """Write each table to `out_dir/<table>.<format>`; the names come from the schema alone."""
        out_dir.mkdir(parents=True, exist_ok=True)
        written = []
        for table, order in EXPORT_ORDER.items():
            target = out_dir / f"{table}.{export_format}"
            query = f"SELECT * FROM {table} ORDER BY {order}"
            if export_format == "jsonl" and table == "documents":
                # The record file goes out as nested JSON, not as a string holding JSON.
                query = (
                    "SELECT * REPLACE (CAST(record_file AS JSON) AS record_file)"
                    f" FROM documents ORDER BY {order}"
                )
            options = _COPY_OPTIONS[export_format]
            self._db.execute(f"COPY ({query}) TO ? ({options})", [str(target)])
            written.append(target)
        return written


def _check_adoptable(path: Path) -> None:
    """StoreError unless the database at `path` is empty or a kpi store; looked at read-only,
    so that a database of anything else is left as it was."""
    with _connect(path, read_only=True) as db:
        tables = db.execute("SELECT table_name FROM information_schema.tables").fetchall()
        if not tables:  # a new database: it becomes a store
            return
        if ("meta",) not in tables:
            names = ", ".join(sorted(str(name) for (name,) in tables)[:5])
            raise StoreError(f"{path}: a database that is not a kpi store (tables {names})")
        Store(db, path)._check_format()


def open_store(path: Path, read_only: bool = False) -> Store:
    """Open (creating if need be) a store; StoreError when it is in use or not a store.

    A file that is not a store is refused before anything is written to it.
    """
    if read_only and not path.is_file():
        raise StoreError(f"{path}: no such store")
    if not read_only:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"{path}: cannot make its folder ({error.strerror})") from error
    try:
        if not read_only and path.exists():
            _check_adoptable(path)
        store = Store(_connect(path, read_only), path)
    except duckdb.Error as error:
        raise StoreError(f"{path}: {error}") from error
    try:
        if read_only:
            store._check_format()
        else:
            store._ensure_schema()
    except (duckdb.Error, StoreError) as error:
        store.close()
        raise error if isinstance(error, StoreError) else StoreError(f"{path}: {error}") from error
    return store
