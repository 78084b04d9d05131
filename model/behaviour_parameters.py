"""Behaviour constants of the agents, as parameters that Sobol and Morris can sweep.

Receptionists' utilities are in units of `encounter_stress` (what facing an angry guest with
nothing to offer is worth avoiding, EUR-equivalent); guests' in satisfaction points (0-1000).
"""

from __future__ import annotations

from dataclasses import dataclass

from .parameter_fields import HotelFields, spec


@dataclass(frozen=True, slots=True)
class BehaviourFields(HotelFields):
    """How staff and guests decide and learn."""

    # --- behaviour ---------------------------------------------------------------------
    # low bound above 0: receptionists' choices are spread in units of it (a logit scale)
    encounter_stress: float = spec(40.0, 1.0, 500.0, "EUR-equivalent", group="behaviour",
        doc="How much a receptionist would give to avoid facing an angry guest with nothing "
            "to offer.", source="assumption; the scale of receptionists' utilities")
    learning_rate: float = spec(0.15, 0.0, 1.0, "propensity per evaluation", group="behaviour",
        doc="Largest change of a staff member's propensity after one evaluation.",
        source="assumption: habits change over a few evaluations")
    learning_sensitivity: float = spec(20.0, 0.0, 1000.0, "per unit of score", group="behaviour",
        doc="How strongly a score gained or lost by cooperating moves the propensity.",
        source="assumption: a 5-point score difference is felt clearly")
    # --- receptionists: what each way of handling a complaint costs them -------------
    move_effort: float = spec(0.45, 0.0, 5.0, "encounter units", group="behaviour",
        doc="Effort of moving a guest: run to the room, re-key, carry the luggage.",
        source="assumption; below a rebate's discomfort, so untrained receptionists move")
    desk_pressure: float = spec(0.5, 0.0, 5.0, "per arrival per receptionist",
        group="behaviour",
        doc="Extra effort of a move for each arrival queuing at the desk meanwhile.",
        source="assumption")
    rebate_discomfort: float = spec(0.35, 0.0, 5.0, "encounter units", group="behaviour",
        doc="Discomfort of haggling over money with a guest who stays angry (untrained).",
        source="calibrated: baseline rebates 2 to 5% of room revenue (brief §4)")
    deflect_discomfort: float = spec(1.0, 0.0, 5.0, "encounter units", group="behaviour",
        doc="Discomfort of saying 'not my department' to an angry guest (untrained).",
        source="assumption: the worst way out, short of a failed call")
    call_effort: float = spec(0.05, 0.0, 5.0, "encounter units", group="behaviour",
        doc="Effort of picking up the phone to the back office.", source="assumption")
    failed_call: float = spec(0.5, 0.0, 5.0, "encounter units", group="behaviour",
        doc="Cost of coming back to a guest who has waited for nobody.", source="assumption")
    unfit_room_penalty: float = spec(1.2, 0.0, 5.0, "encounter units", group="behaviour",
        doc="Cost of leaving a guest in a room not fit to sell (a severe defect) with money or "
            "words instead of another room: the guest insists on a room.",
        source="the case: rooms 'not fit to sell'; the reason the reserve is kept")
    stress_after_repair: float = spec(0.10, 0.0, 5.0, "encounter units", group="behaviour",
        doc="Strain left after a complaint ended by a repair.", source="assumption")
    stress_after_move: float = spec(0.25, 0.0, 5.0, "encounter units", group="behaviour",
        doc="Strain left after a complaint ended by a move.", source="assumption")
    stress_after_rebate: float = spec(0.50, 0.0, 5.0, "encounter units", group="behaviour",
        doc="Strain left after a complaint ended by a rebate (untrained).", source="assumption")
    stress_after_deflection: float = spec(0.90, 0.0, 5.0, "encounter units",
        group="behaviour", doc="Strain left after 'not my department' (untrained).",
        source="assumption")
    stress_after_failed_call: float = spec(0.30, 0.0, 5.0, "encounter units",
        group="behaviour", doc="Strain left by a call that brought nobody.",
        source="assumption")
    stress_fading: float = spec(0.8, 0.0, 1.0, "share per day", group="behaviour",
        doc="Share of a receptionist's strain still felt the next day.", source="assumption")
    sale_duty: float = spec(0.10, 0.0, 5.0, "encounter units", group="behaviour",
        doc="What selling one more room is worth to a receptionist without a bonus.",
        source="assumption")
    rate_duty: float = spec(0.10, 0.0, 5.0, "encounter units", group="behaviour",
        doc="What holding the rate for a walk-in is worth to a receptionist.",
        source="assumption: the front-office manager watches the average rate")
    confrontation: float = spec(0.12, 0.0, 5.0, "encounter units", group="behaviour",
        doc="Cost of refusing a discount a late arrival asks for.", source="assumption")
    discount_asked: float = spec(0.5, 0.0, 1.0, "probability", group="behaviour",
        doc="Share of late arrivals and walk-ins who ask for a discount.",
        source="assumption")
    choice_noise: float = spec(0.15, 0.01, 5.0, "encounter units", group="behaviour",
        doc="Spread of receptionists' logit choices (what they weigh but we do not model).",
        source="assumption; discrete-choice models")
    belief_learning: float = spec(0.2, 0.0, 1.0, "weight", group="behaviour",
        doc="Weight of the newest experience in a receptionist's beliefs (calls answered, "
            "evening complaints).", source="assumption: about the last five evenings count")
    quick_repair_hours: float = spec(12.0, 0.5, 240.0, "hours", group="behaviour",
        doc="A repair within this time of the work order is one reception sees as quick (a "
            "good mark for the technician under cross-evaluation).",
        source="assumption: the same day or the next morning")
    # --- the hotel as it was: where the warm-up starts -----------------------------------
    initial_reputation: float = spec(746.0, 0.0, 1000.0, "0-1000", group="initial",
        doc="Reputation at the start of the warm-up.",
        source="measured: the baseline's own mean (20 seeds), so a short warm-up suffices")
    initial_return_intent: float = spec(0.58, 0.0, 1.0, "probability", group="initial",
        doc="Mean return intent of past guests, which fills the pipeline of returns.",
        source="measured: the baseline's own mean")
    initial_checking: float = spec(0.10, 0.0, 1.0, "probability", group="initial",
        doc="Housekeepers' propensity to check equipment at the start (varied by +-0.05).",
        source="measured: the baseline's own mean")
    initial_reporting: float = spec(0.45, 0.0, 1.0, "probability", group="initial",
        doc="Housekeepers' propensity to report what they see at the start.",
        source="measured: the baseline's own mean")
    initial_responsiveness: float = spec(0.03, 0.0, 1.0, "probability", group="initial",
        doc="Technicians' propensity to drop planned work for reception at the start.",
        source="measured: the baseline's own mean")
    # --- managers ----------------------------------------------------------------------
    manager_report_days: int = spec(30, 1, 365, "days", group="behaviour",
        doc="Daily reports a manager reads before setting a policy (complaints, calls "
            "answered, costs): the window of what a manager observes.",
        source="assumption: a month of reports, the hotel's monthly management cycle")
    manager_days_in_own_function: float = spec(3650.0, 0.0, 20000.0, "days",
        group="behaviour",
        doc="Experience a manager starts with in the function they run: career insiders of "
            "one function, who know it fully (knowledge 1 - exp(-days / "
            "manager_learning_days)).",
        source="assumption: about ten years in one function before rotation")
    # --- guests and the market ---------------------------------------------------------
    other_complaint_rate: float = spec(0.01, 0.0, 1.0, "complaints per occupied room-night",
        group="behaviour",
        doc="Guests who come to the desk in the evening about something other than a room "
            "defect (noise, a neighbour, a wait, a bill): nothing the back office can repair or "
            "prevent, handled with the same resources (a move, a rebate, 'not my department').",
        source="the case: angry guests were 'mostly', not only, about room defects; "
               "calibrated: complaints 5-10% of occupied room-nights (brief §4) with defects "
               "the large majority of them")
    satisfaction_no_problem: float = spec(781.0, 1.0, 1000.0, "satisfaction points",
        group="behaviour",
        doc="Satisfaction of a guest whose stay had no problem; also the reputation of a "
            "well-run hotel, the reference of the market's response to reputation.",
        source="brief §4: J.D. Power, 781")
    satisfaction_prevented: float = spec(760.0, 0.0, 1000.0, "satisfaction points",
        group="behaviour",
        doc="Satisfaction of a guest whose room had a defect that housekeeping found and "
            "maintenance repaired before the guest met it.",
        source="assumption: between no problem and resolved, as the prevention literature "
               "reports")
    satisfaction_resolved: float = spec(705.0, 0.0, 1000.0, "satisfaction points",
        group="behaviour", doc="Satisfaction of a guest whose problem was resolved.",
        source="brief §4: J.D. Power, 705")
    satisfaction_unresolved: float = spec(582.0, 0.0, 999.0, "satisfaction points",
        group="behaviour", doc="Satisfaction of a guest whose problem was not resolved.",
        source="brief §4: J.D. Power, 582")
    return_intent_delighted: float = spec(0.66, 0.0, 1.0, "probability", group="behaviour",
        doc="Return intent of a guest who leaves with no problem (satisfaction_no_problem or "
            "above); it falls linearly to return_intent_disappointed at "
            "satisfaction_unresolved.",
        source="brief §4: delighted guests 66%")
    return_intent_disappointed: float = spec(0.04, 0.0, 1.0, "probability",
        group="behaviour",
        doc="Return intent of a guest who leaves with an unresolved problem (or worse).",
        source="brief §4: disappointed guests 4%")
    return_delay_min_days: int = spec(30, 1, 3649, "days", group="behaviour",
        doc="Soonest a guest who intends to come back does (the delay is uniform between "
            "this and return_delay_max_days).",
        source="assumption: repeat business and leisure stays, a month to a year apart")
    return_delay_max_days: int = spec(365, 2, 3650, "days", group="behaviour",
        doc="Latest a guest who intends to come back does.",
        source="assumption: a month to a year")
    rebate_softening: float = spec(35.0, 0.0, 300.0, "satisfaction points", group="behaviour",
        doc="Points a rebate gives back to a guest left with the defect.",
        source="assumption: between unresolved (582) and resolved (705)")
    deflection_penalty: float = spec(30.0, 0.0, 300.0, "satisfaction points",
        group="behaviour", doc="Points lost when told 'not my department'.",
        source="assumption")
    satisfaction_noise: float = spec(40.0, 0.0, 300.0, "satisfaction points",
        group="behaviour", doc="Spread of individual guests' tastes.", source="assumption")
    complainer_weight: float = spec(3.0, 1.0, 20.0, "voices", group="behaviour",
        doc="How many times a guest left with an unresolved problem weighs in the market's "
            "view, against a happy one.",
        source="negativity bias of word of mouth (Anderson 1998)")
