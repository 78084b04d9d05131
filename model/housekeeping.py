"""Housekeeping's day shift: the rooms to clean, split into sections among the housekeepers
the manager rosters for them at the quota, each paid for her shift and its overtime."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .hotel import InterLodgeModel


class Housekeeping:
    """The cleaning service of the hotel, run by its housekeepers."""

    def __init__(self, hotel: InterLodgeModel):
        self.hotel = hotel
        self.quota = float(hotel.p.housekeeper_quota)  # rooms a shift, less the slack granted

    def standard_minutes(self, rooms: list) -> list[float]:
        """Standard cleaning time of each of `rooms` today: a stay-over or a check-out."""
        p = self.hotel.p
        stayover = p.stayover_minutes + p.room_overhead_minutes
        checkout = p.checkout_minutes + p.room_overhead_minutes
        return [stayover if room.guest is not None else checkout for room in rooms]

    def mean_room_minutes(self) -> float:
        p = self.hotel.p
        return (p.stayover_minutes + p.checkout_minutes) / 2 + p.room_overhead_minutes

    def clean_rooms(self) -> None:
        """Housekeeping's shift: enough housekeepers for the quota, a section each."""
        hotel = self.hotel
        p, tally = hotel.p, hotel.tally
        to_clean = [room for room in hotel.rooms if not room.clean]
        for housekeeper in hotel.housekeepers:
            housekeeper.section = []
        if not to_clean:
            return
        manager = hotel.manager_of("housekeeping")
        self.quota = max(1.0, p.housekeeper_quota - manager.grant_quota_slack())
        n = manager.roster_housekeepers(len(to_clean), self.quota)
        on_duty = hotel.random.sample(hotel.housekeepers, n)
        start = hotel.now
        for i, housekeeper in enumerate(on_duty):
            section = to_clean[i * len(to_clean) // n:(i + 1) * len(to_clean) // n]
            # check-outs first, each kind in its order (a stable sort, without a key call
            # per room)
            section = ([room for room in section if room.guest is None]
                       + [room for room in section if room.guest is not None])
            housekeeper.clean_section(section, start)
            today = housekeeper.today
            tally.rooms_cleaned += today.rooms
            tally.rooms_checked += today.checks
            tally.latent_in_cleaned_rooms += today.latent_defects
            tally.housekeeper_shifts += 1
            hotel.ledger.spend("housekeeping_wages", p.housekeeper_wage)
            hotel.ledger.spend("overtime", 1.5 * p.housekeeper_wage * today.overtime
                               / p.shift_minutes)
        # Maintenance's shift starts with housekeeping's, so on a day without a room to clean
        # no technician shift is counted (as the model has always done; it matters only in
        # small, empty hotels and is left for a deliberate change of numbers).
        hotel.maintenance.start_shift(start)
