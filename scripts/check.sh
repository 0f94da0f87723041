#!/usr/bin/env bash
# The project's checks: lint, format, types, then the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
ruff check pipeline tests scripts
ruff format --check pipeline tests scripts
mypy pipeline
# The slowest tests are printed, so a test that grows slow is seen.
python3 -m pytest --durations=15 "$@"
