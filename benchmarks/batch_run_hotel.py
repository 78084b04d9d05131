"""The hotel as Mesa's batch_run runs it in benchmarks/bench_experiments.py: a DataCollector of
every daily metric.

Its own module so that only the batch_run measurement imports Mesa's DataCollector: the
measurement of our runner then holds only what `interlodge factorial` itself loads. batch_run's
worker processes are forked, so they find the class by this module's name.
"""

from __future__ import annotations

from mesa import DataCollector

from model import METRICS, InterLodgeModel


class DailyCollectingHotel(InterLodgeModel):
    """InterLodgeModel with a Mesa DataCollector of every daily metric, collected once at
    the end of each simulated day (the model's step is one hour)."""

    def __init__(self, rng=None, **parameters):
        super().__init__(rng=rng, **parameters)  # runs the warm-up, which reports no days
        self.datacollector = DataCollector(model_reporters={
            name: (lambda model, name=name: model.rows[-1][name]) for name in METRICS})
        self._days_collected = len(self.rows)

    def step(self):
        super().step()
        collector = getattr(self, "datacollector", None)  # None during the warm-up
        if collector is not None and len(self.rows) > self._days_collected:
            self._days_collected = len(self.rows)
            collector.collect(self)
