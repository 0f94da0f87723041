"""Start-up, CPU a text page against pymupdf's floor, and peak memory of `extract_document`.

The text documents (the fixtures and corpus PDFs with no `scan` or `ocr` in
their name) are copied page after page into long PDFs, cycling until a PDF
holds the pages asked for: once with the copies sharing their fonts, as one
report's pages do, once with every copy embedding them again, as a document
merged from many files does. Every figure is measured in a subprocess of its
own, in one run, so that they can be read beside each other:

- start-up: CPU and wall seconds of `kpi --help` and of `kpi extract` of a
  one-page PDF, each the median of three runs (CPU from RUSAGE_CHILDREN);
- CPU ms a page of `extract_document` over each PDF, after one unmeasured
  one-page document and camelot's import, against the floor: pymupdf's
  `get_text("words")` and `get_drawings()` on the same pages;
- the same pages as the documents they came from, each read once, so that
  no page repeats an earlier one (the long PDF repeats every page, which
  flatters anything that remembers what it has seen);
- peak resident set (RUSAGE_SELF's ru_maxrss) of each extraction, imports
  included: a short PDF against the long ones, and against its own pages
  repeated to the long PDF's length, which holds no page or font the short one
  does not: what a page costs to hold, apart from what new fonts cost.

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


def long_pdf(pages: int, out: Path, shared: bool = True) -> Path:
    """A PDF of `pages` pages: the text documents' pages, in turn, as often as it takes.

    `shared`: the copies of a page share its fonts, as the pages of one report do;
    otherwise each copy embeds them again, as in a document merged from many files.
    """
    import pymupdf

    sources = [pymupdf.open(pdf) for pdf in text_documents()]
    with pymupdf.open() as doc:
        for source in sources:
            doc.insert_pdf(source)
        originals = doc.page_count
        while doc.page_count < pages:
            if shared:
                doc.fullcopy_page(doc.page_count % originals)
            else:
                for source in sources:
                    doc.insert_pdf(source)
        doc.select(list(range(pages)))
        doc.save(out, garbage=1)
    return out


def repeated_pdf(source: Path, pages: int, out: Path) -> Path:
    """A PDF of `pages` pages: the pages of `source` over and over, their fonts shared, so
    that it holds no page, and no font, that `source` does not."""
    import pymupdf

    with pymupdf.open(source) as original, pymupdf.open() as doc:
        doc.insert_pdf(original)
        while doc.page_count < pages:
            doc.fullcopy_page(doc.page_count % original.page_count)
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
    # pymupdf is opened through the pipeline, which keeps pymupdf's unused parts unloaded.
    from pipeline.ingest import open_pdf
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
        with open_pdf(pdf) as doc:
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
        short_pdf = long_pdf(short, out / "short.pdf")
        runs = {
            f"one PDF of {pages}, fonts shared": [long_pdf(pages, out / "long.pdf")],
            f"one PDF of {short}, fonts shared": [short_pdf],
            f"its {short} pages over to {pages}": [repeated_pdf(short_pdf, pages, out / "r.pdf")],
            f"one PDF of {pages}, fonts per copy": [long_pdf(pages, out / "merged.pdf", False)],
            "each document once": text_documents(),
        }
        measured = {
            name: (child(["extract", *map(str, pdfs)]), child(["floor", *map(str, pdfs)]))
            for name, pdfs in runs.items()
        }
    print(f"{'start-up':<36}{'CPU s':>8}{'wall s':>8}")
    print(f"{'  kpi --help':<36}{help_cpu:>8.2f}{help_wall:>8.2f}")
    print(f"{'  kpi extract, one page':<36}{one_cpu:>8.2f}{one_wall:>8.2f}")
    columns = ("pages", "ms/page", "floor ms", "ratio", "peak MB")
    print(f"{'text pages':<36}" + "".join(f"{column:>10}" for column in columns))
    for name, (extracted, floor) in measured.items():
        ratio = per_page(extracted) / per_page(floor)
        figures = (
            f"{extracted['pages']:>10}{per_page(extracted):>10.1f}{per_page(floor):>10.1f}"
            f"{ratio:>9.1f}×{extracted['peak_mb']:>10.0f}"
        )
        print(f"  {name:<34}{figures}")


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
