"""The `kpi report` command: the review report of a store, as a static HTML site.

Exit status: 0 when the site was written, 2 when the store or the gold cannot
be read or the site cannot be written.
"""

from pathlib import Path

import click

from pipeline.batch import StoreError, load_gold
from pipeline.cli.batch import STORE_OPTION
from pipeline.cli.options import output_options
from pipeline.model import RecordFileError
from pipeline.report import ReportSettings, SiteFolderError, read_store, write_report
from pipeline.score import NoGoldError, TwinsFileError

EXIT_BAD_INPUT = 2


@click.command("report")
@STORE_OPTION
@click.option(
    "--gold",
    "gold_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Score the store's documents against these gold record files.",
)
@click.option(
    "-o",
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write the site into (index.html is its summary page).",
)
@click.option("--dpi", type=click.IntRange(36, 300), default=96, show_default=True)
@click.option(
    "--layout/--no-layout",
    default=True,
    show_default=True,
    help="Run the layout stage again to outline each page's tables and cells (OCR for scans).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Replace OUT even when it holds other files than a report (an old report is replaced"
    " without it).",
)
@output_options
def report(
    store_path: Path, gold_dir: Path | None, out: Path, dpi: int, layout: bool, force: bool
) -> None:
    """Write the review report of a store: scores, every page with its facts outlined, misses.

    Opens from disk (OUT/index.html) with no server and no network. The site is
    written into a new folder that then replaces OUT, so nothing of an older site
    stays; an OUT holding other files is refused (exit 2) unless --force.
    """
    try:
        view = read_store(store_path)
        gold = load_gold(gold_dir) if gold_dir is not None else None
        settings = ReportSettings(dpi=dpi, layout=layout)
        written = write_report(view, gold, out, settings, force)
    except (
        StoreError,
        RecordFileError,
        TwinsFileError,
        NoGoldError,
        SiteFolderError,
        OSError,
    ) as error:
        click.echo(f"error: {error}", err=True)
        raise click.exceptions.Exit(EXIT_BAD_INPUT) from error
    for warning in written.warnings:
        click.echo(f"warning: {warning}", err=True)
    if written.scorecard is not None:
        click.echo(f"fact F1 {written.scorecard.totals.facts.figures().f1:.3f}")
    click.echo(f"wrote {written.index} and {len(written.documents)} document pages")
