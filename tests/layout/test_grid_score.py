"""Cell accuracy against expected grids, on small grids made up here (not the fixtures')."""

import json
from pathlib import Path

import pytest

from pipeline.score.grid import (
    CellMiss,
    ExpectedGrid,
    ExpectedTable,
    FoundTable,
    GridFileError,
    GridScore,
    load_expected_grid,
    score_grid,
)

LIBRARY = [
    ["指標", "目標", "実績"],
    ["貸出冊数", "5,000冊", "4,812冊"],
    ["来館者数", "1,200人", "980人"],
]
MARKET = [
    ["区分", "件数"],
    ["出店", "12件"],
]


def grid(*tables: ExpectedTable) -> ExpectedGrid:
    return ExpectedGrid("made-up-report", list(tables))


def test_exact_match_scores_every_cell() -> None:
    score = score_grid(grid(ExpectedTable(2, LIBRARY)), [FoundTable(2, LIBRARY)])
    assert (score.cells, score.matched, score.accuracy, score.misses) == (9, 9, 1.0, ())


def test_one_wrong_cell_is_one_miss_with_both_texts() -> None:
    found = [row[:] for row in LIBRARY]
    found[2][2] = "98O人"
    score = score_grid(grid(ExpectedTable(1, LIBRARY)), [FoundTable(1, found)])
    assert score.matched == 8
    assert score.misses == (CellMiss("made-up-report", 1, 0, 2, 2, "980人", "98O人"),)


def test_missing_table_misses_every_cell_empty_ones_too() -> None:
    expected = grid(ExpectedTable(1, [["区分", ""], ["出店", "12件"]]))
    score = score_grid(expected, [FoundTable(2, MARKET)])  # right table, wrong page
    assert score.matched == 0
    assert [miss.found for miss in score.misses] == [None] * 4


def test_shifted_table_is_aligned_before_comparing() -> None:
    """A reader that adds a row above and a column before the table still gets every cell."""
    found = [["", "", "", ""]] + [["(余白)", *row] for row in LIBRARY]
    score = score_grid(grid(ExpectedTable(1, LIBRARY)), [FoundTable(1, found)])
    assert score.accuracy == 1.0


def test_lost_inner_row_and_column_cost_only_their_own_cells() -> None:
    found = [[row[0], row[2]] for row in (LIBRARY[0], LIBRARY[2])]
    score = score_grid(grid(ExpectedTable(1, LIBRARY)), [FoundTable(1, found)])
    assert score.matched == 4
    assert {(miss.row, miss.col) for miss in score.misses} == {
        (0, 1),
        (1, 0),
        (1, 1),
        (1, 2),
        (2, 1),
    }
    assert all(miss.found is None for miss in score.misses)


@pytest.mark.parametrize(
    ("expected", "found"),
    [
        ("5,000冊", "5,000 冊"),
        ("5,000冊", "5, 000冊"),
        ("図書館の貸出冊数", "図書館の貸\n出冊数"),
        ("図書館の貸出冊数", "図書館の\u3000貸出冊数"),
        ("R 6", "R6"),
        ("ＡＢＣ講座", "ABC 講座"),
    ],
)
def test_whitespace_and_width_are_not_content(expected: str, found: str) -> None:
    score = score_grid(grid(ExpectedTable(1, [[expected]])), [FoundTable(1, [[found]])])
    assert score.accuracy == 1.0


def test_two_tables_on_one_page_each_find_their_own() -> None:
    expected = grid(ExpectedTable(3, LIBRARY), ExpectedTable(3, MARKET))
    found = [FoundTable(3, MARKET), FoundTable(3, [["注記"]]), FoundTable(3, LIBRARY)]
    assert score_grid(expected, found).accuracy == 1.0


def test_one_found_table_serves_one_expected_table() -> None:
    expected = grid(ExpectedTable(1, MARKET), ExpectedTable(1, MARKET))
    score = score_grid(expected, [FoundTable(1, MARKET)])
    assert (score.cells, score.matched) == (8, 4)
    assert len({miss.table for miss in score.misses}) == 1


