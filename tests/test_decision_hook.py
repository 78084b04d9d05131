"""Every staff decision goes through `choose`: a seat (a workshop participant) can take it.

With no seat, or a seat that never answers, the hotel runs exactly as its agents decide; a
seat's answers change what happens in the hotel, decision kind by decision kind.
"""

import pytest

from model import InterLodgeModel, Situation

DAYS = 20  # long enough for every kind of decision to come up (a call needs a daytime complaint)


def hotel(small_hotel, **levers):
    return InterLodgeModel(rng=5, **(small_hotel | levers))


def seat_everyone(model, seat):
    for member in model.staff():
        model.attach_seat(member.unique_id, seat)


class Recorder:
    """A seat that answers `answers[kind]` (or nothing, leaving the agent's rule) and keeps
    every situation it was shown."""

    def __init__(self, **answers):
        self.answers = answers
        self.seen: list[tuple[object, Situation]] = []

    def __call__(self, member, situation):
        self.seen.append((member, situation))
        return self.answers.get(situation.kind.replace(" ", "_"))

    def kinds(self):
        return {situation.kind for _, situation in self.seen}


def test_a_seat_that_never_answers_leaves_the_run_unchanged(small_hotel):
    alone = hotel(small_hotel)
    alone.run_days(DAYS)
    seated = hotel(small_hotel)
    recorder = Recorder()
    seat_everyone(seated, recorder)
    seated.run_days(DAYS)
    assert seated.daily_table().equals(alone.daily_table())
    assert recorder.kinds() >= {"complaint", "reserve", "late arrival", "discount", "shift",
                                "check", "work order", "call", "quota slack", "evening cover"}
    reasons = [d.reason for m in seated.staff() for d in m.decisions]
    assert any(r.startswith("decided for you: ") for r in reasons)


def test_every_situation_offers_its_default_with_a_cost(small_hotel):
    model = hotel(small_hotel)
    recorder = Recorder()
    seat_everyone(model, recorder)
    model.run_days(3)
    for member, situation in recorder.seen:
        if situation.kind == "shift":  # the shift's rooms and their minutes, to plan
            assert situation.default is None
            assert set(situation.options) <= {room.number for room in model.rooms}
            assert situation.options and all(m > 0 for m in situation.options.values())
            continue
        assert situation.default in situation.options, situation
        assert all(isinstance(cost, float) for cost in situation.options.values())
        assert member.seat is recorder


def test_complaints_end_as_the_desk_decides(small_hotel):
    model = hotel(small_hotel)
    for clerk in model.receptionists:
        model.attach_seat(clerk.unique_id, Recorder(complaint="deflect"))
    model.run_days(DAYS)
    table = model.daily_table()
    assert table.complaints.sum() > 0
    assert (table.deflections == table.complaints).all()


def test_the_evening_desk_holds_what_the_seat_says(small_hotel):
    model = hotel(small_hotel)
    seat_everyone(model, Recorder(reserve=0, late_arrival="sell", discount="hold the rate"))
    model.run_days(DAYS)
    table = model.daily_table()
    assert (table.held_rooms == 0).all()
    assert table.discounts_given.sum() == 0
    refusing = hotel(small_hotel)
    seat_everyone(refusing, Recorder(late_arrival="turn away late arrival",
                                     discount="give discount"))
    refusing.run_days(DAYS)
    assert refusing.daily_table().discounts_given.sum() == 0  # nobody late gets in at all
    assert refusing.daily_table().late_arrivals_turned_away.sum() > table[
        "late_arrivals_turned_away"].sum()


def test_housekeepers_check_and_report_as_the_seat_says(small_hotel):
    careful = hotel(small_hotel)
    seat_everyone(careful, Recorder(check="check equipment", report="report defect"))
    recorder = careful.housekeepers[0].seat
    careful.run_days(DAYS)
    assert "report" in recorder.kinds()
    table = careful.daily_table()
    assert (table.housekeeper_check_rate == 1.0).all()
    assert table.defects_found_by_housekeeping.sum() > 0
    careless = hotel(small_hotel)
    seat_everyone(careless, Recorder(check="skip check"))
    careless.run_days(DAYS)
    table = careless.daily_table()
    assert (table.housekeeper_check_rate == 0.0).all()
    assert table.defects_found_by_housekeeping.sum() == 0


def test_maintenance_works_as_the_seat_says(small_hotel):
    model = hotel(small_hotel)
    seat_everyone(model, Recorder(work_order="planned work first",
                                  call="finish planned work"))
    model.run_days(DAYS)
    table = model.daily_table()
    assert table.repairs.sum() == 0
    assert table.repairs_on_complaint.sum() == 0


def test_managers_set_slack_and_cover_as_the_seat_says(small_hotel):
    model = hotel(small_hotel)
    seat_everyone(model, Recorder(quota_slack=3.0, evening_cover="arrange evening cover"))
    model.run_days(3)
    assert model.housekeeping.quota == small_hotel.get("housekeeper_quota", 15) - 3.0
    assert (model.daily_table().evening_cover == 1).all()


def test_an_answer_that_is_not_an_option_is_refused(small_hotel):
    model = hotel(small_hotel)
    seat_everyone(model, Recorder(complaint="shout"))
    with pytest.raises(ValueError, match="'shout' is not an option of complaint"):
        model.run_days(DAYS)


def test_a_seat_can_be_given_back_and_unknown_staff_are_refused(small_hotel):
    model = hotel(small_hotel)
    clerk = model.receptionists[0]
    model.attach_seat(clerk.unique_id, Recorder())
    model.attach_seat(clerk.unique_id, None)
    assert clerk.seat is None
    with pytest.raises(ValueError, match="no staff member"):
        model.attach_seat(10**9, Recorder())


def test_the_log_says_who_decided(small_hotel):
    model = hotel(small_hotel)
    seat_everyone(model, Recorder(evening_cover="no evening cover"))
    model.run_days(2)
    manager = model.manager_of("maintenance")
    newest = list(manager.decisions)[-2:]  # one a day since the seat was taken
    assert [d.action for d in newest] == ["no evening cover"] * 2
    assert all(d.reason.startswith("no evening cover chosen in this seat; my rule: ")
               for d in newest)
