"""A worker gives back what a finished run left before it starts the next one."""

import gc
import weakref

import pandas as pd
from experiment_helpers import small_experiment

from experiments.evaluators import execute_together
from model import METRICS


class Hotel:
    """Stands for the model: agents point at it and it at them (a reference cycle)."""

    def __init__(self):
        self.agents = [self]


def test_a_finished_runs_hotel_is_freed_before_the_next_run_starts():
    hotels, alive_at_start = [], []

    def simulate(parameters, days, seed, warm_ups):
        alive_at_start.append([hotel() is not None for hotel in hotels])
        hotel = Hotel()
        hotels.append(weakref.ref(hotel))
        return pd.DataFrame(1.0, index=range(days), columns=list(METRICS))

    automatic = gc.isenabled()
    gc.disable()  # as in a worker whose objects are frozen: no collection comes by itself
    try:
        results = execute_together(list(small_experiment().runs())[:3], simulate)
    finally:
        if automatic:
            gc.enable()
    assert [result.status for result in results] == ["ok"] * 3, results[0].error
    assert alive_at_start == [[], [False], [False, False]]
