"""Designs that list their points: every on/off combination of levers (`factorial`, the 16
cells of the case), every combination of listed values (`grid`), explicit points (`points`,
e.g. the case's named presets)."""

from __future__ import annotations

import itertools
import json
import math
from typing import Any

import numpy as np

from model import LEVERS, PRESETS, ParameterError

from .base import (
    Design,
    at_most_points,
    check_unique,
    design_kind,
    no_unknown_keys,
    parameter,
    replicates_of,
    short,
    table_of,
)


def factorial(levers: list[str] | tuple[str, ...] = LEVERS, replicates: int = 1) -> Design:
    """Every on/off combination of the boolean `levers`: 2**len(levers) cells.

    Cells are in binary counting order with the first lever changing slowest (all off first,
    all on last), the order of a textbook 2**k table.
    """
    levers = list(levers)
    if not levers:
        raise ParameterError("a factorial design needs at least one lever")
    check_unique(levers)
    for name in levers:
        if parameter(name).kind is not bool:
            raise ParameterError(f"factorial: {name} is not an on/off parameter; use a grid")
    at_most_points(2 ** len(levers), "factorial")
    points = [dict(zip(levers, cell, strict=True))
              for cell in itertools.product((False, True), repeat=len(levers))]
    labels = ["+".join(n for n, on in p.items() if on) or "none" for p in points]
    return Design("factorial", points, replicates_of(replicates),
                  {"kind": "factorial", "factors": levers}, labels)


def grid(axes: dict[str, list[Any]], replicates: int = 1) -> Design:
    """Every combination of the values listed for each parameter, first axis slowest."""
    if not axes:
        raise ParameterError("a grid design needs at least one parameter with values")
    values = {}
    for name, listed in axes.items():
        if not isinstance(listed, list) or not listed:
            raise ParameterError(f"grid: {name} needs a non-empty list of values")
        coerced = [parameter(name).coerce(v) for v in listed]
        if len(set(coerced)) != len(coerced):
            raise ParameterError(f"grid: {name} lists the same value twice")
        values[name] = coerced
    at_most_points(math.prod(len(listed) for listed in values.values()), "grid")
    points = [dict(zip(values, combo, strict=True))
              for combo in itertools.product(*values.values())]
    labels = [", ".join(f"{n}={short(v)}" for n, v in p.items()) for p in points]
    return Design("grid", points, replicates_of(replicates),
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
        label, values = resolve_point(point, f"points: point {number}")
        resolved.append(values)
        labels.append(label)
    keys = [json.dumps(p, sort_keys=True) for p in resolved]
    if len(set(keys)) != len(keys):
        raise ParameterError("points: two points are identical; use replicates instead")
    return Design("points", resolved, replicates_of(replicates),
                  {"kind": "points", "points": points}, labels)


def resolve_point(point: dict[str, Any], where: str) -> tuple[str, dict[str, Any]]:
    """A point's label and typed values; a `preset` key sets the four levers as that preset
    does (the others off), and the point's other keys override it."""
    values = dict(point)
    preset = values.pop("preset", None)
    label = ", ".join(f"{n}={short(v)}" for n, v in values.items())
    if preset is not None:
        if preset not in PRESETS:
            raise ParameterError(f"{where}: unknown preset {preset!r}; "
                                 f"choose one of {', '.join(PRESETS)}")
        label = f"{preset} {label}".strip() if values else preset
        values = {lever: False for lever in LEVERS} | PRESETS[preset] | values
    return label, {name: parameter(name).coerce(v) for name, v in values.items()}


# --- from [design] tables -----------------------------------------------------------------
@design_kind("factorial", keys={"factors"})
def _factorial_from(spec: dict[str, Any], replicates: int) -> Design:
    return factorial(spec.get("factors", LEVERS), replicates)


@design_kind("grid", keys={"factors"}, required={"factors"})
def _grid_from(spec: dict[str, Any], replicates: int) -> Design:
    return grid({name: _grid_values(name, values)
                 for name, values in table_of(spec, "factors").items()}, replicates)


@design_kind("points", keys={"points"}, required={"points"})
def _points_from(spec: dict[str, Any], replicates: int) -> Design:
    return point_list(spec["points"], replicates)


def _grid_values(name: str, values: Any) -> list[Any]:
    """A grid axis: a list of values, or {low, high, count} for `count` evenly spaced ones."""
    if not isinstance(values, dict):
        return values
    no_unknown_keys(values, {"low", "high", "count"}, f"grid axis {name}")
    if set(values) != {"low", "high", "count"}:
        raise ParameterError(f"grid axis {name}: give a list, or low, high and count")
    count = values["count"]
    if isinstance(count, bool) or not isinstance(count, int) or count < 2:
        raise ParameterError(f"grid axis {name}: count must be a whole number >= 2")
    return [float(round(x, 12)) for x in np.linspace(values["low"], values["high"], count)]
