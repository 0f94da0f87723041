"""Evidence a table gives beyond one header per column: two indicators a row, a gloss in
small type under a name, a value cell of several lines, a bracketed era-less year, and a
printing with no program. Made-up tables, not from any report."""

import pytest
from grids import grid_table, run_of

from pipeline.model.geometry import Word, main_print
from pipeline.model.record import Record
from pipeline.model.table import Cell
from pipeline.text import fold, join_wrapped_lines
from pipeline.understand.extract import _nearer, merge_records
from pipeline.understand.forms import form_heading
from pipeline.understand.headings import Heading
from pipeline.understand.reading import read_table
from pipeline.understand.rows import row_records
from pipeline.understand.series import kind_row_records
from pipeline.understand.settings import DocumentContext
from pipeline.understand.slots import Slot
from pipeline.understand.values import totals_by_note


def facts(record: Record) -> list[tuple[str, int | None, float | str | None]]:
    return [(f.kind, f.fy, f.value if f.value is not None else f.text) for f in record.facts]


def test_each_indicator_of_a_wide_row_reads_its_own_value_columns() -> None:
    table = grid_table(
        [
            ["政策", "成果目標", "成果目標", "成果目標", "施策", "KPI", "KPI", "KPI"],
            ["政策", "成果目標", "現況", "目標値", "施策", "KPI", "現況", "目標値"],
            ["観光", "観光客数", "80人", "100人", "誘客", "宿泊者数", "12泊", "15泊"],
        ],
        spans={(0, 0): (2, 1), (0, 1): (1, 3), (0, 4): (2, 1), (0, 5): (1, 3)},
    )
    records = row_records(read_table(run_of(table)), None)
    by_name = {record.indicator: record for record in records}
    assert set(by_name) == {"観光客数", "宿泊者数"}
    assert facts(by_name["観光客数"]) == [("baseline", None, 80), ("target", None, 100)]
    assert facts(by_name["宿泊者数"]) == [("baseline", None, 12), ("target", None, 15)]
    assert by_name["宿泊者数"].program == "誘客"  # the program column left of its indicator


def test_a_group_column_of_numbers_names_no_indicator() -> None:
    table = grid_table(
        [
            ["指標", "目標", "目標", "目標"],
            ["指標", "番号", "現況", "目標値"],
            ["参加者数", "3", "40人", "60人"],
        ],
        spans={(0, 0): (2, 1), (0, 1): (1, 3)},
    )
    read = read_table(run_of(table))
    assert read.fields("indicator") == [0]


def _word(text: str, top: float, height: float) -> Word:
    return Word(text, text, (10.0, top, 10.0 + 12.0 * len(text), top + height))


@pytest.mark.parametrize(
    ("heights", "kept"),
    [
        ((10.0, 10.0, 8.0, 8.0), 2),  # a name over two lines, then its definition
        ((10.0, 8.0, 10.0), 1),  # everything after the first smaller line is gloss
        ((10.0, 9.5, 10.0), 3),  # heights within the tolerance are one print
        ((8.0, 10.0), 2),  # a larger line after a small first line is no gloss
    ],
)
def test_the_main_print_of_a_cell_stops_at_smaller_type(
    heights: tuple[float, ...], kept: int
) -> None:
    words = []
    top = 0.0
    for index, height in enumerate(heights):
        words.append(_word(f"line{index}", top, height))
        top += height + 3.0
    assert main_print(words, 0.9) == words[:kept]


def test_an_indicator_name_leaves_out_its_definition_in_small_type() -> None:
    table = grid_table([["指標", "現状", "目標"], ["x", "120件", "150件"]])
    name = next(cell for cell in table.cells if (cell.row, cell.col) == (1, 0))
    name.words = [
        _word("空き家の成約件数", 20.0, 10.0),
        _word("空き家バンクを通じて売買又は", 33.0, 8.0),
        _word("賃貸された物件の数", 44.0, 8.0),
    ]
    name.text = "空き家の成約件数空き家バンクを通じて売買又は賃貸された物件の数"
    record = row_records(read_table(run_of(table)), None)[0]
    assert record.indicator == "空き家の成約件数"


def test_a_slot_without_words_keeps_its_text() -> None:
    cell = Cell(0, 0, (0.0, 0.0, 10.0, 10.0), raw="参加者数", text="参加者数")
    slot = Slot.of(1, [cell])
    assert slot.headline(0.9) is slot


