"""Experimental designs: which parameter settings (design points) an experiment runs.

A `Design` is a list of design points in a fixed order, plus how many replicates of each to
run. A point is a dict of the parameters that vary (the rest come from the experiment's
preset and fixed parameters). The same specification always gives the same points in the
same order, so a point's index identifies it across sessions, machines and workers.

Designs:
- `factorial`: every on/off combination of boolean levers (2**k cells, the 16 of the case).
- `grid`: every combination of listed values of any parameters.
- `point_list`: explicit points, e.g. the case's named presets.
- `latin_hypercube`, `sobol`, `morris`: samples of numeric parameters between bounds, drawn by
  SALib; `sobol` and `morris` keep their sample matrix for the matching SALib analysis, which
  needs the outputs in sample order.

Integer parameters are sampled as real numbers and rounded for the run; the sample matrix keeps
the unrounded values, which is what SALib's analysis expects.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from SALib.sample import latin as salib_latin
from SALib.sample import morris as salib_morris
from SALib.sample import sobol as salib_sobol

from model import LEVERS, PARAMETERS, PRESETS, ParameterError, validate_parameters

KINDS = ("factorial", "grid", "points", "latin_hypercube", "sobol", "morris")
SAMPLED_KINDS = ("latin_hypercube", "sobol", "morris")


@dataclass(frozen=True, eq=False)
class Design:
    """Design points in run order, with replicates.

    kind: one of KINDS.
    points: the varied parameters of each point, in the design's deterministic order.
    replicates: runs of each point, each with its own seed.
    spec: the specification the points were built from (goes to the manifest; two designs
        are the same experiment when their specs and points agree).
    labels: a short name per point for tables and figures.
    problem: for sampled designs, SALib's problem dict (names and bounds).
    samples: for sampled designs, the unrounded sample matrix, one row per point.
    """

    kind: str
    points: list[dict[str, Any]]
    replicates: int
    spec: dict[str, Any]
    labels: list[str]
    problem: dict[str, Any] | None = None
    samples: np.ndarray | None = field(default=None, repr=False)

    @property
    def factors(self) -> list[str]:
        """The varied parameters: every name that appears in some point, in first-seen order."""
        return list(dict.fromkeys(name for point in self.points for name in point))

    @property
    def runs(self) -> int:
        return len(self.points) * self.replicates

    def fingerprint(self) -> str:
        """A hash of the points and replicates: differs whenever the runs would differ."""
        text = json.dumps([self.points, self.replicates], sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def factorial(levers: list[str] | tuple[str, ...] = LEVERS, replicates: int = 1) -> Design:
    """Every on/off combination of the boolean `levers`: 2**len(levers) cells.

    Cells are in binary counting order with the first lever changing slowest (all off first,
    all on last), the order of a textbook 2**k table.
    """
    levers = list(levers)
    if not levers:
        raise ParameterError("a factorial design needs at least one lever")
    _check_unique(levers)
    for name in levers:
        if _parameter(name).kind is not bool:
            raise ParameterError(f"factorial: {name} is not an on/off parameter; use a grid")
    points = [dict(zip(levers, cell, strict=True))
              for cell in itertools.product((False, True), repeat=len(levers))]
    labels = ["+".join(n for n, on in p.items() if on) or "none" for p in points]
    return Design("factorial", points, _replicates(replicates),
                  {"kind": "factorial", "factors": levers}, labels)


def grid(axes: dict[str, list[Any]], replicates: int = 1) -> Design:
    """Every combination of the values listed for each parameter, first axis slowest."""
    if not axes:
        raise ParameterError("a grid design needs at least one parameter with values")
    values = {}
    for name, listed in axes.items():
        if not isinstance(listed, list) or not listed:
            raise ParameterError(f"grid: {name} needs a non-empty list of values")
        coerced = [_parameter(name).coerce(v) for v in listed]
        if len(set(coerced)) != len(coerced):
            raise ParameterError(f"grid: {name} lists the same value twice")
        values[name] = coerced
    points = [dict(zip(values, combo, strict=True))
              for combo in itertools.product(*values.values())]
    labels = [", ".join(f"{n}={_short(v)}" for n, v in p.items()) for p in points]
    return Design("grid", points, _replicates(replicates),
                  {"kind": "grid", "factors": values}, labels)


def point_list(points: list[dict[str, Any]], replicates: int = 1) -> Design:
    """Explicit points. A point may name a preset (`{"preset": "redesign"}`), which sets the
    four levers as that preset does; other keys in the point override it."""
    if not points:
        raise ParameterError("a points design needs at least one point")
    resolved, labels = [], []
    for number, point in enumerate(points, start=1):
        if not isinstance(point, dict) or not point:
            raise ParameterError(f"points: point {number} must be a non-empty table of values")
        values = dict(point)
        preset = values.pop("preset", None)
        label = ", ".join(f"{n}={_short(v)}" for n, v in values.items())
        if preset is not None:
            if preset not in PRESETS:
                raise ParameterError(
                    f"points: point {number}: unknown preset {preset!r}; "
                    f"choose one of {', '.join(PRESETS)}")
            label = f"{preset} {label}".strip() if values else preset
            values = {lever: False for lever in LEVERS} | PRESETS[preset] | values
        resolved.append({name: _parameter(name).coerce(v) for name, v in values.items()})
        labels.append(label)
    keys = [json.dumps(p, sort_keys=True) for p in resolved]
    if len(set(keys)) != len(keys):
        raise ParameterError("points: two points are identical; use replicates instead")
    return Design("points", resolved, _replicates(replicates),
                  {"kind": "points", "points": points}, labels)


def latin_hypercube(bounds: dict[str, list[float]], samples: int, sample_seed: int = 0,
                    replicates: int = 1) -> Design:
    """`samples` points spread over the box `bounds` ({name: [low, high]}) by Latin
    hypercube sampling (SALib), reproducible from `sample_seed`."""
    problem = _problem(bounds)
    _at_least("samples", samples, 2)
    matrix = salib_latin.sample(problem, samples, seed=sample_seed)
    spec = {"kind": "latin_hypercube", "factors": bounds, "samples": samples,
            "sample_seed": sample_seed}
    return _sampled("latin_hypercube", problem, matrix, spec, replicates)


def sobol(bounds: dict[str, list[float]], base_samples: int, second_order: bool = False,
          sample_seed: int = 0, replicates: int = 1) -> Design:
    """Saltelli's sampling for Sobol indices: base_samples x (D + 2) points, or
    base_samples x (2D + 2) with second-order indices; `base_samples` must be a power of 2."""
    problem = _problem(bounds)
    _at_least("base_samples", base_samples, 2)
    if base_samples & (base_samples - 1):
        raise ParameterError(f"sobol: base_samples must be a power of 2, got {base_samples}")
    matrix = salib_sobol.sample(problem, base_samples, calc_second_order=second_order,
                                seed=sample_seed)
    spec = {"kind": "sobol", "factors": bounds, "base_samples": base_samples,
            "second_order": second_order, "sample_seed": sample_seed}
    return _sampled("sobol", problem, matrix, spec, replicates)


def morris(bounds: dict[str, list[float]], trajectories: int, levels: int = 4,
           sample_seed: int = 0, replicates: int = 1) -> Design:
    """Morris elementary-effects screening: trajectories x (D + 1) points on a grid of
    `levels` levels per parameter (an even number)."""
    problem = _problem(bounds)
    _at_least("trajectories", trajectories, 2)
    if levels < 2 or levels % 2:
        raise ParameterError(f"morris: levels must be an even number >= 2, got {levels}")
    matrix = salib_morris.sample(problem, trajectories, num_levels=levels, seed=sample_seed)
    spec = {"kind": "morris", "factors": bounds, "trajectories": trajectories,
            "levels": levels, "sample_seed": sample_seed}
    return _sampled("morris", problem, matrix, spec, replicates)


def _sampled(kind: str, problem: dict, matrix: np.ndarray, spec: dict,
             replicates: int) -> Design:
    names = problem["names"]
    points = [{name: _as_parameter_value(name, x) for name, x in zip(names, row, strict=True)}
              for row in matrix]
    labels = [f"sample {i}" for i in range(len(points))]
    return Design(kind, points, _replicates(replicates), spec, labels, problem, matrix)


def _problem(bounds: dict[str, list[float]]) -> dict[str, Any]:
    """SALib's problem dict, after checking each range lies within the parameter's own."""
    if not bounds:
        raise ParameterError("a sampled design needs at least one parameter with bounds")
    for name, pair in bounds.items():
        parameter = _parameter(name)
        if parameter.kind is bool:
            raise ParameterError(f"{name} is on/off and cannot be sampled; use a factorial")
        if not (isinstance(pair, list | tuple) and len(pair) == 2):
            raise ParameterError(f"{name}: bounds must be [low, high], got {pair!r}")
        low, high = (parameter.coerce(v) for v in pair)
        if not low < high:
            raise ParameterError(f"{name}: bounds [low, high] need low < high, got {pair!r}")
    return {"num_vars": len(bounds), "names": list(bounds),
            "bounds": [[float(low), float(high)] for low, high in bounds.values()]}


def _as_parameter_value(name: str, x: float) -> float | int:
    return round(float(x)) if PARAMETERS[name].kind is int else float(x)


def _parameter(name: str):
    if name not in PARAMETERS:
        validate_parameters({name: None})  # raises the model's "unknown ... did you mean" line
    return PARAMETERS[name]


def _check_unique(names: list[str]) -> None:
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise ParameterError(f"{', '.join(repeated)} listed more than once")


def _at_least(what: str, value: Any, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ParameterError(f"{what} must be a whole number >= {minimum}, got {value!r}")


def _replicates(replicates: Any) -> int:
    _at_least("replicates", replicates, 1)
    return replicates


def _short(value: Any) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    return f"{value:g}" if isinstance(value, float) else str(value)
