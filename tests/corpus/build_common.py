"""What the corpus build scripts share: the folders, the IPAex fonts, a source's JSON,
the Chromium producer, and the check that a built PDF prints each gold indicator on
its page. Used by build_i.py and build_j.py."""
import json
import re
import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SRC, PDF, GOLD = ROOT / "src", ROOT / "pdf", ROOT / "gold"
GOTHIC_DIR = "/usr/share/fonts/opentype/ipaexfont-gothic"
MINCHO_DIR = "/usr/share/fonts/opentype/ipaexfont-mincho"
GOTHIC_TTF = f"{GOTHIC_DIR}/ipaexg.ttf"
MINCHO_TTF = f"{MINCHO_DIR}/ipaexm.ttf"


def load(doc_id):
    return json.loads((SRC / f"{doc_id}.json").read_text(encoding="utf-8"))


def gold(doc_id):
    return json.loads((GOLD / f"{doc_id}.json").read_text(encoding="utf-8"))


def chromium_pdf(html_path, out):
    """`html_path` printed to `out` by headless Chromium, with a profile of its own."""
    profile = Path(tempfile.mkdtemp(prefix="chrome_corpus_"))
    try:
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", f"--user-data-dir={profile}", "--no-pdf-header-footer",
                        f"--print-to-pdf={out}", html_path.as_uri()],
                       check=True, capture_output=True, timeout=180)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return out


def squash(text):
    return re.sub(r"[\s,]", "", unicodedata.normalize("NFKC", text))


def off_their_page(doc, labelled):
    """The gold indicators a built PDF (a pymupdf document) does not print on their page."""
    return [
        f"{r['indicator']} (not on page {r['page']})"
        for r in labelled["records"]
        if squash(r["indicator"]) not in squash(doc[r["page"] - 1].get_text())
    ]


def build_and_check(builders, ids, check):
    """Build each document, then check each that has gold: 0 when all pass, else 1."""
    PDF.mkdir(exist_ok=True)
    for doc_id in ids:
        builders[doc_id](doc_id)
        print("built", PDF / f"{doc_id}.pdf")
    ok = all([check(d) for d in ids if (GOLD / f"{d}.json").exists()])
    return 0 if ok else 1
