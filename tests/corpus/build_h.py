#!/usr/bin/env python3
"""Rebuild the six h-series corpus PDFs (archive scans) from their sources in src/.

    python3 build_h.py                     # all six, then check them against gold/
    python3 build_h.py osaki-imagescan     # one

Each document is laid out from src/<doc_id>.html (sources_h.md names the public page
each comes from) by headless Chromium, rendered to a raster the way a scanner sees the
printed page, and finished the way its archive copy was made:

- ocrmypdf over a JPEG image PDF            (mori-ocrscan, aya-ocrscan)
- Tesseract's own PDF renderer, page by page (asakura-tessscan, saga-tessscan)
- image only, no text layer                  (osaki-imagescan, mori-imagescan)

The scan defects are drawn with fixed seeds, so a rebuild gives the same images:
paper tone and uneven light, skew, speckle and ink drop-outs, faint or broken table
rules, a rubber stamp, a pen tick, punch-hole shadows, blur and JPEG compression.
Intermediates go to a build_h folder under the temporary directory; only
pdf/<doc_id>.pdf is written into the corpus.  Needs pymupdf, numpy, Pillow,
opencv, Chromium, ocrmypdf, tesseract-ocr-jpn and the IPAex fonts (fonts-ipaexfont).
"""
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

import cv2
import numpy as np
import pymupdf
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent
SRC, PDF, GOLD = ROOT / "src", ROOT / "pdf", ROOT / "gold"
WORK = Path(tempfile.gettempdir()) / "build_h"
GOTHIC_TTF = "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"
MINCHO_TTF = "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf"


# ------------------------------------------------------------------- layout

def chromium_pdf(doc_id):
    """src/<doc_id>.html printed by headless Chromium (page size from its @page rule)."""
    out = WORK / f"{doc_id}-flat.pdf"
    profile = Path(tempfile.mkdtemp(prefix="chrome_h_"))
    try:
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", f"--user-data-dir={profile}", "--no-pdf-header-footer",
                        f"--print-to-pdf={out}", (SRC / f"{doc_id}.html").as_uri()],
                       check=True, capture_output=True, timeout=180)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return out


def render(pdf_path, dpi, colour=False):
    """Pages of a PDF as PIL images at `dpi`, grey ("L") or colour ("RGB")."""
    pages = []
    with pymupdf.open(pdf_path) as doc:
        for page in doc:
            cs = pymupdf.csRGB if colour else pymupdf.csGRAY
            pix = page.get_pixmap(dpi=dpi, colorspace=cs, alpha=False)
            mode = "RGB" if colour else "L"
            pages.append(Image.frombytes(mode, (pix.width, pix.height), pix.samples))
    return pages


# ------------------------------------------------------------- scan effects

def paper(img, rng, tone=236, unevenness=12, tint=(1.0, 0.985, 0.95)):
    """Off-white paper with uneven light; ink kept dark; a warm tint on colour scans."""
    a = np.asarray(img, dtype=np.float32) / 255.0
    h, w = a.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w]
    cx, cy = rng.uniform(0.25, 0.75) * w, rng.uniform(0.25, 0.75) * h
    light = tone - unevenness * ((xx - cx) ** 2 + (yy - cy) ** 2) / (w * w + h * h)
    if a.ndim == 3:
        light = light[..., None] * np.array(tint, dtype=np.float32)
    out = a * light + (1 - a) * 28
    out += rng.normal(0, 3.5, out.shape)
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8))


