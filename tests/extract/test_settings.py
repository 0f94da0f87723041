"""One settings object for the whole pipeline: shown by `kpi settings`, overridden by a TOML
file, every value checked, every change in the fingerprint."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.understand import ExtractSettings, SettingsFileError, UnderstandSettings
from pipeline.understand.settings_file import load_settings, settings_toml


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_kpi_settings_prints_the_resolved_settings_and_their_fingerprint() -> None:
    result = CliRunner().invoke(main, ["settings"])
    assert result.exit_code == 0, result.output
    assert "[understand]\n" in result.output and "mapping_floor = 0.5\n" in result.output
    assert f"# fingerprint: {ExtractSettings().fingerprint()}" in result.output


def test_a_settings_file_changes_a_threshold_and_the_fingerprint(tmp_path: Path) -> None:
    path = _file(tmp_path, "[understand]\nmapping_floor = 0.6\n\n[layout.ocr]\ndpi = 400\n")
    settings = load_settings(path)
    assert settings.understand.mapping_floor == 0.6
    assert settings.layout.ocr.dpi == 400
    assert settings.understand.header_cells == UnderstandSettings().header_cells
    assert settings.fingerprint() != ExtractSettings().fingerprint()
    result = CliRunner().invoke(main, ["settings", "--settings", str(path)])
    assert "mapping_floor = 0.6\n" in result.output
    assert settings.fingerprint() in result.output


def test_the_printed_settings_read_back_as_the_same_settings(tmp_path: Path) -> None:
    path = _file(tmp_path, settings_toml(ExtractSettings()))
    assert load_settings(path) == ExtractSettings()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[understand]\nmaping_floor = 0.6\n", "unknown setting `understand.maping_floor`"),
        ('[understand]\nmapping_floor = "high"\n', "`understand.mapping_floor` must be float"),
        ("[understand]\nmapping_floor = 1.5\n", "mapping_floor must lie in [0, 1]"),
        ("[understand]\nheader_cells = 0\n", "header_cells must be at least 1"),
        ("understand = 3\n", "`understand` is a section"),
        ("[understand\n", "cannot read the settings"),
    ],
)
def test_a_bad_settings_file_is_refused_naming_the_key(
    tmp_path: Path, text: str, message: str
) -> None:
    path = _file(tmp_path, text)
    with pytest.raises(SettingsFileError) as raised:
        load_settings(path)
    assert message in str(raised.value) and str(path) in str(raised.value)
    result = CliRunner().invoke(
        main, ["extract", "x.pdf", "--out", str(tmp_path), "--settings", str(path)]
    )
    assert result.exit_code == 2
