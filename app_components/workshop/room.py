"""A workshop room: one shared hotel whose staff seats are held by people.

The hotel runs in the room's own thread, an hour a step at the instructor's pace. When a
seated staff member faces a decision the model asks the room (`ask`, the seat attached to
the agent): the question is posted to the seat's page and the hotel waits until the person
answers or the time-out passes, when the agent's own rule decides ("decided for you").

Threads and locks: `model_lock` is held by the hotel thread while it steps, and released
while it waits for an answer, so that pages can read the hotel (under `model_lock`) at any
time. `lock` guards the room's own state; `changed` (on `lock`) wakes the pages' watchers,
which follow version counters: "public" (round, seats, pace), ("seat", id) (a seat's
question), "questions" (any seat's), "clock" (every simulated hour) and "day". A page
follows only what it shows: a question for one seat redraws that seat's page alone.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from typing import Any

import pandas as pd

from model import InterLodgeModel, Situation, preset_parameters

from .decisions import (
    BY_EARLIER,
    BY_PERSON,
    BY_PLAN,
    BY_RULE,
    DecisionRecord,
    options_text,
)
from .questions import (
    PLANNED_KINDS,
    Question,
    planned_answer,
    valid_answer,
    wait_for_answer,
)
from .rounds import ROUND_DAYS, WORKSHOP_PARAMETERS, Round
from .seating import Participant, SeatInfo, SeatingError, clean_name, new_token, seats_of

logger = logging.getLogger(__name__)

PACES = (1, 2, 4, 8, 24)  # simulated hours per second the instructor may choose
TIMEOUTS = (10, 20, 30, 60)  # seconds a seat has to answer
AWAY_AFTER = 2  # questions missed in a row before the rule plays the seat without waiting


class Room:
    """A workshop room (see the module docstring). Created by `registry.open_room`."""

    def __init__(self, code: str, token: str, plan: tuple[Round, ...], seed: int = 0,
                 timeout: float = 20.0, pace: int = 2, idle_seconds: float = 1800.0,
                 round_days: int = ROUND_DAYS, parameters: dict | None = None):
        self.code, self.token, self.plan, self.seed = code, token, plan, seed
        self.timeout, self.pace, self.idle_seconds = timeout, pace, idle_seconds
        self.round_days = round_days
        self.parameters = dict(WORKSHOP_PARAMETERS) | dict(parameters or {})
        self.lock = threading.RLock()
        self.changed = threading.Condition(self.lock)
        self.model_lock = threading.Lock()
        self.versions: dict[Any, int] = {}
        self.participants: dict[str, Participant] = {}
        self.questions: dict[int, Question] = {}  # by member id
        self.records: list[DecisionRecord] = []
        self.tables: dict[int, pd.DataFrame] = {}  # finished rounds' daily tables
        self.plans: dict[int, tuple[frozenset, bool]] = {}  # housekeeper -> (checks, report)
        self.earlier: dict[tuple, Any] = {}  # (member, day, kind, room) -> answer
        self.round_index = 0
        self.playing = False
        self.round_over = False
        self.ended = False
        self.closed = False
        self.message = ""
        self.last_activity = time.monotonic()
        self._ids = itertools.count(1)
        self._quiet = False  # while the hotel is replaced: no question is posted
        self.model = self._build(plan[0])
        self.seats: list[SeatInfo] = seats_of(self.model)
        self._thread = threading.Thread(target=self._run, name=f"workshop-{code}",
                                        daemon=True)
        self._thread.start()

    # --- reading ------------------------------------------------------------------------
    @property
    def round(self) -> Round:
        return self.plan[self.round_index]

    def version(self, key) -> int:
        return self.versions.get(key, 0)

    def _bump(self, *keys) -> None:
        with self.lock:
            for key in keys:
                self.versions[key] = self.versions.get(key, 0) + 1
            self.changed.notify_all()

    def wait_change(self, keys: tuple, seen: tuple, timeout: float) -> tuple:
        """Block until one of the version counters `keys` differs from `seen` (or timeout);
        return the counters now."""
        def now():
            return tuple(self.versions.get(k, 0) for k in keys)
        with self.lock:
            self.changed.wait_for(lambda: now() != seen or self.closed, timeout)
            return now()

    def touch(self) -> None:
        self.last_activity = time.monotonic()

    def holder_of(self, member_id: int) -> Participant | None:
        return next((p for p in self.participants.values() if p.seat == member_id), None)

    def seat_label(self, member_id: int) -> str:
        return next(s.label for s in self.seats if s.member_id == member_id)

    def participant(self, token: str) -> Participant | None:
        return self.participants.get(token)

    def read(self, fn):
        """`fn(model)` under the model lock (the hotel may be mid-step, waiting for a seat)."""
        with self.model_lock:
            return fn(self.model)

    def round_table(self, index: int) -> pd.DataFrame:
        """The daily table of round `index` (the current round's so far)."""
        if index == self.round_index:
            return self.read(lambda m: m.daily_table())
        return self.tables.get(index, pd.DataFrame())

    # --- participants -------------------------------------------------------------------
    def join(self, name: str) -> str:
        """A new participant; returns their private token. SeatingError if the name is bad
        or taken."""
        name = clean_name(name)
        with self.lock:
            if self.closed:
                raise SeatingError("this room has closed")
            if any(p.name.casefold() == name.casefold() for p in self.participants.values()):
                raise SeatingError(f"the name {name!r} is taken in this room; choose another")
            token = new_token()
            self.participants[token] = Participant(token, name)
        self.touch()
        self._bump("public")
        return token

    def take_seat(self, token: str, member_id: int | None) -> int:
        """Seat participant `token` in seat `member_id` (None: any free seat)."""
        with self.lock:
            person = self._person(token)
            taken = {p.seat for p in self.participants.values() if p.seat is not None}
            free = [s.member_id for s in self.seats if s.member_id not in taken]
            if member_id is None:
                if not free:
                    raise SeatingError("every seat is taken")
                member_id = free[0]
            elif member_id not in {s.member_id for s in self.seats}:
                raise SeatingError("no such seat")
            elif member_id in taken and person.seat != member_id:
                raise SeatingError(f"{self.seat_label(member_id)} is taken")
            left = person.seat if person.seat not in (None, member_id) else None
            person.seat = member_id
        if left is not None:  # never take the model lock while holding the room's
            self._free(left)
        self._attach(member_id)
        self.touch()
        self._bump("public", ("seat", member_id))
        return member_id

    def free_seat(self, member_id: int) -> None:
        """The instructor frees a seat: the agent's rule plays it again."""
        with self.lock:
            person = self.holder_of(member_id)
            if person is not None:
                person.seat = None
        self._free(member_id)
        self._bump("public", ("seat", member_id))

    def _person(self, token: str) -> Participant:
        person = self.participants.get(token)
        if person is None:
            raise SeatingError("unknown participant: join the room again")
        return person

    def _attach(self, member_id: int) -> None:
        with self.model_lock:
            self.model.attach_seat(member_id, self.ask)

    def _free(self, member_id: int) -> None:
        with self.lock:
            question = self.questions.get(member_id)
            if question is not None:
                question.event.set()  # the agent's rule answers it
        with self.model_lock:
            self.model.attach_seat(member_id, None)

    # --- questions and answers ---------------------------------------------------------
    def ask(self, member, situation: Situation) -> Any:
        """The seat attached to seated agents: called by the model in the hotel thread,
        with `model_lock` held. Returns the person's answer, or None for the agent's rule."""
        with self.lock:
            # a hotel replaced or ended while it waited for an answer: its step runs out unasked
            current = not (self._quiet or self.ended) and member.model is self.model
            person = self.holder_of(member.unique_id) if current else None
        if person is None:
            return None
        kind, day = situation.kind, self.model.day
        if kind == "shift":
            self.plans.pop(member.unique_id, None)  # yesterday's plan is done
        if kind in PLANNED_KINDS:
            plan = self.plans.get(member.unique_id)
            if plan is None:
                return None
            answer = planned_answer(plan, situation)
            self._record(person, member, situation, answer, BY_PLAN, time.time(), time.time())
            return answer
        earlier_key = (member.unique_id, day, kind, situation.subject)
        if kind == "work order" and earlier_key in self.earlier:
            answer = self.earlier[earlier_key]
            self._record(person, member, situation, answer, BY_EARLIER, time.time(),
                         time.time())
            return answer
        if person.missed >= AWAY_AFTER:  # away: the hotel does not wait for them
            now = time.time()
            self._record(person, member, situation, situation.default, BY_RULE, now, now)
            return None
        question = Question(next(self._ids), member.unique_id, self.seat_label(member.unique_id),
                            situation, member.work_context(),
                            self.model.clock.label(self.model.now), time.time(),
                            self.timeout)
        with self.lock:
            self.questions[member.unique_id] = question
        self._bump(("seat", member.unique_id), "questions")
        self.model_lock.release()
        try:
            wait_for_answer(question, lambda: self.playing)
        finally:
            self.model_lock.acquire()
        with self.lock:
            if self.questions.get(member.unique_id) is question:  # not withdrawn meanwhile
                del self.questions[member.unique_id]
        answer = question.answer
        if not question.cancelled:
            person.missed = 0 if answer is not None else person.missed + 1
            answered = time.time()
            if kind == "shift":
                if answer is not None:
                    self.plans[member.unique_id] = answer
                shown = ("no plan" if answer is None else
                         f"check {sorted(answer[0]) or 'none'}; "
                         f"{'report' if answer[1] else 'do not report'} defects")
                self._record(person, member, situation, shown,
                             BY_PERSON if answer is not None else BY_RULE,
                             question.posted_at, answered)
            else:
                self._record(person, member, situation,
                             situation.default if answer is None else answer,
                             BY_PERSON if answer is not None else BY_RULE,
                             question.posted_at, answered)
                if answer is not None and kind == "work order":
                    self.earlier[earlier_key] = answer
        self._bump(("seat", member.unique_id), "questions")
        if kind == "shift":
            return None  # the plan answers the shift's checks; the model ignores this
        return answer

    def back(self, token: str) -> None:
        """A participant who was away answers again."""
        with self.lock:
            self._person(token).missed = 0
        self.touch()
        self._bump("public")

    def answer(self, token: str, question_id: int, answer: Any) -> None:
        """Participant `token` answers their seat's question `question_id`."""
        with self.lock:
            person = self._person(token)
            question = self.questions.get(person.seat) if person.seat is not None else None
            if question is None or question.id != question_id:
                raise SeatingError("that question is no longer open")
            question.answer = valid_answer(question.situation, answer)
            question.event.set()
        self.touch()

    def _record(self, person, member, situation, choice, by, posted, answered) -> None:
        default = situation.default
        record = DecisionRecord(
            self.round.number, self.round.preset, self.model.clock.label(self.model.now),
            person.name, self.seat_label(member.unique_id), member.role, situation.kind,
            situation.subject if situation.kind != "shift" else None,
            options_text(situation.options, situation.unit),
            "" if default is None else str(default), str(choice), by,
            round(answered - posted, 3), posted, answered)
        with self.lock:
            self.records.append(record)

    # --- the instructor's controls ------------------------------------------------------
    def set_playing(self, playing: bool) -> None:
        with self.lock:
            self.playing = playing and not self.round_over and not self.ended
        self.touch()
        self._bump("public")

    def set_pace(self, pace: int) -> None:
        if pace not in PACES:
            raise ValueError(f"pace {pace} is not one of {PACES}")
        self.pace = pace
        self._bump("public")

    def set_timeout(self, seconds: float) -> None:
        if seconds not in TIMEOUTS:
            raise ValueError(f"time-out {seconds} is not one of {TIMEOUTS}")
        self.timeout = float(seconds)
        self._bump("public")

    def next_round(self) -> None:
        """End this round and start the next with its levers (the same people seated)."""
        if self.round_index + 1 >= len(self.plan):
            raise ValueError("this was the last round")
        model = self._build(self.plan[self.round_index + 1])
        self._replace(model, self.round_index + 1)

    def end_workshop(self) -> None:
        with self.lock:
            self.playing = False
            self.ended = True
        self._replace(None, self.round_index)

    def _replace(self, model: InterLodgeModel | None, index: int) -> None:
        """Keep the finished round's table; put `model` (None: none) in the hotel's place."""
        with self.lock:
            self.playing = False
            self._quiet = True
            self._withdraw_questions()
        with self.model_lock:
            self.tables[self.round_index] = self.model.daily_table()
            if model is not None:
                for person in self.participants.values():
                    if person.seat is not None:
                        model.attach_seat(person.seat, self.ask)
                self.model = model
            with self.lock:
                self.round_index, self.round_over = index, False
                self.plans.clear()
                self.earlier.clear()
                self._quiet = False
        self.touch()
        self._bump("public", "clock", "day", *[("seat", s.member_id) for s in self.seats])

    def _withdraw_questions(self) -> None:
        """Open questions off every page at once (under `lock`), before the hotel wakes."""
        for question in self.questions.values():
            question.cancelled = True
            question.event.set()
        self.questions.clear()

    def _build(self, round_: Round) -> InterLodgeModel:
        return InterLodgeModel(rng=self.seed,
                               **preset_parameters(round_.preset, self.parameters))

    # --- the hotel's thread -------------------------------------------------------------
    def _run(self) -> None:
        while not self.closed:
            if not self.playing:
                with self.lock:
                    self.changed.wait(0.25)
                continue
            started = time.monotonic()
            try:
                with self.model_lock:
                    model = self.model
                    if model is None or self.ended:
                        continue
                    day = model.day
                    model.step()
                    if model is not self.model:  # replaced while a seat's question was open
                        continue
                    over = model.day >= self.round_days
                    new_day = model.day != day
            except Exception as error:  # a bug: say so to the instructor, stop playing
                logger.exception("workshop room %s: the hotel failed", self.code)
                self.message = f"The hotel stopped: {error}"
                self.playing = False
                self._bump("public")
                continue
            if over:
                with self.lock:
                    self.playing, self.round_over = False, True
                self._bump("public")
            self._bump("clock", *(("day",) if new_day else ()))
            time.sleep(max(0.0, 1.0 / self.pace - (time.monotonic() - started)))

    def close(self) -> None:
        """Stop the hotel and let go of everything the room holds."""
        with self.lock:
            self.closed, self.playing, self._quiet = True, False, True
            self._withdraw_questions()
            self.changed.notify_all()
        self._thread.join(timeout=5)
        with self.model_lock:
            self.model = None
        self.records, self.tables, self.participants = [], {}, {}
