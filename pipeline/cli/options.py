"""Options more than one command takes, declared once: what to read and how, what to print.

`reading_options` gives a command the settings it reads with (`--settings`,
`--pages`, `--ocr`, `--ocr-lang`) as one `ExtractSettings`; `output_options`
prints its lines as `--quiet` and `--log-format` ask.
"""

import dataclasses
import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from pipeline.cli.messages import LOG_FORMATS, LogFormat, printed_as
from pipeline.ocr import OCR_MODES, OcrMode
from pipeline.understand import ExtractSettings, SettingsFileError, load_settings

EXIT_USAGE = 2
# Exit status for a file that cannot be read or written, as for a usage error.
EXIT_BAD_FILE = 2
MAX_PAGE = 99_999  # a page list's ranges stop here: no PDF of a report is longer
Command = Callable[..., None]

_PART = re.compile(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?")


class PageList(click.ParamType[tuple[int, ...]]):
    """Page numbers from 1, listed and ranged as `1,3-5`, given back sorted and each once."""

    name = "PAGES"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> tuple[int, ...]:
        if isinstance(value, tuple):
            return value
        pages: set[int] = set()
        for part in str(value).split(","):
            match = _PART.fullmatch(part)
            first, last = (int(match[1]), int(match[2] or match[1])) if match else (0, 0)
            if not 1 <= first <= last <= MAX_PAGE:
                self.fail(f"{value!r} is not a page list such as 1,3-5", param, ctx)
            pages.update(range(first, last + 1))
        return tuple(sorted(pages))


PAGES = PageList()


def resolved_settings(path: Path | None) -> ExtractSettings:
    """The settings a file gives; a settings file that cannot be used exits 2."""
    try:
        return load_settings(path)
    except SettingsFileError as error:
        click.echo(f"error: {error}", err=True)
        raise click.exceptions.Exit(EXIT_USAGE) from error


def _reading_settings(
    path: Path | None, pages: tuple[int, ...] | None, ocr: OcrMode | None, ocr_lang: str | None
) -> ExtractSettings:
    """The settings file's settings, with what the options change put over them."""
    settings = resolved_settings(path)
    layout = settings.layout
    if pages is not None:
        layout = dataclasses.replace(layout, pages=pages)
    if ocr is not None:
        layout = dataclasses.replace(layout, ocr=dataclasses.replace(layout.ocr, mode=ocr))
    if ocr_lang is not None:
        try:
            language = dataclasses.replace(layout.ocr, language=ocr_lang)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--ocr-lang") from error
        layout = dataclasses.replace(layout, ocr=language)
    return dataclasses.replace(settings, layout=layout)


def reading_options(command: Command) -> Command:
    """Add `--settings`, `--pages`, `--ocr` and `--ocr-lang`; the command is given
    `settings`, the ExtractSettings they make, in their place."""

    @functools.wraps(command)
    def with_settings(
        *args: Any,
        settings_path: Path | None,
        pages: tuple[int, ...] | None,
        ocr: OcrMode | None,
        ocr_lang: str | None,
        **kwargs: Any,
    ) -> None:
        command(*args, settings=_reading_settings(settings_path, pages, ocr, ocr_lang), **kwargs)

    options = [
        click.option(
            "--settings",
            "settings_path",
            type=click.Path(exists=True, dir_okay=False, path_type=Path),
            help="A TOML file overriding any setting by its section ([understand], [layout.ocr],"
            " …); `kpi settings` prints them all.",
        ),
        click.option("--pages", type=PAGES, help="Read only these pages: 1,3-5.  [default: all]"),
        click.option(
            "--ocr",
            type=click.Choice(OCR_MODES),
            help="auto: OCR scans; force: OCR every page; off: OCR nothing."
            "  [default: --settings' mode, else auto]",
        ),
        click.option(
            "--ocr-lang",
            help="Tesseract's languages, as jpn+eng.  [default: --settings' language, else jpn]",
        ),
    ]
    return functools.reduce(lambda done, option: option(done), reversed(options), with_settings)


def output_options(command: Command) -> Command:
    """Add `--quiet` and `--log-format`: the command prints as they ask."""

    @functools.wraps(command)
    def printing(*args: Any, quiet: bool, log_format: LogFormat, **kwargs: Any) -> None:
        name = click.get_current_context().info_name or command.__name__
        with printed_as(name, quiet, log_format):
            command(*args, **kwargs)

    options = [
        click.option("-q", "--quiet", is_flag=True, help="Print warnings and errors only."),
        click.option(
            "--log-format",
            type=click.Choice(LOG_FORMATS),
            default="text",
            show_default=True,
            help="json: each line printed is an object with its time, level and message.",
        ),
    ]
    return functools.reduce(lambda done, option: option(done), reversed(options), printing)
