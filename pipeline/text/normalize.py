"""Normalization of text fields, as the kpi-record/1 contract defines it.

One definition serves the pipeline (what it emits) and the scorer (what it
compares), so a hand-labeller may paste text as printed and still match.
"""

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

# The letters of Japanese words, for a regex class: kana (with ー and the middle
# dot), CJK extension A and unified ideographs.
JAPANESE_LETTERS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
# Characters of Japanese script: its letters, CJK symbols and the full-width forms
# that survive NFKC. Layout inserts spaces and line breaks between them when a
# cell wraps; they are never meaningful there.
_JAPANESE = (
    JAPANESE_LETTERS + "\u3000-\u303f"  # CJK symbols and punctuation (、。「」【】〜)
    "\u31f0-\u31ff"  # katakana phonetic extensions
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\uff5f-\uff9f"  # half-width katakana and brackets left after NFKC
)
_SPACE_NEXT_TO_JAPANESE = re.compile(rf"(?<=[{_JAPANESE}])\s+|\s+(?=[{_JAPANESE}])")
_SPACE_RUN = re.compile(r"\s+")


@lru_cache(maxsize=1 << 16)
def normalize_text(text: str) -> str:
    """NFKC, drop the spaces and line breaks layout put inside Japanese words, fold runs.

    Whitespace beside a Japanese character is removed (`ビジネスによ\\nる` →
    `ビジネスによる`); whitespace between two Latin or digit characters becomes
    one space (`PPP / PFI` keeps its spaces). Remembered: the names, header paths and
    labels built from one document's cells repeat.
    """
    folded = unicodedata.normalize("NFKC", text)
    joined = _SPACE_NEXT_TO_JAPANESE.sub("", folded)
    return _SPACE_RUN.sub(" ", joined).strip()


def normalize_grade(text: str) -> str:
    """A grade as the contract compares it: normalized text in ASCII capitals (Ｓ → S)."""
    return normalize_text(text).upper()


# A line that stops inside a number (`1,075,` then `000`) or inside brackets.
_OPEN_END = re.compile(r"(?:\d[,.]|[(（「『【〈《\[])$")


_CLOSE_START = re.compile(r"^[)）」』】〉》\]、。,.]")


def join_wrapped_lines(lines: Sequence[str]) -> str:
    """One text from the lines a cell wrapped it over, without inventing spaces.

    Beside Japanese, a line break is never a space (normalize_text drops it);
    a line that stops inside a number or an open bracket, a line that starts
    with closing punctuation, and a bracket that follows a bracket continue
    with no space; Latin words keep one.
    """
    parts = [line.strip() for line in lines if line.strip()]
    text = parts[0] if parts else ""
    for part in parts[1:]:
        bracketed = text.endswith((")", "）")) and part.startswith(("(", "（"))
        glued = _OPEN_END.search(text) or _CLOSE_START.search(part) or bracketed
        text += part if glued else "\n" + part
    return normalize_text(text)


def fold(text: str) -> str:
    """NFKC: Kangxi radicals (⽬ → 目) and full-width Latin and digits to their plain forms."""
    return unicodedata.normalize("NFKC", text).replace(SOFT_HYPHEN, "-")


# Some fonts map their hyphen glyph to the soft hyphen, which NFKC keeps: it was printed.
SOFT_HYPHEN = "\u00ad"
