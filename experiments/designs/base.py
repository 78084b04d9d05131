"""What every design is: points in a fixed order, replicates, and the kind that built it.

A `Design` is a list of design points in a fixed order, plus how many replicates of each to
run. A point is a dict of the parameters that vary (the rest come from the experiment's
preset and fixed parameters). The same specification always gives the same points in the
same order, so a point's index identifies it across sessions, machines and workers.

Each kind of design lives in its own module and registers itself with `design_kind`: its
name, the keys its [design] table accepts and requires, and the function that builds it from
that table. `build_design` turns any [design] table (from a TOML file or a manifest) into a
Design, so adding a sampler touches only its own module (and the import list of the package).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from model import PARAMETERS, ParameterError, validate_parameters

from ..size import BYTES_PER_POINT

# listing a point costs about BYTES_PER_POINT in the main process and checking it 40 us
# (experiments/size.py): a million points are 0.4 GB and 40 s before the first run; more is
# a typo, or a study to split into several experiments
MAX_POINTS = 1_000_000


@dataclass(frozen=True, eq=False)
class Design:
    """Design points in run order, with replicates.

    kind: the registered kind that built it.
    points: the varied parameters of each point, in the design's deterministic order.
    replicates: runs of each point, each with its own seed.
    spec: the specification the points were built from (goes to the manifest; two designs
        are the same experiment when their specs and points agree).
    labels: a short name per point for tables and figures.
    problem: for sampled designs, SALib's problem dict (names and bounds).
    samples: for sampled designs, the unrounded sample matrix, one row per point.
    worlds: for designs that compare policies on common worlds, the world (uncertainty
        point) of each point: all points of one world draw the same seeds, replicate by
        replicate, so every policy meets the same luck. None: each point its own seeds.
    policies: for those designs, the policy of each point (its name in the design).
    """

    kind: str
    points: list[dict[str, Any]]
    replicates: int
    spec: dict[str, Any]
    labels: list[str]
    problem: dict[str, Any] | None = None
    samples: np.ndarray | None = field(default=None, repr=False)
    worlds: list[int] | None = None
    policies: list[str] | None = None

    def seed_key(self, point_index: int) -> int:
        """The first element of the spawn key of the point's seeds (experiments.experiment):
        its world when the design has worlds, else the point itself."""
        return point_index if self.worlds is None else self.worlds[point_index]

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


@dataclass(frozen=True)
class DesignKind:
    """A kind of design as the [design] table names it."""

    name: str
    keys: frozenset[str]  # accepted besides `kind`
    required: frozenset[str]
    build: Callable[[dict[str, Any], int], Design]  # (the [design] table, replicates)


KINDS: dict[str, DesignKind] = {}


def design_kind(name: str, keys: set[str], required: set[str] = frozenset()):
    """Register the decorated `build(spec, replicates)` as the [design] kind `name`."""
    def register(build):
        KINDS[name] = DesignKind(name, frozenset(keys), frozenset(required), build)
        return build
    return register


def build_design(spec: dict[str, Any], replicates: int) -> Design:
    """The design a [design] table describes (also rebuilds a design from its manifest)."""
    kind = spec.get("kind")
    if kind not in KINDS:
        raise ParameterError(f"[design] kind must be one of {', '.join(KINDS)}, got {kind!r}")
    known = KINDS[kind]
    no_unknown_keys(spec, set(known.keys) | {"kind"}, f"[design] of kind {kind}")
    missing = sorted(known.required - set(spec))
    if missing:
        raise ParameterError(f"[design] of kind {kind} needs {', '.join(missing)}")
    return known.build(spec, replicates)


# --- checks shared by the kinds -----------------------------------------------------------
def no_unknown_keys(table: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise ParameterError(f"unknown key {unknown[0]!r} at {where}; "
                             f"allowed: {', '.join(sorted(allowed))}")


def table_of(table: dict[str, Any], key: str) -> dict[str, Any]:
    value = table[key]
    if not isinstance(value, dict):
        raise ParameterError(f"{key!r} must be a table, got {value!r}")
    return value


def parameter(name: str):
    if name not in PARAMETERS:
        validate_parameters({name: None})  # raises the model's "unknown ... did you mean" line
    return PARAMETERS[name]


def check_unique(names: list[str]) -> None:
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise ParameterError(f"{', '.join(repeated)} listed more than once")


def at_least(what: str, value: Any, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ParameterError(f"{what} must be a whole number >= {minimum}, got {value!r}")


def at_most_points(count: int, what: str) -> None:
    """Refuse a design too large to list before it is listed (sampled or enumerated)."""
    if count > MAX_POINTS:
        raise ParameterError(f"{what} gives {count:,} design points, more than {MAX_POINTS:,} "
                             f"(listing them alone would take about "
                             f"{count * BYTES_PER_POINT / 1e9:.1f} "
                             f"GB); use fewer, or split it into several experiments")


def replicates_of(replicates: Any) -> int:
    at_least("replicates", replicates, 1)
    return replicates


def short(value: Any) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    return f"{value:g}" if isinstance(value, float) else str(value)
