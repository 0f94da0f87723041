"""A small run of `scripts/fuzz_inputs.py`: broken PDFs never crash the runner, and each ends
as a result or an error row. The script itself runs 1,000 mutants and more."""

import random
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).parents[2] / "scripts"
sys.path.insert(0, str(SCRIPTS))

from fuzz_inputs import FIXTURES, MUTATIONS  # noqa: E402


@pytest.mark.parametrize("kind", MUTATIONS)
def test_each_mutation_changes_the_file(kind: str) -> None:
    original = (FIXTURES / "tsukuba-r2-kpi.pdf").read_bytes()
    mutants = {MUTATIONS[kind](original, random.Random(seed)) for seed in range(5)}
    assert original not in mutants


def test_every_mutant_ends_as_a_result_or_an_error_row() -> None:
    command = [sys.executable, str(SCRIPTS / "fuzz_inputs.py"), "--mutants", "24", "--seed", "7"]
    run = subprocess.run(command, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "runner crashes: 0; mutants with no result or error row: 0" in run.stdout
