"""The workshop's pages, chosen by the address: /workshop (the front door),
?room=CODE (a participant), ?room=CODE&key=SECRET (the instructor),
?room=CODE&view=projector (the projector)."""

from __future__ import annotations

from urllib.parse import parse_qs

import solara

from .instructor import InstructorPage
from .lobby import Lobby
from .participant import ParticipantPage
from .projector import ProjectorPage
from .registry import find_room, is_instructor
from .seating import valid_token


@solara.component
def WorkshopPage():
    query = {k: v[0] for k, v in parse_qs(solara.use_router().search or "").items()}
    code = query.get("room")
    if not code:
        Lobby()
        return
    room = find_room(code)
    if room is None or room.closed:
        solara.Error(f"There is no open workshop room {code[:12]!r}: it may have closed.")
        solara.Button("To the workshop's front door", href="/workshop", text=True)
        return
    if "key" in query:
        if is_instructor(room, query["key"]):
            InstructorPage(room)
        else:
            solara.Error("This instructor link is not valid for this room.")
        return
    if query.get("view") == "projector":
        ProjectorPage(room)
        return
    token = query.get("me")
    ParticipantPage(room, token if valid_token(token) else None)
