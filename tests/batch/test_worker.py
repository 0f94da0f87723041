"""The per-document function: whatever extraction does, one outcome comes back."""

from pathlib import Path

import pymupdf
import pytest
from batch_store import FIXTURES

from pipeline.batch.worker import process_document
from pipeline.understand import extract
from pipeline.understand.extract import ExtractSettings


def test_a_good_document_gives_its_record_file() -> None:
    outcome = process_document(str(FIXTURES / "kodaira-r2-kofukin.pdf"), ExtractSettings())
    assert not outcome.failed
    assert outcome.record_json is not None
    assert '"doc_id": "kodaira-r2-kofukin"' in outcome.record_json
    assert outcome.pages == 1
    assert outcome.peak_mb is not None and outcome.peak_mb > 0


def test_a_file_that_is_not_a_pdf_fails_with_ingests_code(tmp_path: Path) -> None:
    fake = tmp_path / "minutes.pdf"
    fake.write_text("議事録\n", encoding="utf-8")
    outcome = process_document(str(fake), ExtractSettings())
    assert outcome.failed
    assert [(i.severity, i.code, i.stage) for i in outcome.issues] == [
        ("error", "not-pdf", "ingest")
    ]


def test_an_exception_inside_extraction_becomes_an_error_with_its_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(path: Path, settings: ExtractSettings) -> None:
        raise KeyError("header")

    monkeypatch.setattr(extract, "extract_document", broken)
    outcome = process_document(str(FIXTURES / "kodaira-r2-kofukin.pdf"), ExtractSettings())
    (issue,) = outcome.issues
    assert (issue.code, issue.stage, issue.message) == (
        "extraction-failed",
        "extract",
        "KeyError: 'header'",
    )
    assert issue.detail is not None and "in broken" in issue.detail


def test_pages_with_no_record_give_a_warning(tmp_path: Path) -> None:
    blank = tmp_path / "blank.pdf"
    with pymupdf.open() as doc:
        for _ in range(3):
            doc.new_page()
        doc.save(blank)
    outcome = process_document(str(blank), ExtractSettings())
    assert not outcome.failed
    assert [(i.severity, i.code) for i in outcome.issues] == [("warning", "no-records")]
    assert "3 pages" in outcome.issues[0].message


def test_extraction_issues_reach_the_outcome_with_their_page() -> None:
    outcome = process_document(str(FIXTURES / "tsukuba-r2-kpi.pdf"), ExtractSettings())
    issues = [(i.severity, i.code, i.stage, i.page) for i in outcome.issues]
    assert ("warning", "unmapped-headers", "understand", 1) in issues
