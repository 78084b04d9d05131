"""The lesson's evening replay in the real page: one evening played slowly, its ticker under
the floor plan telling real events in time order, stopping at midnight."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .test_app_browser import button, open_tab

pytestmark = pytest.mark.browser


def test_evening_replay_tells_the_evening_in_time_order_and_stops_at_midnight(hotel_page,
                                                                              shoot):
    open_tab(hotel_page, "Lesson")
    button(hotel_page, "Evening replay").click()
    ticker = hotel_page.locator(".evening-ticker")
    expect(ticker).to_contain_text("Evening replay, day 0", timeout=30_000)
    date = hotel_page.locator(".monitor-value").first
    # slowly: the page shows an hour of the evening before it ends
    expect(date).to_have_text(re.compile(r"Day 0, (1[7-9]|2[0-3]):00"), timeout=30_000)
    assert "The evening is over." not in ticker.inner_text()
    # its last hour (23:00) is still the evening: the ticker says so at midnight, not before
    expect(date).to_have_text("Day 0, 23:00", timeout=60_000)
    assert "The evening is over." not in ticker.inner_text()
    expect(ticker).to_contain_text("The evening is over.", timeout=60_000)
    expect(hotel_page.get_by_text("Stopped at day 1, where the evening replay ends.")
           ).to_be_visible(timeout=10_000)
    expect(date).to_have_text("Day 1, 00:00")
    lines = ticker.locator(".il-tick")
    times = [line.locator(".il-tick-time").inner_text() for line in lines.all()]
    assert len(times) >= 2, times
    assert times == sorted(times) and set(times) <= {f"{h}:00" for h in range(17, 24)}
    first = lines.first.inner_text()
    assert times[0] == "17:00" and "Maintenance goes home." in first  # the manager's decision
    texts = [line.inner_text() for line in lines.all()]
    assert any("back from sale tonight" in t or "holds no room back" in t for t in texts)
    for text in texts:  # rooms named are rooms of this hotel (101-120 ... 501-520)
        for room in re.findall(r"room (\d+)", text):
            assert 101 <= int(room) <= 520 and 1 <= int(room) % 100 <= 20, text
    shoot(hotel_page, "evening-replay")
