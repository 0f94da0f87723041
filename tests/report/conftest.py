"""Fixtures for the review report's tests: a store of two small fixtures with one fact removed.

The store is made once for the session by `kpi run` over the two shortest text
replicas (kodaira-r2-kofukin, 1 page; tsukuba-r2-kpi, 2 pages), scored against
the gold. Then one prediction is deliberately removed: the first numeric
`actual` fact of a record on tsukuba-r2-kpi's second page is taken out of the
stored record file, so the report must show it as missed, on that page.
"""

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import CliRunner, Result

from pipeline.cli.main import main

ROOT = Path(__file__).parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "pdfs"
GOLD = ROOT / "gold"
SMALL = ("kodaira-r2-kofukin.pdf", "tsukuba-r2-kpi.pdf")
CHANGED_DOCUMENT = "tsukuba-r2-kpi"
CHANGED_PAGE = 2


@dataclass(frozen=True)
class RemovedFact:
    """The prediction taken out of the store: its document, page and fact as it was stored."""

    doc_id: str
    page: int
    fact: dict[str, Any]


@dataclass(frozen=True)
class ReportStore:
    path: Path
    corpus: Path
    removed: RemovedFact


def run_kpi(*arguments: str | Path) -> Result:
    """`kpi ARGS...` in this process (`kpi run`'s workers are processes of their own)."""
    return CliRunner().invoke(main, [str(argument) for argument in arguments])


def _remove_a_fact(store: Path) -> RemovedFact:
    with duckdb.connect(str(store)) as db:
        key, text = db.execute(
            "SELECT doc_key, record_file FROM documents WHERE doc_id = ?", [CHANGED_DOCUMENT]
        ).fetchone()
        record_file = json.loads(text)
        record = next(r for r in record_file["records"] if r["page"] == CHANGED_PAGE)
        fact = next(f for f in record["facts"] if f["kind"] == "actual" and "value" in f)
        record["facts"].remove(fact)
        db.execute(
            "UPDATE documents SET record_file = ? WHERE doc_key = ?",
            [json.dumps(record_file, ensure_ascii=False), key],
        )
    return RemovedFact(CHANGED_DOCUMENT, CHANGED_PAGE, fact)


@pytest.fixture(scope="session")
def report_store(tmp_path_factory: pytest.TempPathFactory) -> ReportStore:
    folder = tmp_path_factory.mktemp("report-store")
    corpus = folder / "corpus"
    corpus.mkdir()
    for name in SMALL:
        shutil.copy(FIXTURES / name, corpus / name)
    store = folder / "kpi.duckdb"
    result = run_kpi("run", corpus, "--store", store, "--gold", GOLD, "--workers", "1")
    assert result.exit_code == 0, result.output
    return ReportStore(store, corpus, _remove_a_fact(store))


@pytest.fixture(scope="session")
def stored_predictions(report_store: ReportStore, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store's record files written out as `kpi extract` writes them, for `kpi score`."""
    folder = tmp_path_factory.mktemp("stored-predictions")
    with duckdb.connect(str(report_store.path), read_only=True) as db:
        rows = db.execute("SELECT doc_id, record_file FROM documents").fetchall()
    for doc_id, text in rows:
        (folder / f"{doc_id}.json").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def kpi() -> Callable[..., Result]:
    return run_kpi


@pytest.fixture(scope="session")
def gold() -> Path:
    return GOLD


@pytest.fixture(scope="session")
def site(report_store: ReportStore, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of the store against the gold, as `kpi report` writes it."""
    out = tmp_path_factory.mktemp("site")
    result = run_kpi("report", "--store", report_store.path, "--gold", GOLD, "--out", out)
    assert result.exit_code == 0, result.output
    return out
