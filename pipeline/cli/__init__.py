"""The `kpi` command: its subcommands for extraction, batch runs, scoring and review."""

from pipeline.cli.main import main

__all__ = ["main"]
