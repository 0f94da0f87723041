"""Start-up, CPU a text page against pymupdf's floor, and peak memory of `extract_document`.

The text documents (the fixtures and corpus PDFs with no `scan` or `ocr` in
their name) are copied page after page into long PDFs, cycling until a PDF
holds the pages asked for. Every figure is measured in a subprocess of its
own, in one run, so that they can be read beside each other:

- start-up: CPU and wall seconds of `kpi --help` and of `kpi extract` of a
  one-page PDF, each the median of three runs (CPU from RUSAGE_CHILDREN);
- CPU ms a page of `extract_document` over the long PDF, after one unmeasured
  one-page document and camelot's import, against the floor: pymupdf's `get_text("words")` and
  `get_drawings()` on the same pages;
- the same pages as the documents they came from, each read once, so that
  no page repeats an earlier one (the long PDF repeats every page, which
  flatters anything that remembers what it has seen);
- peak resident set (RUSAGE_SELF's ru_maxrss) of extracting a short and a
  long PDF, imports included.

    python scripts/bench_extract.py                  # 500 pages, 20 for the short PDF
    python scripts/bench_extract.py --pages 300 --short 20
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "tests" / "fixtures" / "pdfs", ROOT / "tests" / "corpus" / "pdf")
ONE_PAGE = ROOT / "tests" / "fixtures" / "pdfs" / "kodaira-r2-kofukin.pdf"
RUNS = 3


def text_documents() -> list[Path]:
    """The PDFs with a typed text layer on every page: none of the scans or OCR layers."""
    pdfs = sorted(path for folder in SOURCES for path in folder.glob("*.pdf"))
    return [pdf for pdf in pdfs if "scan" not in pdf.stem and "ocr" not in pdf.stem]


def long_pdf(pages: int, out: Path) -> Path:
    """A PDF of `pages` pages: the text documents' pages, in turn, as often as it takes."""
    import pymupdf

    sources = [pymupdf.open(pdf) for pdf in text_documents()]
    with pymupdf.open() as doc:
        while doc.page_count < pages:
            for source in sources:
                doc.insert_pdf(source)
        doc.select(list(range(pages)))
        doc.save(out, garbage=1)
    return out


def child(args: Sequence[str]) -> dict[str, Any]:
    """One measurement (`--measure extract|floor PDF...`) in a fresh interpreter; its answer."""
    command = [sys.executable, __file__, "--measure", *args]
    done = subprocess.run(command, env=_env(), capture_output=True, text=True, check=True)
    answer: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return answer


def _env() -> dict[str, str]:
    """The environment with this checkout first on the path, whatever is installed."""
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }


def startup(arguments: Sequence[str]) -> tuple[float, float]:
    """Median CPU and wall seconds of `kpi ARGUMENTS` as a process of its own."""
    cpu, wall = [], []
    for _ in range(RUNS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        command = [sys.executable, "-m", "pipeline.cli", *arguments]
        subprocess.run(command, env=_env(), capture_output=True, check=True)
        wall.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(cpu), statistics.median(wall)


def measure(what: str, pdfs: Sequence[Path]) -> dict[str, Any]:
    """CPU seconds and pages of reading `pdfs` one way, and this process's peak RSS in MB."""
    import pymupdf

    from pipeline.understand.extract import extract_document

    if what == "extract":
        # Start-up is measured above: the first document (vocabulary, tagger) and the
        # stages imported when first needed (camelot) are paid before the clock starts.
        import camelot.io  # noqa: F401

        extract_document(ONE_PAGE)
    start, pages = time.process_time(), 0
    for pdf in pdfs:
        if what == "extract":
            pages += extract_document(pdf).pages
            continue
        with pymupdf.open(pdf) as doc:
            for page in doc:
                page.get_text("words")
                page.get_drawings()
                pages += 1
    cpu = time.process_time() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"cpu": cpu, "pages": pages, "peak_mb": peak}


def per_page(result: dict[str, Any]) -> float:
    return 1000 * float(result["cpu"]) / int(result["pages"])


def report(pages: int, short: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        help_cpu, help_wall = startup(["--help"])
        one_cpu, one_wall = startup(["extract", str(ONE_PAGE), "--out", str(out / "one")])
        big = long_pdf(pages, out / "long.pdf")
        small = long_pdf(short, out / "short.pdf")
        extracted = child(["extract", str(big)])
        floor = child(["floor", str(big)])
        documents = child(["extract", *map(str, text_documents())])
        separate_floor = child(["floor", *map(str, text_documents())])
        short_run = child(["extract", str(small)])
    ratio = per_page(extracted) / per_page(floor)
    separate_ratio = per_page(documents) / per_page(separate_floor)
    print(f"{'start-up':<34}{'CPU s':>10}{'wall s':>10}")
    print(f"{'  kpi --help':<34}{help_cpu:>10.2f}{help_wall:>10.2f}")
    print(f"{'  kpi extract, one page':<34}{one_cpu:>10.2f}{one_wall:>10.2f}")
    print(f"{'text pages':<34}{'pages':>10}{'ms/page':>10}{'floor ms':>10}{'ratio':>8}")
    rows = [
        (f"  one PDF of {pages} pages", extracted, floor, ratio),
        ("  each document once", documents, separate_floor, separate_ratio),
    ]
    for name, result, base, times in rows:
        figures = f"{result['pages']:>10}{per_page(result):>10.1f}{per_page(base):>10.1f}"
        print(f"{name:<34}{figures}{times:>7.1f}×")
    print(f"{'peak RSS':<34}{'pages':>10}{'MB':>10}")
    for result in (short_run, extracted):
        print(f"{'':<34}{result['pages']:>10}{result['peak_mb']:>10.0f}")
    growth = extracted["peak_mb"] - short_run["peak_mb"]
    print(f"{'  difference':<34}{'':>10}{growth:>10.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pages", type=int, default=500, help="pages of the long PDF (300 or more)"
    )
    parser.add_argument("--short", type=int, default=20, help="pages of the short PDF")
    parser.add_argument("--measure", choices=["extract", "floor"], help=argparse.SUPPRESS)
    parser.add_argument("pdfs", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.pdfs)))
        return
    if args.pages < 300:
        parser.error("--pages must be 300 or more: fewer pages time too little to trust")
    report(args.pages, args.short)


if __name__ == "__main__":
    main()
