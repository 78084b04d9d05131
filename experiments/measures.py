"""Measures over windows of days and over seeds, on the model's daily tables."""

from __future__ import annotations

import numpy as np
import pandas as pd


def window(table: pd.DataFrame, days: tuple[int, int]) -> pd.DataFrame:
    """The rows of days `days[0]` (included) to `days[1]` (excluded)."""
    return table[(table["day"] >= days[0]) & (table["day"] < days[1])]


def margin(table: pd.DataFrame, days: tuple[int, int]) -> float:
    """Gross margin of a period: (net revenue - costs) / net revenue, summed over the days
    (not the mean of daily margins, which would overweight slow days)."""
    part = window(table, days)
    revenue = part["net_revenue"].sum()
    return float((revenue - part["costs"].sum()) / revenue)


def mean_of(tables: list[pd.DataFrame], column: str, days: tuple[int, int]) -> float:
    """Mean over seeds of each run's mean of `column` over `days`."""
    if column == "gross_margin":
        return margin_of(tables, days)
    return float(np.mean([window(t, days)[column].mean() for t in tables]))


def margin_of(tables: list[pd.DataFrame], days: tuple[int, int]) -> float:
    return float(np.mean([margin(t, days) for t in tables]))


def total_of(tables: list[pd.DataFrame], column: str,
             days: tuple[int, int] = (0, 10**9)) -> float:
    return float(sum(window(t, days)[column].sum() for t in tables))
