"""The InterLodge hotel model: parameters, presets, the hotel and its daily metrics.

Names are imported on first use (PEP 562), so that reading parameters and presets (the
command line's `--help`, argument checks) does not load Mesa, numpy and pandas.
"""

from importlib import import_module
from typing import TYPE_CHECKING

_WHERE = {
    "ALL_LEVERS": ".parameters",
    "LEVERS": ".parameters",
    "LEVER_SIDE": ".parameters",
    "PARAMETERS": ".parameters",
    "ParameterError": ".parameters",
    "Parameters": ".parameters",
    "validate_parameters": ".parameters",
    "PRESETS": ".presets",
    "PRESET_DESCRIPTIONS": ".presets",
    "preset_parameters": ".presets",
    "METRICS": ".metrics",
    "HOURS_PER_DAY": ".clock",
    "DAY_SHIFT_START": ".clock",
    "MAINTENANCE_END": ".clock",
    "RECEPTION_SHIFTS": ".clock",
    "ROOM_STATES": ".building",
    "InterLodgeModel": ".hotel",
    "margin_bridge": ".bridge",
    "Situation": "agents.context",
}
__all__ = [
    "ALL_LEVERS",
    "DAY_SHIFT_START",
    "HOURS_PER_DAY",
    "LEVERS",
    "LEVER_SIDE",
    "MAINTENANCE_END",
    "METRICS",
    "PARAMETERS",
    "PRESETS",
    "PRESET_DESCRIPTIONS",
    "RECEPTION_SHIFTS",
    "ROOM_STATES",
    "InterLodgeModel",
    "ParameterError",
    "Parameters",
    "Situation",
    "margin_bridge",
    "preset_parameters",
    "validate_parameters",
]

if TYPE_CHECKING:
    from agents.context import Situation

    from .bridge import margin_bridge
    from .building import ROOM_STATES
    from .clock import DAY_SHIFT_START, HOURS_PER_DAY, MAINTENANCE_END, RECEPTION_SHIFTS
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


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'model' has no attribute {name!r}")
    value = getattr(import_module(_WHERE[name], __name__), name)
    globals()[name] = value  # once found, a plain attribute
    return value


def __dir__():
    return __all__
