"""Rebuild six corpus documents (listed in BUILDERS) from their sources in src/.

Each document has one source, src/<doc_id>.json or src/<doc_id>.html, holding
the indicator names, units, years and values as the public report prints them
(sources_c.md names the report each comes from).  The intermediate file an
office tool would have produced (.xlsx, .docx, .odt) is written next to it in
src/; the HTML sources are that file themselves.  PDFs go to pdf/<doc_id>.pdf.

    python3 build_c.py                # all six
    python3 build_c.py mima-seika     # one

Producers: openpyxl + LibreOffice Calc, python-docx + LibreOffice Writer,
headless Chromium, odfpy + LibreOffice Writer, reportlab, and LibreOffice's
HTML import.  Needs openpyxl, python-docx, odfpy, reportlab, LibreOffice,
Chromium and the IPAex fonts (fonts-ipaexfont).
"""
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
PDF = HERE / "pdf"
GOTHIC = "IPAexGothic"
MINCHO = "IPAexMincho"
GOTHIC_TTF = "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"
LO_PROFILE = Path(tempfile.gettempdir()) / "lo_profile_corpus_c"


def load(doc_id):
    return json.loads((SRC / f"{doc_id}.json").read_text(encoding="utf-8"))


def soffice_to_pdf(path, infilter=None):
    """Convert one office/HTML file to pdf/<stem>.pdf with a private LibreOffice profile."""
    LO_PROFILE.mkdir(parents=True, exist_ok=True)
    cmd = ["soffice", f"-env:UserInstallation=file://{LO_PROFILE}", "--headless"]
    if infilter:
        cmd.append(f"--infilter={infilter}")
    cmd += ["--convert-to", "pdf:writer_pdf_Export" if infilter else "pdf", "--outdir", str(PDF), str(path)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=240)
    out = PDF / (path.stem + ".pdf")
    if not out.exists():
        raise RuntimeError(f"LibreOffice produced no PDF for {path}")
    return out


# ---------------------------------------------------------------- 1. xlsx
def build_oyabe(doc_id="oyabe-seika"):
    """One row per indicator, the 施策 in a merged cell over its rows; Calc, A4 landscape."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.worksheet.page import PageMargins

    d = load(doc_id)
    wb = Workbook()
    ws = wb.active
    ws.title = "成果指標"
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    font = Font(name=GOTHIC, size=10)
    bold = Font(name=GOTHIC, size=10, bold=True)
    head_fill = PatternFill("solid", fgColor="D9D9D9")
    prog_fill = PatternFill("solid", fgColor="F2F2F2")
    ncol = len(d["header"])

    ws.cell(1, 1, d["title"]).font = Font(name=GOTHIC, size=15, bold=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
    ws.cell(2, 1, d["subtitle"]).font = Font(name=GOTHIC, size=11, bold=True)
    ws.cell(3, 1, d["note"]).font = Font(name=GOTHIC, size=9)
    ws.merge_cells(start_row=3, start_column=1, end_row=3, end_column=ncol)

    row = 5
    for c, text in enumerate(d["header"], start=1):
        cell = ws.cell(row, c, text)
        cell.font, cell.fill, cell.border = bold, head_fill, box
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[row].height = 33
    row += 1
    for sec in d["sections"]:
        first = row
        for values in sec["rows"]:
            ws.cell(row, 1).border = box
            for c, text in enumerate(values, start=2):
                cell = ws.cell(row, c, text)
                cell.font, cell.border = font, box
                horiz = "left" if c == 3 else ("center" if c in (2, 4) else "right")
                cell.alignment = Alignment(horizontal=horiz, vertical="center", wrap_text=(c == 3))
            ws.row_dimensions[row].height = 21
            row += 1
        top = ws.cell(first, 1, sec["program"])
        top.font, top.fill = bold, prog_fill
        top.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.merge_cells(start_row=first, start_column=1, end_row=row - 1, end_column=1)
        for r in range(first, row):
            ws.cell(r, 1).border = box
    ws.cell(row + 1, ncol, "小矢部市").font = font
    ws.cell(row + 1, ncol).alignment = Alignment(horizontal="right")

    widths = [13, 12, 34, 6, 11, 12, 12, 17, 13, 11]
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[chr(64 + i)].width = w
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.print_options.horizontalCentered = True
    out = SRC / f"{doc_id}.xlsx"
    wb.save(out)
    return soffice_to_pdf(out)


# ---------------------------------------------------------------- docx helpers
def _docx_font(run, name, size=None, bold=None):
    from docx.oxml.ns import qn
    from docx.shared import Pt
    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        rfonts.set(qn(attr), name)
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold


def _para(doc_or_cell, text, name=MINCHO, size=10.5, bold=False, align=None, space_after=4):
    from docx.shared import Pt
    p = doc_or_cell.add_paragraph()
    if text:
        _docx_font(p.add_run(text), name, size, bold)
    p.paragraph_format.space_after = Pt(space_after)
    if bold:
        p.paragraph_format.keep_with_next = True
    if align is not None:
        p.alignment = align
    return p


def _cell_text(cell, text, name=MINCHO, size=10, bold=False, align=None):
    cell.text = ""
    p = cell.paragraphs[0]
    if text:
        _docx_font(p.add_run(text), name, size, bold)
    if align is not None:
        p.alignment = align


def _shade(cell, hex_color):
    from docx.oxml.ns import qn
    tcpr = cell._element.get_or_add_tcPr()
    shd = tcpr.makeelement(qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): hex_color})
    tcpr.append(shd)


def _a4(doc, landscape=False, margins_cm=(2.0, 2.0, 1.8, 1.8)):
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm
    sec = doc.sections[0]
    sec.page_width, sec.page_height = (Cm(29.7), Cm(21.0)) if landscape else (Cm(21.0), Cm(29.7))
    sec.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = (Cm(m) for m in margins_cm)
    return sec


def _page_number_footer(section, prefix=""):
    """A centred '- N -' page number, as Word-made reports carry."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _docx_font(p.add_run(prefix + "- "), MINCHO, 9)
    run = p.add_run()
    for tag, attrs in (("w:fldChar", {qn("w:fldCharType"): "begin"}),
                       ("w:instrText", {}),
                       ("w:fldChar", {qn("w:fldCharType"): "end"})):
        el = run._element.makeelement(qn(tag), attrs)
        if tag == "w:instrText":
            el.text = "PAGE"
        run._element.append(el)
    _docx_font(run, MINCHO, 9)
    _docx_font(p.add_run(" -"), MINCHO, 9)


