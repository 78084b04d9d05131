"""Ctrl-C while runs are in flight, taken where the main process can stop cleanly.

Python raises KeyboardInterrupt wherever the main thread happens to be when SIGINT arrives.
While runs are in flight that is often inside a library that does not expect it:
- in `concurrent.futures.wait`, between taking the futures' locks and giving them back: the
  executor's own thread then waits forever for a lock, and the command hangs;
- in Dask's `Client.submit`, half-way through sending a run to the scheduler;
- in an object's `__del__` (a Dask future released after its run finished), where Python
  prints the exception and drops it: the Ctrl-C is lost and the command carries on to the end
  of the experiment, exit code 0.
The first two were caught with `--dask local` (a stack dump of the hung command; a log of
where SIGINT landed); the third is how Python treats an exception in a finalizer, and Dask
releases its futures in one: the likeliest way to the exit code 0 seen now and then in CI.
While `Interrupt` is active, SIGINT only records that it came; `evaluate` asks between its
waits and stops there, with every lock free and every result accounted for.
"""

from __future__ import annotations

import signal
import threading


class Interrupt:
    """A context manager: while active (in the main thread, where Python runs signal
    handlers, and only if Ctrl-C would otherwise raise KeyboardInterrupt), Ctrl-C sets
    `requested` instead of raising. `check()` raises KeyboardInterrupt if it was pressed.

    A second Ctrl-C while active changes nothing: the first one is already being acted on,
    and stopping in the middle of that would be the very problem this avoids."""

    def __init__(self) -> None:
        self.requested = False
        self._previous = None

    def __enter__(self) -> Interrupt:
        if (threading.current_thread() is threading.main_thread()
                and signal.getsignal(signal.SIGINT) is signal.default_int_handler):
            self._previous = signal.signal(signal.SIGINT, self._record)
        return self

    def __exit__(self, *exc_info) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
            self._previous = None

    def _record(self, signum, frame) -> None:
        self.requested = True

    def check(self) -> None:
        """Raise KeyboardInterrupt if Ctrl-C came since the start."""
        if self.requested:
            raise KeyboardInterrupt
