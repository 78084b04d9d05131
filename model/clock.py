"""The hotel's clock: one model step is one hour; days have fixed working hours.

Day 0 is the day the levers are switched on; the warm-up runs on negative days.
"""

from __future__ import annotations

from dataclasses import dataclass

HOURS_PER_DAY = 24
CHECK_OUT = 7
DAY_SHIFT_START = 8  # housekeeping and maintenance
MAINTENANCE_END = 17
ARRIVALS = range(14, 23)  # reservations check in from 14:00 to 22:00
RESERVE_DECISION = 18  # the evening receptionist decides how many rooms to hold back
EVENING_RETURNS = range(19, 23)  # staying guests come back to their room
LATE_ARRIVALS = range(20, 24)  # late arrivals and walk-ins, 20:00 to midnight
NIGHT_AUDIT = 23
RECEPTION_SHIFTS = {"morning": range(7, 15), "evening": range(15, 23), "night": (23, 0, 1, 2, 3,
                                                                                 4, 5, 6)}
# the reception shift working at each hour of the day
SHIFT_AT = tuple(next(shift for shift, hours in RECEPTION_SHIFTS.items() if hour in hours)
                 for hour in range(HOURS_PER_DAY))
EVENING_COVER = range(MAINTENANCE_END, 23)
MAINTENANCE_SHIFT_MINUTES = (MAINTENANCE_END - DAY_SHIFT_START) * 60.0


@dataclass
class Clock:
    """Converts model hours to the hotel's days and hours of day."""

    warmup_days: int

    def day(self, time: float) -> int:
        return int(time // HOURS_PER_DAY) - self.warmup_days

    @staticmethod
    def hour(time: float) -> int:
        return int(time % HOURS_PER_DAY)

    def label(self, time: float) -> str:
        return f"day {self.day(time)} {self.hour(time):02d}:{round(time % 1 * 60):02d}"

    @staticmethod
    def maintenance_on_shift(hour: int) -> bool:
        return DAY_SHIFT_START <= hour < MAINTENANCE_END
