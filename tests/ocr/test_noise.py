"""Marks a scan's ruling and specks leave in OCR text, and the printed text they are not.
Made-up lines, not from any report."""

import pytest

from pipeline.ocr.noise import cell_without_scan_noise, without_scan_noise, word_without_scan_noise


@pytest.mark.parametrize(
    ("read", "printed"),
    [
        ("240事業所ロ", "240事業所"),  # a border read as ロ after a unit
        ("ロ12件(令和3年度)", "12件(令和3年度)"),
        ("ロロロ観光の振興", "観光の振興"),  # a run of box marks is never a word
        ("基準値・ーー", "基準値"),  # long-vowel marks after a kanji
        ("目標値. (目標年度)", "目標値 (目標年度)"),  # a stray period after a kanji
        ("」KPIロ(令和7年度まで)", "KPI(令和7年度まで)"),
        ("*5年毎の調査", "5年毎の調査"),
        ("R6年度ロロ", "R6年度"),
        ("- |一|-・ニーニーニーーーーーーー", ""),  # a dashed rule read as text
        ("15件 ーーー一ーー-ー", "15件"),
    ],
)
def test_scan_noise_is_removed(read: str, printed: str) -> None:
    assert without_scan_noise(read) == printed


@pytest.mark.parametrize(
    "printed",
    [
        "ゼロカーボン推進率",  # ロ inside a katakana word
        "ロボット導入件数",
        "総人口",  # 口 ending a word
        "12.5%",
        "ー",  # a dash: no value
        "-",
        "課題:",  # a line that wraps after its colon
        "「ふるさと」応援寄附件数",
        "参加者数、",  # a line that wraps after its comma
        "一一",  # too short to be a rule
        "ニーズ調査の実施",
    ],
)
def test_printed_text_is_kept(printed: str) -> None:
    assert without_scan_noise(printed) == printed


def test_a_bracket_is_judged_with_its_pair_over_the_whole_cell() -> None:
    assert without_scan_noise("事業】") == "事業】"  # its 【 is on the line above
    assert (
        cell_without_scan_noise("セミナー【新規事業】(参加者数)")
        == "セミナー【新規事業】(参加者数)"
    )
    assert cell_without_scan_noise("実績値 ]") == "実績値"  # a bracket nothing opened


@pytest.mark.parametrize(
    ("read", "kept"),
    [
        ("。", "。"),
        ("、", "、"),
        ("|", ""),
        ("*", ""),
        ("ロロ", ""),
        ("人口", "人口"),
        ("()", ""),  # a punch hole's ring
        ("（ ）", ""),
        ("(1)", "(1)"),
        ("「", "「"),
    ],
)
def test_a_free_line_keeps_its_punctuation_and_drops_words_of_marks(read: str, kept: str) -> None:
    assert word_without_scan_noise(read) == kept
