"""Named scenarios run on common seeds, in parallel, kept in memory.

For the story and the validation: a handful of scenarios on tens of seeds. Large designs
that must survive crashes go through `experiments.runner` and its store instead.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import pandas as pd

from model import preset_parameters

from .simulate import simulate

Scenario = tuple[str, dict[str, Any], int]  # (preset, overrides, days)


def _run(task: tuple[Scenario, int]) -> pd.DataFrame:
    (preset, overrides, days), seed = task
    return simulate(preset, overrides, days, seed)


def run_scenarios(scenarios: dict[str, Scenario], seeds: int,
                  workers: int | None = None) -> dict[str, list[pd.DataFrame]]:
    """Run every scenario on seeds 0..seeds-1; return each scenario's tables in seed order.

    All scenarios share the seeds (common random numbers): with the market's own random
    stream, they face the same demand, so their differences come from the levers.
    """
    for preset, overrides, _days in scenarios.values():
        preset_parameters(preset, overrides)  # fail before any run starts
    names = list(scenarios)
    tasks = [(scenarios[name], seed) for seed in range(seeds) for name in names]
    workers = workers or os.cpu_count() or 1
    if workers == 1:
        tables = list(map(_run, tasks))
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            tables = list(pool.map(_run, tasks))
    return {name: tables[i::len(names)] for i, name in enumerate(names)}
