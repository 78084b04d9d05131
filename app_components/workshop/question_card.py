"""A decision as the person in the seat sees it: the question, the agent's goals, resources
and constraints now, the options with what each costs the seat, and the countdown."""

from __future__ import annotations

from html import escape

import solara

from .questions import Question
from .room import Room
from .seating import SeatingError

QUESTIONS = {
    "complaint": "A guest is at the desk about a defect in room {room}. How do you handle it?",
    "complaint after a failed call": "You called maintenance for room {room}; nobody came. "
                                     "The guest is still at the desk. What now?",
    "reserve": "Evening: how many free rooms do you hold back from late arrivals tonight, "
               "to move guests who complain?",
    "late arrival": "A late arrival wants a room. Sell it, or turn them away?",
    "discount": "A late arrival asks for a discount.",
    "shift": "Your shift: tick the rooms whose equipment you will check, and say whether you "
             "report the defects you find.",
    "work order": "The work order for room {room} is waiting. Repair it now, or planned work "
                  "first?",
    "call": "Reception calls: a guest in room {room} has a defect.",
    "quota slack": "How many rooms do you take off each housekeeper's quota today, so that "
                   "checks and reports fit in a shift?",
    "evening cover": "Maintenance goes home at 17:00. Do you arrange cover for this evening?",
    "housekeeping roster": "How many housekeepers do you roster today for the rooms to clean?",
    "desk roster": "How many receptionists do you roster for tonight's evening shift, when "
                   "arrivals check in?",
}
UNITS = {"EUR": "EUR-equivalent for you", "min": "min of your shift"}
MANY_OPTIONS = 8  # beyond this, a slider instead of a button per option


def question_text(question: Question) -> str:
    template = QUESTIONS.get(question.situation.kind, question.situation.kind)
    return template.format(room=question.situation.subject)


def cost_label(option, cost: float, unit: str) -> str:
    if isinstance(option, float):
        option = f"{option:.1f} rooms"
    unit = UNITS.get(unit, unit)
    return f"{option}: costs {cost:.0f} {unit}" if cost >= 0 else \
        f"{option}: worth {-cost:.0f} {unit}"


def countdown_html(seconds: float, question_id: int, posted_at: float) -> str:
    """A bar that empties in `seconds` (pure CSS: no script on the page); the question's id
    and the server time it was asked at are in data attributes (for the benchmark)."""
    name = f"countdown{question_id}"
    return (f"<div data-question='{question_id}' data-posted='{posted_at:.3f}'></div>"
            f"<style>@keyframes {name} {{ from {{ width: 100% }} to {{ width: 0% }} }}</style>"
            f"<div style='background:#e5e7eb;height:8px;border-radius:4px' "
            f"aria-label='time left to answer'><div style='background:#d97706;height:8px;"
            f"border-radius:4px;animation:{name} {seconds:.0f}s linear forwards'></div></div>"
            f"<div style='font-size:12px;color:#6b7280'>Answer within {seconds:.0f} s, or the "
            f"agent's own rule decides for you (the countdown stops while the instructor "
            f"pauses).</div>")


def context_html(context: dict) -> str:
    parts = []
    for key, title in (("goals", "Your goals"), ("resources", "Your resources"),
                       ("constraints", "Your constraints now")):
        items = "".join(f"<li>{escape(line)}</li>" for line in context.get(key, []))
        parts.append(f"<div><b>{title}</b><ul style='margin:2px 0 6px 18px;padding:0'>"
                     f"{items}</ul></div>")
    return "<div class='work-context' style='font-size:14px'>" + "".join(parts) + "</div>"


@solara.component
def QuestionCard(room: Room, token: str, question: Question):
    error = solara.use_reactive("")
    sent = solara.use_reactive(None)

    def send(answer):
        try:
            room.answer(token, question.id, answer)
            sent.set(answer)
        except SeatingError as problem:
            error.set(str(problem))

    situation = question.situation
    solara.Style(".workshop-question .v-card__title { word-break: normal }")
    with solara.Card(question_text(question), subtitle=f"{question.seat}, {question.hotel_time}",
                     margin=0, classes=["workshop-question"]):
        solara.HTML(tag="div", unsafe_innerHTML=countdown_html(
            question.timeout, question.id, question.posted_at))
        if error.value:
            solara.Error(error.value, dense=True)
        if sent.value is not None:
            solara.Success("Sent. The hotel goes on.", dense=True)
        elif situation.kind == "shift":
            ShiftPlan(question, send)
        elif len(situation.options) > MANY_OPTIONS:
            NumberChoice(question, send)
        else:
            with solara.Column(gap="6px"):
                for option, cost in situation.options.items():
                    solara.Button(cost_label(option, cost, situation.unit),
                                  on_click=lambda option=option: send(option),
                                  color="primary", outlined=True,
                                  classes=["workshop-option"], style="text-transform:none;"
                                  "height:auto;min-height:40px;white-space:normal")
        solara.HTML(tag="div", unsafe_innerHTML=context_html(question.context))


@solara.component
def ShiftPlan(question: Question, send):
    """A shift's rooms on one screen: a check box per room, and one for reporting."""
    rooms = question.situation.options
    checks = solara.use_reactive(frozenset())
    report = solara.use_reactive(True)

    def toggle(number, on):
        checks.set(checks.value | {number} if on else checks.value - {number})

    with solara.Row(gap="4px", style="flex-wrap:wrap"):
        for number, minutes in rooms.items():
            solara.Checkbox(label=f"room {number} ({minutes:.0f} min)",
                            value=number in checks.value,
                            on_value=lambda on, number=number: toggle(number, on))
    solara.Checkbox(label="report the defects I find (each report costs minutes too)",
                    value=report)
    solara.Button(f"Start the shift: check {len(checks.value)} of {len(rooms)} rooms",
                  on_click=lambda: send((sorted(checks.value), report.value)),
                  color="primary", classes=["workshop-send-plan"])


@solara.component
def NumberChoice(question: Question, send):
    """Many numeric options (rooms to hold back): a slider and a button."""
    options = list(question.situation.options)
    index = solara.use_reactive(0)  # not the agent's choice: people would anchor on it
    chosen = options[index.value]
    solara.SliderInt("rooms", value=index, min=0, max=len(options) - 1)
    solara.Button(cost_label(chosen, question.situation.options[chosen], question.situation.unit),
                  on_click=lambda: send(chosen), color="primary",
                  classes=["workshop-option"], style="text-transform:none")
