"""Fixtures for the batch tests: small corpora copied from the example PDFs, a `kpi` runner,
and a snapshot of a store that leaves out what differs from run to run (run ids, times).

The corpora use the three shortest text replicas (1, 2 and 1 pages) so that a run
takes seconds; the bad files are made in the tests that need them.
"""

from collections.abc import Callable
from pathlib import Path

import pytest
from batch_store import copy_fixtures
from click.testing import CliRunner, Result

from pipeline.cli.main import main


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    copy_fixtures(folder)
    return folder


@pytest.fixture(scope="session")
def kpi() -> Callable[..., Result]:
    """Run `kpi ARGS...` in this process (its workers are processes of their own)."""

    def invoke(*arguments: str | Path) -> Result:
        return CliRunner().invoke(main, [str(argument) for argument in arguments])

    return invoke
