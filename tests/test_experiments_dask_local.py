"""`--dask local` ends cleanly: no warning about a taken port, no worker's traceback at
shutdown, also when Ctrl-C stops it (the command's own lines only)."""

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys

import pytest
from conftest import SMALL_HOTEL

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


# An open defect (issue 9): now and then under pytest (once in two fresh-clone CI runs and
# once in 12 runs of this test on 26 November 2026; never in 4 runs of the same command from
# a shell), the command exits 0 a few seconds after Ctrl-C instead of 130; cause not found.
# Non-strict, so the test still runs and reports XPASS when it holds; make it strict once
# fixed.
@pytest.mark.xfail(strict=False, reason="intermittent: exit 0 instead of 130 after Ctrl-C "
                   "on a local Dask cluster (issue 9, cause not yet found)")
def test_ctrl_c_on_a_local_cluster_saves_and_stops_without_tracebacks(tmp_path):
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
        assert session.wait(timeout=120) == 130
    assert "Traceback" not in seen and "distributed" not in seen, seen
    last = seen.rstrip("\n").split("\n")[-2:]  # the bar may precede the first on its line
    assert last[0].endswith(f"interlodge factorial: finished runs are saved in {out}; "
                            f"continue with --resume"), seen
    assert last[1] == "interlodge factorial: interrupted", seen


def test_dasks_race_on_a_cancelled_run_is_kept_out_of_the_terminal():
    """Dask's executor sets the result of a run that finished after evaluate cancelled it; the
    InvalidStateError it logs (through tornado) is dropped, any other error is kept."""
    import asyncio
    import concurrent.futures as cf
    import logging

    from distributed.cfexecutor import _cascade_future

    from experiments.dask_executor import _CancelledRunFinished

    class FinishedRun:  # a Dask future whose run has finished
        status = "finished"

        async def _result(self, raiseit=False):
            return "result"

    cancelled = cf.Future()
    cancelled.cancel()

    async def cascade():
        await _cascade_future(FinishedRun(), cancelled)

    def record(error: BaseException) -> logging.LogRecord:
        return logging.LogRecord("tornado.application", logging.ERROR, __file__, 1,
                                 "Exception in callback", None,
                                 (type(error), error, error.__traceback__))

    try:
        # in a thread of its own: a browser test earlier in the session may leave Playwright's
        # loop marked as running in this thread, where asyncio.run refuses to start
        with cf.ThreadPoolExecutor(1) as thread:
            thread.submit(asyncio.run, cascade()).result()
    except cf.InvalidStateError as race:  # what Dask's loop logs
        assert not _CancelledRunFinished().filter(record(race))
    else:
        raise AssertionError("Dask no longer raises here: the filter may go")
    try:
        cancelled.set_result(1)
    except cf.InvalidStateError as elsewhere:
        assert _CancelledRunFinished().filter(record(elsewhere))
    assert _CancelledRunFinished().filter(record(RuntimeError("a real error")))
