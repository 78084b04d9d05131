"""Designs that sample numeric parameters between bounds, drawn by SALib: `latin_hypercube`,
`sobol` (Saltelli's sampling) and `morris` (elementary-effects trajectories). `sobol` and
`morris` keep their sample matrix for the matching SALib analysis, which needs the outputs in
sample order.

Integer parameters are sampled as real numbers and rounded for the run; the sample matrix keeps
the unrounded values, which is what SALib's analysis expects.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from model import PARAMETERS, ParameterError

from .base import (
    Design,
    at_least,
    at_most_points,
    design_kind,
    parameter,
    replicates_of,
    table_of,
)

# SALib (with scipy, some 60 MB) is imported by the function that samples, not above: every
# experiment loads the designs, and a factorial's process has no use for it


def latin_hypercube(bounds: dict[str, list[float]], samples: int, sample_seed: int = 0,
                    replicates: int = 1) -> Design:
    """`samples` points spread over the box `bounds` ({name: [low, high]}) by Latin
    hypercube sampling (SALib), reproducible from `sample_seed`."""
    problem, matrix = latin_sample(bounds, samples, sample_seed)
    spec = {"kind": "latin_hypercube", "factors": bounds, "samples": samples,
            "sample_seed": sample_seed}
    return _sampled("latin_hypercube", problem, matrix, spec, replicates)


def latin_sample(bounds: dict[str, list[float]], samples: int, sample_seed: int
                 ) -> tuple[dict[str, Any], np.ndarray]:
    """SALib's problem and a Latin hypercube sample matrix over `bounds`."""
    problem = problem_of(bounds)
    at_least("samples", samples, 2)
    at_most_points(samples, "latin_hypercube")
    from SALib.sample import latin as salib_latin

    return problem, salib_latin.sample(problem, samples, seed=sample_seed)


def sobol(bounds: dict[str, list[float]], base_samples: int, second_order: bool = False,
          sample_seed: int = 0, replicates: int = 1) -> Design:
    """Saltelli's sampling for Sobol indices: base_samples x (D + 2) points, or
    base_samples x (2D + 2) with second-order indices; `base_samples` must be a power of 2."""
    problem = problem_of(bounds)
    at_least("base_samples", base_samples, 2)
    if base_samples & (base_samples - 1):
        raise ParameterError(f"sobol: base_samples must be a power of 2, got {base_samples}")
    columns = problem["num_vars"] * (2 if second_order else 1) + 2
    at_most_points(base_samples * columns, "sobol")
    from SALib.sample import sobol as salib_sobol

    matrix = salib_sobol.sample(problem, base_samples, calc_second_order=second_order,
                                seed=sample_seed)
    spec = {"kind": "sobol", "factors": bounds, "base_samples": base_samples,
            "second_order": second_order, "sample_seed": sample_seed}
    return _sampled("sobol", problem, matrix, spec, replicates)


def morris(bounds: dict[str, list[float]], trajectories: int, levels: int = 4,
           sample_seed: int = 0, replicates: int = 1) -> Design:
    """Morris elementary-effects screening: trajectories x (D + 1) points on a grid of
    `levels` levels per parameter (an even number)."""
    problem = problem_of(bounds)
    at_least("trajectories", trajectories, 2)
    if levels < 2 or levels % 2:
        raise ParameterError(f"morris: levels must be an even number >= 2, got {levels}")
    at_most_points(trajectories * (problem["num_vars"] + 1), "morris")
    from SALib.sample import morris as salib_morris

    matrix = salib_morris.sample(problem, trajectories, num_levels=levels, seed=sample_seed)
    spec = {"kind": "morris", "factors": bounds, "trajectories": trajectories,
            "levels": levels, "sample_seed": sample_seed}
    return _sampled("morris", problem, matrix, spec, replicates)


def problem_of(bounds: dict[str, list[float]]) -> dict[str, Any]:
    """SALib's problem dict, after checking each range lies within the parameter's own."""
    if not bounds:
        raise ParameterError("a sampled design needs at least one parameter with bounds")
    for name, pair in bounds.items():
        kind = parameter(name).kind
        if kind is bool:
            raise ParameterError(f"{name} is on/off and cannot be sampled; use a factorial")
        if not (isinstance(pair, list | tuple) and len(pair) == 2):
            raise ParameterError(f"{name}: bounds must be [low, high], got {pair!r}")
        low, high = (parameter(name).coerce(v) for v in pair)
        if not low < high:
            raise ParameterError(f"{name}: bounds [low, high] need low < high, got {pair!r}")
    return {"num_vars": len(bounds), "names": list(bounds),
            "bounds": [[float(low), float(high)] for low, high in bounds.values()]}


def as_point(names: list[str], row: np.ndarray) -> dict[str, float | int]:
    """A sample row as parameter values (integers rounded)."""
    return {name: round(float(x)) if PARAMETERS[name].kind is int else float(x)
            for name, x in zip(names, row, strict=True)}


def _sampled(kind: str, problem: dict, matrix: np.ndarray, spec: dict,
             replicates: int) -> Design:
    points = [as_point(problem["names"], row) for row in matrix]
    labels = [f"sample {i}" for i in range(len(points))]
    return Design(kind, points, replicates_of(replicates), spec, labels, problem, matrix)


# --- from [design] tables -----------------------------------------------------------------
@design_kind("latin_hypercube", keys={"factors", "samples", "sample_seed"},
             required={"factors", "samples"})
def _latin_from(spec: dict[str, Any], replicates: int) -> Design:
    return latin_hypercube(table_of(spec, "factors"), spec["samples"],
                           spec.get("sample_seed", 0), replicates)


@design_kind("sobol", keys={"factors", "base_samples", "second_order", "sample_seed"},
             required={"factors", "base_samples"})
def _sobol_from(spec: dict[str, Any], replicates: int) -> Design:
    return sobol(table_of(spec, "factors"), spec["base_samples"],
                 spec.get("second_order", False), spec.get("sample_seed", 0), replicates)


@design_kind("morris", keys={"factors", "trajectories", "levels", "sample_seed"},
             required={"factors", "trajectories"})
def _morris_from(spec: dict[str, Any], replicates: int) -> Design:
    return morris(table_of(spec, "factors"), spec["trajectories"], spec.get("levels", 4),
                  spec.get("sample_seed", 0), replicates)
