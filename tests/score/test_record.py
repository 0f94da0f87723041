"""The kpi-record/1 model: what it refuses, how it names the field at fault, how it writes."""

import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.model.record import (
    RecordFile,
    RecordFileError,
    _field_path,
    dump_record_file,
    load_record_file,
)


def record_file(**fact: Any) -> dict[str, Any]:
    """A one-record file whose second fact is `fact` over a plain target."""
    return {
        "format": "kpi-record/1",
        "document": {
            "doc_id": "town-a",
            "source": "town-a.pdf",
            "municipality": "架空市",
            "title": None,
        },
        "records": [
            {
                "page": 1,
                "program": "創業支援事業",
                "indicator": "創業者数",
                "unit": "人",
                "direction": "up",
                "facts": [
                    {"kind": "target", "fy": 2023, "value": 20},
                    {"kind": "actual", "fy": 2023, "value": 18, **fact},
                ],
            }
        ],
    }


def load_error(tmp_path: Path, data: dict[str, Any]) -> RecordFileError:
    path = tmp_path / "town-a.json"
    # allow_nan: the file holds the NaN and Infinity literals Python's json reads back.
    path.write_text(json.dumps(data, ensure_ascii=False, allow_nan=True), encoding="utf-8")
    with pytest.raises(RecordFileError) as error:
        load_record_file(path)
    return error.value


@pytest.mark.parametrize(
    ("fact", "field"),
    [
        ({"cumulative": "yes"}, "cumulative"),
        ({"cumulative": 1}, "cumulative"),
        ({"estimated": "true"}, "estimated"),
        ({"value": float("nan")}, "value"),
        ({"value": float("inf")}, "value"),
        ({"value": float("-inf")}, "value"),
        ({"value": True}, "value"),
        ({"value": "18"}, "value"),
        ({"value": None, "text": ""}, "text"),
        ({"value": None, "text": " \n"}, "text"),
        ({"confidence": float("nan")}, "confidence"),
        ({"source": {"page": 1, "bbox": [0, 0, 1, float("inf")], "text": "18"}}, "source.bbox[3]"),
    ],
)
def test_fact_field_refused(tmp_path: Path, fact: dict[str, Any], field: str) -> None:
    assert load_error(tmp_path, record_file(**fact)).field == f"records[0].facts[1].{field}"


def test_blank_indicator_refused(tmp_path: Path) -> None:
    data = record_file()
    data["records"][0]["indicator"] = "　"
    assert load_error(tmp_path, data).field == "records[0].indicator"


def test_value_as_printed_string_is_explained_at_the_value(tmp_path: Path) -> None:
    error = load_error(tmp_path, record_file(value="134,280"))
    assert error.field == "records[0].facts[1].value"
    assert error.message.startswith('must be a finite JSON number such as 134280 or 74.3, not "')


@pytest.mark.parametrize(
    ("location", "path"),
    [
        (("records", 1, "facts", 0, "value", "int"), "records[1].facts[0].value"),
        (("records", 1, "facts", 0, "value", "float"), "records[1].facts[0].value"),
        (("records", 0, "facts", 2, "text", "str"), "records[0].facts[2].text"),
        (("records", 0, "facts", 2, "cumulative", "bool"), "records[0].facts[2].cumulative"),
        (
            ("records", 0, "indicator", "function-after[_not_blank(), str]"),
            "records[0].indicator",
        ),
        (("records", 0, "facts", 0, "value", "constrained-float"), "records[0].facts[0].value"),
        (("document", "doc_id"), "document.doc_id"),
    ],
)
def test_field_path_leaves_out_union_member_tags(
    location: tuple[int | str, ...], path: str
) -> None:
    assert _field_path(location) == path


def test_number_fields_accept_what_the_contract_writes() -> None:
    data = record_file(value=74.3, cumulative=True, estimated=False, confidence=1)
    assert RecordFile.model_validate(data).records[0].facts[1].value == 74.3


def round_trip_file() -> RecordFile:
    data = record_file(cumulative=True)
    data["records"][0]["facts"] += [
        {"kind": "actual", "fy": 2024, "value": 74.3, "estimated": True},
        {"kind": "grade", "fy": 2023, "text": "A", "cumulative": False},
    ]
    return RecordFile.model_validate(data)


def test_dumped_record_file_loads_back_equal(tmp_path: Path) -> None:
    path = tmp_path / "town-a.json"
    path.write_text(dump_record_file(round_trip_file()), encoding="utf-8")
    assert load_record_file(path) == round_trip_file()


def test_dump_writes_flags_only_when_true() -> None:
    facts = json.loads(dump_record_file(round_trip_file()))["records"][0]["facts"]
    assert facts == [
        {"kind": "target", "fy": 2023, "value": 20},
        {"kind": "actual", "fy": 2023, "value": 18, "cumulative": True},
        {"kind": "actual", "fy": 2024, "value": 74.3, "estimated": True},
        {"kind": "grade", "fy": 2023, "text": "A"},
    ]


def test_dump_keeps_japanese_and_indents_two_spaces() -> None:
    text = dump_record_file(round_trip_file())
    assert text.startswith('{\n  "format": "kpi-record/1",\n  "document": {\n    "doc_id"')
    assert '"municipality": "架空市"' in text
    assert text.endswith("}\n")
