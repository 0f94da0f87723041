"""Options more than one command takes."""

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from pipeline.understand import ExtractSettings

EXIT_USAGE = 2

settings_option: Callable[[Callable[..., Any]], Callable[..., Any]] = click.option(
    "--settings",
    "settings_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A TOML file overriding any setting by its section ([understand], [layout.ocr], …); "
    "`kpi settings` prints them all.",
)


def resolved_settings(path: Path | None) -> "ExtractSettings":
    """The settings a command runs with; a settings file that cannot be used exits 2."""
    from pipeline.understand import SettingsFileError, load_settings

    try:
        return load_settings(path)
    except SettingsFileError as error:
        click.echo(f"error: {error}", err=True)
        raise click.exceptions.Exit(EXIT_USAGE) from error
