"""The InterLodge hotel: rooms, staff, guests and the day that runs them.

One model step is one hour. The day's rhythm (see `model.clock`): check-out in the morning;
housekeeping and maintenance on the day shift; arrivals in the afternoon and evening, when
guests find defects and complain at the desk; the evening receptionist decides how many rooms
to hold back; late arrivals and walk-ins until midnight; the night audit closes the books.
Each of these is a verb of one of the hotel's services: the front desk (`model.front_desk`),
housekeeping (`model.housekeeping`), maintenance (`model.maintenance`) and the night audit
(`model.night_audit`). Staff evaluations and manager rotation are Mesa events on their own
timescales.

The model knows nothing of experiments or the app: they use `InterLodgeModel`, `step`,
`run_days`, `daily_table` (or `daily_columns`), `attach_seat` and the agents' `work_context`.
"""

from __future__ import annotations

import math
import pickle
import random
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from mesa import Model
from mesa.time import Schedule

from agents import (
    FUNCTIONS,
    Housekeeper,
    Manager,
    Receptionist,
    ReceptionRatings,
    Seat,
    Technician,
)

from . import clock as c
from .building import build_rooms
from .clock import HOURS_PER_DAY, Clock
from .draws import StandardNormals
from .economics import Ledger
from .front_desk import FrontDesk
from .guests import satisfaction_levels
from .housekeeping import Housekeeping
from .maintenance import Maintenance
from .market import Market
from .metrics import METRICS, DayCounters
from .night_audit import NightAudit
from .parameters import LEVER_SIDE, ParameterError, Parameters

if TYPE_CHECKING:
    import pandas as pd

_METRIC_VALUES = itemgetter(*METRICS)  # a daily row's values, in METRICS order


