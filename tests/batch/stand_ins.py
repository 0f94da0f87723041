"""Per-document functions that misbehave as a document's extraction might: they hang or kill
their worker. Executors run them in worker processes, which import them from here by name."""

import os
import signal
import time
from pathlib import Path

from pipeline.batch.executors import Job
from pipeline.batch.memory import peak_memory_mb
from pipeline.batch.outcome import DocumentOutcome
from pipeline.batch.sources import SourceDocument


def jobs(*names: str) -> list[Job]:
    """Jobs for documents that need not exist: the functions here go by the name alone."""
    return [Job(SourceDocument(f"/corpus/{name}.pdf", name, "0", 0), False) for name in names]


MIB = 1024 * 1024


def pages_of_name(path: str) -> DocumentOutcome:
    """Behave by the file's name: `hang` sleeps past any limit, `die` kills its own process,
    `slow-…` takes a fifth of a second (so that others are in flight meanwhile), `greedy`
    fills 2 GiB of memory bit by bit, `bloated-hang` fills 200 MiB and hangs."""
    name = Path(path).stem
    held = []
    if name == "greedy":
        for _ in range(2048 // 32):
            held.append(b"\x01" * (32 * MIB))
            time.sleep(0.005)
    if name == "bloated-hang":
        held.append(b"\x01" * (200 * MIB))
        time.sleep(120)
    if name == "hang":
        time.sleep(120)
    if name.startswith("slow-"):
        time.sleep(0.2)
    if name == "die":
        os.kill(os.getpid(), signal.SIGKILL)
    return DocumentOutcome('{"records": []}', pages=len(name), peak_mb=peak_memory_mb())
