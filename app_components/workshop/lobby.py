"""The workshop's front door: an instructor opens a room; a participant types a room code."""

from __future__ import annotations

import solara

from model import PRESETS

from .links import room_path
from .registry import find_room, open_room
from .room import PACES, TIMEOUTS
from .rounds import DEFAULT_PLAN, MAX_ROUNDS, ROUND_DAY_CHOICES, ROUND_DAYS


@solara.component
def Lobby():
    router = solara.use_router()
    code = solara.use_reactive("")
    missing = solara.use_reactive("")
    presets = solara.use_reactive(list(DEFAULT_PLAN))
    timeout = solara.use_reactive(str(20))
    pace = solara.use_reactive(str(2))
    days = solara.use_reactive(str(ROUND_DAYS))
    error = solara.use_reactive("")

    def join():
        room = find_room(code.value)
        if room is None:
            missing.set(f"No open room {code.value.strip().upper()!r}: check the code.")
        else:
            router.push(room_path(room.code))

    def open_new():
        try:
            room = open_room(list(presets.value), timeout=float(timeout.value),
                             pace=int(pace.value), round_days=int(days.value))
        except ValueError as problem:
            error.set(str(problem))
            return
        router.push(room_path(room.code, key=room.token))

    solara.Title("InterLodge workshop")
    with solara.ColumnsResponsive(12, medium=[6, 6], gutters_dense=True):
        with solara.Card("Join a workshop", margin=0, classes=["workshop-join-code"]):
            solara.InputText("Room code (on the projector)", value=code, continuous_update=True)
            if missing.value:
                solara.Error(missing.value, dense=True)
            solara.Button("Join", on_click=join, color="primary",
                          disabled=not code.value.strip())
        with solara.Card("Run a workshop (instructor)", margin=0, classes=["workshop-open"]):
            solara.Markdown("People take the staff's seats in one shared hotel; you run the "
                            "rounds, each with its levers. See docs/workshop.md.")
            solara.SelectMultiple(f"Rounds, in order (1 to {MAX_ROUNDS})", all_values=list(
                PRESETS), values=presets)
            solara.Select("Time to answer (seconds)", values=[str(t) for t in TIMEOUTS],
                          value=timeout)
            solara.Select("Pace (simulated hours per second)", values=[str(p) for p in PACES],
                          value=pace)
            solara.Select("Days per round (simulated)", values=[str(d) for d in
                                                                ROUND_DAY_CHOICES], value=days)
            if error.value:
                solara.Error(error.value, dense=True)
            solara.Button("Open a new room", on_click=open_new, color="primary",
                          classes=["workshop-open-room"])