def test_ragged_rows_and_none_cells_from_other_readers() -> None:
    """pdfplumber gives None under a merged cell; a short row has no cell where it ends."""
    found = [["区分", None], ["出店"]]
    expected = grid(ExpectedTable(1, [["区分", ""], ["出店", "12件"]]))
    score = score_grid(expected, [FoundTable(1, found)])
    assert score.matched == 3
    assert score.misses == (CellMiss("made-up-report", 1, 0, 1, 1, "12件", None),)


def test_misses_name_the_scored_document() -> None:
    score = score_grid(grid(ExpectedTable(1, MARKET)), [], doc_id="made-up-report-scan")
    assert {miss.doc_id for miss in score.misses} == {"made-up-report-scan"}


def test_scores_add_up_over_documents() -> None:
    total = sum([GridScore(10, 9), GridScore(30, 30)], GridScore(0, 0))
    assert (total.cells, total.matched, total.accuracy) == (40, 39, 0.975)


def test_nothing_expected_is_full_accuracy() -> None:
    assert GridScore(0, 0).accuracy == 1.0


def write_grid(tmp_path: Path, content: object, name: str = "made-up-report") -> Path:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    return path


def test_load_expected_grid_reads_tables_in_order(tmp_path: Path) -> None:
    content = {
        "doc_id": "made-up-report",
        "tables": [{"page": 1, "rows": LIBRARY}, {"page": 4, "rows": MARKET}],
    }
    loaded = load_expected_grid(write_grid(tmp_path, content))
    assert loaded == grid(ExpectedTable(1, LIBRARY), ExpectedTable(4, MARKET))


GOOD_TABLE = {"page": 1, "rows": MARKET}


@pytest.mark.parametrize(
    ("content", "field", "message"),
    [
        ([], "", "must be an object"),
        ({"tables": [GOOD_TABLE]}, "doc_id", "is missing"),
        ({"doc_id": "other-report", "tables": [GOOD_TABLE]}, "doc_id", "is not the file stem"),
        ({"doc_id": "made-up-report", "tables": []}, "tables", "non-empty list"),
        (
            {"doc_id": "made-up-report", "tables": [GOOD_TABLE], "note": "x"},
            "note",
            "is not a grid field",
        ),
        (
            {"doc_id": "made-up-report", "tables": [{"page": 0, "rows": MARKET}]},
            "tables[0].page",
            "page number",
        ),
        (
            {"doc_id": "made-up-report", "tables": [{"page": True, "rows": MARKET}]},
            "tables[0].page",
            "page number",
        ),
        (
            {"doc_id": "made-up-report", "tables": [GOOD_TABLE, {"page": 2, "row": MARKET}]},
            "tables[1].rows",
            "is missing",
        ),
        (
            {
                "doc_id": "made-up-report",
                "tables": [{"page": 2, "rows": [["区分", "件数"], ["出店"]]}],
            },
            "tables[0].rows[1]",
            "rows are dense",
        ),
        (
            {"doc_id": "made-up-report", "tables": [{"page": 2, "rows": [["区分", 12]]}]},
            "tables[0].rows[0][1]",
            "must be a string",
        ),
    ],
)
def test_malformed_grid_names_file_and_field(
    tmp_path: Path, content: object, field: str, message: str
) -> None:
    path = write_grid(tmp_path, content)
    with pytest.raises(GridFileError) as caught:
        load_expected_grid(path)
    assert caught.value.field == field
    assert message in caught.value.message
    assert str(path) in str(caught.value)


def test_grid_that_is_not_json_says_where(tmp_path: Path) -> None:
    path = tmp_path / "made-up-report.json"
    path.write_text('{"doc_id": "made-up-report",', encoding="utf-8")
    with pytest.raises(GridFileError, match="not valid JSON"):
        load_expected_grid(path)
