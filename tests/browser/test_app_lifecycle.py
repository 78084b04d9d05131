"""Nothing left running: Pause answers on the largest allowed hotel, a closed browser leaves
the server idle, Ctrl-C stops it within seconds and its port can be used again at once.

These tests start their own server: they close browsers and stop the server on purpose.
"""

from __future__ import annotations

import re
import signal
import time

import pytest
from playwright.sync_api import expect

from app_components.server_process import cpu_seconds, running_app

from .test_app_browser import button, choose, date

pytestmark = pytest.mark.browser

LARGEST = "?rooms=1000&floors=20"  # the model's and the app's largest hotel, default warm-up


def pause_latency(page) -> float:
    """Seconds from the click on Pause until the page shows Play again."""
    start = time.perf_counter()
    button(page, "Pause").click()
    expect(button(page, "Play")).to_be_visible(timeout=10_000)
    return time.perf_counter() - start


def stands_still(page, within: float = 10.0) -> bool:
    """Does the Date monitor stop changing (the same over 0.8 s) within `within` seconds?
    A loaded browser may draw the last frames before the pause a moment after Play shows;
    a hotel still playing never stands still."""
    deadline = time.perf_counter() + within
    while time.perf_counter() < deadline:
        before = date(page)
        page.wait_for_timeout(800)
        if date(page) == before:
            return True
    return False


def test_pause_answers_and_a_closed_browser_leaves_the_server_idle(browser_type,
                                                                   browser_type_launch_args,
                                                                   tmp_path):
    log = tmp_path / "server.log"
    with running_app(log, options=("--pause-when-hidden", "2")) as server:
        browser = browser_type.launch(**browser_type_launch_args)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(server.url + LARGEST)
        button(page, "Play").wait_for(timeout=60_000)
        expect(page.get_by_text(re.compile("1000 rooms in play .* at most 1 week/s"))
               ).to_be_visible()
        choose(page, "Speed", "1 week/s")
        latencies = []
        for _ in range(3):
            button(page, "Play").click()
            expect(page.locator(".monitor-value").first).not_to_have_text(
                "Day 0, 00:00", timeout=20_000)
            page.wait_for_timeout(1500)
            latencies.append(pause_latency(page))
            assert stands_still(page)  # really stopped, not only the button
        print(f"pause latency on {LARGEST}: {', '.join(f'{s:.2f}' for s in latencies)} s")
        # 0.5 s is the target on a quiet machine (benchmarks/bench_app.py measures it); the
        # test allows for a loaded CI machine and still fails the old behaviour (90-180 s)
        assert min(latencies) <= 1.5, latencies

        # a page hidden (another tab, a closed lid) for the set time pauses its hotel
        button(page, "Play").click()
        expect(button(page, "Pause")).to_be_visible()  # playing, before the page hides
        page.evaluate("""() => {
            Object.defineProperty(document, 'hidden', {value: true, configurable: true});
            document.dispatchEvent(new Event('visibilitychange'));
        }""")
        expect(page.get_by_text("Paused: the page was hidden for 2 s.")).to_be_visible(
            timeout=15_000)
        expect(button(page, "Play")).to_be_visible()

        # close the browser while playing: the server goes back to idle
        page.evaluate("""() => {
            Object.defineProperty(document, 'hidden', {value: false, configurable: true});
            document.dispatchEvent(new Event('visibilitychange'));
        }""")
        button(page, "Play").click()
        expect(button(page, "Pause")).to_be_visible()
        page.wait_for_timeout(1000)
        browser.close()
        time.sleep(2.0)
        before, start = cpu_seconds(server.process.pid), time.perf_counter()
        time.sleep(3.0)
        idle_share = (cpu_seconds(server.process.pid) - before) / (time.perf_counter() - start)
        print(f"server CPU 2-5 s after the browser closed: {idle_share:.1%} of a core")
        assert idle_share < 0.05, idle_share

        # Ctrl-C stops it within a few seconds, even with a hotel playing in an open page
        browser = browser_type.launch(**browser_type_launch_args)
        page = browser.new_page()
        page.goto(server.url + "?rooms=500")
        button(page, "Play").click(timeout=60_000)
        expect(page.locator(".monitor-value").first).not_to_have_text(
            "Day 0, 00:00", timeout=20_000)
        start = time.perf_counter()
        server.process.send_signal(signal.SIGINT)
        server.process.wait(timeout=10)
        print(f"Ctrl-C to exit: {time.perf_counter() - start:.1f} s")
        browser.close()
        port = int(server.url.rsplit(":", 1)[1].strip("/"))
    # and the same port serves again at once
    with running_app(tmp_path / "again.log", port=port) as again:
        assert again.url == server.url
    assert "Traceback" not in log.read_text(), log.read_text()[-3000:]
