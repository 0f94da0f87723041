"""Every threshold and limit of the understanding stage, in one typed, validated object.

Part of `ExtractSettings`, so of the settings fingerprint: a document read under
other thresholds is read again. A settings file (`kpi run|extract --settings
FILE`) overrides any of them under `[understand]`.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class UnderstandSettings:
    """How tables, headings and statements are read for their meaning."""

    # Header rows: a row is a header row when at least `header_cells` of its short
    # cells (at most `header_chars` characters) match the lexicon at `header_match`
    # or more, or are years; only the first `max_header_rows` rows are looked at.
    header_cells: int = 2
    header_match: float = 0.8
    header_chars: int = 12
    max_header_rows: int = 4
    # A first column of at least this many year labels makes years the rows.
    year_labels: int = 2
    # Header mapping: the rapidfuzz ratio under which two headers are different words;
    # the least confidence (header match times value evidence) a mapping needs; how sure
    # a header that states only a year (令和2年度) is of heading that year's actuals.
    fuzzy_floor: float = 75.0
    mapping_floor: float = 0.5
    year_only: float = 0.7
    # Value evidence: a progress word is short, a name a phrase, a value in words brief.
    progress_chars: int = 10
    name_chars: int = 80
    value_words: int = 12
    # Program headings: a heading is a short enumerated line, looked for on the table's
    # page and this many pages before; a line matching a section word this well is no
    # program heading (重要業績評価指標(KPI), 事業内容).
    heading_chars: int = 60
    heading_pages: int = 1
    section_match: float = 0.8
    # A line of a name's cell printed under this share of the height of the lines above
    # it is a gloss (the definition under an indicator's name), not part of the name.
    gloss_height: float = 0.9
    # A caption names a table's one indicator when printed this many of its own line
    # heights above the table, or closer.
    caption_lines: float = 3.0
    # A value read from a statement in prose is less certain than a table cell's, and one
    # read from a sentence of running prose (by its markers, not a table's frame) less still.
    prose_confidence: float = 0.8
    sentence_confidence: float = 0.75
    # A figure whose kind only its year says, in a progress report (`progress.py`): the
    # reading rests on the report's title, not on a word beside the figure.
    progress_confidence: float = 0.5
    # Two figures of a headerless table told baseline and target by their years' order
    # alone (`paired.py`).
    paired_confidence: float = 0.5

    def __post_init__(self) -> None:
        shares = ("header_match", "mapping_floor", "year_only", "section_match", "gloss_height")
        for name in shares:
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"{name} must lie in [0, 1], not {getattr(self, name)}")
        confidences = (
            *("prose_confidence", "sentence_confidence"),
            *("progress_confidence", "paired_confidence"),
        )
        for name in confidences:
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"{name} must lie in [0, 1]")
        if not 0.0 <= self.fuzzy_floor <= 100.0:
            raise ValueError(f"fuzzy_floor must lie in [0, 100], not {self.fuzzy_floor}")
        counts = (
            *("header_cells", "header_chars", "max_header_rows", "year_labels"),
            *("progress_chars", "name_chars", "value_words", "heading_chars"),
        )
        for name in counts:
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, not {getattr(self, name)}")
        if self.caption_lines < 0:
            raise ValueError("caption_lines must be at least 0")
        if self.heading_pages < 0:
            raise ValueError("heading_pages must be at least 0")


@dataclass(frozen=True)
class DocumentContext:
    """What reading one document's tables needs besides the tables themselves."""

    settings: UnderstandSettings = field(default_factory=UnderstandSettings)
    era: str | None = None  # the era the document prints most, for years printed without one


DEFAULTS = UnderstandSettings()
DEFAULT_CONTEXT = DocumentContext()
