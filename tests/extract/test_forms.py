"""Evaluation forms read label by label: each label cell gives the cell to its right its
field and year. A made-up form in the shape evaluation sheets print."""

from grids import grid_table

from pipeline.understand.forms import form_records, sheet_words
from pipeline.understand.header_map import label_in
from pipeline.understand.settings import DocumentContext

FORM = [
    ["施策名", "子育て支援の充実", "", ""],
    ["指標名", "子育て世帯の転入数", "単位", "世帯"],
    ["基準値(R1)", "12", "目標値(R7まで)", "30"],
    ["実績値(R5)", "21", "評価", "B"],
]


def test_a_form_is_one_record_read_label_by_label() -> None:
    (record,) = form_records(grid_table(FORM), None, DocumentContext())
    assert (record.program, record.indicator, record.unit) == (
        "子育て支援の充実",
        "子育て世帯の転入数",
        "世帯",
    )
    facts = [(f.kind, f.fy, f.value if f.value is not None else f.text) for f in record.facts]
    assert facts == [
        ("baseline", 2019, 12),
        ("target", 2025, 30),
        ("actual", 2023, 21),
        ("grade", None, "B"),
    ]


def test_a_name_ending_in_a_header_word_is_a_value_not_a_label() -> None:
    form = [row[:] for row in FORM]
    form[0][1] = "地域子育て支援事業"
    (record,) = form_records(grid_table(form), None, DocumentContext())
    assert record.program == "地域子育て支援事業"


def test_labels_with_no_indicator_or_no_target_make_no_record() -> None:
    assert form_records(grid_table(FORM[:1] + FORM[2:]), None, DocumentContext()) == []
    no_target = [FORM[0], FORM[1], ["実績値(R5)", "21", "評価", "B"]]
    assert form_records(grid_table(no_target), None, DocumentContext()) == []


def test_a_sheet_s_boxes_give_its_indicator_progress_and_grade() -> None:
    """A label with its value to its right or under it; a grade chosen from a printed scale
    (`A:…`) is its letter; a label the lexicon does not know gives nothing."""
    beside = [["指標の向き", "上向き", "進捗状況", "順調"]]
    under = [["総合評価", "妥当性"], ["A:このまま継続", "高:十分な成果"]]
    facts = sheet_words(grid_table(beside), DocumentContext())
    facts += sheet_words(grid_table(under), DocumentContext())
    assert [(f.kind, f.text) for f in facts] == [("progress", "順調"), ("grade", "A")]


def test_a_numbered_label_names_its_field() -> None:
    assert label_in("KPIその2", DocumentContext()) == label_in("KPI", DocumentContext())