def faint_rules(img, rng, fade=0.55, gaps=60):
    """Table rules printed light and broken: long straight strokes are found with a
    morphological opening, lightened, and cut by short gaps here and there."""
    grey = np.asarray(img.convert("L"))
    ink = (grey < 150).astype(np.uint8)
    h, w = ink.shape
    horiz = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (w // 25, 1)))
    vert = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, h // 40)))
    rules = cv2.dilate(np.maximum(horiz, vert), np.ones((3, 3), np.uint8)).astype(bool)
    # gaps: vertical bands cut the horizontal rules, horizontal bands cut the vertical rules
    band_h = np.zeros(w, bool)
    for _ in range(gaps):
        x = int(rng.integers(0, w))
        band_h[x:x + int(rng.integers(5, 18))] = True
    band_v = np.zeros(h, bool)
    for _ in range(gaps):
        y = int(rng.integers(0, h))
        band_v[y:y + int(rng.integers(5, 18))] = True
    hmask = cv2.dilate(horiz, np.ones((3, 3), np.uint8)).astype(bool)
    vmask = cv2.dilate(vert, np.ones((3, 3), np.uint8)).astype(bool)
    cut = (hmask & band_h[None, :]) | (vmask & band_v[:, None])
    a = np.asarray(img, dtype=np.float32).copy()
    paper_level = np.percentile(a, 90)
    sel = rules if a.ndim == 2 else rules[..., None].repeat(3, 2)
    a = np.where(sel, a + (paper_level - a) * fade, a)
    selc = cut if a.ndim == 2 else cut[..., None].repeat(3, 2)
    a = np.where(selc, paper_level, a)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def speckle(img, rng, dots=600, holes=500):
    """Toner specks on the paper and small drop-outs in the ink."""
    d = ImageDraw.Draw(img)
    w, h = img.size
    dark = (60, 60, 60) if img.mode == "RGB" else 60
    light = (232, 230, 222) if img.mode == "RGB" else 232
    for _ in range(dots):
        x, y, r = rng.integers(0, w), rng.integers(0, h), rng.uniform(0.3, 1.4)
        d.ellipse([x - r, y - r, x + r, y + r], fill=dark)
    for _ in range(holes):
        x, y, r = rng.integers(0, w), rng.integers(0, h), rng.uniform(0.4, 1.0)
        d.ellipse([x - r, y - r, x + r, y + r], fill=light)
    return img


def skew(img, angle):
    fill = (236, 233, 226) if img.mode == "RGB" else 236
    return img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=fill)


def stamp(img, rng, text, xy, size, ink=(190, 40, 40)):
    """A rubber stamp in a rounded box, tilted and unevenly inked."""
    layer = Image.new("L", (int(size * 2.6), size), 0)
    d = ImageDraw.Draw(layer)
    d.rounded_rectangle([4, 4, layer.size[0] - 5, size - 5], radius=12, outline=255, width=6)
    f = ImageFont.truetype(GOTHIC_TTF, int(size * 0.5))
    d.text((layer.size[0] / 2, size / 2), text, font=f, fill=255, anchor="mm")
    layer = layer.rotate(rng.uniform(-8, -3), expand=True, fillcolor=0)
    noise = np.asarray(layer, dtype=np.float32) * rng.uniform(0.4, 1.0, (layer.size[1], layer.size[0]))
    mask = Image.fromarray(np.clip(noise, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.8))
    colour = ink if img.mode == "RGB" else 90
    img.paste(Image.new(img.mode, mask.size, colour), xy, mask)


def tick(img, xy, scale=1.0, ink=(40, 50, 120)):
    """A pen tick (check mark) beside a row someone checked."""
    d = ImageDraw.Draw(img)
    x, y = xy
    pts = [(x, y), (x + 14 * scale, y + 16 * scale), (x + 42 * scale, y - 24 * scale)]
    d.line(pts, fill=ink if img.mode == "RGB" else 50, width=max(2, int(4 * scale)), joint="curve")


def punch_holes(img, left=True):
    """The shadows of two filing-punch holes at the binding margin."""
    d = ImageDraw.Draw(img)
    w, h = img.size
    r = int(min(w, h) * 0.018)
    x = int(w * 0.035) if left else w // 2
    for fy in (0.36, 0.64):
        if left:
            cx, cy = x, int(h * fy)
        else:
            cx, cy = int(w * fy), int(h * 0.035)
        shadow = (150, 150, 150) if img.mode == "RGB" else 150
        hole = (250, 250, 250) if img.mode == "RGB" else 250
        d.ellipse([cx - r - 4, cy - r - 4, cx + r + 4, cy + r + 4], fill=shadow)
        d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=hole)


def jpeg_bytes(img, quality, dpi):
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality, dpi=(dpi, dpi), optimize=True)
    return buf.getvalue()


def images_to_pdf(jpegs, dpi, out, title):
    """One page per JPEG, page size from the scan resolution, image stored as is."""
    doc = pymupdf.open()
    for data in jpegs:
        w, h = Image.open(io.BytesIO(data)).size
        page = doc.new_page(width=w * 72 / dpi, height=h * 72 / dpi)
        page.insert_image(page.rect, stream=data)
    doc.set_metadata({"title": title, "creator": "scanner", "producer": "scan-to-pdf"})
    doc.save(out, garbage=3, deflate=True)
    return out


