"""The kpi-record/1 model: what the pipeline emits, what gold files hold, what the scorer reads.

A gold file and a prediction have the same shape. Fields the contract does not
name are kept (a prediction may carry its table and cell), and the scorer
ignores them.
"""

import json
import math
import os
import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    AllowInfNan,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StrictBool,
    StrictInt,
    ValidationError,
    field_validator,
    model_serializer,
    model_validator,
)

FORMAT = "kpi-record/1"

FactKind = Literal["baseline", "target", "actual", "final_target", "grade", "progress"]
FACT_KINDS: tuple[FactKind, ...] = get_args(FactKind)
# Kinds whose value is a word, never a number.
TEXT_KINDS: frozenset[str] = frozenset({"grade", "progress"})

Direction = Literal["up", "down"]


def _not_blank(text: str) -> str:
    if not text.strip():
        raise ValueError("must not be blank")
    return text


# Strict: a JSON `"yes"`, `"5"` or `true` is a labelling error, not something to coerce.
FiniteFloat = Annotated[float, Strict(), AllowInfNan(False)]
# A blank name or word is nothing printed: an empty cell is no fact, and no indicator.
PrintedText = Annotated[str, AfterValidator(_not_blank)]


class Source(BaseModel):
    """Where a predicted value was read: page, box in PDF points, raw text before repair."""

    model_config = ConfigDict(extra="allow")

    page: StrictInt = Field(ge=1)
    bbox: tuple[FiniteFloat, FiniteFloat, FiniteFloat, FiniteFloat]
    text: str


class Fact(BaseModel):
    """One value of an indicator: a number (`value`) or a word (`text`), never both."""

    model_config = ConfigDict(extra="allow")

    kind: FactKind
    fy: StrictInt | None = Field(default=None, ge=1900, le=2200)
    value: StrictInt | FiniteFloat | None = None
    text: PrintedText | None = None
    cumulative: StrictBool = False
    estimated: StrictBool = False
    source: Source | None = None
    confidence: FiniteFloat | None = Field(default=None, ge=0.0, le=1.0)

    @field_validator("value", mode="before")
    @classmethod
    def _a_finite_number(cls, value: object) -> object:
        """Say what is wrong in the labeller's terms rather than as two failed union members."""
        whole = isinstance(value, int) and not isinstance(value, bool)
        if value is None or whole or (isinstance(value, float) and math.isfinite(value)):
            return value
        printed = json.dumps(value, ensure_ascii=False, default=repr)
        raise ValueError(
            f"must be a finite JSON number such as 134280 or 74.3, not {printed}; "
            "write the number as the document meant it, or a word in `text`"
        )

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
    indicator: PrintedText
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


class FileFieldError(ValueError):
    """A file that cannot be used: names the file and the field at fault."""

    def __init__(self, path: Path, field: str, message: str) -> None:
        self.path = path
        self.field = field
        self.message = message
        where = f"{path}: {field}: " if field else f"{path}: "
        super().__init__(where + message)


class RecordFileError(FileFieldError):
    """A record file that cannot be read: names the file and the field at fault."""


_MODELS: tuple[type[BaseModel], ...] = (RecordFile, DocumentInfo, Record, Fact, Source)
_FIELD_NAMES = frozenset(name for model in _MODELS for name in model.model_fields)


def _field_path(location: tuple[int | str, ...]) -> str:
    """`('records', 3, 'facts', 0, 'value', 'int')` → `records[3].facts[0].value`.

    Pydantic adds the union member that failed (`int`, `float`, `function-after[…]`,
    `constrained-str`) to the location; it names a type, not a place in the file,
    so only list indices and field names are kept.
    """
    path = ""
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part in _FIELD_NAMES:
            path += f".{part}" if path else part
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


def write_atomic(path: Path, text: str) -> None:
    """Write a file whole or not at all: a temporary file beside it, then a rename.

    The temporary name is short whatever the file's (a name that fits the file
    system fits it too), and an OSError (a full disk) removes it before it is raised.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=".kpi-", suffix=".part")
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        # A temporary file is made private (0600); the result takes the usual mode (the umask's).
        umask = os.umask(0)
        os.umask(umask)
        temporary.chmod(0o666 & ~umask)
        temporary.replace(path)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise
