#!/usr/bin/env python3
"""Rebuild the four j-series corpus PDFs (KPIs outside ruled tables) from src/.

    python3 build_j.py                      # all four, then check them against gold/
    python3 build_j.py okayama-seika        # one

Each document is laid out from its source, src/<doc_id>.json or src/<doc_id>.html
(sources_j.md names the public page each comes from), by one of four producers:

- reportlab canvas                         (okayama-seika: an unruled list whose columns sit at tab stops)
- reportlab platypus                       (mizunami-gijiroku: a council Q&A report in prose)
- JSON -> HTML -> headless Chromium        (ohira-keikaku: 目標1-5 headings with 参考 notes)
- HTML -> headless Chromium --print-to-pdf (yuki-gijiroku: council-minutes search hits in prose)

(LibreOffice, python-docx and odfpy were not on the machine these were built on, so the
j-series uses the two producers that were.)  The generated .html goes to a build_j folder
under the temporary directory; only pdf/<doc_id>.pdf is written into the corpus.  Needs
reportlab, pymupdf, Chromium and the IPAex fonts (fonts-ipaexfont).
"""
import sys
import tempfile
from pathlib import Path

from build_common import (
    GOTHIC,
    MINCHO,
    PDF,
    SRC,
    build_and_check,
    check_ipaex,
    chromium_pdf,
    esc,
    load,
    register_ipaex,
)

WORK = Path(tempfile.gettempdir()) / "build_j"


# ------------------------------------------------------------------- producers

# ------------------------------------------------------------- reportlab layer

def build_okayama_seika(doc_id):
    """An unruled indicator list: columns set at tab stops, each row followed by its 考え方 and 資料."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas
    register_ipaex()
    src = load(doc_id)
    top, bottom, left, right = src["page"]["margins_mm"]
    width, height = A4
    c = canvas.Canvas(str(PDF / f"{doc_id}.pdf"), pagesize=A4)
    c.setAuthor("")
    c.setTitle("")
    stops = [left * mm] + [(left + t) * mm for t in src["tabs_mm"]]
    y = height - top * mm

    def line(cells, font, size, gap):
        nonlocal y
        c.setFont(font, size)
        for x, cell in zip(stops, cells):
            if cell:
                c.drawString(x, y, cell)
        y -= gap

    def wrapped(text, font, size, indent, gap):
        nonlocal y
        from reportlab.pdfbase.pdfmetrics import stringWidth
        c.setFont(font, size)
        room = width - right * mm - (left * mm + indent)
        cur = ""
        for ch in text:
            if stringWidth(cur + ch, font, size) > room:
                c.drawString(left * mm + indent, y, cur)
                y -= gap
                cur = ""
            cur += ch
        if cur:
            c.drawString(left * mm + indent, y, cur)
            y -= gap

    for group in src["groups"]:
        head = [h.split("\n")[0] for h in src["header"]]
        years = [h.split("\n")[1] if "\n" in h else "" for h in src["header"]]
        line(head, GOTHIC, 9, 12)
        line(years, GOTHIC, 8.5, 16)
        for item in group:
            row = item["row"]
            # a long target is set in a smaller size so that it stays inside its tab column
            c.setFont(MINCHO, 9)
            c.drawString(stops[0], y, row[0])
            c.drawString(stops[1], y, row[1])
            c.setFont(MINCHO, 7 if any(len(v) > 8 for v in row[2:]) else 9)
            for x, v in zip(stops[2:], row[2:]):
                c.drawString(x, y, v)
            y -= 13
            wrapped(item["note"], MINCHO, 7.8, 4 * mm, 11)
            wrapped(item["source"], MINCHO, 7.8, 4 * mm, 11)
            y -= 7
        y -= 10
    c.showPage()
    c.save()


def build_mizunami_gijiroku(doc_id):
    """A local news blog's report of a council general question: speaker, then the words."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle as PS
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer
    register_ipaex()
    d = load(doc_id)
    base = PS("b", fontName=MINCHO, fontSize=10.5, leading=17)
    date = PS("d", parent=base, fontName=GOTHIC, fontSize=9, textColor=colors.HexColor("#666666"))
    title = PS("t", parent=base, fontName=GOTHIC, fontSize=14, leading=20, spaceBefore=2, spaceAfter=8)
    lead = PS("l", parent=base, fontName=GOTHIC, spaceAfter=6)
    who = PS("w", parent=base, fontName=GOTHIC, fontSize=10, spaceBefore=6, textColor=colors.HexColor("#1b4f72"))
    said = PS("s", parent=base, leftIndent=4 * mm, spaceAfter=2)

    def esc(t):
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")

    story = [Paragraph(esc(d["date"]), date), Paragraph(esc(d["title"]), title), Paragraph(esc(d["lead"]), lead),
             Spacer(0, 2 * mm)]
    for speaker, words in d["turns"]:
        story += [Paragraph(esc(speaker), who), Paragraph(esc(words), said)]
    SimpleDocTemplate(str(PDF / f"{doc_id}.pdf"), pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm,
                      topMargin=20 * mm, bottomMargin=20 * mm, title=d["title"], author="").build(story)


