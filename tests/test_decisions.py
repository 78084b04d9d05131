"""Every decision of every agent, one scripted situation each (as the Axelrod library tests
its strategies): a work context set by hand, the random draws fixed, the choice and the reason
it gives asserted. The numbers in the comments are worked out from the default parameters.
"""

import random

import pytest

from agents.learning import Evaluation, rating_of
from model import InterLodgeModel
from model.building import Defect


class Draws(random.Random):
    """Randomness that answers `random()` with the scripted values, the last one repeated."""

    def __init__(self, *values: float):
        super().__init__(0)
        self.values = list(values)

    def random(self) -> float:
        return self.values.pop(0) if len(self.values) > 1 else self.values[0]


@pytest.fixture
def hotel(small_hotel):
    return InterLodgeModel(rng=11, **small_hotel)


def last(agent):
    return agent.decisions[-1]


def evening(hotel):
    """The hotel at 20:00 of its first day: maintenance has gone home."""
    while hotel.hour != 20:
        hotel.step()
    return hotel


def guest_with_defect(hotel, severe: bool):
    # a guest whose stay has gone well so far: the defect is the first thing to happen to them
    room = next(r for r in hotel.rooms
                if r.guest is not None and r.guest.experience == "no problem")
    defect = Defect(room, hotel.time, severe=severe)
    room.defects.append(defect)
    return room.guest, defect


def calm(clerk):
    """A receptionist at ease, who believes half of complaints are about unfit rooms."""
    clerk.stress = 0.0
    clerk.complaints_seen = clerk.unfit_seen = 0
    return clerk


# --- receptionists ----------------------------------------------------------------------
def test_a_guest_in_a_room_not_fit_to_sell_is_moved(hotel):
    evening(hotel)
    clerk = calm(hotel.receptionists[0])
    guest, defect = guest_with_defect(hotel, severe=True)
    old_room = guest.room
    hotel.random = Draws(0.5)
    # move 18 EUR of trouble against a rebate 64 and 'not my job' 88: the guest wants a room
    assert clerk.handle_complaint(guest, defect) == "move"
    assert guest.room is not old_room
    assert last(clerk).action == "move"
    assert "moving the guest was the least trouble for me" in last(clerk).reason


def test_an_unlikely_draw_is_told_as_a_weighing_not_as_the_cheapest(hotel, monkeypatch):
    evening(hotel)
    clerk = calm(hotel.receptionists[0])
    guest, defect = guest_with_defect(hotel, severe=False)
    monkeypatch.setattr(hotel.front_desk, "spare_room", lambda guest: None)  # the hotel is full
    hotel.random = Draws(0.999)
    # rebate 16 against 'not my job' 40: the draw lands on the rarer, dearer option
    assert clerk.handle_complaint(guest, defect) == "deflect"
    assert guest.deflected
    assert ("offering a rebate would have cost me much less, but I went for explaining that "
            "repairs are not my job this time") in last(clerk).reason


def test_a_rebate_ends_a_complaint_about_a_fit_room_when_no_room_is_free(hotel, monkeypatch):
    evening(hotel)
    clerk = calm(hotel.receptionists[0])
    guest, defect = guest_with_defect(hotel, severe=False)
    monkeypatch.setattr(hotel.front_desk, "spare_room", lambda guest: None)
    hotel.random = Draws(0.5)
    assert clerk.handle_complaint(guest, defect) == "rebate"
    assert guest.rebated and guest.experience == "unresolved"
    assert "offering a rebate was the least trouble for me" in last(clerk).reason


