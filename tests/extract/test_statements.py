"""KPI statements in running prose: the marker governs the number, the noun phrase names the
indicator, the year comes from the sentence; distractors give nothing. Made-up sentences."""

import pytest

from pipeline.model import Line, Record
from pipeline.understand.settings import DocumentContext, UnderstandSettings
from pipeline.understand.statements import read_sentence, statement_records

Read = list[tuple[str, str, float, str | None, int | None]]


def read(sentence: str, era: str | None = "令和") -> Read:
    context = DocumentContext(era=era)
    return [(n, k, q.value, q.unit, fy) for n, k, q, fy in read_sentence(sentence, context)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "体験教室の参加者数の目標300人に対し、実績は352人と目標を上回った。",
            [("参加者数", "target", 300, "人", None), ("参加者数", "actual", 352, "人", None)],
        ),
        (
            "年間来館者数は、3万2千人の目標に対し、実績が2万9500人にとどまった。",
            [
                ("年間来館者数", "target", 32000, "人", None),
                ("年間来館者数", "actual", 29500, "人", None),
            ],
        ),
        (
            "令和4年度については、相談件数の目標120件は、実績131件と達成した。",
            [("相談件数", "target", 120, "件", 2022), ("相談件数", "actual", 131, "件", 2022)],
        ),
        (
            "新規登録者数は、おおむね400名程度という目標に対して415名となった。",
            [
                ("新規登録者数", "target", 400, "名", None),
                ("新規登録者数", "actual", 415, "名", None),
            ],
        ),
        # the polite turns of minutes: a noun between the number and 目標, a comma after 実績
        (
            "図書の年間貸出冊数は、45万冊というものを目標に掲げております。",
            [("年間貸出冊数", "target", 450000, "冊", None)],
        ),
        (
            "移動図書館の利用者数の目標1,500人に対しまして、実績は、1,620人となっております。",
            [
                ("利用者数", "target", 1500, "人", None),
                ("利用者数", "actual", 1620, "人", None),
            ],
        ),
        # the noun printed right before the number names it; a period word does not
        (
            "計画では、令和8年度末に世帯数4万2000世帯の維持を目標としています。",
            [("世帯数", "target", 42000, "世帯", 2026)],
        ),
        (
            "交流人口は、年間12万人の確保を目標とする。",
            [("交流人口", "target", 120000, "人", None)],
        ),
        (  # a number after 目標 is no level of the noun before the marker
            "職員健康づくり計画目標 目標2 令和9年度までに職員の健診受診率を95%にする。",
            [("職員の健診受診率", "target", 95, "%", 2027)],
        ),
        # A number aimed at (目指す) is a target; one aimed at every year from a year on
        # is that year's.
        (
            "図書館の利用者数は、令和7年度に6万5千人を目指します。",
            [("利用者数", "target", 65000, "人", 2025)],
        ),
        (
            "令和6年度より新規就農者数を毎年20人を目指す。",
            [("新規就農者数", "target", 20, "人", 2024)],
        ),
        # A level set for a year (までに…を…とする) is that year's target.
        (
            "令和9年度までに引き続き公民館の利用者数を1万2千人以上とする。",
            [("公民館の利用者数", "target", 12000, "人", 2027)],
        ),
        (
            "2030年度までに市内の空き家の件数を150件にする。",
            [("市内の空き家の件数", "target", 150, "件", 2030)],
        ),
        # ...a year in both calendars is one year; minutes spell % out and speak its point.
        (
            "本市では、令和9(2027)年度までに、男性職員の育児休業取得率を、"
            "50パーセントにする目標としております。",
            [("男性職員の育児休業取得率", "target", 50, "パーセント", 2027)],
        ),
        (
            "2026(令和8)年度までに、市民の健診受診率を62・5パーセントとしてございます。",
            [("市民の健診受診率", "target", 62.5, "パーセント", 2026)],
        ),
        # A measure named as the target (成果指標を…として…とする): each year's, no year.
        (
            "雇用促進の成果指標を、年度ごとの市内新規雇用者数として300人としております。",
            [("市内新規雇用者数", "target", 300, "人", None)],
        ),
        (
            "本計画では、数値目標を令和10年度までの観光入込客数として85万人といたします。",
            [("観光入込客数", "target", 850000, "人", 2028)],
        ),
        # the number of what a plan is to make: a target, what it counts the indicator
        (
            "毎年120人の新規の創業者と事業承継者を生み出していくという計画を立てております。",
            [("新規の創業者と事業承継者", "target", 120, "人", None)],
        ),
        (
            "令和7年度には40件の空き家の利活用を進めるという計画です。",
            [("空き家の利活用", "target", 40, "件", 2025)],
        ),
    ],
)
def test_statements(sentence: str, expected: Read) -> None:
    assert read(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "達成率は87.5%となり、前年度比5%増であった。",  # achievement rates and differences
        "委員会は令和4年10月3日午前10時に開会し、委員8名が出席した。",  # dates, times, members
        "平成20年から24年までは平均で210人であった。",  # a historical figure with no marker
        "(参考)市内の事業所数は4,800事業所である。",  # reference, no target
        "令和5年度からは、900人を目標にしていかなければならない。",  # no indicator named
        "来場者数は、前年度比5%増を目指す。",  # a relative aim
        "会議を年4回開催することを目指す。",  # a count of meetings
        "令和2年度から6年度までの5年間で1,200人を目指す。",  # no indicator named
        "委員の定数を12人とする。",  # a rule, set for no year
        "令和4年5月に策定した計画を、委員として8人としております。",  # no target named
        "3回の説明会を開いてから計画をまとめた。",  # a count before a plan, not its number
        "2つの地区の計画を比べると、12件の差がある。",  # a count of plans
    ],
)
def test_distractors_give_nothing(sentence: str) -> None:
    assert read(sentence) == []