# ---------------------------------------------------------------- 2. docx long table
def build_mima(doc_id="mima-seika"):
    """A long ruled table over several pages: header row repeated, chapter and 施策 rows spanning it."""
    from docx import Document
    from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm

    d = load(doc_id)
    doc = Document()
    sec = _a4(doc)
    _page_number_footer(sec)
    _para(doc, d["header_line"], GOTHIC, 10, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, d["title"], GOTHIC, 16, True, space_after=10)
    _para(doc, d["intro"], MINCHO, 10.5, space_after=10)

    widths = [Cm(5.2), Cm(1.6), Cm(1.9), Cm(2.4), Cm(5.9)]
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, w in zip(table.columns, widths):
        column.width = w
    hdr = table.rows[0]
    trpr = hdr._tr.get_or_add_trPr()
    trpr.append(trpr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))
    for cell, text, w in zip(hdr.cells, d["header"], widths):
        _cell_text(cell, text, GOTHIC, 10, True, WD_ALIGN_PARAGRAPH.CENTER)
        _shade(cell, "D9D9D9")
        cell.width = w

    def full_row(text, fill, size):
        r = table.add_row()
        merged = r.cells[0].merge(r.cells[-1])
        _cell_text(merged, text, GOTHIC, size, True)
        _shade(merged, fill)
        r.height, r.height_rule = Cm(0.9), WD_ROW_HEIGHT_RULE.AT_LEAST

    for ch in d["chapters"]:
        full_row(ch["chapter"], "BFBFBF", 10.5)
        for s in ch["sections"]:
            full_row(s["section"], "EDEDED", 10)
            for name, unit, now, target, note in s["rows"]:
                r = table.add_row()
                r.height, r.height_rule = Cm(1.25), WD_ROW_HEIGHT_RULE.AT_LEAST
                aligns = [None, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT,
                          WD_ALIGN_PARAGRAPH.RIGHT, None]
                for cell, text, al, w in zip(r.cells, (name, unit, now, target, note), aligns, widths):
                    _cell_text(cell, text, MINCHO, 10, False, al)
                    cell.width = w
    out = SRC / f"{doc_id}.docx"
    doc.save(out)
    return soffice_to_pdf(out)


# ---------------------------------------------------------------- 3. Chromium HTML
def build_kumano(doc_id="kumano-suchi"):
    """Two-level header (目標値 over 24年度 / 29年度), 単位 column; printed by headless Chromium."""
    src = SRC / f"{doc_id}.html"
    out = PDF / f"{doc_id}.pdf"
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
           f"--print-to-pdf={out}", src.as_uri()]
    subprocess.run(cmd, check=True, capture_output=True, timeout=240)
    return out


