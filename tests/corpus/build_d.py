#!/usr/bin/env python3
"""Rebuild the six d-series corpus PDFs from their sources in src/.

Each document is laid out from src/<doc_id>.json (python-docx, then LibreOffice)
or src/<doc_id>.html (headless Chromium), then finished the way its archive copy
was made: a plain text PDF, a scan wrapped and OCRed by ocrmypdf, a scan OCRed by
Tesseract's own PDF renderer, an image-only scan, or a landscape page turned with
/Rotate 90.  Intermediates go to a build_d folder under the temporary directory; only pdf/<doc_id>.pdf is written
into the corpus.  The scan noise is seeded, so a rebuild gives the same images.

    python3 build_d.py            # build all six, then check them against gold/
    python3 build_d.py uda-imagescan anjo-ocrscan
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

import numpy as np
import pymupdf
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent
SRC, PDF, GOLD = ROOT / "src", ROOT / "pdf", ROOT / "gold"
WORK = Path(tempfile.gettempdir()) / "build_d"
GOTHIC = "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}


# ---------------------------------------------------------------- layout (docx)

def set_font(run, font, size=None, bold=False):
    """A run in `font` for Latin and East Asian text alike (Word keeps them apart)."""
    run.font.name = font
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), font)
    if size:
        run.font.size = Pt(size)
    run.font.bold = bool(bold)


def write_text(par, text, font, size, bold=False):
    """Text with its line breaks kept as breaks inside one paragraph."""
    for i, line in enumerate(str(text).split("\n")):
        run = par.add_run(line)
        set_font(run, font, size, bold)
        if i < len(str(text).split("\n")) - 1:
            run.add_break()


def shade(cell, fill):
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def add_paragraph(doc, spec, font):
    par = doc.add_paragraph()
    fmt = par.paragraph_format
    fmt.space_before = Pt(spec.get("space_before", 0))
    fmt.space_after = Pt(spec.get("space_after", 2))
    fmt.alignment = ALIGN[spec.get("align", "justify")]
    write_text(par, spec["p"], font, spec.get("size", 10.5), spec.get("bold"))


def add_table(doc, spec, font):
    """A ruled table; a cell dict may carry rs/cs spans, shade, align and bold."""
    rows, widths = spec["rows"], spec["widths_mm"]
    table = doc.add_table(rows=len(rows), cols=len(widths))
    table.style = "Table Grid"
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    if spec.get("cell_margin_mm"):
        mar = OxmlElement("w:tblCellMar")
        for side in ("top", "left", "bottom", "right"):
            el = OxmlElement(f"w:{side}")
            el.set(qn("w:w"), str(int(spec["cell_margin_mm"] * 56.7)))
            el.set(qn("w:type"), "dxa")
            mar.append(el)
        table._tbl.tblPr.append(mar)
    if spec.get("row_min_mm"):
        for r in table.rows:
            r.height = Mm(spec["row_min_mm"])
    for col, w in zip(table.columns, widths):
        col.width = Mm(w)
    for r in table.rows:
        for cell, w in zip(r.cells, widths):
            cell.width = Mm(w)
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            if cell is None:
                continue
            cell = cell if isinstance(cell, dict) else {"t": cell}
            target = table.cell(i, j)
            rs, cs = cell.get("rs", 1), cell.get("cs", 1)
            if rs > 1 or cs > 1:
                target = target.merge(table.cell(i + rs - 1, j + cs - 1))
            target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            par = target.paragraphs[0]
            par.paragraph_format.space_after = Pt(0)
            par.paragraph_format.alignment = ALIGN[cell.get("align", "left")]
            write_text(par, cell.get("t", ""), font, spec.get("size", 9), cell.get("bold"))
            if cell.get("shade"):
                shade(target, cell["shade"])


def add_images(doc, spec, charts):
    par = doc.add_paragraph()
    par.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for name in spec["images"]:
        par.add_run().add_picture(str(charts[name]), height=Mm(spec["height_mm"]))
        par.add_run("　　")


def build_docx(src, out):
    """Lay a JSON source out as a .docx: pages of paragraphs, ruled tables and charts."""
    doc = Document()
    sec = doc.sections[0]
    landscape = src["page"]["orientation"] == "landscape"
    sec.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    top, bottom, left, right = src["page"]["margins_mm"]
    sec.top_margin, sec.bottom_margin = Mm(top), Mm(bottom)
    sec.left_margin, sec.right_margin = Mm(left), Mm(right)
    font = src.get("font", "IPAexMincho")
    charts = {c["name"]: draw_chart(c) for c in src.get("charts", [])}
    for k, page in enumerate(src["pages"]):
        if k:
            doc.add_page_break()
        for block in page:
            if "p" in block:
                add_paragraph(doc, block, font)
            elif "table" in block:
                add_table(doc, block["table"], font)
            elif "images" in block:
                add_images(doc, block, charts)
    doc.core_properties.author = ""
    doc.core_properties.title = src.get("title", "")
    body = doc.element.body
    first = body[0]
    if first.tag == qn("w:p") and not first.xpath(".//w:t"):
        body.remove(first)
    doc.save(out)


def draw_chart(spec):
    """A bar chart of the sheet's own series, drawn the way the source sheet charts it."""
    w, h = 1100, 520
    img = Image.new("RGB", (w, h), "white")
    d = ImageDraw.Draw(img)
    f = ImageFont.truetype(GOTHIC, 24)
    fs = ImageFont.truetype(GOTHIC, 20)
    x0, y0, x1, y1 = 110, 60, w - 40, h - 70
    d.text((x0, 14), spec["title"], font=f, fill="black")
    steps = int(round(spec["ymax"] / spec["ystep"]))
    for k in range(steps + 1):
        v = k * spec["ystep"]
        y = y1 - (y1 - y0) * v / spec["ymax"]
        d.line([(x0, y), (x1, y)], fill=(200, 200, 200), width=1)
        d.text((x0 - 12, y), spec["fmt"].format(v) if spec["ystep"] < 1 else f"{v:.0f}",
               font=fs, fill="black", anchor="rm")
    n = len(spec["labels"])
    slot = (x1 - x0) / n
    for k, (lab, v) in enumerate(zip(spec["labels"], spec["values"])):
        cx = x0 + slot * (k + 0.5)
        d.text((cx, y1 + 12), lab, font=fs, fill="black", anchor="mt")
        if v is None:
            continue
        top = y1 - (y1 - y0) * v / spec["ymax"]
        d.rectangle([cx - slot * 0.28, top, cx + slot * 0.28, y1], fill=(90, 110, 170))
        d.text((cx, top - 6), spec["fmt"].format(v), font=fs, fill="black", anchor="mb")
    ty = y1 - (y1 - y0) * spec["target"] / spec["ymax"]
    for xx in range(x0, x1, 18):
        d.line([(xx, ty), (xx + 10, ty)], fill=(200, 30, 30), width=3)
    d.text((x1 - 4, ty - 6), spec["target_label"], font=fs, fill=(200, 30, 30), anchor="rb")
    d.rectangle([x0, y0, x1, y1], outline="black", width=2)
    out = WORK / f"{spec['name']}.png"
    img.save(out)
    return out


