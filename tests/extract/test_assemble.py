"""Records from crafted tables in each shape the reports print."""

from grids import grid_table, run_of

from pipeline.model.record import Record
from pipeline.understand.extract import merge_records
from pipeline.understand.headings import Heading
from pipeline.understand.reading import read_table
from pipeline.understand.rows import prose_records, row_records
from pipeline.understand.series import year_records

HEADING = Heading("観光振興事業", 1, (0.0, 0.0, 100.0, 10.0))


def facts(record: Record) -> list[tuple[str, int | None, float | str | None]]:
    return [(f.kind, f.fy, f.value if f.value is not None else f.text) for f in record.facts]


def test_one_indicator_per_row_with_years_in_the_headers() -> None:
    table = grid_table(
        [
            ["事業名", "指標", "単位", "基準値", "R4目標", "R4実績", "評価"],
            ["(1) 移住促進事業", "移住相談件数", "件", "80", "100", "112", "A"],
            ["(2) 空き家対策事業【住宅課】", "空き家バンク登録数", "件", "－", "30", "24", "B"],
        ]
    )
    records = row_records(read_table(run_of(table)), None)
    assert [(r.program, r.indicator, r.unit) for r in records] == [
        ("移住促進事業", "移住相談件数", "件"),
        ("空き家対策事業", "空き家バンク登録数", "件"),
    ]
    assert facts(records[0]) == [
        ("baseline", None, 80),
        ("target", 2022, 100),
        ("actual", 2022, 112),
        ("grade", None, "A"),
    ]
    assert facts(records[1])[0] == ("target", 2022, 30)  # the dash is no fact


def test_each_fact_names_its_cell() -> None:
    table = grid_table([["指標", "目標値", "実績値"], ["参加者数", "1,000人", "1, 048人"]], page=3)
    record = row_records(read_table(run_of(table)), HEADING)[0]
    actual = record.facts[1]
    assert actual.value == 1048 and actual.source is not None
    assert actual.source.page == 3 and actual.source.text == "1, 048人"
    assert actual.source.bbox == (120.0, 20.0, 180.0, 40.0)
    assert actual.confidence is not None and 0 < actual.confidence <= 1
    assert record.program == "観光振興事業"  # from the heading, as no column names it


def test_a_row_without_a_target_is_no_record() -> None:
    table = grid_table([["指標", "現状値", "目標値"], ["参考:総人口", "80,000人", "－"]])
    assert row_records(read_table(run_of(table)), None) == []


def test_program_and_indicator_in_one_cell() -> None:
    table = grid_table(
        [
            ["施策", "実施事業", "R5 / 目標", "R5 / 実績"],
            ["創業支援", "起業塾(受講者数) P.12", "20人", "18人"],
        ]
    )
    record = row_records(read_table(run_of(table)), None)[0]
    assert (record.program, record.indicator) == ("起業塾", "受講者数")


def test_two_header_rows_make_header_paths() -> None:
    table = grid_table(
        [
            ["指標", "令和5年度", "令和5年度", "令和6年度", "令和6年度"],
            ["指標", "目標", "実績", "目標", "実績"],
            ["講座数", "10講座", "12講座", "12講座", ""],
        ],
        spans={(0, 0): (2, 1), (0, 1): (1, 2), (0, 3): (1, 2)},
    )
    read = read_table(run_of(table))
    assert read.header_rows == 2
    record = row_records(read, None)[0]
    assert facts(record) == [("target", 2023, 10), ("actual", 2023, 12), ("target", 2024, 12)]


