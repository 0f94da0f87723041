"""What processing one document gave: its record file, or the reason it has none.

A worker sends a DocumentOutcome back to the runner, which commits it to the
store. A bad file, a crash or a hang in one document is an `Issue` (codes in
`pipeline.model.issues`) and the run goes on.
"""

from dataclasses import dataclass, field

from pipeline.model import Issue, Stage


@dataclass(frozen=True)
class DocumentOutcome:
    """One document's result: the kpi-record/1 JSON text (None when it failed) and its issues.

    `content_hash` and `size_bytes` are those of the bytes the worker read (empty
    when it read none: a time limit, a dead worker), so that the store never keeps
    one file's hash beside another's records. `peak_mb` is the peak resident memory
    of the worker process that read it, so far.
    """

    record_json: str | None
    pages: int = 0
    issues: tuple[Issue, ...] = field(default=())
    seconds: float = 0.0
    peak_mb: float | None = None
    content_hash: str = ""
    size_bytes: int = 0

    @property
    def failed(self) -> bool:
        return self.record_json is None

    @property
    def partial(self) -> bool:
        """Records were read, but part of the document could not be (an error on a page)."""
        return not self.failed and any(issue.severity == "error" for issue in self.issues)


def failure(
    code: str, stage: Stage, message: str, seconds: float = 0.0, detail: str | None = None
) -> DocumentOutcome:
    """The outcome of a document that gave no records, with its one error."""
    issue = Issue("error", code, stage, message, detail=detail)
    return DocumentOutcome(None, issues=(issue,), seconds=seconds)
