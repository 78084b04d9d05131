"""Outcomes: one definition each, checked by hand; the same over a run and over periods."""

import math

import pandas as pd
import pytest
from conftest import SMALL_HOTEL

from experiments.outcomes import (
    OUTCOMES,
    last_days,
    mean_of,
    outcome,
    period_values,
    summarise,
)
from experiments.simulation import parse_assignments, run_hotel, run_hotel_columns, simulate
from model import preset_parameters


def days(**columns) -> pd.DataFrame:
    return pd.DataFrame({"day": range(len(next(iter(columns.values())))), **columns})


def test_margin_is_revenue_weighted_and_keeps_loss_and_empty_days():
    # a good day, a loss day and a day with no revenue at all (margin undefined that day):
    # the period made (1000 - 700) / 1000, not the mean of daily margins (which would drop
    # the empty day and show (0.5 - 0.5) / 2 = 0)
    table = days(net_revenue=[900.0, 100.0, 0.0], costs=[450.0, 150.0, 100.0])
    assert outcome("gross_margin").over(table) == pytest.approx(0.3)


def test_per_event_means_weigh_days_by_their_events():
    table = days(guest_satisfaction=[800.0, math.nan, 500.0], departures=[3, 0, 1],
                 maintenance_response_hours=[2.0, math.nan, 10.0], repairs=[4, 0, 1])
    assert outcome("guest_satisfaction").over(table) == pytest.approx((2400 + 500) / 4)
    assert outcome("maintenance_response_hours").over(table) == pytest.approx(18 / 5)


def test_a_missing_daily_level_makes_the_period_missing_not_smaller():
    table = days(held_rooms=[2.0, math.nan, 4.0])
    assert math.isnan(outcome("held_rooms").over(table))


def test_per_room_night_outcomes_count_occupied_rooms():
    table = days(complaints=[3, 1], rooms_sold=[80.0, 20.0], room_revenue=[8000.0, 1000.0])
    assert outcome("complaints_per_room_night").over(table) == pytest.approx(4 / 100)
    assert outcome("adr").over(table) == pytest.approx(90.0)


def test_period_values_are_the_outcome_of_each_group():
    table = days(net_revenue=[900.0, 100.0, 500.0, 0.0], costs=[450.0, 150.0, 100.0, 50.0])
    table["period"] = [0, 0, 1, 1]
    values = period_values(table, "gross_margin", ["period"])
    assert values.tolist() == pytest.approx([outcome("gross_margin").over(table[:2]),
                                             outcome("gross_margin").over(table[2:])])


def test_every_outcome_of_a_real_run_is_defined():
    table = simulate("baseline", dict(SMALL_HOTEL), days=30, seed=1)
    summary = summarise(table)
    undefined = [name for name, value in summary.items() if math.isnan(value)
                 and not name.startswith("satisfaction_")]  # a kind of stay may not occur
    assert undefined == []
    assert set(summary) == set(OUTCOMES)
    assert mean_of([table, table], "occupancy", (0, 30)) == pytest.approx(
        table["occupancy"].mean())


def test_a_runs_columns_give_the_outcomes_of_its_table_to_the_last_bit():
    # an experiment's workers reduce the model's daily columns as numpy arrays; the story,
    # the validation and the analysis reduce pandas tables: the same definitions, the same
    # values (NaN where an outcome is undefined)
    parameters = preset_parameters("redesign", dict(SMALL_HOTEL))
    table = run_hotel(parameters, 40, 3)
    columns = run_hotel_columns(parameters, 40, 3)
    for days in (40, 25, 1):
        from_columns = pd.Series(summarise(last_days(columns, days)))
        from_table = pd.Series(summarise(table.tail(days)))
        pd.testing.assert_series_equal(from_columns, from_table, check_exact=True)


def test_last_days_of_columns_or_of_a_table():
    table = days(net_revenue=[1.0, 2.0, 3.0])
    columns = {name: list(values) for name, values in table.items()}
    for source in (table, columns):
        assert last_days(source, 2)["net_revenue"].tolist() == [2.0, 3.0]
        assert last_days(source, 5)["day"].tolist() == [0, 1, 2]  # all there is
        assert last_days(source, 0)["net_revenue"].tolist() == []  # none, not all


def test_unknown_outcome_and_repeated_set_key_are_one_line():
    with pytest.raises(ValueError, match="unknown outcome 'margin'"):
        outcome("margin")
    with pytest.raises(ValueError, match="--set rooms is given twice"):
        parse_assignments(["rooms=50", "rooms=60"])
