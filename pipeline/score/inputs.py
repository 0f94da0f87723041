"""The scorer's inputs: a directory of kpi-record/1 files, and the gold's `twins.csv`.

Input that cannot be read stops the scorer with an error naming the file and the
field (RecordFileError, TwinsFileError): a score over a silently shortened set would
look like a real one.
"""

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from pipeline.model import RecordFile, RecordFileError, load_record_file

# `kpi extract` writes `<doc_id>.error.json` for a document it could not read.
ERROR_SUFFIX = ".error.json"
# A JSON object with none of these keys is no record file, whatever it is.
RECORD_KEYS = ("format", "document", "records")
TWINS_FILE = "twins.csv"
TWINS_HEADER = ("doc_id", "gold_doc_id")


class TwinsFileError(ValueError):
    """A `twins.csv` that cannot be used: names the file, the line and what is wrong."""

    def __init__(self, path: Path, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}: line {line}: " if line else f"{path}: "
        super().__init__(where + message)


@dataclass(frozen=True)
class ScoreInputs:
    """Gold and predicted documents keyed by doc_id, and the twin map (prediction → gold).

    `warnings` name input the scorer can use but that is not as the contract asks.
    """

    gold: dict[str, RecordFile]
    pred: dict[str, RecordFile]
    twins: dict[str, str]
    warnings: tuple[str, ...] = ()


def load_documents(directory: Path) -> tuple[dict[str, RecordFile], list[str]]:
    """Every record file of a directory keyed by doc_id, and a warning per doc_id not its stem
    and per JSON file that is no record file.

    A doc_id given twice is an error. A doc_id that is not the file stem, as the
    contract asks, is only warned of: the file is scored under its doc_id, and the
    warning says so, since a reader looking for the file's name would not find it.
    """
    documents: dict[str, RecordFile] = {}
    paths: dict[str, Path] = {}
    warnings: list[str] = []
    for path in sorted(directory.glob("*.json")):
        if path.name.endswith(ERROR_SUFFIX):
            # `kpi extract`'s record of a document that failed: it has no records (scored
            # zero against its gold, as a missing prediction is), not a malformed file.
            warnings.append(f"{path}: a document that failed to extract; it has no records")
            continue
        if not _meant_as_record_file(path):
            warnings.append(f"{path}: not a kpi-record/1 file; left out")
            continue
        record_file = load_record_file(path)
        doc_id = record_file.document.doc_id
        if doc_id in paths:
            message = f"`{doc_id}` is also the doc_id of {paths[doc_id]}"
            raise RecordFileError(path, "document.doc_id", message)
        if doc_id != path.stem:
            warnings.append(
                f"{path}: document.doc_id `{doc_id}` is not the file stem; scored as `{doc_id}`"
            )
        documents[doc_id] = record_file
        paths[doc_id] = path
    return documents, warnings


def _meant_as_record_file(path: Path) -> bool:
    """Whether a JSON file is meant as a record file: an object with any key one has.

    Another tool's JSON beside the record files (`kpi run`'s summary, a score
    report) is no record file and is left out; a record file that is broken, even
    one that lost its `format`, is still one, and loading it says what is wrong.
    """
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return True
    return isinstance(raw, dict) and not raw.keys().isdisjoint(RECORD_KEYS)


def _twin_row(path: Path, line: int, row: dict[str, str | None]) -> tuple[str, str]:
    """One row's (doc_id, gold_doc_id), both present and stripped."""
    values = tuple((row.get(column) or "").strip() for column in TWINS_HEADER)
    for column, value in zip(TWINS_HEADER, values, strict=True):
        if not value:
            raise TwinsFileError(path, line, f"`{column}` is empty")
    return values[0], values[1]


def load_twins(path: Path, gold_ids: set[str]) -> dict[str, str]:
    """Read `twins.csv` (header `doc_id,gold_doc_id`): prediction doc_id → gold doc_id.

    A doc_id that has a gold file of its own cannot also be a twin: which gold it is
    scored against would be ambiguous. A gold_doc_id must name a gold document:
    a twin of nothing would be silently left unscored.
    """
    try:
        # utf-8-sig: a spreadsheet saving CSV as UTF-8 puts a byte-order mark first.
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise TwinsFileError(path, None, f"not UTF-8 text ({error.reason})") from error
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if tuple(reader.fieldnames or ()) != TWINS_HEADER:
        raise TwinsFileError(path, 1, f"the header must be `{','.join(TWINS_HEADER)}`")
    twins: dict[str, str] = {}
    for row in reader:
        doc_id, gold_doc_id = _twin_row(path, reader.line_num, row)
        if doc_id in twins:
            raise TwinsFileError(path, reader.line_num, f"`{doc_id}` is listed twice")
        if doc_id in gold_ids:
            raise TwinsFileError(path, reader.line_num, f"`{doc_id}` has a gold file")
        if gold_doc_id not in gold_ids:
            message = f"`{gold_doc_id}` is not the doc_id of any gold file"
            raise TwinsFileError(path, reader.line_num, message)
        twins[doc_id] = gold_doc_id
    return twins


class NoGoldError(ValueError):
    """A gold folder holding no gold file: scoring against it would score nothing as 1.0."""

    def __init__(self, directory: Path) -> None:
        super().__init__(f"{directory}: no gold file (*.json) found")


def load_inputs(gold_dir: Path, pred_dir: Path) -> ScoreInputs:
    """Load gold, predictions, and the twin map when the gold directory has one.

    Raises NoGoldError for a gold folder with no gold file in it.
    """
    gold, gold_warnings = load_documents(gold_dir)
    pred, pred_warnings = load_documents(pred_dir)
    twins_path = gold_dir / TWINS_FILE
    twins = load_twins(twins_path, set(gold)) if twins_path.exists() else {}
    if not gold:
        raise NoGoldError(gold_dir)
    # dict.fromkeys: a directory given as both gold and pred is warned of once.
    warnings = tuple(dict.fromkeys([*gold_warnings, *pred_warnings]))
    return ScoreInputs(gold, pred, twins, warnings)
