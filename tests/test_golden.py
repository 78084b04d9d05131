"""The daily tables of fixed seeds and presets are exactly those of the references.

Regenerate the references only when a change of numbers is intended (see tests/golden/tables.py).
"""

import json

import pytest

from tests.golden.tables import CASES, REFERENCES, case_name, table_hashes

REFERENCE = json.loads(REFERENCES.read_text())


@pytest.mark.parametrize("case", CASES, ids=[case_name(*case) for case in CASES])
def test_daily_table_is_byte_identical_to_reference(case):
    name = case_name(*case)
    assert name in REFERENCE, f"no reference for {name}: regenerate (tests/golden/tables.py)"
    expected, got = REFERENCE[name], table_hashes(*case)
    changed = [column for column, h in got["columns"].items()
               if expected["columns"].get(column) != h]
    assert got["table"] == expected["table"], f"{name}: columns changed: {changed}"


def test_sweeps_without_decision_log_get_the_same_numbers():
    """Sweeps keep no decision log (decision_log_length=0): the log must not touch a number."""
    preset, hotel, seed, days = CASES[-1]
    assert (table_hashes(preset, hotel, seed, days, decision_log_length=0)["table"]
            == REFERENCE[case_name(*CASES[-1])]["table"])
