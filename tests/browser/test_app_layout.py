"""The page on a projector and a phone, measured in the real browser: at 1366x768 and 1280x720
the controls, the monitors, the floor plan and the margin charts are on screen without
scrolling, with the redesign's levers open; at 390 px the page stacks and Play is whole.

Screenshots go to test-results/app-layout-*.png (look at them).
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect

from .conftest import RESULTS
from .test_app_browser import button, choose

pytestmark = pytest.mark.browser

PROJECTORS = ({"width": 1366, "height": 768}, {"width": 1280, "height": 720})


def box(page: Page, locator) -> dict:
    """The element's box in the viewport (CSS px)."""
    found = locator.bounding_box()
    assert found is not None, f"{locator} is not on the page"
    return found


def settled(page: Page, locator, timeout: float = 10.0) -> None:
    """Wait until `locator` stops moving (a tab's slide), at most `timeout` seconds."""
    last, deadline = None, time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = box(page, locator)
        if now == last:
            return
        last = now
        page.wait_for_timeout(250)


def on_screen(page: Page, name: str, locator) -> None:
    """The whole element lies inside the viewport, with nothing scrolled."""
    size = page.viewport_size
    b = box(page, locator)
    assert b["x"] >= 0 and b["y"] >= 0, f"{name} starts off screen: {b}"
    assert b["x"] + b["width"] <= size["width"] + 1, f"{name} is cut on the right: {b}"
    assert b["y"] + b["height"] <= size["height"] + 1, (
        f"{name} is below the fold at {size['width']}x{size['height']}: {b}")


@pytest.mark.parametrize("viewport", PROJECTORS, ids=lambda v: f"{v['width']}x{v['height']}")
def test_projector_shows_controls_monitors_plan_and_margin_charts(browser, app_url, viewport):
    page = browser.new_context(viewport=viewport).new_page()
    try:
        page.goto(app_url + "?preset=redesign")  # two levers open, with their strengths
        button(page, "Play").wait_for(timeout=60_000)
        expect(page.get_by_text("cross evaluation weight")).to_be_visible()
        choose(page, "Speed", "1 month/s")
        button(page, "Play").click()
        expect(page.locator(".monitor-value").first).to_contain_text(  # the bridge needs a month
            re.compile(r"Day ([4-9]\d|\d{3,}),"), timeout=60_000)
        button(page, "Pause").click()
        charts = page.locator(".vega-embed")
        # margin, its bridge, then the four other charts
        expect(charts).to_have_count(6, timeout=30_000)
        page.wait_for_timeout(1500)  # the charts redraw after Pause
        # nothing scrolled: what a room sees when the page opens
        assert page.evaluate("() => Math.max(...[...document.querySelectorAll('*')]"
                             ".map(e => e.scrollTop))") == 0
        for name in ("Play", "Step", "Reset"):
            on_screen(page, name, button(page, name))
        on_screen(page, "speed", page.locator(".v-select").filter(has_text="Speed").first)
        on_screen(page, "monitors", page.locator(".monitors"))
        on_screen(page, "floor plan", page.locator(".interlodge-floor-plan"))
        on_screen(page, "margin chart", charts.nth(0))
        on_screen(page, "bridge chart", charts.nth(1))
        # Solara's corner banner covered the bridge chart's corner
        expect(page.get_by_text("runs on Solara")).to_have_count(0)
        page.screenshot(path=str(RESULTS / f"app-layout-{viewport['width']}.png"))
        # the comparison's three buttons fit its column (Restart was cut at its right edge)
        page.get_by_role("tab", name="Compare").click()
        controls = page.locator(".il-controls")
        expect(controls).to_contain_text("Compare two hotels")
        expect(button(controls, "Restart")).to_be_visible()
        column = box(page, controls)
        for name in ("Play", "Step", "Restart"):
            b = box(page, button(controls, name))
            assert b["x"] + b["width"] <= column["x"] + column["width"] - 4, (name, b, column)
    finally:
        page.context.close()


def test_phone_stacks_the_page_and_keeps_play_whole(browser, app_url):
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    try:
        page.goto(app_url + "?preset=redesign")
        button(page, "Play").wait_for(timeout=60_000)
        on_screen(page, "Play", button(page, "Play"))
        on_screen(page, "Reset", button(page, "Reset"))
        controls, hotel = box(page, page.locator(".il-controls")), box(page, page.locator(
            ".il-main"))
        assert hotel["y"] >= controls["y"] + controls["height"] - 1  # stacked, not side by side
        # Play's card, then the hotel, then the settings: a participant does not scroll past
        # every lever to see the hotel
        settings = box(page, page.locator(".il-settings"))
        assert settings["y"] >= hotel["y"] + hotel["height"] - 1, (hotel, settings)
        assert box(page, page.locator(".interlodge-floor-plan"))["width"] >= 340
        for tab in ("Hotel", "Inspector", "Compare", "Lesson"):  # no tab hidden behind arrows
            on_screen(page, f"{tab} tab", page.get_by_role("tab", name=tab))
        page.screenshot(path=str(RESULTS / "app-layout-390.png"), full_page=True)
        # the inspector's goals, resources and constraints stack (three columns cut words)
        page.get_by_role("tab", name="Inspector").click()
        cards = [box(page, page.locator(".v-card", has=page.locator(
            ".v-card__title", has_text=re.compile(f"^{part}$")))) for part in (
            "Goals", "Resources", "Constraints")]
        assert all(card["width"] >= 300 for card in cards), cards
        assert cards[0]["y"] < cards[1]["y"] < cards[2]["y"], cards
        # the lesson's steps: their text under the button, not in a 70 px column beside it
        page.get_by_role("tab", name="Lesson").click()
        steps = page.locator(".lesson-step")
        expect(steps.first).to_be_visible()
        settled(page, steps.first)  # the tab slides in from the right
        for step in steps.all():
            said = box(page, step.locator("div").last)
            assert said["width"] >= 300 and said["x"] + said["width"] <= 391, said
    finally:
        page.context.close()
