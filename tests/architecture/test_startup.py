"""The command starts at once: `import pipeline.cli` and `kpi --help` load none of the stages."""

import subprocess
import sys

from click.testing import CliRunner

from pipeline.cli.main import COMMANDS, main

HEAVY = ("spacy", "scipy", "matplotlib", "camelot", "cv2", "pymupdf", "duckdb", "dask", "fugashi")


def test_importing_the_command_loads_no_stage() -> None:
    code = "import sys, pipeline.cli; print(' '.join(sorted(sys.modules)))"
    loaded = set(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert not {name for name in HEAVY if name in loaded}
    assert not {
        name
        for name in loaded
        if name.startswith("pipeline.") and name not in {"pipeline.cli", "pipeline.cli.main"}
    }


def test_help_lists_every_command_without_importing_them() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert f"  {name} " in result.output


def loaded_by(module: str) -> set[str]:
    """The modules a fresh interpreter holds after importing the one named."""
    code = (
        f"import sys, {module}\n"
        "print(' '.join(sorted(n for n, m in sys.modules.items() if m is not None)))"
    )
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(ran.stdout.split())


def test_the_extract_command_loads_no_scorer_report_or_unused_pymupdf_part() -> None:
    loaded = loaded_by("pipeline.cli.commands")
    unused = {"pipeline.score", "pipeline.report", "pipeline.batch", "matplotlib", "scipy"}
    unused |= {"pymupdf.layout", "pymupdf4llm", "onnxruntime"}
    assert not unused & loaded


def test_the_batch_command_loads_no_reader_of_prose_and_no_optimizer() -> None:
    """A rerun with nothing changed reads no document: spaCy (the prose reader) and scipy
    (the scorer's assignment) load when first used, not with the command."""
    loaded = loaded_by("pipeline.cli.batch")
    assert not {"spacy", "scipy", "matplotlib"} & loaded
