"""Rebuild the six f-series corpus documents (listed in BUILDERS) from their sources in src/.

Each document has one source, src/<doc_id>.json or src/<doc_id>.html, holding
the indicator names, units, years and values as the public report prints them
(sources_f.md names the report each comes from).  The intermediate file a tool
chain would have produced (.md/.odt, .pptx) is written next to it in src/; the
HTML sources are that file themselves.  PDFs go to pdf/<doc_id>.pdf.

    python3 build_f.py                    # all six
    python3 build_f.py etajima-kensho     # one

Producers: pandoc (markdown -> .odt) + LibreOffice Writer, reportlab (platypus,
IPAexGothic TTF), weasyprint, python-pptx + LibreOffice Impress, and
LibreOffice Writer's HTML import (HTML (StarWriter) filter).  Needs pandoc, LibreOffice (writer, impress),
reportlab, python-pptx, weasyprint and the IPAex fonts (fonts-ipaexfont).
"""
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
PDF = HERE / "pdf"
GOTHIC = "IPAexGothic"
MINCHO = "IPAexMincho"
GOTHIC_TTF = "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"
MINCHO_TTF = "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf"
LO_PROFILE = Path(tempfile.gettempdir()) / "lo_profile_f"


def load(doc_id):
    return json.loads((SRC / f"{doc_id}.json").read_text(encoding="utf-8"))


