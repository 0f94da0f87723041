"""Scoring: takes gold and predicted record files, gives the contract's figures: records
paired by optimal assignment, fact, record and per-kind P/R/F1, unit and direction
accuracy, every miss listed; and a fact-by-fact review of one document.
"""

from pipeline.score.compare import (
    SIMILARITY_FLOOR,
    VALUE_REL_TOL,
    DocumentScore,
    Scorecard,
    ScoreSettings,
    score_set,
)
from pipeline.score.inputs import (
    TWINS_FILE,
    NoGoldError,
    ScoreInputs,
    TwinsFileError,
    load_documents,
    load_inputs,
    load_twins,
)
from pipeline.score.review import FactReview, FactStatus, RecordReview, review_document
from pipeline.score.scorecard import (
    document_json,
    document_table,
    dump_scorecard,
    scorecard_json,
    text_report,
    warning_lines,
)

__all__ = [
    "SIMILARITY_FLOOR",
    "TWINS_FILE",
    "VALUE_REL_TOL",
    "DocumentScore",
    "FactReview",
    "FactStatus",
    "NoGoldError",
    "RecordReview",
    "ScoreInputs",
    "ScoreSettings",
    "Scorecard",
    "TwinsFileError",
    "document_json",
    "document_table",
    "dump_scorecard",
    "load_documents",
    "load_inputs",
    "load_twins",
    "review_document",
    "score_set",
    "scorecard_json",
    "text_report",
    "warning_lines",
]
