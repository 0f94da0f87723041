"""Rebuild the six e-series corpus documents (listed in BUILDERS) from their sources in src/.

Each document has one source, src/<doc_id>.json or src/<doc_id>.html, holding the
indicator names, units, years and values as the public report prints them
(sources_e.md names the report each comes from).  The intermediate file an office
tool would have produced (.xlsx, .docx, .odt) is written next to it in src/; the
HTML sources are that file themselves.  PDFs go to pdf/<doc_id>.pdf.

    python3 build_e.py                    # all six
    python3 build_e.py chibaken-shihyo    # one

Producers: python-docx + LibreOffice Writer (chibaken-shihyo, matsudo-jisshi),
openpyxl + LibreOffice Calc (sabae-mokuhyo), odfpy + LibreOffice Writer
(seikacho-hyoka), headless Chromium (matsudo-sosei, kyotofu-mokuhyo).  Needs openpyxl, python-docx,
odfpy, LibreOffice (Calc and Writer), Chromium and the IPAex fonts
(fonts-ipaexfont).
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
LO_PROFILE = Path(tempfile.gettempdir()) / "lo_profile_corpus_e"


def load(doc_id):
    return json.loads((SRC / f"{doc_id}.json").read_text(encoding="utf-8"))


def soffice_to_pdf(path):
    """Convert one office file to pdf/<stem>.pdf with a private LibreOffice profile."""
    LO_PROFILE.mkdir(parents=True, exist_ok=True)
    cmd = ["soffice", f"-env:UserInstallation=file://{LO_PROFILE}", "--headless",
           "--convert-to", "pdf", "--outdir", str(PDF), str(path)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=240)
    out = PDF / (path.stem + ".pdf")
    if not out.exists():
        raise RuntimeError(f"LibreOffice produced no PDF for {path}")
    return out


def chromium_to_pdf(html, out):
    """Print one HTML file with headless Chromium (fresh profile, no header/footer)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with tempfile.TemporaryDirectory(prefix="chrome_corpus_e_") as profile:
        cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={profile}", "--no-pdf-header-footer",
               f"--print-to-pdf={out}", html.as_uri()]
        subprocess.run(cmd, check=True, capture_output=True, timeout=240)
    if not out.exists():
        raise RuntimeError(f"Chromium produced no PDF for {html}")
    return out


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


def _para(container, text, name=MINCHO, size=10.5, bold=False, align=None, space_after=4,
          space_before=0, indent_first=False, keep=False):
    from docx.shared import Pt
    p = container.add_paragraph()
    if text:
        _docx_font(p.add_run(text), name, size, bold)
    p.paragraph_format.space_after = Pt(space_after)
    p.paragraph_format.space_before = Pt(space_before)
    if indent_first:
        p.paragraph_format.first_line_indent = Pt(size)
    if keep or bold:
        p.paragraph_format.keep_with_next = True
    if align is not None:
        p.alignment = align
    return p


def _cell_lines(cell, lines, align=None):
    """Fill a cell with paragraphs; lines are (text, font, size, bold)."""
    from docx.shared import Pt
    cell.text = ""
    first = True
    for text, name, size, bold in lines:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        _docx_font(p.add_run(text), name, size, bold)
        p.paragraph_format.space_after = Pt(1)
        if align is not None:
            p.alignment = align


def _shade(cell, hex_color):
    from docx.oxml.ns import qn
    tcpr = cell._element.get_or_add_tcPr()
    tcpr.append(tcpr.makeelement(qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto",
                                                qn("w:fill"): hex_color}))


def _table_borders(table, edges):
    """Set the table-level borders: edges maps top/bottom/left/right/insideH/insideV to (val, size)."""
    from docx.oxml.ns import qn
    tblpr = table._tbl.tblPr
    for old in tblpr.findall(qn("w:tblBorders")):
        tblpr.remove(old)
    borders = tblpr.makeelement(qn("w:tblBorders"), {})
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        val, size = edges.get(edge, ("nil", 0))
        attrs = {qn("w:val"): val}
        if val != "nil":
            attrs.update({qn("w:sz"): str(size), qn("w:space"): "0", qn("w:color"): "000000"})
        borders.append(borders.makeelement(qn(f"w:{edge}"), attrs))
    tblpr.append(borders)


