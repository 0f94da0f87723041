"""Year rules: every year form the seed reports print, and forms beyond them."""

import pytest

from pipeline.text.years import (
    ERA_FIRST_YEARS,
    ERA_INITIALS,
    FiscalYear,
    find_years,
    is_year_text,
    parse_year,
    unprinted_era,
    year_spans,
)

# (text, Gregorian year, 年度, 末, month), each from a seed report's header, label or note.
SEED_YEARS = [
    ("令和5年度", 2023, True, False, None),
    ("目標とする姿(令和8年度)", 2026, True, False, None),
    ("明星大学(～R5)", 2023, False, False, None),
    ("都立五日市高校(R6～)", 2024, False, False, None),
    ("令和6年8月1日から", 2024, False, False, 8),
    ("ＫＰＩ（令和２年度末）", 2020, True, True, None),
    ("※H28当初値", 2016, False, False, None),
    ("平成28年度から実施", 2016, True, False, None),
    ("令和2年5月以降", 2020, False, False, 5),
    ("※実績(下線部)は令和3年2月末時点", 2021, False, True, 2),
    ("令和３年３月２９日(月)", 2021, False, False, 3),
    ("【令和2年度 進捗状況】", 2020, True, False, None),
    ("令和3年10月", 2021, False, False, 10),
    ("平成27年国勢調査", 2015, False, False, None),
    ("平成30年4月以降", 2018, False, False, 4),
    ("令和元年経済センサス-基礎調査", 2019, False, False, None),
    ("2020農林業センサス", 2020, False, False, None),
    ("平成27年RESAS", 2015, False, False, None),
    ("R 2", 2020, False, False, None),
    ("R3.3 事業構想の策定", 2021, False, False, 3),
    ("R4.1 事業パートナーの選定", 2022, False, False, 1),
    ("R2\n予算額", 2020, False, False, None),
    ("R2\n実績値", 2020, False, False, None),
    ("2030年以降", 2030, False, False, None),
    ("【令和元年度開\n始】", 2019, True, False, None),
    (" 平成30年度～\n令和２年度", 2018, True, False, None),
]

# Forms the seeds do not print: other eras, initials, numerals and boundaries.
OTHER_YEARS = [
    ("令和元年度", 2019, True, False, None),
    ("平成31年度", 2019, True, False, None),
    ("平成元年", 1989, False, False, None),
    ("昭和64年", 1989, False, False, None),
    ("昭和50年度", 1975, True, False, None),
    ("大正15年", 1926, False, False, None),
    ("平成32年度目標", 2020, True, False, None),
    ("H30年度末", 2018, True, True, None),
    ("H30", 2018, False, False, None),
    ("H.30", 2018, False, False, None),
    ("R.2", 2020, False, False, None),
    ("R2年度", 2020, True, False, None),
    ("R元年度", 2019, True, False, None),
    ("Ｒ２", 2020, False, False, None),
    ("Ｈ２６", 2014, False, False, None),
    ("S50", 1975, False, False, None),
    ("令和二年度", 2020, True, False, None),
    ("平成三十一年", 2019, False, False, None),
    ("令和 2 年度", 2020, True, False, None),
    ("令和2年度末時点", 2020, True, True, None),
    ("２０２０年度", 2020, True, False, None),
    ("2020年度末", 2020, True, True, None),
    ("FY2020", 2020, True, False, None),
    ("FY 2021目標", 2021, True, False, None),
    ("1999年", 1999, False, False, None),
    ("令和5年3月31日現在", 2023, False, False, 3),
    # one year printed in both calendars, the other in brackets
    ("令和8(2026)年度までに", 2026, True, False, None),
    ("平成２９（２０１７）年度末", 2017, True, True, None),
    ("2027(令和9)年度の目標", 2027, True, False, None),
    ("R6(2024)年4月", 2024, False, False, 4),
]


@pytest.mark.parametrize(("text", "year", "fiscal", "end", "month"), SEED_YEARS + OTHER_YEARS)
def test_parse_year(text: str, year: int, fiscal: bool, end: bool, month: int | None) -> None:
    found = parse_year(text)
    assert found is not None
    assert (found.year, found.fiscal, found.end_of_period, found.month) == (
        year,
        fiscal,
        end,
        month,
    )


@pytest.mark.parametrize(
    ("text", "era"),
    [
        ("R2", "令和"),
        ("H30年度末", "平成"),
        ("S50", "昭和"),
        ("大正15年", "大正"),
        ("2020年度", None),
        ("2020(令和2)年度", "令和"),
    ],
)
def test_era_named_by_kanji(text: str, era: str | None) -> None:
    found = parse_year(text)
    assert found is not None
    assert found.era == era


