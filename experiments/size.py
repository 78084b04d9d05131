"""How big an experiment is, estimated before it starts, and the limits above which it runs
only when asked for (`--allow-large`).

A typo (`replicates = 10000` for 100, `base_samples = 65536` for 64) should cost a line of
output, not a machine busy for a month or a folder filling the disk. The estimate comes from
measured costs, below; it errs long, since the machine may be shared.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .experiment import Experiment

# CPU seconds per room and simulated day, warm-up included, and per run (building the hotel,
# summarising its run): a run's time grows with rooms and days. Measured with
# `benchmarks/bench_run_cost.py` on the project's 2-core machine (Python 3.12, Mesa 3.5.1),
# fitted on runs of 100 and 200 rooms: 3.9 us per room-day and 0.03 s per run on idle cores
# (26 Nov 2026, after the speed work of issue 7); other work on the cores has made such
# figures up to twice as large. The doubled figures, so that the estimate errs long.
SECONDS_PER_ROOM_DAY = 8e-6
SECONDS_PER_RUN = 0.06
# memory, measured on the same machine (26 Nov 2026)
MAIN_MB = 60  # the main process: its peak PSS during the 160-run factorial was 43 MB
WORKER_MB = 160  # a worker process once the model is imported: 155 MB resident
WORKER_MB_PER_DAY = 0.008  # a run's history and daily table (+8 to +16 MB in 2,150 days)
BYTES_PER_POINT = 420  # a design point listed in the main process (325 B) and its run ids
BUFFER_MB = 10  # chunks' Parquet bytes arriving from the workers (about 2 MB each)

MAX_RUNS = 100_000
MAX_HOURS = 24.0  # estimated wall time on the workers at hand
MAX_MEMORY_SHARE = 0.8  # of this machine's memory


@dataclass(frozen=True)
class Estimate:
    """What an experiment will take: its runs still to do (all of them unless resumed; of
    `total` in the design), their CPU hours and wall hours on `workers` local workers (None
    on a Dask cluster, whose size is not known before it starts); memory on this machine."""

    runs: int
    cpu_hours: float
    workers: int | None
    memory_mb: float
    total: int

    @property
    def hours(self) -> float | None:
        return None if self.workers is None else self.cpu_hours / self.workers


def estimate(experiment: Experiment, workers: int | None, stored: Collection[str] = ()
             ) -> Estimate:
    """The estimate for `experiment` on `workers` local processes (None: a Dask cluster),
    for the runs not among `stored` (run ids: what a resumed session skips)."""
    base = experiment.base_parameters()
    replicates = experiment.design.replicates
    # replicates stored, by point, from ids "p<point>-r<replicate>"
    done = Counter(int(run_id[1:run_id.index("-")]) for run_id in stored)
    runs, run_seconds = 0, 0.0
    for index, point in enumerate(experiment.design.points):
        parameters = base | point
        room_days = parameters["rooms"] * (parameters["warmup_days"] + experiment.days)
        runs += replicates - done[index]
        run_seconds += ((replicates - done[index])
                        * (SECONDS_PER_RUN + SECONDS_PER_ROOM_DAY * room_days))
    total = experiment.total_runs
    memory = MAIN_MB + BUFFER_MB + BYTES_PER_POINT * total / 1e6
    if workers is not None:
        memory += workers * (WORKER_MB + WORKER_MB_PER_DAY
                             * (base["warmup_days"] + experiment.days))
    return Estimate(runs, run_seconds / 3600, workers, memory, total)


def check_size(experiment: Experiment, workers: int | None, allow_large: bool,
               stored: Collection[str] = ()) -> Estimate:
    """The estimate for the runs not among `stored`; raises ValueError (one line: the
    estimate, the limit passed and the way to go ahead) when they are above a limit and
    `allow_large` is false."""
    found = estimate(experiment, workers, stored)
    machine_mb = _machine_memory_mb()
    above = []
    if found.runs > MAX_RUNS:
        above.append(f"{MAX_RUNS:,} runs")
    if found.hours is not None and found.hours > MAX_HOURS:
        above.append(f"{MAX_HOURS:g} hours")
    if machine_mb and found.memory_mb > MAX_MEMORY_SHARE * machine_mb:
        above.append(f"{MAX_MEMORY_SHARE:.0%} of this machine's {machine_mb / 1024:.1f} GB")
    if above and not allow_large:
        raise ValueError(f"this experiment is large: {describe(found, experiment.days)}; "
                         f"above the limit of {' and '.join(above)}; add --allow-large to "
                         f"run it anyway, or use fewer replicates, points or days")
    return found


def describe(found: Estimate, days: int) -> str:
    plural = "" if found.workers == 1 else "s"
    where = (f"{_duration(found.hours)} on {found.workers} worker{plural}"
             if found.hours is not None else "on a Dask cluster, divided among its workers")
    left = (f" left ({found.total - found.runs:,} of {found.total:,} stored)"
            if found.runs < found.total else "")
    return (f"{found.runs:,} runs of {days} days{left}: {_duration(found.cpu_hours)} of CPU "
            f"time ({where}) and {found.memory_mb / 1024:.1f} GB of memory here")


def _duration(hours: float) -> str:
    if hours < 1 / 60:
        return f"about {max(1, round(hours * 3600))} seconds"
    if hours < 1:
        minutes = round(hours * 60)
        return f"about {minutes} minute{'' if minutes == 1 else 's'}"
    return f"about {hours:,.1f} hours" if hours < 48 else f"about {hours / 24:,.1f} days"


def _machine_memory_mb() -> float | None:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**20
    except (ValueError, OSError, AttributeError):  # not a POSIX system that says
        return None
