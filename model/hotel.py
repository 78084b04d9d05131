"""The InterLodge hotel: rooms, staff, guests and the day that runs them.

One model step is one hour. The day's rhythm (see `model.clock`): check-out in the morning;
housekeeping and maintenance on the day shift; arrivals in the afternoon and evening, when
guests find defects and complain at the desk; the evening receptionist decides how many rooms
to hold back; late arrivals and walk-ins until midnight; the night audit closes the books.
Staff evaluations and manager rotation are Mesa events on their own timescales.

The model knows nothing of experiments or the app: they use `InterLodgeModel`, `step`,
`run_days`, `daily_table`, `attach_seat` and the agents' `work_context`.
"""

from __future__ import annotations

from collections import deque
from typing import Any

import pandas as pd
from mesa import Model
from mesa.time import Schedule

from agents import (
    FUNCTIONS,
    Guest,
    Housekeeper,
    Manager,
    Receptionist,
    ReceptionRatings,
    Seat,
    Technician,
)
from agents.technician import SHIFT_MINUTES

from . import clock as c
from .building import build_rooms
from .clock import HOURS_PER_DAY, Clock
from .defects import FOUND_BY_GUEST, FOUND_BY_HOUSEKEEPING, Defect, WorkOrder
from .economics import Ledger
from .market import Arrival, Market
from .metrics import METRICS, DayCounters, daily_row
from .parameters import Parameters

QUICK_REPAIR = 12.0  # hours within which reception sees a repair as quick
# The hotel as it was: the baseline's own levels (measured over 20 seeds), so that the
# warm-up only has to settle the details.
INITIAL_REPUTATION = 753.0
INITIAL_RETURN_INTENT = 0.58
INITIAL_CHECKING = 0.12
INITIAL_REPORTING = 0.45
INITIAL_RESPONSIVENESS = 0.05
RECEPTION_SHIFTS_PER_DAY = {"morning": 1, "evening": 2, "night": 1}  # per 100 rooms


