"""Ingest: page kinds, words with boxes, folding, and a specific error for each kind of bad file."""

from pathlib import Path

import pymupdf
import pytest

from pipeline.ingest.pages import IngestError, Page, classify, open_pdf, read_page
from pipeline.text.normalize import fold

PDFS = Path(__file__).resolve().parent.parent / "fixtures" / "pdfs"


def pages(path: Path) -> list[Page]:
    with open_pdf(path) as doc:
        return [read_page(page) for page in doc]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("sanyo-onoda-r3-kpi", "text"),
        ("sanyo-onoda-r3-kpi-scan", "image"),
        ("sanyo-onoda-r3-kpi-ocr", "mixed"),
        ("akiruno-r7-shokogyo-scan", "image"),
    ],
)
def test_pages_are_classified(name: str, kind: str) -> None:
    assert {page.kind for page in pages(PDFS / f"{name}.pdf")} == {kind}


def test_ocr_layer_is_recognized_as_such() -> None:
    ocr = pages(PDFS / "sanyo-onoda-r3-kpi-ocr.pdf")
    typed = pages(PDFS / "sanyo-onoda-r3-kpi.pdf")
    assert all(page.has_ocr_layer for page in ocr)
    assert not any(page.has_ocr_layer for page in typed)


def test_words_keep_raw_text_and_boxes() -> None:
    page = pages(PDFS / "sanyo-onoda-r3-kpi.pdf")[0]
    words = [word for word in page.words if word.raw == "134,"]
    assert words, "the OCR-broken number is split into words at its space"
    x0, y0, x1, y1 = words[0].bbox
    assert 0 <= x0 < x1 <= page.width and 0 <= y0 < y1 <= page.height


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("⽬標", "目標"),
        ("ＫＰＩ", "KPI"),
        ("１２３", "123"),
        ("（参考）", "(参考)"),
        ("ｶﾞ", "ガ"),
        ("\u00ad", "-"),  # a font that maps its hyphen glyph to the soft hyphen
    ],
)
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded


@pytest.mark.parametrize(
    ("has_words", "coverage", "kind"),
    [
        (True, 0.0, "text"),
        (True, 0.1, "text"),
        (True, 0.9, "mixed"),
        (False, 0.9, "image"),
        (False, 0.0, "blank"),
    ],
)
def test_classify(has_words: bool, coverage: float, kind: str) -> None:
    from pipeline.model.geometry import Word

    words = [Word("a", "a", (0, 0, 1, 1))] if has_words else []
    assert classify(words, coverage) == kind


def _bad_file(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.pdf"
    good = (PDFS / "sanyo-onoda-r3-kpi.pdf").read_bytes()
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "not-pdf":
        path.write_text("this is a text file named .pdf\n")
    elif kind == "truncated":
        path.write_bytes(good[: len(good) // 3])
    elif kind == "encrypted":
        with pymupdf.open(PDFS / "sanyo-onoda-r3-kpi.pdf") as doc:
            doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="u", owner_pw="o")
    elif kind == "unreadable":
        path.mkdir()
    elif kind == "no-pages":
        path.write_bytes(
            b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
            b"trailer<</Root 1 0 R>>\n%%EOF\n"
        )
    return path


@pytest.mark.parametrize(
    "code", ["unreadable", "empty", "not-pdf", "truncated", "encrypted", "no-pages"]
)
def test_bad_input_gets_a_specific_error(tmp_path: Path, code: str) -> None:
    with pytest.raises(IngestError) as caught:
        open_pdf(_bad_file(tmp_path, code))
    assert caught.value.code == code
    assert str(tmp_path) in str(caught.value)
