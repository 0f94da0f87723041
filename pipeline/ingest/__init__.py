"""Ingest, the first stage: takes a PDF path, gives its pages, each with a kind (text,
image, mixed, blank), its words with boxes and raw and folded text, and the marks of a
broken or OCR'd text layer; a file that cannot be read at all raises `IngestError` with
a code.
"""

from pipeline.ingest.pages import UNMAPPED, IngestError, Page, open_pdf, read_page

__all__ = [
    "UNMAPPED",
    "IngestError",
    "Page",
    "open_pdf",
    "read_page",
]
