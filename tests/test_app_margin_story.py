"""The margin story: a month's margin weighted by revenue, the no-lever twin, the bridge."""

import math

import pytest
from conftest import SMALL_HOTEL as SMALL

from app_components.hotel_state import HotelSettings, Simulation
from app_components.margin_story import KIND_WORDS, bridge_records, period_margin, rolling_margin
from app_components.monitors import margin_figure


def test_a_months_margin_is_weighted_by_revenue_not_a_mean_of_days():
    rows = [{"net_revenue": 100.0, "costs": 90.0}, {"net_revenue": 300.0, "costs": 150.0}]
    assert rolling_margin(rows).tolist() == pytest.approx([0.1, 0.4])  # not (0.1 + 0.5) / 2
    assert period_margin(rows) == pytest.approx(0.4)
    assert math.isnan(rolling_margin([{"net_revenue": 0.0, "costs": 10.0}])[0])


def test_the_main_hotel_advances_with_its_no_lever_twin():
    redesign = Simulation((HotelSettings("redesign", 4, SMALL),), ghost=True)
    baseline = Simulation((HotelSettings("baseline", 4, SMALL),), ghost=True)
    assert baseline.ghost is None  # no lever on: nothing to compare with
    redesign.advance(24 * 35)
    baseline.advance(24 * 35)
    assert redesign.ghost.rows == baseline.model.rows  # same seed, same hotel, no lever
    assert redesign.model.rows != baseline.model.rows
    assert len(redesign.models) == 1
    figure = margin_figure(redesign.model.rows, redesign.ghost.rows)
    assert figure.note.startswith("no lever: ")


def test_the_bridge_explains_the_gap_to_the_twin_once_a_month_has_passed():
    simulation = Simulation((HotelSettings("redesign", 4, SMALL),), ghost=True)
    simulation.advance(24 * 20)
    assert bridge_records(simulation.model.rows, simulation.ghost.rows) == []  # too short
    simulation.advance(24 * 20)
    records = bridge_records(simulation.model.rows, simulation.ghost.rows)
    gap = period_margin(simulation.model.rows) - period_margin(simulation.ghost.rows)
    assert records and {r["kind"] for r in records} <= set(KIND_WORDS.values())
    shown = sum(r["change"] for r in records)  # channels under 0.05 points left out
    assert shown == pytest.approx(gap, abs=0.0005 * 20)
