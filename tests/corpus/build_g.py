#!/usr/bin/env python3
"""Rebuild the seven g-series corpus PDFs (prose and list KPI statements) from src/.

    python3 build_g.py                      # all seven, then check them against gold/
    python3 build_g.py gunmaken-kaiken      # one

Each document is laid out from its source, src/<doc_id>.json or src/<doc_id>.html
(sources_g.md names the public page each comes from), by one of four producers:

- python-docx .docx -> LibreOffice Writer  (funabashi-gijiroku, urayasu-shihyo)
- odfpy .odt -> LibreOffice Writer         (urakawa-senryaku)
- HTML -> headless Chromium --print-to-pdf (fukushima-kanko, gunmaken-kaiken)
- reportlab platypus                       (tottoriken-happyo, naganoken-mokuhyo)

Intermediates (.docx, .odt) go to a build_g folder under the temporary directory;
only pdf/<doc_id>.pdf is written into the corpus.  Needs python-docx, odfpy,
reportlab, pymupdf, LibreOffice, Chromium and the IPAex fonts (fonts-ipaexfont).
"""
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SRC, PDF, GOLD = ROOT / "src", ROOT / "pdf", ROOT / "gold"
WORK = Path(tempfile.gettempdir()) / "build_g"
LO_PROFILE = Path(tempfile.gettempdir()) / "lo_profile_g"
GOTHIC, MINCHO = "IPAexGothic", "IPAexMincho"
GOTHIC_TTF = "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"
MINCHO_TTF = "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf"


def load(doc_id):
    return json.loads((SRC / f"{doc_id}.json").read_text(encoding="utf-8"))


# ------------------------------------------------------------------- producers

def soffice_pdf(path):
    """Convert an office file with a private LibreOffice profile; returns the PDF in WORK."""
    LO_PROFILE.mkdir(parents=True, exist_ok=True)
    subprocess.run(["soffice", f"-env:UserInstallation={LO_PROFILE.as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(WORK), str(path)],
                   check=True, capture_output=True, timeout=240)
    out = WORK / (path.stem + ".pdf")
    if not out.exists():
        raise RuntimeError(f"LibreOffice produced no PDF for {path}")
    return out


def chromium_pdf(html_path, out):
    profile = Path(tempfile.mkdtemp(prefix="chrome_g_"))
    try:
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", f"--user-data-dir={profile}", "--no-pdf-header-footer",
                        f"--print-to-pdf={out}", html_path.as_uri()],
                       check=True, capture_output=True, timeout=180)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return out


# ------------------------------------------------------------ python-docx layer

def _docx():
    from docx import Document
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt
    return Document, WD_CELL_VERTICAL_ALIGNMENT, WD_ALIGN_PARAGRAPH, OxmlElement, qn, Mm, Pt


def docx_font(run, font, size=None, bold=False):
    _, _, _, OxmlElement, qn, _, Pt = _docx()
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


def docx_text(par, text, font, size, bold=False):
    lines = str(text).split("\n")
    for i, line in enumerate(lines):
        run = par.add_run(line)
        docx_font(run, font, size, bold)
        if i < len(lines) - 1:
            run.add_break()


def docx_page(doc, spec):
    _, _, _, _, _, Mm, _ = _docx()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    top, bottom, left, right = spec["margins_mm"]
    sec.top_margin, sec.bottom_margin = Mm(top), Mm(bottom)
    sec.left_margin, sec.right_margin = Mm(left), Mm(right)


def docx_save(doc, out, title):
    _, _, _, _, qn, _, _ = _docx()
    doc.core_properties.author = ""
    doc.core_properties.title = title
    body = doc.element.body
    if body[0].tag == qn("w:p") and not body[0].xpath(".//w:t"):
        body.remove(body[0])
    doc.save(out)


