"""The fields of the hotel's parameters, by group: levers, hotel, demand, defects, work,
economics and the run. Behaviour constants are in `model.behaviour_parameters`.

Sources: "brief §4" is the calibration table of `docs/interlodge-case.md` (industry figures);
"calibrated" means the value was chosen so that the baseline reproduces the brief's baseline
figures (see docs/calibration.md); "assumption" is a modelling choice documented in docs/ODD.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def spec(default: Any, low: float | None = None, high: float | None = None, unit: str = "",
         doc: str = "", source: str = "", group: str = "") -> Any:
    """A field of `Parameters`: its default, and bounds, unit, doc and source as metadata."""
    return field(default=default, metadata={"low": low, "high": high, "unit": unit, "doc": doc,
                                            "source": source, "group": group})


@dataclass(frozen=True, slots=True)
class HotelFields:
    """Levers, the hotel, its market, defects, work, economics and the run."""

    # --- management levers -------------------------------------------------------------
    incentives: bool = spec(False, unit="switch", group="levers",
        doc="Receptionists are paid an occupancy bonus (attempt 2 of the case).",
        source="the case, attempt 2")
    training: bool = spec(False, unit="switch", group="levers",
        doc="Receptionists take the mandatory guest-engagement soft-skills training.",
        source="the case, attempt 2")
    restructuring: bool = spec(False, unit="switch", group="levers",
        doc="Clarified roles and re-engineered processes: reception's job stops at the desk and "
            "requests to maintenance go through formal work orders, not calls.",
        source="the case, attempt 1")
    role_clarity: float = spec(0.4, 0.0, 1.0, "share", group="levers",
        doc="Under restructuring, how much a written job description eases saying 'not my "
            "department' (share of the discomfort removed).",
        source="assumption: the case says clarified roles let receptionists deflect")
    rotation: bool = spec(False, unit="switch", group="levers",
        doc="Promotion to manager requires work in several functions; managers rotate.",
        source="the case, redesign")
    cross_evaluation: bool = spec(False, unit="switch", group="levers",
        doc="Receptionists' ratings count in housekeeping's and maintenance's evaluations.",
        source="the case, redesign")
    cross_evaluation_weight: float = spec(0.5, 0.0, 1.0, "share of score", group="levers",
        doc="Weight of receptionists' rating in back-office scores when cross-evaluation is on.",
        source="assumption: 'a say that carried real weight'; swept by researchers")
    evaluation_period_days: int = spec(30, 7, 365, "days", group="levers",
        doc="Time between two performance evaluations of staff.",
        source="brief §3: monthly to quarterly")
    rotation_period_days: int = spec(120, 30, 1095, "days", group="levers",
        doc="Time a manager stays in one function before rotating (when rotation is on).",
        source="brief §3: managers turn over on a timescale of months")
    manager_learning_days: float = spec(60.0, 1.0, 1000.0, "days", group="levers",
        doc="Time constant of a manager's learning of a function they work in.",
        source="assumption: knowledge of a function is mostly learnt in its first quarter")
    incentive_bonus: float = spec(300.0, 0.0, 10000.0, "EUR per receptionist per month",
        group="levers",
        doc="Bonus paid to each receptionist in a month whose occupancy reaches the target "
            "(pro rata from the threshold).",
        source="assumption: about 15% of a monthly receptionist wage")
    incentive_occupancy_target: float = spec(0.70, 0.05, 1.0, "share of rooms", group="levers",
        doc="Monthly occupancy at which the full bonus is paid.",
        source="brief §4: market occupancy 65-70%")
    # high bound below 1: the threshold must stay below the target, which is at most 1
    incentive_occupancy_threshold: float = spec(0.60, 0.0, 0.95, "share of rooms",
        group="levers",
        doc="Monthly occupancy from which the bonus starts to be paid.",
        source="assumption: just below InterLodge's baseline")
    training_cost: float = spec(1500.0, 0.0, 100000.0, "EUR per receptionist", group="levers",
        doc="Cost of the guest-engagement training, charged over training_days.",
        source="assumption: two days of course plus the staff time")
    training_days: int = spec(90, 1, 730, "days", group="levers",
        doc="Length of the training programme over which its cost is charged.",
        source="assumption")
    training_skill: float = spec(0.35, 0.0, 1.0, "share", group="levers",
        doc="How much the training lowers the discomfort of giving rebates and of deflecting.",
        source="calibrated: the case says training made rebates and deflection easier")
    # --- hotel and staff ---------------------------------------------------------------
    rooms: int = spec(100, 10, 1000, "rooms", group="hotel",
        doc="Rooms in the hotel.", source="brief §4: 75 to 120 for an economy/midscale hotel")
    floors: int = spec(5, 1, 60, "floors", group="hotel",
        doc="Floors the rooms are laid out on.", source="assumption")
    receptionists: int = spec(7, 3, 200, "people", group="hotel",
        doc="Receptionists on the roster (reception is staffed round the clock).",
        source="assumption: 1 to 2 on each of three shifts, with days off")
    housekeepers: int = spec(8, 1, 300, "people", group="hotel",
        doc="Housekeepers on the roster (day shift).",
        source="calibrated: enough for the quota at the market's occupancy")
    desk_arrivals_per_receptionist: float = spec(15.0, 1.0, 200.0,
        "booked arrivals per receptionist", group="hotel",
        doc="The front desk's labour standard: the front-office manager rosters one evening "
            "receptionist for this many arrivals on the books (at least one a shift per 100 "
            "rooms round the clock).",
        source="assumption: hotels roster to the day's forecast; with the status quo's "
               "bookings the evening desk keeps its two receptionists on an average night "
               "(docs/calibration.md)")
    technicians: int = spec(2, 1, 100, "people", group="hotel",
        doc="Maintenance technicians (day shift).", source="assumption")
    # --- demand and price --------------------------------------------------------------
    market_demand: float = spec(0.62, 0.05, 2.0, "room-nights per room per night",
        group="demand",
        doc="Demand for the hotel at the reference reputation, as a share of its rooms.",
        source="calibrated: baseline occupancy 55 to 70% (brief §4)")
    demand_volatility: float = spec(0.35, 0.0, 2.0, "log-standard deviation", group="demand",
        doc="Day-to-day variation of demand (events, weather, conferences).",
        source="assumption: peak nights reach capacity, as in a city hotel")
    weekday_swing: float = spec(0.35, 0.0, 0.9, "share of mean demand", group="demand",
        doc="How far demand on Saturday falls below the mean; Monday-Thursday rise above it "
            "(up to 0.7 times as far, on Tuesday and Wednesday), Friday-Sunday fall below.",
        source="assumption: a business hotel full on some weeknights, emptier at weekends")
    seasonal_amplitude: float = spec(0.15, 0.0, 0.9, "share of mean demand", group="demand",
        doc="Amplitude of the yearly cycle of demand (a cosine over 365 days).",
        source="assumption: city hotels' busy and slack seasons")
    season_peak_day: int = spec(60, 0, 364, "day of the cycle", group="demand",
        doc="Day of the yearly cycle (counted from day 0) on which demand peaks.",
        source="assumption")
    late_arrival_share: float = spec(0.15, 0.0, 0.6, "share of demand", group="demand",
        doc="Share of new demand that comes as late arrivals and walk-ins.",
        source="brief §4: 10 to 20%")
    mean_stay_nights: float = spec(2.0, 1.0, 14.0, "nights", group="demand",
        doc="Mean length of stay.", source="assumption: economy and midscale hotels")
    target_rate: float = spec(90.0, 10.0, 5000.0, "EUR per room-night", group="demand",
        doc="Rate the hotel asks for a room-night.", source="assumption: midscale hotel")
    walk_in_discount: float = spec(0.15, 0.0, 0.9, "share of rate", group="demand",
        doc="Discount a late arrival gets when the receptionist concedes to a request.",
        source="assumption")
    reputation_memory_days: float = spec(90.0, 1.0, 730.0, "days", group="demand",
        doc="Memory of the market: time constant of the reputation (recent satisfaction).",
        source="assumption: online reviews of the last quarter dominate")
    reputation_demand_elasticity: float = spec(0.072, 0.0, 5.0, "per 100 satisfaction points",
        group="demand",
        doc="Relative change in new demand for 100 points of reputation above the reference.",
        source="Anderson (2012, Cornell CHR): occupancy elasticity 0.54 to the online review "
               "score; 100 points are 13.3% of a reputation of 750, so 0.54 x 0.133 = 0.072 "
               "(docs/calibration.md)")
    reputation_rate_elasticity: float = spec(0.119, 0.0, 2.0, "per 100 satisfaction points",
        group="demand",
        doc="Relative change in the rate the hotel can hold for 100 points of reputation.",
        source="Anderson (2012, Cornell CHR): price elasticity 0.89 to the online review "
               "score; 0.89 x 0.133 = 0.119 (docs/calibration.md)")
    return_share: float = spec(0.35, 0.0, 1.0, "share", group="demand",
        doc="Share of a guest's return intent that becomes a stay within a year.",
        source="assumption")
    # --- defects -----------------------------------------------------------------------
    defect_rate: float = spec(0.05, 0.0, 0.5, "defects per occupied room-night",
        group="defects", doc="Rate at which room use creates defects.",
        source="brief §4: 0.02 to 0.05 (sweep 0.01 to 0.08)")
    defect_visibility: float = spec(0.45, 0.0, 1.0, "probability", group="defects",
        doc="Chance that a housekeeper's equipment check finds a given latent defect.",
        source="brief §4: 30 to 60%")
    guest_find_at_checkin: float = spec(0.4, 0.0, 1.0, "probability", group="defects",
        doc="Chance that an arriving guest finds a latent defect at check-in.",
        source="assumption")
    guest_find_in_evening: float = spec(0.4, 0.0, 1.0, "probability per night", group="defects",
        doc="Chance that a staying guest finds a latent defect back in the room in the evening.",
        source="assumption")
    guest_complaint_probability: float = spec(0.85, 0.0, 1.0, "probability", group="defects",
        doc="Chance that a guest who finds a defect goes to the front desk.",
        source="assumption: most guests who find a defect say so")
    defect_worsening_rate: float = spec(0.04, 0.0, 1.0, "per day", group="defects",
        doc="Daily chance that a latent defect grows worse (costlier, room out of order).",
        source="assumption")
    # --- housekeeping ------------------------------------------------------------------
    housekeeper_quota: int = spec(15, 5, 40, "rooms per shift", group="housekeeping",
        doc="Rooms a housekeeper must clean in a shift.", source="brief §4: 13 to 16")
    shift_minutes: float = spec(450.0, 240.0, 720.0, "minutes", group="housekeeping",
        doc="Working minutes in a housekeeper's shift (8 h less breaks).", source="assumption")
    stayover_minutes: float = spec(17.5, 5.0, 60.0, "minutes", group="housekeeping",
        doc="Mean time to clean a stay-over room.", source="brief §4: 15 to 20")
    checkout_minutes: float = spec(30.0, 10.0, 90.0, "minutes", group="housekeeping",
        doc="Mean time to clean a room after check-out.", source="brief §4: about 30")
    room_overhead_minutes: float = spec(5.0, 0.0, 30.0, "minutes", group="housekeeping",
        doc="Walking, linen and trolley time per room.", source="assumption")
    check_minutes: float = spec(2.0, 0.0, 15.0, "minutes", group="housekeeping",
        doc="Time to check a room's equipment.", source="brief §3: 1 to 3")
    report_minutes: float = spec(6.0, 0.0, 30.0, "minutes", group="housekeeping",
        doc="Time to report a defect to maintenance.", source="brief §3: 3 to 10")
    # --- maintenance -------------------------------------------------------------------
    repair_minutes: float = spec(40.0, 5.0, 240.0, "minutes", group="maintenance",
        doc="Mean time to repair a defect.", source="brief §4: 20 to 60")
    callout_minutes: float = spec(20.0, 0.0, 120.0, "minutes", group="maintenance",
        doc="Extra time to drop a task and answer a call from reception (walk, guest).",
        source="assumption")
    planned_task_minutes: float = spec(30.0, 5.0, 240.0, "minutes", group="maintenance",
        doc="Length of one task of maintenance's own planned work.", source="assumption")
    max_order_age_days: float = spec(3.0, 0.5, 30.0, "days", group="maintenance",
        doc="Maintenance's own standard: a work order should not wait longer than this.",
        source="assumption")
    # --- economics ---------------------------------------------------------------------
    rebate_share_of_rate: float = spec(0.8, 0.0, 2.0, "share of the room rate",
        group="economics", doc="Mean compensation for an incident (rebate, refund, voucher).",
        source="brief §4: 0.2 to 1.0 times the rate; calibrated within it: baseline rebates "
               "2 to 5% of room revenue")
    variable_cost_per_room: float = spec(28.0, 0.0, 1000.0, "EUR per occupied room-night",
        group="economics",
        doc="Laundry, amenities, energy, distribution (commissions, card fees) for an "
            "occupied room.",
        source="calibrated with fixed_costs_per_day: baseline gross margin 20 to 30% and "
               "operating leverage 1.5 to 2 (brief §3; docs/calibration.md)")
    fixed_costs_per_day: float = spec(100.0, 0.0, 1e6, "EUR per day per 100 rooms",
        group="economics",
        doc="Other operating costs of the hotel unit per day, whatever its occupancy.",
        source="calibrated with variable_cost_per_room: baseline gross margin 20 to 30% and "
               "operating leverage 1.5 to 2 (brief §3): fixed costs can be at most about "
               "the margin, and managers, maintenance and the desk's round-the-clock cover "
               "make up most of them (docs/calibration.md)")
    receptionist_wage: float = spec(120.0, 0.0, 5000.0, "EUR per shift", group="economics",
        doc="Cost of a receptionist's shift; the desk pays the shifts rostered each day.",
        source="brief §4: payroll about a third of revenue")
    housekeeper_wage: float = spec(105.0, 0.0, 5000.0, "EUR per shift", group="economics",
        doc="Cost of a housekeeper's shift; overtime is paid 1.5 times.",
        source="brief §4: payroll about a third of revenue")
    technician_wage: float = spec(150.0, 0.0, 5000.0, "EUR per shift", group="economics",
        doc="Cost of a technician's shift.", source="brief §4: payroll about a third of revenue")
    manager_wage: float = spec(150.0, 0.0, 5000.0, "EUR per day per 100 rooms",
        group="economics",
        doc="Cost of a manager per day in a 100-room hotel; it scales with the rooms (a small "
            "unit pays its managers less or shares them).",
        source="brief §4: payroll about a third of revenue; about 55,000 EUR a year with "
               "charges, a department head of an economy hotel (docs/calibration.md)")
    callout_fee: float = spec(60.0, 0.0, 5000.0, "EUR per evening", group="economics",
        doc="Cost of an evening of on-call maintenance cover (plus overtime when called).",
        source="assumption")
    repair_material_cost: float = spec(25.0, 0.0, 5000.0, "EUR per repair", group="economics",
        doc="Parts for a repair; a defect that has grown worse costs three times more.",
        source="assumption")
    extra_cleaning_cost: float = spec(20.0, 0.0, 1000.0, "EUR per move", group="economics",
        doc="Cleaning a second room after a guest is moved.", source="brief §4")
    # --- run ---------------------------------------------------------------------------
    warmup_days: int = spec(150, 0, 3650, "days", group="run",
        doc="Days run without levers before day 0 so the run starts from the baseline's own "
            "steady state; not reported.",
        source="measured: the baseline is then flat (pattern 1, docs/validation.md)")
    decision_log_length: int = spec(30, 0, 10000, "decisions", group="run",
        doc="Recent decisions each agent keeps to explain itself.", source="assumption")

