"""Workshop rooms without a browser: seats, questions and answers, time-outs, rounds, the
debrief, the download, isolation between rooms and closing idle rooms."""

import contextlib
import io
import threading
import time

import pandas as pd
import pytest

from app_components.workshop import registry
from app_components.workshop import room as room_module
from app_components.workshop.debrief import choice_table, outcomes, shifts
from app_components.workshop.decisions import BY_PERSON, BY_RULE, csv_bytes, parquet_bytes
from app_components.workshop.seating import SeatingError, clean_name


@pytest.fixture
def open_room(small_hotel):
    opened = []

    def make(presets=("baseline", "redesign"), timeout=0.5, round_days=2, **parameters):
        room = registry.open_room(list(presets), seed=3, timeout=timeout, pace=24,
                                  parameters=small_hotel | parameters, round_days=round_days)
        room.pace = 1000  # as fast as the hotel goes (not an instructor's choice)
        opened.append(room)
        return room
    yield make
    for room in opened:
        registry.close_room(room.code)


def seat_of(room, role):
    return next(s.member_id for s in room.seats if s.role == role)


def answer_everything(room, token, pick, stop):
    """A participant who answers each question of their seat with `pick(situation)`."""
    while not stop.is_set():
        person = room.participant(token)
        question = room.questions.get(person.seat) if person else None
        if question is not None:
            with contextlib.suppress(SeatingError):
                room.answer(token, question.id, pick(question.situation))
        time.sleep(0.01)


def play_round(room):
    room.set_playing(True)
    deadline = time.monotonic() + 120
    while not room.round_over and time.monotonic() < deadline:
        time.sleep(0.05)
    assert room.round_over


def test_people_decide_and_silence_leaves_it_to_the_rule(open_room):
    room = open_room()
    ann, bob = room.join("Ann"), room.join("Bob")
    room.take_seat(ann, seat_of(room, "receptionist"))
    # Bob never answers (the maintenance manager decides on evening cover daily)
    room.take_seat(bob, room.model.manager_of("maintenance").unique_id)
    stop = threading.Event()
    helper = threading.Thread(target=answer_everything, args=(
        room, ann, lambda s: "deflect" if "deflect" in s.options else next(iter(s.options)),
        stop), daemon=True)
    helper.start()
    try:
        play_round(room)
    finally:
        stop.set()
    records = room.records
    anns = [r for r in records if r.participant == "Ann"]
    bobs = [r for r in records if r.participant == "Bob"]
    assert anns and all(r.decided_by == BY_PERSON for r in anns)
    assert all(r.choice == "deflect" for r in anns if r.kind == "complaint")
    assert bobs and all(r.decided_by == BY_RULE and r.choice == r.rule_choice for r in bobs)
    assert room.participant(bob).missed >= 2  # away: the hotel stopped waiting for him


def test_the_next_round_keeps_the_seats_and_the_debrief_compares(open_room):
    room = open_room(housekeepers=1)  # the seated housekeeper works a shift in every round
    ann = room.join("Ann")
    member = seat_of(room, "housekeeper")
    room.take_seat(ann, member)
    stop = threading.Event()
    pick = {"shift": lambda s: (list(s.options), True)}
    threading.Thread(target=answer_everything, args=(
        room, ann, lambda s: pick.get(s.kind, lambda s: next(iter(s.options)))(s), stop),
        daemon=True).start()
    try:
        play_round(room)
        room.next_round()
        assert room.round.preset == "redesign" and room.model.staff()
        assert next(m for m in room.model.staff() if m.unique_id == member).seat is not None
        play_round(room)
    finally:
        stop.set()
    choices = choice_table(room.records)
    checks = choices[choices["choice"] == "rooms checked"]
    assert list(checks["round"]) == [1, 2] and (checks["people"] == 1.0).all()
    assert (checks["rule"] < 1.0).all()  # the rule would not have checked every room
    assert list(shifts(choices).columns) == ["round 1", "round 2"]
    room.end_workshop()
    results = outcomes(room.tables, [r.preset for r in room.plan])
    assert list(results["preset"]) == ["baseline", "redesign"]
    assert (results["days"] == 2).all()


