"""An experiment: a design run on top of a preset, for a number of days, from one root seed.

`Experiment.runs()` lists every run in the order they are started: replicate 0 of every
design point, then replicate 1 of every point, and so on, so an experiment stopped part-way
still has the same number of replicates (give or take one) at every point.

Seeds: one root seed per experiment, one derived seed per run, from numpy's SeedSequence
with the root seed as entropy. By default replicate r of every design point has the same seed
(common random numbers, spawn key (r,)): the points face the same demand and luck, so their
differences are paired and come from the design, and the points that differ only in
lever-side parameters share one warm-up. A design comparing policies on worlds keeps a seed
per world instead (spawn key (world, r)): all policies of a world share it. With
`common_seeds=False` each run has its own seed (spawn key (point_index, replicate)). Either
way a run's seed depends on nothing else, so any run can be reproduced alone, in any order, on
any number of workers, and adding replicates or points to a design never changes the seeds of
the runs already there.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from model import ParameterError, preset_parameters, validate_parameters

from .simulation import MAX_DAYS

if TYPE_CHECKING:  # workers import this module for RunSpec and need no sampling libraries
    from .designs import Design

SUMMARY_DAYS = 90  # per-run figures are means over the last quarter of the run


@dataclass(frozen=True)
class RunSpec:
    """Everything one run needs; sent to a worker, so it holds only plain values.

    run_id: "p<point_index>-r<replicate>", the run's name in every output table.
    seed: the model's seed, derived from the root seed and (point_index, replicate).
    parameters: the complete, validated model parameters.
    days: days simulated after the warm-up.
    summary_days: the per-run summary averages the daily metrics over this many last days.
    """

    run_id: str
    point_index: int
    replicate: int
    seed: int
    parameters: dict[str, Any]
    days: int
    summary_days: int


@dataclass(frozen=True, eq=False)
class Experiment:
    """A design with the settings every run shares.

    design: the design points and replicates.
    days: days each run simulates after its warm-up.
    root_seed: entropy every run's seed is derived from (see the module docstring).
    preset: the lever settings the points start from (model.PRESETS).
    fixed: parameters held at the same value in every run (e.g. rooms); may not be varied.
    summary_days: window, at the end of each run, of the per-run summary figures.
    common_seeds: replicate r of every point has the same seed (see the module docstring).
    name, description: for people; not part of the experiment's identity.
    """

    design: Design
    days: int
    root_seed: int
    preset: str = "baseline"
    fixed: dict[str, Any] = field(default_factory=dict)
    summary_days: int = SUMMARY_DAYS
    common_seeds: bool = True
    name: str = ""
    description: str = ""

    def __post_init__(self) -> None:
        for what, value in (("days", self.days), ("summary_days", self.summary_days)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ParameterError(f"{what} must be a whole number >= 1, got {value!r}")
        if self.days > MAX_DAYS:
            raise ParameterError(f"days must be at most {MAX_DAYS}, got {self.days}")
        if isinstance(self.root_seed, bool) or not isinstance(self.root_seed, int) \
                or self.root_seed < 0:
            raise ParameterError(f"seed must be a whole number >= 0, got {self.root_seed!r}")
        both = sorted(set(self.fixed) & set(self.design.factors))
        if both:
            raise ParameterError(f"{', '.join(both)} is both fixed and varied by the design")
        base = self.base_parameters()
        # every point must make a valid hotel: check them all before any run starts
        for index, point in enumerate(self.design.points):
            try:
                validate_parameters(base | point)
            except ParameterError as error:
                raise ParameterError(f"design point {index} ({point}): {error}") from None

    def base_parameters(self) -> dict[str, Any]:
        """The parameters of a run before its design point is applied."""
        return preset_parameters(self.preset, self.fixed)

    @property
    def total_runs(self) -> int:
        return self.design.runs

    def runs(self) -> Iterator[RunSpec]:
        """Every run, replicate-major (see the module docstring)."""
        base = self.base_parameters()
        for replicate in range(self.design.replicates):
            for point_index in range(len(self.design.points)):
                yield self._spec(base, point_index, replicate)

    def run(self, point_index: int, replicate: int) -> RunSpec:
        """One run on its own, e.g. to reproduce it outside the experiment."""
        return self._spec(self.base_parameters(), point_index, replicate)

    def _spec(self, base: dict[str, Any], point_index: int, replicate: int) -> RunSpec:
        if not self.common_seeds:
            seed = run_seed(self.root_seed, point_index, replicate)
        elif self.design.worlds is not None:  # the policies of a world share its seeds
            seed = run_seed(self.root_seed, self.design.seed_key(point_index), replicate)
        else:
            seed = replicate_seed(self.root_seed, replicate)
        return RunSpec(run_id(point_index, replicate), point_index, replicate, seed,
                       base | self.design.points[point_index], self.days, self.summary_days)

    def identity(self) -> dict[str, Any]:
        """What decides the numbers of the runs; two experiments with the same identity
        produce the same runs, so one may resume the other."""
        return {"design": self.design.spec, "replicates": self.design.replicates,
                "points": len(self.design.points), "points_sha": self.design.fingerprint(),
                "days": self.days, "summary_days": self.summary_days,
                "root_seed": self.root_seed, "common_seeds": self.common_seeds,
                "base_parameters": self.base_parameters()}


def run_id(point_index: int, replicate: int) -> str:
    return f"p{point_index}-r{replicate}"


def new_root_seed() -> int:
    """Fresh entropy from the operating system, for an experiment that names no seed."""
    return int(np.random.SeedSequence().entropy)


def run_seed(root_seed: int, point_index: int, replicate: int) -> int:
    """The model seed of replicate `replicate` of design point `point_index`.

    A non-negative 63-bit integer, so that it fits a signed 64-bit column and is accepted by
    both numpy's and Python's random generators (the model seeds both from it).
    """
    return _seed(np.random.SeedSequence(root_seed, spawn_key=(point_index, replicate)))


def replicate_seed(root_seed: int, replicate: int) -> int:
    """The model seed of replicate `replicate` of every design point (common seeds)."""
    return _seed(np.random.SeedSequence(root_seed, spawn_key=(replicate,)))


def _seed(sequence: np.random.SeedSequence) -> int:
    return int(sequence.generate_state(1, dtype=np.uint64)[0] >> np.uint64(1))
