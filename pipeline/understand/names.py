"""Names as the contract keeps them: a program's or an indicator's name without its trimmings.

Rule 2 of the contract: leading enumerators (`A `, `(1)`, `（２）`, `①`,
`③-1-1`, `施策1`) and bracketed notes (`【政策イノベーション部】`, `P.33`) are not
part of a name. Rule 10: `事業承継セミナー(参加者数)` names a program and, in
parentheses, its indicator.
"""

import re
import unicodedata

from pipeline.text import is_unit, known_units, normalize_text, parse_cell
from pipeline.text.tokens import tagger

# Rule 2: enumerators before a name — (1), （２）, A, 施策1, 3-1-1 — and circled digits.
# The circled numbers ① to ⑳ and ㉑ to ㊿.
CIRCLED_NUMBERS = "\u2460-\u2473\u3251-\u325f\u32b1-\u32bf"
CIRCLED = re.compile(rf"^[{CIRCLED_NUMBERS}](?:\s*[-‐]\s*\d+)*\s*")
LEADING = re.compile(
    r"^(?:[(（]\s*\d+\s*[)）]|\d+(?:-\d+)+|[A-Za-z](?=\s)|[IVXⅠ-Ⅹ]+(?=\s)|\d+[.)](?!\d)"
    r"|(?:施策|事業|取組)\s*\d+(?=\s|$)"
    r"|(?:基本目標|基本施策|基本方針|政策分野|政策|施策|分野|方針|目標|重点施策)\s*"
    r"[A-Z]?[\dIVXⅠ-Ⅹ]+(?:\s*[-‐−の]\s*\d+)*(?![\d年月日%])"
    r"|第\s*\d+\s*[章節項部編]|\d+\s*章|\d{1,2}(?=\s+\D|[「『]))\s*"
)
# A number set apart by space before a name, after a heading word (`重点戦略等　２　福祉…`)
# or, alone, by a full-width or double space (`1　「新しい豊かさ」へのチャレンジ`; an OCR
# layer puts single spaces anywhere):
# folding drops spaces between Japanese letters, so the print tells it from `国道2号`.
_SPACED_NUMBER = re.compile(
    r"^(?:[\u4e00-\u9fff\u30a0-\u30ff]{1,10}等?[ \u3000]+[0-9０-９]{1,2}[ \u3000]+"
    r"|[0-9０-９]{1,2}(?:\u3000| {2,})\s*)(?=\D)"
)
# Marks that head a section: ■ ● ◆ ◇ □ ○ 〇 ◎ ▼ ▶ ★ ☆; with a list item's ・, bullets.
_SECTION_MARKS = "■●◆◇□○〇◎▼▶★☆◯"
BULLETS = re.compile(rf"^[{_SECTION_MARKS}・]\s*")
_SECTION_MARK = re.compile(rf"^[{_SECTION_MARKS}]\s*")
# A note that a row repeats an indicator printed elsewhere: not part of its name.
REPEATED = re.compile(r"[(（]\s*再掲\s*[)）]")
# Rule 2: bracketed notes (【令和元年度開始】, one cut off at the cell's end) and page references.
_NOTE = re.compile(r"【(?!\s*累計\s*】)[^】]*(?:】|$)")  # 【累計】 marks values: see make_record
# A page number wrapped in a narrow cell keeps a space between its digits (`P.3 4`).
_PAGE_REF = re.compile(r"\s*(?<![A-Za-z])[Pp]\.?\s?\d+(?:\s?\d+)*(?:\s*[-~]\s*\d+)?\s*$")
# Rule 10: a program and its indicator in one cell, the indicator in parentheses.
_PAIR = re.compile(r"^(?P<program>.+?)\s*[(（](?P<indicator>[^()（）]+)[)）]$")


