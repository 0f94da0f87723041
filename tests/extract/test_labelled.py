"""Value cells that print each figure after a label saying when it stands. Made-up cells."""

import pytest
from grids import grid_table, run_of

from pipeline.understand.labelled import standing_figure
from pipeline.understand.reading import read_table
from pipeline.understand.rows import row_records


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("R2年度現在 240人 R8年度予測 210人", ("240人", 2020)),
        ("令和3年度実績 12社\n令和9年度推計 9社", ("12社", 2021)),
        ("過去3年間実績 9件", ("9件", None)),
        ("男性 81.1歳 女性 86.2歳", None),  # labels that say no time
        ("R2年度実績 10件 R3年度実績 12件", None),  # two figures stand: which is unsure
        ("R8年度予測 210人", None),  # a forecast alone
        ("240人", None),
    ],
)
def test_the_figure_a_cell_of_labelled_figures_gives_as_it_stands(
    text: str, expected: tuple[str, int | None] | None
) -> None:
    assert standing_figure(text) == expected


def test_a_baseline_cell_of_the_figure_now_and_a_forecast_gives_the_figure_now() -> None:
    table = grid_table(
        [
            ["事業", "指標", "基準値", "目標値"],
            ["移住促進", "転入者数", "R2年度現在 240人\nR8年度予測 210人", "260人"],
            ["創業支援", "創業件数", "過去3年間実績 9件", "15件"],
        ]
    )
    records = row_records(read_table(run_of(table)), None)
    got = {r.indicator: [(f.kind, f.fy, f.value) for f in r.facts] for r in records}
    assert got == {
        "転入者数": [("baseline", 2020, 240), ("target", None, 260)],
        "創業件数": [("baseline", None, 9), ("target", None, 15)],
    }