def test_a_complaint_about_noise_gets_a_rebate_no_call_and_no_work_order(hotel):
    while hotel.hour != 10:  # maintenance is on shift and nobody is arriving
        hotel.step()
    clerk = calm(hotel.receptionists[0])
    guest = next(r.guest for r in hotel.rooms if r.guest is not None)
    cleaner = guest.room.last_cleaned_by = hotel.housekeepers[0]
    shown = []
    rule = clerk.choose
    clerk.choose = lambda situation: shown.append(situation) or rule(situation)
    hotel.front_desk.on_duty = lambda: [clerk]
    queue = list(hotel.maintenance.queue)
    marks = hotel.ratings.bad.get(cleaner, 0)  # from earlier in the period, by the run's luck
    hotel.random = Draws(0.5)
    # a technician cannot mend the neighbours: rebate 16 EUR of trouble, a move 18 and
    # 'not my department' 40; the draw (0.5 of weights 1 + 0.72 + 0.02) lands on the rebate
    hotel.front_desk.complain(guest, None)
    assert set(shown[0].options) == {"rebate", "move", "deflect"}
    assert guest.rebated and guest.grievance is None
    assert hotel.maintenance.queue == queue  # nothing for maintenance to do
    assert hotel.ratings.bad.get(cleaner, 0) == marks  # nor housekeeping's fault
    assert hotel.tally.other_complaints == 1 and hotel.tally.rebates_given == 1
    assert last(clerk).action == "rebate"
    assert last(clerk).reason == (
        f"room {guest.room.number}, about something no repair can fix (noise, a wait, a bill): "
        "offering a rebate was the least trouble for me; moving the guest would have cost me "
        "a little more")


def test_a_noisy_night_in_a_full_hotel_ends_in_not_my_department_when_the_draw_says_so(
        hotel, monkeypatch):
    evening(hotel)
    clerk = calm(hotel.receptionists[0])
    guest = next(r.guest for r in hotel.rooms if r.guest is not None)
    monkeypatch.setattr(hotel.front_desk, "spare_room", lambda guest: None)
    hotel.random = Draws(0.999)
    assert clerk.handle_complaint(guest, None) == "deflect"
    assert guest.deflected and guest.experience == "unresolved"
    assert last(clerk).reason.endswith(
        "offering a rebate would have cost me much less, but I went for explaining that it "
        "is not my department this time")


def test_guests_come_down_about_other_things_once_an_evening_at_the_rate(small_hotel):
    never = InterLodgeModel(rng=3, **small_hotel, other_complaint_rate=0.0)
    always = InterLodgeModel(rng=3, **small_hotel, other_complaint_rate=1.0)
    for model in (never, always):
        model.run_days(3)
    assert sum(row["other_complaints"] for row in never.rows) == 0
    # every guest back in the room once an evening complains, even after being moved
    for row in always.rows:
        assert row["other_complaints"] == pytest.approx(row["rooms_sold"], abs=8)
        assert row["other_complaints"] <= row["evening_complaints"] <= row["complaints"]


def test_the_reserve_covers_the_guests_expected_to_need_another_room(hotel):
    clerk = calm(hotel.receptionists[0])
    clerk.expected_evening_complaints = 3.0
    # half of complaints believed about unfit rooms: a room kept free spares 0.5 x 46 = 23 EUR
    # of trouble; a sale is worth 4; hold while P(N >= k) x 23 > 4 with N ~ Poisson(3): k = 5
    assert clerk.hold_rooms_in_reserve(free_rooms=20) == 5
    assert last(clerk).reason.startswith("hold 5: I expect about 3.0 guests tonight who may "
                                         "need another room, 50% of them in rooms not fit")
    assert clerk.hold_rooms_in_reserve(free_rooms=3) == 3


def test_training_eases_rebates_but_rooms_not_fit_to_sell_keep_a_reserve(small_hotel):
    trained = InterLodgeModel(rng=11, **(small_hotel | {"training": True}))
    clerk = calm(trained.receptionists[0])
    clerk.trained = True
    clerk.expected_evening_complaints = 3.0
    # unfit rooms: a trained rebate still leaves a guest who insists (41 EUR saved by a move)
    assert clerk.hold_rooms_in_reserve(free_rooms=20) == 4


