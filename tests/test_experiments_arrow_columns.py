"""Arrow columns from their buffers: the arrays pyarrow's own conversions gave the parts,
value for value, null for null (experiments.arrow_columns)."""

import math

import numpy as np
import pyarrow as pa
import pytest

from experiments.arrow_columns import booleans, floats, integers, texts

FLOATS = [1.5, math.nan, -0.0, 3.0, math.nan, 1e300, 0.25, 7.0, 9.5]  # more than a byte of bits


def same(made: pa.Array, expected: pa.Array) -> None:
    made.validate(full=True)
    assert made.type == expected.type and made.null_count == expected.null_count
    assert made.is_null().equals(expected.is_null())
    # NaN compares unequal to itself: compare the values as Python objects, NaN by name
    assert [repr(v) for v in made.to_pylist()] == [repr(v) for v in expected.to_pylist()]


@pytest.mark.parametrize("values", [FLOATS, [], [2.0, 4.0], np.array(FLOATS)])
def test_floats_keep_nan_or_make_it_null_as_pyarrow_did(values):
    # the runs part (from Python lists) kept NaN; the daily part (from pandas) made it null
    same(floats(values, nan_is_null=False), pa.array(list(values), pa.float64()))
    same(floats(values, nan_is_null=True),
         pa.array(list(values), pa.float64(), from_pandas=True))


def test_whole_numbers_become_floats_and_integers_stay_integers():
    counts = [3, 0, 12, 7]  # a count column of the model's daily table
    same(floats(counts, nan_is_null=True), pa.array(counts, pa.int64()).cast(pa.float64()))
    same(integers(counts), pa.array(counts, pa.int64()))
    same(integers(np.full(3, 2**62)), pa.array([2**62] * 3, pa.int64()))


@pytest.mark.parametrize("values", [[True, False, True] * 4, [], [False]])
def test_booleans(values):
    same(booleans(values), pa.array(values, pa.bool_()))


@pytest.mark.parametrize("values", [["p0-r0", None, "ok", "", "é ünïcode", None] * 3, [],
                                    [None], ["Traceback (most recent call last):\n  …"]])
def test_texts_with_nulls(values):
    same(texts(values), pa.array(values, pa.string()))
