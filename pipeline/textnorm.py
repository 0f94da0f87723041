"""Normalization of text fields, as the kpi-record/1 contract defines it.

One definition serves the pipeline (what it emits) and the scorer (what it
compares), so a hand-labeller may paste text as printed and still match.
"""

import re
import unicodedata

# Characters of Japanese script (kana, CJK ideographs, CJK symbols and full-width
# forms that survive NFKC). Layout inserts spaces and line breaks between them
# when a cell wraps; they are never meaningful there.
_JAPANESE = (
    "\u3000-\u303f"  # CJK symbols and punctuation (、。「」【】〜)
    "\u3040-\u309f"  # hiragana
    "\u30a0-\u30ff"  # katakana
    "\u31f0-\u31ff"  # katakana phonetic extensions
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\uff5f-\uff9f"  # half-width katakana and brackets left after NFKC
)
_SPACE_NEXT_TO_JAPANESE = re.compile(rf"(?<=[{_JAPANESE}])\s+|\s+(?=[{_JAPANESE}])")
_SPACE_RUN = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """NFKC, drop the spaces and line breaks layout put inside Japanese words, fold runs.

    Whitespace beside a Japanese character is removed (`ビジネスによ\\nる` →
    `ビジネスによる`); whitespace between two Latin or digit characters becomes
    one space (`PPP / PFI` keeps its spaces).
    """
    folded = unicodedata.normalize("NFKC", text)
    joined = _SPACE_NEXT_TO_JAPANESE.sub("", folded)
    return _SPACE_RUN.sub(" ", joined).strip()


def normalize_grade(text: str) -> str:
    """A grade as the contract compares it: normalized text in ASCII capitals (Ｓ → S)."""
    return normalize_text(text).upper()
