"""The hotel floor plan: every room coloured by its state, the staff where they are, a legend.

Drawn as one SVG string in one HTML element: a hundred rooms redraw several times a second
for the price of a single widget update, and the picture stays sharp on a projector.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from html import escape

import solara

from model.building import ROOM_STATES

from .hotel_state import Simulation

STATE_COLOURS = {  # fill, text
    "vacant clean": ("#d5ecd4", "#1d3b1c"),
    "occupied": ("#3f6fb5", "#ffffff"),
    "dirty": ("#b9a78a", "#2b2417"),
    "held in reserve": ("#f4c430", "#3a2e00"),
    "known defect": ("#f08a24", "#2e1600"),
    "out of order": ("#a3281e", "#ffffff"),
}
STATE_MEANING = {
    "vacant clean": "free and ready to sell",
    "occupied": "a guest tonight",
    "dirty": "waiting for housekeeping",
    "held in reserve": "kept unsold by reception, to move angry guests",
    "known defect": "defect reported: a work order waits for maintenance",
    "out of order": "a reported defect that grew serious",
}
HIDDEN_DEFECT = "#c026d3"  # x-ray marker: a defect nobody has found yet
STAFF_MARKS = {"housekeeper": ("H", "#ffffff", "#14532d"), "technician": ("T", "#111827",
                                                                         "#ffffff")}
CELL, GAP, LABEL = 46, 4, 62  # room width, gap, width of the floor labels (SVG units)
ROW = 36


def room_occupants(model) -> dict[int, list[tuple[str, str]]]:
    """Room number -> [(role, name)] of the staff working in it now."""
    where = defaultdict(list)
    for housekeeper in model.housekeepers:
        room = housekeeper.location(model.time)
        if room is not None:
            where[room].append(("housekeeper", housekeeper.name))
    for technician in model.technicians:
        if isinstance(technician.job, int):
            where[technician.job].append(("technician", technician.name))
    return where


def floor_plan_svg(model, xray: bool = False) -> str:
    """The floor plan of `model` as SVG: top floor at the top, like the building."""
    rooms = model.rooms
    floors = max(room.floor for room in rooms) + 1
    per_floor = max(room.position for room in rooms) + 1
    width = LABEL + per_floor * (CELL + GAP)
    height = floors * (ROW + GAP)
    occupants = room_occupants(model)
    show_numbers = per_floor <= 40
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'style="width:100%;max-height:{max(220, floors * 44)}px" '
             'font-family="DejaVu Sans, Arial, sans-serif" role="img" '
             'aria-label="hotel floor plan">']
    for floor in range(floors):
        y = (floors - 1 - floor) * (ROW + GAP)
        parts.append(f'<text x="4" y="{y + ROW / 2 + 5}" font-size="13" fill="#374151">'
                     f'Floor {floor + 1}</text>')
    for room in rooms:
        state = room.state()
        fill, ink = STATE_COLOURS[state]
        x = LABEL + room.position * (CELL + GAP)
        y = (floors - 1 - room.floor) * (ROW + GAP)
        hidden = len(room.latent_defects()) if xray else 0
        staff = occupants.get(room.number, [])
        tip = f"Room {room.number}: {state}"
        if hidden:
            tip += f"; {hidden} hidden defect{'s' if hidden > 1 else ''}"
        tip += "".join(f"; {name} working here" for _, name in staff)
        parts.append(f'<g><title>{escape(tip)}</title>'
                     f'<rect x="{x}" y="{y}" width="{CELL}" height="{ROW}" rx="4" '
                     f'fill="{fill}" stroke="#ffffff"/>')
        if show_numbers:
            parts.append(f'<text x="{x + 4}" y="{y + 13}" font-size="11" fill="{ink}">'
                         f'{room.number}</text>')
        if hidden:
            parts.append(f'<rect x="{x + 1.5}" y="{y + 1.5}" width="{CELL - 3}" '
                         f'height="{ROW - 3}" rx="4" fill="none" stroke="{HIDDEN_DEFECT}" '
                         f'stroke-width="3" stroke-dasharray="5 3"/>'
                         f'<text x="{x + 5}" y="{y + ROW - 5}" font-size="13" '
                         f'font-weight="bold" fill="{HIDDEN_DEFECT}">!</text>')
        for i, (role, _) in enumerate(staff):
            letter, fg, bg = STAFF_MARKS[role]
            cx, cy = x + CELL - 9 - 15 * i, y + ROW - 10
            parts.append(f'<circle cx="{cx}" cy="{cy}" r="8" fill="{bg}" stroke="#111827"/>'
                         f'<text x="{cx}" y="{cy + 4}" font-size="11" font-weight="bold" '
                         f'text-anchor="middle" fill="{fg}">{letter}</text>')
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def staff_summary(model) -> list[str]:
    """Where the people are who are not in a room: desk, workshop, home."""
    today = model.today()
    # a small roster has some on a double shift: name each once
    desk = ", ".join(dict.fromkeys(r.name for r in model.front_desk.on_duty()))
    planned = sum(t.job == "planned work" for t in model.technicians)
    in_rooms = sum(isinstance(t.job, int) for t in model.technicians)
    if in_rooms or planned:
        maintenance = f"{in_rooms} repairing in rooms (T), {planned} on planned work"
    elif today["evening_cover"]:
        maintenance = "off shift, one technician on call tonight"
    else:
        maintenance = "gone home: nobody can repair anything until morning"
    cleaning = sum(h.location(model.time) is not None for h in model.housekeepers)
    return [
        f"Front desk: {desk}",
        f"Housekeeping: {cleaning} cleaning (H)" if cleaning else "Housekeeping: off shift",
        f"Maintenance: {maintenance}; {today['work_orders_waiting']} work orders waiting",
    ]


def legend_html(counts: Counter, xray: bool) -> str:
    """Colour swatches with the number of rooms in each state (hover: what it means).

    One HTML string, so that the counts always change together with the plan.
    """
    items = [f'<span title="{escape(STATE_MEANING[state])}" style="white-space:nowrap">'
             f'<span style="display:inline-block;width:14px;height:14px;border-radius:3px;'
             f'background:{STATE_COLOURS[state][0]};vertical-align:middle;'
             f'border:1px solid #9ca3af"></span> {state}: <b>{counts.get(state, 0)}</b></span>'
             for state in ROOM_STATES]
    if xray:
        items.append(f'<span style="color:{HIDDEN_DEFECT};font-weight:bold">! dashed: hidden '
                     'defect nobody has found yet</span>')
    return ('<div style="display:flex;flex-wrap:wrap;gap:4px 14px;font-size:13px">'
            + "".join(items) + "</div>")


@solara.component
def FloorPlan(simulation: Simulation, frame: int, index: int = 0, compact: bool = False):
    """The floor plan of hotel `index` of `simulation`, with an x-ray switch and a legend.

    `frame` is the simulation's version: the parent passes it so that the plan redraws.
    """
    xray, set_xray = solara.use_state(False)
    with simulation.lock:
        model = simulation.models[index]
        svg = floor_plan_svg(model, xray)
        counts = Counter(room.state() for room in model.rooms)
        summary = staff_summary(model)
    with solara.Column(gap="4px"):
        with solara.Row(style="align-items: center"):
            solara.Checkbox(label="X-ray: show hidden defects", value=xray, on_value=set_xray)
        solara.HTML(tag="div", unsafe_innerHTML=svg, classes=["interlodge-floor-plan"])
        solara.HTML(tag="div", unsafe_innerHTML=legend_html(counts, xray))
        if not compact:
            solara.HTML(tag="div", unsafe_innerHTML="<br>".join(escape(s) for s in summary),
                        style="font-size: 13px; color: #374151")
