"""Live plots of the daily table: margin, occupancy and rate, complaints, reporting, satisfaction.

Vega-Lite draws in the browser, so the charts stay crisp and show values on hover. Each chart
is described once with Altair (a template without data); a redraw only puts the new table in
it. Building the charts anew with Altair took 0.3 s, too much for a room of sessions sharing a
server. Lines are 7-day means: single days jump about too much (weekends, conferences) to
read a trend in front of a room.
"""

from __future__ import annotations

import functools
import math
import re
import time
from typing import NamedTuple

import altair as alt
import pandas as pd
import solara

from .hotel_state import Simulation

SMOOTHING_DAYS = 7
MAX_POINTS = 400  # beyond this many days, plot every n-th day: the payload stays small
WIDTH, HEIGHT = 340, 160
REDRAW_SECONDS = 1.0
TABLE = alt.Data(name="table")  # every line layer reads the chart's one named data set


class Axis(NamedTuple):
    """Lines sharing a y axis: (column, label) pairs, axis title, number format, colours."""

    series: tuple[tuple[str, str], ...]
    title: str
    fmt: str
    colours: tuple[str, ...]


class Chart(NamedTuple):
    """A chart of 7-day means with one y axis, or two (left and right) for different units;
    `zero_rule` draws a dashed line at 0 on the left axis; lines are `smoothing_days` means."""

    title: str
    left: Axis
    right: Axis | None = None
    zero_rule: bool = False
    smoothing_days: int = SMOOTHING_DAYS

    def columns(self) -> list[str]:
        return [column for axis in (self.left, self.right) if axis
                for column, _ in axis.series]


HOTEL_CHARTS = (  # after the margin story (margin_story.py)
    Chart("Occupancy and average rate",
          Axis((("occupancy", "occupancy"),), "share of rooms", ".0%", ("#1d4ed8",)),
          Axis((("adr", "average rate (EUR)"),), "EUR per room-night", ".1f", ("#b45309",))),
    Chart("Complaints and how they end",
          Axis((("complaints", "complaints"), ("moves", "guest moved"),
                ("rebates_given", "rebate given"), ("repairs_on_complaint", "repaired")),
               "per day", ".1f", ("#b91c1c", "#7c3aed", "#d97706", "#15803d"))),
    Chart("Housekeepers' reporting and maintenance response",
          Axis((("housekeeper_report_rate", "report rate"),), "share reported", ".0%",
               ("#0f766e",)),
          Axis((("maintenance_response_hours", "response (hours)"),), "hours to repair", ".0f",
               ("#9d174d",))),
    Chart("Guest satisfaction",
          Axis((("guest_satisfaction", "satisfaction"), ("reputation", "reputation")),
               "0-1000", ".0f", ("#2563eb", "#9ca3af"))),
)


def _lines(axis: Axis) -> alt.Chart:
    labels = [label for _, label in axis.series]
    return alt.Chart(TABLE).transform_fold(labels, as_=["series", "value"]).mark_line(
        strokeWidth=2).encode(
        x=alt.X("day:Q", title="day", axis=alt.Axis(format="d", tickMinStep=1)),
        y=alt.Y("value:Q", title=axis.title, axis=alt.Axis(format=axis.fmt),
                scale=alt.Scale(zero=False)),
        color=alt.Color("series:N", title=None, legend=alt.Legend(orient="bottom"),
                        scale=alt.Scale(domain=labels, range=list(axis.colours))),
        tooltip=["series:N", "day:Q", alt.Tooltip("value:Q", format=axis.fmt)],
    )


@functools.cache
def template(chart: Chart) -> dict:
    """The chart's Vega-Lite spec without data (made once per chart)."""
    made = _lines(chart.left)
    if chart.zero_rule:
        rule = alt.Chart(alt.Data(values=[{}])).mark_rule(color="#6b7280", strokeDash=[4, 4])
        made = alt.layer(made, rule.encode(y=alt.datum(0)))
    if chart.right is not None:
        made = alt.layer(made, _lines(chart.right)).resolve_scale(y="independent",
                                                                  color="independent")
    return made.properties(title=chart.title, width=WIDTH, height=HEIGHT).to_dict()


def thinned(table: pd.DataFrame) -> pd.DataFrame:
    """Every n-th row of a long table, at most MAX_POINTS, always keeping the latest day."""
    step = math.ceil(len(table) / MAX_POINTS) or 1
    return table.iloc[::-step][::-1]


def trend_records(rows: list[dict], chart: Chart) -> list[dict]:
    """The chart's data: 7-day means by day, columns named by their labels, thinned out for
    long runs, missing values as None (JSON null: a gap in the line)."""
    columns = chart.columns()
    table = pd.DataFrame(rows, columns=["day", *columns])
    smooth = table[columns].rolling(chart.smoothing_days, min_periods=1).mean()
    smooth.insert(0, "day", table["day"])
    smooth = thinned(smooth)
    labels = {column: label for axis in (chart.left, chart.right) if axis
              for column, label in axis.series}
    smooth = smooth.round(4).rename(columns=labels).astype(object)  # 4 decimals: lighter
    return smooth.where(smooth.notna(), None).to_dict("records")


def spec(chart: Chart, rows: list[dict]) -> dict:
    """The chart's template with `rows` (daily rows of the model, or alike) as its data."""
    return {**template(chart), "datasets": {TABLE.name: trend_records(rows, chart)}}


def labelled(made: dict, label: str, day: int) -> dict:
    """`made` with a subtitle saying which hotel and day (e.g. 'redesign, seed 3, day 240'),
    saved as PNG under a name that says the same: a chart taken out of the app keeps them."""
    title = made["title"]["text"] if isinstance(made.get("title"), dict) else made.get("title")
    name = "-".join(["interlodge", re.sub(r"[^a-z0-9]+", "-", f"{label} day {day} {title}"
                                          .lower()).strip("-")])
    return {**made, "title": {"text": title, "subtitle": f"{label}, day {day}"},
            "usermeta": {"embedOptions": {"downloadFileName": name, "actions": {
                "export": True, "source": False, "compiled": False, "editor": False}}}}


def use_chart_specs(simulation: Simulation, make_specs) -> list[dict]:
    """`make_specs()` (called under the simulation's lock), remade when a day has finished.

    While playing, at most once every REDRAW_SECONDS: the charts are the largest message of a
    frame and a room of sessions shares one server. When paused, at once.
    """
    playing = simulation.playing.value
    with simulation.lock:
        key = (simulation.generation.value, len(simulation.model.rows))
    shown = solara.use_ref((0.0, None))  # (when, key) of the charts on the page
    now = time.monotonic()
    if key != shown.current[1] and (not playing or now - shown.current[0] >= REDRAW_SECONDS):
        shown.current = (now, key)

    def remake():
        with simulation.lock:
            return make_specs()

    return solara.use_memo(remake, [shown.current[1]])


@solara.component
def VegaLiteSpecs(specs: list[dict]):
    """Charts from ready-made specs (solara.FigureAltair would rebuild them on every render)."""
    with solara.Row(gap="12px", style="flex-wrap: wrap"):
        for made in specs:
            solara.widgets.VegaLite.element(spec=made)
