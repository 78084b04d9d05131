"""The model interface: one run of the hotel, the unit every command and experiment is built
from, and the parsing of parameter assignments given on the command line.

Only this module (and the commands' validation of input) builds the model: experiments see a
run as parameters, days and a seed in, a daily table out. The hotel itself (Mesa, numpy,
pandas) is imported by the first run, so that the command line, which reads the defaults
here, starts at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from model import LEVER_SIDE, preset_parameters

if TYPE_CHECKING:
    import pandas as pd

DEFAULT_DAYS = 540  # the case's 18 months
DEFAULT_WINDOW = (DEFAULT_DAYS - 90, DEFAULT_DAYS)  # its last quarter: where levers are judged
# nobody reads the staff's reasons in a run reduced to its daily table: building them would
# cost time (the numbers are the same: tests/test_golden.py)
NO_DECISION_LOG = {"decision_log_length": 0}
MAX_DAYS = 20 * 365  # a run's time and daily table stay small (seconds, a few MB)


def simulate(preset: str = "baseline", overrides: dict[str, Any] | None = None,
             days: int = DEFAULT_DAYS, seed: int | None = 0) -> pd.DataFrame:
    """Run one hotel under `preset` (plus `overrides`) for `days`; return its daily table."""
    return run_hotel(preset_parameters(preset, overrides), days, seed)


def run_hotel(parameters: dict[str, Any], days: int, seed: int | None,
              warm_ups: dict | None = None) -> pd.DataFrame:
    """The run behind every experiment run, as its daily table. `parameters` is a complete
    parameter set, so no preset is involved: every lever is set explicitly.

    warm_ups: a cache kept by a worker across the runs it is given together; a run starts
    from a copy of the warm-up it shares with them (same seed, same parameters but the
    lever-side ones) instead of warming up again. The numbers are those of a full run.
    """
    return _hotel_after(parameters, days, seed, warm_ups).daily_table()


def run_hotel_columns(parameters: dict[str, Any], days: int, seed: int | None,
                      warm_ups: dict | None = None) -> dict[str, list[float]]:
    """`run_hotel`, its daily table as columns (`InterLodgeModel.daily_columns`): what an
    experiment's worker reduces and stores without pandas."""
    return _hotel_after(parameters, days, seed, warm_ups).daily_columns()


def _hotel_after(parameters: dict[str, Any], days: int, seed: int | None,
                 warm_ups: dict | None):
    """The hotel of `parameters` and `seed` after `days` (see `run_hotel`)."""
    from model import InterLodgeModel

    parameters = parameters | NO_DECISION_LOG
    if warm_ups is None or seed is None:  # no seed: every hotel is its own draw
        hotel = InterLodgeModel(rng=seed, **parameters)
    else:
        key = warm_up_key(parameters, seed)
        if key not in warm_ups:
            warm_ups.clear()  # runs come grouped by warm-up: one is enough to keep
            warm_ups[key] = InterLodgeModel.warm_up(rng=seed, **parameters)
        hotel = warm_ups[key].with_levers(**{name: parameters[name] for name in LEVER_SIDE})
    hotel.run_days(days)
    return hotel


def warm_up_key(parameters: dict[str, Any], seed: int | None) -> tuple:
    """Runs with equal keys have the same warm-up: the same seed and the same parameters
    apart from the lever-side ones (which the warm-up never reads)."""
    return seed, tuple(sorted((name, value) for name, value in parameters.items()
                              if name not in LEVER_SIDE))


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
