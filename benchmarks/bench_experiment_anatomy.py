"""Where an experiment's wall time and memory go, for this tree and a commit before it.

    .venv/bin/python benchmarks/bench_experiment_anatomy.py [--before COMMIT] [--replicates 10]
        [--days 540] [--workers 2] [--repeats 1]

Runs the factorial (16 cells x replicates x days) through `run_experiment` into a fresh folder,
once with the experiments layer (`experiments/`) of COMMIT on this commit's model (both
checked out into a temporary folder with `git worktree add`, so that both codes simulate the
same hotel) and once with this tree, alternating `--repeats` times so that a change of load
on the machine hits both alike. Every 0.1 s it reads each process of the run
(/proc/PID/smaps_rollup and CPU times) and prints, for each code:
- the phases of the main process: imports done, pool entered, first result, last result,
  folder closed (seconds from the start of the process);
- CPU seconds per role (main, fork server, workers, Python's resource tracker) and in all;
- the peak of the summed PSS (resident memory, shared pages divided among the processes that
  share them) and what each role held at that moment;
- how long workers sat idle at the end: the time from the first worker to finish its share
  to the last result;
- whether both codes stored the same numbers (runs table without timings, daily tables),
  read afterwards in a process of its own, outside the measurement.
CPU time and PSS are the figures to compare while other work shares the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
BEFORE = "707f619"  # main before the experiment-level work of issue 7
SAMPLE_SECONDS = 0.1

# the measured process: the factorial from the code in TREE into FOLDER, printing its phases
SWEEP = """
import json, sys, time
start = time.perf_counter()
replicates, days, workers, folder = json.loads(sys.argv[1])
from pathlib import Path
from experiments.designs import factorial
from experiments.evaluators import process_pool, run_experiment
from experiments.experiment import Experiment
from experiments.store import ExperimentStore
phases = {"imports done": time.perf_counter() - start}
experiment = Experiment(factorial(replicates=replicates), days=days, root_seed=1)
results = []
with process_pool(workers) as (pool, depth):
    phases["pool entered"] = time.perf_counter() - start
    with ExperimentStore(Path(folder), experiment) as store:
        add = store.add
        def timed_add(result):
            results.append(time.perf_counter() - start)
            add(result)
        store.add = timed_add
        run_experiment(experiment, store, pool, depth, progress=False)
    phases["folder closed"] = time.perf_counter() - start
phases["first result"], phases["last result"] = results[0], results[-1]
print(json.dumps(phases))
"""
# what a folder holds: a digest of its numbers (runs table without timings, daily tables)
DIGEST = """
import json, sys
from pathlib import Path
import pandas as pd
from experiments.store import iter_daily, read_runs
folder = Path(sys.argv[1])
runs = read_runs(folder).drop(columns="wall_seconds")
daily = pd.concat(iter_daily(folder), ignore_index=True).sort_values(["run_id", "day"],
                                                                      ignore_index=True)
