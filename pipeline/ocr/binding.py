"""Tesseract read in process through the tesserocr binding, each model loaded once.

A slot is one loaded model for one worker thread: it lives as long as the
process (keyed by its id, so a forked child loads its own), and a lock keeps
two callers' threads off one slot. Tesseract lets go of Python's lock while it
reads, so the worker threads read side by side. libgomp reads
OMP_THREAD_LIMIT when libtesseract loads, so it is set before the import: the
workers already share the cores. Built against the system's libtesseract
(`pip install --no-binary tesserocr`), the binding reads exactly what the
command reads.
"""

import functools
import os
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.ocr.image_grid import Image

if TYPE_CHECKING:
    from tesserocr import PyTessBaseAPI


@dataclass(frozen=True)
class Call:
    """How the lines are read: language(s), page segmentation, the images' dpi, the
    tessdata folder ("" for the binding's own) and the seconds one line may take."""

    language: str
    mode: int
    dpi: int
    tessdata: str
    timeout: float


@functools.cache
def available() -> bool:
    """Whether tesserocr imports; asked once."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        import tesserocr  # noqa: F401
    except ImportError:
        return False
    return True


def languages(tessdata: str) -> tuple[str, set[str]]:
    """The tessdata folder the binding reads and the languages it holds."""
    import tesserocr

    folder, names = tesserocr.get_languages(tessdata) if tessdata else tesserocr.get_languages()
    return folder, set(names)


def version() -> str:
    """The first line of the linked Tesseract's version."""
    import tesserocr

    return str(tesserocr.tesseract_version()).splitlines()[0].strip()


@dataclass
class _Slot:
    api: "PyTessBaseAPI"
    lock: threading.Lock


_SLOTS: dict[tuple[int, str, str, int], _Slot] = {}
_SLOTS_LOCK = threading.Lock()


def _slot(call: Call, worker: int) -> _Slot:
    key = (os.getpid(), call.tessdata, call.language, worker)
    with _SLOTS_LOCK:
        if key not in _SLOTS:
            _SLOTS[key] = _Slot(_load(call), threading.Lock())
        return _SLOTS[key]


def _load(call: Call) -> "PyTessBaseAPI":
    """A model loaded: the cost the slots exist to pay once."""
    import tesserocr

    if call.tessdata:
        return tesserocr.PyTessBaseAPI(path=call.tessdata, lang=call.language)
    return tesserocr.PyTessBaseAPI(lang=call.language)


def read(call: Call, shares: Sequence[Sequence[Image]]) -> tuple[list[str], list[str]]:
    """Each share's images read by one worker slot, side by side: per share, TSV in the
    command's multi-page shape (a header, then each image numbered from 1), and a warning
    for each share that failed."""
    with ThreadPoolExecutor(max_workers=max(1, len(shares))) as pool:
        done = list(pool.map(lambda n: _read_share(call, n, shares[n]), range(len(shares))))
    return [output for output, _ in done], [warning for _, warning in done if warning]


def _read_share(call: Call, worker: int, images: Sequence[Image]) -> tuple[str, str]:
    try:
        slot = _slot(call, worker)
    except RuntimeError as error:
        return "", f"Tesseract failed on part of the page: {error}"
    parts = ["level\tpage_num\n"]
    lost = 0
    with slot.lock:
        slot.api.SetPageSegMode(call.mode)
        for number, image in enumerate(images):
            height, width = image.shape[:2]
            depth = image.shape[2] if image.ndim == 3 else 1
            slot.api.SetImageBytes(image.tobytes(), width, height, depth, width * depth)
            slot.api.SetSourceResolution(call.dpi)
            if not slot.api.Recognize(timeout=max(1, round(call.timeout * 1000))):
                lost += 1
                continue
            parts.append(slot.api.GetTSVText(number))
    warning = f"Tesseract gave up on {lost} line(s) of the page" if lost else ""
    return "".join(parts), warning
