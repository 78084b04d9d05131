"""Speed of the model, before and after the speed work (issue 7), in one run.

Prints, side by side:
- one 540-day run of the default hotel (warm-up included): median wall and CPU time for the
  code before the speed work (commit BEFORE, checked out into a temporary folder with
  `git worktree add` and run with this same interpreter) and for this tree, and their ratio
  (target: at least 2.5 times faster; goal 0.25 s);
- how a run's CPU time grows with rooms (50, 100, 200, 400; staff scaled with the rooms) and
  with days, with the exponents of a power-law fit (target: at most 1.1, linear);
- start-up: importing the hotel (`from model import InterLodgeModel`), `interlodge --help`
  and `interlodge run --help` (target: help in at most 0.5 s);
- with --experiments, then benchmarks/bench_experiments.py: the 16-cell factorial x 10
  replicates x 540 days on 2 workers (wall, parallel efficiency) and the same design through
  Mesa's batch_run (wall, peak memory as PSS).

Every figure is measured in a fresh child process. Usage (one command, from the repository):
    .venv/bin/python benchmarks/bench_model.py --experiments
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
BEFORE = "225f5a4"  # main before issue 7 (the parameters as a dataclass)
STAFF_PER_100_ROOMS = {"receptionists": 6, "housekeepers": 8, "technicians": 2}

# a child process: runs of one hotel from the code in TREE, printing wall and CPU seconds
RUNS = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from model import InterLodgeModel
days, params, seeds = json.loads(sys.argv[2])
out = []
for seed in seeds:
    wall, cpu = time.perf_counter(), time.process_time()
    InterLodgeModel(rng=seed, **params).run_days(days)
    out.append((time.perf_counter() - wall, time.process_time() - cpu))
print(json.dumps(out))
"""


def runs(tree: Path, days: int, params: dict, seeds: list[int]) -> list[tuple[float, float]]:
    output = subprocess.run([sys.executable, "-c", RUNS, str(tree),
                             json.dumps([days, params, seeds])],
                            check=True, capture_output=True, text=True, cwd=tempfile.gettempdir())
    return json.loads(output.stdout)


def hotel_of(rooms: int) -> dict:
    staff = {name: max(1, round(n * rooms / 100)) for name, n in STAFF_PER_100_ROOMS.items()}
    return staff | {"rooms": rooms, "floors": max(1, rooms // 20)}


def before_and_after(repeat: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        before = Path(folder) / "before"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q",
                        str(before), BEFORE], check=True)
        try:
            # alternate the two codes, so that a change of load hits both alike
            old, new = [], []
            for seed in range(repeat):
                old += runs(before, 540, {}, [seed])
                new += runs(ROOT, 540, {}, [seed])
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                            str(before)], check=True)
    print(f"one 540-day run of the default hotel, warm-up included, median of {repeat}:")
    print(f"  {'':24}{'wall s':>9}{'CPU s':>9}")
    medians = {}
    for name, times in ((f"before ({BEFORE})", old), ("after (this tree)", new)):
        medians[name] = [statistics.median(t[i] for t in times) for i in (0, 1)]
        print(f"  {name:24}{medians[name][0]:9.3f}{medians[name][1]:9.3f}")
    (wall_old, cpu_old), (wall_new, cpu_new) = medians.values()
    print(f"  {'speed-up':24}{wall_old / wall_new:8.2f}x{cpu_old / cpu_new:8.2f}x"
          f"   (target >= 2.5x; goal 0.25 s)")


def exponent(sizes: list[int], seconds: list[float]) -> float:
    """The exponent b of seconds = a * size**b, by least squares on the logarithms."""
    return float(np.polyfit(np.log(sizes), np.log(seconds), 1)[0])


def scaling(repeat: int) -> None:
    seeds = list(range(repeat))
    print("\nscaling (this tree, median CPU s; the warm-up scales with the run's hotel):")
    rooms = [50, 100, 200, 400]
    by_rooms = [statistics.median(c for _, c in runs(ROOT, 540, hotel_of(n), seeds))
                for n in rooms]
    print("  rooms " + "".join(f"{n:>8}" for n in rooms) + "   exponent")
    print("  CPU s " + "".join(f"{s:8.3f}" for s in by_rooms)
          + f"   {exponent(rooms, by_rooms):.2f}  (target <= 1.1)")
    # days after a fixed warm-up: the cost of the days themselves
    days = [135, 270, 540, 1080]
    by_days = [statistics.median(c for _, c in runs(ROOT, d, {"warmup_days": 0}, seeds))
               for d in days]
    print("  days  " + "".join(f"{d:>8}" for d in days) + "   exponent (no warm-up)")
    print("  CPU s " + "".join(f"{s:8.3f}" for s in by_days)
          + f"   {exponent(days, by_days):.2f}  (target <= 1.1)")


def timed_command(command: list[str], repeat: int) -> tuple[float, float]:
    """Median wall and CPU seconds (of the child) of `command`."""
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def start_up(repeat: int) -> None:
    interlodge = str(Path(sys.executable).with_name("interlodge"))
    print(f"\nstart-up (median of {repeat}):")
    print(f"  {'':30}{'wall s':>9}{'CPU s':>9}")
    for name, command in (("python -c pass", [sys.executable, "-c", "pass"]),
                          ("import the hotel", [sys.executable, "-c",
                                                "from model import InterLodgeModel"]),
                          ("interlodge --help", [interlodge, "--help"]),
                          ("interlodge run --help", [interlodge, "run", "--help"])):
        wall, cpu = timed_command(command, repeat)
        target = "   (target <= 0.5 s)" if "help" in name else ""
        print(f"  {name:30}{wall:9.3f}{cpu:9.3f}{target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (default 5)")
    parser.add_argument("--experiments", action="store_true",
                        help="then run benchmarks/bench_experiments.py (several minutes)")
    args = parser.parse_args()
    print(f"InterLodge model benchmark, {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f}, Python {sys.version.split()[0]}")
    before_and_after(args.repeat)
    scaling(max(1, math.ceil(args.repeat / 2)))
    start_up(args.repeat)
    print(f"load average after: {os.getloadavg()[0]:.1f}", flush=True)
    if args.experiments:
        print()
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_experiments.py")],
                       check=True)


if __name__ == "__main__":
    main()
