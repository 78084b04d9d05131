"""Invariants that hold for any valid hotel (hypothesis draws the parameters)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model import InterLodgeModel, preset_parameters
from model.clock import EVENING_COVER, Clock

hotels = st.fixed_dictionaries({
    "rooms": st.integers(12, 60),
    "floors": st.integers(1, 4),
    "receptionists": st.integers(3, 5),
    "housekeepers": st.integers(1, 4),
    "technicians": st.integers(1, 3),
    "defect_rate": st.floats(0.0, 0.3),
    "housekeeper_quota": st.integers(8, 18),
    "cross_evaluation_weight": st.floats(0.0, 1.0),
    "market_demand": st.floats(0.2, 1.5),
    "evaluation_period_days": st.integers(7, 20),
    "rotation_period_days": st.integers(30, 60),
    "manager_learning_days": st.floats(1.0, 20.0),
    "warmup_days": st.integers(0, 8),
})
presets = st.sampled_from(["baseline", "attempt2", "redesign", "all_four"])


def run_and_watch(params, days):
    """Run hour by hour, checking the room invariants every hour; return the hotel, the
    repairs made (start hour of day, evening cover arranged), the rates of the rooms occupied
    at each night audit and the money handed back to guests, all watched from outside."""
    hotel = InterLodgeModel(rng=0, **params)
    repairs, nightly_rates, refunds = [], [], []
    repair, refund = hotel.maintenance.repair, hotel.ledger.refund

    def watched(order, technician, start):
        repairs.append((Clock.hour(start), hotel.maintenance.evening_cover, order.defect))
        return repair(order, technician, start)

    def refunded(amount):
        refunds.append(amount)
        return refund(amount)

    hotel.maintenance.repair, hotel.ledger.refund = watched, refunded
    for _ in range(days * 24):
        hotel.step()
        parties = [room.guest for room in hotel.rooms if room.guest is not None]
        assert len(parties) == len({id(g) for g in parties})  # nobody in two rooms
        for room in hotel.rooms:
            assert room.guest is None or room.guest.room is room  # one party per room
            assert all(d.open for d in room.defects)
        if hotel.hour == 0:  # the night audit has just run: tonight's guests and rates
            nightly_rates.append(sum(guest.rate for guest in parties))
    return hotel, repairs, nightly_rates, refunds


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hotels, presets, st.integers(3, 12))
def test_hotel_invariants(values, preset, days):
    params = preset_parameters(preset, values)
    hotel, repairs, nightly_rates, refunds = run_and_watch(params, days)
    table = hotel.daily_table()
    assert len(table) == days
    assert table["occupancy"].between(0, 1).all()
    # the books agree with what happened in the rooms and at the desk
    assert table["room_revenue"].tolist() == pytest.approx(nightly_rates)
    assert table["rebates"].sum() == pytest.approx(sum(refunds))
    assert (table["rooms_sold"] == (table["occupancy"] * hotel.p.rooms).round()).all()
    # every complaint ends exactly one way
    endings = table[["repairs_on_complaint", "moves", "rebates_given", "deflections"]]
    assert (endings.sum(axis=1) == table["complaints"]).all()
    assert (table["evening_complaints"] <= table["complaints"]).all()
    for hour, cover, defect in repairs:
        # nobody repairs outside the day shift unless managers arranged evening cover
        assert Clock.maintenance_on_shift(hour) or (cover and hour in EVENING_COVER)
        assert not defect.open  # repaired, and therefore in no room's open list
        assert all(defect not in room.defects for room in hotel.rooms)
