"""Tables of one indicator named by a caption above them, years across: the caption read
for the name, unit and direction, and each row's or column's kind. Made-up cases."""

import pytest
from grids import grid_table, run_of

from pipeline.model import Line
from pipeline.model.table import Table
from pipeline.understand.forms import form_caption
from pipeline.understand.headings import Caption, caption_above
from pipeline.understand.reading import read_table
from pipeline.understand.series import kind_row_records
from pipeline.understand.settings import DocumentContext

TOP = 100.0


def placed(table: Table) -> Table:
    """The table moved down the page, so that lines can stand above it."""
    table.bbox = (table.bbox[0], TOP, table.bbox[2], TOP + table.bbox[3])
    return table


def line(text: str, bottom: float, height: float = 10.0) -> Line:
    return Line(text, 1, (10.0, bottom - height, 300.0, bottom))


@pytest.mark.parametrize(
    ("lines", "name", "unit", "direction"),
    [
        ([line("成果指標② 図書館の年間貸出冊数 ⇧", TOP - 4)], "図書館の年間貸出冊数", None, "up"),
        (
            [line("数値目標③ ごみの排出量 ⇩", TOP - 16), line("（単位：トン）", TOP - 3)],
            "ごみの排出量",
            "トン",
            "down",
        ),
        ([line("指 標 名 ： 観 光 入 込 客 数", TOP - 5)], "観光入込客数", None, None),
    ],
)
def test_a_caption_names_the_table_below(
    lines: list[Line], name: str, unit: str | None, direction: str | None
) -> None:
    table = placed(grid_table([["区分", "R3", "R4"], ["目標", "1", "2"]]))
    caption = caption_above(table, {1: lines})
    assert caption is not None
    assert (caption.name, caption.unit, caption.direction) == (name, unit, direction)


def test_a_line_far_above_or_a_sentence_is_no_caption() -> None:
    table = placed(grid_table([["区分", "R3", "R4"], ["目標", "1", "2"]]))
    assert caption_above(table, {1: [line("来館者数", TOP - 60)]}) is None
    sentence = "本市では来館者の増加に向けて取組を進めている。"
    assert caption_above(table, {1: [line(sentence, TOP - 3)]}) is None


CAPTION = Caption("図書館の年間貸出冊数", "成果指標②", 1, (0.0, 80.0, 100.0, 90.0), "冊", "up")


def facts(rows: list[list[str]], era: str | None = None) -> list[tuple[str, int | None, float]]:
    table = read_table(run_of(grid_table(rows)), DocumentContext(era=era))
    (record,) = kind_row_records(table, None, CAPTION)
    assert (record.indicator, record.unit, record.direction) == ("図書館の年間貸出冊数", "冊", "up")
    return [(f.kind, f.fy, f.value) for f in record.facts if f.value is not None]


def test_kinds_as_rows_under_year_columns() -> None:
    rows = [
        ["区分", "26年(基準値)", "H28", "H29"],
        ["目標値", "500", "520", "540"],
        ["実績値", "", "515", "548"],
        ["達成率", "", "99.0%", "101.5%"],
    ]
    assert facts(rows, era="平成") == [
        ("baseline", 2014, 500),
        ("target", 2016, 520),
        ("target", 2017, 540),
        ("actual", 2016, 515),
        ("actual", 2017, 548),
    ]


def test_one_row_of_values_takes_each_column_s_kind() -> None:
    rows = [
        ["R1（基準値）", "R3", "R4（現状値）", "R7（目標値）"],
        ["410冊", "432冊", "455冊", "500冊"],
    ]
    assert facts(rows) == [
        ("baseline", 2019, 410),
        ("actual", 2021, 432),
        ("actual", 2022, 455),
        ("target", 2025, 500),
    ]


def test_no_caption_no_record() -> None:
    table = read_table(run_of(grid_table([["区分", "R3", "R4"], ["目標", "1", "2"]])))
    assert kind_row_records(table, None, None) == []


def test_a_column_of_names_beside_the_years_is_not_one_captioned_indicator() -> None:
    rows = [
        ["区分", "指標名", "R3", "R4"],
        ["目標値", "来館者数", "100", "120"],
        ["実績値", "来館者数", "98", "125"],
    ]
    table = read_table(run_of(grid_table(rows)))
    assert kind_row_records(table, None, CAPTION) == []


SHEET_FORM = [
    ["施策", "(2) 読書のまちづくり", "", ""],
    ["指標その2", "読書会の登録数", "担当課", "生涯学習課"],
]
SHEET_GRID = [
    ["", "従前値", "(単位)", "基準年度", "R3", "R4", "R5", "目標値", "(単位)", "目標年度"],
    ["目標値", "41", "サークル", "R2年度", "-", "-", "48", "48", "サークル", "R5年度"],
    ["実績値", "", "", "", "45", "-", "-", "45", "サークル", ""],
]


def test_a_form_naming_an_indicator_without_a_target_is_the_caption_of_its_grid() -> None:
    caption = form_caption(grid_table(SHEET_FORM), DocumentContext())
    assert caption is not None and caption.name == "読書会の登録数"
    assert form_caption(grid_table(SHEET_FORM[:1]), DocumentContext()) is None


def test_a_year_grid_of_kind_rows_reads_its_baseline_year_and_unit_from_its_row() -> None:
    """目標値 / 実績値 rows under 従前値 | 基準年度 | years | 目標値 | 目標年度: the row of
    targets is no header row, the baseline takes the year its row prints, the unit the
    word under (単位) that the lexicon does not know."""
    caption = form_caption(grid_table(SHEET_FORM), DocumentContext())
    table = read_table(run_of(grid_table(SHEET_GRID)))
    assert table.header_rows == 1
    (record,) = kind_row_records(table, None, caption)
    assert record.unit == "サークル"
    assert [(f.kind, f.fy, f.value) for f in record.facts] == [
        ("baseline", 2020, 41),
        ("target", 2023, 48),
        ("actual", 2021, 45),
    ]
