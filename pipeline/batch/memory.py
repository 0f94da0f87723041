"""A worker's memory: the limit it is stopped at, and the peak over every worker of a run.

A document can make its worker grow without bound (a long stream of drawing
operators grew one to 4.3 GB before its time limit), and a worker the time limit
or a crash stops reports no peak of its own. So each worker of the local pool
runs a watch: a thread that reads the worker's resident memory several times a
second, ends the worker with `MEMORY_LIMIT_EXIT` when it is over the limit while
a document is read, and keeps the largest peak of the run's workers in one
number they share with the runner.
"""

import os
import re
import resource
import sys
import threading
import time
from collections.abc import Callable
from multiprocessing.sharedctypes import Synchronized
from typing import TypeVar

MIB = 1024 * 1024
# What a worker may hold when the machine has memory to spare: the peak of a worker
# over the whole fixture corpus, OCR included, is about 600 MB.
DEFAULT_MEMORY_LIMIT = 2048 * MIB
# The exit status of a worker ended for its memory (pebble gives it with the task).
MEMORY_LIMIT_EXIT = 86
WATCH_SECONDS = 0.05
Outcome = TypeVar("Outcome")

# As Docker and ulimit read them: one letter (k, m, g) and the -iB units are binary, kB, MB
# and GB decimal.
_UNITS = {"": MIB, "k": 1024, "kb": 1000, "kib": 1024, "m": MIB, "mb": 1000**2, "mib": MIB}
_UNITS |= {"g": 1024 * MIB, "gb": 1000**3, "gib": 1024 * MIB}
_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]*)")

# Set while this process reads a document: only then is it over its limit for a document's sake.
_reading = threading.Event()


def parse_memory_size(text: str) -> int:
    """Bytes of a size such as `2GiB`, `1500MB` or `512M`; a bare number is in MiB."""
    found = _SIZE.fullmatch(text.strip().lower())
    if found is None or found.group(2) not in _UNITS:
        raise ValueError(f"{text!r} is not a memory size (such as 2GiB, 1500MB or 512)")
    return int(float(found.group(1)) * _UNITS[found.group(2)])


def default_memory_limit(workers: int) -> int:
    """2 GiB a worker, or the machine's memory shared among the workers if that is less."""
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError):
        return DEFAULT_MEMORY_LIMIT
    return min(DEFAULT_MEMORY_LIMIT, memory // workers)


def peak_memory_mb() -> float:
    """This process's peak resident set size in MB (ru_maxrss is KB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / MIB if sys.platform == "darwin" else peak / 1024


def resident_bytes() -> int:
    """This process's resident memory now; where /proc is missing, its peak."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return int(peak_memory_mb() * MIB)


def run_watched(function: Callable[[str], Outcome], path: str) -> Outcome:
    """`function(path)`, the time it takes marked as a document's, when the watch may end it."""
    _reading.set()
    try:
        return function(path)
    finally:
        _reading.clear()


def watch_memory(limit: int, peak_mb: "Synchronized[float]") -> None:
    """Start this worker's watch (see the module's docstring)."""

    def watch() -> None:
        while True:
            _reading.wait()  # idle between documents, it cannot grow for a document's sake
            time.sleep(WATCH_SECONDS)
            with peak_mb.get_lock():
                peak_mb.value = max(peak_mb.value, peak_memory_mb())
            if _reading.is_set() and resident_bytes() > limit:
                os._exit(MEMORY_LIMIT_EXIT)

    threading.Thread(target=watch, name="memory-watch", daemon=True).start()
