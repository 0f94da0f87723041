"""The corpus scorecard: every real report of `tests/corpus` extracted and scored, each
document held to its floor in `tests/corpus/floors.csv`, so a change that breaks one report
fails here. Raise a floor when a change lifts a document; never lower one to pass."""

import sys
from pathlib import Path

import pytest

from pipeline.score.compare import Scorecard

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"
sys.path.insert(0, str(SCRIPTS))
from score_corpus import CORPUS, corpus_scorecard, extract_corpus, read_floors  # noqa: E402

FLOORS = read_floors(CORPUS / "floors.csv")


@pytest.fixture(scope="module")
def scorecard(tmp_path_factory: pytest.TempPathFactory) -> Scorecard:
    out = tmp_path_factory.mktemp("corpus")
    extract_corpus(CORPUS, out)
    return corpus_scorecard(CORPUS, out)


@pytest.mark.parametrize("doc_id", sorted(FLOORS))
def test_document_keeps_its_floor(scorecard: Scorecard, doc_id: str) -> None:
    (document,) = [doc for doc in scorecard.documents if doc.doc_id == doc_id]
    f1 = document.statistics.facts.figures().f1
    misses = "\n".join(f"{m.side} p{m.page} {m.indicator}: {m.fact}" for m in document.misses)
    assert f1 >= FLOORS[doc_id], f"{doc_id}: fact F1 {f1:.3f} < {FLOORS[doc_id]}\n{misses}"


def test_every_gold_file_has_its_pdf() -> None:
    gold = {path.stem for path in (CORPUS / "gold").glob("*.json")}
    pdfs = {path.stem for path in (CORPUS / "pdf").glob("*.pdf")}
    assert gold <= pdfs, sorted(gold - pdfs)