# ---------------------------------------------------------------- 4. odt, unruled tab lists
def build_kakogawa(doc_id="kakogawa-senryaku"):
    """Unruled tab-aligned indicator lists and a bulleted '名称：基準値→目標値' summary.

    Written as OpenDocument text with odfpy (tab stops in the paragraph styles,
    line breaks inside long names) and laid out by LibreOffice Writer.
    """
    from odf.opendocument import OpenDocumentText
    from odf.style import (
        FontFace,
        Footer,
        MasterPage,
        PageLayout,
        PageLayoutProperties,
        ParagraphProperties,
        Style,
        TabStop,
        TabStops,
        TextProperties,
    )
    from odf.text import LineBreak, P, PageNumber, Tab

    d = load(doc_id)
    g = d["goal"]
    short = g.get("summary_names", {})
    doc = OpenDocumentText()
    for name in (GOTHIC, MINCHO):
        doc.fontfacedecls.addElement(FontFace(name=name, fontfamily=name, fontpitch="variable"))

    layout = PageLayout(name="A4")
    layout.addElement(PageLayoutProperties(pagewidth="21.0cm", pageheight="29.7cm", printorientation="portrait",
                                           margintop="2.0cm", marginbottom="1.6cm",
                                           marginleft="1.9cm", marginright="1.9cm"))
    doc.automaticstyles.addElement(layout)

    def pstyle(name, face=MINCHO, size="10.5pt", bold=False, left="0cm", indent="0cm", after="0.1cm",
               before="0cm", align="start", tabs=(), keep=False):
        st = Style(name=name, family="paragraph")
        props = ParagraphProperties(marginleft=left, textindent=indent, marginbottom=after,
                                    margintop=before, textalign=align)
        if keep:
            props.setAttribute("keepwithnext", "always")
        if tabs:
            ts = TabStops()
            for pos in tabs:
                ts.addElement(TabStop(position=pos))
            props.addElement(ts)
        st.addElement(props)
        tp = dict(fontname=face, fontnameasian=face, fontsize=size, fontsizeasian=size)
        if bold:
            tp.update(fontweight="bold", fontweightasian="bold")
        st.addElement(TextProperties(**tp))
        doc.styles.addElement(st)
        return st

    org = pstyle("Org", GOTHIC, "10pt", align="end")
    title = pstyle("Title1", GOTHIC, "15pt", True, after="0.35cm")
    h1 = pstyle("Head1", GOTHIC, "13pt", True, before="0.3cm", after="0.2cm", keep=True)
    h2 = pstyle("Head2", GOTHIC, "10.5pt", True, before="0.3cm", after="0.1cm", keep=True)
    body = pstyle("Body", MINCHO, "10.5pt", indent="1em", after="0.12cm")
    bullet = pstyle("Bullet", MINCHO, "10.5pt", left="0.8cm", indent="-0.45cm", after="0.06cm")
    summ = pstyle("Summary", MINCHO, "10.5pt", left="0.9cm", indent="-0.45cm", after="0.06cm")
    # tab positions are relative to the paragraph's left margin (0.4cm)
    tab_head = pstyle("TabHead", GOTHIC, "9.5pt", True, left="0.4cm", after="0.08cm", tabs=("6.4cm", "11.6cm"), keep=True)
    tab_row = pstyle("TabRow", MINCHO, "9.5pt", left="0.4cm", after="0.1cm", tabs=("6.4cm", "11.6cm"))
    foot = pstyle("Foot", MINCHO, "9pt", align="center")

    master = MasterPage(name="Standard", pagelayoutname=layout)
    footer = Footer()
    fp = P(stylename=foot, text="- ")
    fp.addElement(PageNumber(selectpage="current", text="1"))
    fp.addText(" -")
    footer.addElement(fp)
    master.addElement(footer)
    doc.masterstyles.addElement(master)

    def para(style, text=""):
        p = P(stylename=style, text=text)
        doc.text.addElement(p)
        return p

    def tab_line(style, cells):
        name, base, goal = cells
        p = P(stylename=style)
        parts = name.split("|")
        for i, part in enumerate(parts):
            p.addText(part)
            if i < len(parts) - 1:
                p.addElement(LineBreak())
        p.addElement(Tab())
        p.addText(base)
        p.addElement(Tab())
        p.addText(goal)
        doc.text.addElement(p)

    def summary(cells):
        name, base, goal = cells
        para(summ, "・" + short.get(name, name.replace("|", "")) + "：" + base + "→" + goal)

    para(org, d["municipality"])
    para(title, d["title"])
    dr = d["direction"]
    para(h2, dr["heading"])
    para(body, dr["text"])
    for cells in dr["bullets"]:
        summary(cells)
    para(h1, g["heading"])
    para(h2, g["summary_heading"])
    for cells in g["targets"] + [k for m in g["measures"] for k in m["kpis"]]:
        summary(cells)
    para(h2, g["targets_heading"])
    tab_line(tab_head, g["targets_header"])
    for cells in g["targets"]:
        tab_line(tab_row, cells)
    para(h2, g["basic_heading"])
    for text in g["basic"]:
        para(bullet, "●" + text)
    para(h2, g["measures_heading"])
    for m in g["measures"]:
        para(h2, m["name"])
        for text in m["bullets"]:
            para(bullet, "●" + text)
        tab_line(tab_head, g["kpi_header"])
        for cells in m["kpis"]:
            tab_line(tab_row, cells)
    out = SRC / f"{doc_id}.odt"
    doc.save(str(out))
    return soffice_to_pdf(out)


