"""Maintenance: the queue of work orders, the technicians' day shift, repairs, reception's
calls for a guest, and the evening cover a manager may arrange after the shift."""

from __future__ import annotations

from bisect import insort
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING

from . import clock as c
from .building import FOUND_BY_HOUSEKEEPING, Defect

if TYPE_CHECKING:
    from agents import Technician

    from .building import Room
    from .hotel import InterLodgeModel



@dataclass(eq=False, slots=True)
class WorkOrder:
    """A request to maintenance, from housekeeping or from reception."""

    defect: Defect
    source: str  # "housekeeping" or "reception"
    created_at: float

    @property
    def room(self) -> Room:
        return self.defect.room


CREATED_AT = attrgetter("created_at")


class Maintenance:
    """The maintenance service of the hotel, run by its technicians."""

    shift_minutes = c.MAINTENANCE_SHIFT_MINUTES

    def __init__(self, hotel: InterLodgeModel):
        self.hotel = hotel
        # oldest first (ties in the order they came): the orders waiting at an hour are the
        # queue's head, the oldest of them its first
        self.queue: list[WorkOrder] = []
        self.evening_cover = False  # tonight
        self.on_call: Technician | None = None

    def start_shift(self, start: float) -> None:
        for technician in self.hotel.technicians:
            technician.busy_until = max(technician.busy_until, start)
            technician.record.shifts += 1

    def work_the_hour(self) -> None:
        end = self.hotel.now + 1
        for technician in self.hotel.technicians:
            technician.work_until(end)

    def arrange_evening_cover(self) -> None:
        hotel = self.hotel
        self.evening_cover = hotel.manager_of("maintenance").arrange_evening_cover()
        self.on_call = hotel.random.choice(hotel.technicians) if self.evening_cover else None
        for technician in hotel.technicians:
            technician.job = None
        if self.evening_cover:
            hotel.ledger.spend("evening_cover", hotel.p.callout_fee)

    def reachable(self) -> bool:
        hour = self.hotel.hour
        return c.Clock.maintenance_on_shift(hour) or (self.evening_cover
                                                      and hour in c.EVENING_COVER)

    def period_of_day(self) -> str:
        """"day" while maintenance is on shift, "evening" after."""
        return "day" if c.Clock.maintenance_on_shift(self.hotel.hour) else "evening"

    def open_work_order(self, defect: Defect, source: str, when: float,
                        reporter=None) -> WorkOrder:
        """Make `defect` known to the hotel and queue it for maintenance."""
        hotel = self.hotel
        if defect.reported_at is None:
            defect.reported_at = when
        if source == FOUND_BY_HOUSEKEEPING:
            hotel.ratings.praise(reporter)
            if defect.found_by is None:
                defect.found_by = FOUND_BY_HOUSEKEEPING
                hotel.tally.defects_found_by_housekeeping += 1
        order = WorkOrder(defect, source, when)
        # a loop, not any() over a generator: the queue holds about two orders, fewer than a
        # generator costs to make
        for queued in self.queue:
            if queued.defect is defect:
                break
        else:
            # housekeepers report from the whole shift at its start, so not always the newest
            insort(self.queue, order, key=CREATED_AT)
        return order

    def next_work_order(self, now: float) -> WorkOrder | None:
        """The work order maintenance should take next, by its manager's priorities."""
        queue = self.queue
        if not queue or queue[0].created_at > now:  # none waiting yet
            return None
        if self.hotel.manager_of("maintenance").prioritises_guest_facing():
            for order in queue:  # the oldest waiting order in a guest's room, if any
                if order.created_at > now:
                    break
                if order.defect.room.guest is not None:
                    return order
        return queue[0]

    def call(self, defect: Defect, receptionist) -> bool:
        """Reception calls maintenance for a guest now; True if the defect is repaired."""
        hotel = self.hotel
        order = self.open_work_order(defect, "reception", hotel.now)
        if not self.reachable():
            return False
        if c.Clock.maintenance_on_shift(hotel.hour):
            technician = min(hotel.technicians,
                             key=lambda t: (t.busy_until, hotel.random.random()))
        else:
            technician = self.on_call
        answered = technician.answer_call(order)  # a repair leaves the queue in `repair`
        if not answered:  # an answered call is praised once, for its quick repair (`repair`)
            hotel.ratings.blame(technician)
        if answered and not c.Clock.maintenance_on_shift(hotel.hour):  # an evening call-out
            minutes = hotel.p.callout_minutes + hotel.p.repair_minutes
            hotel.ledger.spend("overtime", 1.5 * hotel.p.technician_wage * minutes
                               / self.shift_minutes)
        return answered

    def repair(self, order: WorkOrder, technician, start: float) -> float:
        """Repair the order's defect from hour `start`; return the minutes it takes."""
        hotel = self.hotel
        p, tally, defect = hotel.p, hotel.tally, order.defect
        # uniform(0.5, 1.5): a + (b - a) * random(), without its Python frame
        minutes = p.repair_minutes * (0.5 + (1.5 - 0.5) * hotel.random.random()) * (
            2.0 if defect.severe else 1.0)
        defect.repaired_at = start + minutes / 60.0
        room = defect.room
        room.defects.remove(defect)
        if order in self.queue:
            self.queue.remove(order)
        hotel.ledger.spend("repairs", p.repair_material_cost * (3.0 if defect.severe else 1.0))
        technician.record.repairs += 1
        technician.record.cooperation_minutes += max(0.0, minutes - p.planned_task_minutes)
        hours = defect.repaired_at - defect.reported_at
        quick = hours <= p.quick_repair_hours
        if quick and (order.source == "reception" or room.guest is not None):
            hotel.ratings.praise(technician)  # reception sees the guest's problem gone
        tally.repairs += 1
        tally.response_hours.append(hours)
        if order.source == "reception":
            tally.reception_response_hours.append(hours)
        if defect.found_by == FOUND_BY_HOUSEKEEPING and room.guest is not None:
            room.guest.live_through("prevented")
        return minutes
