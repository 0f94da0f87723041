#!/usr/bin/env python3
"""Rebuild the five k-series corpus PDFs (year grids, evaluation sheets, a graded table, prose) from src/.

    python3 build_k.py                      # all five, then check them against gold/
    python3 build_k.py sakuragawa-hyoka     # one

Each document is laid out from its source, src/<doc_id>.json or src/<doc_id>.html
(sources_k.md names the public page each comes from), by one of four producers:

- reportlab platypus Table, A4 landscape    (sakuragawa-hyoka: a sheet whose years are columns,
                                             目標値 / 実績値 rows per indicator, spans)
- reportlab canvas, rules drawn by hand     (mumei-bousaihyoka: a 基本施策 sheet, H23-H27 columns,
                                             目標値 / 実績値 / 達成率 rows, ⇧ marks)
- JSON -> HTML -> headless Chromium         (kurume-kensho: a newsletter page with a wide
                                             基準値 / 目標値 / 実績値 / 評価区分 table, landscape)
- HTML -> headless Chromium --print-to-pdf  (izumiotsu-hyoka: an evaluation sheet, label cells)
- PyMuPDF Story (HTML + CSS -> PDF)         (sano-hyoka: a web page in prose)

The generated .html goes to a build_k folder under the temporary directory; only
pdf/<doc_id>.pdf is written into the corpus.  Needs reportlab, pymupdf, Chromium and the
IPAex fonts (fonts-ipaexfont).
"""
import sys
import tempfile
from pathlib import Path

from build_common import (
    GOTHIC,
    GOTHIC_TTF,
    MINCHO,
    MINCHO_TTF,
    PDF,
    SRC,
    build_and_check,
    check_ipaex,
    chromium_pdf,
    esc,
    load,
    register_ipaex,
    story_pdf,
)

WORK = Path(tempfile.gettempdir()) / "build_k"


# ------------------------------------------------------------ reportlab platypus

