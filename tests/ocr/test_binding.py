"""Tesseract read in process: the same words, boxes and confidences as its command, in the
order the images were given, and each model loaded once for the process."""

from pathlib import Path

import numpy as np
import pytest
from PIL import Image as PilImage
from PIL import ImageDraw, ImageFont

from pipeline.ocr import binding
from pipeline.ocr.image_grid import Image
from pipeline.ocr.tesseract import Tesseract

GOTHIC = Path("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf")


def line_image(text: str) -> Image:
    font = ImageFont.truetype(str(GOTHIC), 40)
    canvas = PilImage.new("L", (40 * len(text) + 40, 70), 255)
    ImageDraw.Draw(canvas).text((20, 12), text, font=font, fill=0)
    return np.asarray(canvas, dtype=np.uint8)


LINES = [line_image(text) for text in ("観光入込客数", "1,234人", "令和6年度", "52.3%")]


def test_in_process_reads_what_the_command_reads_in_the_images_order() -> None:
    in_process = Tesseract(dpi=450, binding=True)
    command = Tesseract(dpi=450, binding=False)
    assert in_process.in_process and not command.in_process
    found, warnings = in_process.read(LINES)
    assert found == command.read(LINES)[0]
    assert not warnings
    assert "".join(word.text for word in found[0]) == "観光入込客数"
    assert "".join(word.text for word in found[1]) == "1,234人"


def test_each_model_is_loaded_once_for_the_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(binding, "_SLOTS", {})
    loads: list[str] = []
    load = binding._load

    def counted(call: binding.Call) -> object:
        loads.append(call.language)
        return load(call)

    monkeypatch.setattr(binding, "_load", counted)
    engine = Tesseract(dpi=450, workers=2)
    for _ in range(3):
        engine.read(LINES)
    Tesseract(dpi=450, workers=2, mode=13).read(LINES)  # another mode: the same models
    assert loads == ["jpn", "jpn"]  # one a worker


def test_a_line_that_outlasts_the_timeout_is_lost_with_a_warning() -> None:
    found, warnings = Tesseract(dpi=450, workers=1, timeout=0.001).read(LINES[:1])
    assert found == [[]]
    assert warnings == ["Tesseract gave up on 1 line(s) of the page"]


def test_a_command_of_ones_own_is_run_as_a_command() -> None:
    assert not Tesseract(command="/opt/tesseract-5.5/bin/tesseract").in_process
