"""Extract every fixture and corpus PDF, or compare two such folders of record files.

A change meant to make the pipeline faster must not change what it reads. Run
`extract` into one folder before the change and into another after it, then
`compare` them: each document's JSON must be identical, key order and number
formatting included, the `pipeline` block (version and settings fingerprint)
aside, which a change of code may alter without altering a single fact.

    python scripts/compare_output.py extract before/
    python scripts/compare_output.py extract after/ --only tsukuba-r2-kpi
    python scripts/compare_output.py compare before/ after/
"""

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "tests" / "fixtures" / "pdfs", ROOT / "tests" / "corpus" / "pdf")


def all_pdfs() -> list[Path]:
    return sorted(path for folder in SOURCES for path in folder.glob("*.pdf"))


def extract_all(out: Path, pdfs: Sequence[Path]) -> None:
    from pipeline.understand.extract import ExtractSettings, extract_to

    settings = ExtractSettings()
    for pdf in pdfs:
        written = extract_to(pdf, out, settings)
        print(f"{pdf.stem}: {written.error or f'{written.records} records, {written.facts} facts'}")


def comparable(path: Path) -> str:
    """A record file's text, keys in their order, with its `pipeline` block left out."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    data.pop("pipeline", None)
    return json.dumps(data, ensure_ascii=False, indent=2)


def differences(before: Path, after: Path) -> list[str]:
    """Every document whose output is missing on one side or differs between them."""
    names = {path.name for folder in (before, after) for path in folder.glob("*.json")}
    found = []
    for name in sorted(names):
        old, new = before / name, after / name
        if not old.exists() or not new.exists():
            found.append(f"{name}: only in {before if old.exists() else after}")
        elif comparable(old) != comparable(new):
            found.append(f"{name}: differs")
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    extract = commands.add_parser("extract", help="extract every PDF into a folder")
    extract.add_argument("out", type=Path)
    extract.add_argument("--only", nargs="*", help="doc_ids to extract (default: all)")
    compare = commands.add_parser("compare", help="compare two folders of record files")
    compare.add_argument("before", type=Path)
    compare.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "extract":
        pdfs = [pdf for pdf in all_pdfs() if not args.only or pdf.stem in args.only]
        extract_all(args.out, pdfs)
        return 0
    found = differences(args.before, args.after)
    print("\n".join(found) if found else "identical")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
