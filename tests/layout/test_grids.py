"""The layout stage against the hand-written expected grids: cell accuracy on every fixture.

Text replicas must match at least 98% of cells, scans (and the scan with an OCR
layer) at least 90%, scored against their text twin's grid. Each test prints
its accuracy and the cells it missed.
"""

import csv
from functools import cache
from pathlib import Path

import pytest

from pipeline.layout import pages
from pipeline.score.grid import FoundTable, GridScore, load_expected_grid, score_grid

ROOT = Path(__file__).resolve().parent.parent.parent
PDFS = ROOT / "tests" / "fixtures" / "pdfs"
GRIDS = Path(__file__).resolve().parent / "grids"
TEXT_FLOOR = 0.98
SCAN_FLOOR = 0.90


def twins() -> dict[str, str]:
    with (ROOT / "gold" / "twins.csv").open(encoding="utf-8") as file:
        return {row["doc_id"]: row["gold_doc_id"] for row in csv.DictReader(file)}


@cache
def grid_score(doc_id: str) -> GridScore:
    expected = load_expected_grid(GRIDS / f"{twins().get(doc_id, doc_id)}.json")
    tables = pages.layout_document(PDFS / f"{doc_id}.pdf").tables
    found = [FoundTable(table.page, table.dense()) for table in tables]
    return score_grid(expected, found, doc_id=doc_id)


def report(doc_id: str, score: GridScore) -> None:
    print(f"\n{doc_id}: cell accuracy {score.accuracy:.3f} ({score.matched}/{score.cells})")
    for miss in score.misses:
        print(f"  p{miss.page} r{miss.row}c{miss.col}: {miss.expected!r} ≠ {miss.found!r}")


TEXT = sorted(path.stem for path in GRIDS.glob("*.json"))
SCANS = sorted(twins())


def test_every_text_fixture_has_a_grid_and_every_scan_a_twin() -> None:
    fixtures = {path.stem for path in PDFS.glob("*.pdf")}
    assert fixtures == set(TEXT) | set(twins())


@pytest.mark.parametrize("doc_id", TEXT)
def test_text_replica_cells(doc_id: str) -> None:
    score = grid_score(doc_id)
    report(doc_id, score)
    assert score.accuracy >= TEXT_FLOOR


@pytest.mark.parametrize("doc_id", SCANS)
def test_scan_cells(doc_id: str) -> None:
    score = grid_score(doc_id)
    report(doc_id, score)
    assert score.accuracy >= SCAN_FLOOR
