"""`kpi extract`: one file per PDF written whole, an error file for a document that fails."""

import json
import os
import resource
import signal
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli.main import main

ROOT = Path(__file__).resolve().parent.parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "pdfs" / "kodaira-r2-kofukin.pdf"


def test_a_bad_file_gets_an_error_file_and_the_others_go_on(tmp_path: Path) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_text("this is not a PDF", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["extract", str(bad), str(FIXTURE), "--out", str(out)])
    assert result.exit_code == 1
    error = json.loads((out / "broken.error.json").read_text(encoding="utf-8"))
    assert error["error"] == "not-pdf" and error["source"] == "broken.pdf"
    assert not (out / "broken.json").exists()
    record_file = json.loads((out / "kodaira-r2-kofukin.json").read_text(encoding="utf-8"))
    assert record_file["format"] == "kpi-record/1"
    assert record_file["document"]["doc_id"] == "kodaira-r2-kofukin"
    assert record_file["records"]
    assert sorted(path.name for path in out.iterdir()) == [
        "broken.error.json",
        "kodaira-r2-kofukin.json",
    ]  # no temporary file left behind


def test_a_document_that_now_fails_leaves_no_stale_result(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(FIXTURE.read_bytes())
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["extract", str(pdf), "--out", str(out)]).exit_code == 0
    assert (out / "report.json").exists()
    pdf.write_bytes(FIXTURE.read_bytes()[:2000])
    assert CliRunner().invoke(main, ["extract", str(pdf), "--out", str(out)]).exit_code == 1
    assert not (out / "report.json").exists()
    assert json.loads((out / "report.error.json").read_text(encoding="utf-8"))["error"]
    pdf.write_bytes(FIXTURE.read_bytes())
    assert CliRunner().invoke(main, ["extract", str(pdf), "--out", str(out)]).exit_code == 0
    assert not (out / "report.error.json").exists()


def test_every_table_s_quality_report_is_in_the_record_file(tmp_path: Path) -> None:
    pdf = Path(__file__).resolve().parents[1] / "fixtures" / "pdfs" / "tsukuba-r2-kpi.pdf"
    result = CliRunner().invoke(main, ["extract", str(pdf), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    tables = json.loads((tmp_path / "tsukuba-r2-kpi.json").read_text(encoding="utf-8"))["tables"]
    assert tables
    for table in tables:
        quality = table["quality"]
        assert 0.0 <= quality["whitespace"] <= 1.0 and 0.0 <= quality["accuracy"] <= 1.0
        expected = quality["accuracy"] * (1 - 0.5 * quality["whitespace"])
        assert abs(quality["score"] - expected) < 0.002
    assert sum(table["records"] for table in tables) == 13


def test_record_files_take_the_umask_s_mode(tmp_path: Path) -> None:
    pdf = Path(__file__).resolve().parents[1] / "fixtures" / "pdfs" / "kodaira-r2-sangyo.pdf"
    previous = os.umask(0o022)
    try:
        result = CliRunner().invoke(main, ["extract", str(pdf), "--out", str(tmp_path)])
    finally:
        os.umask(previous)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE((tmp_path / "kodaira-r2-sangyo.json").stat().st_mode) == 0o644


def test_a_stem_of_250_bytes_is_extracted_under_its_own_name(tmp_path: Path) -> None:
    pdf = tmp_path / f"{'k' * 250}.pdf"  # with .json, the longest name a file system takes
    pdf.write_bytes(FIXTURE.read_bytes())
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["extract", str(pdf), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert [path.name for path in out.iterdir()] == [f"{pdf.stem}.json"]


def test_a_result_whose_name_is_too_long_fails_that_document_alone(tmp_path: Path) -> None:
    long = tmp_path / f"{'x' * 251}.pdf"  # its error file's name would be 262 bytes
    long.write_text("this is not a PDF", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["extract", str(long), str(FIXTURE), "--out", str(out)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "File name too long" in result.stderr
    assert "1 extracted, 1 failed" in result.stderr
    assert [path.name for path in out.iterdir()] == ["kodaira-r2-kofukin.json"]


@pytest.fixture
def small_files() -> Iterator[None]:
    """Files may grow to 4 KiB only, as on a disk nearly full: a longer write fails (EFBIG)."""
    limits = resource.getrlimit(resource.RLIMIT_FSIZE)
    handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write, not the process
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, limits[1]))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, limits)
        signal.signal(signal.SIGXFSZ, handler)


def test_a_write_that_fails_leaves_no_temporary_file_and_the_others_go_on(
    tmp_path: Path, small_files: None
) -> None:
    bad = tmp_path / "zz-broken.pdf"
    bad.write_text("this is not a PDF", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["extract", str(FIXTURE), str(bad), "--out", str(out)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "File too large" in result.stderr
    assert sorted(path.name for path in out.iterdir()) == [
        "kodaira-r2-kofukin.error.json",  # the record file (12 KB) could not be written
        "zz-broken.error.json",
    ]
    error = json.loads((out / "kodaira-r2-kofukin.error.json").read_text(encoding="utf-8"))
    assert error["error"] == "write-failed"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 16 KB tmpfs: room for an error file or two, not for a record file."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"no tmpfs can be mounted here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_full_disk_fails_each_document_alone_and_leaves_no_temporary_file(
    tmp_path: Path, small_disk: Path
) -> None:
    filler = small_disk / "filler"
    filler.write_bytes(b"\0" * 8 * 1024)  # what another program left on the disk
    second = tmp_path / "second.pdf"
    second.write_bytes(FIXTURE.read_bytes())
    result = CliRunner().invoke(
        main, ["extract", str(FIXTURE), str(second), "--out", str(small_disk)]
    )
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    left = sorted(path.name for path in small_disk.iterdir() if path != filler)
    assert not [name for name in left if not name.endswith((".error.json", ".json"))]
    assert "kodaira-r2-kofukin.json" not in left  # a record file is never left half written
    assert result.stderr.count("error:") == 2  # each document says why, the second too
