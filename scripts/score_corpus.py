"""Extract every PDF of the corpus and score it against the corpus's gold: the scorecard.

    python3 scripts/score_corpus.py                      # tests/corpus, a table per document
    python3 scripts/score_corpus.py --json score.json    # also the scorer's JSON report
    python3 scripts/score_corpus.py --check              # exit 1 if a document is under its floor

Floors are in `tests/corpus/floors.csv` (doc_id, the fact F1 it must keep); the
test suite runs the same check, so a change that breaks one report fails CI.
"""

import argparse
import csv
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from pipeline.score.compare import DocumentScore, Scorecard, ScoreSettings, score_set
from pipeline.score.inputs import load_inputs
from pipeline.score.scorecard import dump_scorecard
from pipeline.understand.extract import ExtractSettings, extract_to

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"


def _extract(pdf: Path, out: Path) -> None:
    extract_to(pdf, out, ExtractSettings())


def extract_corpus(corpus: Path, out: Path, workers: int = 2) -> None:
    """One record file (or error file) in `out` per PDF of `corpus/pdf`."""
    out.mkdir(parents=True, exist_ok=True)
    pdfs = sorted((corpus / "pdf").glob("*.pdf"))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(_extract, pdfs, [out] * len(pdfs)))


def corpus_scorecard(corpus: Path, out: Path) -> Scorecard:
    inputs = load_inputs(corpus / "gold", out)
    return score_set(inputs.gold, inputs.pred, inputs.twins, ScoreSettings())


def read_floors(path: Path) -> dict[str, float]:
    with path.open(encoding="utf-8") as file:
        return {row["doc_id"]: float(row["fact_f1_floor"]) for row in csv.DictReader(file)}


def _row(doc: DocumentScore) -> str:
    s = doc.statistics
    f = s.facts.figures()
    r = s.records
    facts = s.facts
    return (
        f"{doc.doc_id:<28} {r.gold:>4}/{r.pred:<4}{r.matched:>4}  {facts.gold:>4}/{facts.pred:<4}"
        f"{facts.matched:>4}  {f.precision:6.3f} {f.recall:6.3f} {f.f1:6.3f}"
        f"  {s.program_accuracy:6.3f} {s.unit_accuracy:6.3f}"
    )


def table(scorecard: Scorecard) -> str:
    """Per document: records and facts (gold/pred matched), fact P/R/F1, program and unit."""
    head = (
        f"{'doc_id':<28} {'records':>13}  {'facts':>13}  {'P':>6} {'R':>6} {'F1':>6}"
        f"  {'prog':>6} {'unit':>6}"
    )
    docs = [doc for doc in scorecard.documents if doc.status != "no_gold"]
    lines = [head, *(_row(doc) for doc in docs)]
    macro = sum(doc.statistics.facts.figures().f1 for doc in docs) / len(docs) if docs else 0.0
    totals = scorecard.totals
    lines.append(
        f"macro fact F1 {macro:.3f} over {len(docs)} documents; micro fact F1 "
        f"{totals.facts.figures().f1:.3f}; municipality {totals.municipality_accuracy:.3f}, "
        f"title {totals.title_accuracy:.3f}"
    )
    return "\n".join(lines) + "\n"


def under_floor(scorecard: Scorecard, floors: dict[str, float]) -> list[str]:
    scores = {doc.doc_id: doc.statistics.facts.figures().f1 for doc in scorecard.documents}
    return [
        f"{doc_id}: fact F1 {scores.get(doc_id, 0.0):.3f} under its floor {floor:.3f}"
        for doc_id, floor in floors.items()
        if scores.get(doc_id, 0.0) < floor
    ]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, help="keep the record files here (default: a temp dir)")
    parser.add_argument("--json", type=Path, help="also write the scorer's JSON report here")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if a document is under its floor"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kpi-corpus-") as temp:
        out = args.out or Path(temp)
        extract_corpus(args.corpus, out, args.workers)
        scorecard = corpus_scorecard(args.corpus, out)
    sys.stdout.write(table(scorecard))
    if args.json:
        args.json.write_text(dump_scorecard(scorecard), encoding="utf-8")
    if args.check:
        failures = under_floor(scorecard, read_floors(args.corpus / "floors.csv"))
        for line in failures:
            print(line, file=sys.stderr)
        return 1 if failures else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
