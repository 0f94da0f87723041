"""Batch benchmark: a cold run over the example corpus repeated, then a warm rerun of it.

    python scripts/bench_batch.py --pages 500 --json bench-batch.json

Copies of the eight fixture PDFs (27 pages: 18 typed, 9 scanned) are written to
a temporary folder, one folder a copy, until they hold at least `--pages` pages
(`--text-only` leaves the scans out). `kpi run` reads them into a fresh store,
as a nightly job would, and runs again with nothing changed, then once more over
the first copy alone. Printed: pages per second cold (the run's own figure: pages
over its wall time), the warm rerun's wall seconds (process start, listing, hashing
and the store look-up included), split into the fixed cost of a run (the command's
start, the store opened) and the cost per document, from the two warm runs of
different sizes; the rerun scaled to 10,000 pages from those two; and the peak
resident memory of a worker process (imports included). Speed goals are printed,
never asserted.
"""

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pymupdf

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "pdfs"
SCANNED = ("-scan", "-ocr")
WARM_GOAL_SECONDS = 20.0
WARM_GOAL_PAGES = 10_000
MEMORY_GOAL_MB = 600.0


def corpus_pages(text_only: bool) -> dict[Path, int]:
    paths = [
        p for p in sorted(FIXTURES.glob("*.pdf")) if not (text_only and p.stem.endswith(SCANNED))
    ]
    pages = {}
    for path in paths:
        with pymupdf.open(path) as doc:
            pages[path] = doc.page_count
    return pages


def warm_costs(
    seconds: float, documents: int, one_seconds: float, one_documents: int
) -> tuple[float, float]:
    """A warm run's fixed seconds and seconds per document, from two runs of different sizes."""
    per_document = max(seconds - one_seconds, 0.0) / max(documents - one_documents, 1)
    return max(one_seconds - per_document * one_documents, 0.0), per_document


def write_copies(folder: Path, pages: dict[Path, int], target: int) -> tuple[int, int]:
    """Whole copies of the corpus until `target` pages; (documents, pages) written."""
    documents = written = 0
    copy = 0
    while written < target:
        copy += 1
        into = folder / f"copy-{copy:04d}"
        into.mkdir()
        for path, count in pages.items():
            shutil.copy(path, into / path.name)
            documents += 1
            written += count
    return documents, written


def kpi_run(folder: Path, store: Path, workers: int) -> tuple[float, dict[str, Any]]:
    """Run `kpi run`; its wall seconds and its summary."""
    summary_path = store.with_suffix(".json")
    command = [
        sys.executable,
        "-c",
        "from pipeline.cli.main import main; main()",
        "run",
        str(folder),
    ]
    command += ["--store", str(store), "--workers", str(workers), "--no-progress"]
    command += ["--summary", str(summary_path)]
    started = time.perf_counter()
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    return seconds, json.loads(summary_path.read_text(encoding="utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--text-only", action="store_true")
    parser.add_argument("--json", type=Path, help="Also write the figures here.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kpi-bench-") as temporary:
        folder = Path(temporary) / "corpus"
        folder.mkdir()
        documents, pages = write_copies(folder, corpus_pages(args.text_only), args.pages)
        store = Path(temporary) / "bench.duckdb"
        cold_seconds, cold = kpi_run(folder, store, args.workers)
        warm_seconds, warm = kpi_run(folder, store, args.workers)
        one_seconds, _ = kpi_run(folder / "copy-0001", store, args.workers)
    one_documents = len(corpus_pages(args.text_only))
    fixed, per_document = warm_costs(warm_seconds, documents, one_seconds, one_documents)
    scaled = fixed + per_document * documents / pages * WARM_GOAL_PAGES
    figures = {
        "documents": documents,
        "pages": pages,
        "workers": args.workers,
        "cold_seconds": round(cold_seconds, 1),
        "cold_pages_per_second": cold["pages_per_second"],
        "cold_failed": cold["failed"],
        "warm_seconds": round(warm_seconds, 2),
        "warm_skipped": warm["skipped"],
        "warm_fixed_seconds": round(fixed, 2),
        "warm_ms_per_document": round(per_document * 1000, 1),
        "warm_seconds_per_10000_pages": round(scaled, 1),
        "peak_worker_mb": cold["peak_worker_mb"],
    }
    print(f"corpus: {documents} documents, {pages} pages; {args.workers} workers")
    print(
        f"cold run:   {cold_seconds:.1f} s, {cold['pages_per_second']:.2f} pages/s"
        f" ({cold['failed']} failed)"
    )
    print(f"warm rerun: {warm_seconds:.2f} s, {warm['skipped']} of {documents} documents skipped")
    print(
        f"  of which fixed {fixed:.2f} s a run, {per_document * 1000:.1f} ms a document"
        f" (the first copy alone, {one_documents} documents: {one_seconds:.2f} s)"
    )
    print(
        f"warm rerun scaled to {WARM_GOAL_PAGES:,} pages: "
        f"{figures['warm_seconds_per_10000_pages']:.1f} s (goal under {WARM_GOAL_SECONDS:.0f} s)"
    )
    peak = cold["peak_worker_mb"]
    print(f"peak memory per worker: {peak:.0f} MB (goal under {MEMORY_GOAL_MB:.0f} MB)")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
