"""Header mapping: what field a column (or row label) names, from its words and its values.

A header is read as Japanese words: fugashi splits it, particles and symbols are
dropped, years and bracketed notes are set aside. Its words are matched with
the lexicon of `models/headers.txt` — exactly, as the head of the compound
(Japanese puts the head last: 個別事業名 is a kind of 事業名), or fuzzily with
rapidfuzz for OCR misreadings. A word the lexicon lists under two fields (KPI
heads the indicator name in one report and marks the target in another) is
settled by the column's values: names, numbers with units, grades, arrows or
prose. Each mapping carries a confidence; a header that maps to nothing with
enough confidence is left unmapped and reported, never guessed.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz

from pipeline.text import (
    FiscalYear,
    Quantity,
    Wording,
    find_years,
    header_fields,
    is_unit,
    known_units,
    normalize_grade,
    parse_cell,
    value_marks,
)
from pipeline.text.tokens import tagger
from pipeline.understand.labelled import standing_figure
from pipeline.understand.settings import (
    DEFAULT_CONTEXT,
    DEFAULTS,
    DocumentContext,
    UnderstandSettings,
)

_REFERENCE = "参考"
VALUE_FIELDS = frozenset({"baseline", "target", "actual", "final_target"})
WORD_FIELDS = frozenset({"grade", "progress"})
NAME_FIELDS = frozenset({"indicator", "program"})
# Parts of speech that carry no meaning of their own in a header.
_FUNCTION_POS = frozenset({"助詞", "助動詞", "補助記号", "記号", "空白"})
_INNERMOST = re.compile(r"[(（【\[［〔<＜]([^(（【\[［〔<＜)）】\]］〕>＞]*)[)）】\]］〕>＞]")
_STRAY_BRACKETS = re.compile(r"[(（【\[［〔<＜)）】\]］〕>＞]")
_ENUMERATOR_MARK = re.compile(r"[※*＊]")
# The number of one of several labels of a kind: `KPIその2`, `指標その1`.
_PART_NUMBER = re.compile(r"その\s*\d+")
# How a header's words match a lexicon entry, best first.
EXACT, HEAD, FUZZY, INSIDE = 1.0, 0.9, 0.8, 0.45
GRADES = frozenset("SABCDE") | frozenset("◎○〇△×")
DIRECTION_WORDS = {
    "↑": "up",
    "↗": "up",
    "増": "up",
    "上": "up",
    "↓": "down",
    "↘": "down",
    "減": "down",
    "下": "down",
}
# A value after a bracketed marker (【KPI】 70人, 【実績】 累計 466,467件) makes a cell prose.
_MARKED_VALUE = re.compile(r"】\s*(?:累計|合計)?\s*[\d△▲+-]")


@dataclass(frozen=True)
class HeaderText:
    """A header as read: its content words, the years it states, its bracketed notes."""

    text: str
    words: tuple[str, ...]
    years: tuple[FiscalYear, ...]
    notes: tuple[str, ...]

    @property
    def key(self) -> str:
        return "".join(self.words)


@dataclass(frozen=True)
class FieldMatch:
    """One field a header may name, how well its words say so, and the entry that matched."""

    field: str
    score: float
    entry: str


@dataclass(frozen=True)
class ColumnField:
    """What a column holds: a field with its confidence, the year and marks its header states."""

    field: str | None
    confidence: float
    header: HeaderText
    candidates: tuple[FieldMatch, ...]

    @property
    def year(self) -> FiscalYear | None:
        return self.header.years[-1] if self.header.years else None


def _content_words(text: str) -> tuple[str, ...]:
    words: list[str] = []
    for word in tagger()(text):
        if word.feature.pos1 in _FUNCTION_POS or word.surface.isdigit():
            continue
        words.append(word.surface)
    return tuple(words)


def _split_notes(text: str) -> tuple[str, tuple[str, ...]]:
    """The text with its bracketed notes taken out, innermost first (`目標値(2019(H31)年)`).

    A bracket inside a word (`目標(指標)名`) is part of the word: its content stays.
    """
    notes: list[str] = []
    while True:
        match = _INNERMOST.search(text)
        if match is None:
            return _STRAY_BRACKETS.sub(" ", text), tuple(notes)
        inner = match.group(1).strip()
        inside_word = match.end() < len(text) and not text[match.end()].isspace()
        if inside_word and inner and not _STRAY_BRACKETS.search(text[match.end() :][:1]):
            text = text[: match.start()] + inner + text[match.end() :]
            continue
        if inner:
            notes.append(inner)
        text = text[: match.start()] + " " + text[match.end() :]


@cache
def read_header(text: str, era: str | None = None) -> HeaderText:
    """Split a header into content words, years and bracketed notes (`R2実績値（推：推計値）`).

    `era` is the era the document prints, for years printed without one (`24年度`).
    A header whose only words are in its notes (`R1（基準値）`) is read by them. The text
    is read as layout folded it: a cell's text, or a path of them (`令和5年度 / 目標`).
    """
    years = tuple(find_years(text, era))
    bare = text
    for year in years:
        bare = bare.replace(year.text, " ", 1)
    bare, notes = _split_notes(_PART_NUMBER.sub(" ", _ENUMERATOR_MARK.sub(" ", bare)))
    words = _content_words(bare)
    if not words and notes:
        words = _content_words(" ".join(notes))
    return HeaderText(text, words, years, notes)


@cache
def _lexicon() -> tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...]:
    return tuple(
        (_content_words(entry), entry, fields) for entry, fields in header_fields().items()
    )


@cache
def match_header(
    header: HeaderText, settings: UnderstandSettings = DEFAULTS
) -> tuple[FieldMatch, ...]:
    """Every field the header's words may name, best score per field, best first."""
    best: dict[str, FieldMatch] = {}
    words = header.words
    key = header.key
    if not key:
        return ()
    for entry_words, entry, fields in _lexicon():
        size = len(entry_words)
        entry_key = "".join(entry_words)
        if not entry_key:
            continue
        if words == entry_words:
            score = EXACT
        elif size < len(words) and words[-size:] == entry_words:
            score = HEAD
        elif fuzz.ratio(key, entry_key) >= settings.fuzzy_floor:
            score = FUZZY * fuzz.ratio(key, entry_key) / 100
        elif any(words[i : i + size] == entry_words for i in range(len(words) - size + 1)):
            score = INSIDE
        else:
            continue
        for name in fields:
            if name not in best or best[name].score < score:
                best[name] = FieldMatch(name, score, entry)
    return tuple(sorted(best.values(), key=lambda match: -match.score))


