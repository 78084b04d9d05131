"""The hotel floor plan: every room by its state (colour, glyph, stripes), the staff where
they are, a legend.

Drawn as one HTML string in one element: a thousand rooms redraw several times a second for
the price of a single widget update. Rooms are boxes that wrap on a narrow screen and can be
focused from the keyboard, showing their details. `floor_plan_svg` draws the same plan as one
SVG picture (the workshop's projector view).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from html import escape

import solara

from model import ROOM_STATES

from .hotel_state import Simulation

# Colours told apart under the common colour-vision deficiencies (light, dark and mid tones
# and blue/orange hues, after Okabe and Ito), each state also with a glyph and dirty and
# known defect with stripes: no state is told by colour alone. Room numbers on their fill
# are at 4.5:1 or better (tests/test_app_accessibility.py).
STATE_COLOURS = {  # fill, text
    "vacant clean": ("#e6f2e6", "#173d17"),
    "occupied": ("#1f4e96", "#ffffff"),
    "dirty": ("#c9b48a", "#2b2417"),
    "held in reserve": ("#f5d442", "#2e2500"),
    "known defect": ("#e08a1e", "#1f1300"),
    "out of order": ("#7a1010", "#ffffff"),
}
STATE_GLYPHS = {"vacant clean": "\u2713", "occupied": "\u25cf", "dirty": "\u2248",
                "held in reserve": "R", "known defect": "\u26a0", "out of order": "\u2715"}
STRIPED = {"dirty", "known defect"}
STATE_MEANING = {
    "vacant clean": "free and ready to sell",
    "occupied": "a guest tonight",
    "dirty": "waiting for housekeeping",
    "held in reserve": "kept unsold by reception, to move angry guests",
    "known defect": "defect reported: a work order waits for maintenance",
    "out of order": "a reported defect that grew serious",
}
HIDDEN_DEFECT = "#a21caf"  # x-ray marker: a defect nobody has found yet (dashed, with '?')
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


def room_tip(room, state: str, hidden: int, staff: list[tuple[str, str]]) -> str:
    """'Room 305: occupied; 1 hidden defect; Housekeeper 9 working here'."""
    tip = f"Room {room.number}: {state}"
    if hidden:
        tip += f"; {hidden} hidden defect{'s' if hidden > 1 else ''}"
    return tip + "".join(f"; {name} working here" for _, name in staff)


def floor_plan_html(model, xray: bool = False) -> str:
    """The floor plan of `model` as HTML, top floor first like the building: a room is a
    focusable box (number, state glyph, staff H/T) whose details show on hover and on focus;
    a floor's rooms wrap onto more lines on a narrow screen."""
    occupants = room_occupants(model)
    floors: dict[int, list[str]] = defaultdict(list)
    for room in model.rooms:
        state = room.state()
        hidden = len(room.latent_defects()) if xray else 0
        staff = occupants.get(room.number, [])
        classes = f"il-room il-{state.replace(' ', '-')}" + (" il-hidden" if hidden else "")
        marks = "".join(f'<span class="il-staff il-{role}">{STAFF_MARKS[role][0]}</span>'
                        for role, _ in staff)
        tip = escape(room_tip(room, state, hidden, staff))
        floors[room.floor].append(
            f'<div class="{classes}" tabindex="0" role="img" aria-label="{tip}" '
            f'data-tip="{tip}"><span class="il-number">{room.number}</span>'
            f'<span class="il-glyph" aria-hidden="true">{STATE_GLYPHS[state]}'
            f'{"?" if hidden else ""}</span>{marks}</div>')
    rows = "".join(f'<div class="il-floor"><div class="il-floor-label">Floor {floor + 1}</div>'
                   f'<div class="il-rooms">{"".join(floors[floor])}</div></div>'
                   for floor in sorted(floors, reverse=True))
    size = "il-plan-large" if max(len(r) for r in floors.values()) > 25 else ""
    return f'<div class="il-plan {size}" aria-label="hotel floor plan">{rows}</div>'


