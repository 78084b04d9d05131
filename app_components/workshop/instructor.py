"""The instructor's page (only with the room's secret link): the links to share, the pace,
the rounds, the seats, the debrief and the downloads."""

from __future__ import annotations

import solara

from .debrief import choice_table, outcomes, shifts
from .decisions import csv_bytes, parquet_bytes
from .links import base_url, network_base, qr_data_uri, room_path
from .registry import close_room
from .room import PACES, TIMEOUTS, Room
from .watch import use_room_changes

TABLE_STYLE = "font-size:13px;border-collapse:collapse"


@solara.component
def InstructorPage(room: Room):
    # children take the version as an argument: an unchanged element is not re-rendered
    version = use_room_changes(room, ("public", "clock", "questions"), min_interval=1.0)
    solara.Title(f"InterLodge workshop {room.code}: instructor")
    if room.closed:
        solara.Info(f"Room {room.code} is closed.")
        solara.Button("To the workshop's front door", href="/workshop", text=True)
        return
    solara.Style(".workshop-debrief th, .workshop-debrief td { padding: 2px 10px; "
                 "text-align: left }")
    with solara.ColumnsResponsive(12, large=[4, 8], gutters_dense=True):  # phones: stacked
        with solara.Column():
            RoomLinks(room)
            RoundControls(room, version)
        with solara.Column():
            Seats(room, version)
            Debrief(room, version)


@solara.component
def RoomLinks(room: Room):
    base = base_url()
    shared = network_base(base) or base
    join = shared + room_path(room.code)
    with solara.Card(f"Room {room.code}", margin=0, classes=["workshop-links"]):
        solara.Markdown(f"Participants open **{join}** or scan:")
        solara.HTML(tag="img", attributes={"src": qr_data_uri(join), "alt": f"QR code: {join}",
                                           "width": "180", "height": "180"})
        solara.Markdown(f"Projector view: [{room_path(room.code, view='projector')}]"
                        f"({room_path(room.code, view='projector')})")
        solara.Markdown("This page's address is your private instructor link: whoever has it "
                        "can run the room. Do not show it on the projector.")


@solara.component
def RoundControls(room: Room, version: tuple):
    error = solara.use_reactive("")

    def act(fn, *args):
        try:
            fn(*args)
            error.set("")
        except ValueError as problem:
            error.set(str(problem))

    last = room.round_index + 1 >= len(room.plan)
    with solara.Card(room.round.title, subtitle=room.round.announcement, margin=0,
                     classes=["workshop-controls"]):
        if room.message:
            solara.Error(room.message)
        if error.value:
            solara.Error(error.value, dense=True)
        clock = room.read(lambda m: m.clock.label(m.time)) if room.model else ""
        solara.Markdown(f"Hotel time: **{clock}** (the round lasts {room.round_days} days)")
        if room.ended:
            solara.Info("The workshop has ended: the debrief and the downloads stay here.")
            return
        with solara.Row(gap="6px", style="flex-wrap:wrap"):
            if room.playing:
                solara.Button("Pause", icon_name="mdi-pause", color="warning",
                              on_click=lambda: room.set_playing(False))
            else:
                solara.Button("Play", icon_name="mdi-play", color="success",
                              on_click=lambda: room.set_playing(True),
                              disabled=room.round_over)
            if not last:
                following = room.plan[room.round_index + 1]
                solara.Button(f"Start round {following.number}: {following.preset}",
                              on_click=lambda: act(room.next_round), color="primary",
                              classes=["workshop-next-round"])
            solara.Button("End the workshop", on_click=lambda: act(room.end_workshop),
                          classes=["workshop-end"])
        if room.round_over:
            solara.Info("The round is over: time for the debrief below.", dense=True)
        solara.Select("Pace (simulated hours per second)", values=[str(p) for p in PACES],
                      value=str(room.pace), on_value=lambda v: act(room.set_pace, int(v)))
        solara.Select("Time to answer (seconds)", values=[str(t) for t in TIMEOUTS],
                      value=str(int(room.timeout)),
                      on_value=lambda v: act(room.set_timeout, int(v)))
        solara.Markdown("Rounds: " + ", ".join(r.preset for r in room.plan))
        solara.Button("Close the room now", on_click=lambda: close_room(room.code),
                      text=True, color="error", classes=["workshop-close"])


