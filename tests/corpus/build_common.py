"""What the corpus build scripts share: the folders, the IPAex fonts, a source's JSON,
the Chromium producer, and the check that a built PDF prints each gold indicator on
its page, reportlab's IPAex fonts, the PyMuPDF Story producer. Used by build_i.py,
build_j.py and build_k.py."""
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


GOTHIC, MINCHO = "IPAexGothic", "IPAexMincho"


def esc(text):
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def register_ipaex():
    """IPAex Gothic and Mincho registered with reportlab, once."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    for name, ttf in ((GOTHIC, GOTHIC_TTF), (MINCHO, MINCHO_TTF)):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, ttf))


def story_pdf(doc_id, css, margin, title):
    """src/<doc_id>.html set by PyMuPDF Story on A4 pages with the IPAex fonts."""
    import pymupdf
    html = (SRC / f"{doc_id}.html").read_text(encoding="utf-8")
    archive = pymupdf.Archive()
    archive.add(pymupdf.Archive(GOTHIC_DIR))
    archive.add(pymupdf.Archive(MINCHO_DIR))
    story = pymupdf.Story(html=html, user_css=css, archive=archive)
    out = PDF / f"{doc_id}.pdf"
    writer = pymupdf.DocumentWriter(str(out))
    page = pymupdf.paper_rect("a4")
    where = page + margin
    more = True
    while more:
        dev = writer.begin_page(page)
        more, _ = story.place(where)
        story.draw(dev)
        writer.end_page()
    writer.close()
    doc = pymupdf.open(out)
    doc.set_metadata({"title": title, "producer": "PyMuPDF Story"})
    doc.saveIncr()


def check_ipaex(doc_id):
    """The PDF opens, has a text layer with embedded IPAex fonts; every gold indicator is on its page."""
    import pymupdf
    doc = pymupdf.open(PDF / f"{doc_id}.pdf")
    labelled = gold(doc_id)
    missing = off_their_page(doc, labelled)
    fonts = {f[3] for p in doc for f in p.get_fonts()}
    if not any("IPAex" in f for f in fonts):
        missing.append(f"no IPAex font embedded: {sorted(fonts)}")
    records = labelled["records"]
    print(f"{doc_id:22s} pages {len(doc)} records {len(records)} "
          f"facts {sum(len(r['facts']) for r in records)} missing {len(missing)}")
    for m in missing:
        print("   missing:", m)
    return not missing


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
