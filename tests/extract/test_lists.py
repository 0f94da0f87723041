"""Summary-list items read as KPIs: `name：baseline（year）→ target（year）`. Made-up items."""

import pytest

from pipeline.model import Line
from pipeline.understand.lists import list_item, list_records
from pipeline.understand.settings import DocumentContext

Facts = list[tuple[str, int | None, float, bool]]


def line(text: str, top: float = 100.0) -> Line:
    return Line(text, 1, (40.0, top, 400.0, top + 10.0))


@pytest.mark.parametrize(
    ("text", "indicator", "unit", "facts"),
    [
        (
            "・図書館の来館者数：12.5万人（2018年度）→15万人（2025年度）",
            "図書館の来館者数",
            "人",
            [("baseline", 2018, 125000, False), ("target", 2025, 150000, False)],
        ),
        (
            "③ 移住相談件数：80 件（令和元年度）→ 120 件（令和7年度）",
            "移住相談件数",
            "件",
            [("baseline", 2019, 80, False), ("target", 2025, 120, False)],
        ),
        (
            "新規就業者数： ― → 30 人/年",
            "新規就業者数",
            "人/年",
            [("target", None, 30, False)],
        ),
        (
            "● 植樹本数：1,200本（2016～2020年累計）→3,000本（2021～2025年累計）",
            "植樹本数",
            "本",
            [("baseline", 2020, 1200, True), ("target", 2025, 3000, True)],
        ),
    ],
)
def test_a_list_item_states_its_baseline_and_target(
    text: str, indicator: str, unit: str, facts: Facts
) -> None:
    item = list_item(line(text), DocumentContext())
    assert item is not None
    assert (item.indicator, item.unit) == (indicator, unit)
    assert [(f.kind, f.fy, f.value, bool(f.cumulative)) for f in item.facts] == facts


@pytest.mark.parametrize(
    ("text", "indicator", "facts"),
    [
        # Boxes set apart by space, a label before the name, no colon.
        (
            "成果指標　空き家の成約件数　12件 ➡ 30件",
            "空き家の成約件数",
            [("baseline", 12), ("target", 30)],
        ),
        # A side printed as a word is a text fact.
        (
            "目標指標 地域食堂の設置数 なし → 5か所",
            "地域食堂の設置数",
            [("baseline", "なし"), ("target", 5)],
        ),
    ],
)
def test_a_list_item_may_set_its_name_apart_by_space(
    text: str, indicator: str, facts: list[tuple[str, float | str]]
) -> None:
    item = list_item(line(text), DocumentContext())
    assert item is not None and item.indicator == indicator
    assert [(f.kind, f.value if f.value is not None else f.text) for f in item.facts] == facts


@pytest.mark.parametrize(
    "text",
    [
        "令和3年度から令和7年度までの5か年の計画です。",  # prose, no arrow
        "1月28日(木)に委員会で最終案が示されました。",  # a date
        "申請の流れ：受付 → 審査 → 交付",  # an arrow between words
        "参加者数：120人",  # no arrow: a value, not a baseline and a target
    ],
)
def test_other_lines_are_no_list_item(text: str) -> None:
    assert list_item(line(text), DocumentContext()) is None


def test_items_take_the_program_heading_above_them() -> None:
    lines = {
        1: [
            line("(1) 観光の振興", 80.0),
            line("① 観光入込客数：210万人 → 250万人", 100.0),
            line("(2) 農業の振興", 120.0),
            line("② 新規就農者数：3人 → 8人", 140.0),
        ]
    }
    records = list_records(lines, DocumentContext())
    assert [(r.program, r.indicator) for r in records] == [
        ("観光の振興", "観光入込客数"),
        ("農業の振興", "新規就農者数"),
    ]


def test_an_item_wrapped_inside_its_brackets_reads_as_one() -> None:
    lines = [
        line("・図書館の利用に満足している市民の割合：61.2%（2021", 100.0),
        line("年度）→70.0%（2027年度）", 112.0),
        line("・図書館の年間貸出冊数：84万冊（2021年度）→90万冊（2027年度）", 124.0),
    ]
    records = list_records({1: lines}, DocumentContext())
    assert [record.indicator for record in records] == [
        "図書館の利用に満足している市民の割合",
        "図書館の年間貸出冊数",
    ]
    assert [(f.kind, f.fy, f.value) for f in records[0].facts] == [
        ("baseline", 2021, 61.2),
        ("target", 2027, 70.0),
    ]
