"""The model interface: one run of the hotel, the unit every command and experiment is built
from, and the parsing of parameter assignments given on the command line.

Only this module (and the commands' validation of input) builds the model: experiments see a
run as parameters, days and a seed in, a daily table out.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from model import InterLodgeModel, preset_parameters

DEFAULT_DAYS = 540  # the case's 18 months
MAX_DAYS = 20 * 365  # a run's daily table and time stay small (about 7 s and 3 MB a run)


def simulate(preset: str = "baseline", overrides: dict[str, Any] | None = None,
             days: int = DEFAULT_DAYS, seed: int | None = 0) -> pd.DataFrame:
    """Run one hotel under `preset` (plus `overrides`) for `days`; return its daily table."""
    return run_hotel(preset_parameters(preset, overrides), days, seed)


def run_hotel(parameters: dict[str, Any], days: int, seed: int | None) -> pd.DataFrame:
    """The run behind every experiment run. `parameters` is a complete parameter set, so no
    preset is involved: every lever is set explicitly."""
    hotel = InterLodgeModel(rng=seed, **parameters)
    hotel.run_days(days)
    return hotel.daily_table()


def parse_assignments(pairs: list[str] | None) -> dict[str, str]:
    """Turn ["rooms=120", "rotation=true"] into {"rooms": "120", "rotation": "true"};
    values stay text and are typed by the parameter validation. A key given twice is refused:
    which of the two was meant cannot be guessed."""
    result = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"--set expects key=value, got {pair!r}")
        if key.strip() in result:
            raise ValueError(f"--set {key.strip()} is given twice; give each parameter once")
        result[key.strip()] = value.strip()
    return result
