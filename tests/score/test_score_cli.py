"""The `kpi score` command: exit status, messages naming file and field, the JSON report."""

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from pipeline.cli.main import main
from pipeline.model.record import Fact
from pipeline.score.scorecard import fact_json


def run_score(cases: Path, gold: str, pred: str, *extra: str) -> Result:
    arguments = ["score", "--gold", str(cases / gold), "--pred", str(cases / pred), *extra]
    return CliRunner().invoke(main, arguments)


def json_report(cases: Path, tmp_path: Path, gold: str, pred: str) -> dict[str, Any]:
    path = tmp_path / "score.json"
    result = run_score(cases, gold, pred, "--json", str(path))
    assert result.exit_code == 0, result.output
    report: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return report


def test_perfect_score_exits_zero_and_prints_totals(cases: Path) -> None:
    result = run_score(cases, "gold", "gold")
    assert result.exit_code == 0
    assert "total" in result.stdout
    assert "misses: 0" in result.stdout


def test_low_score_still_exits_zero(cases: Path) -> None:
    result = run_score(cases, "gold", "record-below-floor")
    assert result.exit_code == 0
    assert "misses: 8" in result.stdout


def test_printed_miss_names_record_fact_and_source(cases: Path) -> None:
    result = run_score(cases, "gold", "extra-fact")
    assert result.stdout.splitlines()[-1] == (
        "pred  town-a  p.1  創業支援事業 / 創業者数  target fy=2024 value=25"
        "  source p.1 [100.0, 200.0, 130.0, 212.0] '25 人'"
    )


def test_printed_table_has_a_row_per_document_and_totals(cases: Path) -> None:
    result = run_score(cases, "document-status/gold", "document-status/pred")
    rows = [line.split()[:2] for line in result.stdout.splitlines()[1:5]]
    assert rows == [
        ["town-c", "scored"],
        ["town-d", "no_prediction"],
        ["town-e", "no_gold"],
        ["total", "2"],
    ]


@pytest.mark.parametrize(
    ("gold", "pred", "file", "field"),
    [
        ("gold", "malformed/bad-json", "bad-json/town-a.json", "not valid JSON"),
        ("gold", "malformed/missing-field", "missing-field/town-a.json", "records[0].indicator"),
        ("gold", "malformed/value-and-text", "value-and-text/town-a.json", "records[0].facts[1]"),
        (
            "gold",
            "malformed/value-as-string",
            "value-as-string/town-a.json",
            "records[1].facts[0].value: must be a finite JSON number",
        ),
        ("malformed/missing-field", "gold", "missing-field/town-a.json", "records[0].indicator"),
    ],
)
def test_malformed_file_exits_two_naming_file_and_field(
    cases: Path, gold: str, pred: str, file: str, field: str
) -> None:
    result = run_score(cases, gold, pred)
    assert result.exit_code == 2
    assert file in result.stderr
    assert field in result.stderr


def test_fact_with_value_and_text_is_explained(cases: Path) -> None:
    result = run_score(cases, "gold", "malformed/value-and-text")
    assert "a fact has both `value` and `text`" in result.stderr


def test_missing_directory_exits_two(cases: Path) -> None:
    result = run_score(cases, "no-such-folder", "gold")
    assert result.exit_code == 2


def test_unusable_twins_file_exits_two(cases: Path, tmp_path: Path) -> None:
    (tmp_path / "twins.csv").write_text("doc_id\ntown-a-scan\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["score", "--gold", str(tmp_path), "--pred", str(cases / "gold")]
    )
    assert result.exit_code == 2
    assert "twins.csv: line 1" in result.stderr


def test_twin_of_no_gold_document_exits_two_naming_the_line(cases: Path, tmp_path: Path) -> None:
    (tmp_path / "town-a.json").write_bytes((cases / "gold" / "town-a.json").read_bytes())
    (tmp_path / "twins.csv").write_text(
        "doc_id,gold_doc_id\ntown-a-scan,town-a\ntown-b-scan,town-b\n", encoding="utf-8"
    )
    result = CliRunner().invoke(
        main, ["score", "--gold", str(tmp_path), "--pred", str(cases / "gold")]
    )
    assert result.exit_code == 2
    assert "twins.csv: line 3: `town-b` is not the doc_id of any gold file" in result.stderr


def test_twin_without_prediction_is_warned_of(cases: Path) -> None:
    result = run_score(cases, "twins/gold", "twins/pred")
    assert "warning: town-x-scan: twin listed in twins.csv with no prediction" in result.stderr


