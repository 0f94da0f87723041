"""Settings from a TOML file: any field of `ExtractSettings`, by the section it lives in.

    [understand]
    mapping_floor = 0.6

    [layout.ocr]
    dpi = 400

A key the settings do not have, a value of the wrong type or out of its range is an
error naming the file and the key, never silently ignored: a nightly job that reads
with other settings than it was told would store wrong data as right.
"""

import dataclasses
import json
import tomllib
from pathlib import Path
from typing import Any

from pipeline.understand.extract import ExtractSettings


class SettingsFileError(ValueError):
    """A settings file that cannot be used, with the file and the key at fault."""


def load_settings(path: Path | None) -> ExtractSettings:
    """The settings a file gives, the defaults for whatever it leaves out; None: defaults."""
    if path is None:
        return ExtractSettings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise SettingsFileError(f"{path}: cannot read the settings: {error}") from error
    built: ExtractSettings = _build(ExtractSettings(), data, path, "")
    return built


def _build(default: Any, data: dict[str, Any], path: Path, where: str) -> Any:
    known = {field.name for field in dataclasses.fields(default) if field.init}
    values: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{where}{key}"
        if key not in known:
            raise SettingsFileError(
                f"{path}: unknown setting `{name}` (known here: {', '.join(sorted(known))})"
            )
        current = getattr(default, key)
        if dataclasses.is_dataclass(current):
            if not isinstance(value, dict):
                raise SettingsFileError(f"{path}: `{name}` is a section: write it as [{name}]")
            values[key] = _build(current, value, path, f"{name}.")
        else:
            values[key] = _value(value, current, path, name)
    try:
        return dataclasses.replace(default, **values)
    except (ValueError, TypeError) as error:
        raise SettingsFileError(f"{path}: [{where.rstrip('.') or 'top'}] {error}") from error


def _value(value: Any, current: Any, path: Path, name: str) -> Any:
    """The value coerced to the type of the default it replaces."""
    if isinstance(current, bool) or isinstance(value, bool):
        ok = isinstance(current, bool) and isinstance(value, bool)
    elif isinstance(current, float):
        ok = isinstance(value, int | float)
        value = float(value) if ok else value
    elif isinstance(current, tuple):
        ok = isinstance(value, list)
        value = tuple(value) if ok else value
    else:
        ok = isinstance(value, type(current))
    if not ok:
        expected = type(current).__name__
        raise SettingsFileError(f"{path}: `{name}` must be {expected}, not {value!r}")
    return value


def settings_toml(settings: ExtractSettings) -> str:
    """The resolved settings as a settings file would give them, every section written out."""
    lines: list[str] = []
    _write_section(dataclasses.asdict(settings), "", lines)
    return "\n".join(lines).strip() + "\n"


def _write_section(data: dict[str, Any], name: str, lines: list[str]) -> None:
    scalars = {key: value for key, value in data.items() if not isinstance(value, dict)}
    if name and scalars:
        lines += ["", f"[{name}]"]
    lines += [f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in scalars.items()]
    for key, value in data.items():
        if isinstance(value, dict):
            _write_section(value, f"{name}.{key}" if name else key, lines)
