"""Arrow columns made from their buffers, so that an experiment's workers never load pandas.

pyarrow's conversions from Python values and numpy arrays (`pa.array`, `pa.scalar`,
`pa.repeat`, `Table.from_pylist`, `Table.from_pydict`, `Table.from_pandas`) import pandas on
first use, through pyarrow's pandas shim: in a worker of the factorial that was 46 MB of
memory for the parts it encodes (experiments.part_tables). `pa.Array.from_buffers` over numpy
arrays (values, validity bits, string offsets), `pa.Table.from_arrays` and Parquet's writer
do not. Each function here gives the array pyarrow's own conversion gave the parts before,
value for value and null for null (tests/test_experiments_arrow_columns.py compares them).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyarrow as pa


def floats(values: Sequence[float] | np.ndarray, *, nan_is_null: bool) -> pa.Array:
    """float64 values; nan_is_null: a NaN becomes a null (as converting from pandas does),
    otherwise it stays a NaN (as converting from Python lists does)."""
    data = np.ascontiguousarray(values, dtype=np.float64)
    missing = np.isnan(data) if nan_is_null else None
    return _from_buffers(pa.float64(), data, missing)


def integers(values: Sequence[int] | np.ndarray) -> pa.Array:
    """int64 values, none missing."""
    return _from_buffers(pa.int64(), np.ascontiguousarray(values, dtype=np.int64), None)


def booleans(values: Sequence[bool]) -> pa.Array:
    """bool values, none missing (Arrow packs them eight a byte)."""
    bits = np.packbits(np.asarray(values, dtype=bool), bitorder="little")
    return pa.Array.from_buffers(pa.bool_(), len(values), [None, pa.py_buffer(bits)])


def texts(values: Sequence[str | None]) -> pa.Array:
    """UTF-8 strings; None is a null."""
    encoded = [b"" if value is None else value.encode() for value in values]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int32)
    np.cumsum([len(text) for text in encoded], out=offsets[1:])
    missing = np.array([value is None for value in values], dtype=bool)
    return pa.Array.from_buffers(pa.string(), len(encoded),
                                 [_validity(missing), pa.py_buffer(offsets),
                                  pa.py_buffer(b"".join(encoded))],
                                 null_count=int(missing.sum()))


def _from_buffers(kind: pa.DataType, data: np.ndarray, missing: np.ndarray | None
                  ) -> pa.Array:
    null_count = 0 if missing is None else int(missing.sum())
    validity = _validity(missing) if null_count else None
    return pa.Array.from_buffers(kind, len(data), [validity, pa.py_buffer(data)],
                                 null_count=null_count)


def _validity(missing: np.ndarray) -> pa.Buffer | None:
    """Arrow's validity bitmap (a set bit: a value), or None when nothing is missing."""
    if not missing.any():
        return None
    return pa.py_buffer(np.packbits(~missing, bitorder="little"))
