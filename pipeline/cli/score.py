"""`kpi score`: predictions, record files or a store, scored against gold."""

import dataclasses
from pathlib import Path

import click

from pipeline.batch import StoreError, load_gold
from pipeline.cli.options import EXIT_BAD_FILE, output_options
from pipeline.model import RecordFileError
from pipeline.report import read_store
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
