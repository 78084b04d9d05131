"""Reset of the largest hotel the app allows, as a workshop participant sees it: its warm-up
takes seconds, so the page says at once that it is warming the new hotel up (nothing to start
meanwhile), then the note goes and the new hotel is on the page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .test_app_browser import button, choose, date

pytestmark = pytest.mark.browser

LARGEST = "?rooms=1000&floors=10"  # staff grow with the rooms


def test_reset_of_a_big_hotel_says_it_warms_up_then_shows_the_new_hotel(hotel_page, app_url,
                                                                         shoot):
    page = hotel_page
    page.goto(app_url + LARGEST)
    expect(button(page, "Play")).to_be_visible(timeout=120_000)  # its first warm-up
    for _ in range(2):
        button(page, "Step").click()
    expect(page.locator(".monitor-value").first).to_have_text("Day 0, 02:00")
    choose(page, "Preset", "redesign")
    button(page, "Reset").click()
    warming = page.get_by_role("status").filter(has_text="Warming the new hotel up")
    # at once (the warm-up of 1000 rooms takes 2 s or more): what is happening, and how big
    expect(warming).to_be_visible(timeout=1_000)
    expect(warming).to_contain_text("150 days")
    expect(warming).to_contain_text("1000 rooms")
    expect(button(page, "Play")).to_be_disabled()
    expect(button(page, "Step")).to_be_disabled()
    assert date(page) == "Day 0, 02:00"  # the old hotel stays in view meanwhile
    shoot(page, "warming-up")
    expect(warming).to_be_hidden(timeout=120_000)
    expect(page.get_by_text("redesign, seed 0")).to_be_visible()
    expect(page.locator(".monitor-value").first).to_have_text("Day 0, 00:00")
    expect(button(page, "Play")).to_be_enabled()
    expect(page.get_by_text("Press Reset")).to_have_count(0)
    button(page, "Step").click()  # the new hotel answers
    expect(page.locator(".monitor-value").first).to_have_text("Day 0, 01:00")
    shoot(page, "warmed-up")
