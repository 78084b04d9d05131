"""Each agent's decisions follow from its goals, resources and constraints."""

import math
import random
from dataclasses import fields

import pytest

from agents.housekeeper import ShiftRecord
from agents.learning import Evaluation, adjust, rating_gain, rating_of
from agents.receptionist import HoldingCosts, weigh_reserve
from agents.reports import ReportWindow
from model import InterLodgeModel, ParameterError, Parameters, preset_parameters
from model.economics import Ledger
from model.market import Market


@pytest.fixture
def hotel(small_hotel):
    return InterLodgeModel(rng=11, **small_hotel)


# --- receptionists -------------------------------------------------------------------------
def test_the_reserve_grows_with_expected_complaints(hotel):
    clerk = hotel.receptionists[0]
    held = []
    for expected in (0.0, 1.0, 3.0, 6.0):
        clerk.expected_evening_complaints = expected
        held.append(clerk.hold_rooms_in_reserve(free_rooms=20))
    assert held[0] == 0
    assert held == sorted(held) and held[-1] > held[1]


def test_the_reserve_never_exceeds_the_free_rooms(hotel):
    clerk = hotel.receptionists[0]
    clerk.expected_evening_complaints = 50.0
    assert clerk.hold_rooms_in_reserve(free_rooms=3) == 3


def test_an_incentive_changes_the_goal_but_barely_the_reserve():
    """The bonus is spread over a 100-room hotel's occupancy; an angry guest is personal.
    (In a much smaller hotel the same bonus weighs more per room: that is the model too.)"""
    plain = InterLodgeModel(rng=1, warmup_days=0)
    paid = InterLodgeModel(rng=1, **preset_parameters("incentives", {"warmup_days": 0}))
    for clerk in (plain.receptionists[0], paid.receptionists[0]):
        clerk.expected_evening_complaints, clerk.stress = 3.0, 0.5
    assert paid.receptionists[0].sale_value() > plain.receptionists[0].sale_value()
    without = plain.receptionists[0].hold_rooms_in_reserve(30)
    with_bonus = paid.receptionists[0].hold_rooms_in_reserve(30)
    assert without - 1 <= with_bonus <= without


def test_training_makes_rebates_and_deflection_easier_but_not_for_unfit_rooms(small_hotel):
    plain = InterLodgeModel(rng=1, **small_hotel).receptionists[0]
    trained = InterLodgeModel(rng=1, **preset_parameters("training", small_hotel)).receptionists[0]
    assert trained.trained and not plain.trained
    before = plain.handling_costs(reachable=False, spare_room=True, desk_pressure=0.0)
    after = trained.handling_costs(reachable=False, spare_room=True, desk_pressure=0.0)
    assert after["rebate"] < before["rebate"] and after["deflect"] < before["deflect"]
    assert after["move"] == before["move"]
    # a guest in a room not fit to sell insists on a room: a move stays the easiest way out
    unfit = trained.handling_costs(reachable=False, spare_room=True, desk_pressure=0.0,
                                   unfit=True)
    assert min(unfit, key=unfit.get) == "move"


def test_calling_maintenance_is_only_an_option_when_someone_can_come(hotel):
    clerk = hotel.receptionists[0]
    assert "call" not in clerk.handling_costs(reachable=False, spare_room=False)
    assert "call" in clerk.handling_costs(reachable=True, spare_room=False)
    assert "move" not in clerk.handling_costs(reachable=True, spare_room=False)


def test_a_busy_desk_makes_moving_a_guest_costlier(hotel):
    clerk = hotel.receptionists[0]
    quiet = clerk.handling_costs(False, True, desk_pressure=0.0)["move"]
    busy = clerk.handling_costs(False, True, desk_pressure=3.0)["move"]
    assert busy > quiet


# --- learning -------------------------------------------------------------------------------
def test_propensities_follow_the_sign_of_the_payoff_and_stay_bounded():
    assert adjust(0.5, 0.01, 0.15, 20) > 0.5
    assert adjust(0.5, -0.01, 0.15, 20) < 0.5
    assert adjust(0.5, 0.0, 0.15, 20) == 0.5
    assert adjust(0.97, 10, 0.15, 20) == 0.98 and adjust(0.03, -10, 0.15, 20) == 0.02


def test_good_turns_earn_rating_only_when_reception_sees_them():
    assert rating_of(0, 0) == 0.5
    helpful = Evaluation(0.8, 0.9, rating_of(4, 1), 4, 1, 0.5, 0.0)
    idle = Evaluation(0.8, 0.9, rating_of(0, 5), 0, 5, 0.5, 0.0)
    # graded: without her 4 good turns the rating would have been (0 + 1) / (1 + 2)
    assert rating_gain(helpful) == pytest.approx(5 / 7 - 1 / 3) and rating_gain(idle) == 0.0


