"""Figures paired by their years in a table with no header: the earlier the baseline, the
later the target. Made-up tables."""

import dataclasses

from grids import grid_table, run_of

from pipeline.understand.paired import paired_records
from pipeline.understand.reading import read_table
from pipeline.understand.settings import DocumentContext

ROWS = [
    ["子育て支援の充実", "子育て環境の満足度", "46.3% (H26)", "49.1% (H31)", "保健課", "-"],
    ["子育て支援の充実", "健診の受診率", "97% (H26)", "100% (H31)", "保健課", "〇"],
]


def _records(rows: list[list[str]], strategy: str = "ruled") -> list[tuple[object, ...]]:
    table = dataclasses.replace(grid_table(rows), strategy=strategy)
    read = read_table(run_of(table), DocumentContext())
    return [
        (r.program, r.indicator, r.unit, [(f.kind, f.fy, f.value) for f in r.facts])
        for r in paired_records(read, None)
    ]


def test_two_figures_with_their_years_after_a_name_are_its_baseline_and_target() -> None:
    assert _records(ROWS) == [
        (
            "子育て支援の充実",
            "子育て環境の満足度",
            "%",
            [("baseline", 2014, 46.3), ("target", 2019, 49.1)],
        ),
        ("子育て支援の充実", "健診の受診率", "%", [("baseline", 2014, 97), ("target", 2019, 100)]),
    ]


def test_figures_out_of_order_in_time_or_unit_or_without_years_are_not_paired() -> None:
    rows = [
        ["観光", "観光客数", "120万人 (H31)", "100万人 (H26)", "-"],  # the later year first
        ["観光", "宿泊者数", "30% (H26)", "40人 (H31)", "-"],  # two units
        ["観光", "満足度", "46.3%", "49.1%", "-"],  # no years
    ]
    assert _records(rows) == []


def test_a_table_with_a_header_or_aligned_text_is_read_otherwise() -> None:
    assert _records([["施策", "指標", "基準値", "目標値", "担当課", "備考"], *ROWS]) == []
    assert _records(ROWS, strategy="stream") == []
