"""Housekeepers: in every occupied room every day, held to a quota of rooms per shift.

Checking a room's equipment and reporting a defect cost minutes that count against the
quota. Whether a housekeeper checks and reports is not fixed: after each evaluation she learns
what her checks and reports earned or cost her, so her propensities drift to whatever the
evaluation rewards (see `agents.learning`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .context import ContextAgent, Situation
from .learning import Evaluation, adjust, rating_gain


@dataclass(slots=True)
class ShiftRecord:
    """What a housekeeper did over an evaluation period (or one shift)."""

    shifts: int = 0
    rooms: int = 0
    minutes: float = 0.0
    check_minutes: float = 0.0
    report_minutes: float = 0.0
    overtime: float = 0.0
    reports: int = 0
    checks: int = 0
    latent_defects: int = 0  # defects hidden in the rooms she cleaned

    def add(self, shift: ShiftRecord) -> None:
        """Count `shift` in this record (field by field: a loop over the fields cost more
        than the shift's own bookkeeping)."""
        self.shifts += shift.shifts
        self.rooms += shift.rooms
        self.minutes += shift.minutes
        self.check_minutes += shift.check_minutes
        self.report_minutes += shift.report_minutes
        self.overtime += shift.overtime
        self.reports += shift.reports
        self.checks += shift.checks
        self.latent_defects += shift.latent_defects


class Housekeeper(ContextAgent):
    """A room attendant on the day shift.

    Attributes:
        check_propensity: chance of checking a room's equipment when there is slack for it.
        report_propensity: chance of reporting a defect she has seen.
        section: today's rooms, in the order she cleans them (`route` for the floor plan).
    """

    role = "housekeeper"
    traits = ("check_propensity", "report_propensity")

    def __init__(self, model, check_propensity: float, report_propensity: float):
        super().__init__(model)
        self.check_propensity = check_propensity
        self.report_propensity = report_propensity
        self.section: list = []  # today's rooms, in the order she cleans them
        self.shift_start = 0.0  # model hour
        self.record = ShiftRecord()
        self.today = ShiftRecord()

    def goals(self) -> list[str]:
        goals = [f"meet the quota of {self.model.housekeeping.quota:.1f} rooms in my shift"]
        if self.model.lever("cross_evaluation"):
            goals.append(f"a good rating from reception "
                         f"({self.model.p.cross_evaluation_weight:.0%} of my score)")
        return goals

    def resources(self) -> list[str]:
        return [f"{self.model.p.shift_minutes:.0f} minutes a shift",
                "I see every occupied room every day",
                "I can report a defect to maintenance"]

    def constraints(self) -> list[str]:
        p = self.model.p
        return [f"a check costs {p.check_minutes:.0f} min, a report "
                f"{p.report_minutes:.0f} min, out of my quota slack",
                f"evaluated every {p.evaluation_period_days} days by the "
                f"{self.model.manager_of('housekeeping').name}",
                f"I check {self.check_propensity:.0%} of rooms and report "
                f"{self.report_propensity:.0%} of what I see: what my evaluations have taught me"]

    @property
    def route(self) -> list[tuple[int, float, float]]:
        """Today's rooms as (room number, start hour, end hour), for the floor plan: each room
        begun when the one before it was ready (worked out when asked: nobody in a sweep
        looks, and a run cleans some 55,000 rooms)."""
        route, began = [], self.shift_start
        for room in self.section:
            route.append((room.number, began, room.ready_at))
            began = room.ready_at
        return route

    def location(self, now: float) -> int | None:
        """Number of the room she is cleaning at `now`, or None."""
        for number, start, end in self.route:
            if start <= now < end:
                return number
        return None

    def clean_section(self, rooms: list, start: float) -> None:
        """Clean `rooms` in order from hour `start`, checking and reporting as she decides."""
        model, p = self.model, self.model.p
        # uniform(a, b) is a + (b - a) * random(): the same numbers without its Python frame
        draw = model.random.random
        standard = model.housekeeping.standard_minutes(rooms)
        if self.seat is not None:  # the rule has nothing to plan: only a seat needs this
            # a seat sees the shift's rooms on one screen and answers the rooms' checks from it
            self.choose(Situation("shift", dict(zip((room.number for room in rooms), standard,
                                                    strict=True)), "min", None, None, at=start))
        remaining = sum(standard)
        used = 0.0
        self.section, self.shift_start = rooms, start
        # the shift's counts in local names, written to her record once at the end: some
        # 55,000 rooms a run
        shift_minutes, check_minutes = p.shift_minutes, p.check_minutes
        latent_defects = checks = reports = 0
        checking = reporting = 0.0  # minutes
        decide_to_check = self.decide_to_check
        # Her rule for a room's check is `decide_to_check`, and a seat answers each check as it
        # comes. Without a seat the rule's draw is taken here and the checks go to her log
        # (if she keeps one) a few at a time (`log_checks`): two frames less for each of a
        # run's 55,000 rooms (9% of a run's instructions without a log, 6% with one).
        seated, logged = self.seat is not None, self.decision_log.maxlen > 0
        with_slack, without_slack = self.check_chances()
        unlogged = []  # checks without a seat not yet logged: (room, slack, hour, checked)
        for room, minutes in zip(rooms, standard, strict=True):
            remaining -= minutes
            used += minutes * (0.85 + (1.15 - 0.85) * draw())
            slack = shift_minutes - used - remaining
            if room.defects:  # most rooms have none
                latent = room.latent_defects()
                latent_defects += len(latent)
            else:
                latent = ()
            if seated:
                checked = decide_to_check(room, slack, start + used / 60.0)
            else:
                checked = draw() < (without_slack if slack < check_minutes else with_slack)
                if logged:
                    unlogged.append((room, slack, start + used / 60.0, checked))
            if checked:
                now = start + used / 60.0
                spent = check_minutes * (0.5 + (1.5 - 0.5) * draw())
                used += spent
                checks += 1
                checking += spent
                for defect in latent:
                    if draw() >= p.defect_visibility:  # she does not see it
                        continue
                    if unlogged:  # her log keeps her decisions in the order she took them
                        self.log_checks(unlogged)
                        unlogged = []
                    if self.decide_to_report(room, slack - check_minutes, now):
                        spent = p.report_minutes * (0.5 + (1.5 - 0.5) * draw())
                        used += spent
                        reporting += spent
                        reports += 1
                        model.maintenance.open_work_order(
                            defect, "housekeeping", start + used / 60.0, reporter=self)
            room.clean = True
            room.ready_at = start + used / 60.0
            room.last_cleaned_by = self
        if unlogged:
            self.log_checks(unlogged)
        today = self.today = ShiftRecord(
            shifts=1, rooms=len(rooms), minutes=used, check_minutes=checking,
            report_minutes=reporting, overtime=max(0.0, used - shift_minutes), reports=reports,
            checks=checks, latent_defects=latent_defects)
        self.record.add(today)

    def decide_to_check(self, room, slack: float, now: float) -> bool:
        """Check `room`'s equipment, with `slack` minutes left for the quota at hour `now`?"""
        model = self.model
        with_slack, without_slack = self.check_chances()
        tight = slack < model.p.check_minutes
        checked = model.random.random() < (without_slack if tight else with_slack)
        [(_, default, why, values)] = self.check_reasons([(room, slack, now, checked)])
        return self.choose_by_rule(default, why, values, now, self.check_situation,
                                   room) == "check equipment"

    def check_chances(self) -> tuple[float, float]:
        """Her rule for a room's check, the one `decide_to_check` and a sweep's shift both
        draw by: the chance she checks a room with slack left for it in her quota, and
        without (checking then means overtime, which counts against her: half as likely)."""
        return self.check_propensity, 0.5 * self.check_propensity

    def check_reasons(self, checks: list[tuple]) -> list[tuple]:
        """Her log's entries (hour, action, why, values) for `checks`, each (room, slack, hour,
        checked): what her rule decided about a room's check, and why."""
        propensity, check_minutes = self.check_propensity, self.model.p.check_minutes
        entries = []
        for room, slack, at, checked in checks:
            if checked:
                entries.append((at, "check equipment", "room {}: {:.0f} min of slack, and I "
                                "check about {:.0%} of rooms, as my evaluations have taught me",
                                (room.number, slack, propensity)))
            elif slack < check_minutes:
                entries.append((at, "skip check", "room {}: only {:.0f} min of slack left for "
                                "my quota", (room.number, slack)))
            else:
                entries.append((at, "skip check", "room {}: I check only about {:.0%} of "
                                "rooms: my evaluations have not rewarded checks enough",
                                (room.number, propensity)))
        return entries

    def log_checks(self, checks: list[tuple]) -> None:
        """Log `checks`, each (room, slack, hour, checked), taken by her rule without a seat:
        the entries `decide_to_check` would have logged (only as many as the log keeps)."""
        self.decision_log.extend(self.check_reasons(checks[-self.decision_log.maxlen:]))

    def check_situation(self, room, default: str, why: str, values: tuple,
                        now: float) -> Situation:
        """A room's check as a seat sees it."""
        return Situation("check", {"check equipment": self.model.p.check_minutes,
                                   "skip check": 0.0}, "min", default, why, values,
                         subject=room.number, at=now)

    def decide_to_report(self, room, slack: float, now: float) -> bool:
        # reporting without slack means overtime, which counts against her: half as likely
        p = self.model.p
        chance = self.report_propensity * (1.0 if slack >= p.report_minutes else 0.5)
        if self.model.random.random() < chance:
            default, why = "report defect", ("room {}: I report about {:.0%} of what I see, as "
                                             "my evaluations have taught me; {:.0f} min of "
                                             "slack")
            values = (room.number, self.report_propensity, slack)
        else:
            default, why = "leave defect unreported", ("room {}: a report costs {:.0f} min "
                                                       "against my quota; I report only about "
                                                       "{:.0%} of what I see")
            values = (room.number, p.report_minutes, self.report_propensity)
        return self.choose_by_rule(default, why, values, now, self.report_situation,
                                   room) == "report defect"

    def report_situation(self, room, default: str, why: str, values: tuple,
                         now: float) -> Situation:
        """A defect's report as a seat sees it."""
        return Situation("report", {"report defect": self.model.p.report_minutes,
                                    "leave defect unreported": 0.0}, "min", default, why,
                         values, subject=room.number, at=now)

    def productivity(self, uncounted_minutes: float = 0.0) -> float:
        """Housekeeping's own metric: the quota met within the shift (1 = no overtime),
        not counting `uncounted_minutes` the manager credits."""
        record = self.record
        counted = record.minutes - uncounted_minutes
        standard = record.shifts * self.model.p.shift_minutes
        return min(1.0, standard / counted) if counted > 0 else 1.0

    def cooperation_minutes(self) -> float:
        return self.record.check_minutes + self.record.report_minutes

    def learn_from(self, evaluation: Evaluation) -> None:
        """Check and report more if it paid in this evaluation, less if it cost."""
        p, r, ev = self.model.p, self.record, evaluation
        gain = ev.weight * rating_gain(ev)
        for trait, minutes in (("check_propensity", r.check_minutes),
                               ("report_propensity", r.report_minutes)):
            # the metric had these minutes not been spent, against the metric as scored
            cost = (1.0 - ev.weight) * (self.productivity(
                ev.credit * self.cooperation_minutes() + (1.0 - ev.credit) * minutes)
                - ev.own_metric)
            before = getattr(self, trait)
            after = adjust(before, gain - cost, p.learning_rate, p.learning_sensitivity)
            setattr(self, trait, after)
            self.learn("learn " + trait.split("_")[0] + "ing", "{:.0f} min of it cost me "
                        "{:.3f} of score, reception's rating gave {:.3f}: {:.0%} -> {:.0%}",
                        minutes, cost, gain, before, after)
        self.record = ShiftRecord()
