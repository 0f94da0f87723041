"""Charts of the scores kept with each run: fact F1, precision and recall over the runs.

A run scored against gold keeps its scorecard in the store (the JSON of `kpi
score --json`); these charts read it back, one line a series, a point a run.
A fact kind with nothing on either side in a run scores 1.0 by the zero rule
(`pipeline.score.statistics`), which says nothing, so such a point is left out.
Charts are drawn with matplotlib's object interface (no global pyplot state)
and written as SVG, which the report shows without any network.
"""

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from pipeline.model import FACT_KINDS
from pipeline.report.data import StoredRun

Series = dict[str, list[tuple[int, float]]]
MAX_TICKS = 12  # up to this many runs, each has its tick
FIGURES = {"fact F1": "fact_f1", "precision": "fact_precision", "recall": "fact_recall"}


def _add(series: Series, label: str, run_id: int, value: float | None) -> None:
    if value is not None:
        series.setdefault(label, []).append((run_id, value))


def _scored(runs: Sequence[StoredRun]) -> list[tuple[int, dict[str, Any]]]:
    return [(run.run_id, run.scores) for run in runs if run.scores is not None]


def set_history(runs: Sequence[StoredRun]) -> Series:
    """Fact F1, precision and recall over the whole set, per scored run."""
    series: Series = {}
    for run_id, scores in _scored(runs):
        for label, key in FIGURES.items():
            _add(series, label, run_id, scores[key])
    return series


def kind_history(runs: Sequence[StoredRun]) -> Series:
    """Each fact kind's F1 per scored run, where the kind had gold or predicted facts."""
    series: Series = {}
    for run_id, scores in _scored(runs):
        for kind in FACT_KINDS:
            tally = scores["kinds"].get(kind)
            if tally and (tally["gold"] or tally["pred"]):
                _add(series, kind, run_id, tally["f1"])
    return series


def _document_scores(scores: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {doc["doc_id"]: doc for doc in scores["documents"] if doc["status"] != "no_gold"}


def document_history(runs: Sequence[StoredRun], doc_id: str) -> Series:
    """One document's fact F1, precision and recall in each scored run that scored it."""
    series: Series = {}
    for run_id, scores in _scored(runs):
        document = _document_scores(scores).get(doc_id)
        for label, key in FIGURES.items():
            _add(series, label, run_id, document[key] if document else None)
    return series


def worst_history(runs: Sequence[StoredRun], count: int) -> Series:
    """Fact F1 per run of the `count` documents with the lowest fact F1 in the last scored run."""
    scored = _scored(runs)
    if not scored:
        return {}
    last = _document_scores(scored[-1][1])
    worst = sorted(last, key=lambda doc_id: (last[doc_id]["fact_f1"], doc_id))[:count]
    series: Series = {}
    for run_id, scores in scored:
        documents = _document_scores(scores)
        for doc_id in worst:
            document = documents.get(doc_id)
            _add(series, doc_id, run_id, document["fact_f1"] if document else None)
    return series


def runs_of(series: Series) -> list[int]:
    """The run ids a chart's series cover, in order."""
    return sorted({run_id for points in series.values() for run_id, _ in points})


def plot_history(axes: Axes, series: Series, title: str) -> None:
    """A line a series over run ids, figures from 0 to 1, the legend beside the axes."""
    for label, points in series.items():
        runs, values = zip(*points, strict=True)
        axes.plot(runs, values, marker="o", label=label)
    axes.set_title(title)
    axes.set_xlabel("run")
    axes.set_ylabel("score")
    axes.set_ylim(-0.02, 1.05)
    run_ids = runs_of(series)
    if not run_ids:
        return
    axes.set_xlim(run_ids[0] - 0.5, run_ids[-1] + 0.5)
    if len(run_ids) <= MAX_TICKS:
        axes.set_xticks(run_ids)
    else:
        axes.xaxis.set_major_locator(MaxNLocator(nbins=MAX_TICKS, integer=True))
    axes.grid(alpha=0.3)
    axes.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize="small")


def draw_history(series: Series, title: str, path: Path) -> None:
    """The chart of `plot_history`, written as SVG."""
    figure = Figure(figsize=(7.0, 3.2))
    plot_history(figure.add_subplot(), series, title)
    path.parent.mkdir(parents=True, exist_ok=True)
    # A tight box fits the legend beside the axes at a fraction of constrained layout's cost.
    figure.savefig(path, format="svg", bbox_inches="tight")
