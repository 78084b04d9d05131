"""The InterLodge browser app: `interlodge app` serves this page (see docs/app.md).

Every browser session gets its own hotels: they are made inside the page component, never at
module level, so two workshop participants never step the same model.
"""

from __future__ import annotations

import solara

from app_components.comparison import Comparison
from app_components.controls import Controls
from app_components.hotel_state import use_session_comparison, use_session_hotel
from app_components.hotel_view import HotelView
from app_components.inspector import Inspector
from app_components.lesson import GUIDED_SEQUENCE, Lesson, step_banner
from app_components.playback import Playback
from app_components.presence import PageVisibility, Presence
from app_components.workshop import WorkshopPage


@solara.component
def Page():
    """Controls on the left; the hotel, inspector, comparison and lesson in tabs."""
    presence = solara.use_memo(Presence, [])
    hotel = use_session_hotel(presence)
    comparison = use_session_comparison(hotel.settings[0].seed, presence)
    tab = solara.use_reactive(0)
    generation = hotel.generation.value  # re-render the controls after every reset

    # the guided sequence's step on show, with the hotel's generation it built (a later Reset
    # by hand ends the step)
    lesson_step = solara.use_reactive((None, -1))

    def show(index: int):
        """A step of the guided sequence: its preset on the same hotel, playing at its speed
        until its day."""
        step = GUIDED_SEQUENCE[index]
        hotel.playing.value = False
        hotel.reset((hotel.settings[0].with_preset(step.preset),))
        hotel.stop_day = step.stop_day
        hotel.speed.value = step.speed
        lesson_step.value = (index, hotel.generation.value)
        tab.value = 0
        hotel.playing.value = True

    PageVisibility(event_visibility=presence.set_hidden)
    solara.Title("InterLodge: the hotel of Six Simple Rules")
    solara.AppBarTitle("InterLodge: the hotel of Six Simple Rules")
    solara.Style(".v-window { overflow: visible }")  # let tooltips of charts leave the tab
    if hotel.message.value:
        solara.Warning(hotel.message.value)
    step, built = lesson_step.value
    current_step = step if built == generation else None
    if current_step is not None:
        solara.Info(step_banner(current_step), dense=True, classes=["lesson-banner"])
    with solara.Columns([1, 3], gutters_dense=True):
        with solara.Card("Your hotel", subtitle=hotel.settings[0].label(), margin=0):
            Controls(hotel).key(f"controls-{generation}")
            Playback(hotel)
        with solara.lab.Tabs(value=tab, lazy=True):
            with solara.lab.Tab("Hotel"):
                HotelView(hotel)
            with solara.lab.Tab("Inspector"):
                Inspector(hotel)
            with solara.lab.Tab("Compare"):
                Comparison(comparison)
            with solara.lab.Tab("Lesson"):
                Lesson(on_show=show, current=current_step)


page = Page


@solara.component
def Layout(children=()):
    """The app bar without route tabs: the workshop is reached by its own address."""
    solara.AppLayout(children=list(children), navigation=False)


# "/" is this session's own hotel; "/workshop" the workshop rooms (shared hotels)
routes = [solara.Route(path="/", component=Page, layout=Layout),
          solara.Route(path="workshop", component=WorkshopPage)]
