"""Incremental runs: unchanged documents skipped, changed ones replaced, vanished ones marked."""

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from batch_store import FIXTURES, query, snapshot
from click.testing import Result

KEYS = ("new", "changed", "skipped", "failed", "missing")
Counts = dict[str, int]


@pytest.fixture
def run(kpi: Callable[..., Result]) -> Callable[[Path, Path], Counts]:
    """`kpi run FOLDER --store STORE` on one worker; the run's counts from its summary file."""

    def counts(folder: Path, store: Path) -> Counts:
        result = kpi("run", folder, "--store", store, "--workers", "1")
        assert result.exit_code == 0, result.output
        summary = store.with_name(store.stem + ".last-run.json").read_text(encoding="utf-8")
        return {key: json.loads(summary)[key] for key in KEYS}

    return counts


def test_a_second_run_skips_every_unchanged_document(
    corpus: Path, tmp_path: Path, run: Callable[[Path, Path], Counts]
) -> None:
    store = tmp_path / "kpi.duckdb"
    first = run(corpus, store)
    before = snapshot(store)
    second = run(corpus, store)
    assert first == {"new": 3, "changed": 0, "skipped": 0, "failed": 0, "missing": 0}
    assert second == {"new": 0, "changed": 0, "skipped": 3, "failed": 0, "missing": 0}
    assert snapshot(store) == before
    assert query(store, "SELECT DISTINCT processed_run FROM documents") == [(1,)]


def test_a_modified_file_is_read_again_and_its_old_rows_are_gone(
    corpus: Path, tmp_path: Path, run: Callable[[Path, Path], Counts]
) -> None:
    store = tmp_path / "kpi.duckdb"
    target = corpus / "kodaira-r2-kofukin.pdf"
    run(corpus, store)
    shutil.copy(FIXTURES / "sanyo-onoda-r3-kpi.pdf", target)
    counts = run(corpus, store)
    assert counts["changed"] == 1
    assert counts["skipped"] == 2
    # The file now holds the Sanyo-Onoda report: its rows must equal a fresh run's on it.
    fresh_corpus = tmp_path / "fresh"
    fresh_corpus.mkdir()
    shutil.copy(target, fresh_corpus / target.name)
    fresh = tmp_path / "fresh.duckdb"
    run(fresh_corpus, fresh)
    sql = "SELECT page, program, indicator, unit, direction, facts FROM records WHERE doc_key = ?"
    changed = query(store, sql, str(target))
    assert changed
    assert sorted(changed) == sorted(query(fresh, sql, str(fresh_corpus / target.name)))
    facts = "SELECT count(*) FROM facts WHERE doc_key = ?"
    assert query(store, facts, str(target)) == query(fresh, facts, str(fresh_corpus / target.name))


def test_a_file_that_disappeared_is_marked_missing_and_back_when_it_returns(
    corpus: Path, tmp_path: Path, run: Callable[[Path, Path], Counts]
) -> None:
    store = tmp_path / "kpi.duckdb"
    moved = corpus / "tsukuba-r2-kpi.pdf"
    run(corpus, store)
    shutil.move(moved, tmp_path / moved.name)
    counts = run(corpus, store)
    assert counts["missing"] == 1
    present = "SELECT present, missing_run FROM documents WHERE doc_key = ?"
    assert query(store, present, str(moved)) == [(False, 2)]
    shutil.move(tmp_path / moved.name, moved)
    counts = run(corpus, store)
    assert counts["skipped"] == 3
    assert query(store, present, str(moved)) == [(True, None)]


def test_documents_outside_the_sources_are_left_alone(
    corpus: Path, tmp_path: Path, run: Callable[[Path, Path], Counts]
) -> None:
    store = tmp_path / "kpi.duckdb"
    run(corpus, store)
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(FIXTURES / "akiruno-r7-shokogyo.pdf", other / "a.pdf")
    counts = run(other, store)
    assert counts == {"new": 1, "changed": 0, "skipped": 0, "failed": 0, "missing": 0}
    assert query(store, "SELECT count(*) FROM documents WHERE present") == [(4,)]


@pytest.mark.parametrize(
    ("target", "name", "value"),
    [
        ("pipeline.batch.run", "__version__", "99.0.0"),
        (
            "pipeline.understand.extract.ExtractSettings",
            "fingerprint",
            lambda settings: "other settings",
        ),
    ],
)
def test_a_new_pipeline_version_or_settings_reads_every_document_again(
    corpus: Path,
    tmp_path: Path,
    run: Callable[[Path, Path], Counts],
    monkeypatch: pytest.MonkeyPatch,
    target: str,
    name: str,
    value: object,
) -> None:
    store = tmp_path / "kpi.duckdb"
    run(corpus, store)
    monkeypatch.setattr(f"{target}.{name}", value)
    counts = run(corpus, store)
    assert (counts["changed"], counts["skipped"]) == (3, 0)


def test_a_settings_file_that_changes_a_threshold_reads_every_document_again(
    corpus: Path, tmp_path: Path, kpi: Callable[..., Result]
) -> None:
    store = tmp_path / "kpi.duckdb"
    settings = tmp_path / "settings.toml"
    settings.write_text("[understand]\nmapping_floor = 0.55\n", encoding="utf-8")
    for extra in ((), ("--settings", settings), ("--settings", settings)):
        result = kpi("run", corpus, "--store", store, "--workers", "1", *extra)
        assert result.exit_code == 0, result.output
    fingerprints = query(store, "SELECT DISTINCT settings_fingerprint FROM documents")
    runs = query(store, "SELECT new, changed, skipped FROM runs ORDER BY run_id")
    assert runs == [(3, 0, 0), (0, 3, 0), (0, 0, 3)]
    assert len(fingerprints) == 1


def test_a_scan_read_without_its_ocr_language_is_partial_and_read_again(
    tmp_path: Path, kpi: Callable[..., Result]
) -> None:
    folder = tmp_path / "scans"
    folder.mkdir()
    shutil.copy(FIXTURES / "akiruno-r7-shokogyo-scan.pdf", folder)
    settings = tmp_path / "settings.toml"
    settings.write_text('[layout.ocr]\nlanguage = "xqz"\n', encoding="utf-8")
    store = tmp_path / "kpi.duckdb"
    for _ in range(2):
        result = kpi("run", folder, "--store", store, "--workers", "1", "--settings", settings)
        assert result.exit_code == 1, result.output
    assert query(store, "SELECT outcome FROM documents") == [("partial",)]
    codes = query(store, "SELECT DISTINCT severity, code FROM errors WHERE severity = 'error'")
    assert codes == [("error", "ocr-unavailable")]
    assert query(store, "SELECT skipped FROM runs ORDER BY run_id") == [(0,), (0,)]