def build_sakuragawa_hyoka(doc_id):
    """A 施策評価マネジメントシート: head cells, then 対象 and 成果 grids with years as columns."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
    register_ipaex()
    d = load(doc_id)
    cell = ParagraphStyle("cell", fontName=MINCHO, fontSize=8, leading=10)
    lab = ParagraphStyle("lab", fontName=GOTHIC, fontSize=8, leading=10)
    small = ParagraphStyle("small", fontName=GOTHIC, fontSize=8.5, leading=11)
    title = ParagraphStyle("title", fontName=GOTHIC, fontSize=13, leading=17, alignment=1)
    shade = colors.HexColor("#e4e4e4")

    def p(text, style=cell):
        return Paragraph(esc(text), style)

    head = Table([[p(c, lab if i % 2 == 0 else cell) for i, c in enumerate(r)] for r in d["head"]],
                 colWidths=[18 * mm, 14 * mm, 16 * mm, 90 * mm, 22 * mm, 80 * mm])
    head.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("SPAN", (0, 0), (0, 2)), ("SPAN", (1, 0), (1, 2)), ("SPAN", (2, 1), (2, 2)),
        ("SPAN", (3, 1), (3, 2)),
        ("BACKGROUND", (0, 0), (0, -1), shade), ("BACKGROUND", (2, 0), (2, -1), shade),
        ("BACKGROUND", (4, 0), (4, -1), shade), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))

    def grid(part, first, second, labels):
        """Rows: a label cell spanning the part, the indicator, its unit, 区分, one cell a year."""
        rows = [[p(part["label"], lab), p(first, lab), p("単位", lab), p("区分", lab)]
                + [p(y, lab) for y in d["years"]]]
        for r in part["rows"]:
            rows.append([p(part["text"]), p(r["name"]), p(r["unit"]), p(labels[0], lab)]
                        + [Paragraph(esc(v), ParagraphStyle("n", parent=cell, alignment=2))
                           for v in r["plan"]])
            rows.append(["", "", "", p(labels[1], lab)]
                        + [Paragraph(esc(v), ParagraphStyle("n", parent=cell, alignment=2))
                           for v in r["result"]])
        style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                 ("BACKGROUND", (0, 0), (-1, 0), shade), ("BACKGROUND", (3, 1), (3, -1), shade),
                 ("SPAN", (0, 1), (0, -1)), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        for i in range(len(part["rows"])):
            top = 1 + 2 * i
            style += [("SPAN", (1, top), (1, top + 1)), ("SPAN", (2, top), (2, top + 1))]
        t = Table(rows, colWidths=[34 * mm, 62 * mm, 12 * mm, 14 * mm] + [19 * mm] * len(d["years"]))
        t.setStyle(TableStyle(style))
        return t

    obj = d["object"]
    plan_label = obj["rows"][0]["plan_label"]
    notes = Table([[p(k, lab), p(v)] for k, v in d["notes"]], colWidths=[40 * mm, 234 * mm])
    notes.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                               ("BACKGROUND", (0, 0), (0, -1), shade),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    story = [Paragraph(esc(d["system"]), small), Paragraph(esc(d["title"]), title),
             Paragraph(esc(d["dated"]), ParagraphStyle("r", parent=small, alignment=2)),
             Spacer(0, 2 * mm), head, Spacer(0, 3 * mm), Paragraph(esc(d["section"]), small),
             Spacer(0, 1 * mm), grid(obj, "対象指標名", "単位", (plan_label, "実績値")),
             Spacer(0, 2 * mm), grid(d["outcome"], "成果指標名", "単位", ("目標値", "実績値")),
             Spacer(0, 2 * mm), notes]
    SimpleDocTemplate(str(PDF / f"{doc_id}.pdf"), pagesize=landscape(A4), leftMargin=11 * mm,
                      rightMargin=11 * mm, topMargin=10 * mm, bottomMargin=10 * mm,
                      title=d["title"], author="").build(story)


# -------------------------------------------------------------- reportlab canvas

def build_mumei_bousaihyoka(doc_id):
    """A 基本施策 evaluation page: label lines, then a ruled grid drawn cell by cell."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas
    register_ipaex()
    d = load(doc_id)
    width, height = A4
    left, right = 18 * mm, width - 18 * mm
    c = canvas.Canvas(str(PDF / f"{doc_id}.pdf"), pagesize=A4)
    c.setTitle(d["title"])
    c.setAuthor("")
    y = height - 20 * mm

    def text(x, s, font=MINCHO, size=9.5):
        c.setFont(font, size)
        c.drawString(x, y, s)

    def wrapped(s, x, font=MINCHO, size=9.5, gap=14):
        nonlocal y
        c.setFont(font, size)
        line = ""
        for ch in s:
            if stringWidth(line + ch, font, size) > right - x:
                c.drawString(x, y, line)
                y -= gap
                line = ""
            line += ch
        if line:
            c.drawString(x, y, line)
        y -= gap

    text(left, d["title"], GOTHIC, 13)
    c.setFont(GOTHIC, 9.5)
    c.drawRightString(right, y, d["owner"])
    y -= 20
    text(left, "個別施策", GOTHIC)
    for no, name in d["subs"]:
        text(left + 20 * mm, no, GOTHIC)
        text(left + 36 * mm, name)
        y -= 14
    y -= 4
    for label, body in ((d["aim_label"], d["aim"]),):
        text(left, label, GOTHIC, 10)
        y -= 14
        wrapped(body, left + 6 * mm)
    text(left, d["grade_label"], GOTHIC, 10)
    y -= 18
    c.rect(left + 6 * mm, y - 4, 16 * mm, 16, stroke=1, fill=0)
    c.setFont(GOTHIC, 12)
    c.drawCentredString(left + 14 * mm, y, d["grade"])
    text(left + 26 * mm, d["grade_text"])
    y -= 22
    wrapped(d["kpi_label"], left, GOTHIC, 9.5)
    y -= 2

    # the grid: 指標名 | 基準値(時期) | mark | 区分 | H23 … H27
    cols = [left, left + 44 * mm, left + 66 * mm, left + 74 * mm, left + 90 * mm]
    step = (right - cols[-1]) / len(d["years"])
    cols += [cols[-1] + step * (i + 1) for i in range(len(d["years"]))]
    row_h = 15
    top = y + 10
    heads = ["指標名", "基準値\n(時期)", "", "区分"] + d["years"]
    rows = 1 + 3 * len(d["kpis"])
    c.setLineWidth(0.6)
    c.setFillGray(0.88)
    c.rect(cols[0], top - 2 * row_h, right - cols[0], 2 * row_h, stroke=0, fill=1)
    c.setFillGray(0)
    for i, h in enumerate(heads):
        parts = h.split("\n")
        for k, part in enumerate(parts):
            c.setFont(GOTHIC, 8.5)
            c.drawCentredString((cols[i] + cols[i + 1]) / 2, top - row_h + 4 - (k - (len(parts) - 1) / 2) * 10, part)
    bottom = top - 2 * row_h - (rows - 1) * row_h
    for x in cols:
        c.line(x, top, x, bottom)
    c.line(cols[0], top, right, top)
    c.line(cols[0], top - 2 * row_h, right, top - 2 * row_h)
    for n, kpi in enumerate(d["kpis"]):
        band = top - 2 * row_h - 3 * n * row_h
        for k, (label, values) in enumerate((("目標値", kpi["target"]), ("実績値", kpi["actual"]),
                                             ("達成率", kpi["rate"]))):
            base = band - (k + 1) * row_h + 4
            c.setFont(GOTHIC, 8.5)
            c.drawCentredString((cols[3] + cols[4]) / 2, base, label)
            c.setFont(MINCHO, 9)
            for i, v in enumerate(values):
                c.drawRightString(cols[5 + i] - 3, base, v)
            if k < 2:
                c.line(cols[3], band - (k + 1) * row_h, right, band - (k + 1) * row_h)
        c.line(cols[0], band - 3 * row_h, right, band - 3 * row_h)
        name_lines = []
        line = ""
        for ch in kpi["name"]:
            if stringWidth(line + ch, MINCHO, 9) > cols[1] - cols[0] - 6:
                name_lines.append(line)
                line = ""
            line += ch
        name_lines.append(line)
        mid = band - 1.5 * row_h
        c.setFont(MINCHO, 9)
        for k, s in enumerate(name_lines):
            c.drawString(cols[0] + 3, mid + 4 - (k - (len(name_lines) - 1) / 2) * 11, s)
        c.drawCentredString((cols[1] + cols[2]) / 2, mid + 6, kpi["base"])
        c.drawCentredString((cols[1] + cols[2]) / 2, mid - 6, kpi["when"])
        c.setFont(GOTHIC, 11)
        c.drawCentredString((cols[2] + cols[3]) / 2, mid - 3, kpi["arrow"])
    y = bottom - 22
    text(left, d["check_label"], GOTHIC, 10)
    y -= 14
    wrapped(d["check"], left + 6 * mm)
    text(left, d["opinion_label"], GOTHIC, 10)
    y -= 14
    for op in d["opinions"]:
        text(left + 6 * mm, "○")
        wrapped(op, left + 11 * mm)
    c.showPage()
    c.save()


