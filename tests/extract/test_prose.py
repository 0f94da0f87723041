"""KPI statements in prose: markers, values with units, 累計, years and reference notes."""

from pipeline.text import normalize_text
from pipeline.understand.prose import prose_reader, read_statements


def facts(text: str, year: int | None = None) -> list[tuple[str, str, int | None, float, bool]]:
    return [
        (s.indicator, v.kind, v.fy, v.quantity.value, v.quantity.cumulative)
        for s in read_statements(normalize_text(text), year)
        for v in s.values
    ]


def test_a_target_and_an_actual_with_the_columns_year() -> None:
    text = "・移住相談件数【ＫＰＩ】 120件【実績】 134件"
    assert facts(text, 2022) == [
        ("移住相談件数", "target", 2022, 120, False),
        ("移住相談件数", "actual", 2022, 134, False),
    ]


def test_a_value_and_its_running_total_give_two_facts() -> None:
    text = "・就農者数【ＫＰＩ】 5人 （累計25人）"
    assert facts(text) == [
        ("就農者数", "target", None, 5, False),
        ("就農者数", "target", None, 25, True),
    ]


def test_a_year_and_a_multiplier_in_the_statement() -> None:
    text = "観光・交流施設の利用者数【目標】令和6年度 1万2600人"
    assert facts(text) == [("観光・交流施設の利用者数", "target", 2024, 12600, False)]


def test_statements_follow_one_another_after_a_bullet() -> None:
    text = "・空き家の成約件数【KPI】 10件【実績】 12件・移住者数【KPI】 30人【実績】 －"
    assert [f[:2] for f in facts(text)] == [
        ("空き家の成約件数", "target"),
        ("空き家の成約件数", "actual"),
        ("移住者数", "target"),
    ]


def test_a_baseline_note_takes_its_sources_year() -> None:
    text = "・事業所数【KPI】 900事業所※R1当初値（H28経済センサス）850事業所"
    assert facts(text) == [
        ("事業所数", "target", None, 900, False),
        ("事業所数", "baseline", 2016, 850, False),
    ]


def test_figures_for_reference_are_no_statement() -> None:
    text = "・来訪者数【KPI】 500人（参考）市内の宿泊者数 R1：4,000人 ⇒ R2：3,100人"
    assert facts(text) == [("来訪者数", "target", None, 500, False)]


def test_text_without_markers_states_nothing() -> None:
    assert read_statements("令和3年度の利用者数は1,200人で、前年度から増加した。") == []


def test_the_patterns_come_from_models() -> None:
    labels = {pipe: prose_reader().get_pipe(pipe) for pipe in prose_reader().pipe_names}
    assert "entity_ruler" in labels
    doc = prose_reader()("【実績】 累計 3,000件")
    assert [ent.label_ for ent in doc.ents] == ["KPI_ACTUAL", "CUMULATIVE", "QUANTITY"]