@pytest.mark.parametrize(
    ("baseline", "target", "expected"),
    [
        # Bracketed era-less years take the document's era (rule 12), after a number
        # or after a value in words.
        (
            "1,204件（26年）",
            "減少を目指す（32年）",
            [("baseline", 2014, 1204), ("target", 2020, "減少を目指す")],
        ),
        # Two labelled figures are one value in words; the year after them is its year.
        (
            "小学校12.5% 中学校8.0%（26年度）",
            "小学校20% 中学校15%（32年度）",
            [("baseline", 2014, "小学校12.5%中学校8.0%"), ("target", 2020, "小学校20%中学校15%")],
        ),
        # A cell of several lines: the first figure, and the year one line prints.
        (
            "61.5%\n23地区\n県内3位（2023年）",
            "80%\n30地区",
            [("baseline", 2023, 61.5), ("target", None, 80)],
        ),
    ],
)
def test_values_with_their_years_and_restatements(
    baseline: str, target: str, expected: list[tuple[str, int | None, float | str]]
) -> None:
    rows = [["指標", "現状", "目標"], ["防犯対策", baseline, target], ["相談件数", "40件", "60件"]]
    table = grid_table(rows)
    for cell in table.cells:  # as layout gives a cell's text: its lines folded and joined
        cell.text = join_wrapped_lines([fold(line) for line in cell.raw.splitlines()])
    context = DocumentContext(era="平成")
    record = row_records(read_table(run_of(table), context), None)[0]
    assert facts(record) == expected


def test_a_printing_with_no_program_joins_the_one_that_names_it() -> None:
    summary = grid_table([["施策", "指標", "目標値"], ["観光振興", "宿泊者数", "500人"]])
    detail = grid_table([["指標", "R5実績", "目標値"], ["宿泊者数", "420人", "500人"]], page=2)
    records = [r for t in (summary, detail) for r in row_records(read_table(run_of(t)), None)]
    merged = merge_records(records)
    assert [(r.program, r.indicator) for r in merged] == [("観光振興", "宿泊者数")]
    assert facts(merged[0]) == [("target", None, 500), ("actual", 2023, 420)]


def test_an_indicator_of_two_programs_stays_two_records_beside_a_bare_printing() -> None:
    rows = [
        ["施策", "指標", "目標値"],
        ["観光振興", "参加者数", "50人"],
        ["移住促進", "参加者数", "20人"],
    ]
    bare = grid_table([["指標", "目標値"], ["参加者数", "50人"]], page=2)
    records = [
        r for t in (grid_table(rows), bare) for r in row_records(read_table(run_of(t)), None)
    ]
    assert sorted((r.program or "") for r in merge_records(records)) == ["", "移住促進", "観光振興"]


def test_kinds_beside_the_name_under_one_header_say_what_each_row_holds() -> None:
    table = grid_table(
        [
            ["項目", "項目", "R4", "R5", "R6"],
            ["来訪者数", "目標値", "100", "120", "150"],
            ["来訪者数", "実績値", "95", "130", ""],
            ["来訪者数", "達成率", "95%", "108%", ""],
            ["来訪者数", "(改定後の目標値)", "", "", "(170)"],
        ],
        spans={(0, 0): (1, 2), (1, 0): (4, 1)},
    )
    record = row_records(read_table(run_of(table)), None)[0]
    assert record.indicator == "来訪者数"
    assert facts(record) == [
        ("target", 2022, 100),
        ("target", 2023, 120),
        ("target", 2024, 150),
        ("actual", 2022, 95),
        ("actual", 2023, 130),
        ("target", 2024, 170),  # in a row its label names, a bracketed figure is no difference
    ]


def test_a_form_of_labels_names_the_program_of_the_table_under_it() -> None:
    form = grid_table([["政策", "2", "安心して暮らせるまち"], ["施策", "2-3", "防災力の向上"]])
    assert form_heading(form, DocumentContext()) is not None
    assert form_heading(form, DocumentContext()).text == "防災力の向上"  # type: ignore[union-attr]
    assert form_heading(grid_table([["備考", "なし"]]), DocumentContext()) is None


def test_a_note_elsewhere_that_an_indicator_is_a_running_total_marks_its_values() -> None:
    table = grid_table([["指標", "R5実績", "目標値"], ["移住者数", "320人", "500人"]])
    records = row_records(read_table(run_of(table)), None)
    totals_by_note(records, ["【数値目標】移住者数（R3～R7累計）：500人"])
    assert all(fact.cumulative for fact in records[0].facts)
    others = row_records(read_table(run_of(table)), None)
    totals_by_note(others, ["移住者数は年々増加し、累計では1,200人となった。"])
    assert not any(fact.cumulative for fact in others[0].facts)


