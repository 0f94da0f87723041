"""One test table per repair kind: cases from the reports' garbling and cases made up here."""

import pytest

from pipeline.layout.repair.cells import (
    column_unit,
    join_across_border,
    repair_era,
    repair_split_i,
    repair_voicing,
    resolve_unit,
    snap_label,
    unit_likeness,
)
from pipeline.text.normalize import join_wrapped_lines
from pipeline.text.numbers import repair_numbers
from pipeline.text.tokens import is_common_word, is_word
from pipeline.text.vocabulary import header_fields, known_units
from pipeline.text.years import ERA_FIRST_YEARS
from pipeline.understand.reading import header_paths


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


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        # a Japanese word wrapped mid-word: no space is invented
        (["ビジネスによ", "る創業支援"], "ビジネスによる創業支援"),
        (["新型コロナウイルス感染症の", "影響により"], "新型コロナウイルス感染症の影響により"),
        # Latin words keep one space; Latin beside Japanese none
        (["PPP / PFI", "導入可能性"], "PPP / PFI導入可能性"),
        (["annual", "visitors"], "annual visitors"),
        # a number or bracket broken at the line end continues with no space
        (["1,075,", "000件"], "1,075,000件"),
        (["(", "+5)"], "(+5)"),
        (["10.0%", "(+5.5)"], "10.0% (+5.5)"),
        (["12 件", ")"], "12件)"),
        (["産業振興課(保育課)", "(政策課)"], "産業振興課(保育課)(政策課)"),
        # blank lines are dropped
        (["", "目標", "  "], "目標"),
        ([], ""),
    ],
)
def test_join_wrapped_lines(lines: list[str], joined: str) -> None:
    assert join_wrapped_lines(lines) == joined


UNITS = known_units()


def test_units_list_is_read_from_models() -> None:
    assert {"人", "件", "事業体", "千円", "ha"} <= UNITS
    assert not any(unit.startswith("#") for unit in UNITS)


@pytest.mark.parametrize(
    ("line", "column", "resolved"),
    [
        # the report's misreading of 事業体: no character shared, same length
        ("1 争未件", "事業体", "1 事業体"),
        # made up: other misreadings of a column's unit
        ("35 伴", "件", "35 件"),
        ("100 入", "人", "100 人"),
        ("4 事業新", "事業所", "4 事業所"),
        # left alone: a known unit, a unit unlike the column's, no column unit, prose
        ("3 台", "件", "3 台"),
        ("2 ヘクタール", "件", "2 ヘクタール"),
        ("1 争未件", None, "1 争未件"),
        ("現在のところ達成", "件", "現在のところ達成"),
    ],
)
def test_resolve_unit(line: str, column: str | None, resolved: str) -> None:
    assert resolve_unit(line, column, UNITS) == resolved


def test_unit_likeness_weighs_shared_characters_and_length() -> None:
    assert unit_likeness("事業新", "事業所") > unit_likeness("争未件", "事業体") >= 0.5
    assert unit_likeness("ヘクタール", "件") < 0.5


@pytest.mark.parametrize(
    ("units", "column"),
    [
        (["事業体", "事業体", "争未件"], "事業体"),
        (["件", "件", "件", "伴"], "件"),
        # one indicator per row: the column mixes units, so it speaks none
        (["件", "人", "%", "回"], None),
        (["争未件", "争未件", "事業体"], None),
        ([], None),
    ],
)
def test_column_unit(units: list[str], column: str | None) -> None:
    assert column_unit(units, UNITS) == column


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        # OCR's misreadings of 令和 seen on a scanned report
        ("信和5年度", "令和5年度"),
        ("目標とする姿(今和8年度)", "目標とする姿(令和8年度)"),
        ("念和4年度に導入した", "令和4年度に導入した"),
        # made up: other eras, 元年, and the latest era of two one character away
        ("平戍30年度", "平成30年度"),
        ("昭利60年", "昭和60年"),
        ("合和元年度", "令和元年度"),
        # left alone: eras read right, common words before a year count, no year
        ("令和3年度", "令和3年度"),
        ("平成元年", "平成元年"),
        ("平均3年間", "平均3年間"),
        ("毎年度", "毎年度"),
        ("信和会の活動", "信和会の活動"),
    ],
)
def test_repair_era(read: str, meant: str) -> None:
    assert repair_era(read, ERA_FIRST_YEARS, is_common_word) == meant


LABELS = header_fields().keys()


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("実針", "実績"),  # seen on a scanned report
        # made up
        ("目際", "目標"),
        ("従前伯", "従前値"),
        ("達成伏況", "達成状況"),
        # left alone: lexicon words, dictionary words, long text, one letter
        ("実績", "実績"),
        ("実施", "実施"),
        ("来館者数", "来館者数"),
        ("市民の参加者数を増やす取組", "市民の参加者数を増やす取組"),
        ("A", "A"),
    ],
)
def test_snap_label(read: str, meant: str) -> None:
    assert snap_label(read, LABELS, is_word) == meant


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("ボイント制度", "ポイント制度"),
        ("スボーツ教室の参加者数", "スポーツ教室の参加者数"),
        ("パッテリー交換", "バッテリー交換"),
        ("ブロモーション動画", "プロモーション動画"),
        # left alone: known words, two known words a mark apart, no known word near
        ("プール利用者数", "プール利用者数"),
        ("ピル", "ピル"),
        ("ボルベリ", "ボルベリ"),
        ("テジタル化", "テジタル化"),
    ],
)
def test_repair_voicing(read: str, meant: str) -> None:
    assert repair_voicing(read, is_word) == meant


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("まだ少なし1。", "まだ少ない。"),
        ("予定はなし1", "予定はない"),
        ("うれしし|」と", "うれしい」と"),
        ("見込めなしl、", "見込めない、"),
        # left alone: numbers with a unit, going on, or not after a kana
        ("該当なし1件", "該当なし1件"),
        ("推進し1,000人", "推進し1,000人"),
        ("第1回", "第1回"),
        ("R1。", "R1。"),
    ],
)
def test_repair_split_i(read: str, meant: str) -> None:
    assert repair_split_i(read) == meant


def test_header_lexicon_lists_each_word_with_its_fields() -> None:
    fields = header_fields()
    assert fields["実績値"] == ("actual",)
    assert fields["KPI"] == ("indicator", "target")  # in the order listed: ties read the first
    assert all(names for names in fields.values())