def ocrmypdf(image_pdf, out):
    subprocess.run(["ocrmypdf", "-l", "jpn", "--force-ocr", "--output-type", "pdf",
                    str(image_pdf), str(out)], check=True, capture_output=True, timeout=900)


def tesseract_pdf(jpegs, doc_id, out):
    """Each page through `tesseract IMG OUT -l jpn pdf`, the pages then joined."""
    parts = []
    for k, data in enumerate(jpegs):
        jpg = WORK / f"{doc_id}-{k + 1}.jpg"
        jpg.write_bytes(data)
        base = WORK / f"{doc_id}-{k + 1}"
        subprocess.run(["tesseract", str(jpg), str(base), "-l", "jpn", "pdf"],
                       check=True, capture_output=True, timeout=900)
        parts.append(base.with_suffix(".pdf"))
    joined = pymupdf.open()
    for part in parts:
        with pymupdf.open(part) as p:
            joined.insert_pdf(p)
    joined.save(out, garbage=3, deflate=True)


def span_box(flat, page_no, text, dpi):
    """Pixel box of the first span on a page of the flat PDF that contains `text`."""
    with pymupdf.open(flat) as doc:
        for b in doc[page_no].get_text("dict")["blocks"]:
            for line in b.get("lines", []):
                for s in line["spans"]:
                    if text in s["text"]:
                        return [int(v * dpi / 72) for v in s["bbox"]]
    raise LookupError(text)


# ---------------------------------------------------------------- documents

def build_mori_ocrscan(doc_id):
    """Evaluation sheet → 300 dpi grey, faint broken rules, 0.6° skew, speckle, JPEG q50 → ocrmypdf."""
    rng = np.random.default_rng(101)
    dpi = 300
    flat = chromium_pdf(doc_id)
    jpegs = []
    for img in render(flat, dpi):
        img = faint_rules(img, rng, fade=0.6, gaps=90)
        img = speckle(skew(paper(img, rng), 0.6), rng, dots=700, holes=900)
        jpegs.append(jpeg_bytes(img, 50, dpi))
    raw = images_to_pdf(jpegs, dpi, WORK / f"{doc_id}-image.pdf", "事業評価調書")
    ocrmypdf(raw, PDF / f"{doc_id}.pdf")


def build_aya_ocrscan(doc_id):
    """Landscape plan sheet → 200 dpi colour, 検印 stamp, −0.9° skew, JPEG q60 → ocrmypdf."""
    rng = np.random.default_rng(103)
    dpi = 200
    flat = chromium_pdf(doc_id)
    jpegs = []
    for img in render(flat, dpi, colour=True):
        img = paper(img, rng, tone=240, unevenness=14)
        w, h = img.size
        stamp(img, rng, "検印", (int(w * 0.62), int(h * 0.015)), 64)
        img = speckle(skew(img, -0.9), rng, dots=400, holes=400).filter(ImageFilter.GaussianBlur(0.4))
        jpegs.append(jpeg_bytes(img, 60, dpi))
    raw = images_to_pdf(jpegs, dpi, WORK / f"{doc_id}-image.pdf", "構成内容")
    ocrmypdf(raw, PDF / f"{doc_id}.pdf")


def build_asakura_tessscan(doc_id):
    """Two-page progress table → 200 dpi grey, blur 0.6, skew +0.5°/−0.7°, JPEG q65 → Tesseract PDF."""
    rng = np.random.default_rng(107)
    dpi = 200
    flat = chromium_pdf(doc_id)
    jpegs = []
    for k, img in enumerate(render(flat, dpi)):
        img = paper(img, rng).filter(ImageFilter.GaussianBlur(0.6))
        if k == 0:
            punch_holes(img)
        img = speckle(skew(img, (0.5, -0.7)[k % 2]), rng, dots=300, holes=300)
        jpegs.append(jpeg_bytes(img, 65, dpi))
    tesseract_pdf(jpegs, doc_id, PDF / f"{doc_id}.pdf")


def build_saga_tessscan(doc_id):
    """Evaluation sheet with year columns → 240 dpi grey, faint rules, 1.1° skew, JPEG q60 → Tesseract PDF."""
    rng = np.random.default_rng(109)
    dpi = 240
    flat = chromium_pdf(doc_id)
    jpegs = []
    for img in render(flat, dpi):
        img = faint_rules(img, rng, fade=0.45, gaps=50)
        img = speckle(skew(paper(img, rng, tone=232, unevenness=16), 1.1), rng, dots=500, holes=500)
        jpegs.append(jpeg_bytes(img.filter(ImageFilter.GaussianBlur(0.5)), 60, dpi))
    tesseract_pdf(jpegs, doc_id, PDF / f"{doc_id}.pdf")


