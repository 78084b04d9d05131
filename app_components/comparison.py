"""The comparison: two hotels with the same seed (the same guests, demand and luck) and
different levers, advancing together, with the difference in margin plotted live.

By default attempt 2 and the redesign, so an instructor can show the divergence as it happens.
"""

from __future__ import annotations

from html import escape

import solara

from model import PRESETS, ParameterError

from .floor_plan import FloorPlan
from .hotel_state import HotelSettings, Simulation, parse_seed
from .margin_story import rolling_margin
from .monitors import hotel_figures
from .playback import Playback
from .plots import Axis, Chart, VegaLiteSpecs, spec, use_chart_specs

COMPARED = ("Margin, 30 days", "Complaints today", "Held rooms",
            "Report rate", "Satisfaction", "Average rate")


def margin_rows(simulation: Simulation) -> list[dict]:
    """Day by day: both hotels' margins over the last 30 days and the second's lead."""
    first, second = (model.rows for model in simulation.models)
    days = min(len(first), len(second))
    a, b = rolling_margin(first[:days]), rolling_margin(second[:days])
    return [{"day": row["day"], "first": x, "second": y, "difference": y - x}
            for row, x, y in zip(first, a, b, strict=False)]


def comparison_specs(simulation: Simulation) -> list[dict]:
    """The margin lead of the second hotel, and both margins, as chart specs."""
    first, second = (s.label() for s in simulation.settings)
    rows = margin_rows(simulation)
    lead = Chart(f"Margin lead of {second} over {first}",
                 Axis((("difference", "difference"),), "margin points, 30 days", "+.1%",
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


@solara.component
def Comparison(simulation: Simulation):
    """Two presets and a seed, one Playback for both, the margin charts and both floor plans."""
    frame = simulation.version.value  # subscribe here only: one redraw of the whole view
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

    specs = use_chart_specs(simulation, lambda: comparison_specs(simulation))
    with solara.Column(classes=["interlodge-comparison"]):
        solara.Markdown("Two hotels with **the same seed**: the same guests, the same demand, the "
                        "same luck. Only the levers differ, so every difference is their doing.")
        with solara.Row(gap="12px", style="align-items: center; flex-wrap: wrap"):
            solara.Select("First hotel", values=list(PRESETS), value=first.preset,
                          on_value=lambda p: choose(p, second.preset, seed_text))
            solara.Select("Second hotel", values=list(PRESETS), value=second.preset,
                          on_value=lambda p: choose(first.preset, p, seed_text))
            solara.InputText("Seed", value=seed_text, continuous_update=False,
                             on_value=lambda s: choose(first.preset, second.preset, s))
            Playback(simulation, reset_label="Restart both")
        if simulation.input_error.value:
            solara.Error(simulation.input_error.value, dense=True)
        solara.HTML(tag="div", unsafe_innerHTML=figures_table(simulation),
                    classes=["interlodge-compare"])
        if simulation.model.rows:
            VegaLiteSpecs(specs)
        else:
            solara.Info("The charts start when the first day has finished: press Play.")
        with solara.Columns([1, 1]):
            for index, settings in enumerate(simulation.settings):
                with solara.Column():
                    solara.HTML(tag="h4", unsafe_innerHTML=escape(settings.label()))
                    FloorPlan(simulation, frame, index=index, compact=True)
