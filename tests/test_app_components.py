"""The app's components rendered in-process with solara.render (no browser, no server)."""

import re
import threading
import time
from pathlib import Path

import ipyvuetify as v
import pytest
import solara

import app
from app_components.comparison import Comparison, ComparisonControls, comparison_specs
from app_components.controls import Controls
from app_components.floor_plan import floor_plan_html, floor_plan_svg
from app_components.hotel_state import HotelSettings, Simulation
from app_components.inspector import Inspector
from app_components.lesson import GUIDED_SEQUENCE, Lesson
from model import InterLodgeModel

SMALL = {"rooms": 20, "floors": 2, "receptionists": 3, "housekeepers": 2, "technicians": 1,
         "warmup_days": 5}


def button(rc, label: str):
    """The one button whose text is `label` (solara puts an icon before the text)."""
    found = [w for w in rc.find(v.Btn).widgets if label in w.children]
    assert len(found) == 1, f"{len(found)} buttons {label!r}"
    return found[0]


def html(rc, css_class: str) -> list[str]:
    """The inner HTML of the solara.HTML elements with class `css_class`."""
    return [w.unsafe_innerHTML for w in rc.find(solara.widgets.HTML).widgets
            if css_class in (w.attributes or {}).get("class", "")]


def field(rc, widget, label: str):
    return rc.find(widget, label=label).widget


def monitors(rc) -> list[str]:
    """The values shown by the monitors, e.g. ['Day 0, 03:00', '61%', ...]."""
    (cards,) = html(rc, "monitors")
    return re.findall(r'class="monitor-value"[^>]*>([^<]*)<', cards)


