"""Ingest: open a PDF, classify its pages, and give every word its box and folded text.

The first stage of the pipeline. It decides what later stages may trust: a page
whose text is typed, a page that is only an image (OCR must read it), or a page
with both — which, when the text is invisible over a page-sized image, is a
scan's OCR layer, not typed text.

Bad input raises IngestError with a code that a batch can store and search:
`unreadable`, `not-pdf`, `empty`, `truncated`, `encrypted`, `no-pages`.
"""

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pymupdf

from pipeline.model import Word
from pipeline.text import fold

# Glyph boxes as mupdf measures them, not refitted by pymupdf to each font's ascender and
# descender; and no mupdf messages on stderr, since a file that cannot be read is reported
# as an IngestError. pymupdf4llm sets both when it is imported, and pymupdf imported it
# whenever it was installed: the pipeline now sets them itself (and does not load it).
pymupdf.TOOLS.unset_quad_corrections(True)
pymupdf.TOOLS.mupdf_display_errors(False)

PageKind = Literal["text", "image", "mixed", "blank"]
ErrorCode = Literal["unreadable", "not-pdf", "empty", "truncated", "encrypted", "no-pages"]

# pymupdf turns glyphs with no Unicode mapping into raw codes that read like
# text; without that flag they come out as U+FFFD, which marks a broken layer.
TEXT_FLAGS = (
    pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_PRESERVE_LIGATURES | pymupdf.TEXT_MEDIABOX_CLIP
)
UNMAPPED = "\ufffd"
# An image covering this share of the page is a scan of the page, not a figure on it.
SCAN_COVERAGE = 0.8
# Text beside an image this large is a mixed page: part of it may need OCR.
MIXED_COVERAGE = 0.25


class IngestError(Exception):
    """A document that cannot be read at all, with a code and the reason."""

    def __init__(self, code: ErrorCode, path: Path, message: str) -> None:
        self.code = code
        self.path = path
        super().__init__(f"{path}: {code}: {message}")


@dataclass
class Page:
    """One page as ingest sees it; later stages add their own slots."""

    number: int
    width: float
    height: float
    rotation: int
    kind: PageKind
    words: list[Word]
    image_coverage: float
    unmapped_glyphs: int = 0
    turn: int = 0  # degrees the text runs turned by (a sideways table: 90 or 270)

    @property
    def has_ocr_layer(self) -> bool:
        """Invisible words over a page-sized image: a scan's OCR text, to be checked."""
        return self.image_coverage >= SCAN_COVERAGE and any(w.invisible for w in self.words)


def open_pdf(path: Path) -> pymupdf.Document:
    """Open a PDF or raise IngestError saying precisely why it cannot be read."""
    if path.exists() and not path.is_file():  # a FIFO, a device, a folder: opening may hang
        raise IngestError("unreadable", path, "not a regular file")
    try:
        with path.open("rb") as file:
            head = file.read(1024)
            file.seek(max(0, file.seek(0, 2) - 2048))
            tail = file.read()
    except OSError as error:
        raise IngestError("unreadable", path, f"cannot read the file ({error.strerror})") from error
    if not head:
        raise IngestError("empty", path, "the file is empty (0 bytes)")
    if b"%PDF-" not in head:
        raise IngestError("not-pdf", path, "no %PDF- header: the file is not a PDF")
    # mupdf silently rebuilds a cut-off file into pages with their content
    # missing; a file that stops before its end marker is refused instead.
    if b"%%EOF" not in tail:
        raise IngestError("truncated", path, "the file ends before its %%EOF marker: cut off")
    try:
        doc = pymupdf.open(path, filetype="pdf")
    except (pymupdf.FileDataError, RuntimeError) as error:
        raise IngestError("truncated", path, f"damaged or truncated PDF ({error})") from error
    if doc.needs_pass:
        doc.close()
        raise IngestError("encrypted", path, "the PDF is encrypted and needs a password")
    if doc.page_count == 0:
        doc.close()
        raise IngestError("no-pages", path, "the PDF has no pages")
    return doc


Glyph = tuple[str, tuple[float, float, float, float]]


# Text direction (dx, dy) of a line → degrees the page's content is turned by.
_TURNS = {(1, 0): 0, (0, -1): 90, (-1, 0): 180, (0, 1): 270}


@dataclass
class PageText:
    """What one pass over a page's glyphs gives: words, unmapped glyphs, the text's turn."""

    words: list[Word]
    unmapped: int
    turn: int


def page_words(text: pymupdf.TextPage) -> PageText:
    """Words with boxes from the page's spans, split at spaces; unmapped glyphs; the turn.

    The turn is the direction most glyphs run in (0, 90, 180 or 270 degrees):
    a landscape table placed sideways on a portrait page reads 90 or 270.
    """
    words: list[Word] = []
    unmapped = 0
    votes: Counter[int] = Counter()
    for block in text.extractRAWDICT()["blocks"]:
        for line in block.get("lines", []):
            direction = (round(line["dir"][0]), round(line["dir"][1]))
            for span in line["spans"]:
                glyphs: list[Glyph] = [(c["c"], tuple(c["bbox"])) for c in span["chars"]]
                unmapped += sum(1 for char, _ in glyphs if char == UNMAPPED)
                votes[_TURNS.get(direction, 0)] += len(glyphs)
                words += split_words(glyphs, invisible=span.get("alpha", 255) == 0)
    turn = votes.most_common(1)[0][0] if votes else 0
    return PageText(words, unmapped, turn)


def split_words(glyphs: list[Glyph], invisible: bool) -> list[Word]:
    """A span's glyphs cut into words at whitespace, each with the union of its glyph boxes."""
    words: list[Word] = []
    start = 0
    for end in range(len(glyphs) + 1):
        if end < len(glyphs) and not glyphs[end][0].isspace():
            continue
        if end > start:
            chars, boxes = zip(*glyphs[start:end], strict=True)
            raw = "".join(chars)
            x0, y0, x1, y1 = zip(*boxes, strict=True)
            words.append(Word(fold(raw), raw, (min(x0), min(y0), max(x1), max(y1)), invisible))
        start = end + 1
    return words


def image_coverage(page: pymupdf.Page, text: pymupdf.TextPage) -> float:
    """The share of the page covered by its largest image, inline images included."""
    area = float(abs(page.rect))
    largest = 0.0
    for info in text.extractIMGINFO():
        box = pymupdf.Rect(info["bbox"]) & page.rect
        largest = max(largest, float(abs(box)))
    return largest / area if area else 0.0


def classify(words: list[Word], coverage: float) -> PageKind:
    """`text`, `image` (OCR must read it), `mixed` (text beside a large image) or `blank`."""
    if not words:
        return "image" if coverage > 0 else "blank"
    return "mixed" if coverage >= MIXED_COVERAGE else "text"


def read_page(page: pymupdf.Page) -> Page:
    # One text page gives both the glyphs and the images: building it is most of
    # the cost of reading a typed page, and `get_image_info` would build another.
    textpage = page.get_textpage(flags=TEXT_FLAGS | pymupdf.TEXT_PRESERVE_IMAGES)
    text = page_words(textpage)
    coverage = image_coverage(page, textpage)
    # Words come unrotated whatever the page's /Rotate says; so does the size.
    unrotated = page.rect * page.derotation_matrix
    return Page(
        number=page.number + 1,
        width=abs(float(unrotated.width)),
        height=abs(float(unrotated.height)),
        rotation=int(page.rotation),
        kind=classify(text.words, coverage),
        words=text.words,
        image_coverage=coverage,
        unmapped_glyphs=text.unmapped,
        turn=text.turn,
    )