def label_match(header: HeaderText, settings: UnderstandSettings = DEFAULTS) -> FieldMatch | None:
    """The field a header or label names well enough to be read as one: its best match when
    that scores `header_match` or more, else None."""
    matches = match_header(header, settings)
    return matches[0] if matches and matches[0].score >= settings.header_match else None


def label_in(text: str, context: DocumentContext) -> FieldMatch | None:
    """The field a cell's text names as a label, its years read in the document's era."""
    return label_match(read_header(text, context.era), context.settings)


def is_year_label(text: str, era: str | None = None) -> bool:
    """A label that is a year and little else (`R 2`, `令和3年度`, `2020年度末`)."""
    years = find_years(text, era)
    return len(years) == 1 and len(text) - len(years[0].text) <= 2


def direction_of(text: str) -> str | None:
    """The direction a short cell says: an arrow or a word (増加, 減少を目指す, 向上させる)."""
    folded = _AIMING.sub("", text)
    found = {DIRECTION_WORDS[char] for char in folded if char in DIRECTION_WORDS}
    return found.pop() if len(found) == 1 and len(folded) <= 4 else None


# The verb a direction is printed with: `増加を目指す`, `減少させる`, `向上を図る`.
_AIMING = re.compile(r"(?:を目指す|をめざす|を図る|させる|する)$")


def is_grade(text: str) -> bool:
    return normalize_grade(text) in GRADES


# A note in brackets after a value in words: `現状値を維持(44%台)`.
_NOTE_AFTER = re.compile(r"[(（][^()（）]+[)）]$")