def test_json_lists_twins_without_prediction(cases: Path, tmp_path: Path) -> None:
    report = json_report(cases, tmp_path, "twins/gold", "twins/pred")
    assert report["unpredicted_twins"] == ["town-x-scan"]


def test_doc_id_not_the_file_stem_is_warned_of_and_scored(cases: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "report.json"
    renamed.write_bytes((cases / "gold" / "town-a.json").read_bytes())
    result = CliRunner().invoke(
        main, ["score", "--gold", str(cases / "gold"), "--pred", str(tmp_path)]
    )
    assert result.exit_code == 0
    assert f"warning: {renamed}: document.doc_id `town-a` is not the file stem" in result.stderr
    assert "misses: 0" in result.stdout


def test_json_into_a_missing_directory_makes_it(cases: Path, tmp_path: Path) -> None:
    path = tmp_path / "runs" / "today" / "score.json"
    result = run_score(cases, "gold", "gold", "--json", str(path))
    assert result.exit_code == 0, result.output
    assert json.loads(path.read_text(encoding="utf-8"))["fact_f1"] == 1.0


def test_json_that_cannot_be_written_exits_two(cases: Path, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    path = tmp_path / "a-file" / "score.json"
    result = run_score(cases, "gold", "gold", "--json", str(path))
    assert result.exit_code == 2
    assert f"error: cannot write {path}" in result.stderr


def test_unscored_documents_are_warned_of(cases: Path) -> None:
    result = run_score(cases, "document-status/gold", "document-status/pred")
    assert "town-e: no gold document" in result.stderr
    assert "town-d: no prediction" in result.stderr


def test_json_top_level_keys(cases: Path, tmp_path: Path) -> None:
    report = json_report(cases, tmp_path, "gold", "gold")
    expected = {
        "fact_f1",
        "fact_precision",
        "fact_recall",
        "record_f1",
        "unit_accuracy",
        "direction_accuracy",
        "kinds",
        "settings",
        "unpredicted_twins",
        "documents",
    }
    assert expected <= report.keys()


def test_json_settings_record_floor_and_version(cases: Path, tmp_path: Path) -> None:
    settings = json_report(cases, tmp_path, "gold", "gold")["settings"]
    assert (settings["similarity_floor"], settings["scorer_version"]) == (0.6, "kpi-score/1")


def test_json_kinds_hold_counts_and_figures(cases: Path, tmp_path: Path) -> None:
    actual = json_report(cases, tmp_path, "gold", "missing-fact")["kinds"]["actual"]
    assert actual == {
        "gold": 3,
        "pred": 2,
        "matched": 2,
        "precision": 1.0,
        "recall": pytest.approx(2 / 3),
        "f1": pytest.approx(0.8),
    }


def test_json_document_counts(cases: Path, tmp_path: Path) -> None:
    (document,) = json_report(cases, tmp_path, "gold", "record-below-floor")["documents"]
    counts = {key: document[key] for key in ("gold_records", "pred_records", "paired_records")}
    assert counts == {"gold_records": 2, "pred_records": 2, "paired_records": 1}
    assert (document["doc_id"], document["gold_doc_id"], document["status"]) == (
        "town-a",
        "town-a",
        "scored",
    )


def test_json_miss_has_the_contract_shape(cases: Path, tmp_path: Path) -> None:
    (document,) = json_report(cases, tmp_path, "gold", "missing-fact")["documents"]
    assert document["misses"] == [
        {
            "side": "gold",
            "page": 2,
            "program": "観光振興事業",
            "indicator": "宿泊者数",
            "fact": {"kind": "actual", "fy": 2023, "value": 4800},
        }
    ]


def test_json_predicted_miss_carries_its_source(cases: Path, tmp_path: Path) -> None:
    (document,) = json_report(cases, tmp_path, "gold", "extra-fact")["documents"]
    (miss,) = document["misses"]
    assert miss["source"] == {"page": 1, "bbox": [100.0, 200.0, 130.0, 212.0], "text": "25 人"}


def test_json_miss_fact_is_the_record_file_fact_without_provenance() -> None:
    source = {"page": 1, "bbox": [0.0, 0.0, 1.0, 1.0], "text": "74. 3"}
    fact = Fact.model_validate(
        {"kind": "actual", "fy": 2024, "value": 74.3, "estimated": True, "source": source}
    )
    assert fact_json(fact) == {"kind": "actual", "fy": 2024, "value": 74.3, "estimated": True}


def test_json_cumulative_fact_says_so(cases: Path, tmp_path: Path) -> None:
    (document,) = json_report(cases, tmp_path, "gold", "cumulative-confused")["documents"]
    facts = [miss["fact"] for miss in document["misses"]]
    assert facts == [
        {"kind": "actual", "fy": 2023, "value": 40, "cumulative": True},
        {"kind": "actual", "fy": 2023, "value": 40},
    ]


def test_json_document_with_no_gold_has_no_figures(cases: Path, tmp_path: Path) -> None:
    report = json_report(cases, tmp_path, "document-status/gold", "document-status/pred")
    town_e = next(doc for doc in report["documents"] if doc["doc_id"] == "town-e")
    assert (town_e["status"], town_e["fact_f1"], town_e["pred_facts"]) == ("no_gold", None, 1)


def test_json_keeps_japanese_unescaped(cases: Path, tmp_path: Path) -> None:
    path = tmp_path / "score.json"
    run_score(cases, "gold", "missing-fact", "--json", str(path))
    text = path.read_text(encoding="utf-8")
    assert "宿泊者数" in text
    assert text.startswith('{\n  "fact_f1"')


def test_a_gold_folder_with_no_gold_file_is_a_usage_error(cases: Path, tmp_path: Path) -> None:
    empty = tmp_path / "gold"
    empty.mkdir()
    arguments = ["score", "--gold", str(empty), "--pred", str(cases / "gold")]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 2
    assert "no gold file" in result.output


def test_an_extraction_error_file_is_a_failed_document_not_a_bad_file(
    cases: Path, tmp_path: Path
) -> None:
    pred = tmp_path / "pred"
    pred.mkdir()
    for path in (cases / "gold").glob("*.json"):
        (pred / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    failed = next(iter(sorted(pred.glob("*.json"))))
    error = {"doc_id": failed.stem, "source": f"{failed.stem}.pdf", "error": "truncated"}
    (pred / f"{failed.stem}.error.json").write_text(json.dumps(error), encoding="utf-8")
    failed.unlink()
    path = tmp_path / "score.json"
    arguments = ["score", "--gold", str(cases / "gold"), "--pred", str(pred), "--json", str(path)]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 0, result.output
    assert "failed to extract" in result.output
    report = json.loads(path.read_text(encoding="utf-8"))
    (document,) = [d for d in report["documents"] if d["doc_id"] == failed.stem]
    assert document["fact_f1"] == 0.0


@pytest.mark.parametrize(
    "text",
    [
        '{"run_id": 1, "documents": 8, "fact_f1": 0.98}',  # kpi run's summary
        '[{"doc_id": "town-a"}]',  # a JSON file that is no object
    ],
)
def test_a_json_file_that_is_no_record_file_is_noted_and_left_out(
    cases: Path, tmp_path: Path, text: str
) -> None:
    (tmp_path / "town-a.json").write_bytes((cases / "gold" / "town-a.json").read_bytes())
    (tmp_path / "kpi.last-run.json").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["score", "--gold", str(cases / "gold"), "--pred", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert f"warning: {tmp_path / 'kpi.last-run.json'}: not a kpi-record/1 file" in result.stderr
    assert "misses: 0" in result.stdout


def test_a_record_file_that_lost_its_format_is_still_malformed(cases: Path, tmp_path: Path) -> None:
    record_file = json.loads((cases / "gold" / "town-a.json").read_text(encoding="utf-8"))
    del record_file["format"]
    (tmp_path / "town-a.json").write_text(json.dumps(record_file), encoding="utf-8")
    result = CliRunner().invoke(
        main, ["score", "--gold", str(cases / "gold"), "--pred", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "town-a.json" in result.stderr and "format" in result.stderr


@pytest.mark.parametrize(
    "arguments",
    [[], ["--pred", "PRED", "--store", "STORE"]],
    ids=["neither", "both"],
)
def test_predictions_come_from_a_folder_or_a_store_one_of_them(
    cases: Path, tmp_path: Path, arguments: list[str]
) -> None:
    (tmp_path / "kpi.duckdb").write_bytes(b"")
    given = [
        {"PRED": str(cases / "gold"), "STORE": str(tmp_path / "kpi.duckdb")}.get(a, a)
        for a in arguments
    ]
    result = CliRunner().invoke(main, ["score", "--gold", str(cases / "gold"), *given])
    assert result.exit_code == 2
    assert "--pred" in result.stderr and "--store" in result.stderr
