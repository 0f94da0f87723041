"""Numbers as Japanese reports print them: separators, △ for minus, 万 and 千 in prose, dashes.

Small rules on folded text (NFKC, numbers rejoined), shared by every reader of a
value: where a number starts and what sign it has, what it is worth, and which
characters stand where no figure is.
"""

import re
import unicodedata
from decimal import Decimal
from math import prod

from pipeline.text.normalize import normalize_text

# A value as a table prints it on one line: a number, its unit and a bracket closing a
# difference (`12,672 人`, `4.5%`, `(+5) 件`, `1 争未件` as OCR misreads `1 事業体`). One
# pattern for every stage that asks whether a cell's line is a value; match it whole.
PRINTED_VALUE = re.compile(
    r"(?P<number>[(（]?[+\-−△▲]?\d[\d,.]*)\s*(?P<unit>[^\d\s()（）+\-−,.]{0,6})(?P<close>[)）]?)"
)

# Multipliers written after Arabic digits in prose: 1万2600, 3.5万, 5千万.
MULTIPLIERS = {"百": 100, "千": 1_000, "万": 10_000, "億": 100_000_000}
# Multipliers a record's unit may begin with (contract, Scoring): `万人` counts 10000 人.
# Longest first, so that 千万 is read before 千.
UNIT_MULTIPLIERS = {"千万": 10**7, "百万": 10**6, "億": 10**8, "万": 10**4, "千": 1_000}
# Unicode calls these dashes, but they read "from … to", never "no figure".
_WAVE_DASHES = "〜〰"
# Printed for a minus besides the dashes: the minus sign, and ー, which OCR reads for it.
_OTHER_MINUSES = "−ー"
# Drawn where there is no figure: rules, underscores, ellipses (… is ... after NFKC).
_BLANKS = "─━_.…‥"
# Japanese reports print a negative number with a triangle: △5, ▲0.5.
_SIGNS = {"+": 1, "±": 1, "△": -1, "▲": -1}
# Thousands separated by commas only; a point is always the decimal point.
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_MULTIPLIER = f"[{''.join(MULTIPLIERS)}]"
NUMBER = re.compile(rf"{_DIGITS}(?:{_MULTIPLIER}+(?:{_DIGITS})?)*")
_GROUP = re.compile(rf"({_DIGITS})({_MULTIPLIER}*)")


def fold_value_text(text: str) -> str:
    """NFKC (full-width digits and brackets), numbers rejoined (`134, 280`), spaces folded."""
    return normalize_text(repair_numbers(unicodedata.normalize("NFKC", text)))


def is_minus(char: str) -> bool:
    """A dash of any width, the minus sign or ー: a minus before digits, a blank alone."""
    return (unicodedata.category(char) == "Pd" and char not in _WAVE_DASHES) or (
        char in _OTHER_MINUSES
    )


def is_blank(char: str) -> bool:
    """A character printed where there is no figure (－, —, ー, …, _) or a space."""
    return is_minus(char) or char in _BLANKS or char.isspace()


def number_start(text: str, pos: int) -> tuple[int, int] | None:
    """The sign (1 or -1) and where the digits begin, if a number starts at pos."""
    sign = _SIGNS.get(text[pos], -1 if is_minus(text[pos]) else 0)
    start = pos + 1 if sign else pos
    if sign and start < len(text) and text[start] == " ":
        start += 1
    return (sign or 1, start) if start < len(text) and text[start].isdigit() else None


def multiplier_groups(number: str) -> list[tuple[str, str]]:
    """The digits and the multipliers after them: `1万2600` → [('1', '万'), ('2600', '')]."""
    return [(digits, run) for digits, run in _GROUP.findall(number)]


def number_value(number: str, sign: int = 1) -> int | float:
    """1万2600 → 12600; 3.5万 → 35000; a printed decimal point stays a float (25.0%).

    Decimal arithmetic, so 1.1万 is 11000 and not 11000.000000000002.
    """
    groups = multiplier_groups(number)
    total = sum(
        (
            Decimal(digits.replace(",", "")) * prod(MULTIPLIERS[m] for m in run)
            for digits, run in groups
        ),
        Decimal(0),
    )
    scaled = any(run for _, run in groups)
    if total == total.to_integral_value() and (scaled or "." not in number):
        return sign * int(total)
    return sign * float(total)


# OCR and layout put a space after a thousands separator (`134, 280`, `1, 117, 438`):
# a comma, spaces, then exactly three digits is one number.
_SPACED_THOUSANDS = re.compile(r"(?<=\d),\s+(?=\d{3}(?!\d))")


# ...and after a decimal point (`74. 3`). A point between digits is never a sentence end.
_SPACED_DECIMAL = re.compile(r"(?<=\d)\.\s+(?=\d)")


# pymupdf's table reader can move a separator to its own line: `5000\n,` for `5,000`.
_STRANDED_SEPARATOR = re.compile(r"(?<![\d,])(\d{4,})\s*\n\s*,(?![\d,])")


# Minutes transcribe a spoken decimal point with a nakaguro (`11・4パーセント`). Only a
# share or a point difference reads so: between digits before another unit it lists
# (`1・2年生`, `3・4月`).
_NAKAGURO_DECIMAL = re.compile(r"(?<![\d・.])(\d+)・(\d+)(?=\s*(?:%|パーセント|ポイント))")


def repair_numbers(text: str) -> str:
    """Rejoin numbers broken by spaces or a stranded separator, and read a spoken decimal
    point (`11・4パーセント`); other text is untouched."""
    text = _STRANDED_SEPARATOR.sub(lambda m: f"{int(m.group(1)):,}", text)
    text = _SPACED_THOUSANDS.sub(",", text)
    text = _NAKAGURO_DECIMAL.sub(r"\1.\2", text)
    return _SPACED_DECIMAL.sub(".", text)