def test_years_as_rows_with_a_baseline_row() -> None:
    table = grid_table(
        [
            ["", "観光客数", "観光客数", "宿泊者数", "宿泊者数"],
            ["", "目標", "実績", "目標", "実績"],
            ["基準", "1,000 人", "", "200 人", "210 人"],
            ["R 4", "1,100 人 (+100)", "1,050 人 (+50)", "220 人", "190 人"],
            ["R 5", "1,200 人 (+100)", "", "240 人", ""],
            ["達成状況", "達成していない。", "", "", ""],
        ],
        spans={(0, 1): (1, 2), (0, 3): (1, 2)},
    )
    records = year_records(read_table(run_of(table)), HEADING)
    assert [(r.program, r.indicator, r.unit) for r in records] == [
        ("観光振興事業", "観光客数", "人"),
        ("観光振興事業", "宿泊者数", "人"),
    ]
    # Rule 4: the baseline is the 実績 value, or the 目標 value where 実績 is empty.
    assert facts(records[0]) == [
        ("baseline", None, 1000),
        ("target", 2022, 1100),
        ("actual", 2022, 1050),
        ("target", 2023, 1200),
    ]
    assert facts(records[1])[0] == ("baseline", None, 210)


def test_a_table_continued_on_the_next_page_keeps_each_rows_page() -> None:
    header = ["指標", "目標値", "実績値"]
    first = grid_table([header, ["参加者数", "50", "40"]], page=1)
    second = grid_table([header, ["相談件数", "20", "25"]], page=2)
    records = row_records(read_table(run_of(first, second, repeated=1)), None)
    assert [(r.indicator, r.page) for r in records] == [("参加者数", 1), ("相談件数", 2)]


def test_prose_statements_in_a_cell() -> None:
    table = grid_table(
        [
            ["事業名", "KPI（令和4年度末）"],
            ["（１）移住促進事業", "・移住者数【ＫＰＩ】 30人【実績】 28人"],
        ]
    )
    records = prose_records(read_table(run_of(table)), None)
    assert [(r.program, r.indicator, r.unit) for r in records] == [
        ("移住促進事業", "移住者数", "人")
    ]
    assert facts(records[0]) == [("target", 2022, 30), ("actual", 2022, 28)]


def test_an_indicator_printed_twice_is_one_record() -> None:
    summary = grid_table([["指標", "目標値"], ["参加者数", "50"]])
    detail = grid_table([["指標", "目標値", "実績値"], ["参加者数", "50", "44"]], page=2)
    records = [
        record
        for table in (summary, detail)
        for record in row_records(read_table(run_of(table)), HEADING)
    ]
    merged = merge_records(records)
    assert len(merged) == 1
    assert facts(merged[0]) == [("target", None, 50), ("actual", None, 44)]


def test_a_list_before_the_table_gives_the_merged_record_its_page() -> None:
    table = grid_table([["指標", "基準値", "目標値"], ["参加者数", "40", "50"]], page=3)
    (in_table,) = row_records(read_table(run_of(table)), HEADING)
    in_list = Record.model_validate(
        {
            "page": 1,
            "program": None,
            "indicator": "参加者数",
            "unit": None,
            "direction": None,
            "facts": [{"kind": "target", "fy": None, "value": 50}],
        }
    )
    (merged,) = merge_records([in_table, in_list])
    assert merged.page == 1
    assert facts(merged) == [("baseline", None, 40), ("target", None, 50)]


def test_a_value_in_words_is_kept_but_misread_marks_are_not() -> None:
    table = grid_table(
        [
            ["指標", "目標値", "実績値", "基準値"],
            ["空き家の活用件数", "現状以上", "く U>-", "円"],
        ]
    )
    record = row_records(read_table(run_of(table)), None)[0]
    assert facts(record) == [("target", None, "現状以上")]


def test_body_rows_of_long_program_names_are_not_header_rows() -> None:
    """Names ending in 事業 hold a lexicon word; a header is a few words, not such a name."""
    table = grid_table(
        [
            ["事業名", "個別事業名", "指標", "目標値", "実績値"],
            [
                "中心市街地にぎわい再生推進事業",
                "商店街の空き店舗活用支援事業",
                "来街者数",
                "1,000人",
                "900人",
            ],
            [
                "中心市街地にぎわい再生推進事業",
                "空き店舗を活用した創業支援事業",
                "創業件数",
                "5件",
                "6件",
            ],
        ]
    )
    read = read_table(run_of(table))
    assert read.header_rows == 1
    assert [r.indicator for r in row_records(read, None)] == ["来街者数", "創業件数"]


