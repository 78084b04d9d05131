"""The building: rooms on floors, each with its occupant, cleanliness and defects.

A defect belongs to its room: it arises with the room's use and is repaired in it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from agents import Housekeeper

    from .guests import Guest

FOUND_BY_HOUSEKEEPING = "housekeeping"
FOUND_BY_GUEST = "guest"

ROOM_STATES = (
    "vacant clean",
    "occupied",
    "dirty",
    "held in reserve",
    "known defect",
    "out of order",
)


@dataclass(eq=False, slots=True)
class Room:
    """A guest room. `floor` and `position` place it on the floor plan; `place` is its place
    in the hotel's order (`hotel.rooms`), in which the desk and housekeeping go round."""

    number: int
    floor: int
    position: int
    place: int
    guest: Guest | None = None
    clean: bool = True
    ready_at: float = 0.0  # model hour from which a cleaned room can be let
    held: bool = False  # held back from sale tonight by reception
    defects: list[Defect] = field(default_factory=list)  # open defects only
    last_cleaned_by: Housekeeper | None = None

    @property
    def known_defect(self) -> bool:
        """A defect the hotel knows about (a work order is open): the room is not let."""
        # a loop, not any() over a generator: asked for every free room, hourly
        for defect in self.defects:  # noqa: SIM110
            if defect.reported_at is not None:
                return True
        return False

    @property
    def out_of_order(self) -> bool:
        return any(d.reported_at is not None and d.severe for d in self.defects)

    def latent_defects(self) -> list[Defect]:
        return [d for d in self.defects if d.reported_at is None]

    def lettable(self, now: float) -> bool:
        """Vacant, clean, ready and with no known defect."""
        return (
            self.guest is None and self.clean and self.ready_at <= now
            and not (self.defects and self.known_defect)  # most rooms have none: skip the call
        )

    def state(self) -> str:
        """The state shown on the floor plan (one of ROOM_STATES)."""
        if self.out_of_order:
            return "out of order"
        if self.known_defect:
            return "known defect"
        if self.guest is not None:
            return "occupied"
        if not self.clean:
            return "dirty"
        if self.held:
            return "held in reserve"
        return "vacant clean"


@dataclass(eq=False, slots=True)
class Defect:
    """A broken TV, a dripping faucet, a dead heater...

    A defect arises with room use, stays latent until someone finds it, may grow worse, and
    becomes known to the hotel when a work order is opened for it (`reported_at`).
    """

    room: Room
    created_at: float
    severe: bool = False  # grown worse: the room is out of order, repair dearer
    found_by: str | None = None  # who found it first
    reported_at: float | None = None
    repaired_at: float | None = None

    @property
    def open(self) -> bool:
        return self.repaired_at is None


def sort_out_lettable(rooms: list[Room], now: float) -> tuple[list[Room], list[Room]]:
    """`rooms` that can be let at `now` (`Room.lettable`, inlined: the desk asks every hour
    of the afternoon and evening) and the others, each in their order."""
    lettable, others = [], []
    for room in rooms:
        if (room.guest is None and room.clean and room.ready_at <= now
                and not (room.defects and room.known_defect)):
            lettable.append(room)
        else:
            others.append(room)
    return lettable, others


def build_rooms(rooms: int, floors: int) -> list[Room]:
    """Spread `rooms` over `floors` as evenly as possible, numbered 101, 102, ..."""
    per_floor, extra = divmod(rooms, floors)
    result = []
    for floor in range(floors):
        for position in range(per_floor + (1 if floor < extra else 0)):
            result.append(Room(number=(floor + 1) * 100 + position + 1, floor=floor,
                               position=position, place=len(result)))
    return result
