"""Experiment files: TOML in, a checked `Experiment` out (schema in docs/experiments.md).

Everything is checked before anything runs: a malformed file is reported with its line, and
an unknown key or parameter, an empty or inconsistent design, or a value out of range is
reported as one line (a ParameterError, which the command line turns into exit code 2).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from model import ParameterError

from .designs import build_design
from .designs.base import no_unknown_keys, table_of
from .experiment import SUMMARY_DAYS, Experiment, new_root_seed
from .simulation import DEFAULT_DAYS

TOP_LEVEL_KEYS = {"name", "description", "days", "replicates", "seed", "preset",
                  "summary_days", "fixed", "design"}


def load_experiment(path: Path, default_seed: int | None = None) -> Experiment:
    """Read and check the experiment file at `path`.

    default_seed: the root seed if the file names none; if None too, fresh entropy (the
        output's manifest records it).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ParameterError(f"{path}: cannot read: {error.strerror}") from None
    except UnicodeDecodeError:
        raise ParameterError(f"{path}: not UTF-8 text") from None
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ParameterError(f"{path}: malformed TOML: {error}") from None
    try:
        return experiment_from_table(table, default_seed)
    except ParameterError as error:
        raise ParameterError(f"{path}: {error}") from None


def experiment_from_table(table: dict[str, Any], default_seed: int | None = None
                          ) -> Experiment:
    """The experiment a parsed TOML table describes (default_seed as in load_experiment)."""
    no_unknown_keys(table, TOP_LEVEL_KEYS, "top level")
    if "design" not in table:
        raise ParameterError("no [design] table")
    if "replicates" not in table:
        raise ParameterError("missing 'replicates' (runs of each design point)")
    design = build_design(table_of(table, "design"), table["replicates"])
    seed = table.get("seed", default_seed)
    return Experiment(design=design, days=table.get("days", DEFAULT_DAYS),
                      root_seed=new_root_seed() if seed is None else seed,
                      preset=_text(table.get("preset", "baseline"), "preset"),
                      fixed=table_of(table, "fixed") if "fixed" in table else {},
                      summary_days=table.get("summary_days", SUMMARY_DAYS),
                      name=_text(table.get("name", ""), "name"),
                      description=_text(table.get("description", ""), "description"))


def _text(value: Any, key: str) -> str:
    if not isinstance(value, str):
        raise ParameterError(f"{key!r} must be text, got {value!r}")
    return value