# ---------------------------------------------------------------- 5. reportlab form
def build_jinsekikogen(doc_id="jinsekikogen-kensho"):
    """Evaluation form: label cells beside value cells, one box per indicator, commentary."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import (
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    d = load(doc_id)
    pdfmetrics.registerFont(TTFont(GOTHIC, GOTHIC_TTF))
    base = ParagraphStyle("b", fontName=GOTHIC, fontSize=9, leading=13)
    small = ParagraphStyle("s", parent=base, fontSize=8, leading=11)
    title = ParagraphStyle("t", parent=base, fontSize=15, leading=20, spaceAfter=4)
    issue = ParagraphStyle("i", parent=base, fontSize=9, alignment=2)
    label_bg = colors.HexColor("#E4E4E4")

    def P(text, style=base):
        return Paragraph(text, style)

    story = [P(d["issue"], issue), P(d["title"], title), P(d["intro"]), Spacer(0, 2 * mm),
             P(d["kpi_note"], small), Spacer(0, 4 * mm)]
    col = [27 * mm, 35 * mm, 28 * mm, 29 * mm, 27 * mm, 34 * mm]
    for i, s in enumerate(d["sheets"], start=1):
        opinions = "<br/>".join("・" + o for o in s["opinions"])
        rows = [
            [P(f"No.{i}　施策名"), P(s["program"]), "", "", "", ""],
            [P("指標名"), P(s["indicator"]), "", "", P("単位"), P(s["unit"] or "")],
            [P("基準値"), P(s["baseline"]), P("目標値（H31まで）"), P(s["target"]), P("実績値（H29）"), P(s["actual"])],
            [P("【1次評価】<br/>内部での評価"), P(s["grade"]), P("評価の理由"), P(s["reason"]), "", ""],
            [P("【2次評価】<br/>策定委員会の評価"), P("KPI達成に有効であったと評価した委員数"), "", P(s["yes"]),
             P("KPI達成に有効とは言えなかったと評価した委員数"), P(s["no"])],
            [P("意見"), P(opinions), "", "", "", ""],
        ]
        t = Table(rows, colWidths=col)
        t.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
            ("BOX", (0, 0), (-1, -1), 1.2, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BACKGROUND", (0, 0), (0, -1), label_bg),
            ("BACKGROUND", (4, 1), (4, 1), label_bg),
            ("BACKGROUND", (2, 2), (2, 2), label_bg),
            ("BACKGROUND", (4, 2), (4, 2), label_bg),
            ("BACKGROUND", (2, 3), (2, 3), label_bg),
            ("BACKGROUND", (1, 4), (2, 4), label_bg),
            ("BACKGROUND", (4, 4), (4, 4), label_bg),
            ("SPAN", (1, 0), (5, 0)),
            ("SPAN", (1, 1), (3, 1)),
            ("SPAN", (3, 3), (5, 3)),
            ("SPAN", (1, 4), (2, 4)),
            ("SPAN", (1, 5), (5, 5)),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]))
        story += [KeepTogether([t]), Spacer(0, 4 * mm)]
    story += [Spacer(0, 2 * mm)] + [P(c, small) for c in d["contacts"]]

    out = PDF / f"{doc_id}.pdf"
    pdf = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
                            topMargin=15 * mm, bottomMargin=15 * mm,
                            title=d["title"], author="")
    pdf.build(story)
    return out


# ---------------------------------------------------------------- 6. HTML through LibreOffice
def build_nagasaki(doc_id="nagasaki-shisaku"):
    """Year-column tables captioned by the indicator above; LibreOffice's HTML import."""
    # imported as a Writer document (not Writer/Web), which lays HTML out on A4 pages
    return soffice_to_pdf(SRC / f"{doc_id}.html", infilter="HTML (StarWriter)")


BUILDERS = {
    "oyabe-seika": build_oyabe,
    "mima-seika": build_mima,
    "kumano-suchi": build_kumano,
    "kakogawa-senryaku": build_kakogawa,
    "jinsekikogen-kensho": build_jinsekikogen,
    "nagasaki-shisaku": build_nagasaki,
}


def main(argv):
    PDF.mkdir(exist_ok=True)
    for doc_id in argv or list(BUILDERS):
        print(doc_id, "->", BUILDERS[doc_id](doc_id))


if __name__ == "__main__":
    main(sys.argv[1:])
