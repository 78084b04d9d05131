"""The comparison: two hotels with the same seed (the same guests, demand and luck) and
different levers, advancing together, with the difference in margin plotted live.

By default attempt 2 and the redesign, so an instructor can show the divergence as it happens.
"""

from __future__ import annotations

from html import escape

import solara

from model import PRESET_DESCRIPTIONS, PRESETS, ParameterError

from .floor_plan import FloorPlan
from .hotel_state import HotelSettings, Simulation, parse_seed
from .margin_story import rolling_margin
from .monitors import hotel_figures
from .playback import Playback
from .plots import Axis, Chart, VegaLiteSpecs, spec, use_chart_specs

COMPARED = ("Margin, 30 days", "Complaints today", "Held rooms",
            "Report rate", "Satisfaction", "Average rate")


def margin_rows(simulation: Simulation) -> list[dict]:
    """Day by day: both hotels' margins over the last 30 days and the second's lead, in
    margin points (27% against 25% is a lead of 2 points, not of 2%)."""
    first, second = (model.rows for model in simulation.models)
    days = min(len(first), len(second))
    a, b = rolling_margin(first[:days]), rolling_margin(second[:days])
    return [{"day": row["day"], "first": x, "second": y, "points": 100.0 * (y - x)}
            for row, x, y in zip(first, a, b, strict=False)]


def comparison_specs(simulation: Simulation) -> list[dict]:
    """The margin lead of the second hotel, and both margins, as chart specs."""
    first, second = (s.label() for s in simulation.settings)
    rows = margin_rows(simulation)
    lead = Chart(f"Margin lead of {second} over {first}",
                 Axis((("points", "lead"),), "margin points, 30 days", "+.1f",
                      ("#7c3aed",)), zero_rule=True, smoothing_days=1)
    both = Chart("Gross margin of both hotels, last 30 days",
                 Axis((("first", first), ("second", second)), "margin", ".0%",
                      ("#b45309", "#15803d")), smoothing_days=1)
    return [spec(lead, rows), spec(both, rows)]


def figures_table(simulation: Simulation) -> str:
    """The two hotels' monitors side by side, as an HTML table."""
    with simulation.lock:
        columns = [{f.label: f.value for f in hotel_figures(model)} for model in simulation.models]
    head = "".join(f"<th>{escape(s.label())}</th>" for s in simulation.settings)
    body = "".join(f"<tr><td>{escape(label)}</td>"
                   + "".join(f"<td><b>{escape(c[label])}</b></td>" for c in columns) + "</tr>"
                   for label in COMPARED)
    return (f"<table style='font-size:14px;border-spacing:14px 2px'>"
            f"<tr><th></th>{head}</tr>{body}</table>")


def compare_date(simulation: Simulation) -> str:
    """'Day 45, 14:00': where both hotels are (they advance in lockstep)."""
    with simulation.lock:
        model = simulation.model
        return f"Day {model.day}, {model.hour:02d}:00"


@solara.component
def ComparisonControls(simulation: Simulation):
    """The comparison's settings and its one Play for both hotels: two presets (each said in
    a line), a seed, Play/Step/Restart and the speed. Shown in the controls column
    while the Compare tab is open, in place of the main hotel's."""
    first, second = simulation.pending.value
    seed_text, set_seed_text = solara.use_state(str(first.seed))

    def choose(a: str, b: str, seed: str):
        set_seed_text(seed)
        try:
            n = parse_seed(seed)
        except ParameterError as error:
            simulation.input_error.value = str(error)
            return
        simulation.input_error.value = None
        simulation.pending.value = (HotelSettings(a, n), HotelSettings(b, n))

    with solara.Column(gap="4px", classes=["interlodge-compare-controls"]):
        Playback(simulation, reset_label="Restart")
        for label, chosen, pick in (
                ("First hotel", first, lambda p: choose(p, second.preset, seed_text)),
                ("Second hotel", second, lambda p: choose(first.preset, p, seed_text))):
            solara.Select(label, values=list(PRESETS), value=chosen.preset, on_value=pick)
            solara.HTML(tag="div", unsafe_innerHTML=escape(PRESET_DESCRIPTIONS[chosen.preset]),
                        style="font-size: 12px; color: #4b5563; margin-bottom: 4px")
        solara.InputText("Seed (the same for both)", value=seed_text, continuous_update=False,
                         on_value=lambda s: choose(first.preset, second.preset, s))
        if simulation.input_error.value:
            solara.Error(simulation.input_error.value, dense=True)


@solara.component
def Comparison(simulation: Simulation):
    """The comparison's view once its two hotels are built; they are built in a thread when
    the tab first opens, so that the tab answers at once."""
    simulation.version.value  # noqa: B018 - subscribe: the view shows once they are built

    def build():
        if not simulation.built:
            simulation.models  # noqa: B018 - builds them (their warm-ups)
            simulation.version.value += 1

    solara.use_thread(build, dependencies=[])
    if simulation.built:
        ComparisonView(simulation)
    else:
        solara.Info("Building the two hotels (each warms up first)...", dense=True)


@solara.component
def ComparisonView(simulation: Simulation):
    """Where both hotels are (the day), their figures, the margin charts and both floor plans
    at full size, one above the other (their controls: ComparisonControls)."""
    frame = simulation.version.value  # subscribe here only: one redraw of the whole view
    specs = use_chart_specs(simulation, lambda: comparison_specs(simulation))
    with solara.Column(classes=["interlodge-comparison"], gap="4px"):
        with solara.Row(gap="16px", style="align-items: baseline; flex-wrap: wrap"):
            solara.HTML(tag="div", classes=["compare-date"], unsafe_innerHTML=escape(
                compare_date(simulation)), style="font-size: 20px; font-weight: 600")
            solara.HTML(tag="div", style="font-size: 14px", unsafe_innerHTML=(
                "Two hotels with <b>the same seed</b>: the same guests, the same demand, the "
                "same luck. Only the levers differ, so every difference is their doing."))
        with solara.Row(gap="12px", style="flex-wrap: wrap; align-items: flex-start"):
            solara.HTML(tag="div", unsafe_innerHTML=figures_table(simulation),
                        classes=["interlodge-compare"])
            if simulation.model.rows:
                VegaLiteSpecs(specs)
            else:
                solara.Info("The charts start when the first day has finished: press Play.")
        for index, settings in enumerate(simulation.settings):
            solara.HTML(tag="h4", unsafe_innerHTML=escape(settings.label()),
                        style="margin: 6px 0 0")
            FloorPlan(simulation, frame, index=index, compact=True)
