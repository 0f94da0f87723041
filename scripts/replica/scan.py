"""Scanned forms of a replica: image-only pages, and a scan under an invisible OCR text layer.

A scan is the replica's page rendered at about 200 dpi in grey, turned by a
fraction of a degree as a sheet lies on a scanner glass, with sensor noise and
a few specks, then compressed as JPEG. The random state is seeded from the
file name, so the same replica always gives the same scan.
"""

import io
import zlib
from pathlib import Path
from types import ModuleType

import numpy as np
import pymupdf
from PIL import Image

from replica.canvas import Replica

DPI = 200
NOISE_SIGMA = 6.0  # grey levels of sensor noise
SPECKS = 0.0004  # share of pixels flipped to black or white
JPEG_QUALITY = 70
# Rotation in degrees (counter-clockwise as seen) for each scanned report.
ROTATION = {"akiruno-r7-shokogyo": 0.45, "sanyo-onoda-r3-kpi": -0.35}


def _rng(name: str) -> np.random.Generator:
    return np.random.default_rng(zlib.crc32(name.encode()))


def scan_image(page: pymupdf.Page, angle: float, rng: np.random.Generator) -> bytes:
    """One page as a noisy, slightly rotated greyscale JPEG."""
    pixmap = page.get_pixmap(dpi=DPI, colorspace=pymupdf.csGRAY)
    image = Image.frombytes("L", (pixmap.width, pixmap.height), pixmap.samples)
    image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    pixels = np.asarray(image, dtype=np.float32)
    pixels = pixels + rng.normal(0.0, NOISE_SIGMA, pixels.shape)
    specks = rng.random(pixels.shape)
    pixels[specks < SPECKS / 2] = 0
    pixels[specks > 1 - SPECKS / 2] = 255
    noisy = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L")
    buffer = io.BytesIO()
    noisy.save(buffer, format="JPEG", quality=JPEG_QUALITY, dpi=(DPI, DPI))
    return buffer.getvalue()


def _save(doc: pymupdf.Document, path: Path, title: str) -> Path:
    doc.set_metadata({"title": title, "producer": "kpi-pipeline fixture scan"})
    doc.save(str(path), garbage=4, deflate=True, no_new_id=True)
    return path


def scanned_variant(text_pdf: Path) -> Path:
    """`<stem>-scan.pdf`: every page an image, no text layer at all."""
    source = pymupdf.open(text_pdf)
    rng = _rng(text_pdf.stem)
    angle = ROTATION[text_pdf.stem]
    scan = pymupdf.open()
    for page in source:
        out = scan.new_page(width=page.rect.width, height=page.rect.height)
        out.insert_image(out.rect, stream=scan_image(page, angle, rng))
    return _save(scan, text_pdf.with_name(f"{text_pdf.stem}-scan.pdf"), source.metadata["title"])


def ocr_layer_variant(text_pdf: Path, layout: ModuleType, font_file: str | None) -> Path:
    """`<stem>-ocr.pdf`: the scan image visible, the report's text invisible over its cells.

    The invisible layer is the same layout drawn in render mode 3 and turned
    with the image, so each string lies over the cell it was read from — the
    form an OCR program gives a scan it has read.
    """
    source = pymupdf.open(text_pdf)
    rng = _rng(text_pdf.stem)
    angle = ROTATION[text_pdf.stem]
    replica = Replica(font_file, invisible=True, rotation=angle)
    layout.draw(replica)
    for page, original in zip(replica.doc, source, strict=True):
        page.insert_image(page.rect, stream=scan_image(original, angle, rng), overlay=False)
    replica.doc.subset_fonts()
    return _save(replica.doc, text_pdf.with_name(f"{text_pdf.stem}-ocr.pdf"), layout.TITLE)
