"""The daily metrics: one row per simulated day, each column defined with its unit.

`METRICS` is the single definition used by the model, the documentation (docs/metrics.md is
generated from it), the experiments and the app.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from operator import attrgetter

from .economics import COST_ITEMS
from .guests import WORSE

METRICS: dict[str, tuple[str, str]] = {
    "day": ("day", "Days since the levers were switched on (day 0); the warm-up is not reported."),
    "gross_margin": ("share", "(net_revenue - costs) / net_revenue for the day."),
    "net_revenue": ("EUR", "Room revenue less rebates, refunds and vouchers."),
    "room_revenue": ("EUR", "Rates of the rooms occupied tonight."),
    "costs": ("EUR", "All costs of the day (the cost_* columns added up)."),
    "occupancy": ("share", "Occupied rooms tonight / rooms."),
    "rooms_sold": ("rooms", "Rooms occupied tonight (room-nights sold)."),
    "demand": ("share", "Rooms wanted tonight (occupied + parties turned away today) / rooms."),
    "adr": ("EUR", "Average daily rate: room revenue / occupied rooms."),
    "revpar": ("EUR", "Revenue per available room: net revenue / rooms."),
    "held_rooms": ("rooms", "Rooms the evening receptionist held back from sale tonight."),
    "late_arrivals_turned_away": ("parties", "Late arrivals and walk-ins refused tonight."),
    "late_arrivals_sold": ("parties", "Late arrivals and walk-ins sold a room tonight."),
    "late_room_nights": ("rooms", "Rooms occupied tonight by guests who came as late arrivals "
                         "or walk-ins."),
    "returning_room_nights": ("rooms", "Rooms occupied tonight by guests who came back after "
                              "an earlier stay (return intent)."),
    "discounts_forgone": ("EUR", "List rate less the rate paid, over the rooms occupied tonight "
                          "(discounts conceded at the desk)."),
    "reservations_walked": ("parties", "Reservations sent elsewhere for want of a room."),
    "booked_arrivals": ("parties", "Arrivals on the books this morning: new reservations and "
                        "returning guests (late arrivals and walk-ins are not booked); each "
                        "is housed or walked (reservations_walked)."),
    "returning_arrivals": ("parties", "Returning guests among booked_arrivals."),
    "reception_shifts": ("shifts", "Receptionist shifts paid today (cost_reception_wages / "
                         "receptionist_wage)."),
    "evening_desk_shifts": ("shifts", "Of reception_shifts, the evening shift's, which the "
                            "front-office manager rosters to booked_arrivals."),
    "discounts_given": ("parties", "Late arrivals who got a discount."),
    "complaints": ("complaints", "Guests who came to the desk about a defect, or about "
                   "something else (other_complaints)."),
    "evening_complaints": ("complaints", "Complaints after maintenance's day shift (17:00 on)."),
    "other_complaints": ("complaints", "Complaints about something other than a room defect "
                         "(noise, a neighbour, a wait, a bill), all in the evening; part of "
                         "complaints and evening_complaints."),
    "evening_repairs": ("complaints", "Evening complaints ended by a repair."),
    "evening_moves": ("complaints", "Evening complaints ended by a move."),
    "evening_rebates": ("complaints", "Evening complaints ended with a rebate."),
    "repairs_on_complaint": ("complaints", "Complaints ended by a repair within the hour."),
    "moves": ("complaints", "Complaints ended by moving the guest to another room."),
    "rebates_given": ("complaints", "Complaints ended with a rebate, refund or voucher."),
    "deflections": ("complaints", "Complaints ended with 'not my department'."),
    "rebates": ("EUR", "Money given back to guests."),
    "rebate_share": ("share", "rebates / room_revenue."),
    "defects_created": ("defects", "Defects that room use created last night."),
    "defects_found_by_housekeeping": ("defects", "Defects first found and reported by a "
                                      "housekeeper."),
    "defects_found_by_guests": ("defects", "Defects first found by a guest."),
    "open_defects": ("defects", "Defects not yet repaired at the end of the day."),
    "repairs": ("defects", "Defects repaired."),
    "housekeeper_report_rate": ("share", "Defects first reported by housekeepers / latent "
                                "defects in the rooms they cleaned (a defect counts each day "
                                "its room is cleaned): the share of the hidden defects a "
                                "cleaning brings to light, at most 1; a housekeeper who checks "
                                "every room and reports all she finds reaches "
                                "defect_visibility (NaN if none)."),
    "housekeeper_check_rate": ("share", "Rooms whose equipment was checked / rooms cleaned."),
    "maintenance_response_hours": ("hours", "Mean time from work order to repair, orders "
                                   "repaired today (NaN if none)."),
    "reception_response_hours": ("hours", "Same, for the orders reception opened (NaN if none)."),
    "guest_satisfaction": ("0-1000", "Mean satisfaction of guests who left today (NaN if none)."),
    "reputation": ("0-1000", "The market's memory of recent satisfaction."),
    "rooms_per_housekeeper_shift": ("rooms", "Rooms cleaned / housekeeper shifts worked."),
    "housekeeper_shifts": ("shifts", "Housekeeper shifts worked."),
    "rooms_cleaned": ("rooms", "Rooms cleaned today (last night's occupied rooms and rooms "
                      "left by moves): the work housekeepers are rostered to."),
    "receptionist_stress": ("encounters", "Mean strain of receptionists (fades by 20% a day)."),
    "check_propensity": ("probability", "Housekeepers' mean propensity to check equipment."),
    "report_propensity": ("probability", "Housekeepers' mean propensity to report a defect."),
    "maintenance_responsiveness": ("probability", "Technicians' mean propensity to drop "
                                   "planned work for reception."),
    "manager_cross_knowledge": ("share", "Managers' mean knowledge of the functions they do "
                                "not run."),
    "evening_cover": ("switch", "1 if maintenance had evening cover tonight."),
    "departures": ("guests", "Guests who left today."),
}
for _item in COST_ITEMS:
    METRICS[f"cost_{_item}"] = ("EUR", f"Cost item '{_item.replace('_', ' ')}' (part of costs).")
for _kind in WORSE:
    _key = _kind.replace(" ", "_")
    METRICS[f"departures_{_key}"] = ("guests", f"Departing guests whose stay was '{_kind}'.")
    METRICS[f"satisfaction_{_key}"] = ("0-1000", "Their mean satisfaction (NaN if none).")


@dataclass
class DayCounters:
    """Counts gathered during one day, turned into a row at the night audit."""

    late_arrivals_turned_away: int = 0
    late_arrivals_sold: int = 0
    late_room_nights: int = 0
    returning_room_nights: int = 0
    discounts_forgone: float = 0.0
    reservations_walked: int = 0
    booked_arrivals: int = 0
    returning_arrivals: int = 0
    reception_shifts: int = 0
    evening_desk_shifts: int = 0
    discounts_given: int = 0
    complaints: int = 0
    evening_complaints: int = 0
    other_complaints: int = 0
    evening_repairs: int = 0
    evening_moves: int = 0
    evening_rebates: int = 0
    repairs_on_complaint: int = 0
    moves: int = 0
    rebates_given: int = 0
    deflections: int = 0
    defects_created: int = 0
    defects_found_by_housekeeping: int = 0
    defects_found_by_guests: int = 0
    repairs: int = 0
    latent_in_cleaned_rooms: int = 0
    rooms_cleaned: int = 0
    rooms_checked: int = 0
    housekeeper_shifts: int = 0
    held_rooms: int = 0
    response_hours: list = field(default_factory=list)
    reception_response_hours: list = field(default_factory=list)
    satisfaction: dict = field(default_factory=lambda: {kind: [] for kind in WORSE})


# counters written to the row as they are
COUNTED = ("held_rooms", "late_arrivals_turned_away", "late_arrivals_sold", "late_room_nights",
           "returning_room_nights",
           "discounts_forgone", "reservations_walked", "booked_arrivals",
           "returning_arrivals", "reception_shifts", "evening_desk_shifts", "discounts_given",
           "complaints", "evening_complaints", "other_complaints", "evening_repairs",
           "evening_moves", "evening_rebates", "repairs_on_complaint", "moves", "rebates_given",
           "deflections", "defects_created", "defects_found_by_housekeeping",
           "defects_found_by_guests", "repairs", "housekeeper_shifts", "rooms_cleaned")
_counted = attrgetter(*COUNTED)  # all of them in one call: a row a day
# each experience's columns: departures and their mean satisfaction
_BY_EXPERIENCE = tuple((kind, "departures_" + kind.replace(" ", "_"),
                        "satisfaction_" + kind.replace(" ", "_")) for kind in WORSE)


def daily_row(hotel, t: DayCounters, accounts: dict[str, float], occupied: int,
              open_defects: int) -> dict[str, float]:
    """The day's row of METRICS from the hotel, its day counters `t` and its accounts."""
    rooms = hotel.p.rooms

    satisfaction = t.satisfaction
    departing = [s for values in satisfaction.values() for s in values]
    row = dict(zip(COUNTED, _counted(t), strict=True))
    row |= {
        "day": hotel.day,
        "occupancy": occupied / rooms,
        "rooms_sold": occupied,
        "demand": (occupied + t.late_arrivals_turned_away + t.reservations_walked) / rooms,
        "adr": ratio(accounts["room_revenue"], occupied),
        "revpar": accounts["net_revenue"] / rooms,
        "rebate_share": ratio(accounts["rebates"], accounts["room_revenue"]),
        "open_defects": open_defects,
        "housekeeper_report_rate": ratio(t.defects_found_by_housekeeping,
                                         t.latent_in_cleaned_rooms),
        "housekeeper_check_rate": ratio(t.rooms_checked, t.rooms_cleaned),
        "maintenance_response_hours": mean(t.response_hours),
        "reception_response_hours": mean(t.reception_response_hours),
        "guest_satisfaction": mean(departing),
        "reputation": hotel.market.reputation,
        "rooms_per_housekeeper_shift": ratio(t.rooms_cleaned, t.housekeeper_shifts),
        "receptionist_stress": average([m.stress for m in hotel.receptionists]),
        "check_propensity": average([m.check_propensity for m in hotel.housekeepers]),
        "report_propensity": average([m.report_propensity for m in hotel.housekeepers]),
        "maintenance_responsiveness": average([m.responsiveness for m in hotel.technicians]),
        "manager_cross_knowledge": average([m.cross_knowledge for m in hotel.managers.values()]),
        "evening_cover": float(hotel.maintenance.evening_cover),
        "departures": len(departing),
    }
    row |= accounts
    for kind, departures, satisfied in _BY_EXPERIENCE:
        values = satisfaction[kind]
        row[departures] = len(values)
        row[satisfied] = mean(values)
    # a column defined and not made, or made and not defined: checked on a run's first row
    # (every day's row has the same columns, and the check costs a sixth of the row)
    if not hotel.rows and row.keys() != METRICS.keys():
        raise RuntimeError(f"daily row and METRICS differ: missing "
                           f"{sorted(METRICS.keys() - row.keys())}, undefined "
                           f"{sorted(row.keys() - METRICS.keys())}")
    return row


def average(values: list[float]) -> float:
    """The mean of staff members' traits (a hotel has at least one of each kind)."""
    return sum(values) / len(values)


def mean(values) -> float:
    return sum(values) / len(values) if values else math.nan


def ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else math.nan
