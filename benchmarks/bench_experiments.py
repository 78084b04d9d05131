"""Speed and memory of the experiments layer, and the same design through Mesa's batch_run.

    .venv/bin/python benchmarks/bench_experiments.py [--workers 2] [--quick]

Prints:
(a) the 16-cell factorial, 10 replicates of 540 days, on `--workers` local processes: wall
    time, CPU time and peak memory (target: at most 30 s on 2 workers);
(b) the parallel efficiency of that same factorial, T(1 worker) / (workers x T(workers))
    (target: at least 90% on 2 workers): (a) and the factorial on 1 worker are measured
    alternately, (a) being the best of its measurements;
(c) the same design as (a) through `mesa.batch_run` and through ours, same model, same seeds
    (replicate r of every cell uses seed 1000 + r, which is how batch_run seeds), same number
    of processes: wall time, CPU time and peak memory of each, their ratios (targets: ours at
    least 3 times faster, at most a third of batch_run's peak memory), and a check that both
    give the same numbers (each run's gross margin over its last days, as the runs table
    defines it). Then what bounds that ratio, per run in CPU seconds (one run of each cell on
    seed 1000, one after the other in one process): batch_run's run split into its warm-up
    (its hotel's constructor), its model days and the rest, Mesa's overhead (hourly steps,
    DataCollector, result rows), beside ours split into the share of the warm-up its 16
    cells share, its model days and the rest (summary, Parquet part); each overhead is a
    measured total less measured pieces.
(a)+(b) and (c) alternate their measurements `--repeats` times and report the best time of
each (the least disturbed by other work on the machine), every time measured, and the largest
peak memory.

Each measurement runs in its own Python process; its CPU time is the sum over that process
and all its children (workers, a fork server) of their user + system time, last seen in the
same 0.1 s sampling (start-up and imports included): the figure to compare while other work
shares the machine. Its peak memory is the largest sum, sampled every 0.1 s, of the
proportional set size (PSS: resident memory, with pages shared between processes divided
among them, so forked workers are not counted twice) of that process and all its children.
Both stop where the wall time stops: reading the results back for the check of (c) (pandas,
beside a fork server that lives as long as its process) is no part of a sweep, and would
otherwise be the peak of ours (180 MB against the sweep's 165). batch_run gets a
DataCollector collecting every daily metric once per simulated day (the model's step is one
hour), i.e. exactly the information our daily tables hold, and runs (warmup_days + days) * 24
steps, since the warm-up in the constructor also counts steps. Wall times exclude Python's
start-up and imports, which are the same for both.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from experiments.experiment import SUMMARY_DAYS
from model import LEVERS, PARAMETERS

SEEDS_BASE = 1000  # common seeds of part (c): replicate r uses SEEDS_BASE + r


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=2,
                        help="measurements of each case in (b) and (c) (default 2)")
    parser.add_argument("--quick", action="store_true",
                        help="tiny designs, to check the script itself works")
    parser.add_argument("--part", help=argparse.SUPPRESS)  # a child process's measurement
    parser.add_argument("--replicates", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--days", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.part:
        print(json.dumps(PARTS[args.part](args.replicates, args.days, args.workers)))
        return
    if args.workers < 2:
        parser.error(f"--workers: at least 2, got {args.workers} (the parallel efficiency "
                     f"compares 1 worker with --workers)")
    sizes = {"factorial": (10, 540), "compare": (10, 540)}
    if args.quick:
        sizes = {"factorial": (1, 30), "compare": (1, 30)}
    w = args.workers
    print(f"InterLodge experiments benchmark, {w} workers, {psutil.cpu_count()} cores, "
          f"load average before: {os.getloadavg()[0]:.1f} (other work on the machine slows "
          f"every figure)")

    r, d = sizes["factorial"]
    one, a = _best(args.repeats, ("ours", r, d, 1), ("ours", r, d, w))
    print(f"(a) factorial 16 cells x {r} replicates x {d} days on {w} workers: "
          f"{a['wall']:.1f} s (of {a['walls']}; {16 * r / a['wall']:.2f} runs/s; target <= "
          f"30 s), CPU {a['cpu']:.1f} s, peak memory {a['peak_mb']:.0f} MB")
    print(f"(b) the same factorial on 1 worker: {one['wall']:.1f} s (of {one['walls']}), CPU "
          f"{one['cpu']:.1f} s, peak memory {one['peak_mb']:.0f} MB; parallel efficiency on "
          f"{w} workers {one['wall'] / (w * a['wall']):.0%} (target >= 90%)")

    r, d = sizes["compare"]
    mesa_run, ours = _best(args.repeats, ("batch_run", r, d, w), ("ours_common_seeds", r, d, w))
    same = mesa_run["margins"].keys() == ours["margins"].keys() and all(
        abs(mesa_run["margins"][k] - ours["margins"][k]) < 1e-9 for k in ours["margins"])
    print(f"(c) 16 cells x {r} replicates x {d} days, {w} processes, seeds "
          f"{SEEDS_BASE}..{SEEDS_BASE + r - 1}:")
    for name, result in (("mesa.batch_run", mesa_run), ("interlodge", ours)):
        print(f"    {name:<15} wall {result['wall']:6.1f} s (of {result['walls']})   CPU "
              f"{result['cpu']:6.1f} s   peak memory {result['peak_mb']:6.0f} MB   result rows "
              f"held in memory {result['rows_in_memory']}")
    print(f"    interlodge against batch_run: {mesa_run['wall'] / ours['wall']:.2f}x faster "
          f"(wall), {mesa_run['cpu'] / ours['cpu']:.2f}x less CPU (target >= 3x); "
          f"{ours['peak_mb'] / mesa_run['peak_mb']:.0%} of its peak memory (target <= 33%)")
    print(f"    same numbers (gross margin of the last {SUMMARY_DAYS} days of all "
          f"{len(ours['margins'])} runs): "
          f"{'yes' if same else 'NO'}")
    _print_anatomy(_measure("anatomy", 1, d, 1))
    print(f"load average after: {os.getloadavg()[0]:.1f}")


def _best(repeats: int, *cases: tuple) -> list[dict]:
    """Each case measured `repeats` times, alternating: the best wall time of each, with the
    largest peak memory seen."""
    results = [[] for _ in cases]
    for _ in range(repeats):
        for case, found in zip(cases, results, strict=True):
            found.append(_measure(*case))
    best = []
    for found in results:
        fastest = min(found, key=lambda result: result["wall"])
        walls = ", ".join(f"{result['wall']:.1f}" for result in found)
        best.append(fastest | {"peak_mb": max(result["peak_mb"] for result in found),
                               "walls": walls, "cpu": min(r["cpu"] for r in found)})
    return best


def _measure(part: str, replicates: int, days: int, workers: int) -> dict:
    """Run one measurement in a child process; add the peak memory and CPU time of its
    process tree."""
    command = [sys.executable, __file__, "--part", part, "--replicates", str(replicates),
               "--days", str(days), "--workers", str(workers)]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    process, cpu_seen = psutil.Process(child.pid), {}
    samples = []  # (time, PSS of the tree, CPU seen so far)
    while child.poll() is None:
        try:
            tree = [process, *process.children(recursive=True)]
            pss = sum(_pss(p) for p in tree)
            for p in tree:
                cpu_seen[p.pid] = _cpu(p, cpu_seen.get(p.pid, 0.0))
            samples.append((time.time(), pss, sum(cpu_seen.values())))
        except psutil.NoSuchProcess:
            pass
        time.sleep(0.1)
    output = child.stdout.read()
    if child.returncode:
        raise SystemExit(f"{part} failed with exit code {child.returncode}")
    result = json.loads(output.strip().splitlines()[-1])
    # up to where the part's wall time stopped (a part that times nothing: to its end)
    ended = result.get("ended", float("inf"))
    during = [sample for sample in samples if sample[0] <= ended] or samples[:1]
    return result | {"peak_mb": max(pss for _, pss, _ in during) / 2**20,
                     "cpu": during[-1][2]}


def _cpu(process: psutil.Process, last_seen: float) -> float:
    try:
        times = process.cpu_times()
        return times.user + times.system
    except psutil.NoSuchProcess:
        return last_seen


def _pss(process: psutil.Process) -> int:
    try:
        return process.memory_full_info().pss
    except psutil.NoSuchProcess:
        return 0


# --- the measurements, each run in its own process ------------------------------------------
def ours(replicates: int, days: int, workers: int, experiment_class=None) -> dict:
    from experiments.designs import factorial
    from experiments.evaluators import process_pool, run_experiment
    from experiments.experiment import Experiment
    from experiments.store import ExperimentStore, read_runs

    experiment = (experiment_class or Experiment)(factorial(replicates=replicates), days=days,
                                                  root_seed=1)
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        with process_pool(workers) as (pool, depth), \
                ExperimentStore(Path(folder), experiment) as store:
            tally = run_experiment(experiment, store, pool, depth, progress=False)
        wall, ended = time.perf_counter() - start, time.time()
        runs = read_runs(Path(folder))
    if tally.failed:
        raise SystemExit(f"{tally.failed} runs failed")
    margins = {f"{_cell(row)}/{row['seed']}": row["gross_margin"]
               for row in runs.to_dict("records")}
    return {"wall": wall, "ended": ended, "margins": margins,
            "rows_in_memory": "one run a worker (then a part)"}


def ours_common_seeds(replicates: int, days: int, workers: int) -> dict:
    return ours(replicates, days, workers, _common_seeds())


def _common_seeds() -> type:
    from experiments.experiment import Experiment

    class CommonSeeds(Experiment):
        """Replicate r of every cell runs with seed SEEDS_BASE + r, as batch_run seeds."""

        def _spec(self, base, point_index, replicate):
            spec = super()._spec(base, point_index, replicate)
            return dataclasses.replace(spec, seed=SEEDS_BASE + replicate)

    return CommonSeeds


def batch_run(replicates: int, days: int, workers: int) -> dict:
    import mesa
    import pandas as pd
    from batch_run_hotel import DailyCollectingHotel  # Mesa only in this measurement's process

    from experiments.outcomes import outcome

    warmup = PARAMETERS["warmup_days"].default
    start = time.perf_counter()
    rows = mesa.batch_run(DailyCollectingHotel, {lever: [False, True] for lever in LEVERS},
                          number_processes=workers, data_collection_period=1,
                          max_steps=(warmup + days) * 24, display_progress=False,
                          rng=[SEEDS_BASE + r for r in range(replicates)])
    wall, ended = time.perf_counter() - start, time.time()
    table = pd.DataFrame(rows)
    # the runs table's gross margin: over the last SUMMARY_DAYS, as the outcome defines it
    margin = outcome("gross_margin")
    margins = {f"{_cell(run.iloc[0])}/{run['rng'].iloc[0]}":
               margin.over(run.tail(SUMMARY_DAYS)) for _, run in table.groupby("RunId")}
    return {"wall": wall, "ended": ended, "margins": margins,
            "rows_in_memory": f"{len(rows):,}"}


def anatomy(replicates: int, days: int, workers: int) -> dict:
    """CPU seconds of one run of every cell on seed SEEDS_BASE, in this process, split into
    what bounds (c): batch_run's run (`mesa.batch_run` of the one cell), its hotel's
    construction (the warm-up: the constructor runs it) and that hotel's days as the model
    runs them; our chunk of the 16 cells (a worker's `execute_into_part`), the one warm-up
    they share and their days from its snapshot."""
    import mesa
    from batch_run_hotel import DailyCollectingHotel

    import experiments.part_tables  # noqa: F401 -- imported before the clock starts, as in a worker
    from experiments.designs import factorial
    from experiments.evaluators import execute_into_part
    from experiments.simulation import NO_DECISION_LOG
    from model import InterLodgeModel

    gc.freeze()  # as a worker does (evaluators.start_worker): its collections skip imports
    clock, warmup = time.process_time, PARAMETERS["warmup_days"].default
    seconds = dict.fromkeys(["batch_run", "batch_warm_up", "batch_days", "ours", "warm_up",
                             "days"], 0.0)

    def timed(name: str, call):
        start = clock()
        value = call()
        seconds[name] += clock() - start
        return value

    cells = [dict(zip(LEVERS, values, strict=True))
             for values in itertools.product([False, True], repeat=len(LEVERS))]
    for cell in cells:
        timed("batch_run", lambda cell=cell: mesa.batch_run(
            DailyCollectingHotel, {lever: [on] for lever, on in cell.items()},
            number_processes=1, data_collection_period=1, max_steps=(warmup + days) * 24,
            display_progress=False, rng=[SEEDS_BASE]))
        hotel = timed("batch_warm_up", lambda cell=cell: InterLodgeModel(rng=SEEDS_BASE,
                                                                          **cell))
        timed("batch_days", lambda hotel=hotel: hotel.run_days(days))
    experiment = _common_seeds()(factorial(replicates=1), days=days, root_seed=1)
    timed("ours", lambda: execute_into_part(list(experiment.runs()),
                                            factors=experiment.design.factors))
    base = experiment.base_parameters() | NO_DECISION_LOG
    warmed = timed("warm_up", lambda: InterLodgeModel.warm_up(rng=SEEDS_BASE, **base))
    for cell in cells:
        timed("days", lambda cell=cell: warmed.with_levers(**cell).run_days(days))
    return {name: total / len(cells) for name, total in seconds.items()} | {"days_run": days}


def _print_anatomy(t: dict) -> None:
    """The per-run pieces of `anatomy`; each overhead is a run's measured total less its
    measured warm-up and days."""
    mesa_overhead = t["batch_run"] - t["batch_warm_up"] - t["batch_days"]
    ours_overhead = t["ours"] - t["warm_up"] - t["days"]
    print(f"    per run, CPU s (one run of each cell on seed {SEEDS_BASE}, {t['days_run']} days, "
          f"one process):")
    print(f"      mesa.batch_run {t['batch_run']:.3f} = warm-up {t['batch_warm_up']:.3f} (each "
          f"run its own) + model days {t['batch_days']:.3f} (the model's defaults: decision "
          f"log kept) + Mesa's overhead {mesa_overhead:.3f} (hourly steps, DataCollector, "
          f"result rows)")
    print(f"      interlodge     {t['ours']:.3f} = warm-up {t['warm_up']:.3f} (one per "
          f"seed, shared by 16 cells) + model days {t['days']:.3f} (from the snapshot, no "
          f"decision log) + ours {ours_overhead:.3f} (summary, Parquet part)")
    print(f"      what bounds the ratio: batch_run's warm-up and model days alone are "
          f"{(t['batch_warm_up'] + t['batch_days']) / t['ours']:.2f}x our whole run; Mesa's "
          f"overhead is {mesa_overhead / t['batch_run']:.0%} of its run")


def _cell(row) -> str:
    return "".join("1" if row[lever] else "0" for lever in LEVERS)


PARTS = {"ours": ours, "ours_common_seeds": ours_common_seeds, "batch_run": batch_run,
         "anatomy": anatomy}

if __name__ == "__main__":
    main()
