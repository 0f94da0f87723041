"""What a command prints, as it is, quiet, or as JSON lines for a scheduled job's log.

Every command prints its results on stdout and its warnings and errors on
stderr, a line each, an error starting `error:` and a warning `warning:`. A
nightly job wants less (`--quiet`: warnings and errors only) or a form its log
collector reads (`--log-format json`: each line an object with its time, level,
command and message). Both are done here, on the two streams, so no command
prints differently for them.
"""

import io
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from datetime import datetime
from typing import Literal, TextIO

LogFormat = Literal["text", "json"]
LOG_FORMATS: tuple[LogFormat, ...] = ("text", "json")
LEVELS = {"error:": "error", "warning:": "warning"}


class Lines(io.TextIOBase):
    """A text stream that passes each whole line on, or drops it, or writes it as JSON."""

    encoding = "utf-8"
    errors = "strict"

    def __init__(self, target: TextIO, command: str, log_format: LogFormat, keep_info: bool):
        super().__init__()
        self.target = target
        self.command = command
        self.log_format = log_format
        self.keep_info = keep_info
        self.pending = ""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        *lines, self.pending = (self.pending + text).split("\n")
        for line in lines:
            self._line(line)
        return len(text)

    def close_lines(self) -> None:
        """Pass on what is left after the last line break, and flush."""
        if self.pending:
            self._line(self.pending)
            self.pending = ""
        self.target.flush()

    def _line(self, line: str) -> None:
        level, message = level_of(line)
        if level == "info" and not self.keep_info:
            return
        if self.log_format == "json":
            line = json.dumps(
                {
                    "time": datetime.now().astimezone().isoformat(timespec="seconds"),
                    "level": level,
                    "command": self.command,
                    "message": message,
                },
                ensure_ascii=False,
            )
        self.target.write(line + "\n")


def level_of(line: str) -> tuple[str, str]:
    """A printed line's level (`error`, `warning`, else `info`) and its message."""
    for prefix, level in LEVELS.items():
        if line.startswith(prefix):
            return level, line.removeprefix(prefix).strip()
    return "info", line


@contextmanager
def printed_as(command: str, quiet: bool, log_format: LogFormat) -> Iterator[None]:
    """Within it, stdout and stderr print as `--quiet` and `--log-format` ask."""
    if not quiet and log_format == "text":
        yield
        return
    out = Lines(sys.stdout, command, log_format, keep_info=not quiet)
    err = Lines(sys.stderr, command, log_format, keep_info=not quiet)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            yield
    finally:
        out.close_lines()
        err.close_lines()
