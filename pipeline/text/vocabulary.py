"""The word lists in `models/`, read once: the code holds rules, `models/` holds words."""

from functools import cache
from pathlib import Path

# Shipped inside the package so an installed wheel reads them; `models/` at the top links here.
MODELS = Path(__file__).resolve().parent.parent / "models"
UNITS = MODELS / "units.txt"
HEADERS = MODELS / "headers.txt"


def read_list(path: Path) -> tuple[str, ...]:
    """The first field of each line that is not blank or a `#` comment."""
    entries: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("#", 1)[0].split()
        if fields:
            entries.append(fields[0])
    return tuple(entries)


@cache
def known_units(path: Path = UNITS) -> frozenset[str]:
    return frozenset(read_list(path))


@cache
def header_fields(path: Path = HEADERS) -> dict[str, tuple[str, ...]]:
    """Each header word of the lexicon with the fields it can name, in the order the
    lexicon lists them: of two fields a word names equally well, the first is read."""
    fields: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].split()
        if len(entry) >= 2 and entry[1] not in fields.get(entry[0], []):
            fields.setdefault(entry[0], []).append(entry[1])
    return {word: tuple(names) for word, names in fields.items()}
