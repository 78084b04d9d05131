"""Outcomes: what an experiment measures, each defined once with its reduction over a period.

The model reports one row per day (model.METRICS). A researcher asks about periods: the margin
of the last quarter, the occupancy of the first year. Every outcome here is a ratio of sums
over the days of the period, numerator / denominator, so that a period's value weighs each
day by what it contributes:

- gross margin: (sum net revenue - sum costs) / sum net revenue. Loss days count; a day with
  no revenue is no reason to leave its costs out (a mean of daily margins would overweight
  slow days and drop the days whose margin is undefined);
- per-event means (response time, satisfaction) weigh each day by its events (repairs,
  departures), so a day with none weighs nothing instead of being silently dropped;
- daily levels (occupancy, held rooms, complaints a day) are the plain mean of the days, and
  a missing value makes the period's value missing rather than disappearing.

Every consumer uses these definitions: the worker's per-run summary, `interlodge analyze`
(point means, paired effects, factorial effects, Sobol and Morris indices), the report's time
courses, the story and the validation. The same definitions reduce one run, a window of it,
or many runs grouped by period (`period_values`), because sums add up.

A table here is a pandas DataFrame or a mapping of metric names to numpy arrays (a run's
`InterLodgeModel.daily_columns` as arrays, `last_days`): the per-day terms are numpy
operations, which work on both, so that an experiment's workers reduce their runs without
loading pandas (experiments.worker_imports) and every other consumer gets the same values.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

import numpy as np

from model import METRICS

if TYPE_CHECKING:
    import pandas as pd

# pandas is imported where a DataFrame is built, not here: the store reads only the outcomes'
# names (its runs table's columns), an experiment's main process starts its workers first, and
# its workers reduce runs as numpy arrays
Table = Union["pd.DataFrame", Mapping[str, np.ndarray]]
Column = Callable[[Table], "np.ndarray | pd.Series"]  # a per-day term of a table


@dataclass(frozen=True)
class Outcome:
    """One outcome: its value over a period is sum(numerator) / sum(denominator).

    name: the column name in runs tables and the value of `--outcome`.
    unit, description: for people (docs/experiments.md, figure labels).
    numerator, denominator: per-day terms, computed from the daily table (see the module's
        docstring: numpy operations on its columns).
    """

    name: str
    unit: str
    description: str
    numerator: Column
    denominator: Column

    def terms(self, table: pd.DataFrame) -> pd.DataFrame:
        """The per-day numerator and denominator, to be summed over any grouping of days."""
        import pandas as pd

        return pd.DataFrame({"numerator": self.numerator(table),
                             "denominator": self.denominator(table)}, index=table.index)

    def over(self, table: Table) -> float:
        """The outcome over all the rows of `table` (one run, or a window of it): the sums
        of `terms`, without building its table (a worker reduces every run to some 80 of
        these; the table cost three quarters of the time). A missing value in the numerator
        makes the outcome missing; the denominator's sum skips them (pandas' `sum`)."""
        return _ratio(np.sum(np.asarray(self.numerator(table))),
                      np.nansum(np.asarray(self.denominator(table))))


def _column(name: str) -> Column:
    return lambda table: table[name]


def _days(table: Table) -> np.ndarray:
    return np.ones(len(table[next(iter(table))]))  # rows, for a DataFrame or a mapping


def _weighted(value: str, weight: str) -> tuple[Column, Column]:
    """A per-event daily mean `value` over `weight` events: days weigh by their events."""
    return (lambda t: np.where(t[weight] > 0, t[value] * t[weight], 0.0), _column(weight))


def _defined_days(value: str) -> tuple[Column, Column]:
    """The mean of `value` over the days it is defined. Only for rates whose daily
    denominator is not in the table and which are undefined exactly when there was nothing to
    measure that day (no defect in the rooms cleaned, no order from reception repaired)."""
    return (lambda t: np.where(np.isnan(t[value]), 0.0, t[value]),
            lambda t: (~np.isnan(np.asarray(t[value]))).astype(float))


def _mean(name: str, description: str | None = None) -> Outcome:
    unit, text = METRICS[name]
    return Outcome(name, unit, description or f"Mean over the days: {text}",
                   _column(name), _days)


_SPECIAL = [
    Outcome("gross_margin", "share",
            "(sum net_revenue - sum costs) / sum net_revenue over the period, loss days "
            "included.",
            lambda t: t["net_revenue"] - t["costs"], _column("net_revenue")),
    Outcome("rebate_share", "share", "sum rebates / sum room_revenue over the period.",
            _column("rebates"), _column("room_revenue")),
    Outcome("adr", "EUR", "Average daily rate: sum room_revenue / occupied room-nights.",
            _column("room_revenue"), _column("rooms_sold")),
    Outcome("complaints_per_room_night", "complaints",
            "sum complaints / occupied room-nights over the period.",
            _column("complaints"), _column("rooms_sold")),
    Outcome("rebates_per_complaint", "complaints",
            "Complaints ended with a rebate / complaints over the period.",
            _column("rebates_given"), _column("complaints")),
    Outcome("guest_share_of_first_finds", "share",
            "Defects first found by guests / defects first found by guests or housekeepers.",
            _column("defects_found_by_guests"),
            lambda t: t["defects_found_by_guests"] + t["defects_found_by_housekeeping"]),
    Outcome("housekeeper_report_rate", "share",
            "Mean over the days with a defect to find in the rooms cleaned: "
            + METRICS["housekeeper_report_rate"][1], *_defined_days("housekeeper_report_rate")),
    Outcome("reception_response_hours", "hours",
            "Mean over the days with an order from reception repaired: time from work order "
            "to repair.", *_defined_days("reception_response_hours")),
    Outcome("maintenance_response_hours", "hours",
            "Mean time from work order to repair, over the orders repaired in the period.",
            *_weighted("maintenance_response_hours", "repairs")),
    Outcome("guest_satisfaction", "0-1000",
            "Mean satisfaction of the guests who left in the period.",
            *_weighted("guest_satisfaction", "departures")),
    Outcome("rooms_per_housekeeper_shift", "rooms",
            "Rooms cleaned / housekeeper shifts worked in the period.",
            *_weighted("rooms_per_housekeeper_shift", "housekeeper_shifts")),
    Outcome("housekeeper_check_rate", "share",
            "Rooms whose equipment was checked / rooms cleaned in the period.",
            lambda t: np.where(t["housekeeper_shifts"] > 0, t["housekeeper_check_rate"]
                               * t["rooms_per_housekeeper_shift"] * t["housekeeper_shifts"],
                               0.0),
            lambda t: np.where(t["housekeeper_shifts"] > 0,
                               t["rooms_per_housekeeper_shift"] * t["housekeeper_shifts"], 0.0)),
]
for _metric in METRICS:
    if _metric.startswith("satisfaction_"):
        _SPECIAL.append(Outcome(
            _metric, "0-1000", f"Mean satisfaction of departing guests whose stay was "
            f"'{_metric.removeprefix('satisfaction_').replace('_', ' ')}'.",
            *_weighted(_metric, _metric.replace("satisfaction_", "departures_"))))

_special = {outcome.name: outcome for outcome in _SPECIAL}
# every daily metric is an outcome (its mean over the days unless defined above), plus the
# outcomes that only exist over periods; in that order in runs tables
OUTCOMES: dict[str, Outcome] = {
    name: _special.get(name) or _mean(name) for name in METRICS if name != "day"
} | {name: o for name, o in _special.items() if name not in METRICS}


def summarise(table: Table) -> dict[str, float]:
    """Every outcome over all the rows of `table`."""
    return {name: outcome.over(table) for name, outcome in OUTCOMES.items()}


def last_days(table: Table | Mapping[str, list], days: int) -> dict[str, np.ndarray]:
    """The last `days` rows of `table` (a DataFrame, or columns as sequences: the model's
    `daily_columns`), as numpy arrays by column: a worker's per-run summary is
    `summarise(last_days(daily, summary_days))`."""
    arrays = {name: np.asarray(table[name]) for name in table}
    return {name: values[max(0, len(values) - days):] for name, values in arrays.items()}


def outcome(name: str) -> Outcome:
    """The outcome called `name`; an unknown name is one line naming the choices' source."""
    if name not in OUTCOMES:
        raise ValueError(f"unknown outcome {name!r}; see the outcomes in docs/experiments.md")
    return OUTCOMES[name]


