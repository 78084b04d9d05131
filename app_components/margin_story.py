"""The margin story: the hotel's gross margin over a rolling month, against the same hotel
with no lever (same seed, so the same guests and demand), and where the gap comes from.

A day's or a week's margin swings by several points (weekends, conferences, a costly repair),
as much as the redesign's whole effect; a month's margin, weighted by revenue as the project
defines a period's margin ((revenue - costs) / revenue over the period), shows the trend. The
"no lever" line advances with the hotel, so the gain is read off directly as the gap.
"""

from __future__ import annotations

import functools
import math

import altair as alt
import pandas as pd

from model import margin_bridge

from .plots import HEIGHT, TABLE, WIDTH, thinned

WINDOW_DAYS = 30
THIS, GHOST = "this hotel", "same seed, no lever"
MIN_BRIDGE_DAYS = 30  # a shorter bridge is mostly noise
SMALL_CHANGE = 0.0005  # channels below 0.05 points are left out of the bridge chart
KIND_WORDS = {  # the bridge's kinds of channel, in a participant's words (model/bridge.py)
    "direct": "the staff's own decisions",  # rooms released, discounts, rebates, costs
    "market": "the guests' answer",  # demand, returning guests, a rate set by reputation
}


def rolling_margin(rows: list[dict], window: int = WINDOW_DAYS) -> pd.Series:
    """Day by day, the margin of the last `window` days (fewer at the start)."""
    table = pd.DataFrame(rows, columns=["net_revenue", "costs"])
    revenue = table["net_revenue"].rolling(window, min_periods=1).sum()
    costs = table["costs"].rolling(window, min_periods=1).sum()
    return ((revenue - costs) / revenue.where(revenue > 0)).astype(float)


def period_margin(rows: list[dict]) -> float:
    """(revenue - costs) / revenue over `rows` (NaN without revenue)."""
    revenue = sum(row["net_revenue"] for row in rows)
    costs = sum(row["costs"] for row in rows)
    return (revenue - costs) / revenue if revenue > 0 else math.nan


def margin_records(rows: list[dict], ghost_rows: list[dict] | None) -> list[dict]:
    """The margin chart's data: day, this hotel's and the no-lever hotel's monthly margin."""
    table = pd.DataFrame({"day": [row["day"] for row in rows], THIS: rolling_margin(rows)})
    table[GHOST] = rolling_margin(ghost_rows[:len(rows)]) if ghost_rows else math.nan
    table = thinned(table).round(4).astype(object)
    return table.where(table.notna(), None).to_dict("records")


@functools.cache
def margin_template(ghost: bool) -> dict:
    """The margin chart without data: the hotel, the no-lever line, the levers' day."""
    series = [THIS, GHOST] if ghost else [THIS]
    lines = alt.Chart(TABLE).transform_fold(series, as_=["series", "margin"]).mark_line(
        strokeWidth=2.5).encode(
        x=alt.X("day:Q", title="day (0 = levers switched on)",
                axis=alt.Axis(format="d", tickMinStep=1)),
        y=alt.Y("margin:Q", title="margin, last 30 days", axis=alt.Axis(format=".0%"),
                scale=alt.Scale(zero=False)),
        color=alt.Color("series:N", title=None, legend=alt.Legend(orient="bottom"),
                        scale=alt.Scale(domain=series, range=["#15803d", "#4b5563"])),
        strokeDash=alt.StrokeDash("series:N", legend=None, scale=alt.Scale(
            domain=series, range=[[1, 0], [6, 4]])),
        tooltip=["series:N", "day:Q", alt.Tooltip("margin:Q", format=".1%")])
    marker = alt.Chart(alt.Data(values=[{"day": 0, "text": "levers on"}]))
    made = alt.layer(
        lines,
        marker.mark_rule(color="#1f2937", strokeDash=[2, 2]).encode(x="day:Q"),
        marker.mark_text(align="left", dx=4, dy=-4, baseline="top", color="#1f2937",
                         fontSize=11).encode(x="day:Q", y=alt.value(0), text="text:N"))
    return made.properties(title="Gross margin over the last 30 days", width=WIDTH,
                           height=HEIGHT).to_dict()


def margin_spec(rows: list[dict], ghost_rows: list[dict] | None) -> dict:
    return {**margin_template(bool(ghost_rows)),
            "datasets": {TABLE.name: margin_records(rows, ghost_rows)}}


def bridge_records(rows: list[dict], ghost_rows: list[dict]) -> list[dict]:
    """The margin bridge from the no-lever hotel to this one since day 0, channels of at
    least SMALL_CHANGE; [] until MIN_BRIDGE_DAYS days have passed."""
    if len(rows) < MIN_BRIDGE_DAYS:
        return []
    scenario, reference = pd.DataFrame(rows), pd.DataFrame(ghost_rows[:len(rows)])
    try:
        bridge = margin_bridge(scenario, reference)
    except ValueError:  # no revenue yet: no margin to explain
        return []
    bridge = bridge[bridge["change"].abs() >= SMALL_CHANGE].reset_index()
    bridge["kind"] = bridge["kind"].map(KIND_WORDS)
    return bridge.round(5).to_dict("records")


@functools.cache
def bridge_template() -> dict:
    bars = alt.Chart(TABLE).mark_bar().encode(
        y=alt.Y("channel:N", title=None, sort=alt.SortField("change", order="descending")),
        # points of margin, not per cent of something: '+0.5 pt'
        x=alt.X("change:Q", title="margin points gained (+) or lost (-)",
                axis=alt.Axis(labelExpr="format(datum.value * 100, '+.2~f') + ' pt'")),
        color=alt.Color("kind:N", title="what moved it", legend=alt.Legend(orient="bottom"),
                        scale=alt.Scale(domain=list(KIND_WORDS.values()),
                                        range=["#1d4ed8", "#b45309"])),
        tooltip=[alt.Tooltip("channel:N", title="what"), alt.Tooltip("kind:N", title="by"),
                 alt.Tooltip("change:Q", title="margin points", format="+.2%")])
    return bars.properties(title="Where the gap comes from (since day 0)", width=WIDTH - 80,
                           height=HEIGHT).to_dict()


def bridge_spec(rows: list[dict], ghost_rows: list[dict]) -> dict | None:
    records = bridge_records(rows, ghost_rows)
    return {**bridge_template(), "datasets": {TABLE.name: records}} if records else None
