"""Shared pieces of the experiments tests: small experiments and a simulator that fails.

Functions here run in worker processes, which import them by module name.
"""

from __future__ import annotations

import concurrent.futures as cf
from pathlib import Path

import pandas as pd
from conftest import SMALL_HOTEL  # the suite's small hotel: fast, every mechanism kept

from experiments.designs import Design, grid
from experiments.evaluators import Tally, run_experiment
from experiments.experiment import Experiment
from experiments.simulation import run_hotel_columns
from experiments.store import ExperimentStore, iter_daily, read_runs

DAYS = 20
# the suite's small hotel as the [fixed] table of an experiment file
SMALL_TOML = "\n[fixed]\n" + "".join(f"{k} = {v}\n" for k, v in SMALL_HOTEL.items())


def small_experiment(design: Design | None = None, days: int = DAYS, seed: int = 7,
                     **settings) -> Experiment:
    """A small, fast hotel under `design` (default: 3 weights x 2 replicates)."""
    design = design or grid({"cross_evaluation_weight": [0.0, 0.5, 1.0]}, replicates=2)
    return Experiment(design, days=days, root_seed=seed, preset="redesign",
                      fixed=dict(SMALL_HOTEL), summary_days=10, **settings)


def run_into(folder: Path, experiment: Experiment, executor: cf.Executor, *,
             resume: bool = False, simulator=run_hotel_columns, **store_options) -> Tally:
    with ExperimentStore(folder, experiment, resume=resume, **store_options) as store:
        return run_experiment(experiment, store, executor, 4, progress=False,
                              simulator=simulator)


def fail_at_middle_weight(parameters: dict, days: int, seed: int,
                          warm_ups: dict | None = None) -> dict[str, list]:
    """The hotel, except that cross_evaluation_weight 0.5 raises (an injected model bug)."""
    if parameters["cross_evaluation_weight"] == 0.5:
        raise RuntimeError("injected failure at weight 0.5")
    return run_hotel_columns(parameters, days, seed, warm_ups)


def numbers(folder: Path) -> pd.DataFrame:
    """The stored results without timings: what must not depend on how runs were executed."""
    return read_runs(folder).drop(columns="wall_seconds").set_index("run_id")


def daily_rows(folder: Path) -> pd.DataFrame:
    columns = ["run_id", "point_index", "replicate", "day", "gross_margin", "held_rooms"]
    return (pd.concat(iter_daily(folder, columns), ignore_index=True)
            .sort_values(["run_id", "day"], ignore_index=True))
