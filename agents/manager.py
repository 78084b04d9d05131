"""Managers: one per function, the integrators of rule 2.

A manager evaluates the staff of their function each cycle. What a manager knows of the
*other* functions (learnt by working in them, which only rotation makes happen) changes what
the function does: quota slack for checks, evening maintenance cover, priority to guest-facing
defects, credit for cooperation in evaluations, work orders for every complaint. Each policy
is graded and revised from what the manager can see in the hotel's daily reports (defects
found, complaints, calls answered, compensation paid), weighted by what they know of the
function it serves; no manager reads a hidden parameter such as the true defect rate.
"""

from __future__ import annotations

import math

from .context import ContextAgent, Situation
from .learning import Evaluation, rating_of
from .reports import ReportWindow

FUNCTIONS = ("front office", "housekeeping", "maintenance")
QUOTA_SLACK_STEPS = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0)  # rooms a seat may take off the quota


class Manager(ContextAgent):
    """The manager of one function.

    Attributes:
        function: the function managed now (one of FUNCTIONS).
        days_in: days this manager has worked in each function.
    """

    role = "manager"

    def __init__(self, model, function: str):
        super().__init__(model)
        self.function = function
        self.days_in = {f: 0.0 for f in FUNCTIONS}
        self.days_in[function] = model.p.manager_days_in_own_function
        self.reports = ReportWindow()  # what I read of the hotel's daily reports

    @property
    def name(self) -> str:
        return f"{self.function.capitalize()} manager {self.unique_id}"

    def knowledge_of(self, function: str) -> float:
        """From 0 to 1: how well this manager knows what `function` needs."""
        return 1.0 - math.exp(-self.days_in[function] / self.model.p.manager_learning_days)

    @property
    def cross_knowledge(self) -> float:
        """Mean knowledge of the functions this manager does not run now."""
        function = self.function
        return sum([self.knowledge_of(f) for f in FUNCTIONS if f != function]) / (
            len(FUNCTIONS) - 1)

    def goals(self) -> list[str]:
        return [f"run {self.function} well by its own metric",
                "be promoted (under rotation: by having worked in several functions)"]

    def resources(self) -> list[str]:
        knows = ", ".join(f"{f} {self.knowledge_of(f):.0%}" for f in FUNCTIONS)
        return [f"authority over {self.function} staff and their evaluations",
                f"what I know of each function: {knows}"]

    def constraints(self) -> list[str]:
        cons = [f"evaluations every {self.model.p.evaluation_period_days} days"]
        if self.model.lever("cross_evaluation"):
            cons.append(f"reception's rating must count "
                        f"{self.model.p.cross_evaluation_weight:.0%} in back-office scores")
        if self.model.lever("rotation"):
            cons.append(f"I will move to another function every "
                        f"{self.model.p.rotation_period_days} days")
        return cons

    def work_a_day(self) -> None:
        self.days_in[self.function] += 1.0

    def rotate_to(self, function: str) -> None:
        self.learn("rotate", "from {} to {}: promotion requires several functions",
                    self.function, function)
        self.function = function

    def observed(self, *columns: str) -> list[float]:
        """Totals of `columns` over the daily reports a manager reads (zeros before any)."""
        return self.reports.totals(self.model.rows, self.model.p.manager_report_days, columns)

    # --- housekeeping --------------------------------------------------------------------
    def grant_quota_slack(self) -> float:
        """Rooms per shift to take off the quota so that checks and reports fit in it: the
        minutes a check of every room and a report of every defect found would take, as far
        as I know what reception and maintenance need from them."""
        p = self.model.p
        knows = self.cross_knowledge
        by_guests, by_housekeepers, sold = self.observed(
            "defects_found_by_guests", "defects_found_by_housekeeping", "rooms_sold")
        defects_per_room = (by_guests + by_housekeepers) / sold if sold else 0.0
        check_cost = p.housekeeper_quota * (p.check_minutes + defects_per_room
                                            * p.report_minutes)
        room_minutes = self.model.housekeeping.mean_room_minutes()
        slack = knows * check_cost / room_minutes
        return self.choose_by_rule(
            slack, "{:.1f} rooms: checks and reports of the {:.2f} defects a room that came to "
            "light lately need that time, and I know {:.0%} of what reception and maintenance "
            "need from them", (slack, defects_per_room, knows), self.model.now,
            self.quota_slack_situation, room_minutes, action="grant quota slack")

    def quota_slack_situation(self, room_minutes: float, slack: float, why: str,
                              values: tuple, _at: float) -> Situation:
        """The quota slack as a seat sees it: my rule's `slack` among the usual steps."""
        p = self.model.p
        # each room of slack costs a room's cleaning time in wages
        wage = p.housekeeper_wage * room_minutes / p.shift_minutes
        options = {rooms: rooms * wage for rooms in sorted({*QUOTA_SLACK_STEPS, slack})}
        return Situation("quota slack", options, "EUR a housekeeper a day", slack, why, values,
                         action="grant quota slack")

    def roster_housekeepers(self, rooms_to_clean: int, quota: float) -> int:
        """Housekeepers on today's shift: the rooms to clean at the quota, the hotel's labour
        standard, as every housekeeping department rosters to the day's rooms."""
        available = len(self.model.housekeepers)
        needed = min(available, max(1, round(rooms_to_clean / quota)))
        return self.roster("housekeeping roster", available, self.model.p.housekeeper_wage,
                           needed, "{} rooms to clean at {:.1f} rooms a shift: {} housekeepers "
                           "of {}", (rooms_to_clean, quota, needed, available),
                           "roster housekeepers")

    def roster(self, kind: str, available: int, wage: float, needed: int, why: str,
               values: tuple, action: str) -> int:
        """Choose how many of `available` staff to put on a shift, each paid `wage`; the rule
        puts on the `needed` ones (a seat may choose otherwise)."""
        return self.choose_by_rule(needed, why, values, self.model.now, self.roster_situation,
                                   (kind, available, wage, action), action=action)

    def roster_situation(self, roster: tuple, needed: int, why: str, values: tuple,
                         _at: float) -> Situation:
        """A roster as a seat sees it: from one to all of the available staff, in wages."""
        kind, available, wage, action = roster
        options = {n: n * wage for n in range(1, available + 1)}
        return Situation(kind, options, "EUR in wages today", needed, why, values,
                         action=action)

    # --- maintenance ---------------------------------------------------------------------
    def evening_cover_value(self) -> tuple[float, float, float]:
        """What an evening of cover would save, as far as I know the front desk's evenings:
        the evening complaints of late, the share of calls a technician answers, and what
        each complaint costs: rebates and extra cleaning (EUR) and the receptionist's ordeal
        of facing the guest (`encounter_stress`), which only a manager who knows the desk
        counts. Complaints about noise, waits or bills (all in the evening) are left out: no
        technician mends them. Returns (value, complaints per evening, answer share)."""
        covered, evening, repaired, complaints, other, money, cleaning = self.observed(
            "evening_cover", "evening_complaints", "repairs_on_complaint", "complaints",
            "other_complaints", "rebates", "cost_extra_cleaning")
        # each complaint costs about the same in rebates and cleaning, whatever its cause
        per_complaint = (money + cleaning) / complaints if complaints else 0.0
        evening, complaints = evening - other, complaints - other
        days = max(1, min(len(self.model.rows), self.model.p.manager_report_days))
        per_evening = evening / days
        # complaints ended by a repair while maintenance was there (Laplace's rule)
        reachable = complaints - evening + evening * covered / days
        answered = (repaired + 1.0) / (reachable + 2.0)
        value = self.knowledge_of("front office") * per_evening * answered * (
            per_complaint + self.model.p.encounter_stress)
        return value, per_evening, answered

    def arrange_evening_cover(self) -> bool:
        """Pay for on-call cover tonight when what it saves outweighs its fee."""
        value, per_evening, answered = self.evening_cover_value()
        fee = self.model.p.callout_fee
        cover = value > fee
        return self.choose_by_rule(
            "arrange evening cover" if cover else "no evening cover",
            "{:.1f} complaints an evening of late, {:.0%} of calls answered: as far as I know "
            "the front desk, cover would save {:.0f} EUR against its {:.0f} EUR fee",
            (per_evening, answered, value, fee), self.model.now, self.evening_cover_situation,
            fee - value) == "arrange evening cover"

    def evening_cover_situation(self, net_cost: float, default: str, why: str, values: tuple,
                                _at: float) -> Situation:
        """Tonight's cover as a seat sees it: its fee less what it would save, or nothing."""
        return Situation("evening cover", {"arrange evening cover": net_cost,
                                           "no evening cover": 0.0}, "EUR", default, why,
                         values)

    def prioritises_guest_facing(self) -> bool:
        """Guest-facing defects first, as often as I know what the front desk goes through."""
        return self.model.random.random() < self.knowledge_of("front office")

    # --- front office --------------------------------------------------------------------
    def roster_evening_desk(self, booked_arrivals: int, minimum: int) -> int:
        """Receptionists on tonight's shift, when arrivals check in: one for every
        `desk_arrivals_per_receptionist` arrivals on the books this morning, never fewer than
        `minimum`. Late arrivals and walk-ins are not on the books: the desk meets them with
        whoever is on."""
        p, available = self.model.p, len(self.model.receptionists)
        needed = min(available, max(minimum, math.ceil(
            booked_arrivals / p.desk_arrivals_per_receptionist)))
        return self.roster("desk roster", available, p.receptionist_wage, needed,
                           "{} arrivals booked for tonight at {:g} a receptionist: {} on the "
                           "evening shift",
                           (booked_arrivals, p.desk_arrivals_per_receptionist, needed),
                           "roster the evening desk")

    def insists_on_work_orders(self) -> bool:
        """A work order for every complaint, as often as I know what maintenance needs."""
        return self.model.random.random() < self.knowledge_of("maintenance")

    # --- evaluation ----------------------------------------------------------------------
    def rating_weight(self) -> float:
        """Weight of reception's rating in the scores this manager gives."""
        if self.model.lever("cross_evaluation"):
            return self.model.p.cross_evaluation_weight
        return 0.0

    def evaluate(self, member, ratings) -> Evaluation:
        """Score `member` on the function's own metric and, with `rating_weight`, on
        reception's marks. Cooperation time is credited as far as the manager understands
        what it is for (their cross-functional knowledge)."""
        credit = self.cross_knowledge
        weight = self.rating_weight()
        own = member.productivity(credit * member.cooperation_minutes())
        good, bad = ratings.good.get(member, 0), ratings.bad.get(member, 0)
        rating = rating_of(good, bad)
        score = (1.0 - weight) * own + weight * rating
        member.learn("evaluated", "score {:.2f} from the {}: own metric {:.2f}, reception's "
                      "rating {:.2f} weighing {:.0%}", score, self.name, own, rating, weight)
        return Evaluation(score, own, rating, good, bad, weight, credit)
