"""The main view of the hotel: how to read it, the monitors, the floor plan and the plots."""

from __future__ import annotations

from html import escape

import solara

from model import METRICS

from .evening_replay import TICKER_CSS, ticker_html
from .floor_plan import FloorPlan
from .hotel_state import Simulation
from .margin_story import bridge_spec, margin_spec
from .monitors import Monitors
from .plots import HOTEL_CHARTS, SMOOTHING_DAYS, VegaLiteSpecs, labelled, spec, use_chart_specs


@solara.component
def HotelView(simulation: Simulation):
    """Monitors, floor plan and plots of the main hotel, redrawn after every step.

    Only this component subscribes to the simulation's version and hands it down: one redraw
    of the view per frame, where three subscribers would cost three.
    """
    frame = simulation.version.value
    Monitors(simulation, frame)
    FloorPlan(simulation, frame)
    if simulation.narrator is not None:
        EveningTicker(simulation, frame)
    Plots(simulation, frame)


@solara.component
def EveningTicker(simulation: Simulation, frame: int):
    """The evening replay's ticker, under the plan whose rooms it names."""
    with simulation.lock:
        shown = ticker_html(simulation.narrator) if simulation.narrator is not None else ""
    solara.Style(TICKER_CSS)
    solara.HTML(tag="div", unsafe_innerHTML=shown, classes=["evening-ticker"])


def hotel_specs(simulation: Simulation) -> list[dict]:
    """The margin story (and its bridge, once there is a no-lever twin and a month), then the
    other charts (called under the simulation's lock)."""
    rows = simulation.model.rows
    ghost = simulation.ghost.rows if simulation.ghost is not None else None
    story = [margin_spec(rows, ghost)]
    bridge = bridge_spec(rows, ghost) if ghost else None
    made = [*story, *([bridge] if bridge else []), *(spec(chart, rows) for chart in HOTEL_CHARTS)]
    label, day = simulation.settings[0].label(), simulation.model.day
    return [labelled(one, label, day) for one in made]


@solara.component
def Plots(simulation: Simulation, frame: int):
    """The live charts of the main hotel, redrawn as `frame` (the version) changes."""
    specs = use_chart_specs(simulation, lambda: hotel_specs(simulation))
    if not simulation.model.rows:
        solara.Info("The charts start when the first day has finished: press Play or Step.")
        return
    VegaLiteSpecs(specs)
    solara.HTML(tag="div", style="font-size: 12px; color: #4b5563", unsafe_innerHTML=escape(
        f"Margin: (revenue - costs) / revenue over the last 30 days; the grey dashed line is "
        f"the same hotel with no lever (same seed, same guests). Other charts: "
        f"{SMOOTHING_DAYS}-day means. Report rate: {METRICS['housekeeper_report_rate'][1]}"))
