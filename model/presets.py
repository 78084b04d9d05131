"""Named lever settings used everywhere: command line, experiments and app.

A preset sets the levers only; every other parameter keeps its default unless the user
overrides it. The names follow the case: the status quo, the two failed attempts and their
parts, and the redesign and its parts.
"""

from __future__ import annotations

from typing import Any

from .parameters import ALL_LEVERS, ParameterError, validate_parameters

PRESETS: dict[str, dict[str, bool]] = {
    "baseline": {},
    "attempt1": {"restructuring": True},
    "incentives": {"incentives": True},
    "training": {"training": True},
    "attempt2": {"incentives": True, "training": True},
    "attempt1_2": {"restructuring": True, "incentives": True, "training": True},
    "rotation": {"rotation": True},
    "cross_evaluation": {"cross_evaluation": True},
    "redesign": {"rotation": True, "cross_evaluation": True},
    "all_four": {"incentives": True, "training": True, "rotation": True,
                 "cross_evaluation": True},
}

PRESET_DESCRIPTIONS: dict[str, str] = {
    "baseline": "The status quo: no lever. Receptionists hold rooms and hand out rebates.",
    "attempt1": "Attempt 1 of the case ('hard'): restructuring, re-engineered processes and "
                "clarified roles; reception's job stops at the desk.",
    "incentives": "Occupancy bonus for receptionists only (half of attempt 2).",
    "training": "Guest-engagement training for receptionists only (half of attempt 2).",
    "attempt2": "Incentives plus training ('hard + soft') on the status quo's structure.",
    "attempt1_2": "Attempt 2 as the case tells it: incentives and training on top of "
                  "attempt 1's restructuring.",
    "rotation": "Managers must have worked in several functions; they rotate.",
    "cross_evaluation": "Receptionists' ratings count in back-office evaluations.",
    "redesign": "The redesign: rotation and cross-evaluation, no incentives, no training.",
    "all_four": "Incentives, training, rotation and cross-evaluation at once.",
}


def preset_parameters(name: str, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Validated parameters of preset `name` with `overrides` on top."""
    if name not in PRESETS:
        raise ParameterError(f"unknown preset {name!r}; choose one of {', '.join(PRESETS)}")
    values = {lever: False for lever in ALL_LEVERS} | PRESETS[name] | dict(overrides or {})
    return validate_parameters(values)
