"""Who is where, in words a workshop participant knows: "Receptionist 3, evening desk
(15:00-23:00), on duty now", "Housekeeper 9, day shift: cleaning room 305".

Read from the hotel's public state: the front desk's roster of the day, housekeepers'
routes, technicians' jobs and tonight's on-call technician.
"""

from __future__ import annotations

from model import DAY_SHIFT_START, MAINTENANCE_END, RECEPTION_SHIFTS

DESK_HOURS = {shift: f"{hours[0]:02d}:00-{hours[-1] + 1:02d}:00"
              for shift, hours in RECEPTION_SHIFTS.items()}
DAY_SHIFT = f"{DAY_SHIFT_START:02d}:00-{MAINTENANCE_END:02d}:00"
ROLE_ORDER = ("receptionist", "housekeeper", "technician", "manager")


def desk_shifts(model, receptionist) -> list[str]:
    """Today's desk shifts of `receptionist` ('morning', 'evening', 'night'), in order."""
    return [shift for shift, people in model.front_desk.roster.items()
            if any(person is receptionist for person in people)]


def post(model, member) -> str:
    """Where `member` works today and what they are doing now, e.g. 'evening desk
    (15:00-23:00), on duty now' or 'day shift (08:00-17:00): repairing room 213'."""
    if member.role == "receptionist":
        shifts = desk_shifts(model, member)
        if not shifts:
            return "off today"
        on_duty = any(person is member for person in model.front_desk.on_duty())
        desks = " and ".join(f"{shift} desk ({DESK_HOURS[shift]})" for shift in shifts)
        return desks + (", on duty now" if on_duty else "")
    if member.role == "housekeeper":
        room = member.location(model.time)
        if room is not None:
            return f"day shift: cleaning room {room}"
        return "day shift, cleaning today" if member.route else "off today"
    if member.role == "technician":
        if isinstance(member.job, int):
            return f"day shift ({DAY_SHIFT}): repairing room {member.job}"
        if member.job == "planned work":
            return f"day shift ({DAY_SHIFT}): planned maintenance"
        if model.maintenance.on_call is member:
            return "on call tonight"
        return f"day shift ({DAY_SHIFT}), not at work now"
    return f"manager of {member.function}"


def staff_by_post(model) -> dict[str, object]:
    """'Receptionist 3, evening desk (15:00-23:00), on duty now' -> the member, receptionists
    first (the desk's order: morning, evening, night, off), then housekeeping, maintenance,
    managers."""
    shift_order = {shift: i for i, shift in enumerate(RECEPTION_SHIFTS)}

    def order(member):
        shifts = desk_shifts(model, member) if member.role == "receptionist" else []
        first_shift = shift_order[shifts[0]] if shifts else len(shift_order)
        return ROLE_ORDER.index(member.role), first_shift, member.unique_id

    return {f"{member.name}, {post(model, member)}": member
            for member in sorted(model.staff(), key=order)}
