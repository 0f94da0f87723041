"""Value cells read as the contract reads them: one table per rule, seed cells and made-up ones."""

from collections.abc import Collection
from pathlib import Path

import pytest

from pipeline.text.quantities import (
    Quantity,
    Wording,
    is_missing,
    is_printed_unit,
    parse_cell,
    value_marks,
)
from pipeline.text.vocabulary import known_units

UNITS = known_units()

# (cell as printed, value, unit): value cells of the seed reports, garbling included.
SEED_VALUES = [
    ("0 円", 0, "円"),
    ("10,000,000円", 10000000, "円"),
    ("134, 280 円", 134280, "円"),
    ("12,672 人", 12672, "人"),
    ("8,016人", 8016, "人"),
    ("0個", 0, "個"),
    ("33 個", 33, "個"),
    ("0 件", 0, "件"),
    ("1,072,438 人", 1072438, "人"),
    ("1, 117, 438 人", 1117438, "人"),
    ("1, 149, 438 人", 1149438, "人"),
    ("0 事業体", 0, "事業体"),
    ("1 事業体", 1, "事業体"),
    ("-65 人", -65, "人"),
    ("-339 人", -339, "人"),
    ("4.5%", 4.5, "%"),
    ("74. 3%", 74.3, "%"),
    ("10.0%", 10.0, "%"),
    ("0", 0, None),
    ("5,000", 5000, None),
    ("18,729", 18729, None),
    ("10人", 10, "人"),
    ("27,000部", 27000, "部"),
    ("37講座", 37, "講座"),
    ("102店", 102, "店"),
    ("87件", 87, "件"),
    ("1回", 1, "回"),
    ("175件", 175, "件"),
    ("4,368事業所", 4368, "事業所"),
    ("20.0%", 20.0, "%"),
    ("280戸", 280, "戸"),
    ("44", 44, None),
    ("176ha", 176, "ha"),
]

# Made up: the same rules on values the seeds do not print.
OTHER_VALUES = [
    ("１２，６７２人", 12672, "人"),
    ("1,117,438 人", 1117438, "人"),
    ("△1,200", -1200, None),
    ("▲0.5ポイント", -0.5, "ポイント"),
    ("△ 5", -5, None),
    ("−5", -5, None),
    ("－5件", -5, "件"),
    ("+5", 5, None),
    ("12.5%", 12.5, "%"),
    ("12.5 %", 12.5, "%"),
    ("12.5％", 12.5, "%"),
    ("191 ha", 191, "ha"),
    ("2.5 pt", 2.5, "pt"),
    ("13名", 13, "名"),
    ("30人日", 30, "人日"),
    ("5,000千円", 5000, "千円"),
    ("5,000 千円", 5000, "千円"),
    ("1,200万円", 1200, "万円"),
    ("3百万円", 3, "百万円"),
    ("2億円", 2, "億円"),
    # 万 / 千 in prose: a multiplier, not a unit
    ("1万2600回", 12600, "回"),
    ("1万5千人", 15000, "人"),
    ("3.5万人", 35000, "人"),
    ("2万部", 20000, "部"),
    ("1万5千円", 15000, "円"),
    ("5千万円", 5000, "万円"),
    ("2億3000万人", 230000000, "人"),
    # a unit no list knows, kept as printed for the layout stage to resolve
    ("1 争未件", 1, "争未件"),
    ("3 ユニット", 3, "ユニット"),
]


def parse_quantity(text: str, units: Collection[str]) -> Quantity | None:
    """The first number a cell prints, or None for a dash, a blank or words."""
    return next((value for value in parse_cell(text, units) if isinstance(value, Quantity)), None)


@pytest.mark.parametrize(("text", "value", "unit"), SEED_VALUES + OTHER_VALUES)
def test_value_and_unit(text: str, value: float, unit: str | None) -> None:
    quantity = parse_quantity(text, UNITS)
    assert quantity is not None
    assert (quantity.value, quantity.unit) == (value, unit)
    assert not quantity.difference


@pytest.mark.parametrize(
    ("text", "value", "estimated", "cumulative"),
    [
        # seeds
        ("累計 445,000件", 445000, False, True),
        ("累計 466,467件", 466467, False, True),
        # made up
        ("100人（推計）", 100, True, False),
        ("100人(推計値)", 100, True, False),
        ("推 18,729", 18729, True, False),
        ("推:18,729", 18729, True, False),
        ("18,729推", 18729, True, False),
        ("120件見込", 120, True, False),
        ("120件(見込み)", 120, True, False),
        ("見込み 120件", 120, True, False),
        ("累計270人", 270, False, True),
        ("270人(累計)", 270, False, True),
        ("（見込）累計 1,200件", 1200, True, True),
    ],
)
def test_marks(text: str, value: int, estimated: bool, cumulative: bool) -> None:
    quantity = parse_quantity(text, UNITS)
    assert quantity is not None
    assert (quantity.value, quantity.estimated, quantity.cumulative) == (
        value,
        estimated,
        cumulative,
    )


