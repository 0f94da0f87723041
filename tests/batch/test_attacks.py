"""`kpi run` over a folder laid out by an attacker: a FIFO named like a PDF, two link loops,
a file stem of 250 bytes and a link planted at the summary's name. The run ends by itself,
reads each document once, and writes nothing but its own files.

(A foreign database given as `--store` is in test_run_summary.py.)"""

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from batch_store import FIXTURES, SMALL, query
from click.testing import Result

LONG_STEM = "市" * 82  # 246 bytes in UTF-8: with `.pdf`, 250 of the 255 a name may have


@pytest.fixture(scope="module")
def attack(tmp_path_factory: pytest.TempPathFactory, kpi: Callable[..., Result]) -> Path:
    root = tmp_path_factory.mktemp("attack")
    folder = root / "archive"
    (folder / "2021" / "deep").mkdir(parents=True)
    for name in SMALL:
        shutil.copy(FIXTURES / name, folder / "2021" / name)
    shutil.copy(FIXTURES / SMALL[0], folder / f"{LONG_STEM}.pdf")
    os.mkfifo(folder / "pipe.pdf")
    (folder / "2021" / "up").symlink_to("..", target_is_directory=True)
    (folder / "2021" / "deep" / "top").symlink_to("../..", target_is_directory=True)
    (root / "victim.txt").write_text("keep me\n", encoding="utf-8")
    (root / "kpi.last-run.json").symlink_to(root / "victim.txt")
    result = kpi("run", folder / "**" / "*.pdf", "--store", root / "kpi.duckdb")
    assert result.exit_code == 1, result.output
    return root


def test_each_document_is_read_once_through_the_link_loops(attack: Path) -> None:
    rows = query(attack / "kpi.duckdb", "SELECT doc_id, outcome FROM documents ORDER BY doc_id")
    expected = [(Path(name).stem, "extracted") for name in SMALL]
    expected += [("pipe", "failed"), (LONG_STEM, "extracted")]
    assert rows == sorted(expected)


def test_the_fifo_is_an_error_row(attack: Path) -> None:
    sql = "SELECT doc_id, code FROM errors WHERE severity = 'error'"
    assert query(attack / "kpi.duckdb", sql) == [("pipe", "unreadable")]


def test_the_planted_link_is_replaced_and_its_target_untouched(attack: Path) -> None:
    assert (attack / "victim.txt").read_text(encoding="utf-8") == "keep me\n"
    summary = json.loads((attack / "kpi.last-run.json").read_text(encoding="utf-8"))
    assert (summary["documents"], summary["failed"]) == (5, 1)


def test_nothing_is_written_but_the_store_and_the_summary(attack: Path) -> None:
    written = sorted(path.name for path in attack.iterdir())
    assert written == ["archive", "kpi.duckdb", "kpi.last-run.json", "victim.txt"]
