"""Every parameter of the InterLodge model, in one validated place.

Each parameter has a name (the same on the command line, in experiment files and in the
app), a type, a default, an allowed range, a unit and the source or reason for its default.
`validate_parameters` turns user input (Python values or command-line strings) into a clean
dict or raises `ParameterError` with one line naming the parameter and what is allowed.

Sources: "brief §4" is the calibration table of `docs/interlodge-case.md` (industry figures);
"calibrated" means the value was chosen so that the baseline reproduces the brief's baseline
figures (see docs/calibration.md); "assumption" is a modelling choice documented in docs/ODD.md.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass, fields
from typing import Any

from .behaviour_parameters import BehaviourFields


class ParameterError(ValueError):
    """A parameter value that the model cannot accept; the message is one line."""


@dataclass(frozen=True)
class Parameter:
    """One model parameter: its type, default, bounds, unit and source."""

    name: str
    kind: type
    default: Any
    low: float | None = None
    high: float | None = None
    unit: str = ""
    doc: str = ""
    source: str = ""
    group: str = ""

    def allowed(self) -> str:
        if self.kind is bool:
            return "true or false"
        kind = "an integer" if self.kind is int else "a number"
        return f"{kind} from {_fmt(self.low)} to {_fmt(self.high)}"

    def coerce(self, value: Any) -> Any:
        """Return `value` as this parameter's type, or raise ParameterError."""
        if self.kind is bool:
            return _to_bool(self.name, value)
        if isinstance(value, bool):
            raise ParameterError(f"{self.name}: got {value!r}; expected {self.allowed()}")
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ParameterError(
                f"{self.name}: {value!r} is not a number; expected {self.allowed()}"
            ) from None
        if not math.isfinite(number):
            raise ParameterError(f"{self.name}: {value!r} is not finite; expected {self.allowed()}")
        if self.kind is int:
            if number != int(number):
                raise ParameterError(
                    f"{self.name}: {value!r} is not a whole number; expected {self.allowed()}"
                )
            number = int(number)
        if not (self.low <= number <= self.high):
            raise ParameterError(
                f"{self.name}: {value!r} is out of range; expected {self.allowed()}"
            )
        return number


def _fmt(x: float | None) -> str:
    return f"{x:g}" if isinstance(x, float) else str(x)


def _to_bool(name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if text in {"true", "yes", "on", "1"}:
            return True
        if text in {"false", "no", "off", "0"}:
            return False
    raise ParameterError(f"{name}: {value!r} is not a boolean; expected true or false")


@dataclass(frozen=True, slots=True)
class Parameters(BehaviourFields):
    """Every parameter of a hotel, typed and validated: what the model and its agents read.

    Build it with `Parameters.from_values(values)` (validated; raises ParameterError);
    `as_dict()` gives the plain values back (for files, tables and `InterLodgeModel(**...)`).
    The fields are declared by group in `model.parameter_fields` and
    `model.behaviour_parameters`.
    """

    @classmethod
    def from_values(cls, values: dict[str, Any] | None = None) -> Parameters:
        """The validated parameters for `values` over the defaults."""
        return cls(**validate_parameters(values))

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in PARAMETERS}


_KINDS = {"bool": bool, "int": int, "float": float}


PARAMETERS: dict[str, Parameter] = {
    f.name: Parameter(f.name, _KINDS[f.type], f.default, f.metadata["low"], f.metadata["high"],
                      f.metadata["unit"], f.metadata["doc"], f.metadata["source"],
                      f.metadata["group"])
    for f in fields(Parameters)
}
# the levers of attempt 2 and the redesign, crossed in factorial designs
LEVERS = ("incentives", "training", "rotation", "cross_evaluation")
# every lever, attempt 1's restructuring included: presets set each of them
ALL_LEVERS = ("restructuring", *LEVERS)
# Parameters read only once the levers are on, never during the warm-up, so that lever
# settings can share a warm-up (InterLodgeModel.warm_up; tests/test_warm_up.py checks it).
LEVER_SIDE = (*ALL_LEVERS, "role_clarity", "cross_evaluation_weight", "rotation_period_days",
              "incentive_bonus", "incentive_occupancy_target", "incentive_occupancy_threshold",
              "training_cost", "training_days", "training_skill")


def default_parameters() -> dict[str, Any]:
    """The default value of every parameter."""
    return {name: p.default for name, p in PARAMETERS.items()}


def suggest(name: str) -> str:
    """A ' (did you mean X?)' hint for an unknown parameter name, or ''."""
    close = difflib.get_close_matches(name, PARAMETERS, n=1, cutoff=0.5)
    return f" (did you mean {close[0]}?)" if close else ""


def validate_parameters(values: dict[str, Any] | None = None) -> dict[str, Any]:
    """Return the complete, validated parameter dict for `values` over the defaults.

    Raises ParameterError (one line) for an unknown name, a wrong type, a value out of its
    range, or values that are inconsistent with one another.
    """
    clean = default_parameters()
    for name, value in (values or {}).items():
        if name not in PARAMETERS:
            raise ParameterError(f"unknown parameter {name!r}{suggest(name)}")
        clean[name] = PARAMETERS[name].coerce(value)
    _check_consistency(clean)
    return clean


def _check_consistency(p: dict[str, Any]) -> None:
    staff = p["receptionists"] + p["housekeepers"] + p["technicians"]
    if staff > p["rooms"]:
        raise ParameterError(
            f"receptionists + housekeepers + technicians = {staff} is more staff than "
            f"rooms = {p['rooms']}; the hotel must have more rooms than staff"
        )
    if p["floors"] > p["rooms"]:
        raise ParameterError(f"floors = {p['floors']} exceeds rooms = {p['rooms']}")
    if p["incentive_occupancy_threshold"] >= p["incentive_occupancy_target"]:
        raise ParameterError(
            "incentive_occupancy_threshold must be below incentive_occupancy_target "
            f"(got {p['incentive_occupancy_threshold']} >= {p['incentive_occupancy_target']})"
        )
    levels = [p[f"satisfaction_{k}"] for k in ("no_problem", "prevented", "resolved",
                                                  "unresolved")]
    if levels != sorted(levels, reverse=True) or levels[0] == levels[-1]:
        raise ParameterError(
            "satisfaction_no_problem >= satisfaction_prevented >= satisfaction_resolved >= "
            "satisfaction_unresolved must hold, with no_problem above unresolved "
            f"(got {', '.join(f'{v:g}' for v in levels)})")
    if p["return_intent_disappointed"] > p["return_intent_delighted"]:
        raise ParameterError(
            "return_intent_disappointed must not exceed return_intent_delighted "
            f"(got {p['return_intent_disappointed']} > {p['return_intent_delighted']})")
    if p["return_delay_min_days"] >= p["return_delay_max_days"]:
        raise ParameterError(
            "return_delay_min_days must be below return_delay_max_days "
            f"(got {p['return_delay_min_days']} >= {p['return_delay_max_days']})")
    shortest_room = p["stayover_minutes"] + p["room_overhead_minutes"]
    if p["housekeeper_quota"] * shortest_room > 2 * p["shift_minutes"]:
        raise ParameterError(
            f"housekeeper_quota = {p['housekeeper_quota']} rooms cannot be cleaned in "
            f"{p['shift_minutes']:g} minutes even with overtime; lower it or lengthen the shift"
        )
