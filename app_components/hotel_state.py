"""The hotels of one browser session: their settings, the models and the state the page shares.

Every browser session makes its own `Simulation`s (with `use_session_hotel` and
`use_session_comparison`, inside the page component), so two workshop participants never
step the same hotel. A `Simulation` holds one hotel (the main view) or two with the same seed
(the comparison), which always advance together.

Threads: the play loop steps the models in a background thread while an event (a click) may
render on another. Everything that steps or reads the models' mutable containers holds
`Simulation.lock`. Reactive values are never set while holding the lock: setting one renders
at once, and the render may need the lock.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

import solara

from model import (
    ALL_LEVERS,
    HOURS_PER_DAY,
    PARAMETERS,
    PRESETS,
    InterLodgeModel,
    ParameterError,
    preset_parameters,
)

from .evening_replay import EVENING, REPLAY_SPEED, EveningTicker, evening_end, next_evening
from .presence import Presence
from .session_limits import GHOST_MAX_ROOMS, check_cost, staff_for

logger = logging.getLogger(__name__)

DEFAULT_SPEED = 72  # simulated hours per second: three days a second, 18 months in 3 minutes
MAX_SEED = 2**32 - 1
LESSON_STOP = "this step of the lesson ends"


@dataclass(frozen=True)
class HotelSettings:
    """What a hotel is built from: a preset, parameters changed on top of it, and a seed."""

    preset: str = "baseline"
    seed: int = 0
    overrides: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self):
        # validate at once, so that a HotelSettings that exists can always build a hotel,
        # and within what one session may cost the server
        check_cost(self.parameters())
        if not 0 <= self.seed <= MAX_SEED:
            raise ParameterError(f"seed: {self.seed} is out of range; expected 0 to {MAX_SEED}")

    def parameters(self) -> dict[str, Any]:
        """Validated model parameters (raises ParameterError with a one-line message)."""
        return preset_parameters(self.preset, self.overrides)

    def lever_changes(self) -> list[str]:
        """Levers switched away from the preset, e.g. ['+ training', '- rotation']."""
        preset = PRESETS[self.preset]
        return [f"{'+' if self.overrides[lever] else '-'} {lever}" for lever in ALL_LEVERS
                if lever in self.overrides
                and bool(self.overrides[lever]) != preset.get(lever, False)]

    def label(self) -> str:
        """Short description for headings: 'redesign + training, seed 3'."""
        return " ".join([self.preset, *self.lever_changes()]) + f", seed {self.seed}"

    def with_preset(self, preset: str) -> HotelSettings:
        """The same hotel under another preset (lever switches back to the preset's)."""
        kept = {k: v for k, v in self.overrides.items() if k not in ALL_LEVERS}
        return HotelSettings(preset, self.seed, kept)


def warming_note(settings: tuple[HotelSettings, ...]) -> str:
    """What a reset is doing, in words: 'Warming the new hotel up: 150 days of 1000 rooms
    before the levers go on at day 0...'."""
    parameters = settings[0].parameters()
    hotels = "the new hotel" if len(settings) == 1 else f"the {len(settings)} new hotels"
    return (f"Warming {hotels} up: {parameters['warmup_days']} days of "
            f"{parameters['rooms']} rooms before the levers go on at day 0...")


def parse_seed(text: Any) -> int:
    """The seed from a text box or URL: a whole number, else ParameterError."""
    try:
        seed = int(str(text).strip())
    except ValueError:
        raise ParameterError(f"seed: {text!r} is not a whole number") from None
    if not 0 <= seed <= MAX_SEED:
        raise ParameterError(f"seed: {seed} is out of range; expected 0 to {MAX_SEED}")
    return seed


def settings_from_query(search: str | None) -> HotelSettings:
    """Settings from the page address, e.g. `?preset=redesign&seed=3&rooms=120`.

    Raises ParameterError (one line) for an unknown key or a bad value.
    """
    preset, seed, overrides = "baseline", 0, {}
    for key, value in parse_qsl(search or "", keep_blank_values=True):
        if key == "preset":
            preset = value
        elif key == "seed":
            seed = parse_seed(value)
        elif key in PARAMETERS:
            overrides[key] = value
        else:
            raise ParameterError(f"unknown setting {key!r} in the address; use preset, seed "
                                 "or a parameter name such as rooms or cross_evaluation_weight")
    if "rooms" in overrides:  # staff grow with the hotel unless the address says otherwise
        rooms = PARAMETERS["rooms"].coerce(overrides["rooms"])
        overrides = staff_for(rooms) | overrides
    # keep the validated (typed) values, not the address's text
    parameters = preset_parameters(preset, overrides)
    return HotelSettings(preset, seed, {key: parameters[key] for key in overrides})


class Simulation:
    """One or more hotels with the same seed that advance together, and their shared state.

    Attributes the components read (reading `.value` subscribes a component to changes):
        version: bumped after every change of the models, so that views redraw.
        generation: bumped at every reset (views that only change then subscribe to it).
        playing, speed: the play loop's switch and its simulated hours per second.
        pending: the settings the next Reset will build (edited by the controls).
        input_error: one line about a bad value in the controls; Reset waits until it is fixed.
        message: one line about anything else that went wrong (a bad page address, a failed
            run), shown until the next Reset.
        warming: what is being built while a reset warms new hotels up in the background
            (`reset_in_background`), else None.
    """

    def __init__(self, settings: tuple[HotelSettings, ...], message: str | None = None,
                 presence: Presence | None = None, ghost: bool = False):
        self.lock = threading.RLock()
        self.settings = settings
        self.presence = presence or Presence()
        self.with_ghost = ghost
        # playing pauses at this hotel time (hours from day 0, 00:00): the end of a lesson
        # step or of the evening replay
        self.stop_at: int | None = None
        self.stop_note = LESSON_STOP  # said when it does
        # told after every hour the first hotel steps (the evening replay's ticker), or None
        self.narrator = None
        # built when first shown; the ghost, if any, last
        self._models: list[InterLodgeModel] | None = None
        self.generation = solara.Reactive(0)  # counts resets; the controls start afresh
        self.version = solara.Reactive(0)
        self.playing = solara.Reactive(False)
        self.speed = solara.Reactive(DEFAULT_SPEED)
        self.pending = solara.Reactive(settings)
        self.input_error = solara.Reactive(None)
        self.message = solara.Reactive(message)
        self.warming = solara.Reactive(None)
        self._warming_up = False  # a reset's thread is building (guarded by the lock)

    @staticmethod
    def _build(settings: HotelSettings) -> InterLodgeModel:
        return InterLodgeModel(rng=settings.seed, **settings.parameters())

    def _ghost_settings(self, settings: tuple[HotelSettings, ...]) -> HotelSettings | None:
        """The first hotel with every lever off ('same seed, no lever'), if it has levers on
        and is small enough to double; else None."""
        parameters = settings[0].parameters()
        if (not self.with_ghost or not any(parameters[lever] for lever in ALL_LEVERS)
                or parameters["rooms"] > GHOST_MAX_ROOMS):
            return None
        return settings[0].with_preset("baseline")

    def _build_all(self, settings: tuple[HotelSettings, ...]) -> list[InterLodgeModel]:
        ghost = self._ghost_settings(settings)
        return [self._build(s) for s in (*settings, *([ghost] if ghost else []))]

    def _all_models(self) -> list[InterLodgeModel]:
        with self.lock:
            if self._models is None:
                self._models = self._build_all(self.settings)
            return self._models

    @property
    def built(self) -> bool:
        """Are the hotels built? (The comparison's are built when its tab first opens.)"""
        return self._models is not None

    @property
    def models(self) -> list[InterLodgeModel]:
        """The hotels shown, built on first use (the comparison's only when its tab opens)."""
        return self._all_models()[:len(self.settings)]

    @property
    def ghost(self) -> InterLodgeModel | None:
        """The same hotel with no lever, advancing with it (the main view's reference:
        same seed, same demand), or None."""
        models = self._all_models()
        return models[-1] if len(models) > len(self.settings) else None

    @property
    def model(self) -> InterLodgeModel:
        """The first (in the main view, the only) hotel."""
        return self.models[0]

    def advance(self, hours: int, budget: float | None = None,
                stop: threading.Event | None = None) -> int:
        """Step every hotel up to `hours` hours, then let the views redraw; return the hours
        stepped.

        With a `budget` (seconds), stop early once it is spent, and when `stop` is set: the
        lock is taken hour by hour, so a click (Pause, Reset) waits at most one hour's step.
        """
        deadline = None if budget is None else time.perf_counter() + budget
        done = 0
        while done < hours:
            with self.lock:
                for model in self._all_models():
                    model.step()
                if self.narrator is not None:
                    self.narrator.after_hour(self.model)
            done += 1
            time.sleep(0)  # let a thread waiting for the lock (a click) take it now
            if (stop is not None and stop.is_set()) or (
                    deadline is not None and time.perf_counter() >= deadline):
                break
        self.version.value += 1
        return done

    def reset(self, settings: tuple[HotelSettings, ...] | None = None) -> None:
        """Build the hotels afresh from `settings` (default: the pending ones)."""
        settings = settings or self.pending.value
        self._install(settings, self._build_all(settings), self.pending.value)

    def reset_in_background(self, settings: tuple[HotelSettings, ...] | None = None,
                            then: Callable[[], None] | None = None) -> bool:
        """Stop playing and build the hotels afresh from `settings` (default: the pending
        ones) in a thread: a big hotel's warm-up takes up to seconds on a busy laptop, and
        the page keeps answering meanwhile, saying so in `warming`. `then()` runs once the
        new hotels are on the page. Returns False (and does nothing) while a reset is still
        under way."""
        with self.lock:  # one at a time (two quick clicks)
            if self._warming_up:
                return False
            self._warming_up = True
        settings = settings or self.pending.value
        drafted = self.pending.value
        self.warming.value = warming_note(settings)
        self.playing.value = False

        def build() -> None:
            try:
                self._install(settings, self._build_all(settings), drafted)
            except Exception as error:  # a bug in the model: say so on the page
                logger.exception("building a hotel failed")
                self.message.value = f"The new hotel could not be built: {error}"
                return
            finally:  # the new hotel is on the page (or the error): the note goes
                with self.lock:
                    self._warming_up = False
                self.warming.value = None
            if then is not None:
                then()

        threading.Thread(target=build, name="hotel warm-up", daemon=True).start()
        return True

    def _install(self, settings: tuple[HotelSettings, ...], models: list[InterLodgeModel],
                 drafted: tuple[HotelSettings, ...]) -> None:
        """Put freshly built hotels on the page; changes drafted in the controls since
        `drafted` (during a warm-up) stay pending."""
        with self.lock:
            self.settings, self._models = settings, models
            self.stop_at, self.stop_note, self.narrator = None, LESSON_STOP, None
        self.generation.value += 1
        if self.pending.value == drafted:
            self.pending.value = settings
            self.input_error.value = None
        self.message.value = None
        self.version.value += 1

    def replay_evening(self) -> None:
        """Step to the eve of the next evening (16:00), then play it slowly to its end
        (midnight) with a ticker of what happens (the evening replay); pauses there."""
        self.playing.value = False
        with self.lock:
            day = next_evening(self.model.day, self.model.hour)
            # told from now on: a batch of the play loop still under way is told too
            self.narrator = EveningTicker(day)
            self.stop_at, self.stop_note = evening_end(day), "the evening replay ends"
        while True:  # hour by hour, so that a click waits at most one hour's step
            with self.lock:
                if (self.model.day, self.model.hour) >= (day, EVENING.start - 1):
                    break
                for model in self._all_models():
                    model.step()
        self.version.value += 1
        self.message.value = None
        self.speed.value = REPLAY_SPEED
        self.playing.value = True

    def hours_to_stop(self) -> int | None:
        """Hours the first hotel may still play before `stop_at`, or None (no stop)."""
        if self.stop_at is None:
            return None
        with self.lock:
            model = self.model
            return max(0, self.stop_at - (model.day * HOURS_PER_DAY + model.hour))

    def rooms(self) -> int:
        """Rooms of all the hotels stepped, the ghost's included (what the session's speed
        is limited by)."""
        ghost = self._ghost_settings(self.settings)
        return sum(s.parameters()["rooms"] for s in (*self.settings, *([ghost] if ghost else [])))

    def has_pending_changes(self) -> bool:
        return self.pending.value != self.settings


def use_session_hotel(presence: Presence) -> Simulation:
    """This session's main hotel, made once per session from the page address.

    A bad address does not stop the page: the default hotel is made and the message shown.
    """
    search = solara.use_router().search

    def make() -> Simulation:
        from .share import replay, replay_day  # the address's day: replay the seed to it

        try:
            settings, day = replay_day(search)
            simulation = Simulation((settings_from_query(settings),), presence=presence,
                                    ghost=True)
            replay(simulation, day)
            return simulation
        except ParameterError as error:
            return Simulation((HotelSettings(),), message=f"Address ignored: {error}",
                              presence=presence, ghost=True)

    return solara.use_memo(make, [])


def use_session_comparison(seed: int, presence: Presence) -> Simulation:
    """This session's pair of hotels, attempt 2 and the redesign with the same seed; their
    models are built when the comparison is first shown."""
    return solara.use_memo(lambda: Simulation((HotelSettings("attempt2", seed),
                                               HotelSettings("redesign", seed)),
                                              presence=presence), [])
