"""`kpi report` on the session's store: with and without gold, without layout, on bad input."""

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from click.testing import Result

from pipeline.batch.store import StoreError, open_store
from pipeline.report.data import read_store
from pipeline.report.site import file_name


def _store_copy(report_store, tmp_path: Path) -> Path:
    copy = tmp_path / "copy.duckdb"
    shutil.copy(report_store.path, copy)
    return copy


def _statuses(html: str) -> set[str]:
    return set(re.findall(r'<rect id="fact-\d+" class="fact (\w+)"', html))


def test_without_gold_every_fact_is_drawn_as_predicted_and_nothing_is_scored(
    report_store, tmp_path: Path, kpi: Callable[..., Result]
) -> None:
    result = kpi("report", "--store", report_store.path, "--out", tmp_path / "site")
    assert result.exit_code == 0, result.output
    summary = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'id="fact-f1"' not in summary
    assert "No gold given" in summary
    assert not (tmp_path / "site" / "scores.json").exists()
    page = tmp_path / "site" / "documents" / f"{report_store.removed.doc_id}.html"
    assert _statuses(page.read_text(encoding="utf-8")) == {"predicted"}


def test_the_site_names_its_scores_and_pages(site: Path, report_store) -> None:
    removed = report_store.removed.doc_id
    assert (site / "scores.json").is_file()
    assert (site / "report.css").is_file()
    assert sorted(p.name for p in (site / "documents" / removed).glob("p*.png")) == [
        "p1.png",
        "p2.png",
    ]
    html = (site / "documents" / f"{removed}.html").read_text(encoding="utf-8")
    assert _statuses(html) == {"matched", "missed"}
    assert 'class="cell"' in html and 'class="table"' in html
    # The summary lists the gold documents with no prediction: charged, and linked.
    summary = (site / "index.html").read_text(encoding="utf-8")
    assert 'data-doc-id="kodaira-r2-sangyo"' in summary
    assert "no_prediction" in summary


def test_without_layout_no_table_or_cell_is_drawn_and_the_missed_fact_is_unplaced(
    report_store, gold: Path, tmp_path: Path, kpi: Callable[..., Result]
) -> None:
    out = tmp_path / "site"
    result = kpi(
        "report", "--store", report_store.path, "--gold", gold, "--out", out, "--no-layout"
    )
    assert result.exit_code == 0, result.output
    html = (out / "documents" / f"{report_store.removed.doc_id}.html").read_text(encoding="utf-8")
    assert 'class="cell"' not in html and 'class="table"' not in html
    assert _statuses(html) == {"matched"}
    assert re.search(r'<li id="unplaced-\d+" class="missed">', html)


def test_a_file_changed_since_it_was_read_shows_no_page(
    report_store, gold: Path, tmp_path: Path, kpi: Callable[..., Result]
) -> None:
    store = _store_copy(report_store, tmp_path)
    with duckdb.connect(str(store)) as db:
        db.execute("UPDATE documents SET content_hash = 'an older file'")
    out = tmp_path / "site"
    result = kpi("report", "--store", store, "--gold", gold, "--out", out, "--no-layout")
    assert result.exit_code == 0, result.output
    html = (out / "documents" / f"{report_store.removed.doc_id}.html").read_text(encoding="utf-8")
    assert "has changed since it was read" in html
    assert "<svg" not in html
    assert not list(out.glob("documents/*/p*.png"))


def test_a_store_that_does_not_exist_exits_2(tmp_path: Path, kpi: Callable[..., Result]) -> None:
    result = kpi("report", "--store", tmp_path / "none.duckdb", "--out", tmp_path / "site")
    assert result.exit_code == 2
    assert "no such store" in result.output
    assert not (tmp_path / "site").exists()


def test_reading_the_store_leaves_out_documents_gone_from_their_path(
    report_store, tmp_path: Path
) -> None:
    store = _store_copy(report_store, tmp_path)
    before = read_store(store)
    gone = before.documents[0]
    with open_store(store) as writable:
        writable.mark_presence([gone.key], present=False, run_id=2)
    after = read_store(store)
    assert [doc.doc_id for doc in after.documents] == [doc.doc_id for doc in before.documents[1:]]
    assert len(after.runs) == 1 and after.runs[0].scores is not None


def test_two_files_of_one_doc_id_report_the_first_and_warn_of_the_other(
    report_store, tmp_path: Path
) -> None:
    store = _store_copy(report_store, tmp_path)
    doc_id = report_store.removed.doc_id
    with duckdb.connect(str(store)) as db:
        db.execute(
            "INSERT INTO documents SELECT '/zz/elsewhere.pdf', * EXCLUDE (doc_key)"
            " FROM documents WHERE doc_id = ?",
            [doc_id],
        )
    view = read_store(store)
    assert [doc.doc_id for doc in view.documents].count(doc_id) == 1
    assert view.warnings == (
        f"/zz/elsewhere.pdf: doc_id `{doc_id}` is also that of "
        f"{next(d.key for d in view.documents if d.doc_id == doc_id)};"
        " not reported",
    )


