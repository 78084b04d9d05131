"""The inspector (rule 1, "understand what your people do"): any staff member's goals,
resources and constraints now, and their recent decisions with the reason for each."""

from __future__ import annotations

from html import escape

import solara

from .hotel_state import Simulation

MAX_DECISIONS = 15  # the newest; enough to see a pattern without scrolling a projector


def staff_choices(model) -> dict[str, object]:
    """Label -> staff member, with where each one is now, e.g. 'Housekeeper 8 (room 305)'."""
    desk = set(map(id, model.front_desk.on_duty()))
    choices = {}
    for member in model.staff():
        where = ""
        if member.role == "housekeeper":
            room = member.location(model.time)
            where = f" (cleaning room {room})" if room is not None else ""
        elif member.role == "technician" and member.job is not None:
            where = f" ({'room ' if isinstance(member.job, int) else ''}{member.job})"
        elif member.role == "receptionist" and id(member) in desk:
            where = " (at the desk)"
        elif member.role == "manager":
            where = f" ({member.function})"
        choices[f"{member.name}{where}"] = member
    return choices


def bullet_list(items: list[str]) -> str:
    return "<ul style='margin:0;padding-left:18px'>" + "".join(
        f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def decisions_table(decisions: list[dict]) -> str:
    rows = "".join(
        f"<tr><td style='white-space:nowrap'>{escape(d['when'])}</td>"
        f"<td style='white-space:nowrap'><b>{escape(d['action'])}</b></td>"
        f"<td>{escape(d['reason'])}</td></tr>" for d in decisions[:MAX_DECISIONS])
    return ("<table class='interlodge-decisions' style='font-size:13px;border-spacing:12px 2px;"
            "margin-left:-12px'>"
            "<tr style='text-align:left'><th>when</th><th>decision</th><th>why</th></tr>"
            f"{rows}</table>")


@solara.component
def Inspector(simulation: Simulation):
    """Choose a staff member; see their work context and decisions, live."""
    simulation.version.value  # noqa: B018 - subscribe: the context changes as the hotel runs
    chosen, set_chosen = solara.use_state(None)  # unique_id of the chosen member
    with simulation.lock:
        choices = staff_choices(simulation.model)
        by_id = {member.unique_id: label for label, member in choices.items()}
        unique_id = chosen if chosen in by_id else simulation.model.housekeepers[0].unique_id
        context = choices[by_id[unique_id]].work_context()
    solara.Markdown("People act rationally given their **goals**, **resources** and "
                    "**constraints**. Change the context, not the speech, and behaviour "
                    "changes.")
    solara.Select("Staff member", values=list(choices), value=by_id[unique_id],
                  on_value=lambda label: set_chosen(choices[label].unique_id))
    with solara.Columns([1, 1, 1]):
        for part in ("goals", "resources", "constraints"):
            with solara.Card(part.capitalize(), margin=0):
                solara.HTML(tag="div", unsafe_innerHTML=bullet_list(context[part]))
    with solara.Card(f"Recent decisions of {context['name']} (newest first)", margin=0):
        if context["decisions"]:
            solara.HTML(tag="div", unsafe_innerHTML=decisions_table(context["decisions"]))
        else:
            solara.Text("No decisions yet.")
