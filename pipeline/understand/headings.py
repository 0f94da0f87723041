"""What the text around the tables says: the program a table's heading names, the document's name.

A table that prints no program column belongs to the program named by the
heading above it: the nearest enumerated line (`A 事業名`, `施策1 …`) that does
not name a section (`(1) 事業内容`, `(2) 重要業績評価指標(KPI)`). The first
page gives the document's title and the municipality that reports.
"""

import functools
import itertools
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pipeline.layout import PageLayout, cell_line
from pipeline.model import BBox, Line, Table
from pipeline.text import ERA_FIRST_YEARS, header_fields, normalize_text
from pipeline.text.tokens import tagger
from pipeline.understand.header_map import match_header, read_header
from pipeline.understand.names import CIRCLED_NUMBERS, LEADING, clean_name, enumerated
from pipeline.understand.settings import DEFAULTS, UnderstandSettings

# Place-name suffixes of municipalities.
MUNICIPAL_SUFFIXES = frozenset({"市", "町", "村", "区", "県", "府", "都"})
# Place names UniDic holds whole, suffix included (北海道, 東京都).
WHOLE_SUFFIXES = frozenset({"道", "都", "府", "県", "市", "町", "村"})
# A place named in a document's first line (its title, its issuer) counts this many times.
TITLE_WEIGHT = 3


@dataclass(frozen=True)
class Heading:
    """A heading printed above a table, naming the program its indicators belong to."""

    text: str
    page: int
    bbox: BBox


# A list item states values (`①婚姻率：5.5‰（平成25年）→5.9‰`): not a heading.
_LIST_ITEM = re.compile(r"→|[:：]\s*[\d△▲]")
# The office in charge printed after a program's name on its heading line
# (`基本施策3 … 担当課:観光課`, `所管部署：…`): a label of its own, not part of the name.
_OFFICE = re.compile(r"\s+\S{0,4}(?:課|部|室|局|部署|担当|所管)名?\s*[:：].*$")


def program_heading(line: Line, settings: UnderstandSettings = DEFAULTS) -> Heading | None:
    """The program a heading line names, or None for a line that is no program heading."""
    raw = _OFFICE.sub("", line.raw)
    if len(line.text) > settings.heading_chars:
        return None
    quoted = _QUOTED.fullmatch(line.text)
    if quoted is not None and not quoted["name"].endswith(_PLANS):
        return Heading(quoted["name"], line.page, line.bbox)
    if not enumerated(raw):
        labelled = _after_label(line.text, settings)
        return None if labelled is None else Heading(labelled, line.page, line.bbox)
    name = clean_name(raw, raw)
    if name is not None and LEADING.match(name):  # letter-spaced: 基 本 目 標 Ⅰ …
        name = clean_name(name)
    if name is None or _LIST_ITEM.search(name) or _sentence(name):
        return None
    matches = match_header(read_header(name), settings)
    if matches and matches[0].score >= settings.section_match:
        best = matches[0]
        if best.field != "program" or len(name) <= len(best.entry) + 2:
            return None  # a section word (事業内容) or a label (基本事業名), not a name
    if any(match.field in _ABOUT_THE_TABLE for match in matches):
        return None  # 目標値の設定, 評価指標(KPI)の一覧: a heading about the figures, no program
    return Heading(name, line.page, line.bbox)


# A field's word and the name of its program in quotes, alone on the line: 農業「…の持続的発展」.
_QUOTED = re.compile(r"[^\s「」『』\d]{1,8}\s*[「『](?P<name>[^「」『』]{4,})[」』]")
# What a plan's own name ends in: a title in quotes (「…総合戦略」), no program.
_PLANS = ("計画", "戦略", "ビジョン", "プラン", "方針")

# A program's label is a word of three or more characters (基本的方向, 具体的な施策): a
# shorter one (事業, 施策) opens names and titles as often (事業評価調書).
_LABEL_CHARS = 3
# A name goes on from its label, not with a particle (基本的方向の数値目標) or a bracket.
_NOT_A_NAME = re.compile(r"^[のはをがにともへで(（・:：]")
# An item's code after its label (個別施策 E1-1 …): the first of a list of items.
_ITEM_CODE = re.compile(r"^[A-Za-z]{0,2}\d+(?:[-‐－.]\d+)*")


def _after_label(text: str, settings: UnderstandSettings) -> str | None:
    """The name a line gives after a program's label that opens it, without an enumerator
    (`基本的方向 雇用支援` → 雇用支援), or None."""
    for label in _program_labels():
        if not text.startswith(label):
            continue
        name = text[len(label) :].strip()
        if len(name) < 2 or _NOT_A_NAME.match(name) or match_header(read_header(name), settings):
            return None
        # 個別施策 E1-1 …, E1-2 …: a label opening a list of its items, no one program
        return None if _ITEM_CODE.match(name) else name
    return None


