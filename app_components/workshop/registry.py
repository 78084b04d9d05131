"""The server's workshop rooms: module-level, so every browser session of the server sees the
same rooms, apart from the single-user pages' private hotels. A room is found by its short
code; a room nobody has touched for its idle time is closed and forgotten (its memory freed).
"""

from __future__ import annotations

import secrets
import threading
import time

from .room import Room
from .rounds import plan_of

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread on a projector
CODE_LENGTH = 5
MAX_ROOMS = 20  # one laptop's worth: each room is a hotel playing in its own thread
REAP_SECONDS = 15.0

_rooms: dict[str, Room] = {}
_lock = threading.Lock()
_reaper: threading.Thread | None = None


def open_room(presets: list[str], seed: int = 0, timeout: float = 20.0, pace: int = 2,
              idle_minutes: float = 30.0, **options) -> Room:
    """A new room with its rounds (preset names); ValueError (one line) for bad settings."""
    plan = plan_of(presets)
    if not 1 <= options.get("round_days", 1) <= 60:
        raise ValueError("a round lasts 1 to 60 simulated days")
    if not 1 <= idle_minutes <= 24 * 60:
        raise ValueError("a room closes after 1 minute to 24 hours idle")
    with _lock:
        if len(_rooms) >= MAX_ROOMS:
            raise ValueError(f"this server already runs {MAX_ROOMS} rooms; close one first")
        code = _new_code()
        room = Room(code, secrets.token_urlsafe(16), plan, seed=seed, timeout=timeout,
                    pace=pace, idle_seconds=idle_minutes * 60.0, **options)
        _rooms[code] = room
        _start_reaper()
    return room


def find_room(code: str) -> Room | None:
    with _lock:
        return _rooms.get((code or "").strip().upper())


def is_instructor(room: Room, token: str | None) -> bool:
    return bool(token) and secrets.compare_digest(room.token.encode(), str(token).encode())


def close_room(code: str) -> None:
    with _lock:
        room = _rooms.pop(code, None)
    if room is not None:
        room.close()


def open_codes() -> list[str]:
    with _lock:
        return list(_rooms)


def close_idle(now: float | None = None) -> list[str]:
    """Close every room idle for longer than its idle time; return their codes."""
    now = time.monotonic() if now is None else now
    with _lock:
        idle = [code for code, room in _rooms.items()
                if now - room.last_activity > room.idle_seconds]
    for code in idle:
        close_room(code)
    return idle


def _new_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if code not in _rooms:
            return code


def _start_reaper() -> None:
    global _reaper
    if _reaper is None or not _reaper.is_alive():
        _reaper = threading.Thread(target=_reap, name="workshop-reaper", daemon=True)
        _reaper.start()


def _reap() -> None:
    while True:
        time.sleep(REAP_SECONDS)
        close_idle()
