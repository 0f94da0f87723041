"""Repairs of cell text that layout or OCR broke, each one small rule with its reason.

Every function takes and returns plain strings, so each can be tested alone and
the cell keeps its raw text beside the repaired one.
"""

import re
from collections.abc import Sequence

# OCR and layout put a space after a thousands separator (`134, 280`, `1, 117, 438`):
# a comma, spaces, then exactly three digits is one number.
_SPACED_THOUSANDS = re.compile(r"(?<=\d),\s+(?=\d{3}(?!\d))")
# ...and after a decimal point (`74. 3`). A point between digits is never a sentence end.
_SPACED_DECIMAL = re.compile(r"(?<=\d)\.\s+(?=\d)")
# pymupdf's table reader can move a separator to its own line: `5000\n,` for `5,000`.
_STRANDED_SEPARATOR = re.compile(r"(?<![\d,])(\d{4,})\s*\n\s*,(?![\d,])")
# The longest run of characters OCR repeats on both sides of a cell border.
MAX_BORDER_OVERLAP = 2


def repair_numbers(text: str) -> str:
    """Rejoin numbers broken by spaces or a stranded separator; other text is untouched."""
    text = _STRANDED_SEPARATOR.sub(lambda m: f"{int(m.group(1)):,}", text)
    text = _SPACED_THOUSANDS.sub(",", text)
    return _SPACED_DECIMAL.sub(".", text)


def join_across_border(left: str, right: str) -> str:
    """Join the two halves of a line OCR split at a cell border, dropping the doubled characters.

    OCR reads a character that straddles the border into both cells
    (`きららガラス` | `ス未来館の来`); the overlap is at most MAX_BORDER_OVERLAP long.
    """
    for size in range(min(MAX_BORDER_OVERLAP, len(left), len(right)), 0, -1):
        if left[-size:] == right[:size]:
            return left + right[size:]
    return left + right


def header_paths(header_rows: Sequence[Sequence[str]]) -> list[str]:
    """One path per column from stacked header rows: `令和5年度 / 年間目標`.

    The rows are dense (a merged cell's text in every slot it spans), so a
    cell spanning both rows appears once, not as `方向性 / 方向性`.
    """
    columns = max((len(row) for row in header_rows), default=0)
    paths: list[str] = []
    for col in range(columns):
        parts: list[str] = []
        for row in header_rows:
            text = row[col] if col < len(row) else ""
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        paths.append(" / ".join(parts))
    return paths
