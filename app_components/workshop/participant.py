"""The participant's page: join with a name, take a seat, then live the seat's work context:
its questions, what was decided for you, the evaluations that come back, the round."""

from __future__ import annotations

import solara

from .decisions import BY_RULE
from .feedback import feedback_of
from .links import room_path
from .question_card import QuestionCard, context_html
from .room import AWAY_AFTER, Room
from .seating import MAX_NAME, SeatingError
from .watch import use_room_changes

RECENT = 5  # of the seat's own decisions shown


@solara.component
def ParticipantPage(room: Room, token: str | None):
    router = solara.use_router()
    person = room.participant(token) if token else None
    if person is None:
        JoinForm(room, on_joined=lambda new: router.push(room_path(room.code, me=new)))
    else:
        Seated(room, person.token)


@solara.component
def Seated(room: Room, token: str):
    person = room.participant(token)
    # children take the version as an argument: an unchanged element is not re-rendered
    version = use_room_changes(room, ("public", ("seat", person.seat if person else None)))
    person = room.participant(token)
    if person is None or room.closed:  # the room closed meanwhile
        solara.Info("This room has closed.")
        return
    solara.Title(f"InterLodge workshop {room.code}: {person.name}")
    RoundBanner(room, version)
    if person.seat is None:
        SeatPicker(room, person.token, version)
    else:
        SeatView(room, person.token, person.seat, version)


@solara.component
def JoinForm(room: Room, on_joined):
    name = solara.use_reactive("")
    error = solara.use_reactive("")

    def join():
        try:
            on_joined(room.join(name.value))
        except SeatingError as problem:
            error.set(str(problem))

    with solara.Card(f"Join workshop room {room.code}", margin=0, style="max-width:480px"):
        solara.Markdown("You will take the seat of one of the hotel's staff and make their "
                        "decisions. Choose a name the group will see.")
        solara.InputText(f"Your name (at most {MAX_NAME} characters)", value=name,
                         continuous_update=True)
        if error.value:
            solara.Error(error.value, dense=True)
        solara.Button("Join", on_click=join, color="primary", classes=["workshop-join"],
                      disabled=not name.value.strip())


@solara.component
def RoundBanner(room: Room, version: tuple):
    round_ = room.round
    if room.ended:
        solara.Info("The workshop has ended. Thank you! The instructor shows the debrief.")
        return
    with solara.Card(round_.title, margin=0, classes=["workshop-round"]):
        solara.Markdown(f"**{round_.announcement}**")
        # always a line, whose words change: a line that came and went when the instructor
        # played moved the question's options under a participant's finger as they tapped
        if room.round_over:
            solara.Info("This round is over: the instructor leads the debrief.", dense=True)
        else:
            solara.Info("The hotel is playing." if room.playing else "The hotel is paused.",
                        dense=True)


@solara.component
def SeatPicker(room: Room, token: str, version: tuple):
    error = solara.use_reactive("")
    with room.lock:
        taken = {p.seat for p in room.participants.values()}
    # managers rotate under the rotation lever: name the function they run now
    functions = room.read(lambda model: {m.unique_id: m.function
                                         for m in model.managers.values()}) if room.model else {}

    def take(member_id):
        try:
            room.take_seat(token, member_id)
        except SeatingError as problem:
            error.set(str(problem))

    with solara.Card("Take a seat", margin=0):
        if error.value:
            solara.Error(error.value, dense=True)
        solara.Button("Give me any free seat", on_click=lambda: take(None), color="primary",
                      classes=["workshop-any-seat"])
        with solara.Row(gap="6px", style="flex-wrap:wrap;margin-top:8px"):
            for seat in room.seats:
                function = functions.get(seat.member_id)
                solara.Button(seat.label + (f" ({function})" if function else ""),
                              on_click=lambda s=seat.member_id: take(s),
                              disabled=seat.member_id in taken, outlined=True,
                              classes=["workshop-seat"], style="text-transform:none")


@solara.component
def SeatView(room: Room, token: str, member_id: int, version: tuple):
    question = room.questions.get(member_id)
    person = room.participant(token)
    mine = [r for r in room.records if r.participant == person.name
            and r.round == room.round.number][-RECENT:]
    solara.Markdown(f"## You are {room.seat_label(member_id)}")
    if person.missed >= AWAY_AFTER:
        with solara.Card(margin=0):
            solara.Warning(f"You missed {person.missed} decisions: the agent's own rule plays "
                           "your seat without waiting for you.", dense=True)
            solara.Button("I'm back", on_click=lambda: room.back(token), color="primary")
    if question is not None:
        QuestionCard(room, token, question).key(f"question-{question.id}")
    else:
        solara.Info("Nothing to decide right now: the hotel plays on.", dense=True)
    for record in reversed(mine):
        room_text = f" (room {record.room})" if record.room is not None else ""
        if record.decided_by == BY_RULE:
            solara.Warning(f"Decided for you: {record.choice}{room_text}, {record.kind}, "
                           f"{record.hotel_time}. You did not answer in time.", dense=True,
                           classes=["decided-for-you"])
    yours = [r for r in mine if r.decided_by != BY_RULE]
    if yours:
        solara.Markdown("Your last decisions: " + "; ".join(
            f"{r.kind} {r.hotel_time}: **{r.choice}**" for r in reversed(yours)))
    Evaluation(room, member_id)


@solara.component
def Evaluation(room: Room, member_id: int):
    """The seat's evaluation and its colleagues', and its work context now."""
    # its own follower: evaluations come at day ends, no need to redraw every hour
    use_room_changes(room, ("day", "public"))
    if room.model is None:
        return
    feedback = room.read(lambda model: feedback_of(model, member_id))
    context = room.read(lambda model: next(m for m in model.staff()
                                           if m.unique_id == member_id).work_context())
    with solara.Card("Your evaluation", margin=0, classes=["workshop-feedback"]):
        if feedback.evaluation:
            solara.Markdown(f"**{feedback.evaluation}**")
            for lesson in feedback.lessons:
                solara.Markdown(f"- {lesson}")
            scored = [f"{name}: {score:.2f}" for name, score in feedback.colleagues
                      if score is not None]
            if scored:
                solara.Markdown("Your colleagues' scores: " + ", ".join(scored))
        else:
            solara.Markdown("No score yet. Housekeepers and technicians are evaluated every "
                            f"{room.parameters['evaluation_period_days']} days; receptionists "
                            "and managers are not scored, what counts for them is in their "
                            "goals.")
    with solara.Card("Your work context now", margin=0):
        solara.HTML(tag="div", unsafe_innerHTML=context_html(context))
