"""The app's per-session state: settings from the controls and the address, and Simulation."""

import threading

import pytest

from app_components.controls import draft_from, settings_from
from app_components.hotel_state import (
    HotelSettings,
    Simulation,
    parse_seed,
    settings_from_query,
)
from app_components.presence import Presence
from app_components.session_limits import fastest_speed, staff_for
from model import ParameterError

SMALL = {"rooms": 20, "floors": 2, "receptionists": 3, "housekeepers": 2, "technicians": 1,
         "warmup_days": 5}


def test_settings_from_the_address_are_typed_and_validated():
    settings = settings_from_query("preset=redesign&seed=3&rooms=120&cross_evaluation_weight=0.8")
    assert settings == HotelSettings("redesign", 3, {
        "rooms": 120, "cross_evaluation_weight": 0.8,
        "receptionists": 8, "housekeepers": 10, "technicians": 2})  # staff grow with rooms
    assert settings_from_query("") == HotelSettings()
    assert settings_from_query("rooms=1000&housekeepers=90").overrides == {
        "rooms": 1000, "receptionists": 70, "housekeepers": 90, "technicians": 20}


@pytest.mark.parametrize(("search", "message"), [
    ("preset=nonsense", "unknown preset 'nonsense'"),
    ("rooms=5000", "rooms: '5000' is out of range"),
    ("rooms=many", "rooms: 'many' is not a number"),
    ("seed=-1", "seed: -1 is out of range"),
    ("colour=red", "unknown setting 'colour' in the address"),
    ("rooms=1000&warmup_days=3650", "warmup_days: 3650 days for 1000 rooms is more than the "
                                    r"app allows one session \(at most 150 days"),
])
def test_bad_address_values_raise_one_line(search, message):
    with pytest.raises(ParameterError, match=message) as error:
        settings_from_query(search)
    assert "\n" not in str(error.value)


def test_parse_seed():
    assert parse_seed(" 42 ") == 42
    with pytest.raises(ParameterError, match="not a whole number"):
        parse_seed("4.5")


def test_lever_changes_are_named_in_the_label():
    settings = HotelSettings("redesign", 2, {"training": True, "rotation": False})
    assert settings.label() == "redesign + training - rotation, seed 2"
    assert settings.with_preset("baseline") == HotelSettings("baseline", 2)


def test_restructuring_is_a_lever_like_the_others():
    """Attempt 1's lever: named in the label, dropped by another preset, in the controls'
    draft and the address, and it gets a no-lever twin."""
    settings = HotelSettings("baseline", 4, {"restructuring": True, "role_clarity": 0.6})
    assert settings.label() == "baseline + restructuring, seed 4"
    assert settings.with_preset("redesign") == HotelSettings("redesign", 4, {"role_clarity": 0.6})
    draft = draft_from(HotelSettings("attempt1_2"))
    assert draft["restructuring"] is True and draft["incentives"] is True
    assert settings_from({**draft, "restructuring": False}).label() == (
        "attempt1_2 - restructuring, seed 0")
    assert settings_from_query("preset=baseline&restructuring=true").overrides == {
        "restructuring": True}
    attempt1 = Simulation((HotelSettings("attempt1", 1, SMALL),), ghost=True)
    assert attempt1.ghost is not None and not attempt1.ghost.p.restructuring


def test_the_controls_draft_round_trips_and_keeps_only_changes():
    settings = HotelSettings("attempt2", 5, {"rooms": 80, "training": False})
    draft = draft_from(settings)
    assert draft["rooms"] == "80" and draft["training"] is False
    assert settings_from(draft) == settings
    with pytest.raises(ParameterError, match="housekeepers: 'x' is not a number"):
        settings_from({**draft, "housekeepers": "x"})


def test_simulation_builds_lazily_steps_and_resets():
    simulation = Simulation((HotelSettings("baseline", 1, SMALL),
                             HotelSettings("redesign", 1, SMALL)))
    assert simulation._models is None  # nothing built until a view needs it
    simulation.advance(30)
    assert [(m.day, m.hour) for m in simulation.models] == [(1, 6), (1, 6)]
    assert simulation.version.value == 1
    simulation.pending.value = (HotelSettings("all_four", 2, SMALL),) * 2
    assert simulation.has_pending_changes()
    simulation.reset()
    assert simulation.model.time == simulation.models[1].time  # both restarted together
    assert (simulation.model.day, simulation.model.hour) == (0, 0)
    assert simulation.settings[0].preset == "all_four"
    assert not simulation.has_pending_changes()
    assert simulation.generation.value == 1


def test_same_seed_same_hotel():
    first, second = (Simulation((HotelSettings("baseline", 7, SMALL),)) for _ in range(2))
    for simulation in (first, second):
        simulation.advance(24 * 3)
    assert first.model.rows == second.model.rows


def test_a_batch_of_steps_stops_at_its_time_budget_and_when_told():
    simulation = Simulation((HotelSettings("baseline", 1, SMALL),))
    assert simulation.advance(10_000, budget=0.05) < 10_000  # the budget, not the hours
    stop = threading.Event()
    stop.set()
    assert simulation.advance(100, stop=stop) == 1  # a Pause is answered after one hour


def test_speed_is_capped_by_the_hotel_size():
    speeds = (6, 24, 72, 168, 720)
    assert fastest_speed(100, speeds) == 720
    assert fastest_speed(1000, speeds) == 168
    assert staff_for(1000) == {"receptionists": 70, "housekeepers": 80, "technicians": 20}
    assert staff_for(10) == {"receptionists": 3, "housekeepers": 1, "technicians": 1}


def test_a_hidden_page_pauses_after_the_set_time(monkeypatch):
    presence = Presence()
    assert presence.absent_reason() is None  # rendered outside a server: present
    presence.set_hidden(True)
    assert presence.absent_reason() is None
    monkeypatch.setattr("app_components.presence.HIDDEN_PAUSE_SECONDS", 0.0)
    assert presence.absent_reason() == "the page was hidden for 0 s"
    presence.set_hidden(False)
    assert presence.absent_reason() is None