# ------------------------------------------------------------------- Chromium

KURUME_CSS = """
@page { size: A4 landscape; margin: 14mm 16mm; }
body { font-family: 'IPAexGothic'; font-size: 10pt; line-height: 1.6; color: #222; }
.crumb { font-size: 8.5pt; color: #555; margin-bottom: 3mm; }
h1 { font-size: 15pt; border-left: 5px solid #2a6f3f; padding-left: 3mm; margin: 0 0 3mm; }
h2 { font-size: 12pt; color: #2a6f3f; margin: 3mm 0 1mm; }
.sub { font-weight: bold; margin: 0 0 2mm; }
h3 { font-size: 10.5pt; background: #eef5ee; padding: 0.6mm 2mm; margin: 3mm 0 1mm; }
p { margin: 0 0 1mm; font-family: 'IPAexMincho'; }
table { border-collapse: collapse; width: 100%; margin-top: 2mm; }
th { background: #2a6f3f; color: #fff; font-weight: normal; padding: 1.5mm 2mm; border: 0.6pt solid #2a6f3f; }
td { border: 0.6pt solid #777; padding: 1.5mm 2mm; font-family: 'IPAexMincho'; }
tr:nth-child(odd) td { background: #f6f9f6; }
td.no { text-align: center; width: 8mm; }
td.v { text-align: right; white-space: nowrap; }
td.g { text-align: center; font-family: 'IPAexGothic'; font-size: 13pt; font-weight: bold; width: 18mm; }
"""