@functools.cache
def _program_labels() -> tuple[str, ...]:
    """The lexicon's words for a program long enough to be a heading's label, longest
    first, read once: every line above every table asks."""
    labels = [word for word, fields in header_fields().items() if "program" in fields]
    return tuple(sorted((w for w in labels if len(w) >= _LABEL_CHARS), key=len, reverse=True))


def _sentence(name: str) -> bool:
    """Whether a heading's text is a sentence: long, its clauses set apart by 、."""
    return "、" in name and len(name) > _SENTENCE_CHARS


_SENTENCE_CHARS = 30

# Header words that make a heading one about the table's figures rather than a program.
_ABOUT_THE_TABLE = frozenset(
    {"baseline", "target", "actual", "final_target", "indicator", "direction", "grade"}
)


def heading_above(
    table: Table, lines_of: Mapping[int, list[Line]], settings: UnderstandSettings = DEFAULTS
) -> Heading | None:
    """The nearest program heading above the table, on its page or the page before."""
    for back in range(settings.heading_pages + 1):
        if table.page - back not in lines_of:
            break
        lines = lines_of[table.page - back]
        if back == 0:
            lines = [line for line in lines if line.bbox[3] <= table.bbox[1] + 1]
        for line in reversed(lines):
            heading = program_heading(line, settings)
            if heading is not None:
                return heading
    return None


@dataclass(frozen=True)
class Caption:
    """A line printed just above a table naming the one indicator the table holds
    (`成果指標① 観光客数 ⇧`), with the unit and direction printed beside it."""

    name: str
    raw: str
    page: int
    bbox: BBox
    unit: str | None
    direction: str | None


# A note of the unit the table's values are in: （単位：万人）.
_UNIT_NOTE = re.compile(r"^[(（]?\s*単位\s*[:：]\s*(?P<unit>[^)）]+?)\s*[)）]?$")
# Words that say "the indicator:" before its name.
_CAPTION_LABEL = re.compile(
    r"^(?:成果指標|数値目標|重要業績評価指標|評価指標|目標指標|指標名?|KPI)[:：]?"
)
_ARROWS = {"⇧": "up", "↑": "up", "⬆": "up", "⇩": "down", "↓": "down", "⬇": "down"}


def caption_above(
    table: Table, lines_of: Mapping[int, list[Line]], settings: UnderstandSettings = DEFAULTS
) -> Caption | None:
    """The caption printed right above the table (a unit note may stand between), or None."""
    unit: str | None = None
    above = [
        line
        for line in lines_of.get(table.page, [])
        if line.bbox[3] <= table.bbox[1] + 1
        and line.bbox[0] < table.bbox[2]
        and table.bbox[0] < line.bbox[2]
    ]
    for line in reversed(above):
        height = line.bbox[3] - line.bbox[1]
        if table.bbox[1] - line.bbox[3] > settings.caption_lines * height:
            return None
        note = _UNIT_NOTE.match(line.text)
        if note is not None:
            unit = unit or note["unit"]
            continue
        return _caption(line, unit, settings)
    return None


def _caption(line: Line, unit: str | None, settings: UnderstandSettings) -> Caption | None:
    """A line as a caption: its label and enumerator (成果指標①) off, its arrow read."""
    raw = re.sub(r"\s+", "", line.raw)
    arrows = {_ARROWS[char] for char in raw if char in _ARROWS}
    raw = "".join(char for char in raw if char not in _ARROWS)
    raw = _CAPTION_LABEL.sub("", raw)
    name = clean_name(normalize_text(raw), raw)
    if name is None or len(name) > settings.heading_chars or name.endswith("。"):
        return None
    direction = arrows.pop() if len(arrows) == 1 else None
    return Caption(name, line.raw, line.page, line.bbox, unit, direction)


def title(lines_of: Mapping[int, list[Line]]) -> str | None:
    """The document's title: the line of the first page that prints text printed largest
    (the first of them on a tie), with the lines that continue it at that size; a date, a
    page number, a breadcrumb or a sentence is no title, and a document label (【資料4】)
    or a date stamp printed on its line is no part of it."""
    for lines in lines_of.values():
        candidates = [line for line in lines if _may_title(line)]
        if not candidates:
            continue
        size = max(_height(line) for line in candidates)
        first = next(line for line in candidates if _height(line) >= size - 0.5)
        parts = [first]
        for line in lines[lines.index(first) + 1 :]:
            gap = line.bbox[1] - parts[-1].bbox[3]
            if _height(line) < size - 0.5 or gap > size or not _may_continue(line.text):
                break
            parts.append(line)
        printed = _NUMBERED.sub("", _OFFICE.sub("", parts[0].raw).strip())  # `1 …`, `② …`
        texts = [normalize_text(printed)] + [part.text for part in parts[1:]]
        return "".join(_LABELS.sub("", text).strip() for text in texts) or None
    return None


