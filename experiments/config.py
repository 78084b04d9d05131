"""Experiment files: TOML in, a checked `Experiment` out (schema in docs/experiments.md).

Everything is checked before anything runs: a malformed file is reported with its line, and
an unknown key or parameter, an empty or inconsistent design, or a value out of range is
reported as one line (a ParameterError, which the command line turns into exit code 2).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import numpy as np

from model import ParameterError

from . import designs
from .experiment import SUMMARY_DAYS, Experiment
from .seeds import new_root_seed
from .simulate import DEFAULT_DAYS

TOP_LEVEL_KEYS = {"name", "description", "days", "replicates", "seed", "preset",
                  "summary_days", "fixed", "design"}
# the keys each kind of [design] table accepts besides `kind`
DESIGN_KEYS = {
    "factorial": {"factors"},
    "grid": {"factors"},
    "points": {"points"},
    "latin_hypercube": {"factors", "samples", "sample_seed"},
    "sobol": {"factors", "base_samples", "second_order", "sample_seed"},
    "morris": {"factors", "trajectories", "levels", "sample_seed"},
}
REQUIRED_DESIGN_KEYS = {
    "grid": {"factors"}, "points": {"points"}, "latin_hypercube": {"factors", "samples"},
    "sobol": {"factors", "base_samples"}, "morris": {"factors", "trajectories"},
}


def load_experiment(path: Path, default_seed: int | None = None) -> Experiment:
    """Read and check the experiment file at `path`.

    default_seed: the root seed if the file names none; if None too, fresh entropy (the
        output's manifest records it).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ParameterError(f"{path}: cannot read: {error.strerror}") from None
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
    _no_unknown_keys(table, TOP_LEVEL_KEYS, "top level")
    if "design" not in table:
        raise ParameterError("no [design] table")
    if "replicates" not in table:
        raise ParameterError("missing 'replicates' (runs of each design point)")
    design = build_design(_table(table, "design"), table["replicates"])
    seed = table.get("seed", default_seed)
    return Experiment(design=design, days=table.get("days", DEFAULT_DAYS),
                      root_seed=new_root_seed() if seed is None else seed,
                      preset=_text(table.get("preset", "baseline"), "preset"),
                      fixed=_table(table, "fixed") if "fixed" in table else {},
                      summary_days=table.get("summary_days", SUMMARY_DAYS),
                      name=_text(table.get("name", ""), "name"),
                      description=_text(table.get("description", ""), "description"))


def build_design(spec: dict[str, Any], replicates: int) -> designs.Design:
    """The design a [design] table describes (also rebuilds a design from its manifest)."""
    kind = spec.get("kind")
    if kind not in DESIGN_KEYS:
        raise ParameterError(f"[design] kind must be one of {', '.join(DESIGN_KEYS)}, "
                             f"got {kind!r}")
    _no_unknown_keys(spec, DESIGN_KEYS[kind] | {"kind"}, f"[design] of kind {kind}")
    missing = sorted(REQUIRED_DESIGN_KEYS.get(kind, set()) - set(spec))
    if missing:
        raise ParameterError(f"[design] of kind {kind} needs {', '.join(missing)}")
    seed = spec.get("sample_seed", 0)
    match kind:
        case "factorial":
            return designs.factorial(spec.get("factors", designs.LEVERS), replicates)
        case "grid":
            axes = {name: _grid_values(name, values)
                    for name, values in _table(spec, "factors").items()}
            return designs.grid(axes, replicates)
        case "points":
            return designs.point_list(spec["points"], replicates)
        case "latin_hypercube":
            return designs.latin_hypercube(_table(spec, "factors"), spec["samples"], seed,
                                           replicates)
        case "sobol":
            return designs.sobol(_table(spec, "factors"), spec["base_samples"],
                                 spec.get("second_order", False), seed, replicates)
        case "morris":
            return designs.morris(_table(spec, "factors"), spec["trajectories"],
                                  spec.get("levels", 4), seed, replicates)


def _grid_values(name: str, values: Any) -> list[Any]:
    """A grid axis: a list of values, or {low, high, count} for `count` evenly spaced ones."""
    if not isinstance(values, dict):
        return values
    _no_unknown_keys(values, {"low", "high", "count"}, f"grid axis {name}")
    if set(values) != {"low", "high", "count"}:
        raise ParameterError(f"grid axis {name}: give a list, or low, high and count")
    count = values["count"]
    if isinstance(count, bool) or not isinstance(count, int) or count < 2:
        raise ParameterError(f"grid axis {name}: count must be a whole number >= 2")
    return [float(round(x, 12)) for x in np.linspace(values["low"], values["high"], count)]


def _no_unknown_keys(table: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise ParameterError(f"unknown key {unknown[0]!r} at {where}; "
                             f"allowed: {', '.join(sorted(allowed))}")


def _table(table: dict[str, Any], key: str) -> dict[str, Any]:
    value = table[key]
    if not isinstance(value, dict):
        raise ParameterError(f"{key!r} must be a table, got {value!r}")
    return value


def _text(value: Any, key: str) -> str:
    if not isinstance(value, str):
        raise ParameterError(f"{key!r} must be text, got {value!r}")
    return value
