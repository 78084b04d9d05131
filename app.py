"""The InterLodge browser app: `interlodge app` serves this page (see docs/app.md).

Every browser session gets its own hotels: they are made inside the page component, never at
module level, so two workshop participants never step the same model.
"""

from __future__ import annotations

import solara
import solara.server.settings

from app_components.comparison import Comparison, ComparisonControls
from app_components.controls import Controls
from app_components.hotel_state import use_session_comparison, use_session_hotel
from app_components.hotel_view import HotelView
from app_components.inspector import Inspector
from app_components.lesson import GUIDED_SEQUENCE, Lesson, step_banner
from app_components.playback import Playback
from app_components.presence import PageWatch, Presence
from app_components.share import Share, query_of
from app_components.workshop import WorkshopPage
from model import HOURS_PER_DAY

# Projector first (1280x720 and 1366x768 show controls, monitors, plan and the margin charts
# without scrolling the page): a slim app bar, tight paddings, the controls in a column of
# their own (scrolling inside it, Play on top), the hotel beside them. On a phone (under
# 900 px) they stack: Play and its card, then the hotel, then the settings (the side column
# dissolves, so that a participant does not scroll past every lever to see the hotel).
# Tooltips of charts may leave the tab.
APP_BAR = 40  # px; Vuetify's 64 px bar took a chart's height off a projector
PAGE_CSS = f"""
header.v-app-bar, header.v-app-bar .v-toolbar__content {{ height: {APP_BAR}px !important; }}
header.v-app-bar .v-toolbar__title {{ font-size: 18px; }}
main.solara-content-main {{ padding-top: {APP_BAR}px !important; }}
main.solara-content-main .v-content__wrap > div {{ padding: 4px 8px !important; }}
.il-layout {{ display: flex; gap: 10px; align-items: flex-start; }}
.il-side {{ flex: 0 0 290px; max-height: calc(100vh - {APP_BAR + 20}px); overflow-y: auto;
           position: sticky; top: 0; display: flex; flex-direction: column; gap: 8px; }}
.il-side .v-card__title {{ padding: 6px 12px 0; font-size: 18px; }}
.il-side .v-card__subtitle {{ padding: 0 12px 4px; margin-top: 0 !important; }}
.il-side .v-card__text {{ padding: 0 12px 8px; }}
.il-settings .v-card__title {{ font-size: 16px; }}
.il-main {{ flex: 1 1 auto; min-width: 0; }}
.il-main .v-alert {{ margin-bottom: 4px; padding: 4px 12px; font-size: 14px; }}
.v-window {{ overflow: visible }}
.il-stale .v-window {{ opacity: 0.45; transition: opacity 0.3s; }}
.il-playback {{ flex-wrap: wrap; }}
.il-playback .v-btn {{ min-width: 0 !important; padding: 0 8px !important;
                      letter-spacing: 0.03em; }}
.il-main .v-tabs > .v-tabs-bar {{ height: 34px; }}
@media (max-width: 900px) {{
  .il-layout {{ flex-direction: column; }}
  .il-side {{ display: contents; }}
  .il-controls {{ order: 1; width: 100%; }}
  .il-main {{ order: 2; width: 100%; }}
  .il-settings {{ order: 3; width: 100%; }}
}}
@media (max-width: 480px) {{  /* the four tabs on one line, no scrolling arrows */
  .il-main .v-slide-group__prev, .il-main .v-slide-group__next {{ display: none !important; }}
  .il-main .v-tab {{ min-width: 0 !important; padding: 0 10px !important; font-size: 13px; }}
}}
"""


COMPARE_TAB = 2  # the tabs' order: Hotel, Inspector, Compare, Lesson


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

        def play_the_step():
            hotel.stop_at = step.stop_day * HOURS_PER_DAY
            hotel.speed.value = step.speed
            lesson_step.value = (index, hotel.generation.value)
            hotel.playing.value = True

        if hotel.reset_in_background((hotel.settings[0].with_preset(step.preset),),
                                     then=play_the_step):
            tab.value = 0  # the hotel, its warm-up said under Reset

    def replay_evening():
        """The lesson's evening replay, on the Hotel tab, where the ticker is."""
        tab.value = 0
        hotel.replay_evening()

    PageWatch(event_visibility=presence.set_hidden)
    solara.Title("InterLodge: the hotel of Six Simple Rules")
    solara.AppBarTitle("InterLodge: the hotel of Six Simple Rules")
    solara.Style(PAGE_CSS)
    router = solara.use_router()
    playing = hotel.playing.value

    def follow_address():
        """The address says which hotel and day is on the page (a reload rebuilds it)."""
        with hotel.lock:
            query = query_of(hotel.settings[0], hotel.model.day)
        if (not playing and router.set_path is not None  # None: rendered without a server
                and f"?{router.search or ''}" != query):
            router.push(f"/{query}")

    solara.use_effect(follow_address, [generation, playing])
    step, built = lesson_step.value
    current_step = step if built == generation else None
    with solara.Div(classes=["il-layout"]):
        with solara.Div(classes=["il-side"]):
            # the controls of what the tab shows: one Play for the hotels on screen
            if tab.value == COMPARE_TAB:
                with solara.Div(classes=["il-controls"]), solara.Card(
                        "Compare two hotels", subtitle=" against ".join(
                            s.label() for s in comparison.settings), margin=0):
                    ComparisonControls(comparison)
            else:
                with solara.Div(classes=["il-controls"]), solara.Card(
                        "Your hotel", subtitle=hotel.settings[0].label(), margin=0):
                    Playback(hotel)
                    with hotel.lock:
                        link = query_of(hotel.settings[0], hotel.model.day)
                    Share(hotel, link)
                with solara.Div(classes=["il-settings"]), solara.Card(
                        "Settings (a new hotel at Reset)", margin=0):
                    Controls(hotel).key(f"controls-{generation}")
        # while a Reset warms the new hotel up, the old one stays in view, faded
        warming = tab.value != COMPARE_TAB and hotel.warming.value is not None
        with solara.Div(classes=["il-main", *(["il-stale"] if warming else [])]):
            if hotel.message.value:
                solara.Warning(hotel.message.value, dense=True)
            if current_step is not None:
                solara.Info(step_banner(current_step), dense=True, classes=["lesson-banner"])
            with solara.lab.Tabs(value=tab, lazy=True):
                with solara.lab.Tab("Hotel"):
                    HotelView(hotel)
                with solara.lab.Tab("Inspector"):
                    Inspector(hotel)
                with solara.lab.Tab("Compare"):
                    Comparison(comparison)
                with solara.lab.Tab("Lesson"):
                    Lesson(on_show=show, current=current_step, on_evening=replay_evening,
                           busy=warming)


page = Page
# Solara's corner banner ("This website runs on Solara") covered a chart's corner on a
# projector: off however the page is served (`interlodge app` or `solara run app.py`)
solara.server.settings.theme.show_banner = False


@solara.component
def Layout(children=()):
    """The app bar without route tabs: the workshop is reached by its own address."""
    solara.AppLayout(children=list(children), navigation=False)


# "/" is this session's own hotel; "/workshop" the workshop rooms (shared hotels)
routes = [solara.Route(path="/", component=Page, layout=Layout),
          solara.Route(path="workshop", component=WorkshopPage)]
