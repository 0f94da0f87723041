"""CPU and wall seconds, Tesseract calls and cell accuracy per scanned page, three OCR paths
side by side in one run.

Every scanned page of the fixture scans (`tests/fixtures/pdfs/*-scan.pdf`,
`*-ocr.pdf`) and of the corpus scans (`tests/corpus/pdf/*scan.pdf`) goes
through `ocr_page` once with each path's settings, its OCR layer offered as
the layout stage offers it. CPU seconds are this process's and its
Tesseract children's (`resource.getrusage`, RUSAGE_SELF + RUSAGE_CHILDREN),
so the model loads count. Calls are Tesseract's model loads (processes
started, or models loaded in process by the tesserocr binding, which keeps
them for the process: the warm-up page loads them as a batch worker's first
page does), images the line images given to them. Cell accuracy scores a
page's tables, mended as layout mends them, against the expected grid of its
text twin (`tests/layout/grids/<twin>.json`); corpus scans have none ("-").

    python scripts/bench_ocr.py                     # every scan, every path
    python scripts/bench_ocr.py --docs sanyo-onoda-r3-kpi-scan anjo-ocrscan
"""

import argparse
import resource
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pymupdf

from pipeline.ingest.pages import read_page
from pipeline.layout.repair.mend import mend_table
from pipeline.ocr import binding
from pipeline.ocr.page import OcrPage, ocr_page
from pipeline.ocr.settings import OcrSettings
from pipeline.ocr.tesseract import Tesseract
from pipeline.score.grid import (
    ExpectedGrid,
    FoundTable,
    GridScore,
    load_expected_grid,
    score_grid,
)
from pipeline.text.vocabulary import known_units

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "pdfs"
CORPUS = ROOT / "tests" / "corpus" / "pdf"
GRIDS = ROOT / "tests" / "layout" / "grids"

# The paths compared: OCR called as before the speed work (a process per worker for
# every batch, every numeric line read again by the Latin model), today's settings with
# Tesseract run as its command, and today's defaults (in process where tesserocr is installed).
PATHS: dict[str, OcrSettings] = {
    "before": OcrSettings(share=0, numeric_sure=101, binding=False),
    "command": OcrSettings(binding=False),
    "now": OcrSettings(),
}


@dataclass
class Counter:
    """Tesseract's models loaded (a process started, or a model loaded in process) and the
    line images given to them."""

    calls: int = 0
    images: int = 0


@contextmanager
def counting() -> Iterator[Counter]:
    """Tesseract's batch runner and the binding's loader wrapped to count loads and images."""
    counter = Counter()
    read, run, load = Tesseract.read, Tesseract._run, binding._load

    def counted_read(self: Tesseract, images: Sequence[object]) -> object:
        counter.images += len(images)
        return read(self, images)  # type: ignore[arg-type]

    def counted_run(self: Tesseract, lists: list[Path]) -> tuple[list[str], list[str]]:
        counter.calls += len(lists)
        return run(self, lists)

    def counted_load(call: binding.Call) -> object:
        counter.calls += 1
        return load(call)

    Tesseract.read, Tesseract._run = counted_read, counted_run  # type: ignore[assignment,method-assign]
    binding._load = counted_load  # type: ignore[assignment]
    try:
        yield counter
    finally:
        Tesseract.read, Tesseract._run = read, run  # type: ignore[method-assign]
        binding._load = load


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@dataclass(frozen=True)
class PageFigures:
    doc: str
    page: int
    path: str
    cpu: float
    wall: float
    calls: int
    images: int
    score: GridScore | None  # None where no expected grid exists


def measure(pdf_page: pymupdf.Page, settings: OcrSettings) -> tuple[OcrPage, float, float, Counter]:
    """One page read once: what OCR made of it, CPU and wall seconds, Tesseract's counts."""
    page = read_page(pdf_page)
    layer = page.words if page.has_ocr_layer else []
    with counting() as counter:
        cpu, wall = cpu_seconds(), time.perf_counter()
        found = ocr_page(pdf_page, settings, layer)
        return found, cpu_seconds() - cpu, time.perf_counter() - wall, counter


