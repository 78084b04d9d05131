"""The inspector (rule 1, "understand what your people do"): any staff member's post and
shift, goals, resources and constraints now, and their recent decisions with the reason for
each, in words a workshop participant knows."""

from __future__ import annotations

import re
from html import escape

import solara

from .hotel_state import Simulation
from .staff_posts import staff_by_post

MAX_DECISIONS = 15  # the newest; enough to see a pattern without scrolling a projector
PLAIN_ACTIONS = {  # the model's names for decisions -> what a participant would say
    "deflect": "tell the guest it is not my department",
    "move": "move the guest to another room",
    "rebate": "give the guest money back",
    "call": "call maintenance",
    "hold rooms in reserve": "keep rooms unsold for moves",
    "skip check": "clean without checking the equipment",
    "check equipment": "check the room's equipment",
    "leave defect unreported": "see a defect, not report it",
    "report defect": "report a defect to maintenance",
    "planned work first": "stay on planned work",
    "finish planned work": "finish planned work first",
    "no evening cover": "nobody from maintenance on call tonight",
    "evening cover": "a technician on call tonight",
    "grant quota slack": "give housekeepers time for checks",
}
PLAIN_WORDS = {"deflect": "'not my department'"}  # model terms inside the reasons
ROOM = re.compile(r"\broom (\d+)")


def plain(text: str, words: dict[str, str]) -> str:
    for term, said in words.items():
        text = re.sub(rf"\b{re.escape(term)}\b", said, text)
    return text


def one_per_situation(decisions: list[dict]) -> list[dict]:
    """Newest first, one decision per situation: when the same person decided about the same
    room more than once in one hour (first 'planned work first, room 213 can wait', then
    'repair room 213'), only the last, what was done in the end, is kept."""
    seen, kept = set(), []
    for decision in decisions:
        room = ROOM.search(f"{decision['action']} {decision['reason']}")
        key = (decision["when"][:-3], room.group(1)) if room else None  # same hour, same room
        if key is None or key not in seen:
            kept.append(decision)
        if key is not None:
            seen.add(key)
    return kept


def bullet_list(items: list[str]) -> str:
    return "<ul style='margin:0;padding-left:18px'>" + "".join(
        f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def decisions_table(decisions: list[dict]) -> str:
    shown = one_per_situation(decisions)[:MAX_DECISIONS]
    rows = "".join(
        f"<tr><td style='white-space:nowrap'>{escape(d['when'])}</td>"
        f"<td><b>{escape(PLAIN_ACTIONS.get(d['action'], d['action']))}</b></td>"
        f"<td>{escape(plain(d['reason'], PLAIN_WORDS))}</td></tr>" for d in shown)
    return ("<table class='interlodge-decisions' style='font-size:13px;border-spacing:12px 2px;"
            "margin-left:-12px'>"
            "<tr style='text-align:left'><th>when</th><th>decision</th><th>why</th></tr>"
            f"{rows}</table>")


@solara.component
def Inspector(simulation: Simulation):
    """Choose a staff member (by post and shift); see their work context and decisions."""
    simulation.version.value  # noqa: B018 - subscribe: the context changes as the hotel runs
    chosen, set_chosen = solara.use_state(None)  # unique_id of the chosen member
    with simulation.lock:
        choices = staff_by_post(simulation.model)
        by_id = {member.unique_id: label for label, member in choices.items()}
        unique_id = chosen if chosen in by_id else simulation.model.housekeepers[0].unique_id
        context = choices[by_id[unique_id]].work_context()
    solara.Markdown("People act rationally given their **goals**, **resources** and "
                    "**constraints**. Change the context, not the speech, and behaviour "
                    "changes.")
    solara.Select("Staff member (post and shift today)", values=list(choices),
                  value=by_id[unique_id],
                  on_value=lambda label: set_chosen(choices[label].unique_id))
    solara.HTML(tag="div", classes=["interlodge-post"], unsafe_innerHTML=escape(
        by_id[unique_id]), style="font-size: 18px; font-weight: 600; margin: 4px 0 8px")
    # three cards side by side, stacked on a phone (three columns of a phone cut the words)
    with solara.Div(style="display: grid; gap: 12px; "
                          "grid-template-columns: repeat(auto-fit, minmax(240px, 1fr))"):
        for part in ("goals", "resources", "constraints"):
            with solara.Card(part.capitalize(), margin=0):
                solara.HTML(tag="div", unsafe_innerHTML=bullet_list(context[part]))
    with solara.Card(f"Recent decisions of {context['name']} (newest first)", margin=0):
        if context["decisions"]:
            solara.HTML(tag="div", unsafe_innerHTML=decisions_table(context["decisions"]))
        else:
            solara.Text("No decisions yet.")