def build_osaki_imagescan(doc_id):
    """Two-page results table → 150 dpi grey, −1.6°/+0.9° skew, punch holes, pen ticks, JPEG q55; no text layer."""
    rng = np.random.default_rng(113)
    dpi = 150
    flat = chromium_pdf(doc_id)
    ticks = {0: span_box(flat, 0, "企業立地協定締結件数", dpi), 1: span_box(flat, 1, "新規認定農業者数", dpi)}
    jpegs = []
    for k, img in enumerate(render(flat, dpi)):
        img = paper(img, rng, tone=234, unevenness=18)
        x0, y0, x1, y1 = ticks[k]
        tick(img, (max(8, x1 + 6), (y0 + y1) // 2), scale=0.7)
        punch_holes(img)
        img = speckle(skew(img, (-1.6, 0.9)[k]), rng, dots=450, holes=350).filter(ImageFilter.GaussianBlur(0.35))
        jpegs.append(jpeg_bytes(img, 55, dpi))
    images_to_pdf(jpegs, dpi, PDF / f"{doc_id}.pdf", "施策の実施状況及び実績")


def build_mori_imagescan(doc_id):
    """Landscape budget table → 250 dpi colour, 写 stamp, tick, 2.0° skew, holes at the top edge, JPEG q50; no text layer."""
    rng = np.random.default_rng(127)
    dpi = 250
    flat = chromium_pdf(doc_id)
    box = span_box(flat, 0, "新規就農者数", dpi)
    jpegs = []
    for img in render(flat, dpi, colour=True):
        img = paper(img, rng, tone=238, unevenness=20, tint=(1.0, 0.97, 0.9))
        w, h = img.size
        stamp(img, rng, "写", (int(w * 0.84), int(h * 0.02)), 80)
        tick(img, (box[0] - 4, box[3] + 10), scale=1.0)
        punch_holes(img, left=False)
        img = speckle(skew(img, 2.0), rng, dots=900, holes=700)
        jpegs.append(jpeg_bytes(img, 50, dpi))
    images_to_pdf(jpegs, dpi, PDF / f"{doc_id}.pdf", "登載事業予算突合表")


BUILDERS = {
    "mori-ocrscan": build_mori_ocrscan,
    "aya-ocrscan": build_aya_ocrscan,
    "asakura-tessscan": build_asakura_tessscan,
    "saga-tessscan": build_saga_tessscan,
    "osaki-imagescan": build_osaki_imagescan,
    "mori-imagescan": build_mori_imagescan,
}


# --------------------------------------------------------------------- checks

def squash(text):
    return re.sub(r"[\s,]", "", unicodedata.normalize("NFKC", text))


def check(doc_id):
    """The PDF opens with the gold's page count reachable; every gold indicator is in
    the HTML source (the scans' own text, where they have one, is OCR and not checked)."""
    gold = json.loads((GOLD / f"{doc_id}.json").read_text(encoding="utf-8"))
    source = squash(re.sub(r"<[^>]+>", "", (SRC / f"{doc_id}.html").read_text(encoding="utf-8")))
    with pymupdf.open(PDF / f"{doc_id}.pdf") as doc:
        pages = len(doc)
        chars = sum(len(p.get_text()) for p in doc)
    missing = [r["indicator"] for r in gold["records"] if squash(r["indicator"]) not in source]
    missing += [f"{r['indicator']} (page {r['page']} > {pages})" for r in gold["records"] if r["page"] > pages]
    size = (PDF / f"{doc_id}.pdf").stat().st_size
    print(f"{doc_id:18s} pages {pages} size {size // 1024} KiB text-layer chars {chars} "
          f"records {len(gold['records'])} facts {sum(len(r['facts']) for r in gold['records'])} "
          f"missing {len(missing)}")
    for m in missing:
        print("   missing:", m)
    return not missing


def main(ids):
    WORK.mkdir(parents=True, exist_ok=True)
    PDF.mkdir(exist_ok=True)
    for doc_id in ids:
        BUILDERS[doc_id](doc_id)
    ok = all([check(d) for d in ids if (GOLD / f"{d}.json").exists()])
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main(sys.argv[1:] or list(BUILDERS))
