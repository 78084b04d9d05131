"""The settings of the main hotel: preset, the five levers (attempt 1's restructuring, attempt
2's incentives and training, the redesign's rotation and cross-evaluation) and their
strengths, seed and size.

Changes are a draft until Reset builds a new hotel from them (the model switches its levers on
at day 0 and cannot change them mid-run). Every value is checked as it is entered: a bad one
gets a one-line message on the page and Reset waits until it is fixed.
"""

from __future__ import annotations

from typing import Any

import solara

from model import ALL_LEVERS, PARAMETERS, PRESET_DESCRIPTIONS, PRESETS, ParameterError

from .hotel_state import HotelSettings, Simulation, parse_seed
from .lesson import LEVER_RULES
from .session_limits import staff_for

LEVER_STRENGTHS = {  # lever -> the parameters that say how strongly it acts
    "restructuring": ("role_clarity",),
    "incentives": ("incentive_bonus",),
    "training": ("training_cost",),
    "rotation": ("rotation_period_days",),
    "cross_evaluation": ("cross_evaluation_weight", "evaluation_period_days"),
}
HOTEL_SIZE = ("rooms", "floors", "receptionists", "housekeepers", "technicians")
CONTROLLED = (*ALL_LEVERS, *(p for ps in LEVER_STRENGTHS.values() for p in ps), *HOTEL_SIZE)


def draft_from(settings: HotelSettings) -> dict[str, Any]:
    """The controls' values for `settings`: numbers as the text shown in the boxes."""
    parameters = settings.parameters()
    draft: dict[str, Any] = {"preset": settings.preset, "seed": str(settings.seed)}
    for name in CONTROLLED:
        value = parameters[name]
        draft[name] = value if PARAMETERS[name].kind is bool or _is_share(name) else f"{value:g}"
    return draft


def settings_from(draft: dict[str, Any]) -> HotelSettings:
    """Settings from the controls' values; ParameterError (one line) for a bad value."""
    base = HotelSettings(draft["preset"]).parameters()
    overrides = {}
    for name in CONTROLLED:
        value = PARAMETERS[name].coerce(draft[name])
        if value != base[name]:
            overrides[name] = value
    return HotelSettings(draft["preset"], parse_seed(draft["seed"]), overrides)


def _is_share(name: str) -> bool:
    spec = PARAMETERS[name]
    return spec.kind is float and spec.low == 0.0 and spec.high == 1.0


@solara.component
def ParameterInput(name: str, value: Any, on_value):
    """The right input for parameter `name`: a checkbox, a 0-1 slider, or a checked text box."""
    spec = PARAMETERS[name]
    if spec.kind is bool:
        solara.Checkbox(label=name.replace("_", " "), value=value, on_value=on_value,
                        style="margin: 0")
    elif _is_share(name):
        # the value in the label: an always-on thumb label covered the line above
        solara.SliderFloat(f"{name.replace('_', ' ')} {value:.2f}", value=value, min=0.0,
                           max=1.0, step=0.05, on_value=on_value, thumb_label=False)
    else:  # 'rotation period (days, 30 to 1095)', not 'rotation period days (days, ...'
        words = name.replace("_", " ").removesuffix(f" {spec.unit}")
        solara.InputText(f"{words} ({spec.unit}, {spec.low:g} to {spec.high:g})",
                         value=value, on_value=on_value, continuous_update=False)


@solara.component
def Controls(simulation: Simulation):
    """Preset menu, the five levers with their strengths, seed and hotel size of the main hotel.

    Render it with a key that changes at each reset, so that the draft starts again from the
    hotel's settings (e.g. after a guided-sequence button reset the hotel).
    """
    draft = solara.use_reactive(draft_from(simulation.pending.value[0]))
    show_size, set_show_size = solara.use_state(False)

    def update(**changes):
        new = {**draft.value, **changes}
        if "preset" in changes:  # a preset sets the five levers
            new |= {lever: PRESETS[changes["preset"]].get(lever, False) for lever in ALL_LEVERS}
        if "rooms" in changes:  # the staff grow with the hotel (each can still be changed)
            try:
                rooms = PARAMETERS["rooms"].coerce(changes["rooms"])
                new |= {role: str(n) for role, n in staff_for(rooms).items()}
            except ParameterError:
                pass  # reported below, with the other values
        draft.set(new)
        try:
            simulation.pending.value = (settings_from(new),)
            simulation.input_error.value = None
        except ParameterError as error:
            simulation.input_error.value = str(error)

    values = draft.value
    with solara.Column(gap="2px"):
        solara.Select("Preset", values=list(PRESETS), value=values["preset"],
                      on_value=lambda preset: update(preset=preset))
        solara.HTML(tag="div", unsafe_innerHTML=PRESET_DESCRIPTIONS[values["preset"]],
                    style="font-size: 12px; color: #4b5563; margin-bottom: 6px")
        solara.HTML(tag="div", unsafe_innerHTML="<b>Levers</b> (and the rules they touch)")
        for lever, strengths in LEVER_STRENGTHS.items():
            with solara.Row(style="align-items: center", gap="4px"):
                ParameterInput(lever, values[lever], lambda v, lever=lever: update(**{lever: v}))
                solara.HTML(tag="span", unsafe_innerHTML=f"rules {LEVER_RULES[lever]}",
                            style="font-size: 11px; color: #6b7280")
            if values[lever]:
                with solara.Column(style="padding-left: 28px", gap="0px"):
                    for name in strengths:
                        ParameterInput(name, values[name],
                                       lambda v, name=name: update(**{name: v}))
        solara.InputText("Seed (same seed, same hotel)", value=values["seed"],
                         on_value=lambda text: update(seed=text), continuous_update=False)
        # a checkbox, not Vuetify's expansion panel (which carries ARIA attributes its
        # element may not have)
        solara.Checkbox(label="Change the hotel size", value=show_size, on_value=set_show_size)
        if show_size:
            for name in HOTEL_SIZE:
                ParameterInput(name, values[name], lambda v, name=name: update(**{name: v}))
        if simulation.input_error.value:
            solara.Error(simulation.input_error.value, dense=True)
