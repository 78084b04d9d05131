"""The costs behind the size estimate of `interlodge sweep` and `factorial`
(experiments/size.py): CPU time per room and simulated day, and a worker's memory.

    .venv/bin/python benchmarks/bench_run_cost.py

Runs one hotel of 30, 100 and 200 rooms (staff in proportion) for 200 days after the
default warm-up, in this process, and prints each run's CPU time per room-day (process time,
so other work on the machine matters less than for wall time); the cost per room-day and per
run fitted on the 100- and 200-room runs, beside the constants the estimate uses; then this
process's resident memory before and after a 2,000-day run. Update the constants in
experiments/size.py from these figures (take the larger of a quiet and a busy measurement:
the estimate should err long).
"""

from __future__ import annotations

import resource
import time

from experiments.simulation import run_hotel
from experiments.size import SECONDS_PER_ROOM_DAY, SECONDS_PER_RUN, WORKER_MB, WORKER_MB_PER_DAY
from model import preset_parameters

# floors, receptionists, housekeepers, technicians: the test suite's small hotel, the
# default hotel, and the default doubled
HOTELS = {30: (3, 3, 3, 1), 100: None, 200: (10, 14, 16, 4)}
STAFF = ("floors", "receptionists", "housekeepers", "technicians")


def hotel(rooms: int) -> dict:
    staff = HOTELS[rooms]
    overrides = {} if staff is None else {"rooms": rooms} | dict(zip(STAFF, staff, strict=True))
    return preset_parameters("baseline", overrides)


def resident_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def main() -> None:
    print("InterLodge run cost (CPU time, warm-up included)")
    run_hotel(hotel(30), 10, seed=1)  # the first run in a process pays for lazy imports
    costs = {}
    for rooms in HOTELS:
        parameters = hotel(rooms)
        start = time.process_time()
        run_hotel(parameters, 200, seed=1)
        room_days = rooms * (parameters["warmup_days"] + 200)
        costs[rooms] = (room_days, time.process_time() - start)
        print(f"  {rooms:>3} rooms: {costs[rooms][1]:6.2f} s, "
              f"{costs[rooms][1] / room_days * 1e6:5.1f} us per room-day")
    (small_days, small), (large_days, large) = costs[100], costs[200]
    slope = (large - small) / (large_days - small_days)
    print(f"fitted on 100 and 200 rooms: {slope * 1e6:.1f} us per room-day (the estimate uses "
          f"{SECONDS_PER_ROOM_DAY * 1e6:.1f}) + {small - slope * small_days:.2f} s per run "
          f"(the estimate uses {SECONDS_PER_RUN:.2f})")
    before = resident_mb()
    parameters = preset_parameters("baseline")
    run_hotel(parameters, 2000, seed=1)
    grown = resident_mb() - before
    days = parameters["warmup_days"] + 2000
    print(f"worker memory: {before:.0f} MB with the model loaded (the estimate uses "
          f"{WORKER_MB}), +{grown:.0f} MB over a {days}-day run, "
          f"{grown / days * 1000:.1f} kB a day (the estimate uses "
          f"{WORKER_MB_PER_DAY * 1000:.1f})")


if __name__ == "__main__":
    main()
