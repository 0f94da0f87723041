"""The series drawn over the stored runs, and the chart written from them."""

import re
from pathlib import Path
from typing import Any

from pipeline.report.charts import (
    document_history,
    draw_history,
    kind_history,
    set_history,
    worst_history,
)
from pipeline.report.data import StoredRun


def _kind(gold: int, pred: int, f1: float) -> dict[str, Any]:
    return {"gold": gold, "pred": pred, "matched": 0, "precision": f1, "recall": f1, "f1": f1}


def _document(doc_id: str, f1: float, status: str = "scored") -> dict[str, Any]:
    figures = None if status == "no_gold" else f1
    return {
        "doc_id": doc_id,
        "status": status,
        "fact_f1": figures,
        "fact_precision": figures,
        "fact_recall": figures,
    }


def _run(run_id: int, f1: float, documents: list[dict[str, Any]]) -> StoredRun:
    kinds = {
        "target": _kind(4, 4, f1),
        "grade": _kind(0, 0, 1.0),  # nothing on either side: 1.0 by the zero rule
    }
    scores = {
        "fact_f1": f1,
        "fact_precision": 1.0,
        "fact_recall": f1,
        "kinds": kinds,
        "documents": documents,
    }
    return StoredRun(run_id, None, "finished", scores)


RUNS = [
    _run(1, 0.5, [_document("a", 0.2), _document("b", 0.9), _document("c", 0.0, "no_gold")]),
    StoredRun(2, None, "finished", None),  # not scored
    _run(3, 0.8, [_document("a", 0.7), _document("b", 0.6), _document("d", 0.1)]),
]


def test_the_set_over_runs_has_a_point_per_scored_run() -> None:
    assert set_history(RUNS) == {
        "fact F1": [(1, 0.5), (3, 0.8)],
        "precision": [(1, 1.0), (3, 1.0)],
        "recall": [(1, 0.5), (3, 0.8)],
    }


def test_a_kind_with_nothing_on_either_side_is_not_drawn() -> None:
    assert kind_history(RUNS) == {"target": [(1, 0.5), (3, 0.8)]}


def test_a_document_is_drawn_in_the_runs_that_scored_it() -> None:
    assert document_history(RUNS, "d") == {
        "fact F1": [(3, 0.1)],
        "precision": [(3, 0.1)],
        "recall": [(3, 0.1)],
    }
    assert document_history(RUNS, "c") == {}


def test_the_worst_documents_are_those_of_the_last_scored_run() -> None:
    assert worst_history(RUNS, 2) == {"d": [(3, 0.1)], "b": [(1, 0.9), (3, 0.6)]}
    assert worst_history([StoredRun(1, None, "finished", None)], 2) == {}


def test_the_chart_is_an_svg_with_its_title_a_legend_entry_a_series_and_a_tick_a_run(
    tmp_path: Path,
) -> None:
    target = tmp_path / "charts" / "set.svg"
    draw_history(set_history(RUNS), "All documents", target)
    svg = target.read_text(encoding="utf-8")
    assert "<svg" in svg
    # matplotlib writes each text it draws as paths, after a comment naming it.
    texts = re.findall(r"<!-- (.*?) -->", svg)
    for label in ("All documents", "fact F1", "precision", "recall", "run"):
        assert label in texts
    assert [t for t in texts if t.isdigit()] == ["1", "3"]
