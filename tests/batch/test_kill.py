"""`kill -9` in the middle of a run, then the same command again: the store ends as an
uninterrupted run leaves it."""

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from batch_store import FIXTURES, SMALL, query, snapshot
from click.testing import Result


def make_corpus(folder: Path) -> Path:
    """Six documents: the three small replicas, twice under different names."""
    folder.mkdir()
    for copy in ("a", "b"):
        for name in SMALL:
            shutil.copy(FIXTURES / name, folder / f"{copy}-{name}")
    return folder


def signal_after_first_document(
    corpus: Path, store: Path, number: signal.Signals
) -> tuple[int, str]:
    """Start `kpi run`, and signal its whole process group (as a terminal's Ctrl-C does) once
    one document is committed; its exit status and what it printed after."""
    command = [sys.executable, "-c", "from pipeline.cli.main import main; main()"]
    command += ["run", str(corpus), "--store", str(store)]
    command += ["--workers", "1", "--verbose", "--no-progress"]
    process = subprocess.Popen(
        command,
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert process.stderr is not None
    try:
        for line in process.stderr:
            if line.startswith("new "):
                break
    finally:
        os.killpg(process.pid, number)
        output, errors = process.communicate(timeout=120)
    return process.returncode, output + errors


def test_a_killed_run_run_again_leaves_the_store_an_uninterrupted_run_would(
    tmp_path: Path, kpi: Callable[..., Result]
) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    killed, whole = tmp_path / "killed.duckdb", tmp_path / "whole.duckdb"
    status, _ = signal_after_first_document(corpus, killed, signal.SIGKILL)
    assert status == -signal.SIGKILL
    committed = query(killed, "SELECT count(*) FROM documents")[0][0]
    assert 1 <= committed < 6

    rerun = kpi("run", corpus, "--store", killed, "--workers", "1")
    uninterrupted = kpi("run", corpus, "--store", whole, "--workers", "1")
    assert (rerun.exit_code, uninterrupted.exit_code) == (0, 0)
    assert snapshot(killed) == snapshot(whole)
    assert query(killed, "SELECT run_id, status FROM runs ORDER BY run_id") == [
        (1, "interrupted"),
        (2, "finished"),
    ]


def test_ctrl_c_stops_the_run_marks_it_interrupted_and_exits_130(
    tmp_path: Path, kpi: Callable[..., Result]
) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    store = tmp_path / "kpi.duckdb"
    status, output = signal_after_first_document(corpus, store, signal.SIGINT)
    assert status == 130, output
    committed = query(store, "SELECT count(*) FROM documents")[0][0]
    assert f"new {committed}, changed 0, skipped 0, failed 0" in output
    assert f"{6 - committed} documents not read" in output
    assert "run the same command again" in output
    assert query(store, "SELECT status FROM runs") == [("interrupted",)]
    rerun = kpi("run", corpus, "--store", store, "--workers", "1")
    assert rerun.exit_code == 0, rerun.output
    assert f"new {6 - committed}, changed 0, skipped {committed}, failed 0" in rerun.output