@solara.component
def Seats(room: Room, version: tuple):
    with room.lock:
        holders = {p.seat: p for p in room.participants.values() if p.seat is not None}
        waiting = [p.name for p in room.participants.values() if p.seat is None]
        asking = set(room.questions)
    functions = room.read(lambda model: {m.unique_id: m.function
                                         for m in model.managers.values()}) if room.model else {}
    rows = []
    for seat in room.seats:
        person = holders.get(seat.member_id)
        status = ("answering" if seat.member_id in asking else
                  "away" if person and person.missed else "") if person else "agent's rule"
        rows.append((seat, person, status))
    with solara.Card(f"Seats ({len(holders)} of {len(room.seats)} taken)", margin=0,
                     classes=["workshop-seats"]):
        for seat, person, status in rows:
            with solara.Row(gap="8px", style="align-items:center"):
                function = f" ({functions[seat.member_id]})" if seat.member_id in functions \
                    else ""
                solara.Text(f"{seat.label}{function}: {person.name if person else '(empty)'} "
                            f"{status}")
                if person is not None:
                    solara.Button("Free", text=True, small=True,
                                  on_click=lambda s=seat.member_id: room.free_seat(s))
        if waiting:  # names as plain text: never markup
            solara.Text("Joined without a seat: " + ", ".join(waiting))


@solara.component
def Debrief(room: Room, version: tuple, downloads: bool = True):
    """Per round: people's choices next to the rule's; the outcomes; how choices moved.
    The downloads (with people's names) only on the instructor's page."""
    records = list(room.records)
    choices = choice_table(records)
    tables = {i: room.tables[i] for i in room.tables}
    if room.model is not None and room.round_index not in tables:
        tables[room.round_index] = room.round_table(room.round_index)
    results = outcomes(tables, [r.preset for r in room.plan])
    with solara.Card("Debrief", margin=0, classes=["workshop-debrief"]):
        solara.Markdown("**What people chose, next to what the agents' rule would have chosen "
                        "in the same situations** (share of decisions; means for numbers)")
        if choices.empty:
            solara.Info("No decision by a person yet.", dense=True)
        else:
            solara.HTML(tag="div", unsafe_innerHTML=choices.to_html(
                index=False, float_format="{:.2f}".format, border=0,
                classes="debrief-choices"), style=TABLE_STYLE)
            moved = shifts(choices)
            if len(moved.columns) > 1:
                solara.Markdown("**How the group's choices moved from round to round**")
                solara.HTML(tag="div", unsafe_innerHTML=moved.to_html(
                    float_format="{:.2f}".format, border=0, classes="debrief-shifts"))
        solara.Markdown("**The hotel's outcomes per round**")
        if results.empty:
            solara.Info("The outcomes appear when a round has played a whole day.", dense=True)
        else:
            solara.HTML(tag="div", unsafe_innerHTML=results.to_html(
                index=False, float_format="{:.3f}".format, border=0,
                classes="debrief-outcomes"))
        if not downloads:
            return
        with solara.Row(gap="8px"):
            solara.FileDownload(lambda: csv_bytes(list(room.records)),
                                filename=f"workshop-{room.code}-decisions.csv",
                                label=f"Download {len(records)} decisions (CSV)",
                                mime_type="text/csv")
            solara.FileDownload(lambda: parquet_bytes(list(room.records)),
                                filename=f"workshop-{room.code}-decisions.parquet",
                                label="Download (Parquet)")
