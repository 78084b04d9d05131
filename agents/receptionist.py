"""Receptionists: the staff most exposed to angry guests, with no power over the back office.

Their first goal is to avoid angry encounters; the second, if there is an incentive, the
occupancy bonus. Their resources are rooms held back (to move guests), rebates, calls to the
back office, their trained skills and, under cross-evaluation, their rating of the back office.
All costs and values below are in EUR-equivalents of the receptionist's own utility, scaled by
`encounter_stress` (what facing an angry guest with nothing to offer is worth avoiding); the
weights of each option are behaviour parameters (`model.behaviour_parameters`).

A room with a severe defect is not fit to sell: its guest wants another room, not money or
words, so a rebate or "not my department" leaves the receptionist facing a guest who insists
(`unfit_room_penalty`). That, not a taste for moves, is why rooms are kept in reserve, and why
training (which eases rebates and deflection) does not make the reserve useless.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping

from .context import ContextAgent, Situation

# plain words for each way of handling a complaint, for the reasons agents give
SAYING = {"call": "calling maintenance", "move": "moving the guest",
          "rebate": "offering a rebate", "deflect": "explaining that repairs are not my job"}
# ... and for a complaint about something else (noise, a neighbour, a wait, a bill)
SAYING_OTHER = SAYING | {"deflect": "explaining that it is not my department"}


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
        # complaints seen, and those about rooms not fit to sell (a frequency belief)
        self.complaints_seen, self.unfit_seen = 0, 0
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

    def mood(self) -> str:
        """How strained this receptionist feels, in plain words."""
        if self.stress < 0.5:
            return "calm"
        return "tense" if self.stress < 1.5 else "worn out"

    def deflect_ease(self) -> float:
        """Share of the discomfort of 'not my department' removed by training and by a job
        description that says so (restructuring)."""
        ease = self.skill
        if self.model.lever("restructuring"):
            ease = 1.0 - (1.0 - ease) * (1.0 - self.model.p.role_clarity)
        return ease

    def sale_value(self) -> float:
        """Worth to this receptionist of selling one more room-night."""
        value = self.model.p.sale_duty * self.model.p.encounter_stress
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
               "calls to maintenance" if not self.model.lever("restructuring") else
               "formal work orders to maintenance (no more direct calls)",
               f"(I expect a repair within the hour after a call "
               f"{self.call_belief['day']:.0%} of the time by day, "
               f"{self.call_belief['evening']:.0%} in the evening)"]
        if self.trained:
            res.append(f"engagement training: rebates and 'not my department' feel "
                       f"{self.skill:.0%} easier")
        if self.model.lever("restructuring"):
            res.append("a job description that stops at the desk")
        if self.model.lever("cross_evaluation"):
            res.append("my rating counts in housekeeping's and maintenance's evaluations")
        return res

    def constraints(self) -> list[str]:
        pressure = self.model.front_desk.pressure()
        desk = (f"{pressure:.1f} arrivals per receptionist this hour: leaving the desk to "
                f"move a guest is hard" if pressure >= 0.5 else
                "the desk is quiet this hour: I could leave it to move a guest")
        cons = ["no power over housekeeping or maintenance", desk,
                f"I feel {self.mood()} after the angry guests I have faced lately; the next one "
                f"will weigh on me accordingly"]
        if not self.model.maintenance.reachable():
            cons.append("maintenance has gone home: nobody to repair tonight")
        return cons

    # --- decisions ----------------------------------------------------------------------
    def handling_costs(self, reachable: bool, spare_room: bool,
                       desk_pressure: float | None = None,
                       unfit: bool = False) -> dict[str, float]:
        """What each way of handling a complaint costs me now (EUR-equivalent); `unfit`: the
        room is not fit to sell, so money or words leave me with a guest who insists."""
        p, s = self.model.p, self.felt_stress
        if desk_pressure is None:
            desk_pressure = self.model.front_desk.pressure()
        insisting = p.unfit_room_penalty if unfit else 0.0
        costs = {
            "rebate": (p.rebate_discomfort * (1.0 - self.skill) + p.call_effort + insisting) * s,
            "deflect": (p.deflect_discomfort * (1.0 - self.deflect_ease()) + insisting) * s,
        }
        if spare_room:
            costs["move"] = p.move_effort * (1.0 + p.desk_pressure * desk_pressure) * s
        # under restructuring requests go through formal work orders: no call brings anyone now
        if reachable and not self.model.lever("restructuring"):
            belief = self.call_belief[self.model.maintenance.period_of_day()]
            costs["call"] = ((1.0 - belief) * p.failed_call + p.call_effort) * s
        return costs

    def logit_pick(self, costs: dict[str, float]) -> str:
        """Logit choice: cheaper options are likelier, as in discrete-choice models."""
        scale = self.model.p.choice_noise * self.model.p.encounter_stress
        low = min(costs.values())
        weights = {k: math.exp(-(c - low) / scale) for k, c in costs.items()}
        pick = self.model.random.random() * sum(weights.values())
        for option, weight in weights.items():
            pick -= weight
            if pick <= 0:
                return option
        return option

    def weighing(self, option: str, costs: dict[str, float], saying=SAYING) -> Weighing:
        """Why `option`, in plain words: a weighing, since the choice is a draw that favours
        the easier options without always taking the easiest. `saying`: the words for each
        option (those for a defect, or SAYING_OTHER)."""
        p = self.model.p
        return Weighing(option, costs, saying, p.choice_noise * p.encounter_stress)

    def handle_complaint(self, guest, defect) -> str:
        """Deal with a guest who found `defect`, or (None) who complains about something
        nobody can repair: noise, a neighbour, a wait, a bill. Return how it ended."""
        model, p = self.model, self.model.p
        # a call brings a technician, who can do nothing about the neighbours
        reachable = defect is not None and model.maintenance.reachable()
        unfit = defect is not None and defect.severe
        self.complaints_seen += 1
        self.unfit_seen += unfit
        costs = self.handling_costs(reachable, model.front_desk.spare_room(guest) is not None,
                                    unfit=unfit)
        pick = self.logit_pick(costs)
        if defect is None:
            why = "room {}, about something no repair can fix (noise, a wait, a bill): {}"
            values = (guest.room.number, self.weighing(pick, costs, SAYING_OTHER))
        else:
            why, values = "room {}: {}", (guest.room.number, self.weighing(pick, costs))
        option = self.choose(Situation("complaint", costs, "EUR", pick, why, values,
                                       subject=guest.room.number))
        if option == "call":
            fixed = model.maintenance.call(defect, self)
            self.learn_call_outcome(fixed)
            if fixed:
                guest.live_through("resolved")
                self.stress += p.stress_after_repair
                return "repair"
            self.stress += p.stress_after_failed_call
            costs = self.handling_costs(False, model.front_desk.spare_room(guest) is not None,
                                        unfit=unfit)
            pick = self.logit_pick(costs)
            option = self.choose(Situation(
                "complaint after a failed call", costs, "EUR", pick,
                "room {}: the call brought nobody; {}",
                (guest.room.number, self.weighing(pick, costs)), subject=guest.room.number))
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
        # or the re-engineered process makes every request a formal one
        if defect is not None and (option != "deflect" or model.lever("restructuring")
                                   or model.manager_of("front office").insists_on_work_orders()):
            model.maintenance.open_work_order(defect, "reception", model.now)
        # what the encounter leaves on me, by how it ended
        if option == "move":
            self.stress += p.stress_after_move
        elif option == "rebate":
            self.stress += p.stress_after_rebate * (1.0 - self.skill)
        else:
            self.stress += p.stress_after_deflection * (1.0 - self.deflect_ease())
        return option

    def learn_call_outcome(self, fixed: bool) -> None:
        period = self.model.maintenance.period_of_day()
        self.call_belief[period] += self.model.p.belief_learning * (
            float(fixed) - self.call_belief[period])

    @property
    def unfit_share(self) -> float:
        """Believed share of complaints about rooms not fit to sell (Laplace's rule)."""
        return (self.unfit_seen + 1.0) / (self.complaints_seen + 2.0)

    def move_saving(self) -> float:
        """What a room kept free spares me per guest who needs one (EUR-equivalent): the
        trouble of my next-best way out against a move, for fit and unfit rooms alike."""
        share, saving = self.unfit_share, 0.0
        for unfit, weight in ((True, share), (False, 1.0 - share)):
            # planned for the late evening, when the desk is quiet enough to leave it
            costs = self.handling_costs(False, spare_room=True, desk_pressure=0.0, unfit=unfit)
            best_other = min(c for k, c in costs.items() if k != "move")
            saving += weight * max(0.0, best_other - costs["move"])
        return saving

    def hold_rooms_in_reserve(self, free_rooms: int) -> int:
        """How many free rooms to keep back from late arrivals tonight.

        Hold the k-th room while the chance of needing k moves tonight, times what a move
        saves me over my next-best option, exceeds what selling that room is worth to me.
        """
        saving = self.move_saving()
        need = self.expected_evening_complaints
        if self.model.maintenance.evening_cover:
            need *= 1.0 - self.call_belief["evening"]
        sell = self.sale_value()
        k, _ = weigh_reserve(free_rooms, need, saving, sell, whole=False)
        if k:
            why = ("hold {}: I expect about {:.1f} guests tonight who may need another room, "
                   "{:.0%} of them in rooms not fit to sell; a room kept free for them weighs "
                   "more with me than one more sale")
        else:
            why = ("hold {}: I expect about {:.1f} guests tonight who may need another room "
                   "({:.0%} in rooms not fit to sell), but a sale weighs more with me")
        self.reserve = self.choose(Situation(
            "reserve", HoldingCosts(free_rooms, need, saving, sell), "EUR", k, why,
            (k, need, self.unfit_share), action="hold rooms in reserve"))
        return self.reserve

    def sell_to_late_arrival(self, free_rooms: int) -> bool:
        """Sell a room to a late arrival only beyond the reserve I hold."""
        if free_rooms > self.reserve:
            default, why = "sell", None
        else:
            default, why = "turn away late arrival", ("only {} free rooms and I keep {} back "
                                                      "for guests who may need another room "
                                                      "tonight")
        return self.choose_by_rule(default, why, (free_rooms, self.reserve), self.model.now,
                                   self.late_arrival_situation, None) == "sell"

    def late_arrival_situation(self, subject: None, default: str, why: str | None,
                               values: tuple, now: float) -> Situation:
        """A late arrival or walk-in as a seat sees it."""
        return Situation("late arrival", {"sell": -self.sale_value(),
                                          "turn away late arrival": 0.0}, "EUR", default, why,
                         values)

    def concede_discount(self) -> bool:
        """A late arrival asks for a discount: give in, or hold the rate?"""
        p = self.model.p
        if self.model.random.random() >= p.discount_asked:
            return False
        base = p.encounter_stress
        refuse = p.confrontation * self.felt_stress + 0.3 * self.sale_value()
        hold = p.rate_duty * base
        concede = self.model.random.random() < 1.0 / (1.0 + math.exp(
            (hold - refuse) / (p.choice_noise * base)))
        heavier = "refusing him would be a confrontation, which" if refuse > hold else \
            "holding the rate, which the manager watches,"
        lighter = "holding the rate" if refuse > hold else "avoiding a confrontation"
        if concede == (refuse > hold):
            why = "the guest asked for a discount; {} weighs more with me than {}"
        else:
            why = "the guest asked for a discount; {} weighs a little more with me than {}, " \
                  "but this time I went the other way"
        answer = self.choose(Situation(
            "discount", {"give discount": hold, "hold the rate": refuse}, "EUR",
            "give discount" if concede else "hold the rate", why, (heavier, lighter)))
        return answer == "give discount"

    def end_evening(self, evening_complaints: int) -> None:
        self.expected_evening_complaints += self.model.p.belief_learning * (
            evening_complaints - self.expected_evening_complaints)

    def unwind(self) -> None:
        self.stress *= self.model.p.stress_fading


def weigh_reserve(free_rooms: int, need: float, saving: float, sell: float,
                  whole: bool = True) -> tuple[int, dict[int, float]]:
    """How many of `free_rooms` to hold back tonight, and what holding 0, 1, ... of them
    costs me: the sales forgone (`sell` each) less the moves they may spare me (`saving`
    each) for `need` guests expected to need another room (Poisson). The k-th room is worth
    holding while it saves more than it sells; `whole=False` stops at the first that does
    not (the rule needs no more)."""
    costs, cost, k = {0: 0.0}, 0.0, 0
    tail, term = 1.0 - math.exp(-need), math.exp(-need)  # tail: P(N >= 1)
    for held in range(1, free_rooms + 1):
        spared = tail * saving
        if held == k + 1 and spared > sell:
            k = held
        elif not whole:
            break
        cost += sell - spared
        costs[held] = cost
        term *= need / held
        tail -= term  # P(N >= held + 1)
    return k, costs


class HoldingCosts(Mapping[int, float]):
    """What holding 0, 1, ... free rooms back costs a receptionist (`weigh_reserve`), the
    options of her reserve as a seat sees them: worked out only when read, since her own
    rule needs only the first few rooms and a seat is rarely attached."""

    def __init__(self, free_rooms: int, need: float, saving: float, sell: float):
        self._of = (free_rooms, need, saving, sell)
        self._costs: dict[int, float] | None = None

    def _worked_out(self) -> dict[int, float]:
        if self._costs is None:
            self._costs = weigh_reserve(*self._of)[1]
        return self._costs

    def __getitem__(self, held: int) -> float:
        return self._worked_out()[held]

    def __iter__(self) -> Iterator[int]:
        return iter(self._worked_out())

    def __len__(self) -> int:
        return self._of[0] + 1


class Weighing:
    """A receptionist's weighing of a complaint's options, put into words only when someone
    reads the reason (every complaint has one; few are read)."""

    __slots__ = ("costs", "option", "saying", "spread")

    def __init__(self, option: str, costs: dict[str, float], saying: dict[str, str],
                 spread: float):
        self.option, self.costs, self.saying = option, costs, saying
        self.spread = spread  # of the receptionist's choices, when she chose

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __str__(self) -> str:
        option, costs, saying = self.option, self.costs, self.saying
        easiest = min(costs, key=costs.get)
        if option == easiest:
            others = [k for k in costs if k != option]
            if not others:
                return f"{saying[option]} was all I could do"
            runner = min(others, key=costs.get)
            return (f"{saying[option]} was the least trouble for me; {saying[runner]} "
                    f"would have cost me {self.how_much(costs[runner] - costs[option])} more")
        return (f"{saying[easiest]} would have cost me "
                f"{self.how_much(costs[option] - costs[easiest])} less, but I went for "
                f"{saying[option]} this time")

    def how_much(self, difference: float) -> str:
        """A difference in trouble in plain words, against the spread of her choices."""
        if difference < self.spread:
            return "a little"
        return "somewhat" if difference < 3 * self.spread else "much"
