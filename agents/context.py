"""What every staff member shares: a work context (goals, resources, constraints) and a log
of recent decisions with their reasons, so that anyone can ask an agent *why* it acted.

Reasons are stored as a template and its values and formatted only when someone reads them,
so that logging costs almost nothing in long experiments. Lessons (what an evaluation taught
an agent, a manager's policy choices) are kept apart so that daily routine does not push them
out.
"""

from __future__ import annotations

from collections import deque
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


class ContextAgent(Agent):
    """A hotel agent that decides from its goals, resources and constraints and can say so.

    Subclasses implement `goals`, `resources` and `constraints` (each a list of short
    sentences about the agent *now*) and call `decide` each time they choose something.
    """

    role = "agent"

    def __init__(self, model):
        super().__init__(model)
        self.decisions: deque[Decision] = deque(maxlen=model.p.decision_log_length)
        self.lessons: deque[Decision] = deque(maxlen=LESSONS_KEPT)

    @property
    def name(self) -> str:
        return f"{self.role.capitalize()} {self.unique_id}"

    def decide(self, action: str, why: str, *values: Any, at: float | None = None) -> None:
        """Record that this agent chose `action` because `why` (formatted with `values`),
        now or at hour `at` (work planned through a shift)."""
        when = self.model.time if at is None else at
        self.decisions.append(Decision(when, action, why, values))

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
