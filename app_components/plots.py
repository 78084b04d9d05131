"""Live plots of the daily table: margin, occupancy and rate, complaints, reporting, satisfaction.

Altair (Vega-Lite) draws in the browser from a small data table, so a redraw costs the server
little, and the charts stay crisp and show values on hover. Lines are 7-day means: single days
jump about too much (weekends, conferences) to read a trend in a room full of people.
"""

from __future__ import annotations

import time
from html import escape

import altair as alt
import pandas as pd
import solara

from model import METRICS

from .hotel_state import Simulation

SMOOTHING_DAYS = 7
MAX_POINTS = 400  # beyond this many days, plot every n-th day: the payload stays small
WIDTH, HEIGHT = 340, 160
REDRAW_SECONDS = 1.0


def trend_table(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    """7-day means of `columns` by day, thinned out for long runs."""
    table = pd.DataFrame(rows, columns=["day", *columns])
    smooth = table[columns].rolling(SMOOTHING_DAYS, min_periods=1).mean()
    smooth.insert(0, "day", table["day"])
    step = max(1, len(smooth) // MAX_POINTS + (len(smooth) % MAX_POINTS > 0))
    return smooth.iloc[::-step][::-1]  # keep the latest day whatever the thinning


def lines(table: pd.DataFrame, series: dict[str, str], axis: str, fmt: str,
          colours: list[str] | None = None) -> alt.Chart:
    """One line per column of `table` in `series` (column -> label), on one y axis."""
    long = table.melt("day", value_vars=list(series), var_name="series", value_name="value")
    long["series"] = long["series"].map(series)
    colour = alt.Color("series:N", title=None, legend=alt.Legend(orient="bottom"),
                       scale=alt.Scale(domain=list(series.values()), range=colours)
                       if colours else alt.Undefined)
    return alt.Chart(long).mark_line(strokeWidth=2).encode(
        x=alt.X("day:Q", title="day", axis=alt.Axis(format="d", tickMinStep=1)),
        y=alt.Y("value:Q", title=axis, axis=alt.Axis(format=fmt), scale=alt.Scale(zero=False)),
        color=colour,
        tooltip=["series:N", "day:Q", alt.Tooltip("value:Q", format=fmt)],
    )


def trend_chart(rows: list[dict], title: str, left: tuple, right: tuple | None = None,
                rule: float | None = None) -> alt.Chart:
    """A chart of 7-day means with one axis, or two (left and right) for different units.

    `left` and `right` are (series, axis title, number format, colours); `rule` draws a
    horizontal reference line on the left axis (e.g. zero).
    """
    columns = [*left[0], *(right[0] if right else [])]
    table = trend_table(rows, columns)
    chart = lines(table, *left)
    if rule is not None:
        chart = alt.layer(chart, alt.Chart(pd.DataFrame({"value": [rule]})).mark_rule(
            color="#6b7280", strokeDash=[4, 4]).encode(y="value:Q"))
    if right is not None:
        chart = alt.layer(chart, lines(table, *right)).resolve_scale(y="independent",
                                                                     color="independent")
    return chart.properties(title=title, width=WIDTH, height=HEIGHT)


HOTEL_CHARTS = (
    ("Gross margin", ({"gross_margin": "gross margin"}, "share of net revenue", ".0%",
                      ["#15803d"]), None),
    ("Occupancy and average rate", ({"occupancy": "occupancy"}, "share of rooms", ".0%",
                                    ["#1d4ed8"]),
     ({"adr": "average rate (EUR)"}, "EUR per room-night", ".1f", ["#b45309"])),
    ("Complaints and how they end", ({"complaints": "complaints", "moves": "guest moved",
                                      "rebates_given": "rebate given",
                                      "repairs_on_complaint": "repaired"},
                                     "per day", ".1f",
                                     ["#b91c1c", "#7c3aed", "#d97706", "#15803d"]), None),
    ("Housekeepers' reporting and maintenance response",
     ({"housekeeper_report_rate": "report rate"}, "share reported", ".0%", ["#0f766e"]),
     ({"maintenance_response_hours": "response (hours)"}, "hours to repair", ".0f",
      ["#9d174d"])),
    ("Guest satisfaction", ({"guest_satisfaction": "satisfaction", "reputation": "reputation"},
                            "0-1000", ".0f", ["#2563eb", "#9ca3af"]), None),
)


def use_chart_specs(simulation: Simulation, make_charts) -> list[dict]:
    """Vega-Lite specs of `make_charts()`, remade when a day has finished.

    While playing, at most once every REDRAW_SECONDS: charts are the costliest part of a frame
    and a room of sessions shares one server. When paused, at once.
    """
    playing = simulation.playing.value
    with simulation.lock:
        key = (simulation.generation.value, len(simulation.model.rows))
    shown = solara.use_ref((0.0, None))  # (when, key) of the charts on the page
    now = time.monotonic()
    if key != shown.current[1] and (not playing or now - shown.current[0] >= REDRAW_SECONDS):
        shown.current = (now, key)

    def specs():
        with simulation.lock:
            return [chart.to_dict() for chart in make_charts()]

    return solara.use_memo(specs, [shown.current[1]])


@solara.component
def VegaLiteSpecs(specs: list[dict]):
    """Charts from ready-made specs (solara.FigureAltair would convert them on every render)."""
    with solara.Row(gap="12px", style="flex-wrap: wrap"):
        for spec in specs:
            solara.widgets.VegaLite.element(spec=spec)


@solara.component
def Plots(simulation: Simulation):
    """The five live charts of the main hotel."""
    simulation.version.value  # noqa: B018 - subscribe to steps

    def charts():
        rows = simulation.model.rows
        return [trend_chart(rows, title, left, right) for title, left, right in HOTEL_CHARTS]

    specs = use_chart_specs(simulation, charts)
    if not simulation.model.rows:
        solara.Info("The charts start when the first day has finished: press Play or Step.")
        return
    VegaLiteSpecs(specs)
    solara.HTML(tag="div", style="font-size: 12px; color: #6b7280", unsafe_innerHTML=escape(
        f"{SMOOTHING_DAYS}-day means. Report rate: {METRICS['housekeeper_report_rate'][1]}"))
