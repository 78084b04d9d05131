"""Running an experiment's runs on any `concurrent.futures.Executor`.

Runs are submitted in the experiment's order (replicate r of every point before r + 1),
a bounded number at a time, and handed to the store as they finish, so memory does not grow
with the size of the experiment. A run that raises is recorded as failed, with its traceback,
and the others go on. Results depend only on each run's seed, never on the executor, the
number of workers or the completion order.

Executors: `process_pool(workers)` on this machine, `dask_executor(address)` on a Dask
cluster (Dask merges calls it thinks identical unless told `pure=False`; we tell it).
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from tqdm import tqdm

from .experiment import Experiment, RunSpec
from .store import ExperimentStore
from .worker import RunResult, Simulator, execute, simulate_hotel

DASK_MIN_IN_FLIGHT = 100


@dataclass
class Tally:
    """How a session went: runs skipped because already stored, done, failed."""

    skipped: int = 0
    done: int = 0
    failed: int = 0


def run_experiment(experiment: Experiment, store: ExperimentStore, executor: cf.Executor,
                   max_in_flight: int, *, progress: bool = True,
                   simulator: Simulator = simulate_hotel) -> Tally:
    """Run every run of `experiment` not yet in `store` on `executor`.

    max_in_flight: runs submitted but not finished at any time (a few per worker keeps the
        workers busy while bounding memory).
    progress: show a progress bar on stderr (runs done, failed, rate, time left).
    simulator: the function a run calls; the default runs the hotel model.

    On an interruption (Ctrl-C, a broken pool) every finished run is saved before the
    exception propagates; the interrupted runs are simply not recorded and run again on resume.
    """
    finished = store.finished_run_ids()
    tally = Tally(skipped=len(finished))
    todo: Iterator[RunSpec] = (s for s in experiment.runs() if s.run_id not in finished)
    bar = tqdm(total=experiment.total_runs - len(finished), unit="run", file=sys.stderr,
               disable=not progress, desc=experiment.name or "runs", dynamic_ncols=True)
    bar.set_postfix(failed=0, refresh=False)
    pending: dict[cf.Future, RunSpec] = {}
    try:
        _top_up(pending, todo, executor, simulator, max_in_flight)
        while pending:
            completed, _ = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
            for future in completed:
                result = _result(future, pending.pop(future))
                store.add(result)
                if result.status == "ok":
                    tally.done += 1
                else:
                    tally.failed += 1
                    bar.set_postfix(failed=tally.failed, refresh=False)
                bar.update()
            _top_up(pending, todo, executor, simulator, max_in_flight)
    finally:
        for future in pending:
            future.cancel()
        bar.close()
        store.flush()
    return tally


def _top_up(pending: dict[cf.Future, RunSpec], todo: Iterator[RunSpec], executor: cf.Executor,
            simulator: Simulator, max_in_flight: int) -> None:
    while len(pending) < max_in_flight:
        spec = next(todo, None)
        if spec is None:
            return
        pending[executor.submit(execute, spec, simulator)] = spec


def _result(future: cf.Future, spec: RunSpec) -> RunResult:
    """The run's result; an error of the executor about this one run (e.g. a Dask worker
    that died running it) is recorded as that run's failure. A broken pool is not a run's
    failure: it propagates and ends the session."""
    try:
        return future.result()
    except cf.BrokenExecutor:
        raise
    except Exception:
        return RunResult(spec, "failed", traceback.format_exc(), 0.0, {}, None)


@contextmanager
def process_pool(workers: int | None = None) -> Iterator[tuple[cf.Executor, int]]:
    """A local pool of `workers` processes (default: one per core) and its useful depth of
    submitted runs. Workers start from a fork server that has imported the model (and only
    what a run needs), so they start fast, share its memory, and never fork a process with
    threads (tqdm and Dask start some)."""
    workers = workers or os.cpu_count() or 1
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["experiments.worker"])
    with cf.ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield pool, 2 * workers


@contextmanager
def dask_executor(address: str, workers: int | None = None
                  ) -> Iterator[tuple[cf.Executor, int]]:
    """An executor on the Dask scheduler at `address`, or on a new LocalCluster of `workers`
    single-threaded worker processes (default: one per core) when `address` is "local".
    The model is pure Python, so one thread per worker process is what runs in parallel."""
    from dask.distributed import Client, LocalCluster

    if address == "local":
        cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
    else:
        try:
            cluster, client = None, Client(address, timeout="20s")
        except (OSError, TimeoutError) as error:
            raise ValueError(f"cannot reach the Dask scheduler at {address}: {error}") from None
    try:
        # waiting tasks cost the scheduler little; a floor keeps a cluster that is still
        # adding workers (e.g. SLURM jobs in the queue) supplied when they arrive
        threads = sum(client.nthreads().values())
        yield client.get_executor(pure=False), max(2 * threads, DASK_MIN_IN_FLIGHT)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