def test_no_reserve_when_nobody_is_expected_to_need_a_room(hotel):
    clerk = calm(hotel.receptionists[0])
    clerk.expected_evening_complaints = 0.0
    assert clerk.hold_rooms_in_reserve(free_rooms=20) == 0
    assert "but a sale weighs more with me" in last(clerk).reason


def test_late_arrivals_are_sold_only_the_rooms_beyond_the_reserve(hotel):
    clerk = hotel.receptionists[0]
    clerk.reserve = 2
    assert not clerk.sell_to_late_arrival(free_rooms=2)
    assert last(clerk).action == "turn away late arrival"
    assert last(clerk).reason == ("only 2 free rooms and I keep 2 back for guests who may need "
                                  "another room tonight")
    assert clerk.sell_to_late_arrival(free_rooms=3)


def test_a_discount_is_conceded_when_refusing_weighs_more(hotel):
    clerk = calm(hotel.receptionists[0])
    hotel.random = Draws(0.9)  # the guest does not ask
    assert not clerk.concede_discount()
    # refusing: 0.12 x 40 + 0.3 x 4 = 6 EUR; holding the rate is worth 4: concede 58% of draws
    hotel.random = Draws(0.1, 0.01)
    assert clerk.concede_discount()
    assert last(clerk).action == "give discount"
    assert last(clerk).reason == ("the guest asked for a discount; refusing him would be a "
                                  "confrontation, which weighs more with me than holding the "
                                  "rate")
    hotel.random = Draws(0.1, 0.99)
    assert not clerk.concede_discount()
    assert last(clerk).action == "hold the rate"
    assert "but this time I went the other way" in last(clerk).reason


# --- housekeepers ------------------------------------------------------------------------
def test_a_housekeeper_checks_as_often_as_her_evaluations_taught_her(hotel):
    maid, room = hotel.housekeepers[0], hotel.rooms[0]
    maid.check_propensity = 0.3
    hotel.random = Draws(0.1)
    assert maid.decide_to_check(room, slack=30.0, now=hotel.time)
    assert last(maid).reason == (f"room {room.number}: 30 min of slack, and I check about 30% "
                                 "of rooms, as my evaluations have taught me")
    hotel.random = Draws(0.5)
    assert not maid.decide_to_check(room, slack=30.0, now=hotel.time)
    assert "my evaluations have not rewarded checks enough" in last(maid).reason
    hotel.random = Draws(0.2)  # no slack left: half as likely, 0.15 < 0.2
    assert not maid.decide_to_check(room, slack=1.0, now=hotel.time)
    assert last(maid).reason == f"room {room.number}: only 1 min of slack left for my quota"


def test_a_housekeeper_reports_what_she_sees_as_her_evaluations_taught_her(hotel):
    maid, room = hotel.housekeepers[0], hotel.rooms[0]
    maid.report_propensity = 0.6
    hotel.random = Draws(0.5)
    assert maid.decide_to_report(room, slack=20.0, now=hotel.time)
    assert last(maid).action == "report defect"
    hotel.random = Draws(0.5)  # without slack for the 6 minutes: 0.3 < 0.5
    assert not maid.decide_to_report(room, slack=2.0, now=hotel.time)
    assert last(maid).reason == (f"room {room.number}: a report costs 6 min against my quota; "
                                 "I report only about 60% of what I see")


# --- technicians -------------------------------------------------------------------------
def open_order(hotel, hours_ago: float):
    room = hotel.rooms[1]
    defect = Defect(room, hotel.time - hours_ago)
    room.defects.append(defect)
    return hotel.maintenance.open_work_order(defect, "housekeeping", hotel.time - hours_ago)


