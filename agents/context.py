"""What every staff member shares: a work context (goals, resources, constraints) and a log
of recent decisions with their reasons, so that anyone can ask an agent *why* it acted.

Reasons are stored as a template and its values and formatted only when someone reads them,
so that logging costs almost nothing in long experiments. Lessons (what an evaluation taught
an agent, a manager's policy choices) are kept apart so that daily routine does not push them
out.

Every decision goes through `ContextAgent.choose(situation)`: the agent works out its own
choice (with its usual random draws) and hands it over with the options. With no seat
attached that choice is taken as it is; with a seat (a person in a workshop, attached through
`InterLodgeModel.attach_seat`) the seat answers instead, or the agent's rule stands when the
seat gives no answer in time.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from mesa import Agent

LESSONS_KEPT = 6


class Decision(NamedTuple):
    """One decision: when (model hour), what, and why (a template and its values)."""

    time: float
    action: str
    why: str
    values: tuple

    @property
    def reason(self) -> str:
        return self.why.format(*self.values)


class Situation(NamedTuple):
    """A decision an agent faces: what is decided, the options with what each costs the one
    who decides, and the agent's own choice with its reason.

    `options` maps each possible answer to its cost in `unit` (negative: a gain). A
    situation whose own choice is None announces work to plan (a housekeeper's shift, the
    options being its rooms and their minutes): the seat answers it with a plan of its own
    and then the work's decisions one by one; the agent ignores that answer.
    """

    kind: str  # "complaint", "reserve", "check", ... (see docs/workshop.md)
    options: Mapping[Any, float]
    unit: str
    default: Any  # the agent's own choice, one of `options`
    why: str | None  # the agent's reason (a template), None to keep it out of the log
    values: tuple = ()
    subject: int | None = None  # the room it is about, if any
    at: float | None = None  # model hour, for work planned through a shift
    action: str | None = None  # the log's name for the decision, if not the answer itself


# A seat answers `situation` for `agent`: one of the options, or None for "no answer in time".
Seat = Callable[["ContextAgent", Situation], Any]
# Builds the Situation of a rule's decision about `subject` for a seat: (subject, default,
# why, values, at) -> Situation
SituationOf = Callable[[Any, Any, str | None, tuple, float], Situation]


class ContextAgent(Agent):
    """A hotel agent that decides from its goals, resources and constraints and can say so.

    Subclasses implement `goals`, `resources` and `constraints` (each a list of short
    sentences about the agent *now*) and take each decision through `choose` (or
    `choose_by_rule`).
    """

    role = "agent"
    seat: Seat | None = None  # who decides instead of the agent's rule (a workshop seat)

    def __init__(self, model):
        super().__init__(model)
        # the recent decisions as plain tuples (time, action, why, values), read as Decisions
        # (`decisions`): a NamedTuple costs twice a plain tuple to make and to drop from a
        # full log, and a run logs some seventy thousand decisions
        self.decision_log: deque[tuple] = deque(maxlen=model.p.decision_log_length)
        self.lessons: deque[Decision] = deque(maxlen=LESSONS_KEPT)

    @property
    def decisions(self) -> list[Decision]:
        """Recent decisions, oldest first (at most `decision_log_length` of them)."""
        return list(map(Decision._make, self.decision_log))

    def last_decision(self) -> Decision | None:
        """The latest decision, if any."""
        # tuple.__new__: without the Python frame of _make (a technician asks at every
        # planned task while an order waits)
        return tuple.__new__(Decision, self.decision_log[-1]) if self.decision_log else None

    @property
    def name(self) -> str:
        return f"{self.role.capitalize()} {self.unique_id}"

    def _log(self, action: str, why: str, values: tuple, at: float | None) -> None:
        # the hotel's hour is `now`, a plain number
        self.decision_log.append((self.model.now if at is None else at, action, why, values))

    def choose(self, situation: Situation) -> Any:
        """Take the decision in `situation` (log it with its reason) and return the answer:
        the agent's own choice, or the seat's answer when a seat is attached."""
        seat = self.seat
        if seat is None:
            answer, why, values = situation.default, situation.why, situation.values
        else:
            answer = seat(self, situation)
            if answer is None:
                answer, why = situation.default, f"decided for you: {situation.why or ''}"
                values = situation.values
            elif situation.default is not None and answer not in situation.options:
                raise ValueError(f"{self.name}: {answer!r} is not an option of "
                                 f"{situation.kind} ({', '.join(map(str, situation.options))})")
            else:
                why, values = "{} chosen in this seat; my rule: {}", (answer, situation.default)
        # tens of thousands of decisions a run: nothing is built for a log nobody keeps
        if why is not None and situation.default is not None and self.decision_log.maxlen:
            self._log(situation.action or str(answer), why, values, situation.at)
        return answer

    def choose_by_rule(self, default: Any, why: str | None, values: tuple, at: float,
                       situation: SituationOf, subject: Any, action: str | None = None) -> Any:
        """`choose` for the decisions taken tens of thousands of times a run (a room's check,
        a technician's next job) and for those whose options cost more to list than the
        decision (a manager's): `situation(subject, default, why, values, at)` builds the
        Situation only when a seat is attached to read it (a method of the agent rather than
        a closure, which would cost more than the decision); without a seat the rule's
        `default` is taken and logged as `action` (if not the default itself, an action's
        name) with `why` and `values` at hour `at`, exactly as `choose` would log it."""
        if self.seat is not None:
            return self.choose(situation(subject, default, why, values, at))
        if why is not None and self.decision_log.maxlen:
            # `_log` inlined: a frame per decision is a tenth of its cost
            self.decision_log.append((at, action or default, why, values))
        return default

    def learn(self, action: str, why: str, *values: Any) -> None:
        """Record a lesson: a decision that shapes behaviour for a whole period."""
        self.lessons.append(Decision(self.model.time, action, why, values))

    def goals(self) -> list[str]:
        return []

    def resources(self) -> list[str]:
        return []

    def constraints(self) -> list[str]:
        return []

    def work_context(self) -> dict[str, Any]:
        """Goals, resources and constraints now, and recent decisions with their reasons."""
        clock = self.model.clock

        def listed(log):
            return [{"when": clock.label(d.time), "action": d.action, "reason": d.reason}
                    for d in reversed(log)]

        return {
            "name": self.name,
            "role": self.role,
            "goals": self.goals(),
            "resources": self.resources(),
            "constraints": self.constraints(),
            "lessons": listed(self.lessons),
            "decisions": listed(self.decisions),
        }