def plan_css() -> str:
    """The plan's style: state colours, glyphs, stripes, focus ring and details on focus."""
    states = "".join(
        f".il-{state.replace(' ', '-')}{{background:{fill};color:{ink}}}"
        for state, (fill, ink) in STATE_COLOURS.items())
    stripes = "".join(
        f".il-{state.replace(' ', '-')}{{background-image:repeating-linear-gradient(135deg,"
        f"transparent 0 6px,rgba(0,0,0,.16) 6px 8px)}}" for state in STRIPED)
    return (
        ".il-plan{font-family:'DejaVu Sans',Arial,sans-serif}"
        ".il-floor{display:flex;align-items:flex-start;gap:6px;margin-bottom:3px}"
        ".il-floor-label{flex:0 0 50px;font-size:12px;color:#374151;padding-top:7px}"
        ".il-rooms{display:flex;flex-wrap:wrap;gap:3px;flex:1 1 auto;min-width:0}"
        ".il-room{position:relative;width:38px;height:30px;border-radius:4px;font-size:11px;"
        "line-height:1;box-sizing:border-box;padding:2px 3px;outline:none}"
        ".il-plan-large .il-room{width:30px;height:26px;font-size:9px}"
        ".il-number{display:block}"
        ".il-glyph{position:absolute;left:3px;bottom:2px;font-size:12px;font-weight:bold}"
        ".il-staff{position:absolute;right:2px;bottom:2px;width:14px;height:14px;"
        "border-radius:7px;font-size:10px;font-weight:bold;text-align:center;line-height:14px;"
        "border:1px solid #111827}"
        ".il-housekeeper{background:#14532d;color:#fff}.il-technician{background:#fff;"
        "color:#111827;right:17px}"
        f".il-hidden{{outline:3px dashed {HIDDEN_DEFECT};outline-offset:-3px}}"
        ".il-xray{margin:0;padding:0}.il-xray .v-input{margin:0;padding:0}"
        ".il-xray .v-input__slot{margin:0}"
        ".il-xray .v-messages{display:none}"
        ".il-room:focus,.il-room:hover{box-shadow:0 0 0 3px #111827;z-index:2}"
        ".il-room:focus::after,.il-room:hover::after{content:attr(data-tip);position:absolute;"
        "left:0;top:100%;margin-top:4px;background:#111827;color:#fff;font-size:12px;"
        "padding:3px 6px;border-radius:3px;white-space:nowrap;z-index:3}"
        + states + stripes
        + "@media (max-width:600px){.il-floor{flex-direction:column;gap:0}"
          ".il-floor-label{padding-top:0;flex-basis:auto}}")


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
        tip = room_tip(room, state, hidden, staff)
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
             f'<span class="il-{state.replace(" ", "-")}" style="display:inline-block;'
             'width:18px;height:16px;border-radius:3px;vertical-align:middle;text-align:center;'
             f'font-size:12px;font-weight:bold;border:1px solid #6b7280">{STATE_GLYPHS[state]}'
             f'</span> {state}: <b>{counts.get(state, 0)}</b></span>' for state in ROOM_STATES]
    if xray:
        items.append(f'<span style="color:{HIDDEN_DEFECT};font-weight:bold">? dashed: hidden '
                     'defect nobody has found yet</span>')
    items.append('<span style="white-space:nowrap"><b>H</b> housekeeper cleaning, <b>T</b> '
                 'technician repairing</span>')
    return ('<div style="display:flex;flex-wrap:wrap;gap:2px 12px;font-size:12px">'
            + "".join(items) + "</div>")


PLAN_CSS = plan_css()


@solara.component
def FloorPlan(simulation: Simulation, frame: int, index: int = 0, compact: bool = False):
    """The floor plan of hotel `index` of `simulation`, with an x-ray switch and a legend.

    `frame` is the simulation's version: the parent passes it so that the plan redraws.
    """
    xray, set_xray = solara.use_state(False)
    with simulation.lock:
        model = simulation.models[index]
        plan = floor_plan_html(model, xray)
        counts = Counter(room.state() for room in model.rooms)
        summary = staff_summary(model)
    solara.Style(PLAN_CSS)
    with solara.Column(gap="2px"):
        solara.HTML(tag="div", unsafe_innerHTML=plan, classes=["interlodge-floor-plan"])
        with solara.Row(style="align-items: center; flex-wrap: wrap", gap="12px"):
            solara.HTML(tag="div", unsafe_innerHTML=legend_html(counts, xray))
            with solara.Div(classes=["il-xray"]):
                solara.Checkbox(label="X-ray: show hidden defects", value=xray,
                                on_value=set_xray)
        if not compact:
            solara.HTML(tag="div", unsafe_innerHTML=" \u00b7 ".join(escape(s) for s in summary),
                        style="font-size: 13px; color: #374151")
