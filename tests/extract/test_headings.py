"""The text around the tables: the heading that names a table's program, the document's name."""

import dataclasses

import pymupdf
import pytest

from pipeline.ingest.pages import read_page
from pipeline.layout import page_lines
from pipeline.layout.pages import PageLayout
from pipeline.model import Line
from pipeline.model.table import Cell, Table
from pipeline.understand.headings import (
    heading_above,
    municipality,
    program_heading,
    title,
    titled_tables,
)


def line(text: str, top: float, page: int = 1) -> Line:
    return Line(text, page, (40.0, top, 300.0, top + 10.0))


def test_an_enumerated_line_names_a_program() -> None:
    heading = program_heading(line("B 移住定住促進事業", 60.0))
    assert heading is not None and heading.text == "移住定住促進事業"
    assert program_heading(line("施策2 中心市街地の活性化", 60.0)) is not None


def test_a_field_and_a_quoted_name_name_a_program() -> None:
    heading = program_heading(line("農業 「多様な担い手による農業の持続的発展」", 60.0))
    assert heading is not None and heading.text == "多様な担い手による農業の持続的発展"
    assert program_heading(line("「椎葉川町まち・ひと・しごと創生総合戦略」", 60.0)) is None
    assert program_heading(line("綾町「まち・ひと・しごと創生総合戦略」", 60.0)) is None  # a plan
    assert program_heading(line("「森町総合戦略」登載事業予算突合表", 60.0)) is None


def test_a_programs_label_before_a_name_names_a_program() -> None:
    heading = program_heading(line("基本的方向 雇用支援", 60.0))
    assert heading is not None and heading.text == "雇用支援"
    heading = program_heading(line("具体的な施策 創業者支援", 60.0))
    assert heading is not None and heading.text == "創業者支援"
    assert program_heading(line("基本的方向の数値目標", 60.0)) is None  # about the label
    assert program_heading(line("個別施策 E1-1 都市の防災機能向上を図ります", 60.0)) is None
    assert program_heading(line("事業評価調書", 60.0)) is None  # a short label opens words


def test_an_enumerated_sentence_names_no_program() -> None:
    printed = "① 生産年齢人口の層と幅を増やすために、森町で働き続けられる雇用の確保・創出を支援する"
    assert program_heading(line(printed, 60.0)) is None


def test_section_headings_and_prose_name_no_program() -> None:
    assert program_heading(line("(1) 事業内容", 80.0)) is None
    assert program_heading(line("(2) 重要業績評価指標(KPI)", 100.0)) is None
    assert program_heading(line("本市では移住の相談窓口を設けている。", 120.0)) is None


def _table(page: int, top: float) -> Table:
    box = (40.0, top, 300.0, top + 40.0)
    return Table(page, box, [40.0, 300.0], [top, top + 40.0], [Cell(0, 0, box)], "ruled")


def test_the_nearest_program_heading_above_the_table_on_its_page_or_the_one_before() -> None:
    lines = {
        1: [
            line("A 観光振興事業", 40.0),
            line("(1) 事業内容", 60.0),
            line("B 移住促進事業", 300.0),
        ],
        2: [line("(2) 重要業績評価指標(KPI)", 40.0, page=2)],
    }
    above_b = heading_above(_table(1, 350.0), lines)
    assert above_b is not None and above_b.text == "移住促進事業"
    above_a = heading_above(_table(1, 100.0), lines)
    assert above_a is not None and above_a.text == "観光振興事業"
    carried = heading_above(_table(2, 80.0), lines)
    assert carried is not None and carried.text == "移住促進事業" and carried.page == 1


def test_title_and_municipality_from_the_first_page() -> None:
    with pymupdf.open() as doc:
        page = doc.new_page()
        page.insert_text((40, 40), "令和4年度 移住促進事業の実績", fontname="japan", fontsize=12)
        page.insert_text((40, 70), "横須賀市では移住者が増えた。", fontname="japan", fontsize=10)
        layout = PageLayout(read_page(page), [])
        lines = page_lines([layout])
        assert title(lines) == "令和4年度移住促進事業の実績"
        assert municipality([layout], lines) == "横須賀市"


def _page(lines: list[tuple[str, float, float]]) -> PageLayout:
    doc = pymupdf.open()
    page = doc.new_page()
    for text, top, size in lines:
        page.insert_text((40, top), text, fontname="japan", fontsize=size)
    return PageLayout(read_page(page), [])


def test_a_word_inside_a_tables_box_but_in_none_of_its_cells_is_a_free_line() -> None:
    """A skewed scan's table, boxed upright, takes in the title's end above its top row."""
    layout = _page([("森町総合戦略の事業一覧", 56, 9), ("町全体の空き店舗数", 80, 9)])
    box = (30.0, 50.0, 400.0, 200.0)
    row = Cell(0, 0, (30.0, 62.0, 400.0, 200.0))
    layout.tables.append(Table(1, box, [30.0, 400.0], [62.0, 200.0], [row], "ocr"))
    assert [line.text for line in page_lines([layout])[1]] == ["森町総合戦略の事業一覧"]


def test_the_title_is_the_line_printed_largest_not_a_date_above_it() -> None:
    layout = _page(
        [
            ("2024年3月12日", 30, 9),
            ("トップページ > 市政情報 > 計画", 45, 9),
            ("第3次総合計画 成果指標の", 80, 16),
            ("達成状況", 100, 16),
            ("本市では、総合計画に掲げた指標を毎年度点検している。", 130, 10),
        ]
    )
    assert title(page_lines([layout])) == "第3次総合計画成果指標の達成状況"