def _repeat_header(row):
    from docx.oxml.ns import qn
    trpr = row._tr.get_or_add_trPr()
    trpr.append(trpr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))


def _a4(doc, landscape=False, margins_cm=(2.0, 2.0, 1.8, 1.8)):
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm
    sec = doc.sections[0]
    sec.page_width, sec.page_height = (Cm(29.7), Cm(21.0)) if landscape else (Cm(21.0), Cm(29.7))
    sec.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = (Cm(m) for m in margins_cm)
    return sec


def _footer_text(section, text, align_right=False):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT if align_right else WD_ALIGN_PARAGRAPH.CENTER
    _docx_font(p.add_run(text), GOTHIC, 9)


# ---------------------------------------------------------------- 1. docx, horizontal rules only
def build_chibaken(doc_id="chibaken-shihyo"):
    """指標 / 現状 / 目標 list ruled by horizontal lines only; 政策分野 rows span the table;
    each indicator cell holds its name and its definition; values carry their year in brackets."""
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT, WD_ROW_HEIGHT_RULE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    d = load(doc_id)
    doc = Document()
    sec = _a4(doc)
    _footer_text(sec, "－ 66 －")
    _para(doc, d["header_line"], GOTHIC, 9.5, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, d["title"], GOTHIC, 16, True, space_after=8)
    _para(doc, d["intro"], MINCHO, 10.5, space_after=10, indent_first=True)

    widths = [Cm(9.6), Cm(3.4), Cm(4.0)]
    table = doc.add_table(rows=1, cols=3)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _table_borders(table, {"top": ("single", 12), "bottom": ("single", 12), "insideH": ("single", 4)})
    for column, w in zip(table.columns, widths):
        column.width = w
    hdr = table.rows[0]
    _repeat_header(hdr)
    for cell, text, w in zip(hdr.cells, d["header"], widths):
        _cell_lines(cell, [(text, GOTHIC, 10, True)], WD_ALIGN_PARAGRAPH.CENTER)
        _shade(cell, "DCE6F1")
        cell.width = w
    for s in d["sections"]:
        r = table.add_row()
        merged = r.cells[0].merge(r.cells[-1])
        _cell_lines(merged, [(s["section"], GOTHIC, 10.5, True)])
        r.height, r.height_rule = Cm(0.85), WD_ROW_HEIGHT_RULE.AT_LEAST
        for name, definition, now, goal in s["rows"]:
            r = table.add_row()
            r.height, r.height_rule = Cm(1.3), WD_ROW_HEIGHT_RULE.AT_LEAST
            cells = r.cells
            _cell_lines(cells[0], [(name, GOTHIC, 10, True), (definition, MINCHO, 8.5, False)])
            _cell_lines(cells[1], [(now, MINCHO, 10, False)], WD_ALIGN_PARAGRAPH.CENTER)
            _cell_lines(cells[2], [(goal, MINCHO, 10, False)], WD_ALIGN_PARAGRAPH.CENTER)
            for cell, w in zip(cells, widths):
                cell.width = w
    out = SRC / f"{doc_id}.docx"
    doc.save(out)
    return soffice_to_pdf(out)


