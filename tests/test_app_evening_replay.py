"""The evening replay's ticker tells what the model did that evening, and only that: every
complaint, every move with its room, maintenance's evening and the reserve, in time order."""

import re

from app_components.evening_replay import EVENING, EveningTicker, next_evening, ticker_html
from app_components.hotel_state import HotelSettings, Simulation


def told_evening(seed: int) -> tuple[EveningTicker, int, list]:
    """A default hotel a few days in, its next evening told; returns the ticker, the
    evening's complaints (from the model's own counters) and its moves."""
    simulation = Simulation((HotelSettings("baseline", seed),))
    simulation.advance(24 * 3 + 5)
    model = simulation.model
    day = next_evening(model.day, model.hour)
    simulation.narrator = EveningTicker(day)
    simulation.advance((day - model.day) * 24 + EVENING.start - 1 - model.hour)
    assert (model.day, model.hour) == (day, EVENING.start - 1)
    before = model.today()["complaints"]
    simulation.advance(len(EVENING))  # to 23:00, the night audit: the day's row is written
    complaints = model.rows[-1]["complaints"] - before
    moves = [m for m in model.front_desk.moves if m.time % 24 >= EVENING.start]
    assert not simulation.narrator.finished  # its last hour told, the clock still in it
    simulation.advance(1)  # midnight
    return simulation.narrator, complaints, moves


def test_the_ticker_tells_every_complaint_and_move_of_the_evening_in_time_order():
    told_complaints = told_moves = 0
    for seed in range(3):
        ticker, complaints, moves = told_evening(seed)
        assert ticker.finished
        times = [line.time for line in ticker.lines]
        assert times == sorted(times)
        assert {line.clock() for line in ticker.lines} <= {f"{h:02d}:00" for h in EVENING}
        whats = [line.what for line in ticker.lines]
        assert whats[0].startswith("Maintenance goes home.")  # 17:00, the manager's decision
        assert any(" back from sale tonight" in w or "holds no room back" in w for w in whats)
        at_desk = [w for w in whats if "comes to the desk" in w]
        assert len(at_desk) == complaints  # one line per complaint, no more, no fewer
        for move in moves:
            said = f"moves the guest to room {move.to_room}" + (
                ", held in reserve" if move.held else "")
            assert any(f"room {move.from_room} " in w and said in w for w in whats), move
        assert all(line.why for line in ticker.lines if "comes to the desk" in line.what)
        # the line says the room or the count: its reason does not start with it again
        assert not any(re.match(r"(room|hold) \d+", line.why) for line in ticker.lines)
        told_complaints += complaints
        told_moves += len(moves)
        html = ticker_html(ticker)
        assert html.count('class="il-tick"') == len(ticker.lines)
        assert re.search(r"Evening replay, day \d+", html) and "The evening is over." in html
    assert told_complaints and told_moves  # the evenings checked had something to tell


def test_replay_evening_steps_to_the_eve_and_plays_slowly_to_midnight():
    simulation = Simulation((HotelSettings("baseline", 0, {"rooms": 20, "floors": 2,
                                                           "receptionists": 3,
                                                           "housekeepers": 2,
                                                           "technicians": 1}),))
    simulation.advance(24 * 2 + 18)  # day 2, 18:00: this evening has begun
    simulation.replay_evening()
    model = simulation.model
    assert (model.day, model.hour) == (3, EVENING.start - 1)  # tomorrow's eve
    assert simulation.playing.value and simulation.speed.value < 1
    assert simulation.stop_at == 4 * 24 and simulation.hours_to_stop() == 8
    simulation.playing.value = False


def test_the_evening_is_over_when_the_clock_reaches_its_end_not_when_its_last_hour_is_told():
    """The ticker said "The evening is over." while the clock still showed 23:00."""
    simulation = Simulation((HotelSettings("baseline", 1),))
    model = simulation.model
    ticker = simulation.narrator = EveningTicker(next_evening(model.day, model.hour))
    simulation.advance(ticker.day * 24 + EVENING.start - 1)  # the eve: 16:00
    told = []
    for _ in range(len(EVENING) + 1):  # every hour of the evening, then its end
        simulation.advance(1)
        told.append((f"{model.hour:02d}:00", "The evening is over." in ticker_html(ticker),
                      ticker.finished))
    last_hour = f"{EVENING[-1]:02d}:00"
    assert told[-2] == (last_hour, False, False), told  # 23:00 is still the evening
    assert told[-1] == ("00:00", True, True), told  # over at midnight
    assert not any(over for _, over, _ in told[:-1]), told
    assert ticker.hours_told == len(EVENING)