def test_housekeepers_stop_checking_when_checks_cost_overtime_and_earn_nothing(small_hotel):
    hotel = InterLodgeModel(rng=3, **small_hotel)
    housekeeper = hotel.housekeepers[0]
    housekeeper.check_propensity = housekeeper.report_propensity = 0.5
    record = housekeeper.record
    record.shifts, record.minutes, record.check_minutes = 10, 4800.0, 300.0
    own = housekeeper.productivity()
    housekeeper.learn_from(Evaluation(own, own, 0.5, 0, 0, 0.0, 0.0))
    assert housekeeper.check_propensity < 0.5
    # the same checks under cross-evaluation, with reception's thanks for the reports
    housekeeper.check_propensity = 0.5
    record = housekeeper.record
    record.shifts, record.minutes, record.check_minutes = 10, 4800.0, 300.0
    housekeeper.learn_from(Evaluation(own, own, rating_of(6, 1), 6, 1, 0.5, 0.0))
    assert housekeeper.check_propensity > 0.5



def test_a_housekeepers_route_is_her_section_room_after_room(small_hotel):
    """The floor plan's route: her rooms in order, one after another, the last ready when her
    shift's minutes are spent; a sweep's hotel (no decision log, her checks drawn without their
    reasons) cleans the same rooms at the same hours."""
    routes = []
    for log in (30, 0):
        hotel = InterLodgeModel(rng=4, **small_hotel | {"decision_log_length": log})
        hotel.run_days(3)
        on_duty = [h for h in hotel.housekeepers if h.section]
        assert on_duty
        for housekeeper in on_duty:
            route = housekeeper.route
            assert [number for number, _, _ in route] == [r.number for r in housekeeper.section]
            assert route[0][1] == housekeeper.shift_start
            assert all(start < end for _, start, end in route)
            assert route[-1][2] == pytest.approx(
                housekeeper.shift_start + housekeeper.today.minutes / 60.0)
            number, start, end = route[len(route) // 2]
            assert housekeeper.location((start + end) / 2) == number
        routes.append([h.route for h in hotel.housekeepers])
    assert routes[0] == routes[1]


def test_a_short_decision_log_keeps_the_last_decisions_of_a_long_one(small_hotel):
    """Housekeepers log their checks a shift at a time: a log of 3 holds what a log of 10,000
    ends with, for every member of the staff."""
    logs = []
    for length in (3, 10_000):
        hotel = InterLodgeModel(rng=6, **small_hotel | {"decision_log_length": length})
        hotel.run_days(4)
        logs.append([[(d.time, d.action, d.reason) for d in member.decisions[-3:]]
                     for member in hotel.staff()])
    assert logs[0] == logs[1]
    assert any(action in ("check equipment", "skip check") for log in logs[0]
               for _, action, _ in log)


def test_a_shift_counts_in_the_housekeepers_record_in_every_field():
    shift = ShiftRecord(**{field.name: i + 1 for i, field in enumerate(fields(ShiftRecord))})
    record = ShiftRecord()
    record.add(shift)
    record.add(shift)
    assert all(getattr(record, field.name) == 2 * getattr(shift, field.name)
               for field in fields(ShiftRecord))

def test_quota_slack_grows_with_what_the_manager_knows(small_hotel):
    manager = InterLodgeModel(rng=5, **small_hotel).manager_of("housekeeping")
    assert manager.grant_quota_slack() == 0.0
    manager.days_in["front office"] = manager.days_in["maintenance"] = 365.0
    assert 0.5 < manager.grant_quota_slack() < 3.0


def test_a_manager_reads_the_reports_of_her_window_and_starts_from_her_experience(small_hotel):
    hotel = InterLodgeModel(rng=5, **small_hotel | {"manager_report_days": 3,
                                                    "manager_days_in_own_function": 60.0})
    hotel.run_days(6)
    manager = hotel.manager_of("front office")
    # rooms are sold every day, so a window of three days differs from all six
    assert manager.observed("rooms_sold") == [sum(r["rooms_sold"] for r in hotel.rows[-3:])]
    assert manager.observed("rooms_sold") != [sum(r["rooms_sold"] for r in hotel.rows)]
    newcomer = InterLodgeModel(rng=5, **small_hotel | {"manager_days_in_own_function": 60.0})
    days = 60.0 + newcomer.p.warmup_days  # she has worked through the warm-up too
    assert newcomer.manager_of("housekeeping").knowledge_of("housekeeping") == pytest.approx(
        1 - math.exp(-days / newcomer.p.manager_learning_days))


def test_a_report_window_totals_exactly_as_the_reports_it_follows():
    window, reports = ReportWindow(), []

    def direct(days, columns):
        return [float(sum([row[c] for row in reports[-days:]])) for c in columns]

    for day in range(12):
        # floats whose sum depends on the order of the additions
        reports.append({"rebates": 0.1 * day + 1e-9 * day**3, "complaints": day % 3})
        columns = ("rebates",) if day < 5 else ("complaints", "rebates")  # one asked later
        assert window.totals(reports, 4, columns) == direct(4, columns)
    assert window.totals(reports, 7, ["rebates"]) == direct(7, ["rebates"])  # another window
    reports = [{"rebates": 2.5, "complaints": 1}] * 3  # another list (a test's reports)
    assert window.totals(reports, 7, ["complaints", "rebates"]) == [3.0, 7.5]


# --- market and money ---------------------------------------------------------------------
def test_return_intent_spans_the_industry_figures(small_hotel):
    market = InterLodgeModel(rng=1, **small_hotel).market
    assert market.return_intent(582) == pytest.approx(0.04)
    assert market.return_intent(781) == pytest.approx(0.66)
    assert market.return_intent(300) == pytest.approx(0.04)
    assert market.return_intent((582 + 781) / 2) == pytest.approx(0.35)


def test_satisfaction_levels_and_return_intent_follow_their_parameters(small_hotel):
    hotel = InterLodgeModel(rng=1, **small_hotel | {
        "satisfaction_no_problem": 900.0, "satisfaction_unresolved": 500.0,
        "return_intent_delighted": 0.5, "return_intent_disappointed": 0.1})
    assert hotel.satisfaction == {"no problem": 900.0, "prevented": 760.0,
                                  "resolved": 705.0, "unresolved": 500.0}
    assert hotel.market.return_intent(700.0) == pytest.approx(0.3)
    with pytest.raises(ParameterError, match="satisfaction_no_problem >= "):
        Parameters.from_values(small_hotel | {"satisfaction_resolved": 800.0})
    with pytest.raises(ParameterError, match="return_delay_min_days must be below"):
        Parameters.from_values(small_hotel | {"return_delay_min_days": 400})


def test_reputation_moves_toward_what_guests_say(small_hotel):
    params = Parameters.from_values(preset_parameters("baseline", small_hotel))
    market = Market(params, entropy=1, reputation=750.0)
    for _ in range(5):
        market.hear_from([600.0], day=0)
    market.update_reputation()
    assert market.reputation < 750.0


def test_two_markets_with_the_same_entropy_bring_the_same_guests(small_hotel):
    params = Parameters.from_values(preset_parameters("baseline", small_hotel))
    first, second = Market(params, 42, 750.0), Market(params, 42, 750.0)
    second.hear_from([700.0], day=-5)  # a different history does not change today's demand
    assert first.arrivals(3) == second.arrivals(3)


def test_the_ledger_adds_up():
    ledger = Ledger()
    ledger.earn(1000.0)
    ledger.refund(50.0)
    ledger.spend("variable", 300.0)
    ledger.spend("fixed", 200.0)
    accounts = ledger.close_day()
    assert accounts["net_revenue"] == 950.0 and accounts["costs"] == 500.0
    assert accounts["gross_margin"] == pytest.approx(450 / 950)
    assert ledger.close_day()["room_revenue"] == 0.0
    with pytest.raises(KeyError):
        ledger.spend("champagne", 1.0)


def test_a_reserve_is_weighed_as_it_was_and_its_costs_are_worked_out_for_a_seat():
    """The reserve's rule stops at the first room not worth holding, and its options (what
    holding each number of rooms costs) are worked out only when read: both as the whole
    weighing, room by room, gave them."""
    draws = random.Random(4)
    for _ in range(300):
        free, need = draws.randrange(0, 60), draws.uniform(0.0, 6.0)
        saving, sell = draws.uniform(0.0, 80.0), draws.uniform(0.0, 30.0)
        costs, cost, k = {0: 0.0}, 0.0, 0  # the whole weighing, as it was written
        held, tail, term = 0, 1.0 - math.exp(-need), math.exp(-need)
        while held < free:
            if held == k and tail * saving > sell:
                k += 1
            held += 1
            cost += sell - tail * saving
            costs[held] = cost
            term *= need / held
            tail -= term
        assert weigh_reserve(free, need, saving, sell, whole=False)[0] == k
        assert weigh_reserve(free, need, saving, sell) == (k, costs)
        assert dict(HoldingCosts(free, need, saving, sell)) == costs
        assert len(HoldingCosts(free, need, saving, sell)) == len(costs)
