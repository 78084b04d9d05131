"""Reset of the largest hotel the app allows, as a workshop participant sees it: its warm-up
takes a moment (half a second on a quiet machine, seconds on a busy laptop), so the page says
at once that it is warming the new hotel up (nothing to start meanwhile), then the note goes
and the new hotel is on the page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .test_app_browser import button, choose

pytestmark = pytest.mark.browser

LARGEST = "?rooms=1000&floors=10"  # staff grow with the rooms

# In the page: from now on, at every change of the page, whether the warming note shows (its
# text), whether Play and Step are disabled, and the Date monitor, with the time.
RECORD_THE_PAGE = """() => {
  window.recorded = [];
  const button = name => [...document.querySelectorAll('button')]
      .find(b => b.textContent.trim() === name);
  const state = name => { const b = button(name); return !b ? 'absent' :
      (b.disabled ? 'disabled' : 'enabled'); };
  const record = () => {
    const note = [...document.querySelectorAll('[role=status]')]
        .find(e => e.textContent.includes('Warming the new hotel up'));
    const date = document.querySelector('.monitor-value');
    window.recorded.push({at: performance.now(), note: note ? note.textContent : null,
                          play: state('Play'), step: state('Step'),
                          date: date ? date.textContent.trim() : null});
  };
  new MutationObserver(record).observe(document.body, {subtree: true, childList: true,
      attributes: true, characterData: true});
}"""


def test_reset_of_a_big_hotel_says_it_warms_up_then_shows_the_new_hotel(hotel_page, app_url,
                                                                         shoot):
    page = hotel_page
    page.goto(app_url + LARGEST)
    expect(button(page, "Play")).to_be_visible(timeout=120_000)  # its first warm-up
    for _ in range(2):
        button(page, "Step").click()
    expect(page.locator(".monitor-value").first).to_have_text("Day 0, 02:00")
    choose(page, "Preset", "redesign")
    page.evaluate(RECORD_THE_PAGE)
    clicked = page.evaluate("performance.now()")
    button(page, "Reset").click()
    # the new hotel on the page; then every state the page went through since the click,
    # from the recorder: the warm-up now takes well under a second on a quiet machine, too
    # short to look at with Playwright's waits
    expect(page.get_by_text("redesign, seed 0")).to_be_visible(timeout=120_000)
    expect(page.get_by_role("status").filter(has_text="Warming")).to_have_count(0)
    states = page.evaluate("window.recorded")
    shown = [i for i, state in enumerate(states) if state["note"]]
    assert shown, "the page never said it was warming the new hotel up"
    first = states[shown[0]]
    assert first["at"] - clicked < 2_000  # at once (bench_app.py measures how soon)
    assert "150 days" in first["note"] and "1000 rooms" in first["note"]
    # nothing to start meanwhile, and the old hotel stays in view until the new one replaces
    # it (the last states may show the new hotel while the note goes)
    assert first["date"] == "Day 0, 02:00", first
    for state in states[shown[0]:shown[-1] + 1]:
        if state["date"] == "Day 0, 02:00":
            assert state["play"] == state["step"] == "disabled", state
    expect(page.locator(".monitor-value").first).to_have_text("Day 0, 00:00")
    expect(button(page, "Play")).to_be_enabled()
    expect(page.get_by_text("Press Reset")).to_have_count(0)
    button(page, "Step").click()  # the new hotel answers
    expect(page.locator(".monitor-value").first).to_have_text("Day 0, 01:00")
    shoot(page, "warmed-up")
