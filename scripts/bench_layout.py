"""Pages per second, peak memory and cell accuracy: our layout stage, camelot, pdfplumber.

The text fixtures are read again and again, whole documents at a time, until
at least `--pages` pages have been read; every tool reads the same pages in
the same run. Each tool runs in a subprocess of its own, so that one tool's
imports and allocations do not count against another: peak memory is the
child's peak resident set size (`resource.getrusage`, RUSAGE_SELF, read when
it has read everything), its imports included, the scorer's not. Seconds
count only the reading, after one unmeasured warm-up document. Cell accuracy
scores each tool's tables against the expected grids (`tests/layout/grids`)
with `pipeline.score.grid`.

The expected grids are dense: a merged cell's text stands in every slot it
spans. Each tool is given its own way to fill those slots, so that none loses
cells for a format difference: ours gives `Table.dense()`; camelot is asked
for `copy_text=["h", "v"]`; pdfplumber's slots under a merged cell (None) take
the text of the cell that covers them.

    python scripts/bench_layout.py                        # 200 pages, every tool
    python scripts/bench_layout.py --pages 400 --json bench.json
    python scripts/bench_layout.py --tools layout camelot-vector
"""

import argparse
import json
import math
import resource
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PDFS = ROOT / "tests" / "fixtures" / "pdfs"
GRIDS = ROOT / "tests" / "layout" / "grids"
# The text fixtures: the five replicas with a typed text layer (18 pages).
DOC_IDS = (
    "kodaira-r2-kofukin",
    "kodaira-r2-sangyo",
    "tsukuba-r2-kpi",
    "akiruno-r7-shokogyo",
    "sanyo-onoda-r3-kpi",
)

Rows = Sequence[Sequence[str | None]]
Found = tuple[int, Rows]  # a table as `pipeline.score.grid.FoundTable` takes it: page, rows
Reader = Callable[[Path], list[Found]]


def layout_reader() -> Reader:
    """The pipeline's layout stage: ruled grids from drawings, cells mended."""
    from pipeline.layout.pages import layout_document

    def read(path: Path) -> list[Found]:
        return [(t.page, t.dense()) for t in layout_document(path).tables]

    return read


def camelot_reader(engine: str) -> Callable[[], Reader]:
    """camelot lattice with one line-detection engine, spanned slots filled by camelot."""

    def make() -> Reader:
        from camelot.io import read_pdf

        def read(path: Path) -> list[Found]:
            tables = read_pdf(
                str(path),
                pages="all",
                flavor="lattice",
                engine=engine,
                copy_text=["h", "v"],
                suppress_stdout=True,
            )
            return [(int(t.page), t.df.values.tolist()) for t in tables]

        return read

    return make


def pdfplumber_reader() -> Reader:
    """pdfplumber's table finder with its default (ruling-line) settings."""
    import pdfplumber

    def read(path: Path) -> list[Found]:
        with pdfplumber.open(path) as pdf:
            return [
                (page.page_number, dense_rows(table))
                for page in pdf.pages
                for table in page.find_tables()
            ]

    return read


def dense_rows(table: Any) -> list[list[str | None]]:
    """pdfplumber's rows with each slot under a merged cell given the covering cell's text."""
    rows: list[list[str | None]] = table.extract()
    boxes = [row.cells for row in table.rows]
    for r, row in enumerate(boxes):
        for c, box in enumerate(row):
            if box is None:
                # A point just inside the slot's top-left corner lies in the merged cell.
                corner = (table.columns[c].bbox[0] + 1, table.rows[r].bbox[1] + 1)
                rows[r][c] = covering_text(boxes, rows, corner)
    return rows


def covering_text(
    boxes: list[list[Any]], rows: list[list[str | None]], point: tuple[float, float]
) -> str | None:
    """The text of the cell whose box holds `point`."""
    x, y = point
    for r, row in enumerate(boxes):
        for c, box in enumerate(row):
            if box and box[0] <= x <= box[2] and box[1] <= y <= box[3]:
                return rows[r][c]
    return None


