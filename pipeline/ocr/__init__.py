"""OCR: takes a scanned page (and any text layer over it), gives its tables read from the
image: the grid found with OpenCV, each line read by Tesseract, the layer's text judged
cell by cell and kept only where it holds.
"""

from pipeline.ocr.noise import table_without_scan_noise
from pipeline.ocr.page import ocr_page
from pipeline.ocr.settings import OCR_MODES, OcrMode, OcrSettings, ocr_problem

__all__ = [
    "OCR_MODES",
    "OcrMode",
    "OcrSettings",
    "ocr_page",
    "ocr_problem",
    "table_without_scan_noise",
]
