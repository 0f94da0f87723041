"""Indicator lists set at tab stops: each row followed by notes printed across the table,
targets in words (relative or kept at the baseline), a note of when the baseline is
measured in place of a value. Tables made here, not from a report."""

import pytest
from grids import grid_table, run_of

from pipeline.model.record import Fact, Record
from pipeline.understand.extract import _not_in_tables
from pipeline.understand.reading import read_table
from pipeline.understand.rows import row_records

HEADER = ["指標名", "基準値(令和2年度)", "目標値(令和5年度)", "目標値(令和9年度)"]
NOTE = "算定方法:毎年の利用者アンケートで「満足」と答えた人の割合。"


def facts(record: Record) -> list[tuple[str, int | None, float | str | None]]:
    return [(f.kind, f.fy, f.value if f.value is not None else f.text) for f in record.facts]


def test_notes_across_the_table_are_no_column_s_values() -> None:
    rows = [HEADER, ["駅前広場の満足度", "41.2%", "45%", "50%"], [NOTE] * 4]
    rows += [["子育て相談の件数", "310件", "350件", "400件"], [NOTE] * 4]
    spans = {(2, 0): (1, 4), (4, 0): (1, 4)}
    records = row_records(read_table(run_of(grid_table(rows, spans=spans))), None)
    assert [(r.program, r.indicator) for r in records] == [
        (None, "駅前広場の満足度"),
        (None, "子育て相談の件数"),
    ]
    assert facts(records[0]) == [
        ("baseline", 2020, 41.2),
        ("target", 2023, 45),
        ("target", 2027, 50),
    ]


@pytest.mark.parametrize(
    ("baseline", "targets", "expected"),
    [
        # A relative target is kept as its text (rule 11).
        ("1,200人", ("10%増", "15%増"), [("baseline", 2020, 1200), ("target", 2023, "10%増")]),
        # A value kept at the baseline, with the figure restated in brackets.
        ("62%", ("現状維持(62%)", "現状維持(62%)"), [("baseline", 2020, 62)]),
        # A note of when the baseline is measured is no value.
        ("令和3年度調査", ("5%増", "8%増"), []),
    ],
)
def test_values_in_words_of_a_target_column(
    baseline: str, targets: tuple[str, str], expected: list[tuple[str, int, float | str]]
) -> None:
    rows = [
        HEADER,
        ["観光案内所の利用者数", baseline, *targets],
        ["図書館の貸出冊数", "5万冊", "6万冊", "7万冊"],
    ]
    (record, _) = row_records(read_table(run_of(grid_table(rows))), None)
    read = facts(record)
    assert read[: len(expected)] == expected
    assert ("target", 2027, targets[1]) in read
    assert all(kind != "baseline" for kind, _, _ in read[len(expected) :])


def record(program: str | None, value: float) -> Record:
    fact = Fact(kind="target", fy=2026, value=value)
    name = "放置自転車の撤去台数"
    return Record(page=1, program=program, indicator=name, unit="台", direction=None, facts=[fact])


def test_a_line_restating_a_table_s_kpi_is_not_a_record_again() -> None:
    tables = [record("自転車対策の推進", 300)]
    assert _not_in_tables([record("安全なまちづくり", 300)], tables) == []
    assert _not_in_tables([record("安全なまちづくり", 250)], tables) != []