def period_values(table: pd.DataFrame, name: str, keys: list[str]) -> pd.Series:
    """Outcome `name` per group of `keys` (e.g. run and period): sums of the terms per group,
    then their ratio, so one pass reduces any number of runs and periods."""
    terms = outcome(name).terms(table)
    terms[keys] = table[keys]
    sums = terms.groupby(keys).agg(numerator=("numerator", lambda s: s.sum(skipna=False)),
                                   denominator=("denominator", "sum"))
    with np.errstate(divide="ignore", invalid="ignore"):
        values = sums["numerator"] / sums["denominator"].where(sums["denominator"] != 0)
    return values.rename(name)


# --- windows of days and sets of runs (the story and the validation) ---------------------
def window(table: pd.DataFrame, days: tuple[int, int]) -> pd.DataFrame:
    """The rows of days `days[0]` (included) to `days[1]` (excluded)."""
    return table[(table["day"] >= days[0]) & (table["day"] < days[1])]


def mean_of(tables: list[pd.DataFrame], name: str, days: tuple[int, int]) -> float:
    """Mean over runs (e.g. seeds) of each run's outcome `name` over `days`."""
    return float(np.mean([outcome(name).over(window(t, days)) for t in tables]))


def total_of(tables: list[pd.DataFrame], column: str,
             days: tuple[int, int] = (0, 10**9)) -> float:
    """Sum of a daily count over runs and days."""
    return float(sum(window(t, days)[column].sum() for t in tables))


def _ratio(numerator: float, denominator: float) -> float:
    return float(numerator / denominator) if denominator else float("nan")