# ------------------------------------------------------------------- producers

def soffice_pdf(docx_path):
    profile = (WORK / "lo_profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(WORK), str(docx_path)],
                   check=True, capture_output=True, timeout=180)
    return WORK / (docx_path.stem + ".pdf")


def chromium_pdf(html_path, out):
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                    f"--user-data-dir={WORK / 'chrome'}", "--no-pdf-header-footer",
                    f"--print-to-pdf={out}", html_path.as_uri()],
                   check=True, capture_output=True, timeout=180)
    return out


def json_to_pdf(doc_id):
    src = json.loads((SRC / f"{doc_id}.json").read_text())
    docx_path = WORK / f"{doc_id}.docx"
    build_docx(src, docx_path)
    return soffice_pdf(docx_path)



# --------------------------------------------------------------- scan effects

def render(pdf_path, dpi):
    """Pages of a PDF as grayscale PIL images at `dpi`."""
    doc = pymupdf.open(pdf_path)
    pages = []
    for page in doc:
        pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
        pages.append(Image.frombytes("L", (pix.width, pix.height), pix.samples))
    return pages


def paper(img, rng, tone=238, unevenness=10):
    """Grey paper with a faint uneven illumination, ink kept dark."""
    a = np.asarray(img, dtype=np.float32)
    h, w = a.shape
    yy, xx = np.mgrid[0:h, 0:w]
    cx, cy = rng.uniform(0.3, 0.7) * w, rng.uniform(0.3, 0.7) * h
    shade_ = unevenness * ((xx - cx) ** 2 + (yy - cy) ** 2) / (w * w + h * h)
    a = a / 255.0 * (tone - shade_) + (1 - a / 255.0) * 25
    a += rng.normal(0, 4.0, a.shape)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def speckle(img, rng, dots=1800, holes=900):
    """Toner specks on the paper and small drop-outs in the ink."""
    d = ImageDraw.Draw(img)
    w, h = img.size
    centres = [(rng.integers(0, w), rng.integers(0, h)) for _ in range(6)]
    for k in range(dots):
        if k % 3 == 0:
            cx, cy = centres[k % len(centres)]
            x, y = int(cx + rng.normal(0, w * 0.03)), int(cy + rng.normal(0, h * 0.03))
        else:
            x, y = rng.integers(0, w), rng.integers(0, h)
        r = rng.uniform(0.3, 1.3)
        g = int(rng.integers(30, 140))
        d.ellipse([x - r, y - r, x + r, y + r], fill=g)
    for _ in range(holes):
        x, y, r = rng.integers(0, w), rng.integers(0, h), rng.uniform(0.4, 1.0)
        d.ellipse([x - r, y - r, x + r, y + r], fill=230)
    return img


