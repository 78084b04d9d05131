"""Evaluators: running runs on any `concurrent.futures.Executor`, the one runner of the project.

`evaluate` submits runs in the order given, a bounded number at a time, and hands each result
to a callback as it finishes, so memory does not grow with the size of the experiment. A run
that raises is recorded as failed, with its traceback, and the others go on. Consecutive runs
that share a warm-up (same seed, same parameters but lever-side ones: common seeds make that
the rule) go to a worker together, which warms the hotel up once and starts each run from a
copy. Results depend only on each run's seed and parameters, never on the executor, the
number of workers, the grouping or the completion order.
On it are built:
- `run_experiment`: an experiment's runs not yet stored, into its crash-safe store;
- `run_scenarios`: a handful of named scenarios on common seeds, kept in memory (the story
  and the validation).

Runs go to the workers in chunks (`chunks`): whole groups sharing a warm-up, small enough
that every worker stays busy to the end. What runs inside a worker is `execute`: it imports
only the model, numpy and the outcomes, not the analysis, storage and plotting of the main
process, and never pandas. For the story and the validation a worker sends each run's daily
columns back, which the main process makes tables; for an experiment it reduces them and
encodes its chunk as the Parquet bytes of a pair of parts (`execute_into_part`, with
pyarrow), which the main process only writes: that process never loads pandas or pyarrow
during a sweep (benchmarks/bench_experiment_anatomy.py shows where an experiment's time and
memory go).
"""

from __future__ import annotations

import concurrent.futures as cf
import gc
import multiprocessing
import multiprocessing.forkserver
import os
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from itertools import groupby, islice
from typing import TYPE_CHECKING, Any

from tqdm import tqdm

from model import preset_parameters

from .experiment import RunSpec
from .interrupts import Interrupt
from .outcomes import last_days, summarise
from .parts import EncodedPart
from .simulation import run_hotel, run_hotel_columns, warm_up_key
from .worker_memory import release_freed_memory

if TYPE_CHECKING:
    import pandas as pd

    from .experiment import Experiment
    from .store import ExperimentStore

MAX_CHUNK = 16  # runs at most sent together (to share warm-ups, and to a part)
INTERRUPT_CHECK_SECONDS = 0.2  # how late Ctrl-C may be seen while no run finishes
# run_hotel(parameters, days, seed, warm_ups) -> daily table (a DataFrame, or the model's
# daily columns: run_hotel_columns); replaceable to test failures
Simulator = Callable[[dict, int, int, "dict | None"], "pd.DataFrame | dict[str, list]"]
# what a worker does with a chunk: execute_together, or execute_into_part (an experiment's)
Task = Callable[[list["RunSpec"], Simulator], "list[RunResult] | EncodedPart"]
Scenario = tuple[str, dict[str, Any], int]  # (preset, overrides, days)


@dataclass
class RunResult:
    """What a worker sends back: the run, how it went and what it measured.

    status: "ok" or "failed"; error: the traceback of a failed run.
    summary: every outcome (experiments.outcomes) over the run's last `summary_days` days.
    daily: the daily table as the simulator made it (None for a failed run, and once encoded
        into a part): the model's columns by metric (`run_hotel_columns`), or its DataFrame
        (`run_hotel`).
    """

    spec: RunSpec
    status: str
    error: str | None
    wall_seconds: float
    summary: dict[str, float]
    daily: pd.DataFrame | dict[str, list] | None


@dataclass
class Tally:
    """How a session went: runs skipped because already stored, done, failed."""

    skipped: int = 0
    done: int = 0
    failed: int = 0


def execute(spec: RunSpec, simulator: Simulator = run_hotel,
            warm_ups: dict | None = None) -> RunResult:
    """Run one run (in a worker); never raises for a failure of the run itself."""
    start = time.perf_counter()
    try:
        daily = simulator(spec.parameters, spec.days, spec.seed, warm_ups)
        return RunResult(spec, "ok", None, time.perf_counter() - start,
                         summarise(last_days(daily, spec.summary_days)), daily)
    except Exception:
        return RunResult(spec, "failed", traceback.format_exc(), time.perf_counter() - start,
                         {}, None)


