#!/usr/bin/env bash
# The main job: the InterLodge story (baseline, attempt 2, redesign over 18 months).
# Creates .venv/ on first use. Extra arguments go to `interlodge story`.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/ensure-venv.sh
exec .venv/bin/interlodge story "$@"