@pytest.mark.parametrize(
    ("text", "mark"),
    [("120件(速報値)", "preliminary"), ("速報 120件", "preliminary"), ("約46%", "approximate")],
)
def test_marks_beyond_the_contract_are_kept(text: str, mark: str) -> None:
    quantity = parse_quantity(text, UNITS)
    assert quantity is not None
    assert quantity.marks == {mark}
    assert not quantity.estimated


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # seeds: the rows of differences from the year before
        ("(+0)", 0),
        ("(-4, 656)", -4656),
        ("(+10, 000, 000)", 10000000),
        ("(+134, 280)", 134280),
        ("(+5.5)", 5.5),
        ("(-0.9)", -0.9),
        ("(33)", 33),
        # made up
        ("（＋５）", 5),
        ("(△1,200)", -1200),
        ("(+5) 件", 5),
    ],
)
def test_bracketed_difference(text: str, value: float) -> None:
    quantity = parse_quantity(text, UNITS)
    assert quantity is not None
    assert (quantity.value, quantity.difference) == (value, True)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # rule 5: the year's value and the running total
        ("70人　（累計270人）", [(70, False), (270, True)]),
        ("27人  （累計149人）", [(27, False), (149, True)]),
        ("1,000件\n(累計 5,000件)", [(1000, False), (5000, True)]),
        # the running total and, in brackets, the part one year gave
        ("1,240件(累計)(うち令和4年度 310件)", [(1240, True), (310, False)]),
    ],
)
def test_value_and_cumulative(text: str, values: list[tuple[int, bool]]) -> None:
    found = parse_cell(text, UNITS)
    assert [(q.value, q.cumulative) for q in found if isinstance(q, Quantity)] == values


@pytest.mark.parametrize(
    ("text", "value", "difference"),
    [("12,672 人\n(+0)", 12672, 0), ("739,034 人\n(-333, 404)", 739034, -333404)],
)
def test_value_then_difference(text: str, value: int, difference: int) -> None:
    found = parse_cell(text, UNITS)
    assert found == [
        Quantity(value, "人", found[0].text),
        Quantity(difference, None, found[1].text, difference=True),
    ]


@pytest.mark.parametrize(
    ("text", "value", "note"),
    [
        ("82,716人 (平成27年国勢調査)", 82716, "平成27年国勢調査"),
        ("18.9% (平成26年経済センサス-基礎調査)", 18.9, "平成26年経済センサス-基礎調査"),
        ("5,830事業所 (令和元年経済センサス-基礎調査)", 5830, "令和元年経済センサス-基礎調査"),
        ("273戸 (2020農林業センサス)", 273, "2020農林業センサス"),
        ("79.3% (平成27年RESAS)", 79.3, "平成27年RESAS"),
        ("1,695 (平成28年経済センサス-活動調査)", 1695, "平成28年経済センサス-活動調査"),
        ("13 (平成28年度)", 13, "平成28年度"),
        # made up: a bare year in brackets is a note, not a difference
        ("100件 (2020年)", 100, "2020年"),
        ("4,238事業所 (H26経済センサス (基礎調査))", 4238, "H26経済センサス(基礎調査)"),
    ],
)
def test_bracketed_note_kept(text: str, value: float, note: str) -> None:
    quantity = parse_quantity(text, UNITS)
    assert quantity is not None
    assert (quantity.value, quantity.notes, quantity.difference) == (value, (note,), False)


def test_two_values_in_one_cell() -> None:
    """The seed's `1 事業体` over its OCR'd repeat `1 争未件`: both read, the caller chooses."""
    found = parse_cell("1 事業体\n1 争未件", UNITS)
    assert [(q.value, q.unit) for q in found if isinstance(q, Quantity)] == [
        (1, "事業体"),
        (1, "争未件"),
    ]


MISSING = [
    # seeds
    "-",
    "－",
    "—",
    "―",
    "",
    "- - -",
    "_",
    # made up
    "ー",
    "‐",
    "−",
    "…",
    "...",
    "　",
    "\n",
    "未集計",
    "集計中",
    "(未集計)",
]


@pytest.mark.parametrize("text", MISSING)
def test_missing_gives_no_value(text: str) -> None:
    assert parse_cell(text, UNITS) == []
    assert parse_quantity(text, UNITS) is None


@pytest.mark.parametrize("text", ["-", "－", "—", "", "未集計", "ー"])
def test_is_missing(text: str) -> None:
    assert is_missing(text)


@pytest.mark.parametrize("text", ["0", "-5", "現状以上", "A", "〜", "未集計(+5)"])
def test_is_not_missing(text: str) -> None:
    assert not is_missing(text)