# The last warm-up this process made, kept for the next group it is given: the groups of one
# seed go to every worker in turn, so each worker warms a seed up once rather than once a group
# (`run_hotel` keeps one warm-up, a copy of which starts each run: the numbers are a full run's)
_LAST_WARM_UP: dict = {}


def execute_together(specs: list[RunSpec], simulator: Simulator = run_hotel
                     ) -> list[RunResult]:
    """Run `specs` one after the other (in a worker), sharing their warm-ups. Before each,
    what the one before left (its hotel, the last group's results once sent) goes back to the
    system, so the worker's memory is one run's, not the sum of its leftovers."""
    return list(_executed(specs, simulator))


def execute_into_part(specs: list[RunSpec], simulator: Simulator = run_hotel_columns, *,
                      factors: list[str]) -> EncodedPart:
    """Run `specs` together (in a worker), each run written into a pair of parts of an
    experiment whose design varies `factors` as it finishes."""
    from .part_tables import PartWriter  # preloaded by the fork server

    part = PartWriter(factors)
    for result in _executed(specs, simulator):
        part.add(result)
    return part.finish()


def _executed(specs: list[RunSpec], simulator: Simulator) -> Iterator[RunResult]:
    for spec in specs:
        release_freed_memory()
        yield execute(spec, simulator, _LAST_WARM_UP)


def sharing_warm_ups(runs: Iterable[RunSpec], size: int) -> Iterator[list[RunSpec]]:
    """`runs` in their order, consecutive runs with the same warm-up in groups of at most
    `size`."""
    for _, same in groupby(runs, key=lambda spec: warm_up_key(spec.parameters, spec.seed)):
        while group := list(islice(same, size)):
            yield group


