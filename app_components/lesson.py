"""The lesson tab: the case in short, the six rules and their levers, what to notice and try,
and a guided sequence an instructor can follow with one button per step."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import solara

from .evening_replay import EVENING, REPLAY_PACE, clock_time

LEVER_RULES = {  # lever -> the rules of Six Simple Rules it touches (docs/interlodge-case.md)
    "restructuring": "4, against it",
    "incentives": "4, by removing it",
    "training": "4, by removing it",
    "rotation": "1, 2, 5",
    "cross_evaluation": "3, 4, 5, 6",
}

CASE = """
### The case in short
InterLodge, a hotel chain in *Six Simple Rules* (Morieux & Tollman), had low occupancy, low
rates and guests far from satisfied. **Attempt 1** (restructuring, clearer roles) made things
worse. In the app that is the **restructuring** lever (preset `attempt1`): written job
descriptions make "not my department" easier to say at the desk, and every request to
maintenance becomes a formal work order. **Attempt 2** paid receptionists an **occupancy
bonus** and sent them to **guest-engagement training** (preset `attempt2`; `attempt1_2` puts
it on top of attempt 1's restructuring, as the case tells it). It failed too.

Watching receptionists at work showed why. Angry guests came mostly about **room defects**.
**Housekeepers** are in every room every day, but a check or a report costs minutes out of their
quota of rooms per shift, so they did not look. **Maintenance** works the day shift; guests find
defects in the evening. Receptionists had no power over either: their only resources were
**moving the guest** and **rebates**. So they **held rooms back from sale** and handed out money,
and the training just made rebates easier.

The **redesign** removed the bonus and the training, made promotion to manager depend on
having worked in several functions (**rotation**), and gave receptionists a **say in the
evaluation** of housekeeping and maintenance (**cross-evaluation**). Housekeepers started to
report, maintenance answered the desk, and the gross margin rose about 20% in 18 months.
"""

SIX_RULES = (  # (rule, what it means in the hotel, the lever that acts on it)
    ("1 Understand what people do", "each person chooses among real options: held rooms, "
     "rebates, skipped checks (see the **Inspector**)",
     "the diagnosis; rotation gives managers this knowledge"),
    ("2 Reinforce integrators", "managers who know other functions grant quota slack for "
     "checks and evening maintenance cover", "rotation"),
    ("3 Increase the total quantity of power", "receptionists' rating counts in back-office "
     "evaluations", "cross-evaluation"),
    ("4 Increase reciprocity", "remove the buffers that let a group cope alone",
     "removing incentives and training; cross-evaluation; restructuring works against it"),
    ("5 Extend the shadow of the future", "the rating comes back every evaluation; a manager "
     "will sit in the other chair", "cross-evaluation; rotation"),
    ("6 Reward those who cooperate", "blame the failure to help, not the failure itself",
     "cross-evaluation"),
)
RULES = "\n".join([
    "### The six simple rules and the levers in this app",
    "| Rule | In the hotel | Lever |",
    "|:---|:---|:---|",
    *(f"| {rule} | {meaning} | {lever} |" for rule, meaning, lever in SIX_RULES),
])

NOTICE = """
### Things to notice
- In the status quo, switch on **X-ray** on the floor plan: most dashed rooms (hidden defects)
  were cleaned today. Housekeepers were there and did not report.
- In the evening maintenance has gone home: complaints end with a **move** or a **rebate**, not
  a repair (the "Complaints and how they end" chart).
- Yellow rooms are **held in reserve**: sellable rooms kept empty so that angry guests can be
  moved. They cost occupancy every night.
- Under the redesign the **report rate** rises first, then complaints fall, then held rooms are
  released, and the **margin** climbs over months, not at once.
- Open the **Inspector**: a housekeeper's constraints say what checking costs and what her
  evaluations have taught her. Her goal never changes; her context does.
"""

TRY = """
### Things to try
- Attempt 1 (switch on **restructuring**, or `attempt1` in **Compare** against `baseline`):
  do clearer roles end complaints better, or only make "not my department" easier to say?
- Attempt 2 (incentives + training) for a year: does the margin move once the bonus is paid?
- Training alone: watch the rebates per complaint.
- Cross-evaluation alone, then rotation alone: which one does the work, and how fast?
- Cross-evaluation with a weight of 0.1, 0.3, 0.5: is the change gradual or abrupt?
- A longer evaluation period (90 days): the shadow of the future gets shorter.
- Same seed, different levers: the **Compare** tab runs two hotels side by side.
"""

class LessonStep(NamedTuple):
    """A step of the guided sequence: the hotel it sets up, the speed it plays at (simulated
    hours per second), the day it stops at, and what to say and show."""

    preset: str
    button: str
    speed: int
    stop_day: int
    say: str


WEEK_PER_SECOND = 168
GUIDED_SEQUENCE = (
    LessonStep("baseline", "1. The status quo", WEEK_PER_SECOND, 90,
               "Plays three months at 1 week/s and stops. Point at the yellow held rooms (R) and "
               "the orange rooms with a known defect, waiting for maintenance; switch on "
               "X-ray to show the defects nobody reports. "
               "Open the Inspector on a housekeeper and then on the evening receptionist: "
               "each behaves sensibly given their context. Then play the Evening replay "
               "below."),
    LessonStep("attempt2", "2. Attempt 2: bonus + training", WEEK_PER_SECOND, 365,
               "Plays a year at 1 week/s and stops. The bonus and the training change what "
               "receptionists are told to want, not what they can do: complaints do not fall, "
               "rebates rise (the training makes them easier), and the margin stays near the "
               "grey no-lever line or sinks under the bonus and training costs."),
    LessonStep("redesign", "3. The redesign", WEEK_PER_SECOND, 540,
               "Plays 18 months at 1 week/s and stops. Watch the report rate climb, complaints "
               "and held rooms fall, and the margin pull away from the grey no-lever line. "
               "Then open Compare to run attempt 2 and the redesign side by side."),
)


# a step's text beside its button, or under it on a phone (a 70 px column beside it cut it)
STEP_ROW = "align-items: center; flex-wrap: wrap"
STEP_BUTTON = "width: 300px; max-width: 100%; flex: none"
STEP_TEXT = "font-size: 14px; flex: 1 1 280px; min-width: 0"


def step_banner(step: int | None) -> str:
    """One line for the hotel view: which step of the lesson is playing and where it stops."""
    if step is None:
        return ""
    current = GUIDED_SEQUENCE[step]
    return (f"Lesson step {step + 1} of {len(GUIDED_SEQUENCE)}: {current.button.split('. ')[1]}"
            f", plays to day {current.stop_day}.")


@solara.component
def Lesson(on_show: Callable[[int], None], current: int | None = None,
           on_evening: Callable[[], None] | None = None, busy: bool = False):
    """The lesson text and the guided sequence; `on_show(step)` sets up and plays that step;
    the `current` step is marked; `on_evening()` starts the evening replay; while `busy`
    (a new hotel warms up) the buttons wait."""
    with solara.Column(style="max-width: 980px"):
        solara.Markdown("### A guided sequence for the instructor")
        for index, step in enumerate(GUIDED_SEQUENCE):
            marked = index == current
            with solara.Row(style=STEP_ROW, gap="12px",
                            classes=["lesson-step", "lesson-current" if marked else ""]):
                solara.Button(("\u25b6 " if marked else "") + step.button, color="primary",
                              outlined=not marked, style=STEP_BUTTON,
                              on_click=lambda index=index: on_show(index), disabled=busy)
                solara.HTML(tag="div", unsafe_innerHTML=(
                    ("<b>Current step.</b> " if marked else "") + step.say),
                    style=STEP_TEXT)
        with solara.Row(style=STEP_ROW, gap="12px", classes=["lesson-step"]):
            solara.Button("Evening replay", color="primary", outlined=True,
                          style=STEP_BUTTON, on_click=on_evening, disabled=busy)
            solara.HTML(tag="div", style=STEP_TEXT, unsafe_innerHTML=(
                f"Plays your hotel's next evening slowly, {REPLAY_PACE} from "
                f"{clock_time(EVENING.start)}, when maintenance goes home, to "
                f"{clock_time(EVENING.stop)}, with a ticker under the floor plan: who "
                "comes to the desk and why, what the receptionist does, which room the guest "
                "is moved to, whether anyone can repair. Every line is a decision the hotel's "
                "people took, with the reason they gave."))
        solara.Markdown(CASE)
        solara.Markdown(RULES)
        with solara.Columns([1, 1]):
            solara.Markdown(NOTICE)
            solara.Markdown(TRY)
