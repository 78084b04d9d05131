"""What runs inside a worker process: one experiment run, its result, and nothing else.

Kept apart from the runner so that worker processes import only the model and pandas, not
the analysis, storage and plotting libraries of the main process.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from .experiment import RunSpec
from .simulate import simulate

# simulate(parameters, days, seed) -> daily table; replaceable to test failures
Simulator = Callable[[dict, int, int], pd.DataFrame]


@dataclass
class RunResult:
    """What a worker sends back: the run, how it went and what it measured.

    status: "ok" or "failed"; error: the traceback of a failed run.
    summary: each numeric daily metric averaged over the run's last `summary_days` days.
    daily: the daily table (None for a failed run).
    """

    spec: RunSpec
    status: str
    error: str | None
    wall_seconds: float
    summary: dict[str, float]
    daily: pd.DataFrame | None


def simulate_hotel(parameters: dict, days: int, seed: int) -> pd.DataFrame:
    """The model run behind every experiment run. `parameters` is a complete parameter
    set, so the preset underneath is irrelevant: every lever is set explicitly."""
    return simulate("baseline", parameters, days, seed)


def execute(spec: RunSpec, simulator: Simulator = simulate_hotel) -> RunResult:
    """Run one experiment run; never raises for a failure of the run itself."""
    start = time.perf_counter()
    try:
        daily = simulator(spec.parameters, spec.days, spec.seed)
        summary = daily.tail(spec.summary_days).drop(columns="day").mean(numeric_only=True)
        return RunResult(spec, "ok", None, time.perf_counter() - start,
                         {k: float(v) for k, v in summary.items()}, daily)
    except Exception:
        return RunResult(spec, "failed", traceback.format_exc(), time.perf_counter() - start,
                         {}, None)