def test_no_title_is_a_date_with_its_era_a_sentence_or_a_section_number() -> None:
    layout = _page(
        [
            ("令和6年3月12日", 30, 20),
            ("・本年度は、訓練を計画どおり実施した。", 60, 18),
            ("2 成果指標の達成状況", 90, 16),
        ]
    )
    assert title(page_lines([layout])) == "成果指標の達成状況"


def test_a_title_runs_on_over_a_short_line_and_keeps_no_label_date_or_enumerator() -> None:
    layout = _page(
        [
            ("資料3-2", 20, 9),
            ("③ 第2期総合戦略に係る令和5年度の効果検証につ", 50, 15),
            ("いて", 68, 15),
            ("本年度の検証は、外部の委員が行った。", 100, 10),
        ]
    )
    assert title(page_lines([layout])) == "第2期総合戦略に係る令和5年度の効果検証について"
    labelled = _page([("施策評価シート(令和4年度) 作成日 令和5年7月3日", 40, 14)])
    assert title(page_lines([labelled])) == "施策評価シート(令和4年度)"
    tagged = _page([("総合計画 成果指標一覧 【資料2】", 40, 14), ("統計資料", 70, 14)])
    assert title(page_lines([tagged])) == "総合計画成果指標一覧統計資料"


def test_a_bulleted_line_or_one_holding_a_sentence_is_no_title() -> None:
    layout = _page(
        [
            ("・訓練を実施した。参加者は増えているが、今後も確保が", 40, 12),
            ("課題である。", 55, 12),
        ]
    )
    assert title(page_lines([layout])) is None


def test_a_note_under_a_figure_is_no_title_and_the_section_in_charge_no_part_of_one() -> None:
    notes = _page([("出典：市民意識調査（令和4年度）", 40, 14)])
    assert title(page_lines([notes])) is None
    sheet = _page([("基本施策B2 子育てを支えます 主管課:こども政策課", 40, 14)])
    assert title(page_lines([sheet])) == "基本施策B2子育てを支えます"


def test_a_title_a_stream_table_took_in_is_its_top_row_spanning_it() -> None:
    top = "3.施策の進み具合を測る「成果指標一覧」"
    cells = [
        Cell(0, 0, (40.0, 40.0, 400.0, 60.0), 1, 3, raw=top, text=top),
        Cell(1, 0, (40.0, 60.0, 160.0, 80.0), raw="指標", text="指標"),
        Cell(1, 1, (160.0, 60.0, 280.0, 80.0), raw="現状値", text="現状値"),
        Cell(1, 2, (280.0, 60.0, 400.0, 80.0), raw="目標値", text="目標値"),
    ]
    edges = [40.0, 160.0, 280.0, 400.0]
    stream = Table(1, (40.0, 40.0, 400.0, 80.0), edges, [40.0, 60.0, 80.0], cells, "stream")
    layout = PageLayout(_page([]).page, [stream])
    assert title(titled_tables(layout)) == "3.施策の進み具合を測る「成果指標一覧」"
    ruled = dataclasses.replace(stream, strategy="ruled")
    assert title(titled_tables(PageLayout(layout.page, [ruled]))) is None


def test_a_town_no_dictionary_knows_opens_the_first_lines() -> None:
    layout = _page([("資料 3", 30, 9), ("椎葉川町総合戦略の検証", 60, 16), ("町民の声", 90, 10)])
    assert municipality([layout], page_lines([layout])) == "椎葉川町"
    residents = _page([("市民満足度調査の結果", 60, 16)])
    assert municipality([residents], page_lines([residents])) is None


def test_a_town_opening_a_quoted_plan_name_is_the_municipality() -> None:
    layout = _page([("「椎葉川町まち・ひと・しごと創生総合戦略」事業一覧", 60, 16)])
    assert municipality([layout], page_lines([layout])) == "椎葉川町"


def test_a_prefecture_is_a_municipality_too() -> None:
    layout = _page([("静岡県 総合計画の数値目標", 40, 14), ("県内の観光客数は増えた。", 70, 10)])
    assert municipality([layout], page_lines([layout])) == "静岡県"
    hokkaido = _page([("北海道の観光振興計画", 40, 14)])
    assert municipality([hokkaido], page_lines([hokkaido])) == "北海道"


def test_a_heading_about_the_figures_names_no_program() -> None:
    assert program_heading(line("8章 目標値の設定", 60.0)) is None
    assert program_heading(line("(2) 基本事業名", 60.0)) is None  # a label, not a name
    assert program_heading(line("(3) 評価指標(KPI)の一覧", 60.0)) is None
    heading = program_heading(line("2 安心して暮らせるまちづくり", 60.0))
    assert heading is not None and heading.text == "安心して暮らせるまちづくり"


@pytest.mark.parametrize(
    "printed",
    [
        "施策3 地域で支え合う福祉のまち 担当課:福祉政策課",
        "施策3 地域で支え合う福祉のまち 所管部署：保健福祉部",
        "施策3 地域で支え合う福祉のまち",
    ],
)
def test_the_office_in_charge_after_a_heading_is_not_part_of_the_program(printed: str) -> None:
    heading = program_heading(line(printed, 60.0))
    assert heading is not None and heading.text == "地域で支え合う福祉のまち"


def test_a_letter_spaced_heading_is_read_and_a_list_item_is_no_heading() -> None:
    heading = program_heading(line("基 本 目 標 Ⅰ 子 育 て の ま ち", 60.0))
    assert heading is not None and heading.text == "子育てのまち"
    assert program_heading(line("① 婚姻率：5.5‰（平成25年）→5.9‰（平成31年）", 60.0)) is None
