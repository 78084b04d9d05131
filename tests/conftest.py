"""Shared test settings: a small hotel that runs fast but keeps every mechanism."""

import pytest

SMALL_HOTEL = dict(rooms=30, floors=3, receptionists=3, housekeepers=3, technicians=1,
                   warmup_days=10)


@pytest.fixture
def small_hotel():
    return dict(SMALL_HOTEL)
