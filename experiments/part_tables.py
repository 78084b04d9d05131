"""A chunk of finished runs as the two part files of an experiment folder, made in the worker.

A worker that has run a chunk of runs encodes them here as the bytes of a runs part and a
daily part (Parquet, the columns of docs/experiments.md), and sends those: about 2 MB for 16
runs of 540 days, where their daily tables as Arrow columns took 5 MB. The process that stores them
(experiments.store) then writes bytes it does not read, and needs neither pyarrow nor pandas
during a sweep (its memory is in every experiment's peak, beside the workers'), while the
encoding runs in parallel in the workers. Only runs that the executor lost (a Dask worker
that died) are encoded in the main process, to record them as failed.

The columns are built from their buffers (experiments.arrow_columns) out of a run's daily
columns (`InterLodgeModel.daily_columns`) and its summary: a worker of an experiment never
loads pandas (tests/test_experiments_worker_imports.py).
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from model import PARAMETERS

from .arrow_columns import booleans, floats, integers, texts
from .parts import EncodedPart
from .store import DAILY_COLUMNS, OUTCOME_COLUMNS

if TYPE_CHECKING:
    from .evaluators import RunResult

# Arrow's own allocator (mimalloc) keeps for itself what encoding a part freed: some 12 MB
# of every worker's memory through the whole sweep. The C library's allocator gives it back
# when the worker releases memory before its next run (experiments.worker_memory).
pa.set_memory_pool(pa.system_memory_pool())

_PYARROW_TYPES = {bool: pa.bool_(), int: pa.int64(), float: pa.float64()}
_STORED = partial(floats, nan_is_null=False)  # a run's NaN outcome stays a NaN, not a null
_ARROW_COLUMNS = {bool: booleans, int: integers, float: _STORED}  # by the parameter's kind
# every metric as float64: a count column with a NaN day would otherwise change type
DAILY_SCHEMA = pa.schema([("run_id", pa.string()), ("point_index", pa.int64()),
                          ("replicate", pa.int64()), ("day", pa.int64())]
                         + [(name, pa.float64()) for name in DAILY_COLUMNS])


class PartWriter:
    """A pair of parts written run by run, as a worker finishes its chunk's runs: each run's
    daily rows go into the daily part at once (a row group a run) and are dropped, so that a
    worker holds one run's daily table rather than its whole chunk's (on the factorial, 16
    runs of 540 days: 14 MB less a worker at the peak).

    factors: the parameters the experiment's design varies (columns of the runs part).
    """

    def __init__(self, factors: list[str]):
        self._factors = factors
        self._results: list[RunResult] = []
        self._sink = pa.BufferOutputStream()
        self._daily: pq.ParquetWriter | None = None  # opened by the first run that succeeded

    def add(self, result: RunResult) -> None:
        if result.daily is not None:
            if self._daily is None:
                self._daily = pq.ParquetWriter(self._sink, DAILY_SCHEMA)
            self._daily.write_table(_daily_part_rows(result))
        self._results.append(replace(result, daily=None))

    def finish(self) -> EncodedPart:
        """The runs part (one row per run: id, point, seed, status, the design's factors, the
        outcomes) and the daily part (None if no run succeeded), as Parquet bytes."""
        daily = None
        if self._daily is not None:
            self._daily.close()
            daily = self._sink.getvalue().to_pybytes()
        runs = _runs_part_rows(self._results, self._factors)
        sink = pa.BufferOutputStream()
        pq.write_table(runs, sink)
        return EncodedPart(self._results, sink.getvalue().to_pybytes(), daily)


def encode_part(results: list[RunResult], factors: list[str]) -> EncodedPart:
    """`results` as a pair of parts of an experiment whose design varies `factors`."""
    part = PartWriter(factors)
    for result in results:
        part.add(result)
    return part.finish()


def runs_schema(factors: list[str]) -> pa.Schema:
    fields = [("run_id", pa.string()), ("point_index", pa.int64()), ("replicate", pa.int64()),
              ("seed", pa.int64()), ("status", pa.string()), ("error", pa.string()),
              ("wall_seconds", pa.float64())]
    fields += [(name, _PYARROW_TYPES[PARAMETERS[name].kind]) for name in factors]
    fields += [(name, pa.float64()) for name in OUTCOME_COLUMNS]
    return pa.schema(fields)


def _runs_part_rows(results: list[RunResult], factors: list[str]) -> pa.Table:
    """One row per run: how it went, the design's `factors`, its outcomes (NaN if failed)."""
    specs = [result.spec for result in results]
    columns = {
        "run_id": texts([spec.run_id for spec in specs]),
        "point_index": integers([spec.point_index for spec in specs]),
        "replicate": integers([spec.replicate for spec in specs]),
        "seed": integers([spec.seed for spec in specs]),
        "status": texts([result.status for result in results]),
        "error": texts([result.error for result in results]),
        "wall_seconds": _STORED([result.wall_seconds for result in results]),
    }
    columns |= {name: _ARROW_COLUMNS[PARAMETERS[name].kind]([spec.parameters[name]
                                                            for spec in specs])
                for name in factors}
    columns |= {name: _STORED([result.summary.get(name, float("nan")) for result in results])
                for name in OUTCOME_COLUMNS}
    schema = runs_schema(factors)
    return pa.Table.from_arrays([columns[name] for name in schema.names], schema=schema)


def _daily_part_rows(result: RunResult) -> pa.Table:
    """A run's daily table (its columns by metric, or a DataFrame) as rows of a daily part:
    named by the run, every metric a float, a NaN a null."""
    spec, daily = result.spec, result.daily
    rows = len(daily["day"])
    named = {"run_id": texts([spec.run_id] * rows),
             "point_index": integers(np.full(rows, spec.point_index)),
             "replicate": integers(np.full(rows, spec.replicate)),
             "day": integers(daily["day"])}
    return pa.Table.from_arrays([named[name] if name in named
                                 else floats(daily[name], nan_is_null=True)
                                 for name in DAILY_SCHEMA.names], schema=DAILY_SCHEMA)