def _records(*sentences: str) -> list[Record]:
    """The records of a page whose lines are the sentences."""
    lines = {
        1: [
            Line(text, 1, (40.0, 100.0 + 12 * i, 400.0, 110.0 + 12 * i))
            for i, text in enumerate(sentences)
        ]
    }
    return statement_records(lines, DocumentContext(era="令和"))


def _facts(*sentences: str) -> list[tuple[str, str, float, int | None]]:
    return [
        (record.indicator, fact.kind, fact.value, fact.fy)
        for record in _records(*sentences)
        for fact in record.facts
    ]


def test_sentences_pointing_back_at_an_indicator_introduced_by_name_are_about_it() -> None:
    facts = _facts(
        "例えば、「地域の清掃活動に参加した市民の割合」という成果指標があります。",
        "令和4年度の実績を市民意識調査で確かめたところ、参加者は38.5%でした。",
        "この結果は、令和4年度の目標値45.0%を下回りました。",
    )
    assert facts == [
        ("地域の清掃活動に参加した市民の割合", "actual", 38.5, 2022),
        ("地域の清掃活動に参加した市民の割合", "target", 45.0, 2022),
    ]


def test_a_finding_about_no_introduced_indicator_or_without_a_target_makes_no_record() -> None:
    assert _facts("令和4年度の実績を調べたところ、参加者は38.5%でした。") == []
    assert _facts("この結果は、令和4年度の目標値45.0%を下回りました。") == []
    assert (
        _facts(
            "「図書館の年間貸出冊数」という指標があります。",
            "令和4年度の実績を集計したところ、貸出は41万冊でした。",
        )
        == []
    )


def test_a_rank_aimed_at_names_no_indicator_by_its_scope() -> None:
    assert read("本市は観光地ランキングで全国5位以内というものを目標にしている。") == []


def test_the_years_values_read_out_after_a_target_are_its_actuals() -> None:
    facts = _facts(
        "令和8(2026)年度までに、女性委員の割合を40パーセントにする目標を掲げている。",
        "各年4月1日時点では、令和2(2020)年が、31・2パーセント。",
        "令和3(2021)年が、33・0パーセント。",
        "令和4年度は35パーセントでした。",
    )
    assert facts == [
        ("女性委員の割合", "target", 40, 2026),
        ("女性委員の割合", "actual", 31.2, 2020),
        ("女性委員の割合", "actual", 33.0, 2021),
        ("女性委員の割合", "actual", 35, 2022),
    ]


