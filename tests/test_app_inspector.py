"""The inspector's words: posts and shifts, one decision per situation, plain actions."""

from conftest import SMALL_HOTEL

from app_components.hotel_state import HotelSettings, Simulation
from app_components.inspector import decisions_table, one_per_situation
from app_components.staff_posts import post, staff_by_post


def test_every_staff_member_has_a_post_and_receptionists_their_desk_shift():
    simulation = Simulation((HotelSettings("baseline", 2, SMALL_HOTEL),))
    simulation.advance(24 + 20)  # day 1, 20:00: the evening desk is on duty
    model = simulation.model
    labels = list(staff_by_post(model))
    assert len(labels) == len(model.staff())
    evening = [r for r in model.receptionists if "evening desk (15:00-23:00), on duty now"
               in post(model, r)]
    assert evening and all(r in model.front_desk.on_duty() for r in evening)
    assert labels[0].startswith("Receptionist")  # the desk first, by shift
    assert all(post(model, m).startswith("manager of ") for m in model.managers.values())


def test_one_decision_per_situation_keeps_what_was_done_in_the_end():
    decisions = [  # newest first, as the model lists them
        {"when": "day 8 11:40", "action": "repair", "reason": "room 213: the order waited"},
        {"when": "day 8 11:01", "action": "planned work first", "reason": "room 213 can wait"},
        {"when": "day 8 11:00", "action": "planned work first", "reason": "room 214 can wait"},
        {"when": "day 8 10:01", "action": "planned work first", "reason": "room 213 can wait"},
    ]
    assert [d["when"] for d in one_per_situation(decisions)] == [
        "day 8 11:40", "day 8 11:00", "day 8 10:01"]


def test_decisions_are_said_in_plain_words():
    table = decisions_table([{"when": "day 1 21:00", "action": "deflect",
                              "reason": "move 27 EUR, rebate 38 EUR, deflect 59 EUR"}])
    assert "tell the guest it is not my department" in table
    assert "deflect" not in table
