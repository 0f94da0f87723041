"""The `kpi run` and `kpi export` commands: archive runs and the nightly job.

Exit status of `kpi run`: 0 when every document was read (or was already
current), 1 when some documents failed (each has an error row), 2 for a usage or
configuration error (a SOURCE that does not exist, a bad gold directory, a store
in use or not a store, a scheduler that cannot be reached), 3 when the run ended
before its last document because its process pool broke again each time it was
started, 130 when Ctrl-C stopped it.
"""

import json
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from types import FrameType

import click
import duckdb
from tqdm import tqdm

from pipeline.batch import (
    DEFAULT_STORE,
    DEFAULT_TIME_LIMIT,
    EXPORT_FORMATS,
    BatchRun,
    DaskExecutor,
    DocumentOutcome,
    DocumentStatus,
    Executor,
    ExportFormat,
    GoldSet,
    LocalPool,
    SourceError,
    SourceSet,
    Store,
    StoreError,
    default_memory_limit,
    default_workers,
    load_gold,
    open_store,
    parse_memory_size,
    resolve_sources,
    run_columns,
    run_stamp,
    score_run,
    summary_json,
    summary_text,
    write_summary,
)
from pipeline.cli.options import output_options, reading_options
from pipeline.model import RecordFileError
from pipeline.score import NoGoldError, Scorecard, TwinsFileError
from pipeline.understand import ExtractSettings

EXIT_FAILED_DOCUMENTS = 1
EXIT_CONFIGURATION = 2
EXIT_EXECUTOR_BROKEN = 3
EXIT_INTERRUPTED = 128 + signal.SIGINT

STORE_OPTION = click.option(
    "--store",
    "store_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_STORE,
    envvar="KPI_STORE",
    show_default=True,
    help="The DuckDB store file (env KPI_STORE).",
)


def _fail(message: str) -> click.exceptions.Exit:
    click.echo(f"error: {message}", err=True)
    return click.exceptions.Exit(EXIT_CONFIGURATION)


class Progress:
    """A progress bar with running counts of done, skipped and failed documents.

    The bar shows on a terminal (or with --progress); with --verbose each
    document also gets a line, which is what a nightly job's log keeps.
    """

    def __init__(self, bar: tqdm, verbose: bool) -> None:
        self.bar = bar
        self.verbose = verbose
        self.done = self.skipped = self.failed = 0

    def __call__(self, key: str, status: DocumentStatus, outcome: DocumentOutcome | None) -> None:
        self.done += status in ("new", "changed")
        self.skipped += status == "skipped"
        self.failed += status == "failed"
        self.bar.set_postfix(
            done=self.done, skipped=self.skipped, failed=self.failed, refresh=False
        )
        self.bar.update()
        if self.verbose:
            line = f"{status:<8} {key}"
            if outcome is not None:
                line += f"  {outcome.pages} pages, {outcome.seconds:.2f} s"
                line += "".join(f"  [{issue.code}]" for issue in outcome.issues)
            self.bar.write(line, file=sys.stderr)


