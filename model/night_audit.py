"""The night audit: closes the day's books (revenue, wear and tear, wages and costs) and
writes the day's row of metrics."""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from .building import Defect
from .metrics import DayCounters, daily_row

if TYPE_CHECKING:
    from .hotel import InterLodgeModel


class NightAudit:
    """The hotel's books at the end of each day."""

    def __init__(self, hotel: InterLodgeModel):
        self.hotel = hotel
        self.recent_occupancy: deque[float] = deque(maxlen=30)  # for the occupancy bonus

    def close_day(self) -> None:
        """Close the day: revenue, wear and tear, costs, the day's row."""
        hotel = self.hotel
        p, draw, now = hotel.p, hotel.random.random, hotel.now
        occupied = [room for room in hotel.rooms if room.guest is not None]
        tally = hotel.tally
        # tonight's takings and counts in local names, added in the rooms' order as the
        # ledger and the tally would (both start the day at zero): a hundred rooms a night
        revenue, late, returning, forgone = 0.0, 0, 0, 0.0
        defect_rate, worsening_rate = p.defect_rate, p.defect_worsening_rate
        for room in occupied:
            guest = room.guest
            revenue += guest.rate
            late += guest.late
            returning += guest.returning
            forgone += guest.list_rate - guest.rate
            guest.nights_left -= 1
            room.clean = False
            if draw() < defect_rate:
                room.defects.append(Defect(room, now))
                tally.defects_created += 1
        hotel.ledger.earn(revenue)
        tally.late_room_nights += late
        tally.returning_room_nights += returning
        tally.discounts_forgone += forgone
        hotel.front_desk.release_held_rooms()
        open_defects = 0
        for room in hotel.rooms:
            if room.defects:  # most rooms have none
                for defect in room.defects:
                    open_defects += 1
                    if not defect.severe and draw() < worsening_rate:
                        defect.severe = True
        self.pay_the_day(len(occupied))
        evening = hotel.tally.evening_complaints
        for receptionist in hotel.front_desk.roster.get("evening", []):
            receptionist.end_evening(evening)
        for receptionist in hotel.receptionists:
            receptionist.unwind()
        hotel.market.update_reputation()
        accounts = hotel.ledger.close_day()
        if hotel.levers_on:  # the warm-up is not reported
            hotel.rows.append(daily_row(hotel, hotel.tally, accounts, len(occupied),
                                        open_defects))
        hotel.tally = DayCounters()

    def pay_the_day(self, occupied: int) -> None:
        hotel = self.hotel
        p, ledger = hotel.p, hotel.ledger
        size = p.rooms / 100.0  # payroll of the desk and of management scales with the hotel
        ledger.spend("reception_wages", hotel.front_desk.paid_shifts() * p.receptionist_wage)
        ledger.spend("maintenance_wages", len(hotel.technicians) * p.technician_wage)
        ledger.spend("manager_wages", len(hotel.managers) * p.manager_wage * size)
        ledger.spend("variable", occupied * p.variable_cost_per_room)
        ledger.spend("fixed", p.fixed_costs_per_day * p.rooms / 100.0)
        self.recent_occupancy.append(occupied / p.rooms)
        if hotel.lever("incentives"):
            occupancy = sum(self.recent_occupancy) / len(self.recent_occupancy)
            band = p.incentive_occupancy_target - p.incentive_occupancy_threshold
            earned = min(1.0, max(0.0, (occupancy - p.incentive_occupancy_threshold) / band))
            ledger.spend("bonus", earned * p.incentive_bonus * len(hotel.receptionists) / 30)
        if hotel.lever("training") and hotel.day < p.training_days:
            ledger.spend("training", p.training_cost * len(hotel.receptionists)
                         / p.training_days)
