"""KPI statements written as prose in a cell: `指標名【ＫＰＩ】 70人 （累計270人）【実績】 27人`.

A spaCy Language whose tokenizer wraps fugashi finds the markers, years,
累計 and numbers with an EntityRuler whose patterns are data
(`models/prose_patterns.jsonl`). A statement is an indicator's name, a target
marker and its value, then optionally an actual and a baseline note
(`※R1当初値（H28調査）850事業所`). A (参考) mark ends the
statement before it: what follows it until the next target is for reference.
spaCy is imported when the first statement is read, not with the stage: a run that
reads no document (a rerun with nothing changed) never pays for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

from pipeline.model import FactKind
from pipeline.text import (
    JAPANESE_LETTERS,
    MODELS,
    Quantity,
    known_units,
    parse_cell,
    parse_year,
    stated_values,
)
from pipeline.text.tokens import tagger
from pipeline.understand.names import clean_name

PATTERNS = MODELS / "prose_patterns.jsonl"
MARKER_KINDS: dict[str, FactKind] = {
    "KPI_TARGET": "target",
    "KPI_ACTUAL": "actual",
    "KPI_BASELINE": "baseline",
}
# Where one statement's value ends and the next statement's name begins.
_BULLETS = "・※"
_BRACKET_SPLIT = re.compile(r"([()（）【】\[\]［］<>〈〉《》])")
_VALUE_END = re.compile(f"[{_BULLETS}]")
# A bullet inside a name (地域・民間企業) stands between Japanese characters.
_ITEM_START = re.compile(f"(?:^|(?<=[^{JAPANESE_LETTERS}]))・|※")


class FugashiTokenizer:
    """spaCy tokenizer over fugashi: UniDic's words, their part of speech as the tag."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        from spacy.tokens import Doc

        surfaces: list[str] = []
        spaces: list[bool] = []
        tags: list[str] = []
        for word in tagger()(text):
            if surfaces and word.white_space:
                spaces[-1] = True
            # UniDic glues a bracket to the symbol beside it (`】-`); markers need it alone.
            for part in _BRACKET_SPLIT.split(word.surface):
                if part:
                    surfaces.append(part)
                    spaces.append(False)
                    tags.append(word.feature.pos1 or "")
        return Doc(self.vocab, words=surfaces, spaces=spaces, tags=tags)


@cache
def prose_reader(patterns: Path = PATTERNS) -> Language:
    """The spaCy pipeline: fugashi tokens, then the EntityRuler with the patterns of `models/`."""
    import spacy

    nlp = spacy.blank("xx")
    nlp.tokenizer = FugashiTokenizer(nlp.vocab)
    ruler = nlp.add_pipe("entity_ruler")
    ruler.from_disk(patterns)  # type: ignore[attr-defined]
    return nlp


@dataclass(frozen=True)
class StatedValue:
    """A value a statement gives: its kind, number, year and marks."""

    kind: FactKind
    quantity: Quantity
    fy: int | None


@dataclass
class Statement:
    """One indicator stated in prose, with the values its markers give."""

    indicator: str
    values: list[StatedValue] = field(default_factory=list)


def _years_in(doc: Doc, start: int, end: int) -> list[tuple[int, int, int]]:
    """The years stated between two offsets: (start, end, fiscal year) each."""
    found = []
    for ent in doc.ents:
        if ent.label_ == "YEAR" and start <= ent.start_char and ent.end_char <= end:
            year = parse_year(ent.text)
            if year is not None:
                found.append((ent.start_char, ent.end_char, year.fy))
    return found


def _without(text: str, offset: int, spans: list[tuple[int, int, int]]) -> str:
    """The text with the given spans (offsets from `offset`) blanked out."""
    for start, end, _ in spans:
        text = text[: start - offset] + " " * (end - start) + text[end - offset :]
    return text


def _value_part(region: str) -> tuple[str, str]:
    """Split the text after a marker into its value and what follows (the next name)."""
    offset = len(region) - len(region.lstrip(" " + _BULLETS))
    match = _VALUE_END.search(region, offset)
    if match is None:
        return region, ""
    return region[: match.start()], region[match.start() :]


def _name(text: str) -> str | None:
    """An indicator's name from the text before its marker: after the last item bullet."""
    items = _ITEM_START.split(text)
    return clean_name(items[-1]) if items else None


def _values(text: str, kind: FactKind, fy: int | None) -> list[StatedValue]:
    quantities = stated_values(parse_cell(text, known_units()))
    return [StatedValue(kind, q, q.note_year() or fy) for q in quantities]


def read_statements(text: str, year: int | None = None) -> list[Statement]:
    """Every KPI statement in a cell's folded text; `year` is the year the column states
    (KPI(令和2年度末))."""
    doc = prose_reader()(text)
    marks = [ent for ent in doc.ents if ent.label_ in MARKER_KINDS or ent.label_ == "REFERENCE"]
    statements: list[Statement] = []
    current: Statement | None = None
    boundary = 0  # where the text that may name the next indicator starts
    for index, mark in enumerate(marks):
        end = marks[index + 1].start_char if index + 1 < len(marks) else len(doc.text)
        if mark.label_ == "REFERENCE":
            boundary, current = mark.end_char, None
            continue
        kind = MARKER_KINDS[mark.label_]
        if kind == "target":
            name = _name(doc.text[boundary : mark.start_char])
            current = Statement(name) if name else None
            if current is not None:
                statements.append(current)
        value, rest = _value_part(doc.text[mark.end_char : end])
        boundary = end - len(rest)
        if current is None:
            continue
        years = _years_in(doc, mark.end_char, mark.end_char + len(value))
        if years:
            stated: int | None = years[0][2]
        elif kind == "baseline":  # `H28当初値`: the year the baseline was set
            before = _years_in(doc, marks[index - 1].end_char if index else 0, mark.start_char)
            stated = before[-1][2] if before else None
        else:
            stated = year
        current.values.extend(_values(_without(value, mark.end_char, years), kind, stated))
    return [statement for statement in statements if statement.values]
