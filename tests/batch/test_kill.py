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


def kill_after_first_document(corpus: Path, store: Path) -> None:
    """Start `kpi run`, and kill its whole process group once one document is committed."""
    command = [sys.executable, "-c", "from pipeline.cli.main import main; main()"]
    command += ["run", str(corpus), "--store", str(store)]
    command += ["--workers", "1", "--verbose", "--no-progress"]
    process = subprocess.Popen(
        command,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    assert process.stderr is not None
    try:
        for line in process.stderr:
            if line.startswith("new "):
                break
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    assert process.returncode == -signal.SIGKILL


def test_a_killed_run_run_again_leaves_the_store_an_uninterrupted_run_would(
    tmp_path: Path, kpi: Callable[..., Result]
) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    killed, whole = tmp_path / "killed.duckdb", tmp_path / "whole.duckdb"
    kill_after_first_document(corpus, killed)
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
