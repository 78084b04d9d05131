#!/usr/bin/env bash
# The test suite: lint, then pytest (browser tests included when Chromium is installed).
# Creates .venv/ on first use. Extra arguments go to pytest (`./test.sh -m slow` runs the
# 20-seed validation instead of the fast suite).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/ensure-venv.sh
.venv/bin/ruff check .
# the fast suite; the 20-seed statistical checks are marked slow (.ci/run runs them after)
exec .venv/bin/python -m pytest -m "not slow" "$@"
