"""The front desk: the receptionists' roster, check-in and check-out, rooms held in reserve,
late arrivals, guests' complaints and what reception does about them (moves, rebates, calls).
"""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple

from . import clock as c
from .building import FOUND_BY_GUEST, sort_out_lettable
from .guests import Guest, rate_stays

if TYPE_CHECKING:
    from agents import Receptionist

    from .building import Room
    from .hotel import InterLodgeModel
    from .market import Arrival


# the day's counter of the complaints that ended each way
COUNTED_AS = {"repair": "repairs_on_complaint", "move": "moves", "rebate": "rebates_given",
              "deflect": "deflections"}
# the hours parties come to the desk: reservations, then late arrivals and walk-ins too
ARRIVAL_HOURS = sorted({*c.ARRIVALS, *c.LATE_ARRIVALS})
# a room's place in the hotel's order, and a guest's room's (keys without a Python call)
PLACE, PLACE_OF_ROOM = attrgetter("place"), attrgetter("room.place")


class Move(NamedTuple):
    """A guest moved by reception: when (model hour), from and to which room, and whether the
    room moved to was held in reserve. Kept for the day, so the app can tell an evening."""

    time: float
    from_room: int
    to_room: int
    held: bool


class FrontDesk:
    """The hotel's reception, a service of the hotel run by its receptionists."""

    def __init__(self, hotel: InterLodgeModel):
        self.hotel = hotel
        self.arrivals: dict[int, list[Arrival]] = {}  # today's, by hour
        self.roster: dict[str, list[Receptionist]] = {}  # today's, by shift
        self.moves: list[Move] = []  # today's, in order
        # The rooms the desk can let (`Room.lettable`), in the hotel's order, as they were
        # at hour `_free_at` and since changed by the desk's own lets, and the rooms vacant
        # after this morning's check-out not yet among them (dirty, not ready, a known
        # defect). Once the desk has looked, only it takes rooms out of the free ones: guests
        # leave only at check-out, a guest moved out leaves a room to clean tomorrow, and a
        # defect is reported in a room being cleaned (housekeeping) or let (reception). So
        # at each later hour the desk looks again only at the waiting rooms, which cleaning,
        # readiness and repairs may free (tests/test_front_desk_index.py: a full look agrees).
        self.free: list[Room] = []
        self.unheld: list[Room] = []  # the free rooms not held in reserve (only free ones are)
        self.waiting: list[Room] = list(hotel.rooms)
        self._free_at: float | None = None
        # who is at the desk at each hour of the day, from today's roster (asked for every
        # arrival and complaint); before the first roster, the first receptionist
        self.desk_by_hour: list[list[Receptionist]] = [hotel.receptionists[:1]] * c.HOURS_PER_DAY
        # staying guests by the hour they come back to their room tonight
        self.back_at: dict[int, list[Guest]] = {hour: [] for hour in c.EVENING_RETURNS}

    def open_day(self) -> None:
        """Midnight: today's arrivals are known; receptionists are rostered."""
        hotel = self.hotel
        arrivals: dict[int, list[Arrival]] = {hour: [] for hour in ARRIVAL_HOURS}
        booked = returning = 0
        for arrival in hotel.market.arrivals(hotel.day):
            arrivals[arrival.hour].append(arrival)
            booked += not arrival.late
            returning += arrival.returning
        self.arrivals = arrivals
        self.moves = []
        # round the clock, one receptionist a shift per hundred rooms at least; the evening
        # shift, when arrivals check in, as the front-office manager rosters it to the bookings
        cover = max(1, round(hotel.p.rooms / 100))
        sizes = {"morning": cover, "night": cover, "evening": hotel.manager_of(
            "front office").roster_evening_desk(booked, cover)}
        tally = hotel.tally  # the work the desk is rostered to, for the margin bridge
        tally.booked_arrivals = booked
        tally.returning_arrivals = returning
        tally.evening_desk_shifts = sizes["evening"]
        tally.reception_shifts = sum(sizes.values())
        # a small roster covers every shift, some working a double one
        pool = hotel.random.sample(hotel.receptionists, len(hotel.receptionists))
        first = 0
        for shift in c.RECEPTION_SHIFTS:
            n = sizes[shift]
            self.roster[shift] = [pool[(first + k) % len(pool)] for k in range(n)]
            first += n
        on_shift = {shift: self.roster.get(shift) or hotel.receptionists[:1]
                    for shift in c.RECEPTION_SHIFTS}
        self.desk_by_hour = [on_shift[shift] for shift in c.SHIFT_AT]

    def on_duty(self) -> list[Receptionist]:
        """Receptionists on duty now."""
        return self.desk_by_hour[self.hotel.hour]

    def paid_shifts(self) -> int:
        """Reception shifts paid today: today's roster."""
        return sum(len(people) for people in self.roster.values())

    def pressure(self) -> float:
        """Arrivals still due this hour per receptionist on duty."""
        hour = self.hotel.hour
        return len(self.arrivals.get(hour, ())) / len(self.desk_by_hour[hour])  # on duty

    def check_out_guests(self) -> None:
        hotel = self.hotel
        departing = []
        back_at = {hour: [] for hour in c.EVENING_RETURNS}
        for room in hotel.rooms:
            guest = room.guest
            if guest is None:
                continue
            if guest.nights_left <= 0:
                departing.append(guest)
                room.guest = None
            else:
                back_at[guest.evening_hour].append(guest)
        vacant = [room for room in hotel.rooms if room.guest is None]
        satisfactions = rate_stays(departing, hotel)
        by_experience = hotel.tally.satisfaction
        for guest, satisfaction in zip(departing, satisfactions, strict=True):
            by_experience[guest.experience].append(satisfaction)
        hotel.market.hear_from(satisfactions, hotel.day)
        self.free, self.unheld, self.waiting = [], [], vacant  # the desk looks anew
        self._free_at = None
        self.back_at = back_at

    def free_rooms(self) -> list[Room]:
        """The rooms that can be let now (`Room.lettable`), in the hotel's order: the desk's
        own list, which it keeps up to date as it lets rooms (others only read it)."""
        now = self.hotel.now
        if now != self._free_at:
            self._free_at = now
            ready, self.waiting = sort_out_lettable(self.waiting, now)
            if ready:  # rooms are held only once free
                for rooms in (self.free, self.unheld):
                    # the ready rooms are in the hotel's order: sorted in only among others
                    # (at the day's first look, the desk has none)
                    among_others = bool(rooms)
                    rooms += ready
                    if among_others:
                        rooms.sort(key=PLACE)
        return self.free

    def hold_rooms_in_reserve(self) -> None:
        """The evening receptionist decides how many free rooms to keep from late sales."""
        hotel = self.hotel
        free = self.free_rooms()
        desk = self.on_duty()
        held = desk[0].hold_rooms_in_reserve(len(free))
        for receptionist in desk:
            receptionist.reserve = held
        for room in free[-held:] if held else []:
            room.held = True
        self.unheld = [room for room in free if not room.held]
        hotel.tally.held_rooms = held

    def release_held_rooms(self) -> None:
        """The night audit: no room is held back any longer."""
        for room in self.free:
            room.held = False
        self.unheld = list(self.free)

    def check_in_arrivals(self) -> None:
        hotel = self.hotel
        due = self.arrivals.get(hotel.hour)
        if not due:
            return
        p, tally, back_at = hotel.p, hotel.tally, self.back_at
        # The receptionist and the room are random.choice's picks, with its draws, inlined
        # (a Python frame less at each of a run's 30,000 picks) so that the room picked is
        # popped by its index: an index below n is n.bit_length() random bits, drawn again
        # until below n (CPython's Random._randbelow; tests/test_front_desk_index.py)
        bits = hotel.random.getrandbits
        desk = self.on_duty()
        on_desk, desk_bits = len(desk), len(desk).bit_length()
        list_rate = hotel.market.rate()  # reputation moves only at the night audit
        free, unheld = self.free_rooms(), self.unheld
        while due:  # popped: a complaint at check-in weighs the arrivals still due
            arrival = due.pop()
            i = bits(desk_bits)
            while i >= on_desk:
                i = bits(desk_bits)
            receptionist = desk[i]
            if arrival.late:
                if not (free and receptionist.sell_to_late_arrival(len(free))):
                    tally.late_arrivals_turned_away += 1
                    continue
                tally.late_arrivals_sold += 1
            elif not free:
                tally.reservations_walked += 1
                continue
            # a room not held in reserve if there is one; it leaves the lists it was in
            rooms = unheld or free
            n = len(rooms)
            k = n.bit_length()
            i = bits(k)
            while i >= n:
                i = bits(k)
            room = rooms.pop(i)
            # at the same place among the free rooms unless a held one comes before it:
            # then search for it (a search costs a microsecond, a run lets 20,000 rooms)
            if rooms is unheld:
                if free[i] is room:
                    del free[i]
                else:
                    free.remove(room)
            rate = list_rate
            if arrival.late and receptionist.concede_discount():
                rate *= 1.0 - p.walk_in_discount
                tally.discounts_given += 1
            guest = Guest(hotel, arrival.nights, rate, list_rate, arrival.late,
                          arrival.returning)
            # `let` without its check: a free room is not let
            room.guest, room.held, guest.room = guest, False, room
            back_at[guest.evening_hour].append(guest)
            if room.defects:  # most rooms have none to find
                defect = guest.find_defect(p.guest_find_at_checkin)
                if defect is not None:
                    self.guest_finds(guest, defect)
                    free, unheld = self.free, self.unheld  # a move may have taken one

    @staticmethod
    def let(room, guest) -> None:
        if room.guest is not None:
            raise RuntimeError(f"room {room.number} is already let")
        room.guest = guest
        room.held = False
        guest.room = room

    def evening_returns(self) -> None:
        """Guests come back to their room; some find a defect, a few come down about
        something else (noise, a neighbour, a wait, a bill)."""
        hotel = self.hotel
        hour = hotel.hour
        chance, other = hotel.p.guest_find_in_evening, hotel.p.other_complaint_rate
        draw = hotel.random.random
        # each guest comes back once, to the room he has at the hour, in the hotel's order
        returning = sorted(self.back_at[hour], key=PLACE_OF_ROOM)
        for guest in returning:
            room = guest.room
            # a defect in a room let today was found, or not, at check-in
            if room.defects and guest.nights_left != guest.nights:
                self.look_around(guest, room, chance)
            if guest.room is room and draw() < other:  # a guest moved tonight has had his say
                self.complain(guest, None)

    def look_around(self, guest, room, chance: float) -> None:
        """A staying guest back in `room` may find a defect, or meet one complained about."""
        grievance = guest.grievance
        if grievance is not None and grievance.open and grievance.room is room:
            if guest.decide_to_complain():  # "the faucet still drips"
                self.complain(guest, grievance)
            return
        defect = guest.find_defect(chance)
        if defect is not None:
            self.guest_finds(guest, defect)

    def guest_finds(self, guest, defect) -> None:
        """A guest has found `defect`: complain at the desk, or suffer in silence."""
        if defect.found_by is None:
            defect.found_by = FOUND_BY_GUEST
            self.hotel.tally.defects_found_by_guests += 1
        if not guest.decide_to_complain():
            guest.live_through("unresolved")
            return
        self.complain(guest, defect)

    def complain(self, guest, defect) -> None:
        """`guest` comes to the desk about `defect` (None: about something no one in the back
        office caused or can repair); an on-duty receptionist handles it."""
        hotel = self.hotel
        tally = hotel.tally
        tally.complaints += 1
        evening = hotel.hour >= c.MAINTENANCE_END
        cleaner = guest.room.last_cleaned_by
        if defect is None:
            tally.other_complaints += 1
        elif cleaner is not None:  # reception blames the one who should have seen it
            hotel.ratings.blame(cleaner)
        outcome = hotel.random.choice(self.on_duty()).handle_complaint(guest, defect)
        counter = COUNTED_AS[outcome]
        setattr(tally, counter, getattr(tally, counter) + 1)
        if evening:
            tally.evening_complaints += 1
            if outcome != "deflect":
                name = f"evening_{outcome}s"
                setattr(tally, name, getattr(tally, name) + 1)
        guest.grievance = defect if outcome in ("rebate", "deflect") else None

    def spare_room(self, guest):
        """A room to move `guest` into: one held in reserve first, else any free one."""
        free = self.free_rooms()  # never the guest's own room: it is let
        if len(self.unheld) < len(free):  # some held (in the evening)
            for room in free:  # a loop, not a generator: the app cancels runs mid-way
                if room.held:
                    return room
        return free[0] if free else None

    def move_guest(self, guest) -> None:
        new = self.spare_room(guest)
        old, held = guest.room, new.held
        self.moves.append(Move(self.hotel.now, old.number, new.number, held))
        old.guest = None
        old.clean = False
        self.let(new, guest)
        self.free.remove(new)
        if not held:
            self.unheld.remove(new)
        self.hotel.ledger.spend("extra_cleaning", self.hotel.p.extra_cleaning_cost)

    def give_rebate(self, guest) -> None:
        hotel = self.hotel
        amount = hotel.p.rebate_share_of_rate * guest.rate * hotel.random.uniform(0.6, 1.4)
        hotel.ledger.refund(amount)
        guest.rebated = True
