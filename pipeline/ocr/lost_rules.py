"""Row rules a scan lost: a grid cell that spans rows only because the rule between them
is too faint or broken to be found there, while the rule stands in the other columns.

A cell truly merged over rows prints one block of text, set in the middle of its
span or from its top. A cell over a lost rule prints one line block in each row,
level with the text of that row's other cells (`21件` beside `2件`, `15件` beside
`0件`). Only the second is cut back into one cell a row, and not where a row's part
opens with a bracket: a note set under its figure (`4人/年` over `(25年度)`) can
stand level with the next row's text by chance.
"""

from collections.abc import Callable, Sequence
from dataclasses import replace

from pipeline.model import Cell, Word, line_middle, text_lines

_OPENING = ("(", "（", "[", "〔", "【", "<", "〈")
Texts = Callable[[list[Word]], tuple[str, str]]  # a cell's words → its raw text and text


def split_at_lost_rules(cells: Sequence[Cell], rows: Sequence[float], texts: Texts) -> list[Cell]:
    """The cells (page points) with each one over lost row rules cut at them; `rows` are
    the grid's row edges top to bottom, `texts` reads a cut cell's words."""
    levels: dict[int, list[float]] = {}
    for cell in cells:
        if cell.rowspan == 1:
            levels.setdefault(cell.row, []).extend(
                line_middle(line) for line in text_lines(cell.words)
            )
    found: list[Cell] = []
    for cell in cells:
        found.extend(_cut(cell, rows, levels, texts) or [cell])
    return found


def _notes(words: Sequence[Word]) -> bool:
    """Whether a row's part of the cell opens with a bracket: a note on the line above
    (`4人/年` over `(25年度)`), not a cell of its own."""
    first = min(words, key=lambda word: (round(word.bbox[1]), word.bbox[0]))
    return first.text.startswith(_OPENING)


def _height(line: Sequence[Word]) -> float:
    return max(word.bbox[3] - word.bbox[1] for word in line)


def _cut(
    cell: Cell, rows: Sequence[float], levels: dict[int, list[float]], texts: Texts
) -> list[Cell] | None:
    """One cell a row, where every row of the span holds lines of the cell and each line
    stands inside its row, level with text of the row's other cells; else None."""
    if cell.rowspan < 2 or not cell.words:
        return None
    span = range(cell.row, cell.row + cell.rowspan)
    by_row: dict[int, list[Word]] = {row: [] for row in span}
    for line in text_lines(cell.words):
        middle, half = line_middle(line), _height(line) / 2
        row = next((r for r in span if rows[r] <= middle < rows[r + 1]), None)
        if row is None or middle - half < rows[row] or middle + half > rows[row + 1]:
            return None  # a line over the border: one block of text
        if not any(abs(middle - level) <= half for level in levels.get(row, [])):
            return None
        by_row[row].extend(line)
    if not all(by_row.values()) or any(_notes(words) for words in list(by_row.values())[1:]):
        return None
    x0, _, x1, _ = cell.bbox
    pieces: list[Cell] = []
    for row, words in by_row.items():
        raw, text = texts(words)
        box = (x0, rows[row], x1, rows[row + 1])
        pieces.append(replace(cell, row=row, rowspan=1, bbox=box, words=words, raw=raw, text=text))
    return pieces
