"""The run summary: counts and scores printed, written as JSON, kept per run; exit status."""

import json
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import duckdb
import pytest
from batch_store import GOLD, query
from click.testing import Result
from pebble import ProcessPool


def test_scores_are_kept_per_run_and_compared_with_the_last(
    corpus: Path, tmp_path: Path, kpi: Callable[..., Result]
) -> None:
    store = tmp_path / "kpi.duckdb"
    first = kpi("run", corpus, "--store", store, "--gold", GOLD, "--workers", "1")
    second = kpi("run", corpus, "--store", store, "--gold", GOLD, "--workers", "1")
    assert (first.exit_code, second.exit_code) == (0, 0), first.output
    runs = query(store, "SELECT run_id, fact_f1, scores FROM runs ORDER BY run_id")
    assert [run_id for run_id, _, _ in runs] == [1, 2]
    f1 = runs[0][1]
    assert 0.0 < f1 <= 1.0
    assert runs[1][1] == f1
    scored = {doc["doc_id"]: doc for doc in json.loads(runs[0][2])["documents"]}
    assert scored["tsukuba-r2-kpi"]["status"] == "scored"
    assert scored["sanyo-onoda-r3-kpi"]["status"] == "no_prediction"
    assert f"fact F1 {f1:.3f} (run 1: {f1:.3f}, change +0.000)" in second.output


def test_the_summary_file_holds_what_was_printed(
    corpus: Path, tmp_path: Path, kpi: Callable[..., Result]
) -> None:
    target = tmp_path / "reports" / "tonight.json"
    store = tmp_path / "kpi.duckdb"
    result = kpi("run", corpus, "--store", store, "--summary", target, "--workers", "1")
    summary = json.loads(target.read_text(encoding="utf-8"))
    assert summary["documents"] == 3
    assert summary["pages"] == 4
    assert summary["pages_per_second"] > 0
    assert summary["peak_worker_mb"] > 0
    assert summary["scores"] is None
    assert f"{summary['pages']} pages in" in result.output
    stored = query(store, "SELECT summary FROM runs WHERE run_id = 1")[0][0]
    assert json.loads(stored) == summary


def test_a_source_that_does_not_exist_exits_2(tmp_path: Path, kpi: Callable[..., Result]) -> None:
    result = kpi("run", tmp_path / "nowhere", "--store", tmp_path / "kpi.duckdb")
    assert result.exit_code == 2
    assert "no such file or folder" in result.output
    assert not (tmp_path / "kpi.duckdb").exists()


def test_a_bad_gold_folder_exits_2_before_any_work(
    corpus: Path, tmp_path: Path, kpi: Callable[..., Result]
) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "broken.json").write_text('{"format": "kpi-record/1"}', encoding="utf-8")
    result = kpi("run", corpus, "--store", tmp_path / "kpi.duckdb", "--gold", gold)
    assert result.exit_code == 2
    assert "broken.json" in result.output
    assert not (tmp_path / "kpi.duckdb").exists()


def test_a_file_that_is_not_a_store_exits_2(
    corpus: Path, tmp_path: Path, kpi: Callable[..., Result]
) -> None:
    notes = tmp_path / "notes.duckdb"
    notes.write_text("not a database\n", encoding="utf-8")
    result = kpi("run", corpus, "--store", notes)
    assert result.exit_code == 2
    assert "cannot open the store" in result.output


def test_a_store_in_use_by_another_process_exits_2(
    corpus: Path, tmp_path: Path, kpi: Callable[..., Result]
) -> None:
    store = tmp_path / "kpi.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; db = duckdb.connect({str(store)!r});"
            " print('open', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        started = time.monotonic()
        result = kpi("run", corpus, "--store", store)
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 2
    assert "cannot open the store" in result.output
    assert time.monotonic() - started < 30


def test_an_empty_gold_folder_is_a_usage_error_and_nothing_is_stored(
    corpus: Path, tmp_path: Path, kpi: Callable[..., Result]
) -> None:
    empty = tmp_path / "gold"
    empty.mkdir()
    store = tmp_path / "kpi.duckdb"
    result = kpi("run", corpus, "--store", store, "--gold", empty, "--workers", "1")
    assert result.exit_code == 2
    assert "no gold file" in result.output
    assert not store.exists()