def build_funabashi_gijiroku(doc_id):
    """Committee record: header, agenda table, then the KPI passage in running prose."""
    Document, VCENTER, ALIGN, OxmlElement, qn, Mm, Pt = _docx()
    align = {"left": ALIGN.LEFT, "center": ALIGN.CENTER, "right": ALIGN.RIGHT, "justify": ALIGN.JUSTIFY}
    src = load(doc_id)
    doc = Document()
    docx_page(doc, src["page"])
    font = src["font"]
    for block in src["pages"][0]:
        if "p" in block:
            par = doc.add_paragraph()
            fmt = par.paragraph_format
            fmt.space_before = Pt(block.get("space_before", 0))
            fmt.space_after = Pt(block.get("space_after", 2))
            fmt.alignment = align[block.get("align", "justify")]
            docx_text(par, block["p"], font, block.get("size", 10.5), block.get("bold"))
        else:
            spec = block["table"]
            rows, widths = spec["rows"], spec["widths_mm"]
            table = doc.add_table(rows=len(rows), cols=len(widths))
            table.style = "Table Grid"
            table.autofit = False
            for col, w in zip(table.columns, widths):
                col.width = Mm(w)
            for i, row in enumerate(rows):
                for j, cell in enumerate(row):
                    cell = cell if isinstance(cell, dict) else {"t": cell}
                    target = table.cell(i, j)
                    target.width = Mm(widths[j])
                    target.vertical_alignment = VCENTER.CENTER
                    par = target.paragraphs[0]
                    par.paragraph_format.space_after = Pt(0)
                    par.paragraph_format.alignment = align[cell.get("align", "left")]
                    docx_text(par, cell["t"], font, spec["size"])
    out = WORK / f"{doc_id}.docx"
    docx_save(doc, out, src["title"])
    shutil.copy(soffice_pdf(out), PDF / f"{doc_id}.pdf")


def build_urayasu_shihyo(doc_id):
    """An unruled indicator list aligned by tab stops (no table), footnote, then text."""
    Document, _, ALIGN, _, _, Mm, Pt = _docx()
    src = load(doc_id)
    doc = Document()
    docx_page(doc, src["page"])
    font = src["font"]

    def par(text="", size=10.5, bold=False, after=3, before=0, align=ALIGN.LEFT, face=font,
            tabs=(), indent_mm=0):
        p = doc.add_paragraph()
        fmt = p.paragraph_format
        fmt.space_after, fmt.space_before = Pt(after), Pt(before)
        fmt.alignment = align
        if indent_mm:
            fmt.first_line_indent = Mm(indent_mm)
        for pos in tabs:
            fmt.tab_stops.add_tab_stop(Mm(pos))
        if text:
            docx_text(p, text, face, size, bold)
        return p

    par(src["title"], size=13, bold=True, after=10, face=GOTHIC)
    tabs = src["tabs_mm"]
    par("\t".join(src["header"]), size=10, bold=True, after=0, face=GOTHIC, tabs=tabs)
    par("\t".join(src["header2"]), size=9, after=6, face=GOTHIC, tabs=tabs)
    for name, base, goal in src["rows"]:
        parts = name.split("|")
        text = "\n".join(parts[:-1] + [parts[-1] + "\t" + base + "\t" + goal]) if len(parts) > 1 \
            else name + ("\t" + base + "\t" + goal if (base or goal) else "")
        par(text, size=10, after=5, tabs=tabs)
    par(src["footnote"], size=9, before=4, after=14)
    for block in src["after"]:
        if "h" in block:
            par(block["h"], size=11, bold=True, before=6, after=4, face=GOTHIC)
        else:
            par(block["p"], size=10.5, after=4, align=ALIGN.JUSTIFY, indent_mm=3.7)
    par(src["page_number"], size=9, before=24, align=ALIGN.CENTER)
    out = WORK / f"{doc_id}.docx"
    docx_save(doc, out, src["title"])
    shutil.copy(soffice_pdf(out), PDF / f"{doc_id}.pdf")


# ------------------------------------------------------------------ odfpy layer

def build_urakawa_senryaku(doc_id):
    """A blog report: dated title, prose, then the '名称:基準 → 目標' KPI list, as odt."""
    from odf.opendocument import OpenDocumentText
    from odf.style import (FontFace, MasterPage, PageLayout, PageLayoutProperties,
                           ParagraphProperties, Style, TextProperties)
    from odf.text import P

    d = load(doc_id)
    doc = OpenDocumentText()
    for name in (GOTHIC, MINCHO):
        doc.fontfacedecls.addElement(FontFace(name=name, fontfamily=name, fontpitch="variable"))
    layout = PageLayout(name="A4")
    layout.addElement(PageLayoutProperties(pagewidth="21.0cm", pageheight="29.7cm", printorientation="portrait",
                                           margintop="2.2cm", marginbottom="2.0cm",
                                           marginleft="2.2cm", marginright="2.2cm"))
    doc.automaticstyles.addElement(layout)
    doc.masterstyles.addElement(MasterPage(name="Standard", pagelayoutname=layout))

    def pstyle(name, face=MINCHO, size="10.5pt", bold=False, left="0cm", after="0.15cm", before="0cm",
               color=None):
        st = Style(name=name, family="paragraph")
        st.addElement(ParagraphProperties(marginleft=left, marginbottom=after, margintop=before))
        tp = dict(fontname=face, fontnameasian=face, fontsize=size, fontsizeasian=size)
        if bold:
            tp.update(fontweight="bold", fontweightasian="bold")
        if color:
            tp.update(color=color)
        st.addElement(TextProperties(**tp))
        doc.styles.addElement(st)
        return st

    date = pstyle("Date", GOTHIC, "9.5pt", color="#555555", after="0.2cm")
    title = pstyle("Title1", GOTHIC, "15pt", True, after="0.5cm")
    body = pstyle("Body", MINCHO, "10.5pt", after="0.25cm")
    goal = pstyle("Goal", GOTHIC, "11.5pt", True, before="0.45cm", after="0.25cm")
    line = pstyle("Line", MINCHO, "10.5pt", left="0.3cm", after="0.12cm")
    measure = pstyle("Measure", GOTHIC, "10.5pt", True, left="0.3cm", before="0.35cm", after="0.12cm")
    kpi = pstyle("Kpi", MINCHO, "10.5pt", left="0.6cm", after="0.1cm")

    def para(style, text):
        doc.text.addElement(P(stylename=style, text=text))

    para(date, d["date"])
    para(title, d["title"])
    for text in d["intro"]:
        para(body, text)
    para(goal, d["goal"])
    for text in d["goal_targets"]:
        para(line, text)
    for m in d["measures"]:
        para(measure, m["name"])
        for text in m["kpis"]:
            para(kpi, text)
    out = WORK / f"{doc_id}.odt"
    doc.save(str(out))
    shutil.copy(soffice_pdf(out), PDF / f"{doc_id}.pdf")


