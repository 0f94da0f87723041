"""`kpi inspect`: a page drawn with the tables and cells the layout stage found."""

from pathlib import Path

import click
import pymupdf

from pipeline.cli.options import EXIT_BAD_FILE, PAGES, output_options
from pipeline.ingest import IngestError, open_pdf
from pipeline.layout import LayoutSettings, PageLayout, layout_page
from pipeline.report import OverlaySettings, render_overlay


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
