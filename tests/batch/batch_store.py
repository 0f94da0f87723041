"""Helpers of the batch tests: small corpora copied from the example PDFs and store snapshots.

A module of its own, not conftest, so that `from batch_store import …` names this
file whichever other test folders run in the same session.
"""

import shutil
from pathlib import Path
from typing import Any

import duckdb

FIXTURES = Path(__file__).parents[1] / "fixtures" / "pdfs"
SMALL = ("kodaira-r2-kofukin.pdf", "tsukuba-r2-kpi.pdf", "akiruno-r7-shokogyo.pdf")
GOLD = Path(__file__).parents[2] / "gold"

# Columns that say when and by which run a row was written, not what it holds.
RUN_COLUMNS = frozenset({"processed_run", "processed_at", "seconds", "missing_run"})
CONTENT_TABLES = ("documents", "records", "facts", "errors")

Snapshot = dict[str, list[tuple[Any, ...]]]


def copy_fixtures(folder: Path, names: tuple[str, ...] = SMALL) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy(FIXTURES / name, folder / name)) for name in names]


def snapshot(store: Path) -> Snapshot:
    """Every content table's rows, sorted, without the columns that name a run or a time."""
    tables: Snapshot = {}
    with duckdb.connect(str(store), read_only=True) as db:
        for table in CONTENT_TABLES:
            columns = [row[0] for row in db.execute(f"DESCRIBE {table}").fetchall()]
            kept = ", ".join(column for column in columns if column not in RUN_COLUMNS)
            rows = db.execute(f"SELECT {kept} FROM {table}").fetchall()
            tables[table] = sorted(rows, key=repr)
    return tables


def query(store: Path, sql: str, *parameters: Any) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(store), read_only=True) as db:
        return db.execute(sql, list(parameters)).fetchall()
