"""The kpi-record/1 model: what the pipeline emits, what gold files hold, what the scorer reads.

A gold file and a prediction have the same shape. Fields the contract does not
name are kept (a prediction may carry its table and cell), and the scorer
ignores them.
"""

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    ValidationError,
    model_serializer,
    model_validator,
)

FORMAT = "kpi-record/1"

FactKind = Literal["baseline", "target", "actual", "final_target", "grade", "progress"]
FACT_KINDS: tuple[FactKind, ...] = (
    "baseline",
    "target",
    "actual",
    "final_target",
    "grade",
    "progress",
)
# Kinds whose value is a word, never a number.
TEXT_KINDS: frozenset[str] = frozenset({"grade", "progress"})

Direction = Literal["up", "down"]


class Source(BaseModel):
    """Where a predicted value was read: page, box in PDF points, raw text before repair."""

    model_config = ConfigDict(extra="allow")

    page: StrictInt = Field(ge=1)
    bbox: tuple[float, float, float, float]
    text: str


class Fact(BaseModel):
    """One value of an indicator: a number (`value`) or a word (`text`), never both."""

    model_config = ConfigDict(extra="allow")

    kind: FactKind
    fy: StrictInt | None = Field(default=None, ge=1900, le=2200)
    value: StrictInt | StrictFloat | None = None
    text: str | None = None
    cumulative: bool = False
    estimated: bool = False
    source: Source | None = None
    confidence: float | None = Field(default=None, ge=0.0, le=1.0)

    @model_validator(mode="after")
    def _one_of_value_or_text(self) -> "Fact":
        if self.value is not None and self.text is not None:
            raise ValueError("a fact has both `value` and `text`; it takes exactly one")
        if self.value is None and self.text is None:
            raise ValueError("a fact has neither `value` nor `text`; it takes exactly one")
        if self.kind in TEXT_KINDS and self.text is None:
            raise ValueError(f"a `{self.kind}` fact takes `text`, not `value`")
        return self

    @model_serializer(mode="wrap")
    def _omit_defaults(self, handler: Any) -> dict[str, Any]:
        """Write the contract's shape: flags only when true, optional fields only when set."""
        data: dict[str, Any] = handler(self)
        for key in ("cumulative", "estimated"):
            if not data.get(key):
                data.pop(key, None)
        for key in ("value", "text", "source", "confidence"):
            if data.get(key) is None:
                data.pop(key, None)
        return data


class Record(BaseModel):
    """One indicator (KPI) of one program in one document, with its facts."""

    model_config = ConfigDict(extra="allow")

    page: StrictInt = Field(ge=1)
    program: str | None
    indicator: str = Field(min_length=1)
    unit: str | None
    direction: Direction | None
    facts: list[Fact]


class DocumentInfo(BaseModel):
    """The source document: its id (the file stem) and what it says of itself."""

    model_config = ConfigDict(extra="allow")

    doc_id: str = Field(min_length=1)
    source: str
    municipality: str | None
    title: str | None


class RecordFile(BaseModel):
    """One kpi-record/1 file: a document and its records."""

    model_config = ConfigDict(extra="allow")

    format: Literal["kpi-record/1"]
    document: DocumentInfo
    records: list[Record]


class RecordFileError(ValueError):
    """A record file that cannot be read: names the file and the field at fault."""

    def __init__(self, path: Path, field: str, message: str) -> None:
        self.path = path
        self.field = field
        self.message = message
        where = f"{path}: {field}: " if field else f"{path}: "
        super().__init__(where + message)


def _field_path(location: tuple[int | str, ...]) -> str:
    """`('records', 3, 'facts', 0, 'value')` → `records[3].facts[0].value`."""
    path = ""
    for part in location:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else part)
    return path


def load_record_file(path: Path) -> RecordFile:
    """Read and validate one kpi-record/1 file, or raise RecordFileError naming the field."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise RecordFileError(path, "", f"not UTF-8 text ({error.reason})") from error
    except json.JSONDecodeError as error:
        raise RecordFileError(
            path, "", f"not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"
        ) from error
    try:
        return RecordFile.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        # A failed model validator reports at the object; its message names the field.
        message = str(first["msg"]).removeprefix("Value error, ")
        raise RecordFileError(path, _field_path(tuple(first["loc"])), message) from error


def dump_record_file(record_file: RecordFile) -> str:
    """Serialize as the contract asks: UTF-8 text, non-ASCII kept, 2-space indent."""
    data = record_file.model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
