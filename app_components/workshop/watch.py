"""Pages follow their room: a thread per page waits for the room's changes that concern it
and re-renders the page (the room's hotel runs in its own thread, outside every session)."""

from __future__ import annotations

import time

import solara

from .room import Room

HEARTBEAT_SECONDS = 5.0  # an open page keeps its room from closing as idle


def use_room_changes(room: Room | None, keys: tuple, min_interval: float = 0.0) -> tuple:
    """The room's version counters `keys`, re-rendering the calling component when they
    change, at most once every `min_interval` seconds (0: at once, for questions)."""
    seen, set_seen = solara.use_state(tuple(room.version(k) for k in keys) if room else ())

    def follow(stop):
        if room is None:
            return
        current = tuple(room.version(k) for k in keys)
        beat = time.monotonic()
        while not stop.is_set() and not room.closed:
            now = room.wait_change(keys, current, timeout=1.0)
            if time.monotonic() - beat > HEARTBEAT_SECONDS:
                room.touch()
                beat = time.monotonic()
            if now != current:
                current = now
                set_seen(now)
                if min_interval:
                    stop.wait(min_interval)
        if room.closed and not stop.is_set():
            set_seen(("closed",))  # the page says so

    solara.use_thread(follow, dependencies=[room, keys], intrusive_cancel=False)
    return seen
