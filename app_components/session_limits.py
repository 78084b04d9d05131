"""What one browser session may cost the server, so that one address cannot slow a room.

A workshop laptop serves every participant from two or so cores. A hotel's cost grows with
its rooms: measured here after the speed work (issue 7), a 1000-room hotel costs about 4 ms
of CPU per simulated day, a 100-room one about 0.4 ms (35 and 2 ms when these caps were set).
The app caps, per session:

- the warm-up (run when a hotel is built, before the page can answer): rooms x warm-up days
  at most MAX_WARMUP_ROOM_DAYS, the default warm-up (150 days) of the largest hotel, about
  0.5 s to build; longer warm-ups belong on the command line;
- the speed: rooms x simulated hours per second at most MAX_ROOM_HOURS_PER_SECOND (a
  1000-room hotel plays at most 1 week/s, up to 233 rooms any speed): a quarter of a core
  when set, some 3% of one now, kept for the page's drawing and for busy laptops;
- the time one batch of steps may hold the hotel (STEP_BUDGET_SECONDS), so that Pause,
  Reset and a tab switch always answer within half a second, whatever the size.

The rooms themselves stay within the model's own bound (1000).
"""

from __future__ import annotations

from typing import Any

from model import PARAMETERS, ParameterError

MAX_WARMUP_ROOM_DAYS = 150_000
MAX_ROOM_HOURS_PER_SECOND = 168_000
STEP_BUDGET_SECONDS = 0.15  # of each 0.2 s frame: the rest is left for clicks and drawing
GHOST_MAX_ROOMS = 500  # the no-lever twin doubles a hotel's cost: only up to this size
STAFF_PER_100_ROOMS = {"receptionists": 7, "housekeepers": 8, "technicians": 2}  # defaults


def check_cost(parameters: dict[str, Any]) -> None:
    """Raise ParameterError (one line) when a hotel would cost a session too much."""
    rooms, warmup = parameters["rooms"], parameters["warmup_days"]
    if rooms * warmup > MAX_WARMUP_ROOM_DAYS:
        raise ParameterError(
            f"warmup_days: {warmup} days for {rooms} rooms is more than the app allows one "
            f"session (at most {MAX_WARMUP_ROOM_DAYS // rooms} days at {rooms} rooms); "
            "use the command line for longer warm-ups")


def fastest_speed(rooms: int, speeds) -> int:
    """The fastest of `speeds` (simulated hours per second) a hotel of `rooms` may play at."""
    allowed = [s for s in speeds if rooms * s <= MAX_ROOM_HOURS_PER_SECOND]
    return max(allowed) if allowed else min(speeds)


def staff_for(rooms: int) -> dict[str, int]:
    """The default staff scaled to `rooms` (the defaults are for 100 rooms): a 1000-room
    hotel with the staff of a 100-room one would be out of order on its first day."""
    return {role: max(PARAMETERS[role].low, round(n * rooms / 100))
            for role, n in STAFF_PER_100_ROOMS.items()}
