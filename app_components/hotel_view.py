"""The main view of the hotel: how to read it, the monitors, the floor plan and the plots."""

from __future__ import annotations

import solara

from .floor_plan import FloorPlan
from .hotel_state import Simulation
from .monitors import Monitors
from .plots import Plots

HOW_TO_READ = (
    "A hotel of the InterLodge chain, one hour at a time. Each square is a room, coloured by "
    "its state; <b>H</b> is a housekeeper cleaning it, <b>T</b> a technician repairing it. "
    "Press <b>Play</b>, then follow the <b>Lesson</b> tab: the status quo, attempt 2, the "
    "redesign.")


@solara.component
def HotelView(simulation: Simulation):
    """Monitors, floor plan and plots of the main hotel, redrawn after every step.

    Only this component subscribes to the simulation's version and hands it down: one redraw
    of the view per frame, where three subscribers would cost three.
    """
    frame = simulation.version.value
    solara.HTML(tag="div", unsafe_innerHTML=HOW_TO_READ, style="font-size: 14px; margin: 6px 0")
    Monitors(simulation, frame)
    FloorPlan(simulation, frame)
    Plots(simulation, frame)
