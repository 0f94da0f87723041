"""The package works installed from its wheel, as a Dask worker's image would hold it:
the vocabulary of `models/` and the report templates travel inside it."""

import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "pdfs" / "kodaira-r2-sangyo.pdf"


def _run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_wheel_installs_and_extracts(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q"]
    _run([*pip_wheel, "-w", str(wheels), str(ROOT)], tmp_path)
    (wheel,) = wheels.glob("kpi_pipeline-*.whl")

    environment = tmp_path / "venv"
    venv.create(environment, with_pip=False)
    # The dependencies come from this interpreter's site-packages, put on the path
    # directly so that its editable install of the project is not.
    env = {**os.environ, "PYTHONPATH": sysconfig.get_paths()["purelib"]}
    python = environment / "bin" / "python"
    pip_install = [sys.executable, "-m", "pip", "install", "--no-deps", "-q"]
    _run([*pip_install, "--target", _site_packages(python, tmp_path), str(wheel)], tmp_path)

    where = _run([str(python), "-c", "import pipeline; print(pipeline.__file__)"], tmp_path, env)
    assert Path(where.strip()).is_relative_to(environment), where
    out = tmp_path / "out"
    command = [str(python), "-m", "pipeline.cli", "extract", str(FIXTURE), "--out", str(out)]
    _run(command, tmp_path, env)
    records = json.loads((out / "kodaira-r2-sangyo.json").read_text(encoding="utf-8"))["records"]
    assert records


def _site_packages(python: Path, cwd: Path) -> str:
    code = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    return _run([str(python), "-c", code], cwd).strip()