def test_a_kind_column_says_what_the_year_columns_of_its_row_hold() -> None:
    table = grid_table(
        [
            ["指標名", "単位", "区分", "R3", "R4", "R5"],
            ["来館者数", "千人", "実績値", "41", "43", ""],
            ["", "", "目標値", "40", "44", "46"],
        ],
        spans={(1, 0): (2, 1), (1, 1): (2, 1)},
    )
    (record,) = row_records(read_table(run_of(table)), None)
    assert (record.indicator, record.unit) == ("来館者数", "千人")
    assert facts(record) == [
        ("actual", 2021, 41),
        ("actual", 2022, 43),
        ("target", 2021, 40),
        ("target", 2022, 44),
        ("target", 2023, 46),
    ]


def test_a_column_of_years_gives_the_year_of_the_kind_its_header_names() -> None:
    table = grid_table(
        [
            ["指標", "現況値の時点", "現況値", "目標値"],
            ["相談件数", "令和4年度", "80件", "120件"],
        ]
    )
    (record,) = row_records(read_table(run_of(table)), None)
    assert facts(record) == [("baseline", 2022, 80), ("target", None, 120)]


def test_a_reference_column_and_a_cumulative_name() -> None:
    table = grid_table(
        [
            ["指標", "基準値", "目標値(R7)", "参考年間目標"],
            ["移住者数(累計)", "120人", "600人", "120人"],
        ]
    )
    (record,) = row_records(read_table(run_of(table)), None)
    assert facts(record) == [("baseline", None, 120), ("target", 2025, 600)]
    assert all(fact.cumulative for fact in record.facts)


def test_a_name_wrapped_onto_the_next_row_of_an_unruled_table_is_joined() -> None:
    table = grid_table(
        [
            ["指標", "現状値", "目標値"],
            ["市の施策に満足している市民", "", ""],
            ["の割合", "48%", "60%"],
        ]
    )
    table.strategy = "stream"
    (record,) = row_records(read_table(run_of(table)), None)
    assert record.indicator == "市の施策に満足している市民の割合"
    assert facts(record) == [("baseline", None, 48), ("target", None, 60)]


def test_a_header_merged_over_as_many_columns_as_its_years_heads_each_with_its_own() -> None:
    # A speck or a lost rule merged `R2年度(実績)` and `R3年度(実績)` into one header cell.
    table = grid_table(
        [
            ["指標", "R2年度R3年度(実績)", "", "目標値(R7年度)"],
            ["参加者数", "40", "45", "60"],
        ],
        spans={(0, 1): (1, 2)},
    )
    (record,) = row_records(read_table(run_of(table)), HEADING)
    assert facts(record) == [("actual", 2020, 40), ("actual", 2021, 45), ("target", 2025, 60)]


def test_a_span_of_years_over_two_columns_stays_one_header() -> None:
    table = grid_table(
        [
            ["指標", "R2〜R6年度 累計", "", "目標値(R7年度)"],
            ["参加者数", "40", "人", "60"],
        ],
        spans={(0, 1): (1, 2)},
    )
    columns = read_table(run_of(table)).columns
    assert [column.grid_columns for column in columns] == [(0,), (1, 2), (3,)]


def test_a_header_saying_which_kind_a_row_pair_s_figures_are() -> None:
    table = grid_table(
        [
            ["指標", "R4年度(実績)", "R5年度(上段:目標)(下段:実績)"],
            ["参加者数", "40", "50"],
            ["", "", "47"],
        ],
        spans={(1, 0): (2, 1), (1, 1): (2, 1)},
    )
    (record,) = merge_records(row_records(read_table(run_of(table)), HEADING))
    assert facts(record) == [("actual", 2022, 40), ("target", 2023, 50), ("actual", 2023, 47)]