def chunks(runs: Iterable[RunSpec], total: int, max_in_flight: int,
           largest: int = MAX_CHUNK) -> Iterator[list[RunSpec]]:
    """`runs` (`total` of them) in their order, in chunks made of whole groups sharing a
    warm-up (split only if larger than a chunk): a worker warms each group up once, and an
    experiment whose runs share no warm-up (a Sobol design) still gets parts of many runs,
    not a pair of files a run. Each chunk takes at most a share of the runs left
    (`chunk_size`: guided self-scheduling): large chunks while many are left, single runs at
    the end, so that the workers finish together instead of one waiting for the other's last
    chunk."""
    left = total
    chunk: list[RunSpec] = []
    size = chunk_size(left, max_in_flight, largest)
    for group in sharing_warm_ups(runs, largest):
        while group:
            if len(chunk) + len(group) <= size:
                chunk, group = chunk + group, []
            elif not chunk:  # a group larger than a chunk: in pieces of equal size
                piece = -(-len(group) // -(-len(group) // size))
                chunk, group = group[:piece], group[piece:]
            if len(chunk) >= size or group:  # full, or the group goes to the next chunk
                yield chunk
                left -= len(chunk)
                chunk, size = [], chunk_size(left, max_in_flight, largest)
    if chunk:
        yield chunk


def chunk_size(left: int, max_in_flight: int, largest: int = MAX_CHUNK) -> int:
    """Runs sent together when `left` are still to send: at most `largest`, and enough
    chunks to keep every worker busy to the end."""
    return max(1, min(largest, left // max_in_flight))


def evaluate(runs: Iterable[RunSpec],
             on_delivery: Callable[[list[RunResult] | EncodedPart], None],
             executor: cf.Executor, max_in_flight: int, *, total: int | None = None,
             progress: bool = False, label: str = "runs",
             simulator: Simulator = run_hotel, task: Task = execute_together,
             largest_chunk: int = MAX_CHUNK) -> Tally:
    """Run `runs` on `executor` in chunks (`chunks`, of at most `largest_chunk` runs), at
    most `max_in_flight` of them unfinished at a time; call `on_delivery` with what `task`
    made of each chunk (its results, or its pair of parts) as it finishes (in completion
    order). Runs the executor lost are delivered as a list of failed results.

    progress: a progress bar on stderr (runs done, failed, rate, time left) over `total`.
    On an interruption (Ctrl-C, a broken pool) the unfinished runs are cancelled and the
    exception propagates; every chunk already handed to `on_delivery` stays there. Ctrl-C
    is taken between waits (experiments.interrupts), never inside the executor's code.
    """
    tally = Tally()
    todo = chunks(runs, total or 0, max_in_flight, largest_chunk)
    bar = tqdm(total=total, unit="run", file=sys.stderr, disable=not progress, desc=label,
               dynamic_ncols=True)
    bar.set_postfix(failed=0, refresh=False)
    pending: dict[cf.Future, list[RunSpec]] = {}
    work = partial(task, simulator=simulator)
    with Interrupt() as interrupt:
        try:
            _top_up(pending, todo, executor, work, max_in_flight)
            while pending:
                # with a timeout, so that Ctrl-C is seen also while every run takes long
                completed, _ = cf.wait(pending, timeout=INTERRUPT_CHECK_SECONDS,
                                       return_when=cf.FIRST_COMPLETED)
                _hand_over(completed, pending, on_delivery, tally, bar)
                interrupt.check()
                _top_up(pending, todo, executor, work, max_in_flight)
            interrupt.check()  # a Ctrl-C is never lost, even one during the last submission
        finally:
            for future in pending:
                future.cancel()
            bar.close()
    return tally


def _hand_over(completed: set[cf.Future], pending: dict[cf.Future, list[RunSpec]],
               on_delivery: Callable[[list[RunResult] | EncodedPart], None], tally: Tally,
               bar: tqdm) -> None:
    """Give what each of the `completed` submissions made to `on_delivery`, and count its
    runs."""
    for future in completed:
        delivered = _delivered(future, pending.pop(future))
        on_delivery(delivered)
        for result in (delivered.results if isinstance(delivered, EncodedPart)
                       else delivered):
            if result.status == "ok":
                tally.done += 1
            else:
                tally.failed += 1
                bar.set_postfix(failed=tally.failed, refresh=False)
            bar.update()


def run_experiment(experiment: Experiment, store: ExperimentStore, executor: cf.Executor,
                   max_in_flight: int, *, progress: bool = True,
                   simulator: Simulator = run_hotel_columns) -> Tally:
    """Run every run of `experiment` not yet in `store` on `executor` (see `evaluate`),
    each chunk encoded by its worker as a pair of parts of at most `store.part_rows` daily
    rows. Every finished chunk is committed as it arrives, also while an interruption
    propagates; interrupted runs are simply not recorded and run again on resume."""
    finished = store.finished_run_ids()
    todo = (s for s in experiment.runs() if s.run_id not in finished)
    tally = evaluate(todo, store.add, executor, max_in_flight,
                     total=experiment.total_runs - len(finished), progress=progress,
                     label=experiment.name or "runs", simulator=simulator,
                     task=partial(execute_into_part, factors=experiment.design.factors),
                     largest_chunk=max(1, min(MAX_CHUNK, store.part_rows // experiment.days)))
    tally.skipped = len(finished)
    return tally


def run_scenarios(scenarios: dict[str, Scenario], seeds: int,
                  workers: int | None = None) -> dict[str, list[pd.DataFrame]]:
    """Run every scenario on seeds 0..seeds-1; return each scenario's tables in seed order.

    All scenarios share the seeds (common random numbers): with the market's own random
    stream, they face the same demand, so their differences come from the levers. A failed
    run raises: a story or a validation with a missing seed would be wrong, not partial.
    Workers send each run's daily columns, made a table here: pandas loads in this process
    only (the columns make the model's `daily_table`, type for type: tests/test_model.py).
    """
    import pandas as pd

    parameters = {name: preset_parameters(preset, overrides)  # fail before any run starts
                  for name, (preset, overrides, _days) in scenarios.items()}
    names = list(scenarios)
    specs = (RunSpec(f"{name}-s{seed}", index, seed, seed, parameters[name],
                     scenarios[name][2], scenarios[name][2])
             for seed in range(seeds) for index, name in enumerate(names))
    tables: dict[str, dict[int, pd.DataFrame]] = {name: {} for name in names}

    def keep(results: list[RunResult]) -> None:
        for result in results:
            if result.status != "ok":
                raise RuntimeError(f"run {result.spec.run_id} failed:\n{result.error}")
            tables[names[result.spec.point_index]][result.spec.seed] = \
                pd.DataFrame(result.daily)

    workers = workers or os.cpu_count() or 1
    with (sequential() if workers == 1 else process_pool(workers)) as (executor, depth):
        evaluate(specs, keep, executor, depth, total=seeds * len(names),
                 simulator=run_hotel_columns)
    return {name: [by_seed[seed] for seed in range(seeds)] for name, by_seed in tables.items()}


def _top_up(pending: dict[cf.Future, list[RunSpec]], todo: Iterator[list[RunSpec]],
            executor: cf.Executor, work: Callable, max_in_flight: int) -> None:
    while len(pending) < max_in_flight:
        chunk = next(todo, None)
        if chunk is None:
            return
        pending[executor.submit(work, chunk)] = chunk


def _delivered(future: cf.Future, group: list[RunSpec]) -> list[RunResult] | EncodedPart:
    """What the task made of the chunk; an error of the executor about these runs (e.g. a
    Dask worker that died running them) is recorded as their failure. A broken pool is not a
    run's failure: it propagates and ends the session."""
    try:
        return future.result()
    except cf.BrokenExecutor:
        raise
    except Exception:
        error = traceback.format_exc()
        return [RunResult(spec, "failed", error, 0.0, {}, None) for spec in group]


# --- executors ----------------------------------------------------------------------------
class SequentialExecutor(cf.Executor):
    """Runs each submitted call at once, in this process: for one worker, debugging and
    profiling (a traceback shows the model's own frames)."""

    def submit(self, fn, /, *args, **kwargs) -> cf.Future:
        future: cf.Future = cf.Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:
            future.set_exception(error)
        return future


@contextmanager
def sequential() -> Iterator[tuple[cf.Executor, int]]:
    """This process as an executor, with a depth of one run in flight."""
    yield SequentialExecutor(), 1


@contextmanager
def process_pool(workers: int | None = None) -> Iterator[tuple[cf.Executor, int]]:
    """A local pool of `workers` processes (default: one per core) and its useful depth of
    submitted runs. Workers start from a fork server that has imported the model (and only
    what a run needs), so they start fast, share its memory, and never fork a process with
    threads (tqdm and Dask start some)."""
    workers = workers or os.cpu_count() or 1
    context = multiprocessing.get_context("forkserver")
    # the hotel's module too: experiments.simulation imports it only on a first run (so the
    # command line starts fast), and each worker importing Mesa itself would cost a second
    # of CPU and unshared memory; Mesa without its spaces, which the hotel does not use
    # (experiments.worker_imports), and the part encoder of an experiment's workers
    context.set_forkserver_preload(["experiments.worker_imports", "experiments.evaluators",
                                    "experiments.part_tables", "model.hotel"])
    start_fork_server_outside_working_directory()
    with cf.ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                initializer=start_worker,
                                initargs=(os.getpid(),)) as pool:
        yield pool, 2 * workers


def start_fork_server_outside_working_directory() -> None:
    """Start the fork server without the working directory on its sys.path. Python 3.12's
    fork server ignores the main process's sys.path and runs with `-c`, so a folder named
    `model/` or `experiments/` where the command is run (even an empty one, a namespace
    package) would be what it preloads, and every worker would inherit that broken module.
    Safe-path mode (`PYTHONSAFEPATH`, Python 3.11+) leaves the working directory out."""
    saved = os.environ.get("PYTHONSAFEPATH")
    os.environ["PYTHONSAFEPATH"] = "1"
    try:
        multiprocessing.forkserver.ensure_running()
    finally:
        if saved is None:
            del os.environ["PYTHONSAFEPATH"]
        else:
            os.environ["PYTHONSAFEPATH"] = saved


def start_worker(main_pid: int) -> None:
    """In a new worker, forked from the fork server."""
    # What the fork server imported (Mesa, numpy, pyarrow, the model) is shared with it page by page
    # until written; frozen, those objects are left out of the worker's garbage collections,
    # which would otherwise touch, and so copy, their pages (Python's gc.freeze advice).
    gc.freeze()
    watch_main_process(main_pid)


def watch_main_process(main_pid: int) -> None:
    """In a worker: end this process when the main process is gone. A main process killed
    with SIGKILL cannot tell its workers; without this they would keep running (and holding
    memory) until killed by hand."""
    def watch() -> None:
        while True:
            time.sleep(1.0)
            try:
                os.kill(main_pid, 0)
            except ProcessLookupError:
                os._exit(1)

    threading.Thread(target=watch, name="watch-main-process", daemon=True).start()
