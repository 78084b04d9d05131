"""The margin bridge: channels that add up exactly to the margin change, computed by hand."""

import pandas as pd
import pytest

from model import InterLodgeModel, margin_bridge, preset_parameters
from model.economics import COST_ITEMS


def day(**values) -> dict:
    row = {"day": 0, "rooms_sold": 0, "late_arrivals_turned_away": 0, "late_arrivals_sold": 0,
           "late_room_nights": 0, "returning_room_nights": 0, "discounts_forgone": 0.0,
           "rebates": 0.0}
    row |= {f"cost_{item}": 0.0 for item in COST_ITEMS} | values
    row["net_revenue"] = row["room_revenue"] - row["rebates"]
    row["costs"] = sum(row[f"cost_{item}"] for item in COST_ITEMS)
    return row


def margin(table):
    return (table["net_revenue"].sum() - table["costs"].sum()) / table["net_revenue"].sum()


def test_released_rooms_rebates_and_variable_costs_by_hand():
    # reference: 10 rooms at 100 EUR, 2 of 4 late arrivals sold, 50 EUR of rebates,
    # 20 EUR of variable cost a room-night
    reference = pd.DataFrame([day(room_revenue=1000.0, rebates=50.0, rooms_sold=10,
                                  late_arrivals_sold=2, late_arrivals_turned_away=2,
                                  late_room_nights=2, cost_variable=200.0, cost_fixed=500.0)])
    # scenario: the two late arrivals turned away are sold, no rebates, their variable cost
    scenario = pd.DataFrame([day(room_revenue=1200.0, rooms_sold=12, late_arrivals_sold=4,
                                 late_room_nights=4, cost_variable=240.0, cost_fixed=500.0)])
    bridge = margin_bridge(scenario, reference)
    # margins 250/950 -> 460/1200; a revenue euro weighs (700+740)/(2*1200*950),
    # a cost euro (1/1200 + 1/950)/2
    revenue_euro, cost_euro = 1440 / 2_280_000, (1 / 1200 + 1 / 950) / 2
    change = bridge["change"]
    # the released rooms are worth their rate less their variable cost (their contribution)
    assert change["rooms released to late arrivals"] == pytest.approx(
        200 * revenue_euro - 40 * cost_euro)
    assert change["rebates and compensation"] == pytest.approx(50 * revenue_euro)
    assert change["cost: variable"] == pytest.approx(0, abs=1e-15)  # same cost a room
    assert change["late-arrival demand"] == pytest.approx(0, abs=1e-15)
    assert change["list rate (reputation)"] == pytest.approx(0, abs=1e-15)
    assert change.sum() == pytest.approx(460 / 1200 - 250 / 950, abs=1e-12)
    assert bridge.loc["rooms released to late arrivals", "kind"] == "direct"
    assert bridge.index.name == "channel" and set(bridge["kind"]) <= {"direct", "market"}


def test_a_dearer_room_stays_a_cost_and_more_demand_carries_its_own_variable_cost():
    reference = pd.DataFrame([day(room_revenue=1000.0, rooms_sold=10, cost_variable=200.0,
                                  cost_fixed=500.0)])
    # two more reserved rooms at the same rate, and every room 5 EUR dearer to service
    scenario = pd.DataFrame([day(room_revenue=1200.0, rooms_sold=12, cost_variable=300.0,
                                 cost_fixed=500.0)])
    bridge = margin_bridge(scenario, reference)
    revenue_euro, cost_euro = 1500 / (2 * 1200 * 1000), (1 / 1200 + 1 / 1000) / 2
    change = bridge["change"]
    # dN * mean cost a night (2 x 22.5) goes with the rooms, mean N * d(cost) (11 x 5) stays
    assert change["rooms sold to new reservations"] == pytest.approx(
        200 * revenue_euro - 45 * cost_euro)
    assert change["cost: variable"] == pytest.approx(-55 * cost_euro)
    assert change.sum() == pytest.approx(400 / 1200 - 300 / 1000, abs=1e-12)