def skew(img, angle):
    return img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=236)


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


def stamp(img, rng, text, xy, size):
    """A rubber stamp, slightly tilted and unevenly inked."""
    layer = Image.new("L", (size * 2, size), 0)
    d = ImageDraw.Draw(layer)
    d.rounded_rectangle([4, 4, size * 2 - 5, size - 5], radius=10, outline=255, width=7)
    f = ImageFont.truetype(GOTHIC, int(size * 0.62))
    d.text((size, size / 2), text, font=f, fill=255, anchor="mm")
    layer = layer.rotate(rng.uniform(-9, -4), expand=True, fillcolor=0)
    noise = (np.asarray(layer, dtype=np.float32) * rng.uniform(0.45, 1.0, (layer.size[1], layer.size[0])))
    mask = Image.fromarray(np.clip(noise, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.8))
    ink = Image.new("L", mask.size, 70)
    img.paste(ink, xy, mask)


def margin_marks(img, rng, ticks):
    """A pen tick beside rows someone checked, and the shadow of two punch holes."""
    d = ImageDraw.Draw(img)
    w, h = img.size
    for x, y in ticks:
        pts = [(x, y), (x + 14, y + 16), (x + 40, y - 22)]
        d.line(pts, fill=55, width=4, joint="curve")
    for fy in (0.36, 0.64):
        cy = int(h * fy)
        d.ellipse([18, cy - 22, 62, cy + 22], fill=200)
        d.ellipse([24, cy - 16, 56, cy + 16], fill=246)


# ------------------------------------------------------------------ documents

def build_nagasakiken_gijiroku(doc_id):
    """Council minutes in running prose: a text PDF straight from LibreOffice."""
    shutil.copy(json_to_pdf(doc_id), PDF / f"{doc_id}.pdf")


def build_anjo_ocrscan(doc_id):
    """Ruled table → 300 dpi scan, 0.8° skew, speckle, JPEG q55 → ocrmypdf layer."""
    rng = np.random.default_rng(17)
    pages = render(json_to_pdf(doc_id), 300)
    jpegs = []
    for img in pages:
        img = speckle(skew(paper(img, rng), 0.8), rng, dots=500, holes=700)
        jpegs.append(jpeg_bytes(img, 55, 300))
    raw = images_to_pdf(jpegs, 300, WORK / f"{doc_id}-image.pdf", "成果指標一覧")
    subprocess.run(["ocrmypdf", "-l", "jpn", "--force-ocr", str(raw), str(PDF / f"{doc_id}.pdf")],
                   check=True, capture_output=True, timeout=600)


def build_komoro_tessscan(doc_id):
    """Year-column sheets → 200 dpi scan with a slight blur → Tesseract's own PDF."""
    rng = np.random.default_rng(23)
    pages = render(json_to_pdf(doc_id), 200)
    parts = []
    for k, img in enumerate(pages):
        img = paper(img, rng).filter(ImageFilter.GaussianBlur(0.7))
        img = speckle(skew(img, (-0.5, 0.4)[k % 2]), rng, dots=250, holes=200)
        jpg = WORK / f"{doc_id}-{k + 1}.jpg"
        jpg.write_bytes(jpeg_bytes(img, 70, 200))
        base = WORK / f"{doc_id}-{k + 1}"
        subprocess.run(["tesseract", str(jpg), str(base), "-l", "jpn", "pdf"],
                       check=True, capture_output=True, timeout=600)
        parts.append(base.with_suffix(".pdf"))
    out = pymupdf.open()
    for part in parts:
        out.insert_pdf(pymupdf.open(part))
    out.save(PDF / f"{doc_id}.pdf", garbage=3, deflate=True)


