"""The fixture PDFs carry the tests and the example corpus: check they hold what they claim.

Each text replica must carry its report's strings exactly as extracted from the
real PDF, garbling included; the scans must carry no text at all; the OCR-layer
form must carry the garbled strings invisibly over a scan image.
"""

import importlib.util
import re
import sys
from pathlib import Path

import pymupdf
import pytest

ROOT = Path(__file__).resolve().parent.parent
PDFS = ROOT / "tests" / "fixtures" / "pdfs"
SEEDS = ROOT / "tests" / "fixtures" / "seeds"

PAGES = {
    "kodaira-r2-kofukin": 1,
    "kodaira-r2-sangyo": 10,
    "tsukuba-r2-kpi": 2,
    "akiruno-r7-shokogyo": 1,
    "sanyo-onoda-r3-kpi": 4,
    "akiruno-r7-shokogyo-scan": 1,
    "sanyo-onoda-r3-kpi-scan": 4,
    "sanyo-onoda-r3-kpi-ocr": 4,
}
TEXT_REPLICAS = (
    "kodaira-r2-kofukin",
    "kodaira-r2-sangyo",
    "tsukuba-r2-kpi",
    "akiruno-r7-shokogyo",
    "sanyo-onoda-r3-kpi",
)
SCANS = ("akiruno-r7-shokogyo-scan", "sanyo-onoda-r3-kpi-scan")

# Strings as the real reports' text layers hold them, odd spacing and OCR garbling included.
SEED_STRINGS = [
    ("kodaira-r2-kofukin", "【ＫＰＩ】　累計 445,000件"),
    ("kodaira-r2-kofukin", "【実績】　累計 466,467件"),
    ("kodaira-r2-kofukin", "【ＫＰＩ】　70人　（累計270人）"),
    ("kodaira-r2-kofukin", "【実績】　27人  （累計149人）"),
    ("kodaira-r2-kofukin", "　　 管理運営支援"),
    ("kodaira-r2-kofukin", "H26：4,795　⇒　R1：5,679"),
    ("kodaira-r2-sangyo", "82,716人"),
    ("kodaira-r2-sangyo", "現状以上"),
    ("kodaira-r2-sangyo", "5,830事業所"),
    ("kodaira-r2-sangyo", "農地面積減少率を12%に抑える"),
    ("tsukuba-r2-kpi", "新たな地域ビジネスによ"),
    ("tsukuba-r2-kpi", "地域・民間企業・ＮＰＯ"),
    ("tsukuba-r2-kpi", "【増分目標】"),
    ("tsukuba-r2-kpi", "18,729"),
    ("akiruno-r7-shokogyo", "27,000部"),
    ("akiruno-r7-shokogyo", "令和5年度"),
    ("akiruno-r7-shokogyo", "年間目標"),
    ("akiruno-r7-shokogyo", "(参加者数)"),
    ("sanyo-onoda-r3-kpi", "134, 280 円"),
    ("sanyo-onoda-r3-kpi", "1, 117, 438 人"),
    ("sanyo-onoda-r3-kpi", "74. 3%"),
    ("sanyo-onoda-r3-kpi", "1 争未件"),
    ("sanyo-onoda-r3-kpi", "V'o"),
    ("sanyo-onoda-r3-kpi", "(=173 <u>101</u>)"),
    ("sanyo-onoda-r3-kpi", "きららガラス"),
    ("sanyo-onoda-r3-kpi", "ス未来館の来"),
]


def open_fixture(name: str) -> pymupdf.Document:
    return pymupdf.open(PDFS / f"{name}.pdf")


def text_layer(name: str) -> str:
    with open_fixture(name) as doc:
        return "".join(page.get_text() for page in doc)


@pytest.mark.parametrize(("name", "pages"), PAGES.items())
def test_fixture_opens_with_its_page_count(name: str, pages: int) -> None:
    with open_fixture(name) as doc:
        assert doc.page_count == pages


@pytest.mark.parametrize(("name", "string"), SEED_STRINGS)
def test_text_replica_holds_the_seed_string(name: str, string: str) -> None:
    assert string in text_layer(name)


