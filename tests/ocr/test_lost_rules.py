"""A scanned grid cell over rows whose rule the scan lost is cut back into one cell a row;
a cell truly merged over rows is kept. Made-up cells, not from any report."""

from pipeline.model import Cell, Word, cell_texts
from pipeline.ocr.lost_rules import split_at_lost_rules

ROWS = [0.0, 20.0, 40.0, 60.0]  # a header row and two body rows, 20 points each


def word(text: str, x: float, middle: float) -> Word:
    return Word(text, text, (x, middle - 5.0, x + 10.0 * len(text), middle + 5.0))


def cell(row: int, col: int, rowspan: int, *words: Word) -> Cell:
    box = (col * 100.0, ROWS[row], (col + 1) * 100.0, ROWS[row + rowspan])
    raw, text = cell_texts(list(words))
    return Cell(row, col, box, rowspan, 1, list(words), raw, text)


def grid(value_cell: Cell) -> list[Cell]:
    """Names and a year column one cell a row; the target column's cell as given."""
    return [
        cell(0, 0, 1, word("指標", 5, 10)),
        cell(0, 1, 1, word("目標値", 105, 10)),
        cell(0, 2, 1, word("実績値", 205, 10)),
        cell(1, 0, 1, word("就業件数", 5, 30)),
        cell(2, 0, 1, word("相談件数", 5, 50)),
        value_cell,
        cell(1, 2, 1, word("2件", 205, 30)),
        cell(2, 2, 1, word("0件", 205, 50)),
    ]


def texts(cells: list[Cell]) -> list[tuple[int, int, int, str]]:
    return sorted((c.row, c.col, c.rowspan, c.text) for c in cells)


def test_a_cell_with_a_line_level_with_each_rows_text_is_cut_at_the_lost_rule() -> None:
    over = cell(1, 1, 2, word("21件", 105, 30), word("15件", 105, 50))
    found = split_at_lost_rules(grid(over), ROWS, cell_texts)
    assert [t for t in texts(found) if t[1] == 1] == [
        (0, 1, 1, "目標値"),
        (1, 1, 1, "21件"),
        (2, 1, 1, "15件"),
    ]
    cut = [c for c in found if c.col == 1 and c.row == 2]
    assert cut[0].bbox == (100.0, 40.0, 200.0, 60.0)


def test_a_cell_truly_merged_over_rows_is_kept() -> None:
    centred = cell(1, 1, 2, word("継続", 105, 40))  # one line across the rule's place
    assert split_at_lost_rules(grid(centred), ROWS, cell_texts) == grid(centred)


def test_lines_not_level_with_the_rows_text_are_kept_together() -> None:
    wrapped = cell(1, 1, 2, word("地域の", 105, 23), word("活性化", 105, 47))  # set from the top
    assert split_at_lost_rules(grid(wrapped), ROWS, cell_texts) == grid(wrapped)


def test_a_note_under_its_figure_stays_with_it() -> None:
    noted = cell(1, 1, 2, word("4人/年", 105, 30), word("(25年度)", 105, 50))
    assert split_at_lost_rules(grid(noted), ROWS, cell_texts) == grid(noted)