print(json.dumps([int(pd.util.hash_pandas_object(t, index=False).sum()) for t in (runs, daily)]))
"""


def _python(tree: Path, code: str, *args: str) -> subprocess.Popen:
    # PYTHONPATH, not sys.path: Python 3.12's fork server preloads the model from its own
    # sys.path, where the editable install would give this tree's code to both codes' workers
    return subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                            text=True, cwd=tempfile.gettempdir(),
                            env=os.environ | {"PYTHONPATH": str(tree)})


def measure(tree: Path, replicates: int, days: int, workers: int) -> dict:
    """One sweep from the code in `tree`, sampled; its phases, CPU, PSS and digest."""
    with tempfile.TemporaryDirectory() as folder:
        result = _sampled(_python(tree, SWEEP, json.dumps([replicates, days, workers,
                                                           folder])))
        digest = _python(tree, DIGEST, folder)
        result["digest"] = json.loads(digest.communicate()[0])
    return result


def _sampled(child: subprocess.Popen) -> dict:
    """Sample the processes of `child` until it ends."""
    main, start = psutil.Process(child.pid), time.perf_counter()
    peak, cpu, busy_until, roles = (0.0, {}), {}, {}, {}
    while child.poll() is None:
        now, pss = time.perf_counter() - start, {}
        try:
            tree_now = [main, *main.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        for process in tree_now:
            try:
                roles.setdefault(process.pid, _role(process, main))
                pss[process.pid] = _pss_mb(process.pid)
                times = process.cpu_times()
            except (psutil.NoSuchProcess, FileNotFoundError, ProcessLookupError):
                continue
            used = times.user + times.system
            if used - cpu.get(process.pid, 0.0) > SAMPLE_SECONDS / 2:
                busy_until[process.pid] = now
            cpu[process.pid] = used
        if sum(pss.values()) > peak[0]:
            peak = (sum(pss.values()), pss)
        time.sleep(SAMPLE_SECONDS)
    if child.returncode:
        raise SystemExit(f"a sweep failed with exit code {child.returncode}")
    phases = json.loads(child.stdout.read().strip().splitlines()[-1])
    workers_done = [busy_until[pid] for pid, role in roles.items()
                    if role == "worker" and pid in busy_until]
    by_role: dict[str, list[float]] = {}
    for pid, role in roles.items():
        by_role.setdefault(role, [0.0, 0.0])
        by_role[role][0] += cpu.get(pid, 0.0)
        by_role[role][1] += peak[1].get(pid, 0.0)
    return {"phases": phases, "roles": by_role,
            "peak": peak[0], "cpu": sum(cpu.values()),
            # busy_until is on this script's clock, a few ms behind the child's
            "idle_tail": max(workers_done) - min(workers_done) if workers_done else 0.0}


def _role(process: psutil.Process, main: psutil.Process) -> str:
    if process.pid == main.pid:
        return "main"
    command = " ".join(process.cmdline())
    if "resource_tracker" in command:
        return "resource tracker"
    if "forkserver" in command and process.ppid() == main.pid:
        return "fork server"
    return "worker"


def _pss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/smaps_rollup") as rollup:
        for line in rollup:
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    return 0.0


def report(name: str, result: dict) -> None:
    phases = "  ".join(f"{phase} {seconds:.2f}"
                       for phase, seconds in sorted(result["phases"].items(),
                                                    key=lambda item: item[1]))
    print(f"{name}:\n  phases (s from start): {phases}")
    print(f"  CPU {result['cpu']:.1f} s; peak PSS {result['peak']:.0f} MB; workers idle at "
          f"the end {result['idle_tail']:.1f} s")
    for role, (cpu, pss) in sorted(result["roles"].items()):
        print(f"    {role:<17} CPU {cpu:6.1f} s   PSS at the peak {pss:6.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default=BEFORE, help=f"commit to compare (default "
                                                         f"{BEFORE})")
    parser.add_argument("--replicates", type=int, default=10)
    parser.add_argument("--days", type=int, default=540)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()
    size = (args.replicates, args.days, args.workers)
    print(f"factorial 16 cells x {args.replicates} replicates x {args.days} days on "
          f"{args.workers} workers; load average {psutil.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as folder:
        before = Path(folder) / "before"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q",
                        str(before), "HEAD"], check=True)
        try:
            subprocess.run(["git", "-C", str(before), "checkout", "-q", args.before, "--",
                            "experiments"], check=True)
            results = []
            for _ in range(args.repeats):
                results.append((measure(before, *size), measure(ROOT, *size)))
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                            str(before)], check=True)
    for old, new in results:
        report(f"before (experiments/ of {args.before})", old)
        report("after (this tree)", new)
        print(f"  same numbers stored: {'yes' if old['digest'] == new['digest'] else 'NO'}")
    print(f"load average after: {psutil.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