def soffice_to_pdf(path, infilter=None, export="pdf"):
    """Convert one office/HTML file to pdf/<stem>.pdf with a private LibreOffice profile."""
    LO_PROFILE.mkdir(parents=True, exist_ok=True)
    cmd = ["soffice", f"-env:UserInstallation=file://{LO_PROFILE}", "--headless"]
    if infilter:
        cmd.append(f"--infilter={infilter}")
    cmd += ["--convert-to", export, "--outdir", str(PDF), str(path)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    out = PDF / (path.stem + ".pdf")
    if not out.exists():
        raise RuntimeError(f"LibreOffice produced no PDF for {path}")
    return out


# ---------------------------------------------------------------- 1. pandoc -> odt, landscape, horizontal rules only
def build_sasebo(doc_id="sasebo-kaisetsu"):
    """A wide five-column explanation table on A4 landscape, ruled by horizontal lines only.

    The markdown (a pipe table with a header row) is converted by pandoc to .odt;
    pandoc's default ODT tables have no borders, so the cell styles are given
    horizontal rules, and the fonts and the landscape A4 page of its reference
    styles are set, as a user restyling pandoc output would.  The header row is
    an ODT table-header row, which LibreOffice Writer repeats on each page.
    """
    d = load(doc_id)
    lines = [d["running_head"] + "　　" + d["page_no"], "", f"# {d['title']}", ""]
    lines.append("| " + " | ".join(d["header"]) + " |")
    lines.append("|:--------|:------------------------|:------------------------|:--------------------|:--------------------|")
    for row in d["rows"]:
        lines.append("| " + " | ".join(row) + " |")
    md = SRC / f"{doc_id}.md"
    md.write_text("\n".join(lines) + "\n", encoding="utf-8")
    odt = SRC / f"{doc_id}.odt"
    subprocess.run(["pandoc", str(md), "-f", "markdown", "-o", str(odt)], check=True, timeout=120)
    _restyle_pandoc_odt(odt, landscape=True, widths=["3.6cm", "5.8cm", "5.8cm", "5.0cm", "5.0cm"])
    return soffice_to_pdf(odt)


def _restyle_pandoc_odt(odt, landscape=False, widths=("8.6cm", "3.2cm", "1.0cm", "4.2cm")):
    with zipfile.ZipFile(odt) as z:
        items = {n: z.read(n) for n in z.namelist()}
        infos = {n: z.getinfo(n) for n in z.namelist()}
    styles = items["styles.xml"].decode("utf-8")
    styles = re.sub(r'(style:font-name(?:-asian|-complex)?)="(?!StarSymbol)[^"]*"', rf'\1="{MINCHO}"', styles)
    styles = re.sub(r'(fo:font-family|svg:font-family)="(?!StarSymbol)[^"]*"', rf'\1="{MINCHO}"', styles)
    styles = styles.replace("</office:font-face-decls>",
                            f'<style:font-face style:name="{MINCHO}" svg:font-family="{MINCHO}" style:font-pitch="variable"/>'
                            f'<style:font-face style:name="{GOTHIC}" svg:font-family="{GOTHIC}" style:font-pitch="variable"/>'
                            "</office:font-face-decls>", 1)
    # headings in gothic
    def gothic(m):
        block = m.group(0)
        if "style:font-name=" in block:
            return block.replace(MINCHO, GOTHIC)
        return block.replace("<style:text-properties",
                             f'<style:text-properties style:font-name="{GOTHIC}" style:font-name-asian="{GOTHIC}"', 1)
    styles = re.sub(r'<style:style style:name="Heading[^"]*".*?</style:style>', gothic, styles, flags=re.S)
    pw, ph = ("29.7cm", "21.0cm") if landscape else ("21.0cm", "29.7cm")
    styles = re.sub(r'fo:page-width="[^"]*"', f'fo:page-width="{pw}"', styles)
    styles = re.sub(r'fo:page-height="[^"]*"', f'fo:page-height="{ph}"', styles)
    if landscape:
        styles = re.sub(r'style:print-orientation="[^"]*"', 'style:print-orientation="landscape"', styles)
    content = items["content.xml"].decode("utf-8")
    rule = "0.6pt solid #000000"
    content = content.replace(
        '<style:style style:name="TableRowCell" style:family="table-cell">\n      <style:table-cell-properties fo:border="none" />',
        f'<style:style style:name="TableRowCell" style:family="table-cell">\n      <style:table-cell-properties fo:border-top="none" '
        f'fo:border-left="none" fo:border-right="none" fo:border-bottom="{rule}" fo:padding="0.08cm" />')
    content = content.replace(
        '<style:style style:name="TableHeaderRowCell" style:family="table-cell">\n      <style:table-cell-properties fo:border="none" />',
        '<style:style style:name="TableHeaderRowCell" style:family="table-cell">\n      <style:table-cell-properties fo:border-top="1.1pt solid #000000" '
        f'fo:border-left="none" fo:border-right="none" fo:border-bottom="0.8pt solid #000000" fo:padding="0.08cm" fo:background-color="#eeeeee" />')
    content = content.replace(
        '<style:style style:name="Table1" style:family="table">',
        '<style:style style:name="TopRuleCell" style:family="table-cell">'
        f'<style:table-cell-properties fo:border-top="1.1pt solid #000000" fo:border-left="none" fo:border-right="none" '
        f'fo:border-bottom="{rule}" fo:padding="0.08cm" /></style:style>'
        '<style:style style:name="Table1" style:family="table">')
    # a first row with a heavier top rule in every table
    def first_row(m):
        return re.sub(r'table:style-name="TableRowCell"', 'table:style-name="TopRuleCell"', m.group(0))
    content = re.sub(r'<table:table [^>]*>.*?</table:table-row>', first_row, content, flags=re.S)
    # fixed column widths for every table
    total = round(sum(float(w[:-2]) for w in widths), 2)
    for i, w in enumerate("ABCDEFG"[:len(widths)]):
        content = re.sub(rf'(<style:style style:name="(Table\d+)\.{w}" style:family="table-column") />',
                         rf'\1><style:table-column-properties style:column-width="{widths[i]}" /></style:style>', content)
    content = re.sub(r'(<style:style style:name="Table\d+" style:family="table">\s*<style:table-properties) table:align="center" />',
                     rf'\1 table:align="left" style:width="{total}cm" fo:margin-top="0.1cm" fo:margin-bottom="0.3cm" />', content)
    items["styles.xml"] = styles.encode("utf-8")
    items["content.xml"] = content.encode("utf-8")
    with zipfile.ZipFile(odt, "w") as z:
        for n, data in items.items():
            z.writestr(infos[n], data)


# ---------------------------------------------------------------- 2. reportlab form
def build_etajima(doc_id="etajima-kensho"):
    """Evaluation sheet: 目標指標 table, then per 施策 a KPI form with a two-level
    header (H27 over 実績 / 改善・悪化 / 達成度) and a ≪成果と見直し≫ box under each KPI."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    d = load(doc_id)
    pdfmetrics.registerFont(TTFont(GOTHIC, GOTHIC_TTF))
    pdfmetrics.registerFont(TTFont(MINCHO, MINCHO_TTF))
    base = ParagraphStyle("b", fontName=MINCHO, fontSize=9.5, leading=14)
    cell = ParagraphStyle("c", fontName=GOTHIC, fontSize=9, leading=12)
    ccell = ParagraphStyle("cc", parent=cell, alignment=1)
    rcell = ParagraphStyle("rc", parent=cell, alignment=2)
    small = ParagraphStyle("s", fontName=GOTHIC, fontSize=8, leading=11)
    label = ParagraphStyle("l", fontName=GOTHIC, fontSize=9, leading=12, alignment=2)
    h1 = ParagraphStyle("h1", fontName=GOTHIC, fontSize=14, leading=19, spaceAfter=3)
    h2 = ParagraphStyle("h2", fontName=GOTHIC, fontSize=11.5, leading=16, spaceBefore=4, spaceAfter=3)
    h3 = ParagraphStyle("h3", fontName=GOTHIC, fontSize=10, leading=14, spaceBefore=6, spaceAfter=3)
    review = ParagraphStyle("r", fontName=MINCHO, fontSize=8.8, leading=12.5)
    shade = colors.HexColor("#E3E3E3")

    def P(text, style=cell):
        return Paragraph(text.replace("\n", "<br/>"), style)

    story = [P(d["label"], label)] + [P(n, small) for n in d["notes"]] + [Spacer(0, 3 * mm),
             P(d["title"], h1), P(d["section"], h2), P(d["goal_heading"], h3), P("　" + d["goal_text"], base),
             Spacer(0, 2 * mm)]
    rows = [[P(h, ccell) for h in d["goal_header"]]]
    rows += [[P(r[0])] + [P(v, rcell) for v in r[1:]] for r in d["goal_rows"]]
    t = Table(rows, colWidths=[82 * mm, 30 * mm, 30 * mm, 30 * mm])
    t.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), shade),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    story += [t, Spacer(0, 4 * mm), P(d["kpi_heading"], h3)]

    col = [16 * mm, 58 * mm, 21 * mm, 19 * mm, 15 * mm, 15 * mm, 21 * mm]
    for m in d["measures"]:
        story.append(P(m["name"], ParagraphStyle("m", parent=cell, fontSize=10, leading=14, spaceAfter=2)))
        rows = [[P("", ccell), P("指　標　名", ccell), P("現状値<br/>(H26)", ccell), P("H27", ccell), "", "", P("目標値<br/>(H31)", ccell)],
                ["", "", "", P("実績", ccell), P("改善・<br/>悪化", ccell), P("達成度", ccell), ""]]
        style = [
            ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
            ("BOX", (0, 0), (-1, -1), 1.1, colors.black),
            ("BACKGROUND", (1, 0), (-1, 1), shade),
            ("SPAN", (3, 0), (5, 0)), ("SPAN", (1, 0), (1, 1)), ("SPAN", (2, 0), (2, 1)),
            ("SPAN", (6, 0), (6, 1)), ("SPAN", (0, 0), (0, 1)),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ]
        first = len(rows)
        for k in m["kpis"]:
            rows.append(["", P(k["name"]), P(k["base"], rcell), P(k["actual"], rcell), P(k["trend"], ccell),
                         P(k["grade"], ccell), P(k["target"], rcell)])
            if k["review"]:
                rows.append(["", P("≪成果と見直し≫<br/>" + k["review"], review), "", "", "", "", ""])
                style.append(("SPAN", (1, len(rows) - 1), (6, len(rows) - 1)))
        rows[first][0] = P("重要業績<br/>評価指標<br/>(KPI)", ccell)
        style += [("SPAN", (0, first), (0, len(rows) - 1)), ("BACKGROUND", (0, first), (0, len(rows) - 1), shade)]
        t = Table(rows, colWidths=col)
        t.setStyle(TableStyle(style))
        story += [t, Spacer(0, 4 * mm)]

    out = PDF / f"{doc_id}.pdf"
    pdf = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=14 * mm, bottomMargin=16 * mm, title=d["title"], author="")

    def footer(canvas, doc):
        canvas.setFont(MINCHO, 9)
        canvas.drawCentredString(A4[0] / 2, 9 * mm, f"- {doc.page} -")
    pdf.build(story, onFirstPage=footer, onLaterPages=footer)
    return out


# ---------------------------------------------------------------- 3./6. weasyprint
def build_weasy(doc_id):
    """HTML/CSS laid out by weasyprint (fonts by fontconfig name)."""
    from weasyprint import HTML
    out = PDF / f"{doc_id}.pdf"
    HTML(filename=str(SRC / f"{doc_id}.html")).write_pdf(str(out))
    return out


# ---------------------------------------------------------------- 4. python-pptx -> Impress
def build_kunitomi(doc_id="kunitomi-hyoka"):
    """Two landscape slides: a wide table with a two-level header (重点目標 / KPI over
    現況 / 目標値), then a year grid H27–H31 with 目標値 / 実績値 rows per indicator."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Mm, Pt

    d = load(doc_id)
    prs = Presentation()
    prs.slide_width, prs.slide_height = Mm(297), Mm(210)
    blank = prs.slide_layouts[6]
    grey = RGBColor(0xD9, 0xD9, 0xD9)
    light = RGBColor(0xF2, 0xF2, 0xF2)
    white = RGBColor(0xFF, 0xFF, 0xFF)

    def text_box(slide, x, y, w, h, text, size, bold=False, align=PP_ALIGN.LEFT):
        tb = slide.shapes.add_textbox(Mm(x), Mm(y), Mm(w), Mm(h))
        p = tb.text_frame.paragraphs[0]
        p.alignment = align
        r = p.add_run()
        r.text = text
        r.font.size, r.font.bold, r.font.name = Pt(size), bold, GOTHIC
        return tb

    def rule(cell, width_emu=9525):
        """Thin black lines on all four sides of a table cell (python-pptx has no API for this)."""
        from pptx.oxml.ns import qn
        tcpr = cell._tc.get_or_add_tcPr()
        for tag in ("a:lnL", "a:lnR", "a:lnT", "a:lnB"):
            for old in tcpr.findall(qn(tag)):
                tcpr.remove(old)
            ln = tcpr.makeelement(qn(tag), {"w": str(width_emu), "cap": "flat", "cmpd": "sng", "algn": "ctr"})
            fill_el = ln.makeelement(qn("a:solidFill"), {})
            clr = fill_el.makeelement(qn("a:srgbClr"), {"val": "000000"})
            fill_el.append(clr)
            ln.append(fill_el)
            tcpr.insert(0, ln) if tag == "a:lnL" else tcpr.append(ln)

    def fill(cell, text, size=9, bold=False, align=PP_ALIGN.LEFT, bg=white):
        rule(cell)
        cell.fill.solid()
        cell.fill.fore_color.rgb = bg
        cell.margin_left = cell.margin_right = Mm(1.2)
        cell.margin_top = cell.margin_bottom = Mm(0.8)
        tf = cell.text_frame
        tf.word_wrap = True
        for i, line in enumerate(text.split("\n") if text else [""]):
            p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            p.alignment = align
            r = p.add_run()
            r.text = line
            r.font.size, r.font.bold, r.font.name = Pt(size), bold, GOTHIC
            r.font.color.rgb = RGBColor(0, 0, 0)

    # slide 1: 構成内容（案）
    s1 = d["slide1"]
    slide = prs.slides.add_slide(blank)
    text_box(slide, 250, 6, 35, 8, s1["label"], 11, True, PP_ALIGN.RIGHT)
    text_box(slide, 12, 10, 240, 10, s1["title"], 15, True)
    widths = [22, 40, 44, 17, 17, 24, 28, 15, 15, 51]
    n_rows = 2 + len(s1["rows"])
    shape = slide.shapes.add_table(n_rows, len(widths), Mm(12), Mm(26), Mm(sum(widths)), Mm(20 * n_rows))
    tbl = shape.table
    for i, w in enumerate(widths):
        tbl.columns[i].width = Mm(w)
    for c, (top, sub) in enumerate(zip(s1["header_top"], s1["header_sub"])):
        fill(tbl.cell(0, c), top, 9, True, PP_ALIGN.CENTER, grey)
        fill(tbl.cell(1, c), sub, 9, True, PP_ALIGN.CENTER, grey)
    for c in (0, 1, 5, 9):
        tbl.cell(0, c).merge(tbl.cell(1, c))
    tbl.cell(0, 2).merge(tbl.cell(0, 4))
    tbl.cell(0, 6).merge(tbl.cell(0, 8))
    for r, row in enumerate(s1["rows"], start=2):
        vals = [s1["item"] if r == 2 else "", row["direction"], s1["goal"] if r == 2 else "",
                s1["goal_now"] if r == 2 else "", s1["goal_target"] if r == 2 else "",
                row["measure"], row["kpi"], row["now"], row["target"], row["outline"]]
        for c, v in enumerate(vals):
            al = PP_ALIGN.CENTER if c in (3, 4, 7, 8) else PP_ALIGN.LEFT
            fill(tbl.cell(r, c), v, 8.5, c == 0, al, light if c == 0 else white)
    for c in (0, 2, 3, 4):
        tbl.cell(2, c).merge(tbl.cell(n_rows - 1, c))
    for r in range(n_rows):
        tbl.rows[r].height = Mm(9 if r < 2 else 30)

    # slide 2: 実績評価シート
    s2 = d["slide2"]
    slide = prs.slides.add_slide(blank)
    text_box(slide, 12, 8, 270, 10, s2["title"], 14, True)
    text_box(slide, 12, 19, 150, 8, "重点項目：" + s2["item"], 10.5, True)
    widths = [20, 98, 20] + [27] * 5
    n_rows = 1 + 2 * len(s2["rows"])
    shape = slide.shapes.add_table(n_rows, len(widths), Mm(12), Mm(30), Mm(sum(widths)), Mm(11 * n_rows))
    tbl = shape.table
    for i, w in enumerate(widths):
        tbl.columns[i].width = Mm(w)
    for c, h in enumerate(["区分", "指標名", ""] + s2["years"]):
        fill(tbl.cell(0, c), h, 10, True, PP_ALIGN.CENTER, grey)
    for i, row in enumerate(s2["rows"]):
        r = 1 + 2 * i
        fill(tbl.cell(r, 0), row["kind"], 9.5, True, PP_ALIGN.CENTER, light)
        fill(tbl.cell(r, 1), row["name"], 9.5)
        fill(tbl.cell(r, 2), "目標値", 9.5, False, PP_ALIGN.CENTER, light)
        fill(tbl.cell(r + 1, 2), "実績値", 9.5, False, PP_ALIGN.CENTER, light)
        for c, (t, a) in enumerate(zip(row["target"], row["actual"]), start=3):
            fill(tbl.cell(r, c), t, 10, False, PP_ALIGN.CENTER)
            fill(tbl.cell(r + 1, c), a, 10, False, PP_ALIGN.CENTER)
        fill(tbl.cell(r + 1, 0), "", 9.5, False, PP_ALIGN.CENTER, light)
        fill(tbl.cell(r + 1, 1), "", 9.5)
        tbl.cell(r, 0).merge(tbl.cell(r + 1, 0))
        tbl.cell(r, 1).merge(tbl.cell(r + 1, 1))
    for r in range(n_rows):
        tbl.rows[r].height = Mm(9 if r == 0 else 12)

    out = SRC / f"{doc_id}.pptx"
    prs.save(out)
    return soffice_to_pdf(out, export="pdf:impress_pdf_Export")


# ---------------------------------------------------------------- 5. HTML through LibreOffice Writer
def build_lo_html(doc_id):
    """HTML imported as a Writer document (HTML (StarWriter) filter), laid out on A4 pages."""
    return soffice_to_pdf(SRC / f"{doc_id}.html", infilter="HTML (StarWriter)", export="pdf:writer_pdf_Export")


BUILDERS = {
    "sasebo-kaisetsu": build_sasebo,
    "etajima-kensho": build_etajima,
    "okayamaken-ikiiki": build_weasy,
    "kunitomi-hyoka": build_kunitomi,
    "hokkaido-kankou": build_lo_html,
    "ishinomaki-senkogata": build_weasy,
}


def main(argv):
    PDF.mkdir(exist_ok=True)
    for doc_id in argv or list(BUILDERS):
        print(doc_id, "->", BUILDERS[doc_id](doc_id))


if __name__ == "__main__":
    main(sys.argv[1:])
