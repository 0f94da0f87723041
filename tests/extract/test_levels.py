"""A targeted indicator's level for a year, stated in prose with no marker, is that year's
actual; the same statement of an indicator with no target gives nothing. Made-up text."""

import pytest

from pipeline.model import Fact, Line, Record
from pipeline.understand.levels import add_stated_levels
from pipeline.understand.settings import DocumentContext


def _record(indicator: str, unit: str = "人") -> Record:
    target = Fact(kind="target", fy=2026, value=500)
    return Record(
        page=1, program=None, indicator=indicator, unit=unit, direction=None, facts=[target]
    )


def _actuals(record: Record, *sentences: str) -> list[tuple[int | None, float | None]]:
    lines = {
        1: [
            Line(text, 1, (40.0, 100.0 + 12 * i, 400.0, 110.0 + 12 * i))
            for i, text in enumerate(sentences)
        ]
    }
    add_stated_levels(lines, [record], DocumentContext(era="令和"))
    return [(f.fy, f.value) for f in record.facts if f.kind == "actual"]


@pytest.mark.parametrize(
    ("sentence", "actuals"),
    [
        ("令和4年度の市内への年間転入者は210世帯412人となり、前年を上回った。", [(2022, 412)]),
        ("令和3年度の転入者数は、398人(対前年+12人)となった。", [(2021, 398)]),
        # two years, or none: which year the level is of is not said
        ("令和2年度から令和4年度の転入者数は1,020人となった。", []),
        ("転入者数は412人となった。", []),
        # another figure of the same year, in another unit
        ("令和4年度の転入者数は210世帯となった。", []),
        # another indicator, with no target
        ("令和4年度の相談会の開催回数は12回であった。", []),
        # a year compared with, its figures in brackets after it
        (
            "令和4年度の転入者数は412人となり、最多だった令和元年度(150世帯、431人)に迫った。",
            [(2022, 412), (2019, 431)],
        ),
        ("令和4年度の転入者数は412人となり、令和2年度(2020年度)を上回った。", [(2022, 412)]),
        ("令和4年度の転入者数は412人となり、令和2年度(150世帯)を上回った。", [(2022, 412)]),
    ],
)
def test_a_stated_level_of_a_targeted_indicator(
    sentence: str, actuals: list[tuple[int, float]]
) -> None:
    assert _actuals(_record("転入者数"), sentence) == actuals


def test_a_level_printed_twice_is_one_fact_with_a_sentence_s_provenance() -> None:
    sentence = "令和4年度の年間転入者は412人となった。"
    record = _record("転入者数")
    assert _actuals(record, sentence, sentence) == [(2022, 412)]
    actual = record.facts[-1]
    assert actual.source is not None and actual.source.text == sentence
    assert actual.confidence is not None and 0 < actual.confidence < 1


def test_an_indicator_with_no_target_takes_no_level() -> None:
    record = Record(
        page=1,
        program=None,
        indicator="転入者数",
        unit="人",
        direction=None,
        facts=[Fact(kind="actual", value=3)],
    )
    assert _actuals(record, "令和4年度の転入者数は412人となった。") == [(None, 3)]
