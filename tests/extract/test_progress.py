"""Years without kinds in a progress report: the report's stated year is the actual, the
earliest year before it the baseline, a later year the target. Made-up tables."""

import pytest
from grids import grid_table, run_of

from pipeline.understand.headings import Caption
from pipeline.understand.progress import progress_records, progress_year
from pipeline.understand.reading import read_table
from pipeline.understand.settings import DocumentContext, UnderstandSettings

CAPTION = Caption("移住者数", "◆移住者数", 1, (0.0, 80.0, 100.0, 90.0), None, None)
ROWS = [
    ["", "", "うち子育て世帯"],
    ["R1年度", "120人", "40人"],
    ["R3年度", "150人", "55人"],
    ["R5年度", "160人", "60人"],
    ["R8年度", "200人", "80人"],
]


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("総合戦略 進捗状況(令和5年度)", 2023),
        ("第2期計画の実施状況(令和4年度)", 2022),
        ("総合戦略(令和5年度)", None),  # no progress word: any year of the plan
        ("進捗状況(令和2年度～令和4年度)", None),  # a span, no one year
    ],
)
def test_the_year_a_progress_report_states(title: str, year: int | None) -> None:
    assert progress_year(title, None) == year


def test_years_without_kinds_read_by_the_report_s_year() -> None:
    table = read_table(run_of(grid_table(ROWS)), DocumentContext())
    records = progress_records(table, None, CAPTION, 2023)
    assert [r.indicator for r in records] == ["移住者数", "移住者数うち子育て世帯"]
    assert [(f.kind, f.fy, f.value) for f in records[0].facts] == [
        ("baseline", 2019, 120),
        ("actual", 2021, 150),
        ("actual", 2023, 160),
        ("target", 2026, 200),
    ]


def test_a_figure_read_by_the_report_s_year_carries_the_settings_confidence() -> None:
    settings = UnderstandSettings(progress_confidence=0.4)
    table = read_table(run_of(grid_table(ROWS)), DocumentContext(settings))
    records = progress_records(table, None, CAPTION, 2023)
    assert {fact.confidence for fact in records[0].facts} == {0.4}


@pytest.mark.parametrize("stated", [None, 2022, 2026])
def test_no_stated_year_among_the_rows_or_none_after_it_no_record(stated: int | None) -> None:
    table = read_table(run_of(grid_table(ROWS)), DocumentContext())
    assert progress_records(table, None, CAPTION, stated) == []


def test_a_table_naming_its_kinds_is_read_by_them_not_by_the_report_s_year() -> None:
    rows = [["", "目標", "実績"], ["R1年度", "100人", "98人"], ["R5年度", "120人", "121人"]]
    rows.append(["R8年度", "150人", ""])
    table = read_table(run_of(grid_table(rows)), DocumentContext())
    assert progress_records(table, None, CAPTION, 2023) == []