def _memory_size(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    """A size such as `2GiB`, `1500MB` or `512` (MiB), as bytes."""
    if value is None:
        return None
    try:
        size = parse_memory_size(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from error
    if size <= 0:
        raise click.BadParameter("a memory limit must be more than 0")
    return size


def _executor(
    name: str, workers: int, time_limit: float, memory_limit: int, scheduler: str | None
) -> Executor:
    if name == "local":
        return LocalPool(workers, time_limit, memory_limit=memory_limit)
    try:
        return DaskExecutor(
            time_limit, address=scheduler, workers=workers, memory_limit=memory_limit
        )
    except (OSError, TimeoutError) as error:
        raise _fail(f"cannot reach the Dask scheduler {scheduler}: {error}") from error


def _sources(arguments: tuple[str, ...], require_documents: bool) -> SourceSet:
    try:
        sources = resolve_sources(arguments)
    except SourceError as error:
        raise _fail(str(error)) from error
    for warning in sources.warnings:
        click.echo(f"warning: {warning}", err=True)
    if not sources.paths and not sources.not_found:
        message = f"no document found under {', '.join(arguments)}"
        if require_documents:
            raise _fail(message)
        click.echo(f"warning: {message}", err=True)
    return sources


def _gold(directory: Path | None) -> GoldSet | None:
    if directory is None:
        return None
    try:
        return load_gold(directory)
    except (RecordFileError, TwinsFileError, NoGoldError) as error:
        raise _fail(str(error)) from error


def _write_summary(path: Path, summary: dict[str, object]) -> None:
    try:
        write_summary(path, summary)
    except OSError as error:
        raise _fail(f"cannot write {path}: {error.strerror or error}") from error


@click.command("run")
@click.argument("sources", nargs=-1, required=True)
@STORE_OPTION
@click.option(
    "--gold",
    "gold_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Score this run against these gold record files.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=default_workers,
    show_default="cores",
    help="Worker processes of the local pool (or of the local Dask cluster).",
)
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_TIME_LIMIT,
    show_default=True,
    help="Seconds one document may take; past it, it fails with `timeout`.",
)
@click.option(
    "--memory-limit",
    metavar="SIZE",
    callback=_memory_size,
    show_default="2GiB, or the machine's memory shared among --workers if less",
    help="Resident memory one worker may hold (2GiB, 1500MB, 512 for MiB); past it, its"
    " document fails with `memory-limit`.",
)
@click.option(
    "--executor",
    "executor_name",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: a process pool here; dask: a Dask cluster (see --scheduler).",
)
@click.option(
    "--scheduler",
    envvar="KPI_DASK_SCHEDULER",
    help="Address of a running Dask scheduler (tcp://host:8786); without it, --executor dask"
    " starts a local cluster of --workers processes.",
)
@click.option(
    "--summary",
    "summary_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the run summary as JSON here  [default: <store>.last-run.json beside the store]",
)
@click.option(
    "--progress/--no-progress", default=None, help="Show a progress bar  [default: on a terminal]"
)
@click.option("-v", "--verbose", is_flag=True, help="A line per document.")
@click.option(
    "--require-documents",
    is_flag=True,
    help="Exit 2 when the sources hold no document (for a scheduled job); else only warn.",
)
@reading_options
@output_options
def run(
    sources: tuple[str, ...],
    store_path: Path,
    gold_dir: Path | None,
    workers: int,
    time_limit: float,
    memory_limit: int | None,
    executor_name: str,
    scheduler: str | None,
    summary_path: Path | None,
    progress: bool | None,
    verbose: bool,
    require_documents: bool,
    settings: ExtractSettings,
) -> None:
    """Read every PDF of SOURCE... (folders, globs, manifest files) into the store.

    A document already read under the same content, pipeline version and settings
    is skipped; one that changed has its rows replaced; one that disappeared is
    marked missing. Exits 0 when all documents are read, 1 when some failed, 2 on
    a usage or configuration error.
    """
    from pipeline.batch import process_document

    source_set = _sources(sources, require_documents)
    gold = _gold(gold_dir)
    with _open_store(store_path) as store:
        memory = memory_limit or default_memory_limit(workers)
        executor = _executor(executor_name, workers, time_limit, memory, scheduler)
        described = {"executor": executor.name, "workers": executor.workers}
        run_row = {**described, "sources": json.dumps(sources)}
        stamp = run_stamp(store, run_row, settings.fingerprint())
        function = partial(process_document, settings=settings)
        batch = BatchRun(source_set, store, executor, function, stamp)
        try:
            _execute(batch, progress, verbose)
        finally:
            executor.close()
        scorecard = _scores(batch, gold)
        summary = summary_json(batch, scorecard, store.previous_fact_f1(stamp.run_id))
        store.finish_run(stamp.run_id, summary["status"], run_columns(summary))
    click.echo(summary_text(summary, scorecard), nl=False)
    target = summary_path or store_path.with_name(store_path.stem + ".last-run.json")
    _write_summary(target, summary)
    click.echo(f"summary written to {target}")
    if batch.interruption:
        code = EXIT_INTERRUPTED if batch.stop.is_set() else EXIT_EXECUTOR_BROKEN
        raise click.exceptions.Exit(code)
    if summary["failed"]:
        raise click.exceptions.Exit(EXIT_FAILED_DOCUMENTS)


def _open_store(path: Path) -> Store:
    try:
        return open_store(path)
    except StoreError as error:
        raise _fail(str(error)) from error


@contextmanager
def _first_interrupt_stops(batch: BatchRun) -> Iterator[None]:
    """The first Ctrl-C stops the run cleanly, as interrupted, its summary printed; a second
    one quits at once (the run is then marked interrupted by the next)."""

    def interrupt(number: int, frame: FrameType | None) -> None:
        if batch.stop.is_set():
            raise KeyboardInterrupt
        click.echo("\nstopping: documents in flight are cancelled; Ctrl-C again quits", err=True)
        batch.request_stop("stopped by Ctrl-C")

    previous = signal.signal(signal.SIGINT, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _execute(batch: BatchRun, progress: bool | None, verbose: bool) -> None:
    """Carry out the run under a progress bar; a store that cannot be written exits 2."""
    total = len(batch.keys)
    disabled = None if progress is None else not progress
    try:
        with (
            tqdm(total=total, unit="doc", disable=disabled, file=sys.stderr) as bar,
            _first_interrupt_stops(batch),
        ):
            batch.on_document = Progress(bar, verbose)
            batch.execute()
    except (StoreError, duckdb.Error) as error:
        raise _fail(f"{batch.store.path}: the store cannot be written: {error}") from error


def _scores(batch: BatchRun, gold: GoldSet | None) -> Scorecard | None:
    """The run's scores; none for an interrupted run, whose F1 would read as a drop."""
    if gold is None or batch.interruption:
        return None
    scorecard, warnings = score_run(batch, gold)
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    return scorecard


@click.command("export")
@STORE_OPTION
@click.option("--format", "export_format", type=click.Choice(EXPORT_FORMATS), required=True)
@click.option(
    "-o",
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write documents, records, facts, errors and runs into.",
)
@output_options
def export(store_path: Path, export_format: ExportFormat, out: Path) -> None:
    """Write every table of the store to OUT, one file a table: <table>.<format>."""
    try:
        with open_store(store_path, read_only=True) as store:
            written = store.export(export_format, out)
    except (StoreError, duckdb.Error, OSError) as error:
        raise _fail(str(error)) from error
    for path in written:
        click.echo(f"wrote {path}")
