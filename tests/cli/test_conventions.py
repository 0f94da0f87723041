"""The conventions every `kpi` command keeps: page lists, OCR choices, `-o`, quiet and JSON
logs for a scheduled job, and an example in each command's help."""

import json
import shutil
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner, Result

from pipeline.cli.main import COMMANDS, main
from pipeline.understand import ExtractSettings

ROOT = Path(__file__).resolve().parents[2]
PDFS = ROOT / "tests" / "fixtures" / "pdfs"
CASES = ROOT / "tests" / "score" / "cases"
TWO_PAGES = PDFS / "tsukuba-r2-kpi.pdf"
ONE_PAGE = PDFS / "kodaira-r2-kofukin.pdf"
SCAN = PDFS / "akiruno-r7-shokogyo-scan.pdf"


def kpi(*arguments: str | Path) -> Result:
    return CliRunner().invoke(main, [str(argument) for argument in arguments])


@pytest.mark.parametrize(
    ("given", "pages"),
    [("1", "[1]"), ("1,3-5", "[1, 3, 4, 5]"), (" 4 , 2-2", "[2, 4]"), ("3,1-3", "[1, 2, 3]")],
)
def test_a_page_list_names_pages_and_ranges(given: str, pages: str) -> None:
    result = kpi("settings", "--pages", given)
    assert result.exit_code == 0, result.output
    assert f"pages = {pages}\n" in result.stdout


@pytest.mark.parametrize("given", ["0", "5-3", "two", "", "1,,2", "-2", "1-"])
def test_a_page_list_that_names_no_page_is_a_usage_error(given: str) -> None:
    result = kpi("settings", "--pages", given)
    assert result.exit_code == 2
    assert "--pages" in result.stderr


def test_ocr_choices_are_settings_with_their_fingerprint() -> None:
    result = kpi("settings", "--ocr", "off", "--ocr-lang", "jpn+eng")
    assert result.exit_code == 0, result.output
    assert 'mode = "off"\n' in result.stdout and 'language = "jpn+eng"\n' in result.stdout
    assert ExtractSettings().fingerprint() not in result.stdout


@pytest.mark.parametrize(
    "arguments", [["--ocr", "sometimes"], ["--ocr-lang", "jpn;rm"]], ids=["mode", "language"]
)
def test_an_ocr_choice_out_of_range_is_a_usage_error(arguments: list[str]) -> None:
    result = kpi("settings", *arguments)
    assert result.exit_code == 2
    assert arguments[0] in result.stderr


def test_extract_reads_only_the_pages_asked_for(tmp_path: Path) -> None:
    result = kpi("extract", TWO_PAGES, "--pages", "2", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    record_file = json.loads((tmp_path / "tsukuba-r2-kpi.json").read_text(encoding="utf-8"))
    assert record_file["records"]
    assert {record["page"] for record in record_file["records"]} == {2}
    assert {table["page"] for table in record_file["tables"]} == {2}


def test_extract_reads_every_pdf_under_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "archive" / "2020"
    folder.mkdir(parents=True)
    shutil.copy(ONE_PAGE, folder)
    (folder / "notes.txt").write_text("not a document", encoding="utf-8")
    (tmp_path / "archive" / "broken.pdf").write_text("not a PDF", encoding="utf-8")
    result = kpi("extract", tmp_path / "archive", "--out", tmp_path / "out")
    assert result.exit_code == 1  # broken.pdf failed
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == [
        "broken.error.json",
        "kodaira-r2-kofukin.json",
    ]


def test_extract_with_ocr_off_leaves_a_scan_unread_and_warns(tmp_path: Path) -> None:
    result = kpi("extract", SCAN, "--ocr", "off", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert "OCR is off" in result.stderr
    record_file = json.loads((tmp_path / f"{SCAN.stem}.json").read_text(encoding="utf-8"))
    assert "ocr-off" in {warning["code"] for warning in record_file["warnings"]}


def test_inspect_draws_each_page_of_a_page_list(tmp_path: Path) -> None:
    result = kpi("inspect", TWO_PAGES, "--pages", "1-2", "-o", tmp_path / "sheet.png")
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in tmp_path.iterdir()) == ["sheet-p1.png", "sheet-p2.png"]


def test_run_reads_only_the_pages_asked_for(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(TWO_PAGES, corpus)
    store = tmp_path / "kpi.duckdb"
    result = kpi("run", corpus, "--store", store, "--workers", "1", "--pages", "2", "--quiet")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    with duckdb.connect(str(store), read_only=True) as db:
        pages = {page for (page,) in db.execute("SELECT DISTINCT page FROM records").fetchall()}
    assert pages == {2}


@pytest.mark.parametrize("name", ["extract", "inspect", "report", "export"])
def test_out_has_its_short_form(name: str) -> None:
    result = kpi(name, "--help")
    assert "-o, --out" in result.stdout


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_s_help_gives_an_example(name: str) -> None:
    result = kpi(name, "--help")
    assert result.exit_code == 0, result.output
    example = result.stdout.split("Example:", 1)
    assert len(example) == 2 and f"kpi {name}" in example[1]


def test_quiet_prints_warnings_and_no_results() -> None:
    result = kpi("score", "--gold", CASES / "twins/gold", "--pred", CASES / "twins/pred", "-q")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "warning: town-x-scan" in result.stderr


def test_json_logs_are_one_object_a_line_with_a_level() -> None:
    gold, pred = CASES / "twins/gold", CASES / "twins/pred"
    result = kpi("score", "--gold", gold, "--pred", pred, "--log-format", "json")
    assert result.exit_code == 0, result.output
    logged = [json.loads(line) for line in result.stderr.splitlines()]
    assert logged and all(line["command"] == "score" for line in logged)
    twin = next(line for line in logged if "town-x-scan" in line["message"])
    assert twin["level"] == "warning" and not twin["message"].startswith("warning:")
    printed = [json.loads(line) for line in result.stdout.splitlines()]
    assert {line["level"] for line in printed} == {"info"}
