"""Fixtures for the batch tests: small corpora copied from the example PDFs, a `kpi` runner,
and a snapshot of a store that leaves out what differs from run to run (run ids, times).

The corpora use the three shortest text replicas (1, 2 and 1 pages) so that a run
takes seconds; the bad files are made in the tests that need them.
"""

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import CliRunner, Result

from pipeline.cli import main

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


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    copy_fixtures(folder)
    return folder


@pytest.fixture(scope="session")
def kpi() -> Callable[..., Result]:
    """Run `kpi ARGS...` in this process (its workers are processes of their own)."""

    def invoke(*arguments: str | Path) -> Result:
        return CliRunner().invoke(main, [str(argument) for argument in arguments])

    return invoke
