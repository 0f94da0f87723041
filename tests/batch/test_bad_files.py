"""A folder with bad files: each gets one clear error or warning row, every good file is read.

The bad files are made here: a PDF cut in half, an encrypted PDF, a zero-byte file,
a text file named `.pdf`, a link to nothing, and a PDF of 300 blank pages.
"""

import json
import os
from collections.abc import Callable
from pathlib import Path

import pymupdf
import pytest
from batch_store import FIXTURES, SMALL, query
from click.testing import Result


def write_bad_files(folder: Path) -> None:
    whole = (FIXTURES / "tsukuba-r2-kpi.pdf").read_bytes()
    (folder / "truncated.pdf").write_bytes(whole[: len(whole) // 2])
    with pymupdf.open(FIXTURES / "kodaira-r2-kofukin.pdf") as doc:
        doc.save(
            folder / "encrypted.pdf",
            encryption=pymupdf.PDF_ENCRYPT_AES_256,
            user_pw="secret",
            owner_pw="owner",
        )
    (folder / "zero.pdf").write_bytes(b"")
    (folder / "minutes.pdf").write_text("令和3年度 議事録\n", encoding="utf-8")
    (folder / "dangling.pdf").symlink_to(folder / "nowhere.pdf")
    with pymupdf.open() as doc:
        for _ in range(300):
            doc.new_page()
        doc.save(folder / "blank-300.pdf")


@pytest.fixture(scope="module")
def bad_run(
    tmp_path_factory: pytest.TempPathFactory, kpi: Callable[..., Result]
) -> tuple[Path, Path, Result]:
    folder = tmp_path_factory.mktemp("mixed")
    for name in SMALL:
        (folder / name).write_bytes((FIXTURES / name).read_bytes())
    write_bad_files(folder)
    store = folder.parent / f"{folder.name}.duckdb"
    return folder, store, kpi("run", folder, "--store", store)


def test_the_run_finishes_and_exits_1(bad_run: tuple[Path, Path, Result]) -> None:
    _, store, result = bad_run
    assert result.exit_code == 1, result.output
    summary = json.loads(store.with_name(store.stem + ".last-run.json").read_text("utf-8"))
    assert (summary["new"], summary["failed"], summary["documents"]) == (4, 5, 9)


@pytest.mark.parametrize(
    ("name", "severity", "code"),
    [
        ("truncated", "error", "truncated"),
        ("encrypted", "error", "encrypted"),
        ("zero", "error", "empty"),
        ("minutes", "error", "not-pdf"),
        ("dangling", "error", "unreadable"),
        ("blank-300", "warning", "no-records"),
    ],
)
def test_each_bad_file_has_one_clear_row(
    bad_run: tuple[Path, Path, Result], name: str, severity: str, code: str
) -> None:
    folder, store, _ = bad_run
    rows = query(
        store, "SELECT severity, code FROM errors WHERE doc_key = ?", str(folder / f"{name}.pdf")
    )
    assert rows == [(severity, code)]


def test_the_blank_document_is_read_to_its_last_page(bad_run: tuple[Path, Path, Result]) -> None:
    folder, store, _ = bad_run
    sql = "SELECT outcome, pages, records FROM documents WHERE doc_key = ?"
    assert query(store, sql, str(folder / "blank-300.pdf")) == [("extracted", 300, 0)]


@pytest.mark.parametrize("name", SMALL)
def test_every_good_file_is_extracted(bad_run: tuple[Path, Path, Result], name: str) -> None:
    folder, store, _ = bad_run
    sql = "SELECT outcome, records > 0 FROM documents WHERE doc_key = ?"
    assert query(store, sql, str(folder / name)) == [("extracted", True)]


def test_the_summary_names_each_failure(bad_run: tuple[Path, Path, Result]) -> None:
    folder, _, result = bad_run
    assert f"{folder / 'encrypted.pdf'}  encrypted" in result.output
    assert "failed 5" in result.output


def test_a_fifo_named_like_a_pdf_is_an_error_row_not_a_hang(
    corpus: Path, tmp_path: Path, kpi: Callable[..., Result]
) -> None:
    os.mkfifo(corpus / "pipe.pdf")
    store = tmp_path / "kpi.duckdb"
    result = kpi("run", corpus, "--store", store, "--workers", "1")
    assert result.exit_code == 1, result.output
    rows = query(store, "SELECT doc_id, code FROM errors WHERE severity = 'error'")
    assert rows == [("pipe", "unreadable")]
    extracted = query(store, "SELECT count(*) FROM documents WHERE outcome = 'extracted'")
    assert extracted == [(3,)]


def test_kpi_extract_refuses_a_fifo_and_goes_on(tmp_path: Path, kpi: Callable[..., Result]) -> None:
    os.mkfifo(tmp_path / "pipe.pdf")
    good = FIXTURES / "kodaira-r2-sangyo.pdf"
    result = kpi("extract", tmp_path / "pipe.pdf", good, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "not a regular file" in result.output
    assert (tmp_path / "out" / "kodaira-r2-sangyo.json").exists()