def page_score(expected: ExpectedGrid | None, page: OcrPage, number: int) -> GridScore | None:
    """The page's tables scored against the expected tables of that page."""
    if expected is None:
        return None
    tables = [table for table in expected.tables if table.page == number]
    found = [FoundTable(t.page, mend_table(t, known_units()).dense()) for t in page.tables]
    return score_grid(ExpectedGrid(expected.doc_id, tables), found, doc_id=expected.doc_id)


def expected_grid(path: Path) -> ExpectedGrid | None:
    """The expected grid of a fixture scan's text twin, None for a corpus scan."""
    twin = path.stem.removesuffix("-scan").removesuffix("-ocr")
    grid = GRIDS / f"{twin}.json"
    return load_expected_grid(grid) if path.parent == FIXTURES and grid.is_file() else None


def scanned(pdf_page: pymupdf.Page) -> bool:
    page = read_page(pdf_page)
    return page.kind == "image" or page.has_ocr_layer


def bench(paths: Sequence[Path], report: Callable[[PageFigures], None]) -> list[PageFigures]:
    """Every scanned page read with each path's settings, one page after the other."""
    figures: list[PageFigures] = []
    for path in paths:
        expected = expected_grid(path)
        with pymupdf.open(path) as doc:
            for pdf_page in doc:
                if not scanned(pdf_page):
                    continue
                for name, settings in PATHS.items():
                    found, cpu, wall, counter = measure(pdf_page, settings)
                    score = page_score(expected, found, pdf_page.number + 1)
                    row = PageFigures(
                        path.stem,
                        pdf_page.number + 1,
                        name,
                        cpu,
                        wall,
                        counter.calls,
                        counter.images,
                        score,
                    )
                    report(row)
                    figures.append(row)
    return figures


HEADER = (
    f"{'document':<28} {'page':>4} {'path':<7} {'CPU s':>6} {'wall s':>6}"
    f" {'calls':>5} {'images':>6} {'cells':>9}"
)


def row_line(row: PageFigures) -> str:
    cells = f"{row.score.accuracy:.3f}" if row.score else "-"
    return (
        f"{row.doc:<28} {row.page:>4} {row.path:<7} {row.cpu:>6.2f} {row.wall:>6.2f}"
        f" {row.calls:>5} {row.images:>6} {cells:>9}"
    )


def summary(figures: Sequence[PageFigures]) -> list[str]:
    """Per path and set of scans: means per page, and cell accuracy over all expected cells."""
    lines = [
        "",
        f"{'scans':<10} {'path':<7} {'pages':>5} {'CPU s/page':>10} {'wall s/page':>11}"
        f" {'calls/page':>10} {'images/page':>11} {'cell acc.':>9}",
    ]
    for scans in ("fixtures", "corpus"):
        for name in PATHS:
            rows = [
                r
                for r in figures
                if r.path == name and (r.score is not None) == (scans == "fixtures")
            ]
            if not rows:
                continue
            n = len(rows)
            scores = [r.score for r in rows if r.score is not None]
            cells = f"{sum(scores, GridScore(0, 0)).accuracy:.3f}" if scores else "-"
            lines.append(
                f"{scans:<10} {name:<7} {n:>5} {sum(r.cpu for r in rows) / n:>10.2f}"
                f" {sum(r.wall for r in rows) / n:>11.2f} {sum(r.calls for r in rows) / n:>10.1f}"
                f" {sum(r.images for r in rows) / n:>11.1f} {cells:>9}"
            )
    return lines


def scan_paths(docs: Sequence[str]) -> list[Path]:
    found = sorted(FIXTURES.glob("*-scan.pdf")) + sorted(FIXTURES.glob("*-ocr.pdf"))
    found += sorted(CORPUS.glob("*scan.pdf"))
    return [path for path in found if not docs or path.stem in docs]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--docs", nargs="+", default=[], help="only these documents (stems)")
    args = parser.parse_args()
    paths = scan_paths(args.docs)
    with pymupdf.open(paths[0]) as doc:  # warm-up: imports, Tesseract's checks, first render
        measure(doc[0], OcrSettings())
    print(HEADER, flush=True)
    figures = bench(paths, lambda row: print(row_line(row), flush=True))
    print("\n".join(summary(figures)))


if __name__ == "__main__":
    main()
