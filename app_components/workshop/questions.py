"""A question to a seat: what the person is asked, how long the hotel waits for the answer,
which answers are valid, and the answers a housekeeper's shift plan gives for her."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from model import Situation

from .seating import SeatingError

PLANNED_KINDS = ("check", "report")  # answered from the housekeeper's shift plan


@dataclass
class Question:
    """A decision waiting for the person in a seat."""

    id: int
    member_id: int
    seat: str
    situation: Situation
    context: dict  # the agent's work_context() when the question was asked
    hotel_time: str
    posted_at: float
    timeout: float
    event: threading.Event = field(default_factory=threading.Event)
    answer: Any = None
    cancelled: bool = False


def wait_for_answer(question: Question, playing: Callable[[], bool]) -> None:
    """Wait for the answer or the time-out; the countdown stands still while the hotel is
    paused (`playing()` false)."""
    left = question.timeout
    while left > 0 and not question.event.is_set():
        started = time.monotonic()
        question.event.wait(min(left, 0.25))
        if playing():
            left -= time.monotonic() - started


def valid_answer(situation: Situation, answer: Any) -> Any:
    """`answer` as the model takes it; SeatingError if it is not one of the options (a shift
    plan: the rooms to check, a subset of the shift's, and whether to report)."""
    if situation.kind == "shift":
        checks, report = answer
        if not set(checks) <= set(situation.options):
            raise SeatingError("a room that is not on your shift")
        return frozenset(checks), bool(report)
    if answer not in situation.options:
        raise SeatingError(f"{answer!r} is not an option")
    return answer


def planned_answer(plan: tuple[frozenset, bool], situation: Situation) -> str:
    """What a shift plan (rooms to check, report or not) answers for one room's decision."""
    checks, report = plan
    if situation.kind == "check":
        return "check equipment" if situation.subject in checks else "skip check"
    return "report defect" if report else "leave defect unreported"