# -------------------------------------------------------------- Chromium layer

def build_ohira_keikaku(doc_id):
    """A web page's action plan: 目標1-5 headings, each with its sentence, 参考 note and 取組."""
    d = load(doc_id)
    parts = ['<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8">',
             f"<title>{esc(d['title'])}</title><style>",
             "@page { size: A4; margin: 20mm 22mm; }",
             "body { font-family: 'IPAexMincho', serif; font-size: 10.5pt; line-height: 1.7; }",
             ".label { font-family: 'IPAexGothic'; font-size: 9pt; color: #555; }",
             "h1 { font-family: 'IPAexGothic'; font-size: 15pt; margin: 2mm 0 6mm; }",
             "h2 { font-family: 'IPAexGothic'; font-size: 12pt; border-bottom: 1px solid #8aa; margin: 6mm 0 3mm; }",
             "h3 { font-family: 'IPAexGothic'; font-size: 10.5pt; margin: 4mm 0 1mm; }",
             "p { margin: 0 0 1mm 4mm; } p.ref { font-size: 9.5pt; color: #333; }",
             "p.link { color: #1a4e8a; text-decoration: underline; }",
             "</style></head><body>", '<div class="label">本文</div>', f"<h1>{esc(d['title'])}</h1>",
             f"<h2>{esc(d['head'])}</h2>"]
    for g in d["goals"]:
        parts += [f"<h3>{esc(g['no'])}</h3>", f"<p>{esc(g['text'])}</p>"]
        if g["ref"]:
            parts.append(f'<p class="ref">{esc(g["ref"])}</p>')
        parts.append(f'<p class="ref">{esc(g["act"])}</p>')
    parts.append(f"<h2>{esc(d['tail_head'])}</h2>")
    parts += [f'<p class="link">{esc(t)}</p>' for t in d["tail"]]
    parts.append("</body></html>")
    html = WORK / f"{doc_id}.html"
    html.write_text("\n".join(parts), encoding="utf-8")
    chromium_pdf(html, PDF / f"{doc_id}.pdf")


def build_yuki_gijiroku(doc_id):
    """Council-minutes search hits: the meeting header, then three passages in prose."""
    chromium_pdf(SRC / f"{doc_id}.html", PDF / f"{doc_id}.pdf")


BUILDERS = {
    "okayama-seika": build_okayama_seika,
    "ohira-keikaku": build_ohira_keikaku,
    "mizunami-gijiroku": build_mizunami_gijiroku,
    "yuki-gijiroku": build_yuki_gijiroku,
}



if __name__ == "__main__":
    WORK.mkdir(parents=True, exist_ok=True)
    sys.exit(build_and_check(BUILDERS, sys.argv[1:] or list(BUILDERS), check_ipaex))
