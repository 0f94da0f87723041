"""Tesseract: is it usable, and what it reads in a batch of line images.

Loading the Japanese model costs more than reading a line (about ten lines'
worth), so where the tesserocr binding is installed each worker thread loads
each model once for the life of the process and reads every later batch in
process (`binding.py`). Without it, a page's lines go to one Tesseract process
per worker as a list of images (Tesseract reads a text file of image paths as
a multi-page input), and a batch too small to repay a second model load goes
to one process. Either way Tesseract is held to one thread a worker: the
workers already share the cores.
"""

import functools
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2

from pipeline.ocr import binding
from pipeline.ocr.image_grid import Image


@dataclass(frozen=True)
class Read:
    """A word Tesseract read: its text, its box in the image's pixels, its confidence (0–100)."""

    text: str
    box: tuple[float, float, float, float]
    confidence: float


def is_unsure(line: Sequence[Read], floor: float) -> bool:
    """Whether a line holds a word scored below `floor`, or nothing was read from its ink."""
    return min((read.confidence for read in line), default=0.0) < floor


def more_confident(first: list[Read], second: list[Read]) -> list[Read]:
    """The reading of a line whose words Tesseract scores higher on average; the first on a tie."""
    return second if mean_confidence(second) > mean_confidence(first) else first


def mean_confidence(line: Sequence[Read]) -> float:
    """The mean of a line's word confidences; 0 for a line with no words."""
    return sum(read.confidence for read in line) / len(line) if line else 0.0


# The command as Debian installs it. A command named otherwise is what the user asks to
# read with, so it is run as a command even where the binding is installed.
COMMAND = "tesseract"