def test_a_higher_list_rate_is_the_market_and_discounts_are_direct():
    reference = pd.DataFrame([day(room_revenue=900.0, rooms_sold=10, discounts_forgone=100.0,
                                  cost_fixed=600.0)])
    # same rooms; the list rate rises from 100 to 110 and no discount is conceded
    scenario = pd.DataFrame([day(room_revenue=1100.0, rooms_sold=10, cost_fixed=600.0)])
    bridge = margin_bridge(scenario, reference)
    revenue_euro = 1200 / (2 * 1100 * 900)
    assert bridge.loc["discounts to late arrivals", "change"] == pytest.approx(
        100 * revenue_euro)
    assert bridge.loc["list rate (reputation)", "change"] == pytest.approx(100 * revenue_euro)
    assert bridge.loc["list rate (reputation)", "kind"] == "market"
    assert bridge.loc["rooms sold to new reservations", "change"] == 0
    assert bridge["change"].sum() == pytest.approx(500 / 1100 - 300 / 900, abs=1e-12)


def test_channels_add_up_to_the_margin_change_of_simulated_hotels(small_hotel):
    tables = {}
    for preset in ("baseline", "all_four"):
        runs = []
        for seed in (1, 2):
            hotel = InterLodgeModel(rng=seed, **preset_parameters(preset, small_hotel))
            hotel.run_days(20)
            runs.append(hotel.daily_table().assign(seed=seed))
        tables[preset] = pd.concat(runs, ignore_index=True)
    bridge = margin_bridge(tables["all_four"], tables["baseline"])
    expected = margin(tables["all_four"]) - margin(tables["baseline"])
    assert abs(bridge["change"].sum() - expected) < 1e-12
    assert bridge.loc["cost: training", "change"] < 0  # training was paid for


def test_tables_must_cover_the_same_days_and_seeds():
    one = pd.DataFrame([day(room_revenue=1000.0, rooms_sold=10, cost_fixed=500.0)])
    later = one.assign(day=1)
    with pytest.raises(ValueError, match="same days"):
        margin_bridge(later, one)
    with pytest.raises(ValueError, match="seed column"):
        margin_bridge(one.assign(seed=0), one)
    with pytest.raises(ValueError, match="lacks columns costs"):
        margin_bridge(one.drop(columns="costs"), one)


def test_bridge_command_prints_every_channel_and_refuses_a_bad_window(capsys):
    from experiments.cli import main

    assert main(["bridge", "--preset", "all_four", "--seeds", "1", "--days", "0-3",
                 "--workers", "1"]) == 0
    out = capsys.readouterr().out
    assert "rooms released to late arrivals" in out and "all direct channels" in out
    with pytest.raises(SystemExit) as stop:
        main(["bridge", "--preset", "redesign", "--days", "5-2"])
    assert stop.value.code == 2
    assert "expects A-B with 0 <= A < B" in capsys.readouterr().err


def test_past_guests_coming_back_are_their_own_channel():
    reference = pd.DataFrame([day(room_revenue=1000.0, rooms_sold=10, returning_room_nights=3,
                                  cost_variable=200.0, cost_fixed=500.0)])
    # one more returning guest and one fewer new reservation: same rooms, same margin
    scenario = pd.DataFrame([day(room_revenue=1000.0, rooms_sold=10, returning_room_nights=4,
                                 cost_variable=200.0, cost_fixed=500.0)])
    change = margin_bridge(scenario, reference)["change"]
    one_room = (100 * 700 / (1000 * 1000)) - 20 / 1000  # its rate less its variable cost
    assert change["rooms sold to returning guests"] == pytest.approx(one_room)
    assert change["rooms sold to new reservations"] == pytest.approx(-one_room)
    assert change.sum() == pytest.approx(0, abs=1e-12)
