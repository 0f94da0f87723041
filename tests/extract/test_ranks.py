"""Ranks in prose: the ranking named last, the kind from what follows the rank, the year
printed with it or counted back from the ranking's. Made-up sentences."""

import pytest

from pipeline.understand.ranks import Ranking, read_ranks

Read = list[tuple[str, str, float, str | None, int | None]]


def read(*sentences: str) -> Read:
    ranking = Ranking()
    return [
        (name, kind, rank.value, rank.unit, fy)
        for sentence in sentences
        for name, kind, rank, fy in read_ranks(sentence, "令和", ranking)
    ]


@pytest.mark.parametrize(
    ("sentences", "expected"),
    [
        # the year of the ranking named in the sentence; 一昨年 counts back from it
        (
            (
                "先日、2022年子育て環境ランキングが発表され、本市が県内1位になりました。",
                "一昨年の4位から順位を上げました。",
            ),
            [
                ("子育て環境ランキング", "actual", 1, "位", 2022),
                ("子育て環境ランキング", "actual", 4, "位", 2020),
            ],
        ),
        # このランキング points back; a target with no year of its own has none
        (
            (
                "令和5年度の魅力度ランキングでは、本県は全国12位でした。",
                "このランキングで全国10位以内を目標にしております。",
            ),
            [
                ("魅力度ランキング", "actual", 12, "位", 2023),
                ("魅力度ランキング", "target", 10, "位", None),
            ],
        ),
        # a year right before the rank; the year the sentence is about for its aim
        (
            (
                "観光地満足度ランキングについて申し上げます。",
                "2025年は、前年2024年の6位を踏まえ、3位を目指します。",
            ),
            [
                ("観光地満足度ランキング", "target", 3, "位", 2025),
            ],
        ),
        (
            ("観光地満足度ランキングで、2024年の6位という結果を受けて取り組んでいる。",),
            [("観光地満足度ランキング", "actual", 6, "位", 2024)],
        ),
        # a rank dated by a time that is no year
        (
            ("合計特殊出生率の県内順位は、市制施行当時は20位だった。",),
            [("県内順位", "actual", 20, "位", None)],
        ),
    ],
)
def test_ranks(sentences: tuple[str, ...], expected: Read) -> None:
    assert read(*sentences) == expected


@pytest.mark.parametrize(
    "sentences",
    [
        ("本市は全国3位となりました。",),  # no ranking named
        ("このランキングで5位となった。",),  # only pointed back to, never named
        ("魅力度ランキングは、昨年の8位から上がった。",),  # counted back from no year
        ("2023年の魅力度ランキングで、一度11位に下降した。",),  # a rank moved to
        ("2023年の魅力度ランキングについて、第2位の県と比べた。",),  # no rank reached
        ("2023年の魅力度ランキングで、10位から20位までの県を比べた。",),  # a range of ranks
    ],
)
def test_ranks_that_give_nothing(sentences: tuple[str, ...]) -> None:
    assert read(*sentences) == []
