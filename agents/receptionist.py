"""Receptionists: the staff most exposed to angry guests, with no power over the back office.

Their first goal is to avoid angry encounters; the second, if there is an incentive, the
occupancy bonus. Their resources are rooms held back (to move guests), rebates, calls to the
back office, their trained skills and, under cross-evaluation, their rating of the back office.
All costs and values below are in EUR-equivalents of the receptionist's own utility, scaled by
`encounter_stress` (what facing an angry guest with nothing to offer is worth avoiding).
"""

from __future__ import annotations

import math

from .context import ContextAgent, Situation

# What each way of handling a complaint costs the receptionist, in units of encounter_stress.
MOVE_EFFORT = 0.45  # run to the room, re-key, carry the luggage; the guest calms down
# ... and more when arrivals queue at the desk meanwhile (per arrival per receptionist)
DESK_PRESSURE = 0.5
REBATE_DISCOMFORT = 0.60  # haggle over money with a guest who stays angry (untrained)
DEFLECT_DISCOMFORT = 1.00  # "not my department" to an angry guest (untrained)
CALL_EFFORT = 0.05  # pick up the phone
FAILED_CALL = 0.50  # come back to a guest who has waited for nobody
# Stress left with the receptionist after each outcome (same unit); it fades overnight.
STRESS_LEFT = {"repair": 0.10, "move": 0.25, "rebate": 0.50, "deflect": 0.90,
               "failed call": 0.30}
STRESS_FADING = 0.8  # share of stress still felt the next day
SALE_DUTY = 0.10  # what selling one more room is worth to a receptionist without a bonus
RATE_DUTY = 0.10  # what holding the rate for a walk-in is worth (the manager watches ADR)
CONFRONTATION = 0.12  # refusing a discount a guest asks for
DISCOUNT_ASKED = 0.5  # share of late arrivals who ask for a discount
CHOICE_NOISE = 0.15  # spread of the logit choice, in units of encounter_stress
LEARNING = 0.2  # weight of the newest experience in a receptionist's beliefs