def test_a_technician_takes_an_old_order_before_planned_work(hotel):
    tech = hotel.technicians[0]
    tech.responsiveness = 0.1
    order = open_order(hotel, hours_ago=36.0)
    hotel.random = Draws(0.3)  # waited 36 h of a 72 h standard: pressure 0.5 > 0.3
    assert tech.choose_next_job(hotel.time) is order
    assert last(tech).reason.startswith(f"room {order.room.number}: the order has waited 36 h")
    hotel.random = Draws(0.6)
    assert tech.choose_next_job(hotel.time) is None
    assert "planned work keeps my count of orders closed up" in last(tech).reason



def test_maintenance_takes_the_oldest_waiting_order_or_first_a_guests(hotel):
    maintenance, now = hotel.maintenance, hotel.time
    maintenance.queue.clear()
    rooms = hotel.rooms[2:6]
    for room in rooms:
        room.guest = None
    # reported out of order, as housekeepers report from their whole shift at its start
    later, empty, occupied, oldest = (
        maintenance.open_work_order(Defect(room, at), "housekeeping", at)
        for room, at in zip(rooms, (now + 2.0, now - 5.0, now - 3.0, now - 8.0), strict=True))
    rooms[2].guest = "a guest"  # only whether someone stays matters here
    manager = hotel.manager_of("maintenance")
    manager.days_in["front office"] = 0.0  # knows nothing of what guests go through
    assert maintenance.next_work_order(now) is oldest
    manager.days_in["front office"] = 1e6
    hotel.random = Draws(0.5)  # 0.5 < knowing the front office (1): guests first
    assert maintenance.next_work_order(now) is occupied
    rooms[2].guest = None
    assert maintenance.next_work_order(now) is oldest
    assert maintenance.next_work_order(now - 9.0) is None  # none reported yet
    for order in (oldest, empty, occupied):
        maintenance.queue.remove(order)
    assert maintenance.next_work_order(now) is None  # the last one is found later today
    assert maintenance.next_work_order(now + 2.0) is later

def test_a_technician_answers_reception_as_readily_as_evaluations_taught(hotel):
    tech = hotel.technicians[0]
    tech.responsiveness = 0.4
    order = open_order(hotel, hours_ago=0.0)
    hotel.random = Draws(0.7)
    assert not tech.answer_call(order)
    assert last(tech).reason == (f"room {order.room.number}: a call costs 20 extra minutes and "
                                 "my score counts orders closed; I go at once only about 40% "
                                 "of the time")
    hotel.random = Draws(0.2)
    assert tech.answer_call(order)
    assert not order.defect.open and tech.record.calls_answered == 1


def test_a_technician_knows_what_reception_s_next_good_mark_is_worth(small_hotel):
    hotel = InterLodgeModel(rng=11, **(small_hotel | {"cross_evaluation": True}))
    tech = hotel.technicians[0]
    tech.responsiveness = 0.4
    hotel.ratings.clear()
    for _ in range(9):
        hotel.ratings.praise(tech)
    hotel.ratings.blame(tech)
    order = open_order(hotel, hours_ago=0.0)
    hotel.random = Draws(0.7)
    assert not tech.answer_call(order)
    # weight 0.5 x (rating 11/13 against 10/12): one more good mark adds 0.006
    assert last(tech).reason == (f"room {order.room.number}: a call costs 20 extra minutes and "
                                 "my score counts orders closed; I go at once only about 40% "
                                 "of the time; reception has given me 9 good and 1 bad marks "
                                 "this period: one more good mark adds 0.006 to my score")