def build_uda_imagescan(doc_id):
    """Evaluation sheet → 170 dpi grey scan, skew, 写 stamp, ticks, JPEG q60, no text layer."""
    rng = np.random.default_rng(31)
    dpi = 170
    flat = json_to_pdf(doc_id)
    spans = [s for b in pymupdf.open(flat)[0].get_text("dict")["blocks"]
             for l in b.get("lines", []) for s in l["spans"] if s["text"] == "達成状況評価"]
    ticks = [(max(6, int(s["bbox"][0] * dpi / 72) - 78), int((s["bbox"][1] + s["bbox"][3]) / 2 * dpi / 72))
             for s in spans[:2]]
    pages = render(flat, dpi)
    jpegs = []
    for img in pages:
        img = paper(img, rng, tone=234, unevenness=16)
        w, h = img.size
        stamp(img, rng, "写", (int(w * 0.83), int(h * 0.035)), 70)
        margin_marks(img, rng, ticks)
        img = speckle(skew(img, -1.2), rng, dots=350, holes=300).filter(ImageFilter.GaussianBlur(0.45))
        jpegs.append(jpeg_bytes(img, 60, dpi))
    images_to_pdf(jpegs, dpi, PDF / f"{doc_id}.pdf", "数値目標評価シート")


def build_minakami_rotated(doc_id):
    """Landscape sheets drawn on portrait pages and turned with /Rotate 90."""
    flat = chromium_pdf(SRC / f"{doc_id}.html", WORK / f"{doc_id}-flat.pdf")
    src = pymupdf.open(flat)
    out = pymupdf.open()
    for k in range(len(src)):
        w, h = src[k].rect.width, src[k].rect.height
        page = out.new_page(width=h, height=w)
        page.show_pdf_page(page.rect, src, k, rotate=90)
        page.set_rotation(90)
    out.set_metadata({"title": "施策マネジメントシート(平成27年度の振り返り、総括)",
                      "creator": "Chromium", "producer": "Skia/PDF; rotated with PyMuPDF"})
    out.save(PDF / f"{doc_id}.pdf", garbage=3, deflate=True)


def build_ibarakiken_marks(doc_id):
    """Progress sheet with marked values: a text PDF from Chromium."""
    chromium_pdf(SRC / f"{doc_id}.html", PDF / f"{doc_id}.pdf")


BUILDERS = {
    "nagasakiken-gijiroku": build_nagasakiken_gijiroku,
    "anjo-ocrscan": build_anjo_ocrscan,
    "komoro-tessscan": build_komoro_tessscan,
    "uda-imagescan": build_uda_imagescan,
    "minakami-rotated": build_minakami_rotated,
    "ibarakiken-marks": build_ibarakiken_marks,
}
TEXT_BORN = {"nagasakiken-gijiroku", "minakami-rotated", "ibarakiken-marks"}


# --------------------------------------------------------------------- checks

def squash(text):
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s,]", "", text)


def spellings(value):
    """The ways a gold number may be printed: 1,137,343 / 23.5 / 0.90 / 34.0."""
    if float(value).is_integer():
        return {str(int(value))}
    s = repr(float(value))
    return {s, s + "0"}


def check(doc_id):
    """Opens with pymupdf; in a text-born PDF every gold value is in the text."""
    doc = pymupdf.open(PDF / f"{doc_id}.pdf")
    text = squash("".join(p.get_text() for p in doc))
    gold = json.loads((GOLD / f"{doc_id}.json").read_text())
    missing = []
    if doc_id in TEXT_BORN:
        for rec in gold["records"]:
            if squash(rec["indicator"]) not in text:
                missing.append(rec["indicator"])
            for f in rec["facts"]:
                wanted = spellings(f["value"]) if "value" in f else {squash(f["text"])}
                if not any(w in text for w in wanted):
                    missing.append(f"{rec['indicator']}: {f}")
    size = (PDF / f"{doc_id}.pdf").stat().st_size
    rot = [p.rotation for p in doc]
    print(f"{doc_id:24s} pages {len(doc)} rotation {rot} size {size // 1024} KiB "
          f"text chars {len(text)} missing {len(missing)}")
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
