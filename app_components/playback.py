"""Play, pause, step, reset and speed for a simulation (the main hotel or the comparison)."""

from __future__ import annotations

import logging
import threading
import time

import solara

from .hotel_state import Simulation

logger = logging.getLogger(__name__)

FRAME_SECONDS = 0.2  # the page redraws about five times a second while playing
MAX_CATCH_UP_SECONDS = 1.0  # after a slow frame, step at most this much simulated time at once
SPEEDS = {  # simulated hours per second -> label
    6: "6 hours/s",
    24: "1 day/s",
    72: "3 days/s",
    168: "1 week/s",
    720: "1 month/s",
}
SPEED_OF = {label: hours for hours, label in SPEEDS.items()}


def play(simulation: Simulation, stop: threading.Event) -> None:
    """Advance `simulation` at its speed until `stop` is set.

    The hours owed are counted from the clock, not from frames: when drawing is slow (many
    sessions at once) frames come less often but the hotel keeps its simulated speed.
    """
    last = time.perf_counter()
    owed = 0.0
    while not stop.is_set():
        now = time.perf_counter()
        owed += simulation.speed.value * min(now - last, MAX_CATCH_UP_SECONDS)
        last = now
        hours = int(owed)
        owed -= hours
        if hours:
            try:
                simulation.advance(hours)
            except Exception as error:  # a bug in the model: say so on the page, stop playing
                logger.exception("simulation failed while playing")
                simulation.message.value = f"The simulation stopped: {error}"
                simulation.playing.value = False
                return
        stop.wait(max(0.0, FRAME_SECONDS - (time.perf_counter() - now)))


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

    def step():
        simulation.advance(1)

    def reset():
        simulation.playing.value = False
        simulation.reset()

    with solara.Column(gap="6px"):
        with solara.Row(gap="6px"):
            if playing:
                solara.Button("Pause", icon_name="mdi-pause", color="warning",
                              on_click=lambda: simulation.playing.set(False))
            else:
                solara.Button("Play", icon_name="mdi-play", color="success",
                              on_click=lambda: simulation.playing.set(True))
            solara.Button("Step", icon_name="mdi-step-forward", on_click=step,
                          disabled=playing)
            solara.Button(reset_label, icon_name="mdi-restore", on_click=reset,
                          color="primary" if pending else None, disabled=bad_input)
        solara.Select("Speed (simulated time per second)", values=list(SPEEDS.values()),
                      value=SPEEDS.get(simulation.speed.value),
                      on_value=lambda label: simulation.speed.set(SPEED_OF[label]))
        if pending and not bad_input:
            solara.Info(f"Press {reset_label} to start a new hotel with your changes.",
                        dense=True)
