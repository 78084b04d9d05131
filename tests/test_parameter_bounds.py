"""Every allowed value runs: each parameter at both of its bounds builds a hotel and runs it.

A bound the model cannot run (a division by a parameter that may be 0, a threshold that can
never be below its target) is a bug in the bound or in the model. Short runs on a small hotel
(with all four levers on, so that their code runs too), made just large enough where the
parameter requires it (many floors need many rooms, a long cleaning time a smaller quota).
"""

from __future__ import annotations

import math

import pytest

from model import PARAMETERS, InterLodgeModel, preset_parameters

SMALL = {"rooms": 20, "floors": 2, "receptionists": 3, "housekeepers": 2, "technicians": 1,
         "warmup_days": 3, "evaluation_period_days": 7, "rotation_period_days": 30}
RUN_DAYS = 32  # long enough for four evaluations and a rotation of managers
SATISFACTION = [f"satisfaction_{e}" for e in ("no_problem", "prevented", "resolved", "unresolved")]


def runnable(name: str, value) -> dict:
    """SMALL with `name` = `value`, and what that value needs of the others."""
    values = {**SMALL, name: value}
    staff = values["receptionists"] + values["housekeepers"] + values["technicians"]
    values["rooms"] = max(values["rooms"], values["floors"], staff + 1)
    shortest_room = values.get("stayover_minutes", 17.5) + values.get("room_overhead_minutes",
                                                                      5.0)
    shift = values.get("shift_minutes", 450.0)
    if name != "housekeeper_quota":
        values["housekeeper_quota"] = min(15, int(2 * shift // shortest_room))
    if name == "incentive_occupancy_target":
        values["incentive_occupancy_threshold"] = 0.0
    if name == "incentive_occupancy_threshold":
        values["incentive_occupancy_target"] = 1.0
    if name in SATISFACTION:  # the better experiences at the top, the worse at the bottom
        rank = SATISFACTION.index(name)
        values |= {level: 1000.0 if i < rank else 0.0
                   for i, level in enumerate(SATISFACTION) if i != rank}
    if name.startswith("return_intent_"):
        values["return_intent_delighted"] = values["return_intent_disappointed"] = value
    if name == "return_delay_min_days":
        values["return_delay_max_days"] = value + 1
    if name == "return_delay_max_days":
        values["return_delay_min_days"] = value - 1
    return values


BOUNDS = [(name, bound) for name, spec in PARAMETERS.items() if spec.kind is not bool
          for bound in (spec.low, spec.high)]


@pytest.mark.parametrize(("name", "value"), BOUNDS, ids=[f"{n}={v:g}" for n, v in BOUNDS])
def test_every_parameter_runs_at_each_bound(name, value):
    parameters = preset_parameters("all_four", runnable(name, value))
    assert parameters[name] == value
    hotel = InterLodgeModel(rng=1, **parameters)
    hotel.run_days(RUN_DAYS)
    table = hotel.daily_table()
    assert len(table) == RUN_DAYS
    for column in ("gross_margin", "occupancy", "net_revenue", "costs"):
        assert all(math.isfinite(v) or math.isnan(v) for v in table[column]), column
    assert not any(math.isinf(v) for v in table.select_dtypes("number").to_numpy().ravel())
    for share in ("occupancy", "housekeeper_report_rate", "housekeeper_check_rate"):
        assert table[share].dropna().between(0.0, 1.0).all(), share  # rates stay rates