def test_the_values_of_a_running_total_are_cumulative_in_words_too() -> None:
    rows = [["指標", "現状", "目標"], ["避難所の整備数(累計)", "なし", "12か所"]]
    record = row_records(read_table(run_of(grid_table(rows))), None)[0]
    assert [(f.kind, f.cumulative) for f in record.facts] == [("baseline", True), ("target", True)]


@pytest.mark.parametrize(
    "printed, name",
    [
        ("耐震改修済み住宅数[累計]", "耐震改修済み住宅数"),
        ("耐震改修済み住宅数［累計］", "耐震改修済み住宅数"),
        ("耐震改修済み住宅数【累計】", "耐震改修済み住宅数"),
        ("耐震改修済み住宅数（累計）", "耐震改修済み住宅数（累計）"),
    ],
)
def test_a_bracketed_total_note_marks_the_values_cumulative(printed: str, name: str) -> None:
    rows = [["指標", "基準値", "目標値"], [printed, "40戸", "90戸"]]
    record = row_records(read_table(run_of(grid_table(rows))), None)[0]
    assert record.indicator == fold(name)
    assert [(f.kind, f.cumulative) for f in record.facts] == [("baseline", True), ("target", True)]


def test_a_side_label_over_a_grid_of_kind_rows_leaves_the_names_to_the_columns_beside() -> None:
    """`成果指標` heads a cell down the grid's side; the names, enumerators and kinds are in
    unheaded columns; a year column's header adds words of its own."""
    table = grid_table(
        [
            ["成果指標", "", "", "", "単位", "振興計画掲載(基準値)", "4年度", "振興計画掲載6年度"],
            ["", "1", "図書館の貸出冊数", "目標", "冊", "-", "-", "5,200"],
            ["", "1", "図書館の貸出冊数", "実績", "冊", "4,810", "4,950", ""],
            ["", "2", "公園の清掃回数", "目標", "回", "-", "-", "-"],
            ["", "2", "公園の清掃回数", "実績", "回", "-", "-", ""],
        ],
        spans={(0, 0): (5, 1), (0, 1): (1, 3), (1, 1): (2, 1), (1, 2): (2, 1)},
    )
    read = read_table(run_of(table), DocumentContext(era="令和"))
    (record,) = row_records(read, None)
    assert (record.indicator, record.unit) == ("図書館の貸出冊数", "冊")
    assert sorted(facts(record), key=str) == sorted(
        [("baseline", None, 4810), ("actual", 2022, 4950), ("target", 2024, 5200)], key=str
    )


def test_a_header_naming_a_second_kind_in_brackets_reads_the_bracketed_figure_as_it() -> None:
    rows = [
        ["指標", "基準値", "実績値(4年度目標値)"],
        ["観光案内所の利用者数", "3,100人(元年度)", "3,420人(3,600人)"],
        ["空き店舗の活用件数", "4件", "6件(8件)"],
    ]
    read = read_table(run_of(grid_table(rows)), DocumentContext(era="令和"))
    first, second = row_records(read, None)
    assert facts(first) == [
        ("baseline", 2019, 3100),
        ("actual", 2022, 3420),
        ("target", 2022, 3600),
    ]
    assert facts(second) == [("baseline", None, 4), ("actual", 2022, 6), ("target", 2022, 8)]


def test_a_label_merged_down_a_list_of_sub_programs_names_no_program() -> None:
    form = grid_table(
        [
            ["施策", "3", "観光の振興"],
            ["基本事業", "1", "観光PRの推進"],
            ["基本事業", "2", "誘客の強化"],
        ],
        spans={(1, 0): (2, 1)},
    )
    heading = form_heading(form, DocumentContext())
    assert heading is not None and heading.text == "観光の振興"


def test_kpi_cells_that_print_the_name_and_the_value_under_a_deadline_and_a_year() -> None:
    table = grid_table(
        [
            ["施策", "KPI（令和7年3月まで）", "KPI（令和4年度）"],
            ["観光の振興", "観光案内所の利用者数1,200人", "観光案内所の利用者数840人"],
            ["観光の振興", "体験ツアー参加者数300人", "体験ツアー参加者数75人"],
        ],
        spans={(1, 0): (2, 1)},
    )
    records = row_records(read_table(run_of(table), DocumentContext(era="令和")), None)
    assert sorted((r.program, r.indicator, r.unit, facts(r)) for r in records) == [
        ("観光の振興", "体験ツアー参加者数", "人", [("target", 2024, 300), ("actual", 2022, 75)]),
        (
            "観光の振興",
            "観光案内所の利用者数",
            "人",
            [("target", 2024, 1200), ("actual", 2022, 840)],
        ),
    ]


