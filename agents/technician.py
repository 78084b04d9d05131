"""Maintenance technicians: day shift, a queue of work orders, and their own planned work.

Their own metric is work orders closed; a call from reception interrupts planned work and
costs a walk and a guest, so it closes fewer orders per hour. How readily a technician drops
planned work for reception (`responsiveness`) is learnt from each evaluation, so it drifts to
whatever the evaluation rewards (see `agents.learning`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .context import ContextAgent, Situation
from .learning import Evaluation, adjust, last_turn_gain, rating_of


@dataclass
class JobRecord:
    """What a technician did over an evaluation period."""

    shifts: int = 0
    orders_closed: int = 0
    repairs: int = 0
    calls_answered: int = 0
    calls_declined: int = 0
    cooperation_minutes: float = 0.0  # walks to reception's calls, guest-facing repairs


class Technician(ContextAgent):
    """A maintenance technician.

    Attributes:
        responsiveness: chance of dropping planned work for a call or a waiting defect.
        busy_until: model hour at which the current job ends.
        job: what she is doing now (a room number, "planned work" or None).
    """

    role = "technician"
    traits = ("responsiveness",)

    def __init__(self, model, responsiveness: float):
        super().__init__(model)
        self.responsiveness = responsiveness
        self.busy_until = 0.0
        self.job: int | str | None = None
        self.record = JobRecord()

    def goals(self) -> list[str]:
        goals = ["close many work orders (my function's own metric)"]
        if self.model.lever("cross_evaluation"):
            goals.append(f"a good rating from reception "
                         f"({self.model.p.cross_evaluation_weight:.0%} of my score)")
        return goals

    def resources(self) -> list[str]:
        return ["tools, parts and the work-order queue",
                f"{len(self.model.maintenance.queue)} orders waiting"]

    def constraints(self) -> list[str]:
        cons = ["day shift 08:00-17:00",
                f"a call from reception costs {self.model.p.callout_minutes:.0f} extra minutes",
                f"I drop planned work for reception {self.responsiveness:.0%} of the time: what "
                f"my evaluations have taught me"]
        if self.model.maintenance.evening_cover:
            cons.append("on call this evening: the manager has arranged cover")
        return cons

    def work_until(self, end: float) -> None:
        """Take jobs one after another until hour `end`."""
        model = self.model
        now = model.now
        # looked up once: nine hours a day, two or three jobs an hour
        draw, maintenance = model.random.random, model.maintenance
        task_minutes = model.p.planned_task_minutes
        busy_until = self.busy_until
        closed = 0
        while busy_until < end:
            start = busy_until if busy_until > now else now
            # with no work order in the queue there is nothing to choose (most jobs)
            order = self.choose_next_job(start) if maintenance.queue else None
            if order is None:
                # uniform(0.7, 1.3): a + (b - a) * random(), without its Python frame
                minutes = task_minutes * (0.7 + (1.3 - 0.7) * draw())
                self.job = "planned work"
            else:
                minutes = maintenance.repair(order, self, start)
                self.job = order.defect.room.number
            closed += 1
            busy_until = start + minutes / 60.0
        self.busy_until = busy_until
        self.record.orders_closed += closed

    def choose_next_job(self, now: float):
        """The next work order to repair, or None for planned work."""
        order = self.model.maintenance.next_work_order(now)
        if order is None:
            return None
        waited = now - order.created_at
        pressure = waited / (24.0 * self.model.p.max_order_age_days)
        room = order.defect.room.number
        # the order's age pushes as hard as her habit, when it pushes harder
        if self.model.random.random() < (pressure if pressure > self.responsiveness
                                         else self.responsiveness):
            default, why = "repair", ("room {}: the order has waited {:.0f} h; I take such "
                                      "orders before planned work about {:.0%} of the time")
            values = (room, waited, self.responsiveness)
        else:
            # logged once per waiting order, not per planned task (without a log, as in a
            # sweep, there is no last decision to look up: most of a run's jobs)
            last = self.last_decision() if self.decision_log else None
            default, values = "planned work first", (room, waited)
            why = None if last and last.action == default and last.values[0] == room else (
                "room {} can wait ({:.0f} h old): planned work keeps my count of orders "
                "closed up")
        choice = self.choose_by_rule(default, why, values, now, self.order_situation, room)
        return order if choice == "repair" else None

    def order_situation(self, room: int, default: str, why: str | None, values: tuple,
                        now: float) -> Situation:
        """A waiting work order as a seat sees it."""
        return Situation("work order", {"repair": self.model.p.repair_minutes,
                                        "planned work first": 0.0}, "min", default, why,
                         values, subject=room, at=now)

    def next_mark_worth(self) -> tuple[int, int, float]:
        """Reception's good and bad marks for me so far this period, and what one more good
        mark would add to my score: little once most of my marks are good."""
        ratings = self.model.ratings
        good, bad = ratings.good.get(self, 0), ratings.bad.get(self, 0)
        weight = self.model.manager_of("maintenance").rating_weight()
        return good, bad, weight * (rating_of(good + 1, bad) - rating_of(good, bad))

    def answer_call(self, order) -> bool:
        """Reception calls for a guest now: go at once, or finish planned work first? How
        readily I go is what my evaluations taught me; under cross-evaluation I know what
        reception's next good mark is worth to my score."""
        p, room = self.model.p, order.room.number
        if self.model.random.random() >= self.responsiveness:
            default, why = "finish planned work", ("room {}: a call costs {:.0f} extra minutes "
                                                   "and my score counts orders closed; I go at "
                                                   "once only about {:.0%} of the time")
            values = (room, p.callout_minutes, self.responsiveness)
        else:
            default, why = "answer reception's call", ("room {}: I drop planned work for "
                                                       "reception about {:.0%} of the time")
            values = (room, self.responsiveness)
        if self.model.lever("cross_evaluation"):
            why += ("; reception has given me {} good and {} bad marks this period: one more "
                    "good mark adds {:.3f} to my score")
            values += self.next_mark_worth()
        choice = self.choose(Situation(
            "call", {"answer reception's call": p.callout_minutes + p.repair_minutes,
                     "finish planned work": 0.0}, "min", default, why, values,
            subject=room))
        if choice == "finish planned work":
            self.record.calls_declined += 1
            return False
        now = self.model.now
        minutes = p.callout_minutes + self.model.maintenance.repair(order, self, now)
        self.busy_until = max(self.busy_until, now) + minutes / 60.0
        self.record.calls_answered += 1
        self.record.orders_closed += 1
        self.record.cooperation_minutes += p.callout_minutes
        self.job = room
        return True

    def productivity(self, uncounted_minutes: float = 0.0) -> float:
        """Maintenance's own metric: orders closed per shift against a shift of planned
        tasks (1 = the standard), counting `uncounted_minutes` as if spent on planned work."""
        task = self.model.p.planned_task_minutes
        closed = self.record.orders_closed + uncounted_minutes / task
        return closed / (self.record.shifts * self.model.maintenance.shift_minutes / task)

    def cooperation_minutes(self) -> float:
        return self.record.cooperation_minutes

    def learn_from(self, evaluation: Evaluation) -> None:
        """Answer reception more readily if the last good turns paid for their minutes in
        this evaluation, less if they did not: each of the period's good marks is valued at
        what the last one added to the rating (`agents.learning.last_turn_gain`)."""
        p, ev = self.model.p, evaluation
        gain = ev.weight * ev.good * last_turn_gain(ev)
        cost = (1.0 - ev.weight) * (self.productivity(self.cooperation_minutes())
                                    - ev.own_metric)
        before = self.responsiveness
        self.responsiveness = adjust(before, gain - cost, p.learning_rate,
                                     p.learning_sensitivity)
        self.learn("learn responsiveness", "{:.0f} min for reception cost me {:.3f} of score; "
                    "{} good marks from reception, the last adding {:.3f} to my score, gave "
                    "{:.3f} at that rate: {:.0%} -> {:.0%}", self.cooperation_minutes(), cost,
                    ev.good, ev.weight * last_turn_gain(ev), gain, before, self.responsiveness)
        self.record = JobRecord()
