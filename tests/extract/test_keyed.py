"""Indicators named in one table and valued in a grid below by the key both print.
Made-up sheets, not from any report."""

import dataclasses

from grids import grid_table, run_of

from pipeline.model.record import Record
from pipeline.text import fold, join_wrapped_lines
from pipeline.understand.extract import merge_records
from pipeline.understand.keyed import keyed_names, keyed_records
from pipeline.understand.reading import read_table
from pipeline.understand.rows import row_records
from pipeline.understand.settings import DocumentContext

CONTEXT = DocumentContext(era="令和")


def facts(record: Record) -> list[tuple[str, int | None, float | str | None]]:
    return [(f.kind, f.fy, f.value if f.value is not None else f.text) for f in record.facts]


NAMES = grid_table(
    [
        ["番号", "指標名", "単位"],
        ["①", "自主防災組織の結成率", "%"],
        ["②", "防災訓練の参加者数", "人"],
        ["③", "", ""],
    ]
)
GRID = grid_table(
    [
        ["", "", "R3", "R4", "R5"],
        ["①", "目標", "80", "85", "90"],
        ["", "実績", "78", "86", ""],
        ["", "評価", "B", "A", ""],
        ["②", "目標", "500", "550", "600"],
        ["", "実績", "", "", ""],
        ["", "達成率", "", "", ""],
        ["③", "目標", "", "", ""],
    ],
    spans={(1, 0): (3, 1), (4, 0): (3, 1)},
)


for _table in (NAMES, GRID):  # as layout gives cell texts: folded (① → 1)
    for _cell in _table.cells:
        _cell.text = join_wrapped_lines([fold(line) for line in _cell.raw.splitlines()])


def test_the_key_names_each_row_group_of_the_grid() -> None:
    names = keyed_names(read_table(run_of(NAMES), CONTEXT))
    assert {key: name.name for key, name in names.items()} == {
        "1": "自主防災組織の結成率",  # ① folds to 1 in the key, the same in both tables
        "2": "防災訓練の参加者数",
    }
    records = keyed_records(read_table(run_of(GRID), CONTEXT), names, None)
    by_name = {record.indicator: record for record in records}
    assert set(by_name) == {"自主防災組織の結成率", "防災訓練の参加者数"}
    assert by_name["自主防災組織の結成率"].unit == "%"
    assert facts(by_name["自主防災組織の結成率"]) == [
        ("target", 2021, 80),
        ("target", 2022, 85),
        ("target", 2023, 90),
        ("actual", 2021, 78),
        ("actual", 2022, 86),
        ("grade", 2021, "B"),
        ("grade", 2022, "A"),
    ]
    assert facts(by_name["防災訓練の参加者数"]) == [
        ("target", 2021, 500),
        ("target", 2022, 550),
        ("target", 2023, 600),
    ]


def test_a_grid_with_keys_no_table_names_gives_nothing() -> None:
    others = grid_table([["番号", "指標名"], ["A", "転入者数"], ["B", "転出者数"]])
    names = keyed_names(read_table(run_of(others), CONTEXT))
    assert keyed_records(read_table(run_of(GRID), CONTEXT), names, None) == []


LISTED = grid_table(
    [
        ["", "指標名", "基準値(R2年度)", "目標値(R7年度)"],
        ["成果指標A", "空き家の活用件数", "12", "30"],
        ["成果指標B", "移住相談の件数", "40", "80"],
    ]
)
# The grid's rows print the key, then its labels in the key's column: values first,
# a 達成率 row and an 評価 row under each key; the targets are in the list above.
YEARS = grid_table(
    [
        ["年度", "策定時", "R3", "R4"],
        ["成果指標A", "12", "15", "18"],
        ["達成率", "", "50%", "60%"],
        ["評価", "", "C", "B"],
        ["成果指標B", "40", "52", "61"],
        ["達成率", "", "65%", "76%"],
        ["評価", "", "B", "A"],
    ]
)


def test_a_grid_keyed_to_indicators_with_targets_gives_their_years_and_grades() -> None:
    names = keyed_names(read_table(run_of(LISTED), CONTEXT))
    targeted = {key: dataclasses.replace(name, targeted=True) for key, name in names.items()}
    grid = read_table(run_of(YEARS), CONTEXT)
    assert keyed_records(grid, names, None) == []  # no target here: no record (rule 1)
    by_name = {record.indicator: record for record in keyed_records(grid, targeted, None)}
    assert facts(by_name["空き家の活用件数"]) == [
        ("baseline", None, 12),
        ("actual", 2021, 15),
        ("actual", 2022, 18),
        ("grade", 2021, "C"),
        ("grade", 2022, "B"),
    ]
    listed = row_records(read_table(run_of(LISTED), CONTEXT), None)
    merged = merge_records(listed + list(by_name.values()))
    assert facts(merged[0]) == [  # 策定時 12 is the dated baseline 12, once
        ("baseline", 2020, 12),
        ("target", 2025, 30),
        ("actual", 2021, 15),
        ("actual", 2022, 18),
        ("grade", 2021, "C"),
        ("grade", 2022, "B"),
    ]
