"""`--dask local` ends cleanly: no warning about a taken port, no worker's traceback at
shutdown, also when Ctrl-C stops it (the command's own lines only)."""

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys

from conftest import SMALL_HOTEL

from experiments.store import read_manifest, read_runs

SMALL = [word for name, value in SMALL_HOTEL.items() for word in ("--set", f"{name}={value}")]
COMMAND = [sys.executable, "-m", "experiments.cli", "factorial", "--days", "20", *SMALL,
           "--dask", "local", "--workers", "2"]


@contextlib.contextmanager
def port_8787_taken():
    """Another program (another cluster's dashboard) on Dask's default HTTP port, if this
    test can take it; if it cannot, something else already holds it, which is the same."""
    holder = socket.socket()
    try:
        with contextlib.suppress(OSError):
            holder.bind(("0.0.0.0", 8787))
            holder.listen()
        yield
    finally:
        holder.close()


def test_a_local_cluster_ends_without_warnings_or_tracebacks(tmp_path):
    with port_8787_taken():
        done = subprocess.run([*COMMAND, "--replicates", "1", "--quiet",
                               "--out", str(tmp_path / "out")],
                              capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stderr == f"16 runs in {tmp_path / 'out'}: 0 already stored, 16 done, " \
                          f"0 failed\n"


def test_ctrl_c_on_a_local_cluster_saves_and_stops_without_tracebacks(tmp_path):
    """Once failed now and then (exit 0, a traceback, a hang): Python raised the
    KeyboardInterrupt inside Dask's and concurrent.futures' code (experiments/interrupts.py),
    and Dask logged its races at shutdown."""
    out = tmp_path / "out"
    with subprocess.Popen([*COMMAND, "--replicates", "20", "--out", str(out)],
                          stderr=subprocess.PIPE, text=True,
                          start_new_session=True) as session:  # a process group of its own
        seen = ""
        while not re.search(r" [1-9]\d*/320 ", seen):  # runs finish on the workers
            character = session.stderr.read(1)
            assert character, seen
            seen += character
        os.killpg(session.pid, signal.SIGINT)  # as a terminal does: to every process
        seen += session.stderr.read()
        assert session.wait(timeout=120) == 130, seen
    assert "Traceback" not in seen and "distributed" not in seen, seen
    last = seen.rstrip("\n").split("\n")[-2:]  # the bar may precede the first on its line
    assert last[0].endswith(f"interlodge factorial: finished runs are saved in {out}; "
                            f"continue with --resume"), seen
    assert last[1] == "interlodge factorial: interrupted", seen
    # stopped, not finished: the runs it finished are kept, and --resume has work left
    assert 1 <= len(read_runs(out)) < 320 and read_manifest(out)["completed"] is None


def test_dasks_races_on_a_cancelled_run_are_kept_out_of_the_terminal():
    """Dask's executor sets the result of a run that finished after evaluate cancelled it,
    or fetches the result of one that the cancellation removed; the InvalidStateError or
    CancelledError it logs (through tornado) is dropped, any other error is kept."""
    import asyncio
    import concurrent.futures as cf
    import logging

    from distributed.cfexecutor import _cascade_future
    from distributed.client import FutureCancelledError

    from experiments.dask_executor import _CancelledRunFinished

    class FinishedRun:  # a Dask future whose run has finished
        status = "finished"

        async def _result(self, raiseit=False):
            return "result"

    class RemovedRun:  # a Dask future whose run the scheduler forgot on cancellation
        status = "cancelled"

        async def _result(self, raiseit=False):
            raise FutureCancelledError("execute_together-1", reason="unknown")

    def raised_by_cascade(run) -> BaseException:
        cancelled = cf.Future()
        cancelled.cancel()

        async def cascade():
            await _cascade_future(run, cancelled)

        try:
            # in a thread of its own: a browser test earlier in the session may leave
            # Playwright's loop marked as running in this thread, where asyncio.run refuses
            with cf.ThreadPoolExecutor(1) as thread:
                thread.submit(asyncio.run, cascade()).result()
        except Exception as error:  # what Dask's loop logs
            return error
        raise AssertionError("Dask no longer raises here: the filter may go")

    def record(error: BaseException) -> logging.LogRecord:
        return logging.LogRecord("tornado.application", logging.ERROR, __file__, 1,
                                 "Exception in callback", None,
                                 (type(error), error, error.__traceback__))

    for run, race in ((FinishedRun(), cf.InvalidStateError),
                      (RemovedRun(), FutureCancelledError)):
        error = raised_by_cascade(run)
        assert isinstance(error, race)
        assert not _CancelledRunFinished().filter(record(error))
    done = cf.Future()
    done.set_result(0)
    try:
        done.set_result(1)
    except cf.InvalidStateError as elsewhere:
        assert _CancelledRunFinished().filter(record(elsewhere))
    assert _CancelledRunFinished().filter(record(cf.CancelledError()))
    assert _CancelledRunFinished().filter(record(RuntimeError("a real error")))
