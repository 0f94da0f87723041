"""Targets a table cell states in a sentence (a column saying why a target was set): what is
aimed at is the target, a number or its words; visions and reasons give nothing. Made-up
sentences and tables."""

import pytest
from grids import grid_table, run_of

from pipeline.text import Quantity
from pipeline.understand.aims import stated_aims
from pipeline.understand.header_map import map_column
from pipeline.understand.reading import read_table
from pipeline.understand.rows import row_records
from pipeline.understand.settings import DocumentContext

CONTEXT = DocumentContext(era="令和")


def aims(text: str) -> list[tuple[object, int | None]]:
    return [
        ((a.value.value, a.value.unit) if isinstance(a.value, Quantity) else a.value, a.fy)
        for a in stated_aims(text, CONTEXT)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("利用者の増加を図るため、令和8年度時点で1万5千人を目指す", [((15000, "人"), 2026)]),
        ("計画の最終年度に80%の達成を目指します", [((80, "%"), None)]),
        ("令和9年度までに2,400件を目標とする", [((2400, "件"), 2027)]),
        ("約300人以上を目指す", [((300, "人"), None)]),
        # no number of its own, or one counted from another figure: its words (rule 11)
        ("事業所が減少する中でも、支援を強め事業所数の維持を目指す", [("事業所数の維持", None)]),
        ("令和7年度までに現状値以上を目指す", [("現状値以上", 2025)]),
        ("基準年の来場者数から+15%を目指す", [("基準年の来場者数から+15%", None)]),
        (
            "R2時点の第1,2号施設の稼働率の維持を目指す",
            [("R2時点の第1,2号施設の稼働率の維持", None)],
        ),
        # a vision or a reason is no target
        ("誰もが安心して暮らせるまちを目指す", []),
        ("子育て世代の定住を促進するため、指標として設定した", []),
        ("市民の満足度を確認できる", []),
    ],
)
def test_what_a_cell_aims_at(text: str, expected: list[tuple[object, int | None]]) -> None:
    assert aims(text) == expected


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("目標値の設定理由", "reason"),
        ("②目標設定の考え方", "reason"),
        ("目標値とした理由", "reason"),
        ("目標値", "target"),  # a value in words under 目標値 is a value, not a reason
    ],
)
def test_a_column_saying_why_a_target_was_set(header: str, field: str) -> None:
    values = ["令和7年度までに現状値の維持を目指す。", "現状値を維持"]
    values = values[:1] if field == "reason" else values[1:]
    assert map_column(header, values, CONTEXT).field == field


def test_a_target_column_is_never_a_reason_whatever_its_cells_say() -> None:
    values = ["現状の水準を維持しつつ、さらなる利用者の増加を目指して取り組む"]
    assert map_column("目標値", values, CONTEXT).field != "reason"


def test_a_reason_column_gives_the_target_the_table_prints_nowhere_else() -> None:
    table = grid_table(
        [
            ["指標名", "指標の意味", "目標値の設定理由", "比較可能な参考値"],
            ["図書貸出冊数", "読書の習慣を確認できる", "令和9年度に12万冊を目指す", "98,000冊"],
            ["来館者数", "施設の魅力を確認できる", "来館者数の維持を目指す", "54,210人"],
            ["相談件数", "支援の浸透を確認できる", "相談体制の充実を図るため", "1,020件"],
        ]
    )
    records = row_records(read_table(run_of(table), CONTEXT), None)
    facts = {
        r.indicator: [(f.kind, f.fy, f.value if f.text is None else f.text) for f in r.facts]
        for r in records
    }
    assert facts == {
        "図書貸出冊数": [("target", 2027, 120000)],
        "来館者数": [("target", None, "来館者数の維持")],
    }
    assert all(0 < (f.confidence or 0) < 1 for r in records for f in r.facts)


def test_a_target_printed_in_its_column_is_not_read_again_from_the_reason() -> None:
    table = grid_table(
        [
            ["指標名", "目標値(R9)", "目標値の設定理由"],
            ["図書貸出冊数", "120,000冊", "現状から2割増となる12万冊を目指す"],
        ]
    )
    (record,) = row_records(read_table(run_of(table), CONTEXT), None)
    assert [(f.kind, f.fy, f.value) for f in record.facts] == [("target", 2027, 120000)]
