"""A workshop's rounds: one lever setting each, and what every seat is told when it starts.

Each round is a fresh hotel with the same seed under the round's preset, so that the rounds
differ only by the work context the levers create; seats keep their people from round to
round (staff are built in the same order, so they keep their numbers).
"""

from __future__ import annotations

from dataclasses import dataclass

from model import PRESET_DESCRIPTIONS, PRESETS

DEFAULT_PLAN = ("baseline", "attempt2", "redesign")
# What a facilitator says at the start of each round, in the staff's words.
ANNOUNCEMENTS = {
    "baseline": "Business as usual: each function is judged by its own metric.",
    "attempt2": "From today receptionists earn an occupancy bonus, and have had "
                "guest-engagement training.",
    "redesign": "From today reception rates your work (it counts in your evaluation), and "
                "managers rotate through the functions.",
    "cross_evaluation": "From today reception rates your work: it counts in your evaluation.",
    "rotation": "From today managers rotate through the functions.",
}
# The workshop hotel evaluates staff weekly (the case's hotel: monthly), so that people see
# their evaluations within a round of a few simulated days.
WORKSHOP_PARAMETERS = {"evaluation_period_days": 7}
ROUND_DAYS = 7  # simulated days a round lasts unless the instructor moves on earlier
ROUND_DAY_CHOICES = (3, 5, 7, 10, 14)
MAX_ROUNDS = 6


@dataclass(frozen=True)
class Round:
    """One round: its number (from 1), the preset of levers, the announcement."""

    number: int
    preset: str

    @property
    def announcement(self) -> str:
        return ANNOUNCEMENTS.get(self.preset, PRESET_DESCRIPTIONS[self.preset])

    @property
    def title(self) -> str:
        return f"Round {self.number}: {self.preset}"


def plan_of(presets: list[str] | tuple[str, ...]) -> tuple[Round, ...]:
    """Rounds from preset names; ValueError (one line) for an unknown preset or too many."""
    if not 1 <= len(presets) <= MAX_ROUNDS:
        raise ValueError(f"a workshop has 1 to {MAX_ROUNDS} rounds, got {len(presets)}")
    unknown = [p for p in presets if p not in PRESETS]
    if unknown:
        raise ValueError(f"unknown preset {unknown[0]!r}; choose from {', '.join(PRESETS)}")
    return tuple(Round(i + 1, preset) for i, preset in enumerate(presets))
