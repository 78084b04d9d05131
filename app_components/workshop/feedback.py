"""What comes back to a seat: its evaluation (score, how it was computed, reception's rating
where it counts), what it learnt from it, and how its colleagues scored: exactly what the
agents learn from (see agents.learning)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Feedback:
    evaluation: str | None  # "score 0.83 from the ...: own metric ..., reception's rating ..."
    lessons: list[str]  # what the evaluation taught the agent ("learn checking: ...")
    colleagues: list[tuple[str, float | None]]  # (name, last score) of the same role


def last_score(member) -> float | None:
    for lesson in reversed(member.lessons):
        if lesson.action == "evaluated":
            return lesson.values[0]
    return None


def feedback_of(model, member_id: int) -> Feedback:
    member = next(m for m in model.staff() if m.unique_id == member_id)
    evaluation = next((f"{d.action}: {d.reason}" for d in reversed(member.lessons)
                       if d.action == "evaluated"), None)
    lessons = [f"{d.action}: {d.reason}" for d in reversed(member.lessons)
               if d.action.startswith("learn")][:2]
    colleagues = [(m.name, last_score(m)) for m in model.staff()
                  if m.role == member.role and m is not member]
    return Feedback(evaluation, lessons, colleagues)
