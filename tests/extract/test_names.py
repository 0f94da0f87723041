"""Names as the contract keeps them: enumerators, notes and page references off (rules 2 and 10)."""

import pytest

from pipeline.understand.names import clean_name, enumerated, split_named_pair, split_pair


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        ("(1) 空き家バンク事業", "空き家バンク事業"),
        ("（２）移住相談会の開催【企画課】", "移住相談会の開催"),
        ("② 商店街の活性化", "商店街の活性化"),
        ("④-2-1 ふるさと納税の推進", "ふるさと納税の推進"),
        ("B 地域交通の確保", "地域交通の確保"),
        ("施策3 農業の担い手育成", "農業の担い手育成"),
        ("空き店舗活用事業【令和3年度開始】", "空き店舗活用事業"),
        ("観光案内所の利用者数 P.12", "観光案内所の利用者数"),
        ("観光案内所の利用者数 P.1 2", "観光案内所の利用者数"),
        ("20～39歳の転入者数", "20~39歳の転入者数"),
        ("-【都市計画課】", None),
        ("－", None),
    ],
)
def test_clean_name(printed: str, name: str | None) -> None:
    assert clean_name(printed) == name


@pytest.mark.parametrize(
    ("text", "raw", "name"),
    [
        # A heading word numbered with spaces around the number, as printed.
        ("基本戦略3観光の振興", "基本戦略　３　観光の振興", "観光の振興"),
        ("重点プロジェクト等2移住の促進", "重点プロジェクト等 2 移住の促進", "移住の促進"),
        # A number inside a name, printed without spaces, stays.
        ("国道2号の整備率", "国道2号の整備率", "国道2号の整備率"),
        # A number right before a quoted name.
        (
            "2「住み続けたい」まちづくり",
            "2「住み続けたい」まちづくり",
            "「住み続けたい」まちづくり",
        ),
    ],
)
def test_a_numbered_heading_word_is_an_enumerator(text: str, raw: str, name: str) -> None:
    assert clean_name(text, raw) == name


def test_a_program_and_its_indicator_in_one_cell() -> None:
    assert split_pair("移住体験ツアー(参加者数)") == ("移住体験ツアー", "参加者数")
    assert split_pair("移住体験ツアー") is None


@pytest.mark.parametrize(
    ("name", "pair"),
    [
        ("空き家バンク制度(成約件数)", ("空き家バンク制度", "成約件数")),
        ("移住体験ツアー(参加者の満足度の割合)", ("移住体験ツアー", "参加者の満足度の割合")),
        ("健康寿命(日常生活が自立している期間)", None),  # a gloss of the indicator
        ("観光入込客数(実人数)", None),
    ],
)
def test_an_indicator_cell_names_a_program_only_when_the_words_read_so(
    name: str, pair: tuple[str, str] | None
) -> None:
    assert split_named_pair(name) == pair


def test_headings_start_with_an_enumerator() -> None:
    assert enumerated("A 観光振興事業") and enumerated("(3) 指標") and enumerated("③ 事業")
    assert enumerated("■施策② 商工業の振興")  # a section mark before the enumerator
    assert not enumerated("・2-1 商店街を活性化する")  # a list item
    assert not enumerated("本市の観光振興を図るため")
