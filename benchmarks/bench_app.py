"""Speed of the browser app: simulated hours per second while playing, and first load.

    .venv/bin/python benchmarks/bench_app.py [--seconds 5] [--sessions 10] [--no-browser]

Prints:
(a) in-process, through the page's own code path (solara.render of the page, its Play button
    and play loop): simulated hours per second at each speed setting of the default hotel,
    and the time of one Step (one hour stepped and the page redrawn);
(b) in Debian's headless Chromium against the real `interlodge app` server: first load (from
    navigation to the floor plan drawn), cold (first page of a fresh server) and warm (best
    of 5); simulated hours per second at "1 month/s" read off the page's Date monitor;
(c) the same server with `--sessions` browser sessions playing at once at "3 days/s" (the
    default): each session's simulated hours per second, slowest and median.
Targets (issue 4): at least 5 simulated hours per second with the default hotel; first load
within 5 s.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def hours_of(date: str) -> int:
    """'Day 3, 14:00' -> 86."""
    day, clock = date.removeprefix("Day ").split(", ")
    return int(day) * 24 + int(clock[:2])


def in_process(seconds: float) -> None:
    import ipyvuetify as v
    import solara

    import app
    from app_components.playback import SPEEDS

    _, rc = solara.render(app.Page(), handle_error=False)

    def button(label):
        return next(w for w in rc.find(v.Btn).widgets if label in w.children)

    def date():
        cards = next(w.unsafe_innerHTML for w in rc.find(solara.widgets.HTML).widgets
                     if "monitors" in (w.attributes or {}).get("class", ""))
        return re.search(r'class="monitor-value"[^>]*>([^<]*)<', cards).group(1)

    start = time.perf_counter()
    for _ in range(48):
        button("Step").click()
    print(f"(a) one Step, hotel stepped and page redrawn: "
          f"{(time.perf_counter() - start) / 48 * 1000:.0f} ms")
    speed = rc.find(v.Select, label="Speed (simulated time per second)").widget
    for hours, label in SPEEDS.items():
        speed.v_model = label
        before = hours_of(date())
        button("Play").click()
        start = time.perf_counter()
        time.sleep(seconds)
        button("Pause").click()
        elapsed = time.perf_counter() - start
        time.sleep(0.3)
        rate = (hours_of(date()) - before) / elapsed
        print(f"    playing at {label:>10}: {rate:7.1f} simulated hours/s (set: {hours})")


def in_browser(seconds: float, sessions: int) -> None:
    from playwright.sync_api import sync_playwright

    from app_components import offline_assets
    from app_components.server_process import CHROMIUM, CHROMIUM_FLAGS, running_app

    offline_assets.prepare(log=lambda line: None)
    with tempfile.TemporaryDirectory() as tmp, running_app(Path(tmp) / "server.log") as (url, _), \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                             args=CHROMIUM_FLAGS)

        def open_page():
            page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            start = time.perf_counter()
            page.goto(url)
            page.locator(".interlodge-floor-plan .il-room").first.wait_for(timeout=60_000)
            return page, time.perf_counter() - start

        first, cold = open_page()
        warm = []
        for _ in range(5):
            page, seconds_to_load = open_page()
            warm.append(seconds_to_load)
            page.context.close()
        print(f"(b) first load: cold {cold:.2f} s, warm best {min(warm):.2f} s "
              f"(median {statistics.median(warm):.2f} s)")
        rate = play_in_browser(first, "1 month/s", seconds)
        print(f"    playing at 1 month/s in the browser: {rate:.1f} simulated hours/s")
        first.context.close()

        pages = [open_page()[0] for _ in range(sessions)]
        for page in pages:
            choose(page, "Speed", "3 days/s")
        starts = [hours_of(date(page)) for page in pages]
        for page in pages:
            page.get_by_role("button", name="Play", exact=True).click()
        start = time.perf_counter()
        time.sleep(seconds * 2)
        elapsed = time.perf_counter() - start
        rates = sorted((hours_of(date(page)) - s) / elapsed for page, s in zip(pages, starts,
                                                                             strict=True))
        print(f"(c) {sessions} sessions playing at 3 days/s (72 h/s) at once: slowest "
              f"{rates[0]:.1f}, median {statistics.median(rates):.1f} simulated hours/s")
        browser.close()


def date(page) -> str:
    return page.locator(".monitor-value").first.inner_text()


def choose(page, label: str, option: str) -> None:
    page.locator(".v-select").filter(has_text=label).first.click()
    page.get_by_role("option", name=option, exact=True).click()


def play_in_browser(page, speed: str, seconds: float) -> float:
    choose(page, "Speed", speed)
    before = hours_of(date(page))
    page.get_by_role("button", name="Play", exact=True).click()
    start = time.perf_counter()
    page.wait_for_timeout(seconds * 1000)
    after = hours_of(date(page))
    elapsed = time.perf_counter() - start
    page.get_by_role("button", name="Pause", exact=True).click()
    return (after - before) / elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="seconds of play per figure")
    parser.add_argument("--sessions", type=int, default=10, help="sessions playing at once")
    parser.add_argument("--no-browser", action="store_true", help="only the in-process part")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))  # app.py, when run from a checkout without installing
    in_process(args.seconds)
    from app_components.server_process import CHROMIUM

    if not args.no_browser:
        if not CHROMIUM.exists():
            print(f"(b), (c) skipped: {CHROMIUM} is absent")
        else:
            in_browser(args.seconds, args.sessions)
    return 0


if __name__ == "__main__":
    sys.exit(main())
