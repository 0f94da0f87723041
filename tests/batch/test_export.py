"""`kpi export`: every table in each format; no input name chooses where anything goes."""

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from batch_store import FIXTURES, query
from click.testing import Result

TABLES = ("documents", "records", "facts", "errors", "runs")
READERS = {"parquet": "read_parquet", "jsonl": "read_json_auto", "csv": "read_csv_auto"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, kpi: Callable[..., Result]) -> Path:
    corpus = tmp_path_factory.mktemp("corpus")
    shutil.copy(FIXTURES / "tsukuba-r2-kpi.pdf", corpus)
    store = corpus.parent / "export.duckdb"
    assert kpi("run", corpus, "--store", store, "--workers", "1").exit_code == 0
    return store


@pytest.mark.parametrize("export_format", READERS)
def test_every_table_is_written_whole(
    store: Path, tmp_path: Path, kpi: Callable[..., Result], export_format: str
) -> None:
    result = kpi("export", "--store", store, "--format", export_format, "--out", tmp_path / "x")
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in (tmp_path / "x").iterdir()) == sorted(
        f"{table}.{export_format}" for table in TABLES
    )
    reader = READERS[export_format]
    with duckdb.connect() as db:
        for table in TABLES:
            target = str(tmp_path / "x" / f"{table}.{export_format}")
            exported = db.execute(f"SELECT count(*) FROM {reader}(?)", [target]).fetchone()
            assert exported == query(store, f"SELECT count(*) FROM {table}")[0], table


def test_jsonl_documents_carry_their_record_file_as_json(
    store: Path, tmp_path: Path, kpi: Callable[..., Result]
) -> None:
    kpi("export", "--store", store, "--format", "jsonl", "--out", tmp_path)
    line = (tmp_path / "documents.jsonl").read_text(encoding="utf-8").splitlines()[0]
    record_file = json.loads(line)["record_file"]
    assert record_file["format"] == "kpi-record/1"
    assert record_file["document"]["doc_id"] == "tsukuba-r2-kpi"


def test_exporting_a_store_that_does_not_exist_is_a_usage_error(
    tmp_path: Path, kpi: Callable[..., Result]
) -> None:
    result = kpi(
        "export", "--store", tmp_path / "none.duckdb", "--format", "csv", "--out", tmp_path
    )
    assert result.exit_code == 2
    assert "no such store" in result.output


def files_under(folder: Path) -> set[str]:
    return {str(path.relative_to(folder)) for path in folder.rglob("*")}


HOSTILE_NAMES = (
    "..",
    "..\\..\\evil",
    "x'); DROP TABLE documents; --",
    "-rf",
    "documents",
    "$(touch pwned)",
)


def test_no_input_name_makes_the_tool_write_elsewhere(
    tmp_path: Path, kpi: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    nested = corpus / ".." / "deeper"
    nested.mkdir(parents=True)
    for name in HOSTILE_NAMES:
        shutil.copy(FIXTURES / "kodaira-r2-kofukin.pdf", nested / f"{name}.pdf")
    os.symlink(FIXTURES / "tsukuba-r2-kpi.pdf", nested / "link.pdf")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    before = files_under(tmp_path)
    store, out = tmp_path / "store" / "s.duckdb", tmp_path / "exported"
    assert kpi("run", nested, "--store", store, "--workers", "1").exit_code == 0
    assert kpi("export", "--store", store, "--format", "csv", "--out", out).exit_code == 0
    written = files_under(tmp_path) - before
    assert written <= {"store", "store/s.duckdb", "store/s.last-run.json", "store/s.duckdb.wal"} | {
        "exported",
        *(f"exported/{table}.csv" for table in TABLES),
    }
    assert query(store, "SELECT count(*) FROM documents") == [(len(HOSTILE_NAMES) + 1,)]


def test_a_parquet_export_reads_back_with_pandas(
    store: Path, tmp_path: Path, kpi: Callable[..., Result]
) -> None:
    import pandas

    kpi("export", "--store", store, "--format", "parquet", "--out", tmp_path)
    facts = pandas.read_parquet(tmp_path / "facts.parquet")
    assert len(facts) == query(store, "SELECT count(*) FROM facts")[0][0]
    assert {"kind", "fy", "value"} <= set(facts.columns)


def test_a_link_planted_at_a_table_name_is_replaced_not_written_through(
    store: Path, tmp_path: Path, kpi: Callable[..., Result]
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    out = tmp_path / "x"
    out.mkdir()
    (out / "runs.csv").symlink_to(victim)
    result = kpi("export", "--store", store, "--format", "csv", "--out", out)
    assert result.exit_code == 0, result.output
    assert victim.read_text(encoding="utf-8") == "keep me\n"
    assert not (out / "runs.csv").is_symlink()
    assert sorted(path.name for path in out.iterdir()) == [
        f"{table}.csv" for table in sorted(TABLES)
    ]
