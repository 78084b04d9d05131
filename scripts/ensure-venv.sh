#!/usr/bin/env bash
# Create .venv/ at the repository root if it is missing, with a Python >= 3.12 found on this
# machine, and install the project with its pinned versions (constraints.txt).
# Sourced by run.sh and test.sh; safe to run again (it only installs what is missing).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"

find_python() {
    local candidates=(python3.14 python3.13 python3.12 python3 python)
    if command -v pyenv >/dev/null 2>&1; then
        local root; root="$(pyenv root)"
        for dir in "$root"/versions/3.1[2-9]*; do
            [ -x "$dir/bin/python3" ] && candidates+=("$dir/bin/python3")
        done
    fi
    for py in "${candidates[@]}"; do
        if command -v "$py" >/dev/null 2>&1 || [ -x "$py" ]; then
            if "$py" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' \
                    >/dev/null 2>&1; then
                echo "$py"; return 0
            fi
        fi
    done
    return 1
}

stamp="$VENV/.installed-$(cat "$ROOT/constraints.txt" "$ROOT/pyproject.toml" | cksum | cut -d' ' -f1)"
if [ ! -f "$stamp" ]; then
    if [ ! -x "$VENV/bin/python" ]; then
        PY="$(find_python)" || {
            echo "error: InterLodge needs Python 3.12 or newer; install it (e.g. with your" \
                 "package manager or pyenv) and run again" >&2
            exit 2
        }
        echo "creating .venv with $("$PY" --version)" >&2
        "$PY" -m venv "$VENV"
    fi
    echo "installing the pinned packages into .venv (a few minutes the first time)" >&2
    log="$VENV/install.log"
    # the installer's output goes to a log, shown only if something fails
    if ! { "$VENV/bin/python" -m pip install --upgrade pip &&
           "$VENV/bin/python" -m pip install -c "$ROOT/constraints.txt" -e "$ROOT[dev]"; } \
            >"$log" 2>&1; then
        tail -n 40 "$log" >&2
        echo "error: installing the packages failed; the whole log is $log" >&2
        exit 1
    fi
    rm -f "$VENV"/.installed-*
    touch "$stamp"
fi