# -------------------------------------------------------------- Chromium layer

def build_fukushima_kanko(doc_id):
    """Indicator blocks: a heading, a small ruled table and prose restating the target."""
    chromium_pdf(SRC / f"{doc_id}.html", PDF / f"{doc_id}.pdf")


def build_gunmaken_kaiken(doc_id):
    """Two press-conference records in running prose, one per page."""
    chromium_pdf(SRC / f"{doc_id}.html", PDF / f"{doc_id}.pdf")


# ------------------------------------------------------------- reportlab layer

def _rl():
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import (KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer,
                                    Table, TableStyle)
    for name, ttf in ((GOTHIC, GOTHIC_TTF), (MINCHO, MINCHO_TTF)):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, ttf))
    return (colors, A4, ParagraphStyle, mm, KeepTogether, PageBreak, Paragraph, SimpleDocTemplate,
            Spacer, Table, TableStyle)


def esc(text):
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\n", "<br/>"))


def build_tottoriken_happyo(doc_id):
    """Press release, a 取組と成果 box and a 工程表 opening, all prose and bullet lines."""
    (colors, A4, PS, mm, KeepTogether, PageBreak, Paragraph, Doc, Spacer, Table, TableStyle) = _rl()
    d = load(doc_id)
    base = PS("b", fontName=MINCHO, fontSize=10, leading=16)
    small = PS("s", parent=base, fontName=GOTHIC, fontSize=8.5, leading=12)
    title = PS("t", parent=base, fontName=GOTHIC, fontSize=15, leading=21, spaceAfter=6)
    h2 = PS("h2", parent=base, fontName=GOTHIC, fontSize=11.5, leading=16, spaceBefore=6, spaceAfter=4)
    item = PS("i", parent=base, leftIndent=5 * mm, firstLineIndent=-3 * mm, spaceAfter=2)
    arrow = PS("a", parent=item, leftIndent=8 * mm)
    center = PS("c", parent=base, alignment=1, spaceBefore=4, spaceAfter=4)

    def P(text, style=base):
        return Paragraph(esc(text), style)

    story = []
    for sec in d["sections"]:
        if sec["kind"] == "press":
            story += [P(sec["title"], title)] + [P(m, small) for m in sec["meta"]] + [Spacer(0, 4 * mm)]
            story += [P(t) for t in sec["body"]] + [P(sec["ki"], center), P(sec["head"], h2)]
            story += [P(t, arrow if t.startswith("→") else item) for t in sec["items"]]
            story += [Spacer(0, 8 * mm)]
        elif sec["kind"] == "box":
            rows = [[P(sec["title"], h2)]]
            for part in sec["parts"]:
                rows.append([P(part["label"], PS("l", parent=base, fontName=GOTHIC))])
                rows.append([[P(t, item) for t in part["items"]]])
            t = Table(rows, colWidths=[170 * mm])
            t.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.8, colors.black),
                                   ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EDEDED")),
                                   ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
            story += [t, Spacer(0, 10 * mm)]
        else:
            story += [P(sec["title"], title), P("基本的事項", h2), P("所管組織、所管責任者", base)]
            basic = Table([[P(k, small), P(v, base)] for k, v in sec["basic"]], colWidths=[30 * mm, 80 * mm])
            basic.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                                       ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#EDEDED"))]))
            story += [basic, P("組織ミッション", h2), P(sec["mission"]), P("1.政策内容と目標", h2),
                      P("(1)政策内容", base), P(sec["policy"], item), P("(2)今年度の目標", base),
                      P(sec["goal"], item)] + [P(t, item) for t in sec["goal_items"]]
            story += [P(sec["ref_title"], h2)]
            ref = Table([[P(h, small) for h in sec["ref_header"]],
                         [P(c, PS("r", parent=base, fontSize=9, leading=13)) for c in sec["ref_row"]]],
                        colWidths=[35 * mm, 62 * mm, 73 * mm])
            ref.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                     ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                     ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EDEDED"))]))
            story += [ref]
    Doc(str(PDF / f"{doc_id}.pdf"), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
        topMargin=18 * mm, bottomMargin=18 * mm, title=d["title"], author="").build(story)


