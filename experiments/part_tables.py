"""A chunk of finished runs as the two part files of an experiment folder, made in the worker.

A worker that has run a chunk of runs encodes them here as the bytes of a runs part and a
daily part (Parquet, the columns of docs/experiments.md), and sends those: about 2 MB for 16
runs of 540 days, where their daily tables as Arrow columns took 5 MB. The process that stores them
(experiments.store) then writes bytes it does not read, and needs neither pyarrow nor pandas
during a sweep (its memory is in every experiment's peak, beside the workers'), while the
encoding runs in parallel in the workers. Only runs that the executor lost (a Dask worker
that died) are encoded in the main process, to record them as failed.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq

from model import PARAMETERS

from .parts import EncodedPart
from .store import DAILY_COLUMNS, OUTCOME_COLUMNS

if TYPE_CHECKING:
    from .evaluators import RunResult

# Arrow's own allocator (mimalloc) keeps for itself what encoding a part freed: some 12 MB
# of every worker's memory through the whole sweep. The C library's allocator gives it back
# when the worker releases memory before its next run (experiments.worker_memory).
pa.set_memory_pool(pa.system_memory_pool())

_PYARROW_TYPES = {bool: pa.bool_(), int: pa.int64(), float: pa.float64()}
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
        self._runs_rows: list[dict] = []
        self._sink = pa.BufferOutputStream()
        self._daily: pq.ParquetWriter | None = None  # opened by the first run that succeeded

    def add(self, result: RunResult) -> None:
        if result.daily is not None:
            if self._daily is None:
                self._daily = pq.ParquetWriter(self._sink, DAILY_SCHEMA)
            self._daily.write_table(_daily_part_rows(result))
        self._runs_rows.append(_runs_row(result, self._factors))
        self._results.append(replace(result, daily=None))

    def finish(self) -> EncodedPart:
        """The runs part (one row per run: id, point, seed, status, the design's factors, the
        outcomes) and the daily part (None if no run succeeded), as Parquet bytes."""
        daily = None
        if self._daily is not None:
            self._daily.close()
            daily = self._sink.getvalue().to_pybytes()
        runs = pa.Table.from_pylist(self._runs_rows, runs_schema(self._factors))
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


def _runs_row(result: RunResult, factors: list[str]) -> dict:
    spec = result.spec
    row = {"run_id": spec.run_id, "point_index": spec.point_index,
           "replicate": spec.replicate, "seed": spec.seed, "status": result.status,
           "error": result.error, "wall_seconds": result.wall_seconds}
    row |= {name: spec.parameters[name] for name in factors}
    return row | {name: result.summary.get(name, float("nan")) for name in OUTCOME_COLUMNS}


def _daily_part_rows(result: RunResult) -> pa.Table:
    """A run's daily table as rows of a daily part: named by the run, every metric a float."""
    spec, daily = result.spec, result.daily
    rows = daily.num_rows
    named = {"run_id": pa.repeat(spec.run_id, rows),
             "point_index": pa.repeat(spec.point_index, rows),
             "replicate": pa.repeat(spec.replicate, rows)}
    return pa.table([named[name] if name in named else daily.column(name)
                     for name in DAILY_SCHEMA.names],
                    names=DAILY_SCHEMA.names).cast(DAILY_SCHEMA)
