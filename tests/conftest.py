"""Suite-wide: each fixture PDF is laid out once per session.

The scans take seconds a page to OCR, and the extraction, grid and review tests all
lay out the same eight fixtures. `layout_document` is wrapped for the session so that
a fixture file (keyed on its path, size, modification time and the layout settings)
is read once and every later caller gets its own deep copy of that layout. Other
files (the tests' own PDFs in temporary folders) are read as usual.
"""

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pipeline import layout
from pipeline.layout import pages
from pipeline.layout.pages import DocumentLayout
from pipeline.layout.strategies import LayoutSettings
from pipeline.understand import extract

FIXTURE_PDFS = Path(__file__).resolve().parent / "fixtures" / "pdfs"


@pytest.fixture(scope="session", autouse=True)
def fixtures_laid_out_once() -> Iterator[None]:
    read = pages.layout_document
    cache: dict[tuple[Any, ...], DocumentLayout] = {}

    def layout_once(path: Path, settings: LayoutSettings | None = None) -> DocumentLayout:
        resolved = Path(path).resolve()
        if resolved.parent != FIXTURE_PDFS:
            return read(path, settings)
        status = resolved.stat()
        key = (resolved, status.st_size, status.st_mtime_ns, settings or LayoutSettings())
        if key not in cache:
            cache[key] = read(path, settings)
        return copy.deepcopy(cache[key])

    patch = pytest.MonkeyPatch()
    for module in (pages, layout, extract):
        patch.setattr(module, "layout_document", layout_once)
    yield
    patch.undo()