def build_naganoken_mokuhyo(doc_id):
    """A web page's policy pillar: tags, measures, and an unruled 指標名 / 現状 / 目標 list."""
    (colors, A4, PS, mm, KeepTogether, PageBreak, Paragraph, Doc, Spacer, Table, TableStyle) = _rl()
    d = load(doc_id)
    base = PS("b", fontName=GOTHIC, fontSize=9.5, leading=14)
    kicker = PS("k", parent=base, fontSize=9, textColor=colors.HexColor("#0a7a5a"))
    title = PS("t", parent=base, fontSize=16, leading=22, spaceAfter=4)
    h2 = PS("h2", parent=base, fontSize=12, leading=17, spaceBefore=8, spaceAfter=4)
    pillar = PS("p", parent=base, fontSize=13, leading=18, spaceBefore=10, spaceAfter=4,
                textColor=colors.HexColor("#0a7a5a"))
    tag = PS("g", parent=base, fontSize=8.5, textColor=colors.HexColor("#555555"))
    item = PS("i", parent=base, leftIndent=4 * mm, firstLineIndent=-3 * mm)
    cell = PS("c", parent=base, fontSize=9, leading=13)
    head = PS("h", parent=cell, textColor=colors.HexColor("#0a7a5a"))

    def P(text, style=base):
        return Paragraph(esc(text), style)

    story = [P(d["kicker"], kicker), P(d["lead_title"], title), P(d["title"], h2), P(d["intro"]),
             P(d["pillar_no"] + "　" + d["pillar"], pillar), P("　".join(d["tags"]), tag),
             P(d["measures_title"], h2)] + [P("・" + m, item) for m in d["measures"]]
    story += [P(d["goals_title"], h2)]
    rows = [[P(h, head) for h in d["header"]]] + [[P(c, cell) for c in r] for r in d["rows"]]
    t = Table(rows, colWidths=[78 * mm, 46 * mm, 46 * mm])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.HexColor("#0a7a5a")),
                           ("TOPPADDING", (0, 0), (-1, -1), 3.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5)]))
    story += [t]
    Doc(str(PDF / f"{doc_id}.pdf"), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
        topMargin=18 * mm, bottomMargin=18 * mm, title=d["title"], author="").build(story)


BUILDERS = {
    "funabashi-gijiroku": build_funabashi_gijiroku,
    "gunmaken-kaiken": build_gunmaken_kaiken,
    "tottoriken-happyo": build_tottoriken_happyo,
    "urakawa-senryaku": build_urakawa_senryaku,
    "urayasu-shihyo": build_urayasu_shihyo,
    "fukushima-kanko": build_fukushima_kanko,
    "naganoken-mokuhyo": build_naganoken_mokuhyo,
}


# --------------------------------------------------------------------- checks

def squash(text):
    return re.sub(r"[\s,]", "", unicodedata.normalize("NFKC", text))


def check(doc_id):
    """The PDF opens; every gold indicator name is in its text (all seven are text PDFs)."""
    import pymupdf
    doc = pymupdf.open(PDF / f"{doc_id}.pdf")
    text = squash("".join(p.get_text() for p in doc))
    gold = json.loads((GOLD / f"{doc_id}.json").read_text(encoding="utf-8"))
    missing = [r["indicator"] for r in gold["records"] if squash(r["indicator"]) not in text]
    for r in gold["records"]:
        page_text = squash(doc[r["page"] - 1].get_text())
        if squash(r["indicator"]) not in page_text:
            missing.append(f"{r['indicator']} (not on page {r['page']})")
    print(f"{doc_id:22s} pages {len(doc)} records {len(gold['records'])} "
          f"facts {sum(len(r['facts']) for r in gold['records'])} missing {len(missing)}")
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
