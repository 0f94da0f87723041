"""How OCR reads a scan: Tesseract's call, the enlargements, the floors that send a line
to be read again; and whether Tesseract can run at all."""

import re
from dataclasses import dataclass, field, replace
from typing import Literal, get_args

from pipeline.model import RuledSettings
from pipeline.ocr.broken_rules import BrokenRules
from pipeline.ocr.tesseract import COMMAND, Tesseract

# auto: OCR an image page and a scan under a text layer; force: every page, layers ignored;
# off: none (a scan is left unread, with a warning; a text layer is read as typed text).
OcrMode = Literal["auto", "force", "off"]
OCR_MODES: tuple[OcrMode, ...] = get_args(OcrMode)


@dataclass(frozen=True)
class OcrSettings:
    """How scans are rendered, cleaned, ruled and read; lengths in points so any dpi works."""

    mode: OcrMode = "auto"
    dpi: int = 300  # render resolution: Tesseract reads 7-point text poorly below 300
    language: str = "jpn"  # Tesseract language(s), `jpn+eng` style
    numeric_language: str = "eng"  # reads again lines of digits and signs alone; "" for none
    max_skew: float = 5.0  # degrees: a larger angle is a turned page, not a skewed scan
    min_line: float = 12.0  # points: the shortest ink run taken for a ruling line
    touch: float = 1.5  # points: a line ending this close to another meets it
    # A rule printed faint or broken: pieces this long at least and this thick at most
    # (points), gaps up to `rule_gap` points and `rule_ratio` times the longer piece beside
    # them, the pieces covering `rule_share` of the rule at least.
    rule_piece: float = 1.5
    rule_thick: float = 1.5
    rule_gap: float = 20.0
    rule_ratio: float = 2.0
    rule_share: float = 0.4
    speck: float = 0.55  # points: ink blobs smaller than this square are dust
    dash: float = 1.2  # points: a lone flat stroke no thicker than this is a dash
    min_text: float = 3.0  # points: ink outside tables lower than this is dust, not print
    max_line: float = 36.0  # points: ink outside tables taller than this is no printed line
    threshold_window: float = 7.5  # points: neighbourhood of the adaptive threshold
    upscale: float = 1.5  # each text line is enlarged this much before Tesseract
    second_upscale: float = 1.25  # an unsure line is read again enlarged this much
    unsure: float = 70.0  # a line holding a word Tesseract scores below this (0–100) is unsure
    numeric_sure: float = 90.0  # a numeric line scored this or more is not reread (101: each is)
    workers: int = 2  # Tesseract workers run side by side, one model load each
    share: int = 60  # without the binding: fewest lines worth a process (a model load)
    timeout: float = 600.0  # seconds one Tesseract process (in process: one line) may take
    tesseract: str = COMMAND  # the command; another than Debian's is always run as one
    binding: bool = True  # read Debian's in process through tesserocr where it is installed
    ruled: RuledSettings = field(default_factory=lambda: RuledSettings(snap=3.0))

    def __post_init__(self) -> None:
        if self.mode not in OCR_MODES:
            raise ValueError(f"mode must be one of {', '.join(OCR_MODES)}")
        if not 72 <= self.dpi <= 1200:
            raise ValueError("dpi must lie in [72, 1200]")
        names = r"[A-Za-z_]+(\+[A-Za-z_]+)*"
        if not re.fullmatch(names, self.language) or not re.fullmatch(
            f"({names})?", self.numeric_language
        ):
            raise ValueError("language must be Tesseract language names joined by '+'")
        lengths = (
            self.min_line,
            self.touch,
            self.speck,
            self.dash,
            self.min_text,
            self.max_line,
            self.threshold_window,
            self.max_skew,
            self.rule_piece,
            self.rule_thick,
            self.rule_gap,
            self.rule_ratio,
        )
        if min(lengths) <= 0 or min(self.upscale, self.second_upscale) < 1 or self.timeout <= 0:
            raise ValueError("lengths, max_skew and timeout must be positive, upscales at least 1")
        if not 0 < self.rule_share <= 1:
            raise ValueError("rule_share must lie in (0, 1]")
        if not 0 <= self.unsure <= 100 or not 0 <= self.numeric_sure <= 101:
            raise ValueError("unsure must lie in [0, 100], numeric_sure in [0, 101]")
        if self.workers < 1 or self.share < 0:
            raise ValueError("workers must be at least 1, share not negative")

    @property
    def scale(self) -> float:
        """Pixels per point of the rendered page."""
        return self.dpi / 72

    @property
    def broken_rules(self) -> BrokenRules:
        """The pieces of a broken rule, in pixels of the rendered page."""
        return BrokenRules(
            round(self.rule_piece * self.scale),
            round(self.rule_thick * self.scale),
            round(self.rule_gap * self.scale),
            self.rule_ratio,
            self.rule_share,
        )

    @property
    def engine(self) -> Tesseract:
        """Tesseract as these settings call it, at the dpi of the enlarged line images."""
        return self.engine_at(self.upscale)

    def engine_at(self, upscale: float) -> Tesseract:
        """Tesseract at the dpi of line images enlarged `upscale` times."""
        dpi = round(self.dpi * upscale)
        return Tesseract(
            self.tesseract,
            self.language,
            dpi,
            self.workers,
            self.timeout,
            share=self.share,
            binding=self.binding,
        )

    @property
    def numeric_engine(self) -> Tesseract | None:
        """Tesseract with the Latin model for numeric lines; None when not asked for or not
        installed."""
        if not self.numeric_language:
            return None
        engine = replace(self.engine, language=self.numeric_language)
        return None if engine.problem() else engine


def ocr_problem(settings: OcrSettings) -> str | None:
    """None when Tesseract and the language data are usable; otherwise a warning that names
    the Debian packages to install (`apt-get install tesseract-ocr tesseract-ocr-jpn`)."""
    return settings.engine.problem()
