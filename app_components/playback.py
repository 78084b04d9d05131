"""Play, pause, step, reset and speed for a simulation (the main hotel or the comparison)."""

from __future__ import annotations

import logging
import threading
import time
from html import escape

import solara

from .evening_replay import REPLAY_SPEED
from .hotel_state import Simulation
from .session_limits import STEP_BUDGET_SECONDS, fastest_speed

logger = logging.getLogger(__name__)

FRAME_SECONDS = 0.2  # the page redraws about five times a second while playing...
FRAME_ROOMS = 200  # ...up to this many rooms; bigger plans redraw less often (a 1000-room
# plan is 5000 SVG elements: redrawn five times a second it kept a laptop's browser so busy
# that a click on Pause took seconds to arrive)
MAX_CATCH_UP_SECONDS = 1.0  # after a slow frame, step at most this much simulated time at once
SPEEDS = {  # simulated hours per second -> label
    REPLAY_SPEED: "1 hour every 2.5 s",
    6: "6 hours/s",
    24: "1 day/s",
    72: "3 days/s",
    168: "1 week/s",
    720: "1 month/s",
}
SPEED_OF = {label: hours for hours, label in SPEEDS.items()}
PLAY_COLOUR, PAUSE_COLOUR = "#1b5e20", "#8a4b00"


def play(simulation: Simulation, stop: threading.Event) -> None:
    """Advance `simulation` at its speed until `stop` is set or nobody watches any more.

    The hours owed are counted from the clock, not from frames: when drawing is slow (many
    sessions at once) frames come less often but the hotel keeps its simulated speed. A batch
    of steps stops after STEP_BUDGET_SECONDS; hours it could not step are dropped (a big
    hotel plays slower than asked rather than fall behind and stop answering).
    """
    last = time.perf_counter()
    owed = 0.0
    frame = FRAME_SECONDS * max(1.0, simulation.rooms() / FRAME_ROOMS)
    # the playing switch too: a thread started by a render that raced with the switch being
    # turned off (the loop below turns it off at a lesson's stop day) must not play on
    while not stop.is_set() and simulation.playing.value:
        absent = simulation.presence.absent_reason()
        if absent:
            simulation.message.value = f"Paused: {absent}."
            simulation.playing.value = False
            return
        now = time.perf_counter()
        speed = min(simulation.speed.value, fastest_speed(simulation.rooms(), SPEEDS))
        owed += speed * min(now - last, MAX_CATCH_UP_SECONDS)
        last = now
        hours = int(owed)
        left = simulation.hours_to_stop()
        if left == 0:
            simulation.stop_at = None
            simulation.message.value = (f"Stopped at day {simulation.model.day}, where "
                                        f"{simulation.stop_note}.")
            simulation.playing.value = False
            return
        if left is not None:
            hours = min(hours, left)
        if hours:
            try:
                done = simulation.advance(hours, budget=STEP_BUDGET_SECONDS, stop=stop)
            except Exception as error:  # a bug in the model: say so on the page, stop playing
                logger.exception("simulation failed while playing")
                simulation.message.value = f"The simulation stopped: {error}"
                simulation.playing.value = False
                return
            owed = 0.0 if done < hours else owed - hours
        stop.wait(max(0.0, frame - (time.perf_counter() - now)))


@solara.component
def Playback(simulation: Simulation, reset_label: str = "Reset"):
    """Buttons Play/Pause, Step (one hour), Reset (apply the settings) and a speed choice.

    The play loop runs in a thread owned by this component: the hotel pauses while the
    component is off the page (e.g. another tab is open) and plays on when it is back.
    """
    playing = simulation.playing.value
    solara.use_thread(
        lambda stop: play(simulation, stop) if playing else None,
        dependencies=[playing, simulation], intrusive_cancel=False)
    pending = simulation.has_pending_changes()
    bad_input = simulation.input_error.value is not None
    warming = simulation.warming.value  # a reset is building the new hotel: wait for it
    rooms = simulation.rooms()
    fastest = fastest_speed(rooms, SPEEDS)

    def step():
        simulation.advance(1)

    with solara.Column(gap="6px"):
        with solara.Row(gap="4px", classes=["il-playback"]):
            # dark fills: white text on them reads at 4.5:1 or better (Vuetify's success
            # green and warning orange gave 2.8:1 and less)
            if playing:
                solara.Button("Pause", icon_name="mdi-pause", color=PAUSE_COLOUR,
                              on_click=lambda: simulation.playing.set(False), dark=True)
            else:  # (disabled, Vuetify's grey: a dark disabled button is white on white)
                solara.Button("Play", icon_name="mdi-play",
                              color=None if warming else PLAY_COLOUR,
                              on_click=lambda: simulation.playing.set(True), dark=not warming,
                              disabled=bool(warming))
            solara.Button("Step", icon_name="mdi-step-forward", on_click=step,
                          disabled=playing or bool(warming))
            solara.Button(reset_label, icon_name="mdi-restore",
                          on_click=lambda: simulation.reset_in_background(),
                          color="primary" if pending else None, disabled=bad_input or bool(warming),
                          loading=bool(warming))
        if warming:
            Warming(warming)
        solara.Select("Speed (simulated time per second)",
                      values=[label for hours, label in SPEEDS.items() if hours <= fastest],
                      value=SPEEDS.get(min(simulation.speed.value, fastest)),
                      on_value=lambda label: simulation.speed.set(SPEED_OF[label]))
        if fastest < max(SPEEDS):
            solara.HTML(tag="div", style="font-size: 12px; color: #4b5563", unsafe_innerHTML=(
                f"{rooms} rooms in play (with the no-lever twin, if any) play at most "
                f"{SPEEDS[fastest]} here, so that one session cannot slow everyone's."))
        if pending and not bad_input and not warming:
            solara.Info(f"Press {reset_label} to start a new hotel with your changes.",
                        dense=True)


@solara.component
def Warming(note: str):
    """A reset at work: a spinner and what it builds, until the new hotel is on the page
    (announced to screen readers as it appears)."""
    with solara.Row(gap="8px", style="align-items: center", classes=["il-warming"]):
        solara.v.ProgressCircular(indeterminate=True, size=20, width=3, color="primary")
        solara.HTML(tag="div", unsafe_innerHTML=escape(note), attributes={"role": "status"},
                    style="font-size: 14px; font-weight: 600")
