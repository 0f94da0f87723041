"""`scripts/compare_output.py`, which tells whether a change altered what is read: a document
extracted twice compares identical, a changed fact does not, a changed fingerprint is ignored."""

import json
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"
sys.path.insert(0, str(SCRIPTS))
from compare_output import all_pdfs, differences, extract_all  # noqa: E402

DOC_ID = "kodaira-r2-kofukin"  # one text page: the cheapest document with facts


@pytest.fixture(scope="module")
def twice(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    (pdf,) = [path for path in all_pdfs() if path.stem == DOC_ID]
    before, after = tmp_path_factory.mktemp("before"), tmp_path_factory.mktemp("after")
    extract_all(before, [pdf])
    extract_all(after, [pdf])
    return before, after


def _edit(path: Path, change: str) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    if change == "fingerprint":
        data["pipeline"]["fingerprint"] = "0" * 64
    else:
        data["records"][0]["facts"][0]["value"] = -1
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_the_same_document_read_twice_is_identical(twice: tuple[Path, Path]) -> None:
    assert differences(*twice) == []


def test_a_changed_fingerprint_is_not_a_difference(
    twice: tuple[Path, Path], tmp_path: Path
) -> None:
    before, after = twice
    copy = tmp_path / f"{DOC_ID}.json"
    copy.write_bytes((after / copy.name).read_bytes())
    _edit(copy, "fingerprint")
    assert differences(before, tmp_path) == []


def test_a_changed_fact_is_a_difference(twice: tuple[Path, Path], tmp_path: Path) -> None:
    before, after = twice
    copy = tmp_path / f"{DOC_ID}.json"
    copy.write_bytes((after / copy.name).read_bytes())
    _edit(copy, "fact")
    assert differences(before, tmp_path) == [f"{DOC_ID}.json: differs"]


def test_a_document_missing_on_one_side_is_a_difference(
    twice: tuple[Path, Path], tmp_path: Path
) -> None:
    before, _ = twice
    assert differences(before, tmp_path) == [f"{DOC_ID}.json: only in {before}"]
