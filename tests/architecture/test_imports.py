"""The stages import downwards only: a lower stage never reaches up into one that uses it."""

import ast
import importlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "pipeline"
# Lowest first. A package may import only packages at its own level or below.
ORDER = [
    "text",
    "model",
    "ingest",
    "ocr",
    "layout",
    "understand",
    "score",
    "batch",
    "report",
    "cli",
]
LEVEL = {name: level for level, name in enumerate(ORDER)}


def _imported_stages(path: Path) -> set[str]:
    """Every stage package a module imports, at its top or inside a function."""
    stages = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "pipeline" and len(parts) > 1 and parts[1] in LEVEL:
                stages.add(parts[1])
    return stages


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).parts[0] in LEVEL)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_imports_no_higher_stage(path: Path) -> None:
    stage = path.relative_to(PACKAGE).parts[0]
    higher = {other for other in _imported_stages(path) if LEVEL[other] > LEVEL[stage]}
    assert not higher, f"{stage} must not import {sorted(higher)}"


def test_every_module_belongs_to_a_stage() -> None:
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"]
    assert not loose, f"modules outside any stage package: {loose}"


@pytest.mark.parametrize("stage", ORDER)
def test_stage_imports_alone(stage: str) -> None:
    module = importlib.import_module(f"pipeline.{stage}")
    assert module.__doc__, f"pipeline.{stage} has no docstring saying what it takes and gives"


def test_the_check_sees_a_wrong_way_import(tmp_path: Path) -> None:
    module = tmp_path / "numbers.py"
    module.write_text("from pipeline.layout.repair import cells\n", encoding="utf-8")
    assert _imported_stages(module) == {"layout"}
