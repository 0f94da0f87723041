"""Gold files: valid kpi-record/1, consistent with the fixture PDFs, scored 1.0 by themselves."""

import csv
import json
import re
from collections import Counter
from pathlib import Path

import pymupdf
import pytest
from click.testing import CliRunner
from rapidfuzz import fuzz

from pipeline.cli.main import main
from pipeline.model.record import Fact, load_record_file
from pipeline.text.normalize import normalize_text

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "gold"
PDFS = ROOT / "tests" / "fixtures" / "pdfs"
GOLD_FILES = sorted(GOLD.glob("*.json"))
# An indicator is printed on its page when this much of it is found there; the
# rest is garbling, cell-border splits and two-line headers the gold repairs.
PRINTED_SIMILARITY = 50


def gold_records() -> list[tuple[str, int, str, int]]:
    rows = []
    for path in GOLD_FILES:
        data = json.loads(path.read_text(encoding="utf-8"))
        for index, record in enumerate(data["records"]):
            rows.append((path.stem, index, record["indicator"], record["page"]))
    return rows


def page_texts(doc_id: str) -> list[str]:
    with pymupdf.open(PDFS / f"{doc_id}.pdf") as doc:
        return [re.sub(r"\s+", "", normalize_text(page.get_text())) for page in doc]


def fact_key(fact: Fact) -> tuple[object, ...]:
    """What makes two facts of a record the same fact (contract rule 9: each fact once)."""
    value = fact.value if fact.value is not None else normalize_text(fact.text or "")
    return (fact.kind, fact.fy, fact.cumulative, value)


def printed_forms(value: float) -> list[str]:
    """How a repaired value reads on the page once spaces and thousands separators are gone."""
    if float(value).is_integer():
        return [str(int(value))]
    return [f"{value:.1f}", f"{value:.2f}"]


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_file_validates(path: Path) -> None:
    gold = load_record_file(path)
    assert gold.document.doc_id == path.stem
    assert gold.records


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_every_record_has_a_target(path: Path) -> None:
    """Contract rule 1: an indicator with no target or final target of its own is no record."""
    records = load_record_file(path).records
    untargeted = [
        record.indicator
        for record in records
        if not any(fact.kind in ("target", "final_target") for fact in record.facts)
    ]
    assert untargeted == []


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_no_fact_is_given_twice_in_a_record(path: Path) -> None:
    """Contract rule 9: an indicator printed twice is one record holding each fact once."""
    records = load_record_file(path).records
    repeated = [
        (record.indicator, key)
        for record in records
        for key, count in Counter(fact_key(fact) for fact in record.facts).items()
        if count > 1
    ]
    assert repeated == []


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_every_number_is_printed_on_its_page(path: Path) -> None:
    """A number the gold repairs (`134, 280` → 134280) still reads so once spaces go."""
    gold = load_record_file(path)
    pages = [text.replace(",", "") for text in page_texts(Path(gold.document.source).stem)]
    unprinted = [
        (record.page, record.indicator, fact.kind, fact.fy, fact.value)
        for record in gold.records
        for fact in record.facts
        if fact.value is not None
        and not any(form in pages[record.page - 1] for form in printed_forms(fact.value))
    ]
    assert unprinted == []


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_labels_a_fixture_pdf(path: Path) -> None:
    gold = load_record_file(path)
    pdf = PDFS / gold.document.source
    assert pdf.exists()
    with pymupdf.open(pdf) as doc:
        assert all(1 <= record.page <= doc.page_count for record in gold.records)


@pytest.mark.parametrize(("doc_id", "index", "indicator", "page"), gold_records())
def test_indicator_is_printed_on_its_page(
    doc_id: str, index: int, indicator: str, page: int
) -> None:
    """The gold page is where the indicator is found best, and it is found well there."""
    wanted = re.sub(r"\s+", "", normalize_text(indicator))
    found = [fuzz.partial_ratio(wanted, text) for text in page_texts(doc_id)]
    assert found[page - 1] == max(found)
    assert found[page - 1] >= PRINTED_SIMILARITY


def test_twins_name_fixture_pdfs_and_gold_files() -> None:
    with (GOLD / "twins.csv").open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert rows
    for row in rows:
        assert (PDFS / f"{row['doc_id']}.pdf").exists()
        assert (GOLD / f"{row['gold_doc_id']}.json").exists()


def test_gold_scores_one_against_itself(tmp_path: Path) -> None:
    report = tmp_path / "score.json"
    result = CliRunner().invoke(
        main, ["score", "--gold", str(GOLD), "--pred", str(GOLD), "--json", str(report)]
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(report.read_text(encoding="utf-8"))
    assert scores["fact_f1"] == 1.0
    assert scores["record_f1"] == 1.0
    assert len(scores["documents"]) == len(GOLD_FILES)
    with (GOLD / "twins.csv").open(encoding="utf-8") as file:
        twins = sorted(row["doc_id"] for row in csv.DictReader(file))
    assert scores["unpredicted_twins"] == twins
