"""KPIs stated in labelled blocks of a plan's web page. Made-up pages, not from any report."""

import pytest

from pipeline.model import Line
from pipeline.understand.blocks import block_records
from pipeline.understand.settings import DocumentContext

CONTEXT = DocumentContext()


def lines(*texts: str) -> dict[int, list[Line]]:
    return {
        1: [Line(text, 1, (40.0, 20.0 * i, 400.0, 20.0 * i + 12)) for i, text in enumerate(texts)]
    }


def test_a_block_of_figures_reads_under_the_indicator_and_plan_named_above() -> None:
    (record,) = block_records(
        lines(
            "【計画の名称】",
            "中心市街地のにぎわい再生",
            "【計画の目標】",
            "商店街の来訪者の増加",
            "【計画の成果目標(定量的指標)】",
            "中心商店街の休日歩行者通行量を測定する。",
            "通行量(人/日)=調査地点10か所の合計",
            "【定量的指標の現況値及び目標値】",
            "8,200人(令和元年度)を9,500人(令和6年度)に増加",
        ),
        CONTEXT,
    )
    assert (record.program, record.indicator) == (
        "中心市街地のにぎわい再生",
        "中心商店街の休日歩行者通行量",
    )
    assert (record.unit, record.direction) == ("人", "up")
    assert [(f.kind, f.fy, f.value) for f in record.facts] == [
        ("baseline", 2019, 8200),
        ("target", 2024, 9500),
    ]


@pytest.mark.parametrize(
    "figures",
    [
        "45%(令和2年度) → 30%(令和7年度)",
        "45%(令和2年度)を30%(令和7年度)に削減",
    ],
)
def test_an_arrow_or_a_verb_of_less_reads_the_same(figures: str) -> None:
    (record,) = block_records(
        lines("【指標名】", "空き店舗率", "【現況値及び目標値】", figures), CONTEXT
    )
    assert [(f.kind, f.fy, f.value) for f in record.facts] == [
        ("baseline", 2020, 45),
        ("target", 2025, 30),
    ]


@pytest.mark.parametrize(
    "page",
    [
        # figures with no indicator named above them
        (
            "【計画の目標】",
            "空き店舗の解消",
            "【現況値及び目標値】",
            "12店(令和2年度)を5店(令和7年度)に減少",
        ),
        # one figure only: no baseline to start from
        ("【指標名】", "空き店舗数", "【目標値】", "5店(令和7年度)にする"),
        # a label's text that is prose, not figures
        ("【指標名】", "空き店舗数", "【計画の期間】", "令和2年度から令和7年度までの5年間"),
    ],
)
def test_no_record_without_an_indicator_and_both_figures(page: tuple[str, ...]) -> None:
    assert block_records(lines(*page), CONTEXT) == []
