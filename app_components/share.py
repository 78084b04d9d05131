"""Keep and share a hotel: the page address follows its settings and its day (a reload, or
the link sent to a colleague, rebuilds the same hotel and replays its seed to that day), a
"copy link" button, and the daily table as CSV.

Replaying is deterministic (same parameters and seed, same numbers), and bounded like a
warm-up: at most MAX_REPLAY_ROOM_DAYS (rooms x days), so one address cannot slow a room.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import solara

from model import ParameterError

from .hotel_state import HotelSettings, Simulation

MAX_REPLAY_ROOM_DAYS = 150_000  # 1500 days of the default hotel, 150 of the largest


def query_of(settings: HotelSettings, day: int) -> str:
    """'?preset=redesign&seed=3&rooms=120&day=240': what settings_from_query reads back."""
    pairs = {"preset": settings.preset, "seed": settings.seed, **settings.overrides}
    if day:
        pairs["day"] = day
    return "?" + urlencode({k: (str(v).lower() if isinstance(v, bool) else v)
                            for k, v in pairs.items()})


def replay_day(search: str | None) -> tuple[str, int]:
    """The address without its `day`, and the day (0 if none); ParameterError if bad."""
    kept, day = [], 0
    for part in (search or "").lstrip("?").split("&"):
        if part.startswith("day="):
            text = part[4:]
            if not text.isdigit():
                raise ParameterError(f"day: {text!r} is not a whole number of days")
            day = int(text)
        elif part:
            kept.append(part)
    return "&".join(kept), day


def replay(simulation: Simulation, day: int) -> None:
    """Advance the hotel to the start of `day` (within what one session may replay)."""
    rooms = simulation.rooms()
    if rooms * day > MAX_REPLAY_ROOM_DAYS:
        raise ParameterError(f"day: replaying {day} days of {rooms} rooms is more than the app "
                             f"allows one session (at most {MAX_REPLAY_ROOM_DAYS // rooms} days)")
    simulation.advance(day * 24)


def daily_csv(simulation: Simulation) -> bytes:
    with simulation.lock:
        return simulation.model.daily_table().to_csv(index=False).encode()


def csv_name(simulation: Simulation) -> str:
    settings = simulation.settings[0]
    return f"interlodge-{settings.preset}-seed{settings.seed}-day{simulation.model.day}.csv"


@solara.component_vue(str(Path(__file__).with_name("copy_link.vue")))
def CopyLink(link: str):
    """The page's link in a box, and a button that copies it (or selects it to copy)."""


@solara.component
def Share(simulation: Simulation, link: str):
    """Copy link and download the daily table."""
    with solara.Row(gap="6px", style="align-items: center; flex-wrap: wrap"):
        CopyLink(link=link)
        solara.FileDownload(lambda: daily_csv(simulation), filename=csv_name(simulation),
                            label="Daily table (CSV)", mime_type="text/csv")