def test_a_run_that_finds_no_document_warns_or_with_require_documents_fails(
    tmp_path: Path, kpi: Callable[..., Result]
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    store = tmp_path / "kpi.duckdb"
    warned = kpi("run", empty, "--store", store, "--workers", "1")
    assert warned.exit_code == 0
    assert "no document found" in warned.output
    required = kpi("run", empty, "--store", tmp_path / "b.duckdb", "--require-documents")
    assert required.exit_code == 2
    assert "no document found" in required.output


@pytest.mark.parametrize(
    ("sql", "refusal"),
    [
        (
            "CREATE TABLE people (name VARCHAR); INSERT INTO people VALUES ('佐藤')",
            "not a kpi store",
        ),
        (
            "CREATE TABLE meta (key VARCHAR, value VARCHAR);"
            " INSERT INTO meta VALUES ('store_format', 'kpi-store/0')",
            "store format kpi-store/0",
        ),
    ],
)
def test_a_database_that_is_not_a_store_is_refused_and_left_as_it_was(
    corpus: Path, tmp_path: Path, kpi: Callable[..., Result], sql: str, refusal: str
) -> None:
    foreign = tmp_path / "people.duckdb"
    with duckdb.connect(str(foreign)) as db:
        db.execute(sql)
    before = foreign.read_bytes()
    result = kpi("run", corpus, "--store", foreign, "--workers", "1")
    assert result.exit_code == 2, result.output
    assert refusal in result.output
    assert foreign.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["corpus", "people.duckdb"]


def test_a_pool_that_cannot_be_started_again_ends_the_run_interrupted_with_its_summary(
    corpus: Path, tmp_path: Path, kpi: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*arguments: object, **options: object) -> NoReturn:
        raise RuntimeError("Unexpected error within the Pool")

    monkeypatch.setattr(ProcessPool, "schedule", broken)
    store = tmp_path / "kpi.duckdb"
    result = kpi("run", corpus, "--store", store, "--workers", "1")
    assert result.exit_code == 3, result.output
    assert "interrupted: the process pool broke 3 times in a row; 3 documents not read" in (
        result.output
    )
    assert query(store, "SELECT status FROM runs") == [("interrupted",)]
    summary = json.loads(store.with_name("kpi.last-run.json").read_text(encoding="utf-8"))
    assert (summary["status"], summary["not_read"], summary["failed"]) == ("interrupted", 3, 0)


def test_a_link_planted_at_the_summary_name_is_replaced_not_written_through(
    corpus: Path, tmp_path: Path, kpi: Callable[..., Result]
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    store = tmp_path / "kpi.duckdb"
    (tmp_path / "kpi.last-run.json").symlink_to(victim)
    result = kpi("run", corpus, "--store", store, "--workers", "1")
    assert result.exit_code == 0, result.output
    assert victim.read_text(encoding="utf-8") == "keep me\n"
    summary = tmp_path / "kpi.last-run.json"
    assert not summary.is_symlink()
    assert json.loads(summary.read_text(encoding="utf-8"))["documents"] == 3


def limit_file_size() -> None:
    """A file may not grow past 1 KB, and a write past it fails (EFBIG), as on a full disk."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (1024, resource.RLIM_INFINITY))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def test_a_summary_that_cannot_be_written_leaves_the_last_one_whole(tmp_path: Path) -> None:
    target = tmp_path / "kpi.last-run.json"
    target.write_text('{"run_id": 1}\n', encoding="utf-8")
    script = (
        "import sys; from pathlib import Path; from pipeline.batch import write_summary;"
        " write_summary(Path(sys.argv[1]), {'failures': ['x' * 100] * 100})"
    )
    written = subprocess.run(
        [sys.executable, "-c", script, str(target)],
        preexec_fn=limit_file_size,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "File too large" in written.stderr
    assert target.read_text(encoding="utf-8") == '{"run_id": 1}\n'


def test_documents_over_the_memory_limit_fail_with_memory_limit(
    corpus: Path, tmp_path: Path, kpi: Callable[..., Result]
) -> None:
    store = tmp_path / "kpi.duckdb"
    result = kpi("run", corpus, "--store", store, "--workers", "1", "--memory-limit", "64MiB")
    assert result.exit_code == 1, result.output
    assert query(store, "SELECT DISTINCT code FROM errors WHERE severity = 'error'") == [
        ("memory-limit",)
    ]
    assert "failed 3" in result.output
    summary = json.loads(store.with_name("kpi.last-run.json").read_text(encoding="utf-8"))
    assert summary["peak_worker_mb"] > 64