@dataclass(frozen=True)
class Tesseract:
    """One way of calling Tesseract: the command, the language(s), the dpi the images are at."""

    command: str = COMMAND
    language: str = "jpn"
    dpi: int = 300
    workers: int = 2
    timeout: float = 600.0  # seconds one process (in process: one line) may take
    mode: int = 7  # page segmentation: 7 reads each image as one line of text
    share: int = 0  # fewest images worth a process (and a model load) of their own
    binding: bool = True  # read in process through tesserocr where it is installed

    @property
    def in_process(self) -> bool:
        """Whether lines are read through the binding rather than by running the command."""
        return self.binding and self.command == COMMAND and binding.available()

    def problem(self) -> str | None:
        """None when Tesseract runs and has the language data, else a warning naming the fix."""
        if self.in_process:
            return _binding_problem(self.command, self.language)
        return _problem(self.command, self.language)

    def signature(self) -> str:
        """Tesseract's version and a hash of each language's data: what OCR reads depends on
        both, so a document read by another Tesseract is read again."""
        return _signature(self.command, self.language, self.in_process)

    def read(self, images: Sequence[Image]) -> tuple[list[list[Read]], list[str]]:
        """The words of each image, and a warning for each share of them that failed."""
        if not images:
            return [], []
        in_process = self.in_process
        # In process a model is loaded once for the process, not once for the batch.
        shares = split_batch(len(images), self.workers, 1 if in_process else self.share)
        if in_process:
            call = binding.Call(
                self.language, self.mode, self.dpi, _tessdata(self.command), self.timeout
            )
            outputs, warnings = binding.read(call, [[images[i] for i in s] for s in shares])
        else:
            with tempfile.TemporaryDirectory(prefix="kpi-ocr-") as folder:
                lists = [
                    _write_list(Path(folder), n, [images[i] for i in share])
                    for n, share in enumerate(shares)
                ]
                outputs, warnings = self._run(lists)
        found: list[list[Read]] = [[] for _ in images]
        for share, output in zip(shares, outputs, strict=True):
            for number, read in parse_tsv(output):
                if 1 <= number <= len(share):
                    found[share[number - 1]].append(read)
        return found, warnings

    def _run(self, lists: list[Path]) -> tuple[list[str], list[str]]:
        environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        options = ["-l", self.language, "--psm", str(self.mode), "--dpi", str(self.dpi), "tsv"]
        processes = [
            subprocess.Popen(
                [self.command, str(listing), "-", *options],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=environment,
            )
            for listing in lists
        ]
        outputs: list[str] = []
        warnings: list[str] = []
        for process in processes:
            try:
                out, err = process.communicate(timeout=self.timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.communicate()
                out, err = "", f"no answer within {self.timeout:g} s"
            if process.returncode:
                warnings.append(f"Tesseract failed on part of the page: {err.strip()[-300:]}")
            outputs.append(out)
        return outputs, warnings


def split_batch(count: int, workers: int, least: int) -> list[list[int]]:
    """The image numbers each process reads: as many processes as workers, unless that would
    leave one fewer than `least` images to repay its model load; never an empty one."""
    processes = max(1, min(workers, count, count // max(1, least)))
    return [list(range(w, count, processes)) for w in range(processes)]


@functools.cache
def _problem(command: str, language: str) -> str | None:
    """Asked once per command and language: a batch asks for every page."""
    if shutil.which(command) is None:
        return f"OCR skipped: no Tesseract ({command!r} not found); {install_hint(language)}"
    try:
        listed = subprocess.run(
            [command, "--list-langs"], capture_output=True, text=True, timeout=60, check=True
        )
    except (OSError, subprocess.SubprocessError) as error:
        return f"OCR skipped: Tesseract does not run ({error}); {install_hint(language)}"
    return _missing_data(language, set(listed.stdout.split()[1:]), "")


@functools.cache
def _binding_problem(command: str, language: str) -> str | None:
    folder, installed = binding.languages(_tessdata(command))
    return _missing_data(language, installed, f" in {folder}")


def _missing_data(language: str, installed: set[str], where: str) -> str | None:
    """The warning for the languages whose data is not installed (`where`: the folder
    looked in, as the message says it); None when every one is."""
    missing = [name for name in language.split("+") if name not in installed]
    if not missing:
        return None
    names = "+".join(missing)
    return f"OCR skipped: no Tesseract language data for {names}{where}; {install_hint(language)}"


@functools.cache
def _tessdata(command: str) -> str:
    """The folder of language data the command reads, so the binding reads the same; ""
    where the command is not there to say."""
    if shutil.which(command) is None:
        return ""
    try:
        listed = subprocess.run(
            [command, "--list-langs"], capture_output=True, text=True, timeout=60, check=True
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    folder = re.search(r'"([^"]+)"', listed.stdout)
    return folder.group(1) if folder else ""


@functools.cache
def _signature(command: str, language: str, in_process: bool) -> str:
    if in_process:
        if _binding_problem(command, language) is not None:
            return "unavailable"
        folder = binding.languages(_tessdata(command))[0]
        parts = [binding.version()]
    else:
        if _problem(command, language) is not None:
            return "unavailable"
        version = subprocess.run([command, "--version"], capture_output=True, text=True, timeout=60)
        folder = _tessdata(command)
        parts = [(version.stdout or version.stderr).splitlines()[0].strip()]
    for name in language.split("+"):
        data = Path(folder) / f"{name}.traineddata" if folder else None
        digest = (
            hashlib.sha256(data.read_bytes()).hexdigest()[:16] if data and data.is_file() else "?"
        )
        parts.append(f"{name}:{digest}")
    return " ".join(parts)


def install_hint(language: str) -> str:
    """The Debian packages that bring Tesseract and the language data."""
    packages = " ".join(
        f"tesseract-ocr-{name.lower().replace('_', '-')}" for name in language.split("+")
    )
    return f"install it with `apt-get install tesseract-ocr {packages}`"


# Line images live for one read: compressing them costs more than writing their bytes.
_UNCOMPRESSED = [cv2.IMWRITE_PNG_COMPRESSION, 0]


def _write_list(folder: Path, worker: int, images: list[Image]) -> Path:
    paths: list[str] = []
    for number, image in enumerate(images):
        path = folder / f"{worker}-{number:05d}.png"
        cv2.imwrite(str(path), image, _UNCOMPRESSED)
        paths.append(str(path))
    listing = folder / f"{worker}.txt"
    listing.write_text("\n".join(paths) + "\n", encoding="utf-8")
    return listing


def parse_tsv(output: str) -> list[tuple[int, Read]]:
    """(image number from 1, word) for every word of Tesseract's TSV output."""
    found: list[tuple[int, Read]] = []
    for line in output.splitlines()[1:]:
        fields = line.split("\t")
        if len(fields) < 12 or fields[0] != "5" or not fields[11].strip():
            continue
        left, top, width, height = (float(v) for v in fields[6:10])
        box = (left, top, left + width, top + height)
        found.append((int(fields[1]), Read(fields[11], box, float(fields[10]))))
    return found
