"""The commands that read and score single documents: score, inspect, extract, settings."""

import dataclasses
from pathlib import Path

import click
import pymupdf

from pipeline.batch import StoreError, folder_pdfs, load_gold
from pipeline.cli.options import PAGES, output_options, reading_options
from pipeline.ingest import IngestError, open_pdf
from pipeline.layout import LayoutSettings, PageLayout, layout_page
from pipeline.model import RecordFileError
from pipeline.report import OverlaySettings, read_store, render_overlay
from pipeline.score import (
    SIMILARITY_FLOOR,
    NoGoldError,
    ScoreInputs,
    ScoreSettings,
    TwinsFileError,
    dump_scorecard,
    load_inputs,
    score_set,
    text_report,
    warning_lines,
)
from pipeline.understand import ExtractSettings, extract_to, settings_toml

# Exit status for a file that cannot be read or written, as click uses for a usage error.
EXIT_BAD_FILE = 2

_DIRECTORY = click.Path(exists=True, file_okay=False, path_type=Path)


@click.command()
@click.option("--gold", "gold_dir", type=_DIRECTORY, required=True, help="Gold record files.")
@click.option(
    "--pred", "pred_dir", type=_DIRECTORY, help="Predicted record files (`kpi extract`'s --out)."
)
@click.option(
    "--store",
    "store_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Or a store: its documents as `kpi run` read them, scored as `kpi report` scores them.",
)
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the report as JSON here.",
)
@click.option(
    "--similarity-floor",
    type=click.FloatRange(0.0, 1.0),
    default=SIMILARITY_FLOOR,
    show_default=True,
    help="Record pairs less similar than this are not made.",
)
@output_options
def score(
    gold_dir: Path,
    pred_dir: Path | None,
    store_path: Path | None,
    json_path: Path | None,
    similarity_floor: float,
) -> None:
    """Score predictions (record files, or a store) against gold; the headline is fact F1.

    Exits 2 when a file cannot be read or the report written; any score, however low, exits 0.
    """
    try:
        inputs = _score_inputs(gold_dir, pred_dir, store_path)
    except (RecordFileError, TwinsFileError, NoGoldError, StoreError) as error:
        click.echo(f"error: {error}", err=True)
        raise click.exceptions.Exit(EXIT_BAD_FILE) from error
    for message in inputs.warnings:
        click.echo(f"warning: {message}", err=True)
    settings = ScoreSettings(similarity_floor=similarity_floor)
    scorecard = score_set(inputs.gold, inputs.pred, inputs.twins, settings)
    for line in warning_lines(scorecard):
        click.echo(line, err=True)
    click.echo(text_report(scorecard), nl=False)
    if json_path is not None:
        _write_report(json_path, dump_scorecard(scorecard))


def _score_inputs(gold_dir: Path, pred_dir: Path | None, store_path: Path | None) -> ScoreInputs:
    """The gold and the predictions of a folder or of a store, whichever was given."""
    if (pred_dir is None) == (store_path is None):
        raise click.UsageError("give the predictions as --pred FOLDER or --store FILE, one of them")
    if store_path is not None:
        return _stored_inputs(gold_dir, store_path)
    assert pred_dir is not None  # one of the two, as checked above
    inputs = load_inputs(gold_dir, pred_dir)
    # A folder `kpi run` wrote holds a store, not record files: say where its records are.
    stores = [f"{path} is a store: score it with --store" for path in pred_dir.glob("*.duckdb")]
    return dataclasses.replace(inputs, warnings=(*inputs.warnings, *stores))


def _stored_inputs(gold_dir: Path, store_path: Path) -> ScoreInputs:
    """The store's present documents, one per doc_id, as `kpi report` scores them."""
    gold = load_gold(gold_dir)
    view = read_store(store_path)
    warnings = (*gold.warnings, *view.warnings)
    return ScoreInputs(gold.documents, view.predictions(), gold.twins, warnings)


def _write_report(path: Path, text: str) -> None:
    """Write the JSON report, making its directory; a path that cannot be written exits 2."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        click.echo(f"error: cannot write {path}: {error.strerror or error}", err=True)
        raise click.exceptions.Exit(EXIT_BAD_FILE) from error


@click.command()
@click.argument("pdf", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--pages",
    "--page",
    "pages",
    type=PAGES,
    default="1",
    show_default=True,
    help="The pages to draw, as 1,3-5: with more than one, a PNG each, OUT-p<page>.png.",
)
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="PNG file to write (.png is added to a name without it).",
)
@click.option("--dpi", type=click.IntRange(36, 600), default=110, show_default=True)
@output_options
def inspect(pdf: Path, pages: tuple[int, ...], out: Path, dpi: int) -> None:
    """Draw a page with every table and cell the layout stage found, and their texts beside it.

    Prints each table's place, shape and strategy; exits 2 when the file cannot be read.
    """
    try:
        doc = open_pdf(pdf)
    except IngestError as error:
        click.echo(f"error: {error}", err=True)
        raise click.exceptions.Exit(EXIT_BAD_FILE) from error
    if out.suffix.lower() != ".png":
        out = out.with_name(out.name + ".png")  # the drawing is a PNG: say so in its name
    with doc:
        if pages[-1] > doc.page_count:
            raise click.BadParameter(f"{pdf} has {doc.page_count} pages", param_hint="--pages")
        for number in pages:
            target = out if len(pages) == 1 else out.with_name(f"{out.stem}-p{number}.png")
            _draw_page(doc, number, target, dpi)


def _draw_page(doc: pymupdf.Document, number: int, out: Path, dpi: int) -> None:
    """Draw one page into `out` and print its tables; a file that cannot be written exits 2."""
    layout = layout_page(doc[number - 1], LayoutSettings())
    try:
        render_overlay(doc, layout, out, OverlaySettings(dpi=dpi))
    except (OSError, RuntimeError) as error:
        click.echo(f"error: cannot write {out}: {error}", err=True)
        raise click.exceptions.Exit(EXIT_BAD_FILE) from error
    click.echo(_layout_summary(layout.page.kind, layout))
    for warning in layout.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"wrote {out}")


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


def _layout_summary(kind: str, layout: PageLayout) -> str:
    lines = [f"page {layout.page.number} ({kind}): {len(layout.tables)} tables"]
    for number, table in enumerate(layout.tables, start=1):
        rows, cols = table.shape
        box = ", ".join(f"{v:.0f}" for v in table.bbox)
        lines.append(
            f"  T{number}: {rows}×{cols} {table.strategy} at [{box}],"
            f" quality {table.quality.score:.2f}"
        )
    return "\n".join(lines)
