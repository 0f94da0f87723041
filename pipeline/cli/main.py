"""The `kpi` command: one entry point, a subcommand per job.

A subcommand's module, and the stages it needs, are imported only when it runs:
`kpi --help` and `kpi --version` load none of the pipeline, so they answer at once.
"""

import importlib

import click

from pipeline import __version__

# name → (module, function, one-line help shown by `kpi --help`, an example for its own help)
COMMANDS: dict[str, tuple[str, str, str, str]] = {
    "export": (
        "pipeline.cli.batch",
        "export",
        "Write a store's tables as parquet, jsonl or csv.",
        "kpi export --store out/kpi.duckdb --format parquet -o exported/",
    ),
    "extract": (
        "pipeline.cli.commands",
        "extract",
        "Read each PDF into a kpi-record/1 file.",
        "kpi extract tests/fixtures/pdfs --pages 1-2 --ocr off -o /tmp/pred",
    ),
    "inspect": (
        "pipeline.cli.inspect",
        "inspect",
        "Draw one page with its tables and cells.",
        "kpi inspect tests/fixtures/pdfs/tsukuba-r2-kpi.pdf --pages 1,2 -o /tmp/page.png",
    ),
    "report": (
        "pipeline.cli.report",
        "report",
        "Write the review report (HTML) of a store.",
        "kpi report --store out/kpi.duckdb --gold gold -o out/report",
    ),
    "run": (
        "pipeline.cli.batch",
        "run",
        "Read every PDF of SOURCE... into the store.",
        "kpi run archive/ 'reports/**/*.pdf' --gold gold --quiet --log-format json",
    ),
    "score": (
        "pipeline.cli.score",
        "score",
        "Score predicted record files against gold.",
        "kpi score --gold gold --store out/kpi.duckdb --json score.json",
    ),
    "settings": (
        "pipeline.cli.commands",
        "show_settings",
        "Print the resolved settings.",
        "kpi settings --settings night.toml --ocr-lang jpn+eng",
    ),
}


class LazyGroup(click.Group):
    """A group whose commands are imported when they are asked for, not when it is."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, name, _, example = COMMANDS[cmd_name]
        command = getattr(importlib.import_module(module), name)
        assert isinstance(command, click.Command)  # a programming error, not input
        command.epilog = f"Example:\n\n\b\n  {example}"  # \b: click keeps the line as it is
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, COMMANDS[name][2]) for name in self.list_commands(ctx)])


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kpi")
def main() -> None:
    """Read Japanese municipal KPI reports into kpi-record/1 records and score them."""