def wait_until(condition, timeout: float = 60.0) -> None:
    """Wait until `condition()` holds (a reset builds its hotel in a thread)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def warming_notes(rc) -> list[str]:
    return [w.unsafe_innerHTML for w in rc.find(solara.widgets.HTML).widgets
            if (w.attributes or {}).get("role") == "status"]


@pytest.fixture
def rendered_page():
    _, rc = solara.render(solara.AppLayout(children=[app.Page()]), handle_error=False)
    return rc


def test_page_shows_controls_monitors_and_every_room(rendered_page):
    for label in ("Play", "Step", "Reset"):
        button(rendered_page, label)
    assert monitors(rendered_page)[0] == "Day 0, 00:00"
    (plan,) = html(rendered_page, "interlodge-floor-plan")
    assert plan.count('tabindex="0" role="img" aria-label="Room ') == 100  # focusable rooms


def test_step_advances_one_hour_and_redraws(rendered_page):
    plan = html(rendered_page, "interlodge-floor-plan")
    for _ in range(9):
        button(rendered_page, "Step").click()
    assert monitors(rendered_page)[0] == "Day 0, 09:00"
    assert html(rendered_page, "interlodge-floor-plan") != plan  # housekeepers are at work by 09:00


def test_play_advances_the_hotel_then_pause_stops_it(rendered_page):
    """Behaviour, not speed (benchmarks/bench_app.py measures that): a busy machine may
    take longer than a second to play five hours."""
    def hours_shown() -> int:
        day, hour = monitors(rendered_page)[0].removeprefix("Day ").split(", ")
        return int(day) * 24 + int(hour[:2])

    button(rendered_page, "Play").click()
    deadline = time.monotonic() + 30
    while hours_shown() < 5 and time.monotonic() < deadline:
        time.sleep(0.1)
    button(rendered_page, "Pause").click()
    time.sleep(0.5)  # a frame under way may land after Pause
    paused = monitors(rendered_page)[0]
    assert hours_shown() >= 5
    time.sleep(0.5)
    assert monitors(rendered_page)[0] == paused


def test_preset_and_reset_build_the_new_hotel(rendered_page):
    field(rendered_page, v.Select, "Preset").v_model = "redesign"
    hint = "Press Reset to start a new hotel with your changes."
    assert rendered_page.find(v.Alert, children=[hint]).widgets
    button(rendered_page, "Step").click()
    button(rendered_page, "Reset").click()
    wait_until(lambda: not warming_notes(rendered_page))
    assert rendered_page.find(v.CardSubtitle, children=["redesign, seed 0"]).widgets
    assert monitors(rendered_page)[0] == "Day 0, 00:00"


def test_reset_says_it_warms_the_hotel_up_and_the_page_answers_meanwhile(rendered_page,
                                                                          monkeypatch):
    built, builds = threading.Event(), []  # the warm-up lasts until the test says so
    build_all = Simulation._build_all

    def slow_build(self, settings):
        builds.append(settings)
        built.wait(60)
        return build_all(self, settings)

    monkeypatch.setattr(Simulation, "_build_all", slow_build)
    field(rendered_page, v.Select, "Preset").v_model = "redesign"
    for _ in range(3):
        button(rendered_page, "Step").click()
    button(rendered_page, "Reset").click()
    # at once, before the new hotel is built: what is happening, and nothing to start
    (note,) = warming_notes(rendered_page)
    assert note.startswith("Warming the new hotel up") and "100 rooms" in note
    assert button(rendered_page, "Reset").loading and button(rendered_page, "Reset").disabled
    assert button(rendered_page, "Play").disabled and button(rendered_page, "Step").disabled
    assert monitors(rendered_page)[0] == "Day 0, 03:00"  # the old hotel, still on the page
    rendered_page.find(v.Tabs).widget.v_model = 1  # the page answers: the Inspector tab
    assert html(rendered_page, "interlodge-post") and warming_notes(rendered_page)
    button(rendered_page, "Reset").click()  # a second click while it warms up does nothing
    built.set()
    wait_until(lambda: not warming_notes(rendered_page))
    assert rendered_page.find(v.CardSubtitle, children=["redesign, seed 0"]).widgets
    assert not button(rendered_page, "Play").disabled and not button(rendered_page, "Reset").loading
    rendered_page.find(v.Tabs).widget.v_model = 0
    # (rendered by the warm-up's thread, if it is still rendering)
    wait_until(lambda: html(rendered_page, "monitors"))
    assert monitors(rendered_page)[0] == "Day 0, 00:00"
    assert len(builds) == 1


def test_settings_say_each_unit_once():
    simulation = Simulation((HotelSettings("redesign"),))
    _, rc = solara.render(Controls(simulation), handle_error=False)
    labels = [w.label for w in rc.find(v.TextField).widgets]
    assert "rotation period (days, 30 to 1095)" in labels  # was 'rotation period days (days'
    assert not [label for label in labels if re.search(r"(\w+) \(\1\b", label)], labels


def test_bad_seed_gets_a_message_and_reset_waits(rendered_page):
    seed = field(rendered_page, v.TextField, "Seed (same seed, same hotel)")
    seed.v_model = "twelve"
    seed.fire_event("keyup.enter", None)
    assert rendered_page.find(v.Alert, children=["seed: 'twelve' is not a whole number"]).widgets
    assert button(rendered_page, "Reset").disabled
    seed.v_model = "12"
    seed.fire_event("keyup.enter", None)
    assert not button(rendered_page, "Reset").disabled


def test_each_session_has_its_own_hotel():
    _, first = solara.render(app.Page(), handle_error=False)
    _, second = solara.render(app.Page(), handle_error=False)
    button(first, "Step").click()
    assert monitors(first)[0] == "Day 0, 01:00"
    assert monitors(second)[0] == "Day 0, 00:00"


def test_inspector_shows_a_work_context_and_reasons():
    simulation = Simulation((HotelSettings("redesign", 0, SMALL),))
    simulation.advance(24 * 2 + 10)
    _, rc = solara.render(Inspector(simulation), handle_error=False)
    for part in ("Goals", "Resources", "Constraints"):
        assert rc.find(v.Card, children=[part]) or rc.find(v.CardTitle, children=[part])
    staff = field(rc, v.Select, "Staff member (post and shift today)")
    assert any(re.fullmatch(r"Receptionist \d+, evening desk \(15:00-23:00\).*", label)
               for label in staff.items)  # "the evening receptionist" can be found
    technician = next(label for label in staff.items if label.startswith("Technician"))
    staff.v_model = technician
    assert rc.find(v.CardTitle, children=[f"Recent decisions of {technician.split(',')[0]} "
                                          "(newest first)"]).widgets


def test_comparison_steps_both_hotels_together():
    simulation = Simulation((HotelSettings("attempt2", 3, SMALL),
                             HotelSettings("redesign", 3, SMALL)))
    _, rc = solara.render(solara.Column(children=[ComparisonControls(simulation),
                                                  Comparison(simulation)]), handle_error=False)
    deadline = time.monotonic() + 30  # the two hotels are built in a thread: the tab answers
    while not html(rc, "compare-date") and time.monotonic() < deadline:
        time.sleep(0.1)
    assert html(rc, "compare-date") == ["Day 0, 00:00"]
    for _ in range(25):  # one Step (and one Play) for both
        button(rc, "Step").click()
    assert [m.day for m in simulation.models] == [1, 1]
    assert html(rc, "compare-date") == ["Day 1, 01:00"]
    (table,) = html(rc, "interlodge-compare")
    assert "attempt2, seed 3" in table and "redesign, seed 3" in table
    assert len(html(rc, "interlodge-floor-plan")) == 2
    field(rc, v.Select, "Second hotel").v_model = "baseline"
    button(rc, "Restart").click()
    wait_until(lambda: [s.preset for s in simulation.settings] == ["attempt2", "baseline"])
    wait_until(lambda: html(rc, "compare-date") == ["Day 0, 00:00"])


def test_the_comparisons_lead_is_plotted_in_margin_points():
    simulation = Simulation((HotelSettings("baseline", 3, SMALL),
                             HotelSettings("attempt2", 3, SMALL)))  # training costs at once
    simulation.advance(24 * 5)
    lead, _ = comparison_specs(simulation)
    first, second = ([sum(r[k] for r in m.rows) for k in ("net_revenue", "costs")]
                     for m in simulation.models)
    points = 100 * ((second[0] - second[1]) / second[0] - (first[0] - first[1]) / first[0])
    assert points != 0
    assert lead["datasets"]["table"][-1]["lead"] == pytest.approx(points, abs=1e-3)  # 5 days
    assert lead["layer"][0]["encoding"]["y"]["axis"]["format"] == "+.1f"  # points, not %


def test_lesson_buttons_start_each_step_of_the_sequence():
    shown = []
    _, rc = solara.render(Lesson(on_show=shown.append, current=1), handle_error=False)
    for step in GUIDED_SEQUENCE:
        label = ("\u25b6 " if step.preset == "attempt2" else "") + step.button  # marked
        button(rc, label).click()
    assert shown == [0, 1, 2]


def test_a_lesson_step_plays_at_its_speed_and_stops_at_its_day():
    _, rc = solara.render(app.Page(), handle_error=False)
    step = GUIDED_SEQUENCE[0]
    rc.find(v.Tabs).widget.v_model = 3  # the Lesson tab
    button(rc, step.button).click()
    wait_until(lambda: "Lesson step 1 of 3: The status quo, plays to day 90." in str(
        [w.children for w in rc.find(v.Alert).widgets]))
    wait_until(lambda: any("Pause" in w.children for w in rc.find(v.Btn).widgets))  # playing
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(
            "Play" in w.children for w in rc.find(v.Btn).widgets):
        time.sleep(0.2)
    assert monitors(rc)[0] == f"Day {step.stop_day}, 00:00"
    time.sleep(1.0)
    assert monitors(rc)[0] == f"Day {step.stop_day}, 00:00"  # and stays there


def test_xray_marks_exactly_the_rooms_with_hidden_defects():
    model = InterLodgeModel(rng=2, **SMALL)
    model.run_days(3)
    hidden = sum(bool(room.latent_defects()) for room in model.rooms)
    assert floor_plan_svg(model, xray=True).count("hidden defect") == hidden
    assert floor_plan_html(model, xray=True).count("il-hidden") == hidden  # dashed, "?"
    for draw in (floor_plan_html, floor_plan_svg):
        assert "hidden defect" not in draw(model, xray=False)


def test_no_console_or_code_execution_in_the_app():
    sources = [Path(app.__file__), *Path(app.__file__).with_name("app_components").glob("*.py")]
    for source in sources:
        text = source.read_text()
        assert "CommandConsole" not in text and "exec(" not in text, source
