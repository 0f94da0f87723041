"""Write the fixture PDFs: one replica per seed report, plus scanned and OCR-layer variants.

The five text replicas carry each report's text exactly as extracted from the
real PDF (garbling included) in the cells where the layout puts it, over the
table geometry the report implies. The scanned variants are those pages
rendered to noisy, slightly rotated images with no text layer; the OCR-layer
variant lays the report's garbled strings invisibly over its scan image, as
archives hold OCR'd scans.

    python scripts/make_fixtures.py                  # into tests/fixtures/pdfs
    python scripts/make_fixtures.py --font ipag.ttf --out /tmp/other-font
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from replica import (
    akiruno_shokogyo,
    kodaira_kofukin,
    kodaira_sangyo,
    sanyo_onoda_kpi,
    tsukuba_kpi,
)
from replica.canvas import Replica
from replica.scan import ocr_layer_variant, scanned_variant

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "tests" / "fixtures" / "pdfs"

# doc_id → the module that draws it. Each module has TITLE and draw(replica).
LAYOUTS = {
    "kodaira-r2-kofukin": kodaira_kofukin,
    "kodaira-r2-sangyo": kodaira_sangyo,
    "tsukuba-r2-kpi": tsukuba_kpi,
    "akiruno-r7-shokogyo": akiruno_shokogyo,
    "sanyo-onoda-r3-kpi": sanyo_onoda_kpi,
}
SCANNED = ("akiruno-r7-shokogyo", "sanyo-onoda-r3-kpi")
OCR_LAYERED = ("sanyo-onoda-r3-kpi",)


def build_report(doc_id: str, out: Path, font_file: str | None) -> list[Path]:
    """The text replica of one report, then its scanned and OCR-layer forms if it has them."""
    layout = LAYOUTS[doc_id]
    replica = Replica(font_file)
    layout.draw(replica)
    text_pdf = out / f"{doc_id}.pdf"
    replica.save(str(text_pdf), layout.TITLE)
    written = [text_pdf]
    if doc_id in SCANNED:
        written.append(scanned_variant(text_pdf))
    if doc_id in OCR_LAYERED:
        written.append(ocr_layer_variant(text_pdf, layout, font_file))
    return written


def build_all(out: Path, font_file: str | None, only: list[str] | None = None) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for doc_id in only or list(LAYOUTS):
        for path in build_report(doc_id, out, font_file):
            print(f"wrote {path}")
            written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder to write into")
    parser.add_argument(
        "--font",
        help="a TrueType/OpenType Japanese font file "
        "(default: Droid Sans Fallback, shipped with pymupdf)",
    )
    parser.add_argument("--only", nargs="*", choices=list(LAYOUTS), help="reports to build")
    args = parser.parse_args()
    build_all(args.out, args.font, args.only)


if __name__ == "__main__":
    main()
