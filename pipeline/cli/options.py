"""Options more than one command takes."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from pipeline.understand import ExtractSettings, SettingsFileError, load_settings

EXIT_USAGE = 2

settings_option: Callable[[Callable[..., Any]], Callable[..., Any]] = click.option(
    "--settings",
    "settings_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A TOML file overriding any setting by its section ([understand], [layout.ocr], …); "
    "`kpi settings` prints them all.",
)


def resolved_settings(path: Path | None) -> ExtractSettings:
    """The settings a command runs with; a settings file that cannot be used exits 2."""
    try:
        return load_settings(path)
    except SettingsFileError as error:
        click.echo(f"error: {error}", err=True)
        raise click.exceptions.Exit(EXIT_USAGE) from error
