"""The InterLodge hotel model: parameters, presets, the hotel and its daily metrics."""

from agents import Situation

from .bridge import margin_bridge
from .hotel import InterLodgeModel
from .metrics import METRICS
from .parameters import (
    ALL_LEVERS,
    LEVER_SIDE,
    LEVERS,
    PARAMETERS,
    ParameterError,
    Parameters,
    validate_parameters,
)
from .presets import PRESET_DESCRIPTIONS, PRESETS, preset_parameters

__all__ = [
    "ALL_LEVERS",
    "LEVERS",
    "LEVER_SIDE",
    "METRICS",
    "PARAMETERS",
    "PRESETS",
    "PRESET_DESCRIPTIONS",
    "InterLodgeModel",
    "ParameterError",
    "Parameters",
    "Situation",
    "margin_bridge",
    "preset_parameters",
    "validate_parameters",
]
