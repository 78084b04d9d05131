"""The projector view: how to join, the round and its announcement, the hotel's monitors,
floor plan and charts (nothing secret: anyone with the room code may open it)."""

from __future__ import annotations

import solara

from app_components.floor_plan import floor_plan_svg
from app_components.monitors import figures_html, hotel_figures
from app_components.plots import HOTEL_CHARTS, VegaLiteSpecs, spec

from .instructor import Debrief
from .links import base_url, network_base, qr_data_uri, room_path
from .room import Room
from .watch import use_room_changes

REDRAW_SECONDS = 1.0


@solara.component
def ProjectorPage(room: Room):
    version = use_room_changes(room, ("public", "clock"), min_interval=REDRAW_SECONDS)
    join = (network_base(base_url()) or base_url()) + room_path(room.code)
    solara.Title(f"InterLodge workshop {room.code}")
    with solara.Row(gap="16px", style="align-items:center;flex-wrap:wrap"):
        solara.HTML(tag="img", attributes={"src": qr_data_uri(join), "alt": join,
                                           "width": "120", "height": "120"})
        solara.Markdown(f"# Room {room.code}\nJoin at **{join}**")
        with solara.Card(room.round.title, margin=0, classes=["workshop-round"]):
            solara.Markdown(f"**{room.round.announcement}**")
    if room.round_over or room.ended:  # time for the debrief, on the big screen
        Debrief(room, version, downloads=False)
    if room.model is None:
        return
    figures, plan, rows, clock = room.read(lambda m: (
        hotel_figures(m), floor_plan_svg(m), list(m.rows), m.clock.label(m.time)))
    with room.lock:
        seated = sum(p.seat is not None for p in room.participants.values())
    status = "round over" if room.round_over else "playing" if room.playing else "paused"
    solara.Markdown(f"**{clock}**, {status}; {seated} of {len(room.seats)} seats taken by "
                    "people, the rest played by the agents' rule.")
    solara.HTML(tag="div", unsafe_innerHTML=figures_html(figures))
    solara.HTML(tag="div", unsafe_innerHTML=plan, style="max-width:100%;overflow-x:auto")
    if rows:
        VegaLiteSpecs([spec(chart, rows) for chart in HOTEL_CHARTS[:3]])
