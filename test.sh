#!/usr/bin/env bash
# The test suite: lint, then pytest (browser tests included when Chromium is installed).
# Creates .venv/ on first use. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/ensure-venv.sh
.venv/bin/ruff check .
exec .venv/bin/python -m pytest "$@"
