"""`kpi inspect`: the page drawn with its tables and cells outlined, and clear errors."""

from pathlib import Path

import pymupdf
from click.testing import CliRunner

from pipeline.cli.main import main
from pipeline.report.overlay import TABLE_COLOUR

PDFS = Path(__file__).resolve().parent.parent / "fixtures" / "pdfs"


def test_inspect_writes_the_page_with_its_tables_outlined(tmp_path: Path) -> None:
    out = tmp_path / "page.png"
    pdf = PDFS / "sanyo-onoda-r3-kpi.pdf"
    result = CliRunner().invoke(main, ["inspect", str(pdf), "--page", "1", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "T2: 8×7 ruled" in result.output
    image = pymupdf.Pixmap(str(out))
    with pymupdf.open(pdf) as doc:
        page_width = doc[0].rect.width
    # the sheet is wider than the page: a text panel stands beside it
    assert image.width > page_width * 110 / 72 * 1.5
    red = tuple(round(c * 255) for c in TABLE_COLOUR)
    found = {image.pixel(x, y)[:3] for x in range(0, image.width, 2) for y in range(0, 700, 2)}
    assert any(all(abs(a - b) < 40 for a, b in zip(p, red, strict=True)) for p in found)


def test_inspect_refuses_a_page_the_document_lacks(tmp_path: Path) -> None:
    pdf = PDFS / "kodaira-r2-kofukin.pdf"
    result = CliRunner().invoke(
        main, ["inspect", str(pdf), "--page", "9", "--out", str(tmp_path / "x.png")]
    )
    assert result.exit_code == 2
    assert "has 1 pages" in result.output
    assert not (tmp_path / "x.png").exists()


def test_inspect_names_why_a_file_cannot_be_read(tmp_path: Path) -> None:
    fake = tmp_path / "notes.pdf"
    fake.write_text("not a pdf", encoding="utf-8")
    result = CliRunner().invoke(main, ["inspect", str(fake), "--out", str(tmp_path / "x.png")])
    assert result.exit_code == 2
    assert "not-pdf" in result.output


def test_an_out_name_without_png_gets_it(tmp_path: Path) -> None:
    pdf = Path(__file__).resolve().parents[1] / "fixtures" / "pdfs" / "kodaira-r2-sangyo.pdf"
    result = CliRunner().invoke(main, ["inspect", str(pdf), "--out", str(tmp_path / "page1")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "page1.png").is_file()