def build_kurume_kensho(doc_id):
    """A city newsletter page: headings, prose, and a wide table ending in a 評価区分 column."""
    d = load(doc_id)
    parts = ['<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8">',
             f"<title>{esc(d['title'])}</title><style>{KURUME_CSS}</style></head><body>",
             f'<div class="crumb">{esc(d["crumb"])}</div>', f"<h1>{esc(d['title'])}</h1>",
             f"<h2>{esc(d['head'])}</h2>", f'<div class="sub">{esc(d["sub"])}</div>',
             f"<p>{esc(d['lead'])}</p>"]
    for head, paras in d["sections"]:
        parts.append(f"<h3>{esc(head)}</h3>")
        parts += [f"<p>{esc(t)}</p>" for t in paras]
    parts.append(f"<h3>{esc(d['table_head'])}</h3><table><tr>")
    parts += [f"<th>{esc(h)}</th>" for h in d["columns"]]
    parts.append("</tr>")
    for row in d["rows"]:
        no, name, *values, grade = row
        parts.append(f'<tr><td class="no">{esc(no)}</td><td>{esc(name)}</td>')
        parts += [f'<td class="v">{esc(v)}</td>' for v in values]
        parts.append(f'<td class="g">{esc(grade)}</td></tr>')
    parts.append(f"</table><p>{esc(d['tail'])}</p></body></html>")
    html = WORK / f"{doc_id}.html"
    html.write_text("\n".join(parts), encoding="utf-8")
    chromium_pdf(html, PDF / f"{doc_id}.pdf")


def build_izumiotsu_hyoka(doc_id):
    """An evaluation sheet written as HTML: label cells, 目標 / 実績 rows, a grade box."""
    chromium_pdf(SRC / f"{doc_id}.html", PDF / f"{doc_id}.pdf")


# ------------------------------------------------------------- PyMuPDF Story

SANO_CSS = f"""
@font-face {{ font-family: ipag; src: url({Path(GOTHIC_TTF).name}); }}
@font-face {{ font-family: ipam; src: url({Path(MINCHO_TTF).name}); }}
body {{ font-family: ipam; font-size: 10.5pt; line-height: 1.7; }}
div.crumb {{ font-family: ipag; font-size: 8.5pt; color: #666666; margin-bottom: 6pt; }}
h1 {{ font-family: ipag; font-size: 15pt; margin-bottom: 10pt; }}
h2 {{ font-family: ipag; font-size: 11.5pt; margin: 4pt 0 6pt 0; }}
p {{ margin: 0 0 7pt 0; text-indent: 1em; }}
"""


def build_sano_hyoka(doc_id):
    """The city's web page explaining its evaluation, one worked example in prose."""
    story_pdf(doc_id, SANO_CSS, (64, 60, -64, -60), "目標達成度評価の考え方")


BUILDERS = {
    "sakuragawa-hyoka": build_sakuragawa_hyoka,
    "mumei-bousaihyoka": build_mumei_bousaihyoka,
    "kurume-kensho": build_kurume_kensho,
    "izumiotsu-hyoka": build_izumiotsu_hyoka,
    "sano-hyoka": build_sano_hyoka,
}


if __name__ == "__main__":
    WORK.mkdir(parents=True, exist_ok=True)
    sys.exit(build_and_check(BUILDERS, sys.argv[1:] or list(BUILDERS), check_ipaex))
