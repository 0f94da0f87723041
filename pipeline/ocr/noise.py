"""What an OCR engine reads into a cell that was never printed there.

Tesseract's Japanese model reads a fragment of ruling, a punch hole or a speck
as a box-shaped katakana ロ, a long-vowel mark ー, a bar or a bracket. A printed
ロ stands in a katakana word (ロボット, ゼロ), and a printed ー follows kana, so
either one beside anything else, and punctuation hanging at a cell's edges, is
the scan's noise, not its text.
"""

import re
from dataclasses import replace

from pipeline.model import Table

_KANA = "\u3041-\u309f\u30a1-\u30fa\u30fc"  # hiragana, katakana, the long-vowel mark
_KATAKANA = "\u30a1-\u30fa\u30fc"
# Two or more box marks together are never a word: ロロ, 口口, ロ口.
_BOXES = re.compile(r"[ロ口]{2,}")
# A single ロ with no katakana on either side.
_LONE_RO = re.compile(rf"(?<![{_KATAKANA}])ロ(?![{_KATAKANA}])")
# Long-vowel marks after anything but kana: `基準値・ーー`.
_STRAY_BAR = re.compile(rf"(?<=[^{_KANA}\s])ー+|^ー+(?=\S)")
# A dashed or dotted rule read as text: a run of bars, dashes and their look-alikes
# (一, ニ, ・) that no printed word or value is made of.
_RULE_READ = re.compile(r"(?:[\-ー一ニ・|｜－―‐−_=＝]\s*){6,}")
# A period after a Japanese letter, not in a number: `目標値. (目標年度)`.
_STRAY_DOT = re.compile(r"(?<=[\u3041-\u30ff\u4e00-\u9fff])\s*[.．]+(?!\d)")
# Marks hanging at the edges of a cell's text: `. EE]`, `」KPI`, `ロ.主要事業`.
_LEADING = re.compile(r"^[\s.。,、・|｜\]」』)）*＊=＝_'\"“”`~〜^:;>]+")
_TRAILING = re.compile(r"[\s.・|｜\[「『(（*＊=＝_'\"“”`~〜^<]+$")


def without_scan_noise(text: str) -> str:
    """A printed line of a cell read from a scan without the marks its ruling and specks left.

    A cell that is only a dash (`ー`, `-`: no value) keeps it; a run of six dashes or
    bars (`-|一|-・ニーニーーー`) is a rule read as text. A bracket is judged with
    its pair over the whole cell (`cell_without_scan_noise`), not line by line.
    """
    text = _RULE_READ.sub("", text)
    if not text.strip() or re.fullmatch(r"\s*[ー\-－―‐−]+\s*", text):
        return text
    return _TRAILING.sub("", _LEADING.sub("", _inside(text)))


def cell_without_scan_noise(text: str) -> str:
    """A whole cell's text without the scan's marks, brackets nothing opened included."""
    return _unopened(without_scan_noise(text))


def word_without_scan_noise(text: str) -> str:
    """One word of a free line without the scan's marks; "" for a word that is only marks.
    The punctuation that ends or splits a sentence (、。) and brackets stay, but a pair of
    brackets holding nothing is a ring's reading: a punch hole, not print."""
    cleaned = _inside(text)
    return "" if _MARKS_ONLY.fullmatch(cleaned) or _EMPTY_PAIR.fullmatch(cleaned) else cleaned


# A word of nothing but the marks specks and rules leave.
_MARKS_ONLY = re.compile(r"[\s.|｜*＊=＝_'\"“”`~〜^<>]*")
# Brackets around nothing: `()`, `（ ）`, `[]`.
_EMPTY_PAIR = re.compile(r"\s*(?:\(\s*\)|（\s*）|\[\s*\]|〔\s*〕|【\s*】)\s*")


def _inside(text: str) -> str:
    cleaned = _BOXES.sub("", text)
    cleaned = _LONE_RO.sub("", cleaned)
    cleaned = _STRAY_BAR.sub("", cleaned)
    return _STRAY_DOT.sub("", cleaned)


def _unopened(text: str) -> str:
    """Without a closing bracket at the end that nothing opened (`… EE]`), and so on."""
    for opening, closing in ("[]", "「」", "【】"):
        while text.endswith(closing) and opening not in text:
            text = text[:-1].rstrip()
        while text.startswith(opening) and closing not in text:
            text = text[1:].lstrip()
    return text


def table_without_scan_noise(table: Table) -> Table:
    """A scanned table with each cell's text cleaned of the scan's marks, raw text as read.

    Run after the layout stage's repairs, which rebuild a mended cell's text from its
    words."""
    cells = [replace(cell, text=cell_without_scan_noise(cell.text)) for cell in table.cells]
    return replace(table, cells=cells)
