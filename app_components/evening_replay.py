"""The evening replay: one evening of the hotel played slowly, told as a ticker in plain words
("21:00 The guest in room 305 finds a defect and comes to the desk; maintenance has gone
home. Receptionist 3 moves the guest to room 412, held in reserve.").

Every line comes from what the model did that hour: the staff's decisions with their reasons
(each agent's decision log), the moves reception made (`front_desk.moves`), who is on call.
Nothing is made up: the model does not say what the defect is, so neither does the ticker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape

from model import HOURS_PER_DAY, MAINTENANCE_END

# the hours told, from the model's day: from when maintenance goes home to the day's end
# (midnight), the desk on its own; the evening is over when the clock reaches EVENING.stop
EVENING = range(MAINTENANCE_END, HOURS_PER_DAY)
REPLAY_SPEED = 0.4  # simulated hours per second: an hour every 2.5 s, slow enough to read
COMPLAINT_OUTCOMES = {"move", "rebate", "deflect", "call"}
# what a reason starts with that its line already says: 'room 305: ', 'hold 5: '
SAID_PREFIX = re.compile(r"^(?:room \d+(?:[:,] ?| about)|hold \d+:)\s*")


def clock_time(hour: int) -> str:
    """An hour of the day in words: '17:00', 'midnight'."""
    return "midnight" if hour % HOURS_PER_DAY == 0 else f"{hour % HOURS_PER_DAY:02d}:00"


EVENING_HOURS = f"{clock_time(EVENING.start)} to {clock_time(EVENING.stop)}"
REPLAY_PACE = f"an hour every {1 / REPLAY_SPEED:g} s"


def evening_end(day: int) -> int:
    """The hotel time (hours from day 0, 00:00) at which the evening of `day` is over."""
    return day * HOURS_PER_DAY + EVENING.stop


def next_evening(day: int, hour: int) -> int:
    """The day of the next evening not yet begun, from `day` at `hour` (the hour last
    stepped): today's until 16:00, else tomorrow's."""
    return day if hour < EVENING.start else day + 1


@dataclass
class TickerLine:
    """One event: the model hour, what happened (plain words) and the reason given."""

    time: float
    what: str
    why: str = ""

    def clock(self) -> str:
        return f"{int(self.time % HOURS_PER_DAY):02d}:00"


@dataclass
class EveningTicker:
    """Tells the evening of `day` hour by hour; `after_hour(model)` is called after each
    hour the hotel steps (under the simulation's lock) and adds that hour's lines.

    The evening is over when the clock reaches its end (midnight), not when its last hour
    (23:00) is told: that hour's events are still on the page, the clock still says 23:00.
    """

    day: int
    lines: list[TickerLine] = field(default_factory=list)
    hours_told: int = 0
    finished: bool = False

    def after_hour(self, model) -> None:
        now = model.day * HOURS_PER_DAY + model.hour
        if now >= evening_end(self.day):
            self.finished = True
        elif now >= self.day * HOURS_PER_DAY + EVENING.start:
            self.lines.extend(hour_lines(model))
            self.hours_told += 1


def hour_lines(model) -> list[TickerLine]:
    """What happened at the desk and in maintenance in the hour just stepped, in order:
    maintenance's evening, the reserve, then each complaint with the call it led to, then
    late arrivals."""
    now = model.time
    decided = [(member, d) for member in model.staff() for d in member.decisions
               if d.time == now]
    moves = {move.from_room: move for move in model.front_desk.moves if move.time == now}
    lines = []
    for member, d in decided:
        if d.action in ("arrange evening cover", "no evening cover"):
            on_call = model.maintenance.on_call
            what = (f"arranges evening cover: {on_call.name} is on call tonight"
                    if on_call is not None else
                    "arranges no evening cover: nobody can repair anything until morning")
            lines.append(TickerLine(now, f"Maintenance goes home. {member.name} {what}.",
                                    d.reason))
        elif d.action == "hold rooms in reserve":
            held = d.values[0]
            what = (f"{member.name} holds {held} free room{'s' if held != 1 else ''} back from "
                    "sale tonight, to move guests who complain." if held else
                    f"{member.name} holds no room back tonight: every free room is for sale.")
            lines.append(TickerLine(now, what, reason(d)))
    calls = {}  # room -> the technician's answer to reception's call
    for member, d in decided:
        if d.action in ("answer reception's call", "finish planned work"):
            calls[d.values[0]] = (member, d)
    complaints = sorted(((member, d) for member, d in decided
                         if d.action in COMPLAINT_OUTCOMES), key=lambda md: md[1].values[0])
    for member, d in complaints:
        lines.extend(complaint_lines(model, member, d, calls, moves))
    for member, d in decided:
        if d.action == "turn away late arrival":
            lines.append(TickerLine(now, f"{member.name} turns a late arrival away.", d.reason))
        elif d.action in ("give discount", "hold the rate"):
            given = "and gets it" if d.action == "give discount" else "; the rate holds"
            lines.append(TickerLine(now, f"A late arrival asks {member.name} for a discount "
                                         f"{given}.", d.reason))
    return lines


def complaint_lines(model, receptionist, d, calls, moves) -> list[TickerLine]:
    """A guest at the desk: what about, whether maintenance can come, what reception did and
    (after a call) whether a technician came."""
    now, room = model.time, d.values[0]
    if "the call brought nobody" in d.why:  # the second decision after a failed call
        return [TickerLine(now, f"The call brought nobody: {receptionist.name} "
                                f"{outcome(d.action, room, moves)}.", reason(d))]
    if "no repair can fix" in d.why:
        about = f"The guest in room {room} comes to the desk about something no repair mends " \
                "(noise, a neighbour, a wait, a bill)."
    else:
        reach = "" if model.maintenance.reachable() else "; maintenance has gone home"
        about = f"The guest in room {room} finds a defect and comes to the desk{reach}."
    lines = [TickerLine(now, f"{about} {receptionist.name} {outcome(d.action, room, moves)}.",
                        reason(d))]
    if d.action == "call" and room in calls:
        technician, answer = calls[room]
        came = ("comes and repairs the room" if answer.action == "answer reception's call"
                else "stays on planned work and does not come")
        lines.append(TickerLine(now, f"{technician.name} {came}.", reason(answer)))
    return lines


def outcome(action: str, room: int, moves: dict) -> str:
    """What reception did, in words: 'moves the guest to room 412, held in reserve'."""
    if action == "move":
        move = moves.get(room)
        if move is None:
            return "moves the guest to another room"
        return f"moves the guest to room {move.to_room}" + (
            ", held in reserve" if move.held else "")
    return {"rebate": "gives the guest money back",
            "deflect": "tells the guest it is not the desk's department",
            "call": "calls maintenance"}[action]


def reason(d) -> str:
    """The decision's reason without the room or count it starts with (the line names
    it)."""
    return SAID_PREFIX.sub("", d.reason, count=1)


def ticker_html(ticker: EveningTicker) -> str:
    """The ticker as HTML, oldest first; its box keeps the newest line in view."""
    rows = "".join(
        f'<li class="il-tick"><b class="il-tick-time">{line.clock()}</b> {escape(line.what)}'
        + (f'<div class="il-tick-why">{escape(line.why)}</div>' if line.why else "")
        + "</li>" for line in ticker.lines)
    state = ("The evening is over." if ticker.finished else
             f"Playing {REPLAY_PACE}..." if ticker.lines or ticker.hours_told else
             f"Starting at {clock_time(EVENING.start)}, when maintenance goes home...")
    return (f'<div class="il-ticker-head"><b>Evening replay, day {ticker.day}</b>: '
            f'{EVENING_HOURS}, what happened and why. {state}</div>'
            f'<div class="il-ticker-box"><ol class="il-ticker">{rows}</ol></div>')


TICKER_CSS = (
    ".il-ticker-head{font-size:14px;margin:4px 0 2px}"
    # column-reverse keeps the box scrolled to its newest (last) line
    ".il-ticker-box{max-height:180px;overflow-y:auto;display:flex;flex-direction:column-reverse;"
    "border:1px solid #d1d5db;border-radius:4px;padding:4px 8px;background:#fff}"
    ".il-ticker{list-style:none;margin:0;padding:0;font-size:14px}"
    ".il-tick{margin:2px 0}.il-tick-time{font-variant-numeric:tabular-nums;margin-right:4px}"
    ".il-tick-why{font-size:12px;color:#4b5563;margin-left:46px}"
)