@pytest.mark.parametrize(
    ("text", "wording"),
    [
        # seeds: targets in words, progress and grades
        ("現状以上", "現状以上"),
        ("順調", "順調"),
        ("概ね\n順調", "概ね順調"),
        ("やや\n遅れ", "やや遅れ"),
        ("Ｄ", "D"),
        ("A", "A"),
        # made up
        ("増加", "増加"),
        ("維持", "維持"),
        ("現状値以上", "現状値以上"),
        ("◎", "◎"),
        ("△", "△"),
        ("2回開催", "2回開催"),
        ("1~2回", "1~2回"),
        ("1-2回", "1-2回"),
        ("3-1-1", "3-1-1"),
        ("R2", "R2"),
    ],
)
def test_words_are_a_text_value(text: str, wording: str) -> None:
    assert parse_cell(text, UNITS) == [Wording(wording)]
    assert parse_quantity(text, UNITS) is None


def test_longest_known_unit_wins() -> None:
    quantity = parse_quantity("30人日", UNITS)
    assert quantity is not None
    assert quantity.unit == "人日"


def test_units_are_the_callers() -> None:
    """With 千円 unknown, 5千円 is 5000 円: the multiplier reads as a number."""
    quantity = parse_quantity("5千円", {"円"})
    assert quantity is not None
    assert (quantity.value, quantity.unit) == (5000, "円")


def test_every_mark_in_the_model_has_a_meaning() -> None:
    marks = value_marks()
    assert marks["推計"] == "estimated"
    assert marks["見込"] == "estimated"
    assert marks["累計"] == "cumulative"
    assert marks["未集計"] == "missing"


def test_a_mark_without_a_meaning_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "value_marks.txt"
    path.write_text("# header\n推計 estimated\n見込\n", encoding="utf-8")
    with pytest.raises(ValueError, match="見込"):
        value_marks(path)


def test_a_total_marked_nobe_is_cumulative() -> None:
    (quantity,) = parse_cell("延べ 1,250人", UNITS)
    assert isinstance(quantity, Quantity)
    assert (quantity.value, quantity.unit, quantity.cumulative) == (1250, "人", True)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("3,000人以上", 3000, "人"),
        ("25%以下", 25, "%"),
        ("1,500件超", 1500, "件"),
        ("10人未満", 10, "人"),
        ("80人程度", 80, "人"),
        ("50人前後", 50, "人"),
        ("0件を維持", 0, "件"),
        ("98.5以上", 98.5, None),
    ],
)
def test_a_qualified_number_is_its_number(text: str, value: float, unit: str | None) -> None:
    (quantity,) = parse_cell(text, UNITS)
    assert isinstance(quantity, Quantity)
    assert (quantity.value, quantity.unit) == (value, unit)


@pytest.mark.parametrize("text", ["現状以上", "現状値を維持", "基準値を上回る"])
def test_a_qualifier_with_no_number_of_its_own_is_words(text: str) -> None:
    assert parse_cell(text, UNITS) == [Wording(text)]


@pytest.mark.parametrize(
    ("text", "value", "cumulative"),
    [
        ("4年間累計1,825人", 1825, True),
        ("1年当たり415人", 415, False),
        ("5か年合計 300件", 300, True),
    ],
)
def test_a_period_before_a_number_says_what_it_counts(
    text: str, value: float, cumulative: bool
) -> None:
    (quantity,) = parse_cell(text, UNITS)
    assert isinstance(quantity, Quantity)
    assert (quantity.value, quantity.cumulative) == (value, cumulative)


def test_an_arrow_after_a_value_marks_its_movement_not_the_value() -> None:
    (quantity,) = parse_cell("3,975 ↑", UNITS)
    assert isinstance(quantity, Quantity) and quantity.value == 3975
    assert not any(isinstance(value, Quantity) for value in parse_cell("↑", UNITS))


def test_a_cell_read_again_reads_the_same_whatever_was_done_with_the_first_reading() -> None:
    first = parse_cell("40人 (累計180人)", UNITS)
    first.clear()
    assert [q.value for q in parse_cell("40人 (累計180人)", UNITS)] == [40, 180]


def test_the_units_may_be_any_collection() -> None:
    assert parse_cell("12件", ["件"]) == parse_cell("12件", frozenset({"件"}))


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("人", True),
        ("千人/年", True),
        ("協力団体", True),  # no unit the vocabulary holds, but a word under a 単位 header
        ("ｋｍ", True),
        ("12人", False),
        ("―", False),
        ("未集計", False),  # a mark that no figure is printed yet
        ("市内の協力団体の数", False),  # too long for a unit
        ("", False),
    ],
)
def test_what_a_unit_column_may_print(text: str, unit: bool) -> None:
    assert is_printed_unit(text, UNITS) == unit


def test_the_part_one_year_gave_carries_its_year_and_a_part_of_no_year_is_a_note() -> None:
    _total, part = parse_cell("812人(累計)\n(うちR5年度 96人)", UNITS)
    assert isinstance(part, Quantity) and part.note_year() == 2023 and not part.cumulative
    (whole,) = parse_cell("300人(うち市外 20人)", UNITS)
    assert isinstance(whole, Quantity) and whole.value == 300
