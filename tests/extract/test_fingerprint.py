"""The settings fingerprint: what makes a stored document stale, and what does not."""

from pathlib import Path

import pytest

from pipeline.layout.strategies import LayoutSettings
from pipeline.ocr.tesseract import Tesseract
from pipeline.understand import extract
from pipeline.understand.extract import ExtractSettings


def test_vocabulary_and_settings_change_the_fingerprint_but_notes_do_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "units.txt").write_text("人\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("notes\n", encoding="utf-8")
    monkeypatch.setattr(extract, "MODELS", tmp_path)
    first = ExtractSettings().fingerprint()
    assert ExtractSettings().fingerprint() == first
    (tmp_path / "README.md").write_text("other notes\n", encoding="utf-8")
    assert ExtractSettings().fingerprint() == first
    (tmp_path / "units.txt").write_text("人\n件\n", encoding="utf-8")
    changed = ExtractSettings().fingerprint()
    assert changed != first
    assert ExtractSettings(layout=LayoutSettings(min_quality=0.5)).fingerprint() != changed


def test_another_tesseract_or_its_language_data_changes_the_fingerprint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(Tesseract, "signature", lambda self: "tesseract 5.3.0 jpn:aaaa")
    first = ExtractSettings().fingerprint()
    monkeypatch.setattr(Tesseract, "signature", lambda self: "tesseract 5.3.0 jpn:bbbb")
    assert ExtractSettings().fingerprint() != first