# --- managers ----------------------------------------------------------------------------
def test_a_manager_weighs_evening_cover_from_the_daily_reports(hotel):
    manager = hotel.manager_of("maintenance")
    reports = {"evening_cover": 0, "evening_complaints": 3, "repairs_on_complaint": 1,
               "complaints": 4, "other_complaints": 0, "rebates": 150.0,
               "cost_extra_cleaning": 20.0}
    hotel.rows = [reports] * 30
    assert not manager.arrange_evening_cover()  # knows nothing of the front desk
    assert "cover would save 0 EUR against its 60 EUR fee" in last(manager).reason
    manager.days_in["front office"] = 365.0
    # 3 complaints an evening x 31/32 answered by day x (170 / 4 + 40) EUR = 240 > 60
    assert manager.arrange_evening_cover()
    assert last(manager).action == "arrange evening cover"
    assert last(manager).reason == ("3.0 complaints an evening of late, 97% of calls answered: "
                                    "as far as I know the front desk, cover would save 239 EUR "
                                    "against its 60 EUR fee")
    hotel.rows = [reports | {"repairs_on_complaint": 0}] * 30
    assert not manager.arrange_evening_cover()  # nobody answers calls: revised


def test_evening_cover_is_not_bought_for_complaints_no_technician_mends(hotel):
    manager = hotel.manager_of("maintenance")
    manager.days_in["front office"] = 365.0
    defects = {"evening_cover": 0, "evening_complaints": 1, "repairs_on_complaint": 1,
               "complaints": 2, "other_complaints": 0, "rebates": 60.0,
               "cost_extra_cleaning": 0.0}
    hotel.rows = [defects] * 30
    # 1 complaint an evening x 31/32 answered x (30 + 40) EUR = 68 > 60: worth it
    assert manager.arrange_evening_cover()
    # the same, plus a noisy neighbour every evening: still one defect an evening to mend,
    # and each complaint's rebates now 20 EUR, so cover would save 58: not worth its fee
    hotel.rows = [defects | {"evening_complaints": 2, "complaints": 3, "other_complaints": 1}
                  ] * 30
    assert not manager.arrange_evening_cover()
    assert last(manager).reason.startswith("1.0 complaints an evening of late, 97% of calls")


def test_quota_slack_follows_the_defects_that_came_to_light(hotel):
    manager = hotel.manager_of("housekeeping")
    hotel.rows = [{"defects_found_by_guests": 2, "defects_found_by_housekeeping": 1,
                   "rooms_sold": 60}] * 30
    assert manager.grant_quota_slack() == 0.0  # an insider of housekeeping alone
    manager.days_in["front office"] = manager.days_in["maintenance"] = 1e6
    # 15 rooms x (2 min + 0.05 defects x 6 min) / 28.75 min a room = 1.2 rooms
    assert manager.grant_quota_slack() == pytest.approx(15 * 2.3 / 28.75)
    assert "0.05 defects a room that came to light" in last(manager).reason


def test_housekeepers_are_rostered_to_the_rooms_to_clean_at_the_quota(hotel):
    manager = hotel.manager_of("housekeeping")  # the small hotel has 3 housekeepers
    assert manager.roster_housekeepers(29, 15.0) == 2  # 1.9 shifts of work
    assert last(manager).action == "roster housekeepers"
    assert last(manager).reason == "29 rooms to clean at 15.0 rooms a shift: 2 housekeepers of 3"
    assert manager.roster_housekeepers(29, 12.0) == 2  # slack granted: 2.4 shifts
    assert manager.roster_housekeepers(34, 12.0) == 3  # 2.8 shifts
    assert manager.roster_housekeepers(100, 15.0) == 3  # nobody else to call in
    assert manager.roster_housekeepers(2, 15.0) == 1


def test_the_evening_desk_is_rostered_to_the_bookings(hotel):
    manager = hotel.manager_of("front office")  # the small hotel has 3 receptionists
    assert manager.roster_evening_desk(31, 1) == 3  # 31 / 15 a receptionist, rounded up
    assert last(manager).action == "roster the evening desk"
    assert last(manager).reason == ("31 arrivals booked for tonight at 15 a receptionist: 3 on "
                                    "the evening shift")
    assert manager.roster_evening_desk(16, 1) == 2
    assert manager.roster_evening_desk(4, 1) == 1
    assert manager.roster_evening_desk(4, 2) == 2  # never below the round-the-clock cover
    assert manager.roster_evening_desk(80, 1) == 3  # nobody else to call in


