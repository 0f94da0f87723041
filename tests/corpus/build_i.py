#!/usr/bin/env python3
"""Rebuild the i-series corpus PDFs (tables and forms of four more municipalities) from src/.

    python3 build_i.py                      # all of them, then check them against gold/
    python3 build_i.py tsukuba-hyoka        # one

Each document is laid out from its source, src/<doc_id>.json or src/<doc_id>.html
(sources_i.md names the public page each comes from), by one of three producers:

- reportlab platypus Table                 (izumo-kensho)
- HTML -> headless Chromium --print-to-pdf (tsukuba-hyoka, mumei-seikashihyo; A4 landscape)
- PyMuPDF Story (HTML + CSS -> PDF)        (fuji-seibi; a labelled list, no table)

Only pdf/<doc_id>.pdf is written into the corpus.  Needs reportlab, pymupdf, Chromium
and the IPAex fonts (fonts-ipaexfont).
"""
import sys
from pathlib import Path

from build_common import (
    GOTHIC_TTF,
    MINCHO_TTF,
    PDF,
    SRC,
    build_and_check,
    chromium_pdf,
    gold,
    load,
    off_their_page,
    squash,
    story_pdf,
)


# ------------------------------------------------------------------- Chromium

def build_chromium(doc_id):
    chromium_pdf(SRC / f"{doc_id}.html", PDF / f"{doc_id}.pdf")


# ------------------------------------------------------------------ reportlab

def esc(text):
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\n", "<br/>"))


def build_izumo_kensho(doc_id):
    """A ruled four-column table: 数値目標 / 目標(H27~H31) / H28実績値 / 備考, header shaded."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    for name, ttf in (("IPAexGothic", GOTHIC_TTF), ("IPAexMincho", MINCHO_TTF)):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, ttf))
    src = load(doc_id)
    out = PDF / f"{doc_id}.pdf"
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=src["title"], author="",
                            initialFontName="IPAexMincho", initialFontSize=10)
    tag = ParagraphStyle("tag", fontName="IPAexGothic", fontSize=10, alignment=2)
    title = ParagraphStyle("title", fontName="IPAexGothic", fontSize=13, leading=19, spaceAfter=8)
    sec = ParagraphStyle("sec", fontName="IPAexGothic", fontSize=11, leading=16, spaceBefore=6,
                         spaceAfter=5)
    cell = ParagraphStyle("cell", fontName="IPAexMincho", fontSize=10, leading=14)
    cellr = ParagraphStyle("cellr", parent=cell, alignment=2)
    head = ParagraphStyle("head", fontName="IPAexGothic", fontSize=10, leading=13, alignment=1)
    rows = [[Paragraph(esc(h), head) for h in src["header"]]]
    for r in src["rows"]:
        rows.append([Paragraph(esc(r[0]), cell), Paragraph(esc(r[1]), cellr),
                     Paragraph(esc(r[2]), cellr), Paragraph(esc(r[3]), cell)])
    table = Table(rows, colWidths=[w * mm for w in src["widths_mm"]], repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.7, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde5f0")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    doc.build([Paragraph(esc(src["tag"]), tag), Paragraph(esc(src["title"]), title),
               Paragraph(esc(src["section"]), sec), Spacer(1, 2 * mm), table])


# ------------------------------------------------------------- PyMuPDF Story

FUJI_CSS = f"""
@font-face {{ font-family: ipag; src: url({Path(GOTHIC_TTF).name}); }}
@font-face {{ font-family: ipam; src: url({Path(MINCHO_TTF).name}); }}
body {{ font-family: ipam; font-size: 10pt; line-height: 1.5; }}
h1 {{ font-family: ipag; font-size: 14pt; margin-bottom: 8pt; }}
p.lead {{ margin: 0 0 5pt 0; }}
p.item {{ margin: 0 0 6pt 0; }}
span.lab {{ font-family: ipag; }}
"""


def build_fuji_seibi(doc_id):
    """The city's web page: 【label】 lines, each followed by its text, set by PyMuPDF Story."""
    story_pdf(doc_id, FUJI_CSS, (56, 56, -56, -56), "社会資本総合整備計画")


BUILDERS = {
    "izumo-kensho": build_izumo_kensho,
    "tsukuba-hyoka": build_chromium,
    "mumei-seikashihyo": build_chromium,
    "fuji-seibi": build_fuji_seibi,
}


# --------------------------------------------------------------------- checks

def check(doc_id):
    """The PDF opens, has text, embeds its fonts, and every gold indicator name is on its page."""
    import pymupdf
    doc = pymupdf.open(PDF / f"{doc_id}.pdf")
    text = squash("".join(p.get_text() for p in doc))
    fonts = {f[3] for p in doc for f in p.get_fonts(full=True)}
    drawn = {s["font"] for p in doc for b in p.get_text("dict")["blocks"]
             for line in b.get("lines", []) for s in line["spans"] if s["text"].strip()}
    # a font counts when it is not embedded, not a Type3 (Skia's rules) and draws text
    unembedded = [f for p in doc for f in p.get_fonts(full=True)
                  if f[1] in ("", "n/a") and f[2] != "Type3" and f[3].split("+")[-1] in drawn]
    labelled = gold(doc_id)
    missing = off_their_page(doc, labelled)
    records = labelled["records"]
    print(f"{doc_id:22s} pages {len(doc)} chars {len(text)} fonts {sorted(fonts)} "
          f"records {len(records)} facts {sum(len(r['facts']) for r in records)} "
          f"missing {len(missing)} unembedded {len(unembedded)}")
    for m in missing:
        print("   missing:", m)
    return bool(text) and not missing and not unembedded


if __name__ == "__main__":
    sys.exit(build_and_check(BUILDERS, sys.argv[1:] or list(BUILDERS), check))
