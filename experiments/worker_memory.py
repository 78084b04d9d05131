"""A worker's memory between runs: what a finished run left behind, given back to the system.

A run builds a hotel (agents that point at the model and back: reference cycles) and its
daily tables. Once it is over, the cycles wait for a full garbage collection, which a worker
whose start-up objects are frozen (`gc.freeze`) seldom makes, and the C library's allocator
keeps the pages it freed for itself. Both count in the worker's resident memory, and so in an
experiment's peak: on the 16-cell factorial (4 replicates of 540 days, 2 workers) releasing
them before each run took the workers' PSS at the peak from 120 to 107 MB together, for about
3 ms of CPU a run (benchmarks/bench_experiment_anatomy.py).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc


def _malloc_trim():
    """glibc's `malloc_trim`, or None where the C library has none (musl, macOS)."""
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):
        return None


_TRIM = _malloc_trim()


def release_freed_memory() -> None:
    """Collect the last run's reference cycles and hand the allocator's free pages back."""
    gc.collect()
    if _TRIM is not None:
        _TRIM(0)
