#!/usr/bin/env bash
# The project's checks: lint, format, types, then the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
ruff check pipeline tests scripts
ruff format --check pipeline tests scripts
mypy pipeline
python3 -m pytest "$@"