def _value_fit(text: str) -> float:
    """1 for a number (a bracketed difference is one too: the column holds figures); half
    for a short word (現状以上), which a name could also be."""
    values = parse_cell(text, known_units())
    if any(isinstance(value, Quantity) for value in values):
        return 1.0 if len(text) <= 40 else 0.0
    if standing_figure(text) is not None:  # `R2年度現在 120件 / R7年度予測 140件`
        return 1.0
    short = len(values) == 1 and isinstance(values[0], Wording)
    short = short and len(_NOTE_AFTER.sub("", values[0].text)) <= 8
    return 0.5 if short else 0.0


def _is_name(text: str, settings: UnderstandSettings) -> bool:
    """A name is a phrase, not a paragraph."""
    digits = sum(char.isdigit() for char in text)
    prose = bool(_MARKED_VALUE.search(text)) or text.endswith("。")
    return 0 < len(text) <= settings.name_chars and digits <= len(text) / 3 and not prose


def _is_progress(text: str, settings: UnderstandSettings) -> bool:
    """A progress word is short; a sentence in that column is a comment."""
    short = len(text) <= settings.progress_chars
    return short and not text.endswith("。") and not is_grade(text)


def _fit(field: str, text: str, settings: UnderstandSettings) -> float:
    """How well one value cell fits the field: 0 not at all, 1 surely."""
    if field in VALUE_FIELDS:
        return _value_fit(text)
    if field == "grade":
        return is_grade(text)
    if field == "progress":
        return _is_progress(text, settings)
    if field == "direction":
        return direction_of(text) is not None
    if field == "unit":
        return is_unit(text, known_units())
    if field in NAME_FIELDS:
        return _is_name(text, settings)
    if field == "reason":
        return _is_sentence(text, settings)
    return True


def _is_sentence(text: str, settings: UnderstandSettings) -> bool:
    """A reason is said in a sentence: it has a verb (`…を目指す`), or runs longer than a
    value in words (`現状値を維持`) does."""
    if text.endswith("。") or len(text) > 2 * settings.progress_chars:
        return True
    return any(word.feature.pos1 == "動詞" for word in tagger()(text))


def evidence(field: str, values: Sequence[str], settings: UnderstandSettings = DEFAULTS) -> float:
    """The share of a column's printed values that fit the field (1 for a column with none).

    The values are cell texts as layout gives them, already folded (`join_wrapped_lines`)."""
    printed = [value for value in values if value and not _is_dash(value)]
    if not printed:
        return 1.0
    return sum(_fit(field, value, settings) for value in printed) / len(printed)


def _is_dash(text: str) -> bool:
    return not parse_cell(text, known_units()) and text not in value_marks()


def _noted_kind(read: HeaderText, settings: UnderstandSettings) -> tuple[FieldMatch, ...]:
    """The value kind a header's bracketed note names when its words name no field well
    (`総合計画記載(現状値)`: the words say where the figure is printed, the note what it is)."""
    if any(match.score >= settings.header_match for match in match_header(read, settings)):
        return ()
    notes = (label_match(read_header(note), settings) for note in read.notes)
    return tuple(match for match in notes if match is not None and match.field in VALUE_FIELDS)


def map_column(
    header: str, values: Sequence[str], context: DocumentContext = DEFAULT_CONTEXT
) -> ColumnField:
    """The field a column names, weighing its header's words by its values' evidence.

    A header that states only a year (令和2年度) beside baseline and target columns
    heads that year's actuals (contract rule 7).
    """
    settings = context.settings
    read = read_header(header, context.era)
    if _REFERENCE in read.text:  # rule 8: a column marked for reference holds no facts
        return ColumnField(None, 0.0, read, ())
    candidates = _noted_kind(read, settings) + match_header(read, settings)
    if not candidates and read.years and not read.words:
        candidates = (FieldMatch("actual", settings.year_only, read.years[-1].text),)
    scored = [
        (match.score * evidence(match.field, values, settings), match) for match in candidates
    ]
    scored.sort(key=lambda pair: -pair[0])
    if scored and scored[0][0] >= settings.mapping_floor:
        confidence, match = scored[0]
        return ColumnField(match.field, round(confidence, 3), read, candidates)
    return ColumnField(None, 0.0, read, candidates)
