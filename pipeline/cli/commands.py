"""The commands that read documents into records: extract, and settings, which prints what
extract reads with. They import the reading stages only: `kpi extract` starts without the
scorer or the report."""

from pathlib import Path

import click

from pipeline.cli.options import output_options, reading_options
from pipeline.understand import ExtractSettings, extract_to, settings_toml


@click.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Directory for one <doc_id>.json per PDF (and <doc_id>.error.json for a failure).",
)
@reading_options
@output_options
def extract(sources: tuple[Path, ...], out_dir: Path, settings: ExtractSettings) -> None:
    """Read each PDF, and every PDF under each folder, into a kpi-record/1 file; a document
    that fails gets an error file instead.

    Exits 0 when every document was read, 1 when some failed, 2 for a bad settings file.
    """
    pdfs = _pdfs(sources)
    failed = 0
    for pdf in pdfs:
        outcome = extract_to(pdf, out_dir, settings)
        if outcome.error is not None:
            failed += 1
            click.echo(f"error: {pdf}: {outcome.error}", err=True)
            continue
        for warning in outcome.warnings:
            click.echo(f"warning: {pdf.name}: {warning}", err=True)
        click.echo(f"{outcome.path}: {outcome.records} records, {outcome.facts} facts")
    click.echo(f"{len(pdfs) - failed} extracted, {failed} failed", err=True)
    if failed:
        raise click.exceptions.Exit(1)


def _pdfs(sources: tuple[Path, ...]) -> list[Path]:
    """The PDFs to extract: a folder stands for every PDF under it (as for `kpi run`), any
    other path for itself, so that a file that cannot be read gets its error file."""
    pdfs: list[Path] = []
    for source in sources:
        if not source.is_dir():
            pdfs.append(source)
            continue
        from pipeline.batch import folder_pdfs  # the batch stage, for a folder only

        found = folder_pdfs(source)
        if not found:
            click.echo(f"warning: {source}: no PDF under this folder", err=True)
        pdfs += found
    return list(dict.fromkeys(pdfs))


@click.command("settings")
@reading_options
def show_settings(settings: ExtractSettings) -> None:
    """Print the resolved settings (the defaults, overridden by --settings FILE and the other
    options) and their fingerprint, which a store keeps beside each document it read."""
    click.echo(settings_toml(settings), nl=False)
    click.echo(f"\n# fingerprint: {settings.fingerprint()}")