class InterLodgeModel(Model):
    """A hotel unit of the InterLodge chain.

    Args:
        rng: seed or numpy Generator; same parameters and seed give the same run.
        **parameters: any of `model.parameters.PARAMETERS` (validated; see docs/ODD.md).

    The constructor runs the warm-up (`warmup_days` of the status quo, not reported), then
    switches the chosen levers on: day 0 is the first day under the new management.

    The warm-up reads no lever-side parameter (`model.parameters.LEVER_SIDE`), so several
    lever settings can share one: `InterLodgeModel.warm_up(rng, **parameters)` returns the
    hotel at the end of its warm-up and `hotel.with_levers(**lever_side)` a copy of it under
    new management, with the same numbers as `InterLodgeModel(rng, **all those parameters)`.
    """

    def __init__(self, rng=None, **parameters: Any):
        self._warm_up(rng, Parameters.from_values(parameters))
        self.switch_levers_on()

    @classmethod
    def warm_up(cls, rng=None, **parameters: Any) -> InterLodgeModel:
        """The hotel of seed `rng` after its warm-up, levers not yet on; lever-side
        parameters given here are the defaults of `with_levers`."""
        hotel = cls.__new__(cls)
        hotel._warm_up(rng, Parameters.from_values(parameters))
        return hotel

    def with_levers(self, **lever_side: Any) -> InterLodgeModel:
        """A copy of this warmed-up hotel with `lever_side` parameters (levers and what only
        they read) over its own, levers switched on. The copy runs exactly as a hotel built
        whole with those parameters and the same seed; this hotel stays as it is."""
        if self.levers_on:
            raise RuntimeError("with_levers starts from a warmed-up hotel (warm_up), "
                               "whose levers are not on yet")
        others = sorted(set(lever_side) - set(LEVER_SIDE))
        if others:
            raise ParameterError(f"{', '.join(others)}: not lever-side parameters; they shape "
                                 f"the warm-up (give them to warm_up)")
        p = Parameters.from_values(self.p.as_dict() | lever_side)
        hotel = pickle.loads(pickle.dumps(self, pickle.HIGHEST_PROTOCOL))
        hotel.p = hotel.market.p = p
        hotel.switch_levers_on()
        return hotel

    def _warm_up(self, rng, p: Parameters) -> None:
        if isinstance(rng, str):  # the app's seed box hands over text
            rng = int(rng)
        super().__init__(rng=rng)
        # The day's plan is fixed: `run_hours` runs it directly rather than as a Mesa event
        # each hour; Mesa's events keep what happens on other timescales (evaluations,
        # rotations). Mesa had wrapped `step` for its per-tick schedule: it is ours again.
        self._default_schedule.stop()
        vars(self).pop("step", None)
        self.p = p
        self.satisfaction = satisfaction_levels(p)  # by the worst experience of a stay
        self.clock = Clock(p.warmup_days)
        # the clock as plain numbers (Mesa's `time` is an observable, dearer to read)
        self.now = 0.0  # model hours since the start of the warm-up
        self.hour = 0
        self.day = -p.warmup_days
        self.levers_on = False
        self.rooms = build_rooms(p.rooms, p.floors)
        self.market = Market(p, int(self.rng.integers(2**63)), reputation=p.initial_reputation)
        # guests' evening hours: tens of thousands of draws a run, from Python's generator
        self.guest_random = random.Random(int(self.rng.integers(2**63)))
        # departing guests' satisfaction noise: the hotel's generator serves nothing else now
        self.satisfaction_draws = StandardNormals(self.rng)
        self.market.expect_returns(-p.warmup_days, p.initial_return_intent)
        self.ledger = Ledger()
        self.ratings = ReceptionRatings()
        self.rows: list[dict[str, float]] = []
        self.tally = DayCounters()  # the day so far
        self.housekeeping = Housekeeping(self)
        self.maintenance = Maintenance(self)
        self.night_audit = NightAudit(self)

        self.receptionists = [Receptionist(self) for _ in range(p.receptionists)]
        self.housekeepers = [
            Housekeeper(self, self._vary(p.initial_checking), self._vary(p.initial_reporting))
            for _ in range(p.housekeepers)]
        self.technicians = [Technician(self, self._vary(p.initial_responsiveness))
                            for _ in range(p.technicians)]
        self.managers = {function: Manager(self, function) for function in FUNCTIONS}
        self.front_desk = FrontDesk(self)  # staffed by the receptionists

        self._day_plan = self._plan_the_day()
        self._recurring = [self.schedule_recurring(self.evaluate_staff, Schedule(
            interval=p.evaluation_period_days * HOURS_PER_DAY,
            start=p.evaluation_period_days * HOURS_PER_DAY))]
        self._next_event = self._next_event_time()
        self.run_hours(p.warmup_days * HOURS_PER_DAY)

    def _vary(self, propensity: float) -> float:
        """Staff differ a little around the hotel's habit."""
        return min(0.98, max(0.02, propensity + self.random.gauss(0, 0.05)))

    def _plan_the_day(self) -> dict[int, list]:
        """What each service does at each hour of the day, in order."""
        desk, maintenance = self.front_desk, self.maintenance
        plan: dict[int, list] = {hour: [] for hour in range(HOURS_PER_DAY)}
        plan[0].append(self.open_day)
        plan[c.CHECK_OUT].append(desk.check_out_guests)
        plan[c.DAY_SHIFT_START].append(self.housekeeping.clean_rooms)
        for hour in range(c.DAY_SHIFT_START, c.MAINTENANCE_END):
            plan[hour].append(maintenance.work_the_hour)
        plan[c.MAINTENANCE_END].append(maintenance.arrange_evening_cover)
        plan[c.RESERVE_DECISION].append(desk.hold_rooms_in_reserve)
        for hour in range(HOURS_PER_DAY):
            if hour in c.ARRIVALS or hour in c.LATE_ARRIVALS:
                plan[hour].append(desk.check_in_arrivals)
            if hour in c.EVENING_RETURNS:
                plan[hour].append(desk.evening_returns)
        plan[c.NIGHT_AUDIT].append(self.night_audit.close_day)
        return plan

    # --- public interface ----------------------------------------------------------------
    def step(self) -> None:
        """Advance the hotel by one hour."""
        self.run_hours(1)

    def run_days(self, days: int) -> None:
        """Advance the hotel by `days` whole days."""
        self.run_hours(days * HOURS_PER_DAY)

    def run_hours(self, hours: int) -> None:
        """Advance the hotel by `hours`: each hour its tasks of the day's plan, then Mesa's
        events due at that hour (as Mesa orders a step before the other events of a time).

        The hotel's own code reads the hour from `now`; Mesa's `time` (an observable, whose
        every write is a Python call) is set only for Mesa's events and when the hours are
        done, for the app and Mesa's users."""
        plan, warmup_days = self._day_plan, self.p.warmup_days
        for _ in range(hours):
            self.now = now = self.now + 1.0
            self.hour = hour = int(now % HOURS_PER_DAY)
            if not hour:  # midnight: another day
                self.day = int(now // HOURS_PER_DAY) - warmup_days
            for task in plan[hour]:
                task()
            if now >= self._next_event:
                self.time = now - 1.0  # Mesa runs the events up to a time it has not reached
                self.run_until(now)
                self._next_event = self._next_event_time()
        self.time = self.now
        self.steps += hours

    def _next_event_time(self) -> float:
        due = [g.next_scheduled_time for g in self._recurring if g.is_active]
        return min((t for t in due if t is not None), default=math.inf)

    def daily_columns(self) -> dict[str, list[float]]:
        """The reported days as columns: each metric of `model.metrics.METRICS`, in that order,
        its values day by day: the values of `daily_table`, without pandas."""
        # the rows' values in METRICS order, transposed by zip: a 540-day run's columns in
        # under 1 ms, a quarter of a loop over names and rows (an experiment's worker asks
        # this of every run)
        by_day = map(_METRIC_VALUES, self.rows)
        return dict(zip(METRICS, map(list, zip(*by_day, strict=True)), strict=True)) \
            if self.rows else {name: [] for name in METRICS}

    def daily_table(self) -> pd.DataFrame:
        """One row per reported day, columns as in `model.metrics.METRICS`."""
        # pandas is imported here, not with the model: an experiment's workers reduce and
        # store `daily_columns` without it (46 MB less in each of their processes)
        import pandas as pd

        return pd.DataFrame(self.rows, columns=list(METRICS))

    def today(self) -> dict[str, float]:
        """Live figures for the day so far (the app's monitors), with the hour's occupancy."""
        t = self.tally
        occupied = sum(room.guest is not None for room in self.rooms)
        return {
            "day": self.day,
            "hour": self.hour,
            "occupancy": occupied / self.p.rooms,
            "held_rooms": sum(room.held for room in self.rooms),
            "complaints": t.complaints,
            "moves": t.moves,
            "rebates_given": t.rebates_given,
            "repairs_on_complaint": t.repairs_on_complaint,
            "defects_found_by_housekeeping": t.defects_found_by_housekeeping,
            "defects_found_by_guests": t.defects_found_by_guests,
            "late_arrivals_turned_away": t.late_arrivals_turned_away,
            "reputation": self.market.reputation,
            "rate": self.market.rate(),
            "work_orders_waiting": len(self.maintenance.queue),
            "evening_cover": self.maintenance.evening_cover,
        }

    def lever(self, name: str) -> bool:
        """Is lever `name` on now? Levers are off during the warm-up."""
        return self.levers_on and getattr(self.p, name)

    def manager_of(self, function: str) -> Manager:
        """The manager running `function` now (rotation moves them)."""
        for manager in self.managers.values():  # a plain loop: asked thousands of times a run
            if manager.function == function:
                return manager
        raise ValueError(f"no manager runs {function!r}")

    def staff(self) -> list:
        """Every staff member, for the app's inspector."""
        return [*self.receptionists, *self.housekeepers, *self.technicians,
                *self.managers.values()]

    def attach_seat(self, member_id: int, seat: Seat | None) -> None:
        """From now on `seat(member, situation)` takes the decisions of staff member
        `member_id` (a person in a workshop; see `agents.context.Situation`); None gives
        them back to the member's own rule."""
        member = next((m for m in self.staff() if m.unique_id == member_id), None)
        if member is None:
            raise ValueError(f"no staff member {member_id!r} in this hotel")
        member.seat = seat

    # --- the day's opening ---------------------------------------------------------------
    def open_day(self) -> None:
        """Midnight: the front desk learns today's arrivals and its roster; managers put in
        another day in their function."""
        self.front_desk.open_day()
        for manager in self.managers.values():
            manager.work_a_day()

    # --- levers and management -----------------------------------------------------------
    def switch_levers_on(self) -> None:
        self.levers_on = True
        for receptionist in self.receptionists:
            receptionist.trained = self.p.training
        if self.p.rotation:
            period = self.p.rotation_period_days * HOURS_PER_DAY
            self._recurring.append(self.schedule_recurring(
                self.rotate_managers, Schedule(interval=period, start=self.now + period)))
            self._next_event = self._next_event_time()

    def rotate_managers(self) -> None:
        """Each manager moves to the next function: front office, housekeeping, maintenance."""
        for manager in self.managers.values():
            following = FUNCTIONS[(FUNCTIONS.index(manager.function) + 1) % len(FUNCTIONS)]
            manager.rotate_to(following)

    def evaluate_staff(self) -> None:
        """Managers evaluate the back office; each member learns from their evaluation."""
        for staff, function in ((self.housekeepers, "housekeeping"),
                                (self.technicians, "maintenance")):
            manager = self.manager_of(function)
            worked = [member for member in staff if member.record.shifts]
            for member in worked:
                member.learn_from(manager.evaluate(member, self.ratings))
            manager.learn("evaluate staff", "{} {} staff; reception's view weighs {:.0%}, "
                           "cooperation credited at {:.0%}", len(worked), function,
                           manager.rating_weight(), manager.cross_knowledge)
        self.ratings.clear()