def test_kpi_cells_with_names_but_no_deadline_are_left_as_they_are() -> None:
    table = grid_table(
        [["KPI（令和3年度）", "KPI（令和4年度）"], ["相談件数120件", "相談件数135件"]]
    )
    assert row_records(read_table(run_of(table), DocumentContext(era="令和")), None) == []


def test_a_label_over_rows_with_blank_label_cells_heads_a_list_not_the_program() -> None:
    form = grid_table(
        [["個別施策", "B2-1", "空き家の活用を進めます"], ["", "B2-2", "移住の相談体制を整えます"]]
    )
    assert form_heading(form, DocumentContext()) is None


def test_a_bare_first_year_before_years_marked_actual_is_the_baseline() -> None:
    rows = [
        ["指標", "令和2年", "令和3年実績", "令和4年実績", "目標"],
        ["体験農園の利用者数", "120人", "135人", "150人", "200人"],
    ]
    record = row_records(read_table(run_of(grid_table(rows)), DocumentContext(era="令和")), None)[0]
    assert facts(record) == [
        ("baseline", 2020, 120),
        ("actual", 2021, 135),
        ("actual", 2022, 150),
        ("target", None, 200),
    ]
    bare = [["指標", "令和2年", "令和3年", "令和4年", "目標"], ["同", "1人", "2人", "3人", "4人"]]
    record = row_records(read_table(run_of(grid_table(bare)), DocumentContext(era="令和")), None)[0]
    assert [f.kind for f in record.facts] == ["actual", "actual", "actual", "target"]  # rule 7


def test_a_numbered_name_leaves_out_its_number_and_its_gloss_both() -> None:
    table = grid_table([["指標", "現状", "目標"], ["x", "120件", "150件"]])
    name = next(cell for cell in table.cells if (cell.row, cell.col) == (1, 0))
    name.words = [
        Word("1", "1", (10.0, 20.0, 16.0, 30.0)),
        Word("空き家の成約件数", "空き家の成約件数", (22.0, 20.0, 118.0, 30.0)),
        _word("空き家バンクを通じて売買された物件の数", 33.0, 8.0),
    ]
    record = row_records(read_table(run_of(table)), None)[0]
    assert record.indicator == "空き家の成約件数"


def test_a_form_row_above_the_header_names_the_year_grid_below_it() -> None:
    table = grid_table(
        [
            ["指標名", "市民農園の利用区画数", "市民農園の利用区画数", "市民農園の利用区画数"],
            ["単位", "区分", "令和4年度", "令和5年度"],
            ["区画", "計画", "80", "90"],
            ["区画", "実績", "76", ""],
        ],
        spans={(0, 1): (1, 3)},
    )
    read = read_table(run_of(table), DocumentContext(era="令和"))
    assert read.named is not None and read.named.text == "市民農園の利用区画数"
    (record,) = kind_row_records(read, None, None)
    assert (record.indicator, record.unit) == ("市民農園の利用区画数", "区画")
    assert facts(record) == [("target", 2022, 80), ("target", 2023, 90), ("actual", 2022, 76)]


def test_a_form_s_program_below_a_heading_line_is_the_nearer_heading() -> None:
    line = Heading("観光の振興", 1, (40.0, 60.0, 300.0, 70.0))
    box = Heading("誘客の強化", 1, (40.0, 120.0, 300.0, 130.0))
    assert _nearer(line, box) == box
    assert _nearer(box, line) == box  # the line above the box is the farther one
    assert _nearer(None, box) == box and _nearer(line, None) == line


def test_a_unit_column_a_direction_in_words_and_totals_defined_beside_the_name() -> None:
    table = grid_table(
        [
            ["指標名", "単位", "現状値", "目標値", "方向性", "指標の説明"],
            [
                "見守り協力団体数",
                "協力団体",
                "12",
                "20",
                "増加を目指す",
                "協定を結んだ団体数(累計)",
            ],
            ["空き家の件数", "件", "310", "250", "減少させる", "市内の空き家の件数"],
        ]
    )
    records = row_records(read_table(run_of(table)), None)
    by_name = {record.indicator: record for record in records}
    watch, empty = by_name["見守り協力団体数"], by_name["空き家の件数"]
    assert (watch.unit, watch.direction) == ("協力団体", "up")
    assert (empty.unit, empty.direction) == ("件", "down")
    assert all(fact.cumulative for fact in watch.facts)
    assert not any(fact.cumulative for fact in empty.facts)