def test_the_download_holds_every_decision(open_room):
    room = open_room()
    ann = room.join("Ann <b>")
    room.take_seat(ann, None)
    play_round(room)  # Ann never answers: the rule decides, and that is recorded too
    assert room.records
    table = pd.read_csv(io.BytesIO(csv_bytes(room.records)))
    assert len(table) == len(room.records)
    assert {"participant", "seat", "round", "kind", "options", "choice", "rule_choice",
            "seconds"} <= set(table.columns)
    assert table["participant"].eq("Ann <b>").all()
    assert pd.read_parquet(io.BytesIO(parquet_bytes(room.records))).equals(
        pd.read_parquet(io.BytesIO(parquet_bytes(room.records))))
    assert len(pd.read_parquet(io.BytesIO(parquet_bytes(room.records)))) == len(table)


def test_seats_and_answers_belong_to_their_participant(open_room):
    room = open_room()
    ann, bob = room.join("Ann"), room.join("Bob")
    member = room.take_seat(ann, None)
    with pytest.raises(SeatingError, match="is taken"):
        room.take_seat(bob, member)
    with pytest.raises(SeatingError, match="taken in this room"):
        room.join(" ann ")
    with pytest.raises(SeatingError, match="unknown participant"):
        room.take_seat("not-a-token", None)
    room.set_playing(True)
    deadline = time.monotonic() + 60
    while member not in room.questions and time.monotonic() < deadline:
        time.sleep(0.01)
    question = room.questions[member]
    with pytest.raises(SeatingError, match="no longer open"):  # Bob has no seat
        room.answer(bob, question.id, next(iter(question.situation.options)))
    room.set_playing(False)


def test_names_are_checked():
    assert clean_name("  Ann   Lee ") == "Ann Lee"
    for bad, message in (("", "type a name"), ("x" * 25, "at most 24"),
                         ("a\x00b", "control characters")):
        with pytest.raises(SeatingError, match=message):
            clean_name(bad)


def test_rooms_are_apart_and_idle_rooms_close(open_room):
    first, second = open_room(), open_room()
    assert first.code != second.code and first.token != second.token
    assert registry.find_room(first.code.lower()) is first
    first.join("Ann")
    assert not second.participants
    assert not registry.is_instructor(first, second.token)
    assert registry.is_instructor(first, first.token)
    first.last_activity -= first.idle_seconds + 1
    assert registry.close_idle() == [first.code]
    assert registry.find_room(first.code) is None
    assert first.closed and first.model is None and not first.participants
    assert not first._thread.is_alive()
    assert registry.find_room(second.code) is second


def test_bad_room_settings_are_refused():
    with pytest.raises(ValueError, match="unknown preset 'nonsense'"):
        registry.open_room(["baseline", "nonsense"])
    with pytest.raises(ValueError, match="1 to 6 rounds"):
        registry.open_room([])


def wait_for_question(room, member, seconds=60):
    deadline = time.monotonic() + seconds
    while member not in room.questions and time.monotonic() < deadline:
        time.sleep(0.01)
    return room.questions.get(member)


@pytest.mark.parametrize("switch", ["next_round", "end_workshop"])
def test_a_round_switched_mid_question_leaves_the_old_hotel_silent(open_room, switch,
                                                                   monkeypatch):
    # the housekeeping manager is asked the day's quota slack, then at once the roster: the
    # instructor switches while the first is open. The withdrawn question is off the pages
    # at once, even if the hotel thread is slow to wake (0.5 s here, as on a busy laptop);
    # the old hotel's step goes on in the hotel thread after the switch: it must not ask the
    # seat (as the new round's, with the new hotel's clock) nor stop the hotel
    wait = room_module.wait_for_answer

    def slow_to_wake(question, playing):
        wait(question, playing)
        time.sleep(0.5)
    room = open_room(timeout=30)
    monkeypatch.setattr(room_module, "wait_for_answer", slow_to_wake, raising=True)
    ann = room.join("Ann")
    member = room.model.manager_of("housekeeping").unique_id
    room.take_seat(ann, member)
    room.set_playing(True)
    assert wait_for_question(room, member).situation.kind == "quota slack"
    getattr(room, switch)()
    assert not room.questions
    time.sleep(1.0)  # the old step's roster would be asked now
    assert not room.questions and not room.message
    assert [r for r in room.records if r.round == room.round.number] == []
    if switch == "next_round":
        room.set_playing(True)
        question = wait_for_question(room, member)
        assert (question.situation.kind, question.hotel_time) == ("quota slack", "day 0 08:00")
        room.set_playing(False)
