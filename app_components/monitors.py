"""Monitors: the hotel's figures now, and how they moved since the levers were switched on."""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

import solara

from model import METRICS

from .hotel_state import Simulation

WINDOW = 30  # days averaged: daily figures are noisy, a month is what a manager looks at


@dataclass(frozen=True)
class Figure:
    """One monitor: a label, the value shown, and a line of explanation or change."""

    label: str
    value: str
    note: str
    tip: str = ""


def window_mean(rows: list[dict], column: str, first: bool = False) -> float:
    """Mean of `column` over the last (or first) WINDOW finished days, NaN days skipped."""
    chosen = rows[:WINDOW] if first else rows[-WINDOW:]
    values = [row[column] for row in chosen if not math.isnan(row[column])]
    return sum(values) / len(values) if values else math.nan


def change(rows: list[dict], column: str, fmt: str) -> str:
    """'was X in the first 30 days' once there is a later month to compare with."""
    if len(rows) < 2 * WINDOW:
        return f"mean of the last {min(len(rows), WINDOW)} days" if rows else "no full day yet"
    return f"first {WINDOW} days: {fmt.format(window_mean(rows, column, first=True))}"


def show(value: float, fmt: str) -> str:
    return "n/a" if math.isnan(value) else fmt.format(value)


def hotel_figures(model) -> list[Figure]:
    """The monitors of `model`, computed under the simulation's lock by the caller."""
    today = model.today()
    rows = model.rows

    def monthly(label: str, column: str, fmt: str) -> Figure:
        return Figure(label, show(window_mean(rows, column), fmt), change(rows, column, fmt),
                      METRICS[column][1])

    return [
        Figure("Date", f"Day {today['day']}, {today['hour']:02d}:00",
               "day 0 = levers switched on"),
        Figure("Occupancy now", f"{today['occupancy']:.0%}", "rooms with a guest"),
        monthly("Average rate", "adr", "{:.0f} EUR"),
        monthly("Gross margin", "gross_margin", "{:.1%}"),
        Figure("Complaints today", str(today["complaints"]),
               f"{today['moves']} moved, {today['rebates_given']} rebated, "
               f"{today['repairs_on_complaint']} repaired"),
        Figure("Held rooms", str(today["held_rooms"]), "kept unsold tonight by reception"),
        monthly("Housekeepers' report rate", "housekeeper_report_rate", "{:.0%}"),
        monthly("Guest satisfaction", "guest_satisfaction", "{:.0f} / 1000"),
    ]


@solara.component
def FigureCard(figure: Figure):
    """One monitor as a small card: label, big value, note."""
    with solara.Card(margin=0, style="min-width: 150px; flex: 1; padding: 6px 10px"):
        solara.HTML(tag="div", unsafe_innerHTML=escape(figure.label),
                    style="font-size: 12px; color: #4b5563", attributes={"title": figure.tip})
        solara.HTML(tag="div", unsafe_innerHTML=escape(figure.value),
                    style="font-size: 22px; font-weight: 600", classes=["monitor-value"])
        solara.HTML(tag="div", unsafe_innerHTML=escape(figure.note),
                    style="font-size: 11px; color: #6b7280")


@solara.component
def Monitors(simulation: Simulation, index: int = 0):
    """A row of monitors for hotel `index` of `simulation`."""
    simulation.version.value  # noqa: B018 - subscribe: redraw after every step
    with simulation.lock:
        figures = hotel_figures(simulation.models[index])
    with solara.Row(gap="8px", style="flex-wrap: wrap"):
        for figure in figures:
            FigureCard(figure)