def test_the_desk_is_paid_for_the_shifts_it_rosters(hotel):
    hotel.run_days(5)
    desk = hotel.front_desk
    evening = len(desk.roster["evening"])
    assert desk.paid_shifts() == 2 + evening  # a morning and a night receptionist besides
    assert hotel.daily_table()["cost_reception_wages"].iloc[-1] == pytest.approx(
        desk.paid_shifts() * hotel.p.receptionist_wage)


def test_evaluation_weighs_reception_rating_only_under_cross_evaluation(small_hotel):
    for cross, expected_weight in ((False, 0.0), (True, 0.5)):
        hotel = InterLodgeModel(rng=11, **(small_hotel | {"cross_evaluation": cross}))
        maid, manager = hotel.housekeepers[0], hotel.manager_of("housekeeping")
        hotel.ratings.clear()
        maid.record.shifts, maid.record.minutes = 10, 4500.0
        hotel.ratings.praise(maid)
        evaluation = manager.evaluate(maid, hotel.ratings)
        assert evaluation.weight == expected_weight
        assert evaluation.score == pytest.approx((1 - expected_weight) * 1.0
                                                 + expected_weight * rating_of(1, 0))


def test_a_technician_answers_less_once_the_last_good_mark_no_longer_pays_its_walk(hotel):
    tech = hotel.technicians[0]
    tech.record.shifts, tech.record.orders_closed = 20, 300
    tech.record.cooperation_minutes = 20 * 20.0  # twenty calls, a 20 min walk each
    own = tech.productivity()
    # twenty calls answered, one declined, weight 0.3: the last good mark adds
    # 0.3 x (21/23 - 20/22) = 0.0012; twenty of them 0.024, against the walks' 0.7 x 0.037
    tech.responsiveness = 0.9
    tech.learn_from(Evaluation(0.8, own, rating_of(20, 1), 20, 1, 0.3, 0.0))
    assert tech.responsiveness < 0.9
    assert "20 good marks from reception, the last adding 0.001 to my score, gave 0.024" in (
        tech.lessons[-1].reason)
    # the same walks for five calls answered of twenty: each good mark still counts
    tech.record.shifts, tech.record.orders_closed = 20, 300
    tech.record.cooperation_minutes = 5 * 20.0
    tech.responsiveness = 0.25
    tech.learn_from(Evaluation(0.8, tech.productivity(), rating_of(5, 15), 5, 15, 0.3, 0.0))
    assert tech.responsiveness > 0.25


def test_learning_counts_each_good_turn_once(hotel):
    maid = hotel.housekeepers[0]
    maid.report_propensity = 0.5
    maid.record.shifts, maid.record.minutes, maid.record.report_minutes = 10, 4500.0, 30.0
    # two reports thanked, one complaint: the rating owes 3/5 - 1/3 to the two good turns
    maid.learn_from(Evaluation(0.8, 1.0, rating_of(2, 1), 2, 1, 0.5, 0.0))
    assert maid.report_propensity > 0.5
    assert "reception's rating gave 0.133" in maid.lessons[-1].reason


# --- guests ------------------------------------------------------------------------------
def test_guests_rate_a_stay_by_the_worst_that_happened(small_hotel):
    hotel = InterLodgeModel(rng=11, **(small_hotel | {"satisfaction_noise": 0.0}))
    guest, _ = guest_with_defect(hotel, severe=False)
    assert guest.rate_stay() == 781.0
    guest.live_through("resolved")
    guest.live_through("prevented")  # not worse than resolved: forgotten
    assert guest.rate_stay() == 705.0
    guest.live_through("unresolved")
    guest.rebated = True
    assert guest.rate_stay() == 582.0 + 35.0
    hotel.random = Draws(0.9)
    assert not guest.decide_to_complain()  # 85% of guests who find a defect say so
