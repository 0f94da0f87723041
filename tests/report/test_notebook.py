"""notebooks/evaluation.ipynb runs from top to bottom on a store, so it cannot drift from the code.

It is executed by nbclient in a fresh kernel, from the notebooks folder as
Jupyter would, on the session's store; its printed fact F1 must be the
scorer's and each plot must come out as an image.
"""

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from pipeline.batch.summary import load_gold
from pipeline.report.data import read_store
from pipeline.report.site import score_store
from pipeline.score.compare import ScoreSettings

ROOT = Path(__file__).parents[2]
NOTEBOOK = ROOT / "notebooks" / "evaluation.ipynb"


def _text_outputs(notebook: nbformat.NotebookNode) -> str:
    return "".join(
        output.get("text", "")
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )


def _images(notebook: nbformat.NotebookNode) -> int:
    return sum(
        "image/png" in output.get("data", {})
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )


def test_the_evaluation_notebook_runs_on_a_store(
    report_store, gold: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KPI_STORE", str(report_store.path))
    monkeypatch.setenv("KPI_GOLD", str(gold))
    # The kernel imports this checkout's pipeline, whatever else is installed.
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.getenv("PYTHONPATH")]))
    )
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=180,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()
    scorecard = score_store(read_store(report_store.path), load_gold(gold), ScoreSettings())
    worst = min(
        (doc for doc in scorecard.documents if doc.status != "no_gold"),
        key=lambda doc: (doc.statistics.facts.figures().f1, doc.doc_id),
    )
    text = _text_outputs(notebook)
    assert f"fact F1 {scorecard.totals.facts.figures().f1:.3f}" in text
    assert f"{worst.doc_id}: {len(worst.misses)} misses" in text
    assert _images(notebook) == 3
