"""Ctrl-C while runs are in flight stops `evaluate` at a safe point: never lost, never raised
inside an executor's own code. A real SIGINT is sent to this process at the moments where
Python's KeyboardInterrupt used to do harm (experiments/interrupts.py)."""

import concurrent.futures as cf
import os
import signal
import threading
import time

import pytest

from experiments.evaluators import evaluate
from experiments.experiment import RunSpec


def ctrl_c() -> None:
    """SIGINT to this process, taken here: the sleep gives Python a point to run the handler
    before the caller's next line."""
    os.kill(os.getpid(), signal.SIGINT)
    time.sleep(0.05)


def runs(count: int) -> list[RunSpec]:
    return [RunSpec(f"p{i}-r0", i, 0, i, {"run": i}, 5, 5) for i in range(count)]


def fails(parameters, days, seed, warm_ups):
    raise RuntimeError("no model needed here: a failed run is a result too")


def test_ctrl_c_inside_a_finalizer_is_not_lost():
    """Python drops an exception raised in __del__ (it prints 'Exception ignored'); a Dask
    future released after its run finished is one. Such a Ctrl-C used to be lost and the
    command went on to the end of the experiment, exit code 0."""
    class Released:
        def __del__(self):
            ctrl_c()

    results = []

    def on_result(result):
        results.append(result)
        if len(results) == 2:
            Released()  # dropped at once

    with cf.ThreadPoolExecutor(1) as pool, pytest.raises(KeyboardInterrupt):
        evaluate(runs(40), on_result, pool, 2, simulator=fails)
    assert 2 <= len(results) < 40
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # given back


def test_ctrl_c_inside_the_executors_submit_leaves_no_run_untracked():
    """Dask's Client.submit was once interrupted half-way: the run was sent, its future
    never reached evaluate, so nothing cancelled it. Now the submission completes, and
    every run submitted but not started is cancelled."""
    release = threading.Event()
    submitted: list[cf.Future] = []

    class InterruptedWhileSubmitting(cf.ThreadPoolExecutor):
        def submit(self, fn, /, *args, **kwargs):
            future = super().submit(fn, *args, **kwargs)
            submitted.append(future)
            if len(submitted) == 3:
                ctrl_c()
            return future

    def waits(parameters, days, seed, warm_ups):
        release.wait(10)
        raise RuntimeError("done")

    with InterruptedWhileSubmitting(1) as pool:
        try:
            with pytest.raises(KeyboardInterrupt):
                evaluate(runs(10), lambda result: None, pool, 4, simulator=waits)
        finally:
            release.set()
    # the first is running (it cannot be cancelled); the other three never start
    assert len(submitted) == 4
    assert all(future.cancelled() for future in submitted[1:])


def test_ctrl_c_while_waiting_for_a_long_run_is_seen_at_once():
    started = threading.Event()

    def long_run(parameters, days, seed, warm_ups):
        started.set()
        time.sleep(3)
        raise RuntimeError("done")

    threading.Timer(0.1, lambda: started.wait(5) and os.kill(os.getpid(), signal.SIGINT)
                    ).start()
    begin = time.monotonic()
    with cf.ThreadPoolExecutor(1) as pool:  # its shutdown waits for the run: not counted
        with pytest.raises(KeyboardInterrupt):
            evaluate(runs(2), lambda result: None, pool, 2, simulator=long_run)
        assert time.monotonic() - begin < 2
