"""Speed of the model: one 540-day run of the default hotel, and how it grows.

Prints the median wall time of a 540-day run of the default hotel (warm-up included; target
at most 1.0 s on the project's 2-core machine), then the time by hotel size (staff scaled with
the rooms) and by run length. Usage: .venv/bin/python benchmarks/bench_model.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import time

from model import PARAMETERS, InterLodgeModel

STAFF_PER_100_ROOMS = {name: PARAMETERS[name].default for name in
                       ("receptionists", "housekeepers", "technicians")}


def hotel_of(rooms: int) -> dict:
    params = {name: max(PARAMETERS[name].low, round(n * rooms / 100))
              for name, n in STAFF_PER_100_ROOMS.items()}
    return params | {"rooms": rooms, "floors": max(1, rooms // 20)}


def timed_run(days: int, params: dict, seed: int) -> float:
    started = time.perf_counter()
    InterLodgeModel(rng=seed, **params).run_days(days)
    return time.perf_counter() - started


def median_time(days: int, params: dict, repeat: int) -> float:
    return statistics.median(timed_run(days, params, seed) for seed in range(repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs per figure (default 7)")
    repeat = parser.parse_args().repeat
    warmup = PARAMETERS["warmup_days"].default
    print(f"one 540-day run of the default hotel (+{warmup} warm-up days), median of {repeat}: "
          f"{median_time(540, {}, repeat):.3f} s (target <= 1.0 s)")
    print("\nby hotel size (540 days, staff scaled with rooms):")
    for rooms in (50, 100, 200, 400):
        print(f"  {rooms:>4} rooms: {median_time(540, hotel_of(rooms), repeat):7.3f} s")
    print("\nby run length (default hotel):")
    for days in (90, 180, 360, 540, 1080):
        print(f"  {days:>5} days: {median_time(days, {}, repeat):7.3f} s")


if __name__ == "__main__":
    main()
