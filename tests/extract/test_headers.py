"""Header mapping: lexicon words, their heads and misreadings, settled by the column's values."""

import pytest

from pipeline.understand.header_map import (
    direction_of,
    evidence,
    is_year_label,
    map_column,
    read_header,
)


@pytest.mark.parametrize(
    ("header", "values", "field"),
    [
        ("実績値", ["12件", "30件"], "actual"),
        ("実績", ["12", "30"], "actual"),
        ("目標値（R5）", ["40人"], "target"),
        ("基準値", ["3.5%"], "baseline"),
        ("策定時", ["120"], "baseline"),
        ("最終目標値", ["500"], "final_target"),
        ("令和6年度 / 年間目標", ["20人"], "target"),
        ("達成度", ["A", "B", "Ｓ"], "grade"),
        ("進捗状況", ["順調", "やや遅れ"], "progress"),
        ("単位", ["人", "件", "千円"], "unit"),
        ("個別事業名【担当課】", ["空き家バンク事業"], "program"),
        ("成果指標", ["空き家の成約件数"], "indicator"),
        ("振興計画掲載(基準値)", ["42.0", "18"], "baseline"),
        ("振興計画掲載（目標値）", ["50", "-"], "target"),
    ],
)
def test_headers_map_to_their_field(header: str, values: list[str], field: str) -> None:
    assert map_column(header, values).field == field


def test_kpi_heads_the_indicator_where_its_column_holds_names() -> None:
    assert map_column("KPI", ["観光入込客数", "空き店舗の活用件数"]).field == "indicator"


def test_kpi_marks_the_target_where_its_column_holds_numbers() -> None:
    assert map_column("KPI", ["1,200人", "35件"]).field == "target"


def test_direction_word_heads_arrows_but_not_a_policy_phrase() -> None:
    assert map_column("方向性", ["↑", "↓", "↑"]).field == "direction"
    assert map_column("方向性", ["地域産業の担い手の確保と育成", "観光交流の促進"]).field is None


def test_a_word_that_only_contains_a_lexicon_word_is_not_mapped() -> None:
    """事業期間 holds 事業 but is a period; a header mapped by a word inside it is a guess."""
    assert map_column("事業期間", ["令和元年度～令和3年度"]).field is None


def test_a_year_alone_heads_that_years_actuals() -> None:
    mapped = map_column("令和4年度", ["1,024人", "—"])
    assert mapped.field == "actual"
    assert mapped.year is not None and mapped.year.fy == 2022


def test_an_ocr_misreading_of_a_header_still_maps_with_less_confidence() -> None:
    exact = map_column("進捗状況", ["順調"])
    misread = map_column("進捗伏況", ["順調"])
    assert misread.field == "progress"
    assert 0 < misread.confidence < exact.confidence


def test_an_unknown_header_maps_to_nothing() -> None:
    mapped = map_column("担当課", ["産業振興課"])
    assert mapped.field is None and mapped.confidence == 0.0


def test_header_years_and_notes_are_set_apart_from_its_words() -> None:
    header = read_header("R2実績値(推:推計値)")  # as layout folds `R2実績値（推：推計値）`
    assert header.words == ("実績", "値")
    assert [year.fy for year in header.years] == [2020]
    assert header.notes == ("推:推計値",)


def test_evidence_weighs_words_below_numbers_for_value_columns() -> None:
    assert evidence("target", ["100人"]) == 1.0
    assert evidence("target", ["現状以上"]) == 0.5
    assert evidence("target", ["地域の担い手を育成する取組を進める。"]) == 0.0


def test_year_labels_and_directions() -> None:
    assert is_year_label("R 3") and is_year_label("令和3年度") and not is_year_label("当初")
    assert direction_of("↑") == "up" and direction_of("減少") == "down"
    assert direction_of("地域の増加と減少") is None
    assert direction_of("増加を目指す") == "up" and direction_of("低下させる") == "down"
    assert direction_of("維持を目指す") is None