class Receptionist(ContextAgent):
    """Front-desk clerk working morning, evening or night shifts.

    Attributes:
        stress: accumulated strain of angry encounters (encounter units, fades daily).
        call_belief: believed chance that a call to maintenance brings a repair within the
            hour, learnt separately for the day shift and the evening.
        expected_evening_complaints: complaints the desk expects after maintenance has left.
        trained: has had the guest-engagement training.
    """

    role = "receptionist"

    def __init__(self, model):
        super().__init__(model)
        self.stress = 0.5
        self.call_belief = {"day": 0.5, "evening": 0.5}
        self.expected_evening_complaints = 1.0
        self.trained = False
        self.reserve = 0

    # --- the work context ---------------------------------------------------------------
    @property
    def skill(self) -> float:
        return self.model.p.training_skill if self.trained else 0.0

    @property
    def felt_stress(self) -> float:
        """EUR-equivalent of one bad encounter, felt more when already strained."""
        return self.model.p.encounter_stress * (1.0 + self.stress)

    def sale_value(self) -> float:
        """Worth to this receptionist of selling one more room-night."""
        value = SALE_DUTY * self.model.p.encounter_stress
        if self.model.lever("incentives"):
            p = self.model.p
            band = p.incentive_occupancy_target - p.incentive_occupancy_threshold
            # the bonus grows by incentive_bonus across the band of room-nights in a month
            value += p.incentive_bonus / (30.0 * p.rooms * band)
        return value

    def goals(self) -> list[str]:
        goals = ["avoid angry encounters with guests (first)"]
        if self.model.lever("incentives"):
            goals.append(f"earn the occupancy bonus: one more room-night is worth "
                         f"{self.sale_value():.1f} EUR to me")
        else:
            goals.append("sell rooms and hold the rate, as the front-office manager asks")
        return goals

    def resources(self) -> list[str]:
        res = [f"{self.reserve} rooms held back to move guests",
               "rebates, refunds and vouchers",
               f"calls to maintenance (I expect a repair within the hour "
               f"{self.call_belief['day']:.0%} of the time by day, "
               f"{self.call_belief['evening']:.0%} in the evening)"]
        if self.trained:
            res.append(f"engagement training: rebates and 'not my department' feel "
                       f"{self.skill:.0%} easier")
        if self.model.lever("cross_evaluation"):
            res.append("my rating counts in housekeeping's and maintenance's evaluations")
        return res

    def constraints(self) -> list[str]:
        cons = ["no power over housekeeping or maintenance",
                f"{self.model.front_desk.pressure():.1f} arrivals per receptionist this hour: "
                f"leaving the desk to move a guest is hard when it is busy",
                f"stress {self.stress:.2f}: an angry encounter feels like "
                f"{self.felt_stress:.0f} EUR"]
        if not self.model.maintenance.reachable():
            cons.append("maintenance has gone home: nobody to repair tonight")
        return cons

    # --- decisions ----------------------------------------------------------------------
    def handling_costs(self, reachable: bool, spare_room: bool,
                       desk_pressure: float | None = None) -> dict[str, float]:
        """What each way of handling a complaint costs me now (EUR-equivalent)."""
        s = self.felt_stress
        if desk_pressure is None:
            desk_pressure = self.model.front_desk.pressure()
        costs = {
            "rebate": (REBATE_DISCOMFORT * (1.0 - self.skill) + CALL_EFFORT) * s,
            "deflect": DEFLECT_DISCOMFORT * (1.0 - self.skill) * s,
        }
        if spare_room:
            costs["move"] = MOVE_EFFORT * (1.0 + DESK_PRESSURE * desk_pressure) * s
        if reachable:
            belief = self.call_belief[self.model.maintenance.period_of_day()]
            costs["call"] = ((1.0 - belief) * FAILED_CALL + CALL_EFFORT) * s
        return costs

    def logit_pick(self, costs: dict[str, float]) -> str:
        """Logit choice: cheaper options are likelier, as in discrete-choice models."""
        scale = CHOICE_NOISE * self.model.p.encounter_stress
        low = min(costs.values())
        weights = {k: math.exp(-(c - low) / scale) for k, c in costs.items()}
        pick = self.model.random.random() * sum(weights.values())
        for option, weight in weights.items():
            pick -= weight
            if pick <= 0:
                return option
        return option

    def handle_complaint(self, guest, defect) -> str:
        """Deal with a guest who found `defect`; return how it ended."""
        model = self.model
        reachable = model.maintenance.reachable()
        costs = self.handling_costs(reachable, model.front_desk.spare_room(guest) is not None)
        option = self.choose(Situation(
            "complaint", costs, "EUR", self.logit_pick(costs),
            "cheapest way to calm the guest for me: {}", (_costs_text(costs),),
            subject=guest.room.number))
        if option == "call":
            fixed = model.maintenance.call(defect, self)
            self.learn_call_outcome(fixed)
            if fixed:
                guest.live_through("resolved")
                self.stress += STRESS_LEFT["repair"]
                return "repair"
            self.stress += STRESS_LEFT["failed call"]
            costs = self.handling_costs(False, model.front_desk.spare_room(guest) is not None)
            option = self.choose(Situation(
                "complaint after a failed call", costs, "EUR", self.logit_pick(costs),
                "the call brought nobody; next cheapest: {}", (_costs_text(costs),),
                subject=guest.room.number))
        if option == "move":
            model.front_desk.move_guest(guest)
            guest.live_through("resolved")
        else:
            guest.live_through("unresolved")
            if option == "rebate":
                model.front_desk.give_rebate(guest)
            else:
                guest.deflected = True
        # "not my department" passes nothing on, unless the manager insists on a work order
        if option != "deflect" or model.manager_of("front office").insists_on_work_orders():
            model.maintenance.open_work_order(defect, "reception", model.time)
        self.stress += STRESS_LEFT[option] * (1.0 - self.skill if option in
                                              ("rebate", "deflect") else 1.0)
        return option

    def learn_call_outcome(self, fixed: bool) -> None:
        period = self.model.maintenance.period_of_day()
        self.call_belief[period] += LEARNING * (float(fixed) - self.call_belief[period])

    def hold_rooms_in_reserve(self, free_rooms: int) -> int:
        """How many free rooms to keep back from late arrivals tonight.

        Hold the k-th room while the chance of needing k moves tonight, times what a move
        saves me over my next-best option, exceeds what selling that room is worth to me.
        """
        # planned for the late evening, when the desk is quiet enough to leave it
        costs = self.handling_costs(False, spare_room=True, desk_pressure=0.0)
        saving = min(c for k, c in costs.items() if k != "move") - costs["move"]
        need = self.expected_evening_complaints
        if self.model.maintenance.evening_cover:
            need *= 1.0 - self.call_belief["evening"]
        sell = self.sale_value()
        # what holding k rooms costs me: k sales forgone, less the moves they may spare me
        costs, cost, k = {0: 0.0}, 0.0, 0
        held, tail, term = 0, 1.0 - math.exp(-need), math.exp(-need)
        while held < free_rooms:
            if held == k and tail * saving > sell:
                k += 1  # the k-th room is worth holding while it saves more than it sells
            held += 1
            cost += sell - tail * saving
            costs[held] = cost
            term *= need / held
            tail -= term  # P(N >= held + 1)
        self.reserve = self.choose(Situation(
            "reserve", costs, "EUR", k,
            "hold {}: I expect {:.1f} guests needing a room tonight; a move spares me "
            "{:.0f} EUR, a sale is worth {:.1f} EUR to me", (k, need, saving, sell),
            action="hold rooms in reserve"))
        return self.reserve

    def sell_to_late_arrival(self, free_rooms: int) -> bool:
        """Sell a room to a late arrival only beyond the reserve I hold."""
        sell = free_rooms > self.reserve
        answer = self.choose(Situation(
            "late arrival", {"sell": -self.sale_value(), "turn away late arrival": 0.0}, "EUR",
            "sell" if sell else "turn away late arrival",
            None if sell else "only {} free rooms and I hold {} back for moves",
            (free_rooms, self.reserve)))
        return answer == "sell"

    def concede_discount(self) -> bool:
        """A late arrival asks for a discount: give in, or hold the rate?"""
        if self.model.random.random() >= DISCOUNT_ASKED:
            return False
        base = self.model.p.encounter_stress
        refuse = CONFRONTATION * self.felt_stress + 0.3 * self.sale_value()
        hold = RATE_DUTY * base
        concede = self.model.random.random() < 1.0 / (1.0 + math.exp(
            (hold - refuse) / (CHOICE_NOISE * base)))
        answer = self.choose(Situation(
            "discount", {"give discount": hold, "hold the rate": refuse}, "EUR",
            "give discount" if concede else "hold the rate",
            "refusing would cost me {:.0f} EUR of confrontation, holding the rate is "
            "worth {:.0f} EUR to me", (refuse, hold)))
        return answer == "give discount"

    def end_evening(self, evening_complaints: int) -> None:
        self.expected_evening_complaints += LEARNING * (
            evening_complaints - self.expected_evening_complaints)

    def unwind(self) -> None:
        self.stress *= STRESS_FADING


def _costs_text(costs: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.0f} EUR" for k, v in sorted(costs.items(), key=lambda kv: kv[1]))
