"""One simulation run, the unit every command and experiment is built from."""

from __future__ import annotations

from typing import Any

import pandas as pd

from model import InterLodgeModel, preset_parameters

DEFAULT_DAYS = 540  # the case's 18 months


def simulate(preset: str = "baseline", overrides: dict[str, Any] | None = None,
             days: int = DEFAULT_DAYS, seed: int | None = 0) -> pd.DataFrame:
    """Run one hotel under `preset` (plus `overrides`) for `days`; return its daily table."""
    hotel = InterLodgeModel(rng=seed, **preset_parameters(preset, overrides))
    hotel.run_days(days)
    return hotel.daily_table()


def parse_assignments(pairs: list[str] | None) -> dict[str, str]:
    """Turn ["rooms=120", "rotation=true"] into {"rooms": "120", "rotation": "true"};
    values stay text and are typed by the parameter validation."""
    result = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"--set expects key=value, got {pair!r}")
        result[key.strip()] = value.strip()
    return result
