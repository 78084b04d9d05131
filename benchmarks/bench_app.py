"""Speed of the browser app: simulated hours per second while playing, and first load.

    .venv/bin/python benchmarks/bench_app.py [--seconds 5] [--sessions 10] [--no-browser]
                                             [--only-answers]

Prints:
(a) in-process, through the page's own code path (solara.render of the page, its Play button
    and play loop): simulated hours per second at each speed setting of the default hotel,
    and the time of one Step (one hour stepped and the page redrawn);
(b) in Debian's headless Chromium against the real `interlodge app` server: first load (from
    navigation to the floor plan drawn), cold (first page of a fresh server) and warm (best
    of 5); simulated hours per second at "1 month/s" read off the page's Date monitor;
(c) the same server with `--sessions` browser sessions playing at once at "3 days/s" (the
    default): each session's simulated hours per second, slowest and median;
(d) on the largest hotel the app allows (1000 rooms on 10 floors, playing at 1 week/s, its
    fastest), how soon the page answers: from the click on Pause to the Date monitor's last
    change (read in the page at every frame); from the click on Reset to the old hotel's last
    change, to its "Warming the new hotel up" note and to the new hotel on the page; from a
    click on a tab to its view on the page, while playing and during a Reset's warm-up.
Targets (issue 4): at least 5 simulated hours per second with the default hotel; first load
within 5 s. Issue 11: Pause, Reset and a tab switch answer within 0.5 s.
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


def in_browser(seconds: float, sessions: int, only_answers: bool = False) -> None:
    from playwright.sync_api import sync_playwright

    from app_components import offline_assets
    from app_components.server_process import CHROMIUM, CHROMIUM_FLAGS, running_app

    offline_assets.prepare(log=lambda line: None)
    with tempfile.TemporaryDirectory() as tmp, running_app(Path(tmp) / "server.log") as (url, _), \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                             args=CHROMIUM_FLAGS)
        if only_answers:
            answers_on_the_largest_hotel(browser, url, seconds)
            return

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
        for page in pages:
            page.context.close()
        answers_on_the_largest_hotel(browser, url, seconds)
        browser.close()


LARGEST = "?rooms=1000&floors=10"  # staff grow with the rooms
# every frame, note when the Date monitor changes and when a reset's "Warming ... up" note
# comes and goes; note when anything is clicked
WATCH_DATE = """() => {
  window.ilChanges = []; window.ilClicks = []; window.ilWarming = [];
  let last = null, warming = false;
  const look = () => {
    const shown = document.querySelector('.monitor-value');
    const text = shown ? shown.textContent : null;
    if (text !== last) { window.ilChanges.push([performance.now(), text]); last = text; }
    const note = document.querySelector('.il-warming') !== null;
    if (note !== warming) { window.ilWarming.push([performance.now(), note]); warming = note; }
    requestAnimationFrame(look);
  };
  look();
  document.addEventListener('click', () => window.ilClicks.push(performance.now()), true);
}"""


def answers_on_the_largest_hotel(browser, url: str, seconds: float, repeats: int = 3) -> None:
    """(d): Pause, Reset and tab switches while the largest allowed hotel plays."""
    page = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    page.goto(url + LARGEST)
    play = page.get_by_role("button", name="Play", exact=True)
    play.wait_for(timeout=120_000)  # a 1000-room hotel warms up first
    choose(page, "Speed", "1 week/s")
    page.evaluate(WATCH_DATE)

    def playing_then(click) -> tuple[float, list]:
        """Play for `seconds`, `click()`; return the click's time and the date's changes
        after it (page clock, ms)."""
        play.click()
        page.wait_for_timeout(seconds * 1000)
        clicks = page.evaluate("() => window.ilClicks.length")
        click()
        page.wait_for_function(f"() => window.ilClicks.length > {clicks}")
        page.wait_for_timeout(3000)  # long enough to see a late change
        at = page.evaluate("() => window.ilClicks[window.ilClicks.length - 1]")
        return at, [c for c in page.evaluate("() => window.ilChanges") if c[0] > at]

    pauses = []
    for _ in range(repeats):
        at, changes = playing_then(lambda: page.get_by_role("button", name="Pause",
                                                            exact=True).click())
        pauses.append((changes[-1][0] - at) / 1000 if changes else 0.0)
    print("(d) largest hotel (1000 rooms, 1 week/s): Pause to the day counter's last change: "
          + ", ".join(f"{p:.2f}" for p in pauses) + f" s (max {max(pauses):.2f} s)")
    at, changes = playing_then(lambda: page.get_by_role("button", name="Reset",
                                                        exact=True).click())
    page.get_by_text("Day 0, 00:00").first.wait_for(timeout=120_000)
    changes = [c for c in page.evaluate("() => window.ilChanges") if c[0] > at]
    new = next(c[0] for c in changes if c[1] == "Day 0, 00:00")
    old = [c[0] for c in changes if c[0] < new]
    print(f"    Reset to the old hotel's last change: "
          f"{(old[-1] - at) / 1000 if old else 0.0:.2f} s; "
          f"new hotel (a 150-day warm-up of 1000 rooms) on the page: {(new - at) / 1000:.2f} s")
    notes = [(t, on) for t, on in page.evaluate("() => window.ilWarming") if t > at]
    shown = next((t for t, on in notes if on), None)
    gone = next((t for t, on in notes if not on and shown is not None and t > shown), None)
    print("    Reset to its 'Warming the new hotel up' note on the page: "
          + (f"{(shown - at) / 1000:.2f} s, note gone after {(gone - at) / 1000:.2f} s"
             if shown is not None and gone is not None else "no note seen"))
    play.click()
    page.wait_for_timeout(seconds * 1000)
    # (tab, what shows it has answered, what shows its view whole)
    for tab, answered, whole in (
            ("Inspector", ".interlodge-post", ".interlodge-post"),
            # the comparison's controls at once; its two hotels once built (first time only)
            ("Compare", ".interlodge-compare-controls", ".compare-date"),
            ("Hotel", ".interlodge-floor-plan", ".interlodge-floor-plan")):
        start = time.perf_counter()
        page.get_by_role("tab", name=tab).click()
        page.locator(answered).first.wait_for(timeout=60_000)
        first = time.perf_counter() - start
        page.locator(whole).first.wait_for(timeout=60_000)
        print(f"    tab switch to {tab} while playing: answered after {first:.2f} s, its view "
              f"whole after {time.perf_counter() - start:.2f} s")
    # a click during a Reset's warm-up: does the page answer before the new hotel is built?
    page.get_by_role("button", name="Pause", exact=True).click()
    page.get_by_role("button", name="Play", exact=True).wait_for()
    page.get_by_role("button", name="Reset", exact=True).click()
    start = time.perf_counter()
    page.get_by_role("tab", name="Inspector").click()
    page.locator(".interlodge-post").first.wait_for(timeout=120_000)
    answered = time.perf_counter() - start
    page.get_by_role("tab", name="Hotel").click()
    page.get_by_text("Day 0, 00:00").first.wait_for(timeout=120_000)
    page.locator(".il-warming").wait_for(state="detached", timeout=120_000)
    print(f"    tab switch to Inspector during a Reset's warm-up: answered after {answered:.2f} s "
          f"(the new hotel on the page after {time.perf_counter() - start:.2f} s)")
    page.context.close()


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
    parser.add_argument("--only-answers", action="store_true",
                        help="only (d): Pause, Reset and tab switches on the largest hotel")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))  # app.py, when run from a checkout without installing
    if not args.only_answers:
        in_process(args.seconds)
    from app_components.server_process import CHROMIUM

    if not args.no_browser:
        if not CHROMIUM.exists():
            print(f"(b), (c) skipped: {CHROMIUM} is absent")
        else:
            in_browser(args.seconds, args.sessions, args.only_answers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