def titled_tables(page: PageLayout) -> dict[int, list[Line]]:
    """The page's title where a table found without rules took it in: each table's top
    row when one printed cell spans it, as a line, for `title` to choose from."""
    lines = []
    for table in page.tables:
        top = [cell for cell in table.cells if cell.row == 0 and cell.text]
        if len(top) == 1 and top[0].colspan * 2 >= table.shape[1] and table.strategy == "stream":
            lines.append(cell_line(top[0].raw, top[0].bbox, page))
    return {page.page.number: lines}


# A section number set apart before a title: `1 総合戦略…`, `2. 計画の目標`, `② …`.
_NUMBERED = re.compile(rf"^(?:\d{{1,2}}[.．、)）]?\s+|[{CIRCLED_NUMBERS}]\s*)(?=\D)")
# What an office prints on a title's line beside it: the document's label in a meeting's
# papers (【資料4】, 別紙2) and the day the sheet was made (作成日 平成28年6月28日); the
# office in charge (主管課:防災危機管理室) is `_OFFICE`, as on a program's heading.
_LABEL = (
    r"(?:[【\[［〔](?:参考)?(?:資料|別紙|別添|別表|様式)\s*[\d\-‐－ー]*[】\]］〕]"
    r"|(?:参考)?(?:資料|別紙|別添|別表|様式)\s*\d[\d\-‐－ー]*)"
)
_LABELS = re.compile(
    rf"^{_LABEL}\s*|\s*{_LABEL}$|\s*(?:作成日|更新日|公表日|改訂日)\s*[:：]?\s*"
    rf"(?:{'|'.join(ERA_FIRST_YEARS)}|\d{{4}})[\d元\s年月日.]*$"
)
# A note under a table or a figure: its source, its survey, a remark (資料：担当課調べ).
_NOTE_LINE = re.compile(r"^(?:資料|出典|出所|注|備考|調査周期)\d*\s*[:：]")


def _height(line: Line) -> float:
    return round(line.bbox[3] - line.bbox[1], 1)


_NOT_TITLE = re.compile(
    rf"^(?:{'|'.join(ERA_FIRST_YEARS)})?[\d\s./\-年月日()（）曜火水木金土日〜~:：現在]+$|[>＞]"
)
# A title is a heading, not a paragraph: a line of more than this many characters, one
# that holds a sentence's end, or a bulleted line is prose printed large.
TITLE_CHARS = 80


def _may_title(line: Line) -> bool:
    text = line.text
    return len(text) >= 4 and len(text) <= TITLE_CHARS and _may_continue(text)


def _may_continue(text: str) -> bool:
    """Whether a line may be (part of) a title: not a date, breadcrumb, sentence, bullet or
    a document label alone."""
    return (
        "。" not in text
        and not _NOT_TITLE.search(text)
        and not text.startswith(("-", "‐", "・", "※"))
        and not _NOTE_LINE.match(text)
        and _LABELS.sub("", text).strip() != ""
    )


def municipality(pages: Sequence[PageLayout], lines_of: Mapping[int, list[Line]]) -> str | None:
    """The municipality or prefecture printed most often on the first pages, one named in
    the title counting more: a place name before 市 / 町 / 村 / 区 / 県 / 府 / 都, or one
    UniDic knows whole (北海道, 京都府)."""
    names: Counter[str] = Counter()
    for page in pages[:3]:
        text = normalize_text(" ".join(word.text for word in page.words))
        for name in _place_names(text):
            names[name] += 1
    lines = lines_of.get(pages[0].page.number, []) if pages else []
    first = lines[0].text if lines else ""
    for name in _place_names(first):
        names[name] += TITLE_WEIGHT
    for line in lines[:3] if not names else []:  # a town UniDic does not know (国富町総合戦略)
        if (opening := _OPENING_PLACE.match(line.text)) is not None:
            names[opening["name"]] += TITLE_WEIGHT
            break
    return names.most_common(1)[0][0] if names else None


# A municipality that opens the first line, inside the quotes of a plan's name or not
# (「森町まち・ひと・しごと創生総合戦略」…): kanji before 市 / 町 / 村 / 県 / 府, not a word
# for the residents or the council (市民, 町議会) nor a prefix (全市, 各町, 本県).
_OPENING_PLACE = re.compile(
    r"^[「『【〔]?(?P<name>(?![全各本当同他両])[\u4e00-\u9fff]{1,4}[市町村県府])(?![民内外長議町村立営政部])"
)


def _place_names(text: str) -> list[str]:
    words = list(tagger()(text))
    found: list[str] = []
    for before, after in itertools.pairwise(words):
        if after.surface in MUNICIPAL_SUFFIXES and before.feature.pos3 == "地名":
            found.append(before.surface + after.surface)
    for word in words:
        whole = word.surface
        if word.feature.pos3 == "地名" and len(whole) >= 3 and whole[-1] in WHOLE_SUFFIXES:
            found.append(whole)
    return found