def test_a_year_s_actual_answered_in_other_words_after_a_target() -> None:
    facts = _facts(
        "◆委員 年間500人の新規の就業者を確保するという計画ですが、いかがですか。",
        "◎産業振興課長 令和4年度の実績につきましては、製造業と福祉を含めまして412人でございます。",
    )
    assert facts == [
        ("新規の就業者", "target", 500, None),
        ("新規の就業者", "actual", 412, 2022),
    ]


@pytest.mark.parametrize(
    "after",
    [
        "令和3年度の実績につきましては、説明会を12回開いております。",  # another unit
        "令和4年度の実績については、前年の3倍の120パーセントでございます。",  # another unit
    ],
)
def test_a_year_s_answer_in_another_unit_is_not_the_target_s_actual(after: str) -> None:
    facts = _facts("年間500人の新規の就業者を確保するという計画です。", after)
    assert facts == [("新規の就業者", "target", 500, None)]


@pytest.mark.parametrize(
    "after",
    [
        "令和3年度が、120人。",  # another unit
        "令和9年度は45パーセントです。",  # a year after the target's: not a record
        "この調査は、令和3年度が初回。",  # no value
    ],
)
def test_a_year_s_value_in_another_unit_or_after_the_target_is_not_its_actual(
    after: str,
) -> None:
    facts = _facts("令和8年度までに、女性委員の割合を40パーセントにする。", after)
    assert facts == [("女性委員の割合", "target", 40, 2026)]


def test_a_year_s_value_needs_the_target_right_before_it() -> None:
    facts = _facts(
        "令和8年度までに、女性委員の割合を40パーセントにする。",
        "委員会は年4回開催している。",
        "令和3年度が、33パーセント。",
    )
    assert facts == [("女性委員の割合", "target", 40, 2026)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a target named before its indicator, counted over a span of years: their total
        (
            "当初の数値目標として掲げた平成28年度から令和2年度までの新規創業件数120件は達成した。",
            ("新規創業件数", 120, 2020, True),
        ),
        (
            "本市が目標として設定した令和6年度の観光入込客数85万人を達成した。",
            ("観光入込客数", 850000, 2024, False),
        ),
        # a share over a span is a level, not a total
        (
            "令和3年度から7年度までの5年間で特定健診受診率を60%を目指す。",
            ("特定健診受診率", 60, 2025, False),
        ),
    ],
)
def test_targets_over_a_span_of_years(
    sentence: str, expected: tuple[str, float, int | None, bool]
) -> None:
    (found,) = read_sentence(sentence, DocumentContext(era="令和"))
    name, kind, quantity, fy = found
    assert (name, quantity.value, fy, quantity.cumulative) == expected
    assert kind == "target"


def test_a_number_aimed_at_without_an_indicator_continues_the_sentence_before() -> None:
    facts = [
        (record.indicator, fact.value, fact.fy, fact.cumulative)
        for record in _records(
            "数値目標として掲げた令和元年度から4年度までの新規就農者数40人は達成した。",
            "令和5年度から9年度までの5年間で60人を目指す。",
            "令和5年度から9年度までの5年間で90%を目指す。",  # another unit
        )
        for fact in record.facts
    ]
    assert facts == [("新規就農者数", 40, 2022, True), ("新規就農者数", 60, 2027, True)]


def test_a_sentence_s_facts_are_less_sure_than_a_table_cell_s() -> None:

    lines = {
        1: [
            Line("相談件数の目標120件に対し、実績は131件となった。", 1, (40.0, 100.0, 400.0, 110.0))
        ]
    }
    settings = UnderstandSettings()
    (record,) = statement_records(lines, DocumentContext(settings=settings))
    expected = round(settings.prose_confidence * settings.sentence_confidence, 3)
    assert {fact.confidence for fact in record.facts} == {expected}
    assert expected < settings.prose_confidence < 1.0