@pytest.mark.parametrize(
    ("aim", "indicator"),
    [
        ("観光客を増やします", "観光客入込数"),  # an aim stated as a sentence
        ("観光の振興", "○観光客入込数"),  # an indicator marked as an item under it
    ],
)
def test_an_aim_over_its_indicator_beside_shared_value_cells_is_no_record(
    aim: str, indicator: str
) -> None:
    table = grid_table(
        [
            ["目標の内容・評価指標", "現状値", "目標値"],
            [aim, "50万人", "60万人"],
            [indicator, "50万人", "60万人"],
        ],
        spans={(1, 1): (2, 1), (1, 2): (2, 1)},
    )
    records = row_records(read_table(run_of(table)), None)
    assert [record.indicator for record in records] == ["観光客入込数"]
    assert facts(records[0]) == [("baseline", None, 500000), ("target", None, 600000)]


def test_two_indicators_beside_one_merged_value_cell_stay_two_records() -> None:
    table = grid_table(
        [
            ["指標", "現状値", "目標値"],
            ["観光客入込数", "50万人", "60万人"],
            ["宿泊者数", "50万人", "60万人"],
        ],
        spans={(1, 1): (2, 1), (1, 2): (2, 1)},
    )
    records = row_records(read_table(run_of(table)), None)
    assert [record.indicator for record in records] == ["観光客入込数", "宿泊者数"]


@pytest.mark.parametrize(
    ("budget", "kind"),
    [
        ("令和5年度予算", "target"),  # a plan budgeted for 2023 aims at 2025
        ("令和8年度予算", "actual"),  # the year itself may hold what was reached
        ("備考", "actual"),  # no budget says when the table was made
    ],
)
def test_a_year_after_the_year_a_plan_budgets_for_heads_its_targets(budget: str, kind: str) -> None:
    table = grid_table(
        [
            ["事業", "指標", "基準値", "令和7年度", budget],
            ["移住促進", "移住者数", "10人", "25人", "300千円"],
        ]
    )
    columns = read_table(run_of(table)).columns
    assert columns[3].field.field == kind


def test_a_name_column_merged_over_runs_of_the_indicators_beside_it_names_their_program() -> None:
    table = grid_table(
        [
            ["分野", "項目", "指標", "現状値", "目標値"],
            ["健康", "健康づくり P12", "健診受診率", "41.0%", "50%"],
            ["健康", "健康づくり P12", "1日の歩数", "6,200歩", "7,000歩"],
            ["健康", "スポーツ P14", "スポーツ実施率", "38.5%", "45%"],
            ["健康", "スポーツ P14", "教室参加者数", "820人", "1,000人"],
        ],
        spans={(1, 0): (4, 1), (1, 1): (2, 1), (3, 1): (2, 1)},
    )
    records = row_records(read_table(run_of(table), DocumentContext()), None)
    assert [(r.program, r.indicator) for r in records] == [
        ("健康づくり", "健診受診率"),
        ("健康づくり", "1日の歩数"),
        ("スポーツ", "スポーツ実施率"),
        ("スポーツ", "教室参加者数"),
    ]


def test_a_note_merged_over_a_row_is_no_value_of_itself() -> None:
    """A note merged over the name's columns and the value's (`状況割合 遅れ33%`) is print
    of the name's own row, no target of it."""
    rows = [
        ["指標項目", "", "目標値"],
        ["町内就業件数", "", "21件"],
        ["相談受付件数", "", "15件"],
        ["創業件数", "", "11件"],
        ["進捗状況割合", "遅れ33%・その他67%", ""],
        ["遅れ33%", "", ""],
    ]
    spans = {(0, 0): (1, 2), (1, 0): (1, 2), (2, 0): (1, 2), (3, 0): (1, 2), (4, 1): (2, 2)}
    table = read_table(run_of(grid_table(rows, spans=spans)), DocumentContext())
    records = row_records(table, None)
    assert [r.indicator for r in records] == ["町内就業件数", "相談受付件数", "創業件数"]
