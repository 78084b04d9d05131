"""A chunk of finished runs as the two part files of an experiment folder, made in the worker.

A worker that has run a chunk of runs encodes them here as the bytes of a runs part and a
daily part (Parquet, the columns of docs/experiments.md), and sends those: a few hundred
kilobytes instead of the Arrow columns of every daily table. The process that stores them
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

_PYARROW_TYPES = {bool: pa.bool_(), int: pa.int64(), float: pa.float64()}
# every metric as float64: a count column with a NaN day would otherwise change type
DAILY_SCHEMA = pa.schema([("run_id", pa.string()), ("point_index", pa.int64()),
                          ("replicate", pa.int64()), ("day", pa.int64())]
                         + [(name, pa.float64()) for name in DAILY_COLUMNS])


def encode_part(results: list[RunResult], factors: list[str]) -> EncodedPart:
    """The runs part (one row per run: id, point, seed, status, the design's `factors`, the
    outcomes) and the daily part (the daily tables of the runs that succeeded, None if none
    did) of `results`, as Parquet bytes, with the results stripped of their daily tables."""
    rows = [_runs_row(result, factors) for result in results]
    runs = pa.Table.from_pylist(rows, runs_schema(factors))
    daily = [_daily_part_rows(result) for result in results if result.daily is not None]
    return EncodedPart(
        [_without_daily(result) for result in results], _parquet(runs),
        _parquet(pa.concat_tables(daily)) if daily else None)  # concatenated without a copy


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


def _parquet(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    return sink.getvalue().to_pybytes()


def _without_daily(result: RunResult) -> RunResult:
    return replace(result, daily=None)