def test_a_file_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "not-a-store.duckdb"
    path.write_bytes(b"not a database")
    with pytest.raises(StoreError):
        read_store(path)


@pytest.mark.parametrize("doc_id", ["../../x", "/etc/evil", ".hidden", "a/../../b"])
def test_a_doc_id_never_names_a_path_outside_the_site(doc_id: str, tmp_path: Path) -> None:
    name = file_name(doc_id)
    assert "/" not in name and not name.startswith(".")
    site = tmp_path / "site"
    assert (site / "documents" / f"{name}.html").resolve().is_relative_to(site.resolve())


def test_a_gold_file_with_a_climbing_doc_id_writes_nothing_outside_the_site(
    report_store, tmp_path: Path, kpi: Callable[..., Result]
) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    record = {
        "format": "kpi-record/1",
        "document": {"doc_id": "../../x", "source": "x.pdf", "municipality": None, "title": None},
        "records": [],
    }
    (gold / "x.json").write_text(json.dumps(record), encoding="utf-8")
    site = tmp_path / "deep" / "er" / "site"
    result = kpi("report", "--store", report_store.path, "--gold", gold, "--out", site)
    assert result.exit_code == 0, result.output
    written = {path.resolve() for path in tmp_path.rglob("*") if path.is_file()}
    outside = {p for p in written if not p.is_relative_to(site.resolve()) and gold not in p.parents}
    assert not outside
    assert (site / "documents" / f"{file_name('../../x')}.html").is_file()


def test_kpi_score_scores_a_store_as_its_record_files(
    report_store, stored_predictions: Path, gold: Path, kpi: Callable[..., Result]
) -> None:
    from_store = kpi("score", "--gold", gold, "--store", report_store.path)
    from_files = kpi("score", "--gold", gold, "--pred", stored_predictions)
    assert from_store.exit_code == 0, from_store.output
    assert from_store.stdout == from_files.stdout
    removed = report_store.removed
    assert f"gold  {removed.doc_id}  p.{removed.page}" in from_store.stdout  # the fact taken out


def test_kpi_score_on_the_store_s_folder_points_to_the_store(
    report_store, gold: Path, kpi: Callable[..., Result]
) -> None:
    folder = report_store.path.parent  # the store and its run summary, as `kpi run` leaves them
    assert (folder / "kpi.last-run.json").is_file()
    result = kpi("score", "--gold", gold, "--pred", folder)
    assert result.exit_code == 0, result.output
    assert "kpi.last-run.json: not a kpi-record/1 file" in result.stderr
    assert f"{report_store.path} is a store: score it with --store" in result.stderr


def test_a_report_over_an_old_site_leaves_nothing_of_it(
    report_store, gold: Path, tmp_path: Path, kpi: Callable[..., Result]
) -> None:
    out = tmp_path / "site"
    first = kpi("report", "--store", report_store.path, "--gold", gold, "--out", out, "--no-layout")
    assert first.exit_code == 0, first.output
    (out / "documents" / "gone-since.html").write_text("an old page", encoding="utf-8")
    second = kpi("report", "--store", report_store.path, "--out", out, "--no-layout")
    assert second.exit_code == 0, second.output
    assert not (out / "scores.json").exists()  # this report has no gold: no scores
    assert not (out / "documents" / "gone-since.html").exists()
    assert (out / "index.html").is_file()
    assert [path.name for path in tmp_path.iterdir()] == ["site"]  # nothing left beside it


def test_a_folder_holding_other_files_is_replaced_only_with_force(
    report_store, tmp_path: Path, kpi: Callable[..., Result]
) -> None:
    out = tmp_path / "notes"
    out.mkdir()
    (out / "mine.txt").write_text("not a report", encoding="utf-8")
    refused = kpi("report", "--store", report_store.path, "--out", out, "--no-layout")
    assert refused.exit_code == 2
    assert "--force" in refused.stderr
    assert [path.name for path in out.iterdir()] == ["mine.txt"]
    forced = kpi("report", "--store", report_store.path, "--out", out, "--no-layout", "--force")
    assert forced.exit_code == 0, forced.output
    assert not (out / "mine.txt").exists() and (out / "index.html").is_file()


def test_the_history_charts_say_they_show_the_scores_kept_at_run_time(
    site: Path, report_store
) -> None:
    summary = (site / "index.html").read_text(encoding="utf-8")
    note = re.search(r'<p id="history-note"[^>]*>(.*?)</p>', summary, re.DOTALL)
    assert note is not None
    (run,) = read_store(report_store.path).runs
    rescored = json.loads((site / "scores.json").read_text(encoding="utf-8"))["fact_f1"]
    assert run.scores is not None and f"{run.scores['fact_f1']:.3f}" != f"{rescored:.3f}"
    text = " ".join(note.group(1).split())
    assert "as each run scored itself when it ran" in text
    assert f"In run {run.run_id}, the last scored, fact F1 was {run.scores['fact_f1']:.3f}" in text
    assert f"rescored now: {rescored:.3f}" in text
