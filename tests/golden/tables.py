"""Golden daily tables: fixed seeds and presets whose tables must not change by accident.

A refactoring or a speed-up must leave every number of the model as it was. This module runs
a few short cases (the small test hotel and the default hotel, under the status quo and the
levers of the case) and compares a hash of each daily table, and of each of its columns, with
the references in `references.json`.

When a commit changes numbers on purpose, regenerate the references in the same commit and say
in its message which numbers change and why:

    .venv/bin/python -m tests.golden.tables --regenerate
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

REFERENCES = Path(__file__).with_name("references.json")
SMALL = dict(rooms=30, floors=3, receptionists=3, housekeepers=3, technicians=1, warmup_days=10)
# (preset, hotel, seed, days): the small hotel long enough for evaluations and rotations,
# the default hotel (full warm-up) for a few months
CASES = [
    (preset, hotel, seed, days)
    for preset in ("baseline", "attempt2", "redesign", "all_four")
    for hotel, seed, days in (("small", 3, 400), ("default", 11, 100))
]


def case_name(preset: str, hotel: str, seed: int, days: int) -> str:
    return f"{preset}-{hotel}-seed{seed}-{days}d"


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def table_hashes(preset: str, hotel: str, seed: int, days: int, **overrides) -> dict:
    """The hash of the case's daily table (as CSV, floats at full precision) and of each
    of its columns, so that a mismatch names the columns that changed."""
    from model import InterLodgeModel, preset_parameters

    params = preset_parameters(preset, (SMALL if hotel == "small" else {}) | overrides)
    model = InterLodgeModel(rng=seed, **params)
    model.run_days(days)
    table = model.daily_table()
    return {
        "table": digest(table.to_csv(index=False)),
        "columns": {name: digest(table[name].to_csv(index=False))[:16]
                    for name in table.columns},
    }


def compute() -> dict:
    return {case_name(*case): table_hashes(*case) for case in CASES}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--regenerate", action="store_true",
                        help=f"write the current tables' hashes to {REFERENCES.name}")
    args = parser.parse_args(argv)
    current = compute()
    if args.regenerate:
        REFERENCES.write_text(json.dumps(current, indent=1, sort_keys=True) + "\n")
        print(f"wrote {len(current)} references to {REFERENCES}")
        return 0
    reference = json.loads(REFERENCES.read_text())
    changed = [name for name in current if current[name] != reference.get(name)]
    print("all golden tables identical" if not changed else f"changed: {', '.join(changed)}")
    return 1 if changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