TOOLS: dict[str, tuple[str, Callable[[], Reader]]] = {
    "layout": ("pipeline layout stage", layout_reader),
    "camelot-combined": (
        'camelot lattice, engine="combined" (default)',
        camelot_reader("combined"),
    ),
    "camelot-vector": ('camelot lattice, engine="vector"', camelot_reader("vector")),
    "pdfplumber": ("pdfplumber find_tables + extract", pdfplumber_reader),
}


@dataclass(frozen=True)
class Result:
    tool: str
    pages: int
    seconds: float
    peak_mb: float
    cells: int  # expected cells scored
    accuracy: float

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds


def measure(tool: str, rounds: int, pages: int) -> Result:
    """Read every text fixture `rounds` times with one tool; run in the tool's own process."""
    warnings.simplefilter("ignore")
    read = TOOLS[tool][1]()
    paths = [PDFS / f"{doc_id}.pdf" for doc_id in DOC_IDS]
    read(paths[0])
    found: dict[str, list[Found]] = {}
    start = time.perf_counter()
    for _ in range(rounds):
        for path in paths:
            found[path.stem] = read(path)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    score = cell_score(found)
    return Result(tool, pages, seconds, peak_mb, score.cells, score.accuracy)


def cell_score(found: dict[str, list[Found]]) -> Any:
    """Every document's tables scored against its expected grid, the scores added up."""
    from pipeline.score.grid import FoundTable, GridScore, load_expected_grid, score_grid

    scores = (
        score_grid(load_expected_grid(GRIDS / f"{d}.json"), [FoundTable(*t) for t in found[d]])
        for d in DOC_IDS
    )
    return sum(scores, GridScore(0, 0))


def fixture_pages() -> int:
    import pymupdf

    total = 0
    for doc_id in DOC_IDS:
        with pymupdf.open(PDFS / f"{doc_id}.pdf") as doc:
            total += doc.page_count
    return total


def run_in_child(tool: str, rounds: int, pages: int) -> Result:
    command = [sys.executable, __file__, "--worker", tool, "--rounds", str(rounds)]
    command += ["--pages", str(pages)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"{tool} failed:\n{done.stderr}")
    return Result(**json.loads(done.stdout.splitlines()[-1]))


def report(results: Sequence[Result]) -> str:
    """The plain table, then our speed as a multiple of each other tool's."""
    lines = [
        f"{'tool':<46} {'pages':>5} {'seconds':>8} {'pages/s':>8} {'peak MB':>8} {'cell acc.':>10}"
    ]
    for r in results:
        lines.append(
            f"{TOOLS[r.tool][0]:<46} {r.pages:>5} {r.seconds:>8.2f} {r.pages_per_second:>8.1f} "
            f"{r.peak_mb:>8.0f} {r.accuracy:>10.3f}"
        )
    ours = next((r for r in results if r.tool == "layout"), None)
    for other in results:
        if ours is not None and other is not ours:
            ratio = ours.pages_per_second / other.pages_per_second
            lines.append(f"layout stage / {TOOLS[other.tool][0]}: {ratio:.1f}x pages per second")
    cells = results[0].cells if results else 0
    lines.append(f"cell accuracy over {cells} expected cells in {len(DOC_IDS)} documents")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=200, help="read at least this many pages")
    parser.add_argument("--tools", nargs="+", choices=list(TOOLS), default=list(TOOLS))
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--worker", choices=list(TOOLS), help=argparse.SUPPRESS)
    parser.add_argument("--rounds", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(asdict(measure(args.worker, args.rounds, args.pages))))
        return
    per_round = fixture_pages()
    rounds = max(1, math.ceil(args.pages / per_round))
    results = [run_in_child(tool, rounds, rounds * per_round) for tool in args.tools]
    print(report(results))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        figures = [{**asdict(r), "pages_per_second": r.pages_per_second} for r in results]
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