# ---------------------------------------------------------------- 2. xlsx, 方針 merged over its rows
def build_sabae(doc_id="sabae-mokuhyo"):
    """成果指標 / 現状値 / 目標値（2019（H31）年） with the 方針 (①…④) in merged cells over
    their rows; the 現状値 cells carry their own year, 目標値 cells a qualifier or note;
    openpyxl + LibreOffice Calc, A4 portrait."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.worksheet.page import PageMargins

    d = load(doc_id)
    wb = Workbook()
    ws = wb.active
    ws.title = "8章"
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    f = lambda size=10, bold=False: Font(name=GOTHIC, size=size, bold=bold)
    head_fill = PatternFill("solid", fgColor="FCE4D6")
    group_fill = PatternFill("solid", fgColor="FFF2CC")
    wrap_l = Alignment(horizontal="left", vertical="center", wrap_text=True)
    wrap_c = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ncol = 4

    ws.cell(1, 1, d["title"]).font = f(15, True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
    ws.row_dimensions[1].height = 26
    ws.cell(2, 1, d["section"]).font = f(11, True)
    r = 3
    for b in d["bullets"]:
        c = ws.cell(r, 1, b)
        c.font, c.alignment = f(10), wrap_l
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncol)
        ws.row_dimensions[r].height = 30 if len(b) > 60 else 17
        r += 1
    r += 1
    for col, text in enumerate(d["header"], start=1):
        c = ws.cell(r, col, text)
        c.font, c.fill, c.border, c.alignment = f(10, True), head_fill, box, wrap_c
    ws.row_dimensions[r].height = 32
    r += 1
    for g in d["groups"]:
        first = r
        for name, now, goal in g["rows"]:
            for col, text, al in ((2, name, wrap_l), (3, now, wrap_c), (4, goal, wrap_c)):
                c = ws.cell(r, col, text)
                c.font, c.border, c.alignment = f(10), box, al
            ws.cell(r, 1).border = box
            ws.row_dimensions[r].height = 34 if len(name) > 20 else 24
            r += 1
        c = ws.cell(first, 1, g["target"])
        c.font, c.fill, c.alignment = f(10, True), group_fill, wrap_l
        ws.merge_cells(start_row=first, start_column=1, end_row=r - 1, end_column=1)
        for rr in range(first, r):
            ws.cell(rr, 1).border = box
    for col, w in zip("ABCD", (18, 40, 19, 19)):
        ws.column_dimensions[col].width = w
    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_margins = PageMargins(left=0.7, right=0.7, top=0.8, bottom=0.8)
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = d["page_number"]
    out = SRC / f"{doc_id}.xlsx"
    wb.save(out)
    return soffice_to_pdf(out)


# ---------------------------------------------------------------- 3. odt, evaluation sheet with a year grid
def build_seikacho(doc_id="seikacho-hyoka"):
    """A 施策評価 sheet: an overview box of label cells, an indicator table (①…⑤, some empty),
    and a year grid whose columns are H19(実績) … H24(試算) and whose rows are 目標 / 実績 per
    indicator number; the names are only in the indicator table above.  odfpy + Writer, A4."""
    from odf.opendocument import OpenDocumentText
    from odf.style import (FontFace, MasterPage, PageLayout, PageLayoutProperties, ParagraphProperties,
                           Style, TableCellProperties, TableColumnProperties, TableProperties,
                           TextProperties)
    from odf.table import CoveredTableCell, Table, TableCell, TableColumn, TableRow
    from odf.text import LineBreak, P

    d = load(doc_id)
    doc = OpenDocumentText()
    for name in (GOTHIC, MINCHO):
        doc.fontfacedecls.addElement(FontFace(name=name, fontfamily=name, fontpitch="variable"))
    layout = PageLayout(name="A4")
    layout.addElement(PageLayoutProperties(pagewidth="21.0cm", pageheight="29.7cm", printorientation="portrait",
                                           margintop="1.6cm", marginbottom="1.5cm",
                                           marginleft="1.6cm", marginright="1.6cm"))
    doc.automaticstyles.addElement(layout)
    doc.masterstyles.addElement(MasterPage(name="Standard", pagelayoutname=layout))

    def pstyle(name, face=GOTHIC, size="9.5pt", bold=False, align="start", before="0cm", after="0cm"):
        st = Style(name=name, family="paragraph")
        st.addElement(ParagraphProperties(textalign=align, margintop=before, marginbottom=after))
        tp = dict(fontname=face, fontnameasian=face, fontsize=size, fontsizeasian=size)
        if bold:
            tp.update(fontweight="bold", fontweightasian="bold")
        st.addElement(TextProperties(**tp))
        doc.styles.addElement(st)
        return st

    head = pstyle("Head", GOTHIC, "11pt", True, before="0.35cm", after="0.15cm")
    cell_l = pstyle("CellL")
    cell_c = pstyle("CellC", align="center")
    cell_r = pstyle("CellR", align="end")
    cell_b = pstyle("CellB", bold=True, align="center")
    body = pstyle("Body", MINCHO, "9.5pt", after="0.08cm")

    def cellstyle(name, fill=None):
        st = Style(name=name, family="table-cell")
        kw = dict(border="0.5pt solid #000000", padding="0.08cm")
        if fill:
            kw["backgroundcolor"] = fill
        st.addElement(TableCellProperties(**kw))
        doc.automaticstyles.addElement(st)
        return st

    plain, label = cellstyle("CPlain"), cellstyle("CLabel", "#E7E6E6")

    def table(name, widths, rows):
        """rows: list of lists of (text, para_style, cell_style, colspan)."""
        tst = Style(name=f"T{name}", family="table")
        tst.addElement(TableProperties(width=f"{sum(widths):.2f}cm", align="left"))
        doc.automaticstyles.addElement(tst)
        t = Table(name=name, stylename=tst)
        for i, w in enumerate(widths):
            cs = Style(name=f"T{name}C{i}", family="table-column")
            cs.addElement(TableColumnProperties(columnwidth=f"{w}cm"))
            doc.automaticstyles.addElement(cs)
            t.addElement(TableColumn(stylename=cs))
        for row in rows:
            tr = TableRow()
            for text, ps, cst, span in row:
                tc = TableCell(stylename=cst, valuetype="string", numbercolumnsspanned=span)
                p = P(stylename=ps)
                for k, part in enumerate(text.split("\n")):
                    if k:
                        p.addElement(LineBreak())
                    p.addText(part)
                tc.addElement(p)
                tr.addElement(tc)
                for _ in range(span - 1):
                    tr.addElement(CoveredTableCell())
            t.addElement(tr)
        doc.text.addElement(t)

    doc.text.addElement(P(stylename=head, text=d["overview_heading"]))
    rows = []
    for a, b, c, e in d["overview"]:
        if c:
            rows.append([(a, cell_b, label, 1), (b, cell_l, plain, 1), (c, cell_b, label, 1), (e, cell_l, plain, 1)])
        else:
            rows.append([(a, cell_b, label, 1), (b, cell_l, plain, 3)])
    table("Overview", [2.6, 8.4, 2.2, 4.6], rows)

    doc.text.addElement(P(stylename=head, text=d["indicator_heading"]))
    rows = [[(t, cell_b, label, 1) for t in d["indicator_header"]]]
    for no, name, unit, other, formula in d["indicators"]:
        rows.append([(no, cell_c, plain, 1), (name, cell_l, plain, 1), (unit, cell_c, plain, 1),
                     (other, cell_c, plain, 1), (formula, cell_l, plain, 1)])
    table("Indicators", [1.2, 6.4, 1.4, 4.0, 4.8], rows)

    doc.text.addElement(P(stylename=body, text=""))
    rows = [[("", cell_b, label, 1), ("", cell_b, label, 1)] + [(y, cell_b, label, 1) for y in d["years"]]]
    for no, kind, values in d["series"]:
        rows.append([(no, cell_c, plain, 1), (kind, cell_c, label, 1)] +
                    [(v, cell_r, plain, 1) for v in values])
    table("Years", [1.2, 1.6] + [2.5] * len(d["years"]), rows)

    doc.text.addElement(P(stylename=head, text=d["review_heading"]))
    for text in d["review"]:
        doc.text.addElement(P(stylename=body, text=text))
    doc.text.addElement(P(stylename=head, text=d["needs_heading"]))
    out = SRC / f"{doc_id}.odt"
    doc.save(str(out))
    return soffice_to_pdf(out)


# ---------------------------------------------------------------- 4. docx, label column not first
def build_matsudo_jisshi(doc_id="matsudo-jisshi"):
    """節項 / 内容 / 目的 / 政策指標 / 現状値 / 目標値 / 実施計画事業: the indicator is the fourth
    column, a 項 with two indicators ((1), (2)) spans two rows; values print no year;
    python-docx + LibreOffice Writer, A4 landscape."""
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT, WD_ROW_HEIGHT_RULE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    d = load(doc_id)
    doc = Document()
    sec = _a4(doc, landscape=True, margins_cm=(1.6, 1.6, 1.8, 1.8))
    _footer_text(sec, "松戸市")
    _para(doc, d["header_line"], GOTHIC, 9.5, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, d["title"], GOTHIC, 15, True, space_after=2)
    _para(doc, d["updated"], MINCHO, 9.5, space_after=8)
    _para(doc, d["caption"], GOTHIC, 11, True, space_after=4)
    widths = [Cm(1.6), Cm(4.0), Cm(6.2), Cm(6.4), Cm(2.3), Cm(2.5), Cm(3.1)]
    table = doc.add_table(rows=1, cols=7)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, w in zip(table.columns, widths):
        column.width = w
    _repeat_header(table.rows[0])
    for cell, text, w in zip(table.rows[0].cells, d["header"], widths):
        _cell_lines(cell, [(text, GOTHIC, 9, True)], WD_ALIGN_PARAGRAPH.CENTER)
        _shade(cell, "DDEBF7")
        cell.width = w
    for no, name, purpose, indicators, project in d["rows"]:
        first = None
        for k, (ind, now, goal) in enumerate(indicators):
            r = table.add_row()
            r.height, r.height_rule = Cm(1.0), WD_ROW_HEIGHT_RULE.AT_LEAST
            cells = r.cells
            if k == 0:
                first = r
                _cell_lines(cells[0], [(no, GOTHIC, 9.5, True)], WD_ALIGN_PARAGRAPH.CENTER)
                _cell_lines(cells[1], [(name, GOTHIC, 9.5, no.endswith("節"))])
                _cell_lines(cells[2], [(purpose, MINCHO, 9, False)])
                _cell_lines(cells[6], [(project, MINCHO, 9, False)])
                if no.endswith("節"):
                    for c in cells:
                        _shade(c, "F2F2F2")
            _cell_lines(cells[3], [(ind, MINCHO, 9.5, False)])
            _cell_lines(cells[4], [(now, MINCHO, 9.5, False)], WD_ALIGN_PARAGRAPH.RIGHT)
            _cell_lines(cells[5], [(goal, MINCHO, 9.5, False)], WD_ALIGN_PARAGRAPH.RIGHT)
            for c, w in zip(cells, widths):
                c.width = w
        if len(indicators) > 1:
            last = table.rows[-1]
            for col in (0, 1, 2, 6):
                first.cells[col].merge(last.cells[col])
    out = SRC / f"{doc_id}.docx"
    doc.save(out)
    return soffice_to_pdf(out)


# ---------------------------------------------------------------- 5./6. Chromium HTML
def build_html(doc_id):
    return chromium_to_pdf(SRC / f"{doc_id}.html", PDF / f"{doc_id}.pdf")


BUILDERS = {
    "chibaken-shihyo": build_chibaken,
    "sabae-mokuhyo": build_sabae,
    "seikacho-hyoka": build_seikacho,
    "matsudo-jisshi": build_matsudo_jisshi,
    "matsudo-sosei": build_html,
    "kyotofu-mokuhyo": build_html,
}


def main(argv):
    PDF.mkdir(exist_ok=True)
    for doc_id in argv or list(BUILDERS):
        print(doc_id, "->", BUILDERS[doc_id](doc_id))


if __name__ == "__main__":
    main(sys.argv[1:])
