"""Runs on a Dask cluster: an executor on a scheduler's address, or on a LocalCluster of this
machine (`--dask local`), that starts, runs and ends without noise.

Dask merges calls it thinks identical unless told `pure=False`; we tell it. What ends quietly
means: the scheduler of a LocalCluster takes a free port (Dask's default 8787 may be taken by
another cluster), its workers ignore Ctrl-C (the main process saves the finished runs and
closes them in order), Dask's log lines about its own races at shutdown are not shown, and
the races of Dask's executor, which logs a traceback when a run finishes or is being
fetched just as evaluate cancels it, stay out of the terminal.
"""

from __future__ import annotations

import concurrent.futures as cf
import logging
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

DASK_MIN_IN_FLIGHT = 100


def dask_setup(worker) -> None:
    """Dask's preload hook, run in each worker of a LocalCluster (`--dask local`) as it starts:
    the worker ignores Ctrl-C. The terminal sends it to every process of the command, and
    workers interrupted mid-task die before the main process can close the cluster in order
    (then the survivors log tracebacks about a vanished scheduler); the main process saves
    what finished and closes them."""
    if threading.current_thread() is threading.main_thread():  # signals are set there only
        signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextmanager
def dask_executor(address: str, workers: int | None = None
                  ) -> Iterator[tuple[cf.Executor, int]]:
    """An executor on the Dask scheduler at `address`, or on a new LocalCluster of `workers`
    single-threaded worker processes (default: one per core) when `address` is "local".
    The model is pure Python, so one thread per worker process is what runs in parallel."""
    from dask.distributed import Client, LocalCluster
    if address == "local":
        # no dashboard, and the scheduler's HTTP server (health checks) on a free port: by
        # default it takes 8787, which a second cluster on the machine finds taken (a warning,
        # then an unclosed socket at exit); Dask's own log lines are its business, our own
        # lines say what happened (a run's error is in runs.parquet): below CRITICAL they are
        # races at shutdown, such as a worker whose heartbeat finds the scheduler just closed
        # (an ERROR with a traceback) or the scheduler failing to fetch a run just cancelled
        cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                               processes=True, dashboard_address=None,
                               scheduler_kwargs={"dashboard_address": ":0"},
                               silence_logs=logging.CRITICAL, preload=[__name__])
        client = Client(cluster)
    else:
        try:
            cluster, client = None, Client(address, timeout="20s")
        except (OSError, TimeoutError) as error:
            raise ValueError(f"cannot reach the Dask scheduler at {address}: {error}") from None
    tornado_log, quiet = logging.getLogger("tornado.application"), _CancelledRunFinished()
    tornado_log.addFilter(quiet)
    try:
        # waiting tasks cost the scheduler little; a floor keeps a cluster that is still
        # adding workers (e.g. SLURM jobs in the queue) supplied when they arrive
        threads = sum(client.nthreads().values())
        yield client.get_executor(pure=False), max(2 * threads, DASK_MIN_IN_FLIGHT)
    finally:
        try:
            client.close()
            if cluster is not None:
                cluster.close()
        finally:
            tornado_log.removeFilter(quiet)


class _CancelledRunFinished(logging.Filter):
    """Drops the records of Dask's executor about a run that evaluate cancelled (at Ctrl-C,
    a full disk, a broken pool): setting the result of one that finished in the meantime (an
    InvalidStateError), or fetching the result of one that the cancellation just removed
    from the scheduler (a CancelledError), both raised in distributed/cfexecutor.py. The run
    is not stored and runs again on resume; Dask logs each with a traceback although nothing
    went wrong."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if not isinstance(error, cf.InvalidStateError | cf.CancelledError):
            return True
        frames = error.__traceback__
        while frames is not None:
            if frames.tb_frame.f_code.co_filename.endswith("cfexecutor.py"):
                return False
            frames = frames.tb_next
        return True
