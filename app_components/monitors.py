"""Monitors: the hotel's figures now, and how they moved since the levers were switched on."""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

import solara

from model import METRICS

from .hotel_state import Simulation
from .margin_story import period_margin

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


def change(rows: list[dict], column: str, fmt: str, first=None) -> str:
    """'first 30 days: X' once there is a later month to compare with; `first()` gives X
    (default: the mean of `column`)."""
    if len(rows) < 2 * WINDOW:
        return f"over the last {min(len(rows), WINDOW)} days" if rows else "no full day yet"
    value = first() if first else window_mean(rows, column, first=True)
    return f"first {WINDOW} days: {show(value, fmt)}"


def show(value: float, fmt: str) -> str:
    return "n/a" if math.isnan(value) else fmt.format(value)


def margin_figure(rows: list[dict], ghost_rows: list[dict] | None) -> Figure:
    """The margin over the last 30 days, against the no-lever twin or the first 30 days."""
    recent = period_margin(rows[-WINDOW:])
    if ghost_rows:
        note = f"no lever: {show(period_margin(ghost_rows[-WINDOW:]), '{:.1%}')}"
    else:
        note = change(rows, "gross_margin", "{:.1%}",
                      first=lambda: period_margin(rows[:WINDOW]))
    return Figure("Margin, 30 days", show(recent, "{:.1%}"), note,
                  "(revenue - costs) / revenue over the last 30 days")


def hotel_figures(model, ghost=None) -> list[Figure]:
    """The monitors of `model` (and its no-lever twin `ghost`, if any), computed under the
    simulation's lock by the caller."""
    today = model.today()
    rows = model.rows

    def monthly(label: str, column: str, fmt: str) -> Figure:
        return Figure(label, show(window_mean(rows, column), fmt), change(rows, column, fmt),
                      METRICS[column][1])

    return [
        Figure("Date", f"Day {today['day']}, {today['hour']:02d}:00", "day 0: levers on"),
        Figure("Occupancy now", f"{today['occupancy']:.0%}", "rooms with a guest"),
        monthly("Average rate", "adr", "{:.0f} EUR"),
        margin_figure(rows, ghost.rows if ghost is not None else None),
        Figure("Complaints today", str(today["complaints"]),
               f"{today['moves']} moved, {today['rebates_given']} rebated, "
               f"{today['repairs_on_complaint']} repaired"),
        Figure("Held rooms", str(today["held_rooms"]), "kept unsold tonight"),
        monthly("Report rate", "housekeeper_report_rate", "{:.0%}"),
        monthly("Satisfaction", "guest_satisfaction", "{:.0f} / 1000"),
    ]


def figures_html(figures: list[Figure]) -> str:
    """The monitors as small cards: label, big value, note (hover: the definition)."""
    cards = "".join(
        f'<div title="{escape(f.tip)}" style="background:#fff;border-radius:4px;'
        f'box-shadow:0 1px 3px rgba(0,0,0,.25);padding:2px 6px;line-height:1.25">'
        f'<div style="font-size:12px;color:#374151">{escape(f.label)}</div>'
        f'<div class="monitor-value" style="font-size:16px;font-weight:600;'
        f'white-space:nowrap">'
        f'{escape(f.value)}</div>'
        f'<div style="font-size:11px;color:#4b5563">{escape(f.note)}</div></div>'
        for f in figures)
    # eight in one row on a projector (1280 px and up), fewer and more rows on smaller screens
    return ('<div style="display:grid;grid-template-columns:repeat(auto-fill,minmax(112px,1fr));'
            f'gap:6px;margin:2px 2px 4px">{cards}</div>')


@solara.component
def Monitors(simulation: Simulation, frame: int):
    """The main hotel's monitors, redrawn when `frame` (the version) changes.

    One HTML element: all figures change at once, for the price of one widget update.
    """
    with simulation.lock:
        figures = hotel_figures(simulation.model, simulation.ghost)
    solara.HTML(tag="div", unsafe_innerHTML=figures_html(figures), classes=["monitors"])
