"""The `kpi` command: one entry point, a subcommand per job."""

import click

from pipeline import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kpi")
def main() -> None:
    """Read Japanese municipal KPI reports into kpi-record/1 records and score them."""