def clean_name(text: str, raw: str = "") -> str | None:
    """A program's or an indicator's name without enumerators, notes and page references.

    `raw` is the text as printed: a circled number (①) folds to a plain digit, so it is
    told from a name that starts with one (`1日当たり…`) by the print.
    """
    stripped = BULLETS.sub("", CIRCLED.sub("", text.strip()))
    for marker in (CIRCLED, _SPACED_NUMBER):
        printed = marker.match(raw.strip())
        folded = normalize_text(printed.group()).strip() if printed else ""
        if folded and stripped.startswith(folded):
            stripped = stripped[len(folded) :]
    name = LEADING.sub("", unicodedata.normalize("NFKC", stripped).strip())
    name = REPEATED.sub("", BULLETS.sub("", name))
    name = normalize_text(name)
    name = _NOTE.sub("", name)
    name = _PAGE_REF.sub("", name).strip()
    if not name or (not parse_cell(name, known_units()) and not _has_letters(name)):
        return None
    return name


def _has_letters(text: str) -> bool:
    return any(unicodedata.category(char)[0] == "L" for char in text)


def split_pair(text: str) -> tuple[str, str] | None:
    """`事業承継セミナー(参加者数)` → program and indicator (rule 10)."""
    match = _PAIR.match(text)
    if match is None:
        return None
    return match["program"].strip(), match["indicator"].strip()


# Rule 10 in an indicator's own cell: the name before the parentheses is a program only
# when it reads as one (…事業, …制度) and the words inside as a measure (…数, …率, …割合);
# otherwise the parentheses gloss the indicator (`健康寿命(日常生活が自立している期間)`).
_PROGRAM_END = re.compile(
    r"(?:事業|制度|セミナー|講座|教室|プロジェクト|イベント|ツアー|キャンペーン)$"
)
_MEASURE_END = re.compile(r"(?:数|率|割合|額|量)$")


def split_named_pair(text: str) -> tuple[str, str] | None:
    """A program and its indicator printed in the indicator's cell, or None for a gloss."""
    pair = split_pair(text)
    if pair is None or not _PROGRAM_END.search(pair[0]) or not _MEASURE_END.search(pair[1]):
        return None
    return pair


def enumerated(text: str) -> bool:
    """Whether a line starts with an enumerator, as headings do (`A 事業名`, `施策1 …`, `(2) …`),
    letter-spaced (`基 本 目 標 Ⅰ`) or not."""
    stripped = _SECTION_MARK.sub("", text.strip())  # `■施策① …`; `・1-1 …` is a list item
    folded = unicodedata.normalize("NFKC", stripped)
    return bool(
        CIRCLED.match(stripped) or LEADING.match(folded) or LEADING.match(normalize_text(folded))
    )


# A unit printed after a name in brackets: `創業件数(件)`, `栽培面積（ha）`, `(単位:人)`.
_UNIT_NOTE = re.compile(r"^(?P<name>.+?)\s*[(（](?:単位\s*[:：]\s*)?(?P<unit>[^()（）]+)[)）]$")


def name_and_unit(name: str) -> tuple[str, str | None]:
    """A name without the unit bracketed after it, and that unit (None where there is none)."""
    match = _UNIT_NOTE.match(name)
    if match is None or not is_unit(match["unit"], known_units()):
        return name, None
    return match["name"], normalize_text(match["unit"])


# Nouns, and the suffixes and marks that join them into one compound name.
NAME_POS = frozenset({"名詞", "接尾辞", "接頭辞", "形状詞"})


def noun_phrase(text: str) -> str | None:
    """The compound noun the text ends with (`…登録店舗数` → `登録店舗数`)."""
    words = list(tagger()(text))
    kept: list[str] = []
    for word in reversed(words):
        if (word.feature.pos1 in NAME_POS and word.feature.pos2 != "数詞") or (
            word.surface in "・" and kept
        ):
            kept.append(word.surface)
        else:
            break
    name = "".join(reversed(kept)).strip("・")
    return name if len(name) >= 2 else None