def seed_fields(name: str) -> list[str]:
    """The seed's text pieces: each tab-separated field of each line.

    Rows of dashes only are the table rules the text extractor wrote, not text.
    """
    lines = (SEEDS / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    fields = [field.strip() for line in lines for field in line.split("\t")]
    return [field for field in fields if field and not re.fullmatch(r"-{2,}", field)]


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("name", TEXT_REPLICAS)
def test_every_seed_field_is_in_the_replica(name: str) -> None:
    """Each field is printed as the seed has it; a field the extractor joined from
    neighbouring cells (pieces separated by spaces) is found piece by piece."""
    layer = squeezed(text_layer(name))
    missing = [
        field
        for field in seed_fields(name)
        if squeezed(field) not in layer and not all(part in layer for part in field.split())
    ]
    assert missing == []


@pytest.mark.parametrize("name", TEXT_REPLICAS)
def test_text_replica_embeds_a_japanese_font(name: str) -> None:
    with open_fixture(name) as doc:
        fonts = {font for page in doc for font in page.get_fonts()}
        has_japanese = re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", doc[0].get_text())
    assert fonts
    for _, extension, kind, basefont, _, encoding in fonts:
        assert extension in {"ttf", "otf", "cff"}, f"{basefont} is not embedded"
        assert (kind, encoding) == ("Type0", "Identity-H"), "a CID font, as CJK text needs"
        assert "+" in basefont, "subset, tagged ABCDEF+Name"
    assert has_japanese


@pytest.mark.parametrize("name", SCANS)
def test_scan_has_no_text_and_one_image_a_page(name: str) -> None:
    with open_fixture(name) as doc:
        for page in doc:
            assert page.get_text().strip() == ""
            (image,) = page.get_images()
            width = image[2]
            dpi = width / page.rect.width * 72
            assert 180 <= dpi <= 220


@pytest.mark.parametrize("name", SCANS)
def test_scan_carries_sensor_noise(name: str) -> None:
    """A blank margin of a real scan is not flat white: it has grain and specks."""
    with open_fixture(name) as doc:
        xref = doc[0].get_images()[0][0]
        pixmap = pymupdf.Pixmap(doc, xref)
    margin = pixmap.samples[: pixmap.width * 40]  # the top 40 pixel rows
    assert len(set(margin)) > 10


def test_ocr_layer_is_invisible_text_over_a_scan() -> None:
    with open_fixture("sanyo-onoda-r3-kpi-ocr") as doc:
        for page in doc:
            assert len(page.get_images()) == 1
            spans = [
                span
                for block in page.get_text("dict")["blocks"]
                for line in block.get("lines", [])
                for span in line["spans"]
            ]
            assert spans
            assert all(span["alpha"] == 0 for span in spans)  # render mode 3
    garbled = [string for name, string in SEED_STRINGS if name == "sanyo-onoda-r3-kpi"]
    layer = text_layer("sanyo-onoda-r3-kpi-ocr")
    assert all(string in layer for string in garbled)


def test_headers_come_after_the_body_in_content_order() -> None:
    """One report writes its grid header after the rows; extraction order shows it."""
    with open_fixture("tsukuba-r2-kpi") as doc:
        text = doc[0].get_text()
    assert text.index("指標の") > text.index("新たな地域ビジネスによ")


def load_generator():  # type: ignore[no-untyped-def]
    scripts = ROOT / "scripts"
    sys.path.insert(0, str(scripts))
    spec = importlib.util.spec_from_file_location("make_fixtures", scripts / "make_fixtures.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def page_geometry(doc: pymupdf.Document) -> list[tuple[object, ...]]:
    """What a layout decides: page size, words and their boxes, ruling drawn."""
    return [
        (
            tuple(round(v, 1) for v in page.rect),
            [(tuple(round(v, 1) for v in w[:4]), w[4]) for w in page.get_text("words")],
            sorted(tuple(round(v, 1) for v in path["rect"]) for path in page.get_drawings()),
        )
        for page in doc
    ]


@pytest.mark.parametrize("name", TEXT_REPLICAS)
def test_committed_replica_matches_the_generator(name: str) -> None:
    """A layout changed without regenerating the committed PDFs shows up here."""
    generator = load_generator()
    replica = generator.Replica()
    generator.LAYOUTS[name].draw(replica)
    with open_fixture(name) as committed:
        assert page_geometry(replica.doc) == page_geometry(committed)
