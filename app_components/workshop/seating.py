"""Who sits where: participants (a name and a private token) and the hotel's seats (every
receptionist, housekeeper, technician and manager)."""

from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass

MAX_NAME = 24
ROLE_ORDER = ("receptionist", "housekeeper", "technician", "manager")


class SeatingError(ValueError):
    """A request about names or seats that cannot be granted (one line for the page)."""


@dataclass
class Participant:
    token: str  # private: in the participant's page address only
    name: str
    seat: int | None = None  # the staff member's unique_id
    missed: int = 0  # questions left unanswered in a row (away after room.AWAY_AFTER)


def clean_name(text: str) -> str:
    """A participant's name: printable, single-spaced, 1 to MAX_NAME characters."""
    name = " ".join(str(text).split())
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise SeatingError("a name may not contain control characters")
    if not name:
        raise SeatingError("please type a name")
    if len(name) > MAX_NAME:
        raise SeatingError(f"a name has at most {MAX_NAME} characters")
    return name


def new_token() -> str:
    return secrets.token_urlsafe(12)


@dataclass(frozen=True)
class SeatInfo:
    """A seat as the pages list it."""

    member_id: int
    label: str  # "Receptionist 3" or "Front office manager 19"
    role: str


def seats_of(model) -> list[SeatInfo]:
    """Every staff member's seat, receptionists first (they meet the guests)."""
    staff = sorted(model.staff(), key=lambda m: (ROLE_ORDER.index(m.role), m.unique_id))
    return [SeatInfo(m.unique_id, _label(m), m.role) for m in staff]


def _label(member) -> str:
    if member.role == "manager":  # managers rotate: name the seat by the person, not the job
        return f"Manager {member.unique_id}"
    return member.name


def valid_token(text: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z0-9_-]{8,64}", text or ""))
