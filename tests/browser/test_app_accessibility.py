"""Accessibility in the real page: axe-core finds no serious or critical violation, rooms can
be focused from the keyboard and show their details on focus.

axe-core comes from the axe-playwright-python package (its bundled axe.min.js, pinned in
constraints.txt): nothing is fetched while the tests run.
"""

from __future__ import annotations

from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import expect

from .test_app_browser import button, open_tab, play_for

pytestmark = pytest.mark.browser

AXE = Path(axe_playwright_python.__file__).with_name("axe.min.js")


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical WCAG 2 A/AA violations on the page, one line each."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => await axe.run(document,
        {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}})""")
    return [f"{v['id']} ({v['impact']}): {v['help']} - {len(v['nodes'])} nodes, e.g. "
            f"{v['nodes'][0]['target']}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def test_no_serious_axe_violations_on_any_tab(hotel_page, shoot):
    play_for(hotel_page, "1 week/s", 3)
    found = {}
    for tab in ("Hotel", "Inspector", "Compare", "Lesson"):
        open_tab(hotel_page, tab)
        found[tab] = serious_violations(hotel_page)
    print(found)
    assert not any(found.values()), found


def test_rooms_are_focusable_and_show_their_details_on_focus(hotel_page, shoot):
    button(hotel_page, "Step").click()
    room = hotel_page.locator(".il-room").first
    room.focus()
    expect(room).to_be_focused()
    label = room.get_attribute("aria-label")
    assert label.startswith("Room ") and ": " in label
    tip = room.evaluate("r => getComputedStyle(r, '::after').content")
    assert label in tip  # the details show on focus, not only on hover
    hotel_page.keyboard.press("Tab")
    expect(hotel_page.locator(".il-room").nth(1)).to_be_focused()
    shoot(hotel_page, "room-focused")