@pytest.mark.parametrize(
    ("text", "matched"),
    [
        ("ＫＰＩ（令和２年度末）", "令和2年度末"),
        ("R 2", "R 2"),
        ("2020農林業センサス", "2020"),
        ("R3.3 事業構想", "R3.3"),
    ],
)
def test_text_is_the_folded_match(text: str, matched: str) -> None:
    found = parse_year(text)
    assert found is not None
    assert found.text == matched


@pytest.mark.parametrize(
    ("text", "fy"),
    [
        # 年度 and plain years are their own fiscal year
        ("令和2年度", 2020),
        ("平成27年国勢調査", 2015),
        ("R2", 2020),
        # January to March belong to the fiscal year that began the April before
        ("令和3年2月末時点", 2020),
        ("令和３年３月２９日", 2020),
        ("R3.3", 2020),
        ("令和3年4月1日", 2021),
        ("令和3年10月", 2021),
        ("令和2年度3月", 2020),
    ],
)
def test_fy(text: str, fy: int) -> None:
    found = parse_year(text)
    assert found is not None
    assert found.fy == fy


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("(平成30年度～令和9年度)", [2018, 2027]),
        ("H26：4,795　⇒　R1：5,679", [2014, 2019]),
        ("H28当初値\n（H26経済センサス基礎調査）", [2016, 2014]),
        ("明星大学(～R5)や都立五日市高校(R6～)", [2023, 2024]),
        ("令和５年度～令和８年度", [2023, 2026]),
        ("平成31年4月～令和元年5月", [2019, 2019]),
        ("令和4(2022)年度から令和8(2026)年度まで", [2022, 2026]),
        ("2018(平成30)年度比", [2018]),
        ("市内就業者数", []),
    ],
)
def test_find_years_in_reading_order(text: str, years: list[int]) -> None:
    assert [found.year for found in find_years(text)] == years


@pytest.mark.parametrize(
    "text",
    [
        # values and counts, not years
        "1,117,438 人",
        "12,020人",
        "1,695",
        "18,729",
        "2020.5",
        "12020",
        "3000",
        # Latin words and codes with digits
        "SDGs",
        "Society5.0",
        "PPP/PFI",
        "H2O",
        "R123",
        "SPC",
        "PS5",
        "T2",
        "M3",
        # an era's name without a year
        "昭和町",
        "令和の時代",
        "",
    ],
)
def test_no_year(text: str) -> None:
    assert parse_year(text) is None


def test_eras_come_from_the_library_with_their_first_years() -> None:
    assert ERA_FIRST_YEARS["令和"] == 2019
    assert ERA_FIRST_YEARS["平成"] == 1989
    assert ERA_FIRST_YEARS["昭和"] == 1926
    assert ERA_FIRST_YEARS["明治"] == 1868
    assert ERA_INITIALS == {"S": "昭和", "H": "平成", "R": "令和"}


def test_fiscal_year_is_a_plain_value() -> None:
    first = parse_year("令和２年度末")
    assert first == FiscalYear(
        year=2020, fiscal=True, end_of_period=True, month=None, era="令和", text="令和2年度末"
    )


@pytest.mark.parametrize(
    ("text", "is_year"),
    [
        ("28年", True),
        ("令和3年度", True),
        ("2021年", True),
        ("H30", True),
        ("5年間", False),
        ("28年 推計", False),
        ("120人", False),
    ],
)
def test_a_text_that_is_one_year_with_or_without_its_era(text: str, is_year: bool) -> None:
    assert is_year_text(text) is is_year


def test_a_text_read_again_gives_its_years_whatever_was_done_with_the_first_list() -> None:
    first = find_years("平成29年度～令和8年度")
    first.clear()
    assert [year.year for year in find_years("平成29年度～令和8年度")] == [2017, 2026]


@pytest.mark.parametrize(
    ("texts", "this_year", "era"),
    [
        (["基準値 18年度", "実績 21年度", "目標 33年度"], 2026, "平成"),
        (["現状(3年度)", "目標(12年度)"], 2026, "令和"),
        (["3年度", "5年度", "40年度"], 2026, "令和"),  # most years have come under 令和
        (["目標 3年間で20件"], 2026, None),  # a duration states no year
        ([], 2026, None),
    ],
)
def test_a_document_printing_no_era_reads_its_years_in_the_era_most_of_them_have_come(
    texts: list[str], this_year: int, era: str | None
) -> None:
    assert unprinted_era(texts, this_year) == era


def test_each_year_is_placed_where_it_is_printed_a_year_printed_twice_twice() -> None:
    text = "令和3年度(412人)を上回り、令和3年度(398人)に並んだ"
    years = find_years(text)
    assert [text[start:end] for start, end in year_spans(text, years)] == ["令和3年度"] * 2
    assert [start for start, _ in year_spans(text, years)] == [0, text.rindex("令和3年度")]
