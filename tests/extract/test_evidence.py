"""The evidence a value cell's reading takes from around it: headers with years and notes,
the document's era, section rows, names cleaned of what reports print before them.
Cases are made up in the style of real reports, not taken from any corpus document."""

import pytest
from grids import grid_table, run_of

from pipeline.model.table import Cell
from pipeline.text.years import document_era, find_years
from pipeline.understand.header_map import map_column, read_header
from pipeline.understand.names import clean_name, name_and_unit
from pipeline.understand.reading import read_table
from pipeline.understand.rows import section_title
from pipeline.understand.settings import DocumentContext
from pipeline.understand.slots import Slot


@pytest.mark.parametrize(
    ("text", "era", "years"),
    [
        ("30年度", "平成", [2018]),
        ("目標値 / 26年度", "平成", [2014]),
        ("5年度", "令和", [2023]),
        ("元年度", "令和", [2019]),
        ("27年3月", "平成", [2014]),  # a month: the fiscal year it falls in (rule 12)
        ("30年度", None, []),  # no era printed anywhere: no year
        ("3年間", "令和", []),  # a duration
        ("2010~15年", "平成", [2010, 2015]),  # a Gregorian span's end, not 平成15
        ("令和4年度", "平成", [2022]),  # a printed era wins over the document's
    ],
)
def test_years_without_their_era(text: str, era: str | None, years: list[int]) -> None:
    assert [year.fy for year in find_years(text, era)] == years


def test_the_document_era_is_the_one_printed_most() -> None:
    assert document_era(["平成30年度", "H29", "令和元年", "2019年"]) == "平成"
    assert document_era(["2020年度", "指標"]) is None


@pytest.mark.parametrize(
    ("header", "values", "field", "fy"),
    [
        ("目標値(2025(R7)年度)", ["120人"], "target", 2025),
        ("R2(基準値)", ["35%"], "baseline", 2020),
        ("R6(目標値)", ["50%"], "target", 2024),
        ("令和4年度", ["40%"], "actual", 2022),
        ("目標(指標)名", ["来館者数"], "indicator", None),
        ("目標値 / 29年度", ["300件"], "target", 2017),
    ],
)
def test_header_field_and_year(header: str, values: list[str], field: str, fy: int | None) -> None:
    context = DocumentContext(era="平成" if "29年度" in header else None)
    mapped = map_column(header, values, context)
    assert mapped.field == field
    assert (mapped.year.fy if mapped.year else None) == fy


def test_a_bracket_inside_a_word_is_part_of_it() -> None:
    assert read_header("目標(指標)名").key == "目標指標名"
    assert read_header("目標(指標)の説明").key.endswith("説明")


@pytest.mark.parametrize(
    ("text", "raw", "name"),
    [
        ("1観光の振興", "①観光の振興", "観光の振興"),
        ("1日当たり利用者数", "1日当たり利用者数", "1日当たり利用者数"),
        ("基本目標2 にぎわいのあるまち", "基本目標2 にぎわいのあるまち", "にぎわいのあるまち"),
        ("政策分野II-3 安全な暮らし", "", "安全な暮らし"),
        ("第2節 地域産業の振興", "", "地域産業の振興"),
        ("■子育て支援", "", "子育て支援"),
        ("子育て支援事業(再掲)", "", "子育て支援事業"),
        ("施策3-1 移住の促進", "", "移住の促進"),
        ("転入者数(累計)", "", "転入者数(累計)"),
    ],
)
def test_names_lose_what_precedes_them(text: str, raw: str, name: str) -> None:
    assert clean_name(text, raw) == name


def _slot(cell: Cell) -> Slot:
    return Slot.of(1, [cell])


def test_a_row_printed_across_the_table_names_a_section() -> None:
    across = Cell(3, 0, (0, 0, 300, 10), colspan=3, raw="(2) 観光の振興", text="(2) 観光の振興")
    row = [_slot(across)] * 3
    assert section_title(row, [1, 2]) == "観光の振興"


def test_a_row_with_values_names_no_section() -> None:
    name = Cell(3, 0, (0, 0, 100, 10), raw="①宿泊者数", text="1宿泊者数")
    value = Cell(3, 1, (100, 0, 200, 10), raw="1,200人", text="1,200人")
    empty = Cell(3, 2, (200, 0, 300, 10))
    assert section_title([_slot(name), _slot(value), _slot(empty)], [1, 2]) is None


def test_a_row_of_years_under_the_header_words_is_part_of_the_header() -> None:
    rows = [
        ["指標項目", "現状値", "目標値"],
        ["", "(平成21年度)", ""],
        ["来館者数", "1,200人", "1,500人"],
    ]
    table = read_table(run_of(grid_table(rows)))
    assert table.header_rows == 2
    baseline = table.columns[1].field
    assert (baseline.field, baseline.year.fy if baseline.year else None) == ("baseline", 2009)


@pytest.mark.parametrize(
    ("printed", "name", "unit"),
    [
        ("空き家バンク登録件数(件)", "空き家バンク登録件数", "件"),
        ("森林整備面積（ha）", "森林整備面積", "ha"),
        ("観光入込客数(単位:千人)", "観光入込客数", "千人"),
        ("創業セミナー(参加者数)", "創業セミナー(参加者数)", None),  # rule 10, not a unit
        ("転入者数(累計)", "転入者数(累計)", None),
    ],
)
def test_a_unit_bracketed_after_a_name_is_the_unit(
    printed: str, name: str, unit: str | None
) -> None:
    assert name_and_unit(printed) == (name, unit)


def test_a_row_that_prints_a_figure_is_body_not_header() -> None:
    rows = [
        ["事業名", "指標", "指標値", "単位", "実績値"],
        ["創業支援事業", "創業件数", "1,200", "件", "1,350"],
        ["", "相談件数", "80", "件", "92"],
    ]
    table = read_table(run_of(grid_table(rows)))
    assert table.header_rows == 1
    assert [column.field.field for column in table.columns] == [
        "program",
        "indicator",
        "target",
        "unit",
        "actual",
    ]


def test_a_long_line_inside_the_frame_above_the_header_is_a_caption() -> None:
    note = "本計画の数値目標は次のとおりとし、毎年度その達成状況を点検します。"
    rows = [[note, "", ""], ["指標", "現状値", "目標値"], ["来館者数", "1,200人", "1,500人"]]
    table = read_table(run_of(grid_table(rows, spans={(0, 0): (1, 3)})))
    assert table.header_rows == 2  # the note and the header; the body starts below them
    assert [column.field.field for column in table.columns] == ["indicator", "baseline", "target"]
    assert [column.levels for column in table.columns] == [("指標",), ("現状値",), ("目標値",)]