class InterLodgeModel(Model):
    """A hotel unit of the InterLodge chain.

    Args:
        rng: seed or numpy Generator; same parameters and seed give the same run.
        **parameters: any of `model.parameters.PARAMETERS` (validated; see docs/ODD.md).

    The constructor runs the warm-up (`warmup_days` of the status quo, not reported), then
    switches the chosen levers on: day 0 is the first day under the new management.
    """

    def __init__(self, rng=None, **parameters: Any):
        p = Parameters.from_values(parameters)
        if isinstance(rng, str):  # the app's seed box hands over text
            rng = int(rng)
        super().__init__(rng=rng)
        self.p = p
        self.clock = Clock(p.warmup_days)
        self.levers_on = False
        self.rooms = build_rooms(p.rooms, p.floors)
        self.market = Market(p, int(self.rng.integers(2**63)), reputation=INITIAL_REPUTATION)
        self.market.expect_returns(-p.warmup_days, INITIAL_RETURN_INTENT)
        self.ledger = Ledger()
        self.ratings = ReceptionRatings()
        self.maintenance_queue: list[WorkOrder] = []
        self.evening_cover_tonight = False
        self.on_call: Technician | None = None
        self.effective_quota = float(p.housekeeper_quota)
        self.rows: list[dict[str, float]] = []
        self._recent_occupancy: deque[float] = deque(maxlen=30)
        self._today = DayCounters()
        self._arrivals: dict[int, list[Arrival]] = {}
        self._desk: dict[str, list[Receptionist]] = {}

        self.receptionists = [Receptionist(self) for _ in range(p.receptionists)]
        self.housekeepers = [
            Housekeeper(self, self._vary(INITIAL_CHECKING), self._vary(INITIAL_REPORTING))
            for _ in range(p.housekeepers)]
        self.technicians = [Technician(self, self._vary(INITIAL_RESPONSIVENESS))
                            for _ in range(p.technicians)]
        self.managers = {function: Manager(self, function) for function in FUNCTIONS}

        self._day_plan = self._plan_the_day()
        self.schedule_recurring(self.evaluate_staff, Schedule(
            interval=p.evaluation_period_days * HOURS_PER_DAY,
            start=p.evaluation_period_days * HOURS_PER_DAY))
        for _ in range(p.warmup_days * HOURS_PER_DAY):
            self.step()
        self.switch_levers_on()

    def _vary(self, propensity: float) -> float:
        """Staff differ a little around the hotel's habit."""
        return min(0.98, max(0.02, propensity + self.random.gauss(0, 0.05)))

    def _plan_the_day(self) -> dict[int, list]:
        plan: dict[int, list] = {hour: [] for hour in range(HOURS_PER_DAY)}
        plan[0].append(self.open_day)
        plan[c.CHECK_OUT].append(self.check_out_guests)
        plan[c.DAY_SHIFT_START].append(self.clean_rooms)
        for hour in range(c.DAY_SHIFT_START, c.MAINTENANCE_END):
            plan[hour].append(self.run_maintenance)
        plan[c.MAINTENANCE_END].append(self.arrange_evening_cover)
        plan[c.RESERVE_DECISION].append(self.hold_rooms_in_reserve)
        for hour in range(HOURS_PER_DAY):
            if hour in c.ARRIVALS or hour in c.LATE_ARRIVALS:
                plan[hour].append(self.check_in_arrivals)
            if hour in c.EVENING_RETURNS:
                plan[hour].append(self.evening_returns)
        plan[c.NIGHT_AUDIT].append(self.night_audit)
        return plan

    # --- public interface ----------------------------------------------------------------
    def step(self) -> None:
        """Advance the hotel by one hour."""
        for task in self._day_plan[self.clock.hour(self.time)]:
            task()

    def run_days(self, days: int) -> None:
        """Advance the hotel by `days` whole days."""
        for _ in range(days * HOURS_PER_DAY):
            self.step()

    @property
    def day(self) -> int:
        return self.clock.day(self.time)

    @property
    def hour(self) -> int:
        return self.clock.hour(self.time)

    def daily_table(self) -> pd.DataFrame:
        """One row per reported day, columns as in `model.metrics.METRICS`."""
        return pd.DataFrame(self.rows, columns=list(METRICS))

    def today(self) -> dict[str, float]:
        """Live figures for the day so far (the app's monitors), with the hour's occupancy."""
        t = self._today
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
            "work_orders_waiting": len(self.maintenance_queue),
            "evening_cover": self.evening_cover_tonight,
        }

    def lever(self, name: str) -> bool:
        """Is lever `name` on now? Levers are off during the warm-up."""
        return self.levers_on and getattr(self.p, name)

    def manager_of(self, function: str) -> Manager:
        return next(m for m in self.managers.values() if m.function == function)

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

    # --- levers --------------------------------------------------------------------------
    def switch_levers_on(self) -> None:
        self.levers_on = True
        for receptionist in self.receptionists:
            receptionist.trained = self.p.training
        if self.p.rotation:
            period = self.p.rotation_period_days * HOURS_PER_DAY
            self.schedule_recurring(self.rotate_managers,
                                    Schedule(interval=period, start=self.time + period))

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

    # --- the day -------------------------------------------------------------------------
    def open_day(self) -> None:
        """Midnight: today's arrivals are known; receptionists are rostered."""
        arrivals: dict[int, list[Arrival]] = {}
        for arrival in self.market.arrivals(self.day):
            arrivals.setdefault(arrival.hour, []).append(arrival)
        self._arrivals = arrivals
        scale = max(1, round(self.p.rooms / 100))
        # a small roster covers every shift, some working a double one
        pool = self.random.sample(self.receptionists, len(self.receptionists))
        first = 0
        for shift, per_hundred in RECEPTION_SHIFTS_PER_DAY.items():
            n = per_hundred * scale
            self._desk[shift] = [pool[(first + k) % len(pool)] for k in range(n)]
            first += n
        for manager in self.managers.values():
            manager.work_a_day()

    def desk(self) -> list[Receptionist]:
        """Receptionists on duty now."""
        hour = self.hour
        for shift, hours in c.RECEPTION_SHIFTS.items():
            if hour in hours:
                return self._desk.get(shift) or self.receptionists[:1]
        return self.receptionists[:1]

    def check_out_guests(self) -> None:
        day = self.day
        for room in self.rooms:
            guest = room.guest
            if guest is not None and guest.nights_left <= 0:
                satisfaction = guest.rate_stay()
                self._today.satisfaction[guest.experience].append(satisfaction)
                self.market.hear_from(satisfaction, day)
                room.guest = None
                guest.remove()

    def standard_minutes(self, room) -> float:
        """Standard cleaning time of `room` today: a stay-over or a check-out."""
        p = self.p
        base = p.stayover_minutes if room.guest is not None else p.checkout_minutes
        return base + p.room_overhead_minutes

    def mean_room_minutes(self) -> float:
        p = self.p
        return (p.stayover_minutes + p.checkout_minutes) / 2 + p.room_overhead_minutes

    def clean_rooms(self) -> None:
        """Housekeeping's shift: enough housekeepers for the quota, a section each."""
        p = self.p
        to_clean = [room for room in self.rooms if not room.clean]
        for housekeeper in self.housekeepers:
            housekeeper.route = []
        if not to_clean:
            return
        slack = self.manager_of("housekeeping").grant_quota_slack()
        self.effective_quota = max(1.0, p.housekeeper_quota - slack)
        n = min(len(self.housekeepers), max(1, round(len(to_clean) / self.effective_quota)))
        on_duty = self.random.sample(self.housekeepers, n)
        start = float(self.time)
        for i, housekeeper in enumerate(on_duty):
            section = to_clean[i * len(to_clean) // n:(i + 1) * len(to_clean) // n]
            section.sort(key=lambda room: room.guest is not None)  # check-outs first
            housekeeper.clean_section(section, start)
            today = housekeeper.today
            self._today.rooms_cleaned += today.rooms
            self._today.rooms_checked += today.checks
            self._today.latent_in_cleaned_rooms += today.latent_defects
            self._today.housekeeper_shifts += 1
            self.ledger.spend("housekeeping_wages", p.housekeeper_wage)
            self.ledger.spend("overtime", 1.5 * p.housekeeper_wage * today.overtime
                              / p.shift_minutes)
        for technician in self.technicians:
            technician.busy_until = max(technician.busy_until, start)
            technician.record.shifts += 1

    def run_maintenance(self) -> None:
        for technician in self.technicians:
            technician.work_until(self.time + 1)

    def arrange_evening_cover(self) -> None:
        self.evening_cover_tonight = self.manager_of("maintenance").arrange_evening_cover()
        self.on_call = self.random.choice(self.technicians) if self.evening_cover_tonight \
            else None
        for technician in self.technicians:
            technician.job = None
        if self.evening_cover_tonight:
            self.ledger.spend("evening_cover", self.p.callout_fee)

    def maintenance_reachable(self) -> bool:
        hour = self.hour
        return (c.Clock.maintenance_on_shift(hour)
                or (self.evening_cover_tonight and hour in c.EVENING_COVER))

    def desk_pressure(self) -> float:
        """Arrivals still due this hour per receptionist on duty."""
        return len(self._arrivals.get(self.hour, ())) / len(self.desk())

    def period_of_day(self) -> str:
        return "day" if c.Clock.maintenance_on_shift(self.hour) else "evening"

    def hold_rooms_in_reserve(self) -> None:
        """The evening receptionist decides how many free rooms to keep from late sales."""
        now = self.time
        free = [room for room in self.rooms if room.lettable(now)]
        desk = self.desk()
        held = desk[0].hold_rooms_in_reserve(len(free))
        for receptionist in desk:
            receptionist.reserve = held
        for room in free[-held:] if held else []:
            room.held = True
        self._today.held_rooms = held

    def check_in_arrivals(self) -> None:
        due = self._arrivals.get(self.hour)
        if not due:
            return
        now = self.time
        free = [room for room in self.rooms if room.lettable(now)]
        while due:
            arrival = due.pop()
            receptionist = self.random.choice(self.desk())
            if arrival.late:
                if not (free and receptionist.sell_to_late_arrival(len(free))):
                    self._today.late_arrivals_turned_away += 1
                    continue
            elif not free:
                self._today.reservations_walked += 1
                continue
            unheld = [room for room in free if not room.held]
            room = self.random.choice(unheld or free)
            rate = self.market.rate()
            if arrival.late and receptionist.concede_discount():
                rate *= 1.0 - self.p.walk_in_discount
                self._today.discounts_given += 1
            guest = Guest(self, arrival.nights, rate)
            self._let(room, guest)
            free.remove(room)
            defect = guest.find_defect(self.p.guest_find_at_checkin)
            if defect is not None:
                self.guest_finds(guest, defect)
                free = [room for room in self.rooms if room.lettable(now)]  # a move took one

    def _let(self, room, guest) -> None:
        if room.guest is not None:
            raise RuntimeError(f"room {room.number} is already let")
        room.guest = guest
        room.held = False
        guest.room = room

    def evening_returns(self) -> None:
        """Staying guests come back to their room; some find a defect."""
        hour = self.hour
        chance = self.p.guest_find_in_evening
        for room in self.rooms:
            guest = room.guest
            if (guest is None or not room.defects or guest.evening_hour != hour
                    or guest.nights_left == guest.nights):
                continue
            grievance = guest.grievance
            if grievance is not None and grievance.open and grievance.room is room:
                if guest.decide_to_complain():  # "the faucet still drips"
                    self.complain(guest, grievance)
                continue
            defect = guest.find_defect(chance)
            if defect is not None:
                self.guest_finds(guest, defect)

    def guest_finds(self, guest, defect) -> None:
        """A guest has found `defect`: complain at the desk, or suffer in silence."""
        if defect.found_by is None:
            defect.found_by = FOUND_BY_GUEST
            self._today.defects_found_by_guests += 1
        if not guest.decide_to_complain():
            guest.live_through("unresolved")
            return
        self.complain(guest, defect)

    def complain(self, guest, defect) -> None:
        """`guest` comes to the desk about `defect`; an on-duty receptionist handles it."""
        today = self._today
        today.complaints += 1
        evening = self.hour >= c.MAINTENANCE_END
        cleaner = guest.room.last_cleaned_by
        if cleaner is not None:
            self.ratings.blame(cleaner)
        outcome = self.random.choice(self.desk()).handle_complaint(guest, defect)
        counter = {"repair": "repairs_on_complaint", "move": "moves",
                   "rebate": "rebates_given", "deflect": "deflections"}[outcome]
        setattr(today, counter, getattr(today, counter) + 1)
        if evening:
            today.evening_complaints += 1
            if outcome != "deflect":
                name = f"evening_{outcome}s"
                setattr(today, name, getattr(today, name) + 1)
        guest.grievance = defect if outcome in ("rebate", "deflect") else None

    # --- services the staff call on --------------------------------------------------------
    def open_work_order(self, defect: Defect, source: str, when: float,
                        reporter=None) -> WorkOrder:
        """Make `defect` known to the hotel and queue it for maintenance."""
        if defect.reported_at is None:
            defect.reported_at = when
        if source == FOUND_BY_HOUSEKEEPING:
            self.ratings.praise(reporter)
            if defect.found_by is None:
                defect.found_by = FOUND_BY_HOUSEKEEPING
                self._today.defects_found_by_housekeeping += 1
        order = WorkOrder(defect, source, when)
        if not any(o.defect is defect for o in self.maintenance_queue):
            self.maintenance_queue.append(order)
        return order

    def next_work_order(self, now: float) -> WorkOrder | None:
        """The work order maintenance should take next, by its manager's priorities."""
        waiting = [o for o in self.maintenance_queue if o.created_at <= now]
        if not waiting:
            return None
        if self.manager_of("maintenance").prioritises_guest_facing():
            return min(waiting, key=lambda o: (o.room.guest is None, o.created_at))
        return min(waiting, key=lambda o: o.created_at)

    def call_maintenance(self, defect: Defect, receptionist) -> bool:
        """Reception calls maintenance for a guest now; True if the defect is repaired."""
        order = self.open_work_order(defect, "reception", self.time)
        if not self.maintenance_reachable():
            return False
        if c.Clock.maintenance_on_shift(self.hour):
            technician = min(self.technicians, key=lambda t: (t.busy_until, self.random.random()))
        else:
            technician = self.on_call
        answered = technician.answer_call(order)  # a repair leaves the queue in `repair`
        (self.ratings.praise if answered else self.ratings.blame)(technician)
        if answered and not c.Clock.maintenance_on_shift(self.hour):  # an evening call-out
            minutes = self.p.callout_minutes + self.p.repair_minutes
            self.ledger.spend("overtime", 1.5 * self.p.technician_wage * minutes
                              / SHIFT_MINUTES)
        return answered

    def repair(self, order: WorkOrder, technician, start: float) -> float:
        """Repair the order's defect from hour `start`; return the minutes it takes."""
        p, defect = self.p, order.defect
        minutes = p.repair_minutes * self.random.uniform(0.5, 1.5) * (
            2.0 if defect.severe else 1.0)
        defect.repaired_at = start + minutes / 60.0
        room = defect.room
        room.defects.remove(defect)
        if order in self.maintenance_queue:
            self.maintenance_queue.remove(order)
        self.ledger.spend("repairs", p.repair_material_cost * (3.0 if defect.severe else 1.0))
        technician.record.repairs += 1
        technician.record.cooperation_minutes += max(0.0, minutes - p.planned_task_minutes)
        hours = defect.repaired_at - defect.reported_at
        if (order.source == "reception" or room.guest is not None) and hours <= QUICK_REPAIR:
            self.ratings.praise(technician)  # reception sees the guest's problem gone
        self._today.repairs += 1
        self._today.response_hours.append(hours)
        if order.source == "reception":
            self._today.reception_response_hours.append(hours)
        if defect.found_by == FOUND_BY_HOUSEKEEPING and room.guest is not None:
            room.guest.live_through("prevented")
        return minutes

    def spare_room(self, guest):
        """A room to move `guest` into: one held in reserve first, else any free one."""
        now = self.time
        free = [room for room in self.rooms if room.lettable(now) and room is not guest.room]
        held = [room for room in free if room.held]
        return (held or free or [None])[0]

    def move_guest(self, guest) -> None:
        new = self.spare_room(guest)
        old = guest.room
        old.guest = None
        old.clean = False
        self._let(new, guest)
        self.ledger.spend("extra_cleaning", self.p.extra_cleaning_cost)

    def give_rebate(self, guest) -> None:
        amount = self.p.rebate_share_of_rate * guest.rate * self.random.uniform(0.6, 1.4)
        self.ledger.refund(amount)
        guest.rebated = True

    def front_office_insists_on_work_orders(self) -> bool:
        return self.manager_of("front office").insists_on_work_orders()

    # --- night audit ---------------------------------------------------------------------
    def night_audit(self) -> None:
        """Close the day: revenue, wear and tear, costs, the day's row."""
        p, rng, now = self.p, self.random, self.time
        occupied = [room for room in self.rooms if room.guest is not None]
        for room in occupied:
            self.ledger.earn(room.guest.rate)
            room.guest.nights_left -= 1
            room.clean = False
            if rng.random() < p.defect_rate:
                room.defects.append(Defect(room, now))
                self._today.defects_created += 1
        open_defects = 0
        for room in self.rooms:
            room.held = False
            for defect in room.defects:
                open_defects += 1
                if not defect.severe and rng.random() < p.defect_worsening_rate:
                    defect.severe = True
        self._pay_the_day(len(occupied))
        evening = self._today.evening_complaints
        for receptionist in self._desk.get("evening", []):
            receptionist.end_evening(evening)
        for receptionist in self.receptionists:
            receptionist.unwind()
        self.market.update_reputation()
        row = daily_row(self, self._today, self.ledger.close_day(), len(occupied), open_defects)
        if self.levers_on:
            self.rows.append(row)
        self._today = DayCounters()

    def _pay_the_day(self, occupied: int) -> None:
        p, ledger = self.p, self.ledger
        reception_shifts = sum(len(v) for v in self._desk.values())
        ledger.spend("reception_wages", reception_shifts * p.receptionist_wage)
        ledger.spend("maintenance_wages", len(self.technicians) * p.technician_wage)
        ledger.spend("manager_wages", len(self.managers) * p.manager_wage)
        ledger.spend("variable", occupied * p.variable_cost_per_room)
        ledger.spend("fixed", p.fixed_costs_per_day * p.rooms / 100.0)
        self._recent_occupancy.append(occupied / p.rooms)
        if self.lever("incentives"):
            occupancy = sum(self._recent_occupancy) / len(self._recent_occupancy)
            band = p.incentive_occupancy_target - p.incentive_occupancy_threshold
            earned = min(1.0, max(0.0, (occupancy - p.incentive_occupancy_threshold) / band))
            ledger.spend("bonus", earned * p.incentive_bonus * len(self.receptionists) / 30)
        if self.lever("training") and self.day < p.training_days:
            ledger.spend("training", p.training_cost * len(self.receptionists)
                         / p.training_days)
