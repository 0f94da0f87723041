"""Fuzz the batch runner with broken PDFs: every mutant must end as a result or an error row.

    python scripts/fuzz_inputs.py --mutants 1000 --seed 1

Mutants are made from the example corpus's text replicas (add `--with-scans` for
the scanned forms, which OCR makes slow): cut short at a random byte (with and
without the `%%EOF` marker put back, so that some get past ingest's check and
reach mupdf's repair), random bytes flipped, or one `N 0 obj ... endobj` deleted.
They are read by `kpi run` into a fresh store, as a nightly job would. The script
then checks the store: the run ended by itself (exit 0 or 1, not a crash of the
runner), and each mutant has a document row, either extracted or failed with an
error row. It prints the mutants by kind and outcome, and exits 1 if any mutant is
unaccounted for.
"""

import argparse
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "pdfs"
OBJECT = re.compile(rb"\d+ \d+ obj\b.*?endobj", re.DOTALL)

Mutation = Callable[[bytes, random.Random], bytes]


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data))]


def truncate_keep_eof(data: bytes, rng: random.Random) -> bytes:
    """Cut short, then the end marker put back: ingest lets it through to mupdf."""
    return data[: rng.randrange(16, len(data))] + b"\n%%EOF\n"


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    mutant = bytearray(data)
    for _ in range(rng.randint(1, 64)):
        mutant[rng.randrange(len(mutant))] = rng.randrange(256)
    return bytes(mutant)


def delete_object(data: bytes, rng: random.Random) -> bytes:
    objects = list(OBJECT.finditer(data))
    if not objects:
        return flip_bytes(data, rng)
    gone = rng.choice(objects)
    return data[: gone.start()] + data[gone.end() :]


MUTATIONS: dict[str, Mutation] = {
    "truncate": truncate,
    "truncate-keep-eof": truncate_keep_eof,
    "flip-bytes": flip_bytes,
    "delete-object": delete_object,
}


def fixtures(with_scans: bool) -> list[Path]:
    scans = ("-scan", "-ocr")
    return [
        path
        for path in sorted(FIXTURES.glob("*.pdf"))
        if with_scans or not path.stem.endswith(scans)
    ]


def write_mutants(folder: Path, count: int, seed: int, sources: list[Path]) -> dict[str, str]:
    """Write `count` mutants; their file stems mapped to the mutation that made each."""
    rng = random.Random(seed)
    originals = {path: path.read_bytes() for path in sources}
    kinds = {}
    for number in range(count):
        source = rng.choice(sources)
        kind = rng.choice(list(MUTATIONS))
        stem = f"mutant-{number:05d}-{kind}-{source.stem}"
        (folder / f"{stem}.pdf").write_bytes(MUTATIONS[kind](originals[source], rng))
        kinds[stem] = kind
    return kinds


def outcomes(store: Path) -> dict[str, str]:
    """Each document's outcome: `extracted`, or the codes of its errors."""
    with duckdb.connect(str(store), read_only=True) as db:
        rows = db.execute(
            "SELECT d.doc_id, d.outcome, string_agg(e.code, '+' ORDER BY e.code)"
            " FROM documents d LEFT JOIN errors e ON e.doc_key = d.doc_key AND e.severity = 'error'"
            " GROUP BY d.doc_id, d.outcome"
        ).fetchall()
    return {
        doc_id: "extracted" if outcome == "extracted" else f"failed: {codes}"
        for doc_id, outcome, codes in rows
        if outcome == "extracted" or codes
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--with-scans", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kpi-fuzz-") as temporary:
        folder = Path(temporary) / "mutants"
        folder.mkdir()
        kinds = write_mutants(folder, args.mutants, args.seed, fixtures(args.with_scans))
        store = Path(temporary) / "fuzz.duckdb"
        command = [sys.executable, "-c", "from pipeline.cli.main import main; main()", "run"]
        command += [str(folder), "--store", str(store), "--workers", str(args.workers)]
        command += ["--time-limit", str(args.time_limit), "--no-progress"]
        started = time.perf_counter()
        run = subprocess.run(command, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - started
        ended = outcomes(store) if store.exists() else {}
    table = Counter((kinds[stem], ended.get(stem, "NO ROW")) for stem in kinds)
    print(f"{len(kinds)} mutants of {len(fixtures(args.with_scans))} PDFs, seed {args.seed},")
    print(f"read by `kpi run` in {seconds:.0f} s (exit {run.returncode})\n")
    print(f"{'mutation':<18} {'outcome':<40} {'mutants':>7}")
    for (kind, outcome), count in sorted(table.items()):
        print(f"{kind:<18} {outcome:<40} {count:>7}")
    unaccounted = sum(count for (_, outcome), count in table.items() if outcome == "NO ROW")
    crashed_runner = run.returncode not in (0, 1)
    print(
        f"\nrunner crashes: {int(crashed_runner)};"
        f" mutants with no result or error row: {unaccounted}"
    )
    if crashed_runner:
        print(run.stderr[-4000:], file=sys.stderr)
    return 1 if crashed_runner or unaccounted else 0


if __name__ == "__main__":
    sys.exit(main())
