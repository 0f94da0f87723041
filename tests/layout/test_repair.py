"""One test table per repair kind: cases from the reports' garbling and cases made up here."""

import pytest

from pipeline.repair import header_paths, join_across_border, repair_numbers


@pytest.mark.parametrize(
    ("broken", "repaired"),
    [
        ("134, 280 円", "134,280 円"),
        ("1, 117, 438 人", "1,117,438 人"),
        ("74. 3%", "74.3%"),
        ("(-4, 656)", "(-4,656)"),
        ("5000\n,", "5,000"),
        ("(+10, 000, 000)", "(+10,000,000)"),
        # made up: the same faults in other numbers
        ("2, 500, 000 千円", "2,500,000 千円"),
        ("12. 75 ha", "12.75 ha"),
        ("250000\n,", "250,000"),
        # left alone: a list, a sentence end, a two-digit group, clean numbers
        ("1, 2, 3", "1, 2, 3"),
        ("達成した。 2件", "達成した。 2件"),
        ("10, 20 人", "10, 20 人"),
        ("1,072,438 人", "1,072,438 人"),
        ("12,672 人", "12,672 人"),
    ],
)
def test_repair_numbers(broken: str, repaired: str) -> None:
    assert repair_numbers(broken) == repaired


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("きららガラス", "ス未来館の来", "きららガラス未来館の来"),
        ("現在のところ", "達成できてな", "現在のところ達成できてな"),
        # made up: a two-character overlap, and none
        ("市民交流セン", "センター利用者数", "市民交流センター利用者数"),
        ("参加者", "数", "参加者数"),
        ("", "数", "数"),
    ],
)
def test_join_across_border(left: str, right: str, joined: str) -> None:
    assert join_across_border(left, right) == joined


def test_header_paths_from_two_level_header() -> None:
    rows = [
        ["方向性", "令和3年度", "令和5年度", "令和5年度", "令和5年度"],
        ["方向性", "実績値", "年間目標", "実績", "評価"],
    ]
    assert header_paths(rows) == [
        "方向性",
        "令和3年度 / 実績値",
        "令和5年度 / 年間目標",
        "令和5年度 / 実績",
        "令和5年度 / 評価",
    ]


def test_header_paths_skip_empty_slots() -> None:
    assert header_paths([["", "2024"], ["item", "plan"]]) == ["item", "2024 / plan"]
