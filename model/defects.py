"""Room defects and the work orders that report them to maintenance."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .building import Room

FOUND_BY_HOUSEKEEPING = "housekeeping"
FOUND_BY_GUEST = "guest"


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


@dataclass(eq=False, slots=True)
class WorkOrder:
    """A request to maintenance, from housekeeping or from reception."""

    defect: Defect
    source: str  # "housekeeping" or "reception"
    created_at: float

    @property
    def room(self) -> Room:
        return self.defect.room
